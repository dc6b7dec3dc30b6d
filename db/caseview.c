/* caseview — the case bundle (a record with its children, their history and files), the
 * competing values of a conflict, attachment checks: readings built on db_get, db_log and
 * db_children, so no SQL of their own. */
#include "db/caseview.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "db/channel.h"
#include "db/schema.h"
#include "db/store.h"

/* ---- history ---- */

/* Appends the ops of record `id` to `all`, each marked with its record and type. */
static int history_add(db *d, const char *type, const char *id, json_t *all, ipc_err *e)
{
	json_t *log = db_log(d, id, e), *x;
	size_t i;

	if (!log)
		return -1;
	json_array_foreach(log, i, x) {
		json_object_set_new(x, "record", json_string(id));
		json_object_set_new(x, "type", json_string(type));
		json_array_append(all, x);
	}
	json_decref(log);
	return 0;
}

/* Newest first, by the fold's order (hlc, actor, op id) reversed. */
static int history_cmp(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t hx = json_integer_value(json_object_get(x, "hlc"));
	json_int_t hy = json_integer_value(json_object_get(y, "hlc"));
	int c;

	if (hx != hy)
		return hx < hy ? 1 : -1;
	c = strcmp(json_string_value(json_object_get(y, "actor")),
		   json_string_value(json_object_get(x, "actor")));
	return c ? c : strcmp(json_string_value(json_object_get(y, "op")),
			      json_string_value(json_object_get(x, "op")));
}

static json_t *history_sorted(json_t *all)
{
	size_t n = json_array_size(all), i;
	json_t **v = malloc((n ? n : 1) * sizeof *v), *out;

	if (!v)
		return NULL;
	for (i = 0; i < n; i++)
		v[i] = json_array_get(all, i);
	qsort(v, n, sizeof *v, history_cmp);
	out = json_array();
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	return out;
}

/* The records that belong to record `id` of type t, by type: {"<type>": [records, oldest
 * first]…} for every type whose parent field names a t (a case: parties, evidence,
 * inspections, pauses, measures, assignments). */
static json_t *children_read(db *d, const struct rtype *t, const char *id, ipc_err *e)
{
	json_t *all = json_object();

	for (size_t i = 0; i < schema_ntypes; i++) {
		const struct rtype *k = schema_types[i];
		json_t *list;
		if (schema_parent_type(k) != t)
			continue;
		if (!(list = db_children(d, k->name, id, e))) {
			json_decref(all);
			return NULL;
		}
		json_object_set_new(all, k->name, list);
	}
	return all;
}

/* The ops of record `id` and of its children, newest first. */
static json_t *history_read(db *d, const char *type, const char *id, const json_t *children,
			    ipc_err *e)
{
	json_t *all = json_array(), *out = NULL, *list, *k;
	const char *kt;
	size_t i;

	if (history_add(d, type, id, all, e))
		goto out;
	json_object_foreach((json_t *)children, kt, list)
		json_array_foreach(list, i, k)
			if (history_add(d, kt, json_string_value(json_object_get(k, "id")), all, e))
				goto out;
	if (!(out = history_sorted(all)))
		err_nomem(e);
out:
	json_decref(all);
	return out;
}

/* The attachments the children name (deleted records' left out). */
static json_t *files_of(const json_t *children)
{
	json_t *files = json_array(), *list, *k;
	const char *kt;
	size_t i;

	json_object_foreach((json_t *)children, kt, list)
		json_array_foreach(list, i, k) {
			const char *sha = json_string_value(json_object_get(k, "file_sha256"));
			if (sha && !json_is_true(json_object_get(k, "deleted")))
				json_array_append_new(files, json_pack("{s:s,s:s,s:O,s:O?}",
					"sha256", sha, "type", kt, "record", json_object_get(k, "id"),
					"name", json_object_get(k, "file_name")));
		}
	return files;
}

