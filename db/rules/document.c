/* document — the kinds of documents, their vocabulary and the context a case gives it
 * (db/rules/document.h). */
#include "db/rules/document.h"

#include <string.h>

#include "base/i18n.h"

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
};

const struct template_vocab document_vocab = {vars, sizeof vars / sizeof *vars};

/* After 市场监督管理行政处罚文书格式范本 (2021): the ones officers issue most (FACTS.md §14). */
const struct doc_kind document_kinds[] = {
	{"source_register", "案件来源登记表", "case source register", DOC_INTERNAL, NULL, NULL},
	{"file_approval", "立案审批表", "filing approval form", DOC_INTERNAL,
	 "clue verifying filed", "file"},
	{"not_file_approval", "不予立案审批表", "not-filing approval form", DOC_INTERNAL,
	 "clue verifying not_filed", "not_file"},
	{"inspection_record", "现场笔录", "on-site inspection record", DOC_PARTY, NULL, NULL},
	{"interview_record", "询问笔录", "interview record", DOC_PARTY, NULL, NULL},
	{"preservation_notice", "先行登记保存证据通知书", "evidence preservation notice", DOC_PARTY,
	 "clue verifying filed investigating", NULL},
	{"seizure_decision", "实施行政强制措施决定书", "seizure decision", DOC_PARTY,
	 "verifying filed investigating", "seizure"},
	{"penalty_notice", "行政处罚告知书", "notice of intended penalty", DOC_PARTY,
	 "investigation_closed legal_review notified", NULL},
	{"hearing_notice", "听证通知书", "hearing notice", DOC_PARTY, "notified hearing", NULL},
	{"decision", "行政处罚决定书", "penalty decision", DOC_PARTY,
	 "notified hearing decided served executing closed", "decision"},
	{"service_receipt", "送达回证", "proof of service", DOC_PARTY, NULL, NULL},
	{"close_approval", "结案审批表", "closing approval form", DOC_INTERNAL,
	 "not_filed terminated decided served executing transferred closed", "close"},
	{"assist_letter", "协助调查函", "letter asking for assistance", DOC_OUTSIDE,
	 "verifying filed investigating", NULL},
	{"transfer_letter", "案件移送函", "case transfer letter", DOC_OUTSIDE,
	 "clue verifying filed investigating transferred", NULL},
	{"police_transfer", "涉嫌犯罪案件移送书", "transfer of a suspected crime", DOC_OUTSIDE,
	 "filed investigating investigation_closed transferred", "police_transfer"},
	{"disclosure_summary", "行政处罚信息摘要", "penalty information summary", DOC_OUTSIDE,
	 "decided served executing closed", NULL},
};
const size_t document_nkinds = sizeof document_kinds / sizeof *document_kinds;

const struct doc_kind *document_kind(const char *kind)
{
	for (size_t i = 0; i < document_nkinds; i++)
		if (!strcmp(document_kinds[i].kind, kind))
			return &document_kinds[i];
	return NULL;
}

bool document_fits(const struct doc_kind *k, const char *status)
{
	size_t n = strlen(status);

	for (const char *p = k->statuses; p && *p; p += strcspn(p, " "), p += strspn(p, " "))
		if (!strncmp(p, status, n) && (p[n] == ' ' || !p[n]))
			return true;
	return !k->statuses;
}
