/* case — the record types of a case file (FACTS.md §1): the case, its parties, evidence and
 * inspections; their fields (the enumerations are case_terms'); and the case's rules: a new
 * case starts as a clue (or is entered in a later status with what that status needs), a
 * status change follows the procedure (db/rules/workflow), filing allocates the case number
 * (db/rules/caseno), a number that arrives twice is flagged, and every commit that touches a
 * case brings its search text, deadlines and statistics up to date (an import's cases at its
 * end: case_defer). */
#include "db/rules/case.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/archive.h"
#include "db/rules/stats.h"
#include "db/store.h"
#include "db/rules/case_terms.h"
#include "db/rules/caseno.h"
#include "db/rules/deadline.h"
#include "db/rules/inspection.h"
#include "db/rules/procedure.h"
#include "db/rules/roster_rules.h"
#include "db/rules/techfield.h"
#include "db/rules/watch.h"
#include "db/rules/workflow.h"
#include "db/search.h"

static const struct field case_fields[] = {
	{"case_no", FK_TEXT, FF_SEARCH, NULL, NULL, "案号", "case no.", 80},
	{"title", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "案件名称", "title", SCHEMA_LINE_MAX},
	{"ip_type", FK_ENUM, FF_REQUIRED, case_ip_types, NULL, "知识产权类型", "IP type", 0},
	{"source", FK_ENUM, 0, case_sources, NULL, "案件来源", "source", 0},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"place_kind", FK_ENUM, 0, case_place_kinds, NULL, "场所类型", "place kind", 0},
	{"place", FK_TEXT, FF_SEARCH, NULL, NULL, "市场或场所", "market or place", SCHEMA_LINE_MAX},
	{"handlers", FK_HANDLERS, 0, NULL, NULL, "承办人", "handlers", 0},
	{"status", FK_ENUM, FF_SYSTEM, case_statuses, NULL, "状态", "status", 0},
	{"clue_on", FK_DATE, 0, NULL, NULL, "线索登记日期", "clue registered on", 0},
	{"filed_on", FK_DATE, 0, NULL, NULL, "立案日期", "filed on", 0},
	{"decided_on", FK_DATE, 0, NULL, NULL, "决定日期", "decided on", 0},
	{"served_on", FK_DATE, 0, NULL, NULL, "送达日期", "served on", 0},
	{"closed_on", FK_DATE, 0, NULL, NULL, "结案日期", "closed on", 0},
	{"decision_type", FK_ENUM, 0, case_decision_types, NULL, "决定类型", "decision", 0},
	{"penalty", FK_TEXT, 0, NULL, NULL, "处罚内容", "penalty", SCHEMA_LINE_MAX},
	{"fine", FK_MONEY, 0, NULL, NULL, "罚款(元)", "fine (yuan)", 0},
	{"confiscated", FK_MONEY, 0, NULL, NULL, "没收违法所得(元)", "confiscated (yuan)", 0},
	{"notes", FK_TEXT, FF_SEARCH, NULL, NULL, "备注", "notes", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
	/* deadlines (db/rules/deadline.c); new fields go last: an existing workspace adds their
	 * columns at the end of its table, and rows are read by column position */
	{"notified_on", FK_DATE, FF_LATER, NULL, NULL, "告知送达日期", "notice served on", 0},
	{"verify_extended", FK_BOOL, FF_LATER, NULL, NULL, "核查已延期", "verification extended", 0},
	{"decision_extended", FK_BOOL, FF_LATER, NULL, NULL, "办案期限已延长",
	 "decision limit extended", 0},
	{"disclosed_on", FK_DATE, FF_LATER, NULL, NULL, "公示日期", "published on", 0},
	{"fine_paid_on", FK_DATE, FF_LATER, NULL, NULL, "罚款缴纳日期", "fine paid on", 0},
	{"procedure", FK_ENUM, 0, case_procedures, NULL, "程序", "procedure", 0},
	{"respondent_sent_on", FK_DATE, FF_LATER, NULL, NULL, "请求书副本送达日期",
	 "request copy served on", 0},
	{"answered_on", FK_DATE, FF_LATER, NULL, NULL, "答辩日期", "answer received on", 0},
	/* handoff links (db/rules/handoff.c): the request that took it away, or brought it here */
	{"transfer_out", FK_REF, FF_SYSTEM, NULL, "collab_request", "移送请求", "handed off by", 0},
	{"transfer_in", FK_REF, FF_SYSTEM, NULL, "collab_request", "移送来源", "handed over by", 0},
	{"tech_field", FK_ENUM, FF_OPEN, techfield_builtin, NULL, "技术领域", "technical field", 0},
	/* the lawful procedure (FACTS.md §1, §9; issue 14) */
	{"status_on", FK_DATE, FF_LATER, NULL, NULL, "状态日期", "status since", 0},
	{"statement_on", FK_DATE, FF_LATER, NULL, NULL, "陈述申辩日期", "statement made on", 0},
	{"waived_on", FK_DATE, FF_LATER, NULL, NULL, "放弃陈述申辩日期", "statement waived on", 0},
	{"hearing_notice_on", FK_DATE, FF_LATER, NULL, NULL, "听证通知送达日期",
	 "hearing notice served on", 0},
	{"hearing_on", FK_DATE, FF_LATER, NULL, NULL, "听证日期", "hearing on", 0},
	{"review_started_on", FK_DATE, FF_LATER, NULL, NULL, "法制审核开始日期",
	 "legal review from", 0},
	{"major", FK_BOOL, FF_LATER, NULL, NULL, "重大案件", "major case", 0},
	{"executed_on", FK_DATE, FF_LATER, NULL, NULL, "执行完毕日期", "executed on", 0},
	{"appealed_on", FK_DATE, FF_LATER, NULL, NULL, "申请复议或起诉日期",
	 "review or suit sought on", 0},
	{"reminder_on", FK_DATE, FF_LATER, NULL, NULL, "催告书送达日期", "reminder served on", 0},
	{"enforcement_applied_on", FK_DATE, FF_LATER, NULL, NULL, "申请强制执行日期",
	 "court enforcement sought on", 0},
	{"revoked_on", FK_DATE, FF_LATER, NULL, NULL, "决定撤销日期", "decision revoked on", 0},
	{"disclosure_withdrawn_on", FK_DATE, FF_LATER, NULL, NULL, "公示撤下日期",
	 "publication withdrawn on", 0},
	{"archived_on", FK_DATE, FF_LATER, NULL, NULL, "归档日期", "archived on", 0},
	/* what the documents state (FACTS.md §14; issue 15) */
	{"cause", FK_TEXT, FF_LATER | FF_SEARCH, NULL, NULL, "案由", "cause", SCHEMA_LINE_MAX},
	{"facts", FK_TEXT, FF_LATER | FF_SEARCH, NULL, NULL, "违法事实", "facts found",
	 SCHEMA_TEXT_MAX},
	{"provisions_violated", FK_TEXT, FF_LATER, NULL, NULL, "违反的规定", "provisions violated",
	 SCHEMA_TEXT_MAX},
	{"provisions_applied", FK_TEXT, FF_LATER, NULL, NULL, "处罚依据", "provisions applied",
	 SCHEMA_TEXT_MAX},
	{"penalty_reasons", FK_TEXT, FF_LATER, NULL, NULL, "裁量理由", "reasons for the penalty",
	 SCHEMA_TEXT_MAX},
	{"illegal_turnover", FK_MONEY, FF_LATER, NULL, NULL, "违法经营额(元)", "illegal turnover", 0},
	{"illegal_gains", FK_MONEY, FF_LATER, NULL, NULL, "违法所得(元)", "illegal gains", 0},
	{"hearing_place", FK_TEXT, FF_LATER, NULL, NULL, "听证地点", "hearing place",
	 SCHEMA_LINE_MAX},
	{"service_method", FK_ENUM, FF_LATER, case_service_methods, NULL, "送达方式",
	 "served by", 0},
	{"transferred_to", FK_TEXT, FF_LATER, NULL, NULL, "移送机关", "transferred to",
	 SCHEMA_LINE_MAX},
	/* the campaign (专项行动) a case was found in: statistics group by it (issue 16) */
	{"campaign", FK_TEXT, FF_SEARCH, NULL, NULL, "专项行动", "campaign", SCHEMA_LINE_MAX},
	/* transfer of a suspected crime to the police (FACTS.md §11; issue 17) */
	{"offence", FK_ENUM, FF_LATER, case_offences, NULL, "涉嫌罪名", "suspected offence", 0},
	{"unsold_value", FK_MONEY, FF_LATER, NULL, NULL, "尚未销售货值(元)", "unsold goods' value",
	 0},
	/* the marks the goods carry: a key trademark among them is flagged (db/rules/watch) */
	{"marks", FK_TEXT, FF_SEARCH, NULL, NULL, "涉案商标", "marks", SCHEMA_LINE_MAX},
	/* a patent dispute (FACTS.md §2; db/rules/workflow.c) */
	{"ruling", FK_ENUM, FF_LATER, case_rulings, NULL, "处理决定", "ruling", 0},
	{"refusal_reason", FK_TEXT, FF_LATER, NULL, NULL, "不予受理理由", "refusal reason",
	 SCHEMA_TEXT_MAX},
};

