/* schema_collab — fields and enumerations of collaboration requests and their steps. */
#include "db/rules/schema_collab.h"

#include "base/i18n.h"

#define LINE 300  /* bytes of a one-line field */
#define TEXT 4000 /* bytes of a multi-line field */

const struct enum_value schema_collab_kinds[] = {
	{"clue_transfer", "线索移送", N_("clue transfer")},
	{"case_transfer", "案件移送", N_("case transfer")},
	{"investigation_assistance", "协助调查", N_("investigation assistance")},
	{"execution_assistance", "协助执行", N_("execution assistance")},
	{"joint_enforcement", "联合执法", N_("joint enforcement")},
	{"evidence_recognition", "证据互认", N_("evidence recognition")},
	{"case_notification", "案情通报", N_("case notification")},
	{"case_consultation", "案件会商", N_("case consultation")},
	{NULL, NULL, NULL},
};

const struct enum_value schema_collab_actions[] = {
	{"send", "发送", N_("send")},
	{"receive", "签收", N_("receive")},
	{"accept", "受理", N_("accept")},
	{"decline", "不予受理", N_("decline")},
	{"progress", "办理", N_("progress")},
	{"answer", "答复", N_("answer")},
	{"close", "办结", N_("close")},
	{"reply", "回复", N_("reply")},
	{"attach", "附件", N_("attach")},
	{NULL, NULL, NULL},
};

const struct enum_value schema_collab_statuses[] = {
	{"draft", "草稿", N_("draft")},
	{"sent", "已发送", N_("sent")},
	{"received", "已签收", N_("received")},
	{"accepted", "已受理", N_("accepted")},
	{"declined", "不予受理", N_("declined")},
	{"in_progress", "办理中", N_("in progress")},
	{"answered", "已答复", N_("answered")},
	{"closed", "已办结", N_("closed")},
	{NULL, NULL, NULL},
};

static const struct field request_fields[] = {
	{"kind", FK_ENUM, FF_REQUIRED, schema_collab_kinds, NULL, "协作类型", "kind", 0},
	{"from_office", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "发起单位", "from office", 0},
	{"to_office", FK_REGION, FF_REQUIRED, NULL, NULL, "接收单位", "to office", 0},
	{"case_id", FK_REF, FF_SYSTEM, NULL, "case", "关联案件", "case", 0},
	{"origin_case_no", FK_TEXT, FF_SYSTEM, NULL, NULL, "案号", "case no.", 160},
	{"subject", FK_TEXT, FF_REQUIRED, NULL, NULL, "事由", "subject", LINE},
	{"body", FK_TEXT, 0, NULL, NULL, "请求事项", "what is asked", TEXT},
	{"summary", FK_TEXT, 0, NULL, NULL, "案情摘要", "shared summary", TEXT},
	{"limit_days", FK_INT, 0, NULL, NULL, "答复期限(工作日)", "response limit (working days)", 0},
	/* a handoff (case_transfer): the case's shareable fields in clear, the rest sealed */
	{"package", FK_TEXT, FF_SYSTEM, NULL, NULL, "移送材料", "handoff package", 40000},
	{"sealed", FK_TEXT, FF_SYSTEM, NULL, NULL, "密封内容", "sealed part", 16000},
};

static const struct field step_fields[] = {
	{"request_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "collab_request", "协作请求",
	 "request", 0},
	{"action", FK_ENUM, FF_REQUIRED, schema_collab_actions, NULL, "动作", "action", 0},
	{"text", FK_TEXT, 0, NULL, NULL, "内容", "text", TEXT},
	{"due", FK_DATE, 0, NULL, NULL, "答复期限", "due", 0},
	/* false: counted past the years the calendar knows (weekends only) */
	{"due_confirmed", FK_BOOL, 0, NULL, NULL, "期限已核实", "due confirmed", 0},
	/* attach: an evidence item with its file and hash */
	{"evidence_id", FK_REF, 0, NULL, "evidence", "原证据", "origin evidence", 0},
	{"kind", FK_ENUM, 0, schema_evidence_kinds, NULL, "证据种类", "kind", 0},
	{"description", FK_TEXT, 0, NULL, NULL, "说明", "description", TEXT},
	{"collected_at", FK_DATETIME, 0, NULL, NULL, "取证时间", "collected at", 0},
	{"collected_place", FK_TEXT, 0, NULL, NULL, "取证地点", "collected where", LINE},
	{"collected_by", FK_TEXT, 0, NULL, NULL, "取证人", "collected by", LINE},
	{"file_name", FK_TEXT, FF_SYSTEM, NULL, NULL, "文件名", "file name", 255},
	{"file_sha256", FK_SHA256, FF_SYSTEM, NULL, NULL, "SHA-256", "SHA-256", 0},
	{"file_size", FK_INT, FF_SYSTEM, NULL, NULL, "大小", "size", 0},
};

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype schema_collab_request = {"collab_request", "协作请求", "collaboration request",
	"t_collab_request", request_fields, NF(request_fields), NULL, "collab", NULL};
const struct rtype schema_collab_step = {"collab_step", "协作进程", "collaboration step",
	"t_collab_step", step_fields, NF(step_fields), NULL, "collab", NULL};
