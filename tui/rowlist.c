/* rowlist — the state of a list screen whose rows are read whole (see rowlist.h). */
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "tui/rowlist.h"

void *rowlist_open(struct tui *t, size_t size, const struct rowlist *shape, ipc_err *e)
{
	struct rowlist *l = calloc(1, size);

	if (!l) {
		err_nomem(e);
		return NULL;
	}
	l->read = shape->read;
	l->head_lines = shape->head_lines;
	l->row_lines = shape->row_lines;
	if (rowlist_load(t, l, e)) {
		rowlist_close(l);
		return NULL;
	}
	return l;
}

int rowlist_load(struct tui *t, void *st, ipc_err *e)
{
	struct rowlist *l = st;
	json_t *rows = l->read(t, st, e);

	if (!rows)
		return -1;
	json_decref(l->rows);
	l->rows = rows;
	l->pg.total = (int64_t)json_array_size(rows);
	pager_clamp(&l->pg);
	return 0;
}

int rowlist_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (rowlist_load(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

int rowlist_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct rowlist *l = st;

	(void)t;
	l->pg.page = (r.h - l->head_lines) / l->row_lines;
	pager_clamp(&l->pg);
	return TUI_REDRAW;
}

void rowlist_close(void *st)
{
	struct rowlist *l = st;

	json_decref(l->rows);
	free(l);
}

const json_t *rowlist_selected(const void *st)
{
	const struct rowlist *l = st;

	return json_array_get(l->rows, (size_t)l->pg.sel);
}

void rowlist_draw_rows(struct tui *t, void *st, WINDOW *w, struct tui_rect r,
		       rowlist_row_fn draw_row)
{
	struct rowlist *l = st;

	for (int64_t i = l->pg.top; i < l->pg.total && i < l->pg.top + l->pg.page; i++)
		draw_row(t, st, w, r.y + l->head_lines + (int)(i - l->pg.top) * l->row_lines, r,
			 json_array_get(l->rows, (size_t)i), i == l->pg.sel);
}
