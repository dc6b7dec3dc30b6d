/* schema — record types, fields and enumerations (FACTS.md §1), and the parsing and checking
 * of field values at the one write path. */
#include "db/schema.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rules/schema_collab.h"
#include "base/i18n.h"
#include "db/rules/schema_investigator.h"
#include "base/validate.h"

#define TEXT_MAX 4000  /* bytes of a free-text field */
#define LINE_MAX_ 300  /* bytes of a one-line field (names, places) */

const struct enum_value schema_ip_types[] = {
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

static const struct enum_value case_sources[] = {
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

/* The stages of Order No. 2; the transitions between them live in db/workflow.c. */
const struct enum_value schema_case_statuses[] = {
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
	{NULL, NULL, NULL},
};

const struct enum_value schema_decision_types[] = {
	{"penalty", "处罚", "penalty"},
	{"no_penalty", "不予处罚", "no penalty"},
	{"transfer_other", "移送其他部门", "transfer to another department"},
	{"transfer_judicial", "移送司法机关", "transfer to police or judiciary"},
	{NULL, NULL, NULL},
};

/* Patent disputes (FACTS.md §2) have limits of their own (db/deadline.c). */
static const struct enum_value case_procedures[] = {
	{"penalty", "行政处罚", "administrative penalty"},
	{"patent_dispute", "专利侵权纠纷行政裁决", "patent infringement dispute"},
	{NULL, NULL, NULL},
};

static const struct enum_value place_kinds[] = {
	{"market", "市场", "market"},
	{"fair", "展会", "trade fair"},
	{"shop", "商铺", "shop"},
	{"platform", "电商平台", "online platform"},
	{"other", "其他", "other"},
	{NULL, NULL, NULL},
};

const struct enum_value schema_party_roles[] = {
	{"respondent", "当事人", "respondent"},
	{"rights_holder", "权利人", "rights holder"},
	{"complainant", "投诉人", "complainant"},
	{"reporter", "举报人", "reporter"},
	{NULL, NULL, NULL},
};

const struct enum_value schema_evidence_kinds[] = {
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

static const struct field case_fields[] = {
	{"case_no", FK_TEXT, FF_SEARCH, NULL, NULL, "案号", "case no.", 80},
	{"title", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "案件名称", "title", LINE_MAX_},
	{"ip_type", FK_ENUM, FF_REQUIRED, schema_ip_types, NULL, "知识产权类型", "IP type", 0},
	{"source", FK_ENUM, 0, case_sources, NULL, "案件来源", "source", 0},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"place_kind", FK_ENUM, 0, place_kinds, NULL, "场所类型", "place kind", 0},
	{"place", FK_TEXT, FF_SEARCH, NULL, NULL, "市场或场所", "market or place", LINE_MAX_},
	{"handlers", FK_HANDLERS, 0, NULL, NULL, "承办人", "handlers", 0},
	{"status", FK_ENUM, FF_SYSTEM, schema_case_statuses, NULL, "状态", "status", 0},
	{"clue_on", FK_DATE, 0, NULL, NULL, "线索登记日期", "clue registered on", 0},
	{"filed_on", FK_DATE, 0, NULL, NULL, "立案日期", "filed on", 0},
	{"decided_on", FK_DATE, 0, NULL, NULL, "决定日期", "decided on", 0},
	{"served_on", FK_DATE, 0, NULL, NULL, "送达日期", "served on", 0},
	{"closed_on", FK_DATE, 0, NULL, NULL, "结案日期", "closed on", 0},
	{"decision_type", FK_ENUM, 0, schema_decision_types, NULL, "决定类型", "decision", 0},
	{"penalty", FK_TEXT, 0, NULL, NULL, "处罚内容", "penalty", LINE_MAX_},
	{"fine", FK_MONEY, 0, NULL, NULL, "罚款(元)", "fine (yuan)", 0},
	{"confiscated", FK_MONEY, 0, NULL, NULL, "没收违法所得(元)", "confiscated (yuan)", 0},
	{"notes", FK_TEXT, FF_SEARCH, NULL, NULL, "备注", "notes", TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
	/* deadlines (db/deadline.c); new fields go last: an existing workspace adds their
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
	/* handoff links (db/handoff.c): the request that took it away, or brought it here */
	{"transfer_out", FK_REF, FF_SYSTEM, NULL, "collab_request", "移送请求", "handed off by", 0},
	{"transfer_in", FK_REF, FF_SYSTEM, NULL, "collab_request", "移送来源", "handed over by", 0},
	{"tech_field", FK_ENUM, FF_OPEN, schema_tech_fields, NULL, "技术领域", "technical field", 0},
};

static const struct field party_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"role", FK_ENUM, FF_REQUIRED, schema_party_roles, NULL, "身份", "role", 0},
	{"name", FK_TEXT, FF_REQUIRED | FF_SEARCH | FF_REPORTER, NULL, NULL, "名称", "name", LINE_MAX_},
	{"uscc", FK_USCC, FF_REPORTER, NULL, NULL, "统一社会信用代码", "USCC", 0},
	{"id_number", FK_IDNUM, FF_CONFIDENTIAL, NULL, NULL, "身份证号", "ID number", 0},
	{"phone", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "电话", "phone", 40},
	{"address", FK_TEXT, FF_REPORTER, NULL, NULL, "地址", "address", LINE_MAX_},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field evidence_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_ENUM, FF_REQUIRED, schema_evidence_kinds, NULL, "证据种类", "kind", 0},
	{"description", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "说明", "description", TEXT_MAX},
	{"collected_at", FK_DATETIME, 0, NULL, NULL, "取证时间", "collected at", 0},
	{"collected_place", FK_TEXT, FF_SEARCH, NULL, NULL, "取证地点", "collected where", LINE_MAX_},
	{"collected_by", FK_TEXT, 0, NULL, NULL, "取证人", "collected by", LINE_MAX_},
	{"file_name", FK_TEXT, FF_SYSTEM, NULL, NULL, "文件名", "file name", 255},
	{"file_sha256", FK_SHA256, FF_SYSTEM, NULL, NULL, "SHA-256", "SHA-256", 0},
	{"file_size", FK_INT, FF_SYSTEM, NULL, NULL, "大小", "size", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field inspection_fields[] = {
	{"case_id", FK_REF, 0, NULL, "case", "案件", "case", 0},
	{"place_kind", FK_ENUM, FF_REQUIRED, place_kinds, NULL, "场所类型", "place kind", 0},
	{"place_name", FK_TEXT, FF_REQUIRED | FF_SEARCH, NULL, NULL, "场所名称", "place", LINE_MAX_},
	{"address", FK_TEXT, FF_SEARCH, NULL, NULL, "地址", "address", LINE_MAX_},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"inspected_at", FK_DATETIME, FF_REQUIRED, NULL, NULL, "检查时间", "inspected at", 0},
	{"inspectors", FK_HANDLERS, 0, NULL, NULL, "检查人员", "inspectors", 0},
	{"findings", FK_TEXT, FF_SEARCH, NULL, NULL, "检查情况", "findings", TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static const struct rtype type_case = {"case", "案件", "case", "t_case", case_fields,
	NF(case_fields), NULL, "office", NULL};
static const struct rtype type_party = {"party", "当事人", "party", "t_party", party_fields,
	NF(party_fields), "case_id", "office", NULL};
static const struct rtype type_evidence = {"evidence", "证据", "evidence", "t_evidence",
	evidence_fields, NF(evidence_fields), "case_id", "office", NULL};
static const struct rtype type_inspection = {"inspection", "现场检查", "inspection",
	"t_inspection", inspection_fields, NF(inspection_fields), "case_id", "office", NULL};

/* Record types defined in their own files. */
extern const struct rtype schema_type_pause, schema_type_measure; /* db/schema_deadline.c */

const struct rtype *const schema_types[] = {&type_case, &type_party, &type_evidence,
	&type_inspection, &schema_type_pause, &schema_type_measure, &schema_collab_request,
	&schema_collab_step, &schema_type_tech_field, &schema_type_investigator,
	&schema_type_investigator_contact, &schema_type_assignment, &schema_type_opinion,
	&schema_type_recusal};
const size_t schema_ntypes = NF(schema_types);
_Static_assert(NF(schema_types) <= SCHEMA_MAX_TYPES, "raise SCHEMA_MAX_TYPES");

const struct rtype *schema_type(const char *name)
{
	for (size_t i = 0; i < schema_ntypes; i++)
		if (strcmp(schema_types[i]->name, name) == 0)
			return schema_types[i];
	return NULL;
}

int schema_field_index(const struct rtype *t, const char *name)
{
	for (size_t i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct field *schema_field(const struct rtype *t, const char *name)
{
	int i = schema_field_index(t, name);
	return i < 0 ? NULL : &t->fields[i];
}

const struct enum_value *schema_enum_find(const struct enum_value *values, const char *text)
{
	for (const struct enum_value *v = values; v->id; v++)
		if (strcmp(v->id, text) == 0 || strcmp(v->zh, text) == 0)
			return v;
	return NULL;
}

const char *schema_enum_label(const struct enum_value *values, const char *id, bool zh)
{
	for (const struct enum_value *v = values; v->id; v++)
		if (strcmp(v->id, id) == 0)
			return zh ? v->zh : v->en;
	return id;
}

bool schema_kind_json(enum field_kind kind)
{
	return kind == FK_HANDLERS || kind == FK_ENUMS || kind == FK_ORGS;
}

static size_t field_max(const struct field *f)
{
	if (f->max_len)
		return f->max_len;
	return f->kind == FK_TEXT ? TEXT_MAX : LINE_MAX_;
}

/* Control characters never belong in stored text: one-line fields take none, multi-line
 * fields take only newline and tab. Escape sequences from a peer die here first. */
static int text_check(const struct field *f, const char *s, ipc_err *e)
{
	bool multiline = field_max(f) >= TEXT_MAX;

	if (strlen(s) > field_max(f))
		return err_set(e, _("%s: longer than %zu bytes"), f->name, field_max(f));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0x7f || (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))))
			return err_set(e, _("%s: control character 0x%02x is not allowed"), f->name, *p);
		/* C1 controls (U+0080–U+009F) are encoded as C2 80–C2 9F */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return err_set(e, _("%s: control character U+%04X is not allowed"), f->name, p[1]);
	}
	return 0;
}

static bool is_hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

/* A record id: a UUID in its 36-character text form, lowercase. */
static bool is_uuid(const char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

static int handlers_check(const struct field *f, const json_t *v, ipc_err *e)
{
	size_t i;
	json_t *h;

	if (!json_is_array(v) || json_array_size(v) > 20)
		return err_set(e, _("%s: expected a list of at most 20 officers"), f->name);
	json_array_foreach(v, i, h) {
		json_t *name = json_object_get(h, "name"), *cert = json_object_get(h, "cert");
		if (!json_is_object(h) || json_object_size(h) != 2 || !json_is_string(name)
		    || !json_is_string(cert))
			return err_set(e, _("%s: each officer needs a name and a certificate number"),
				       f->name);
		if (!json_string_length(name) || json_string_length(name) > 60
		    || json_string_length(cert) > 40)
			return err_set(e, _("%s: officer %zu: name must be 1-60 bytes, cert at most 40"),
				       f->name, i + 1);
		if (text_check(f, json_string_value(name), e) || text_check(f, json_string_value(cert), e))
			return -1;
	}
	return 0;
}

/* An extension code of an open list: snake_case, a letter first, at most 40 bytes. */
static bool is_code(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	return n && n <= 40 && !s[n] && s[0] >= 'a' && s[0] <= 'z';
}

static int enum_check(const struct field *f, const char *s, ipc_err *e)
{
	for (const struct enum_value *ev = f->values; ev->id; ev++)
		if (strcmp(ev->id, s) == 0)
			return 0;
	if ((f->flags & FF_OPEN) && is_code(s))
		return 0;
	return err_set(e, "%s: unknown value \"%.40s\"", f->name, s);
}

#define LIST_MAX 50 /* items of an FK_ENUMS or FK_ORGS list */

static int enums_check(const struct field *f, const json_t *v, ipc_err *e)
{
	size_t i;
	json_t *x;

	if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > LIST_MAX)
		return err_set(e, _("%s: expected a list of 1 to %d values"), f->name, LIST_MAX);
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || enum_check(f, json_string_value(x), e))
			return json_is_string(x) ? -1 : err_set(e, _("%s: expected a list of values"), f->name);
		for (size_t j = 0; j < i; j++)
			if (json_equal(x, json_array_get(v, j)))
				return err_set(e, _("%s: %s is listed twice"), f->name, json_string_value(x));
	}
	return 0;
}

