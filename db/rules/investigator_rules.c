/* investigator_rules — write rules of the technical-investigator records. */
#include "db/rules/investigator_rules.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/rules/archive.h"
#include "db/rules/assign.h"
#include "db/rules/case_terms.h"
#include "db/rules/investigator_terms.h"
#include "db/rules/recusal.h"
#include "db/rules/techfield.h"
#include "db/store.h"

#define LINE 300 /* bytes of a one-line field */

static const struct enum_value pools[] = {
	{"provincial", "省级人才库", "provincial pool"},
	{"national", "国家级名录", "national roster"},
	{"judicial", "司法技术调查官", "judicial"},
	{NULL, NULL, NULL},
};

static const struct field investigator_fields[] = {
	{"name", FK_TEXT, FF_REQUIRED, NULL, NULL, "姓名", "name", LINE},
	{"organisation", FK_TEXT, FF_REQUIRED, NULL, NULL, "工作单位", "organisation", LINE},
	{"fields", FK_ENUMS, FF_REQUIRED | FF_OPEN, techfield_builtin, NULL, "技术领域",
	 "technical fields", 0},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"qualification", FK_TEXT, 0, NULL, NULL, "职称与资格", "qualification", LINE},
	{"pool", FK_ENUM, 0, pools, NULL, "来源库", "source pool", 0},
	{"availability", FK_ENUM, 0, investigator_availability, NULL, "可指派状态", "availability", 0},
	{"interests", FK_ORGS, 0, NULL, NULL, "利益关联单位", "declared interests", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

/* The office channel's own way to reach an investigator: never in the shared pool. */
static const struct field contact_fields[] = {
	{"investigator_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "investigator", "技术调查官",
	 "investigator", 0},
	{"contact", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "联系方式", "contact", LINE},
};

static const struct field assignment_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"investigator_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "investigator", "技术调查官",
	 "investigator", 0},
	{"tasks", FK_ENUMS, FF_REQUIRED, assignment_tasks, NULL, "协助事项", "tasks", 0},
	{"due", FK_DATE, 0, NULL, NULL, "完成期限", "due", 0},
	{"status", FK_ENUM, FF_SYSTEM, assignment_statuses, NULL, "状态", "status", 0},
	{"stage", FK_ENUM, FF_SYSTEM, case_statuses, NULL, "案件阶段", "case stage", 0},
	{"assigned_on", FK_DATE, FF_SYSTEM, NULL, NULL, "指派日期", "assigned on", 0},
	{"notified_on", FK_DATE, FF_SYSTEM, NULL, NULL, "告知当事人日期", "parties notified on", 0},
	{"answered_on", FK_DATE, FF_SYSTEM, NULL, NULL, "答复日期", "accepted or declined on", 0},
	{"opinion_on", FK_DATE, FF_SYSTEM, NULL, NULL, "提交意见日期", "opinion submitted on", 0},
	{"closed_on", FK_DATE, FF_SYSTEM, NULL, NULL, "结束日期", "closed on", 0},
	{"replaces", FK_REF, FF_SYSTEM, NULL, "assignment", "更换的指派", "replaces", 0},
	{"recusal_id", FK_REF, FF_SYSTEM, NULL, "recusal", "回避审查", "recusal override", 0},
	{"reason", FK_TEXT, 0, NULL, NULL, "谢绝或更换原因", "reason declined or replaced", LINE},
};

/* Confidential to the case's office: it travels on the office channel only. */
static const struct field opinion_fields[] = {
	{"assignment_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "assignment", "指派", "assignment", 0},
	{"text", FK_TEXT, FF_REQUIRED | FF_CONFIDENTIAL, NULL, NULL, "技术调查意见", "opinion", 30000},
	{"file_name", FK_TEXT, FF_SYSTEM, NULL, NULL, "文件名", "file name", 255},
	{"file_sha256", FK_SHA256, FF_SYSTEM, NULL, NULL, "SHA-256", "SHA-256", 0},
	{"file_size", FK_INT, FF_SYSTEM, NULL, NULL, "大小", "size", 0},
	{"submitted_on", FK_DATE, FF_SYSTEM, NULL, NULL, "提交日期", "submitted on", 0},
};

/* An officer's written reason to assign an investigator despite a conflict, with the
 * grounds found: the office's history, kept off the shared channel (it names parties). */
static const struct field recusal_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"investigator_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "investigator", "技术调查官",
	 "investigator", 0},
	{"grounds", FK_TEXT, FF_REQUIRED | FF_SYSTEM | FF_CONFIDENTIAL, NULL, NULL, "回避事由",
	 "grounds", 0},
	{"override_reason", FK_TEXT, FF_REQUIRED | FF_CONFIDENTIAL, NULL, NULL, "不予回避的理由",
	 "override reason", 0},
};

/* proposed → parties notified → accepted | declined → in progress → opinion submitted →
 * closed; an open assignment may be replaced by a new one. */
