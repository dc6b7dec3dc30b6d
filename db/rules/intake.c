/* intake — the fields of a complaint or report and the rules of its outcome. */
#include "db/rules/intake.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/limits.h"
#include "db/rules/procedure.h"
#include "db/store.h"

#define LINE SCHEMA_LINE_MAX

const struct enum_value intake_channels[] = {
	{"platform_12315", "12315平台", N_("12315 platform")},
	{"hotline_12345", "12345转办", N_("12345 transfer")},
	{"letter", "来信", N_("letter")},
	{"visit", "来访", N_("visit")},
	{"phone", "来电", N_("phone call")},
	{"ecommerce", "电商平台", N_("e-commerce platform")},
	{NULL, NULL, NULL},
};

const struct enum_value intake_kinds[] = {
	{"complaint", "投诉", N_("complaint")},
	{"report", "举报", N_("report")},
	{NULL, NULL, NULL},
};

const struct enum_value intake_outcomes[] = {
	{"accepted", "受理", N_("accepted")},
	{"refused", "不予受理", N_("refused")},
	{NULL, NULL, NULL},
};

static const struct field intake_fields[] = {
	{"channel", FK_ENUM, FF_REQUIRED, intake_channels, NULL, "来源渠道", "channel", 0},
	{"ticket", FK_TEXT, 0, NULL, NULL, "工单号", "ticket no.", 80},
	{"received_on", FK_DATE, FF_REQUIRED, NULL, NULL, "收到日期", "received on", 0},
	{"kind", FK_ENUM, FF_REQUIRED, intake_kinds, NULL, "类别", "kind", 0},
	{"anonymous", FK_BOOL, 0, NULL, NULL, "匿名", "anonymous", 0},
	{"person_name", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "投诉举报人", "complainant or reporter",
	 LINE},
	{"person_phone", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "联系电话", "phone", 40},
	{"person_id_number", FK_IDNUM, FF_CONFIDENTIAL, NULL, NULL, "身份证号", "ID number", 0},
	{"person_address", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "地址", "address", LINE},
	{"subject", FK_TEXT, FF_REQUIRED, NULL, NULL, "事由", "subject", LINE},
	{"respondent", FK_TEXT, 0, NULL, NULL, "被投诉举报人", "respondent", LINE},
	{"respondent_uscc", FK_USCC, 0, NULL, NULL, "统一社会信用代码", "USCC", 0},
	{"goods", FK_TEXT, 0, NULL, NULL, "涉及商品", "goods", LINE},
	{"place", FK_TEXT, 0, NULL, NULL, "地点", "place", LINE},
	{"outcome", FK_ENUM, FF_LATER, intake_outcomes, NULL, "受理结果", "outcome", 0},
	{"outcome_on", FK_DATE, FF_LATER, NULL, NULL, "受理决定日期", "decided on", 0},
	{"outcome_reason", FK_TEXT, FF_LATER, NULL, NULL, "不予受理理由", "reason", SCHEMA_TEXT_MAX},
	{"told_on", FK_DATE, FF_LATER, NULL, NULL, "告知日期", "told on", 0},
	{"feedback_on", FK_DATE, FF_LATER, NULL, NULL, "办结反馈日期", "feedback on", 0},
	{"feedback", FK_TEXT, FF_LATER, NULL, NULL, "办结反馈", "feedback", SCHEMA_TEXT_MAX},
	{"case_id", FK_REF, FF_SYSTEM, NULL, "case", "关联案件", "case", 0},
};

static bool is(const char *s, const char *than)
{
	return s && strcmp(s, than) == 0;
}

/* A date of the intake's life must not come before its receipt. */
static int not_before_receipt(const json_t *s, const char *field, ipc_err *e)
{
	const char *on = jstr(s, field), *received = jstr(s, "received_on");

	if (on && received && strcmp(on, received) < 0)
		return err_kind(e, IPC_E_RULE, field, _("%s is before the intake was received (%s)"),
				on, received);
	return 0;
}

