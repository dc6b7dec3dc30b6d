/* store — the write path (fields → the type's rules → signed op → fold → the type's hooks),
 * peer import, reads, history, verify, export.
 *
 * The invariants this module keeps (tests/test_oplog.c, test_rules.c and test_rtype.c check
 * them; sync/ relies on them):
 *
 *  1. An op is immutable. Its line is canonical JSON (jansson, sorted keys, compact, UTF-8
 *     unescaped, no reals); id = sha256(body) and sig = Ed25519(body) over the object without
 *     id and sig; op_parse re-encodes every line it reads and refuses one that is not
 *     byte-identical, so every replica stores the same bytes for the same op. Its row holds
 *     the line cut at its frame (op_insert, db/op.h), and op_lines gives back those bytes.
 *  2. The ops table only grows. Nothing here updates or deletes an op's row, except the
 *     signer filling in the signature of an op of the still-open bulk transaction, and
 *     db_ops_withdraw taking a revoked device's unaccepted ops back into the quarantine (the
 *     records they touched are folded again from the ops left).
 *  3. A record's materialised row is a function of the set of its ops, whatever order they
 *     arrived in: per field, the value of the last op by (hlc, actor, id) that set it. A
 *     status change its type's status_ok refuses is skipped by the fold on every replica.
 *  4. A field is in conflict exactly when some op set it to a value other than the winner's
 *     and the winner's writer had not seen that op (not among its ancestors through deps).
 *     This too depends on the set of ops only.
 *  5. A local write has the newest clock and depends on every head of its record, so it wins
 *     every field it sets and settles their conflicts: its state is the old state plus its
 *     fields, without re-reading the record's ops (the two fold paths give the same rows:
 *     test_oplog's order-independence test compares them).
 *  6. A record's heads are its ops that none of its ops depends on. They are read off the
 *     ops' deps when a local write needs them (heads_get), so, like the fold, they are a
 *     function of the set of ops: an op that arrives after one depending on it is no head.
 *  7. The clock (hlc = wall ms << 16 | counter) never goes backwards and moves past every op
 *     imported.
 *  8. One write is one transaction: the field checks, the type's check_write, the guard of
 *     the collaboration channel (db/guard), the op, the fold and its upkeep of the
 *     confidential values, the type's folded hook, and at commit the refresh hook of every
 *     record marked (itself or its parent) commit together or not at all; a peer's op meets
 *     the same field checks, the authority check (schema_gate) and its type's check_import
 *     before it is stored (not the guard: docs/ARCHITECTURE.md says why); a local write
 *     meets the authority check before its type's check_write.
 *  9. The store names no rule module: a record type's rules reach it only through the hooks of
 *     its struct rtype and the authority check of struct schema_gate (db/schema.h). */
#include "base/canon.h"
#include "base/disk.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/json.h"
#include "db/store.h"

#include <pthread.h>
#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "db/channel.h"
#include "db/db_internal.h"
#include "db/guard.h"
#include "db/op.h"
#include "db/opz.h"
#include "db/schema.h"
#include "db/signer.h"

/* ---- rows of the materialised tables <-> JSON ---- */


static json_t *column_json(const struct field *f, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_INTEGER:
		if (f->kind == FK_BOOL)
			return json_boolean(sqlite3_column_int(st, col));
		return json_integer(sqlite3_column_int64(st, col));
	default:
		if (schema_kind_json(f->kind))
			return json_loads((const char *)sqlite3_column_text(st, col), 0, NULL);
		return json_stringn((const char *)sqlite3_column_text(st, col),
				    (size_t)sqlite3_column_bytes(st, col));
	}
}

json_t *db_row_json(const struct rtype *t, sqlite3_stmt *st)
{
	json_t *o = json_object();
	int failed;

	failed = json_object_set_new(o, "id", json_string((const char *)sqlite3_column_text(st, COL_ID)))
		 | json_object_set_new(o, "type", json_string(t->name));
	/* every field, null when unset: JSON readers find the same keys on every record */
	for (size_t i = 0; i < t->nfields; i++) {
		json_t *v = column_json(&t->fields[i], st, COL_FIELDS + (int)i);
		failed |= json_object_set_new(o, t->fields[i].name, v ? v : json_null());
	}
	if (failed) { /* out of memory: no record rather than one missing fields */
		json_decref(o);
		return NULL;
	}
	return o;
}

static int bind_value(sqlite3_stmt *st, int i, const json_t *v)
{
	char *s;

	if (!v || json_is_null(v))
		return sqlite3_bind_null(st, i);
	if (json_is_boolean(v))
		return sqlite3_bind_int(st, i, json_is_true(v));
	if (json_is_integer(v))
		return sqlite3_bind_int64(st, i, json_integer_value(v));
	if (json_is_string(v))
		return sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v),
					 SQLITE_TRANSIENT);
	if (!(s = jcanon(v)))
		return SQLITE_NOMEM;
	return sqlite3_bind_text(st, i, s, -1, free);
}

/* The statements of each materialised table, built once from the schema. */
struct type_sql {
	char select[96], rowid[96], upsert[4096];
};

/* Where t stands in schema_types: what the modules that keep something per type index by. */
static int type_index(const struct rtype *t)
{
	int i = 0;

	while ((size_t)i < schema_ntypes && schema_types[i] != t)
		i++;
	return i;
}

/* Built on first use under a lock: two handles on two threads (the screen and its sync)
 * must not find one half written. */
static const struct type_sql *sql_for(const struct rtype *t)
{
	static struct type_sql sql[SCHEMA_MAX_TYPES];
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct type_sql *q = &sql[type_index(t)];
	size_t n, f;

	pthread_mutex_lock(&lock);
	if (q->select[0])
		goto out;
	snprintf(q->select, sizeof q->select, "SELECT * FROM %s WHERE id = ?", t->table);
	snprintf(q->rowid, sizeof q->rowid, "SELECT rowid FROM %s WHERE id = ?", t->table);
	n = (size_t)snprintf(q->upsert, sizeof q->upsert, "INSERT INTO %s(id, created_hlc,"
			     " updated_hlc, creator, conflict", t->table);
	for (f = 0; f < t->nfields; f++)
		n += (size_t)snprintf(q->upsert + n, sizeof q->upsert - n, ", \"%s\"",
				      t->fields[f].name);
	n += (size_t)snprintf(q->upsert + n, sizeof q->upsert - n, ") VALUES(?, ?, ?, ?, ?");
	for (f = 0; f < t->nfields; f++)
		n += (size_t)snprintf(q->upsert + n, sizeof q->upsert - n, ", ?");
	n += (size_t)snprintf(q->upsert + n, sizeof q->upsert - n, ") ON CONFLICT(id) DO UPDATE SET"
			      " creator = CASE WHEN excluded.created_hlc < created_hlc THEN excluded.creator"
			      " ELSE creator END, created_hlc = min(created_hlc, excluded.created_hlc),"
			      " updated_hlc = max(updated_hlc, excluded.updated_hlc),"
			      " conflict = excluded.conflict");
	for (f = 0; f < t->nfields; f++)
		n += (size_t)snprintf(q->upsert + n, sizeof q->upsert - n, ", \"%s\" = excluded.\"%s\"",
				      t->fields[f].name, t->fields[f].name);
out:
	pthread_mutex_unlock(&lock);
	return q;
}

