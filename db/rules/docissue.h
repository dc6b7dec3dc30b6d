/* docissue — issuing documents (issue 15): the `issued` record (kind, number, date, the
 * file and its SHA-256, the SHA-256 of its content, the record it was made from, the issue
 * it corrects), making a case's document from its template, and telling an issued file from
 * an altered one.
 *
 * Invariants: a document is issued only with every datum its template requires; its number
 * comes from the office's series for its kind (db/rules/caseno) and a corrected reissue keeps
 * the number, recording the issue it replaces, so both stay in the history; the record names
 * the file's SHA-256 and size, and the file stays where it was written — not attached: a PDF
 * with its CJK font subsets weighs about 600 KB, and the office's repository would carry
 * every one of a hundred thousand cases' papers, while the hashes alone let every device of
 * the office check a file. A file cannot carry its own hash: the page's QR code and the PDF's mark carry the hash of the
 * content (the filled document), which names the issue when the file was changed since. */
#ifndef IPCASE_DOCISSUE_H
#define IPCASE_DOCISSUE_H

#include <jansson.h>
#include <limits.h>
#include <stdbool.h>

#include "db/db.h"
#include "db/schema.h"

extern const struct rtype issued_type;

struct docissue_req {
	const char *case_id; /* its full id */
	const char *kind;    /* document_kinds[].kind */
	const char *subject; /* the record it is made from (document_subject), or NULL */
	const char *format;  /* "pdf" (NULL) or "docx" */
	const char *path;    /* where the file goes, or NULL: docissue_default_path */
};

struct docissue_out {
	char id[37];          /* the issued record */
	char number[160];     /* "" for a document without a number */
	char path[PATH_MAX];  /* where the file went */
	char replaces[37];    /* the issue it corrects, "" for a first issue */
	json_t *missing;      /* refused for missing data: the names (caller decrefs) */
};

/* Where this workspace's own templates and office settings are (an office's directory,
 * <home>/templates) and where the shipped ones are (base/paths). */
void docissue_dirs(db *d, char office[PATH_MAX], char shipped[PATH_MAX]);

/* Makes and issues a document of the case. Refused (IPC_E_RULE) when the case's stage is
 * not the kind's, when data is missing (every name in out->missing and in the message), or
 * when text bound outside the office names a reporter; nothing is written then. */
int docissue_make(db *d, const struct docissue_req *r, struct docissue_out *out, ipc_err *e);

/* What the case can issue: [{"kind","title","audience","fits","missing":[…],"problem",
 * "issued":[{"id","number","issued_on","format","replaces","file"}…]}…], in the order of
 * document_kinds. "missing" lists what its template still needs (empty when it can be
 * issued), "problem" a reason it cannot be made at all (no measure to make it from…). */
json_t *docissue_list(db *d, const char *case_id, ipc_err *e);

/* Checks a file: {"state": "unchanged" | "changed" | "unknown", and for the first two the
 * issue: "id","kind","title","number","issued_on","case_id","case_no","office","officer"}. */
int docissue_verify(db *d, const char *path, json_t **out, ipc_err *e);

#endif