json_t *db_bundle(db *d, const char *id, unsigned what, ipc_err *e)
{
	json_t *rec = db_get(d, id, e), *kids = NULL, *bundle = NULL, *history;
	const char *type;

	if (!rec)
		return NULL;
	type = json_string_value(json_object_get(rec, "type"));
	if (!(kids = children_read(d, schema_type(type), id, e)))
		goto out;
	bundle = json_pack("{s:O,s:O,s:o}", "record", rec, "children", kids, "files", files_of(kids));
	if (!bundle) {
		err_nomem(e);
		goto out;
	}
	if ((what & DB_BUNDLE_HISTORY)
	    && (!(history = history_read(d, type, id, kids, e))
		|| (json_object_set_new(bundle, "history", history) && err_nomem(e)))) {
		json_decref(bundle);
		bundle = NULL;
	}
out:
	json_decref(rec);
	json_decref(kids);
	return bundle;
}

/* ---- conflicts ---- */

static long log_find(const json_t *log, const char *op)
{
	for (size_t i = 0; i < json_array_size(log); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(log, i), "op")), op))
			return (long)i;
	return -1;
}

/* Marks in `seen` every op of the log that op w's writer knew of, through deps (the fold's
 * notion of having seen a value). */
static int log_ancestors(const json_t *log, size_t w, unsigned char *seen)
{
	size_t n = json_array_size(log), *stack = malloc((n ? n : 1) * sizeof *stack), top = 0;

	if (!stack)
		return -1;
	stack[top++] = w;
	while (top) {
		json_t *deps = json_object_get(json_array_get(log, stack[--top]), "deps"), *dep;
		size_t i;
		json_array_foreach(deps, i, dep) {
			long j = log_find(log, json_string_value(dep));
			if (j >= 0 && !seen[j]) {
				seen[j] = 1;
				stack[top++] = (size_t)j;
			}
		}
	}
	free(stack);
	return 0;
}

static json_t *value_entry(const json_t *op, const char *field, bool current)
{
	return json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:b}",
			 "value", json_object_get(json_object_get(op, "set"), field),
			 "time", json_object_get(op, "time"),
			 "officer", json_object_get(op, "officer") ?: json_null(),
			 "cert", json_object_get(op, "cert") ?: json_null(),
			 "actor", json_object_get(op, "actor"), "op", json_object_get(op, "op"),
			 "current", current);
}

static bool values_hold(const json_t *list, const json_t *v)
{
	for (size_t i = 0; i < json_array_size(list); i++)
		if (json_equal(json_object_get(json_array_get(list, i), "value"), v))
			return true;
	return false;
}

json_t *db_conflict_values(db *d, const char *id, const char *field, ipc_err *e)
{
	json_t *log = db_log(d, id, e), *out = NULL;
	size_t n = json_array_size(log);
	unsigned char *seen = calloc(n ? n : 1, 1);
	long w = -1;

	if (!log || !seen) {
		if (log)
			err_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) /* the log is in the fold's order: the last setter wins */
		if (json_object_get(json_object_get(json_array_get(log, i), "set"), field))
			w = (long)i;
	if (w < 0) {
		err_set(e, _("no op of record %.8s sets %s"), id, field);
		goto out;
	}
	if (log_ancestors(log, (size_t)w, seen)) {
		err_nomem(e);
		goto out;
	}
	out = json_array();
	json_array_append_new(out, value_entry(json_array_get(log, (size_t)w), field, true));
	for (long i = w - 1; i >= 0; i--) {
		json_t *op = json_array_get(log, (size_t)i);
		json_t *v = json_object_get(json_object_get(op, "set"), field);
		if (v && !seen[i] && !values_hold(out, v))
			json_array_append_new(out, value_entry(op, field, false));
	}
out:
	free(seen);
	json_decref(log);
	return out;
}

/* ---- attachments ---- */

enum db_file_state db_file_check(db *d, const char *sha256)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], digest[32];
	char path[1200], hex[65];
	FILE *f;
	size_t n;
	bool bad;

	db_file_path(d, sha256, path, sizeof path);
	if (!(f = fopen(path, "rb")))
		return DB_FILE_MISSING;
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		crypto_hash_sha256_update(&h, buf, n);
	bad = ferror(f);
	fclose(f);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
	return bad || strcmp(hex, sha256) ? DB_FILE_DAMAGED : DB_FILE_OK;
}
