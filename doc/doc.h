/* doc — a document (文书) as the renderers see it: blocks of text, fields and tables, already
 * filled from the case. Pure data: no SQLite, no case logic; the renderers (doc/pdf, doc/docx)
 * and the template filler (doc/template) share it.
 *
 * Invariants: every string is valid UTF-8 owned by the doc (doc_free frees all); a table's
 * cells are row-major, row 0 is the header, every row has ncols cells (NULL for an empty one). */
#ifndef IPCASE_DOC_H
#define IPCASE_DOC_H

#include <stddef.h>

enum doc_block_kind {
	DOC_HEADING, /* a section heading, bold: text */
	DOC_PARA,    /* a paragraph, first line indented two characters: text */
	DOC_FIELD,   /* a labelled line of a form (案件名称：…): label, text */
	DOC_TABLE,   /* a table that splits across pages, its header repeated: cells */
	DOC_SIGN,    /* signature and seal blanks: labels in cells[0..ncols-1], nrows = 1 */
};

struct doc_block {
	enum doc_block_kind kind;
	char *label, *text;
	size_t ncols, nrows;
	char **cells; /* nrows × ncols */
};

struct doc {
	char *office;   /* 石家庄市市场监督管理局: the page's first line */
	char *title;    /* 立案审批表 */
	char *number;   /* 石市监立〔2026〕3号, or NULL before issue */
	char *date;     /* the issue date in Chinese: 二〇二六年十二月四日 */
	char *qr;       /* the QR code's text (office, number, hash), NULL for none */
	char *mark;     /* NULL, or the mark a verifier reads back from the file (doc/pdf.h:
			 * PDF_MARK_PREFIX, then [A-Za-z0-9:._-], no blanks, < PDF_MARK_MAX) */
	struct doc_block *v;
	size_t n, cap;
};

/* Appends a block of `kind`; label and text are copied (NULL stays NULL). A table's or a
 * signature row's cells then come from doc_add_row. NULL when memory ran out. */
struct doc_block *doc_add(struct doc *d, enum doc_block_kind kind, const char *label,
			  const char *text);

/* Appends a row of b->ncols cells (copied) to a table or signature block; -1 without memory.
 * The first row given sets ncols. */
int doc_add_row(struct doc_block *b, const char *const *cells, size_t ncols);

void doc_free(struct doc *d);

#endif