/* [{"name":…} | {"uscc":…} | {"name":…,"uscc":…}…] */
static int orgs_check(const struct field *f, const json_t *v, ipc_err *e)
{
	size_t i;
	json_t *o;

	if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > LIST_MAX)
		return err_set(e, _("%s: expected a list of 1 to %d organisations"), f->name, LIST_MAX);
	json_array_foreach(v, i, o) {
		json_t *name = json_object_get(o, "name"), *uscc = json_object_get(o, "uscc");
		size_t keys = (name != NULL) + (uscc != NULL);
		char check;
		if (!json_is_object(o) || !keys || json_object_size(o) != keys
		    || (name && (!json_is_string(name) || !json_string_length(name)))
		    || (uscc && !json_is_string(uscc)))
			return err_set(e, _("%s: organisation %zu needs a name, a USCC or both"),
				       f->name, i + 1);
		if (name && text_check(f, json_string_value(name), e))
			return -1;
		if (uscc && !validate_uscc(json_string_value(uscc), &check))
			return check ? err_set(e, _("%s: check character of %s is wrong (should be %c)"),
					       f->name, json_string_value(uscc), check)
				     : err_set(e, _("%s: \"%.40s\" is not a unified social credit code"),
					       f->name, json_string_value(uscc));
	}
	return 0;
}

