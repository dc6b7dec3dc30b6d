/* stats — the statistics screen (B): one figure of a period (db/rules/stats) as a bar a
 * group, scaled to the largest group, the total below. [ ] step the period, t makes it a
 * year, a quarter or a month, b groups by another dimension, v shows another figure; Enter
 * opens the case list on the cases the selected bar counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"
#include "db/calendar.h"
#include "db/rules/stats.h"
#include "tui/pager.h"
#include "tui/screens.h"
#include "tui/theme.h"

enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH, NKINDS };

static const struct {
	const char *key, *label;
} dims[] = {
	{"ip_type", N_("IP type")}, {"region", N_("region")},     {"source", N_("source")},
	{"status", N_("status")},   {"decision", N_("decision")}, {"handler", N_("handler")},
	{"campaign", N_("campaign")},
};

#define NDIMS (int)(sizeof dims / sizeof *dims)

struct stats {
	enum period_kind kind;
	int year, month; /* the period holds this month: its year, quarter or the month */
	int dim, figure; /* indexes in dims[] and stats_figures[] */
	json_t *s;       /* stats_compute's answer for them */
	struct tui_pager pg; /* over the groups */
};

static void stats_period_text(const struct stats *u, char out[16])
{
	if (u->kind == PERIOD_YEAR)
		snprintf(out, 16, "%04d", u->year);
	else if (u->kind == PERIOD_QUARTER)
		snprintf(out, 16, "%04dQ%d", u->year, (u->month - 1) / 3 + 1);
	else
		snprintf(out, 16, "%04d-%02d", u->year, u->month);
}

/* One period further (step 1) or back (-1) of the current kind. */
static void stats_step(struct stats *u, int step)
{
	int months = u->kind == PERIOD_YEAR ? 12 : u->kind == PERIOD_QUARTER ? 3 : 1;
	int m = u->year * 12 + (u->month - 1) + step * months;

	u->year = m / 12;
	u->month = m % 12 + 1;
}

static int stats_load(struct tui *t, struct stats *u, ipc_err *e)
{
	char period[16];
	json_t *s;

	stats_period_text(u, period);
	if (stats_compute(tui_db(t), &(struct stats_query){period, dims[u->dim].key}, &s, e))
		return -1;
	json_decref(u->s);
	u->s = s;
	u->pg.total = (int64_t)json_array_size(json_object_get(s, "groups"));
	pager_clamp(&u->pg);
	return 0;
}

