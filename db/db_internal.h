/* db_internal — what db/ modules share about an open workspace and not beyond db/: the
 * SQLite handle, cached statements, the device key, the clock, the cases whose search index
 * is stale. */
#ifndef IPCASE_DB_INTERNAL_H
#define IPCASE_DB_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>

#include "db/db.h"

#define DB_STMT_CACHE 192 /* every SQL literal of db/ and three per record type */
#define DB_MAX_DEPTH 8

struct db {
	sqlite3 *sql;
	char home[1024];
	int readonly;          /* 0: writable; else why not (EROFS, EACCES): reads only */
	struct db_identity self;
	unsigned char pk[32], sk[64];
	int64_t hlc;           /* last hybrid logical time issued or seen */
	int depth;             /* nesting of db_begin */
	uint64_t epoch;        /* moves on at each outermost db_begin and at each rollback: what
				* a cache read inside a transaction holds good until it moves */
	size_t dirty_mark[DB_MAX_DEPTH]; /* ndirty at each level, restored on rollback */
	struct {
		const char *sql;   /* the literal's address is the key */
		sqlite3_stmt *st;
	} cache[DB_STMT_CACHE];
	unsigned char stmt_hint[256]; /* by a literal's address: its index in cache, if still */
	struct signer *signer; /* signs the ops of bulk transactions; made on first use */
	struct ckpt *ckpt;     /* checkpoints the log beside a bulk writer (db_bulk) */
	const struct db_key *as; /* the key db_write_as signs with, NULL for the device key */
	char send_as[65];      /* another key whose ops this device sends (the office key) */
	struct db_dirty {      /* records whose type refreshes derived data at commit */
		int type;      /* index in schema_types */
		int64_t rowid;
	} *dirty;
	size_t ndirty, adirty;
	struct calendar *cal;  /* the working-day calendar, loaded on first use (db/calendar.c) */
	bool cases_deferred;   /* cases to refresh go to case_pending (case_defer) */
};

/* A prepared statement for a SQL literal, reset and with bindings cleared; owned by the
 * cache. On failure fills e and returns NULL. */
sqlite3_stmt *db_stmt(db *d, const char *sql, ipc_err *e);

/* Every row st gives (its parameters bound) made into JSON by row, in order; st reset after.
 * NULL with e filled when row fails (out of memory) or the query does. */
json_t *db_rows(db *d, sqlite3_stmt *st, json_t *(*row)(db *d, sqlite3_stmt *st), ipc_err *e);

/* Runs SQL without results; fills e on failure. */
int db_exec(db *d, const char *sql, ipc_err *e);

/* The columns of a record type's table (db.c type_table_create): fixed ones, then its fields
 * in schema order from COL_FIELDS on. */
enum { COL_ROWID, COL_ID, COL_CREATED, COL_UPDATED, COL_CREATOR, COL_CONFLICT, COL_FIELDS };

/* "instr(<alias>handlers, '"cert":"<my cert>"') > 0": is this officer a handler of the case?
 * With the certificate inlined, so the planner can use the partial index t_case_mine. */
void db_mine_sql(const db *d, const char *alias, char *out, size_t n);

/* Fills e with SQLite's message for what failed, prefixed by what we were doing. */
int db_sqlerr(db *d, ipc_err *e, const char *doing);

/* The single integer a query yields (a count), with `key` (when not NULL) bound to its one
 * parameter; 0 when it fails. */
int64_t db_count(db *d, const char *sql, const char *key);

/* Binds a possibly-NULL text as TEXT or NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Milliseconds since the epoch; IPCASE_FAKE_NOW_MS overrides it in tests. */
int64_t db_wall_ms(void);

/* store.c: a row of a materialised table (SELECT *) as the record's JSON state. */
struct rtype;
json_t *db_row_json(const struct rtype *t, sqlite3_stmt *st);

/* store.c: stores the lines the signer signed and calls the refresh hook of every record
 * marked in this transaction (a case's search text and deadlines); called by db_commit
 * before COMMIT. */
int db_store_flush(db *d, ipc_err *e);

/* store.c: removes the temporary files of attachments (files/incoming.*) whose writer was
 * killed before it finished: those no live process holds. Nothing on a read-only workspace. */
void db_files_sweep(db *d);

/* store.c: the transaction was rolled back whole: what the signer still holds is dropped. */
void db_store_discard(db *d);

#endif
