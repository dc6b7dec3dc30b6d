/* template — document kinds as data files: loading (checked against the caller's vocabulary,
 * errors with file:line), filling from a JSON context, and finding an office's own file. */
#include "doc/template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/cndate.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/text.h"

#define TEMPLATE_MAX (1 << 20) /* a template is a page or two of text */

struct tcol {
	char *head, *cell; /* a table column's header and cell; a signature blank's label in head */
};

struct tblock {
	enum doc_block_kind kind;
	char *label, *text;              /* heading, para: text; field: label and text */
	const struct template_var *list; /* a table's list */
	struct tcol *col;                /* a table's columns, a sign's blanks */
	size_t ncols, cap;
};

struct template {
	const struct template_vocab *vocab;
	char *title, *series, *office, *number, *date;
	struct tblock *b;
	size_t n, cap;
	const struct template_var **req;
	size_t nreq, capreq;
};

/* ---- placeholders ---- */

/* One piece of a text: literal bytes, or a placeholder's name (without its braces). */
struct piece {
	const char *s;
	size_t len;
	bool name;
};

/* The next piece of the text at *p: 1 with *pc filled, 0 at the end, -1 for a brace that
 * opens no placeholder (*why says which). */
static int piece_next(const char **p, struct piece *pc, const char **why)
{
	const char *s = *p;

	if (!*s)
		return 0;
	if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
		*pc = (struct piece){s, 1, false};
		*p = s + 2;
		return 1;
	}
	if (s[0] == '}') {
		*why = _("a lone '}' (write '}}' for a brace)");
		return -1;
	}
	if (s[0] == '{') {
		const char *end = strchr(s + 1, '}');
		if (!end || end == s + 1 || memchr(s + 1, '{', (size_t)(end - s - 1))) {
			*why = _("a '{' without its placeholder name and '}' (write '{{' for a brace)");
			return -1;
		}
		*pc = (struct piece){s + 1, (size_t)(end - s - 1), true};
		*p = end + 1;
		return 1;
	}
	*pc = (struct piece){s, strcspn(s, "{}"), false};
	*p = s + pc->len;
	return 1;
}

static const struct template_var *vocab_find(const struct template_vocab *vo, const char *name,
					      size_t len)
{
	for (size_t i = 0; i < vo->n; i++)
		if (strlen(vo->v[i].name) == len && !memcmp(vo->v[i].name, name, len))
			return &vo->v[i];
	return NULL;
}

/* The list whose elements `name` (item.quantity) is a field of; NULL for a name of the context. */
static const struct template_var *vocab_list_of(const struct template_vocab *vo, const char *name,
						size_t len)
{
	const char *dot = memchr(name, '.', len);

	for (size_t i = 0; dot && i < vo->n; i++)
		if (vo->v[i].kind == TEMPLATE_LIST && vo->v[i].each &&
		    strlen(vo->v[i].each) == (size_t)(dot - name) &&
		    !memcmp(vo->v[i].each, name, (size_t)(dot - name)))
			return &vo->v[i];
	return NULL;
}

/* ---- loading ---- */

struct loader {
	const char *path;
	int line;
	struct template *t;
	struct tblock *table; /* the table whose `column` lines may follow, NULL when none may */
	int table_line;
	ipc_err *e;
};

static int bad(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct loader *L, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(L->e, "%s:%d: %s", L->path, L->line, msg);
}

/* Every placeholder of s is a text of the vocabulary, an element's field only inside a table
 * over its list (list), {#} only in a table. */
static int check_text(struct loader *L, const char *s, const struct template_var *list)
{
	const struct template_vocab *vo = L->t->vocab;
	const char *why = NULL;
	struct piece pc;
	int r;

	while ((r = piece_next(&s, &pc, &why)) > 0) {
		const struct template_var *v, *of;
		if (!pc.name)
			continue;
		if (pc.len == 1 && pc.s[0] == '#') {
			if (!list)
				return bad(L, _("{#} (the row number) belongs in a table's column"));
			continue;
		}
		v = vocab_find(vo, pc.s, pc.len);
		if (!v)
			return bad(L, _("unknown placeholder {%.*s}"), (int)pc.len, pc.s);
		if (v->kind == TEMPLATE_LIST)
			return bad(L, _("{%s} is a list: write its elements in the columns of "
					"\"table %s\""), v->name, v->name);
		of = vocab_list_of(vo, pc.s, pc.len);
		if (of && of != list)
			return bad(L, _("{%s} belongs in a column of \"table %s\""), v->name, of->name);
	}
	return r < 0 ? bad(L, "%s", why) : 0;
}