static int stats_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (stats_load(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static void *stats_open(struct tui *t, void *arg, ipc_err *e)
{
	struct stats *u = calloc(1, sizeof *u);
	char today[11];

	(void)arg;
	if (!u) {
		err_nomem(e);
		return NULL;
	}
	cal_today(today);
	u->year = atoi(today);
	u->month = atoi(today + 5);
	u->kind = PERIOD_YEAR;
	if (stats_load(t, u, e)) {
		free(u);
		return NULL;
	}
	return u;
}

static void stats_close(void *st)
{
	struct stats *u = st;

	json_decref(u->s);
	free(u);
}

/* A figure as a number to scale by (fines are "1234.50") and as the text shown. */
static double stats_value(const json_t *row, const char *key, char text[32])
{
	const json_t *v = json_object_get(row, key);

	if (json_is_string(v)) {
		snprintf(text, 32, "%s", json_string_value(v));
		return strtod(text, NULL);
	}
	snprintf(text, 32, "%lld", (long long)json_integer_value(v));
	return (double)json_integer_value(v);
}

/* A bar of `cols` columns at most for v of max: full blocks and an eighth for the rest
 * (at least an eighth for any v > 0), or #s under `lines ascii`. */
static void stats_bar(double v, double max, int cols, char *out, size_t n)
{
	static const char *const eighths[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int units = theme_ascii() ? 1 : 8;
	long len = max > 0 ? (long)(v / max * cols * units + 0.5) : 0;
	size_t used = 0;

	if (v > 0 && len == 0)
		len = 1;
	out[0] = '\0';
	for (long i = 0; i < len / units && used + 4 < n; i++)
		used += (size_t)snprintf(out + used, n - used, "%s", units == 1 ? "#" : "█");
	if (units == 8 && used + 4 < n)
		snprintf(out + used, n - used, "%s", eighths[len % 8]);
}

static int stats_label_cols(const json_t *groups, int most)
{
	int w = tui_text_width(_("total"));
	const json_t *g;
	size_t i;

	json_array_foreach(groups, i, g)
		if (tui_text_width(jtext(g, "label")) > w)
			w = tui_text_width(jtext(g, "label"));
	return w < most ? w : most;
}

/* label · number · bar */
static void stats_draw_row(WINDOW *w, int y, struct tui_rect r, const char *label, const char *num,
			   const char *bar, int lw, attr_t a)
{
	int x = r.x + 1;

	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, lw, label, a);
	x += lw + 1;
	tui_draw_text(w, y, x + 12 - tui_text_width(num), tui_text_width(num), num, a);
	x += 13;
	tui_draw_text(w, y, x, r.x + r.w - x, bar, a);
}

/* The screen's keys, right on the header line (the status bar has no room at 80 columns). */
static void stats_draw_keys(WINDOW *w, int y, struct tui_rect r)
{
	const char *keys = _("[ ]: period  t: year/quarter/month  b: group by  v: figure");
	int kw = tui_text_width(keys);

	if (kw < r.w - 24)
		tui_draw_text(w, y, r.x + r.w - kw - 1, kw, keys, theme_attr(TUI_E_HINT));
}

/* The period's complaints and reports (not cases: no group, no bar), on the last line. */
static void stats_draw_intakes(WINDOW *w, int y, struct tui_rect r, const json_t *f)
{
	char line[256];

#define N(key) (long long)json_integer_value(json_object_get(f, key))
	snprintf(line, sizeof line, _(" Complaints and reports %lld: accepted %lld, refused %lld, "
		 "made or linked to a case %lld, overdue %lld"), N("received"), N("accepted"),
		 N("refused"), N("linked"), N("overdue"));
#undef N
	tui_draw_text(w, y, r.x, r.w, line, theme_attr(TUI_E_HINT));
}

static void stats_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct stats *u = st;
	const json_t *groups = json_object_get(u->s, "groups"), *period = json_object_get(u->s, "period");
	const char *key = stats_figures[u->figure].key;
	int lw = stats_label_cols(groups, r.w / 3), bw = r.w - lw - 16;
	char line[256], num[32], bar[512], ptext[16];
	double max = 0;
	const json_t *g;
	size_t i;

	stats_period_text(u, ptext);
	snprintf(line, sizeof line, _(" Statistics %s (%s..%s)"), ptext, jtext(period, "from"),
		 jtext(period, "to"));
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	snprintf(line, sizeof line, _(" %s by %s"), _(stats_figures[u->figure].head), _(dims[u->dim].label));
	tui_draw_text(w, r.y + 1, r.x, r.w, line, theme_attr(TUI_E_HEADER));
	stats_draw_keys(w, r.y + 1, r);
	json_array_foreach(groups, i, g)
		if (stats_value(g, key, num) > max)
			max = stats_value(g, key, num);
	for (int k = 0; k < u->pg.page && u->pg.top + k < u->pg.total; k++) {
		g = json_array_get(groups, (size_t)(u->pg.top + k));
		stats_bar(stats_value(g, key, num), max, bw, bar, sizeof bar);
		stats_draw_row(w, r.y + 2 + k, r, jtext(g, "label"), num, bar, lw,
			       u->pg.top + k == u->pg.sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL);
	}
	if (!u->pg.total)
		tui_draw_text(w, r.y + 2, r.x + 2, r.w - 2, _("No cases in this period."), A_NORMAL);
	stats_value(json_object_get(u->s, "total"), key, num);
	stats_draw_row(w, r.y + r.h - 2, r, _("total"), num, "", lw, theme_attr(TUI_E_HEADER));
	stats_draw_intakes(w, r.y + r.h - 1, r, json_object_get(u->s, "intakes"));
	(void)t;
}

/* Enter: the list of the cases the selected bar counts, saying which. */
static int stats_open_group(struct tui *t, struct stats *u)
{
	const json_t *g = json_array_get(json_object_get(u->s, "groups"), (size_t)u->pg.sel);
	char period[16], what[160];
	struct list_seed seed = {.what = what};

	if (!g)
		return TUI_HANDLED;
	stats_case_query(u->s, g, (size_t)u->figure, &seed.q);
	stats_period_text(u, period);
	if (seed.q.overdue) /* overdue today, whatever the period */
		snprintf(what, sizeof what, "%s · %s", _(stats_figures[u->figure].head),
			 jtext(g, "label"));
	else
		snprintf(what, sizeof what, "%s %s · %s", _(stats_figures[u->figure].head), period,
			 jtext(g, "label"));
	return tui_screen_push(t, &tui_list_screen, &seed);
}

static int stats_action(struct tui *t, void *st, enum tui_action a)
{
	struct stats *u = st;

	if (pager_move(&u->pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_NEXT_TAB:
	case TUI_ACT_PREV_TAB:
		stats_step(u, a == TUI_ACT_NEXT_TAB ? 1 : -1);
		return stats_reload(t, u);
	case TUI_ACT_PERIOD_KIND:
		u->kind = (u->kind + 1) % NKINDS;
		return stats_reload(t, u);
	case TUI_ACT_STATS_BY:
		u->dim = (u->dim + 1) % NDIMS;
		u->pg.sel = u->pg.top = 0;
		return stats_reload(t, u);
	case TUI_ACT_STATS_FIGURE:
		do /* the average days are no count to draw */
			u->figure = (u->figure + 1) % STATS_NFIGURES;
		while (!strcmp(stats_figures[u->figure].key, "avg_days_to_decision"));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_OPEN:
		return stats_open_group(t, u);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int stats_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct stats *u = st;

	(void)t;
	u->pg.page = r.h - 4; /* two header lines, the total, the complaints and reports */
	pager_clamp(&u->pg);
	return TUI_HANDLED | TUI_REDRAW;
}

const struct tui_screen_ops tui_stats_screen = {
	.name = "stats",
	.open = stats_open,
	.draw = stats_draw,
	.action = stats_action,
	.resize = stats_resize,
	.reload = stats_reload,
	.close = stats_close,
};
