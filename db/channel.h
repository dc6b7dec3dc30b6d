/* channel — what sync keeps in the store: the remotes of each channel, settings it reads and
 * writes (last commit imported, last op sent), the local ops a channel has not carried yet,
 * attachment files, and the quarantine of peer data that could not be imported. */
#ifndef IPCASE_CHANNEL_H
#define IPCASE_CHANNEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

struct db_remote {
	char name[64];
	char url[1024];
	char channel[16];  /* "office" or "collab" */
	char key_path[1024]; /* ssh private key file, or "" for ssh-agent */
};

/* Is this a channel name ipcase knows? */
bool channel_known(const char *channel);

int db_remote_add(db *d, const struct db_remote *r, ipc_err *e);
int db_remote_remove(db *d, const char *name, ipc_err *e);
int db_remote_get(db *d, const char *name, struct db_remote *out, ipc_err *e);
/* [{"name","url","channel","key"}…] by name. */
json_t *db_remote_list(db *d, ipc_err *e);

/* This device's ops (and the office key's, when it holds it: db_send_as) of the record
 * types that travel in `channel`, stored after seq `after` up to the last stored when the walk
 * began (*seen: the `after` of the next call), ordered by the last two characters of the
 * record's id (the shard folder of sync/format), then storage order: a large backlog committed
 * in that order writes each shard folder once. fn gets the record's type and id, the op line
 * and its seq; a non-zero return stops the walk and is returned. */
int db_ops_unsent(db *d, const char *channel, int64_t after, int64_t *seen,
		  int (*fn)(int64_t seq, const char *type, const char *record, const char *actor,
			    const char *line, void *arg), void *arg, ipc_err *e);

/* This device's key as published in a channel (keys/<actor>.json), signed by it. */
char *db_key_publish(db *d, ipc_err *e);

/* How many fields are in conflict in the whole workspace. */
int64_t db_conflict_count(db *d);

/* This officer's ops that no remote of their channel has received yet (the status bar's
 * "unsynced"), counted up to DB_UNSYNCED_MAX: beyond it the count says only "that many or
 * more", and costs no more than that many index entries (a workspace never synced may hold
 * half a million). */
#define DB_UNSYNCED_MAX 1000
int64_t db_unsynced_count(db *d);
/* The same for the ops of some types in one channel (collaboration requests waiting to go
 * out), also up to DB_UNSYNCED_MAX; -1 when it cannot be counted. */
int64_t db_unsent_count(db *d, const char *channel, const char *const *types, size_t ntypes);
/* Does the workspace keep a remote of this channel? */
bool db_remote_of(db *d, const char *channel);

/* Is this exact line the stored line of the op it names? (Lines already imported are
 * skipped without checking their signature again.) */
bool db_op_has_line(db *d, const char *line, size_t len);

/* The path of an attachment in the workspace, and storing one that arrived (its content is
 * checked against its SHA-256 first). */
void db_file_path(db *d, const char *sha256, char *out, size_t n);
int db_file_put(db *d, const char *sha256, const void *data, size_t len, ipc_err *e);

/* Is sha256 (64 hex digits) the SHA-256 of data? */
bool db_file_matches(const char *sha256, const void *data, size_t len);

/* Records a line that could not be imported. *fresh says whether it is new (not reported
 * by an earlier sync). `actor` (may be NULL) lets the line be retried when that key arrives. */
int db_quarantine_add(db *d, const char *channel, const char *path, const char *line,
		      size_t len, const char *reason, const char *actor, bool *fresh, ipc_err *e);
/* [{"channel","path","reason","line","first_seen"}…], newest first. */
json_t *db_quarantine_list(db *d, ipc_err *e);
/* Imports the quarantined lines whose writer's key is now known; *imported counts them. */
int db_quarantine_retry(db *d, long *imported, ipc_err *e);

#endif
