/* investigator_csv — CSV import and export of the investigator pool. */
#include "db/rules/investigator_csv.h"
#include "db/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/disk.h"
#include "base/i18n.h"
#include "db/db_internal.h"
#include "db/rules/investigator.h"

/* A column: an investigator field, or one of these. */
enum { CSV_ID = -1, CSV_CONTACT = -2, CSV_NONE = -3 };

static const struct rtype *inv(void)
{
	return schema_type("investigator");
}

static bool exported(const struct field *f)
{
	return strcmp(f->name, "deleted") != 0;
}

/* The column a header cell names: an id or a label, Chinese or English. */
static int column_of(const char *cell)
{
	const struct rtype *t = inv();

	if (!strcmp(cell, "id") || !strcmp(cell, "编号"))
		return CSV_ID;
	if (!strcmp(cell, "contact") || !strcmp(cell, "联系方式"))
		return CSV_CONTACT;
	for (size_t i = 0; i < t->nfields; i++)
		if (exported(&t->fields[i]) && (!strcmp(cell, t->fields[i].name)
						|| !strcmp(cell, t->fields[i].zh) || !strcmp(cell, t->fields[i].en)))
			return (int)i;
	return CSV_NONE;
}

struct header {
	int col[64];
	size_t n;
};

static int header_read(struct csv *c, struct header *h, ipc_err *e)
{
	static const char *const needed[] = {"name", "organisation", "fields"};
	struct csv_row row = {0};
	int rc = csv_next(c, &row, e);

	if (rc <= 0) {
		csv_row_free(&row);
		return rc ? err_wrap(e, _("line %ld"), row.line) : err_set(e, _("the file is empty"));
	}
	if (row.n > sizeof h->col / sizeof h->col[0])
		rc = err_set(e, _("line %ld: too many columns"), row.line);
	for (size_t i = 0; rc > 0 && i < row.n; i++) {
		h->col[i] = column_of(row.field[i]);
		for (size_t j = 0; j < i && rc > 0; j++)
			if (h->col[j] == h->col[i])
				rc = err_set(e, _("line %ld: column \"%s\" is named twice"), row.line,
					     row.field[i]);
		if (rc > 0 && h->col[i] == CSV_NONE)
			rc = err_set(e, _("line %ld: unknown column \"%.60s\"; the columns are id, name, "
					  "organisation, fields, region, qualification, pool, availability, "
					  "interests, contact"), row.line, row.field[i]);
	}
	h->n = row.n;
	for (size_t k = 0; rc > 0 && k < sizeof needed / sizeof needed[0]; k++) {
		int want = schema_field_index(inv(), needed[k]);
		bool has = false;
		for (size_t i = 0; i < h->n; i++)
			has |= h->col[i] == want;
		if (!has)
			rc = err_set(e, _("line %ld: the column \"%s\" is missing"), row.line, needed[k]);
	}
	csv_row_free(&row);
	return rc > 0 ? 0 : -1;
}

/* Investigators already here, by id and by name + organisation: {"i:<id>": id, "n:<name>\x1f<org>": id} */
static json_t *known_load(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, name, organisation FROM t_investigator"
				   " WHERE coalesce(deleted, 0) = 0 ORDER BY created_hlc DESC", e);
	json_t *known;

	if (!st)
		return NULL;
	known = json_object();
	while (known && sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		char key[700];
		snprintf(key, sizeof key, "i:%s", id);
		if (json_object_set_new(known, key, json_string(id))) {
			json_decref(known); /* one missing would be imported twice */
			known = NULL;
			break;
		}
		snprintf(key, sizeof key, "n:%s\x1f%s", sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
		if (json_object_set_new(known, key, json_string(id))) { /* the oldest wins */
			json_decref(known);
			known = NULL;
		}
	}
	sqlite3_reset(st);
	if (!known)
		err_nomem(e);
	return known;
}

static void name_key(const json_t *set, char key[700])
{
	const char *name = json_string_value(json_object_get(set, "name"));
	const char *org = json_string_value(json_object_get(set, "organisation"));

	snprintf(key, 700, "n:%s\x1f%s", name ? name : "", org ? org : "");
}

/* The investigator a row updates, or NULL for a new one. */
static const char *row_target(json_t *known, const char *id, const json_t *set)
{
	char key[700];

	snprintf(key, sizeof key, "i:%s", id ? id : "");
	if (id && json_object_get(known, key))
		return json_string_value(json_object_get(known, key));
	name_key(set, key);
	return json_string_value(json_object_get(known, key));
}

static int row_parse(const struct header *h, const struct csv_row *row, json_t *set,
		     const char **id, const char **contact, ipc_err *e)
{
	if (row->n != h->n)
		return err_set(e, _("expected %zu columns, found %zu"), h->n, row->n);
	for (size_t i = 0; i < h->n; i++) {
		const char *cell = row->field[i];
		json_t *v;
		if (h->col[i] == CSV_ID)
			*id = *cell ? cell : NULL;
		else if (h->col[i] == CSV_CONTACT)
			*contact = cell;
		else if (schema_value_parse(&inv()->fields[h->col[i]], cell, &v, e))
			return -1;
		else if (json_object_set_new(set, inv()->fields[h->col[i]].name, v))
			return err_nomem(e);
	}
	return 0;
}

static int row_import(db *d, const struct header *h, const struct csv_row *row, json_t *known,
		      struct investigator_import *r, ipc_err *e)
{
	json_t *set = json_object(), *v;
	const char *id = NULL, *contact = NULL, *target, *k;
	void *tmp;
	char nid[37], key[700];
	bool changed;
	int rc = -1;

