/* document — the kinds of documents, their vocabulary and the context a case gives it
 * (db/rules/document.h). */
#include "db/rules/document.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/cndate.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/secret.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/approval.h"
#include "db/rules/case.h"
#include "db/rules/casefile.h"
#include "db/rules/office.h"
#include "db/rules/police.h"
#include "db/schema.h"
#include "db/store.h"

#define T(name) {name, TEMPLATE_TEXT, NULL}
#define L(name, each) {name, TEMPLATE_LIST, each}

/* Each name's meaning: docs/ARCHITECTURE.md, "Documents: templates". */
static const struct template_var vars[] = {
	T("office.name"), T("office.address"), T("office.phone"), T("office.payment"),
	T("review.body"), T("review.court"),
	T("doc.number"), T("doc.issued_on"), T("doc.kind"),
	T("case.no"), T("case.title"), T("case.cause"), T("case.ip_type"), T("case.source"),
	T("case.clue_on"), T("case.filed_on"), T("case.place"), T("case.handlers"),
	T("case.facts"), T("case.provisions_violated"), T("case.provisions_applied"),
	T("case.decision_type"), T("case.decision_number"), T("case.penalty"),
	T("case.penalty_reasons"), T("case.fine"),
	T("case.confiscated"), T("case.illegal_turnover"), T("case.illegal_gains"),
	T("case.notified_on"), T("case.statement_on"), T("case.hearing_on"),
	T("case.hearing_place"), T("case.decided_on"), T("case.served_on"),
	T("case.executed_on"), T("case.closed_on"), T("case.transferred_to"), T("case.notes"),
	T("party.name"), T("party.id_code"), T("party.address"), T("party.legal_rep"),
	T("party.phone"),
	T("reporter.name"), T("reporter.id_code"), T("reporter.address"), T("reporter.phone"),
	T("measure.kind"), T("measure.number"), T("measure.reason"), T("measure.basis"),
	T("measure.days"), T("measure.start_on"), T("measure.end_on"), T("measure.officers"),
	L("items", "item"), T("item.name"), T("item.spec"), T("item.quantity"), T("item.unit"),
	T("item.place"),
	L("evidence", "ev"), T("ev.kind"), T("ev.description"), T("ev.collected_on"),
	T("ev.place"),
	L("approvals", "approval"), T("approval.step"), T("approval.officer"),
	T("approval.opinion"), T("approval.decided_on"),
	T("inspection.place"), T("inspection.address"), T("inspection.at"),
	T("inspection.inspectors"), T("inspection.findings"),
	T("interview.interviewee"), T("interview.id_code"), T("interview.phone"),
	T("interview.address"), T("interview.relation"), T("interview.at"),
	T("interview.place"), T("interview.officers"), T("interview.recorder"),
	T("interview.qa"), T("interview.read_back"),
	T("service.title"), T("service.number"), T("service.method"), T("service.place"),
	T("service.on"), T("service.recipient"),
	T("collab.to"), T("collab.subject"), T("collab.text"),
	T("transfer.reported_on"), T("transfer.reporters"), T("transfer.offence"),
	T("transfer.approved_on"), T("transfer.police"),
	/* a patent dispute (FACTS.md §2): the requesting rights holder, the steps, the ruling */
	T("holder.name"), T("holder.id_code"), T("holder.address"), T("holder.legal_rep"),
	T("case.respondent_sent_on"), T("case.answered_on"), T("case.ruling"),
	/* a mediation (db/rules/mediation): its 调解书 */
	T("mediation.parties"), T("mediation.mediator"), T("mediation.mediated_on"),
	T("mediation.agreement"), T("mediation.effective_on"), T("mediation.document_no"),
};

const struct template_vocab document_vocab = {vars, sizeof vars / sizeof *vars};

