/* config — reads the settings file into keys and theme. */
#include "tui/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/keys.h"
#include "tui/theme.h"

#define WORDS_MAX 8

static void config_path(struct tui_config *c)
{
	const char *p = getenv("IPCASE_CONFIG"), *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (p && *p)
		snprintf(c->path, sizeof c->path, "%s", p);
	else if (x && *x)
		snprintf(c->path, sizeof c->path, "%s/ipcase/config", x);
	else
		snprintf(c->path, sizeof c->path, "%s/.config/ipcase/config", h ? h : ".");
}

static int config_bind(char **w, int n, ipc_err *e)
{
	struct tui_keycode k;
	enum tui_action a = TUI_ACT_NONE;
	size_t used;

	if (n != (strcmp(w[0], "bind") ? 2 : 3))
		return err_set(e, _("expected: bind KEY ACTION, or unbind KEY"));
	if (keys_parse(w[1], &k, &used, e))
		return -1;
	if (w[1][used])
		return err_set(e, _("'%s' is more than one key"), w[1]);
	if (n == 3 && (a = keys_action_named(w[2])) == TUI_ACT_NONE)
		return err_set(e, _("unknown action '%s' (the help screen, ?, lists them)"), w[2]);
	return keys_bind(k, a, e);
}

static int config_line(struct tui_config *c, char **w, int n, ipc_err *e)
{
	if (!strcmp(w[0], "bind") || !strcmp(w[0], "unbind"))
		return config_bind(w, n, e);
	if (!strcmp(w[0], "color") && n >= 4)
		return theme_color(w[1], w[2], w[3], w + 4, n - 4, e);
	if (!strcmp(w[0], "theme") && n == 2)
		return theme_set(w[1], e);
	if (!strcmp(w[0], "lines") && n == 2)
		return theme_lines(w[1], e);
	if (!strcmp(w[0], "mouse") && n == 2 && (!strcmp(w[1], "on") || !strcmp(w[1], "off"))) {
		c->mouse = !strcmp(w[1], "on");
		return 0;
	}
	return err_set(e, _("unknown setting: use bind, unbind, color, theme, lines or mouse"));
}

/* Splits line into at most WORDS_MAX blank-separated words, in place; drops a comment. */
static int config_split(char *line, char **w)
{
	int n = 0;

	line[strcspn(line, "#\r\n")] = '\0';
	for (char *tok = strtok(line, " \t"); tok && n < WORDS_MAX; tok = strtok(NULL, " \t"))
		w[n++] = tok;
	return n;
}

void config_load(struct tui_config *c)
{
	char line[512], *w[WORDS_MAX];
	FILE *f;
	int no = 0, n;

	config_path(c);
	c->error[0] = '\0';
	c->nerrors = 0;
	if (!(f = fopen(c->path, "r")))
		return;
	while (fgets(line, sizeof line, f)) {
		ipc_err e = {0};
		no++;
		if ((n = config_split(line, w)) == 0 || !config_line(c, w, n, &e))
			continue;
		if (!c->nerrors++)
			snprintf(c->error, sizeof c->error, "%s:%d: %s", c->path, no, e.msg);
	}
	fclose(f);
}
