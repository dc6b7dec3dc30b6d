/* docx — a doc (doc/doc.h) written as a Word document (.docx, WordprocessingML) that Word, WPS
 * and LibreOffice open and an officer can still edit: the office, the title, the number, the
 * blocks, the date, "第 X 页 共 Y 页" in the footer (PAGE and NUMPAGES fields).
 *
 * The layout follows doc/pdf: A4 portrait, the same GB/T 9704 margins, faces and sizes, the
 * same order; a table is a real table whose header row repeats on every page. The zip
 * container is written by libzip, every XML part by libxml2's xmlTextWriter (so every text is
 * escaped). */
#ifndef IPCASE_DOCX_H
#define IPCASE_DOCX_H

#include "base/err.h"
#include "doc/doc.h"

/* Writes d to path as a .docx (the file is replaced only once the whole package is written:
 * libzip writes a temporary file beside path and renames it). Fails (IPC_E_IO) when path
 * cannot be written, naming it and why; a failed render leaves path as it was. */
int docx_render(const struct doc *d, const char *path, ipc_err *e);

#endif
