/* deadlines — the deadlines screen: what is overdue, due today, this week and later, for the
 * office or for me (m), soonest first; Enter opens the case. Only the visible page is read
 * (deadline_list with offset and limit); the group counts come from the due index. The
 * collaboration requests this office must answer are among them: Enter opens the request; a
 * complaint at a trade fair: Enter opens its form, where it is recorded as passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/deadlines.h"
#include "db/rules/deadline.h"
#include "tui/columns.h"
#include "tui/form.h"
#include "tui/pager.h"
#include "tui/screen.h"
#include "tui/screens.h"

struct deadlines {
	bool mine;
	int64_t counts[DEADLINE_NGROUPS];
	json_t *rows;       /* the visible page */
	struct tui_pager pg; /* page: the rows under the two header lines */
};

static const char *const group_labels[DEADLINE_NGROUPS] = {N_("Overdue"), N_("Today"),
						       N_("This week"), N_("Later")};

static int deadlines_group(int days_left)
{
	return days_left < 0 ? DEADLINE_OVERDUE : days_left == 0 ? DEADLINE_TODAY
	       : days_left <= 6 ? DEADLINE_WEEK : DEADLINE_LATER;
}

static int deadlines_load(struct tui *t, struct deadlines *u, bool count)
{
	struct deadline_query q = {.mine = u->mine};
	ipc_err e = {0};
	json_t *rows;

	if (count) {
		if (deadline_counts(tui_db(t), u->mine, u->counts, &e))
			goto fail;
		u->pg.total = 0;
		for (int g = 0; g < DEADLINE_NGROUPS; g++)
			u->pg.total += u->counts[g];
	}
	pager_clamp(&u->pg);
	q.offset = (int)u->pg.top;
	q.limit = u->pg.page > 0 ? u->pg.page : 1;
	if (!(rows = deadline_list(tui_db(t), &q, &e)))
		goto fail;
	json_decref(u->rows);
	u->rows = rows;
	return TUI_HANDLED | TUI_REDRAW;
fail:
	tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static void *deadlines_open(struct tui *t, void *arg, ipc_err *e)
{
	struct deadlines *u = calloc(1, sizeof *u);

	(void)arg;
	if (!u) {
		err_nomem(e);
		return NULL;
	}
	if (deadline_counts(tui_db(t), false, u->counts, e)) {
		free(u);
		return NULL;
	}
	for (int g = 0; g < DEADLINE_NGROUPS; g++)
		u->pg.total += u->counts[g];
	return u;
}

static void deadlines_close(void *st)
{
	struct deadlines *u = st;

	json_decref(u->rows);
	free(u);
}

/* due date (? when unconfirmed) · days left · group · kind · case no. (协作 for a request)
 * · title. The group gives way first (the days' sign says it), then the case number (its
 * year and serial kept while it shows); the title takes what is left. */
enum { DL_DUE, DL_DAYS, DL_GROUP, DL_KIND, DL_NO, DL_TITLE, DL_NCOLS };

static const struct col_spec dl_specs[DL_NCOLS] = {
	[DL_DUE] = {N_("due"), 11, 11, 0},     [DL_DAYS] = {N_("days"), 5, 5, 0},
	[DL_GROUP] = {N_("when"), 9, 10, 1},   [DL_KIND] = {N_("what"), 20, 28, 0},
	[DL_NO] = {N_("case no."), 11, 15, 2}, [DL_TITLE] = {N_("title"), 12, 0, 0},
};

#define DL_TITLE_FIRST 24 /* the title grows to this before the other columns grow */

/* A row's case number without this office's prefix; 协作 for a request, - for none. */
static const char *deadlines_case_no(struct tui *t, const json_t *row)
{
	const char *no = jtext(row, "case_no");

	return *no ? cols_case_no_own(no, db_self(tui_db(t))->case_prefix)
	       : *jtext(row, "request_id") ? _("request")
	       : *jtext(row, "market_id") ? _("key market") : "-";
}

/* The page's columns: the kinds and case numbers measured, their columns no wider than
 * they need, and on a wide terminal whole. */
static void deadlines_layout(struct tui *t, const struct deadlines *u, int width, struct col *c)
{
	int want[DL_NCOLS] = {0};
	const json_t *row;
	size_t i;

	json_array_foreach(u->rows, i, row) {
		cols_want(want, DL_KIND, deadline_kind_label(jtext(row, "kind")));
		cols_want(want, DL_NO, deadlines_case_no(t, row));
	}
	cols_layout(dl_specs, DL_NCOLS, DL_TITLE, DL_TITLE_FIRST, width, want, c);
}

static void deadlines_draw_row(struct tui *t, WINDOW *w, int y, struct tui_rect r,
			       const struct col *c, const json_t *row, bool sel)
{
	int left = (int)json_integer_value(json_object_get(row, "days_left")), g = deadlines_group(left);
	attr_t a = sel ? theme_attr(TUI_E_CURSOR)
		   : g == DEADLINE_OVERDUE ? theme_attr(TUI_E_OVERDUE)
		   : g == DEADLINE_TODAY ? theme_attr(TUI_E_WARN) : A_NORMAL;
	char date[16], days[16], nobuf[96], title[SCHEMA_LINE_MAX + 8];
	const char *cells[DL_NCOLS];

	snprintf(date, sizeof date, "%s%s", jtext(row, "due"),
		 json_is_true(json_object_get(row, "confirmed")) ? "" : "?");
	snprintf(days, sizeof days, "%+d", left);
	cells[DL_DUE] = date;
	cells[DL_DAYS] = days;
	cells[DL_GROUP] = _(group_labels[g]);
	cells[DL_KIND] = deadline_kind_label(jtext(row, "kind"));
	cells[DL_NO] = cols_case_no(deadlines_case_no(t, row), c[DL_NO].w, nobuf, sizeof nobuf);
	cells[DL_TITLE] = cols_title(jtext(row, "title"), c[DL_TITLE].w, title, sizeof title);
	tui_draw_text(w, y, r.x, r.w, "", a);
	for (int i = 0; i < DL_NCOLS; i++)
		if (c[i].shown)
			tui_draw_cell(w, y, r.x + c[i].x, c[i].w, cells[i], a);
}

static void deadlines_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct deadlines *u = st;
	char line[256];
	size_t n = json_array_size(u->rows);
	struct col c[DL_NCOLS];

	snprintf(line, sizeof line, "%s", u->mine ? _(" Deadlines of my cases")
						     : _(" Deadlines of the office"));
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	snprintf(line, sizeof line, _(" Overdue %lld · Today %lld · This week %lld · Later %lld   (?: year not in the calendar)"),
		 (long long)u->counts[DEADLINE_OVERDUE], (long long)u->counts[DEADLINE_TODAY],
		 (long long)u->counts[DEADLINE_WEEK], (long long)u->counts[DEADLINE_LATER]);
	tui_draw_text(w, r.y + 1, r.x, r.w, line, A_NORMAL);
	if (!u->pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, _("Nothing is due."), A_NORMAL);
		return;
	}
	deadlines_layout(t, u, r.w, c);
	for (size_t i = 0; i < n && (int)i < u->pg.page; i++)
		deadlines_draw_row(t, w, r.y + 2 + (int)i, r, c, json_array_get(u->rows, i),
				   u->pg.top + (int64_t)i == u->pg.sel);
}

