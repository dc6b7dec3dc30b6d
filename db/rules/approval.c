/* approval — the approval and discussion record types, their rules on write and on import,
 * and the questions the procedure asks of them (is this step approved? discussed?). */
#include "db/rules/approval.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/archive.h"
#include "db/rules/roster_rules.h"
#include "db/store.h"

/* The steps of Order No. 2 art. 18–19 and the approval forms of the 文书格式范本 that the
 * office's head approves; legal_review is the legal reviewer's opinion (行政处罚法 art. 58). */
const struct enum_value approval_steps[] = {
	{"file", "立案", "filing"},
	{"not_file", "不予立案", "not filing"},
	{"extend_verify", "延长核查期限", "extending the verification"},
	{"extend_decision", "延长办案期限", "extending the decision limit"},
	{"seizure", "查封扣押", "seizure"},
	{"police_transfer", "移送公安机关", "transfer to the police"},
	{"decision", "处罚决定", "the decision"},
	{"close", "结案", "closing"},
	{"reopen", "撤销归档", "reopening an archived case"},
	{"legal_review", "法制审核", "legal review"},
	{NULL, NULL, NULL},
};

static const struct enum_value approval_states[] = {
	{"asked", "待审批", "waiting"},
	{"approved", "同意", "approved"},
	{"refused", "不同意", "refused"},
	{NULL, NULL, NULL},
};

static const struct enum_value discussion_purposes[] = {
	{"major_case", "重大案件", "major case"},
	{"complex_case", "复杂案件", "complex case"},
	{"extension", "延长办案期限", "extending the decision limit beyond 90+30 days"},
	{NULL, NULL, NULL},
};

static const struct field approval_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"step", FK_ENUM, FF_REQUIRED, approval_steps, NULL, "审批事项", "step", 0},
	{"status", FK_ENUM, FF_SYSTEM, approval_states, NULL, "状态", "status", 0},
	{"reason", FK_TEXT, 0, NULL, NULL, "申请理由", "reason", SCHEMA_TEXT_MAX},
	{"asked_by", FK_TEXT, FF_SYSTEM, NULL, NULL, "申请人", "asked by", SCHEMA_LINE_MAX},
	{"asked_on", FK_DATE, FF_SYSTEM, NULL, NULL, "申请日期", "asked on", 0},
	{"opinion", FK_TEXT, FF_LATER, NULL, NULL, "审批意见", "opinion", SCHEMA_TEXT_MAX},
	{"approver", FK_TEXT, FF_SYSTEM, NULL, NULL, "审批人", "approver", SCHEMA_LINE_MAX},
	{"decided_on", FK_DATE, FF_SYSTEM, NULL, NULL, "审批日期", "answered on", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field discussion_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"purpose", FK_ENUM, FF_REQUIRED, discussion_purposes, NULL, "讨论事由", "purpose", 0},
	{"held_on", FK_DATE, FF_REQUIRED, NULL, NULL, "讨论日期", "held on", 0},
	{"participants", FK_HANDLERS, FF_REQUIRED, NULL, NULL, "参加人员", "participants", 0},
	{"conclusion", FK_TEXT, FF_REQUIRED, NULL, NULL, "讨论结论", "conclusion", SCHEMA_TEXT_MAX},
	{"extended_to", FK_DATE, 0, NULL, NULL, "办案期限延至", "decision limit extended to", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static bool is(const char *s, const char *than)
{
	return s && than && strcmp(s, than) == 0;
}

unsigned approval_role(const char *step)
{
	return is(step, "legal_review") ? ROLE_REVIEWER : ROLE_HEAD;
}

static const char *step_label(const char *step)
{
	const struct enum_value *v = schema_enum_find(approval_steps, step);
	return !v ? step : i18n_zh() ? v->zh : _(v->en);
}

static bool approval_status_ok(const char *from, const char *to)
{
	if (!from)
		return is(to, "asked");
	return is(from, to) || (is(from, "asked") && (is(to, "approved") || is(to, "refused")));
}

/* ---- the rules ---- */

static bool answers(const json_t *set)
{
	const char *to = jstr(set, "status");
	return is(to, "approved") || is(to, "refused");
}

/* Only `deleted` may change once an approval is answered: the answer is the record. */
static int answered_frozen(const json_t *old, const json_t *set, ipc_err *e)
{
	const char *k;
	json_t *v;

	if (!old || is(jstr(old, "status"), "asked"))
		return 0;
	json_object_foreach((json_t *)set, k, v)
		if (strcmp(k, "deleted") != 0 && !json_equal(v, json_object_get(old, k)))
			return err_kind(e, IPC_E_RULE, k, _("this approval has been answered and is "
					"not changed: ask again (ipcase approval ask)"));
	return 0;
}

static int set_str(json_t *set, json_t *state, const char *k, const char *v, ipc_err *e)
{
	return json_object_set_new(set, k, json_string(v))
	       || json_object_set_new(state, k, json_string(v)) ? err_nomem(e) : 0;
}

static int approval_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
				json_t *set, ipc_err *e)
{
	const char *step = jstr(state, "step");
	char today[11];

	(void)t;
	db_today(today);
	if (answered_frozen(old, set, e))
		return -1;
	if (!old) {
		if (roster_need_role(d, ROLE_HANDLER, _("asking for an approval"), e))
			return -1;
		return set_str(set, state, "status", "asked", e)
		       || set_str(set, state, "asked_by", db_self(d)->officer, e)
		       || set_str(set, state, "asked_on", today, e) ? -1 : 0;
	}
	if (!answers(set))
		return 0;
	if (roster_need_role(d, approval_role(step), step_label(step), e))
		return -1;
	if ((is(jstr(state, "status"), "refused") || is(step, "legal_review"))
	    && !(jstr(state, "opinion") && *jstr(state, "opinion")))
		return err_kind(e, IPC_E_RULE, "opinion", is(step, "legal_review")
				? _("a legal review is answered with the reviewer's opinion: give it")
				: _("a refusal gives its reason: write the opinion"));
	return set_str(set, state, "approver", db_self(d)->officer, e)
	       || set_str(set, state, "decided_on", today, e) ? -1 : 0;
}

