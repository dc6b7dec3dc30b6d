/* workspace — the workspace folder (0700, files 0600), its database and migrations, the
 * tables of the record types, the device key: creating, opening (for reading only when it
 * cannot be written: a read-only medium, no permission, a full disk) and closing a workspace. */
#include "db/workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/disk.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "db/calendar.h"
#include "db/ckpt.h"
#include "db/db_internal.h"
#include "db/guard.h"
#include "db/op.h"
#include "db/opz.h"
#include "db/schema.h"
#include "db/search.h"
#include "db/signer.h"

/* Bump with a new entry in migrations[]; a database newer than the program is refused. */
#define SCHEMA_VERSION 13

static const char schema_v1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	/* every op ever seen, local and remote: `line` is its canonical signed JSON */
	"CREATE TABLE ops(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record TEXT NOT NULL,"
	" type TEXT NOT NULL, actor TEXT NOT NULL, hlc INTEGER NOT NULL, line TEXT NOT NULL);"
	"CREATE INDEX ops_record ON ops(record, hlc);"
	"CREATE TABLE op_deps(op TEXT NOT NULL, dep TEXT NOT NULL, PRIMARY KEY(dep, op)) WITHOUT ROWID;"
	/* ops of a record that no other op depends on: the deps of the next local write */
	"CREATE TABLE heads(record TEXT NOT NULL, op TEXT NOT NULL, PRIMARY KEY(record, op)) WITHOUT ROWID;"
	/* the devices whose ops we accept: our own, later those published in a channel */
	"CREATE TABLE actors(key TEXT PRIMARY KEY, officer TEXT NOT NULL, cert TEXT NOT NULL,"
	" office TEXT NOT NULL, office_name TEXT NOT NULL) WITHOUT ROWID;"
	/* fields whose winner was set without knowing a concurrent different value */
	"CREATE TABLE conflicts(record TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY(record, field))"
	" WITHOUT ROWID;";

/* How many columns a table has: 0 when it does not exist, -1 on error. */
static int table_columns(db *d, const char *table, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT count(*) FROM pragma_table_info(?)", e);
	int n = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, table);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else
		db_sqlerr(d, e, "reading a table's columns");
	sqlite3_reset(st);
	return n;
}

static int type_table_create(db *d, const struct rtype *t, ipc_err *e)
{
	char sql[4096];
	size_t n = (size_t)snprintf(sql, sizeof sql,
		"CREATE TABLE %s(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
		" created_hlc INTEGER NOT NULL, updated_hlc INTEGER NOT NULL,"
		" creator TEXT NOT NULL, conflict INTEGER NOT NULL DEFAULT 0", t->table);

	for (size_t f = 0; f < t->nfields; f++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, ", \"%s\"", t->fields[f].name);
	snprintf(sql + n, sizeof sql - n, ");");
	if (db_exec(d, sql, e))
		return -1;
	if (!t->parent)
		return 0;
	snprintf(sql, sizeof sql, "CREATE INDEX %s_parent ON %s(%s);", t->table, t->table, t->parent);
	return db_exec(d, sql, e);
}

/* A field added to an existing type gets its column; values already folded stay NULL until
 * the record is written again, as for any unset field. Rows are read by column position, so
 * new fields go at the end of their type's field array and their columns are appended in
 * that order: the fields past the table's column count are the missing ones. Counts them in
 * *missing and adds them when `apply`. */
static int type_table_extend(db *d, const struct rtype *t, int columns, bool apply,
			     int *missing, ipc_err *e)
{
	char sql[256];

	for (size_t f = (size_t)(columns - COL_FIELDS); f < t->nfields; f++) {
		++*missing;
		if (!apply)
			continue;
		snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN \"%s\"", t->table,
			 t->fields[f].name);
		if (db_exec(d, sql, e))
			return -1;
	}
	return 0;
}

/* The materialised tables follow the schema table: a record type or field added in a newer
 * program gets its table or column when a workspace is opened, without a migration of its
 * own. Returns how many tables and columns were missing (made when `apply`), -1 on error. */
static int types_ensure(db *d, bool apply, ipc_err *e)
{
	int missing = 0;

	for (size_t i = 0; i < schema_ntypes; i++) {
		const struct rtype *t = schema_types[i];
		int columns = table_columns(d, t->table, e);
		if (columns < 0)
			return -1;
		if (columns ? type_table_extend(d, t, columns, apply, &missing, e)
			    : (missing++, apply && type_table_create(d, t, e)))
			return err_wrap(e, _("making the table of %s records"), t->name);
	}
	return missing;
}

