/* keys — the actions keys can ask for, their default keys, the bindings in force (defaults
 * changed by the config file), key names ("<C-l>", "<PgDn>", "j") read and written, and the
 * lines of the help screen and of the man page, which both come from these tables. */
#ifndef IPCASE_KEYS_H
#define IPCASE_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include "base/err.h"

/* What a key asks for. Keys map to actions here and nowhere else. */
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
	TUI_ACT_NEXT_TAB,
	TUI_ACT_PREV_TAB,
	TUI_ACT_SEARCH,
	TUI_ACT_NEXT,
	TUI_ACT_PREV,
	TUI_ACT_NEW,
	TUI_ACT_EDIT,
	TUI_ACT_STATUS,
	TUI_ACT_CAPTURE,
	TUI_ACT_ATTACH,
	TUI_ACT_RESOLVE,
	TUI_ACT_SORT,
	TUI_ACT_FILTER,
	TUI_ACT_MINE,
	TUI_ACT_OVERDUE,
	TUI_ACT_SAVE,
	TUI_ACT_SYNC,
	TUI_ACT_DEADLINES,
	TUI_ACT_COLLAB,
	TUI_ACT_REQUEST,
	TUI_ACT_HANDOFF,
	TUI_ACT_INVESTIGATORS,
	TUI_ACT_ASSIGN,
	TUI_ACT_OFFICE,
	TUI_ACT_APPROVALS,
	TUI_ACT_ASK_APPROVAL,
	TUI_ACT_APPROVE,
	TUI_ACT_REFUSE,
	TUI_ACT_DOCUMENTS,
	TUI_ACT_DOCX,
	TUI_ACT_DELETED,
	TUI_ACT_RESPONDENT,
	TUI_ACT_STATISTICS,
	TUI_ACT_PERIOD_KIND,
	TUI_ACT_STATS_BY,
	TUI_ACT_STATS_FIGURE,
	TUI_ACT_INTAKES,
	TUI_ACT_CLUE,
	TUI_ACT_POLICE,
	TUI_ACT_FAIRS,
	TUI_ACT_WATCH,
	TUI_ACT_IMPORT,
	TUI_ACT_REMOVE,
	TUI_ACT_REFRESH,
	TUI_ACT_HELP,
	TUI_ACT_QUIT,
	TUI_ACT_CLICK, /* a mouse click; tui_mouse() tells where */
	TUI_NACTIONS
};

/* A key: a curses KEY_* code (fn, as get_wch reports KEY_CODE_YES) or a character. */
struct tui_keycode {
	bool fn;
	wint_t code;
};

/* The action bound to a key, TUI_ACT_NONE when none. */
enum tui_action keys_action(struct tui_keycode k);

/* Reads one key name: a character ("j", "/", "案" is not a key but is accepted), or <Name>
 * (<Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <Enter> <Esc> <Tab> <S-Tab> <BS>
 * <Del> <Space> <F1>…<F12> <C-a>…<C-z>). Sets *used to the bytes read. */
int keys_parse(const char *s, struct tui_keycode *k, size_t *used, ipc_err *e);

/* The name of a key as keys_parse reads it. */
void keys_name(struct tui_keycode k, char *buf, size_t n);

/* An action by its name ("page-down"); TUI_ACT_NONE when unknown. */
enum tui_action keys_action_named(const char *name);

/* Binds key to action (TUI_ACT_NONE unbinds it), replacing what it meant before. */
int keys_bind(struct tui_keycode k, enum tui_action a, ipc_err *e);

/* Back to the default bindings. */
void keys_reset(void);

/* The help: for each action with a key, its keys ("<Home> g") and what it does (translated).
 * Calls fn in table order; returns the number of lines. */
int keys_each_help(void (*fn)(const char *keys, const char *what, void *arg), void *arg);

/* The keys bound to action a now, named: "X", "<Home> g"; "" when none. */
void keys_for(enum tui_action a, char *buf, size_t n);

/* The default key list for the man page (troff, in the language of the environment). */
void keys_print_man(FILE *out);

#endif