/* Splits s at '|' into at most max parts, blanks around each dropped; the number of parts
 * (max + 1 when there are more). */
static size_t split(char *s, char **part, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *bar = strchr(s, '|'), *end = bar ? bar : s + strlen(s);
		if (n == max)
			return max + 1;
		while (*s == ' ' || *s == '\t')
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		part[n++] = s;
		if (!bar)
			return n;
		s = bar + 1;
	}
}

static struct tblock *block_add(struct loader *L, enum doc_block_kind kind)
{
	struct template *t = L->t;
	struct tblock *v = grow(t->b, &t->cap, t->n, sizeof *v);

	if (!v) {
		err_nomem(L->e);
		return NULL;
	}
	t->b = v;
	memset(&v[t->n], 0, sizeof *v);
	v[t->n].kind = kind;
	return &v[t->n++];
}

/* Appends a column (a header and, for a table, a cell) to b. */
static int column_add(struct loader *L, struct tblock *b, const char *head, const char *cell)
{
	struct tcol *c = grow(b->col, &b->cap, b->ncols, sizeof *c);

	if (!c)
		return err_nomem(L->e);
	b->col = c;
	c[b->ncols].head = strdup(head);
	c[b->ncols].cell = cell ? strdup(cell) : NULL;
	if (!c[b->ncols].head || (cell && !c[b->ncols].cell)) {
		free(c[b->ncols].head);
		free(c[b->ncols].cell);
		return err_nomem(L->e);
	}
	b->ncols++;
	return 0;
}

struct directive {
	const char *word;
	int (*parse)(struct loader *L, const struct directive *d, char *rest);
	size_t slot;               /* a head line's member of struct template */
	enum doc_block_kind kind;  /* what a heading or para line adds */
};

static int head_parse(struct loader *L, const struct directive *d, char *rest)
{
	char **slot = (char **)((char *)L->t + d->slot);

	if (*slot)
		return bad(L, _("a second \"%s\" line"), d->word);
	if (!*rest)
		return bad(L, _("\"%s\" needs its text"), d->word);
	if (d->slot == offsetof(struct template, series) && strpbrk(rest, "{}"))
		return bad(L, _("the series is a word such as 立 or 强制, without placeholders"));
	if (check_text(L, rest, NULL))
		return -1;
	*slot = strdup(rest);
	return *slot ? 0 : err_nomem(L->e);
}