/* The current state of record id of type t, or NULL when it has none yet. */
static json_t *state_get(db *d, const struct rtype *t, const char *id, int64_t *rowid)
{
	sqlite3_stmt *st = db_stmt(d, sql_for(t)->select, NULL);
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		o = db_row_json(t, st);
		if (rowid)
			*rowid = sqlite3_column_int64(st, COL_ROWID);
	}
	sqlite3_reset(st);
	return o;
}

/* ---- the fold: a record's state from all its ops, in any arrival order ---- */

struct fold_op {
	char id[65], actor[65];
	int64_t hlc;
	json_t *set, *deps;
};

static int fold_cmp(const void *a, const void *b)
{
	const struct fold_op *x = a, *y = b;
	int c;

	if (x->hlc != y->hlc)
		return x->hlc < y->hlc ? -1 : 1;
	c = strcmp(x->actor, y->actor);
	return c ? c : strcmp(x->id, y->id);
}

static int fold_find(const struct fold_op *ops, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ops[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Marks in `seen` every op of the record that ops[w] knew of, through deps; -1 when out of
 * memory. */
static int fold_ancestors(const struct fold_op *ops, size_t n, size_t w, unsigned char *seen)
{
	size_t *stack = malloc(n * sizeof *stack), top = 0, i;
	json_t *dep;

	if (!stack)
		return -1;
	stack[top++] = w;
	while (top) {
		size_t k = stack[--top];
		json_array_foreach(ops[k].deps, i, dep) {
			int j = fold_find(ops, n, json_string_value(dep));
			if (j >= 0 && !seen[j]) {
				seen[j] = 1;
				stack[top++] = (size_t)j;
			}
		}
	}
	free(stack);
	return 0;
}

/* A field is in conflict when an op set it to a value other than the winner's without the
 * winner's writer having seen that op. Depends only on the set of ops, not their order.
 * 1: in conflict, 0: not, -1: out of memory. */
static int fold_conflicted(const struct fold_op *ops, size_t n, const char *field)
{
	const json_t *wv = NULL;
	unsigned char *seen;
	size_t w = 0, i;
	bool differ = false, conflict = false;

	for (i = n; i-- > 0;)
		if ((wv = json_object_get(ops[i].set, field))) {
			w = i;
			break;
		}
	for (i = 0; i < w && !differ; i++) {
		const json_t *v = json_object_get(ops[i].set, field);
		differ = v && !json_equal(v, wv);
	}
	if (!differ)
		return 0;
	if (!(seen = calloc(n, 1)) || fold_ancestors(ops, n, w, seen)) {
		free(seen);
		return -1;
	}
	for (i = 0; i < w && !conflict; i++) {
		const json_t *v = json_object_get(ops[i].set, field);
		conflict = v && !json_equal(v, wv) && !seen[i];
	}
	free(seen);
	return conflict;
}

static void fold_free(struct fold_op *ops, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_decref(ops[i].set);
		json_decref(ops[i].deps);
	}
	free(ops);
}

/* The JSON of a column (an op's set or deps), NULL if it is not. */
static json_t *column_loads(sqlite3_stmt *st, int col)
{
	return json_loadb((const char *)sqlite3_column_blob(st, col),
			  (size_t)sqlite3_column_bytes(st, col), 0, NULL);
}

static int fold_load(db *d, const char *record, struct fold_op **out, size_t *nout, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, actor, hlc, op_set(fields), deps FROM ops"
				   " WHERE record = ?", e);
	struct fold_op *ops = NULL;
	size_t n = 0, cap = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, record);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct fold_op *more = grow(ops, &cap, n, sizeof *more);
		if (!more) {
			sqlite3_reset(st);
			fold_free(ops, n);
			return err_nomem(e);
		}
		ops = more;
		snprintf(ops[n].id, sizeof ops[n].id, "%s", sqlite3_column_text(st, 0));
		snprintf(ops[n].actor, sizeof ops[n].actor, "%s", sqlite3_column_text(st, 1));
		ops[n].hlc = sqlite3_column_int64(st, 2);
		ops[n].set = column_loads(st, 3);
		ops[n].deps = column_loads(st, 4);
		n++;
	}
	sqlite3_reset(st);
	qsort(ops, n, sizeof *ops, fold_cmp);
	*out = ops;
	*nout = n;
	return 0;
}

static int step_done(db *d, sqlite3_stmt *st, ipc_err *e, const char *doing);

static int conflicts_store(db *d, const char *record, const char *const *fields, size_t n,
			   ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "DELETE FROM conflicts WHERE record = ?"
				   " AND field <> 'duplicate_case_no'", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, record);
	if (step_done(d, st, e, "clearing conflicts"))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!(st = db_stmt(d, "INSERT OR IGNORE INTO conflicts(record, field) VALUES(?, ?)", e)))
			return -1;
		db_bind_text(st, 1, record);
		db_bind_text(st, 2, fields[i]);
		if (step_done(d, st, e, "recording a conflict"))
			return -1;
	}
	return 0;
}

static bool refreshes(const struct rtype *t)
{
	return t->refresh || t->refresh_rows;
}

/* Records whose type has a refresh hook are refreshed once each at commit. */
static int mark_dirty(db *d, const struct rtype *t, int64_t rowid, ipc_err *e)
{
	struct db_dirty *p, mark = {type_index(t), rowid};

	if (d->ndirty && d->dirty[d->ndirty - 1].type == mark.type
	    && d->dirty[d->ndirty - 1].rowid == rowid)
		return 0;
	if (!(p = grow(d->dirty, &d->adirty, d->ndirty, sizeof *p)))
		return err_nomem(e);
	d->dirty = p;
	d->dirty[d->ndirty++] = mark;
	return 0;
}

