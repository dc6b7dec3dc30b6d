/* police — the police_transfer record type (db/rules/police.h).
 *
 * Invariants (tests/test_police.c, tests/police_transfer.sh):
 *  1. A transfer report is written by at least two officers with certificates (art. 5).
 *  2. approved_on is the day an approved police_transfer approval of the case was answered.
 *  3. Each step needs the one before it, and its date is on or after that one's: report,
 *     approval, sending, receipt, the police's decision; a reconsideration follows only a
 *     refusal to open, a handover only an opening, a return only a refusal or a dropped case.
 *  4. A peer's op is judged by the same function; one that breaks a rule waits.
 *  5. What is next comes from one table (next_steps[]): the limits in due, police list and
 *     show, the case screen and its form all read police_next.
 * Limits count calendar days, not working days (Order No. 310 says 日, no 工作日): a limit
 * across 国庆 or 春节 is not extended. */
#include "db/rules/police.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/archive.h"
#include "db/rules/case_terms.h"
#include "db/rules/deadline.h"
#include "db/rules/limits.h"
#include "db/rules/procedure.h"
#include "db/store.h"

const struct enum_value police_decisions[] = {
	{"opened", "立案", "opened a case"},
	{"not_opened", "不予立案", "did not open a case"},
	{"dropped", "撤销案件", "dropped the case"},
	{NULL, NULL, NULL},
};

static const struct field police_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"reported_on", FK_DATE, FF_REQUIRED, NULL, NULL, "移送报告日期", "report dated", 0},
	{"reporters", FK_HANDLERS, FF_REQUIRED, NULL, NULL, "报告人", "reporting officers", 0},
	{"offence", FK_ENUM, 0, case_offences, NULL, "涉嫌罪名", "suspected offence", 0},
	{"approved_on", FK_DATE, FF_LATER, NULL, NULL, "批准日期", "approved on", 0},
	{"sent_at", FK_DATETIME, FF_LATER, NULL, NULL, "移送时间", "sent at", 0},
	{"police", FK_TEXT, FF_LATER, NULL, NULL, "接收公安机关", "police authority",
	 SCHEMA_LINE_MAX},
	{"police_received_on", FK_DATE, FF_LATER, NULL, NULL, "公安机关接收日期",
	 "received by the police", 0},
	{"police_decision", FK_ENUM, FF_LATER, police_decisions, NULL, "公安机关决定",
	 "police decision", 0},
	{"police_decision_on", FK_DATE, FF_LATER, NULL, NULL, "决定通知日期", "decision notified on",
	 0},
	{"reconsideration_on", FK_DATE, FF_LATER, NULL, NULL, "提请复议日期",
	 "reconsideration asked on", 0},
	{"reconsideration_result", FK_TEXT, FF_LATER, NULL, NULL, "复议结果",
	 "reconsideration result", SCHEMA_LINE_MAX},
	{"handover_on", FK_DATE, FF_LATER, NULL, NULL, "移交涉案物品日期", "items handed over on", 0},
	{"returned_on", FK_DATE, FF_LATER, NULL, NULL, "退回日期", "returned on", 0},
	{"notes", FK_TEXT, 0, NULL, NULL, "备注", "notes", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

/* A step: `field` needs `after` recorded (and, both dated, not later than it); when
 * `decisions` is set, it needs one of those police decisions. */
static const struct step {
	const char *field, *after, *decisions;
	bool dated;
} steps[] = {
	{"approved_on", "reported_on", NULL, true},
	{"sent_at", "approved_on", NULL, true},
	{"police_received_on", "sent_at", NULL, true},
	{"police_decision_on", "police_received_on", NULL, true},
	{"police_decision", "police_decision_on", NULL, false},
	{"police_decision_on", "police_decision", NULL, false},
	{"reconsideration_on", "police_decision_on", "not_opened", true},
	{"reconsideration_result", "reconsideration_on", NULL, false},
	{"handover_on", "police_decision_on", "opened", true},
	{"returned_on", "police_decision_on", "not_opened dropped", true},
};

static bool set_in(const json_t *o, const char *field)
{
	const char *s = jstr(o, field);
	return s && *s;
}

static bool listed(const char *words, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = words; (p = strstr(p, word)); p += n)
		if ((p == words || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static int check_step(const struct step *s, const json_t *state, ipc_err *e)
{
	const char *v = jstr(state, s->field), *before = jstr(state, s->after);
	const char *decision = jstr(state, "police_decision");

	if (!set_in(state, s->field))
		return 0;
	if (!set_in(state, s->after))
		return err_kind(e, IPC_E_RULE, s->field, _("%s is recorded after %s (Order No. 310: "
				"report, approval, sending, the police's decision, then what follows): "
				"set %s first or in the same change"), s->field, s->after, s->after);
	if (s->dated && strncmp(v, before, 10) < 0)
		return err_kind(e, IPC_E_RULE, s->field, _("%s %s is before %s %s: the steps of a "
				"transfer are dated in their order, set a date on or after %.10s"),
				s->field, v, s->after, before, before);
	if (s->decisions && !(decision && listed(s->decisions, decision)))
		return err_kind(e, IPC_E_RULE, s->field, _("%s follows a police decision %s (Order "
				"No. 310 art. 9, 11), this one is %s: set police_decision first"),
				s->field, s->decisions, decision ? decision : "-");
	return 0;
}

/* Invariant 2: the day of an approved police_transfer approval of the case. */
static int check_approval(db *d, const json_t *state, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM t_approval WHERE case_id = ?"
				   " AND step = 'police_transfer' AND status = 'approved'"
				   " AND decided_on = ? AND coalesce(deleted, 0) = 0)", e);
	const char *on = jstr(state, "approved_on"), *kase = jstr(state, "case_id");
	int yes;

	if (!st)
		return -1;
	db_bind_text(st, 1, kase);
	db_bind_text(st, 2, on);
	yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (yes)
		return 0;
	return err_kind(e, IPC_E_RULE, "approved_on", _("no approved police_transfer approval of "
			"this case was answered on %s (Order No. 310 art. 5): ask the head with ipcase "
			"approval ask %.8s police_transfer and set approved_on to the day of the "
			"answer"), on, kase ? kase : "");
}

static int police_check(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			const json_t *set, ipc_err *e)
{
	(void)t, (void)old;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if ((json_object_get(set, steps[i].field) || json_object_get(set, steps[i].after))
		    && check_step(&steps[i], state, e))
			return -1;
	if (json_object_get(set, "approved_on") && set_in(state, "approved_on"))
		return check_approval(d, state, e);
	return 0;
}

static int police_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			json_t *set, ipc_err *e)
{
	return procedure_team_write(d, t, old, state, set, e)
	       || police_check(d, t, old, state, set, e) ? -1 : 0;
}

static int police_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = procedure_team_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, police_check, e);
}

