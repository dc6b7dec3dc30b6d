/* ledger — the case ledger's rows, streamed case by case. */
#include "db/rules/ledger.h"

#include <stdio.h>
#include <string.h>

#include "base/validate.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/schema.h"
#include "db/rules/case_terms.h"
#include "db/rules/collab_rules.h"
#include "db/rules/intake.h"
#include "db/rules/investigator_terms.h"

/* A column: a case field (its Chinese label is the header) or a value of its own. */
struct col {
	const char *field; /* of the case, or NULL */
	const char *zh;    /* the header when not a case field */
	enum sheet_kind kind;
};

static const struct col case_cols[] = {
	{"case_no", NULL, SHEET_TEXT}, {"title", NULL, SHEET_TEXT}, {"cause", NULL, SHEET_TEXT},
	{"ip_type", NULL, SHEET_TEXT}, {"source", NULL, SHEET_TEXT}, {"region", NULL, SHEET_TEXT},
	{"clue_on", NULL, SHEET_DATE}, {"filed_on", NULL, SHEET_DATE},
	{"decided_on", NULL, SHEET_DATE}, {"closed_on", NULL, SHEET_DATE},
	{"handlers", NULL, SHEET_TEXT}, {NULL, "当事人", SHEET_TEXT},
	{NULL, "统一社会信用代码", SHEET_TEXT}, {"status", NULL, SHEET_TEXT},
	{"decision_type", NULL, SHEET_TEXT}, {"fine", NULL, SHEET_MONEY},
	{"confiscated", NULL, SHEET_MONEY}, {"illegal_turnover", NULL, SHEET_MONEY},
	{"illegal_gains", NULL, SHEET_MONEY}, {NULL, "移送公安机关", SHEET_TEXT},
	{NULL, "跨区域协作", SHEET_TEXT}, {NULL, "技术调查官参与", SHEET_TEXT},
	{NULL, "逾期", SHEET_TEXT}, {"campaign", NULL, SHEET_TEXT},
};
enum { C_REGION = 5, C_HANDLERS = 10, C_PARTY = 11, C_USCC, C_POLICE = 19, C_CROSS, C_TECH, C_OVERDUE,
       C_CAMPAIGN, C_N };
_Static_assert(C_N == sizeof case_cols / sizeof case_cols[0], "a column without its place");

static const char *const collab_headers[] = {"案号", "协作类型", "发起单位", "接收单位", "事由",
					     "状态", "答复期限"};
static const char *const assignment_headers[] = {"案号", "技术调查官", "协助事项", "状态",
						 "指派日期", "完成期限", "结束日期"};
static const char *const intake_headers[] = {"收到日期", "来源渠道", "工单号", "类别", "实名",
					     "事由", "被投诉举报人", "统一社会信用代码", "受理结果",
					     "受理决定日期", "告知日期", "办结反馈日期", "关联案号",
					     "逾期"};
enum { R_N = sizeof collab_headers / sizeof collab_headers[0],
       A_N = sizeof assignment_headers / sizeof assignment_headers[0],
       I_N = sizeof intake_headers / sizeof intake_headers[0] };

const char *ledger_headers(enum ledger_table t, const char *headers[LEDGER_COLS], size_t *n)
{
	static const char *const names[] = {"案件台账", "协作请求", "技术调查官指派", "投诉举报"};
	static const char *const *const fixed[] = {NULL, collab_headers, assignment_headers,
						    intake_headers};
	static const size_t counts[] = {C_N, R_N, A_N, I_N};

	if (t == LEDGER_CASES) {
		for (size_t i = 0; i < C_N; i++)
			headers[i] = case_cols[i].field
				? schema_field(schema_type("case"), case_cols[i].field)->zh : case_cols[i].zh;
		*n = C_N;
	} else {
		*n = counts[t];
		memcpy(headers, fixed[t], *n * sizeof *headers);
	}
	return names[t];
}

