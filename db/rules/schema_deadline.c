/* schema_deadline — the record types deadlines need beyond the case's own dates: periods that
 * do not count towards a limit (pause) and measures with a limit of their own (measure). */
#include "db/schema.h"

/* What stops a clock (Order No. 2 art. 18; 行政处罚法 art. 60; 行政强制法 art. 25). Which
 * kinds stop which deadline is db/deadline.c's table. */
static const struct enum_value pause_kinds[] = {
	{"suspension", "中止", "suspension"},
	{"hearing", "听证", "hearing"},
	{"public_notice", "公告", "public notice"},
	{"testing", "检测检验检疫", "testing, inspection, quarantine"},
	{"appraisal", "鉴定", "appraisal"},
	{"identification", "权利人辨认鉴别", "rights-holder identification"},
	{NULL, NULL, NULL},
};

static const struct enum_value measure_kinds[] = {
	{"seizure", "查封扣押", "seizure"},
	{"preservation", "先行登记保存", "evidence registered and preserved"},
	{NULL, NULL, NULL},
};

static const struct field pause_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_ENUM, FF_REQUIRED, pause_kinds, NULL, "事由", "kind", 0},
	{"started_on", FK_DATE, FF_REQUIRED, NULL, NULL, "起始日期", "from", 0},
	{"ended_on", FK_DATE, 0, NULL, NULL, "结束日期", "to", 0},
	{"note", FK_TEXT, 0, NULL, NULL, "说明", "note", 300},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field measure_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_ENUM, FF_REQUIRED, measure_kinds, NULL, "措施", "kind", 0},
	{"taken_on", FK_DATE, FF_REQUIRED, NULL, NULL, "采取日期", "taken on", 0},
	{"extended", FK_BOOL, 0, NULL, NULL, "已延长", "extended", 0},
	{"ended_on", FK_DATE, 0, NULL, NULL, "解除或处理日期", "lifted or decided on", 0},
	{"items", FK_TEXT, FF_SEARCH, NULL, NULL, "物品", "items", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype schema_type_pause = {"pause", "期限中止", "paused period", "t_pause",
	pause_fields, NF(pause_fields), "case_id", "office", NULL};
const struct rtype schema_type_measure = {"measure", "措施", "measure", "t_measure",
	measure_fields, NF(measure_fields), "case_id", "office", NULL};
