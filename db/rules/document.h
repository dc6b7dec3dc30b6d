/* document — the documents (文书) a case can issue (FACTS.md §14): each kind's title, who it
 * is addressed to, the stages of the case it belongs to; the vocabulary its template may use
 * (doc/template.h); and the context a case gives that vocabulary.
 *
 * Invariant (issue 15, "never leaking a reporter's identity"): the context of a document
 * addressed outside the office (to the party, another office, the police, the public) holds
 * nothing of a party whose role is reporter or complainant — not as `party`, not as
 * `reporter`, not in any list — whatever its template names; only internal forms
 * (DOC_INTERNAL) get `reporter.*`. */
#ifndef IPCASE_DOCUMENT_H
#define IPCASE_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"
#include "doc/template.h"

enum doc_audience {
	DOC_INTERNAL, /* kept in the file: registers, approval forms, records */
	DOC_PARTY,    /* served on the party: notices, decisions, receipts */
	DOC_OUTSIDE,  /* sent to another office, the police or published */
};

struct doc_kind {
	const char *kind;     /* file_approval: data/templates/file_approval.tmpl */
	const char *zh, *en;  /* 立案审批表 */
	enum doc_audience audience;
	const char *statuses; /* the case statuses it belongs to, space-separated; NULL: any */
	const char *step;     /* the approval step whose approvals it carries, or NULL */
	/* the record it is made from beside the case (a measure, an interview, a collaboration
	 * request, the issued document it proves served), NULL for none; and the kinds of that
	 * record it takes, space-separated, NULL for any */
	const char *subject, *subject_kinds;
};

extern const struct doc_kind document_kinds[];
extern const size_t document_nkinds;

/* The kind named `kind`, or NULL. */
const struct doc_kind *document_kind(const char *kind);

/* Does the case's status belong to the kind's stages? */
bool document_fits(const struct doc_kind *k, const char *status);

/* The record of case `case_id` that a document of kind k is made from: the record `id`
 * (checked: its type, case and kind), or without id the latest one; *out NULL for a kind
 * made from the case alone. Caller owns *out. */
int document_subject(db *d, const struct doc_kind *k, const char *case_id, const char *id,
		     json_t **out, ipc_err *e);

/* The context of the vocabulary a case gives a document of kind k: bundle is db_bundle's of
 * the case, subject from document_subject (or NULL). Leaves out office.*, review.*,
 * doc.number and doc.issued_on, the issuer's to add. NULL with e filled when a text bound for
 * outside the office names a reporter or complainant (e's field says where). */
json_t *document_context(db *d, const struct doc_kind *k, const json_t *bundle,
			 const json_t *subject, ipc_err *e);

/* The names templates may use (docs/ARCHITECTURE.md, "Documents: templates"). */
extern const struct template_vocab document_vocab;

#endif