static int require_parse(struct loader *L, const struct directive *d, char *rest)
{
	struct template *t = L->t;
	char *save = NULL;

	(void)d;
	for (char *w = strtok_r(rest, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		const struct template_var *v = vocab_find(t->vocab, w, strlen(w)), **r;
		if (!v)
			return bad(L, _("unknown name \"%s\" in require"), w);
		r = grow(t->req, &t->capreq, t->nreq, sizeof *r);
		if (!r)
			return err_nomem(L->e);
		t->req = r;
		r[t->nreq++] = v;
	}
	return 0;
}

/* heading and para: one text. */
static int text_parse(struct loader *L, const struct directive *d, char *rest)
{
	struct tblock *b;

	if (!*rest)
		return bad(L, _("\"%s\" needs its text"), d->word);
	if (check_text(L, rest, NULL) || !(b = block_add(L, d->kind)))
		return -1;
	b->text = strdup(rest);
	return b->text ? 0 : err_nomem(L->e);
}

static int field_parse(struct loader *L, const struct directive *d, char *rest)
{
	char *part[2];
	struct tblock *b;

	(void)d;
	if (split(rest, part, 2) != 2 || !*part[0])
		return bad(L, _("a field line is \"field label | text\""));
	if (check_text(L, part[0], NULL) || check_text(L, part[1], NULL) ||
	    !(b = block_add(L, DOC_FIELD)))
		return -1;
	b->label = strdup(part[0]);
	b->text = strdup(part[1]);
	return b->label && b->text ? 0 : err_nomem(L->e);
}

static int table_parse(struct loader *L, const struct directive *d, char *rest)
{
	const struct template_var *v = vocab_find(L->t->vocab, rest, strlen(rest));

	(void)d;
	if (!v || v->kind != TEMPLATE_LIST)
		return bad(L, _("\"table %s\": no list of that name"), rest);
	if (!(L->table = block_add(L, DOC_TABLE)))
		return -1;
	L->table->list = v;
	L->table_line = L->line;
	return 0;
}

static int column_parse(struct loader *L, const struct directive *d, char *rest)
{
	char *part[2];

	(void)d;
	if (!L->table)
		return bad(L, _("a column line belongs right after a table line or another column"));
	if (split(rest, part, 2) != 2 || !*part[0])
		return bad(L, _("a column line is \"column header | cell\""));
	if (check_text(L, part[0], NULL) || check_text(L, part[1], L->table->list))
		return -1;
	return column_add(L, L->table, part[0], part[1]);
}

#define SIGN_MAX 8

static int sign_parse(struct loader *L, const struct directive *d, char *rest)
{
	char *part[SIGN_MAX];
	size_t n = split(rest, part, SIGN_MAX);
	bool ok = n <= SIGN_MAX;
	struct tblock *b;

	(void)d;
	for (size_t i = 0; ok && i < n; i++)
		ok = *part[i] != '\0';
	if (!ok)
		return bad(L, _("a sign line is \"sign label | label …\" (at most %d labels)"), SIGN_MAX);
	if (!(b = block_add(L, DOC_SIGN)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (check_text(L, part[i], NULL) || column_add(L, b, part[i], NULL))
			return -1;
	return 0;
}

static const struct directive directives[] = {
	{.word = "title", .parse = head_parse, .slot = offsetof(struct template, title)},
	{.word = "series", .parse = head_parse, .slot = offsetof(struct template, series)},
	{.word = "office", .parse = head_parse, .slot = offsetof(struct template, office)},
	{.word = "number", .parse = head_parse, .slot = offsetof(struct template, number)},
	{.word = "date", .parse = head_parse, .slot = offsetof(struct template, date)},
	{.word = "require", .parse = require_parse},
	{.word = "heading", .parse = text_parse, .kind = DOC_HEADING},
	{.word = "para", .parse = text_parse, .kind = DOC_PARA},
	{.word = "field", .parse = field_parse},
	{.word = "table", .parse = table_parse},
	{.word = "column", .parse = column_parse},
	{.word = "sign", .parse = sign_parse},
};

/* The table that `column` lines were filling is complete: it must have a column. */
static int table_close(struct loader *L)
{
	if (L->table && !L->table->ncols) {
		L->line = L->table_line;
		return bad(L, _("a table needs its column lines"));
	}
	L->table = NULL;
	return 0;
}

/* The line is UTF-8 text without control characters other than tabs. */
static int line_check(struct loader *L, const char *s, size_t len)
{
	while (len) {
		wchar_t wc;
		size_t used = tui_utf8_decode(s, len, &wc);
		if (wc == 0xfffd && used == 1)
			return bad(L, _("a byte that is not UTF-8 text"));
		if ((wc < 0x20 && wc != '\t') || (wc >= 0x7f && wc < 0xa0))
			return bad(L, _("a control character"));
		s += used;
		len -= used;
	}
	return 0;
}

static int line_parse(struct loader *L, char *s)
{
	size_t n = strlen(s);
	char *word, *end;

	if (n && s[n - 1] == '\r')
		s[--n] = '\0';
	if (L->line == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
		s += 3, n -= 3;
	if (line_check(L, s, n))
		return -1;
	s += strspn(s, " \t");
	if (!*s || *s == '#')
		return 0;
	word = s;
	s += strcspn(s, " \t");
	if (*s)
		*s++ = '\0';
	s += strspn(s, " \t");
	for (end = s + strlen(s); end > s && (end[-1] == ' ' || end[-1] == '\t');)
		*--end = '\0';
	for (size_t i = 0; i < sizeof directives / sizeof *directives; i++) {
		const struct directive *d = &directives[i];
		if (strcmp(d->word, word))
			continue;
		if (d->parse != column_parse && table_close(L))
			return -1;
		return d->parse(L, d, s);
	}
	return bad(L, _("unknown keyword \"%s\" (title, series, office, number, date, require, "
			"heading, para, field, table, column, sign)"), word);
}

/* The whole file at path, NUL-terminated, in *buf. */
static int file_read(const char *path, char **buf, size_t *len, ipc_err *e)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	int rc = -1;

	*buf = NULL;
	if (!f)
		return err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || st.st_size > TEMPLATE_MAX) {
		err_kind(e, IPC_E_IO, NULL, _("%s: not a file of at most 1 MiB"), path);
		goto out;
	}
	*len = (size_t)st.st_size;
	if (!(*buf = malloc(*len + 1))) {
		err_nomem(e);
		goto out;
	}
	if (fread(*buf, 1, *len, f) != *len) {
		err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	(*buf)[*len] = '\0';
	rc = 0;
out:
	fclose(f);
	if (rc) {
		free(*buf);
		*buf = NULL;
	}
	return rc;
}

int template_load(const char *path, const struct template_vocab *vocab, struct template **out,
		  ipc_err *e)
{
	struct template *t = calloc(1, sizeof *t);
	struct loader L = {.path = path, .t = t, .e = e};
	char *buf = NULL, *nul;
	size_t len = 0;
	int rc = -1;

	*out = NULL;
	if (!t)
		return err_nomem(e);
	t->vocab = vocab;
	if (file_read(path, &buf, &len, e))
		goto out;
	if ((nul = memchr(buf, '\0', len))) {
		for (L.line = 1; nul > buf; nul--)
			L.line += nul[-1] == '\n';
		bad(&L, _("a NUL byte"));
		goto out;
	}
	for (char *line = buf, *next; line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		L.line++;
		if (line_parse(&L, line))
			goto out;
	}
	if (table_close(&L))
		goto out;
	if (!t->title) {
		err_set(e, _("%s: a template needs a \"title\" line"), path);
		goto out;
	}
	*out = t;
	t = NULL;
	rc = 0;
out:
	free(buf);
	template_free(t);
	return rc;
}

const char *template_series(const struct template *t)
{
	return t->series;
}

void template_free(struct template *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		struct tblock *b = &t->b[i];
		for (size_t c = 0; c < b->ncols; c++) {
			free(b->col[c].head);
			free(b->col[c].cell);
		}
		free(b->col);
		free(b->label);
		free(b->text);
	}
	free(t->b);
	free(t->req);
	free(t->title);
	free(t->series);
	free(t->office);
	free(t->number);
	free(t->date);
	free(t);
}

/* ---- filling ---- */

/* The value of placeholder name[0..len): a field of elem for an element's name (item.name),
 * else a path of members in ctx (case.title); NULL when absent. */
static const json_t *value_find(const struct template *t, const json_t *ctx, const json_t *elem,
				const char *name, size_t len)
{
	const struct template_var *list = vocab_list_of(t->vocab, name, len);
	const json_t *v = ctx;

	if (list) {
		v = elem;
		name += strlen(list->each) + 1;
		len -= strlen(list->each) + 1;
	}
	while (v && len) {
		const char *dot = memchr(name, '.', len);
		size_t seg = dot ? (size_t)(dot - name) : len;
		char key[128];
		if (seg >= sizeof key)
			return NULL;
		memcpy(key, name, seg);
		key[seg] = '\0';
		v = json_object_get(v, key);
		name += seg + !!dot;
		len -= seg + !!dot;
	}
	return v;
}

/* A value that fills a blank: a non-empty string or a number. */
static bool value_present(const json_t *v)
{
	return json_is_number(v) || (json_is_string(v) && *json_string_value(v));
}

struct buf {
	char *s;
	size_t len, cap;
};

static int buf_add(struct buf *b, const char *s, size_t n, ipc_err *e)
{
	char *p = grow(b->s, &b->cap, b->len + n, 1);

	if (!p)
		return err_nomem(e);
	b->s = p;
	memcpy(p + b->len, s, n);
	b->len += n;
	p[b->len] = '\0';
	return 0;
}

/* Appends the text of v, the value of the placeholder var: a date when its name ends in _on
 * or is a field named on (service.on). */
static int value_append(struct buf *b, const json_t *v, const char *var, ipc_err *e)
{
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	size_t n = strlen(var);
	char text[64];

	if (json_is_integer(v))
		snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(text, sizeof text, "%.15g", json_real_value(v));
	if (json_is_number(v))
		s = text;
	if (!s || !*s)
		return 0;
	if (n >= 3 && (!strcmp(var + n - 3, "_on") || !strcmp(var + n - 3, ".on"))) {
		if (!cndate_format(s, text))
			return err_kind(e, IPC_E_RULE, var, _("%s: \"%s\" is not a date (YYYY-MM-DD)"), var, s);
		s = text;
	}
	return buf_add(b, s, strlen(s), e);
}

/* The text s with its placeholders filled from ctx and elem, the row's number for {#}, in *out
 * (malloc'd). */
static int expand(const struct template *t, const json_t *ctx, const json_t *elem, size_t row,
		  const char *s, char **out, ipc_err *e)
{
	struct buf b = {0};
	const char *why;
	struct piece pc;
	int rc = buf_add(&b, "", 0, e);

	while (!rc && piece_next(&s, &pc, &why) > 0) {
		char num[24];
		if (!pc.name) {
			rc = buf_add(&b, pc.s, pc.len, e);
		} else if (pc.len == 1 && pc.s[0] == '#') {
			snprintf(num, sizeof num, "%zu", row);
			rc = buf_add(&b, num, strlen(num), e);
		} else {
			rc = value_append(&b, value_find(t, ctx, elem, pc.s, pc.len),
					  vocab_find(t->vocab, pc.s, pc.len)->name, e);
		}
	}
	if (rc)
		free(b.s);
	*out = rc ? NULL : b.s;
	return rc;
}

enum row_of { ROW_HEAD, ROW_CELL, ROW_BLANK };

/* Appends to db a row of tb's columns: their headers, their cells filled from elem, or blanks. */
static int row_add(const struct template *t, const json_t *ctx, const struct tblock *tb,
		   const json_t *elem, size_t row, enum row_of of, struct doc_block *db, ipc_err *e)
{
	char **cell = calloc(tb->ncols, sizeof *cell);
	int rc = -1;

	if (!cell)
		return err_nomem(e);
	for (size_t c = 0; c < tb->ncols && of != ROW_BLANK; c++)
		if (expand(t, ctx, elem, row, of == ROW_HEAD ? tb->col[c].head : tb->col[c].cell,
			   &cell[c], e))
			goto out;
	if (doc_add_row(db, (const char *const *)cell, tb->ncols)) {
		err_nomem(e);
		goto out;
	}
	rc = 0;
out:
	for (size_t c = 0; c < tb->ncols; c++)
		free(cell[c]);
	free(cell);
	return rc;
}

/* A table: its header, then a row an element of its list (one blank row for an empty list). */
static int table_fill(const struct template *t, const json_t *ctx, const struct tblock *tb,
		      struct doc *out, ipc_err *e)
{
	const json_t *list = value_find(t, ctx, NULL, tb->list->name, strlen(tb->list->name));
	struct doc_block *db = doc_add(out, DOC_TABLE, NULL, NULL);
	size_t i;
	json_t *elem;

	if (!db)
		return err_nomem(e);
	if (row_add(t, ctx, tb, NULL, 0, ROW_HEAD, db, e))
		return -1;
	if (!json_array_size(list))
		return row_add(t, ctx, tb, NULL, 0, ROW_BLANK, db, e);
	json_array_foreach(list, i, elem)
		if (row_add(t, ctx, tb, elem, i + 1, ROW_CELL, db, e))
			return -1;
	return 0;
}

static int block_fill(const struct template *t, const json_t *ctx, const struct tblock *tb,
		      struct doc *out, ipc_err *e)
{
	char *label = NULL, *text = NULL;
	struct doc_block *db;
	int rc = -1;

	if (tb->kind == DOC_TABLE)
		return table_fill(t, ctx, tb, out, e);
	if (tb->kind == DOC_SIGN)
		return (db = doc_add(out, DOC_SIGN, NULL, NULL)) ?
			       row_add(t, ctx, tb, NULL, 0, ROW_HEAD, db, e) : err_nomem(e);
	if ((tb->label && expand(t, ctx, NULL, 0, tb->label, &label, e)) ||
	    expand(t, ctx, NULL, 0, tb->text, &text, e))
		goto out;
	if (!doc_add(out, tb->kind, label, text)) {
		err_nomem(e);
		goto out;
	}
	rc = 0;
out:
	free(label);
	free(text);
	return rc;
}

/* A head line (title, office, number, date) filled into *slot; an empty one stays NULL. */
static int head_fill(const struct template *t, const json_t *ctx, const char *tmpl, char **slot,
		     ipc_err *e)
{
	if (!tmpl)
		return 0;
	if (expand(t, ctx, NULL, 0, tmpl, slot, e))
		return -1;
	if (!**slot) {
		free(*slot);
		*slot = NULL;
	}
	return 0;
}

static int missing_add(json_t *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int missing_add(json_t *m, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	return json_array_append_new(m, json_string(name));
}

/* Every required name without a value, into m. */
static int require_check(const struct template *t, const json_t *ctx, json_t *m)
{
	for (size_t r = 0; r < t->nreq; r++) {
		const char *name = t->req[r]->name;
		const struct template_var *list = vocab_list_of(t->vocab, name, strlen(name));
		const json_t *v, *elem;
		size_t i;

		if (!list) {
			v = value_find(t, ctx, NULL, name, strlen(name));
			if ((t->req[r]->kind == TEMPLATE_LIST ? !json_array_size(v) : !value_present(v)) &&
			    missing_add(m, "%s", name))
				return -1;
			continue;
		}
		v = value_find(t, ctx, NULL, list->name, strlen(list->name));
		json_array_foreach(v, i, elem)
			if (!value_present(value_find(t, ctx, elem, name, strlen(name))) &&
			    missing_add(m, "%s[%zu].%s", list->name, i + 1, name + strlen(list->each) + 1))
				return -1;
	}
	return 0;
}

/* "the document lacks: a, b, c" for the names in m, the first as the field at fault. */
static int missing_report(const json_t *m, ipc_err *e)
{
	char names[400] = "";
	size_t i, len = 0;
	json_t *n;

	json_array_foreach(m, i, n)
		if (len < sizeof names)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
						json_string_value(n));
	return err_kind(e, IPC_E_RULE, json_string_value(json_array_get(m, 0)),
			_("the document lacks: %s"), names);
}

int template_fill(const struct template *t, const json_t *ctx, struct doc *out, json_t **missing,
		  ipc_err *e)
{
	json_t *m = json_array();

	*missing = NULL;
	if (!m || require_check(t, ctx, m)) {
		json_decref(m);
		return err_nomem(e);
	}
	if (json_array_size(m)) {
		*missing = m;
		return missing_report(m, e);
	}
	json_decref(m);
	if (head_fill(t, ctx, t->title, &out->title, e) || head_fill(t, ctx, t->office, &out->office, e) ||
	    head_fill(t, ctx, t->number, &out->number, e) || head_fill(t, ctx, t->date, &out->date, e))
		goto fail;
	for (size_t i = 0; i < t->n; i++)
		if (block_fill(t, ctx, &t->b[i], out, e))
			goto fail;
	return 0;
fail:
	doc_free(out);
	return -1;
}

/* ---- finding ---- */

int template_path(const char *kind, const char *office_dir, const char *shipped_dir,
		  char out[4096], ipc_err *e)
{
	const char *dir[2] = {office_dir, shipped_dir};
	struct stat st;

	out[0] = '\0';
	if (!*kind || kind[strspn(kind, "abcdefghijklmnopqrstuvwxyz0123456789_")])
		return err_kind(e, IPC_E_USAGE, "kind",
				_("\"%s\" is no document kind (lower-case letters, digits and _)"), kind);
	for (size_t i = 0; i < 2; i++) {
		if (!dir[i])
			continue;
		if (snprintf(out, 4096, "%s/%s.tmpl", dir[i], kind) >= 4096)
			return err_kind(e, IPC_E_USAGE, NULL, _("%s: path too long"), dir[i]);
		if (!stat(out, &st) && S_ISREG(st.st_mode))
			return 0;
	}
	out[0] = '\0';
	if (office_dir)
		return err_kind(e, IPC_E_NOTFOUND, "kind", _("no template %s.tmpl in %s or in %s"),
				kind, office_dir, shipped_dir);
	return err_kind(e, IPC_E_NOTFOUND, "kind", _("no template %s.tmpl in %s"), kind, shipped_dir);
}