static int64_t rowid_of(db *d, const struct rtype *t, const char *id)
{
	sqlite3_stmt *st = db_stmt(d, sql_for(t)->rowid, NULL);
	int64_t rowid = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		rowid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rowid;
}

/* A record marks itself, or the record its parent field names (a party marks its case), for
 * the refresh at commit. */
static int mark_refresh(db *d, const struct rtype *t, const json_t *state, int64_t rowid,
			ipc_err *e)
{
	const struct rtype *pt = schema_parent_type(t);
	const char *parent;

	if (refreshes(t) && mark_dirty(d, t, rowid, e))
		return -1;
	if (!pt || !refreshes(pt) || !(parent = json_string_value(json_object_get(state, t->parent))))
		return 0;
	rowid = rowid_of(d, pt, parent);
	return rowid ? mark_dirty(d, pt, rowid, e) : 0;
}

/* What the fold of a record gives its materialised row. */
struct folded {
	json_t *state;
	int64_t created, updated;
	const char *creator;
	const char *conflicted[64]; /* fields in conflict, when `settled` is NULL */
	size_t nconf;
	const json_t *settled;      /* a local write: the fields it set, now settled */
};

static int conflicts_settle(db *d, const char *record, const json_t *set, bool *any, ipc_err *e)
{
	sqlite3_stmt *st;
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)set, k, v) {
		if (!(st = db_stmt(d, "DELETE FROM conflicts WHERE record = ? AND field = ?", e)))
			return -1;
		db_bind_text(st, 1, record);
		db_bind_text(st, 2, k);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_sqlerr(d, e, "settling a conflict");
	}
	if (!(st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM conflicts WHERE record = ?)", e)))
		return -1;
	db_bind_text(st, 1, record);
	*any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Writes the folded state into the record's table and its conflicts, calls the type's folded
 * hook, and marks what its refresh hook brings up to date at commit. */
static int materialise(db *d, const struct rtype *t, const char *record, struct folded *f,
		       bool is_new, ipc_err *e)
{
	sqlite3_stmt *st;
	bool conflict = f->nconf > 0;
	int64_t rowid = 0;

	if (f->settled && !is_new && conflicts_settle(d, record, f->settled, &conflict, e))
		return -1;
	if (!(st = db_stmt(d, sql_for(t)->upsert, e)))
		return -1;
	db_bind_text(st, 1, record);
	sqlite3_bind_int64(st, 2, f->created);
	sqlite3_bind_int64(st, 3, f->updated);
	db_bind_text(st, 4, f->creator);
	sqlite3_bind_int(st, 5, conflict);
	for (size_t i = 0; i < t->nfields; i++)
		if (bind_value(st, 6 + (int)i, json_object_get(f->state, t->fields[i].name))
		    == SQLITE_NOMEM) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return err_nomem(e);
		}
	if (step_done(d, st, e, "saving the record"))
		return -1;
	/* its rowid when a refresh needs it: RETURNING rowid cost every upsert more than this
	 * look-up costs the records that refresh */
	if (refreshes(t) && !(rowid = rowid_of(d, t, record)))
		return db_sqlerr(d, e, "saving the record");
	if (!f->settled && !is_new && conflicts_store(d, record, f->conflicted, f->nconf, e))
		return -1;
	if (guard_fold(d, t, record, f->state, is_new, e))
		return -1;
	if (t->folded && t->folded(d, t, record, f->state, is_new, e))
		return -1;
	return mark_refresh(d, t, f->state, rowid, e);
}

/* Does an op's status change follow the type's state machine from the state folded so far? */
static bool fold_allows(const struct rtype *t, const json_t *state, const json_t *set)
{
	const char *to = json_string_value(json_object_get(set, "status"));

	return !t->status_ok || !to
	       || t->status_ok(json_string_value(json_object_get(state, "status")), to);
}

/* The full fold, for ops from elsewhere: any order, any concurrency. */
static int fold_record(db *d, const struct rtype *t, const char *record, ipc_err *e)
{
	struct fold_op *ops = NULL;
	struct folded f = {.state = json_object()};
	size_t n = 0;
	int rc = -1;

	if (!f.state) {
		err_nomem(e);
		goto out;
	}
	if (fold_load(d, record, &ops, &n, e))
		goto out;
	for (size_t i = 0; i < n; i++) /* ascending (hlc, actor): last writer wins */
		if (fold_allows(t, f.state, ops[i].set) && json_object_update(f.state, ops[i].set)) {
			err_nomem(e);
			goto out;
		}
	for (size_t i = 0; i < t->nfields && n > 1; i++) {
		int c = fold_conflicted(ops, n, t->fields[i].name);
		if (c < 0) {
			err_nomem(e);
			goto out;
		}
		if (c)
			f.conflicted[f.nconf++] = t->fields[i].name;
	}
	f.created = ops[0].hlc;
	f.updated = ops[n - 1].hlc;
	f.creator = ops[0].actor;
	rc = materialise(d, t, record, &f, n == 1, e);
out:
	fold_free(ops, n);
	json_decref(f.state);
	return rc;
}

/* ---- storing an op ---- */


/* The record's heads (invariant 6), sorted, appended to deps. The record's deps are joined
 * once (an uncorrelated subquery); an id is 64 hex digits between quotes, so it is found in
 * them only as a dependency. Until schema 11 a table kept the heads and another every
 * dependency, at four statements an op and 700 bytes a case. */
static int heads_get(db *d, const char *record, json_t *deps, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM ops WHERE record = ?1 AND instr((SELECT"
				   " coalesce(group_concat(deps), '') FROM ops WHERE record = ?1), id)"
				   " = 0 ORDER BY id", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, record);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (json_array_append_new(deps, json_string((const char *)sqlite3_column_text(st, 0)))) {
			sqlite3_reset(st);
			return err_nomem(e); /* an op missing a dependency would be signed */
		}
	sqlite3_reset(st);
	return 0;
}

static int step_done(db *d, sqlite3_stmt *st, ipc_err *e, const char *doing)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, doing);
}

/* The op's row: its members in columns and the spans of its text that are not (db/op.h). The
 * text is its line, or, for an op of a bulk transaction (o->sig empty), its body: the signer
 * fills in the signature at commit, in place of 64 zero bytes of the same size. */
