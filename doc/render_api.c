/* render_api — the table the renderer library exports (doc/render.h): its writers, by the
 * names the program calls them. Built into ipcase-render.so only. */
#include "doc/render.h"

#include "doc/docx.h"
#include "doc/pdf.h"

extern const struct render_api ipcase_render_api;

const struct render_api ipcase_render_api = {
	.version = RENDER_VERSION,
	.pdf_render = pdf_render,
	.pdf_mark_read = pdf_mark_read,
	.docx_render = docx_render,
	.sheet_open = sheet_open,
	.sheet_tab = sheet_tab,
	.sheet_row = sheet_row,
	.sheet_close = sheet_close,
	.sheet_abort = sheet_abort,
};