	if (!set)
		return err_nomem(e);
	if (row_parse(h, row, set, &id, &contact, e))
		goto out;
	if ((target = row_target(known, id, set))) {
		if (!(rc = investigator_update(d, target, set, contact, &changed, e)))
			changed ? r->updated++ : r->unchanged++;
		goto out;
	}
	json_object_foreach_safe(set, tmp, k, v) /* a new one: empty cells set nothing */
		if (json_is_null(v))
			json_object_del(set, k);
	if ((rc = investigator_add(d, set, contact, nid, e)))
		goto out;
	r->added++;
	name_key(set, key);
	if (json_object_set_new(known, key, json_string(nid))) /* a later row of it updates it */
		rc = err_nomem(e);
out:
	json_decref(set);
	return rc;
}

int investigator_import_csv(db *d, const char *path, struct investigator_import *r, ipc_err *e)
{
	struct csv c;
	struct csv_row row = {0};
	struct header h = {0};
	json_t *known = NULL;
	int got, rc = -1;

	memset(r, 0, sizeof *r);
	if (!(r->rejected = json_array()))
		return err_nomem(e);
	if (csv_open(path, &c, e))
		return -1;
	if (header_read(&c, &h, e) || !(known = known_load(d, e)) || db_begin(d, e))
		goto out;
	for (;;) {
		ipc_err why;
		if (!(got = csv_next(&c, &row, &why)))
			break;
		if (got < 0 || row_import(d, &h, &row, known, r, &why))
			json_array_append_new(r->rejected, json_pack("{s:I,s:s}", "line",
				(json_int_t)row.line, "reason", why.msg));
	}
	if (db_commit(d, e)) {
		r->added = r->updated = r->unchanged = 0;
		goto out;
	}
	rc = 0;
out:
	csv_row_free(&row);
	csv_close(&c);
	json_decref(known);
	return rc;
}

/* A list value as a cell: ids, or organisations as NAME:USCC, separated by ";". */
static char *list_cell(const struct field *f, const json_t *v)
{
	size_t i, n = 1;
	json_t *x;
	char *s, *p;

	json_array_foreach(v, i, x)
		n += (f->kind == FK_ORGS ? 400 : strlen(json_string_value(x))) + 1;
	if (!(s = p = calloc(1, n)))
		return NULL;
	json_array_foreach(v, i, x) {
		const char *name = json_string_value(json_object_get(x, "name"));
		const char *uscc = json_string_value(json_object_get(x, "uscc"));
		p += snprintf(p, n - (size_t)(p - s), "%s", i ? ";" : "");
		if (f->kind != FK_ORGS)
			p += snprintf(p, n - (size_t)(p - s), "%s", json_string_value(x));
		else
			p += snprintf(p, n - (size_t)(p - s), "%s%s%s", name ? name : "",
				      name && uscc ? ":" : "", uscc ? uscc : "");
	}
	return s;
}

/* 0, or -1 when a cell cannot be made (nothing written). */
static int export_row(db *d, FILE *out, const json_t *o, const char **cells, char **owned)
{
	const struct rtype *t = inv();
	char contact[400];
	size_t n = 0, k = 0;
	int rc = 0;

	cells[n++] = json_string_value(json_object_get(o, "id"));
	for (size_t i = 0; i < t->nfields; i++) {
		const json_t *v = json_object_get(o, t->fields[i].name);
		if (!exported(&t->fields[i]))
			continue;
		if (json_is_array(v) && !(cells[n++] = owned[k++] = list_cell(&t->fields[i], v)))
			rc = -1;
		else if (!json_is_array(v))
			cells[n++] = json_string_value(v);
	}
	investigator_contact_of(d, cells[0], contact, sizeof contact);
	cells[n++] = contact;
	if (!rc)
		csv_write(out, cells, n);
	while (k)
		free(owned[--k]);
	return rc;
}

void investigator_import_summary(const struct investigator_import *r, char *out, size_t n)
{
	snprintf(out, n, _("%ld added, %ld updated, %ld unchanged, %zu rejected"), r->added,
		 r->updated, r->unchanged, json_array_size(r->rejected));
}

void investigator_import_refusal(const json_t *x, char *out, size_t n)
{
	snprintf(out, n, _("line %lld: %s"), (long long)json_integer_value(json_object_get(x, "line")),
		 json_string_value(json_object_get(x, "reason")) ?: "");
}

int investigator_export_csv(db *d, FILE *out, bool bom, ipc_err *e)
{
	const struct rtype *t = inv();
	const char *cells[64];
	char *owned[64];
	size_t n = 0;
	sqlite3_stmt *st;

	if (bom)
		fputs("\xef\xbb\xbf", out);
	cells[n++] = "id";
	for (size_t i = 0; i < t->nfields; i++)
		if (exported(&t->fields[i]))
			cells[n++] = t->fields[i].name;
	cells[n++] = "contact";
	csv_write(out, cells, n);
	if (sqlite3_prepare_v2(d->sql, "SELECT * FROM t_investigator WHERE coalesce(deleted, 0) = 0"
			       " ORDER BY name, organisation, id", -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "exporting the pool");
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = db_row_json(t, st);
		int rc = o ? export_row(d, out, o, cells, owned) : -1;
		json_decref(o);
		if (rc) { /* all or nothing: not an export missing a row or a cell */
			sqlite3_finalize(st);
			return err_nomem(e);
		}
	}
	sqlite3_finalize(st);
	return fflush(out) == EOF || ferror(out) ? disk_stream_err(e, out) : 0;
}