static int exec_types_ddl(db *d, ipc_err *e)
{
	if (types_ensure(d, true, e) < 0)
		return -1;
	return db_exec(d,
		"CREATE INDEX t_case_status ON t_case(status, updated_hlc);"
		"CREATE INDEX t_case_type ON t_case(ip_type, updated_hlc);"
		"CREATE INDEX t_case_updated ON t_case(updated_hlc);"
		"CREATE INDEX t_case_no ON t_case(case_no) WHERE case_no IS NOT NULL;"
		/* search: trigram for 3+ characters, unicode61 over CJK spaced apart for 1–2 */
		"CREATE VIRTUAL TABLE fts_tri USING fts5(text, tokenize='trigram');"
		"CREATE VIRTUAL TABLE fts_word USING fts5(text, tokenize='unicode61');", e);
}

static int migrate_v1(db *d, ipc_err *e)
{
	if (db_exec(d, schema_v1, e))
		return -1;
	return exec_types_ddl(d, e);
}

/* v2: sync — the remotes of each channel and what peers sent that could not be imported. */
static int migrate_v2(db *d, ipc_err *e)
{
	return db_exec(d,
		"CREATE TABLE remotes(name TEXT PRIMARY KEY, url TEXT NOT NULL, channel TEXT NOT NULL,"
		" key_path TEXT) WITHOUT ROWID;"
		/* id = sha256(channel, path, line): the same bad line is recorded once */
		"CREATE TABLE quarantine(id TEXT PRIMARY KEY, channel TEXT NOT NULL, path TEXT NOT NULL,"
		" line TEXT NOT NULL, reason TEXT NOT NULL, actor TEXT, first_seen INTEGER NOT NULL)"
		" WITHOUT ROWID;"
		"CREATE INDEX quarantine_actor ON quarantine(actor) WHERE actor IS NOT NULL;", e);
}

/* v3: deadlines — the calendar years a workspace imported (replacing the shipped ones), and
 * every open deadline, derived from the records at each commit (db/rules/deadline.c). */
static int migrate_v3(db *d, ipc_err *e)
{
	return db_exec(d,
		"CREATE TABLE calendar_years(year INTEGER PRIMARY KEY, source TEXT NOT NULL,"
		" imported_on TEXT NOT NULL);"
		"CREATE TABLE calendar_days(day TEXT PRIMARY KEY, kind TEXT NOT NULL"
		" CHECK(kind IN ('off', 'work')), name TEXT NOT NULL) WITHOUT ROWID;"
		"CREATE TABLE deadlines(owner TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,"
		" due TEXT NOT NULL, confirmed INTEGER NOT NULL, PRIMARY KEY(owner, kind, ref))"
		" WITHOUT ROWID;"
		"CREATE INDEX deadlines_due ON deadlines(due);", e);
}

/* v4: the case list on 100000 cases — an index of the live (not deleted) cases for each
 * order the list offers: counting them, a page deep in the list (OFFSET) and the position of
 * a case step through the index alone, without reading a row to test `deleted`. */
static int migrate_v4(db *d, ipc_err *e)
{
	return db_exec(d,
		"CREATE INDEX t_case_live ON t_case(updated_hlc) WHERE coalesce(deleted, 0) = 0;"
		"CREATE INDEX t_case_live_no ON t_case(case_no) WHERE coalesce(deleted, 0) = 0;"
		"CREATE INDEX t_case_live_title ON t_case(title) WHERE coalesce(deleted, 0) = 0;"
		"CREATE INDEX t_case_live_status ON t_case(status) WHERE coalesce(deleted, 0) = 0;", e);
}

/* v5: collaboration — the status of each request, the replay of its steps (db/rules/collab_rules),
 * and indexes over the columns its rules read (the tables come from the schema table). */
static int migrate_v5(db *d, ipc_err *e)
{
	if (types_ensure(d, true, e) < 0)
		return -1;
	return db_exec(d,
		"CREATE TABLE collab_status(request TEXT PRIMARY KEY, status TEXT NOT NULL, due TEXT,"
		" due_confirmed INTEGER NOT NULL DEFAULT 1, accepted INTEGER NOT NULL DEFAULT 0,"
		" changed_hlc INTEGER NOT NULL) WITHOUT ROWID;"
		"CREATE INDEX collab_status_status ON collab_status(status, due);"
		"CREATE INDEX t_collab_step_request ON t_collab_step(request_id);"
		"CREATE INDEX t_case_transfer_in ON t_case(transfer_in) WHERE transfer_in IS NOT NULL;"
		"CREATE INDEX t_case_transfer_out ON t_case(transfer_out) WHERE transfer_out IS NOT NULL;", e);
}

