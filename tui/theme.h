/* theme — how things look: one attribute per element of the screen (colours, or only bold,
 * reverse and underline in the monochrome theme, under NO_COLOR, or on a terminal without
 * colours), set from the config file; and line drawing in Unicode or ASCII. */
#ifndef IPCASE_THEME_H
#define IPCASE_THEME_H

#include <curses.h>
#include <stdbool.h>

#include "base/err.h"

enum tui_elem {
	TUI_E_NORMAL,
	TUI_E_TITLE,    /* a screen's title line */
	TUI_E_HEADER,   /* column headers */
	TUI_E_CURSOR,   /* the selected row */
	TUI_E_STATUS,   /* the status bar */
	TUI_E_HINT,     /* the bottom line's hint */
	TUI_E_ERROR,    /* validation messages, refusals */
	TUI_E_OVERDUE,  /* late deadlines and requests */
	TUI_E_WARN,     /* conflicts, unconfirmed dates */
	TUI_E_LABEL,    /* form labels */
	TUI_E_FIELD,    /* form input fields */
	TUI_E_TAB,      /* the current tab */
	TUI_NELEMS
};

/* Reads the theme's settings from the environment (NO_COLOR) and starts colours when the
 * terminal has them. Call after initscr. */
void theme_start(void);

/* The attribute to draw an element with. */
attr_t theme_attr(enum tui_elem el);

/* Config: `color ELEMENT FG BG [bold|reverse|underline|dim]…` (colours by name: default
 * black red green yellow blue magenta cyan white), `theme default|mono`, `lines unicode|ascii`.
 * Settings take effect at theme_start. */
int theme_color(const char *elem, const char *fg, const char *bg, char **attrs, int nattrs,
		ipc_err *e);
int theme_set(const char *name, ipc_err *e);
int theme_lines(const char *how, ipc_err *e);

/* Whether lines are drawn in ASCII (`lines ascii`): what else draws with Unicode blocks asks. */
bool theme_ascii(void);

/* A horizontal rule of n columns at y, x: ─ or -. */
void theme_hline(WINDOW *w, int y, int x, int n, attr_t attr);
/* A frame around r: ┌─┐ or +-+. */
void theme_box(WINDOW *w, int y, int x, int h, int wd, attr_t attr);

#endif