/* A peer's answer counts only from a writer with the step's role (invariant 2). */
static int approval_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	json_t *old = NULL;
	struct authority a;
	int rc = 0;

	(void)t;
	/* The ask creates the record: its writer speaks for the office (the gate). Whether an
	 * op asks is read from the record, not from its deps: a signed op may name none and
	 * still change an asked approval. */
	if (!(old = db_get(d, o->record, e)))
		return json_array_size(o->deps) || answers(o->set)
		       ? DB_IMPORT_PENDING /* the answer came before the ask: it waits for it */
		       : 0;
	if (answered_frozen(old, o->set, e)) {
		rc = -1;
		goto out;
	}
	if (!answers(o->set))
		goto out;
	roster_authority(d, o->actor, o->id, &a);
	if (!a.office[0] || !(a.roles & approval_role(jstr(old, "step")))) {
		err_set(e, _("an answer to \"%s\" signed by a device without the role %s"),
			step_label(jstr(old, "step")), roster_role_label(approval_role(jstr(old, "step"))));
		rc = a.final ? -1 : DB_IMPORT_UNAUTHORISED;
	}
out:
	json_decref(old);
	return rc;
}

/* The heads decide collectively: a head records the discussion (行政处罚法 art. 57, 60). */
static int discussion_check_write(db *d, const struct rtype *t, const json_t *old,
				  json_t *state, json_t *set, ipc_err *e)
{
	if (archive_check_write(d, t, old, state, set, e)
	    || roster_need_role(d, ROLE_HEAD, _("recording a collective discussion"), e))
		return -1;
	if (json_array_size(json_object_get(state, "participants")) < 2)
		return err_kind(e, IPC_E_RULE, "participants", _("a collective discussion has two or "
				"more participants: name them all"));
	if (is(jstr(state, "purpose"), "extension") && !jstr(state, "extended_to"))
		return err_kind(e, IPC_E_RULE, "extended_to", _("an extension beyond 90+30 days "
				"says to which date: set extended_to"));
	return 0;
}

static int discussion_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	struct authority a;

	if (archive_check_import(d, t, o, e))
		return -1;
	roster_authority(d, o->actor, o->id, &a);
	if (a.office[0] && (a.roles & ROLE_HEAD))
		return 0;
	err_set(e, _("a collective discussion recorded by a device without the role %s"),
		roster_role_label(ROLE_HEAD));
	return a.final ? -1 : DB_IMPORT_UNAUTHORISED;
}

/* ---- the questions ---- */

/* Is there an answer to `step` for the case: approved (or refused too, when `refused`),
 * answered on or after `since` when not NULL? 1, 0, -1. */
static int answer_exists(db *d, const char *case_id, const char *step, const char *since,
			 bool refused, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM t_approval WHERE case_id = ?"
				   " AND step = ? AND (status = 'approved' OR (?4 AND status = 'refused'))"
				   " AND coalesce(deleted, 0) = 0 AND (?3 IS NULL OR decided_on >= ?3))", e);
	int yes;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, step);
	db_bind_text(st, 3, since);
	sqlite3_bind_int(st, 4, refused);
	yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

