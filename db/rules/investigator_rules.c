/* investigator_rules — write rules of the technical-investigator records. */
#include "db/rules/investigator_rules.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"
#include "base/json.h"
#include "base/i18n.h"
#include "db/rules/investigator.h"
#include "db/rules/recusal.h"
#include "db/rules/schema_investigator.h"
#include "db/store.h"

json_t *investigator_record(db *d, const char *type, const char *id, ipc_err *e)
{
	json_t *o = id ? db_get(d, id, NULL) : NULL;
	const struct rtype *t = schema_type(type);

	if (o && strcmp(json_string_value(json_object_get(o, "type")), type) == 0)
		return o;
	json_decref(o);
	err_set(e, _("no %s with id %s"), t ? t->en : type, id ? id : "");
	return NULL;
}

int64_t investigator_count(db *d, const char *sql, const char *key)
{
	sqlite3_stmt *st = db_stmt(d, sql, NULL);
	int64_t n = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool changes(const json_t *old, const json_t *set, const char *key)
{
	const json_t *v = json_object_get(set, key);
	return v && !json_equal(v, json_object_get(old, key) ? json_object_get(old, key) : json_null());
}

static int tech_check(db *d, const char *code, ipc_err *e)
{
	return techfield_known(d, code) ? 0
	     : err_set(e, _("unknown technical field \"%s\": see ipcase techfield list, or add it "
			    "with ipcase techfield add"), code);
}

static int case_rules(db *d, const json_t *set, ipc_err *e)
{
	const char *code = jstr(set, "tech_field");
	return code ? tech_check(d, code, e) : 0;
}

static int tech_field_rules(db *d, const json_t *old, const json_t *state, ipc_err *e)
{
	const char *code = jstr(state, "code"), *was = old ? jstr(old, "code") : NULL;
	const struct enum_value *builtin = schema_enum_find(schema_tech_fields, code);

	if (old)
		return strcmp(code, was ? was : "") ? err_set(e, _("the code of a technical field "
								   "cannot change")) : 0;
	if (builtin)
		return err_set(e, _("%s is a built-in technical field (%s)"), code, builtin->zh);
	return techfield_known(d, code) ? err_set(e, _("technical field %s exists"), code) : 0;
}

static int investigator_rules(db *d, const json_t *old, json_t *set, ipc_err *e)
{
	size_t i;
	json_t *code;

	json_array_foreach(json_object_get(set, "fields"), i, code)
		if (tech_check(d, json_string_value(code), e))
			return -1;
	if (!old && !json_string_value(json_object_get(set, "availability")))
		json_object_set_new(set, "availability", json_string("available"));
	return 0;
}

/* The case of an assignment (or of a recusal) is this office's: only its officers act on it. */
static json_t *own_case(db *d, const char *case_id, ipc_err *e)
{
	json_t *c = investigator_record(d, "case", case_id, NULL);

	if (!c)
		err_set(e, _("case %s is not in this workspace: only the office that handles a case "
			     "acts on its assignments"), case_id);
	return c;
}

static json_t *usable_investigator(db *d, const char *id, ipc_err *e)
{
	json_t *inv = investigator_record(d, "investigator", id, e);

	if (inv && (json_is_true(json_object_get(inv, "deleted"))
		    || strcmp(jstr(inv, "availability") ? jstr(inv, "availability") : "", "unavailable") == 0)) {
		err_set(e, _("investigator %s is not available for assignments"), jstr(inv, "name"));
		json_decref(inv);
		return NULL;
	}
	return inv;
}

/* Conflicts refuse an assignment, unless they can be overridden and the assignment points
 * to an officer's written reason for this case and investigator. */
static int recusal_rules(db *d, const json_t *state, ipc_err *e)
{
	const char *case_id = jstr(state, "case_id"), *inv = jstr(state, "investigator_id");
	json_t *conflicts = recusal_conflicts(d, case_id, inv, e), *c, *override = NULL;
	bool hard = false;
	size_t i;
	char *why;
	int rc = -1;

	if (!conflicts)
		return -1;
	json_array_foreach(conflicts, i, c)
		hard |= json_is_true(json_object_get(c, "hard"));
	if (!json_array_size(conflicts)) {
		rc = 0;
		goto out;
	}
	if (!hard && jstr(state, "recusal_id")
	    && (override = investigator_record(d, "recusal", jstr(state, "recusal_id"), NULL))
	    && same(jstr(override, "case_id"), case_id)
	    && same(jstr(override, "investigator_id"), inv)) {
		rc = 0;
		goto out;
	}
	why = recusal_reasons_text(conflicts);
	err_set(e, hard ? _("refused: %s") : _("refused: %s; an officer may assign anyway only with "
						 "a written reason (--override-reason)"), why ? why : "");
	free(why);
out:
	json_decref(override);
	json_decref(conflicts);
	return rc;
}

/* The replaced assignment: of the same case, and open (it becomes replaced) or declined. */
static int replaces_rules(db *d, const json_t *state, ipc_err *e)
{
	json_t *old = investigator_record(d, "assignment", jstr(state, "replaces"), e);
	const char *status;
	int rc = 0;

	if (!old)
		return -1;
	status = jstr(old, "status") ? jstr(old, "status") : "";
	if (!same(jstr(old, "case_id"), jstr(state, "case_id")))
		rc = err_set(e, _("assignment %s belongs to another case"), jstr(old, "id"));
	else if (strcmp(status, "declined") != 0 && !schema_assignment_status_ok(status, "replaced"))
		rc = err_set(e, _("assignment %s is %s: only an open or declined assignment is replaced"),
			     jstr(old, "id"), status);
	json_decref(old);
	return rc;
}

static int assignment_new(db *d, const json_t *state, json_t *set, ipc_err *e)
{
	json_t *kase = own_case(d, jstr(state, "case_id"), e), *inv = NULL;
	char today[11];
	int rc = -1;

	if (!kase || !(inv = usable_investigator(d, jstr(state, "investigator_id"), e)))
		goto out;
	if (jstr(set, "status") && strcmp(jstr(set, "status"), "proposed") != 0) {
		err_set(e, _("a new assignment starts as proposed"));
		goto out;
	}
	if (recusal_rules(d, state, e) || (jstr(state, "replaces") && replaces_rules(d, state, e)))
		goto out;
	db_today(today);
	json_object_set_new(set, "status", json_string("proposed"));
	json_object_set(set, "stage", json_object_get(kase, "status"));
	json_object_set_new(set, "assigned_on", json_string(today));
	rc = 0;
out:
	json_decref(kase);
	json_decref(inv);
	return rc;
}

/* What a status needs beyond being the next one, and the date it records. */
static int status_rules(db *d, const json_t *old, json_t *set, const char *to, ipc_err *e)
{
	static const struct {
		const char *status, *date;
	} dates[] = {{"notified", "notified_on"}, {"accepted", "answered_on"},
		     {"declined", "answered_on"}, {"opinion_submitted", "opinion_on"},
		     {"closed", "closed_on"}};
	const char *from = jstr(old, "status"), *id = jstr(old, "id");
	char today[11];

	if (!schema_assignment_status_ok(from, to)) {
		const char *next[3];
		char list[80] = "";
		size_t n = from ? schema_assignment_next(from, next, 3) : 0;
		for (size_t i = 0; i < n; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
				 next[i]);
		return err_set(e, n ? _("an assignment that is %s cannot become %s; next: %s")
				    : _("an assignment that is %s cannot become %s"), from ? from : "-", to,
			       list);
	}
	if (!strcmp(to, "opinion_submitted")
	    && !investigator_count(d, "SELECT count(*) FROM t_opinion WHERE assignment_id = ?", id))
		return err_set(e, _("submit the opinion with ipcase assignment opinion"));
	if (!strcmp(to, "replaced")
	    && !investigator_count(d, "SELECT count(*) FROM t_assignment WHERE replaces = ?", id))
		return err_set(e, _("an assignment is replaced by making its replacement "
				    "(ipcase assign … --replaces %s)"), id);
	db_today(today);
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		const char *on = jstr(set, dates[i].date);
		if (strcmp(dates[i].status, to) != 0)
			continue;
		if (on && (strcmp(on, today) > 0 || strcmp(on, jstr(old, "assigned_on") ?: "") < 0))
			return err_set(e, _("%s: %s is in the future or before the assignment"),
				       dates[i].date, on);
		if (!on)
			json_object_set_new(set, dates[i].date, json_string(today));
	}
	return 0;
}

