/* assign — making assignments, their life, opinions, lists. */
#include "db/rules/assign.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/deadline.h"
#include "db/rules/investigator_terms.h"
#include "db/rules/recusal.h"
#include "db/store.h"

/* With conflicts that may be overridden and a written reason: the recusal record that keeps
 * the grounds and the reason in the office's history. *recusal_id stays "" without one. */
static int override_write(db *d, const struct assign_req *r, char recusal_id[37], ipc_err *e)
{
	json_t *conflicts = recusal_conflicts(d, r->case_id, r->investigator_id, e), *c, *set;
	char *grounds;
	bool hard = false;
	size_t i;
	int rc;

	recusal_id[0] = '\0';
	if (!conflicts)
		return -1;
	json_array_foreach(conflicts, i, c)
		hard |= json_is_true(json_object_get(c, "hard"));
	if (!json_array_size(conflicts) || hard || !r->override_reason) {
		json_decref(conflicts); /* the assignment's rules refuse what must be refused */
		return 0;
	}
	grounds = recusal_reasons_text(conflicts);
	json_decref(conflicts);
	if (!grounds)
		return err_nomem(e);
	set = json_pack("{s:s,s:s,s:s?,s:s?}", "case_id", r->case_id, "investigator_id",
			r->investigator_id, "grounds", grounds, "override_reason", r->override_reason);
	rc = set ? db_write(d, "recusal", NULL, set, recusal_id, e)
		 : err_set(e, _("the override reason is not valid UTF-8"));
	json_decref(set);
	free(grounds);
	return rc;
}

int assign_make(db *d, const struct assign_req *r, char id[37], ipc_err *e)
{
	json_t *set = NULL;
	char recusal_id[37];

	if (db_begin(d, e))
		return -1;
	if (override_write(d, r, recusal_id, e))
		goto fail;
	set = json_pack("{s:s,s:s,s:O*}", "case_id", r->case_id, "investigator_id",
			r->investigator_id, "tasks", r->tasks);
	if (!set || (r->due && json_object_set_new(set, "due", json_string(r->due)))
	    || (r->replaces && json_object_set_new(set, "replaces", json_string(r->replaces)))
	    || (recusal_id[0] && json_object_set_new(set, "recusal_id", json_string(recusal_id)))) {
		err_nomem(e);
		goto fail;
	}
	if (db_write(d, "assignment", NULL, set, id, e))
		goto fail;
	if (r->replaces) { /* an open one is replaced; a declined one stays as it is */
		json_t *old = investigator_record(d, "assignment", r->replaces, e);
		bool open = old && assignment_open(json_string_value(json_object_get(old, "status")));
		json_decref(old);
		if (open && assign_advance(d, r->replaces, "replaced", r->reason, NULL, e))
			goto fail;
	}
	json_decref(set);
	return db_commit(d, e);
fail:
	json_decref(set);
	db_rollback(d);
	return -1;
}

int assign_advance(db *d, const char *id, const char *status, const char *reason,
		   const char *on, ipc_err *e)
{
	static const char *const dates[][2] = {{"notified", "notified_on"}, {"accepted", "answered_on"},
					       {"declined", "answered_on"}, {"closed", "closed_on"}};
	json_t *set = json_pack("{s:s}", "status", status);
	int rc;

	if (!set)
		return err_nomem(e);
	if (reason && json_object_set_new(set, "reason", json_string(reason))) {
		json_decref(set);
		return err_set(e, _("the reason is not valid UTF-8"));
	}
	for (size_t i = 0; on && i < sizeof dates / sizeof dates[0]; i++)
		if (!strcmp(dates[i][0], status) && json_object_set_new(set, dates[i][1], json_string(on))) {
			json_decref(set);
			return err_nomem(e);
		}
	rc = db_write(d, "assignment", id, set, NULL, e);
	json_decref(set);
	return rc;
}

int assign_opinion(db *d, const char *id, const char *text, const char *file,
		   char opinion_id[37], ipc_err *e)
{
	json_t *set = json_pack("{s:s,s:s?}", "assignment_id", id, "text", text);

	if (!json_object_get(set, "text")) {
		json_decref(set);
		return err_set(e, _("the opinion needs its text, in UTF-8"));
	}
	if (db_begin(d, e))
		goto fail;
	if ((file && db_attach(d, set, file, e))
	    || db_write(d, "opinion", NULL, set, opinion_id, e)
	    || assign_advance(d, id, "opinion_submitted", NULL, NULL, e) || db_commit(d, e)) {
		db_rollback(d);
		goto fail;
	}
	json_decref(set);
	return 0;
fail:
	json_decref(set);
	return -1;
}

