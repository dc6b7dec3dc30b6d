/* schema_investigator — record types of the technical-investigator pool and assignments
 * (FACTS.md §3), and the life of an assignment as a state machine. */
#include "db/rules/schema_investigator.h"

#include <string.h>

#define LINE 300 /* bytes of a one-line field */

/* Ids are stored in ops: never rename one. */
const struct enum_value schema_tech_fields[] = {
	{"biomedicine", "生物医药", "biomedicine"},
	{"electronics", "电子信息", "electronics and information"},
	{"integrated_circuits", "集成电路", "integrated circuits"},
	{"equipment_manufacturing", "装备制造", "equipment manufacturing"},
	{"new_materials", "新材料", "new materials"},
	{"new_energy", "新能源", "new energy"},
	{"chemicals", "化工", "chemical engineering"},
	{"modern_food", "现代食品", "modern food"},
	{"agriculture_plant_varieties", "农业与植物新品种", "agriculture and plant varieties"},
	{"software_data", "软件与数据", "software and data"},
	{"machinery", "机械", "machinery"},
	{"automotive", "汽车", "automotive"},
	{NULL, NULL, NULL},
};

/* Shijiazhuang draft art. 39: what an investigator helps with. */
const struct enum_value schema_tasks[] = {
	{"investigate", "调查", "investigation"},
	{"inquire", "询问", "inquiry"},
	{"inspect", "勘验", "on-site inspection"},
	{"analyse", "分析", "analysis"},
	{"judge", "判断", "judgement"},
	{NULL, NULL, NULL},
};

const struct enum_value schema_assignment_statuses[] = {
	{"proposed", "拟指派", "proposed"},
	{"notified", "已告知当事人", "parties notified"},
	{"accepted", "已接受", "accepted"},
	{"declined", "已谢绝", "declined"},
	{"in_progress", "调查中", "in progress"},
	{"opinion_submitted", "已提交意见", "opinion submitted"},
	{"closed", "已结束", "closed"},
	{"replaced", "已更换", "replaced"},
	{NULL, NULL, NULL},
};

const struct enum_value schema_availability[] = {
	{"available", "可指派", "available"},
	{"limited", "时间有限", "limited"},
	{"unavailable", "暂不可指派", "unavailable"},
	{NULL, NULL, NULL},
};

static const struct enum_value pools[] = {
	{"provincial", "省级人才库", "provincial pool"},
	{"national", "国家级名录", "national roster"},
	{"judicial", "司法技术调查官", "judicial"},
	{NULL, NULL, NULL},
};

static const struct field tech_field_fields[] = {
	{"code", FK_ENUM, FF_REQUIRED | FF_OPEN, schema_tech_fields, NULL, "代码", "code", 0},
	{"zh", FK_TEXT, FF_REQUIRED, NULL, NULL, "中文名称", "Chinese name", 60},
	{"en", FK_TEXT, 0, NULL, NULL, "英文名称", "English name", 60},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field investigator_fields[] = {
	{"name", FK_TEXT, FF_REQUIRED, NULL, NULL, "姓名", "name", LINE},
	{"organisation", FK_TEXT, FF_REQUIRED, NULL, NULL, "工作单位", "organisation", LINE},
	{"fields", FK_ENUMS, FF_REQUIRED | FF_OPEN, schema_tech_fields, NULL, "技术领域",
	 "technical fields", 0},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"qualification", FK_TEXT, 0, NULL, NULL, "职称与资格", "qualification", LINE},
	{"pool", FK_ENUM, 0, pools, NULL, "来源库", "source pool", 0},
	{"availability", FK_ENUM, 0, schema_availability, NULL, "可指派状态", "availability", 0},
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
	{"tasks", FK_ENUMS, FF_REQUIRED, schema_tasks, NULL, "协助事项", "tasks", 0},
	{"due", FK_DATE, 0, NULL, NULL, "完成期限", "due", 0},
	{"status", FK_ENUM, FF_SYSTEM, schema_assignment_statuses, NULL, "状态", "status", 0},
	{"stage", FK_ENUM, FF_SYSTEM, schema_case_statuses, NULL, "案件阶段", "case stage", 0},
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
static const struct {
	const char *from;
	const char *to[3];
} moves[] = {
	{"proposed", {"notified", "declined", "replaced"}},
	{"notified", {"accepted", "declined", "replaced"}},
	{"accepted", {"in_progress", "replaced"}},
	{"in_progress", {"opinion_submitted", "replaced"}},
	{"opinion_submitted", {"closed"}},
};

size_t schema_assignment_next(const char *from, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		for (size_t k = 0; strcmp(moves[i].from, from) == 0 && k < 3 && moves[i].to[k] && n < max; k++)
			out[n++] = moves[i].to[k];
	return n;
}

bool schema_assignment_status_ok(const char *from, const char *to)
{
	if (!from)
		return strcmp(to, "proposed") == 0;
	if (strcmp(from, to) == 0)
		return true;
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		for (size_t k = 0; strcmp(moves[i].from, from) == 0 && k < 3 && moves[i].to[k]; k++)
			if (strcmp(moves[i].to[k], to) == 0)
				return true;
	return false;
}

bool schema_assignment_open(const char *status)
{
	static const char *const open[] = {"proposed", "notified", "accepted", "in_progress"};

	for (size_t i = 0; status && i < sizeof open / sizeof open[0]; i++)
		if (strcmp(open[i], status) == 0)
			return true;
	return false;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype schema_type_tech_field = {"tech_field", "技术领域", "technical field",
	"t_tech_field", tech_field_fields, NF(tech_field_fields), NULL, "collab", NULL};
const struct rtype schema_type_investigator = {"investigator", "技术调查官", "investigator",
	"t_investigator", investigator_fields, NF(investigator_fields), NULL, "collab", NULL};
const struct rtype schema_type_investigator_contact = {"investigator_contact",
	"技术调查官联系方式", "investigator contact", "t_investigator_contact", contact_fields,
	NF(contact_fields), NULL, "office", NULL};
const struct rtype schema_type_assignment = {"assignment", "技术调查官指派", "assignment",
	"t_assignment", assignment_fields, NF(assignment_fields), "case_id", "collab",
	schema_assignment_status_ok};
const struct rtype schema_type_opinion = {"opinion", "技术调查意见", "opinion", "t_opinion",
	opinion_fields, NF(opinion_fields), NULL, "office", NULL};
const struct rtype schema_type_recusal = {"recusal", "回避审查", "recusal override",
	"t_recusal", recusal_fields, NF(recusal_fields), NULL, "office", NULL};
