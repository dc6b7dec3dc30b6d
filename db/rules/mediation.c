/* mediation — the fields of a mediation, the rules of its outcome and dates, its limit. */
#include "db/rules/mediation.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/archive.h"
#include "db/rules/procedure.h"
#include "db/store.h"

/* 人民调解法 art. 33: calendar days from the agreement taking effect. */
#define CONFIRM_DAYS 30

static const struct enum_value outcomes[] = {
	{"agreed", "达成协议", N_("agreed")},
	{"failed", "调解不成", N_("failed")},
	{NULL, NULL, NULL},
};

static const struct enum_value confirmations[] = {
	{"confirmed", "确认有效", N_("confirmed")},
	{"refused", "驳回", N_("refused")},
	{NULL, NULL, NULL},
};

static const struct field mediation_fields[] = {
	{"case_id", FK_REF, 0, NULL, "case", "案件", "case", 0},
	{"parties", FK_ORGS, FF_REQUIRED | FF_SEARCH, NULL, NULL, "当事人", "parties", 0},
	{"mediator", FK_TEXT, FF_REQUIRED, NULL, NULL, "调解员", "mediator", SCHEMA_LINE_MAX},
	{"mediated_on", FK_DATE, FF_REQUIRED, NULL, NULL, "调解日期", "mediated on", 0},
	{"outcome", FK_ENUM, FF_REQUIRED, outcomes, NULL, "调解结果", "outcome", 0},
	{"agreement", FK_TEXT, 0, NULL, NULL, "协议内容", "agreement", SCHEMA_TEXT_MAX},
	{"effective_on", FK_DATE, 0, NULL, NULL, "协议生效日期", "in effect from", 0},
	{"document_no", FK_TEXT, 0, NULL, NULL, "调解书编号", "mediation document no.", 80},
	{"confirmation_applied_on", FK_DATE, FF_LATER, NULL, NULL, "申请司法确认日期",
	 "confirmation sought on", 0},
	{"confirmation_result", FK_ENUM, FF_LATER, confirmations, NULL, "司法确认结果",
	 "court's confirmation", 0},
	{"confirmation_on", FK_DATE, FF_LATER, NULL, NULL, "司法确认日期", "court ruled on", 0},
	{"notes", FK_TEXT, 0, NULL, NULL, "备注", "notes", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static bool is(const char *s, const char *than)
{
	return s && strcmp(s, than) == 0;
}

static const char *label(const char *field)
{
	const struct field *f = schema_field(&mediation_type, field);
	return i18n_zh() ? f->zh : _(f->en);
}

/* Invariant 2: each date no earlier than the one before it. */
static int check_dates(const json_t *s, ipc_err *e)
{
	static const char *const order[] = {"mediated_on", "effective_on", "confirmation_applied_on",
					    "confirmation_on"};
	const char *before = NULL, *field = NULL;

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *on = jstr(s, order[i]);
		if (!on)
			continue;
		if (before && strcmp(on, before) < 0)
			return err_kind(e, IPC_E_RULE, order[i], _("%s (%s) cannot come before %s "
					"(%s)"), label(order[i]), on, label(field), before);
		before = on, field = order[i];
	}
	return 0;
}

/* Invariants 1 and 2, on a record's whole state. */
static int mediation_shape(const json_t *s, ipc_err *e)
{
	static const char *const agreed_only[] = {"agreement", "effective_on", "document_no",
						  "confirmation_applied_on", "confirmation_result",
						  "confirmation_on"};
	bool agreed = is(jstr(s, "outcome"), "agreed");

	if (json_array_size(json_object_get(s, "parties")) < 2)
		return err_kind(e, IPC_E_RULE, "parties", _("a mediation is between two parties or "
				"more: set parties=NAME,NAME"));
	if (agreed && !jstr(s, "agreement"))
		return err_kind(e, IPC_E_RULE, "agreement", _("an agreed mediation needs what was "
				"agreed: set agreement=…"));
	for (size_t i = 0; !agreed && i < sizeof agreed_only / sizeof agreed_only[0]; i++)
		if (jstr(s, agreed_only[i]))
			return err_kind(e, IPC_E_RULE, agreed_only[i], _("a failed mediation has no "
					"agreement: %s belongs to an agreed one"), label(agreed_only[i]));
	if ((jstr(s, "confirmation_result") || jstr(s, "confirmation_on"))
	    && !(jstr(s, "confirmation_result") && jstr(s, "confirmation_on")
		 && jstr(s, "confirmation_applied_on")))
		return err_kind(e, IPC_E_RULE, "confirmation_result", _("the court's answer has its "
				"result, its date and the date it was sought: set "
				"confirmation_applied_on=DATE, confirmation_result=confirmed or refused, "
				"confirmation_on=DATE"));
	return check_dates(s, e);
}

static bool live_agreed(const json_t *s)
{
	return s && is(jstr(s, "outcome"), "agreed") && !json_is_true(json_object_get(s, "deleted"));
}

/* Invariant 3: the last agreed mediation of a mediated case stays. */
static int keeps_mediated(db *d, const json_t *old, const json_t *state, ipc_err *e)
{
	const char *case_id = jstr(old, "case_id");
	sqlite3_stmt *st;
	int others = 1;

	if (!live_agreed(old) || (live_agreed(state) && is(jstr(state, "case_id"), case_id))
	    || !case_id || !db_count(d, "SELECT count(*) FROM t_case WHERE id = ?"
				     " AND status = 'mediated'", case_id))
		return 0;
	if (!(st = db_stmt(d, "SELECT count(*) FROM t_mediation WHERE case_id = ? AND id <> ?"
			   " AND outcome = 'agreed' AND coalesce(deleted, 0) = 0", e)))
		return -1;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, jstr(old, "id"));
	if (sqlite3_step(st) == SQLITE_ROW)
		others = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return others ? 0 : err_kind(e, IPC_E_RULE, "outcome", _("the case ended in this "
				"agreement (status mediated): its agreed mediation stays"));
}

