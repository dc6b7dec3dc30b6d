/* screen — the terminal framework: the key table and the help screen it writes, the screen
 * stack, the main loop (the only place that paints), the status bar, the prompt, tui_run. */
#include "tui/screen.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "db/err.h"
#include "tui/text.h"
#include "tui/tui.h"

#define TUI_DEPTH_MAX 8
#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)

/* ---- the key table: the only place keys get a meaning, and the source of the help ---- */

struct tui_key {
	bool fn;              /* a KEY_* code (get_wch said KEY_CODE_YES), else a character */
	wint_t code;
	const char *label;    /* as the help shows it; NULL hides an alias */
	enum tui_action act;
	const char *zh, *en;  /* help text, on the first key of each action */
};

static const struct tui_key tui_keys[] = {
	{true, KEY_UP, "Up", TUI_ACT_UP, "上移一行", "move up"},
	{false, L'k', "k", TUI_ACT_UP, NULL, NULL},
	{true, KEY_DOWN, "Down", TUI_ACT_DOWN, "下移一行", "move down"},
	{false, L'j', "j", TUI_ACT_DOWN, NULL, NULL},
	{true, KEY_PPAGE, "PgUp", TUI_ACT_PAGE_UP, "上一页", "previous page"},
	{true, KEY_NPAGE, "PgDn", TUI_ACT_PAGE_DOWN, "下一页", "next page"},
	{false, L' ', "Space", TUI_ACT_PAGE_DOWN, NULL, NULL},
	{true, KEY_HOME, "Home", TUI_ACT_FIRST, "第一行", "first row"},
	{false, L'g', "g", TUI_ACT_FIRST, NULL, NULL},
	{true, KEY_END, "End", TUI_ACT_LAST, "最后一行", "last row"},
	{false, L'G', "G", TUI_ACT_LAST, NULL, NULL},
	{false, L'\n', "Enter", TUI_ACT_OPEN, "打开", "open"},
	{false, L'\r', NULL, TUI_ACT_OPEN, NULL, NULL},
	{true, KEY_ENTER, NULL, TUI_ACT_OPEN, NULL, NULL},
	{false, L'/', "/", TUI_ACT_SEARCH, "搜索（Enter 确认，Esc 取消）",
	 "search (Enter applies, Esc cancels)"},
	{false, L'n', "n", TUI_ACT_NEXT, "下一个结果", "next result"},
	{false, L'N', "N", TUI_ACT_PREV, "上一个结果", "previous result"},
	{false, KEY_ESC, "Esc", TUI_ACT_BACK, "清除搜索，返回", "clear the search, back"},
	{false, KEY_CTRL('l'), "Ctrl-L", TUI_ACT_REFRESH, "重新读取并重绘", "reload and redraw"},
	{false, L'?', "?", TUI_ACT_HELP, "按键帮助", "this help"},
	{true, KEY_F(1), "F1", TUI_ACT_HELP, NULL, NULL},
	{false, L'q', "q", TUI_ACT_QUIT, "关闭当前屏幕，在列表中退出", "close this screen; quit from the list"},
};

#define NKEYS (sizeof tui_keys / sizeof tui_keys[0])

static enum tui_action tui_key_action(int kind, wint_t ch)
{
	bool fn = kind == KEY_CODE_YES;

	for (size_t i = 0; i < NKEYS; i++)
		if (tui_keys[i].fn == fn && tui_keys[i].code == ch)
			return tui_keys[i].act;
	return TUI_ACT_NONE;
}

/* ---- the running interface ---- */

struct tui_frame {
	const struct tui_screen_ops *ops;
	void *st;
};

struct tui {
	db *d;
	bool zh;
	bool small;                /* below TUI_MIN_COLS x TUI_MIN_LINES */
	struct tui_frame stack[TUI_DEPTH_MAX];
	int depth;
	char msg[512];             /* the bottom line's message, "" for none */
	struct {
		bool open;
		char label[16];
		char text[TUI_PROMPT_MAX];
		size_t len;
	} prompt;
};

db *tui_db(struct tui *t)
{
	return t->d;
}

bool tui_zh(const struct tui *t)
{
	return t->zh;
}

const char *tui_tr(const struct tui *t, const char *zh, const char *en)
{
	return t->zh ? zh : en;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}

static struct tui_frame *tui_top(struct tui *t)
{
	return t->depth ? &t->stack[t->depth - 1] : NULL;
}

/* The area screens draw in: all but the status bar and the bottom line. */
static struct tui_rect tui_body(void)
{
	return (struct tui_rect){0, 0, LINES - 2, COLS};
}

/* ---- drawing ---- */

