/* guard — the confidential values of this workspace in their normal form, kept by the fold, and
 * the check that keeps them out of the collaboration channel (invariants in guard.h).
 *
 * Finding which of some 10⁵ values a text holds, in a few lookups: every value is filed under
 * one window of KEY_BYTES bytes of its normal form (starting on a character), and a text
 * holding the value holds that window at a character start. So the text's windows, one per
 * character, are looked up in one query, and only the values filed under them are compared
 * whole. Each value's window is the one fewest values are filed under when it is added, so
 * no key gathers the values that share a common part (a district's addresses, 有限公司,
 * the first digits of the ID numbers of one region). */
#include "db/guard.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/secret.h"
#include "db/db_internal.h"
#include "db/schema.h"

/* Bump when the normal form or what counts as a secret changes: the tables are refilled. */
#define GUARD_FORM "1"
#define KEY_BYTES 6    /* a two-character Chinese name is 6 bytes: the shortest value kept */
#define KEY_WINDOWS 32 /* windows of a long value weighed when it is filed */

static const char guard_ddl[] =
	"CREATE TABLE IF NOT EXISTS secret_values(id INTEGER PRIMARY KEY,"
	" value TEXT NOT NULL UNIQUE, key INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS secret_values_key ON secret_values(key);"
	/* where each value stands now; a value no record holds any more matches nothing */
	"CREATE TABLE IF NOT EXISTS secret_refs(record TEXT NOT NULL, field TEXT NOT NULL,"
	" value INTEGER NOT NULL, type TEXT NOT NULL, role TEXT,"
	" PRIMARY KEY(record, field, value)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS secret_refs_value ON secret_refs(value);";

/* ---- strings of a value ---- */

typedef int (*text_fn)(const char *s, void *arg);

/* Calls fn on every string of v at any depth (object keys too), and on integers as text; a
 * string holding a JSON object or array (a handoff's package) is read as one. Stops at the
 * first non-zero return. */
static int strings_each(const json_t *v, text_fn fn, void *arg)
{
	const char *k;
	json_t *x;
	size_t i;
	int rc = 0;

	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		json_t *inner = *s == '{' || *s == '[' ? json_loads(s, 0, NULL) : NULL;
		rc = inner ? strings_each(inner, fn, arg) : fn(s, arg);
		json_decref(inner);
	} else if (json_is_integer(v)) {
		char n[24];
		snprintf(n, sizeof n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		rc = fn(n, arg);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if ((rc = strings_each(x, fn, arg)))
				break;
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, x)
			if ((rc = fn(k, arg)) || (rc = strings_each(x, fn, arg)))
				break;
	}
	return rc;
}

/* ---- keys ---- */

static bool char_start(const char *s)
{
	return ((unsigned char)*s & 0xc0) != 0x80;
}

static int64_t key_at(const char *s)
{
	int64_t k = 0;

	for (int i = 0; i < KEY_BYTES; i++)
		k = k << 8 | (unsigned char)s[i];
	return k;
}

/* The window of v fewest values are filed under. */
static int key_choose(db *d, const char *v, int64_t *key, ipc_err *e)
{
	size_t len = strlen(v), tried = 0;
	int64_t fewest = INT64_MAX;

	for (size_t q = 0; q + KEY_BYTES <= len && tried < KEY_WINDOWS && fewest; q++) {
		sqlite3_stmt *st;
		int64_t k, n;
		if (!char_start(v + q))
			continue;
		tried++;
		k = key_at(v + q);
		if (!(st = db_stmt(d, "SELECT count(*) FROM secret_values WHERE key = ?", e)))
			return -1;
		sqlite3_bind_int64(st, 1, k);
		n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (n < fewest) {
			fewest = n;
			*key = k;
		}
	}
	return 0;
}

/* ---- the values, kept by the fold ---- */

static bool may_be_confidential(const struct field *f)
{
	return f->flags & (FF_CONFIDENTIAL | FF_REPORTER);
}

/* Long enough to be someone's identity rather than a word: a two-character Chinese name, a
 * phone number of 7 digits; a confidential text of many lines (an opinion) from 8 Chinese
 * characters, so that a short one (同意) does not stop every text that says it. */
static bool long_enough(const struct field *f, const char *normal)
{
	size_t n = strlen(normal);
	bool one_line = f->kind != FK_TEXT || (f->max_len && f->max_len <= SCHEMA_LINE_MAX);

	if (secret_digits(normal))
		return n >= 7;
	return n >= (one_line ? KEY_BYTES : 4 * KEY_BYTES);
}

