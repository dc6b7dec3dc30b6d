/* trash — deletion and restoring: what goes with a record, the deleted records of cases with
 * the op that deleted each, and the two writes. */
#include "db/trash.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/caseview.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/schema.h"
#include "db/store.h"

static bool is_deleted(const json_t *r)
{
	return json_is_true(json_object_get(r, "deleted"));
}

/* How a record is named: a case by its number, else its title; another record by its first
 * text field that is set and not confidential (a party's name — not a reporter's —, an
 * item's description), else its id. */
static const char *record_name(const struct rtype *t, const json_t *r)
{
	if (!strcmp(t->name, "case"))
		return jstr(r, "case_no") ?: jtext(r, "title");
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		if (f->kind == FK_TEXT && !(f->flags & FF_SYSTEM) && !schema_confidential(t, f, r)
		    && jstr(r, f->name))
			return jstr(r, f->name);
	}
	return jtext(r, "id");
}

static size_t live(const json_t *list)
{
	size_t i, n = 0;
	json_t *r;

	json_array_foreach(list, i, r)
		n += !is_deleted(r);
	return n;
}

json_t *trash_what(db *d, const char *id, ipc_err *e)
{
	json_t *b = db_bundle(d, id, 0, e), *rec, *counts = json_object(), *list, *out = NULL;
	const struct rtype *t;
	const char *k;

	if (!b || !counts) {
		if (b)
			err_nomem(e);
		goto out;
	}
	rec = json_object_get(b, "record");
	t = schema_type(jstr(rec, "type"));
	json_object_foreach(json_object_get(b, "children"), k, list)
		if (live(list) && json_object_set_new(counts, k, json_integer((json_int_t)live(list)))) {
			err_nomem(e);
			goto out;
		}
	out = json_pack("{s:s,s:s,s:s,s:b,s:O,s:I}", "id", id, "type", t->name,
			"name", record_name(t, rec), "deleted", is_deleted(rec), "children", counts,
			"files", (json_int_t)json_array_size(json_object_get(b, "files")));
	if (!out)
		err_nomem(e);
out:
	json_decref(counts);
	json_decref(b);
	return out;
}

const char *trash_type_label(const char *name)
{
	const struct rtype *t = schema_type(name);

	return !t ? name : i18n_zh() ? t->zh : t->en;
}

void trash_describe(const json_t *what, char *out, size_t n)
{
	const json_t *counts = json_object_get(what, "children"), *v;
	json_int_t files = json_integer_value(json_object_get(what, "files"));
	const char *k, *sep = "";
	size_t len;

	len = (size_t)snprintf(out, n, "%s %s", trash_type_label(jtext(what, "type")), jtext(what, "name"));
	if (!json_object_size(counts) && !files)
		return;
	/* TRANSLATORS: after a record's name, before the list of what belongs to it */
	len += (size_t)snprintf(out + (len < n ? len : n), len < n ? n - len : 0, "%s",
				_(" and what belongs to it: "));
	json_object_foreach((json_t *)counts, k, v) {
		len += (size_t)snprintf(out + (len < n ? len : n), len < n ? n - len : 0, "%s%s %lld",
					sep, trash_type_label(k), (long long)json_integer_value(v));
		sep = _(", ");
	}
	if (files)
		snprintf(out + (len < n ? len : n), len < n ? n - len : 0, "%s%s %lld", sep,
			 _("files"), (long long)files);
}

/* Writes `deleted` = to on record id, refused when it already has that value. */
static int deleted_set(db *d, const char *id, bool to, ipc_err *e)
{
	json_t *r = db_get(d, id, e), *set = NULL;
	const struct rtype *t;
	int rc = -1;

	if (!r)
		return -1;
	t = schema_type(jstr(r, "type"));
	if (!schema_field(t, "deleted"))
		err_kind(e, IPC_E_RULE, NULL, _("a %s is not deleted or restored"), t->name);
	else if (is_deleted(r) == to)
		err_kind(e, IPC_E_RULE, "deleted", to ? _("%s %s is deleted already")
			 : _("%s %s is not deleted"), trash_type_label(t->name), record_name(t, r));
	else if (!(set = json_pack("{s:b}", "deleted", to)))
		err_nomem(e);
	else
		rc = db_write(d, t->name, id, set, NULL, e);
	json_decref(set);
	json_decref(r);
	return rc;
}