void tui_draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
	static wchar_t buf[TUI_WBUF(TUI_COLS_MAX)];
	int maxx = getmaxx(w);

	if (y < 0 || y >= getmaxy(w) || x < 0 || x >= maxx || cols <= 0)
		return;
	if (cols > maxx - x)
		cols = maxx - x;
	if (cols > TUI_COLS_MAX)
		cols = TUI_COLS_MAX;
	tui_text_fit(s, cols, buf, TUI_WBUF(cols));
	wattrset(w, attr);
	/* ERR in the bottom-right cell only means the cursor could not move past it */
	(void)mvwaddnwstr(w, y, x, buf, -1);
	wattrset(w, A_NORMAL);
}

static void tui_draw_small(struct tui *t)
{
	char line[160];
	int y = LINES / 2 - 1;

	snprintf(line, sizeof line,
		 tui_tr(t, "终端窗口太小：%dx%d，至少需要 %dx%d", "Terminal too small: %dx%d, need %dx%d"),
		 COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	tui_draw_text(stdscr, y < 0 ? 0 : y, 0, COLS, line, A_BOLD);
	tui_draw_text(stdscr, y + 1, 0, COLS, tui_tr(t, "q 退出", "q: quit"), A_NORMAL);
}

static void tui_draw_status(struct tui *t)
{
	const struct db_identity *me = db_self(t->d);
	struct tui_frame *f = tui_top(t);
	char left[256], right[256] = "";
	int y = LINES - 2, rw;

	snprintf(left, sizeof left, " %s  %s", me->officer, me->office_name);
	if (f->ops->status)
		f->ops->status(t, f->st, right, sizeof right);
	rw = tui_text_width(right) + 1;
	if (rw > COLS / 2)
		rw = COLS / 2;
	tui_draw_text(stdscr, y, 0, COLS - rw, left, A_REVERSE);
	tui_draw_text(stdscr, y, COLS - rw, rw, right, A_REVERSE);
}

/* The bottom line: the prompt, a message, or a hint. */
static void tui_draw_bottom(struct tui *t)
{
	int y = LINES - 1, lw, room;
	const char *tail;

	if (t->prompt.open) {
		lw = tui_text_width(t->prompt.label);
		room = COLS - lw - 1; /* one column for the cursor after the text */
		tail = tui_text_tail(t->prompt.text, room);
		tui_draw_text(stdscr, y, 0, lw, t->prompt.label, A_BOLD);
		tui_draw_text(stdscr, y, lw, COLS - lw, tail, A_NORMAL);
		wmove(stdscr, y, lw + tui_text_width(tail));
		return;
	}
	if (t->msg[0])
		tui_draw_text(stdscr, y, 0, COLS, t->msg, A_NORMAL);
	else
		tui_draw_text(stdscr, y, 0, COLS,
			      tui_tr(t, "? 帮助  / 搜索  q 退出", "?: help  /: search  q: quit"), A_DIM);
}

static void tui_paint(struct tui *t)
{
	struct tui_frame *f = tui_top(t);

	werase(stdscr);
	if (t->small || !f) {
		tui_draw_small(t);
		curs_set(0);
	} else {
		f->ops->draw(t, f->st, stdscr, tui_body());
		tui_draw_status(t);
		tui_draw_bottom(t);
		curs_set(t->prompt.open ? 1 : 0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- the screen stack ---- */

int tui_screen_push(struct tui *t, const struct tui_screen_ops *ops, void *arg)
{
	ipc_err e = {{0}};
	void *st;

	if (t->depth == TUI_DEPTH_MAX) {
		tui_message(t, "%s", tui_tr(t, "打开的屏幕太多", "too many screens open"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!(st = ops->open(t, arg, &e))) {
		tui_message(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	t->stack[t->depth++] = (struct tui_frame){ops, st};
	if (!t->small && ops->resize)
		ops->resize(t, st, tui_body());
	return TUI_HANDLED | TUI_REDRAW;
}

static void tui_screen_pop(struct tui *t)
{
	struct tui_frame *f = tui_top(t);

	if (!f)
		return;
	if (f->ops->close)
		f->ops->close(f->st);
	t->depth--;
	t->prompt.open = false;
}

static void tui_relayout(struct tui *t)
{
	t->small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	if (t->small)
		return;
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].ops->resize)
			t->stack[i].ops->resize(t, t->stack[i].st, tui_body());
}

/* ---- the prompt ---- */

int tui_prompt_open(struct tui *t, const char *label, const char *initial)
{
	snprintf(t->prompt.label, sizeof t->prompt.label, "%s", label);
	snprintf(t->prompt.text, sizeof t->prompt.text, "%s", initial ? initial : "");
	t->prompt.len = strlen(t->prompt.text);
	t->prompt.open = true;
	return TUI_HANDLED | TUI_REDRAW;
}

static int tui_prompt_close(struct tui *t, bool accept)
{
	struct tui_frame *f = tui_top(t);

	t->prompt.open = false;
	if (!f->ops->prompt)
		return TUI_REDRAW;
	return f->ops->prompt(t, f->st, accept ? t->prompt.text : NULL) | TUI_REDRAW;
}

static int tui_prompt_insert(struct tui *t, wint_t ch)
{
	char u[4];
	size_t n;

	/* typed text is data too: nothing unprintable goes in */
	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || wcwidth((wchar_t)ch) < 0)
		return 0;
	n = tui_utf8_encode((wchar_t)ch, u);
	if (!n || t->prompt.len + n >= sizeof t->prompt.text)
		return 0;
	memcpy(t->prompt.text + t->prompt.len, u, n);
	t->prompt.len += n;
	t->prompt.text[t->prompt.len] = '\0';
	return TUI_REDRAW;
}

/* Backspace removes one whole character, however many bytes it takes. */
static int tui_prompt_backspace(struct tui *t)
{
	t->prompt.len = tui_utf8_prev(t->prompt.text, t->prompt.len);
	t->prompt.text[t->prompt.len] = '\0';
	return TUI_REDRAW;
}

static int tui_prompt_key(struct tui *t, int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_BACKSPACE)
			return tui_prompt_backspace(t);
		if (ch == KEY_ENTER)
			return tui_prompt_close(t, true);
		return 0;
	}
	switch (ch) {
	case KEY_ESC:
		return tui_prompt_close(t, false);
	case L'\n':
	case L'\r':
		return tui_prompt_close(t, true);
	case 0x7f:
	case KEY_CTRL('h'):
		return tui_prompt_backspace(t);
	case KEY_CTRL('u'):
		t->prompt.len = 0;
		t->prompt.text[0] = '\0';
		return TUI_REDRAW;
	default:
		return tui_prompt_insert(t, ch);
	}
}

/* ---- the help screen, written from the key table ---- */

struct help_line {
	enum tui_action act;
	char keys[64]; /* "Home g" */
	const char *text;
};

struct help {
	struct help_line lines[NKEYS];
	int n, top, height;
};

/* The line of an action, started by its first key (which carries the help text). */
static struct help_line *help_line_of(struct tui *t, struct help *h, const struct tui_key *k)
{
	for (int i = 0; i < h->n; i++)
		if (h->lines[i].act == k->act)
			return &h->lines[i];
	h->lines[h->n] = (struct help_line){.act = k->act, .text = tui_tr(t, k->zh, k->en)};
	return &h->lines[h->n++];
}

static void help_add_label(struct help_line *l, const char *label)
{
	size_t len = strlen(l->keys);

	snprintf(l->keys + len, sizeof l->keys - len, "%s%s", len ? " " : "", label);
}

/* One line per action: its visible keys, in table order, and what it does. */
static void *help_open(struct tui *t, void *arg, ipc_err *e)
{
	struct help *h = calloc(1, sizeof *h);

	(void)arg;
	if (!h) {
		err_set(e, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < NKEYS; i++)
		if (tui_keys[i].label)
			help_add_label(help_line_of(t, h, &tui_keys[i]), tui_keys[i].label);
	return h;
}

static void help_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct help *h = st;
	int kw = 0;

	for (int i = 0; i < h->n; i++) {
		int kwi = tui_text_width(h->lines[i].keys);
		if (kwi > kw)
			kw = kwi;
	}
	kw += 4;
	tui_draw_text(w, r.y, r.x, r.w, tui_tr(t, " ipcase 按键", " ipcase keys"), A_BOLD);
	for (int row = 2, i = h->top; row < r.h && i < h->n; row++, i++) {
		tui_draw_text(w, r.y + row, r.x + 2, kw - 2, h->lines[i].keys, A_BOLD);
		tui_draw_text(w, r.y + row, r.x + kw, r.w - kw, h->lines[i].text, A_NORMAL);
	}
}

static int help_scroll(struct help *h, int by)
{
	int max = h->n - h->height;

	h->top += by;
	if (h->top > max)
		h->top = max;
	if (h->top < 0)
		h->top = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static int help_action(struct tui *t, void *st, enum tui_action a)
{
	struct help *h = st;

	(void)t;
	switch (a) {
	case TUI_ACT_UP:
		return help_scroll(h, -1);
	case TUI_ACT_DOWN:
		return help_scroll(h, 1);
	case TUI_ACT_PAGE_UP:
		return help_scroll(h, -h->height);
	case TUI_ACT_PAGE_DOWN:
		return help_scroll(h, h->height);
	case TUI_ACT_FIRST:
		return help_scroll(h, -h->n);
	case TUI_ACT_LAST:
		return help_scroll(h, h->n);
	case TUI_ACT_BACK:
	case TUI_ACT_HELP:
	case TUI_ACT_QUIT:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int help_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct help *h = st;

	(void)t;
	h->height = r.h - 2;
	return help_scroll(h, 0);
}

static void help_status(struct tui *t, void *st, char *buf, size_t n)
{
	(void)st;
	snprintf(buf, n, "%s", tui_tr(t, "Esc 或 q 返回", "Esc or q: back"));
}

static const struct tui_screen_ops tui_help_screen = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.action = help_action,
	.resize = help_resize,
	.status = help_status,
	.close = free,
};

/* ---- the main loop ---- */

/* What the framework does with an action the top screen left alone. */
static int tui_default_action(struct tui *t, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_HELP:
		return tui_screen_push(t, &tui_help_screen, NULL);
	case TUI_ACT_QUIT:
		return TUI_HANDLED | TUI_QUIT;
	case TUI_ACT_REFRESH:
		clearok(curscr, TRUE);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

static int tui_dispatch(struct tui *t, int kind, wint_t ch)
{
	struct tui_frame *f = tui_top(t);
	enum tui_action a;
	int flags = 0;

	if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
		return TUI_RELAYOUT | TUI_REDRAW;
	if (t->small) /* nothing shows what a key would do; only quitting makes sense */
		return tui_key_action(kind, ch) == TUI_ACT_QUIT ? TUI_QUIT : 0;
	if (t->prompt.open)
		return tui_prompt_key(t, kind, ch);
	if (t->msg[0]) {
		t->msg[0] = '\0';
		flags |= TUI_REDRAW;
	}
	if ((a = tui_key_action(kind, ch)) == TUI_ACT_NONE)
		return flags;
	flags |= f->ops->action(t, f->st, a);
	if (!(flags & TUI_HANDLED))
		flags |= tui_default_action(t, a);
	return flags;
}

/* Reads keys and dispatches them until the last screen closes. */
static int tui_loop(struct tui *t, ipc_err *e)
{
	int flags = TUI_REDRAW, errors = 0; /* pushing sized the first screen */

	while (t->depth) {
		int kind;
		wint_t ch;

		if (flags & TUI_QUIT) { /* every screen on the stack was sized by relayouts */
			tui_screen_pop(t);
			flags |= TUI_REDRAW;
		}
		if (!t->depth)
			break;
		if (flags & TUI_RELAYOUT)
			tui_relayout(t);
		if (flags & (TUI_REDRAW | TUI_RELAYOUT))
			tui_paint(t);
		flags = 0;
		if ((kind = get_wch(&ch)) == ERR) {
			if (++errors > 100)
				return err_set(e, "the keyboard input was closed");
			continue;
		}
		errors = 0;
		flags = tui_dispatch(t, kind, ch);
	}
	return 0;
}

/* ---- start and end ---- */

static bool tui_codeset_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

/* Chinese labels when the messages locale is zh_*, as the environment names it (the locale
 * itself may be missing on the machine, or switched to C.UTF-8 below). */
static bool tui_env_zh(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "zh", 2);
	}
	return false;
}

/* Curses needs a UTF-8 character set, else Chinese shows as blanks. Only LC_CTYPE is
 * switched, so messages, dates and sorting stay as the user chose. */
static int tui_locale_check(ipc_err *e)
{
	if (tui_codeset_utf8())
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") && tui_codeset_utf8())
		return 0;
	if (setlocale(LC_ALL, "C.UTF-8") && tui_codeset_utf8())
		return 0;
	return err_set(e, "the screen needs a UTF-8 locale and none is available (Chinese would "
			  "show as blanks): set LANG=zh_CN.UTF-8 or C.UTF-8, e.g. after "
			  "`apt-get install locales`");
}

static int tui_start(SCREEN **scr, ipc_err *e)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, "the screen needs a terminal; use the batch commands "
				  "(ipcase --help) in scripts");
	if (!(*scr = newterm(NULL, stdout, stdin)))
		return err_set(e, "cannot start the screen on terminal type '%s'; try TERM=xterm-256color",
			       term ? term : "(unset)");
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	return 0;
}

int tui_run(db *d, ipc_err *e)
{
	struct tui *t = NULL;
	SCREEN *scr = NULL;
	int rc = -1;

	if (tui_locale_check(e) || tui_start(&scr, e))
		goto out;
	if (!(t = calloc(1, sizeof *t))) {
		err_set(e, "out of memory");
		goto out;
	}
	t->d = d;
	t->zh = tui_env_zh();
	tui_relayout(t);
	tui_screen_push(t, &tui_list_screen, NULL);
	if (!t->depth) {
		err_set(e, "%s", t->msg);
		goto out;
	}
	rc = tui_loop(t, e);
out:
	while (t && t->depth)
		tui_screen_pop(t);
	free(t);
	if (scr) {
		endwin();
		delscreen(scr);
	}
	return rc;
}