/* ---- limits (Order No. 310; calendar days) ---- */

#define DECISION_DAYS -1 /* the limit police_decision_days, a workspace setting */

/* The next step of a transfer: the first row whose field is empty and whose police decision
 * matches (`decisions` NULL: whatever it is). Its limit runs `days` from the date of `from`;
 * a step without a limit (the receipt, the return) has no kind. A returned transfer has none. */
static const struct next_step {
	const char *field, *decisions, *step, *kind, *from, *fields;
	int days;
} next_steps[] = {
	{"approved_on", NULL, "approval", "police_approve", "reported_on", "approved_on", 3},
	{"sent_at", NULL, "sending", "police_send", "approved_on", "sent_at police", 1},
	{"police_received_on", NULL, "receipt", NULL, NULL, "police_received_on", 0},
	{"police_decision", NULL, "decision", "police_decide", "police_received_on",
	 "police_decision police_decision_on", DECISION_DAYS},
	{"handover_on", "opened", "handover", "police_handover", "police_decision_on",
	 "handover_on", 3},
	{"reconsideration_on", "not_opened", "reconsideration", "police_reconsider",
	 "police_decision_on", "reconsideration_on reconsideration_result returned_on", 3},
	{"returned_on", "not_opened dropped", "return", NULL, NULL, "returned_on", 0},
};

int police_next(db *d, const json_t *r, struct police_next *out)
{
	const char *decision = jstr(r, "police_decision");

	memset(out, 0, sizeof *out);
	if (set_in(r, "returned_on"))
		return 0;
	for (size_t i = 0; i < sizeof next_steps / sizeof next_steps[0]; i++) {
		const struct next_step *s = &next_steps[i];
		char day[11];
		if (set_in(r, s->field)
		    || (s->decisions && !(decision && listed(s->decisions, decision))))
			continue;
		out->step = s->step;
		out->fields = s->fields;
		snprintf(day, sizeof day, "%.10s", s->kind ? jstr(r, s->from) : "");
		if (s->kind && !cal_add_days(day, s->days == DECISION_DAYS
					     ? limits_get(d, "police_decision_days") : s->days,
					     out->due))
			out->kind = s->kind;
		return 1;
	}
	return 0;
}

/* The next limit of one transfer (a row of t_police_transfer as JSON). */
static int transfer_due(db *d, const json_t *r, struct deadline_set *out, ipc_err *e)
{
	struct police_next n;

	if (!police_next(d, r, &n) || !n.kind)
		return 0; /* none, or a malformed date refused on write */
	return deadline_add(out, n.kind, jstr(r, "id"), n.due, true, e);
}

static int police_deadlines(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const struct rtype *t = &police_transfer_type;
	sqlite3_stmt *st = db_stmt(d, "SELECT * FROM t_police_transfer WHERE case_id = ?"
				   " AND coalesce(deleted, 0) = 0", e);
	int rc = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, jstr(kase, "id"));
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		json_t *r = db_row_json(t, st);
		rc = r ? transfer_due(d, r, out, e) : err_nomem(e);
		json_decref(r);
	}
	sqlite3_reset(st);
	return rc;
}

const struct rtype police_transfer_type = {
	.name = "police_transfer", .zh = "移送公安机关", .en = "transfer to the police",
	.table = "t_police_transfer", .fields = police_fields,
	.nfields = sizeof police_fields / sizeof police_fields[0], .parent = "case_id",
	.channel = "office", .check_write = police_write, .check_import = police_import,
	.deadlines = police_deadlines,
};

