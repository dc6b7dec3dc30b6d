/* db — an open workspace's handle as the store's modules use it: the statement cache, SQL
 * helpers, settings (the meta table), the officer's identity, today's date, transactions.
 * Opening and creating a workspace is db/workspace.c's. */
#include "base/i18n.h"
#include "db/ckpt.h"
#include "db/db_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "base/disk.h"

/* The kind of an SQLite failure: damaged file, disk, memory, a unique key taken. */
static enum ipc_err_kind sql_kind(db *d)
{
	switch (d && d->sql ? sqlite3_errcode(d->sql) & 0xff : SQLITE_MISUSE) { /* the primary code */
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return IPC_E_CORRUPT;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return IPC_E_IO;
	case SQLITE_CONSTRAINT:
		return IPC_E_CONFLICT;
	case SQLITE_NOMEM:
	case SQLITE_MISUSE:
		return IPC_E_INTERNAL;
	default:
		return IPC_E_FAILED;
	}
}

/* "disk full", naming the database's filesystem. */
static int full_err(db *d, ipc_err *e)
{
	char path[1100];

	snprintf(path, sizeof path, "%s/ipcase.db", d->home);
	return disk_full_err(e, path);
}

int db_writable(db *d, ipc_err *e)
{
	if (!d->readonly)
		return 0;
	if (d->readonly == ENOSPC && disk_nearly_full(d->home))
		return full_err(d, e);
	if (d->readonly == ENOSPC) /* freed since: this handle stays read-only */
		return err_kind(e, IPC_E_IO, NULL, _("the disk was full when the workspace %s was "
				"opened, so it was opened for reading only: quit and open it again"),
				d->home);
	return err_kind(e, IPC_E_IO, NULL, _("the workspace %s is read-only (%s): it can be read, "
			"not changed; to change it, work on a writable copy or get write permission"),
			d->home, strerror(d->readonly));
}

/* A full disk and a read-only workspace in words; else SQLite's message after `doing`. */
static int sql_fail(db *d, ipc_err *e, const char *doing, const char *msg)
{
	int code = d && d->sql ? sqlite3_errcode(d->sql) & 0xff : SQLITE_MISUSE;

	/* an I/O error on a full disk: the -shm file could not grow */
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && disk_nearly_full(d->home)))
		return full_err(d, e);
	if (code == SQLITE_READONLY) {
		if (!d->readonly) /* not seen at open: the medium or the permissions changed */
			d->readonly = EACCES;
		return db_writable(d, e);
	}
	return err_kind(e, sql_kind(d), NULL, _("%s: %s"), doing, msg);
}

int db_sqlerr(db *d, ipc_err *e, const char *doing)
{
	return sql_fail(d, e, doing, d && d->sql ? sqlite3_errmsg(d->sql) : "no database");
}