/* The invariants of the header, on a record's whole state. */
static int intake_shape(const json_t *s, ipc_err *e)
{
	static const char *const dated[] = {"outcome_on", "told_on", "feedback_on"};
	const char *outcome = jstr(s, "outcome");

	if (outcome && !is(jstr(s, "kind"), "complaint"))
		return err_kind(e, IPC_E_RULE, "outcome", _("only a complaint is accepted or refused; "
				"a report is filed as a clue or not"));
	if (outcome && !jstr(s, "outcome_on"))
		return err_kind(e, IPC_E_RULE, "outcome_on", _("an acceptance decision needs its date"));
	if (is(outcome, "refused") && !jstr(s, "outcome_reason"))
		return err_kind(e, IPC_E_RULE, "outcome_reason", _("refusing a complaint needs its "
				"reason"));
	if ((jstr(s, "feedback_on") || jstr(s, "feedback")) && !is(jstr(s, "channel"), "hotline_12345"))
		return err_kind(e, IPC_E_RULE, "feedback", _("only a 12345 transfer is answered with "
				"its result (办结反馈)"));
	if (json_is_true(json_object_get(s, "anonymous"))
	    && (jstr(s, "person_name") || jstr(s, "person_phone") || jstr(s, "person_id_number")
		|| jstr(s, "person_address") || jstr(s, "told_on")))
		return err_kind(e, IPC_E_RULE, "anonymous", _("an anonymous intake carries no "
				"identity and is not told of its outcome"));
	for (size_t i = 0; i < sizeof dated / sizeof dated[0]; i++)
		if (not_before_receipt(s, dated[i], e))
			return -1;
	return 0;
}

/* A link names a case this workspace holds (a peer's may come before its case). */
static int link_check(db *d, const json_t *set, ipc_err *e)
{
	const char *kase = jstr(set, "case_id");
	json_t *c;
	bool ok;

	if (!kase)
		return 0;
	c = db_get(d, kase, NULL);
	ok = c && is(jstr(c, "type"), "case");
	json_decref(c);
	return ok ? 0 : err_kind(e, IPC_E_NOTFOUND, "case_id", _("no case with id %s"), kase);
}

static int intake_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			      json_t *set, ipc_err *e)
{
	(void)t, (void)old;
	return intake_shape(state, e) || link_check(d, set, e) ? -1 : 0;
}

/* The rules on the state a peer's op leads to: an op sets only what changed (an outcome
 * without the kind it needs), so its fields alone cannot be judged. */
static int intake_judge(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			const json_t *set, ipc_err *e)
{
	(void)d, (void)t, (void)old, (void)set;
	return intake_shape(state, e);
}

/* A peer's op (the gate has checked its writer's office); a refused one waits. */
static int intake_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	return procedure_judge_import(d, t, o, intake_judge, e);
}

/* Adds the row `kind` due n working days from `start` of intake `id`. */
static int due_add(db *d, const char *id, const char *kind, const char *start, int n,
		   ipc_err *e)
{
	sqlite3_stmt *st;
	char due[11];
	bool confirmed;
	int rc;

	if (cal_add_workdays(d, start, n, due, &confirmed, e)
	    || !(st = db_stmt(d, "INSERT OR REPLACE INTO deadlines(owner, kind, ref, due, confirmed)"
			      " VALUES(?, ?, ?, ?, ?)", e)))
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, id);
	db_bind_text(st, 4, due);
	sqlite3_bind_int(st, 5, confirmed);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, _("saving deadlines"));
}

/* One intake's open limits, from its row: id, kind, channel, received_on, anonymous, outcome_on,
 * told_on, feedback_on, and the linked case's filing or not-filing date. */