static int assignment_change(db *d, const json_t *old, json_t *set, ipc_err *e)
{
	static const char *const fixed[] = {"case_id", "investigator_id", "stage", "assigned_on",
					    "replaces", "recusal_id"};
	json_t *kase = own_case(d, jstr(old, "case_id"), e);
	const char *to = jstr(set, "status");

	if (!kase)
		return -1;
	json_decref(kase);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (changes(old, set, fixed[i]))
			return err_set(e, _("the %s of an assignment cannot change: make a new one"),
				       fixed[i]);
	return to && changes(old, set, "status") ? status_rules(d, old, set, to, e) : 0;
}

static int opinion_rules(db *d, const json_t *old, const json_t *state, json_t *set, ipc_err *e)
{
	json_t *a = investigator_record(d, "assignment", jstr(state, "assignment_id"), e), *kase = NULL;
	const char *status;
	char today[11];
	int rc = -1;

	if (!a || !(kase = own_case(d, jstr(a, "case_id"), e)))
		goto out;
	status = jstr(a, "status") ? jstr(a, "status") : "";
	if (old ? !strcmp(status, "closed") : strcmp(status, "in_progress") != 0) {
		err_set(e, old ? _("the assignment is closed: its opinion cannot change")
			       : _("the assignment is %s: an opinion is submitted while it is in progress"),
			status);
		goto out;
	}
	if (old && changes(old, set, "assignment_id")) {
		err_set(e, _("an opinion stays with its assignment"));
		goto out;
	}
	db_today(today);
	if (!old)
		json_object_set_new(set, "submitted_on", json_string(today));
	rc = 0;
out:
	json_decref(a);
	json_decref(kase);
	return rc;
}

