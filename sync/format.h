/* format — the layout of a channel's repository (DESIGN.md, "the repository format"): which
 * path may name what. Everything else is outside the format: never entered, never imported.
 *   ipcase.json                               the channel's description
 *   keys/<actor>.json                         a device's public key (actor: 64 hex digits)
 *   files/<h[0:2]>/<h>                        an attachment named by its SHA-256 h
 *   ops/<type>/<id[34:36]>/<id>/<actor>.jsonl one writer's ops on one record (id: 36 chars)
 * So no path is deeper than 5 names, and a walk guided by it never goes deeper.
 *
 * Format 2 files a record under the last two characters of its id, the random end of a
 * UUIDv7: 256 folders of even size. Format 1 filed it under the first two, the start of its
 * clock, which is "01" for every record written between 2004 and 2039: one folder per type
 * held every record (100 000 cases: a tree of 6 MB rewritten by every commit, and parsed
 * whole by every lookup). A record placed as format 1 put it is still read, from a channel not
 * yet moved or a peer not yet upgraded; the next commit moves it (sync/commit). */
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

/* Where a record folder named id (n bytes) sits in shard folder xx: as format 2 files it, only
 * as format 1 did (moved by the next commit), or neither (outside the format). */
enum fmt_place { FMT_PLACE_BAD, FMT_PLACE_RIGHT, FMT_PLACE_OLD };
enum fmt_place fmt_record_place(const char *xx, const char *id, size_t n);

/* The path of a writer's ops on a record (format 2) into out, FMT_PATH_MAX bytes. */
void fmt_ops_path(const char *type, const char *record, const char *actor, char *out);

/* Is path where format 2 or format 1 files these ops? */
bool fmt_ops_filed(const char *path, const char *type, const char *record, const char *actor);

/* The format a channel description (ipcase.json) names, -1 when it names none. */
int fmt_format_of(const void *data, size_t len);

/* The record type of an ops path or folder below ops/ ("case" of ops/case/ab/…), copied into
 * type (n bytes); false when path is not below ops/. */
bool fmt_ops_type(const char *path, char *type, size_t n);

/* Orders ops paths by type, then record, then writer: within a type, the records' ids
 * (UUIDv7: their order of creation) rather than their shard folders (their last hex digits).
 * An import in this order appends to the store's indexes keyed by record instead of
 * scattering every insert over them. */
int fmt_ops_cmp(const char *a, const char *b);

/* Is a key file or an attachment what its path says: a key that parses, is signed by its device
 * and is named after it (who gets the device), an attachment whose SHA-256 is its name? Other
 * kinds are. why gets the reason when not. */
bool fmt_blob_right(enum fmt_kind k, const char *path, const void *data, size_t len,
		    struct db_identity *who, ipc_err *why);

#endif