int trash_delete(db *d, const char *id, ipc_err *e)
{
	return deleted_set(d, id, true, e);
}

int trash_restore(db *d, const char *id, ipc_err *e)
{
	return deleted_set(d, id, false, e);
}

/* ---- the deleted records ---- */

/* Does a type's record belong to a case file (the case, or a record whose parent is one) and
 * can it be deleted? */
static bool of_case_file(const struct rtype *t)
{
	const struct rtype *pt = schema_parent_type(t);

	return schema_field(t, "deleted")
	       && (!strcmp(t->name, "case") || (pt && !strcmp(pt->name, "case")));
}

/* SELECT type, id, the deleting op's hlc and officer for every deleted record of a case
 * file, latest deletion first. */
static sqlite3_stmt *list_prepare(db *d, ipc_err *e)
{
	char sql[8192];
	size_t len = (size_t)snprintf(sql, sizeof sql, "SELECT r.type, r.id, o.hlc, a.officer FROM (");
	const char *sep = "";
	sqlite3_stmt *st;

	for (size_t i = 0; i < schema_ntypes; i++) {
		const struct rtype *t = schema_types[i];
		if (!of_case_file(t) || len >= sizeof sql)
			continue;
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%sSELECT '%s' AS type, id FROM %s"
					" WHERE deleted = 1", sep, t->name, t->table);
		sep = " UNION ALL ";
	}
	if (len < sizeof sql)
		len += (size_t)snprintf(sql + len, sizeof sql - len, ") r JOIN ops o ON o.seq = (SELECT"
			" x.seq FROM ops x WHERE x.record = r.id"
			" AND json_extract(op_set(x.fields), '$.deleted') = 1"
			" ORDER BY x.hlc DESC LIMIT 1) LEFT JOIN actors a ON a.key = o.actor"
			" ORDER BY o.hlc DESC, r.id");
	if (len >= sizeof sql) {
		err_kind(e, IPC_E_INTERNAL, NULL, "%s", _("too many record types for the deleted list"));
		return NULL;
	}
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, "listing the deleted records");
		return NULL;
	}
	return st;
}

/* One entry of the list: the record named, and the case it belongs to. */
static json_t *list_entry(db *d, sqlite3_stmt *st, ipc_err *e)
{
	const char *id = (const char *)sqlite3_column_text(st, 1);
	int64_t hlc = sqlite3_column_int64(st, 2);
	json_t *r = db_get(d, id, e), *kase = NULL, *out = NULL;
	const struct rtype *t;
	const char *case_id;
	char when[32];

	if (!r)
		return NULL;
	t = schema_type(jstr(r, "type"));
	case_id = t->parent ? jstr(r, t->parent) : NULL;
	if (case_id && !(kase = db_get(d, case_id, e)))
		goto out;
	hlc_format(hlc, when);
	out = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s,s:s?,s:I}", "id", id, "type", t->name,
			"name", record_name(t, r), "case_id", case_id,
			"case_name", kase ? record_name(schema_type("case"), kase) : NULL,
			"deleted_at", when, "deleted_by", (const char *)sqlite3_column_text(st, 3),
			"hlc", (json_int_t)hlc);
	if (!out)
		err_nomem(e);
out:
	json_decref(kase);
	json_decref(r);
	return out;
}

json_t *trash_list(db *d, ipc_err *e)
{
	sqlite3_stmt *st = list_prepare(d, e);
	json_t *list = st ? json_array() : NULL, *x;
	int rc;

	if (st && !list)
		err_nomem(e);
	while (list && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!(x = list_entry(d, st, e)) || json_array_append_new(list, x)) {
			if (x)
				err_nomem(e);
			json_decref(list);
			list = NULL;
		}
	}
	if (list && rc != SQLITE_DONE) {
		db_sqlerr(d, e, "listing the deleted records");
		json_decref(list);
		list = NULL;
	}
	sqlite3_finalize(st);
	return list;
}
