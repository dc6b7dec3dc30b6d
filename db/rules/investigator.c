/* investigator — technical fields, investigators and their contacts, lists and details. */
#include "db/rules/investigator.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "db/db_internal.h"
#include "db/rules/assign.h"
#include "db/rules/investigator_terms.h"
#include "db/store.h"

/* ---- investigators ---- */

void investigator_contact_of(db *d, const char *investigator_id, char *out, size_t n)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT contact FROM t_investigator_contact WHERE"
				   " investigator_id = ? ORDER BY updated_hlc DESC, id LIMIT 1", NULL);

	out[0] = '\0';
	if (!st)
		return;
	db_bind_text(st, 1, investigator_id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

/* The office's contact record of an investigator: changed when there is one, else made. */
static int contact_write(db *d, const char *inv, const char *contact, bool *changed, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, coalesce(contact, '') FROM t_investigator_contact"
				   " WHERE investigator_id = ? ORDER BY updated_hlc DESC, id LIMIT 1", e);
	char rid[37] = "", now[400] = "";
	json_t *set, *v;
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, inv);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(rid, sizeof rid, "%s", sqlite3_column_text(st, 0));
		snprintf(now, sizeof now, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (strcmp(now, contact) == 0)
		return 0;
	if (!(v = *contact ? json_string(contact) : json_null()))
		return err_set(e, _("contact: text is not valid UTF-8"));
	set = json_pack("{s:o}", "contact", v);
	if (!set || (!rid[0] && json_object_set_new(set, "investigator_id", json_string(inv))))
		rc = err_nomem(e);
	else
		rc = db_write(d, "investigator_contact", rid[0] ? rid : NULL, set, NULL, e);
	json_decref(set);
	*changed |= rc == 0;
	return rc;
}

int investigator_add(db *d, json_t *set, const char *contact, char id[37], ipc_err *e)
{
	bool changed = false;

	if (db_begin(d, e))
		return -1;
	if (db_write(d, "investigator", NULL, set, id, e)
	    || (contact && *contact && contact_write(d, id, contact, &changed, e))
	    || db_commit(d, e)) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int investigator_update(db *d, const char *id, json_t *set, const char *contact, bool *changed,
		ipc_err *e)
{
	json_t *old = investigator_record(d, "investigator", id, e), *diff = json_object(), *v;
	const char *k;
	bool any = false;
	int rc = -1;

	if (!old)
		goto out;
	if (!diff) {
		err_nomem(e);
		goto out;
	}
	json_object_foreach(set, k, v) {
		json_t *was = json_object_get(old, k);
		if (!json_equal(v, was ? was : json_null()) && json_object_set(diff, k, v)) {
			err_nomem(e);
			goto out;
		}
	}
	if (db_begin(d, e))
		goto out;
	if ((json_object_size(diff) && db_write(d, "investigator", id, diff, NULL, e))
	    || (contact && contact_write(d, id, contact, &any, e)) || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	if (changed)
		*changed = any || json_object_size(diff);
	rc = 0;
out:
	json_decref(old);
	json_decref(diff);
	return rc;
}

/* The prefix of a division code that covers its area: 130000 → 13, 130100 → 1301. */
static void region_prefix(const char *code, char out[7])
{
	size_t n = strlen(code);

	snprintf(out, 7, "%s", code);
	if (n == 6 && strcmp(code + 2, "0000") == 0)
		out[2] = '\0';
	else if (n == 6 && strcmp(code + 4, "00") == 0)
		out[4] = '\0';
}

json_t *investigator_list(db *d, const struct investigator_query *q, ipc_err *e)
{
	const struct rtype *t = schema_type("investigator");
	sqlite3_stmt *st = db_stmt(d, "SELECT i.*, coalesce(w.n, 0) FROM t_investigator i"
		" LEFT JOIN (SELECT investigator_id AS inv, count(*) AS n FROM t_assignment WHERE"
		" status IN " ASSIGNMENT_OPEN_SQL " GROUP BY investigator_id) w ON w.inv = i.id"
		" WHERE coalesce(i.deleted, 0) = 0"
		" AND (?1 IS NULL OR EXISTS(SELECT 1 FROM json_each(i.fields) WHERE value = ?1))"
		" AND (?2 IS NULL OR substr(i.region, 1, length(?2)) = ?2)"
		" AND (?3 IS NULL OR coalesce(i.availability, 'available') = ?3)"
		" AND (?4 IS NULL OR instr(i.name, ?4) OR instr(i.organisation, ?4))"
		" ORDER BY i.name, i.id LIMIT ?5 OFFSET ?6", e);
	char prefix[7];
	json_t *list;

	if (!st)
		return NULL;
	db_bind_text(st, 1, q->field);
	if (q->region)
		region_prefix(q->region, prefix);
	db_bind_text(st, 2, q->region ? prefix : NULL);
	db_bind_text(st, 3, q->availability);
	db_bind_text(st, 4, q->text && *q->text ? q->text : NULL);
	sqlite3_bind_int64(st, 5, q->limit ? (int64_t)q->limit : -1);
	sqlite3_bind_int64(st, 6, (int64_t)q->offset);
	if (!(list = json_array())) {
		sqlite3_reset(st);
		err_nomem(e);
		return NULL;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = db_row_json(t, st);
		json_object_set_new(o, "open_assignments",
				    json_integer(sqlite3_column_int64(st, COL_FIELDS + (int)t->nfields)));
		json_array_append_new(list, o);
	}
	sqlite3_reset(st);
	return list;
}

json_t *investigator_get(db *d, const char *id, ipc_err *e)
{
	struct assign_query q = {.investigator_id = id};
	json_t *o = investigator_record(d, "investigator", id, e), *history;
	char contact[400];

	if (!o)
		return NULL;
	if (!(history = assign_list(d, &q, e))) {
		json_decref(o);
		return NULL;
	}
	investigator_contact_of(d, id, contact, sizeof contact);
	json_object_set_new(o, "contact", contact[0] ? json_string(contact) : json_null());
	json_object_set_new(o, "open_assignments", json_integer(db_count(d,
		"SELECT count(*) FROM t_assignment WHERE investigator_id = ? AND status IN "
		ASSIGNMENT_OPEN_SQL, id)));
	json_object_set_new(o, "assignments", history);
	return o;
}
