/* collab — the collaboration screen: the requests of the inbox or the outbox (Tab switches),
 * latest change first, with their kind, offices, subject, status, due date and days left
 * (overdue ones stand out); filters by kind, office and status (f) and overdue only (!);
 * Enter opens a request. The list is db/rules/collab's collab_list, read again on every change.
 * While requests wait to go out with no collaboration remote to carry them, the last rows say
 * so and where to add one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/calendar.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/rules/office.h"
#include "tui/collab.h"
#include "tui/pager.h"
#include "tui/screens.h"
#include "tui/wrap.h"

#define STRANDED_ROWS 2 /* the warning that requests cannot go out */

enum { TAG_FILTER = 1, TAG_KIND, TAG_OFFICE, TAG_STATUS };

struct clist {
	int box;               /* COLLAB_INBOX or COLLAB_OUTBOX */
	char kind[32], office[16], status[16];
	bool overdue;
	json_t *rows;          /* collab_list */
	json_t *offices;       /* the office menu's directory while it is open */
	struct tui_pager pg;   /* over rows, all read */
	int height;            /* the screen's rows below the title and the column heads */
	bool stranded;         /* requests wait with no collaboration remote (collab_stranded) */
};

/* The page: the rows, less the warning's when it shows. */
static void clist_fit(struct clist *c)
{
	c->pg.page = c->height - (c->stranded ? STRANDED_ROWS + 1 : 0);
	pager_clamp(&c->pg);
}

const char *tui_collab_label(const struct tui *t, const struct enum_value *values,
			     const char *id)
{
	for (const struct enum_value *v = values; v->id; v++)
		if (strcmp(v->id, id) == 0)
			return tui_zh(t) ? v->zh : _(v->en);
	return id;
}

static int clist_load(struct tui *t, struct clist *c, ipc_err *e)
{
	struct collab_query q = {.box = c->box, .overdue = c->overdue,
				 .kind = c->kind[0] ? c->kind : NULL,
				 .office = c->office[0] ? c->office : NULL,
				 .status = c->status[0] ? c->status : NULL};
	json_t *rows = collab_list(tui_db(t), &q, e);

	if (!rows)
		return -1;
	json_decref(c->rows);
	c->rows = rows;
	c->pg.total = (int64_t)json_array_size(rows);
	c->stranded = collab_stranded(tui_db(t)) > 0;
	clist_fit(c);
	return 0;
}

static int clist_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (clist_load(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static void clist_close(void *st)
{
	struct clist *c = st;

	json_decref(c->rows);
	json_decref(c->offices);
	free(c);
}

static void *clist_open(struct tui *t, void *arg, ipc_err *e)
{
	struct clist *c = calloc(1, sizeof *c);

	(void)arg;
	if (!c) {
		err_nomem(e);
		return NULL;
	}
	c->box = COLLAB_INBOX;
	if (clist_load(t, c, e)) {
		clist_close(c);
		return NULL;
	}
	return c;
}

/* ---- drawing ---- */

/* kind · from → to · subject · status · due · days left */
static void clist_draw_row(struct tui *t, WINDOW *w, int y, struct tui_rect r,
			   const json_t *row, bool sel)
{
	bool late = json_is_true(json_object_get(row, "overdue"));
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : late ? theme_attr(TUI_E_OVERDUE) : A_NORMAL;
	const char *due = jtext(row, "due");
	char today[11], left[16] = "", offices[40];
	int x = r.x, days;

	cal_today(today);
	if (*due && !cal_days_between(today, due, &days))
		snprintf(left, sizeof left, "%+d", days);
	snprintf(offices, sizeof offices, "%s→%s", jtext(row, "from"),
		 jtext(row, "to"));
	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, 21, tui_collab_label(t, collab_kinds,
						       jtext(row, "kind")), a);
	x += 22;
	tui_draw_text(w, y, x, 15, offices, a);
	x += 16;
	tui_draw_text(w, y, x, 11, tui_collab_label(t, collab_statuses,
						       jtext(row, "status")), a);
	x += 12;
	tui_draw_text(w, y, x, 11, due, a);
	x += 11;
	tui_draw_text(w, y, x, 5, left, a);
	x += 5;
	tui_draw_text(w, y, x, r.x + r.w - x, jtext(row, "subject"), a);
}

/* " Inbox · kind: … · office: … · status: … · overdue" */
static void clist_draw_title(struct tui *t, struct clist *c, WINDOW *w, struct tui_rect r)
{
	char line[512];
	int n;

	n = snprintf(line, sizeof line, "%s", c->box == COLLAB_INBOX ? _(" Inbox") : _(" Outbox"));
	if (c->kind[0])
		n += snprintf(line + n, sizeof line - (size_t)n, _(" · kind: %s"),
			      tui_collab_label(t, collab_kinds, c->kind));
	if (c->office[0])
		n += snprintf(line + n, sizeof line - (size_t)n, _(" · office: %s"), c->office);
	if (c->status[0])
		n += snprintf(line + n, sizeof line - (size_t)n, _(" · status: %s"),
			      tui_collab_label(t, collab_statuses, c->status));
	if (c->overdue)
		snprintf(line + n, sizeof line - (size_t)n, "%s", _(" · overdue only"));
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
}

static void clist_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct clist *c = st;
	static const int at[] = {0, 22, 38, 50, 61, 66}; /* the columns clist_draw_row draws */
	const char *heads[] = {_("Kind"), _("From→to"), _("Status"), _("Due"), _("Days"),
			       _("Subject")};
	attr_t ha = theme_attr(TUI_E_HEADER);

	clist_draw_title(t, c, w, r);
	tui_draw_text(w, r.y + 1, r.x, r.w, "", ha);
	for (int i = 0; i < 6 && at[i] < r.w; i++)
		tui_draw_text(w, r.y + 1, r.x + at[i], i < 5 ? at[i + 1] - at[i] : r.w - at[i],
			      heads[i], ha);
	if (c->stranded) {
		char line[400], keys[64];
		keys_for(TUI_ACT_SYNC, keys, sizeof keys);
		snprintf(line, sizeof line, _("Requests cannot go out: no collaboration remote is set. "
					      "%s opens the sync screen, where a adds one."), keys);
		wrap_text_draw(w, r.y + r.h - STRANDED_ROWS, r.x + 1, r.w - 2, STRANDED_ROWS, line,
			       theme_attr(TUI_E_WARN));
	}
	if (!c->pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, _("No requests."), A_NORMAL);
		return;
	}
	for (int64_t i = c->pg.top; i < c->pg.total && i < c->pg.top + c->pg.page; i++)
		clist_draw_row(t, w, r.y + 2 + (int)(i - c->pg.top), r, json_array_get(c->rows, (size_t)i),
			       i == c->pg.sel);
}

