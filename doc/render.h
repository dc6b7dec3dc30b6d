/* render — the document writers (doc/pdf, doc/docx, doc/sheet) behind one table, which the
 * program takes from the renderer library the first time a document or a sheet is made.
 *
 * Why: cairo, pango, libzip, libxml2, qrencode and libxlsxwriter bring some 45 shared
 * libraries; mapping and relocating them took 14 ms of every command's start (a no-op sync is
 * 25 ms). The program (./ipcase) links none of them; the renderer library beside it
 * (./ipcase-render.so, built by `make` with the program) holds the writers, the parts of
 * base/ they use, and those libraries. Its one exported symbol is RENDER_SYMBOL, a struct
 * render_api whose `version` must equal RENDER_VERSION: a library from another build is
 * refused by name rather than called through a table of another shape.
 *
 * Where the library is: $IPCASE_RENDER when set, else beside the program as
 * <program>-render.so (./ipcase → ./ipcase-render.so, build/ipcase-san →
 * build/ipcase-san-render.so), else ../lib/ipcase/ipcase-render.so from the program's folder.
 * The tests and the benchmarks link the writers themselves and never load it. */
#ifndef IPCASE_RENDER_H
#define IPCASE_RENDER_H

#include <stddef.h>

#include "base/err.h"
#include "doc/doc.h"
#include "doc/sheet.h"

#define RENDER_SYMBOL "ipcase_render_api"
#define RENDER_VERSION 1

struct render_api {
	int version;
	int (*pdf_render)(const struct doc *d, const char *path, ipc_err *e);
	int (*pdf_mark_read)(const char *path, char *out, size_t n, ipc_err *e);
	int (*docx_render)(const struct doc *d, const char *path, ipc_err *e);
	sheet *(*sheet_open)(const char *path, ipc_err *e);
	int (*sheet_tab)(sheet *s, const char *name, const char *const *headers, size_t n,
			 ipc_err *e);
	int (*sheet_row)(sheet *s, int tab, const struct sheet_cell *cells, size_t n, ipc_err *e);
	int (*sheet_close)(sheet *s, ipc_err *e);
	void (*sheet_abort)(sheet *s);
};

#endif
