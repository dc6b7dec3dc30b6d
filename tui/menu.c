/* menu — a list of choices drawn in a frame over the screen that opened it (workflow steps,
 * enum values, offices, remotes, sort orders), filtered as you type: the filter, shown in the
 * frame's bottom edge, keeps the labels holding it (case aside), or holding it in what goes
 * with them unseen (an enumeration's id and its label in the other language), or, typed in
 * ASCII, in the pinyin initials of their office and region names (sjz: 石家庄, base/pinyin);
 * the choice goes back to that screen's answer. While the filter is empty the keys that move
 * (j k g G, Space) and q keep their meaning, and / starts a filter that takes them too;
 * Backspace widens it, Esc clears it, then closes the menu. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/pinyin.h"
#include "base/text.h"
#include "db/schema.h"
#include "tui/screen.h"

struct menu_arg {
	int tag;
	const char *title;
	const char *const *labels, *const *also;
	int n, sel;
	const char *filter;
};

static const struct tui_screen_ops menu_screen;
struct menu;
static void menu_keep(struct menu *m);

struct menu {
	int tag, n, sel, top, height; /* sel, top: positions in shown */
	char *title;
	char **labels;
	char **also;         /* what the filter also looks in, not shown (NULL entries) */
	int *shown, nshown;  /* the labels the filter keeps, in their order */
	char filter[128];
	bool typing;         /* / was pressed: every character goes to the filter */
	struct tui_rect box; /* the frame, set by resize */
};

static void menu_free(void *st)
{
	struct menu *m = st;

	for (int i = 0; m->labels && m->also && i <= m->n; i++) {
		free(m->labels[i]);
		free(m->also[i]);
	}
	free(m->labels);
	free(m->also);
	free(m->shown);
	free(m->title);
	free(m);
}

static void *menu_open(struct tui *t, void *arg, ipc_err *e)
{
	const struct menu_arg *a = arg;
	struct menu *m = calloc(1, sizeof *m);

	(void)t;
	if (!m || !(m->labels = calloc((size_t)a->n + 1, sizeof *m->labels))
	    || !(m->also = calloc((size_t)a->n + 1, sizeof *m->also))
	    || !(m->shown = calloc((size_t)a->n + 1, sizeof *m->shown))
	    || !(m->title = strdup(a->title ? a->title : "")))
		goto oom;
	for (m->n = 0; m->n < a->n; m->n++) {
		if (!(m->labels[m->n] = strdup(a->labels[m->n]))
		    || (a->also && a->also[m->n] && !(m->also[m->n] = strdup(a->also[m->n]))))
			goto oom;
		m->shown[m->n] = m->n;
	}
	m->nshown = m->n;
	m->tag = a->tag;
	m->sel = a->sel >= 0 && a->sel < a->n ? a->sel : 0;
	if (a->filter) { /* sized later: resize scrolls to the selection */
		snprintf(m->filter, sizeof m->filter, "%s", a->filter);
		menu_keep(m);
	}
	return m;
oom:
	if (m)
		menu_free(m);
	err_nomem(e);
	return NULL;
}

int tui_menu_open(struct tui *t, int tag, const char *title, const char *const *labels, int n,
		  int selected)
{
	return tui_menu_open_also(t, tag, title, labels, NULL, n, selected, NULL);
}