static int op_insert(db *d, const struct op *o, const char *text, size_t len, ipc_err *e)
{
	bool sealed = o->sig[0] != '\0';
	unsigned char sig[64] = {0}, *packed;
	struct op_spans sp;
	sqlite3_stmt *st;
	size_t npacked;

	if (!op_line_spans(o, text, len, sealed, &sp)
	    || (sealed && sodium_hex2bin(sig, sizeof sig, o->sig, 128, NULL, NULL, NULL) != 0))
		return err_kind(e, IPC_E_INTERNAL, NULL,
				_("internal error: op %.12s is not framed as the store keeps it"), o->id);
	if (!(st = db_stmt(d, "INSERT INTO ops(id, record, type, actor, hlc, deps, fields, sig, v)"
			   " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", e)))
		return -1;
	db_bind_text(st, 1, o->id);
	db_bind_text(st, 2, o->record);
	db_bind_text(st, 3, o->type);
	db_bind_text(st, 4, o->actor);
	sqlite3_bind_int64(st, 5, o->hlc);
	sqlite3_bind_text(st, 6, text + sp.deps_at, (int)sp.deps_len, SQLITE_STATIC);
	if (opz_pack(text + sp.set_at, sp.set_len, &packed, &npacked))
		sqlite3_bind_blob(st, 7, packed, (int)npacked, free);
	else
		sqlite3_bind_text(st, 7, text + sp.set_at, (int)sp.set_len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, sig, sizeof sig, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, OP_VERSION);
	return step_done(d, st, e, "storing the change");
}

/* Inserts a checked op and folds. A local write passes the record's new state: its op depends
 * on every head and has the newest clock, so it wins every field it sets and settles their
 * conflicts: the fold is that state, without re-reading the record's ops. is_new: the record
 * has no op stored before this one. */
static int store_op(db *d, const struct rtype *t, const struct op *o, const char *text,
		    size_t len, json_t *local_state, bool is_new, int64_t *seq, ipc_err *e)
{
	if (op_insert(d, o, text, len, e))
		return -1;
	*seq = sqlite3_last_insert_rowid(d->sql);
	if (local_state) {
		struct folded f = {.state = local_state, .created = o->hlc, .updated = o->hlc,
				   .creator = o->actor, .settled = o->set};
		return materialise(d, t, o->record, &f, is_new, e);
	}
	/* a peer's first op of a record is its whole state */
	if (is_new && fold_allows(t, NULL, o->set)) {
		struct folded f = {.state = o->set, .created = o->hlc, .updated = o->hlc,
				   .creator = o->actor};
		return materialise(d, t, o->record, &f, true, e);
	}
	return fold_record(d, t, o->record, e);
}

/* ---- rules of a local write ---- */

static int check_fields(const struct rtype *t, json_t *set, ipc_err *e)
{
	const char *k;
	json_t *v;

	if (!json_is_object(set) || json_object_size(set) == 0)
		return err_kind(e, IPC_E_USAGE, NULL, "%s", _("nothing to change"));
	json_object_foreach(set, k, v) {
		const struct field *f = schema_field(t, k);
		if (!f) {
			char list[600] = "";
			for (size_t i = 0; i < t->nfields; i++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
					 i ? " " : "", t->fields[i].name);
			return err_kind(e, IPC_E_USAGE, NULL, _("a %s has no field \"%.40s\"; fields: %s"),
					t->name, k, list);
		}
		if (schema_value_check(f, v, e))
			return -1;
	}
	return 0;
}

static int check_required(const struct rtype *t, const json_t *state, ipc_err *e)
{
	for (size_t i = 0; i < t->nfields; i++) {
		const json_t *v = json_object_get(state, t->fields[i].name);
		if ((t->fields[i].flags & FF_REQUIRED) && (!v || json_is_null(v)))
			return err_kind(e, IPC_E_RULE, t->fields[i].name, _("%s is required for a new %s"),
					t->fields[i].name, t->name);
	}
	return 0;
}

static int check_parent(db *d, const struct rtype *t, const json_t *state, ipc_err *e)
{
	const char *parent = t->parent ? json_string_value(json_object_get(state, t->parent)) : NULL;
	const struct rtype *pt = schema_parent_type(t);

	if (!parent || !pt || rowid_of(d, pt, parent))
		return 0;
	return err_kind(e, IPC_E_NOTFOUND, t->parent, _("no %s with id %s"), pt->name, parent);
}

/* Workers beside the writer: the other cores. */
static int signer_workers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 1 ? (int)(n > 8 ? 7 : n - 1) : 0;
}

/* Inside a bulk transaction the op is stored with its body and signed by the signer pool
 * while the writer goes on; db_commit stores the signed line before anything is committed. */
static int write_op(db *d, const struct rtype *t, const char *id, json_t *set, json_t *state,
		    bool is_new, ipc_err *e)
{
	const struct db_key *as = d->as;
	bool bulk = d->depth > 1 && !as;
	struct op o = {0};
	char *text = NULL;
	int64_t seq;
	int rc = -1;

	snprintf(o.actor, sizeof o.actor, "%s", as ? as->actor : d->self.actor);
	snprintf(o.record, sizeof o.record, "%s", id);
	snprintf(o.type, sizeof o.type, "%s", t->name);
	d->hlc = o.hlc = hlc_next(d->hlc, db_wall_ms());
	o.set = set;
	if (!(o.deps = json_array())) {
		err_nomem(e);
		goto out;
	}
	if (!is_new && heads_get(d, id, o.deps, e))
		goto out;
	if (bulk && !d->signer && !(d->signer = signer_new(d->sk, signer_workers(), e)))
		goto out;
	if (!(text = bulk ? op_encode(&o, e) : op_seal(&o, as ? as->sk : d->sk, e)))
		goto out;
	if (store_op(d, t, &o, text, strlen(text), state, is_new, &seq, e))
		goto out;
	if (bulk) {
		rc = signer_submit(d->signer, seq, o.id, text, e);
		text = NULL; /* the signer owns it */
		goto out;
	}
	rc = 0;
out:
	free(text);
	json_decref(o.deps);
	return rc;
}

