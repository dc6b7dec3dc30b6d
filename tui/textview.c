/* textview — a text shown whole over the current screen, wrapped to its width and scrolled
 * (what an import refused, an evidence file's path and hash without a display): its open
 * argument is a struct textview_arg, whose strings it copies; Esc or q closes it. */
#include <stdlib.h>
#include <string.h>

#include "tui/screens.h"
#include "tui/wrap.h"

struct textview {
	char *title, *text;
	struct wrap lines;
	int rows; /* rows the text has on screen */
};

static void *textview_open(struct tui *t, void *arg, ipc_err *e)
{
	const struct textview_arg *a = arg;
	struct textview *v = calloc(1, sizeof *v);

	(void)t;
	if (!v || !(v->title = strdup(a->title)) || !(v->text = strdup(a->text))) {
		if (v)
			free(v->title);
		free(v);
		err_nomem(e);
		return NULL;
	}
	return v;
}

static void textview_close(void *st)
{
	struct textview *v = st;

	wrap_free(&v->lines);
	free(v->title);
	free(v->text);
	free(v);
}

/* The text's lines, each wrapped at the width. */
static int textview_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct textview *v = st;
	char *copy = strdup(v->text), *save = NULL;

	(void)t;
	wrap_reset(&v->lines, r.w - 2);
	for (char *l = copy ? strtok_r(copy, "\n", &save) : NULL; l; l = strtok_r(NULL, "\n", &save))
		wrap_add(&v->lines, 0, l, TUI_E_NORMAL, -1, false);
	free(copy);
	v->rows = r.h - 2;
	wrap_scroll(&v->lines, 0, v->rows);
	return TUI_REDRAW;
}

static void textview_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct textview *v = st;

	(void)t;
	tui_draw_text(w, r.y, r.x, r.w, "", theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y, r.x + 1, r.w - 1, v->title, theme_attr(TUI_E_TITLE));
	wrap_draw(&v->lines, w, (struct tui_rect){r.y + 2, r.x + 1, r.h - 2, r.w - 2});
}

static int textview_action(struct tui *t, void *st, enum tui_action a)
{
	struct textview *v = st;
	int by;

	(void)t;
	switch (a) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
		by = a == TUI_ACT_UP ? -1 : 1;
		break;
	case TUI_ACT_PAGE_UP:
	case TUI_ACT_PAGE_DOWN:
		by = a == TUI_ACT_PAGE_UP ? -v->rows : v->rows;
		break;
	case TUI_ACT_FIRST:
	case TUI_ACT_LAST:
		by = a == TUI_ACT_FIRST ? -(int)v->lines.n : (int)v->lines.n;
		break;
	case TUI_ACT_BACK:
	case TUI_ACT_QUIT:
	case TUI_ACT_OPEN:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
	wrap_scroll(&v->lines, by, v->rows);
	return TUI_HANDLED | TUI_REDRAW;
}

static void textview_status(struct tui *t, void *st, char *buf, size_t n)
{
	(void)t;
	(void)st;
	snprintf(buf, n, "%s", _("Esc or q: back"));
}

const struct tui_screen_ops tui_textview_screen = {
	.name = "text",
	.open = textview_open,
	.draw = textview_draw,
	.action = textview_action,
	.resize = textview_resize,
	.status = textview_status,
	.close = textview_close,
};
