/* cmd_stats — ipcase stats: the figures of a period (db/rules/stats) as an aligned table,
 * one row a group and the total last, as JSON, or as a sheet (doc/sheet) to send upward. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/stats.h"
#include "doc/sheet.h"

#define NCOLS (size_t)STATS_NFIGURES

/* A figure as the table shows it: "-" for an average over no case. */
static void cell(const json_t *row, size_t col, char out[32])
{
	const json_t *v = json_object_get(row, stats_figures[col].key);

	if (json_is_integer(v))
		snprintf(out, 32, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, 32, "%.1f", json_real_value(v));
	else
		snprintf(out, 32, "%s", json_is_string(v) ? json_string_value(v) : "-");
}

static int widest(const json_t *rows, size_t col, int start)
{
	const json_t *r;
	char text[32];
	size_t i;
	int w = start;

	json_array_foreach(rows, i, r) {
		cell(r, col, text);
		if ((int)strlen(text) > w)
			w = (int)strlen(text);
	}
	return w;
}

static void print_row(const char *label, int label_cols, const json_t *row, const int *w)
{
	char text[32];

	cmd_print_col(label, label_cols);
	for (size_t k = 0; k < NCOLS; k++) {
		cell(row, k, text);
		printf("%*s%s", w[k], text, k + 1 < NCOLS ? "  " : "\n");
	}
}

/* Numbers right-aligned under their headings; widths by display width (Chinese labels take
 * two columns a character). */
static void print_table(const json_t *s)
{
	const json_t *groups = json_object_get(s, "groups"), *total = json_object_get(s, "total");
	json_t *all = json_copy((json_t *)groups);
	const json_t *r;
	int w[NCOLS], label_cols = tui_text_width(_("total"));
	size_t i;

	json_array_append(all, (json_t *)total);
	json_array_foreach(groups, i, r)
		if (tui_text_width(jtext(r, "label")) > label_cols)
			label_cols = tui_text_width(jtext(r, "label"));
	printf("%s %s..%s\n", _("period"), jtext(json_object_get(s, "period"), "from"),
	       jtext(json_object_get(s, "period"), "to"));
	cmd_print_col("", label_cols);
	for (size_t k = 0; k < NCOLS; k++) {
		w[k] = widest(all, k, tui_text_width(_(stats_figures[k].head)));
		printf("%*s%s%s", w[k] - tui_text_width(_(stats_figures[k].head)), "", _(stats_figures[k].head),
		       k + 1 < NCOLS ? "  " : "\n");
	}
	json_array_foreach(groups, i, r)
		print_row(jtext(r, "label"), label_cols, r, w);
	print_row(_("total"), label_cols, total, w);
	json_decref(all);
}

/* The sheet's cell of a figure: money as money, a count as a number, an average as text. */
static struct sheet_cell sheet_cell_of(const json_t *row, size_t col, char text[32])
{
	const char *key = stats_figures[col].key;

	cell(row, col, text);
	if (!strcmp(key, "fines") || !strcmp(key, "confiscated"))
		return (struct sheet_cell){SHEET_MONEY, text};
	return (struct sheet_cell){strcmp(key, "avg_days_to_decision") ? SHEET_INT : SHEET_TEXT,
				   strcmp(text, "-") ? text : NULL};
}

static int sheet_add_row(sheet *sh, const char *label, const json_t *row, ipc_err *e)
{
	struct sheet_cell cells[NCOLS + 1] = {{SHEET_TEXT, label}};
	char text[NCOLS][32];

	for (size_t k = 0; k < NCOLS; k++)
		cells[k + 1] = sheet_cell_of(row, k, text[k]);
	return sheet_row(sh, 0, cells, NCOLS + 1, e);
}

/* One tab "统计 FROM..TO": a row a group, the total last, the table's headings. */
static int print_sheet(const json_t *s, const char *path, ipc_err *e)
{
	const char *heads[NCOLS + 1] = {_("group")};
	const json_t *r, *period = json_object_get(s, "period");
	char tab[32];
	size_t i;
	sheet *sh;

	for (size_t k = 0; k < NCOLS; k++)
		heads[k + 1] = _(stats_figures[k].head);
	snprintf(tab, sizeof tab, "%s..%s", jtext(period, "from"), jtext(period, "to"));
	if (!(sh = sheet_open(path, e)))
		return -1;
	if (sheet_tab(sh, tab, heads, NCOLS + 1, e) < 0)
		goto fail;
	json_array_foreach(json_object_get(s, "groups"), i, r)
		if (sheet_add_row(sh, jtext(r, "label"), r, e))
			goto fail;
	if (sheet_add_row(sh, _("total"), json_object_get(s, "total"), e))
		goto fail;
	return sheet_close(sh, e);
fail:
	sheet_abort(sh);
	return -1;
}

int cmd_stats(struct cmd_ctx *c, int argc, char **argv)
{
	struct stats_query q = {0};
	bool as_json = false;
	const char *format = NULL, *path = NULL;
	const struct opt opts[] = {OPT_VALUE("--period", &q.period), OPT_VALUE("--by", &q.by),
				   OPT_FLAG("--json", &as_json), OPT_VALUE("--format", &format),
				   OPT_VALUE("-o", &path), OPT_END};
	json_t *s;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (!q.period)
		return cmd_bad_usage(c->cmd, _("--period is needed: a year, quarter, month or FROM..TO"));
	if (format && strcmp(format, "xlsx"))
		return cmd_bad_usage(c->cmd, _("--format is xlsx, not %s"), format);
	if (!format != !path)
		return cmd_bad_usage(c->cmd, _("--format xlsx goes with -o FILE"));
	if (stats_compute(c->d, &q, &s, &e))
		return cmd_fail(&e);
	if (path)
		bad = print_sheet(s, path, &e) ? cmd_fail(&e) : 0;
	else if (as_json)
		cmd_print_json(s);
	else
		print_table(s);
	json_decref(s);
	return bad;
}