int db_write(db *d, const char *type, const char *id, json_t *set, char new_id[37], ipc_err *e)
{
	const struct rtype *t = schema_type(type);
	json_t *old = NULL, *state = NULL;
	char rid[37];
	int rc = -1;

	if (!t)
		return err_set(e, _("unknown record type \"%.40s\""), type);
	if (check_fields(t, set, e))
		return -1;
	if (id) {
		snprintf(rid, sizeof rid, "%s", id);
		if (!(old = state_get(d, t, id, NULL)))
			return err_kind(e, IPC_E_NOTFOUND, NULL, _("no %s with id %s"), t->name, id);
	} else {
		op_uuid7(rid, db_wall_ms());
	}
	state = old ? json_deep_copy(old) : json_object();
	if (json_object_update(state, set)) { /* fails only on a NULL state */
		err_nomem(e);
		goto out;
	}
	if (db_begin(d, e))
		goto out;
	if ((!old && (check_required(t, state, e) || check_parent(d, t, state, e)))
	    || schema_gate.write(d, t, d->as ? d->as->actor : d->self.actor, rid, old, e)
	    || (t->check_write && t->check_write(d, t, old, state, set, e))
	    || json_object_update(state, set) /* with what the rules added */
	    || guard_write(d, t, state, set, e)
	    || write_op(d, t, rid, set, state, !old, e) || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	if (new_id)
		memcpy(new_id, rid, sizeof rid);
	rc = 0;
out:
	json_decref(old);
	json_decref(state);
	return rc;
}

int db_write_as(db *d, const struct db_key *k, const char *type, const char *id, json_t *set,
		char new_id[37], ipc_err *e)
{
	const struct db_key *was = d->as;
	int rc;

	d->as = k;
	rc = db_write(d, type, id, set, new_id, e);
	d->as = was;
	return rc;
}

/* ---- attachments ---- */

/* An attachment is written to files/incoming.<pid>, then renamed to files/<sha[0:2]>/<sha>.
 * Its writer holds a lock on it (flock: it dies with the process), so a file of that name
 * that nobody holds was left by a writer killed mid-way, and db_files_sweep removes it; the
 * screen and a command writing side by side never remove each other's. */
#define INCOMING "incoming."

/* Is fd still the file at path (not removed or replaced since it was opened)? */
static bool fd_is(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev
	       && a.st_ino == b.st_ino;
}

/* Creates and locks the temporary file; the sweep of another process may remove it between
 * our open and our lock: then it is made again. */
static int incoming_open(const char *dir, const char *tmp)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	for (int tries = 0; tries < 5; tries++) {
		int fd = open(tmp, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0)
			return -1;
		if (flock(fd, LOCK_EX) == 0 && fd_is(fd, tmp) && ftruncate(fd, 0) == 0)
			return fd;
		close(fd);
	}
	errno = EAGAIN;
	return -1;
}

void db_files_sweep(db *d)
{
	char dir[1100], path[1400];
	struct dirent *de;
	DIR *dp;

	if (d->readonly)
		return;
	snprintf(dir, sizeof dir, "%s/files", d->home);
	if (!(dp = opendir(dir)))
		return;
	while ((de = readdir(dp))) {
		int fd;
		if (strncmp(de->d_name, INCOMING, strlen(INCOMING)) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
			continue;
		/* held: its writer is alive */
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fd_is(fd, path))
			unlink(path);
		close(fd);
	}
	closedir(dp);
}

int db_file_add(db *d, const char *path, char sha[65], int64_t *size, ipc_err *e)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], digest[32];
	char tmp[1300], dst[1200];
	FILE *in, *out = NULL;
	size_t n;
	int fd, rc = -1;

	*size = 0;
	if (db_writable(d, e))
		return -1;
	if (!(in = fopen(path, "rb")))
		return err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %m"), path);
	snprintf(dst, sizeof dst, "%s/files", d->home);
	snprintf(tmp, sizeof tmp, "%s/" INCOMING "%d", dst, (int)getpid());
	fd = incoming_open(dst, tmp);
	if (fd < 0 || !(out = fdopen(fd, "wb"))) {
		disk_write_err(e, dst); /* the folder: tmp is removed */
		if (fd >= 0)
			close(fd);
		goto out;
	}
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		crypto_hash_sha256_update(&h, buf, n);
		*size += (int64_t)n;
		if (fwrite(buf, 1, n, out) != n) {
			disk_write_err(e, dst);
			goto out;
		}
	}
	if (ferror(in)) {
		err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %m"), path);
		goto out;
	}
	if (fflush(out) || fsync(fileno(out))) {
		disk_write_err(e, dst);
		goto out;
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(sha, 65, digest, sizeof digest);
	snprintf(dst, sizeof dst, "%s/files/%.2s", d->home, sha);
	if (mkdir(dst, 0700) != 0 && errno != EEXIST) {
		disk_write_err(e, dst);
		goto out;
	}
	snprintf(dst, sizeof dst, "%s/files/%.2s/%s", d->home, sha, sha);
	if (rename(tmp, dst)) {
		disk_write_err(e, dst);
		goto out;
	}
	rc = 0;
out:
	fclose(in);
	if (rc) /* before the lock goes with the file's closing */
		unlink(tmp);
	if (out)
		fclose(out);
	return rc;
}

int db_attach(db *d, json_t *set, const char *path, ipc_err *e)
{
	char sha[65];
	int64_t size;
	const char *base = strrchr(path, '/');

	if (db_file_add(d, path, sha, &size, e))
		return -1;
	if (json_object_set_new(set, "file_name", json_string(base ? base + 1 : path))
	    || json_object_set_new(set, "file_sha256", json_string(sha))
	    || json_object_set_new(set, "file_size", json_integer(size)))
		return err_nomem(e);
	return 0;
}

int db_evidence_add(db *d, const char *case_id, json_t *set, const char *path, char new_id[37],
		    ipc_err *e)
{
	if (json_object_set_new(set, "case_id", json_string(case_id)))
		return err_nomem(e);
	if (path && db_attach(d, set, path, e))
		return -1;
	return db_write(d, "evidence", NULL, set, new_id, e);
}

/* ---- reads ---- */

/* The fields of record id in conflict; NULL when out of memory. */
static json_t *conflicts_of(db *d, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT field FROM conflicts WHERE record = ? ORDER BY field",
				   NULL);
	json_t *list = json_array();

	if (!list || !st)
		return list ? list : (err_nomem(e), NULL);
	db_bind_text(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (json_array_append_new(list, json_string((const char *)sqlite3_column_text(st, 0)))) {
			json_decref(list);
			list = NULL;
			err_nomem(e);
			break;
		}
	sqlite3_reset(st);
	return list;
}