static int intake_due(db *d, sqlite3_stmt *row, int feedback_days, ipc_err *e)
{
	char id[37], kind[16], channel[24], received[11], outcome[11], told[11], fed[11], decided[11];
	bool anonymous = sqlite3_column_int(row, 4);

#define COL(buf, i) snprintf(buf, sizeof buf, "%s", sqlite3_column_text(row, i) ? \
			     (const char *)sqlite3_column_text(row, i) : "")
	COL(id, 0), COL(kind, 1), COL(channel, 2), COL(received, 3), COL(outcome, 5);
	COL(told, 6), COL(fed, 7), COL(decided, 8);
#undef COL
	if (is(kind, "complaint") && !*(anonymous ? outcome : told)
	    && due_add(d, id, "intake_accept", received, 7, e))
		return -1;
	if (is(kind, "report") && !anonymous && !*told && *decided
	    && due_add(d, id, "intake_tell", decided, 5, e))
		return -1;
	if (is(channel, "hotline_12345") && !*fed
	    && due_add(d, id, "intake_feedback", received, feedback_days, e))
		return -1;
	return 0;
}

/* The limits of the intakes a filter picks: id, the case they are linked to, or a rowid
 * (each NULL or 0 when it does not filter). */
static int refresh_where(db *d, const char *id, const char *case_id, int64_t rowid, ipc_err *e)
{
	sqlite3_stmt *del = db_stmt(d, "DELETE FROM deadlines WHERE kind IN ('intake_accept',"
		" 'intake_tell', 'intake_feedback') AND owner IN (SELECT id FROM t_intake WHERE"
		" (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR case_id = ?2) AND (?3 = 0 OR rowid = ?3))", e);
	sqlite3_stmt *st;
	int rc = -1;

	if (!del)
		return -1;
	db_bind_text(del, 1, id);
	db_bind_text(del, 2, case_id);
	sqlite3_bind_int64(del, 3, rowid);
	rc = sqlite3_step(del);
	sqlite3_reset(del);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("saving deadlines"));
	/* prepared here: computing a due date runs cached statements of its own */
	if (sqlite3_prepare_v2(d->sql, "SELECT i.id, i.kind, i.channel, i.received_on,"
		" coalesce(i.anonymous, 0), i.outcome_on, i.told_on, i.feedback_on,"
		" CASE WHEN c.status = 'not_filed' THEN c.status_on ELSE c.filed_on END"
		" FROM t_intake i LEFT JOIN t_case c ON c.id = i.case_id"
		" WHERE (?1 IS NULL OR i.id = ?1) AND (?2 IS NULL OR i.case_id = ?2)"
		" AND (?3 = 0 OR i.rowid = ?3)", -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, _("reading complaints and reports"));
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, case_id);
	sqlite3_bind_int64(st, 3, rowid);
	rc = 0;
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		rc = intake_due(d, st, limits_get(d, "hotline_12345_workdays"), e);
	sqlite3_finalize(st);
	return rc;
}

/* Is a complaint or report linked to the case? Found by the index intake_open makes. -1 on
 * failure. */
static int case_has_intakes(db *d, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM t_intake WHERE case_id = ?)", e);
	int rc, any = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		any = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? any : db_sqlerr(d, e, _("reading complaints and reports"));
}

int intake_deadlines_refresh(db *d, const char *id, const char *case_id, ipc_err *e)
{
	int any = 1;

	/* every write of a case asks, and most cases have none */
	if (!id && case_id && (any = case_has_intakes(d, case_id, e)) <= 0)
		return any;
	return refresh_where(d, id, case_id, 0, e);
}

/* The intakes of a case are found by an index. */
static int intake_open(db *d, ipc_err *e)
{
	return db_exec(d, "CREATE INDEX IF NOT EXISTS t_intake_case ON t_intake(case_id)"
		       " WHERE case_id IS NOT NULL", e);
}

/* At commit: the intake's limits brought up to date. */
static int intake_refresh(db *d, int64_t rowid, ipc_err *e)
{
	return refresh_where(d, NULL, NULL, rowid, e);
}

