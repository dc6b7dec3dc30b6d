/* casefile — the interview and item record types (db/rules/casefile.h).
 *
 * Invariants: an interview names at least two officers with certificates (行政处罚法 art. 42,
 * 55; db/rules/procedure); an item's quantity is a positive decimal number, and the measure it
 * belongs to, when named, is a measure of the same case. Peers' ops are held to the same. */
#include "db/rules/casefile.h"

#include <ctype.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/op.h"
#include "db/rules/archive.h"
#include "db/rules/procedure.h"
#include "db/store.h"

static const struct field interview_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"interviewee", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "被询问人", "interviewee",
	 SCHEMA_LINE_MAX},
	{"relation", FK_TEXT, 0, NULL, NULL, "身份或职务", "role", SCHEMA_LINE_MAX},
	{"id_number", FK_IDNUM, FF_CONFIDENTIAL, NULL, NULL, "身份证号", "ID number", 0},
	{"phone", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "电话", "phone", 40},
	{"address", FK_TEXT, 0, NULL, NULL, "住址", "address", SCHEMA_LINE_MAX},
	{"started_at", FK_DATETIME, FF_REQUIRED, NULL, NULL, "询问开始时间", "started at", 0},
	{"ended_at", FK_DATETIME, 0, NULL, NULL, "询问结束时间", "ended at", 0},
	{"place", FK_TEXT, FF_REQUIRED, NULL, NULL, "询问地点", "place", SCHEMA_LINE_MAX},
	{"officers", FK_HANDLERS, FF_REQUIRED, NULL, NULL, "询问人", "officers", 0},
	{"recorder", FK_TEXT, 0, NULL, NULL, "记录人", "recorder", 64},
	/* 问：…\n答：… — one line each, as the record is read back */
	{"qa", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "问答", "questions and answers",
	 SCHEMA_TEXT_MAX},
	{"read_back", FK_BOOL, 0, NULL, NULL, "已核对无误", "read back", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field item_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"measure_id", FK_REF, 0, NULL, "measure", "措施", "measure", 0},
	{"name", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "物品名称", "name", SCHEMA_LINE_MAX},
	{"spec", FK_TEXT, 0, NULL, NULL, "规格型号", "spec", SCHEMA_LINE_MAX},
	{"quantity", FK_TEXT, FF_REQUIRED, NULL, NULL, "数量", "quantity", 24},
	{"unit", FK_TEXT, FF_REQUIRED, NULL, NULL, "单位", "unit", 16},
	{"place", FK_TEXT, 0, NULL, NULL, "存放地点", "kept at", SCHEMA_LINE_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

/* 12, 2.5, 0.125: digits with at most one point, above zero. */
static bool quantity_ok(const char *q)
{
	size_t digits = 0, points = 0;
	bool nonzero = false;

	for (const char *p = q; *p; p++) {
		if (*p == '.' && !points++ && digits)
			continue;
		if (!isdigit((unsigned char)*p))
			return false;
		digits++;
		nonzero |= *p != '0';
	}
	return digits && nonzero && q[strlen(q) - 1] != '.';
}

static int item_check(db *d, const struct rtype *t, const json_t *old, const json_t *state,
		      const json_t *set, ipc_err *e)
{
	const char *q = jstr(state, "quantity"), *m = jstr(state, "measure_id");
	json_t *measure;
	int rc = 0;

	(void)t, (void)old, (void)set;
	if (q && !quantity_ok(q))
		return err_kind(e, IPC_E_RULE, "quantity", _("the quantity is a number above zero "
				"(12, 2.5), its unit goes in unit: \"%s\""), q);
	if (!m)
		return 0;
	measure = db_get(d, m, NULL);
	if (!measure || strcmp(jstr(measure, "type") ?: "", "measure")
	    || strcmp(jstr(measure, "case_id") ?: "", jstr(state, "case_id") ?: ""))
		rc = err_kind(e, IPC_E_RULE, "measure_id", _("no measure %s in this case: the items "
				"of a seizure or preservation belong to one of the case's measures"), m);
	json_decref(measure);
	return rc;
}

static int item_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
		      json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e)
	       || item_check(d, t, old, state, set, e) ? -1 : 0;
}

static int item_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, item_check, e);
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype interview_type = {
	.name = "interview", .zh = "询问笔录", .en = "interview", .table = "t_interview",
	.fields = interview_fields, .nfields = NF(interview_fields), .parent = "case_id",
	.channel = "office", .check_write = procedure_team_write,
	.check_import = procedure_team_import,
};
const struct rtype item_type = {
	.name = "item", .zh = "物品", .en = "item", .table = "t_item",
	.fields = item_fields, .nfields = NF(item_fields), .parent = "case_id",
	.channel = "office", .check_write = item_write, .check_import = item_import,
};
