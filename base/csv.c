/* csv — RFC 4180 reading and writing. */
#include "base/csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/grow.h"
#include "base/i18n.h"

#define CSV_MAX ((size_t)64 << 20)

int csv_open(const char *path, struct csv *c, ipc_err *e)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	memset(c, 0, sizeof *c);
	if (!f)
		return err_set(e, _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fileno(f), &st) || (size_t)st.st_size > CSV_MAX) {
		fclose(f);
		return err_set(e, _("%s: not a file of at most 64 MiB"), path);
	}
	c->buf = malloc((size_t)st.st_size + 1);
	if (!c->buf || fread(c->buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		fclose(f);
		csv_close(c);
		return err_set(e, _("cannot read %s: %s"), path, strerror(errno));
	}
	fclose(f);
	c->len = (size_t)st.st_size;
	c->buf[c->len] = '\0';
	c->line = 1;
	if (c->len >= 3 && memcmp(c->buf, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
	return 0;
}

void csv_close(struct csv *c)
{
	free(c->buf);
	memset(c, 0, sizeof *c);
}

void csv_row_free(struct csv_row *row)
{
	free(row->field);
	memset(row, 0, sizeof *row);
}

static int add_field(struct csv_row *row, char *start)
{
	char **f = grow(row->field, &row->cap, row->n, sizeof *f);

	if (!f)
		return -1;
	row->field = f;
	row->field[row->n++] = start;
	return 0;
}

/* After a malformed record: on to the line after the one the error is on. */
static int skip_line(struct csv *c, ipc_err *e, const char *why)
{
	char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);

	c->pos = nl ? (size_t)(nl - c->buf) + 1 : c->len;
	c->line += nl != NULL;
	return err_set(e, "%s", why);
}

/* What ends a field at p: ',' a comma, '\n' a line end (CRLF or LF), 0 the end of the file,
 * -1 anything else; *skip gets its length. */
static int field_end(const struct csv *c, const char *p, size_t *skip)
{
	*skip = 1;
	if ((size_t)(p - c->buf) >= c->len)
		return *skip = 0, 0;
	if (*p == ',' || *p == '\n')
		return *p;
	if (*p == '\r' && p[1] == '\n')
		return *skip = 2, '\n';
	return -1;
}

/* Reads the field at c->pos into the buffer in place (unquoting only shortens it) and moves
 * past the delimiter that ends it, which *end gets (see field_end). */
static int read_field(struct csv *c, char *out, int *end, ipc_err *e)
{
	char *p = c->buf + c->pos, *w = out;
	size_t skip;

	if (*p != '"') {
		for (; (*end = field_end(c, p, &skip)) < 0; p++) {
			if (*p == '"')
				return skip_line(c, e, _("a quote inside an unquoted field: enclose "
						       "the field in quotes and double the quote"));
			if (!*p)
				return skip_line(c, e, _("a NUL byte in the file"));
			*w++ = *p;
			c->pos++;
		}
	} else {
		for (p++, c->pos++; ; p++, c->pos++) {
			if (c->pos >= c->len)
				return skip_line(c, e, _("a quoted field is not closed"));
			if (!*p)
				return skip_line(c, e, _("a NUL byte in the file"));
			if (*p == '"' && p[1] != '"')
				break;
			c->line += *p == '\n';
			*w++ = *p;
			if (*p == '"') /* a doubled quote */
				p++, c->pos++;
		}
		p++, c->pos++;
		if ((*end = field_end(c, p, &skip)) < 0)
			return skip_line(c, e, _("text after the closing quote of a field"));
	}
	c->pos += skip;
	c->line += *end == '\n';
	*w = '\0'; /* at or before the delimiter, which has been read */
	return 0;
}

/* Could a spreadsheet take a cell beginning at s for a formula (=, +, -, @; tab and CR, which
 * some strip before looking), or for the guard itself? */
static bool csv_formula_start(const char *s)
{
	return *s && strchr("=+-@\t\r'", *s);
}

int csv_next(struct csv *c, struct csv_row *row, ipc_err *e)
{
	int end = ',';

	row->n = 0;
	while (c->pos < c->len) {
		row->line = c->line;
		for (end = ','; end == ','; ) {
			char *start = c->buf + c->pos;
			if (read_field(c, start, &end, e))
				return -1;
			if (start[0] == '\'' && csv_formula_start(start + 1))
				start++; /* the guard csv_write put before a formula */
			if (add_field(row, start))
				return skip_line(c, e, _("out of memory"));
		}
		if (row->n > 1 || row->field[0][0])
			return 1;
		row->n = 0; /* a blank line */
	}
	return 0;
}

void csv_write(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";
		size_t len = strlen(s);
		bool quote = strpbrk(s, ",\"\r\n") || (len && (s[0] == ' ' || s[len - 1] == ' '));
		const char *guard = csv_formula_start(s) ? "'" : "";

		if (i)
			fputc(',', out);
		if (!quote) {
			fprintf(out, "%s%s", guard, s);
			continue;
		}
		fprintf(out, "\"%s", guard);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	}
	fputs("\r\n", out);
}