/* The id of value v in secret_values, filed now when it is new. */
static int value_id(db *d, const char *v, int64_t *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM secret_values WHERE value = ?", e);
	int64_t key = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, v);
	*id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (*id)
		return 0;
	if (key_choose(d, v, &key, e)
	    || !(st = db_stmt(d, "INSERT INTO secret_values(value, key) VALUES(?, ?)", e)))
		return -1;
	db_bind_text(st, 1, v);
	sqlite3_bind_int64(st, 2, key);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_sqlerr(d, e, "keeping a confidential value");
	}
	sqlite3_reset(st);
	*id = sqlite3_last_insert_rowid(d->sql);
	return 0;
}

struct fold_ctx {
	db *d;
	const struct rtype *t;
	const struct field *f;
	const char *record, *role;
	ipc_err *e;
};

static int secret_add(const char *raw, void *arg)
{
	struct fold_ctx *c = arg;
	char *v = secret_normal(raw);
	sqlite3_stmt *st;
	int64_t id;
	int rc = -1;

	if (!v)
		return err_nomem(c->e);
	if (!long_enough(c->f, v)) {
		rc = 0;
		goto out;
	}
	if (value_id(c->d, v, &id, c->e)
	    || !(st = db_stmt(c->d, "INSERT OR IGNORE INTO secret_refs(record, field, value, type,"
			      " role) VALUES(?, ?, ?, ?, ?)", c->e)))
		goto out;
	db_bind_text(st, 1, c->record);
	db_bind_text(st, 2, c->f->name);
	sqlite3_bind_int64(st, 3, id);
	db_bind_text(st, 4, c->t->name);
	db_bind_text(st, 5, c->role);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_sqlerr(c->d, c->e, "keeping a confidential value");
	sqlite3_reset(st);
out:
	free(v);
	return rc;
}

static bool guarded_type(const struct rtype *t)
{
	for (size_t i = 0; i < t->nfields; i++)
		if (may_be_confidential(&t->fields[i]))
			return true;
	return false;
}

int guard_forget(db *d, const char *record, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "DELETE FROM secret_refs WHERE record = ?", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, record);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_sqlerr(d, e, "forgetting confidential values");
	sqlite3_reset(st);
	return rc;
}

int guard_fold(db *d, const struct rtype *t, const char *record, const json_t *state,
	       bool is_new, ipc_err *e)
{
	struct fold_ctx c = {d, t, NULL, record, json_string_value(json_object_get(state, "role")), e};

	if (!guarded_type(t))
		return 0;
	if (!is_new && guard_forget(d, record, e))
		return -1;
	if (json_is_true(json_object_get(state, "deleted")))
		return 0;
	for (size_t i = 0; i < t->nfields; i++) {
		const json_t *v = json_object_get(state, t->fields[i].name);
		c.f = &t->fields[i];
		if (v && may_be_confidential(c.f) && schema_confidential(t, c.f, state)
		    && strings_each(v, secret_add, &c))
			return -1;
	}
	return 0;
}

static int refill(db *d, ipc_err *e)
{
	if (db_exec(d, "DELETE FROM secret_refs; DELETE FROM secret_values;", e))
		return -1;
	for (size_t i = 0; i < schema_ntypes; i++) {
		const struct rtype *t = schema_types[i];
		char sql[96];
		sqlite3_stmt *st;
		int rc = 0;
		if (!guarded_type(t))
			continue;
		snprintf(sql, sizeof sql, "SELECT * FROM %s", t->table);
		if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
			return db_sqlerr(d, e, "reading confidential values");
		while (!rc && sqlite3_step(st) == SQLITE_ROW) {
			json_t *o = db_row_json(t, st);
			rc = o ? guard_fold(d, t, json_string_value(json_object_get(o, "id")), o, true, e)
			       : err_nomem(e);
			json_decref(o);
		}
		sqlite3_finalize(st);
		if (rc)
			return -1;
	}
	return db_meta_set(d, "guard.form", GUARD_FORM, e);
}

int guard_open(db *d, ipc_err *e)
{
	char form[16] = "";

	if (db_exec(d, guard_ddl, e))
		return -1;
	db_meta_get(d, "guard.form", form, sizeof form);
	if (strcmp(form, GUARD_FORM) == 0)
		return 0;
	if (db_begin(d, e))
		return -1;
	if (refill(d, e) || db_commit(d, e)) {
		db_rollback(d);
		return err_wrap(e, _("listing the confidential values of the workspace"));
	}
	return 0;
}