int tui_menu_open_also(struct tui *t, int tag, const char *title, const char *const *labels,
		       const char *const *also, int n, int selected, const char *filter)
{
	struct menu_arg a = {tag, title, labels, also, n, selected, filter};

	if (n <= 0) {
		tui_error(t, "%s", _("nothing to choose from"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	return tui_screen_push(t, &menu_screen, &a);
}

int tui_menu_enum(struct tui *t, int tag, const char *title, const char *first,
		  const struct enum_value *values, int selected)
{
	const char *labels[TUI_MENU_ENUM_MAX + 1], *also[TUI_MENU_ENUM_MAX + 1];
	char other[TUI_MENU_ENUM_MAX + 1][160];
	int n = 0;

	if (first) {
		labels[n] = first;
		also[n++] = NULL;
	}
	for (const struct enum_value *v = values; v->id && n <= TUI_MENU_ENUM_MAX; v++, n++) {
		labels[n] = tui_zh(t) ? v->zh : v->en;
		snprintf(other[n], sizeof other[n], "%s %s", v->id, tui_zh(t) ? v->en : v->zh);
		also[n] = other[n];
	}
	return tui_menu_open_also(t, tag, title, labels, also, n, selected, NULL);
}

static int menu_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct menu *m = st;
	int w = tui_text_width(m->title) + 4;
	char count[64];

	(void)t;
	/* room in the bottom edge for the hint, or a filter of a few characters and its count */
	snprintf(count, sizeof count, _(" (%d of %d) "), m->n, m->n);
	if (w < tui_text_width(_("type to filter")) + 8)
		w = tui_text_width(_("type to filter")) + 8;
	if (w < tui_text_width(_(" filter: %s")) + tui_text_width(count) + 8)
		w = tui_text_width(_(" filter: %s")) + tui_text_width(count) + 8;
	for (int i = 0; i < m->n; i++) {
		int wi = tui_text_width(m->labels[i]) + 4;
		if (wi > w)
			w = wi;
	}
	if (w > r.w - 4)
		w = r.w - 4;
	m->height = m->n < r.h - 4 ? m->n : r.h - 4;
	m->box = (struct tui_rect){r.y + (r.h - m->height - 2) / 2, r.x + (r.w - w) / 2,
				   m->height + 2, w};
	if (m->sel >= m->top + m->height)
		m->top = m->sel - m->height + 1;
	return TUI_REDRAW;
}

/* Text in the frame's bottom edge from column x, the edge left drawn after it; returns the
 * column after it. */
static int menu_edge_text(WINDOW *w, const struct menu *m, int x, const char *s, attr_t attr)
{
	int room = m->box.x + m->box.w - 2 - x, cols = tui_text_width(s);

	return x + tui_draw_text(w, m->box.y + m->box.h - 1, x, cols < room ? cols : room, s, attr);
}

/* The filter in the frame's bottom edge, the cursor after it; a hint while it is empty. */
static void menu_draw_filter(struct tui *t, struct menu *m, WINDOW *w)
{
	char line[256];
	int x;

	if (!m->filter[0] && !m->typing) {
		snprintf(line, sizeof line, " %s ", _("type to filter"));
		menu_edge_text(w, m, m->box.x + 2, line, theme_attr(TUI_E_HINT));
		return;
	}
	snprintf(line, sizeof line, _(" filter: %s"), m->filter);
	x = menu_edge_text(w, m, m->box.x + 2, line, theme_attr(TUI_E_TITLE));
	tui_cursor_at(t, m->box.y + m->box.h - 1, x);
	snprintf(line, sizeof line, _(" (%d of %d) "), m->nshown, m->n);
	menu_edge_text(w, m, x + 1, line, theme_attr(TUI_E_HINT));
}

static void menu_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct menu *m = st;
	struct tui_rect b = m->box;

	(void)r;
	for (int y = 0; y < b.h; y++)
		tui_draw_text(w, b.y + y, b.x, b.w, "", A_NORMAL);
	theme_box(w, b.y, b.x, b.h, b.w, theme_attr(TUI_E_LABEL));
	tui_draw_text(w, b.y, b.x + 2, b.w - 4, m->title, theme_attr(TUI_E_TITLE));
	for (int i = 0; i < m->height && m->top + i < m->nshown; i++) {
		int k = m->top + i;
		tui_draw_text(w, b.y + 1 + i, b.x + 2, b.w - 4, m->labels[m->shown[k]],
			      k == m->sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL);
	}
	if (!m->nshown)
		tui_draw_text(w, b.y + 1, b.x + 2, b.w - 4, _("nothing matches: Backspace widens"),
			      theme_attr(TUI_E_HINT));
	menu_draw_filter(t, m, w);
}

static int menu_move(struct menu *m, int to)
{
	m->sel = to >= m->nshown ? m->nshown - 1 : to;
	if (m->sel < 0)
		m->sel = 0;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + m->height)
		m->top = m->sel - m->height + 1;
	return TUI_HANDLED | TUI_REDRAW;
}

static int menu_close(struct tui *t, struct menu *m, enum tui_answer_kind kind)
{
	int k = m->nshown ? m->shown[m->sel] : 0;
	struct tui_answer a = {m->tag, kind, m->labels[k], k};

	if (kind == TUI_ANSWER_ACCEPT && !m->nshown)
		return TUI_HANDLED; /* nothing to pick */
	tui_answer_on_close(t, &a);
	return TUI_HANDLED | TUI_QUIT;
}

/* Does the label (or what goes with it) hold the filter, or, when it is letters and digits,
 * its pinyin initials (sjz: 石家庄)? */
