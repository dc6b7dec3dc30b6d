/* channel — remotes, sync settings, unsent ops, attachments and quarantine in the store. */
#include "db/channel.h"
#include "base/grow.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db_internal.h"
#include "db/op.h"
#include "db/schema.h"
#include "db/store.h"

static const char *const channels[] = {"office", "collab"};

bool channel_known(const char *channel)
{
	for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
		if (strcmp(channels[i], channel) == 0)
			return true;
	return false;
}

static int step(db *d, sqlite3_stmt *st, ipc_err *e, const char *doing)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, doing);
}

int db_remote_add(db *d, const struct db_remote *r, ipc_err *e)
{
	sqlite3_stmt *st;

	if (!r->name[0] || strspn(r->name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789-_.") != strlen(r->name) || r->name[0] == '.')
		return err_kind(e, IPC_E_RULE, "name", _("remote name \"%s\": use letters, digits, - _ and ."),
				r->name);
	if (!channel_known(r->channel))
		return err_kind(e, IPC_E_RULE, "channel", _("unknown channel \"%s\": office or collab"),
				r->channel);
	if (!(st = db_stmt(d, "INSERT INTO remotes(name, url, channel, key_path) VALUES(?, ?, ?, ?)", e)))
		return -1;
	db_bind_text(st, 1, r->name);
	db_bind_text(st, 2, r->url);
	db_bind_text(st, 3, r->channel);
	db_bind_text(st, 4, r->key_path[0] ? r->key_path : NULL);
	switch (sqlite3_step(st)) {
	case SQLITE_DONE:
		sqlite3_reset(st);
		return 0;
	case SQLITE_CONSTRAINT:
		sqlite3_reset(st);
		return err_kind(e, IPC_E_CONFLICT, "name", _("a remote named %s exists: remove it first"),
				r->name);
	default: /* a read-only workspace, a full disk */
		db_sqlerr(d, e, "adding the remote");
		sqlite3_reset(st);
		return -1;
	}
}

int db_remote_remove(db *d, const char *name, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "DELETE FROM remotes WHERE name = ?", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	if (step(d, st, e, "removing the remote"))
		return -1;
	return sqlite3_changes(d->sql) ? 0
	       : err_kind(e, IPC_E_NOTFOUND, NULL, _("no remote named %s"), name);
}

int db_remote_get(db *d, const char *name, struct db_remote *out, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT name, url, channel, coalesce(key_path, '')"
				   " FROM remotes WHERE name = ?", e);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	if ((found = sqlite3_step(st) == SQLITE_ROW)) {
		snprintf(out->name, sizeof out->name, "%s", sqlite3_column_text(st, 0));
		snprintf(out->url, sizeof out->url, "%s", sqlite3_column_text(st, 1));
		snprintf(out->channel, sizeof out->channel, "%s", sqlite3_column_text(st, 2));
		snprintf(out->key_path, sizeof out->key_path, "%s", sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return found ? 0 : err_kind(e, IPC_E_NOTFOUND, NULL,
				    _("no remote named %s (see ipcase remote list)"), name);
}

json_t *db_remote_list(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT name, url, channel, key_path FROM remotes ORDER BY name", e);
	json_t *list;

	if (!st)
		return NULL;
	list = json_array();
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s?}",
			"name", sqlite3_column_text(st, 0), "url", sqlite3_column_text(st, 1),
			"channel", sqlite3_column_text(st, 2), "key", sqlite3_column_text(st, 3)));
	sqlite3_reset(st);
	return list;
}

/* The unsent ops one key signed, by the last two characters of their record's id, then seq:
 * only the seqs are sorted (in memory, temp_store), each op read by its seq after, so a
 * backlog of 500 000 ops sorts a few MB, not its lines. */