/* FACTS.md §3: the parties are told within 3 days of an investigator being assigned or
 * changed. Counted in calendar days, the stricter reading: the rule gives no unit. */
#define NOTIFY_DAYS 3

static int notify_by(const char *assigned_on, char out[11])
{
	return assigned_on ? cal_add_days(assigned_on, NOTIFY_DAYS, out) : -1;
}

int assign_deadlines(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, status, assigned_on, due FROM t_assignment"
				   " WHERE case_id = ? AND status IN " ASSIGNMENT_OPEN_SQL, e);
	int rc = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, json_string_value(json_object_get(kase, "id")));
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *status = (const char *)sqlite3_column_text(st, 1);
		const char *due = (const char *)sqlite3_column_text(st, 3);
		char by[11];
		if (!strcmp(status, "proposed")) {
			if (!notify_by((const char *)sqlite3_column_text(st, 2), by))
				rc = deadline_add(out, "investigator_notice", id, by, true, e);
		} else if (due && strcmp(status, "notified") != 0) {
			rc = deadline_add(out, "investigator_opinion", id, due, true, e);
		}
	}
	sqlite3_reset(st);
	return rc;
}

/* An assignment row (a.*, then the investigator's name and the office's) as JSON, with the
 * date by which the parties are to be told. */
static json_t *row(sqlite3_stmt *st)
{
	const struct rtype *t = schema_type("assignment");
	json_t *o = db_row_json(t, st);
	const char *name = (const char *)sqlite3_column_text(st, COL_FIELDS + (int)t->nfields);
	const char *office = (const char *)sqlite3_column_text(st, COL_FIELDS + 1 + (int)t->nfields);
	char by[11];

	json_object_set_new(o, "investigator_name", name ? json_string(name) : json_null());
	json_object_set_new(o, "office_name", office ? json_string(office) : json_null());
	json_object_set_new(o, "notify_by", notify_by(json_string_value(json_object_get(o,
				"assigned_on")), by) ? json_null() : json_string(by));
	return o;
}

#define ASSIGNMENT_ROWS "SELECT a.*, i.name, ac.office_name FROM t_assignment a" \
	" LEFT JOIN t_investigator i ON i.id = a.investigator_id" \
	" LEFT JOIN actors ac ON ac.key = a.creator"

json_t *assign_list(db *d, const struct assign_query *q, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, ASSIGNMENT_ROWS
		" WHERE (?1 IS NULL OR a.case_id = ?1) AND (?2 IS NULL OR a.investigator_id = ?2)"
		" AND (?3 IS NULL OR a.status = ?3)"
		" AND (?4 = 0 OR a.status IN " ASSIGNMENT_OPEN_SQL ")"
		" ORDER BY a.created_hlc DESC, a.id", e);
	json_t *list;

	if (!st)
		return NULL;
	db_bind_text(st, 1, q->case_id);
	db_bind_text(st, 2, q->investigator_id);
	db_bind_text(st, 3, q->status);
	sqlite3_bind_int(st, 4, q->open);
	if (!(list = json_array())) {
		sqlite3_reset(st);
		err_nomem(e);
		return NULL;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(list, row(st));
	sqlite3_reset(st);
	return list;
}

/* The newest opinion of an assignment, or null (another office's assignment: never here). */
static json_t *opinion_of(db *d, const char *id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT * FROM t_opinion WHERE assignment_id = ?"
				   " ORDER BY created_hlc DESC, id LIMIT 1", NULL);
	json_t *o = NULL;

	if (!st)
		return json_null();
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		o = db_row_json(schema_type("opinion"), st);
	sqlite3_reset(st);
	return o ? o : json_null();
}

json_t *assign_get(db *d, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, ASSIGNMENT_ROWS " WHERE a.id = ?", e);
	const char *recusal;
	json_t *o = NULL, *r;

	if (!st)
		return NULL;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		o = row(st);
	sqlite3_reset(st);
	if (!o) {
		err_kind(e, IPC_E_NOTFOUND, NULL, _("no assignment with id %s"), id);
		return NULL;
	}
	json_object_set_new(o, "opinion", opinion_of(d, id));
	recusal = json_string_value(json_object_get(o, "recusal_id"));
	r = recusal ? investigator_record(d, "recusal", recusal, NULL) : NULL;
	json_object_set_new(o, "recusal", r ? r : json_null());
	return o;
}