struct walk {
	db *d;
	ledger_row_fn fn;
	void *ctx;
	json_t *requests; /* {case id: [request id…]}: the requests table has no index by case */
	char today[11];
};

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* An enum value's Chinese label; NULL (an empty cell) when there is none. */
static const char *zh(const struct enum_value *values, const char *id)
{
	return id ? schema_enum_label(values, id, true) : NULL;
}

/* A division code by its name (an office by its region), the code itself when unknown. */
static const char *region(const char *code)
{
	const char *name = code ? validate_region_name(code) : NULL;

	return name ? name : code;
}

/* The ids of a JSON list as their Chinese labels, joined by 、 (handlers: their names). */
static void list_join(const json_t *v, const struct enum_value *values, char *out, size_t n)
{
	size_t i, len = 0;
	json_t *x;

	out[0] = '\0';
	json_array_foreach(v, i, x) {
		const char *s = values ? zh(values, json_string_value(x))
				       : json_string_value(json_object_get(x, "name"));
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", i ? "、" : "",
					s ? s : "");
	}
}

/* The case's first respondent: name and USCC. */
static void respondent(struct walk *w, const char *id, char name[320], char uscc[20])
{
	sqlite3_stmt *st = db_stmt(w->d, "SELECT name, coalesce(uscc, '') FROM t_party WHERE case_id = ?"
				   " AND role = 'respondent' AND coalesce(deleted, 0) = 0"
				   " ORDER BY created_hlc LIMIT 1", NULL);

	name[0] = uscc[0] = '\0';
	if (!st)
		return;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(name, 320, "%s", sqlite3_column_text(st, 0));
		snprintf(uscc, 20, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
}

/* Does the statement, with the case id bound first, find a row? */
static bool exists(struct walk *w, const char *sql, const char *id, const char *second)
{
	sqlite3_stmt *st = db_stmt(w->d, sql, NULL);
	bool found;

	if (!st)
		return false;
	db_bind_text(st, 1, id);
	if (second)
		db_bind_text(st, 2, second);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static bool police_transfer(struct walk *w, const json_t *k)
{
	const char *dt = jstr(k, "decision_type");

	return (dt && !strcmp(dt, "transfer_judicial"))
		|| exists(w, "SELECT 1 FROM t_police_transfer WHERE case_id = ? AND sent_at IS NOT NULL"
			  " AND coalesce(deleted, 0) = 0", jstr(k, "id"), NULL);
}

/* "协作请求2件、移出" (requests, handed over, handed off), "否" when none. */
static void cross_region(struct walk *w, const json_t *k, char *out, size_t n)
{
	size_t reqs = json_array_size(json_object_get(w->requests, jstr(k, "id"))), len = 0;

	out[0] = '\0';
	if (reqs)
		len += (size_t)snprintf(out, n, "协作请求%zu件", reqs);
	if (jstr(k, "transfer_in"))
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s移入", len ? "、" : "");
	if (jstr(k, "transfer_out"))
		snprintf(out + len, len < n ? n - len : 0, "%s移出", len ? "、" : "");
	if (!out[0])
		snprintf(out, n, "否");
}

static int case_row(struct walk *w, const json_t *k, ipc_err *e)
{
	const char *id = jstr(k, "id");
	struct sheet_cell cells[C_N];
	char handlers[600], party[320], uscc[20], cross[64];

	for (size_t i = 0; i < C_N; i++) {
		const struct col *c = &case_cols[i];
		const struct field *f = c->field ? schema_field(schema_type("case"), c->field) : NULL;
		cells[i] = (struct sheet_cell){c->kind, f ? jstr(k, c->field) : NULL};
		if (f && f->kind == FK_ENUM)
			cells[i].s = zh(f->values, cells[i].s);
	}
	list_join(json_object_get(k, "handlers"), NULL, handlers, sizeof handlers);
	cells[C_HANDLERS].s = handlers;
	cells[C_REGION].s = region(cells[C_REGION].s);
	respondent(w, id, party, uscc);
	cells[C_PARTY].s = party;
	cells[C_USCC].s = uscc;
	cells[C_POLICE].s = police_transfer(w, k) ? "是" : "否";
	cross_region(w, k, cross, sizeof cross);
	cells[C_CROSS].s = cross;
	cells[C_TECH].s = exists(w, "SELECT 1 FROM t_assignment WHERE case_id = ?", id, NULL)
		? "是" : "否";
	cells[C_OVERDUE].s = exists(w, "SELECT 1 FROM deadlines WHERE owner = ? AND due < ?", id,
				    w->today) ? "是" : "否";
	return w->fn(w->ctx, LEDGER_CASES, cells, C_N, e);
}

static int request_rows(struct walk *w, const json_t *k, ipc_err *e)
{
	const json_t *ids = json_object_get(w->requests, jstr(k, "id"));
	sqlite3_stmt *st;
	size_t i;
	json_t *id;

	json_array_foreach(ids, i, id) {
		struct sheet_cell cells[R_N];
		int rc = 0;
		if (!(st = db_stmt(w->d, "SELECT r.kind, r.from_office, r.to_office, r.subject, s.status,"
				   " s.due FROM t_collab_request r LEFT JOIN collab_status s"
				   " ON s.request = r.id WHERE r.id = ?", e)))
			return -1;
		db_bind_text(st, 1, json_string_value(id));
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *kind = (const char *)sqlite3_column_text(st, 0);
			cells[0] = (struct sheet_cell){SHEET_TEXT, jstr(k, "case_no")};
			cells[1] = (struct sheet_cell){SHEET_TEXT, zh(collab_kinds, kind)};
			for (int c = 1; c <= 2; c++)
				cells[c + 1] = (struct sheet_cell){SHEET_TEXT,
					region((const char *)sqlite3_column_text(st, c))};
			cells[4] = (struct sheet_cell){SHEET_TEXT, (const char *)sqlite3_column_text(st, 3)};
			cells[5] = (struct sheet_cell){SHEET_TEXT, zh(collab_statuses, (const char *)sqlite3_column_text(st, 4))};
			cells[6] = (struct sheet_cell){SHEET_DATE, (const char *)sqlite3_column_text(st, 5)};
			rc = w->fn(w->ctx, LEDGER_COLLAB, cells, R_N, e);
		}
		sqlite3_reset(st);
		if (rc)
			return rc;
	}
	return 0;
}

static int assignment_rows(struct walk *w, const json_t *k, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(w->d, "SELECT i.name, a.tasks, a.status, a.assigned_on, a.due,"
				   " a.closed_on FROM t_assignment a LEFT JOIN t_investigator i"
				   " ON i.id = a.investigator_id WHERE a.case_id = ?"
				   " ORDER BY a.assigned_on, a.rowid", e);
	int rc = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, jstr(k, "id"));
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 1);
		json_t *tasks = text ? json_loads(text, 0, NULL) : NULL;
		struct sheet_cell cells[A_N];
		char joined[400];
		list_join(tasks, assignment_tasks, joined, sizeof joined);
		json_decref(tasks);
		cells[0] = (struct sheet_cell){SHEET_TEXT, jstr(k, "case_no")};
		cells[1] = (struct sheet_cell){SHEET_TEXT, (const char *)sqlite3_column_text(st, 0)};
		cells[2] = (struct sheet_cell){SHEET_TEXT, joined};
		cells[3] = (struct sheet_cell){SHEET_TEXT, zh(assignment_statuses,
			(const char *)sqlite3_column_text(st, 2))};
		for (int c = 3; c <= 5; c++)
			cells[c + 1] = (struct sheet_cell){SHEET_DATE, (const char *)sqlite3_column_text(st, c)};
		rc = w->fn(w->ctx, LEDGER_ASSIGNMENTS, cells, A_N, e);
	}
	sqlite3_reset(st);
	return rc;
}

