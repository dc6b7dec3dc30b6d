/* approvals — the "waiting for my approval" screen: the approvals asked and not answered that
 * this device's roles may answer (approval_waiting), oldest first, each on two lines (date,
 * step, case number and title; who asked and why). Enter opens the case, y approves and x
 * refuses (the opinion prompted: tui/approval_ask). Read whole on open and reload: what waits
 * for one officer is a handful. */
#include <stdio.h>
#include <stdlib.h>

#include "base/json.h"
#include "base/text.h"
#include "db/rules/approval.h"
#include "tui/approval.h"
#include "tui/pager.h"
#include "tui/screens.h"

#define ROW_LINES 2 /* an approval's lines */
#define HEAD_LINES 2

struct waiting {
	json_t *rows;        /* approval_waiting(mine) */
	struct tui_pager pg; /* over rows, all read */
};

static int waiting_load(struct tui *t, struct waiting *u, ipc_err *e)
{
	json_t *rows = approval_waiting(tui_db(t), true, e);

	if (!rows)
		return -1;
	json_decref(u->rows);
	u->rows = rows;
	u->pg.total = (int64_t)json_array_size(rows);
	pager_clamp(&u->pg);
	return 0;
}

static void waiting_close(void *st)
{
	struct waiting *u = st;

	json_decref(u->rows);
	free(u);
}

static void *waiting_open(struct tui *t, void *arg, ipc_err *e)
{
	struct waiting *u = calloc(1, sizeof *u);

	(void)arg;
	if (!u) {
		err_nomem(e);
		return NULL;
	}
	if (waiting_load(t, u, e)) {
		waiting_close(u);
		return NULL;
	}
	return u;
}

static int waiting_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (waiting_load(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

/* "2026-03-02  立案            冀市监处罚〔2026〕…  某商标侵权案"
 * "            asked by 王建国: 证据确凿，建议立案" */
static void waiting_draw_row(struct tui *t, WINDOW *w, int y, struct tui_rect r,
			     const json_t *row, bool sel)
{
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
	const char *no = jtext(row, "case_no");
	char who[512];
	int x = r.x + 1;

	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, 11, jtext(row, "asked_on"), a);
	x += 12;
	tui_draw_text(w, y, x, 15, tui_approval_step(t, jtext(row, "step")), a);
	x += 16;
	if (*no) {
		tui_draw_text(w, y, x, 22, tui_text_tail(no, 22), a);
		x += 23;
	}
	tui_draw_text(w, y, x, r.x + r.w - x, jtext(row, "title"), a);
	snprintf(who, sizeof who, *jtext(row, "reason") ? _("asked by %s: %s") : _("asked by %s"),
		 jtext(row, "asked_by"), jtext(row, "reason"));
	tui_draw_text(w, y + 1, r.x + 13, r.w - 13, who, theme_attr(TUI_E_HINT));
}

static void waiting_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct waiting *u = st;
	char line[256];

	snprintf(line, sizeof line, _(" Waiting for my approval: %lld"), (long long)u->pg.total);
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y + 1, r.x, r.w, _(" Asked on    Step            Case"),
		      theme_attr(TUI_E_HEADER));
	if (!u->pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, _("Nothing waits for your approval."),
			      A_NORMAL);
		return;
	}
	for (int64_t i = u->pg.top; i < u->pg.total && i < u->pg.top + u->pg.page; i++)
		waiting_draw_row(t, w, r.y + HEAD_LINES + (int)(i - u->pg.top) * ROW_LINES, r,
				 json_array_get(u->rows, (size_t)i), i == u->pg.sel);
}

static const json_t *waiting_selected(const struct waiting *u)
{
	return json_array_get(u->rows, (size_t)u->pg.sel);
}

static int waiting_action(struct tui *t, void *st, enum tui_action a)
{
	struct waiting *u = st;
	const json_t *row = waiting_selected(u);

	if (pager_move(&u->pg, a)) /* every row is in memory: nothing to read */
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_OPEN:
		return row ? tui_screen_push(t, &tui_detail_screen, (void *)jtext(row, "case_id"))
			   : TUI_HANDLED;
	case TUI_ACT_APPROVE:
	case TUI_ACT_REFUSE:
		return row ? tui_approval_answer(t, jtext(row, "id"), a == TUI_ACT_APPROVE)
			   : TUI_HANDLED;
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int waiting_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct waiting *u = st;

	(void)t;
	u->pg.page = (r.h - HEAD_LINES) / ROW_LINES;
	pager_clamp(&u->pg);
	return TUI_REDRAW;
}

const struct tui_screen_ops tui_approvals_screen = {
	.name = "approvals",
	.hint = N_("y: approve  x: refuse  Enter: the case  ?: help  q: back"),
	.open = waiting_open,
	.draw = waiting_draw,
	.action = waiting_action,
	.resize = waiting_resize,
	.reload = waiting_reload,
	.close = waiting_close,
};
