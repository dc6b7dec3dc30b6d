/* db — an open workspace (db/workspace.h opens one): the officer's identity, settings, today's
 * date, transactions. Every other db/ module works on an open `db`. */
#ifndef IPCASE_DB_H
#define IPCASE_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

typedef struct db db;

struct db_identity {
	char office[16];       /* division code of the office, e.g. 130100 */
	char office_name[128]; /* 石家庄市市场监督管理局 */
	char officer[64];      /* the officer's name */
	char cert[48];         /* enforcement certificate number (执法证号) */
	char case_prefix[96];  /* case-number prefix, e.g. 冀石市监处罚 */
	char actor[65];        /* hex of the device's Ed25519 public key */
};

const struct db_identity *db_self(const db *d);
const char *db_home(const db *d);

/* Accepts ops signed by this device from now on: our own at init, a colleague's as sync
 * publishes it. */
int db_actor_add(db *d, const struct db_identity *who, ipc_err *e);

/* Ops signed by `actor` (the office key this device holds) are this device's to send as
 * well as its own. */
int db_send_as(db *d, const char *actor, ipc_err *e);

/* Local settings (the meta table): "" when unset. */
void db_meta_get(db *d, const char *key, char *out, size_t n);
int db_meta_set(db *d, const char *key, const char *value, ipc_err *e);

/* Today's date (YYYY-MM-DD, local time; IPCASE_TODAY overrides it in tests) and the time now
 * to the minute (YYYY-MM-DDTHH:MM, local time; IPCASE_FAKE_NOW_MS overrides it): what forms
 * offer as the default of a date or a time. */
void db_today(char out[11]);
void db_now(char out[17]);

/* 0 when the workspace can be written; else -1 with e (when not NULL) saying in words why
 * not: read-only (a read-only medium, no write permission), naming its folder, or a disk too
 * full to open it for writing. Such a workspace opens for reading: every write is refused
 * with this message. */
int db_writable(db *d, ipc_err *e);

/* One write = one transaction. Writes open their own when none is open; bulk work (imports,
 * demo data) wraps many writes in one db_begin/db_commit. */
int db_begin(db *d, ipc_err *e);
int db_commit(db *d, ipc_err *e);
void db_rollback(db *d);

/* Bulk mode, for importing what a channel holds anyway and for demo data: this handle's
 * commits are not flushed to the disk one by one, and the log is written into the database
 * every 32 768 pages instead of every thousand, by a thread of its own (db/ckpt.h). A power
 * cut may undo its last commits (never half of one): the channel still holds what they
 * imported, and the next sync takes it again; demo data is made again. Leaving it makes the
 * next commit flush everything before it. Inside a transaction it changes nothing. */
int db_bulk(db *d, bool on, ipc_err *e);

#endif