static const struct rtype *type_of(db *d, const char *id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT type FROM ops WHERE record = ? LIMIT 1", NULL);
	const struct rtype *t = NULL;

	if (!st)
		return NULL;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		t = schema_type((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return t;
}

json_t *db_get(db *d, const char *id, ipc_err *e)
{
	const struct rtype *t = type_of(d, id);
	json_t *o = t ? state_get(d, t, id, NULL) : NULL, *c;

	if (!o) {
		err_kind(e, IPC_E_NOTFOUND, NULL, _("no record with id %s"), id);
		return NULL;
	}
	if (!(c = conflicts_of(d, id, e)) || (json_array_size(c) && json_object_set(o, "conflicts", c))) {
		json_decref(o);
		o = NULL;
		err_nomem(e);
	}
	json_decref(c);
	return o;
}

json_t *db_children(db *d, const char *type, const char *case_id, ipc_err *e)
{
	const struct rtype *t = schema_type(type);
	char sql[160];
	sqlite3_stmt *st;
	json_t *list;

	if (!t || !t->parent) {
		err_set(e, _("%s records do not belong to a case"), type);
		return NULL;
	}
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s = ? ORDER BY created_hlc, id",
		 t->table, t->parent);
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, "listing records");
		return NULL;
	}
	list = json_array();
	db_bind_text(st, 1, case_id);
	while (list && sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = db_row_json(t, st);
		if (o && sqlite3_column_int(st, COL_CONFLICT)
		    && json_object_set_new(o, "conflicts", conflicts_of(d, jstr(o, "id"), e))) {
			json_decref(o);
			o = NULL;
		}
		if (json_array_append_new(list, o)) {
			json_decref(list);
			list = NULL;
		}
	}
	sqlite3_finalize(st);
	if (!list)
		err_nomem(e);
	return list;
}

json_t *db_log(db *d, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT o.id, o.hlc, o.actor, op_set(o.fields), o.deps,"
				   " a.officer, a.cert FROM ops o LEFT JOIN actors a ON a.key = o.actor"
				   " WHERE o.record = ? ORDER BY o.hlc, o.actor, o.id", e);
	json_t *list;

	if (!st)
		return NULL;
	if (!(list = json_array())) {
		err_nomem(e);
		return NULL;
	}
	db_bind_text(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t hlc = sqlite3_column_int64(st, 1);
		char when[32];
		hlc_format(hlc, when);
		if (json_array_append_new(list, json_pack("{s:s,s:s,s:I,s:s,s:s?,s:s?,s:o?,s:o?}",
			"op", (const char *)sqlite3_column_text(st, 0), "time", when, "hlc",
			(json_int_t)hlc, "actor", (const char *)sqlite3_column_text(st, 2),
			"officer", (const char *)sqlite3_column_text(st, 5),
			"cert", (const char *)sqlite3_column_text(st, 6),
			"set", column_loads(st, 3), "deps", column_loads(st, 4)))) {
			sqlite3_reset(st);
			json_decref(list);
			err_nomem(e);
			return NULL;
		}
	}
	sqlite3_reset(st);
	if (json_array_size(list) == 0) {
		json_decref(list);
		err_kind(e, IPC_E_NOTFOUND, NULL, _("no record with id %s"), id);
		return NULL;
	}
	return list;
}

int db_resolve_id(db *d, const char *prefix, char out[37], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT DISTINCT record FROM ops WHERE record >= ?1"
				   " AND record < ?1 || 'g' ORDER BY record LIMIT 2", e);
	int n = 0;

	if (!st)
		return -1;
	if (strlen(prefix) < 8 || strlen(prefix) > 36)
		return err_kind(e, IPC_E_USAGE, NULL,
				_("\"%.40s\" is not a record id (give at least its first 8 characters)"),
				prefix);
	db_bind_text(st, 1, prefix);
	while (sqlite3_step(st) == SQLITE_ROW && n < 2)
		if (n++ == 0)
			snprintf(out, 37, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (n == 0)
		return err_kind(e, IPC_E_NOTFOUND, NULL, _("no record with id %s"), prefix);
	return n == 1 ? 0 : err_kind(e, IPC_E_CONFLICT, NULL,
				     _("id %s is ambiguous: give more characters"), prefix);
}

/* ---- ops from elsewhere ---- */

/* An op is found by its record's index: an index of the ids themselves (random hashes)
 * took a page write per insert at 100 000 cases. The same id names the same record (the id
 * is the hash of a body that holds it). */
static bool op_known(db *d, const char *record, const char *id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM ops WHERE record = ? AND id = ?)",
				   NULL);
	bool known;

	if (!st)
		return false;
	db_bind_text(st, 1, record);
	db_bind_text(st, 2, id);
	known = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return known;
}

static bool actor_known(db *d, const char *actor)
{
	return db_count(d, "SELECT EXISTS(SELECT 1 FROM actors WHERE key = ?)", actor);
}

/* What a peer's op must satisfy beyond its signature: a known writer, a known record type
 * that matches the record's earlier ops, known fields with valid values, sorted deps.
 * *first: the record has no op stored yet. */
static int import_check(db *d, const struct op *o, const struct rtype **tp, bool *first,
			ipc_err *e)
{
	const struct rtype *t = schema_type(o->type), *had;
	const char *k, *prev = "";
	json_t *v;
	size_t i;
	int rc;

	if (!t)
		return err_set(e, _("unknown record type \"%.24s\""), o->type);
	if ((o->hlc >> 16) > db_wall_ms() + HLC_AHEAD_MAX_MS) {
		char when[32];
		hlc_format(o->hlc, when);
		err_set(e, _("its clock says %s, more than a day ahead of this device's: it waits "
			     "until then, or until the writer's clock is put right and it writes again"),
			when);
		return DB_IMPORT_AHEAD;
	}
	if (!t->own_key && !actor_known(d, o->actor)) {
		err_set(e, _("unknown actor key %.12s…"), o->actor);
		return DB_IMPORT_UNKNOWN_ACTOR;
	}
	if ((had = type_of(d, o->record)) && had != t)
		return err_set(e, _("record %s is a %s, not a %s"), o->record, had->name, t->name);
	json_array_foreach(o->deps, i, v) {
		if (strcmp(prev, json_string_value(v)) >= 0)
			return err_set(e, _("deps not sorted"));
		prev = json_string_value(v);
	}
	json_object_foreach(o->set, k, v) {
		const struct field *f = schema_field(t, k);
		if (!f)
			return err_set(e, _("a %s has no field \"%.40s\""), t->name, k);
		if (schema_value_check(f, v, e))
			return -1;
	}
	if ((rc = schema_gate.import(d, t, o, e)))
		return rc;
	if (t->check_import && (rc = t->check_import(d, t, o, e)))
		return rc < 0 ? rc : -1;
	if (!json_array_size(o->deps) && !fold_allows(t, NULL, o->set))
		return err_set(e, _("a new %s cannot start in status %.40s"), t->name,
			       json_string_value(json_object_get(o->set, "status")));
	*tp = t;
	*first = !had;
	return 0;
}

