/* draft — forms being typed, kept in the workspace so that a crash or a closed terminal loses
 * nothing: one JSON file per open form in <workspace>/drafts/ (folder 0700, files 0600), each
 * written whole to a temporary file, synced and renamed over the last one. What a draft holds
 * is the screen's business; this module names, writes, lists, reads and removes them. */
#ifndef IPCASE_DRAFT_H
#define IPCASE_DRAFT_H

#include <jansson.h>

#include "db/db.h"

/* A draft's name: a time-ordered id and ".json" (36 + 5 characters). */
#define DRAFT_NAME_MAX 48

/* A new, unique draft name (time-ordered, so the list is oldest first). */
void draft_name_new(char out[DRAFT_NAME_MAX]);

/* Writes doc as draft `name` atomically: the old content stays whole until the new content
 * is on disk. */
int draft_write(db *d, const char *name, const json_t *doc, ipc_err *e);

/* The names of the drafts in the workspace, oldest first (a JSON array of strings). */
json_t *draft_list(db *d, ipc_err *e);

/* The content of draft `name` (a JSON object); NULL with e filled when it is missing,
 * unreadable or not a JSON object. */
json_t *draft_read(db *d, const char *name, ipc_err *e);

/* Removes draft `name` (no error when it is already gone). */
int draft_remove(db *d, const char *name, ipc_err *e);

#endif