static int string_check(const struct field *f, const char *s, ipc_err *e)
{
	char check;

	switch (f->kind) {
	case FK_TEXT:
		return text_check(f, s, e);
	case FK_ENUM:
		return enum_check(f, s, e);
	case FK_DATE:
		return validate_date(s) ? 0 : err_set(e, _("%s: \"%.40s\" is not a date (YYYY-MM-DD)"), f->name, s);
	case FK_DATETIME:
		return validate_datetime(s) ? 0
		     : err_set(e, _("%s: \"%.40s\" is not a date and time (YYYY-MM-DDTHH:MM)"), f->name, s);
	case FK_MONEY:
		return validate_money(s) ? 0
		     : err_set(e, _("%s: \"%.40s\" is not an amount of yuan (e.g. 5000 or 1200.50)"), f->name, s);
	case FK_USCC:
		if (validate_uscc(s, &check))
			return 0;
		if (check)
			return err_set(e, _("%s: check character of %s is wrong (should be %c)"), f->name, s, check);
		return err_set(e, _("%s: \"%.40s\" is not a unified social credit code (18 characters "
			       "of 0-9 and A-Y without I O S V Z)"), f->name, s);
	case FK_REGION:
		return validate_region_name(s) ? 0
		     : err_set(e, _("%s: \"%.40s\" is not a division code of Beijing, Tianjin or Hebei "
			       "(e.g. 110108, 120113, 130100)"), f->name, s);
	case FK_IDNUM:
		return validate_id_number(s) ? 0
		     : err_set(e, _("%s: not a valid 18-character resident ID number"), f->name);
	case FK_SHA256:
		return is_hex64(s) ? 0 : err_set(e, _("%s: expected 64 lowercase hex digits"), f->name);
	case FK_REF:
		return is_uuid(s) ? 0 : err_set(e, _("%s: \"%.40s\" is not a record id"), f->name, s);
	default:
		return err_set(e, _("%s: expected a %s, not text"), f->name,
			       f->kind == FK_BOOL ? "true or false" : f->kind == FK_INT ? "number" : "list");
	}
}

