/* office — the preloaded offices and those learnt from published device keys. */
#include "db/rules/office.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/validate.h"
#include "db/db_internal.h"
#include "db/rules/officekey.h"

void office_name(const char *code, char *out, size_t n)
{
	const char *city = strncmp(code, "11", 2) == 0 ? "北京市"
			 : strncmp(code, "12", 2) == 0 ? "天津市" : "";
	bool district = *city && strcmp(code + 2, "0000") != 0;

	snprintf(out, n, "%s%s市场监督管理局", district ? city : "", validate_region_name(code));
}

static json_t *office_new(db *d, const char *code, const char *name, bool preloaded)
{
	return json_pack("{s:s,s:s,s:s,s:b,s:b,s:[]}", "code", code, "name", name, "region",
			 validate_region_province(code), "preloaded", preloaded, "verified",
			 officekey_verified(d, code), "officers");
}

static int by_code(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "code")),
		      json_string_value(json_object_get(*(json_t *const *)b, "code")));
}

json_t *office_directory(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT key, officer, cert, office, office_name FROM actors"
				   " ORDER BY office, officer, key", e);
	json_t *all = json_object();
	char code[7], name[200];
	bool nomem = !all;

	for (size_t i = 0; validate_region_at(i, code); i++) {
		office_name(code, name, sizeof name);
		nomem |= json_object_set_new(all, code, office_new(d, code, name, true)) != 0;
	}
	if (!st || nomem) {
		json_decref(all);
		return st ? (err_nomem(e), NULL) : NULL;
	}
	/* an office or an officer left out would be missing from what is sealed for it */
	while (!nomem && sqlite3_step(st) == SQLITE_ROW) {
		const char *office = (const char *)sqlite3_column_text(st, 3);
		json_t *o = json_object_get(all, office);
		if (!validate_region_name(office)) /* a key naming no office of 京津冀 */
			continue;
		if (!o) {
			o = office_new(d, office, (const char *)sqlite3_column_text(st, 4), false);
			nomem |= json_object_set_new(all, office, o) != 0;
		}
		nomem |= json_array_append_new(json_object_get(o, "officers"), json_pack("{s:s,s:s,s:s}",
			"name", sqlite3_column_text(st, 1), "cert", sqlite3_column_text(st, 2),
			"key", sqlite3_column_text(st, 0))) != 0;
	}
	sqlite3_reset(st);
	if (nomem) {
		json_decref(all);
		err_nomem(e);
		return NULL;
	}
	return all;
}

json_t *office_list(db *d, ipc_err *e)
{
	json_t *all = office_directory(d, e), *list, *o, **sorted;
	const char *code;
	size_t n = 0;

	if (!all)
		return NULL;
	if (!(sorted = malloc(json_object_size(all) * sizeof *sorted))) {
		json_decref(all);
		err_nomem(e);
		return NULL;
	}
	json_object_foreach(all, code, o)
		sorted[n++] = o;
	qsort(sorted, n, sizeof *sorted, by_code);
	if (!(list = json_array()))
		err_nomem(e);
	for (size_t i = 0; i < n; i++)
		json_array_append(list, sorted[i]);
	free(sorted);
	json_decref(all);
	return list;
}

json_t *office_get(db *d, const char *code, ipc_err *e)
{
	json_t *all = office_directory(d, e), *o;

	if (!all)
		return NULL;
	o = json_incref(json_object_get(all, code));
	json_decref(all);
	if (!o)
		err_set(e, _("%.16s is no office of the directory: give the division code of a Beijing, "
			     "Tianjin or Hebei office (ipcase office list)"), code);
	return o;
}
