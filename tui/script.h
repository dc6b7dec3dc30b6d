/* script — drives the interface from a file instead of a keyboard, for the screen tests (as
 * tig tests its views) and the benchmarks. With IPCASE_SCRIPT=FILE the program draws into an
 * in-memory terminal (curses writes to /dev/null; the screen is read back from curses' own
 * copy), reads the file's commands, and quits at its end:
 *   size COLS LINES       the terminal's size (before the first paint, or a resize later)
 *   keys KEY…             keys as named in keys.h, run together or blank-separated:
 *                         keys jj<PgDn>/张三<Enter>
 *   type TEXT             the rest of the line, character by character (as an input method
 *                         delivers it)
 *   click X Y             a mouse click at column X, row Y (0-based; needs `mouse on`)
 *   dclick X Y            a double click there
 *   day YYYY-MM-DD        the clock turns to that day (IPCASE_TODAY), then a tick as when
 *                         no key came for a while: the screens load again
 *   wait MS               ticks TUI_BUSY_MS apart, as when no key comes, while a screen's
 *                         work runs on another thread (a sync), for MS ms at most: the
 *                         progress paints, and the script goes on when the work has ended
 *   dump FILE             the screen as text, one line per row, trailing blanks dropped
 *   stats FILE            first paint and each key's handling+paint time (ms), and max RSS
 *   # comment */
#ifndef IPCASE_SCRIPT_H
#define IPCASE_SCRIPT_H

#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>

#include "base/err.h"

struct tui_script;

/* Opens the script and makes the in-memory terminal (newterm on /dev/null, TERM=xterm). */
int script_open(const char *path, struct tui_script **out, ipc_err *e);
void script_close(struct tui_script *s);

/* The next key (kind as get_wch returns it: OK or KEY_CODE_YES), running the commands before
 * it. Returns 0 with a key, 1 at the end of the script, -1 with e filled. */
int script_next(struct tui_script *s, int *kind, wint_t *ch, ipc_err *e);

/* Is a `wait` still going (busy: a screen's work still runs)? When not, the wait is over. */
bool script_waiting(struct tui_script *s, bool busy);

/* Timings the main loop reports, for `stats`. */
void script_first_paint(struct tui_script *s, double ms);
void script_key_time(struct tui_script *s, double ms);

#endif