/* v6: respondents across cases and statistics — the parties by USCC (the case screen counts
 * a respondent's other cases) and the covering index of the statistics query. v6 also made
 * every case's search text again, now with its parties' USCCs and name keys; v13 does that
 * for every workspace that comes through here. */
static int migrate_v6(db *d, ipc_err *e)
{
	return db_exec(d, "CREATE INDEX t_party_uscc ON t_party(uscc) WHERE uscc IS NOT NULL;"
		       /* statistics (db/rules/stats): every column its query read, in id order */
		       "CREATE INDEX t_case_stats ON t_case(id, deleted, clue_on, filed_on, decided_on,"
		       " closed_on, decision_type, fine, confiscated, ip_type, source, region, status,"
		       " handlers);", e);
}

/* v7: statistics from an aggregate kept at commit (db/rules/stats; the deadline refresh fills
 * it, and its rules version makes the next open refresh every case): what each case added,
 * and per dimension, group key and day the sums. The covering index the statistics scanned
 * goes. */
static int migrate_v7(db *d, ipc_err *e)
{
	return db_exec(d, "DROP INDEX t_case_stats;"
		"CREATE TABLE case_facts(id TEXT PRIMARY KEY, clue_on, filed_on, decided_on,"
		" closed_on, decision_type, fine INTEGER, confiscated INTEGER, next_due, ip_type,"
		" source, region, status, campaign, handlers) WITHOUT ROWID;"
		"CREATE TABLE stats_days(dim TEXT NOT NULL, key TEXT NOT NULL, day TEXT NOT NULL,"
		" received INTEGER NOT NULL, filed INTEGER NOT NULL, decided INTEGER NOT NULL,"
		" closed INTEGER NOT NULL, police INTEGER NOT NULL, other INTEGER NOT NULL,"
		" fines INTEGER NOT NULL, confiscated INTEGER NOT NULL, timed INTEGER NOT NULL,"
		" days INTEGER NOT NULL, due INTEGER NOT NULL, PRIMARY KEY(dim, key, day))"
		" WITHOUT ROWID;", e);
}

/* The CREATE statements of the indexes of the ops table, separated by ';', into *out
 * (malloc'd); those naming the column `except` are left out. */
static int ops_indexes(db *d, const char *except, char **out, ipc_err *e)
{
	sqlite3_stmt *st;
	const char *sql;

	if (sqlite3_prepare_v2(d->sql, "SELECT coalesce(group_concat(sql, ';'), '') FROM"
			       " sqlite_master WHERE type = 'index' AND tbl_name = 'ops'"
			       " AND sql IS NOT NULL AND (?1 IS NULL OR instr(sql, ?1) = 0)", -1, &st,
			       NULL) != SQLITE_OK
	    || sqlite3_bind_text(st, 1, except, -1, SQLITE_STATIC) != SQLITE_OK
	    || sqlite3_step(st) != SQLITE_ROW || !(sql = (const char *)sqlite3_column_text(st, 0))) {
		sqlite3_finalize(st);
		return db_sqlerr(d, e, "reading the indexes of the changes");
	}
	*out = strdup(sql);
	sqlite3_finalize(st);
	return *out ? 0 : err_nomem(e);
}

/* v9: the ops lose the index of their ids (UNIQUE): ids are random hashes, and at 100 000
 * cases each insert into it wrote a page of its own; an op is found through its record's
 * index (ops_record), the id compared in the rows. SQLite cannot drop a constraint: the table
 * is made again, with its indexes (also the partial ones an open made). */
static int migrate_v9(db *d, ipc_err *e)
{
	char *indexes = NULL;
	int rc = -1;

	if (ops_indexes(d, NULL, &indexes, e))
		return -1;
	if (db_exec(d, "CREATE TABLE ops_v9(seq INTEGER PRIMARY KEY, id TEXT NOT NULL,"
		    " record TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,"
		    " hlc INTEGER NOT NULL, line TEXT NOT NULL);"
		    "INSERT INTO ops_v9 SELECT seq, id, record, type, actor, hlc, line FROM ops"
		    " ORDER BY seq;"
		    "DROP TABLE ops;"
		    "ALTER TABLE ops_v9 RENAME TO ops;", e) == 0
	    && db_exec(d, indexes, e) == 0)
		rc = 0;
	free(indexes);
	return rc;
}

/* v10: the cases whose share of the statistics an import's refresh owes (db/rules/stats). */
static int migrate_v10(db *d, ipc_err *e)
{
	return db_exec(d, "CREATE TABLE IF NOT EXISTS stats_owed(id TEXT PRIMARY KEY) WITHOUT ROWID", e);
}

/* An op's row from v11 on: the members of its line in columns, the signature in 64 bytes, and
 * the two spans that are not columns (deps, set: op_line_spans in db/op.c); op_lines frames
 * them into the line again. A line took 700 bytes beside columns holding its id, record,
 * actor, type and clock a second time. */