static const struct field party_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"role", FK_ENUM, FF_REQUIRED, case_party_roles, NULL, "身份", "role", 0},
	{"name", FK_TEXT, FF_REQUIRED | FF_SEARCH | FF_REPORTER, NULL, NULL, "名称", "name", SCHEMA_LINE_MAX},
	{"uscc", FK_USCC, FF_SEARCH | FF_REPORTER, NULL, NULL, "统一社会信用代码", "USCC", 0},
	{"id_number", FK_IDNUM, FF_CONFIDENTIAL, NULL, NULL, "身份证号", "ID number", 0},
	{"phone", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "电话", "phone", 40},
	{"address", FK_TEXT, FF_REPORTER, NULL, NULL, "地址", "address", SCHEMA_LINE_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
	{"legal_rep", FK_TEXT, FF_REPORTER, NULL, NULL, "法定代表人", "legal rep", 64},
};

static const struct field evidence_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_ENUM, FF_REQUIRED, case_evidence_kinds, NULL, "证据种类", "kind", 0},
	{"description", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "说明", "description", SCHEMA_TEXT_MAX},
	{"collected_at", FK_DATETIME, 0, NULL, NULL, "取证时间", "collected at", 0},
	{"collected_place", FK_TEXT, FF_SEARCH, NULL, NULL, "取证地点", "collected where", SCHEMA_LINE_MAX},
	{"collected_by", FK_TEXT, 0, NULL, NULL, "取证人", "collected by", SCHEMA_LINE_MAX},
	{"file_name", FK_TEXT, FF_SYSTEM, NULL, NULL, "文件名", "file name", 255},
	{"file_sha256", FK_SHA256, FF_SYSTEM, NULL, NULL, "SHA-256", "SHA-256", 0},
	{"file_size", FK_INT, FF_SYSTEM, NULL, NULL, "大小", "size", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field inspection_fields[] = {
	{"case_id", FK_REF, 0, NULL, "case", "案件", "case", 0},
	{"place_kind", FK_ENUM, FF_REQUIRED, case_place_kinds, NULL, "场所类型", "place kind", 0},
	{"place_name", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "场所名称", "place", SCHEMA_LINE_MAX},
	{"address", FK_TEXT, FF_SEARCH, NULL, NULL, "地址", "address", SCHEMA_LINE_MAX},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"inspected_at", FK_DATETIME, FF_REQUIRED, NULL, NULL, "检查时间", "inspected at", 0},
	{"inspectors", FK_HANDLERS, 0, NULL, NULL, "检查人员", "inspectors", 0},
	{"findings", FK_TEXT, FF_SEARCH, NULL, NULL, "检查情况", "findings", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
	/* the GI checklist and the campaign (db/rules/inspection; issue 18) */
	{"gi_product", FK_TEXT, FF_SEARCH, NULL, NULL, "地理标志产品", "GI product", SCHEMA_LINE_MAX},
	{"gi_findings", FK_ENUMS, 0, gi_uses, NULL, "地理标志检查发现", "GI findings", 0},
	{"campaign", FK_TEXT, FF_SEARCH, NULL, NULL, "专项行动", "campaign", SCHEMA_LINE_MAX},
	/* the key market inspected (db/rules/watch): its next inspection moves */
	{"market_id", FK_REF, 0, NULL, "key_market", "重点市场", "key market", 0},
};

static const char *filed_before(const json_t *state, const char *today)
{
	const char *filed = jstr(state, "filed_on");
	return filed && strcmp(filed, today) < 0 ? filed : today;
}

/* A case entered in a later status carries approvals given on paper: the head vouches. */
static int entry_check(db *d, const json_t *old, const json_t *state, ipc_err *e)
{
	const char *to = jstr(state, "status");

	if (old || !to || !workflow_numbered(to) || jstr(state, "transfer_in"))
		return 0;
	return roster_need_role(d, ROLE_HEAD, _("entering a case in a later status (a paper case, "
				"its approvals on paper)"), e);
}

/* New cases start as clues (or are entered in a later status with what that status needs); a
 * status change follows the workflow; filing allocates the case number. */
static int case_procedure(db *d, const json_t *old, json_t *state, json_t *set, ipc_err *e)
{
	const char *from = old ? json_string_value(json_object_get(old, "status")) : NULL;
	const char *to = json_string_value(json_object_get(state, "status"));
	char today[11], no[160];
	const char *filed;

	db_today(today);
	if (!to) {
		if (json_object_set_new(set, "status", json_string(WORKFLOW_START))
		    || json_object_set_new(state, "status", json_string(WORKFLOW_START)))
			return err_nomem(e);
		to = WORKFLOW_START;
	}
	/* an entered paper case was received no later than it was filed */
	if (!json_object_get(state, "clue_on") && !old
	    && json_object_set_new(set, "clue_on", json_string(filed_before(state, today))))
		return err_nomem(e);
	if (from && strcmp(from, to) == 0)
		return 0;
	if (from ? workflow_check(from, to, state, set, today, e)
		 : workflow_check_entry(to, state, set, today, e))
		return -1;
	if (json_string_value(json_object_get(state, "case_no")) || !workflow_numbered(to))
		return 0;
	/* the number belongs to the year of filing, which an entered case may give */
	filed = json_string_value(json_object_get(state, "filed_on"));
	if (caseno_for_case(d, state, filed ? filed : today, no, sizeof no, e))
		return -1;
	return json_object_set_new(set, "case_no", json_string(no)) ? err_nomem(e) : 0;
}

/* The procedure, then a technical field that must be known (built in or added). */
static int case_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			    json_t *set, ipc_err *e)
{
	const char *tech;

	if (archive_check_write(d, t, old, state, set, e) || entry_check(d, old, state, e)
	    || case_procedure(d, old, state, set, e))
		return -1;
	/* the dates the step filled in are the state's too: a peer judges the op holding them */
	if (json_object_update(state, set))
		return err_nomem(e);
	if (procedure_check_case(d, jstr(old, "id"), old, state, set, e))
		return -1;
	tech = json_string_value(json_object_get(set, "tech_field"));
	if (tech && techfield_check(d, tech, e))
		return err_field(e, IPC_E_RULE, "tech_field");
	return 0;
}