static bool menu_matches(const char *label, const char *also, const char *filter)
{
	char initials[512], lower[128];
	size_t i;

	if (strcasestr(label, filter) || (also && strcasestr(also, filter)))
		return true;
	for (i = 0; filter[i] && i + 1 < sizeof lower; i++) {
		if (!isalnum((unsigned char)filter[i]))
			return false;
		lower[i] = (char)tolower((unsigned char)filter[i]);
	}
	lower[i] = '\0';
	pinyin_initials(label, initials, sizeof initials);
	return strstr(initials, lower) != NULL;
}

/* The labels holding the filter; the selected one stays selected when it is kept. */
static void menu_keep(struct menu *m)
{
	int was = m->nshown ? m->shown[m->sel] : -1;

	m->nshown = m->sel = m->top = 0;
	for (int i = 0; i < m->n; i++) {
		if (m->filter[0] && !menu_matches(m->labels[i], m->also[i], m->filter))
			continue;
		if (i == was)
			m->sel = m->nshown;
		m->shown[m->nshown++] = i;
	}
}

static int menu_refilter(struct menu *m)
{
	menu_keep(m);
	return menu_move(m, m->sel);
}

/* Esc: the filter goes first, then the menu. */
static int menu_back(struct tui *t, struct menu *m)
{
	if (!m->filter[0] && !m->typing)
		return menu_close(t, m, TUI_ANSWER_CANCEL);
	m->filter[0] = '\0';
	m->typing = false;
	return menu_refilter(m);
}

/* The keys that move in the menu, and q, while no filter is typed. */
static bool menu_moving_key(wint_t ch)
{
	switch (keys_action((struct tui_keycode){false, ch})) {
	case TUI_ACT_UP: case TUI_ACT_DOWN: case TUI_ACT_PAGE_UP: case TUI_ACT_PAGE_DOWN:
	case TUI_ACT_FIRST: case TUI_ACT_LAST: case TUI_ACT_QUIT: case TUI_ACT_SEARCH:
		return true;
	default:
		return false;
	}
}

/* Typed characters narrow the list, Backspace widens it. */
static int menu_key(struct tui *t, void *st, int kind, wint_t ch)
{
	struct menu *m = st;
	size_t len = strlen(m->filter);
	char u[4];
	size_t n;

	(void)t;
	if ((kind == KEY_CODE_YES && ch == KEY_BACKSPACE) || (kind != KEY_CODE_YES
							      && (ch == 0x7f || ch == 0x08))) {
		if (!len)
			return TUI_HANDLED;
		m->filter[tui_utf8_prev(m->filter, len)] = '\0';
		return menu_refilter(m);
	}
	if (kind == KEY_CODE_YES || ch < 0x20 || (ch >= 0x80 && ch < 0xa0)
	    || wcwidth((wchar_t)ch) < 0 || (!len && !m->typing && menu_moving_key(ch)))
		return 0; /* the key table's */
	n = tui_utf8_encode((wchar_t)ch, u);
	if (n && len + n < sizeof m->filter) {
		memcpy(m->filter + len, u, n);
		m->filter[len + n] = '\0';
	}
	return menu_refilter(m);
}

static int menu_action(struct tui *t, void *st, enum tui_action a)
{
	struct menu *m = st;

	switch (a) {
	case TUI_ACT_UP:
		return menu_move(m, m->sel - 1);
	case TUI_ACT_DOWN:
		return menu_move(m, m->sel + 1);
	case TUI_ACT_PAGE_UP:
		return menu_move(m, m->sel - m->height);
	case TUI_ACT_PAGE_DOWN:
		return menu_move(m, m->sel + m->height);
	case TUI_ACT_FIRST:
		return menu_move(m, 0);
	case TUI_ACT_LAST:
		return menu_move(m, m->nshown - 1);
	case TUI_ACT_OPEN:
		return menu_close(t, m, TUI_ANSWER_ACCEPT);
	case TUI_ACT_SEARCH:
		m->typing = true;
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_BACK:
		return menu_back(t, m);
	case TUI_ACT_QUIT:
		return menu_close(t, m, TUI_ANSWER_CANCEL);
	default:
		return TUI_HANDLED; /* a menu waits for its answer */
	}
}

static const struct tui_screen_ops menu_screen = {
	.name = "menu",
	.overlay = true,
	.open = menu_open,
	.hint = N_("type to filter  / filter with any letter  Enter choose  Esc clear, leave"),
	.draw = menu_draw,
	.key = menu_key,
	.action = menu_action,
	.resize = menu_resize,
	.close = menu_free,
};