static const char ops_v11[] =
	"CREATE TABLE ops_v11(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, record TEXT NOT NULL,"
	" type TEXT NOT NULL, actor TEXT NOT NULL, hlc INTEGER NOT NULL, deps TEXT NOT NULL,"
	" fields TEXT NOT NULL, sig BLOB NOT NULL, v INTEGER NOT NULL);";
static const char op_lines_view[] =
	"CREATE VIEW op_lines(seq, id, record, type, actor, hlc, line) AS SELECT seq, id, record,"
	" type, actor, hlc, printf('{\"actor\":\"%s\",\"deps\":%s,\"hlc\":%lld,\"id\":\"%s\","
	"\"record\":\"%s\",\"set\":%s,\"sig\":\"%s\",\"type\":\"%s\",\"v\":%lld}', actor, deps,"
	" hlc, id, record, op_set(fields), lower(hex(sig)), type, v) FROM ops;";

/* One op of the old table into the new: its line cut into spans, checked to frame again. */
static int op_row_split(db *d, sqlite3_stmt *rd, sqlite3_stmt *wr, ipc_err *e)
{
	const char *line = (const char *)sqlite3_column_text(rd, 6);
	size_t len = (size_t)sqlite3_column_bytes(rd, 6);
	unsigned char sig[64];
	struct op_spans sp;
	struct op o = {.hlc = sqlite3_column_int64(rd, 5)};

	snprintf(o.id, sizeof o.id, "%s", sqlite3_column_text(rd, 1));
	snprintf(o.record, sizeof o.record, "%s", sqlite3_column_text(rd, 2));
	snprintf(o.type, sizeof o.type, "%s", sqlite3_column_text(rd, 3));
	snprintf(o.actor, sizeof o.actor, "%s", sqlite3_column_text(rd, 4));
	if (!line || !op_line_peek(line, len, "sig", 128, o.sig)
	    || !op_line_spans(&o, line, len, true, &sp)
	    || sodium_hex2bin(sig, sizeof sig, o.sig, 128, NULL, NULL, NULL) != 0)
		return err_kind(e, IPC_E_CORRUPT, NULL, _("the stored change %lld cannot be kept in "
				"the new layout: its line is damaged (`ipcase verify` of the previous "
				"version names it), or its record id or type holds characters ipcase "
				"never writes"), (long long)sqlite3_column_int64(rd, 0));
	for (int i = 0; i < 6; i++)
		sqlite3_bind_value(wr, i + 1, sqlite3_column_value(rd, i));
	sqlite3_bind_text(wr, 7, line + sp.deps_at, (int)sp.deps_len, SQLITE_STATIC);
	sqlite3_bind_text(wr, 8, line + sp.set_at, (int)sp.set_len, SQLITE_STATIC);
	sqlite3_bind_blob(wr, 9, sig, sizeof sig, SQLITE_STATIC);
	sqlite3_bind_int(wr, 10, OP_VERSION);
	return sqlite3_step(wr) == SQLITE_DONE && sqlite3_reset(wr) == SQLITE_OK
	       ? 0 : db_sqlerr(d, e, "rewriting the changes");
}

/* v11: ops keep their lines cut into columns (ops_v11 above). The indexes on the line
 * (db/rules/clock.c's) are made again on its set when the workspace opens. The heads and the
 * dependencies go: heads are read off the ops' deps (db/store.c, invariant 6). */
static int migrate_v11(db *d, ipc_err *e)
{
	sqlite3_stmt *rd = NULL, *wr = NULL;
	char *indexes = NULL;
	int rc = -1, step;

	if (ops_indexes(d, "line", &indexes, e) || db_exec(d, ops_v11, e))
		goto out;
	if (sqlite3_prepare_v2(d->sql, "SELECT seq, id, record, type, actor, hlc, line FROM ops"
			       " ORDER BY seq", -1, &rd, NULL) != SQLITE_OK
	    || sqlite3_prepare_v2(d->sql, "INSERT INTO ops_v11 VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				  -1, &wr, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, "rewriting the changes");
		goto out;
	}
	while ((step = sqlite3_step(rd)) == SQLITE_ROW)
		if (op_row_split(d, rd, wr, e))
			goto out;
	if (step != SQLITE_DONE) {
		db_sqlerr(d, e, "rewriting the changes");
		goto out;
	}
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);
	rd = wr = NULL;
	if (db_exec(d, "DROP TABLE ops; ALTER TABLE ops_v11 RENAME TO ops;"
		    "DROP TABLE heads; DROP TABLE op_deps;", e) == 0
	    && db_exec(d, indexes, e) == 0 && db_exec(d, op_lines_view, e) == 0)
		rc = 0;
out:
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);
	free(indexes);
	return rc;
}

