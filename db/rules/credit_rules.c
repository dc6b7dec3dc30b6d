/* credit_rules — the disclosure and credit repair record types (db/rules/credit_rules.h). */
#include "db/rules/credit_rules.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/rules/archive.h"
#include "db/rules/credit.h"
#include "db/rules/procedure.h"
#include "db/store.h"

const struct enum_value disclosure_platforms[] = {
	{"gsxt", "国家企业信用信息公示系统", "National Enterprise Credit Information Publicity System"},
	{"office_site", "本机关网站", "the office's website"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};

const struct enum_value credit_repair_decisions[] = {
	{"granted", "准予修复", "granted"},
	{"refused", "不予修复", "refused"},
	{NULL, NULL, NULL},
};

static const struct field disclosure_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"published_on", FK_DATE, FF_REQUIRED, NULL, NULL, "公示日期", "published on", 0},
	{"platform", FK_ENUM, 0, disclosure_platforms, NULL, "公示平台", "platform", 0},
	{"months", FK_INT, 0, NULL, NULL, "公示期（月）", "display months", 0},
	{"reason", FK_TEXT, 0, NULL, NULL, "公示期理由", "reason for the period", SCHEMA_LINE_MAX},
	{"withdrawn_on", FK_DATE, FF_LATER, NULL, NULL, "撤下日期", "withdrawn on", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field repair_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"applied_on", FK_DATE, FF_REQUIRED, NULL, NULL, "申请日期", "applied on", 0},
	{"applicant", FK_TEXT, 0, NULL, NULL, "申请人", "applicant", SCHEMA_LINE_MAX},
	{"harm_removed", FK_BOOL, 0, NULL, NULL, "已消除不良影响", "harm removed", 0},
	{"not_listed", FK_BOOL, 0, NULL, NULL, "未列入经营异常名录或严重违法失信名单",
	 "on no list", 0},
	{"decision", FK_ENUM, FF_LATER, credit_repair_decisions, NULL, "修复决定", "decision", 0},
	{"decided_on", FK_DATE, FF_LATER, NULL, NULL, "决定日期", "decided on", 0},
	{"reason", FK_TEXT, FF_LATER, NULL, NULL, "理由", "reason", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

static bool live(const json_t *state)
{
	return !jstr(state, "withdrawn_on") && !json_is_true(json_object_get(state, "deleted"));
}

/* The publication date of another live disclosure of the case than `self` into `on`: 1 when
 * there is one, 0 none, -1 on failure. */
static int other_live(db *d, const char *case_id, const char *self, char on[11], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT published_on FROM t_disclosure WHERE case_id = ?"
		" AND id IS NOT ? AND withdrawn_on IS NULL AND coalesce(deleted, 0) = 0 LIMIT 1", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, self);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(on, 11, "%s", (const char *)sqlite3_column_text(st, 0) ?: "");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("reading the case's disclosure"));
	return rc == SQLITE_ROW;
}

/* The case a record belongs to, decided with a penalty; NULL with e filled. */
static json_t *penalty_case(db *d, const json_t *state, ipc_err *e)
{
	json_t *kase = db_get(d, jstr(state, "case_id"), e);

	if (kase && !(is(jstr(kase, "decision_type"), "penalty") && jstr(kase, "decided_on"))) {
		err_kind(e, IPC_E_RULE, "case_id", _("the case is not decided with a penalty: only "
			 "a penalty decision is published (公示规定 art. 9)"));
		json_decref(kase);
		return NULL;
	}
	return kase;
}

static int months_check(db *d, const json_t *kase, const json_t *state, ipc_err *e)
{
	const json_t *m = json_object_get(state, "months");
	const char *reason = jstr(state, "reason");
	int rule = credit_case_months(d, kase, e);

	if (rule < 0)
		return -1;
	if (json_is_integer(m) && json_integer_value(m) != rule && !(reason && *reason))
		return err_kind(e, IPC_E_RULE, "months", _("%d months is not the period the rule "
				"gives this penalty (%d): give the reason for it"),
				(int)json_integer_value(m), rule);
	return 0;
}

static int disclosure_check(db *d, const struct rtype *t, const json_t *old,
			    const json_t *state, const json_t *set, ipc_err *e)
{
	const char *on = jstr(state, "published_on"), *off = jstr(state, "withdrawn_on");
	json_t *kase = penalty_case(d, state, e);
	char other[11];
	int rc = -1, n;

	(void)t, (void)set;
	if (!kase)
		return -1;
	if (on && strcmp(on, jstr(kase, "decided_on")) < 0)
		err_kind(e, IPC_E_RULE, "published_on", _("published on %s, before the decision of "
			 "%s: a penalty is published after it is decided"), on,
			 jstr(kase, "decided_on"));
	else if (on && off && strcmp(off, on) < 0)
		err_kind(e, IPC_E_RULE, "withdrawn_on", _("withdrawn on %s, before its publication "
			 "on %s"), off, on);
	else if (months_check(d, kase, state, e))
		;
	else if (live(state) && (n = other_live(d, jstr(state, "case_id"), jstr(old, "id"), other,
						 e)))
		rc = n < 0 ? -1 : err_kind(e, IPC_E_RULE, "case_id", _("the case already has a "
			 "disclosure published on %s: withdraw it (withdrawn_on=DATE) first"), other);
	else
		rc = 0;
	json_decref(kase);
	return rc;
}

