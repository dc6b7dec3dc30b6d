/* help — the help screen, written from the key bindings in force (keys_each_help). */
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/text.h"
#include "tui/screen.h"
#include "tui/screens.h"

struct help_line {
	char keys[128];
	char what[256];
};

struct help {
	struct help_line *lines;
	int n, cap, top, height;
};

static void help_add(const char *keys, const char *what, void *arg)
{
	struct help *h = arg;

	if (h->n == h->cap)
		return;
	snprintf(h->lines[h->n].keys, sizeof h->lines[0].keys, "%s", keys);
	snprintf(h->lines[h->n].what, sizeof h->lines[0].what, "%s", what);
	h->n++;
}

static void *help_open(struct tui *t, void *arg, ipc_err *e)
{
	struct help *h = calloc(1, sizeof *h);

	(void)t;
	(void)arg;
	if (h && (h->lines = calloc(TUI_NACTIONS, sizeof *h->lines))) {
		h->cap = TUI_NACTIONS;
		keys_each_help(help_add, h);
		return h;
	}
	free(h);
	err_nomem(e);
	return NULL;
}

static void help_close(void *st)
{
	struct help *h = st;

	free(h->lines);
	free(h);
}

static void help_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct help *h = st;
	int kw = 0;

	(void)t;
	for (int i = 0; i < h->n; i++) {
		int kwi = tui_text_width(h->lines[i].keys);
		if (kwi > kw)
			kw = kwi;
	}
	kw += 4;
	tui_draw_text(w, r.y, r.x, r.w, _(" ipcase keys"), theme_attr(TUI_E_TITLE));
	for (int row = 2, i = h->top; row < r.h && i < h->n; row++, i++) {
		tui_draw_text(w, r.y + row, r.x + 2, kw - 2, h->lines[i].keys, theme_attr(TUI_E_LABEL));
		tui_draw_text(w, r.y + row, r.x + kw, r.w - kw, h->lines[i].what, A_NORMAL);
	}
}

static int help_scroll(struct help *h, int by)
{
	int max = h->n - h->height;

	h->top += by;
	if (h->top > max)
		h->top = max;
	if (h->top < 0)
		h->top = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static int help_action(struct tui *t, void *st, enum tui_action a)
{
	struct help *h = st;

	(void)t;
	switch (a) {
	case TUI_ACT_UP:
		return help_scroll(h, -1);
	case TUI_ACT_DOWN:
		return help_scroll(h, 1);
	case TUI_ACT_PAGE_UP:
		return help_scroll(h, -h->height);
	case TUI_ACT_PAGE_DOWN:
		return help_scroll(h, h->height);
	case TUI_ACT_FIRST:
		return help_scroll(h, -h->n);
	case TUI_ACT_LAST:
		return help_scroll(h, h->n);
	case TUI_ACT_BACK:
	case TUI_ACT_HELP:
	case TUI_ACT_QUIT:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return TUI_HANDLED; /* nothing else opens from the help */
	}
}

static int help_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct help *h = st;

	(void)t;
	h->height = r.h - 2;
	return help_scroll(h, 0);
}

static void help_status(struct tui *t, void *st, char *buf, size_t n)
{
	(void)t;
	(void)st;
	snprintf(buf, n, "%s", _("Esc or q: back"));
}

const struct tui_screen_ops tui_help_screen = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.action = help_action,
	.resize = help_resize,
	.status = help_status,
	.close = help_close,
};
