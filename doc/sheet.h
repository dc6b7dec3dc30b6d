/* sheet — spreadsheets (XLSX, libxlsxwriter in constant-memory mode): tabs of typed rows
 * under a frozen header row with an autofilter, columns as wide as their Chinese text, written
 * to FILE.part and renamed to FILE when complete. Rows go out in order and are never held:
 * a tab of 100 000 rows costs its widths only. Text cells are always strings, never formulas,
 * so a title such as =HYPERLINK(…) from another office arrives as that text. */
#ifndef IPCASE_SHEET_H
#define IPCASE_SHEET_H

#include <stddef.h>

#include "base/err.h"

enum sheet_kind {
	SHEET_EMPTY,
	SHEET_TEXT,
	SHEET_INT,   /* "12" */
	SHEET_MONEY, /* yuan as base/money writes them, "1500.75": a number shown #,##0.00 */
	SHEET_DATE,  /* "2026-11-03": a date cell shown yyyy-mm-dd */
};

/* A cell: its kind and its value as text (NULL or "" is an empty cell of any kind). */
struct sheet_cell {
	enum sheet_kind kind;
	const char *s;
};

typedef struct sheet sheet;

/* A workbook that will be written to path (through path.part). */
sheet *sheet_open(const char *path, ipc_err *e);

/* A new tab (name at most 31 characters) with this header row; returns its index from 0, or
 * -1. Tabs may be written to in turn, each one's rows in order. */
int sheet_tab(sheet *s, const char *name, const char *const *headers, size_t n, ipc_err *e);

/* The next row of tab `tab`, n cells (at most the header's). A malformed number or date is
 * written as the text it is. */
int sheet_row(sheet *s, int tab, const struct sheet_cell *cells, size_t n, ipc_err *e);

/* Sets the widths and filters, writes the file and renames it into place; frees s whatever
 * happens (on failure nothing is left at path or path.part). */
int sheet_close(sheet *s, ipc_err *e);

/* Gives up: frees s and removes what was written. */
void sheet_abort(sheet *s);

#endif
