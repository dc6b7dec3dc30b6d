/* wrap — wrapped lines with selectable items (see wrap.h). */
#include "tui/wrap.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/text.h"

void wrap_reset(struct wrap *w, int width)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].label);
		free(w->v[i].text);
	}
	w->n = 0;
	w->nitems = 0;
	w->width = width;
}

void wrap_free(struct wrap *w)
{
	wrap_reset(w, 0);
	free(w->v);
	w->v = NULL;
	w->cap = 0;
}

static void wrap_push(struct wrap *w, struct wrap_line l)
{
	struct wrap_line *v = grow(w->v, &w->cap, w->n, sizeof *v);

	if (!v || !l.text) { /* out of memory: the line is left out */
		free(l.label);
		free(l.text);
		return;
	}
	w->v = v;
	w->v[w->n++] = l;
}

void wrap_add_label(struct wrap *w, int indent, int lw, const char *label, const char *text,
		    enum tui_elem el, int item, bool head)
{
	struct tui_lines it;
	const char *line;
	size_t n;
	bool first = true;

	tui_lines_start(&it, text, w->width - indent - lw);
	while (tui_lines_next(&it, &line, &n)) {
		wrap_push(w, (struct wrap_line){first && label ? strdup(label) : NULL, strndup(line, n),
						indent, lw, el, item, head});
		first = false;
	}
	if (item >= w->nitems)
		w->nitems = item + 1;
}

void wrap_add(struct wrap *w, int indent, const char *text, enum tui_elem el, int item,
	      bool head)
{
	wrap_add_label(w, indent, 0, NULL, text, el, item, head);
}

static void wrap_clamp(struct wrap *w, int rows)
{
	int max = (int)w->n - rows;

	if (w->top > max)
		w->top = max;
	if (w->top < 0)
		w->top = 0;
}

void wrap_select(struct wrap *w, int to, int rows)
{
	int first = -1, last = -1;

	if (to >= w->nitems)
		to = w->nitems - 1;
	w->sel = to < 0 && w->nitems ? 0 : to;
	for (size_t i = 0; i < w->n; i++)
		if (w->sel >= 0 && w->v[i].item == w->sel) {
			if (first < 0)
				first = (int)i;
			last = (int)i;
		}
	if (first >= 0 && first < w->top)
		w->top = first;
	else if (last >= w->top + rows)
		w->top = last - rows + 1 < first ? last - rows + 1 : first;
	wrap_clamp(w, rows);
}

void wrap_scroll(struct wrap *w, int by, int rows)
{
	w->top += by;
	wrap_clamp(w, rows);
}

void wrap_draw(const struct wrap *w, WINDOW *win, struct tui_rect r)
{
	for (int i = 0; i < r.h && w->top + i < (int)w->n; i++) {
		const struct wrap_line *l = &w->v[w->top + i];
		bool cur = l->head && l->item >= 0 && l->item == w->sel;
		attr_t a = theme_attr(cur ? TUI_E_CURSOR : l->elem);
		int x = r.x + l->indent;
		if (cur)
			tui_draw_text(win, r.y + i, r.x, r.w, "", a);
		if (l->label)
			tui_draw_text(win, r.y + i, x, l->lw, l->label, cur ? a : theme_attr(TUI_E_LABEL));
		tui_draw_text(win, r.y + i, x + l->lw, r.x + r.w - x - l->lw, l->text, a);
	}
}

int wrap_text_rows(const char *text, int cols, int max)
{
	return wrap_text_draw(NULL, 0, 0, cols, max, text, A_NORMAL);
}

/* Without a window it only counts. */
int wrap_text_draw(WINDOW *win, int y, int x, int cols, int max, const char *text, attr_t attr)
{
	struct tui_lines it;
	const char *line;
	size_t n;
	int rows = 0;

	if (!text || !*text)
		return 0;
	tui_lines_start(&it, text, cols);
	while (rows < max && tui_lines_next(&it, &line, &n)) {
		char *piece = win ? strndup(line, n) : NULL;
		if (piece)
			tui_draw_text(win, y + rows, x, cols, piece, attr);
		free(piece);
		rows++;
	}
	return rows;
}
