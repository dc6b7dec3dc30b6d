/* workspace — the officer's workspace: its folder, the SQLite database (schema migrations,
 * WAL, one table per record type), the officer's identity and Ed25519 device key. */
#ifndef IPCASE_WORKSPACE_H
#define IPCASE_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* The workspace folder: --home, else $IPCASE_HOME, else $XDG_DATA_HOME/ipcase, else
 * ~/.local/share/ipcase. */
int db_home_resolve(const char *opt_home, char *out, size_t n, ipc_err *e);

/* Creates a workspace in home (folders 0700, files 0600): database, identity, device key.
 * Refuses an existing workspace. Fills id->actor. */
int db_init(const char *home, struct db_identity *id, ipc_err *e);

/* Is there a workspace in home? */
bool db_exists(const char *home);

/* Calls notice(from, to) before an existing workspace's schema is migrated at its open:
 * at 100 000 cases that takes some 12 s (v9), and the store prints nothing itself. */
void db_on_migrate(void (*notice)(int from, int to));

/* Gives the database's free pages back to the disk (VACUUM) when they are a quarter of it or
 * more: a migration that makes a table again (schema 9, 11) leaves the old one's pages free,
 * and later writes only reuse them. *before and *after: the database's bytes. */
int db_compact(db *d, int64_t *before, int64_t *after, ipc_err *e);

/* Opens an existing workspace; says how to create one when there is none. */
int db_open(const char *home, db **out, ipc_err *e);
void db_close(db *d);

#endif