/* After 市场监督管理行政处罚文书格式范本 (2021): the ones officers issue most (FACTS.md §14). */
const struct doc_kind document_kinds[] = {
	{"source_register", "案件来源登记表", "case source register", DOC_INTERNAL, NULL, NULL,
	 NULL, NULL},
	{"file_approval", "立案审批表", "filing approval form", DOC_INTERNAL,
	 "clue verifying filed", "file", NULL, NULL},
	{"not_file_approval", "不予立案审批表", "not-filing approval form", DOC_INTERNAL,
	 "clue verifying not_filed", "not_file", NULL, NULL},
	{"inspection_record", "现场笔录", "on-site inspection record", DOC_PARTY, NULL, NULL,
	 "inspection", NULL},
	{"interview_record", "询问笔录", "interview record", DOC_PARTY, NULL, NULL, "interview",
	 NULL},
	{"preservation_notice", "先行登记保存证据通知书", "evidence preservation notice", DOC_PARTY,
	 "clue verifying filed investigating", NULL, "measure", "preservation"},
	{"seizure_decision", "实施行政强制措施决定书", "seizure decision", DOC_PARTY,
	 "verifying filed investigating", "seizure", "measure", "seizure"},
	{"penalty_notice", "行政处罚告知书", "notice of intended penalty", DOC_PARTY,
	 "investigation_closed legal_review notified", NULL, NULL, NULL},
	{"hearing_notice", "听证通知书", "hearing notice", DOC_PARTY, "notified hearing", NULL,
	 NULL, NULL},
	{"decision", "行政处罚决定书", "penalty decision", DOC_PARTY,
	 "notified hearing decided served executing closed", "decision", NULL, NULL},
	{"service_receipt", "送达回证", "proof of service", DOC_PARTY, NULL, NULL, "issued",
	 "preservation_notice seizure_decision penalty_notice hearing_notice decision"},
	{"close_approval", "结案审批表", "closing approval form", DOC_INTERNAL,
	 "not_filed terminated decided served executing transferred closed", "close", NULL, NULL},
	{"assist_letter", "协助调查函", "letter asking for assistance", DOC_OUTSIDE,
	 "verifying filed investigating", NULL, "collab_request",
	 "investigation_assistance execution_assistance evidence_recognition"},
	{"transfer_letter", "案件移送函", "case transfer letter", DOC_OUTSIDE,
	 "clue verifying filed investigating transferred", NULL, "collab_request",
	 "case_transfer clue_transfer"},
	{"police_transfer", "涉嫌犯罪案件移送书", "transfer of a suspected crime", DOC_OUTSIDE,
	 "filed investigating investigation_closed transferred", "police_transfer", NULL, NULL},
	{"disclosure_summary", "行政处罚信息摘要", "penalty information summary", DOC_OUTSIDE,
	 "decided served executing closed", NULL, NULL, NULL},
	{"patent_ruling", "专利侵权纠纷处理决定书", "patent dispute ruling", DOC_PARTY,
	 "heard ruled served closed", NULL, NULL, NULL},
	{"mediation_agreement", "调解书", "mediation document", DOC_PARTY, NULL, NULL, "mediation",
	 NULL},
};
const size_t document_nkinds = sizeof document_kinds / sizeof *document_kinds;

const struct doc_kind *document_kind(const char *kind)
{
	for (size_t i = 0; i < document_nkinds; i++)
		if (!strcmp(document_kinds[i].kind, kind))
			return &document_kinds[i];
	return NULL;
}

