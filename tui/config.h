/* config — the user's settings file ($IPCASE_CONFIG, else $XDG_CONFIG_HOME/ipcase/config,
 * else ~/.config/ipcase/config): key bindings, colours, theme, line drawing, mouse. One
 * setting a line, `#` starts a comment:
 *   bind KEY ACTION     (keys as in keys.h: j <C-n> <F5>; actions as in the help: page-down)
 *   unbind KEY
 *   color ELEMENT FG BG [ATTR…]
 *   theme default|mono
 *   lines unicode|ascii
 *   mouse on|off        (off by default)
 * A bad line is skipped and reported; the others still apply. */
#ifndef IPCASE_CONFIG_H
#define IPCASE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct tui_config {
	bool mouse;
	char path[1024];
	char error[1600]; /* the first bad line ("file:line: what"), "" when none */
	int nerrors;
};

/* Reads the settings file into the key table, the theme and c. A missing file is no error. */
void config_load(struct tui_config *c);

#endif
