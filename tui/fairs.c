/* fairs — trade fairs (展会): the list (current and coming fairs first, then past ones, each
 * with its venue, counts and the soonest limit of its complaints), and one fair in two tabs:
 * its complaints (received, exhibitor, booth, subject; then the limit to pass it to the IP
 * department in the overdue colour when late, or when it was passed and its outcome) and its
 * exhibitors (booth, finding; then the warning ⚠ of a finding at an earlier edition, or the
 * suspected exhibits). a adds a fair, or a complaint or an exhibitor of the tab through the
 * record's form — the quick capture at a fair, offline like every write —, Enter and e edit
 * the one selected. The complainant's phone is never drawn: it is on the form. Read whole:
 * an office holds a few fairs a year, a fair a few hundred exhibitors at most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/rules/deadline.h"
#include "db/rules/fair.h"
#include "tui/form.h"
#include "tui/rowlist.h"
#include "tui/screens.h"

/* ---- one fair ---- */

enum { TAB_COMPLAINTS, TAB_EXHIBITORS, NTABS };

struct fairview {
	struct rowlist list; /* the tab's rows of fair_show */
	json_t *fair;        /* fair_show */
	char id[37], today[11];
	int tab;
};

/* The record type of each tab, and its rows in fair_show. */
static const char *const tab_types[NTABS] = {"fair_complaint", "fair_exhibitor"};
static const char *const tab_keys[NTABS] = {"complaints", "exhibitors"};

static json_t *view_read(struct tui *t, void *st, ipc_err *e)
{
	struct fairview *u = st;
	json_t *f = fair_show(tui_db(t), u->id, e);

	if (!f)
		return NULL;
	json_decref(u->fair);
	u->fair = f;
	cal_today(u->today);
	return json_incref(json_object_get(f, tab_keys[u->tab]));
}

static void *view_open(struct tui *t, void *arg, ipc_err *e)
{
	struct fairview *u = calloc(1, sizeof *u);

	if (!u) {
		err_nomem(e);
		return NULL;
	}
	*u = (struct fairview){.list = {.read = view_read, .head_lines = 3, .row_lines = 2}};
	snprintf(u->id, sizeof u->id, "%s", (const char *)arg);
	if (rowlist_load(t, u, e)) {
		rowlist_close(u);
		return NULL;
	}
	return u;
}

static void view_close(void *st)
{
	struct fairview *u = st;

	json_decref(u->fair);
	rowlist_close(u);
}

/* "2026-05-10T18:30 某某动漫科技有限公司   A-12   展出外观设计专利侵权玩偶"
 * "                 2026-05-11 移交知识产权部门" */
static void complaint_row(struct tui *t, const struct fairview *u, WINDOW *w, int y,
			  struct tui_rect r, const json_t *x, attr_t a)
{
	const char *due = jstr(x, "due"), *outcome = jstr(x, "outcome");
	attr_t b = due && strcmp(due, u->today) < 0 ? theme_attr(TUI_E_OVERDUE)
		   : due && !strcmp(due, u->today) ? theme_attr(TUI_E_WARN) : theme_attr(TUI_E_HINT);
	char line[512];

	tui_draw_text(w, y, r.x + 1, 16, jtext(x, "received_at"), a);
	tui_draw_text(w, y, r.x + 18, 24, jtext(x, "exhibitor"), a);
	tui_draw_text(w, y, r.x + 43, 7, jtext(x, "booth"), a);
	tui_draw_text(w, y, r.x + 51, r.w - 51, jtext(x, "subject"), a);
	if (due)
		snprintf(line, sizeof line, "%s %s", due, deadline_kind_label("fair_pass"));
	else
		snprintf(line, sizeof line, _("passed %s"), jtext(x, "passed_at"));
	if (outcome)
		snprintf(line + strlen(line), sizeof line - strlen(line), "  %s %s",
			 schema_enum_label(fair_outcomes, outcome, tui_zh(t)), jtext(x, "outcome_on"));
	tui_draw_text(w, y + 1, r.x + 18, r.w - 18, line, b);
}

/* "某某动漫科技有限公司     A-12   侵权 2026-05-10"
 * "  ⚠ 上届侵权：第24届 …" (or the suspected exhibits) */
