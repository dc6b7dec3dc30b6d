/* sync — replication of a workspace's channels through git (libgit2): the repository format
 * of DESIGN.md, the commit of local ops, fetch, union merge, import of peers' ops through
 * db_import, push (with our own safe push to local paths), quarantine of bad data. */
#ifndef IPCASE_SYNC_H
#define IPCASE_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "db/channel.h"
#include "db/db.h"

#define SYNC_FORMAT 2 /* sync/format.h: records filed by the end of their id */

struct sync_stats {
	long ops_received, records_received, ops_sent, conflicts, quarantined;
	long restored; /* merges that restored what the remote's newer commit had dropped */
	double seconds;
};

/* Called on long work: `what` is a short phrase ("importing"), done of total (total 0 when
 * unknown). Non-zero stops the run there (the screen's Esc): sync_run fails, keeping what
 * it imported and committed before (each its own transaction; git objects and refs are
 * written whole or not at all). */
typedef int (*sync_progress)(const char *what, size_t done, size_t total, void *arg);

/* Does the step `what` (a sync_progress step) wait on the remote? Only those count towards
 * a network timeout: committing, importing and packing are local work, however long. */
bool sync_step_network(const char *what);

/* Syncs the workspace with one remote: commit unsynced ops of its channel, fetch, merge,
 * import, push (fetching and merging again when the push is rejected). On failure e says
 * why in words (DNS, refused, authentication, certificate, timeout…); what was imported
 * before the failure stays imported. */
int sync_run(db *d, const char *remote, struct sync_stats *st, sync_progress progress,
	     void *arg, ipc_err *e);

/* Packs a channel's repository into one pack now; before/after get how many loose objects
 * and packs it had. */
int sync_gc(db *d, const char *channel, long *before, long *after, ipc_err *e);

/* Refuses a file:// URL that names no folder of this computer or has a bad %XX escape (a
 * path or another URL: 0); what `remote add` checks before it keeps a URL. */
int sync_url_check(const char *url, ipc_err *e);

/* Keeps a remote, checked first as `remote add` and the sync screen's form check it: its key
 * file readable, its URL (sync_url_check), its name and channel (db_remote_add); e names the
 * field at fault ("name", "url", "channel", "key"). */
int sync_remote_add(db *d, const struct db_remote *r, ipc_err *e);

/* The one-line summary of a run. */
void sync_summary(const struct sync_stats *st, char *out, size_t n);

#endif
