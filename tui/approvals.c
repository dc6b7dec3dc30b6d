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
#include "tui/rowlist.h"
#include "tui/screens.h"

/* approval_waiting(mine): what this device's roles may answer. */
static json_t *waiting_read(struct tui *t, void *st, ipc_err *e)
{
	(void)st;
	return approval_waiting(tui_db(t), true, e);
}

static void *waiting_open(struct tui *t, void *arg, ipc_err *e)
{
	static const struct rowlist shape = {.read = waiting_read, .head_lines = 2,
					     .row_lines = 2};

	(void)arg;
	return rowlist_open(t, sizeof(struct rowlist), &shape, e);
}

/* "2026-03-02  立案            冀市监处罚〔2026〕…  某商标侵权案"
 * "            asked by 王建国: 证据确凿，建议立案" */
static void waiting_draw_row(struct tui *t, void *st, WINDOW *w, int y, struct tui_rect r,
			     const json_t *row, bool sel)
{
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
	const char *no = jtext(row, "case_no");
	char who[512];
	int x = r.x + 1;

	(void)st;
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
	struct rowlist *u = st;
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
	rowlist_draw_rows(t, st, w, r, waiting_draw_row);
}

static int waiting_action(struct tui *t, void *st, enum tui_action a)
{
	struct rowlist *u = st;
	const json_t *row = rowlist_selected(u);

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

const struct tui_screen_ops tui_approvals_screen = {
	.name = "approvals",
	.hint = N_("y: approve  x: refuse  Enter: the case  ?: help  q: back"),
	.open = waiting_open,
	.draw = waiting_draw,
	.action = waiting_action,
	.resize = rowlist_resize,
	.reload = rowlist_reload,
	.close = rowlist_close,
};