/* A peer's op meets the rules of a local write, judged on the state it leads to here; one
 * that breaks them waits (procedure.h, invariant 1). An invalid status change is left to the
 * fold, which skips it on every replica (case_status_ok). */
static int case_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	json_t *old = db_get(d, o->record, NULL), *state = NULL, *scratch = json_object();
	const char *from, *to;
	struct authority a;
	char today[11];
	int rc = -1;

	if ((rc = archive_check_import(d, t, o, e)))
		goto out;
	rc = -1;
	if (!(state = old ? json_deep_copy(old) : json_object()) || !scratch
	    || json_object_update(state, o->set)) {
		err_nomem(e);
		goto out;
	}
	from = jstr(old, "status"), to = jstr(state, "status");
	db_today(today);
	if (!old && to && workflow_numbered(to) && !jstr(state, "transfer_in")) {
		roster_authority(d, o->actor, o->id, &a);
		if (!(a.roles & ROLE_HEAD)) {
			err_set(e, _("a case entered in status %s by a device without the role %s"),
				to, roster_role_label(ROLE_HEAD));
			rc = a.final ? -1 : DB_IMPORT_UNAUTHORISED;
			goto out;
		}
	}
	rc = 0;
	if ((to && !(from && strcmp(from, to) == 0) && (!from || workflow_allowed(from, to))
	     && (from ? workflow_check(from, to, state, scratch, today, e)
		      : workflow_check_entry(to, state, scratch, today, e)))
	    || procedure_check_case(d, o->record, old, state, o->set, e))
		rc = procedure_waits(e);