/* Is v one of the space-separated words of `words`? */
static bool word_in(const char *words, const char *v)
{
	size_t n = strlen(v);

	for (const char *p = words; p && *p; p += strcspn(p, " "), p += strspn(p, " "))
		if (n && !strncmp(p, v, n) && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

bool document_fits(const struct doc_kind *k, const char *status)
{
	return !k->statuses || word_in(k->statuses, status);
}

/* ---- the context of a case (document.h) ---- */

/* A record's field as a document writes it: an enumeration by its Chinese name, officers as
 * 张三（执法证号 11010001）、李四（…）, a time as 二〇二六年十二月四日10时30分, the rest as stored. */
static json_t *field_text(const struct field *f, const json_t *v)
{
	char buf[1024], day[64];
	size_t i, len = 0;
	json_t *o;

	if (!v || json_is_null(v))
		return NULL;
	switch (f->kind) {
	case FK_ENUM:
		return json_string(schema_enum_label(f->values, json_string_value(v) ?: "", true));
	case FK_HANDLERS:
		buf[0] = '\0';
		json_array_foreach(v, i, o)
			if (len < sizeof buf)
				len += snprintf(buf + len, sizeof buf - len, "%s%s（执法证号 %s）",
						i ? "、" : "", jtext(o, "name"), jtext(o, "cert"));
		return json_string(buf);
	case FK_ORGS: /* 甲公司、乙公司 */
		buf[0] = '\0';
		json_array_foreach(v, i, o)
			if (len < sizeof buf)
				len += snprintf(buf + len, sizeof buf - len, "%s%s", i ? "、" : "",
						jstr(o, "name") ? jstr(o, "name") : jtext(o, "uscc"));
		return json_string(buf);
	case FK_DATETIME:
		if (!json_is_string(v) || strlen(json_string_value(v)) < 16)
			return NULL;
		snprintf(buf, sizeof buf, "%.10s", json_string_value(v));
		if (!cndate_format(buf, day))
			return NULL;
		snprintf(buf, sizeof buf, "%s%.2s时%.2s分", day, json_string_value(v) + 11,
			 json_string_value(v) + 14);
		return json_string(buf);
	case FK_BOOL:
		return json_string(json_is_true(v) ? "是" : "否");
	case FK_MONEY:
		return json_is_string(v) ? json_sprintf("%s元", json_string_value(v)) : NULL;
	case FK_INT:
		return json_is_integer(v) ? json_copy((json_t *)v) : NULL;
	default:
		return json_is_string(v) ? json_copy((json_t *)v) : NULL;
	}
}

/* Every field of record `r` of type t as text, under its own name. */
static json_t *record_ctx(const struct rtype *t, const json_t *r)
{
	json_t *o = json_object();

	for (size_t i = 0; o && r && i < t->nfields; i++) {
		json_t *v = field_text(&t->fields[i], json_object_get(r, t->fields[i].name));
		if (v && json_object_set_new(o, t->fields[i].name, v)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Copies o[from] to o[to] (names of the vocabulary that differ from the field's). */
static void alias(json_t *o, const char *to, const char *from)
{
	json_t *v = json_object_get(o, from);

	if (v)
		json_object_set(o, to, v);
}

static bool live(const json_t *r)
{
	return !json_is_true(json_object_get(r, "deleted"));
}

static json_t *children(const json_t *bundle, const char *type)
{
	return json_object_get(json_object_get(bundle, "children"), type);
}

/* The first live child of `type` whose `field` is one of the space-separated `values`. */
static const json_t *first_with(const json_t *bundle, const char *type, const char *field,
				const char *values)
{
	size_t i;
	json_t *r;

	json_array_foreach(children(bundle, type), i, r)
		if (live(r) && word_in(values, jtext(r, field)))
			return r;
	return NULL;
}

/* A party: its USCC, or a person's ID number, as id_code; a person's number with its
 * birth date and sequence hidden in what leaves the office (130102********1234): a published
 * summary names the party, not a person's full identity number. */
static json_t *party_ctx(const json_t *p, bool outside)
{
	json_t *o = record_ctx(&case_party_type, p);
	const char *id = jstr(p, "id_number");
	char masked[32];

	if (!o || jstr(p, "uscc")) {
		alias(o, "id_code", "uscc");
		return o;
	}
	if (id && outside && strlen(id) == 18) {
		snprintf(masked, sizeof masked, "%.6s********%s", id, id + 14);
		json_object_set_new(o, "id_code", json_string(masked));
	} else {
		alias(o, "id_code", "id_number");
	}
	return o;
}

/* case.decision_number: the number of the decision issued here, else (a decision made on
 * paper) the case's own number once it is decided — the decision takes the penalty series. */
static int decision_number(db *d, json_t *c, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT number FROM t_issued WHERE case_id = ? AND kind ="
				   " 'decision' AND number IS NOT NULL ORDER BY created_hlc DESC"
				   " LIMIT 1", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		json_object_set_new(c, "decision_number",
				    json_string((const char *)sqlite3_column_text(st, 0)));
	else if (json_object_get(c, "decided_on"))
		alias(c, "decision_number", "case_no");
	sqlite3_reset(st);
	return 0;
}

/* One approval as the rows of an approval form: the officer's request, then the answer. */
static int approval_rows(json_t *rows, const json_t *a)
{
	char step[128];
	const char *label = schema_enum_label(approval_steps, jtext(a, "step"), true);

	snprintf(step, sizeof step, "%s申请", label);
	if (json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:s?}", "step", step, "officer",
			jtext(a, "asked_by"), "opinion", jtext(a, "reason"), "decided_on",
			jstr(a, "asked_on"))))
		return -1;
	if (!jstr(a, "decided_on"))
		return 0;
	snprintf(step, sizeof step, "%s审批", label);
	return json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:s}", "step", step, "officer",
			jtext(a, "approver"), "opinion", jtext(a, "opinion"), "decided_on",
			jstr(a, "decided_on")));
}