/* ---- filters ---- */

static const char *const filter_labels[] = {N_("Kind"), N_("Office"), N_("Status"),
					    N_("Clear the filters")};

/* A menu of an enumeration's labels, "any" first. */
static int clist_enum_menu(struct tui *t, int tag, const char *title,
			   const struct enum_value *values)
{
	const char *labels[16] = {_("any")};
	int n = 1;

	for (const struct enum_value *v = values; v->id && n < 16; v++)
		labels[n++] = tui_collab_label(t, values, v->id);
	return tui_menu_open(t, tag, title, labels, n, 0);
}

static int clist_filter_open(struct tui *t, struct clist *c, int which)
{
	switch (which) {
	case 0:
		return clist_enum_menu(t, TAG_KIND, _("Kind"), collab_kinds);
	case 1:
		json_decref(c->offices);
		c->offices = NULL;
		return tui_collab_office_menu(t, TAG_OFFICE, &c->offices);
	case 2:
		return clist_enum_menu(t, TAG_STATUS, _("Status"), collab_statuses);
	default:
		c->kind[0] = c->office[0] = c->status[0] = '\0';
		c->overdue = false;
		return clist_reload(t, c);
	}
}

/* The id of the menu's item `index` (0 is "any": ""). */
static void enum_pick(const struct enum_value *values, int index, char *out, size_t n)
{
	snprintf(out, n, "%s", index > 0 ? values[index - 1].id : "");
}

static int clist_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct clist *c = st;

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	switch (a->tag) {
	case TAG_FILTER:
		return clist_filter_open(t, c, a->index);
	case TAG_KIND:
		enum_pick(collab_kinds, a->index, c->kind, sizeof c->kind);
		break;
	case TAG_STATUS:
		enum_pick(collab_statuses, a->index, c->status, sizeof c->status);
		break;
	case TAG_OFFICE:
		snprintf(c->office, sizeof c->office, "%s",
			 jtext(json_array_get(c->offices, (size_t)a->index), "code"));
		break;
	default:
		return TUI_REDRAW;
	}
	c->pg.sel = c->pg.top = 0;
	return clist_reload(t, c);
}

/* ---- keys ---- */

static int clist_open_request(struct tui *t, struct clist *c)
{
	const json_t *row = json_array_get(c->rows, (size_t)c->pg.sel);

	if (!row)
		return TUI_HANDLED;
	/* opening it may acknowledge it: every screen reads again */
	return tui_screen_push(t, &tui_collab_view_screen, (void *)jtext(row, "id"))
	       | TUI_CHANGED;
}

static int clist_action(struct tui *t, void *st, enum tui_action a)
{
	struct clist *c = st;
	const char *labels[4];

	if (pager_move(&c->pg, a)) /* every row is in memory: nothing to read */
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_NEXT_TAB:
	case TUI_ACT_PREV_TAB:
		c->box = c->box == COLLAB_INBOX ? COLLAB_OUTBOX : COLLAB_INBOX;
		c->pg.sel = c->pg.top = 0;
		return clist_reload(t, c);
	case TUI_ACT_FILTER:
		for (int i = 0; i < 4; i++)
			labels[i] = _(filter_labels[i]);
		return tui_menu_open(t, TAG_FILTER, _("Filter by"), labels, 4, 0);
	case TUI_ACT_OVERDUE:
		c->overdue = !c->overdue;
		c->pg.sel = c->pg.top = 0;
		return clist_reload(t, c);
	case TUI_ACT_OPEN:
		return clist_open_request(t, c);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int clist_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct clist *c = st;

	(void)t;
	c->height = r.h - 2;
	clist_fit(c);
	return TUI_REDRAW;
}

static void clist_status(struct tui *t, void *st, char *buf, size_t n)
{
	struct clist *c = st;

	(void)t;
	snprintf(buf, n, _("%d requests  Tab: inbox/outbox  f: filter  !: overdue"), (int)c->pg.total);
}

const struct tui_screen_ops tui_collab_screen = {
	.name = "collab",
	.open = clist_open,
	.draw = clist_draw,
	.action = clist_action,
	.answer = clist_answer,
	.resize = clist_resize,
	.reload = clist_reload,
	.status = clist_status,
	.close = clist_close,
};