static int case_rows(void *ctx, const json_t *k, ipc_err *e)
{
	struct walk *w = ctx;

	if (case_row(w, k, e) || request_rows(w, k, e) || assignment_rows(w, k, e))
		return -1;
	return 0;
}

/* {case id: [request id…]} of every request about a case, oldest first. */
static json_t *requests_load(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT case_id, id FROM t_collab_request"
				   " WHERE case_id IS NOT NULL ORDER BY created_hlc", e);
	json_t *all = st ? json_object() : NULL;

	while (all && sqlite3_step(st) == SQLITE_ROW) {
		const char *kase = (const char *)sqlite3_column_text(st, 0);
		json_t *ids = json_object_get(all, kase);
		if (!ids && json_object_set_new(all, kase, ids = json_array()))
			ids = NULL;
		if (!ids || json_array_append_new(ids, json_string((const char *)sqlite3_column_text(st, 1)))) {
			json_decref(all);
			all = NULL;
			err_nomem(e);
		}
	}
	if (st)
		sqlite3_reset(st);
	return all;
}

/* The intakes received from..to (each NULL: open), oldest first; overdue when a limit of
 * theirs is past. */
static int intake_rows(struct walk *w, const char *from, const char *to, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(w->d, "SELECT i.received_on, i.channel, i.ticket, i.kind,"
				   " coalesce(i.anonymous, 0), i.subject, i.respondent,"
				   " i.respondent_uscc, i.outcome, i.outcome_on, i.told_on,"
				   " i.feedback_on, c.case_no, EXISTS(SELECT 1 FROM deadlines"
				   " WHERE owner = i.id AND due < ?3) FROM t_intake i"
				   " LEFT JOIN t_case c ON c.id = i.case_id"
				   " WHERE (?1 IS NULL OR i.received_on >= ?1)"
				   " AND (?2 IS NULL OR i.received_on <= ?2)"
				   " ORDER BY i.received_on, i.rowid", e);
	int rc = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, w->today);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct sheet_cell cells[I_N];
