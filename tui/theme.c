/* theme — element attributes, colours, monochrome, ASCII lines. */
#include "tui/theme.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

struct look {
	short fg, bg;  /* -1: the terminal's default */
	attr_t attrs;  /* added in colour; alone in monochrome */
	attr_t mono;   /* what monochrome uses */
};

static const char *const elem_names[TUI_NELEMS] = {
	"normal", "title", "header", "cursor", "status", "hint", "error", "overdue", "warn",
	"label", "field", "tab",
};

static struct look looks[TUI_NELEMS] = {
	[TUI_E_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[TUI_E_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[TUI_E_HEADER] = {-1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
	[TUI_E_CURSOR] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[TUI_E_STATUS] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE},
	[TUI_E_HINT] = {-1, -1, A_DIM, A_DIM},
	[TUI_E_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[TUI_E_OVERDUE] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
	[TUI_E_WARN] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	[TUI_E_LABEL] = {-1, -1, A_BOLD, A_BOLD},
	[TUI_E_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
	[TUI_E_TAB] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
};

static bool mono, ascii, started_colour;

static const char *const colour_names[] = {"black", "red", "green", "yellow",
					   "blue", "magenta", "cyan", "white"};

static int colour_parse(const char *s, short *out, ipc_err *e)
{
	if (!strcmp(s, "default")) {
		*out = -1;
		return 0;
	}
	for (short i = 0; i < 8; i++)
		if (!strcmp(s, colour_names[i])) {
			*out = i;
			return 0;
		}
	return err_set(e, _("unknown colour '%s': use default, black, red, green, yellow, blue, "
			    "magenta, cyan or white"), s);
}

static int attr_parse(const char *s, attr_t *out, ipc_err *e)
{
	static const struct {
		const char *name;
		attr_t a;
	} names[] = {{"bold", A_BOLD}, {"reverse", A_REVERSE}, {"underline", A_UNDERLINE},
		     {"dim", A_DIM}, {"normal", A_NORMAL}};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i].name)) {
			*out |= names[i].a;
			return 0;
		}
	return err_set(e, _("unknown attribute '%s': use bold, reverse, underline, dim or normal"),
		       s);
}

int theme_color(const char *elem, const char *fg, const char *bg, char **attrs, int nattrs,
		ipc_err *e)
{
	struct look l = {0};
	int el;

	for (el = 0; el < TUI_NELEMS && strcmp(elem_names[el], elem); el++)
		;
	if (el == TUI_NELEMS)
		return err_set(e, _("unknown screen element '%s' (normal, title, header, cursor, "
				    "status, hint, error, overdue, warn, label, field, tab)"), elem);
	if (colour_parse(fg, &l.fg, e) || colour_parse(bg, &l.bg, e))
		return -1;
	for (int i = 0; i < nattrs; i++)
		if (attr_parse(attrs[i], &l.attrs, e))
			return -1;
	l.mono = looks[el].mono;
	looks[el] = l;
	return 0;
}

int theme_set(const char *name, ipc_err *e)
{
	if (strcmp(name, "mono") && strcmp(name, "default"))
		return err_set(e, _("unknown theme '%s': use default or mono"), name);
	mono = !strcmp(name, "mono");
	return 0;
}

int theme_lines(const char *how, ipc_err *e)
{
	if (strcmp(how, "ascii") && strcmp(how, "unicode"))
		return err_set(e, _("unknown line drawing '%s': use unicode or ascii"), how);
	ascii = !strcmp(how, "ascii");
	return 0;
}

bool theme_ascii(void)
{
	return ascii;
}

void theme_start(void)
{
	const char *nc = getenv("NO_COLOR"); /* https://no-color.org: set and not empty */

	started_colour = false;
	if (mono || (nc && *nc) || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (int i = 0; i < TUI_NELEMS; i++)
		init_pair((short)(i + 1), looks[i].fg, looks[i].bg);
	started_colour = true;
}

attr_t theme_attr(enum tui_elem el)
{
	if (!started_colour)
		return looks[el].mono;
	return COLOR_PAIR(el + 1) | looks[el].attrs;
}

void theme_hline(WINDOW *w, int y, int x, int n, attr_t attr)
{
	wattrset(w, attr);
	if (ascii)
		mvwhline(w, y, x, '-', n);
	else
		mvwhline_set(w, y, x, WACS_HLINE, n);
	wattrset(w, A_NORMAL);
}

void theme_box(WINDOW *w, int y, int x, int h, int wd, attr_t attr)
{
	if (h < 2 || wd < 2)
		return;
	wattrset(w, attr);
	if (ascii) {
		mvwhline(w, y, x + 1, '-', wd - 2);
		mvwhline(w, y + h - 1, x + 1, '-', wd - 2);
		mvwvline(w, y + 1, x, '|', h - 2);
		mvwvline(w, y + 1, x + wd - 1, '|', h - 2);
		mvwaddch(w, y, x, '+');
		mvwaddch(w, y, x + wd - 1, '+');
		mvwaddch(w, y + h - 1, x, '+');
		mvwaddch(w, y + h - 1, x + wd - 1, '+');
	} else {
		mvwhline_set(w, y, x + 1, WACS_HLINE, wd - 2);
		mvwhline_set(w, y + h - 1, x + 1, WACS_HLINE, wd - 2);
		mvwvline_set(w, y + 1, x, WACS_VLINE, h - 2);
		mvwvline_set(w, y + 1, x + wd - 1, WACS_VLINE, h - 2);
		mvwadd_wch(w, y, x, WACS_ULCORNER);
		mvwadd_wch(w, y, x + wd - 1, WACS_URCORNER);
		mvwadd_wch(w, y + h - 1, x, WACS_LLCORNER);
		mvwadd_wch(w, y + h - 1, x + wd - 1, WACS_LRCORNER);
	}
	wattrset(w, A_NORMAL);
}