static int value_check(const struct field *f, const json_t *v, ipc_err *e)
{
	if (json_is_null(v))
		return (f->flags & FF_REQUIRED) ? err_set(e, _("%s is required"), f->name) : 0;
	switch (f->kind) {
	case FK_BOOL:
		return json_is_boolean(v) ? 0 : err_set(e, _("%s: expected true or false"), f->name);
	case FK_INT:
		return json_is_integer(v) && json_integer_value(v) >= 0 ? 0
		     : err_set(e, _("%s: expected a non-negative integer"), f->name);
	case FK_HANDLERS:
		return handlers_check(f, v, e);
	case FK_ENUMS:
		return enums_check(f, v, e);
	case FK_ORGS:
		return orgs_check(f, v, e);
	default:
		if (!json_is_string(v))
			return err_set(e, _("%s: expected text"), f->name);
		if (json_string_length(v) != strlen(json_string_value(v)))
			return err_set(e, _("%s: NUL character in text"), f->name);
		return string_check(f, json_string_value(v), e);
	}
}

/* "张三:13010001,李四:13010002" → [{"name":"张三","cert":"13010001"}, …] */
static json_t *handlers_parse(const char *text)
{
	json_t *list = json_array();
	char *copy = strdup(text), *save = NULL;

	if (!copy)
		return list;
	for (char *item = strtok_r(copy, ",，", &save); item; item = strtok_r(NULL, ",，", &save)) {
		char *colon = strchr(item, ':');
		if (!colon && (colon = strstr(item, "：")))
			*colon = '\0', colon += strlen("：") - 1;
		if (colon)
			*colon = '\0';
		json_array_append_new(list, json_pack("{s:s,s:s}", "name", item, "cert",
						      colon ? colon + 1 : ""));
	}
	free(copy);
	return list;
}

