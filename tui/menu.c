/* menu — a list of choices drawn in a frame over the screen that opened it (workflow steps,
 * enum values, remotes, sort orders); the choice goes back to that screen's answer. */
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/text.h"
#include "tui/screen.h"

struct menu_arg {
	int tag;
	const char *title;
	const char *const *labels;
	int n, sel;
};

static const struct tui_screen_ops menu_screen;

struct menu {
	int tag, n, sel, top, height;
	char *title;
	char **labels;
	struct tui_rect box; /* the frame, set by resize */
};

static void menu_free(void *st)
{
	struct menu *m = st;

	for (int i = 0; i < m->n; i++)
		free(m->labels[i]);
	free(m->labels);
	free(m->title);
	free(m);
}

static void *menu_open(struct tui *t, void *arg, ipc_err *e)
{
	const struct menu_arg *a = arg;
	struct menu *m = calloc(1, sizeof *m);

	(void)t;
	if (!m || !(m->labels = calloc((size_t)a->n + 1, sizeof *m->labels))
	    || !(m->title = strdup(a->title ? a->title : "")))
		goto oom;
	for (m->n = 0; m->n < a->n; m->n++)
		if (!(m->labels[m->n] = strdup(a->labels[m->n])))
			goto oom;
	m->tag = a->tag;
	m->sel = a->sel >= 0 && a->sel < a->n ? a->sel : 0;
	return m;
oom:
	if (m)
		menu_free(m);
	err_nomem(e);
	return NULL;
}

int tui_menu_open(struct tui *t, int tag, const char *title, const char *const *labels, int n,
		  int selected)
{
	struct menu_arg a = {tag, title, labels, n, selected};

	if (n <= 0) {
		tui_error(t, "%s", _("nothing to choose from"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	return tui_screen_push(t, &menu_screen, &a);
}

static int menu_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct menu *m = st;
	int w = tui_text_width(m->title) + 4;

	(void)t;
	for (int i = 0; i < m->n; i++) {
		int wi = tui_text_width(m->labels[i]) + 4;
		if (wi > w)
			w = wi;
	}
	if (w > r.w - 4)
		w = r.w - 4;
	m->height = m->n < r.h - 4 ? m->n : r.h - 4;
	m->box = (struct tui_rect){r.y + (r.h - m->height - 2) / 2, r.x + (r.w - w) / 2,
				   m->height + 2, w};
	if (m->sel >= m->top + m->height)
		m->top = m->sel - m->height + 1;
	return TUI_REDRAW;
}

static void menu_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct menu *m = st;
	struct tui_rect b = m->box;

	(void)t;
	(void)r;
	for (int y = 0; y < b.h; y++)
		tui_draw_text(w, b.y + y, b.x, b.w, "", A_NORMAL);
	theme_box(w, b.y, b.x, b.h, b.w, theme_attr(TUI_E_LABEL));
	tui_draw_text(w, b.y, b.x + 2, b.w - 4, m->title, theme_attr(TUI_E_TITLE));
	for (int i = 0; i < m->height && m->top + i < m->n; i++) {
		int k = m->top + i;
		tui_draw_text(w, b.y + 1 + i, b.x + 1, b.w - 2, "", A_NORMAL);
		tui_draw_text(w, b.y + 1 + i, b.x + 2, b.w - 4, m->labels[k],
			      k == m->sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL);
	}
}

static int menu_move(struct menu *m, int to)
{
	m->sel = to < 0 ? 0 : to >= m->n ? m->n - 1 : to;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + m->height)
		m->top = m->sel - m->height + 1;
	return TUI_HANDLED | TUI_REDRAW;
}

static int menu_close(struct tui *t, struct menu *m, enum tui_answer_kind kind)
{
	struct tui_answer a = {m->tag, kind, m->labels[m->sel], m->sel};

	tui_answer_on_close(t, &a);
	return TUI_HANDLED | TUI_QUIT;
}

static int menu_action(struct tui *t, void *st, enum tui_action a)
{
	struct menu *m = st;

	switch (a) {
	case TUI_ACT_UP:
		return menu_move(m, m->sel - 1);
	case TUI_ACT_DOWN:
		return menu_move(m, m->sel + 1);
	case TUI_ACT_PAGE_UP:
		return menu_move(m, m->sel - m->height);
	case TUI_ACT_PAGE_DOWN:
		return menu_move(m, m->sel + m->height);
	case TUI_ACT_FIRST:
		return menu_move(m, 0);
	case TUI_ACT_LAST:
		return menu_move(m, m->n - 1);
	case TUI_ACT_OPEN:
		return menu_close(t, m, TUI_ANSWER_ACCEPT);
	case TUI_ACT_BACK:
	case TUI_ACT_QUIT:
		return menu_close(t, m, TUI_ANSWER_CANCEL);
	default:
		return TUI_HANDLED; /* a menu waits for its answer */
	}
}

static const struct tui_screen_ops menu_screen = {
	.name = "menu",
	.overlay = true,
	.open = menu_open,
	.draw = menu_draw,
	.action = menu_action,
	.resize = menu_resize,
	.close = menu_free,
};