int approval_granted(db *d, const char *case_id, const char *step, const char *since,
		     ipc_err *e)
{
	return answer_exists(d, case_id, step, since, false, e);
}

int approval_answered(db *d, const char *case_id, const char *step, ipc_err *e)
{
	return answer_exists(d, case_id, step, NULL, true, e);
}

int approval_need(db *d, const char *case_id, const char *step, const char *since, ipc_err *e)
{
	int rc = approval_granted(d, case_id, step, since, e);

	if (rc)
		return rc < 0 ? -1 : 0;
	return err_kind(e, IPC_E_RULE, "status", _("%s needs the approval of the office's %s "
			"(Order No. 2 art. 18–19): ask for it with ipcase approval ask %.8s %s, "
			"then wait for the answer"), step_label(step),
			roster_role_label(approval_role(step)), case_id, step);
}

int approval_discussed(db *d, const char *case_id, const char *purpose, char until[11],
		       ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT count(*), max(extended_to) FROM t_discussion"
				   " WHERE case_id = ? AND purpose = ? AND coalesce(deleted, 0) = 0", e);
	int n;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, purpose);
	n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (until)
		snprintf(until, 11, "%s", n && sqlite3_column_text(st, 1)
			 ? (const char *)sqlite3_column_text(st, 1) : "");
	sqlite3_reset(st);
	return n > 0;
}

/* Writes `set` (consumed) with `key` = text when text is given. */
static int write_with(db *d, const char *id, json_t *set, const char *key, const char *text,
		      char new_id[37], ipc_err *e)
{
	int rc;

	if (!set)
		return err_nomem(e);
	if (text && *text && json_object_set_new(set, key, json_string(text)))
		rc = err_nomem(e);
	else
		rc = db_write(d, "approval", id, set, new_id, e);
	json_decref(set);
	return rc;
}

int approval_ask(db *d, const char *case_id, const char *step, const char *reason,
		 char new_id[37], ipc_err *e)
{
	return write_with(d, NULL, json_pack("{s:s,s:s}", "case_id", case_id, "step", step),
			  "reason", reason, new_id, e);
}

int approval_answer(db *d, const char *approval_id, bool approve, const char *opinion,
		    ipc_err *e)
{
	return write_with(d, approval_id, json_pack("{s:s}", "status",
			  approve ? "approved" : "refused"), "opinion", opinion, NULL, e);
}

json_t *approval_waiting(db *d, bool mine, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT a.id, a.step, a.reason, a.asked_by, a.asked_on,"
				   " c.id, c.case_no, c.title FROM t_approval a JOIN t_case c"
				   " ON c.id = a.case_id WHERE a.status = 'asked'"
				   " AND coalesce(a.deleted, 0) = 0 AND coalesce(c.deleted, 0) = 0"
				   " ORDER BY a.asked_on, a.id", e);
	json_t *list = json_array();
	struct authority a;

	if (!st || !list) {
		json_decref(list);
		return st ? (err_nomem(e), NULL) : NULL;
	}
	roster_authority(d, db_self(d)->actor, NULL, &a);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *step = (const char *)sqlite3_column_text(st, 1);
		json_t *row;
		if (mine && !(a.office[0] && (a.roles & approval_role(step))))
			continue;
		row = json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s,s:s?,s:s?}",
				"id", sqlite3_column_text(st, 0), "step", step,
				"reason", sqlite3_column_text(st, 2), "asked_by", sqlite3_column_text(st, 3),
				"asked_on", sqlite3_column_text(st, 4), "case_id", sqlite3_column_text(st, 5),
				"case_no", sqlite3_column_text(st, 6), "title", sqlite3_column_text(st, 7));
		if (!row || json_array_append_new(list, row)) {
			sqlite3_reset(st);
			json_decref(list);
			err_nomem(e);
			return NULL;
		}
	}
	sqlite3_reset(st);
	return list;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype approval_type = {
	.name = "approval", .zh = "审批", .en = "approval", .table = "t_approval",
	.fields = approval_fields, .nfields = NF(approval_fields), .parent = "case_id",
	.channel = "office", .status_ok = approval_status_ok,
	.check_write = approval_check_write, .check_import = approval_check_import,
};
const struct rtype discussion_type = {
	.name = "discussion", .zh = "集体讨论", .en = "collective discussion",
	.table = "t_discussion", .fields = discussion_fields, .nfields = NF(discussion_fields),
	.parent = "case_id", .channel = "office",
	.check_write = discussion_check_write, .check_import = discussion_check_import,
};