int db_exec(db *d, const char *sql, ipc_err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(d->sql, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sql_fail(d, e, _("database"), msg ? msg : sqlite3_errmsg(d->sql));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

_Static_assert(DB_STMT_CACHE <= 256, "a hint is an unsigned char");

sqlite3_stmt *db_stmt(db *d, const char *sql, ipc_err *e)
{
	/* where the literal was found last, checked: a scan of the cache cost more than some of
	 * the statements of an import */
	unsigned char *hint = &d->stmt_hint[((uintptr_t)sql >> 3) % sizeof d->stmt_hint];
	int i = *hint;

	if (d->cache[i].sql != sql)
		for (i = 0; i < DB_STMT_CACHE && d->cache[i].sql && d->cache[i].sql != sql; i++)
			;
	if (i < DB_STMT_CACHE && d->cache[i].sql) {
		*hint = (unsigned char)i;
		sqlite3_reset(d->cache[i].st);
		sqlite3_clear_bindings(d->cache[i].st);
		return d->cache[i].st;
	}
	if (i == DB_STMT_CACHE) { /* full: a programming error, but stay correct */
		sqlite3_finalize(d->cache[0].st);
		memmove(d->cache, d->cache + 1, sizeof d->cache - sizeof d->cache[0]);
		i = DB_STMT_CACHE - 1;
	}
	if (sqlite3_prepare_v3(d->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &d->cache[i].st, NULL)
	    != SQLITE_OK) {
		db_sqlerr(d, e, "preparing a query");
		d->cache[i].sql = NULL;
		return NULL;
	}
	d->cache[i].sql = sql;
	*hint = (unsigned char)i;
	return d->cache[i].st;
}

json_t *db_rows(db *d, sqlite3_stmt *st, json_t *(*row)(db *d, sqlite3_stmt *st), ipc_err *e)
{
	json_t *list = json_array(), *r;
	int rc = SQLITE_ROW;

	while (list && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!(r = row(d, st)) || json_array_append_new(list, r)) {
			json_decref(list);
			list = NULL;
		}
	if (!list)
		err_nomem(e);
	else if (rc != SQLITE_DONE) {
		db_sqlerr(d, e, _("reading the database"));
		json_decref(list);
		list = NULL;
	}
	sqlite3_reset(st);
	return list;
}

int64_t db_count(db *d, const char *sql, const char *key)
{
	sqlite3_stmt *st = db_stmt(d, sql, NULL);
	int64_t n = 0;

	if (!st)
		return 0;
	if (key)
		db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int64_t db_wall_ms(void)
{
	const char *fake = getenv("IPCASE_FAKE_NOW_MS");
	struct timespec ts;

	if (fake && *fake)
		return strtoll(fake, NULL, 10);
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void db_today(char out[11])
{
	const char *fake = getenv("IPCASE_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (fake && strlen(fake) == 10) {
		memcpy(out, fake, 11);
		return;
	}
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void db_now(char out[17])
{
	time_t now = (time_t)(db_wall_ms() / 1000);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
}

int db_meta_set(db *d, const char *key, const char *value, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "writing settings");
}

/* Every statement is reset after its rows are read: one left on a row keeps a read
 * transaction open, and the next write outside a transaction fails at once with
 * SQLITE_BUSY_SNAPSHOT when another process has written meanwhile. */
void db_meta_get(db *d, const char *key, char *out, size_t n)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT value FROM meta WHERE key = ?", NULL);

	out[0] = '\0';
	if (!st)
		return;
	db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

int db_actor_add(db *d, const struct db_identity *who, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT OR REPLACE INTO actors(key, officer, cert, office,"
				   " office_name) VALUES(?, ?, ?, ?, ?)", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, who->actor);
	db_bind_text(st, 2, who->officer);
	db_bind_text(st, 3, who->cert);
	db_bind_text(st, 4, who->office);
	db_bind_text(st, 5, who->office_name);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "registering a device");
}

int db_send_as(db *d, const char *actor, ipc_err *e)
{
	char sql[200];

	if (strlen(actor) != 64 || strspn(actor, "0123456789abcdef") != 64)
		return err_kind(e, IPC_E_INTERNAL, NULL, "not a key: %.64s", actor);
	snprintf(d->send_as, sizeof d->send_as, "%s", actor);
	/* the key inlined, as db_ops_unsent's query names it */
	snprintf(sql, sizeof sql, "CREATE INDEX IF NOT EXISTS ops_by_key ON ops(seq) WHERE actor = '%s'",
		 actor);
	return db_exec(d, sql, e);
}

void db_mine_sql(const db *d, const char *alias, char *out, size_t n)
{
	size_t k = (size_t)snprintf(out, n, "instr(%shandlers, '\"cert\":\"", alias);

	/* the certificate number as an SQL literal: a quote doubled */
	for (const char *c = d->self.cert; *c && k + 3 < n; c++) {
		if (*c == '\'')
			out[k++] = '\'';
		out[k++] = *c;
	}
	snprintf(out + k, n - k, "\"') > 0");
}

const struct db_identity *db_self(const db *d)
{
	return &d->self;
}

const char *db_home(const db *d)
{
	return d->home;
}

/* One cached statement without results: transactions are begun thousands of times. */
static int db_run(db *d, const char *sql, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, sql, e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, sql);
}

/* Another handle on the workspace (the screen's sync thread, a command beside the screen)
 * may have moved the clock past ops it imported: a write of ours must come after them (a
 * local write wins every field it sets without a fold), and the clock kept must not go back.
 * Read under the write lock BEGIN IMMEDIATE took, so no other handle moves it meanwhile. */
static void clock_catch_up(db *d)
{
	char hlc[32];
	int64_t kept;

	db_meta_get(d, "hlc", hlc, sizeof hlc);
	if ((kept = strtoll(hlc, NULL, 10)) > d->hlc)
		d->hlc = kept;
}

/* The outermost level is a transaction; inner levels are savepoints, so one failed write
 * inside a bulk transaction undoes only itself. */
int db_begin(db *d, ipc_err *e)
{
	if (db_writable(d, e))
		return -1;
	if (d->depth == DB_MAX_DEPTH)
		return err_kind(e, IPC_E_INTERNAL, NULL, "%s", _("transactions nested too deep"));
	/* IMMEDIATE: a deferred read-then-write transaction fails with BUSY_SNAPSHOT */
	if (db_run(d, d->depth ? "SAVEPOINT w" : "BEGIN IMMEDIATE", e))
		return -1;
	if (!d->depth) {
		d->epoch++;
		clock_catch_up(d);
	}
	d->dirty_mark[d->depth++] = d->ndirty;
	return 0;
}

int db_commit(db *d, ipc_err *e)
{
	char hlc[32];

	if (d->depth == 0)
		return err_kind(e, IPC_E_INTERNAL, NULL, "%s", _("commit without a transaction"));
	if (d->depth > 1) {
		if (db_run(d, "RELEASE w", e))
			return -1;
		d->depth--;
		return 0;
	}
	snprintf(hlc, sizeof hlc, "%lld", (long long)d->hlc);
	if (db_store_flush(d, e) || db_meta_set(d, "hlc", hlc, e) || db_exec(d, "COMMIT", e)) {
		db_rollback(d);
		return -1;
	}
	d->depth = 0;
	return 0;
}

/* An import's commits touch thousands of pages spread over the indexes: at SQLite's default
 * of a checkpoint every 1000 pages, every commit rewrote all of them into the database. In bulk
 * mode a thread of its own checkpoints (db/ckpt), every 32768 pages (128 MB of log), beside
 * the writer, who then only appends to the log; at 100 000 cases the writer's checkpoints had
 * taken 4 s of a colleague's first sync. A thread that cannot start leaves the checkpoints to
 * the writer at the same interval. */
int db_bulk(db *d, bool on, ipc_err *e)
{
	if (d->depth) /* SQLite refuses it inside a transaction: the caller's keeps its mode */
		return 0;
	ckpt_stop(d->ckpt, d->sql);
	d->ckpt = NULL;
	if (db_exec(d, on ? "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=32768;"
			  : "PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=1000;", e))
		return -1;
	if (on) /* after the pragma, which hooks the writer's commits itself */
		d->ckpt = ckpt_start(d->sql, sqlite3_db_filename(d->sql, "main"));
	return 0;
}

void db_rollback(db *d)
{
	if (d->depth == 0)
		return;
	d->ndirty = d->dirty_mark[--d->depth];
	d->epoch++;
	if (!d->depth)
		db_store_discard(d);
	db_exec(d, d->depth ? "ROLLBACK TO w; RELEASE w" : "ROLLBACK", NULL);
}
