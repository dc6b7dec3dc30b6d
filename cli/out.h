/* out — what the batch commands write to the terminal: standard output and standard error
 * pass through the byte sanitiser (base/text), so no data in a message, a list or a record
 * shown (a peer's CSV cell, a calendar file's token, a title) can carry an escape sequence,
 * a control or a bidi character to the terminal, whatever printed it; and the progress line,
 * the one thing that moves the cursor on purpose. */
#ifndef IPCASE_OUT_H
#define IPCASE_OUT_H

#include <stdio.h>

/* Puts the sanitiser between stderr and its file descriptor for the rest of the process;
 * newlines and tabs pass. 0, or -1 (out of memory) with stderr left as it was. */
int out_start(void);

/* The same for stdout, once the screen is not to be opened: curses writes its escape
 * sequences there. */
int out_start_stdout(void);

/* Standard output as it is, for data whose bytes must stay exact (a CSV export): what went
 * through stdout before is flushed first. */
FILE *out_exact(void);

/* Rewrites the progress line in place on standard error when it is a terminal (sanitised,
 * on one line); nothing otherwise. */
void out_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Clears the progress line. */
void out_progress_end(void);

#endif