/* The items of a list typed by a person, separated by , ; or 、 (ASCII or full-width), with
 * the spaces around them trimmed; empty items are skipped. fn stops the walk by failing. */
static int list_each(const char *text, int (*fn)(char *item, void *arg), void *arg)
{
	static const char *const seps[] = {",", "，", ";", "；", "、"};
	char *copy = strdup(text), *p, *item;
	int rc = 0;

	if (!copy)
		return -1;
	for (p = item = copy; !rc; ) {
		size_t sep = 0;
		for (size_t i = 0; *p && !sep && i < sizeof seps / sizeof seps[0]; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				sep = strlen(seps[i]);
		if (*p && !sep) {
			p++;
			continue;
		}
		bool last = !*p;
		char *end = p;
		*p = '\0';
		while (*item == ' ' || *item == '\t')
			item++;
		while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*item)
			rc = fn(item, arg);
		if (last)
			break;
		p += sep;
		item = p;
	}
	free(copy);
	return rc;
}

/* An enum value typed by a person: its id or Chinese name; on an open list, any code (the
 * check that follows says whether it is one). */
static json_t *enum_parse(const struct field *f, const char *text, ipc_err *e)
{
	const struct enum_value *ev = schema_enum_find(f->values, text);
	char list[600] = "";

	if (ev)
		return json_string(ev->id);
	if ((f->flags & FF_OPEN) && is_code(text))
		return json_string(text);
	for (const struct enum_value *x = f->values; x->id; x++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s (%s)",
			 x == f->values ? "" : ", ", x->id, x->zh);
	err_set(e, (f->flags & FF_OPEN) ? _("%s: unknown value \"%.40s\"; one of: %s, or the code of "
					    "an extension") : _("%s: unknown value \"%.40s\"; one of: %s"),
		f->name, text, list);
	return NULL;
}

struct list_parse {
	const struct field *f;
	json_t *list;
	ipc_err *e;
};

static int enums_item(char *item, void *arg)
{
	struct list_parse *lp = arg;
	json_t *v = enum_parse(lp->f, item, lp->e);

	return v ? json_array_append_new(lp->list, v) : -1;
}

/* An 18-character run of digits and capitals is meant as a USCC (and checked as one). */
static bool looks_uscc(const char *s)
{
	return strlen(s) == 18 && strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 18;
}