static int mediation_judge(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			   const json_t *set, ipc_err *e)
{
	(void)t, (void)set;
	return mediation_shape(state, e) || keeps_mediated(d, old, state, e) ? -1 : 0;
}

static int mediation_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
				 json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e)
	       || mediation_judge(d, t, old, state, set, e) ? -1 : 0;
}

/* A peer's op (the gate has checked its writer's office); a refused one waits. */
static int mediation_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, mediation_judge, e);
}

/* Invariant 4: the mediation of this rowid's judicial_confirm row brought up to date. */
static int mediation_refresh(db *d, int64_t rowid, ipc_err *e)
{
	sqlite3_stmt *del = db_stmt(d, "DELETE FROM deadlines WHERE kind = 'judicial_confirm'"
				    " AND owner = (SELECT id FROM t_mediation WHERE rowid = ?)", e);
	sqlite3_stmt *st;
	char id[37] = "", due[11];
	int rc;

	if (!del)
		return -1;
	sqlite3_bind_int64(del, 1, rowid);
	rc = sqlite3_step(del);
	sqlite3_reset(del);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("saving deadlines"));
	if (!(st = db_stmt(d, "SELECT id, effective_on FROM t_mediation WHERE rowid = ?"
			   " AND outcome = 'agreed' AND coalesce(deleted, 0) = 0"
			   " AND effective_on IS NOT NULL AND confirmation_applied_on IS NULL", e)))
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = cal_add_days((const char *)sqlite3_column_text(st, 1), CONFIRM_DAYS, due);
	}
	sqlite3_reset(st);
	if (rc || !id[0])
		return rc ? err_set(e, _("a mediation's date is out of range")) : 0;
	if (!(st = db_stmt(d, "INSERT OR REPLACE INTO deadlines(owner, kind, ref, due, confirmed)"
			   " VALUES(?1, 'judicial_confirm', ?1, ?2, 1)", e)))
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, due);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, _("saving deadlines"));
}

int mediation_agreed(db *d, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT 1 FROM t_mediation WHERE case_id = ?"
				   " AND outcome = 'agreed' AND coalesce(deleted, 0) = 0 LIMIT 1", e);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* A row of the list: the record, its case's number, its open limit. */
static json_t *list_row(db *d, sqlite3_stmt *st)
{
	json_t *r = db_row_json(&mediation_type, st);
	int n = sqlite3_column_count(st);
	const char *no = (const char *)sqlite3_column_text(st, n - 2);
	const char *due = (const char *)sqlite3_column_text(st, n - 1);

	(void)d;
	if (r && ((no && json_object_set_new(r, "case_no", json_string(no)))
		  || (due && json_object_set_new(r, "due", json_string(due))))) {
		json_decref(r);
		r = NULL;
	}
	return r;
}

json_t *mediation_list(db *d, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT m.*, c.case_no, (SELECT due FROM deadlines"
				   " WHERE owner = m.id AND kind = 'judicial_confirm') FROM t_mediation m"
				   " LEFT JOIN t_case c ON c.id = m.case_id"
				   " WHERE coalesce(m.deleted, 0) = 0 AND (?1 IS NULL OR m.case_id = ?1)"
				   " ORDER BY m.mediated_on DESC, m.id", e);

	if (!st)
		return NULL;
	db_bind_text(st, 1, case_id);
	return db_rows(d, st, list_row, e);
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype mediation_type = {
	.name = "mediation", .zh = "调解", .en = "mediation", .table = "t_mediation",
	.fields = mediation_fields, .nfields = NF(mediation_fields), .parent = "case_id",
	.channel = "office", .check_write = mediation_check_write,
	.check_import = mediation_check_import, .refresh = mediation_refresh,
};