out:
	json_decref(scratch);
	json_decref(state);
	json_decref(old);
	return rc;
}

/* The fold follows the procedure's order of statuses; a new case may start in any. */
static bool case_status_ok(const char *from, const char *to)
{
	return !from || strcmp(from, to) == 0 || workflow_allowed(from, to);
}

/* A number typed by hand or imported may equal another case's: both are flagged. */
static int case_folded(db *d, const struct rtype *t, const char *record, const json_t *state,
		       bool is_new, ipc_err *e)
{
	const char *case_no = json_string_value(json_object_get(state, "case_no"));

	(void)t;
	if (!case_no && is_new)
		return 0;
	return caseno_check_duplicates(d, record, case_no, e);
}

/* Binds rowid as the parameter of sql and runs it. */
static int pending_run(db *d, const char *sql, int64_t rowid, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, sql, e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "queueing a case to refresh");
}

/* The search text, deadlines and statistics of the cases with these rowids. */
static int refresh_now(db *d, const int64_t *rowids, size_t n, ipc_err *e)
{
	for (size_t i = 0; i < n; i++)
		if (search_index_case(d, rowids[i], e))
			return -1;
	return deadline_refresh_cases(d, rowids, n, e);
}

static int case_refresh(db *d, const int64_t *rowids, size_t n, ipc_err *e)
{
	if (!d->cases_deferred)
		return refresh_now(d, rowids, n, e);
	for (size_t i = 0; i < n; i++)
		if (pending_run(d, "INSERT OR IGNORE INTO case_pending(rowid) VALUES(?)", rowids[i], e))
			return -1;
	return 0;
}

