/* screen — the terminal framework: screens as tables of functions, the one key table (which
 * also writes the help screen), the main loop that alone paints, the status bar, the prompt. */
#ifndef IPCASE_SCREEN_H
#define IPCASE_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

/* What a key asks for. Keys map to actions in the key table of screen.c and nowhere else. */
enum tui_action {
	TUI_ACT_NONE,
	TUI_ACT_UP,
	TUI_ACT_DOWN,
	TUI_ACT_PAGE_UP,
	TUI_ACT_PAGE_DOWN,
	TUI_ACT_FIRST,
	TUI_ACT_LAST,
	TUI_ACT_OPEN,
	TUI_ACT_BACK,
	TUI_ACT_SEARCH,
	TUI_ACT_NEXT,
	TUI_ACT_PREV,
	TUI_ACT_REFRESH,
	TUI_ACT_HELP,
	TUI_ACT_QUIT,
};

/* What a handler returns: handlers change state, the main loop alone paints. */
enum {
	TUI_HANDLED = 1 << 0,  /* the key meant something here */
	TUI_REDRAW = 1 << 1,   /* paint again */
	TUI_RELAYOUT = 1 << 2, /* sizes changed: every screen's resize, then paint */
	TUI_QUIT = 1 << 3,     /* close this screen; closing the last one ends tui_run */
};

/* Below this size only a message saying the terminal is too small is drawn. */
#define TUI_MIN_COLS 60
#define TUI_MIN_LINES 10

/* Bytes of text a prompt takes. */
#define TUI_PROMPT_MAX 256

struct tui; /* the running interface */

struct tui_rect {
	int y, x, h, w;
};

/* A screen. Only draw may call curses, and it only paints the state: reading the database
 * and every other change happens in open, action, prompt and resize. */
struct tui_screen_ops {
	const char *name;
	/* The screen's state made from arg; NULL with e filled when it cannot open. */
	void *(*open)(struct tui *t, void *arg, ipc_err *e);
	/* Paints the state into r of w. */
	void (*draw)(struct tui *t, void *st, WINDOW *w, struct tui_rect r);
	/* An action from the key table; without TUI_HANDLED the framework's default applies
	 * (help, quit, refresh). */
	int (*action)(struct tui *t, void *st, enum tui_action a);
	/* The prompt this screen opened was accepted (text) or cancelled (NULL). Optional. */
	int (*prompt)(struct tui *t, void *st, const char *text);
	/* The screen's area, on opening and on every change of the terminal's size. */
	int (*resize)(struct tui *t, void *st, struct tui_rect r);
	/* The right part of the status bar (UTF-8, sanitised when drawn). Optional. */
	void (*status)(struct tui *t, void *st, char *buf, size_t n);
	void (*close)(void *st);
};

db *tui_db(struct tui *t);

/* Chinese labels (a zh_* locale) or English ones. */
bool tui_zh(const struct tui *t);
const char *tui_tr(const struct tui *t, const char *zh, const char *en);

/* A one-line message on the bottom line until the next key. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the one-line prompt on the bottom line with a label ("/") and initial text; keys go
 * to it until Enter or Esc, then to the top screen's prompt function. Returns handler
 * flags. */
int tui_prompt_open(struct tui *t, const char *label, const char *initial);

/* Opens a screen over the current one. Returns handler flags; on failure the reason is
 * shown as a message. */
int tui_screen_push(struct tui *t, const struct tui_screen_ops *ops, void *arg);

/* The one way text reaches the terminal: s (UTF-8, from anywhere) sanitised, cut and padded
 * to exactly `cols` columns at y, x of w (never past its right edge), with attr. */
void tui_draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr);

/* The screens (list.c). */
extern const struct tui_screen_ops tui_list_screen;

#endif