/* v12: an op's set is kept packed (db/opz): 304 bytes of text became 224 on average at 100 000
 * demo cases. The view frames the line with the set unpacked; the partial index on the set
 * (db/rules/clock.c's) is made again on op_set(fields) when the workspace opens. */
static int migrate_v12(db *d, ipc_err *e)
{
	return db_exec(d, "DROP INDEX IF EXISTS ops_pausing; DROP VIEW op_lines;"
		       "UPDATE ops SET fields = op_pack(fields) WHERE typeof(fields) = 'text';", e)
	       || db_exec(d, op_lines_view, e);
}

/* v13: a case's search text is kept once, deflated (search_text, db/search.c), and both FTS5
 * indexes are contentless: the trigram index's own copy took 741 bytes a case at 100 000
 * demo cases. The indexes are made again from the cases: every case is queued for its
 * refresh (case_pending), which the open that follows runs (db/rules/case.c). */
static int migrate_v13(db *d, ipc_err *e)
{
	return db_exec(d, "DROP TABLE fts_tri; DROP TABLE fts_word; DROP TABLE IF EXISTS search_text;"
		       SEARCH_TABLES
		       "CREATE TABLE IF NOT EXISTS case_pending(rowid INTEGER PRIMARY KEY);"
		       "INSERT OR IGNORE INTO case_pending SELECT rowid FROM t_case;", e);
}

/* NULL: a step a later one does for every workspace that comes through it (v8 made the word
 * index contentless from the trigram index's copy of the text; v13 makes both again). */
static int (*const migrations[SCHEMA_VERSION])(db *, ipc_err *) = {migrate_v1, migrate_v2,
	migrate_v3, migrate_v4, migrate_v5, migrate_v6, migrate_v7, NULL, migrate_v9,
	migrate_v10, migrate_v11, migrate_v12, migrate_v13};

static void (*migrate_notice)(int from, int to);

int db_compact(db *d, int64_t *before, int64_t *after, ipc_err *e)
{
	int64_t page = db_count(d, "PRAGMA page_size", NULL);
	int64_t pages = db_count(d, "PRAGMA page_count", NULL);

	*before = *after = page * pages;
	if (db_count(d, "PRAGMA freelist_count", NULL) * 4 < pages)
		return 0;
	/* VACUUM copies the database into a temporary one: in a file, not in memory (the
	 * handle's temp_store), which would take the whole database's size */
	if (db_exec(d, "PRAGMA temp_store=FILE", e))
		return -1;
	if (db_exec(d, "VACUUM", e)) {
		db_exec(d, "PRAGMA temp_store=MEMORY", NULL);
		return err_wrap(e, _("compacting the database"));
	}
	*after = page * db_count(d, "PRAGMA page_count", NULL);
	return db_exec(d, "PRAGMA temp_store=MEMORY", e);
}

void db_on_migrate(void (*notice)(int from, int to))
{
	migrate_notice = notice;
}

/* Brings a writable workspace from schema `version` up to SCHEMA_VERSION. Each migration and
 * its version bump commit together (user_version is transactional). A statement's journal
 * goes to a file meanwhile: dropping the ops table of 100 000 cases (v9) journaled 600 MB in
 * memory (temp_store), which cannot change inside a transaction. */
static int migrations_run(db *d, int version, ipc_err *e)
{
	char sql[64];

	if (db_writable(d, e))
		return err_wrap(e, _("migrating the workspace to schema %d"), SCHEMA_VERSION);
	if (db_exec(d, "PRAGMA temp_store=FILE", e))
		return -1;
	if (version > 0 && migrate_notice) /* 0: a new workspace */
		migrate_notice(version, SCHEMA_VERSION);
	for (; version < SCHEMA_VERSION; version++) {
		if (db_exec(d, "BEGIN IMMEDIATE", e))
			return -1;
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", version + 1);
		if ((migrations[version] && migrations[version](d, e)) || db_exec(d, sql, e)
		    || db_exec(d, "COMMIT", e)) {
			db_exec(d, "ROLLBACK", NULL);
			return err_wrap(e, _("migrating the workspace to schema %d"), version + 1);
		}
	}
	return db_exec(d, "PRAGMA temp_store=MEMORY", e);
}