/* Adds key = v to the write and to its state. */
static int fill(json_t *set, json_t *state, const char *key, json_t *v, ipc_err *e)
{
	int rc = !v || json_object_set(set, key, v) || json_object_set(state, key, v);
	json_decref(v);
	return rc ? err_nomem(e) : 0;
}

/* A new disclosure gets the gsxt platform and the rule's period when not given. */
static int disclosure_defaults(db *d, json_t *state, json_t *set, ipc_err *e)
{
	json_t *kase;
	int months;

	if (!jstr(state, "platform") && fill(set, state, "platform", json_string("gsxt"), e))
		return -1;
	if (json_object_get(state, "months") && !json_is_null(json_object_get(state, "months")))
		return 0;
	if (!(kase = penalty_case(d, state, e)))
		return -1;
	months = credit_case_months(d, kase, e);
	json_decref(kase);
	return months < 0 ? -1 : fill(set, state, "months", json_integer(months), e);
}

static int disclosure_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			    json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e)
	       || (!old && disclosure_defaults(d, state, set, e))
	       || disclosure_check(d, t, old, state, set, e) ? -1 : 0;
}

static int disclosure_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, disclosure_check, e);
}

/* The names of the conditions the credit `c` shows unmet, "; " between them, into buf. */
static void unmet(const json_t *c, char *buf, size_t n)
{
	const json_t *cond;
	size_t i, used = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(c, "conditions"), i, cond)
		if (!json_is_true(json_object_get(cond, "met")) && used < n)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? "; " : "",
						 jstr(cond, "name"));
}

static int decision_check(const json_t *state, const json_t *c, ipc_err *e)
{
	const char *decision = jstr(state, "decision"), *on = jstr(state, "decided_on");
	const char *reason = jstr(state, "reason");
	char missing[1024];

	if (!decision)
		return 0;
	if (!(reason && *reason))
		return err_kind(e, IPC_E_RULE, "reason", _("a repair decision records why (信用修复"
				"管理办法): give the reason"));
	if (!on || strcmp(on, jstr(state, "applied_on")) < 0)
		return err_kind(e, IPC_E_RULE, "decided_on", _("the decision's date is missing or "
				"before the application of %s"), jstr(state, "applied_on"));
	if (!is(decision, "granted"))
		return 0;
	unmet(c, missing, sizeof missing);
	return *missing ? err_kind(e, IPC_E_RULE, "decision", _("a repair is granted only when "
				   "every condition is met on the application's date (%s); not met: "
				   "%s"), jstr(state, "applied_on"), missing) : 0;
}

static int repair_check(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			const json_t *set, ipc_err *e)
{
	const char *applied = jstr(state, "applied_on");
	json_t *c;
	int rc;

	(void)t, (void)old, (void)set;
	if (!applied)
		return err_kind(e, IPC_E_RULE, "applied_on", _("give the application's date"));
	if (credit_case_on(d, jtext(state, "case_id"), applied, state, &c, e))
		return -1;
	if (strcmp(applied, jstr(c, "repair_earliest")) < 0)
		rc = err_kind(e, IPC_E_RULE, "applied_on", _("a repair can be asked from %s, after "
			      "the display the rule requires: the application of %s is too early"),
			      jstr(c, "repair_earliest"), applied);
	else
		rc = decision_check(state, c, e);
	json_decref(c);
	return rc;
}

static int repair_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e)
	       || repair_check(d, t, old, state, set, e) ? -1 : 0;
}

static int repair_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, repair_check, e);
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype disclosure_type = {
	.name = "disclosure", .zh = "行政处罚信息公示", .en = "disclosure",
	.table = "t_disclosure", .fields = disclosure_fields, .nfields = NF(disclosure_fields),
	.parent = "case_id", .channel = "office", .check_write = disclosure_write,
	.check_import = disclosure_import,
};
const struct rtype credit_repair_type = {
	.name = "credit_repair", .zh = "信用修复申请", .en = "credit repair",
	.table = "t_credit_repair", .fields = repair_fields, .nfields = NF(repair_fields),
	.parent = "case_id", .channel = "office", .check_write = repair_write,
	.check_import = repair_import,
};
