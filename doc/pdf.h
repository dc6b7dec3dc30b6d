/* pdf — a doc (doc/doc.h) printed as an A4 PDF with cairo and pango: the office, the title, the
 * number, the blocks, the date, "第 N 页 共 M 页" on every page; Noto CJK fonts embedded.
 *
 * Layout after the SAMR 文书格式范本 and GB/T 9704: A4 portrait, margins 30 mm top, 28 mm
 * bottom, 28 mm left, 26 mm right; Chinese line breaking by pango (zh-cn). The body is set in
 * "Noto Serif CJK SC", headings and the title in "Noto Sans CJK SC" (Debian: fonts-noto-cjk). */
#ifndef IPCASE_PDF_H
#define IPCASE_PDF_H

#include "base/err.h"
#include "doc/doc.h"

/* The mark (struct doc's `mark`): an ASCII word that pdf_render stores as the PDF's Keywords, a
 * literal string in the file's bytes, so that pdf_mark_read finds it by scanning them, whatever
 * else in the file changed. It starts with PDF_MARK_PREFIX, the rest is [A-Za-z0-9:._-], and it
 * is shorter than PDF_MARK_MAX bytes; the issuing code puts the content's hash in it
 * ("ipcase-doc:v1:<64 hex>"). */
#define PDF_MARK_PREFIX "ipcase-doc:"
#define PDF_MARK_MAX 128

/* A rectangle on a page in PostScript points (1/72 inch), from the page's top left corner. */
struct pdf_rect {
	double x, y, w, h;
};

/* The square kept empty on page 1 for the document's QR code (25 mm, the top right corner of
 * the text area): the header's lines stay left of it and the blocks start below it. */
extern const struct pdf_rect pdf_qr_rect;

/* Writes d to path as a PDF (the file is replaced), with d->qr's QR code in pdf_qr_rect and
 * d->mark in the metadata when they are not NULL. Fails (IPC_E_IO) when path cannot be
 * written, naming it and why, and removes what it wrote; fails naming the Debian package when
 * a font is missing; IPC_E_RULE for a mark not of the form above (field "mark") or a QR text
 * too long for a QR code (field "qr"). */
int pdf_render(const struct doc *d, const char *path, ipc_err *e);

/* The first mark in path's bytes into out (n bytes, PDF_MARK_MAX will do): PDF_MARK_PREFIX,
 * then 1 or more of [A-Za-z0-9:._-], then ')' (the end of the PDF string), no longer than
 * PDF_MARK_MAX - 1 nor n - 1 bytes; anything else after a prefix is passed over. The file is
 * read in blocks, never parsed, so a file changed elsewhere still gives its mark. 0 with the
 * mark, 1 when there is none, -1 (IPC_E_IO) when path cannot be read. */
int pdf_mark_read(const char *path, char *out, size_t n, ipc_err *e);

#endif
