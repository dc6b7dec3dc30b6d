/* sheet — XLSX workbooks of typed rows over libxlsxwriter (constant-memory mode). */
#include "doc/sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/disk.h"
#include "base/i18n.h"
#include "base/text.h"

enum { SHEET_TABS = 8, SHEET_COLS = 64, WIDTH_MAX = 60 };

struct tab {
	lxw_worksheet *ws;
	size_t ncols;
	lxw_row_t rows;            /* written, the header included */
	double width[SHEET_COLS];  /* in characters of Excel's default font */
};

struct sheet {
	lxw_workbook *wb;
	lxw_format *bold, *money, *date;
	struct tab tab[SHEET_TABS];
	int ntabs;
	char *path, *part;
};

/* A column wide enough for s: terminal columns (a Chinese character takes two, as it does
 * in a spreadsheet's default font) with some margin, capped so a long title wraps the view,
 * not the sheet. */
static void width_fit(struct tab *t, size_t col, const char *s)
{
	double w = tui_text_width(s) * 1.1 + 2;

	if (w > WIDTH_MAX)
		w = WIDTH_MAX;
	if (w > t->width[col])
		t->width[col] = w;
}

static int lxw_err(const sheet *s, lxw_error rc, ipc_err *e)
{
	return err_kind(e, IPC_E_IO, NULL, _("writing %s: %s"), s->path, lxw_strerror(rc));
}

static void sheet_free(sheet *s)
{
	free(s->path);
	free(s->part);
	free(s);
}

sheet *sheet_open(const char *path, ipc_err *e)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	sheet *s = calloc(1, sizeof *s);
	FILE *probe;

	if (!s || !(s->path = strdup(path)) || asprintf(&s->part, "%s.part", path) < 0) {
		if (s)
			s->part = NULL;
		err_nomem(e);
		goto fail;
	}
	/* libxlsxwriter opens the file only when the workbook closes, after every row: find out
	 * now, and say why in our words (errno) rather than its own */
	if (!(probe = fopen(s->part, "wb"))) {
		disk_write_err(e, s->part);
		goto fail;
	}
	fclose(probe);
	if (!(s->wb = workbook_new_opt(s->part, &opt))) {
		unlink(s->part);
		err_kind(e, IPC_E_IO, NULL, _("cannot create %s"), s->part);
		goto fail;
	}
	s->bold = workbook_add_format(s->wb);
	s->money = workbook_add_format(s->wb);
	s->date = workbook_add_format(s->wb);
	format_set_bold(s->bold);
	format_set_num_format(s->money, "#,##0.00");
	format_set_num_format(s->date, "yyyy-mm-dd");
	return s;
fail:
	if (s)
		sheet_free(s);
	return NULL;
}

int sheet_tab(sheet *s, const char *name, const char *const *headers, size_t n, ipc_err *e)
{
	struct tab *t = &s->tab[s->ntabs];
	lxw_error rc;

	if (s->ntabs == SHEET_TABS || n > SHEET_COLS)
		return err_kind(e, IPC_E_INTERNAL, NULL, "sheet: more than %d tabs or %d columns",
				SHEET_TABS, SHEET_COLS);
	if (!(t->ws = workbook_add_worksheet(s->wb, name)))
		return err_kind(e, IPC_E_INTERNAL, NULL, "sheet: cannot add the tab %s", name);
	for (size_t i = 0; i < n; i++) {
		if ((rc = worksheet_write_string(t->ws, 0, (lxw_col_t)i, headers[i], s->bold)))
			return lxw_err(s, rc, e);
		width_fit(t, i, headers[i]);
	}
	worksheet_freeze_panes(t->ws, 1, 0);
	t->ncols = n;
	t->rows = 1;
	return s->ntabs++;
}

/* "2026-11-03" as a date, false when it is not one. */
static bool date_parse(const char *s, lxw_datetime *dt)
{
	int y, m, d, used = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10
	    || y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*dt = (lxw_datetime){.year = y, .month = m, .day = d};
	return true;
}

static bool number_parse(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return end != s && !*end && !errno;
}

static lxw_error cell_write(sheet *s, struct tab *t, lxw_col_t col, const struct sheet_cell *c)
{
	lxw_datetime dt;
	double v;

	if (c->kind == SHEET_DATE && date_parse(c->s, &dt))
		return worksheet_write_datetime(t->ws, t->rows, col, &dt, s->date);
	if ((c->kind == SHEET_MONEY || c->kind == SHEET_INT) && number_parse(c->s, &v))
		return worksheet_write_number(t->ws, t->rows, col, v,
					      c->kind == SHEET_MONEY ? s->money : NULL);
	/* a string cell, never a formula, whatever it begins with */
	return worksheet_write_string(t->ws, t->rows, col, c->s, NULL);
}

int sheet_row(sheet *s, int tab, const struct sheet_cell *cells, size_t n, ipc_err *e)
{
	struct tab *t = &s->tab[tab];
	lxw_error rc;

	if (n > t->ncols)
		return err_kind(e, IPC_E_INTERNAL, NULL, "sheet: a row of %zu cells under %zu headers",
				n, t->ncols);
	for (size_t i = 0; i < n; i++) {
		if (cells[i].kind == SHEET_EMPTY || !cells[i].s || !*cells[i].s)
			continue;
		if ((rc = cell_write(s, t, (lxw_col_t)i, &cells[i])))
			return lxw_err(s, rc, e);
		width_fit(t, i, cells[i].kind == SHEET_MONEY ? "0,000,000.00" : cells[i].s);
	}
	t->rows++;
	return 0;
}

/* The widths measured and an autofilter over the header and the rows written. */
static lxw_error tab_finish(struct tab *t)
{
	lxw_error rc = LXW_NO_ERROR;

	for (size_t i = 0; i < t->ncols && !rc; i++)
		rc = worksheet_set_column(t->ws, (lxw_col_t)i, (lxw_col_t)i, t->width[i], NULL);
	if (!rc && t->ncols)
		rc = worksheet_autofilter(t->ws, 0, 0, t->rows - 1, (lxw_col_t)(t->ncols - 1));
	return rc;
}

int sheet_close(sheet *s, ipc_err *e)
{
	lxw_error rc = LXW_NO_ERROR;
	int ret = -1;

	for (int i = 0; i < s->ntabs && !rc; i++)
		rc = tab_finish(&s->tab[i]);
	if (rc) {
		lxw_err(s, rc, e);
		sheet_abort(s);
		return -1;
	}
	if ((rc = workbook_close(s->wb)))
		lxw_err(s, rc, e);
	else if (rename(s->part, s->path))
		err_kind(e, IPC_E_IO, NULL, _("cannot rename %s to %s: %s"), s->part, s->path,
			 strerror(errno));
	else
		ret = 0;
	if (ret)
		unlink(s->part);
	sheet_free(s);
	return ret;
}

void sheet_abort(sheet *s)
{
	if (!s)
		return;
	/* libxlsxwriter frees a workbook only by writing it; the file then goes */
	workbook_close(s->wb);
	unlink(s->part);
	sheet_free(s);
}
