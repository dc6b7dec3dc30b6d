/* list — the case list screen: only the visible page is read (db_case_list with offset and
 * limit), columns are laid out in terminal columns, `/` filters through the search index as
 * it is typed, `o` sorts, `f` and `m` filter, Enter (or a double click) opens the case, and
 * the selection stays on its case when the data or the order changes. Another screen may open
 * it on a query of its own (a respondent's cases, a group of the statistics). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "base/typed.h"
#include "base/validate.h"
#include "db/calendar.h"
#include "db/rules/case_terms.h"
#include "db/schema.h"
#include "db/search.h"
#include "tui/columns.h"
#include "tui/form.h"
#include "tui/pager.h"
#include "tui/screen.h"
#include "tui/screens.h"

enum { COL_NO, COL_TITLE, COL_TYPE, COL_STATUS, COL_RESP, COL_HANDLER, COL_DUE, NCOLS };

static const struct col_spec col_specs[NCOLS] = {
	[COL_NO] = {N_("Case no."), 10, 20, 4},
	[COL_TITLE] = {N_("Title"), 16, 0, 0},
	[COL_TYPE] = {N_("IP type"), 9, 12, 3},
	[COL_STATUS] = {N_("Status"), 8, 12, 0},
	[COL_RESP] = {N_("Respondent"), 10, 16, 2},
	[COL_HANDLER] = {N_("Handler"), 7, 8, 1},
	[COL_DUE] = {N_("Next due"), 11, 11, 5},
};

#define TITLE_FIRST 24 /* the title grows to this before the other columns grow */

/* The orders `o` offers. */
static const struct {
	const char *label; /* N_() */
	enum case_order order;
	bool ascending;
} sorts[] = {
	{N_("last changed, newest first"), ORDER_UPDATED, false},
	{N_("last changed, oldest first"), ORDER_UPDATED, true},
	{N_("case no., ascending"), ORDER_CASE_NO, true},
	{N_("case no., descending"), ORDER_CASE_NO, false},
	{N_("title, ascending"), ORDER_TITLE, true},
	{N_("title, descending"), ORDER_TITLE, false},
	{N_("status, ascending"), ORDER_STATUS, true},
	{N_("status, descending"), ORDER_STATUS, false},
	{N_("next deadline, soonest first"), ORDER_DUE, true},
};

#define NSORTS (int)(sizeof sorts / sizeof sorts[0])

/* What a menu or the prompt answers. */
enum { TAG_SEARCH, TAG_SORT, TAG_FILTER, TAG_STATUS, TAG_IP_TYPE, TAG_HANDLER, TAG_REGION, TAG_DATES };

struct list {
	struct case_query q;
	char filter[TUI_PROMPT_MAX]; /* the search words, "" for none; q.text points here */
	json_t *kept;                /* the opener's strings of q, copied: q points into them */
	char what[160];              /* what the opener's query is, "" for none */
	char today[11];              /* for the overdue colour of the next deadline */
	json_t *rows;                /* the visible page: rows top … top + page - 1 */
	struct tui_pager pg;         /* over the cases matching the filter */
	int64_t all;                 /* cases in the workspace (counted on open and reload) */
	int y0;                      /* the header's row on the terminal */
	int sort;                    /* index in sorts[] */
	struct col cols[NCOLS];
};

/* ---- reading ---- */