static int recusal_record_rules(db *d, const json_t *old, const json_t *state, ipc_err *e)
{
	const char *why = jstr(state, "override_reason");
	json_t *kase, *inv;

	if (old)
		return err_set(e, _("a recusal override is kept as written: make a new assignment"));
	if (!why || strspn(why, " \t\n") == strlen(why))
		return err_set(e, _("an override needs a written reason"));
	if (!(kase = own_case(d, jstr(state, "case_id"), e)))
		return -1;
	json_decref(kase);
	if (!(inv = investigator_record(d, "investigator", jstr(state, "investigator_id"), e)))
		return -1;
	json_decref(inv);
	return 0;
}

int investigator_write_rules(db *d, const struct rtype *t, const json_t *old, json_t *state,
		       json_t *set, ipc_err *e)
{
	if (strcmp(t->name, "case") == 0)
		return case_rules(d, set, e);
	if (t == &schema_type_tech_field)
		return tech_field_rules(d, old, state, e);
	if (t == &schema_type_investigator)
		return investigator_rules(d, old, set, e);
	if (t == &schema_type_investigator_contact) {
		json_t *inv = old ? NULL : investigator_record(d, "investigator", jstr(state, "investigator_id"), e);
		json_decref(inv);
		return old || inv ? 0 : -1;
	}
	if (t == &schema_type_assignment)
		return old ? assignment_change(d, old, set, e) : assignment_new(d, state, set, e);
	if (t == &schema_type_opinion)
		return opinion_rules(d, old, state, set, e);
	if (t == &schema_type_recusal)
		return recusal_record_rules(d, old, state, e);
	return 0;
}
