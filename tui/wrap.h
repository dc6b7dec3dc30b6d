/* wrap — a page of text lines wrapped to a width, some of them the items a cursor selects (an
 * investigator's detail, the ranked suggestions of a case): built when the data is read,
 * scrolled so the selected item shows, painted by draw. */
#ifndef IPCASE_WRAP_H
#define IPCASE_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/screen.h"

struct wrap_line {
	char *text;
	int indent;
	enum tui_elem elem;
	int item;  /* the item this line belongs to, -1 for none */
	bool head; /* the item's first line: drawn as the cursor when selected */
};

struct wrap {
	struct wrap_line *v;
	size_t n, cap;
	int width;       /* columns the text wraps at */
	int top, sel;    /* first line shown, selected item (-1: none) */
	int nitems;
};

/* Drops the lines (keeps the allocation) for a new layout at `width`. */
void wrap_reset(struct wrap *w, int width);
void wrap_free(struct wrap *w);

/* Adds text wrapped at the width, from column `indent`; the first line is the item's head
 * when head. Out of memory leaves the line out. */
void wrap_add(struct wrap *w, int indent, const char *text, enum tui_elem el, int item,
	      bool head);

/* Moves the selection to item `to` (clamped) and scrolls so it shows in `rows` lines. */
void wrap_select(struct wrap *w, int to, int rows);
/* Scrolls by `by` lines (clamped to the text). */
void wrap_scroll(struct wrap *w, int by, int rows);

/* Paints the lines from top into r. */
void wrap_draw(const struct wrap *w, WINDOW *win, struct tui_rect r);

#endif