static void exhibitor_row(struct tui *t, WINDOW *w, int y, struct tui_rect r, const json_t *x,
			  attr_t a)
{
	const json_t *warning = json_object_get(x, "warning");
	char line[600];

	tui_draw_text(w, y, r.x + 1, 32, jtext(x, "name"), a);
	tui_draw_text(w, y, r.x + 34, 8, jtext(x, "booth"), a);
	snprintf(line, sizeof line, "%s %s", jstr(x, "finding")
		 ? schema_enum_label(fair_findings, jstr(x, "finding"), tui_zh(t)) : "",
		 jtext(x, "found_on"));
	tui_draw_text(w, y, r.x + 43, r.w - 43, line, a);
	if (json_is_object(warning)) {
		fair_warning_text(warning, line, sizeof line);
		tui_draw_text(w, y + 1, r.x + 3, r.w - 3, line, theme_attr(TUI_E_WARN));
	} else {
		tui_draw_text(w, y + 1, r.x + 3, r.w - 3, jtext(x, "exhibits"), theme_attr(TUI_E_HINT));
	}
}

static void view_draw_row(struct tui *t, void *st, WINDOW *w, int y, struct tui_rect r,
			  const json_t *row, bool sel)
{
	const struct fairview *u = st;
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;

	tui_draw_text(w, y, r.x, r.w, "", a);
	if (u->tab == TAB_COMPLAINTS)
		complaint_row(t, u, w, y, r, row, a);
	else
		exhibitor_row(t, w, y, r, row, a);
}

/* The tabs' line: "投诉 2   参展商 3", the current one marked. */
static void view_tabs(struct fairview *u, WINDOW *w, int y, struct tui_rect r)
{
	const char *labels[NTABS] = {_("Complaints"), _("Exhibitors")};
	char tab[64];
	int x = r.x + 1;

	tui_draw_text(w, y, r.x, r.w, "", A_NORMAL);
	for (int i = 0; i < NTABS; i++) {
		snprintf(tab, sizeof tab, " %s %zu ", labels[i],
			 json_array_size(json_object_get(u->fair, tab_keys[i])));
		x += tui_draw_text(w, y, x, r.x + r.w - x, tab, i == u->tab ? theme_attr(TUI_E_TAB)
				   : theme_attr(TUI_E_HEADER)) + 2;
	}
}

static void view_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct fairview *u = st;
	const json_t *f = u->fair;
	char line[700];

	snprintf(line, sizeof line, " %s%s%s  %s..%s  %s", jtext(f, "edition"),
		 jstr(f, "edition") ? " " : "", jtext(f, "name"), jtext(f, "starts_on"),
		 jtext(f, "ends_on"), jtext(f, "venue"));
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	view_tabs(u, w, r.y + 1, r);
	tui_draw_text(w, r.y + 2, r.x, r.w, u->tab == TAB_COMPLAINTS
		      ? _(" Received         Exhibitor                Booth   Subject")
		      : _(" Exhibitor                        Booth    Finding"),
		      theme_attr(TUI_E_HEADER));
	if (!u->list.pg.total) {
		tui_draw_text(w, r.y + 4, r.x + 2, r.w - 2, u->tab == TAB_COMPLAINTS
			      ? _("No complaint received: a to record one.")
			      : _("No exhibitor registered: a to register one."), A_NORMAL);
		return;
	}
	rowlist_draw_rows(t, st, w, r, view_draw_row);
}