static int db_migrate(db *d, ipc_err *e)
{
	sqlite3_stmt *st;
	int version, missing;

	if (sqlite3_prepare_v2(d->sql, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "reading the schema version");
	sqlite3_step(st);
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > SCHEMA_VERSION)
		return err_set(e, _("this workspace was written by a newer ipcase (schema %d, this "
			       "program knows %d): upgrade ipcase"), version, SCHEMA_VERSION);
	if (version < SCHEMA_VERSION && migrations_run(d, version, e))
		return -1;
	/* read first: an open beside a running sync must not wait for the write lock */
	if ((missing = types_ensure(d, false, e)) <= 0)
		return missing;
	if (db_writable(d, e))
		return err_wrap(e, _("adding the tables of this version of ipcase"));
	if (db_exec(d, "BEGIN IMMEDIATE", e))
		return -1;
	if (types_ensure(d, true, e) < 0 || db_exec(d, "COMMIT", e)) {
		db_exec(d, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

int db_home_resolve(const char *opt_home, char *out, size_t n, ipc_err *e)
{
	const char *env = getenv("IPCASE_HOME"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");
	int len;

	if (opt_home && *opt_home)
		len = snprintf(out, n, "%s", opt_home);
	else if (env && *env)
		len = snprintf(out, n, "%s", env);
	else if (xdg && *xdg)
		len = snprintf(out, n, "%s/ipcase", xdg);
	else if (home && *home)
		len = snprintf(out, n, "%s/.local/share/ipcase", home);
	else
		return err_set(e, _("no workspace folder: set --home DIR, IPCASE_HOME or HOME"));
	if (len < 0 || (size_t)len >= n)
		return err_set(e, _("workspace path too long"));
	return 0;
}

/* mkdir -p with mode 0700 for every folder we create. */
static int mkdirs(const char *path, ipc_err *e)
{
	char buf[1024];

	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, 0700) != 0 && errno != EEXIST)
				return err_kind(e, IPC_E_IO, NULL, _("cannot create folder %s: %s"), buf,
						strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	return 0;
}

static int path_join(char *out, size_t n, const char *home, const char *name, ipc_err *e)
{
	int len = snprintf(out, n, "%s/%s", home, name);
	return len < 0 || (size_t)len >= n ? err_set(e, _("workspace path too long")) : 0;
}

static int key_write(const char *home, const unsigned char sk[64], ipc_err *e)
{
	char path[1100];
	int fd;

	if (path_join(path, sizeof path, home, "device.key", e))
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot create %s: %s"), path, strerror(errno));
	if (write(fd, sk, 64) != 64 || fsync(fd) != 0) {
		close(fd);
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, strerror(errno));
	}
	close(fd);
	return 0;
}

static int key_read(db *d, ipc_err *e)
{
	char path[1100];
	struct stat st;
	int fd;
	ssize_t n;

	if (path_join(path, sizeof path, d->home, "device.key", e))
		return -1;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot open the device key %s: %s"), path,
				strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & 077)) {
		close(fd);
		return err_set(e, _("the device key %s is readable by others: chmod 600 it"), path);
	}
	n = read(fd, d->sk, 64);
	close(fd);
	if (n != 64)
		return err_kind(e, IPC_E_CORRUPT, NULL, _("the device key %s is damaged"), path);
	crypto_sign_ed25519_sk_to_pk(d->pk, d->sk);
	return 0;
}

/* Why the workspace cannot be written (EROFS: a read-only medium, EACCES: no permission), 0
 * when it can: the folder (the WAL files, attachments, channels are made there), the database
 * and the WAL files that exist. Root passes the permission checks, and can indeed write. */
static int writable_not(const char *home)
{
	static const char *const names[] = {"", "/ipcase.db", "/ipcase.db-wal", "/ipcase.db-shm"};
	char path[1100];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s%s", home, names[i]);
		if (access(path, W_OK) != 0 && (i < 2 || errno != ENOENT))
			return errno == EROFS ? EROFS : EACCES;
	}
	return 0;
}

/* "file:PATH?immutable=1", PATH with the characters a URI gives a meaning escaped. */
static void immutable_uri(const char *path, char *out, size_t n)
{
	size_t k = (size_t)snprintf(out, n, "file:");

	for (const char *c = path; *c && k + 4 < n; c++)
		k += strchr("%?#", *c) ? (size_t)snprintf(out + k, n - k, "%%%02X", (unsigned char)*c)
				       : (out[k] = *c, 1);
	snprintf(out + k, n - k, "?immutable=1");
}

/* A read-only workspace: SQLite reads a WAL database through its -shm file, which it cannot
 * make in a folder it cannot write (a copy on a read-only medium, when the last writer
 * closed cleanly and removed it). Then the file is opened as immutable: no locks, no WAL —
 * what a cleanly closed database holds. */