#define TEXT(i) ((const char *)sqlite3_column_text(st, i))
		cells[0] = (struct sheet_cell){SHEET_DATE, TEXT(0)};
		cells[1] = (struct sheet_cell){SHEET_TEXT, zh(intake_channels, TEXT(1))};
		cells[2] = (struct sheet_cell){SHEET_TEXT, TEXT(2)};
		cells[3] = (struct sheet_cell){SHEET_TEXT, zh(intake_kinds, TEXT(3))};
		cells[4] = (struct sheet_cell){SHEET_TEXT, sqlite3_column_int(st, 4) ? "否" : "是"};
		for (int c = 5; c <= 7; c++)
			cells[c] = (struct sheet_cell){SHEET_TEXT, TEXT(c)};
		cells[8] = (struct sheet_cell){SHEET_TEXT, zh(intake_outcomes, TEXT(8))};
		for (int c = 9; c <= 11; c++)
			cells[c] = (struct sheet_cell){SHEET_DATE, TEXT(c)};
		cells[12] = (struct sheet_cell){SHEET_TEXT, TEXT(12)};
		cells[13] = (struct sheet_cell){SHEET_TEXT, sqlite3_column_int(st, 13) ? "是" : "否"};
#undef TEXT
		rc = w->fn(w->ctx, LEDGER_INTAKES, cells, I_N, e);
	}
	sqlite3_reset(st);
	return rc;
}

int ledger_each(db *d, const struct case_query *q, ledger_row_fn fn, void *ctx, ipc_err *e)
{
	struct walk w = {.d = d, .fn = fn, .ctx = ctx};
	struct case_query by_no = *q;
	int rc;

	if (!(w.requests = requests_load(d, e)))
		return -1;
	cal_today(w.today);
	by_no.order = ORDER_CASE_NO;
	by_no.ascending = true;
	rc = db_case_each(d, &by_no, case_rows, &w, e) || intake_rows(&w, q->from, q->to, e) ? -1 : 0;
	json_decref(w.requests);
	return rc;
}