int intake_link(db *d, const char *id, const char *case_id, ipc_err *e)
{
	json_t *set = json_pack("{s:s}", "case_id", case_id);
	int rc = set ? db_write(d, "intake", id, set, NULL, e) : err_nomem(e);

	json_decref(set);
	return rc;
}

/* The case's source: the channel says it when it is a hotline or a platform, else the kind. */
static const char *clue_source(const json_t *in)
{
	const char *channel = jstr(in, "channel");

	if (is(channel, "hotline_12345") || is(channel, "ecommerce"))
		return channel;
	return jstr(in, "kind");
}

/* Adds a party of `role` to the case from the intake's fields (name → name, …); none when
 * the intake has no name for it. */
static int party_from(db *d, const char *case_id, const char *role, const json_t *in,
		      const char *const map[][2], size_t n, ipc_err *e)
{
	json_t *set;
	int rc;

	if (!jstr(in, map[0][0]))
		return 0;
	if (!(set = json_pack("{s:s,s:s}", "case_id", case_id, "role", role)))
		return err_nomem(e);
	for (size_t i = 0; i < n; i++)
		if (jstr(in, map[i][0]))
			json_object_set(set, map[i][1], json_object_get(in, map[i][0]));
	rc = db_write(d, "party", NULL, set, NULL, e);
	json_decref(set);
	return rc;
}

static int clue_write(db *d, const json_t *in, const char *ip_type, char case_id[37], ipc_err *e)
{
	static const char *const respondent[][2] = {{"respondent", "name"},
						    {"respondent_uscc", "uscc"}};
	static const char *const person[][2] = {{"person_name", "name"},
		{"person_phone", "phone"}, {"person_id_number", "id_number"},
		{"person_address", "address"}};
	json_t *kase = json_pack("{s:s,s:s,s:s}", "title", jstr(in, "subject"), "source",
				 clue_source(in), "clue_on", jstr(in, "received_on"));
	const struct field *f = schema_field(schema_type("case"), "ip_type");
	json_t *v = NULL;
	int rc;

	if (!kase)
		return err_nomem(e);
	rc = schema_value_parse(f, ip_type, &v, e) || json_object_set_new(kase, "ip_type", v)
	     || (jstr(in, "place") && json_object_set(kase, "place", json_object_get(in, "place")))
	     || db_write(d, "case", NULL, kase, case_id, e)
	     || party_from(d, case_id, "respondent", in, respondent, 2, e)
	     || party_from(d, case_id, is(jstr(in, "kind"), "complaint") ? "complainant" : "reporter",
			   in, person, 4, e)
	     || intake_link(d, jstr(in, "id"), case_id, e) ? -1 : 0;
	json_decref(kase);
	return rc;
}

int intake_clue(db *d, const char *id, const char *ip_type, char case_id[37], ipc_err *e)
{
	json_t *in = db_get(d, id, e);
	int rc = -1;

	if (!in)
		return -1;
	if (!is(jstr(in, "type"), "intake"))
		err_kind(e, IPC_E_NOTFOUND, NULL, _("%s is not a complaint or report"), id);
	else if (jstr(in, "case_id"))
		err_kind(e, IPC_E_RULE, "case_id", _("this intake is already linked to case %s"),
			 jstr(in, "case_id"));
	else if (!db_begin(d, e)) {
		if (!(rc = clue_write(d, in, ip_type, case_id, e)))
			rc = db_commit(d, e);
		if (rc)
			db_rollback(d);
	}
	json_decref(in);
	return rc;
}

/* The columns of an inbox row, in the order of the SELECT below. */
static const char *const inbox_cols[] = {"id", "received_on", "channel", "kind", "anonymous",
	"subject", "respondent", "respondent_uscc", "outcome", "outcome_on", "told_on",
	"feedback_on", "case_id", "case_no", "case_title", "due_kind", "due"};