static json_t *approvals_ctx(const json_t *bundle, const char *step)
{
	json_t *rows = json_array(), *a;
	size_t i;

	json_array_foreach(children(bundle, "approval"), i, a)
		if (rows && step && live(a) && !strcmp(jtext(a, "step"), step)
		    && approval_rows(rows, a)) {
			json_decref(rows);
			return NULL;
		}
	return rows;
}

static json_t *evidence_ctx(const json_t *bundle)
{
	json_t *list = json_array(), *r, *o;
	size_t i;

	json_array_foreach(children(bundle, "evidence"), i, r) {
		if (!live(r))
			continue;
		if (!(o = record_ctx(&case_evidence_type, r))
		    || json_array_append_new(list, o)) {
			json_decref(list);
			return NULL;
		}
		alias(o, "place", "collected_place");
		if (jstr(r, "collected_at"))
			json_object_set_new(o, "collected_on", json_stringn(jstr(r, "collected_at"), 10));
	}
	return list;
}

/* The measure's limit (行政强制法 art. 25: 30 days, 60 extended; 行政处罚法 art. 56: 7 working
 * days to decide on preserved evidence), as db/rules/deadline counts it. */
static int measure_term(db *d, json_t *o, const json_t *m, ipc_err *e)
{
	const char *on = jstr(m, "taken_on");
	bool seizure = !strcmp(jtext(m, "kind"), "seizure"), confirmed;
	int days = seizure ? (json_is_true(json_object_get(m, "extended")) ? 60 : 30) : 7;
	char end[11];

	json_object_set_new(o, "days", json_integer(days));
	if (!on)
		return 0;
	json_object_set_new(o, "start_on", json_string(on));
	if (seizure ? cal_add_days(on, days, end) : cal_add_workdays(d, on, days, end, &confirmed, e))
		return seizure ? 0 : -1;
	json_object_set_new(o, "end_on", json_string(end));
	return 0;
}

static json_t *items_ctx(const json_t *bundle, const char *measure_id)
{
	json_t *list = json_array(), *r, *o;
	size_t i;

	json_array_foreach(children(bundle, "item"), i, r)
		if (live(r) && measure_id && !strcmp(jtext(r, "measure_id"), measure_id)
		    && (!(o = record_ctx(&item_type, r)) || json_array_append_new(list, o))) {
			json_decref(list);
			return NULL;
		}
	return list;
}

/* ---- the subject: the record a document is about, beyond its case ---- */

/* The latest live record of the kind's subject type and kinds in case `case_id`: its id in
 * out, "" when there is none. (Its SQL names a table: prepared here, not in db_stmt's cache,
 * which knows a statement by its text's address.) */
