/* tui — the entry point of the terminal interface (ncursesw): what main calls when ipcase is
 * started without a command. Everything behind it lives in tui/ and is the only curses user. */
#ifndef IPCASE_TUI_H
#define IPCASE_TUI_H

#include <time.h>

#include "db/db.h"

/* Runs the interface on the workspace in home until the user quits: *d open on it, or NULL
 * when there is none yet, when the first-start setup (tui/setup.c) makes it and opens it into
 * *d, for the caller to close; Esc there leaves without one. main has called
 * setlocale(LC_ALL, ""); when its character set is not UTF-8 this switches LC_CTYPE to
 * C.UTF-8 (Chinese would otherwise show as blanks) or fails saying so. Needs a terminal on
 * stdin and stdout, or IPCASE_SCRIPT (tui/script.h). `started` is when the process started,
 * for the benchmark of the first paint. Returns 0, or -1 with e filled; the terminal is
 * restored either way. */
int tui_run(const char *home, db **d, const struct timespec *started, ipc_err *e);

#endif
