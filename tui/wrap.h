/* wrap — text wrapped to a width on screen, the one way it is done (base/text's tui_lines:
 * Chinese breaks between any two characters but never before closing punctuation). A page of
 * wrapped lines, some of them the items a cursor selects (a case's tabs, an investigator, the
 * ranked suggestions of a case, a collaboration request): built when the data is read, scrolled
 * so the selected item shows, painted by draw. And a text painted wrapped in a few rows (a
 * form's messages, the sync screen). */
#ifndef IPCASE_WRAP_H
#define IPCASE_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/screen.h"

struct wrap_line {
	char *label;  /* the label column's text on a labelled text's first line, else NULL */
	char *text;
	int indent;   /* where the line (its label column) starts */
	int lw;       /* the label column's width, 0 for none */
	enum tui_elem elem;
	int item;     /* the item this line belongs to, -1 for none */
	bool head;    /* a line of the item's head text: drawn as the cursor when selected */
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

/* Adds text wrapped at the width, from column `indent`; its lines are the item's head when
 * head. Out of memory leaves a line out. */
void wrap_add(struct wrap *w, int indent, const char *text, enum tui_elem el, int item,
	      bool head);
/* The same right of a label column `lw` wide at `indent`; the label (may be NULL) goes on the
 * first line. */
void wrap_add_label(struct wrap *w, int indent, int lw, const char *label, const char *text,
		    enum tui_elem el, int item, bool head);

/* Moves the selection to item `to` (clamped) and scrolls so it shows in `rows` lines. */
void wrap_select(struct wrap *w, int to, int rows);
/* Scrolls by `by` lines (clamped to the text). */
void wrap_scroll(struct wrap *w, int by, int rows);

/* Paints the lines from top into r. */
void wrap_draw(const struct wrap *w, WINDOW *win, struct tui_rect r);

/* Rows text takes wrapped at `cols` columns, at most max; an empty text takes none. */
int wrap_text_rows(const char *text, int cols, int max);
/* Paints text wrapped at `cols` columns from y, x, in at most max rows; returns the rows
 * (wrap_text_rows). */
int wrap_text_draw(WINDOW *win, int y, int x, int cols, int max, const char *text, attr_t attr);

#endif