static int unsent_of(db *d, const char *actor, const char *channel, int64_t after, int64_t upto,
		     int (*fn)(int64_t seq, const char *type, const char *record,
			       const char *actor, const char *line, void *arg), void *arg,
		     ipc_err *e)
{
	sqlite3_stmt *st, *one;
	char sql[256];
	int rc = 0;

	/* the literal key lets SQLite use the partial indexes ops_by_me, ops_by_key (db.c) */
	snprintf(sql, sizeof sql, "SELECT seq FROM ops WHERE actor = '%s' AND seq > ? AND seq <= ?"
		 " ORDER BY substr(record, -2), seq", actor);
	if (!(one = db_stmt(d, "SELECT type, record, line FROM op_lines WHERE seq = ?", e)))
		return -1;
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "reading unsent changes");
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, upto);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(st, 0);
		const struct rtype *t;
		sqlite3_bind_int64(one, 1, seq);
		if (sqlite3_step(one) == SQLITE_ROW
		    && (t = schema_type((const char *)sqlite3_column_text(one, 0)))
		    && schema_travels(t, channel))
			rc = fn(seq, (const char *)sqlite3_column_text(one, 0),
				(const char *)sqlite3_column_text(one, 1), actor,
				(const char *)sqlite3_column_text(one, 2), arg);
		sqlite3_reset(one);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_ops_unsent(db *d, const char *channel, int64_t after, int64_t *seen,
		  int (*fn)(int64_t seq, const char *type, const char *record, const char *actor,
			    const char *line, void *arg), void *arg, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT coalesce(max(seq), 0) FROM ops", e);

	/* the bound first: an op another process stores meanwhile is scanned next time */
	*seen = after;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		*seen = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (unsent_of(d, d->self.actor, channel, after, *seen, fn, arg, e))
		return -1;
	return d->send_as[0] ? unsent_of(d, d->send_as, channel, after, *seen, fn, arg, e) : 0;
}

char *db_key_publish(db *d, ipc_err *e)
{
	return op_key_encode(&d->self, d->sk, e);
}

int64_t db_conflict_count(db *d)
{
	return db_count(d, "SELECT count(*) FROM conflicts", NULL);
}

/* The highest seq a remote of `channel` has received (sync.remote.NAME.sent), 0 for none. */
static int64_t channel_sent(db *d, const char *channel)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT max(CAST(m.value AS INTEGER)) FROM remotes r"
				      " JOIN meta m ON m.key = 'sync.remote.' || r.name || '.sent'"
				      " WHERE r.channel = ?", NULL);
	int64_t sent = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, channel);
	if (sqlite3_step(st) == SQLITE_ROW)
		sent = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return sent;
}

/* The statement counting this officer's ops of a type after a seq, up to a limit: the literal
 * key lets SQLite count from the partial index ops_by_me_type (db.c) alone; LIMIT stops the
 * count at the cap, whatever a first sync has to send. NULL when it cannot be made. */
static sqlite3_stmt *unsent_prepare(db *d)
{
	sqlite3_stmt *st;
	char sql[300];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM ops WHERE actor = '%s'"
		 " AND type = ? AND seq > ? LIMIT ?)", d->self.actor);
	return sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) == SQLITE_OK ? st : NULL;
}