static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool changes(const json_t *old, const json_t *set, const char *key)
{
	const json_t *v = json_object_get(set, key);
	return v && !json_equal(v, json_object_get(old, key) ? json_object_get(old, key) : json_null());
}

static int investigator_rules(db *d, const json_t *old, json_t *set, ipc_err *e)
{
	size_t i;
	json_t *code;

	json_array_foreach(json_object_get(set, "fields"), i, code)
		if (techfield_check(d, json_string_value(code), e))
			return err_field(e, IPC_E_RULE, "fields");
	if (!old && !json_string_value(json_object_get(set, "availability"))
	    && json_object_set_new(set, "availability", json_string("available")))
		return err_nomem(e);
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
	else if (strcmp(status, "declined") != 0 && !assignment_status_ok(status, "replaced"))
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
	if (json_object_set_new(set, "status", json_string("proposed"))
	    || (json_object_get(kase, "status")
		&& json_object_set(set, "stage", json_object_get(kase, "status")))
	    || json_object_set_new(set, "assigned_on", json_string(today))) {
		err_nomem(e);
		goto out;
	}
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

	if (!assignment_status_ok(from, to)) {
		const char *next[3];
		char list[80] = "";
		size_t n = from ? assignment_next(from, next, 3) : 0;
		for (size_t i = 0; i < n; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
				 next[i]);
		return err_set(e, n ? _("an assignment that is %s cannot become %s; next: %s")
				    : _("an assignment that is %s cannot become %s"), from ? from : "-", to,
			       list);
	}
	if (!strcmp(to, "opinion_submitted")
	    && !db_count(d, "SELECT count(*) FROM t_opinion WHERE assignment_id = ?", id))
		return err_set(e, _("submit the opinion with ipcase assignment opinion"));
	if (!strcmp(to, "replaced")
	    && !db_count(d, "SELECT count(*) FROM t_assignment WHERE replaces = ?", id))
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
		if (!on && json_object_set_new(set, dates[i].date, json_string(today)))
			return err_nomem(e);
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
			i18n_zh() ? schema_enum_label(assignment_statuses, status, true) : status);
		goto out;
	}
	if (old && changes(old, set, "assignment_id")) {
		err_set(e, _("an opinion stays with its assignment"));
		goto out;
	}
	db_today(today);
	if (!old && json_object_set_new(set, "submitted_on", json_string(today))) {
		err_nomem(e);
		goto out;
	}
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

/* ---- the types' check_write hooks ---- */

static int investigator_check_write(db *d, const struct rtype *t, const json_t *old,
				    json_t *state, json_t *set, ipc_err *e)
{
	(void)t, (void)state;
	return investigator_rules(d, old, set, e);
}

/* A contact belongs to an investigator who exists. */
static int contact_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			       json_t *set, ipc_err *e)
{
	json_t *inv;

	(void)t, (void)set;
	if (old)
		return 0;
	inv = investigator_record(d, "investigator", jstr(state, "investigator_id"), e);
	json_decref(inv);
	return inv ? 0 : -1;
}

static int assignment_check_write(db *d, const struct rtype *t, const json_t *old,
				  json_t *state, json_t *set, ipc_err *e)
{
	if (archive_check_write(d, t, old, state, set, e))
		return -1;
	return old ? assignment_change(d, old, set, e) : assignment_new(d, state, set, e);
}

static int opinion_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			       json_t *set, ipc_err *e)
{
	(void)t;
	return opinion_rules(d, old, state, set, e);
}

static int recusal_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			       json_t *set, ipc_err *e)
{
	(void)t, (void)set;
	return recusal_record_rules(d, old, state, e);
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype investigator_type = {
	.name = "investigator", .zh = "技术调查官", .en = "investigator", .table = "t_investigator",
	.fields = investigator_fields, .nfields = NF(investigator_fields), .channel = "collab",
	.check_write = investigator_check_write,
};
const struct rtype investigator_contact_type = {
	.name = "investigator_contact", .zh = "技术调查官联系方式", .en = "investigator contact",
	.table = "t_investigator_contact", .fields = contact_fields, .nfields = NF(contact_fields),
	.channel = "office", .check_write = contact_check_write,
};
const struct rtype assignment_type = {
	.name = "assignment", .zh = "技术调查官指派", .en = "assignment", .table = "t_assignment",
	.fields = assignment_fields, .nfields = NF(assignment_fields), .parent = "case_id",
	.channel = "collab", .status_ok = assignment_status_ok,
	.check_write = assignment_check_write, .deadlines = assign_deadlines,
	.check_import = archive_check_import,
};
const struct rtype opinion_type = {
	.name = "opinion", .zh = "技术调查意见", .en = "opinion", .table = "t_opinion",
	.fields = opinion_fields, .nfields = NF(opinion_fields), .channel = "office",
	.check_write = opinion_check_write,
};
const struct rtype recusal_type = {
	.name = "recusal", .zh = "回避审查", .en = "recusal override", .table = "t_recusal",
	.fields = recusal_fields, .nfields = NF(recusal_fields), .channel = "office",
	.check_write = recusal_check_write,
};
