/* case_terms — the enumerations of a case file (FACTS.md §1): IP types, sources, the stages of
 * the procedure, decisions, procedures, places, party roles, evidence kinds. Ids are stored in
 * ops: never rename one. */
#include "db/rules/case_terms.h"

const struct enum_value case_ip_types[] = {
	{"invention_patent", "发明专利", "invention patent"},
	{"utility_model", "实用新型", "utility model"},
	{"design_patent", "外观设计", "design patent"},
	{"trademark", "商标", "trademark"},
	{"copyright", "著作权", "copyright"},
	{"geographical_indication", "地理标志", "geographical indication"},
	{"trade_secret", "商业秘密", "trade secret"},
	{"plant_variety", "植物新品种", "plant variety"},
	{"layout_design", "集成电路布图设计", "IC layout design"},
	{"data_ip", "数据知识产权", "data IP"},
	{"special_mark", "特殊标志", "special / Olympic mark"},
	{"counterfeit_patent", "假冒专利", "counterfeit patent"},
	{NULL, NULL, NULL},
};

const struct enum_value case_sources[] = {
	{"inspection", "监督检查", "own inspection"},
	{"complaint", "投诉", "complaint"},
	{"report", "举报", "report"},
	{"transfer_in", "其他部门移送", "transferred in"},
	{"assigned", "上级交办", "assigned by superior"},
	{"hotline_12345", "12345热线", "12345 hotline"},
	{"ecommerce", "电商平台", "e-commerce platform"},
	{"trade_fair", "展会", "trade fair"},
	{"customs", "海关", "customs"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};

/* The stages of Order No. 2; the transitions between them live in db/rules/workflow.c. */
const struct enum_value case_statuses[] = {
	{"clue", "线索登记", "clue"},
	{"verifying", "核查", "verifying"},
	{"filed", "立案", "filed"},
	{"not_filed", "不予立案", "not filed"},
	{"investigating", "调查取证", "investigating"},
	{"suspended", "中止", "suspended"},
	{"terminated", "终止", "terminated"},
	{"investigation_closed", "调查终结", "investigation closed"},
	{"legal_review", "法制审核", "legal review"},
	{"notified", "告知", "notified"},
	{"hearing", "陈述申辩", "statement / hearing"},
	{"decided", "决定", "decided"},
	{"served", "送达", "served"},
	{"executing", "执行", "executing"},
	{"transferred", "已移送", "transferred"},
	{"closed", "结案", "closed"},
	{"archived", "归档", "archived"},
	/* a patent dispute's own steps (FACTS.md §2; the order in db/rules/workflow.c) */
	{"accepted", "受理", "accepted"},
	{"refused", "不予受理", "refused"},
	{"copy_sent", "副本送达", "copy served"},
	{"answered", "答辩", "answered"},
	{"hearing_set", "口审通知", "hearing notified"},
	{"heard", "口头审理", "oral hearing held"},
	{"mediated", "调解结案", "mediated"},
	{"ruled", "处理决定", "ruling made"},
	{NULL, NULL, NULL},
};

const struct enum_value case_decision_types[] = {
	{"penalty", "处罚", "penalty"},
	{"no_penalty", "不予处罚", "no penalty"},
	{"transfer_other", "移送其他部门", "transfer to another department"},
	{"transfer_judicial", "移送司法机关", "transfer to police or judiciary"},
	{NULL, NULL, NULL},
};

/* Patent disputes (FACTS.md §2) have limits of their own (db/rules/deadline.c). */
const struct enum_value case_procedures[] = {
	{"penalty", "行政处罚", "administrative penalty"},
	{"patent_dispute", "专利侵权纠纷行政裁决", "patent infringement dispute"},
	{NULL, NULL, NULL},
};

/* The 处理决定 of a patent dispute (专利法 art. 65): the infringement found and ordered to stop,
 * or the request dismissed. */
const struct enum_value case_rulings[] = {
	{"order_stop", "责令停止侵权", "order to stop infringing"},
	{"dismissed", "驳回请求", "request dismissed"},
	{NULL, NULL, NULL},
};

const struct enum_value case_place_kinds[] = {
	{"market", "市场", "market"},
	{"fair", "展会", "trade fair"},
	{"shop", "商铺", "shop"},
	{"platform", "电商平台", "online platform"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};

const struct enum_value case_party_roles[] = {
	{"respondent", "当事人", "respondent"},
	{"rights_holder", "权利人", "rights holder"},
	{"complainant", "投诉人", "complainant"},
	{"reporter", "举报人", "reporter"},
	{NULL, NULL, NULL},
};

/* 行政处罚法 art. 61 (served as the 民事诉讼法 provides, or electronically with consent). */
const struct enum_value case_service_methods[] = {
	{"direct", "直接送达", "in person"},
	{"left", "留置送达", "left at the address"},
	{"entrusted", "委托送达", "through another office"},
	{"post", "邮寄送达", "by post"},
	{"electronic", "电子送达", "electronically"},
	{"public_notice", "公告送达", "by public notice"},
	{NULL, NULL, NULL},
};

/* The offence a trademark case may amount to (刑法 art. 213, 214; FACTS.md §11): which
 * thresholds of db/rules/threshold apply. */
const struct enum_value case_offences[] = {
	{"counterfeit_mark", "假冒注册商标", "counterfeiting a registered trademark"},
	{"sell_counterfeit", "销售假冒注册商标的商品", "selling goods bearing a counterfeit mark"},
	{NULL, NULL, NULL},
};

const struct enum_value case_evidence_kinds[] = {
	{"document", "书证", "document"},
	{"physical", "物证", "physical evidence"},
	{"audio_video", "视听资料", "audio / video"},
	{"electronic_data", "电子数据", "electronic data"},
	{"witness", "证人证言", "witness statement"},
	{"statement", "当事人陈述", "party's statement"},
	{"appraisal", "鉴定意见", "appraisal opinion"},
	{"inspection_record", "勘验笔录", "inspection record"},
	{"sample", "抽样", "sample"},
	{"photo", "照片", "photo"},
	{NULL, NULL, NULL},
};

/* Short labels for narrow columns (8 columns at most, distinct from each other), where the
 * full one does not fit: "investigating" and "investigation closed" both cut to "investig". */
static const struct enum_value status_short[] = {
	{"clue", "线索", "clue"}, {"verifying", "核查", "verify"}, {"filed", "已立案", "filed"},
	{"not_filed", "不予立案", "no file"}, {"investigating", "调查", "invest."},
	{"suspended", "中止", "suspend."}, {"terminated", "终止", "ended"},
	{"investigation_closed", "调查终结", "inv.done"}, {"legal_review", "法制审核", "review"},
	{"notified", "告知", "notified"}, {"hearing", "申辩听证", "hearing"},
	{"decided", "决定", "decided"}, {"served", "送达", "served"}, {"executing", "执行", "enforce"},
	{"transferred", "已移送", "transfd."}, {"closed", "结案", "closed"},
	{"archived", "归档", "archived"},
	/* a patent dispute's own steps */
	{"accepted", "受理", "accepted"}, {"refused", "不予受理", "refused"},
	{"copy_sent", "副本送达", "copy sent"}, {"answered", "答辩", "answered"},
	{"hearing_set", "口审通知", "hear.set"}, {"heard", "口头审理", "heard"},
	{"mediated", "调解结案", "mediated"}, {"ruled", "处理决定", "ruled"}, {NULL, NULL, NULL},
};

static const struct enum_value ip_type_short[] = {
	{"invention_patent", "发明", "invention"}, {"utility_model", "实用新型", "utility"},
	{"design_patent", "外观设计", "design"}, {"trademark", "商标", "trademark"},
	{"copyright", "著作权", "copyright"}, {"geographical_indication", "地理标志", "GI"},
	{"trade_secret", "商业秘密", "secret"}, {"plant_variety", "新品种", "plant var"},
	{"layout_design", "布图设计", "IC layout"}, {"data_ip", "数据产权", "data IP"},
	{"special_mark", "特殊标志", "spec.mark"}, {"counterfeit_patent", "假冒专利", "fake pat."},
	{NULL, NULL, NULL},
};

const char *case_term_short(const struct enum_value *values, const char *id, bool zh)
{
	const struct enum_value *shorts = values == case_statuses ? status_short
					  : values == case_ip_types ? ip_type_short : NULL;
	const struct enum_value *v = shorts ? schema_enum_find(shorts, id) : NULL;

	return v ? (zh ? v->zh : v->en) : schema_enum_label(values, id, zh);
}