#define INBOX_SELECT "SELECT i.id, i.received_on, i.channel, i.kind," \
	" coalesce(i.anonymous, 0) AS anonymous," \
	" i.subject, i.respondent, i.respondent_uscc, i.outcome, i.outcome_on, i.told_on," \
	" i.feedback_on, i.case_id, c.case_no, c.title AS case_title, (SELECT kind FROM deadlines WHERE owner = i.id" \
	" ORDER BY due, kind LIMIT 1) AS due_kind, (SELECT min(due) FROM deadlines" \
	" WHERE owner = i.id) AS due" \
	" FROM t_intake i LEFT JOIN t_case c ON c.id = i.case_id"

/* A row of INBOX_SELECT (db_rows' shape: d unused). */
static json_t *inbox_row(db *d, sqlite3_stmt *st)
{
	json_t *row = json_object();

	(void)d;
	for (int i = 0; row && i < (int)(sizeof inbox_cols / sizeof inbox_cols[0]); i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);

		if (i == 4)
			json_object_set_new(row, inbox_cols[i], json_boolean(sqlite3_column_int(st, i)));
		else if (v)
			json_object_set_new(row, inbox_cols[i], json_string(v));
	}
	return row;
}

json_t *intake_inbox(db *d, bool all, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT * FROM (" INBOX_SELECT ") WHERE ?1 OR due IS NOT NULL"
				   " OR (case_id IS NULL AND outcome IS NULL)"
				   " ORDER BY due IS NULL, due, case_id IS NOT NULL OR outcome IS NOT NULL,"
				   " received_on DESC, id", e);

	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, all);
	return db_rows(d, st, inbox_row, e);
}

json_t *intake_of_case(db *d, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, INBOX_SELECT " WHERE i.case_id = ?"
				   " ORDER BY i.received_on, i.id", e);

	if (!st)
		return NULL;
	db_bind_text(st, 1, case_id);
	return db_rows(d, st, inbox_row, e);
}

/* Every open limit of intake `id`, soonest first. */
static json_t *intake_limits(db *d, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT kind, due FROM deadlines WHERE owner = ?"
				   " ORDER BY due, kind", e);
	json_t *list = json_array();

	if (!st || !list) {
		json_decref(list);
		return st ? (err_nomem(e), NULL) : NULL;
	}
	db_bind_text(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:s,s:s}", "kind", sqlite3_column_text(st, 0),
						      "due", sqlite3_column_text(st, 1)));
	sqlite3_reset(st);
	return list;
}

json_t *intake_show(db *d, const char *id, ipc_err *e)
{
	/* what an inbox row leaves out */
	static const char *const more[] = {"person_name", "person_phone", "person_id_number",
					     "person_address", "ticket", "goods", "place",
					     "outcome_reason", "feedback"};
	sqlite3_stmt *st = db_stmt(d, INBOX_SELECT " WHERE i.id = ?", e);
	json_t *row = NULL, *rec = NULL, *limits;

	if (!st)
		return NULL;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		row = inbox_row(d, st);
	sqlite3_reset(st);
	if (!row) {
		err_kind(e, IPC_E_NOTFOUND, NULL, _("no complaint or report with id %s"), id);
		return NULL;
	}
	if (!(rec = db_get(d, id, e)) || !(limits = intake_limits(d, id, e))) {
		json_decref(rec);
		json_decref(row);
		return NULL;
	}
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (jstr(rec, more[i]))
			json_object_set(row, more[i], json_object_get(rec, more[i]));
	json_object_set_new(row, "deadlines", limits);
	json_decref(rec);
	return row;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype intake_type = {
	.name = "intake", .zh = "投诉举报", .en = "complaint or report", .table = "t_intake",
	.fields = intake_fields, .nfields = NF(intake_fields), .channel = "office",
	.check_write = intake_check_write, .check_import = intake_check_import, .refresh = intake_refresh,
	.open = intake_open,
};