static int view_action(struct tui *t, void *st, enum tui_action a)
{
	struct fairview *u = st;
	const json_t *row = rowlist_selected(u);

	if (pager_move(&u->list.pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_NEXT_TAB:
	case TUI_ACT_PREV_TAB:
		u->tab = (u->tab + 1) % NTABS;
		u->list.pg.sel = u->list.pg.top = 0;
		return rowlist_reload(t, u);
	case TUI_ACT_OPEN:
	case TUI_ACT_EDIT:
		return row ? tui_form_record(t, tab_types[u->tab], jtext(row, "id"), NULL) : TUI_HANDLED;
	case TUI_ACT_NEW:
		return tui_form_record(t, tab_types[u->tab], NULL, u->id);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static const struct tui_screen_ops fair_view_screen = {
	.name = "fair",
	.hint = N_("Tab: complaints/exhibitors  a: new  Enter/e: edit  q: back"),
	.open = view_open,
	.draw = view_draw,
	.action = view_action,
	.resize = rowlist_resize,
	.reload = rowlist_reload,
	.close = view_close,
};

/* ---- the list ---- */

struct fairs {
	struct rowlist list; /* fair_list */
	char today[11];
};

static json_t *fairs_read(struct tui *t, void *st, ipc_err *e)
{
	struct fairs *u = st;

	cal_today(u->today);
	return fair_list(tui_db(t), e);
}

static void *fairs_open(struct tui *t, void *arg, ipc_err *e)
{
	static const struct rowlist shape = {.read = fairs_read, .head_lines = 2, .row_lines = 2};

	(void)arg;
	return rowlist_open(t, sizeof(struct fairs), &shape, e);
}

/* "2026-05-09..2026-05-11  第25届 中国（石家庄）国际动漫博览会"
 * "                        石家庄国际会展中心  投诉 2  参展商 3  2026-05-11": the soonest
 * limit's date, in the overdue colour when late. */
static void fairs_draw_row(struct tui *t, void *st, WINDOW *w, int y, struct tui_rect r,
			   const json_t *row, bool sel)
{
	const struct fairs *u = st;
	const char *due = jstr(row, "due");
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
	attr_t b = due && strcmp(due, u->today) < 0 ? theme_attr(TUI_E_OVERDUE)
		   : strcmp(jtext(row, "ends_on"), u->today) < 0 ? theme_attr(TUI_E_HINT) : A_NORMAL;
	char line[700];
	int x;

	(void)t;
	tui_draw_text(w, y, r.x, r.w, "", a);
	snprintf(line, sizeof line, "%s..%s", jtext(row, "starts_on"), jtext(row, "ends_on"));
	tui_draw_text(w, y, r.x + 1, 22, line, a);
	snprintf(line, sizeof line, "%s%s%s", jtext(row, "edition"), jstr(row, "edition") ? " " : "",
		 jtext(row, "name"));
	tui_draw_text(w, y, r.x + 24, r.w - 24, line, a);
	x = r.x + 24 + tui_draw_text(w, y + 1, r.x + 24, 24, jtext(row, "venue"), b) + 2;
	snprintf(line, sizeof line, _("complaints %lld  exhibitors %lld"),
		 (long long)json_integer_value(json_object_get(row, "complaints")),
		 (long long)json_integer_value(json_object_get(row, "exhibitors")));
	if (due)
		snprintf(line + strlen(line), sizeof line - strlen(line), "  %s", due);
	tui_draw_text(w, y + 1, x, r.x + r.w - x, line, b);
}

static void fairs_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct fairs *u = st;
	char line[128];

	snprintf(line, sizeof line, _(" Trade fairs: %lld"), (long long)u->list.pg.total);
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y + 1, r.x, r.w, _(" Dates                  Fair"), theme_attr(TUI_E_HEADER));
	if (!u->list.pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, _("No trade fair recorded: a to record one."),
			      A_NORMAL);
		return;
	}
	rowlist_draw_rows(t, st, w, r, fairs_draw_row);
}

static int fairs_action(struct tui *t, void *st, enum tui_action a)
{
	struct fairs *u = st;
	const json_t *row = rowlist_selected(u);

	if (pager_move(&u->list.pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_OPEN:
		return row ? tui_screen_push(t, &fair_view_screen, (void *)jtext(row, "id")) : TUI_HANDLED;
	case TUI_ACT_EDIT:
		return row ? tui_form_record(t, "fair", jtext(row, "id"), NULL) : TUI_HANDLED;
	case TUI_ACT_NEW:
		return tui_form_record(t, "fair", NULL, NULL);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

const struct tui_screen_ops tui_fairs_screen = {
	.name = "fairs",
	.hint = N_("a: new fair  e: edit  Enter: complaints and exhibitors  q: back"),
	.open = fairs_open,
	.draw = fairs_draw,
	.action = fairs_action,
	.resize = rowlist_resize,
	.reload = rowlist_reload,
	.close = rowlist_close,
};
