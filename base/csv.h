/* csv — comma-separated files as spreadsheets write them (RFC 4180): quoted fields with
 * doubled quotes, commas and line breaks inside quotes, CRLF or LF line ends, UTF-8 with an
 * optional byte-order mark. Reading says where a bad record began and why; writing quotes
 * only what needs it.
 *
 * Formulas: a spreadsheet opening an export would run a cell such as =HYPERLINK(…) or
 * +cmd|… that came from another office. So a written field that begins with =, +, -, @, tab
 * or CR gets a leading ', and so does one that begins with ' itself; reading removes exactly
 * that one ' where it stands before one of those characters (another ' included), so what is
 * written is read back unchanged. */
#ifndef IPCASE_CSV_H
#define IPCASE_CSV_H

#include <stdio.h>

#include "base/err.h"

struct csv {
	char *buf;    /* the whole file; fields point into it */
	size_t len, pos;
	long line;    /* the line the reader is on, from 1 */
};

struct csv_row {
	char **field; /* into the reader's buffer, valid until the next csv_next */
	size_t n, cap;
	long line;    /* the line the record began on */
};

/* Reads the file (at most 64 MiB), skipping a UTF-8 byte-order mark. */
int csv_open(const char *path, struct csv *c, ipc_err *e);
void csv_close(struct csv *c);

/* The next record, blank lines skipped, formula guards removed: 1 with its fields in row, 0 at the end of the file,
 * -1 for a malformed record (e says why, row->line where it began); the reader has then moved
 * to the next line, so the caller may go on. */
int csv_next(struct csv *c, struct csv_row *row, ipc_err *e);
void csv_row_free(struct csv_row *row);

/* One record, formulas guarded, quoting the fields that hold a comma, a quote, a line break
 * or edge spaces; ends with CRLF. NULL fields are written empty. */
void csv_write(FILE *out, const char *const *fields, size_t n);

#endif