/* "NAME", "USCC" or "NAME:USCC" (a full-width colon too) */
static int orgs_item(char *item, void *arg)
{
	struct list_parse *lp = arg;
	char *colon = strstr(item, "："), *uscc = NULL;
	const char *name = item;
	json_t *o = json_object();

	if (!colon && (colon = strrchr(item, ':')))
		uscc = colon + 1;
	else if (colon)
		uscc = colon + strlen("：");
	if (colon)
		*colon = '\0';
	while (uscc && *uscc == ' ')
		uscc++;
	for (char *end = colon; end && end > item && end[-1] == ' '; )
		*--end = '\0';
	if (!uscc && looks_uscc(item))
		uscc = item, name = "";
	if (*name && json_object_set_new(o, "name", json_string(name))) {
		json_decref(o);
		return err_set(lp->e, _("%s: text is not valid UTF-8"), lp->f->name);
	}
	if (uscc && *uscc)
		json_object_set_new(o, "uscc", json_string(uscc));
	return json_array_append_new(lp->list, o);
}

static json_t *list_parse(const struct field *f, const char *text, ipc_err *e)
{
	struct list_parse lp = {f, json_array(), e};

	if (list_each(text, f->kind == FK_ENUMS ? enums_item : orgs_item, &lp)) {
		json_decref(lp.list);
		return NULL;
	}
	return lp.list;
}

int schema_value_check(const struct field *f, const json_t *v, ipc_err *e)
{
	return value_check(f, v, e) ? err_field(e, IPC_E_RULE, f->name) : 0;
}

static int value_parse(const struct field *f, const char *text, json_t **out, ipc_err *e)
{
	json_t *v = NULL;

	if (!*text) {
		v = json_null();
	} else if (f->kind == FK_ENUM || f->kind == FK_ENUMS || f->kind == FK_ORGS) {
		ipc_err why = {0};
		v = f->kind == FK_ENUM ? enum_parse(f, text, &why) : list_parse(f, text, &why);
		if (!v)
			return why.msg[0] ? err_set(e, "%s", why.msg) : err_nomem(e);
	} else if (f->kind == FK_BOOL) {
		bool t = !strcmp(text, "true") || !strcmp(text, "yes") || !strcmp(text, "1") || !strcmp(text, "是");
		bool n = !strcmp(text, "false") || !strcmp(text, "no") || !strcmp(text, "0") || !strcmp(text, "否");
		if (!t && !n)
			return err_set(e, _("%s: expected true or false"), f->name);
		v = json_boolean(t);
	} else if (f->kind == FK_INT) {
		char *end;
		long long n = strtoll(text, &end, 10);
		if (*end || n < 0)
			return err_set(e, _("%s: expected a non-negative integer"), f->name);
		v = json_integer(n);
	} else if (f->kind == FK_HANDLERS) {
		v = handlers_parse(text);
	} else if (f->kind == FK_DATETIME && strlen(text) < 32 && strlen(text) > 10
		   && text[10] == ' ') {
		char t[32];
		snprintf(t, sizeof t, "%.10sT%s", text, text + 11); /* one stored form */
		v = json_string(t);
	} else {
		v = json_stringn(text, strlen(text)); /* NULL when not valid UTF-8 */
	}
	if (!v)
		return err_set(e, _("%s: text is not valid UTF-8"), f->name);
	if (value_check(f, v, e)) {
		json_decref(v);
		return -1;
	}
	*out = v;
	return 0;
}

int schema_value_parse(const struct field *f, const char *text, json_t **out, ipc_err *e)
{
	*out = NULL;
	return value_parse(f, text, out, e) ? err_field(e, IPC_E_RULE, f->name) : 0;
}

bool schema_confidential(const struct rtype *t, const struct field *f, const json_t *state)
{
	const char *role;

	(void)t;
	if (f->flags & FF_CONFIDENTIAL)
		return true;
	if (!(f->flags & FF_REPORTER))
		return false;
	role = json_string_value(json_object_get(state, "role"));
	return role && strcmp(role, "reporter") == 0;
}