/* ---- the check of a local write ---- */

struct check_ctx {
	db *d;
	const char *field;
	ipc_err *e;
};

/* "reporter's name": whose value, of which field, in the interface's language. */
static void value_kind(const char *type, const char *field, const char *role, char *out,
		       size_t n)
{
	const struct rtype *t = schema_type(type);
	const struct field *f = t ? schema_field(t, field) : NULL;
	const struct field *r = t && role ? schema_field(t, "role") : NULL;
	bool zh = i18n_zh();
	const char *who = r && r->values ? schema_enum_label(r->values, role, zh)
			  : t ? (zh ? t->zh : t->en) : type;

	/* TRANSLATORS: whose confidential value and which field: "reporter's name" */
	snprintf(out, n, _("%s's %s"), who, f ? (zh ? f->zh : f->en) : field);
}

/* Refuses when the normal text holds the value of secret_values row `id` that some record
 * still holds; 0 when none does. */
static int refuse_held(struct check_ctx *c, int64_t id)
{
	sqlite3_stmt *st = db_stmt(c->d, "SELECT type, field, role FROM secret_refs WHERE value = ?"
				   " LIMIT 1", c->e);
	char kind[200];

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	value_kind((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2), kind, sizeof kind);
	sqlite3_reset(st);
	return err_kind(c->e, IPC_E_RULE, c->field, _("%s would carry a confidential value of this "
			"workspace in clear (%s), and every office of the collaboration channel "
			"reads it: leave it out"), c->field, kind);
}

/* The keys of the windows of a normal text, one per character start, as a JSON array for
 * json_each; NULL when out of memory. */
static char *text_keys(const char *normal)
{
	size_t len = strlen(normal), n = 1;
	char *out = malloc(len * 17 + 3); /* '[', at most 15 digits and a comma a byte, "]" */

	if (!out)
		return NULL;
	out[0] = '[';
	for (size_t q = 0; q + KEY_BYTES <= len; q++)
		if (char_start(normal + q))
			n += (size_t)sprintf(out + n, "%s%" PRId64, n > 1 ? "," : "", key_at(normal + q));
	memcpy(out + n, "]", 2);
	return out;
}

static int text_check(const char *s, void *arg)
{
	struct check_ctx *c = arg;
	char *normal = secret_normal(s), *keys = normal ? text_keys(normal) : NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (!keys) {
		err_nomem(c->e);
		goto out;
	}
	if (!(st = db_stmt(c->d, "SELECT id, value FROM secret_values"
			   " WHERE key IN (SELECT value FROM json_each(?))", c->e)))
		goto out;
	sqlite3_bind_text(st, 1, keys, -1, SQLITE_STATIC);
	rc = 0;
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		if (strstr(normal, (const char *)sqlite3_column_text(st, 1)))
			rc = refuse_held(c, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (!rc && secret_has_id_number(normal))
		rc = err_kind(c->e, IPC_E_RULE, c->field, _("%s holds a resident ID number: ID "
			      "numbers never go to the collaboration channel in clear"), c->field);
out:
	free(keys);
	free(normal);
	return rc;
}

/* Kinds whose values are checked to hold no name or number beyond their format (dates,
 * enums, references, amounts) carry nothing to look for. */
static bool carries_text(enum field_kind k)
{
	return k == FK_TEXT || k == FK_USCC || k == FK_IDNUM || k == FK_HANDLERS || k == FK_ORGS;
}

int guard_write(db *d, const struct rtype *t, const json_t *state, const json_t *set,
		ipc_err *e)
{
	struct check_ctx c = {d, NULL, e};
	const char *k;
	json_t *v;

	if (!schema_travels(t, "collab"))
		return 0;
	json_object_foreach((json_t *)set, k, v) {
		const struct field *f = schema_field(t, k);
		c.field = k;
		if (!f || !carries_text(f->kind) || (f->flags & FF_CIPHER))
			continue;
		if (schema_confidential(t, f, state))
			return err_kind(e, IPC_E_RULE, k, _("%s is confidential: it never travels in "
					"the collaboration channel, which every office reads"), k);
		if (strings_each(v, text_check, &c))
			return -1;
	}
	return 0;
}