static int deadlines_moved(struct tui *t, struct deadlines *u, int64_t old_top)
{
	return u->pg.top != old_top || !u->rows ? deadlines_load(t, u, false) : TUI_HANDLED | TUI_REDRAW;
}

static int deadlines_open_case(struct tui *t, struct deadlines *u)
{
	const json_t *row = json_array_get(u->rows, (size_t)(u->pg.sel - u->pg.top));

	if (!row)
		return TUI_HANDLED;
	if (*jtext(row, "request_id")) /* a collaboration request's reply date */
		return tui_screen_push(t, &tui_collab_view_screen, (void *)jtext(row, "request_id"));
	if (*jtext(row, "fair_complaint_id"))
		return tui_form_record(t, "fair_complaint", jtext(row, "fair_complaint_id"), NULL);
	if (*jtext(row, "market_id")) /* a key market's next inspection: the watch lists */
		return tui_screen_push(t, &tui_watch_screen, NULL);
	if (!*jtext(row, "case_id")) /* an intake's limit: no screen of its own yet */
		return TUI_HANDLED;
	return tui_screen_push(t, &tui_detail_screen, (void *)jtext(row, "case_id"));
}

static int deadlines_action(struct tui *t, void *st, enum tui_action a)
{
	struct deadlines *u = st;
	int64_t old = u->pg.top;

	if (pager_move(&u->pg, a))
		return deadlines_moved(t, u, old);
	switch (a) {
	case TUI_ACT_MINE:
		u->mine = !u->mine;
		u->pg.sel = u->pg.top = 0;
		return deadlines_load(t, u, true);
	case TUI_ACT_OPEN:
		return deadlines_open_case(t, u);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int deadlines_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct deadlines *u = st;

	u->pg.page = r.h - 2;
	return deadlines_load(t, u, false);
}

static int deadlines_reload(struct tui *t, void *st)
{
	return deadlines_load(t, st, true);
}

static void deadlines_status(struct tui *t, void *st, char *buf, size_t n)
{
	struct deadlines *u = st;

	(void)t;
	snprintf(buf, n, _("%lld deadlines  m: mine/office  Enter: the case or request"),
		 (long long)u->pg.total);
}

const struct tui_screen_ops tui_deadlines_screen = {
	.name = "deadlines",
	.open = deadlines_open,
	.draw = deadlines_draw,
	.action = deadlines_action,
	.resize = deadlines_resize,
	.reload = deadlines_reload,
	.status = deadlines_status,
	.close = deadlines_close,
};