void case_defer(db *d, bool on)
{
	d->cases_deferred = on;
}

size_t case_pending_count(db *d)
{
	int64_t n = db_count(d, "SELECT count(*) FROM case_pending", NULL);

	return n > 0 ? (size_t)n : 0;
}

int case_flush_pending(db *d, size_t n, bool *more, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT rowid FROM case_pending ORDER BY rowid LIMIT ?", e);
	int64_t *rowids = st ? malloc(n * sizeof *rowids) : NULL;
	size_t got = 0;
	int rc = -1;

	if (!st)
		return -1;
	if (!rowids)
		return err_nomem(e);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	while (got < n && sqlite3_step(st) == SQLITE_ROW)
		rowids[got++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (refresh_now(d, rowids, got, e))
		goto out;
	for (size_t i = 0; i < got; i++)
		if (pending_run(d, "DELETE FROM case_pending WHERE rowid = ?", rowids[i], e))
			goto out;
	/* the queue emptied: the figures of the cases refreshed are added together */
	if (!(*more = got == n) && stats_settle(d, e))
		goto out;
	rc = 0;
out:
	free(rowids);
	return rc;
}

/* The search's merging as it should be, the queue's table (search_pending before it held the
 * whole refresh: what a crash left there is refreshed too), and the cases a crash left in it
 * refreshed. */
static int pending_open(db *d, ipc_err *e)
{
	bool more = true;

	if (d->readonly)
		return 0;
	if (search_open(d, e)
	    || db_exec(d, "CREATE TABLE IF NOT EXISTS case_pending(rowid INTEGER PRIMARY KEY)", e)
	    || (db_count(d, "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = 'search_pending')",
			 NULL)
		&& db_exec(d, "INSERT OR IGNORE INTO case_pending SELECT rowid FROM search_pending;"
			   " DROP TABLE search_pending", e)))
		return -1;
	if (!db_count(d, "SELECT EXISTS(SELECT 1 FROM case_pending)"
		      " OR EXISTS(SELECT 1 FROM stats_owed)", NULL))
		return 0;
	if (db_begin(d, e))
		return -1;
	while (more)
		if (case_flush_pending(d, 1000, &more, e)) {
			db_rollback(d);
			return -1;
		}
	return db_commit(d, e);
}

static int case_open(db *d, ipc_err *e)
{
	return deadline_ensure(d, e) || pending_open(d, e) ? -1 : 0;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype case_type = {
	.name = "case", .zh = "案件", .en = "case", .table = "t_case",
	.fields = case_fields, .nfields = NF(case_fields), .channel = "office",
	.status_ok = case_status_ok, .check_write = case_check_write,
	.check_import = case_check_import, .folded = case_folded, .refresh_rows = case_refresh,
	.open = case_open,
};
const struct rtype case_party_type = {
	.name = "party", .zh = "当事人", .en = "party", .table = "t_party",
	.fields = party_fields, .nfields = NF(party_fields), .parent = "case_id",
	.channel = "office", .check_write = archive_check_write, .check_import = archive_check_import,
};
const struct rtype case_evidence_type = {
	.name = "evidence", .zh = "证据", .en = "evidence", .table = "t_evidence",
	.fields = evidence_fields, .nfields = NF(evidence_fields), .parent = "case_id",
	.channel = "office", .check_write = archive_check_write, .check_import = archive_check_import,
};
const struct rtype case_inspection_type = {
	.name = "inspection", .zh = "现场检查", .en = "inspection", .table = "t_inspection",
	.fields = inspection_fields, .nfields = NF(inspection_fields), .parent = "case_id",
	.channel = "office", .check_write = inspection_check_write,
	.check_import = inspection_check_import, .folded = watch_inspection_folded,
};
