/* screen — the terminal framework: screens as tables of functions, the screen stack, the main
 * loop (the only place that paints), the status bar, the bottom line's prompt, questions and
 * menus, and the registry of top-level screens that keys open (sync, deadlines…). Adding a
 * screen is adding a file with its ops declared in tui/screens.h, and a line in
 * tui_goto_screens when a key opens it. */
#ifndef IPCASE_SCREEN_H
#define IPCASE_SCREEN_H

#include <curses.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/i18n.h"
#include "db/db.h"
#include "tui/keys.h"
#include "tui/theme.h"

/* What a handler returns: handlers change state, the main loop alone paints. */
enum {
	TUI_HANDLED = 1 << 0,  /* the key meant something here */
	TUI_REDRAW = 1 << 1,   /* paint again */
	TUI_RELAYOUT = 1 << 2, /* sizes changed: every screen's resize, then paint */
	TUI_QUIT = 1 << 3,     /* close this screen; closing the last one ends tui_run */
	TUI_CHANGED = 1 << 4,  /* the data changed: every screen's reload, the status bar's counts */
};

/* Below this size only a message saying the terminal is too small is drawn. */
#define TUI_MIN_COLS 60
#define TUI_MIN_LINES 12

/* How long the keyboard is waited for while a screen is busy (ms): progress paints this
 * often. */
#define TUI_BUSY_MS 50

/* Bytes of text a prompt takes. */
#define TUI_PROMPT_MAX 1024

struct tui; /* the running interface */

struct tui_rect {
	int y, x, h, w;
};

/* What came back from a prompt, a question or a menu the screen opened. */
enum tui_answer_kind {
	TUI_ANSWER_ACCEPT, /* Enter (or y, or a menu item) */
	TUI_ANSWER_CANCEL, /* Esc (or n) */
	TUI_ANSWER_CHANGE, /* a prompt's text changed (search as you type) */
};

struct tui_answer {
	int tag;                   /* what the screen passed when it asked */
	enum tui_answer_kind kind;
	const char *text;          /* the prompt's text, the menu item's label */
	int index;                 /* the menu item chosen */
};

/* A screen. Only draw may call curses, and it only paints the state: reading the database
 * and every other change happens in the other functions. All but name, open, draw and
 * action are optional. */
struct tui_screen_ops {
	const char *name;
	/* Drawn over the screen below it (a menu, a question), which is painted first. */
	bool overlay;
	/* The bottom line's hint while this screen is on top (N_()); NULL for the default. A form
	 * needs its own: there `/` and `q` are typed text. */
	const char *hint;
	/* The screen's state made from arg; NULL with e filled when it cannot open. */
	void *(*open)(struct tui *t, void *arg, ipc_err *e);
	/* Paints the state into r of w. */
	void (*draw)(struct tui *t, void *st, WINDOW *w, struct tui_rect r);
	/* Every key first, before the key table (a form's text input). Return TUI_HANDLED when
	 * it took the key. kind is OK or KEY_CODE_YES as get_wch says. */
	int (*key)(struct tui *t, void *st, int kind, wint_t ch);
	/* An action from the key table; without TUI_HANDLED the framework's default applies
	 * (help, quit, refresh, the screens of tui_goto_screens). */
	int (*action)(struct tui *t, void *st, enum tui_action a);
	/* The prompt, question or menu this screen opened answered. */
	int (*answer)(struct tui *t, void *st, const struct tui_answer *a);
	/* The screen's area, on opening and on every change of the terminal's size. */
	int (*resize)(struct tui *t, void *st, struct tui_rect r);
	/* The data changed under the screen (a write from a screen above it, a sync): read it
	 * again. */
	int (*reload)(struct tui *t, void *st);
	/* Work of the screen's runs on another thread (a sync): while any screen on the stack
	 * says so, the keyboard is waited for TUI_BUSY_MS at most, so that its ticks paint the
	 * progress. */
	bool (*busy)(void *st);
	/* A tick: no key came in the wait. Every screen on the stack gets it (the sync screen
	 * under the help screen still learns that its sync ended); returns flags. */
	int (*tick)(struct tui *t, void *st);
	/* The middle part of the status bar (UTF-8, sanitised when drawn). */
	void (*status)(struct tui *t, void *st, char *buf, size_t n);
	void (*close)(void *st);
};

/* The open workspace; NULL while the first-start setup has not made it. */
db *tui_db(struct tui *t);

/* The workspace's folder (--home). */
const char *tui_home(const struct tui *t);

/* The first-start setup made and opened the workspace: the interface works on d from now on
 * (its caller closes it). */
void tui_workspace_opened(struct tui *t, db *d);

/* Is the interface in Chinese (the messages catalogue in use is zh)? For labels that come
 * from the schema's zh/en pairs rather than from gettext. */
bool tui_zh(const struct tui *t);

/* A one-line message on the bottom line until the next key; `error` draws it as one. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the one-line prompt on the bottom line with a label ("/") and initial text; keys go to
 * it until Enter or Esc; the top screen's answer gets tag and the text (and, when `live`,
 * every change). Returns handler flags. */
int tui_prompt_open(struct tui *t, int tag, const char *label, const char *initial, bool live);

/* Asks a yes/no question on the bottom line; y answers ACCEPT, n or Esc CANCEL. */
int tui_ask(struct tui *t, int tag, const char *question);

/* Opens a menu over the screen: n labels (copied), the selected one first; Enter answers
 * ACCEPT with its index and label, Esc CANCEL. */
int tui_menu_open(struct tui *t, int tag, const char *title, const char *const *labels, int n,
		  int selected);
/* The same, the filter typed also looking in also[i] (NULL, or entries NULL), not shown: an
 * enumeration's id and its label in the other language; filter (NULL: none) is the text the
 * filter starts with (what was typed on the button that opened it). */
int tui_menu_open_also(struct tui *t, int tag, const char *title, const char *const *labels,
		       const char *const *also, int n, int selected, const char *filter);

/* The values an enumeration can take, at most this many, in a menu. */
#define TUI_MENU_ENUM_MAX 64
struct enum_value;
/* A menu of an enumeration's values, labelled in the interface's language, `first` (NULL:
 * none, else "(none)", "any") before them; the filter also finds a value by its id and its
 * label in the other language. `selected` counts `first`. */
int tui_menu_enum(struct tui *t, int tag, const char *title, const char *first,
		  const struct enum_value *values, int selected);

/* Keeps an answer for the screen under the top one, delivered once the top one has closed
 * (what a menu does: the answer may open another screen). */
void tui_answer_on_close(struct tui *t, const struct tui_answer *a);

/* Opens a screen over the current one. Returns handler flags; on failure the reason is
 * shown as a message. */
int tui_screen_push(struct tui *t, const struct tui_screen_ops *ops, void *arg);

/* Where the last mouse click was (TUI_ACT_CLICK), in terminal coordinates, and whether it
 * was a double click. */
void tui_mouse(const struct tui *t, int *y, int *x);
bool tui_mouse_double(const struct tui *t);

/* From draw: shows the terminal's cursor at y, x after this paint (a form's insertion point,
 * where an input method opens its candidates). Hidden when no screen asks. */
void tui_cursor_at(struct tui *t, int y, int x);

/* The one way text reaches the terminal: s (UTF-8, from anywhere) sanitised, cut and padded
 * to exactly `cols` columns at y, x of w (never past its right edge), with attr. Returns the
 * columns of text drawn before the padding. */
int tui_draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr);

/* A cell of a table: as tui_draw_text, but a text cut short ends with "…" in its last
 * column, so a cut name is not read as a whole one. */
int tui_draw_cell(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr);


#endif
