/* opener — a file handed to the desktop's viewer: whether there is a display to show it on,
 * `xdg-open` started away from the terminal, and a path shortened under the home folder for
 * the bottom line. Used by the documents (a document made) and the case's evidence tab. */
#ifndef IPCASE_OPENER_H
#define IPCASE_OPENER_H

#include <stdbool.h>
#include <stddef.h>

/* Is there a display ($DISPLAY or $WAYLAND_DISPLAY set and not empty)? */
bool opener_display(void);

/* Starts `xdg-open path` on its own, never waited for (no shell: the path comes from data). */
void opener_start(const char *path);

/* The path as the bottom line shows it: "~/…" under the home folder (buf holds it), else the
 * path itself. */
const char *opener_home_short(const char *path, char *buf, size_t size);

#endif
