/* cmd_stats — ipcase stats: the figures of a period (db/rules/stats) as an aligned table,
 * one row a group and the total last, as JSON, or as a workbook (doc/sheet) to send upward. */
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

static int widest(const json_t *rows, size_t col, int start)
{
	const json_t *r;
	char text[32];
	size_t i;
	int w = start;

	json_array_foreach(rows, i, r) {
		stats_cell(r, col, text);
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
		stats_cell(row, k, text);
		printf("%*s%s", w[k], text, k + 1 < NCOLS ? "  " : "\n");
	}
}

/* The figures of complaints and reports, on a line under the table. */
static void print_intakes(const json_t *f)
{
	for (int i = 0; i < STATS_NINTAKE; i++)
		printf("%s%s %lld", i ? _("; ") : "", _(stats_intake_figures[i].head),
		       (long long)json_integer_value(json_object_get(f, stats_intake_figures[i].key)));
	putchar('\n');
}

/* The inspections and their campaigns, on a line under the complaints. */
static void print_inspections(const json_t *f)
{
	const json_t *c;
	size_t i;

#define N(o, key) (long long)json_integer_value(json_object_get(o, key))
	printf(_("Inspections %lld: with GI findings %lld, opened a clue %lld"), N(f, "inspected"),
	       N(f, "gi"), N(f, "clues"));
	json_array_foreach(json_object_get(f, "campaigns"), i, c) {
		printf("%s", i ? _("; ") : _(". By campaign: "));
		printf(_("%s %lld (clues %lld)"), jtext(c, "campaign"), N(c, "inspected"), N(c, "clues"));
	}
#undef N
	putchar('\n');
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
	print_intakes(json_object_get(s, "intakes"));
	print_inspections(json_object_get(s, "inspections"));
}

/* The figures as a workbook: the table, then the complaints and reports, the inspections. */
static int print_sheet(const json_t *s, const char *path, ipc_err *e)
{
	sheet *sh = sheet_open(path, e);

	if (!sh)
		return -1;
	if (stats_sheet_tab(sh, s, e) || stats_intake_tab(sh, s, e) || stats_inspection_tab(sh, s, e)) {
		sheet_abort(sh);
		return -1;
	}
	return sheet_close(sh, e);
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