static int sql_open_readonly(db *d, const char *path, ipc_err *e)
{
	char uri[3400];
	struct stat st;
	int rc = sqlite3_open_v2(path, &d->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(d->sql, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc == SQLITE_OK) /* else CANTOPEN or READONLY_CANTINIT: no -shm; a damaged file fails
			      * below as it would have here */
		return 0;
	sqlite3_close(d->sql);
	d->sql = NULL;
	snprintf(uri, sizeof uri, "%s-wal", path);
	if (stat(uri, &st) == 0 && st.st_size > 0)
		return d->readonly == ENOSPC ? db_writable(d, e) /* "disk full" */
		       : err_kind(e, IPC_E_IO, NULL, _("the last changes to the workspace %s are in "
				  "%s, which SQLite reads only where it may write beside it: open the "
				  "workspace once where it can be written, or copy it with its "
				  "ipcase.db-shm file"), d->home, uri);
	immutable_uri(path, uri, sizeof uri);
	if (sqlite3_open_v2(uri, &d->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "opening the database");
	return 0;
}

/* A write waits for a sync's chunk (~250 ms), not fails, trying again every BUSY_TRY_US for
 * 15 s. SQLite's own busy timeout sleeps ever longer between tries (100 ms after the first
 * few): a write beside an import would miss the import's short pause between its chunks. */
#define BUSY_TRY_US 2000

static int busy_retry(void *arg, int tries)
{
	(void)arg;
	if (tries >= 15000000 / BUSY_TRY_US)
		return 0;
	usleep(BUSY_TRY_US);
	return 1;
}

static int sql_open(db *d, int flags, ipc_err *e)
{
	char path[1100];

	if (path_join(path, sizeof path, d->home, "ipcase.db", e))
		return -1;
	/* one connection per thread of ours (the signer threads never touch SQLite), and no
	 * allocation statistics: both cost a mutex on every call */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (d->readonly) {
		if (sql_open_readonly(d, path, e))
			return -1;
	} else if (sqlite3_open_v2(path, &d->sql, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		return db_sqlerr(d, e, "opening the database");
	}
	sqlite3_busy_handler(d->sql, busy_retry, NULL);
	if (opz_register(d->sql))
		return db_sqlerr(d, e, "opening the database");
	/* WAL lets the screen read while a sync writes; FULL because until the next sync this
	 * database holds the only copy of the officer's work. A read-only one stays as it is. */
	if (!d->readonly && db_exec(d, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", e))
		return -1;
	return db_exec(d, "PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;",
		       e);
}

static int identity_store(db *d, ipc_err *e)
{
	const struct db_identity *s = &d->self;

	if (db_meta_set(d, "office", s->office, e) || db_meta_set(d, "office_name", s->office_name, e)
	    || db_meta_set(d, "officer", s->officer, e) || db_meta_set(d, "cert", s->cert, e)
	    || db_meta_set(d, "case_prefix", s->case_prefix, e) || db_meta_set(d, "actor", s->actor, e))
		return -1;
	return db_actor_add(d, s, e);
}

static void db_free(db *d)
{
	if (!d)
		return;
	for (int i = 0; i < DB_STMT_CACHE && d->cache[i].sql; i++)
		sqlite3_finalize(d->cache[i].st);
	ckpt_stop(d->ckpt, d->sql);
	sqlite3_close(d->sql);
	signer_free(d->signer);
	cal_free(d->cal);
	sodium_memzero(d->sk, sizeof d->sk);
	free(d->dirty);
	free(d);
}

static db *db_alloc(const char *home, ipc_err *e)
{
	db *d;

	if (sodium_init() < 0) {
		err_kind(e, IPC_E_INTERNAL, NULL, "%s", _("libsodium failed to initialise"));
		return NULL;
	}
	d = calloc(1, sizeof *d);
	if (!d) {
		err_nomem(e);
		return NULL;
	}
	snprintf(d->home, sizeof d->home, "%s", home);
	return d;
}

static int create_private(const char *path, ipc_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	if (fd < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot create %s: %s"), path, strerror(errno));
	close(fd);
	return 0;
}

/* Each type's open hook: derived data that this program computes differently is rebuilt. */
static int types_open(db *d, ipc_err *e)
{
	for (size_t i = 0; i < schema_ntypes; i++)
		if (schema_types[i]->open && schema_types[i]->open(d, e))
			return -1;
	return 0;
}

/* Our own ops, by seq: what sync sends, found without reading a colleague's; and by type
 * then seq: the status bar's count of unsynced ones per channel, from the index alone
 * (partial indexes name our key, so they are made here, once per workspace, rather than in
 * a migration). */
static int index_own_ops(db *d, ipc_err *e)
{
	char sql[800], mine[200];

	/* the case list's `mine`, counted and paged from an index of this officer's live cases:
	 * the query names the same literal (db_mine_sql), which a bound parameter could not */
	db_mine_sql(d, "", mine, sizeof mine);
	snprintf(sql, sizeof sql, "CREATE INDEX IF NOT EXISTS ops_by_me ON ops(seq) WHERE actor = '%s';"
		 "CREATE INDEX IF NOT EXISTS ops_by_me_type ON ops(type, seq) WHERE actor = '%s';"
		 "CREATE INDEX IF NOT EXISTS t_case_mine ON t_case(updated_hlc)"
		 " WHERE coalesce(deleted, 0) = 0 AND %s;",
		 d->self.actor, d->self.actor, mine); /* 64 hex digits, checked above */
	return db_exec(d, sql, e);
}

int db_init(const char *home, struct db_identity *id, ipc_err *e)
{
	char path[1100];
	struct stat st;
	db *d = NULL;
	int rc = -1;

	if (path_join(path, sizeof path, home, "ipcase.db", e))
		return -1;
	if (stat(path, &st) == 0)
		return err_set(e, _("a workspace already exists in %s"), home);
	if (mkdirs(home, e) || !(d = db_alloc(home, e)))
		return -1;
	chmod(home, 0700);
	crypto_sign_keypair(d->pk, d->sk);
	sodium_bin2hex(id->actor, sizeof id->actor, d->pk, sizeof d->pk);
	d->self = *id;
	/* the database, and the WAL files SQLite gives its mode, are the officer's alone */
	if (key_write(home, d->sk, e) || create_private(path, e)
	    || sql_open(d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, e) || db_migrate(d, e)
	    || db_begin(d, e))
		goto out;
	if (identity_store(d, e) || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	/* what the first open would add, so that a copy that cannot be written opens too */
	if (index_own_ops(d, e) || types_open(d, e))
		goto out;
	rc = 0;
out:
	db_free(d);
	return rc;
}

/* Opens the workspace in home; for reading only when `readonly` says why it cannot be
 * written (0: it can). */
static int open_as(const char *home, int readonly, db **out, ipc_err *e)
{
	char path[1100], hlc[32];
	db *d;

	if (!(d = db_alloc(home, e)))
		return -1;
	d->readonly = readonly;
	if (sql_open(d, SQLITE_OPEN_READWRITE, e) || db_migrate(d, e) || key_read(d, e))
		goto fail;
	db_meta_get(d, "office", d->self.office, sizeof d->self.office);
	db_meta_get(d, "office_name", d->self.office_name, sizeof d->self.office_name);
	db_meta_get(d, "officer", d->self.officer, sizeof d->self.officer);
	db_meta_get(d, "cert", d->self.cert, sizeof d->self.cert);
	db_meta_get(d, "case_prefix", d->self.case_prefix, sizeof d->self.case_prefix);
	db_meta_get(d, "actor", d->self.actor, sizeof d->self.actor);
	db_meta_get(d, "hlc", hlc, sizeof hlc);
	d->hlc = strtoll(hlc, NULL, 10);
	sodium_bin2hex(path, sizeof path, d->pk, sizeof d->pk);
	if (strcmp(path, d->self.actor) != 0) {
		err_kind(e, IPC_E_CORRUPT, NULL,
			 _("the device key in %s does not belong to this workspace's database"), home);
		goto fail;
	}
	/* a read-only workspace: without the index of our ops (made at the first open) the same
	 * queries read the table; the guard's tables serve writes only */
	if ((!d->readonly && (index_own_ops(d, e) || guard_open(d, e))) || types_open(d, e))
		goto fail;
	db_files_sweep(d);
	*out = d;
	return 0;
fail:
	db_free(d);
	return -1;
}

bool db_exists(const char *home)
{
	char path[1100];
	struct stat st;

	return path_join(path, sizeof path, home, "ipcase.db", NULL) == 0 && stat(path, &st) == 0;
}

int db_open(const char *home, db **out, ipc_err *e)
{
	char path[1100];
	struct stat st;
	int readonly = writable_not(home);

	*out = NULL;
	if (path_join(path, sizeof path, home, "ipcase.db", e))
		return -1;
	if (stat(path, &st) != 0)
		return err_set(e, _("no workspace in %s; create one with: ipcase --home %s init "
			       "--office CODE --office-name NAME --officer NAME --cert CERTNO"),
			       home, home);
	if (open_as(home, readonly, out, e) == 0)
		return 0;
	/* a full disk: SQLite cannot even grow its -shm file to read. The workspace opens for
	 * reading, and a write says the disk is full. */
	if (readonly || !disk_nearly_full(home))
		return -1;
	return open_as(home, ENOSPC, out, e);
}

void db_close(db *d)
{
	db_free(d);
}