static int subject_latest(db *d, const struct doc_kind *k, const char *case_id, char out[37],
			  ipc_err *e)
{
	const struct rtype *t = schema_type(k->subject);
	char sql[256];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT id, %s FROM %s WHERE case_id = ?%s"
		 " ORDER BY created_hlc DESC, id DESC", k->subject_kinds ? "kind" : "NULL",
		 t->table, schema_field(t, "deleted") ? " AND coalesce(deleted, 0) = 0" : "");
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, "finding a document's record");
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	out[0] = '\0';
	while (!out[0] && sqlite3_step(st) == SQLITE_ROW)
		if (!k->subject_kinds || word_in(k->subject_kinds,
						 (const char *)sqlite3_column_text(st, 1) ?: ""))
			snprintf(out, 37, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

int document_subject(db *d, const struct doc_kind *k, const char *case_id, const char *id,
		     json_t **out, ipc_err *e)
{
	const struct rtype *t = schema_type(k->subject ?: "");
	char latest[37];
	json_t *r;

	*out = NULL;
	if (!t)
		return id ? err_kind(e, IPC_E_USAGE, "subject", _("a %s is made from its case alone: "
				     "leave out the record"), k->zh) : 0;
	if (!id && subject_latest(d, k, case_id, latest, e))
		return -1;
	if (!id && !latest[0])
		return err_kind(e, IPC_E_RULE, k->subject, _("the case has no %s to make a %s of: "
				"record one first"), i18n_zh() ? t->zh : t->en, k->zh);
	if (!(r = db_get(d, id ?: latest, e)))
		return -1;
	if (strcmp(jtext(r, "type"), k->subject) || strcmp(jtext(r, "case_id"), case_id)
	    || (k->subject_kinds && !word_in(k->subject_kinds, jtext(r, "kind")))) {
		json_decref(r);
		return err_kind(e, IPC_E_RULE, "subject", _("%s is not a %s of this case that a %s "
				"is made from"), id, i18n_zh() ? t->zh : t->en, k->zh);
	}
	*out = r;
	return 0;
}

/* ---- the context ---- */

static int subject_ctx(db *d, json_t *ctx, const json_t *bundle, const json_t *r, ipc_err *e)
{
	const char *type = jtext(r, "type");
	json_t *o = record_ctx(schema_type(type), r), *office;

	if (!o || json_object_set_new(ctx, !strcmp(type, "collab_request") ? "collab"
				      : !strcmp(type, "issued") ? "service" : type, o))
		return err_nomem(e);
	if (!strcmp(type, "measure")) {
		return measure_term(d, o, r, e) || json_object_set_new(ctx, "items",
				items_ctx(bundle, jstr(r, "id"))) ? -1 : 0;
	}
	if (!strcmp(type, "interview")) {
		alias(o, "at", "started_at");
		alias(o, "id_code", "id_number");
		if (json_is_true(json_object_get(r, "read_back")))
			json_object_set_new(o, "read_back", json_string("以上笔录我已看过（已向我宣读），"
					    "与我所说的相符。"));
		else
			json_object_del(o, "read_back");
	} else if (!strcmp(type, "inspection")) {
		alias(o, "place", "place_name");
		alias(o, "at", "inspected_at");
	} else if (!strcmp(type, "collab_request")) {
		office = office_get(d, jtext(r, "to_office"), NULL);
		json_object_set_new(o, "to", json_string(office ? jtext(office, "name")
							 : jtext(r, "to_office")));
		json_decref(office);
		alias(o, "text", "body");
	} else if (!strcmp(type, "issued")) { /* what was served, where and how (the case's) */
		const struct doc_kind *k = document_kind(jtext(r, "kind"));
		json_t *c = json_object_get(ctx, "case"), *p = json_object_get(ctx, "party");
		json_object_set_new(o, "title", json_string(k ? k->zh : jtext(r, "kind")));
		if (json_object_get(c, "service_method"))
			json_object_set(o, "method", json_object_get(c, "service_method"));
		if (json_object_get(p, "address"))
			json_object_set(o, "place", json_object_get(p, "address"));
	}
	return 0;
}

/* 涉嫌犯罪案件移送书: the case's latest live transfer record (db/rules/police), when it has
 * one, as transfer.*; the police it names are the addressee (case.transferred_to), so the
 * record and the letter cannot name two. */
static int transfer_ctx(json_t *ctx, const json_t *bundle)
{
	const json_t *r, *last = NULL;
	json_t *o, *police;
	size_t i;

	json_array_foreach(children(bundle, police_transfer_type.name), i, r)
		if (live(r))
			last = r;
	if (!last)
		return 0;
	if (!(o = record_ctx(&police_transfer_type, last)) || json_object_set_new(ctx, "transfer", o))
		return -1;
	if ((police = json_object_get(o, "police")))
		json_object_set(json_object_get(ctx, "case"), "transferred_to", police);
	return 0;
}

/* Every reporter's and complainant's identifying values (name, codes, phone, address), in
 * the normal form of base/secret — the form the guard compares confidential values in. */
static json_t *reporter_values(const json_t *bundle)
{
	static const char *const keys[] = {"name", "uscc", "id_number", "phone", "address"};
	json_t *vals = json_array(), *p;
	size_t i;
	char *normal;

	json_array_foreach(children(bundle, "party"), i, p)
		if (word_in("reporter complainant", jtext(p, "role")))
			for (size_t k = 0; vals && k < sizeof keys / sizeof *keys; k++) {
				if (!jstr(p, keys[k]) || !(normal = secret_normal(jstr(p, keys[k]))))
					continue;
				if (strlen(normal) >= 2)
					json_array_append_new(vals, json_string(normal));
				free(normal);
			}
	return vals;
}

/* Does text, in normal form, hold one of vals? (138-0013 8000 meets 13800138000, 钱 某某 meets
 * 钱某某.) */
static bool holds(const char *text, const json_t *vals)
{
	char *normal = secret_normal(text);
	bool found = !normal; /* out of memory: refuse rather than let it through */
	json_t *x;
	size_t i;

	json_array_foreach(vals, i, x)
		found = found || (normal && strstr(normal, json_string_value(x)));
	free(normal);
	return found;
}

/* The first string of ctx (at any depth) that holds one of vals, its path in `at`. */
static bool mentions(const json_t *v, const json_t *vals, char *at, size_t n)
{
	const char *key;
	json_t *x;
	size_t i, len = strlen(at);

	if (json_is_string(v))
		return holds(json_string_value(v), vals);
	json_object_foreach((json_t *)v, key, x) {
		snprintf(at + len, n - len, "%s%s", len ? "." : "", key);
		if (mentions(x, vals, at, n))
			return true;
	}
	json_array_foreach(v, i, x) {
		snprintf(at + len, n - len, "[%zu]", i + 1);
		if (mentions(x, vals, at, n))
			return true;
	}
	at[len] = '\0';
	return false;
}

/* The invariant of document.h, checked on the whole context: a reporter's name typed into
 * the facts or an item's note is refused, naming where. */
static int reporter_check(const json_t *bundle, const json_t *ctx, ipc_err *e)
{
	json_t *vals = reporter_values(bundle);
	char at[256] = "";
	int rc = 0;

	if (!vals)
		return err_nomem(e);
	if (mentions(ctx, vals, at, sizeof at))
		rc = err_kind(e, IPC_E_RULE, at, _("%s names the reporter or complainant, and this "
				"document leaves the office: reword it before issuing"), at);
	json_decref(vals);
	return rc;
}

json_t *document_context(db *d, const struct doc_kind *k, const json_t *bundle,
			 const json_t *subject, ipc_err *e)
{
	const json_t *kase = json_object_get(bundle, "record"), *p;
	json_t *ctx = json_object(), *c = record_ctx(&case_type, kase);

	if (!ctx || !c || json_object_set_new(ctx, "case", c))
		goto nomem;
	alias(c, "no", "case_no");
	if (decision_number(d, c, jstr(kase, "id"), e))
		goto fail;
	if ((p = first_with(bundle, "party", "role", "respondent"))
	    && json_object_set_new(ctx, "party", party_ctx(p, k->audience == DOC_OUTSIDE)))
		goto nomem;
	/* a patent dispute's requester: the rights holder, named in its ruling */
	if ((p = first_with(bundle, "party", "role", "rights_holder"))
	    && json_object_set_new(ctx, "holder", party_ctx(p, k->audience == DOC_OUTSIDE)))
		goto nomem;
	if (k->audience == DOC_INTERNAL
	    && (p = first_with(bundle, "party", "role", "reporter complainant"))
	    && json_object_set_new(ctx, "reporter", party_ctx(p, false)))
		goto nomem;
	if (json_object_set_new(ctx, "approvals", approvals_ctx(bundle, k->step))
	    || json_object_set_new(ctx, "evidence", evidence_ctx(bundle))
	    || json_object_set_new(ctx, "doc", json_pack("{s:s}", "kind", k->zh))
	    || (!strcmp(k->kind, "police_transfer") && transfer_ctx(ctx, bundle)))
		goto nomem;
	if ((subject && subject_ctx(d, ctx, bundle, subject, e))
	    || (k->audience != DOC_INTERNAL && reporter_check(bundle, ctx, e)))
		goto fail;
	return ctx;
nomem:
	err_nomem(e);
fail:
	json_decref(ctx);
	return NULL;
}
