/* trash — the deleted view (X): the deleted cases and records of cases, latest deletion
 * first, with who deleted each and when; Enter asks, then restores the selected one (an
 * ordinary write of `deleted`, refused like any write — an archived case's record stays). */
#include <stdio.h>
#include <stdlib.h>

#include "base/json.h"
#include "db/trash.h"
#include "tui/pager.h"
#include "tui/screen.h"
#include "tui/screens.h"

enum { TRASH_TAG_RESTORE = 1 };

struct trash {
	json_t *rows; /* the whole list: deletions are few */
	struct tui_pager pg;
};

static int trash_load(struct tui *t, struct trash *u)
{
	ipc_err e = {0};
	json_t *rows = trash_list(tui_db(t), &e);

	if (!rows) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	json_decref(u->rows);
	u->rows = rows;
	u->pg.total = (int64_t)json_array_size(rows);
	pager_clamp(&u->pg);
	return TUI_HANDLED | TUI_REDRAW;
}

static void *trash_open(struct tui *t, void *arg, ipc_err *e)
{
	struct trash *u = calloc(1, sizeof *u);

	(void)arg;
	if (!u) {
		err_nomem(e);
		return NULL;
	}
	if (!(u->rows = trash_list(tui_db(t), e))) {
		free(u);
		return NULL;
	}
	u->pg.total = (int64_t)json_array_size(u->rows);
	return u;
}

static void trash_close(void *st)
{
	struct trash *u = st;

	json_decref(u->rows);
	free(u);
}

/* deleted at · by · type · name · the case it belongs to */
static void trash_draw_row(WINDOW *w, int y, struct tui_rect r, const json_t *row,
			   bool sel)
{
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
	char what[400];
	int x = r.x;

	snprintf(what, sizeof what, "%s%s%s", jtext(row, "name"), jstr(row, "case_name") ? " · " : "",
		 jtext(row, "case_name"));
	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, 19, jtext(row, "deleted_at"), a);
	x += 20;
	tui_draw_text(w, y, x, 10, jstr(row, "deleted_by") ?: "?", a);
	x += 11;
	tui_draw_text(w, y, x, 12, trash_type_label(jtext(row, "type")), a);
	x += 13;
	tui_draw_text(w, y, x, r.x + r.w - x, what, a);
}

static void trash_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct trash *u = st;

	(void)t;
	tui_draw_text(w, r.y, r.x, r.w, _(" Deleted cases and records: Enter restores one (history keeps everything)"),
		      theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y + 1, r.x, r.w, _("Deleted at          By         Kind         What · case"),
		      A_NORMAL);
	if (!u->pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, _("Nothing is deleted."), A_NORMAL);
		return;
	}
	for (int i = 0; i < u->pg.page && u->pg.top + i < u->pg.total; i++)
		trash_draw_row(w, r.y + 2 + i, r, json_array_get(u->rows, (size_t)(u->pg.top + i)),
			       u->pg.top + i == u->pg.sel);
}

static const json_t *trash_selected(const struct trash *u)
{
	return json_array_get(u->rows, (size_t)u->pg.sel);
}

static int trash_ask(struct tui *t, struct trash *u)
{
	const json_t *row = trash_selected(u);
	char q[600];

	if (!row)
		return TUI_HANDLED;
	snprintf(q, sizeof q, _("Restore %s %s?"), trash_type_label(jtext(row, "type")),
		 jtext(row, "name"));
	return tui_ask(t, TRASH_TAG_RESTORE, q) | TUI_REDRAW;
}

static int trash_action(struct tui *t, void *st, enum tui_action a)
{
	struct trash *u = st;

	if (pager_move(&u->pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_OPEN:
		return trash_ask(t, u);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int trash_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct trash *u = st;
	const json_t *row = trash_selected(u);
	ipc_err e = {0};

	if (a->tag != TRASH_TAG_RESTORE || a->kind != TUI_ANSWER_ACCEPT || !row)
		return TUI_HANDLED | TUI_REDRAW;
	if (trash_restore(tui_db(t), jtext(row, "id"), &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, _("Restored %s %s"), trash_type_label(jtext(row, "type")), jtext(row, "name"));
	return TUI_HANDLED | TUI_REDRAW | TUI_CHANGED;
}

static int trash_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct trash *u = st;

	(void)t;
	u->pg.page = r.h - 2;
	pager_clamp(&u->pg);
	return TUI_HANDLED | TUI_REDRAW;
}

static int trash_reload(struct tui *t, void *st)
{
	return trash_load(t, st);
}

static void trash_status(struct tui *t, void *st, char *buf, size_t n)
{
	struct trash *u = st;

	(void)t;
	snprintf(buf, n, _("%lld deleted"), (long long)u->pg.total);
}

const struct tui_screen_ops tui_trash_screen = {
	.name = "deleted",
	.open = trash_open,
	.draw = trash_draw,
	.action = trash_action,
	.answer = trash_answer,
	.resize = trash_resize,
	.reload = trash_reload,
	.status = trash_status,
	.close = trash_close,
};