int db_import_parsed(db *d, struct op *o, const char *line, size_t len, ipc_err *e)
{
	const struct rtype *t = NULL;
	int64_t seq;
	bool first = false;
	int rc;

	if (op_known(d, o->record, o->id))
		return 0;
	if ((rc = import_check(d, o, &t, &first, e)) || (rc = db_begin(d, e)))
		return rc;
	if (o->hlc > d->hlc) /* the clock moves past every op seen */
		d->hlc = o->hlc;
	if (store_op(d, t, o, line, len, NULL, first, &seq, e) || db_commit(d, e)) {
		db_rollback(d);
		return -1;
	}
	return 1;
}

int db_import(db *d, const char *line, size_t len, ipc_err *e)
{
	struct op o;
	int rc;

	if (op_parse(line, len, &o, e))
		return -1;
	rc = db_import_parsed(d, &o, line, len, e);
	op_clear(&o);
	return rc;
}

/* ---- ops taken back (a revoked device's) ---- */

struct withdrawn {
	char id[65], record[37], type[24];
	char *line;
};

/* A record none of whose ops is left: its row and what derives from it go. Its type's hook
 * sees its last state, as after a fold (a request's status replayed without the step, a case
 * number no longer shared), and the record and its parent are refreshed at commit (a case's
 * search text and deadlines). */
static int record_drop(db *d, const struct rtype *t, const char *record, ipc_err *e)
{
	int64_t rowid = 0;
	json_t *state = state_get(d, t, record, &rowid);
	char sql[96];
	sqlite3_stmt *st;
	int rc;

	if (!state)
		return 0;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", t->table);
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		json_decref(state);
		return db_sqlerr(d, e, "taking back a change");
	}
	db_bind_text(st, 1, record);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_sqlerr(d, e, "taking back a change");
	sqlite3_finalize(st);
	if (!rc && !(st = db_stmt(d, "DELETE FROM conflicts WHERE record = ?", e)))
		rc = -1;
	if (!rc) {
		db_bind_text(st, 1, record);
		rc = step_done(d, st, e, "taking back a change");
	}
	if (!rc && guard_forget(d, record, e))
		rc = -1;
	if (!rc && ((t->folded && t->folded(d, t, record, state, false, e))
		    || mark_refresh(d, t, state, rowid, e)))
		rc = -1;
	json_decref(state);
	return rc;
}

static int withdraw_one(db *d, const struct withdrawn *w, const char *actor, const char *reason,
			ipc_err *e)
{
	const struct rtype *t = schema_type(w->type);
	char path[256];
	bool fresh;
	sqlite3_stmt *st;

	snprintf(path, sizeof path, "ops/%s/%.2s/%s/%s.jsonl", w->type, w->record, w->record, actor);
	if (db_quarantine_add(d, t && strcmp(t->channel, "collab") == 0 ? "collab" : "office", path,
			      w->line, strlen(w->line), reason, NULL, &fresh, e))
		return -1;
	if (!(st = db_stmt(d, "DELETE FROM ops WHERE record = ? AND id = ?", e)))
		return -1;
	db_bind_text(st, 1, w->record);
	db_bind_text(st, 2, w->id);
	if (step_done(d, st, e, "taking back a change"))
		return -1;
	if (!t)
		return 0;
	if (!db_count(d, "SELECT EXISTS(SELECT 1 FROM ops WHERE record = ?)", w->record))
		return record_drop(d, t, w->record, e);
	return fold_record(d, t, w->record, e);
}

int db_ops_withdraw(db *d, const char *actor, bool (*keep)(db *d, const char *op_id, void *arg),
		    void *arg, const char *reason, long *n, ipc_err *e)
{
	sqlite3_stmt *st;
	struct withdrawn *w = NULL, *more;
	size_t nw = 0, cap = 0;
	int rc = 0, step = SQLITE_DONE;

	*n = 0;
	/* the whole log is read once: a revocation is rare, an index on actors is not free */
	if (sqlite3_prepare_v2(d->sql, "SELECT id, record, type, line FROM op_lines WHERE actor = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "reading the revoked device's changes");
	db_bind_text(st, 1, actor);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (keep(d, id, arg))
			continue;
		if (!(more = grow(w, &cap, nw, sizeof *w))) {
			rc = err_nomem(e);
			break;
		}
		w = more;
		snprintf(w[nw].id, sizeof w[nw].id, "%s", id);
		snprintf(w[nw].record, sizeof w[nw].record, "%s", sqlite3_column_text(st, 1));
		snprintf(w[nw].type, sizeof w[nw].type, "%s", sqlite3_column_text(st, 2));
		if (!(w[nw].line = strdup((const char *)sqlite3_column_text(st, 3))))
			rc = err_nomem(e);
		else
			nw++;
	}
	if (!rc && step != SQLITE_DONE) /* not every change it signed: withdraw none */
		rc = db_sqlerr(d, e, "reading the revoked device's changes");
	sqlite3_finalize(st);
	for (size_t i = 0; i < nw && !rc; i++)
		rc = withdraw_one(d, &w[i], actor, reason, e);
	*n = rc ? 0 : (long)nw;
	for (size_t i = 0; i < nw; i++)
		free(w[i].line);
	free(w);
	return rc;
}

int db_ops_each(db *d, int (*fn)(const char *line, size_t len, void *arg), void *arg,
		ipc_err *e)
{
	sqlite3_stmt *st;
	int rc = 0, step = SQLITE_DONE;

	if (sqlite3_prepare_v2(d->sql, "SELECT line FROM op_lines ORDER BY seq", -1, &st, NULL)
	    != SQLITE_OK)
		return db_sqlerr(d, e, "reading ops");
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn((const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0), arg);
	if (!rc && step != SQLITE_DONE) /* a read that stopped early is not every op */
		rc = db_sqlerr(d, e, "reading ops");
	sqlite3_finalize(st);
	return rc;
}

int64_t db_op_count(db *d)
{
	return db_count(d, "SELECT count(*) FROM ops", NULL);
}

int db_verify(db *d, json_t **failures, size_t *nops, ipc_err *e)
{
	sqlite3_stmt *st;
	ipc_err why;
	int step;

	*nops = 0;
	if (!(*failures = json_array()))
		return err_nomem(e);
	if (sqlite3_prepare_v2(d->sql, "SELECT seq, id, record, line FROM op_lines ORDER BY seq", -1,
			       &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "reading ops");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 3);
		const char *id = (const char *)sqlite3_column_text(st, 1);
		const char *rec = (const char *)sqlite3_column_text(st, 2);
		struct op o;
		int bad = op_parse(line, (size_t)sqlite3_column_bytes(st, 3), &o, &why);

		if (!bad && (strcmp(o.id, id) != 0 || strcmp(o.record, rec) != 0))
			bad = err_set(&why, "stored id or record differs from the signed op");
		if (!bad)
			op_clear(&o);
		else if (json_array_append_new(*failures, json_pack("{s:I,s:s,s:s}", "seq",
				(json_int_t)sqlite3_column_int64(st, 0), "op", id, "reason", why.msg))) {
			sqlite3_finalize(st);
			return err_nomem(e); /* a failure left unreported would read as a pass */
		}
		(*nops)++;
	}
	/* a read that stopped early must not read as every op verified */
	step = step == SQLITE_DONE ? 0 : db_sqlerr(d, e, "reading ops");
	sqlite3_finalize(st);
	return step;
}

