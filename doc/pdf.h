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

/* A rectangle on a page in PostScript points (1/72 inch), from the page's top left corner. */
struct pdf_rect {
	double x, y, w, h;
};

/* The square kept empty on page 1 for the document's QR code (25 mm, the top right corner of
 * the text area): the header's lines stay left of it and the blocks start below it. */
extern const struct pdf_rect pdf_qr_rect;

/* Writes d to path as a PDF (the file is replaced). Fails (IPC_E_IO) when path cannot be
 * written, naming it and why, and removes what it wrote; fails naming the Debian package when
 * a font is missing. */
int pdf_render(const struct doc *d, const char *path, ipc_err *e);

#endif