/* ---- the office's transfers, their steps and next limit (police list, police show, the
 * case screen) ---- */

const struct police_step police_steps[] = {
	{"report", "报告", "report", "reported_on"},
	{"approval", "审批", "approval", "approved_on"},
	{"sending", "移送", "sending", "sent_at"},
	{"receipt", "接收", "receipt", "police_received_on"},
	{"decision", "公安决定", "police decision", "police_decision_on"},
	{"reconsideration", "复议", "reconsideration", "reconsideration_on"},
	{"handover", "移交物品", "handover of items", "handover_on"},
	{"return", "退回", "return", "returned_on"},
	{NULL, NULL, NULL, NULL},
};

/* The next step of r as {"step", "fields", "kind", "due"} (kind and due null without a
 * limit), null when the transfer is over. */
static json_t *next_json(db *d, const json_t *r)
{
	struct police_next n;

	if (!police_next(d, r, &n))
		return json_null();
	return json_pack("{s:s,s:s,s:s?,s:s?}", "step", n.step, "fields", n.fields, "kind", n.kind,
			 "due", n.kind ? n.due : NULL);
}

/* The steps done, in the procedure's order: [{"step", "on"}…]; the decision's carries it. */
static json_t *steps_json(const json_t *r)
{
	json_t *steps = json_array(), *s;

	for (const struct police_step *p = police_steps; steps && p->id; p++) {
		if (!set_in(r, p->field))
			continue;
		s = json_pack("{s:s,s:s}", "step", p->id, "on", jstr(r, p->field));
		if (s && !strcmp(p->id, "decision")
		    && json_object_set_new(s, "decision", json_pack("s?", jstr(r, "police_decision")))) {
			json_decref(s);
			s = NULL;
		}
		if (!s || json_array_append_new(steps, s)) {
			json_decref(steps);
			return NULL;
		}
	}
	return steps;
}

/* A row of police_transfers' statement (the record, then its case's number and title): the
 * record with its case, the steps done, the state (the last step done) and the next step. */
static json_t *transfer_row(db *d, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);
	json_t *r = db_row_json(&police_transfer_type, st), *steps, *last;

	if (!r || json_object_set_new(r, "steps", steps = steps_json(r))) {
		json_decref(r);
		return NULL;
	}
	last = json_array_get(steps, json_array_size(steps) - 1);
	if (json_object_set_new(r, "case_no", json_pack("s?", sqlite3_column_text(st, n - 2)))
	    || json_object_set_new(r, "case_title", json_pack("s?", sqlite3_column_text(st, n - 1)))
	    || json_object_set_new(r, "state", json_pack("s?", jstr(last, "step")))
	    || json_object_set_new(r, "state_on", json_pack("s?", jstr(last, "on")))
	    || json_object_set_new(r, "next", next_json(d, r))) {
		json_decref(r);
		return NULL;
	}
	return r;
}

json_t *police_transfers(db *d, const char *case_id, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT t.*, c.case_no, c.title FROM t_police_transfer t"
				   " JOIN t_case c ON c.id = t.case_id"
				   " WHERE coalesce(t.deleted, 0) = 0 AND (?1 IS NULL OR t.case_id = ?1)"
				   " AND (?2 IS NULL OR t.id = ?2) ORDER BY t.reported_on DESC, t.id", e);

	if (!st)
		return NULL;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, id);
	return db_rows(d, st, transfer_row, e);
}

json_t *police_transfer_show(db *d, const char *id, ipc_err *e)
{
	json_t *list = police_transfers(d, NULL, id, e), *one;

	if (!list)
		return NULL;
	if (!(one = json_incref(json_array_get(list, 0))))
		err_kind(e, IPC_E_NOTFOUND, "id", _("%.8s is not a transfer to the police: ipcase "
						      "police list shows them"), id);
	json_decref(list);
	return one;
}

const char *police_step_label(const char *step)
{
	for (const struct police_step *s = police_steps; s->id; s++)
		if (!strcmp(s->id, step))
			return i18n_zh() ? s->zh : s->en;
	return step;
}

void police_step_text(const json_t *step, char *buf, size_t n)
{
	const char *decision = jstr(step, "decision");

	snprintf(buf, n, "%s%s%s", jtext(step, "on"), decision ? "  " : "",
		 decision ? schema_enum_label(police_decisions, decision, i18n_zh()) : "");
}

void police_next_text(const json_t *x, char *buf, size_t n)
{
	const json_t *next = json_object_get(x, "next");
	const char *step = jtext(next, "step");

	if (!json_is_object(next))
		snprintf(buf, n, "%s", _("no step left"));
	else if (jstr(next, "due"))
		snprintf(buf, n, _("next: %s by %s (%s)"), police_step_label(step), jstr(next, "due"),
			 deadline_kind_label(jstr(next, "kind")));
	else
		snprintf(buf, n, _("next: %s, no limit"), police_step_label(step));
}