/* Reads the visible page, and first the count of matching cases when `count`. */
static int list_load(struct tui *t, struct list *l, bool count)
{
	ipc_err e = {0};
	json_t *rows;

	if (count && (l->pg.total = db_case_count(tui_db(t), &l->q, &e)) < 0)
		goto fail;
	pager_clamp(&l->pg);
	l->q.offset = (int)l->pg.top;
	l->q.limit = l->pg.page > 0 ? l->pg.page : 1;
	if (!(rows = db_case_list(tui_db(t), &l->q, &e)))
		goto fail;
	json_decref(l->rows);
	l->rows = rows;
	return TUI_HANDLED | TUI_REDRAW;
fail:
	if (l->pg.total < 0)
		l->pg.total = 0;
	tui_message(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

/* After the selection moved: a new page is read only when the page turned. */
static int list_moved(struct tui *t, struct list *l, int64_t old_top)
{
	if (l->pg.top != old_top || !l->rows)
		return list_load(t, l, false);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Moves the selection (and the page, when it must show it). */
static int list_goto(struct tui *t, struct list *l, int64_t sel, int64_t top)
{
	int64_t old = l->pg.top;

	l->pg.sel = sel;
	l->pg.top = top;
	pager_clamp(&l->pg);
	return list_moved(t, l, old);
}

/* The search words changed (a keystroke): the best matches from the top. */
static int list_filter(struct tui *t, struct list *l, const char *text)
{
	snprintf(l->filter, sizeof l->filter, "%s", text);
	l->q.text = l->filter[0] ? l->filter : NULL;
	l->pg.sel = l->pg.top = 0;
	return list_load(t, l, true);
}


/* Counts and reads the page again with the selection on the case it was on, at the same
 * place on the screen, when the list still holds that case. */
static int list_requery(struct tui *t, struct list *l)
{
	const json_t *row = json_array_get(l->rows, (size_t)(l->pg.sel - l->pg.top));
	int64_t at = l->pg.sel - l->pg.top, pos = -1;
	char id[37] = "";
	ipc_err e;

	if (row)
		snprintf(id, sizeof id, "%s", jtext(row, "id"));
	if (id[0] && (pos = db_case_position(tui_db(t), &l->q, id, &e)) < -1)
		tui_error(t, "%s", e.msg);
	if (pos >= 0) {
		l->pg.sel = pos;
		l->pg.top = pos - at;
	}
	return list_load(t, l, true);
}

/* ---- cells ---- */

/* A case number without this office's own prefix, which every one of its cases shares. */
static const char *list_case_no(struct tui *t, const json_t *row)
{
	const char *no = jtext(row, "case_no");

	return *no ? cols_case_no_own(no, db_self(tui_db(t))->case_prefix) : "-";
}

/* An enumeration's label, or its short one when the full one would be cut at width w. */
static const char *list_term(struct tui *t, const struct enum_value *values, const char *id, int w)
{
	const char *full = schema_enum_label(values, id, tui_zh(t));

	return tui_text_width(full) <= w ? full : case_term_short(values, id, tui_zh(t));
}

static const char *list_cell(struct tui *t, const json_t *row, int col, int w)
{
	switch (col) {
	case COL_NO:
		return list_case_no(t, row);
	case COL_TITLE:
		return jtext(row, "title");
	case COL_TYPE:
		return list_term(t, case_ip_types, jtext(row, "ip_type"), w);
	case COL_STATUS:
		return list_term(t, case_statuses, jtext(row, "status"), w);
	case COL_RESP:
		return jtext(row, "respondent");
	case COL_HANDLER:
		return jtext(row, "handler");
	default:
		return jtext(row, "next_due");
	}
}

/* The title is what tells cases apart: columns give way before it gets narrower than
 * TITLE_FIRST. The page's case numbers and statuses are measured: their columns no wider
 * than they need, and on a wide terminal whole (statuses in their long form). */
static void list_layout(struct tui *t, struct list *l, int width)
{
	int want[NCOLS] = {0};
	const json_t *row;
	size_t i;

	json_array_foreach(l->rows, i, row) {
		if (*jtext(row, "case_no")) /* a page of cases without one: not measured */
			cols_want(want, COL_NO, list_case_no(t, row));
		cols_want(want, COL_STATUS, list_cell(t, row, COL_STATUS, width));
	}
	cols_layout(col_specs, NCOLS, COL_TITLE, TITLE_FIRST, width, want, l->cols);
}

/* The next deadline: "-" for none, "?" after a date the calendar does not confirm, and in
 * the overdue colour once it has passed. */
static void list_draw_deadline(WINDOW *w, int y, const struct col *c, const json_t *row, attr_t attr,
			  const char *today)
{
	const char *due = jtext(row, "next_due");
	char cell[16];

	snprintf(cell, sizeof cell, "%s%s", *due ? due : "-",
		 json_is_true(json_object_get(row, "next_due_unconfirmed")) ? "?" : "");
	if (*due && strcmp(due, today) < 0 && attr == A_NORMAL)
		attr = theme_attr(TUI_E_OVERDUE);
	tui_draw_text(w, y, c->x, c->w, cell, attr);
}

/* ---- the screen ---- */

/* A copy of s kept as long as the list, or NULL for NULL. */
static const char *list_keep(struct list *l, const char *name, const char *s)
{
	if (!s || json_object_set_new(l->kept, name, json_string(s)))
		return NULL;
	return json_string_value(json_object_get(l->kept, name));
}

/* The opener's query: every string copied, the words into the prompt's buffer. */
static void list_seed(struct list *l, const struct list_seed *seed)
{
	const struct case_query *q = &seed->q;

	l->q = *q;
	l->q.order = ORDER_UPDATED;
	l->q.ascending = false;
	l->q.offset = l->q.limit = 0;
	snprintf(l->filter, sizeof l->filter, "%s", q->text ? q->text : "");
	l->q.text = l->filter[0] ? l->filter : NULL;
	l->q.status = list_keep(l, "status", q->status);
	l->q.ip_type = list_keep(l, "ip_type", q->ip_type);
	l->q.region = list_keep(l, "region", q->region);
	l->q.from = list_keep(l, "from", q->from);
	l->q.to = list_keep(l, "to", q->to);
	l->q.decision = list_keep(l, "decision", q->decision);
	l->q.group_by = list_keep(l, "group_by", q->group_by);
	l->q.group_key = list_keep(l, "group_key", q->group_key);
	snprintf(l->what, sizeof l->what, "%s", seed->what ? seed->what : "");
}

static void *list_open(struct tui *t, void *arg, ipc_err *e)
{
	struct list *l = calloc(1, sizeof *l);

	if (!l || !(l->kept = json_object())) {
		free(l);
		err_nomem(e);
		return NULL;
	}
	l->q.order = ORDER_UPDATED;
	l->q.ascending = false;
	cal_today(l->today);
	if ((l->pg.total = l->all = db_case_count(tui_db(t), &l->q, e)) < 0)
		goto fail;
	if (arg) {
		list_seed(l, arg);
		if ((l->pg.total = db_case_count(tui_db(t), &l->q, e)) < 0)
			goto fail;
	}
	return l;
fail:
	json_decref(l->kept);
	free(l);
	return NULL;
}

static void list_close(void *st)
{
	struct list *l = st;

	json_decref(l->rows);
	json_decref(l->kept);
	free(l);
}

static void list_draw_row(struct tui *t, struct list *l, WINDOW *w, int y, struct tui_rect r,
			  const json_t *row, attr_t attr)
{
	tui_draw_text(w, y, r.x, r.w, "", attr);
	for (int i = 0; i < NCOLS; i++) {
		const struct col *c = &l->cols[i];
		char no[SCHEMA_LINE_MAX + 8];
		const char *s = row ? list_cell(t, row, i, c->w) : _(col_specs[i].label);
		if (row && i == COL_NO)
			s = cols_case_no(s, c->w, no, sizeof no);
		else if (row && i == COL_TITLE)
			s = cols_title(s, c->w, no, sizeof no);
		if (c->shown && row && i == COL_DUE)
			list_draw_deadline(w, y, &(struct col){true, r.x + c->x, c->w}, row, attr, l->today);
		else if (c->shown)
			tui_draw_cell(w, y, r.x + c->x, c->w, s, attr);
	}
}

static void list_draw_empty(struct list *l, WINDOW *w, struct tui_rect r)
{
	char line[TUI_PROMPT_MAX + 64];

	if (l->q.text)
		snprintf(line, sizeof line, _("No cases match: %s"), l->filter);
	else if (l->q.status || l->q.ip_type || l->q.mine || l->q.overdue || l->what[0])
		snprintf(line, sizeof line, "%s", _("No cases match the filters (f changes them)."));
	else
		snprintf(line, sizeof line, "%s", _("No cases yet. Press a to add one."));
	tui_draw_text(w, r.y + 2, r.x + 2, r.w - 2, line, A_NORMAL);
}

/* The rows under the line saying what the opener's query is, when there is one. */
static struct tui_rect list_rows(const struct list *l, struct tui_rect r)
{
	if (l->what[0]) {
		r.y++;
		r.h--;
	}
	return r;
}

static void list_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct list *l = st;
	size_t n = json_array_size(l->rows);

	if (l->what[0])
		tui_draw_text(w, r.y, r.x, r.w, l->what, A_BOLD);
	r = list_rows(l, r);
	list_layout(t, l, r.w);
	list_draw_row(t, l, w, r.y, r, NULL, theme_attr(TUI_E_HEADER));
	if (!l->pg.total) {
		list_draw_empty(l, w, r);
		return;
	}
	for (size_t i = 0; i < n && (int)i < l->pg.page; i++) {
		attr_t attr = l->pg.top + (int64_t)i == l->pg.sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
		list_draw_row(t, l, w, r.y + 1 + (int)i, r, json_array_get(l->rows, i), attr);
	}
}

static int list_open_case(struct tui *t, struct list *l)
{
	const json_t *row = json_array_get(l->rows, (size_t)(l->pg.sel - l->pg.top));

	if (!row)
		return TUI_HANDLED;
	return tui_screen_push(t, &tui_detail_screen, (void *)jtext(row, "id"));
}

/* A click selects the row under it; a double click opens it. */
static int list_click(struct tui *t, struct list *l)
{
	int y, x;
	int64_t row;

	tui_mouse(t, &y, &x);
	row = l->pg.top + (y - l->y0 - 1);
	if (y <= l->y0 || y > l->y0 + l->pg.page || row >= l->pg.total)
		return TUI_HANDLED;
	list_goto(t, l, row, l->pg.top);
	return tui_mouse_double(t) ? list_open_case(t, l) : TUI_HANDLED | TUI_REDRAW;
}

/* ---- sort and filters ---- */

static int list_sort_menu(struct tui *t, struct list *l)
{
	const char *labels[NSORTS];

	for (int i = 0; i < NSORTS; i++)
		labels[i] = _(sorts[i].label);
	return tui_menu_open(t, TAG_SORT, _("Sort by"), labels, NSORTS, l->sort);
}

static const char *status_label(struct tui *t, const char *id)
{
	return id ? schema_enum_label(case_statuses, id, tui_zh(t)) : _("any");
}

static const char *ip_type_label(struct tui *t, const char *id)
{
	return id ? schema_enum_label(case_ip_types, id, tui_zh(t)) : _("any");
}

static const char *case_field_label(struct tui *t, const char *name)
{
	const struct field *f = schema_field(schema_type("case"), name);

	return tui_zh(t) ? f->zh : f->en;
}

/* The list's handler filter is the statistics' handler group (db/search): one query for both. */
static const char *list_handler(const struct list *l)
{
	return l->q.group_by && !strcmp(l->q.group_by, "handler") ? l->q.group_key : NULL;
}

static int list_filter_menu(struct tui *t, struct list *l)
{
	char status[200], type[200], handler[200], region[200], dates[200];
	const char *labels[] = {status, type, handler, region, dates, _("clear the filters")};

	snprintf(status, sizeof status, "%s: %s", case_field_label(t, "status"),
		 status_label(t, l->q.status));
	snprintf(type, sizeof type, "%s: %s", case_field_label(t, "ip_type"),
		 ip_type_label(t, l->q.ip_type));
	snprintf(handler, sizeof handler, "%s: %s", case_field_label(t, "handlers"),
		 list_handler(l) ? list_handler(l) : _("any"));
	snprintf(region, sizeof region, "%s: %s", case_field_label(t, "region"),
		 l->q.region ? validate_region_name(l->q.region) : _("any"));
	snprintf(dates, sizeof dates, "%s: %s..%s", case_field_label(t, "clue_on"),
		 l->q.from ? l->q.from : "", l->q.to ? l->q.to : "");
	return tui_menu_open(t, TAG_FILTER, _("Filter"), labels, 6, 0);
}

/* FROM..TO, FROM.., ..TO or one day FROM (on from that day), each date as typed_date reads it. */
static bool list_dates(const char *text, char from[11], char to[11])
{
	const char *dots = strstr(text, "..");
	char head[32];

	if (!dots)
		return typed_date(text, from);
	snprintf(head, sizeof head, "%.*s", (int)(dots - text), text);
	return (!*head || typed_date(head, from)) && (!dots[2] || typed_date(dots + 2, to))
	       && (*head || dots[2]);
}

/* A filter typed on the bottom line: a handler's name, a region (name or code), dates
 * FROM..TO (either may be left out); "" clears it. What does not read says so. */
static int list_filter_typed(struct tui *t, struct list *l, int tag, const char *text)
{
	char code[7], from[11] = "", to[11] = "";

	if (tag == TAG_HANDLER) {
		l->q.group_by = *text ? "handler" : NULL;
		l->q.group_key = *text ? list_keep(l, "handler", text) : NULL;
	} else if (tag == TAG_REGION) {
		if (*text && validate_region_name(text))
			snprintf(code, sizeof code, "%s", text);
		else if (*text && !typed_region(text, code)) {
			tui_error(t, _("%s is not a region of 京津冀 (a name such as 石家庄, or its code)"),
				  text);
			return TUI_HANDLED | TUI_REDRAW;
		}
		l->q.region = *text ? list_keep(l, "region", code) : NULL;
	} else {
		if (*text && !list_dates(text, from, to)) {
			tui_error(t, _("%s: give the dates as FROM..TO, e.g. 2026-01-01..2026-06-30 "
				       "(either may be left out)"), text);
			return TUI_HANDLED | TUI_REDRAW;
		}
		l->q.on = ON_CLUE;
		l->q.from = *from ? list_keep(l, "from", from) : NULL;
		l->q.to = *to ? list_keep(l, "to", to) : NULL;
	}
	return list_requery(t, l);
}

/* The menu of an enumeration's values, "any" first. */
static int list_enum_menu(struct tui *t, int tag, const char *title,
			  const struct enum_value *values, const char *current)
{
	int n = 1, sel = 0;

	for (const struct enum_value *v = values; v->id && n <= TUI_MENU_ENUM_MAX; v++, n++)
		if (current && !strcmp(current, v->id))
			sel = n;
	return tui_menu_enum(t, tag, title, _("any"), values, sel);
}

/* The enumeration's id of a menu answer: NULL for "any". */
static const char *enum_chosen(const struct enum_value *values, int index)
{
	for (int i = 1; values[i - 1].id; i++)
		if (i == index)
			return values[i - 1].id;
	return NULL;
}

static int list_filter_chosen(struct tui *t, struct list *l, int index)
{
	switch (index) {
	case 0:
		return list_enum_menu(t, TAG_STATUS, case_field_label(t, "status"),
				      case_statuses, l->q.status);
	case 1:
		return list_enum_menu(t, TAG_IP_TYPE, case_field_label(t, "ip_type"), case_ip_types,
				      l->q.ip_type);
	case 2:
		return tui_prompt_open(t, TAG_HANDLER, _("Handler's name (empty: any): "),
				       list_handler(l) ? list_handler(l) : "", false);
	case 3:
		return tui_prompt_open(t, TAG_REGION, _("Region, a name or a code (empty: any): "),
				       l->q.region ? l->q.region : "", false);
	case 4:
		return tui_prompt_open(t, TAG_DATES, _("Clue registered FROM..TO (empty: any): "), "",
				       false);
	default:
		l->q.status = l->q.ip_type = l->q.region = l->q.from = l->q.to = NULL;
		if (list_handler(l))
			l->q.group_by = l->q.group_key = NULL;
		l->q.mine = false;
		return list_requery(t, l);
	}
}

/* The selected case's id for a form about it; NULL, saying so, when there is none. */
static const char *list_selected(struct tui *t, struct list *l)
{
	const char *id = jtext(json_array_get(l->rows, (size_t)(l->pg.sel - l->pg.top)), "id");

	if (!*id)
		tui_message(t, "%s", _("No case selected"));
	return *id ? id : NULL;
}

/* n / N: the next or previous result of the search, round the end of the list. */
static int list_step(struct tui *t, struct list *l, int by)
{
	if (!l->q.text) {
		tui_message(t, "%s", _("No search: press / to search"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!l->pg.total)
		return TUI_HANDLED;
	return list_goto(t, l, (l->pg.sel + by + l->pg.total) % l->pg.total, l->pg.top);
}

/* e, s, A: a form about the selected case. */
static int list_case_form(struct tui *t, struct list *l, enum tui_action a)
{
	const char *id = list_selected(t, l);

	if (!id)
		return TUI_HANDLED | TUI_REDRAW;
	if (a == TUI_ACT_EDIT)
		return tui_form_record(t, "case", id, NULL);
	return a == TUI_ACT_STATUS ? tui_form_status(t, id) : tui_form_attach(t, id);
}

static int list_action(struct tui *t, void *st, enum tui_action a)
{
	struct list *l = st;
	int64_t old = l->pg.top;

	if (pager_move(&l->pg, a))
		return list_moved(t, l, old);
	switch (a) {
	case TUI_ACT_NEXT:
		return list_step(t, l, 1);
	case TUI_ACT_PREV:
		return list_step(t, l, -1);
	case TUI_ACT_OPEN:
		return list_open_case(t, l);
	case TUI_ACT_SEARCH:
		return tui_prompt_open(t, 0, "/", l->filter, true);
	case TUI_ACT_BACK:
		return l->q.text ? list_filter(t, l, "") : 0;
	case TUI_ACT_SORT:
		return list_sort_menu(t, l);
	case TUI_ACT_FILTER:
		return list_filter_menu(t, l);
	case TUI_ACT_MINE:
		l->q.mine = !l->q.mine;
		return list_requery(t, l);
	case TUI_ACT_OVERDUE:
		l->q.overdue = !l->q.overdue;
		return list_requery(t, l);
	case TUI_ACT_CLICK:
		return list_click(t, l);
	case TUI_ACT_NEW:
		return tui_form_record(t, "case", NULL, NULL);
	case TUI_ACT_CAPTURE:
		return tui_form_capture(t, NULL);
	case TUI_ACT_EDIT:
	case TUI_ACT_STATUS:
	case TUI_ACT_ATTACH:
		return list_case_form(t, l, a);
	case TUI_ACT_REFRESH: /* the framework repaints the whole terminal and reloads */
		return 0;
	default:
		return 0;
	}
}

/* The search follows the typing, Esc takes it back; the menus set the order and filters. */
static int list_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct list *l = st;
	const char *text = a->kind == TUI_ANSWER_CANCEL ? "" : a->text;

	if (a->tag != TAG_SEARCH && a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	switch (a->tag) {
	case TAG_SORT: /* from the top: the first cases of the new order are what was asked */
		l->sort = a->index;
		l->q.order = sorts[a->index].order;
		l->q.ascending = sorts[a->index].ascending;
		l->pg.sel = l->pg.top = 0;
		return list_load(t, l, false);
	case TAG_FILTER:
		return list_filter_chosen(t, l, a->index);
	case TAG_STATUS:
		l->q.status = enum_chosen(case_statuses, a->index);
		return list_requery(t, l);
	case TAG_IP_TYPE:
		l->q.ip_type = enum_chosen(case_ip_types, a->index);
		return list_requery(t, l);
	case TAG_HANDLER:
	case TAG_REGION:
	case TAG_DATES:
		while (*text == ' ')
			text++;
		return list_filter_typed(t, l, a->tag, text);
	default:
		while (*text == ' ')
			text++;
		return list_filter(t, l, text);
	}
}

static int list_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct list *l = st;

	r = list_rows(l, r);
	l->pg.page = r.h - 1;
	l->y0 = r.y;
	return list_load(t, l, false);
}

/* The data changed (a write, a sync): the counts, and the page around the selected case. */
static int list_reload(struct tui *t, void *st)
{
	struct list *l = st;
	struct case_query all = {0};
	ipc_err e;

	if ((l->all = db_case_count(tui_db(t), &all, &e)) < 0) {
		l->all = 0;
		tui_error(t, "%s", e.msg);
	}
	return list_requery(t, l);
}

/* "/耐克  filed  trademark  mine  1 of 4 cases  title, ascending": the filters first, as
 * the narrowest status bar keeps the start. */
static void list_status(struct tui *t, void *st, char *buf, size_t n)
{
	struct list *l = st;
	size_t len = 0;

	buf[0] = '\0';
	if (l->q.text)
		len += (size_t)snprintf(buf, n, "/%s  ", l->filter);
	if (l->q.status && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s  ", status_label(t, l->q.status));
	if (l->q.ip_type && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s  ", ip_type_label(t, l->q.ip_type));
	if (list_handler(l) && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s  ", list_handler(l));
	if (l->q.region && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s  ", validate_region_name(l->q.region));
	if ((l->q.from || l->q.to) && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s..%s  ", l->q.from ? l->q.from : "",
					l->q.to ? l->q.to : "");
	if (l->q.mine && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s  ", _("mine"));
	if (l->q.overdue && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s  ", _("overdue"));
	if ((len || l->what[0]) && len < n)
		len += (size_t)snprintf(buf + len, n - len, _("%lld of %lld cases"),
					(long long)l->pg.total, (long long)l->all);
	else if (len < n)
		len += (size_t)snprintf(buf + len, n - len, _("%lld cases"), (long long)l->all);
	if (l->sort && len < n)
		snprintf(buf + len, n - len, "  %s", _(sorts[l->sort].label));
}

const struct tui_screen_ops tui_list_screen = {
	.name = "list",
	.open = list_open,
	.draw = list_draw,
	.action = list_action,
	.answer = list_answer,
	.resize = list_resize,
	.reload = list_reload,
	.status = list_status,
	.close = list_close,
};