/* ---- export ---- */

static int export_type(db *d, const struct rtype *t, json_t *all, ipc_err *e)
{
	char sql[128];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", t->table);
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "exporting");
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = db_row_json(t, st), *c = NULL;
		int failed = !o;
		if (o && (sqlite3_column_int(st, COL_CONFLICT) || strcmp(t->name, "case") == 0)) {
			c = conflicts_of(d, json_string_value(json_object_get(o, "id")), e);
			failed = !c || (json_array_size(c) && json_object_set(o, "conflicts", c));
			json_decref(c);
		}
		if (failed || json_array_append_new(all, o)) { /* an export is a backup: all or none */
			if (failed)
				json_decref(o);
			sqlite3_finalize(st);
			return err_nomem(e);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int db_export(db *d, FILE *out, ipc_err *e)
{
	json_t *doc = json_object(), *records = json_array();
	int rc = -1;

	if (!doc || !records) {
		err_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < schema_ntypes; i++)
		if (export_type(d, schema_types[i], records, e))
			goto out;
	if (json_object_set_new(doc, "format", json_string("ipcase-export"))
	    || json_object_set_new(doc, "version", json_integer(1))
	    || json_object_set(doc, "records", records)) {
		err_nomem(e);
		goto out;
	}
	/* flushed here: a full disk found at exit would go unsaid */
	if (jdumpf(doc, out, JSON_INDENT(1) | JSON_SORT_KEYS) || fputc('\n', out) == EOF
	    || fflush(out) == EOF) {
		disk_stream_err(e, out);
		goto out;
	}
	rc = 0;
out:
	json_decref(records);
	json_decref(doc);
	return rc;
}

/* ---- commit-time work ---- */

static int dirty_cmp(const void *a, const void *b)
{
	const struct db_dirty *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* Stores the signature the signer made of an op's body in its row (op_insert left room for
 * it); a row that is gone was rolled back with its savepoint. */
static int store_signed(int64_t seq, const char *id, const char *body, const unsigned char sig[64],
			void *arg)
{
	struct {
		db *d;
		ipc_err *e;
	} *c = arg;
	sqlite3_stmt *st = db_stmt(c->d, "UPDATE ops SET sig = ? WHERE seq = ? AND id = ?", c->e);
	char record[37];

	if (!st)
		return -1;
	sqlite3_bind_blob(st, 1, sig, 64, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seq);
	db_bind_text(st, 3, id);
	if (step_done(c->d, st, c->e, "storing a signed change"))
		return -1;
	if (sqlite3_changes(c->d->sql) == 0 && op_line_peek(body, strlen(body), "record", 36, record)
	    && op_known(c->d, record, id))
		return err_kind(c->e, IPC_E_INTERNAL, NULL,
				_("internal error: op %.12s lost its row before signing"), id);
	return 0;
}

/* Refreshes the records of type t marked from d->dirty[from] on (sorted): to the first of
 * another type. Returns where that one starts, or -1. */
static ssize_t refresh_type(db *d, size_t from, ipc_err *e)
{
	const struct rtype *t = schema_types[d->dirty[from].type];
	int64_t *rows = NULL;
	size_t i, n = 0, cap = 0;
	ssize_t rc = -1;

	for (i = from; i < d->ndirty && d->dirty[i].type == d->dirty[from].type; i++) {
		int64_t *more;
		if (i > from && d->dirty[i - 1].rowid == d->dirty[i].rowid)
			continue;
		if (t->refresh) {
			if (t->refresh(d, d->dirty[i].rowid, e))
				goto out;
			continue;
		}
		if (!(more = grow(rows, &cap, n + 1, sizeof *more))) {
			err_nomem(e);
			goto out;
		}
		rows = more;
		rows[n++] = d->dirty[i].rowid;
	}
	if (n && t->refresh_rows(d, rows, n, e))
		goto out;
	rc = (ssize_t)i;
out:
	free(rows);
	return rc;
}

int db_store_flush(db *d, ipc_err *e)
{
	struct {
		db *d;
		ipc_err *e;
	} c = {d, e};
	ssize_t i;

	if (d->signer && signer_drain(d->signer, store_signed, &c))
		return -1;
	if (!d->ndirty)
		return 0;
	qsort(d->dirty, d->ndirty, sizeof *d->dirty, dirty_cmp);
	for (i = 0; (size_t)i < d->ndirty;)
		if ((i = refresh_type(d, (size_t)i, e)) < 0)
			return -1;
	d->ndirty = 0;
	return 0;
}

void db_store_discard(db *d)
{
	/* ops of a rolled-back savepoint stay queued: storing their lines finds no row */
	if (d->signer)
		signer_discard(d->signer);
}