/* n and the ops of `type` stored after `sent`, counted up to DB_UNSYNCED_MAX in all. */
static int64_t unsent_add(sqlite3_stmt *st, const char *type, int64_t sent, int64_t n)
{
	if (n >= DB_UNSYNCED_MAX)
		return n;
	db_bind_text(st, 1, type);
	sqlite3_bind_int64(st, 2, sent);
	sqlite3_bind_int64(st, 3, DB_UNSYNCED_MAX - n);
	if (sqlite3_step(st) == SQLITE_ROW)
		n += sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int64_t db_unsent_count(db *d, const char *channel, const char *const *types, size_t ntypes)
{
	sqlite3_stmt *st = unsent_prepare(d);
	int64_t sent = channel_sent(d, channel), n = 0;

	if (!st)
		return -1;
	for (size_t i = 0; i < ntypes; i++)
		n = unsent_add(st, types[i], sent, n);
	sqlite3_finalize(st);
	return n;
}

bool db_remote_of(db *d, const char *channel)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT 1 FROM remotes WHERE channel = ? LIMIT 1", NULL);
	bool found;

	if (!st)
		return false;
	db_bind_text(st, 1, channel);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

int64_t db_unsynced_count(db *d)
{
	static const char *const channels[] = {"office", "collab"};
	sqlite3_stmt *st = unsent_prepare(d);
	char sql[300];
	int64_t n = 0;

	if (!st)
		return -1;
	for (size_t c = 0; c < sizeof channels / sizeof channels[0]; c++) {
		int64_t sent = channel_sent(d, channels[c]);
		for (size_t i = 0; i < schema_ntypes; i++)
			if (schema_travels(schema_types[i], channels[c]))
				n = unsent_add(st, schema_types[i]->name, sent, n);
	}
	sqlite3_finalize(st);
	/* the roster changes the office key signed here (few: no index needed beyond ops_by_key) */
	if (d->send_as[0] && n < DB_UNSYNCED_MAX) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM ops WHERE actor = '%s' AND seq > ?",
			 d->send_as);
		if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
			return -1;
		/* they travel in both channels: sent once either has them (a device may have one) */
		int64_t office = channel_sent(d, "office"), collab = channel_sent(d, "collab");
		sqlite3_bind_int64(st, 1, office > collab ? office : collab);
		if (sqlite3_step(st) == SQLITE_ROW)
			n += sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

bool db_op_has_line(db *d, const char *line, size_t len)
{
	sqlite3_stmt *st;
	char id[65], record[37];
	bool same = false;

	/* ops are found by record (their index); the line is compared whole */
	if (!op_line_peek(line, len, "id", 64, id) || !op_line_peek(line, len, "record", 36, record)
	    || !(st = db_stmt(d, "SELECT line FROM op_lines WHERE record = ? AND id = ?", NULL)))
		return false;
	db_bind_text(st, 1, record);
	db_bind_text(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		same = (size_t)sqlite3_column_bytes(st, 0) == len
		       && memcmp(sqlite3_column_text(st, 0), line, len) == 0;
	sqlite3_reset(st);
	return same;
}

void db_file_path(db *d, const char *sha256, char *out, size_t n)
{
	snprintf(out, n, "%s/files/%.2s/%s", d->home, sha256, sha256);
}

bool db_file_matches(const char *sha256, const void *data, size_t len)
{
	unsigned char h[32];
	char hex[65];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return strcmp(hex, sha256) == 0;
}

int db_file_put(db *d, const char *sha256, const void *data, size_t len, ipc_err *e)
{
	char path[1200], tmp[1250];
	struct stat st;
	int fd;

	if (!db_file_matches(sha256, data, len))
		return err_kind(e, IPC_E_CORRUPT, NULL,
				_("attachment content does not match its SHA-256 %.12s"), sha256);
	db_file_path(d, sha256, path, sizeof path);
	if (stat(path, &st) == 0)
		return 0;
	snprintf(tmp, sizeof tmp, "%s/files", d->home);
	mkdir(tmp, 0700);
	snprintf(tmp, sizeof tmp, "%s/files/%.2s", d->home, sha256);
	mkdir(tmp, 0700);
	snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), tmp, strerror(errno));
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), tmp, strerror(errno));
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return err_kind(e, IPC_E_IO, NULL, _("cannot store %s: %s"), path, strerror(errno));
	}
	return 0;
}

