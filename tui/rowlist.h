/* rowlist — the state a list screen keeps when it reads its rows whole, as a JSON array (what
 * waits for my approval, the intake inbox): the rows, the pager over them, how to read them
 * again and how many lines the header and each row take. Such a screen's state begins with a
 * struct rowlist, so the functions below serve as its open/resize/reload/close. */
#ifndef IPCASE_ROWLIST_H
#define IPCASE_ROWLIST_H

#include <jansson.h>

#include "tui/pager.h"
#include "tui/screen.h"

struct rowlist;
/* The rows of the screen whose state is st, or NULL with e filled. */
typedef json_t *(*rowlist_read_fn)(struct tui *t, void *st, ipc_err *e);
/* Draws row (selected or not) at line y of r. */
typedef void (*rowlist_row_fn)(struct tui *t, void *st, WINDOW *w, int y, struct tui_rect r,
			       const json_t *row, bool sel);

struct rowlist {
	json_t *rows;        /* read whole */
	struct tui_pager pg; /* over rows */
	rowlist_read_fn read;
	int head_lines, row_lines;
};

/* A zeroed state of `size` bytes starting with a copy of shape (its read and line counts),
 * its rows read; NULL with e filled. */
void *rowlist_open(struct tui *t, size_t size, const struct rowlist *shape, ipc_err *e);
/* Reads the rows again and keeps the pager inside them; -1 with e filled. */
int rowlist_load(struct tui *t, void *st, ipc_err *e);
int rowlist_reload(struct tui *t, void *st);
int rowlist_resize(struct tui *t, void *st, struct tui_rect r);
void rowlist_close(void *st);
/* The selected row, or NULL when there is none. */
const json_t *rowlist_selected(const void *st);
/* draw_row for every row on the page, below the header lines of r. */
void rowlist_draw_rows(struct tui *t, void *st, WINDOW *w, struct tui_rect r,
		       rowlist_row_fn draw_row);

#endif
