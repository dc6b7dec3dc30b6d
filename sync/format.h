/* format — the layout of a channel's repository (DESIGN.md, "the repository format"): which
 * path may name what. Everything else is outside the format: never entered, never imported.
 *   ipcase.json                               the channel's description
 *   keys/<actor>.json                         a device's public key (actor: 64 hex digits)
 *   files/<h[0:2]>/<h>                        an attachment named by its SHA-256 h
 *   ops/<type>/<id[0:2]>/<id>/<actor>.jsonl   one writer's ops on one record (id: 36 chars)
 * So no path is deeper than 5 names, and a walk guided by it never goes deeper. */
#ifndef IPCASE_FORMAT_H
#define IPCASE_FORMAT_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

/* Room for a path of the format (its longest is under 160 bytes; longer ones are cut, and
 * then outside it). */
#define FMT_PATH_MAX 256

enum fmt_kind {
	FMT_BAD,    /* outside the format */
	FMT_DIR,    /* a folder of the format: ops, ops/case, keys… */
	FMT_FORMAT, /* ipcase.json */
	FMT_KEY,
	FMT_FILE,
	FMT_OPS,
};

/* What the entry at `path` (from the root, '/'-separated) with this file mode is. */
enum fmt_kind fmt_kind(const char *path, git_filemode_t mode);

/* The record type of an ops path or folder below ops/ ("case" of ops/case/ab/…), copied into
 * type (n bytes); false when path is not below ops/. */
bool fmt_ops_type(const char *path, char *type, size_t n);

/* Is a key file or an attachment what its path says: a key that parses, is signed by its device
 * and is named after it (who gets the device), an attachment whose SHA-256 is its name? Other
 * kinds are. why gets the reason when not. */
bool fmt_blob_right(enum fmt_kind k, const char *path, const void *data, size_t len,
		    struct db_identity *who, ipc_err *why);

#endif