int db_quarantine_add(db *d, const char *channel, const char *path, const char *line,
		      size_t len, const char *reason, const char *actor, bool *fresh, ipc_err *e)
{
	crypto_hash_sha256_state hs;
	unsigned char h[32];
	char id[65];
	sqlite3_stmt *st;

	crypto_hash_sha256_init(&hs);
	crypto_hash_sha256_update(&hs, (const unsigned char *)channel, strlen(channel) + 1);
	crypto_hash_sha256_update(&hs, (const unsigned char *)path, strlen(path) + 1);
	crypto_hash_sha256_update(&hs, (const unsigned char *)line, len);
	crypto_hash_sha256_final(&hs, h);
	sodium_bin2hex(id, sizeof id, h, sizeof h);
	if (!(st = db_stmt(d, "INSERT OR IGNORE INTO quarantine(id, channel, path, line, reason,"
			   " actor, first_seen) VALUES(?, ?, ?, ?, ?, ?, ?)", e)))
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, channel);
	db_bind_text(st, 3, path);
	/* kept as received, up to a limit, as a blob: it may not even be text */
	sqlite3_bind_blob(st, 4, line, (int)(len > 65536 ? 65536 : len), SQLITE_TRANSIENT);
	db_bind_text(st, 5, reason);
	db_bind_text(st, 6, actor);
	sqlite3_bind_int64(st, 7, db_wall_ms() / 1000);
	if (step(d, st, e, "recording quarantined data"))
		return -1;
	*fresh = sqlite3_changes(d->sql) > 0;
	return 0;
}

json_t *db_quarantine_list(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT channel, path, reason, line, first_seen FROM quarantine"
				   " ORDER BY first_seen DESC, path", e);
	json_t *list;

	if (!st)
		return NULL;
	list = json_array();
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* the line may be anything: jansson escapes it, invalid UTF-8 becomes a note */
		json_t *line = json_stringn((const char *)sqlite3_column_blob(st, 3),
					    (size_t)sqlite3_column_bytes(st, 3));
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:o,s:I}",
			"channel", sqlite3_column_text(st, 0), "path", sqlite3_column_text(st, 1),
			"reason", sqlite3_column_text(st, 2),
			"line", line ? line : json_string("(not valid UTF-8)"),
			"first_seen", (json_int_t)sqlite3_column_int64(st, 4)));
	}
	sqlite3_reset(st);
	return list;
}

int db_quarantine_retry(db *d, long *imported, ipc_err *e)
{
	sqlite3_stmt *st;
	struct pending {
		char id[65];
		char *line;
		size_t len;
	} *p = NULL, *more;
	size_t n = 0, cap = 0;
	bool short_of_memory = false; /* then nothing is retried */
	int rc = 0;

	*imported = 0;
	if (sqlite3_prepare_v2(d->sql, "SELECT id, line FROM quarantine WHERE actor IS NOT NULL",
			       -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "reading the quarantine");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!(more = grow(p, &cap, n, sizeof *p))) {
			short_of_memory = true;
			break;
		}
		p = more;
		snprintf(p[n].id, sizeof p[n].id, "%s", sqlite3_column_text(st, 0));
		p[n].len = (size_t)sqlite3_column_bytes(st, 1);
		if (!(p[n].line = malloc(p[n].len + 1))) {
			short_of_memory = true;
			break;
		}
		memcpy(p[n].line, sqlite3_column_blob(st, 1), p[n].len);
		p[n].line[p[n].len] = '\0';
		n++;
	}
	sqlite3_finalize(st);
	if (short_of_memory)
		rc = err_nomem(e);
	for (size_t i = 0; i < n && !short_of_memory; i++) {
		ipc_err why;
		int got = db_import(d, p[i].line, p[i].len, &why);
		/* imported, or known by now: it leaves the quarantine; still waiting for its writer's
		 * key or admission: it stays, to be retried; refused for another reason: it stays,
		 * with that reason, and is not retried again */
		if (got >= 0)
			st = db_stmt(d, "DELETE FROM quarantine WHERE id = ?", e);
		else if (DB_IMPORT_WAITS(got))
			st = db_stmt(d, "UPDATE quarantine SET reason = ?2 WHERE id = ?1", e);
		else
			st = db_stmt(d, "UPDATE quarantine SET reason = ?2, actor = NULL WHERE id = ?1", e);
		if (st) {
			db_bind_text(st, 1, p[i].id);
			if (got < 0)
				db_bind_text(st, 2, why.msg);
			rc = step(d, st, e, "updating the quarantine");
			*imported += got > 0;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(p[i].line);
	free(p);
	return rc;
}
