/* screen — the screen stack, the main loop (the only place that paints), the status bar, the
 * bottom line (prompt, question, message), the default actions and tui_run. */
#include "tui/screen.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/channel.h"
#include "db/deadlines.h"
#include "db/rules/approval.h"
#include "db/rules/collab.h"
#include "db/rules/deadline.h"
#include "db/rules/roster.h"
#include "tui/config.h"
#include "tui/screens.h"
#include "tui/script.h"
#include "tui/tui.h"

#define TUI_DEPTH_MAX 16
#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)

/* The screens a key opens from anywhere. */
static const struct {
	enum tui_action act;
	const struct tui_screen_ops *ops;
} tui_goto_screens[] = {
	{TUI_ACT_HELP, &tui_help_screen},
	{TUI_ACT_SYNC, &tui_sync_screen},
	{TUI_ACT_DEADLINES, &tui_deadlines_screen},
	{TUI_ACT_COLLAB, &tui_collab_screen},
	{TUI_ACT_INVESTIGATORS, &tui_investigators_screen},
	{TUI_ACT_OFFICE, &tui_office_screen},
	{TUI_ACT_APPROVALS, &tui_approvals_screen},
	{TUI_ACT_DELETED, &tui_trash_screen},
	{TUI_ACT_STATISTICS, &tui_stats_screen},
	{TUI_ACT_INTAKES, &tui_intakes_screen},
	{TUI_ACT_FAIRS, &tui_fairs_screen},
	{TUI_ACT_WATCH, &tui_watch_screen},
};

struct tui_frame {
	const struct tui_screen_ops *ops;
	void *st;
};

enum bottom_mode { BOTTOM_NONE, BOTTOM_PROMPT, BOTTOM_ASK };

/* This device in its office's roster, as the status bar says it. */
enum tui_roster { ROSTER_ADMITTED, ROSTER_UNVERIFIED, ROSTER_NOT_ADMITTED };

struct tui {
	db *d;                     /* NULL until the first-start setup has made the workspace */
	db **owned;                /* where the caller keeps it, to close it */
	const char *home;
	bool zh;
	bool small;                /* below TUI_MIN_COLS x TUI_MIN_LINES */
	struct tui_frame stack[TUI_DEPTH_MAX];
	int depth;
	char msg[512];             /* the bottom line's message, "" for none */
	bool msg_error;
	struct {
		enum bottom_mode mode;
		bool live;
		int tag;
		char label[256];
		char text[TUI_PROMPT_MAX];
		size_t len;
	} bottom;
	struct {
		int64_t unsynced, conflicts, overdue, waiting, to_approve, stranded;
		char last_sync[32];
		enum tui_roster roster;
	} counts;
	struct tui_answer pending; /* for the screen under a closing one */
	char pending_text[TUI_PROMPT_MAX];
	bool has_pending;
	struct tui_config cfg;
	struct tui_script *script;
	int mouse_y, mouse_x;
	bool mouse_double;
	int cursor_y, cursor_x; /* asked for by this paint's draw; y < 0: hidden */
	char day[11];           /* the day the screens were loaded on: past midnight they load
				 * again (overdue colours, limits, counts) */
};

/* How long the keyboard is waited for before the clock is looked at (ms). */
#define TUI_TICK_MS 30000

db *tui_db(struct tui *t)
{
	return t->d;
}

const char *tui_home(const struct tui *t)
{
	return t->home;
}

bool tui_zh(const struct tui *t)
{
	return t->zh;
}

void tui_cursor_at(struct tui *t, int y, int x)
{
	t->cursor_y = y;
	t->cursor_x = x;
}

void tui_mouse(const struct tui *t, int *y, int *x)
{
	*y = t->mouse_y;
	*x = t->mouse_x;
}

bool tui_mouse_double(const struct tui *t)
{
	return t->mouse_double;
}

static void tui_vmessage(struct tui *t, bool error, const char *fmt, va_list ap)
{
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	t->msg_error = error;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tui_vmessage(t, false, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tui_vmessage(t, true, fmt, ap);
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

/* ---- the status bar's counts ---- */

/* Where this device stands in its office's roster. Admitted when the roster cannot be read:
 * the office screen says why. */
static enum tui_roster tui_roster_state(db *d)
{
	ipc_err e;
	json_t *o = roster_office(d, &e);
	enum tui_roster r = ROSTER_ADMITTED;

	if (o && !jstr(o, "fingerprint"))
		r = ROSTER_UNVERIFIED;
	else if (o && !json_is_true(json_object_get(o, "admitted")))
		r = ROSTER_NOT_ADMITTED;
	json_decref(o);
	return r;
}

/* Approvals this device may answer (0 when they cannot be read: the W screen says why). */
static int64_t tui_to_approve(db *d)
{
	ipc_err e;
	json_t *list = approval_waiting(d, true, &e);
	int64_t n = (int64_t)json_array_size(list);

	json_decref(list);
	return n;
}

static void tui_counts_load(struct tui *t)
{
	char when[32];
	time_t secs;
	struct tm tm;

	if (!t->d) /* first start: nothing to count yet */
		return;
	t->counts.unsynced = db_unsynced_count(t->d);
	t->counts.conflicts = db_conflict_count(t->d);
	t->counts.overdue = deadline_overdue_count(t->d, false, NULL);
	t->counts.waiting = collab_waiting(t->d);
	t->counts.stranded = collab_stranded(t->d);
	t->counts.to_approve = tui_to_approve(t->d);
	t->counts.roster = tui_roster_state(t->d);
	db_meta_get(t->d, "sync.last", when, sizeof when);
	t->counts.last_sync[0] = '\0';
	if ((secs = (time_t)strtoll(when, NULL, 10)) > 0 && localtime_r(&secs, &tm))
		strftime(t->counts.last_sync, sizeof t->counts.last_sync, "%m-%d %H:%M", &tm);
}

/* ---- drawing ---- */

/* Columns the character in cell (y, x) takes: 2 for a double-width one (curses reports it in
 * both of its cells). */
static int cell_width(WINDOW *w, int y, int x)
{
	wchar_t wc[CCHARW_MAX + 1] = {0};
	cchar_t cc;
	attr_t a;
	short pair;

	if (mvwin_wch(w, y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR)
		return 1;
	return wcwidth(wc[0]) == 2 ? 2 : 1;
}

/* Does a double-width character cover both column x - 1 and column x of row y? */
static bool cell_straddles(WINDOW *w, int y, int x)
{
	int i = 0;

	if (x <= 0 || x >= getmaxx(w) || cell_width(w, y, x) != 2)
		return false;
	while (i < x - 1) /* from the row's start: is x the second cell of one? */
		i += cell_width(w, y, i);
	return i == x - 1 && cell_width(w, y, i) == 2;
}

int tui_draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
	static wchar_t buf[TUI_WBUF(TUI_COLS_MAX)];
	int maxx = getmaxx(w), used;
	bool left, right;

	if (y < 0 || y >= getmaxy(w) || x < 0 || x >= maxx || cols <= 0)
		return 0;
	if (cols > maxx - x)
		cols = maxx - x;
	if (cols > TUI_COLS_MAX)
		cols = TUI_COLS_MAX;
	/* a double-width character drawn before, cut in half by this text (a menu over the
	 * list), becomes a space: curses keeps both halves, and the terminal would shift the
	 * rest of the row */
	left = cell_straddles(w, y, x);
	right = cell_straddles(w, y, x + cols);
	used = tui_text_fit(s, cols, buf, TUI_WBUF(cols));
	if (left)
		mvwaddch(w, y, x - 1, ' ');
	wattrset(w, attr);
	/* ERR in the bottom-right cell only means the cursor could not move past it */
	(void)mvwaddnwstr(w, y, x, buf, -1);
	wattrset(w, A_NORMAL);
	if (right)
		mvwaddch(w, y, x + cols, ' ');
	return used;
}

int tui_draw_cell(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
	int used;

	if (cols < 2 || tui_text_width(s) <= cols)
		return tui_draw_text(w, y, x, cols, s, attr);
	used = tui_draw_text(w, y, x, cols - 1, s, attr); /* a wide character may leave a column */
	return used + tui_draw_text(w, y, x + used, cols - used, "…", attr);
}

static void tui_draw_small(void)
{
	char line[160];
	int y = LINES / 2 - 1;

	snprintf(line, sizeof line, _("Terminal too small: %dx%d, need %dx%d"), COLS, LINES,
		 TUI_MIN_COLS, TUI_MIN_LINES);
	tui_draw_text(stdscr, y < 0 ? 0 : y, 0, COLS, line, A_BOLD);
	tui_draw_text(stdscr, y + 1, 0, COLS, _("q: quit"), A_NORMAL);
}

/* The status bar's fields. When they do not all fit, a field gives way whole, never cut:
 * first "office unverified", then the last sync's time, the screen's own hints and filters
 * (its status is parts separated by two spaces, the last going first, the first staying),
 * the office's name, then waiting and to approve, then the warning that collaboration
 * requests cannot go out; a field given way comes back when one given way after it made room
 * for it. What stays always: the officer, "not admitted", unsynced, overdue and conflicts. */
struct status_bar {
	char officer[96], office[160], mid[256], roster[64], stranded[160];
	char count[5][48]; /* unsynced, overdue, waiting, to approve, conflicts */
	char synced[48];
};

static int status_width(const struct status_bar *b)
{
	int w = tui_text_width(b->officer) + tui_text_width(b->office) + tui_text_width(b->mid)
		+ tui_text_width(b->roster) + tui_text_width(b->stranded) + tui_text_width(b->synced);

	for (int i = 0; i < 5; i++)
		w += tui_text_width(b->count[i]);
	return w;
}

/* A field given way: where it was and what it held, to bring it back when room is left. */
struct status_dropped {
	char *field;
	size_t size; /* the field's */
	char text[256];
};

/* Drops field f of `size` bytes (or its tail from `at`), writing down what it held in *d. */
static bool status_drop(struct status_dropped *d, char *f, size_t size, char *at)
{
	d->field = f;
	d->size = size;
	snprintf(d->text, sizeof d->text, "%s", f);
	*at = '\0';
	return true;
}

/* Drops the next field that gives way into *d; false when none is left to drop. */
static bool status_give_way(struct status_bar *b, bool unverified, struct status_dropped *d)
{
	char *two;

	if (unverified && b->roster[0])
		return status_drop(d, b->roster, sizeof b->roster, b->roster);
	if (b->synced[0])
		return status_drop(d, b->synced, sizeof b->synced, b->synced);
	if ((two = strstr(b->mid, "  "))) {
		char *last = two;
		while ((two = strstr(last + 2, "  ")))
			last = two;
		return status_drop(d, b->mid, sizeof b->mid, last);
	}
	if (b->office[0])
		return status_drop(d, b->office, sizeof b->office, b->office);
	for (int i = 2; i <= 3; i++) /* waiting, then to approve */
		if (b->count[i][0])
			return status_drop(d, b->count[i], sizeof b->count[i], b->count[i]);
	if (b->stranded[0])
		return status_drop(d, b->stranded, sizeof b->stranded, b->stranded);
	return false;
}

/* Does the bar fit in `cols`? The screen's status takes a blank on each side (the other
 * fields open with one or two), so that it never runs into the counts. */
static bool status_fits(const struct status_bar *b, int cols)
{
	return status_width(b) + (b->mid[0] ? 2 : 0) <= cols;
}

/* Fields give way in their order until the bar fits in `cols`; then those that fit again
 * (a later field gone made room) come back, the last given way first. */
static void status_fit(struct status_bar *b, bool unverified, int cols)
{
	struct status_dropped gone[16];
	char now[256];
	int n = 0;

	while (n < 16 && !status_fits(b, cols) && status_give_way(b, unverified, &gone[n]))
		n++;
	while (n-- > 0) {
		snprintf(now, sizeof now, "%s", gone[n].field);
		snprintf(gone[n].field, gone[n].size, "%s", gone[n].text);
		if (!status_fits(b, cols))
			snprintf(gone[n].field, gone[n].size, "%s", now);
	}
}

static void status_counts(struct tui *t, struct status_bar *b)
{
	const struct { int64_t n; const char *fmt; } c[5] = {
		{t->counts.unsynced, t->counts.unsynced >= DB_UNSYNCED_MAX ? _(" unsynced %lld+")
								     : _(" unsynced %lld")},
		{t->counts.overdue, _("  overdue %lld")}, {t->counts.waiting, _("  waiting %lld")},
		{t->counts.to_approve, _("  to approve %lld")}, {t->counts.conflicts, _("  conflicts %lld")},
	};

	for (int i = 0; i < 5; i++)
		if (i == 0 || c[i].n > 0)
			snprintf(b->count[i], sizeof b->count[i], c[i].fmt, (long long)c[i].n);
	snprintf(b->synced, sizeof b->synced, _("  synced %s "),
		 t->counts.last_sync[0] ? t->counts.last_sync : _("never"));
}

/* Requests waiting with no collaboration remote: said, with the key of the sync screen where
 * one is added. */
static void status_stranded(struct tui *t, struct status_bar *b)
{
	char keys[64];

	if (t->counts.stranded <= 0)
		return;
	keys_for(TUI_ACT_SYNC, keys, sizeof keys);
	snprintf(b->stranded, sizeof b->stranded,
		 _(" requests cannot go out: no collab remote (%s) "), keys);
}

/* A flag of the status bar (the roster's state, the stranded requests) ending at column `end`,
 * never left of `from`; returns the columns it took. */
static int status_flag(int y, int end, int from, const char *text, attr_t a)
{
	int fw = tui_text_width(text);

	if (fw > end - from)
		fw = end - from > 0 ? end - from : 0;
	tui_draw_text(stdscr, y, end - fw, fw, text, a);
	return fw;
}

/* officer · office | the screen's own status | roster, unsynced, overdue, conflicts, to
 * approve, waiting, last sync. */
static void tui_draw_status(struct tui *t)
{
	const struct db_identity *me = t->d ? db_self(t->d) : NULL;
	struct tui_frame *f = tui_top(t);
	struct status_bar b;
	char left[256], right[512];
	int y = LINES - 2, x, rw, fw;
	attr_t a = theme_attr(TUI_E_STATUS);

	memset(&b, 0, sizeof b);
	if (me) {
		snprintf(b.officer, sizeof b.officer, " %s", me->officer);
		snprintf(b.office, sizeof b.office, " · %s", me->office_name);
		snprintf(b.roster, sizeof b.roster, "%s", t->counts.roster == ROSTER_NOT_ADMITTED
			 ? _(" not admitted ") : t->counts.roster == ROSTER_UNVERIFIED
			 ? _(" office unverified ") : "");
		status_counts(t, &b);
		status_stranded(t, &b);
	} else { /* first start: no officer yet */
		snprintf(b.officer, sizeof b.officer, " %s", _("first start"));
		snprintf(b.office, sizeof b.office, " · %s", t->home);
	}
	if (f->ops->status)
		f->ops->status(t, f->st, b.mid, sizeof b.mid);
	status_fit(&b, t->counts.roster == ROSTER_UNVERIFIED, COLS);
	snprintf(left, sizeof left, "%s%s%s", b.officer, b.office, b.mid[0] ? " " : "");
	snprintf(right, sizeof right, "%s%s%s%s%s%s", b.count[0], b.count[1], b.count[2],
		 b.count[3], b.count[4], b.synced);
	tui_draw_text(stdscr, y, 0, COLS, "", a);
	x = tui_draw_text(stdscr, y, 0, COLS, left, a | A_BOLD);
	rw = tui_text_width(right);
	if (rw > COLS - x)
		rw = COLS - x > 0 ? COLS - x : 0;
	tui_draw_text(stdscr, y, COLS - rw, rw, right, a);
	fw = status_flag(y, COLS - rw, x, b.roster, a | A_BOLD);
	fw += status_flag(y, COLS - rw - fw, x, b.stranded, theme_attr(TUI_E_WARN) | A_BOLD);
	tui_draw_text(stdscr, y, x, COLS - x - rw - fw, b.mid, a);
}

/* The bottom line: the prompt or question, a message, or a hint. */
static void tui_draw_bottom(struct tui *t)
{
	int y = LINES - 1, lw, room;
	const char *tail;

	if (t->bottom.mode != BOTTOM_NONE) {
		lw = tui_text_width(t->bottom.label);
		room = COLS - lw - 1; /* one column for the cursor after the text */
		tail = tui_text_tail(t->bottom.text, room);
		tui_draw_text(stdscr, y, 0, lw, t->bottom.label, A_BOLD);
		tui_draw_text(stdscr, y, lw, COLS - lw, tail, A_NORMAL);
		wmove(stdscr, y, lw + tui_text_width(tail));
		return;
	}
	if (t->msg[0])
		tui_draw_text(stdscr, y, 0, COLS, t->msg,
			      t->msg_error ? theme_attr(TUI_E_ERROR) : A_NORMAL);
	else
		tui_draw_text(stdscr, y, 0, COLS, _(tui_top(t)->ops->hint ? tui_top(t)->ops->hint
							  : N_("?: help  /: search  q: quit")),
			      theme_attr(TUI_E_HINT));
}

/* Paints the screens from the lowest one an overlay lets show through. */
static void tui_paint(struct tui *t)
{
	int from = t->depth - 1;

	werase(stdscr);
	t->cursor_y = -1;
	if (t->small || !t->depth) {
		tui_draw_small();
		curs_set(0);
	} else {
		while (from > 0 && t->stack[from].ops->overlay)
			from--;
		for (int i = from; i < t->depth; i++) {
			t->cursor_y = -1; /* only the top screen's cursor shows */
			t->stack[i].ops->draw(t, t->stack[i].st, stdscr, tui_body());
		}
		tui_draw_status(t);
		tui_draw_bottom(t);
		if (t->bottom.mode == BOTTOM_NONE && t->cursor_y >= 0)
			wmove(stdscr, t->cursor_y, t->cursor_x);
		curs_set(t->bottom.mode == BOTTOM_NONE && t->cursor_y < 0 ? 0 : 1);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- the screen stack ---- */

int tui_screen_push(struct tui *t, const struct tui_screen_ops *ops, void *arg)
{
	ipc_err e = {0};
	void *st;

	if (t->depth == TUI_DEPTH_MAX) {
		tui_error(t, "%s", _("too many screens open"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!(st = ops->open(t, arg, &e))) {
		tui_error(t, "%s", e.msg);
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
	t->bottom.mode = BOTTOM_NONE;
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

static void tui_reload(struct tui *t)
{
	tui_counts_load(t);
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].ops->reload)
			t->stack[i].ops->reload(t, t->stack[i].st);
}

static int tui_deliver(struct tui *t, struct tui_frame *f, const struct tui_answer *a)
{
	if (!f || !f->ops->answer)
		return TUI_REDRAW;
	return f->ops->answer(t, f->st, a) | TUI_REDRAW;
}

void tui_answer_on_close(struct tui *t, const struct tui_answer *a)
{
	t->pending = *a;
	snprintf(t->pending_text, sizeof t->pending_text, "%s", a->text ? a->text : "");
	t->pending.text = t->pending_text;
	t->has_pending = true;
}

/* ---- the bottom line: prompt and question ---- */

static int tui_bottom_open(struct tui *t, enum bottom_mode mode, int tag, const char *label,
			   const char *initial, bool live)
{
	t->bottom.mode = mode;
	t->bottom.tag = tag;
	t->bottom.live = live;
	snprintf(t->bottom.label, sizeof t->bottom.label, "%s", label);
	snprintf(t->bottom.text, sizeof t->bottom.text, "%s", initial ? initial : "");
	t->bottom.len = strlen(t->bottom.text);
	t->msg[0] = '\0';
	return TUI_HANDLED | TUI_REDRAW;
}

int tui_prompt_open(struct tui *t, int tag, const char *label, const char *initial, bool live)
{
	return tui_bottom_open(t, BOTTOM_PROMPT, tag, label, initial, live);
}

int tui_ask(struct tui *t, int tag, const char *question)
{
	char label[256];

	snprintf(label, sizeof label, "%s %s ", question, _("(y/n)"));
	return tui_bottom_open(t, BOTTOM_ASK, tag, label, NULL, false);
}

static int tui_bottom_close(struct tui *t, enum tui_answer_kind kind)
{
	struct tui_answer a = {t->bottom.tag, kind, t->bottom.text, 0};

	t->bottom.mode = BOTTOM_NONE;
	return tui_deliver(t, tui_top(t), &a);
}

static int tui_prompt_changed(struct tui *t)
{
	struct tui_answer a = {t->bottom.tag, TUI_ANSWER_CHANGE, t->bottom.text, 0};

	return t->bottom.live ? tui_deliver(t, tui_top(t), &a) : TUI_REDRAW;
}

static int tui_prompt_insert(struct tui *t, wint_t ch)
{
	char u[4];
	size_t n;

	/* typed text is data too: nothing unprintable goes in */
	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || wcwidth((wchar_t)ch) < 0)
		return 0;
	n = tui_utf8_encode((wchar_t)ch, u);
	if (!n || t->bottom.len + n >= sizeof t->bottom.text)
		return 0;
	memcpy(t->bottom.text + t->bottom.len, u, n);
	t->bottom.len += n;
	t->bottom.text[t->bottom.len] = '\0';
	return tui_prompt_changed(t);
}

/* Backspace removes one whole character, however many bytes it takes. */
static int tui_prompt_backspace(struct tui *t)
{
	t->bottom.len = tui_utf8_prev(t->bottom.text, t->bottom.len);
	t->bottom.text[t->bottom.len] = '\0';
	return tui_prompt_changed(t);
}

static int tui_ask_key(struct tui *t, int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES)
		return 0;
	if (ch == L'y' || ch == L'Y')
		return tui_bottom_close(t, TUI_ANSWER_ACCEPT);
	if (ch == L'n' || ch == L'N' || ch == KEY_ESC)
		return tui_bottom_close(t, TUI_ANSWER_CANCEL);
	return 0;
}

static int tui_prompt_key(struct tui *t, int kind, wint_t ch)
{
	if (t->bottom.mode == BOTTOM_ASK)
		return tui_ask_key(t, kind, ch);
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_BACKSPACE)
			return tui_prompt_backspace(t);
		if (ch == KEY_ENTER)
			return tui_bottom_close(t, TUI_ANSWER_ACCEPT);
		return 0;
	}
	switch (ch) {
	case KEY_ESC:
		return tui_bottom_close(t, TUI_ANSWER_CANCEL);
	case L'\n':
	case L'\r':
		return tui_bottom_close(t, TUI_ANSWER_ACCEPT);
	case 0x7f:
	case KEY_CTRL('h'):
		return tui_prompt_backspace(t);
	case KEY_CTRL('u'):
		t->bottom.len = 0;
		t->bottom.text[0] = '\0';
		return tui_prompt_changed(t);
	default:
		return tui_prompt_insert(t, ch);
	}
}

/* ---- the main loop ---- */

/* What the framework does with an action the top screen left alone. */
static int tui_default_action(struct tui *t, enum tui_action a)
{
	if (!t->d && a != TUI_ACT_HELP && a != TUI_ACT_QUIT) /* first start: no data yet */
		return 0;
	for (size_t i = 0; i < sizeof tui_goto_screens / sizeof tui_goto_screens[0]; i++)
		if (tui_goto_screens[i].act == a) {
			if (tui_top(t)->ops == tui_goto_screens[i].ops)
				return TUI_HANDLED;
			return tui_screen_push(t, tui_goto_screens[i].ops, NULL);
		}
	switch (a) {
	case TUI_ACT_QUIT:
		return TUI_HANDLED | TUI_QUIT;
	case TUI_ACT_REFRESH:
		clearok(curscr, TRUE);
		return TUI_HANDLED | TUI_REDRAW | TUI_CHANGED;
	default:
		return 0;
	}
}

/* Mouse: the wheel scrolls, a click is TUI_ACT_CLICK at its place. */
static enum tui_action tui_mouse_action(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return TUI_ACT_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		return TUI_ACT_UP;
	if (ev.bstate & BUTTON5_PRESSED)
		return TUI_ACT_DOWN;
	t->mouse_y = ev.y;
	t->mouse_x = ev.x;
	t->mouse_double = ev.bstate & BUTTON1_DOUBLE_CLICKED;
	return ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)
		       ? TUI_ACT_CLICK : TUI_ACT_NONE;
}

static int tui_dispatch(struct tui *t, int kind, wint_t ch)
{
	struct tui_frame *f = tui_top(t);
	struct tui_keycode k = {kind == KEY_CODE_YES, ch};
	enum tui_action a;
	int flags = 0;

	if (k.fn && ch == KEY_RESIZE)
		return TUI_RELAYOUT | TUI_REDRAW;
	if (t->small) /* nothing shows what a key would do; only quitting makes sense */
		return keys_action(k) == TUI_ACT_QUIT ? TUI_QUIT : 0;
	if (t->bottom.mode != BOTTOM_NONE)
		return tui_prompt_key(t, kind, ch);
	if (t->msg[0]) {
		t->msg[0] = '\0';
		flags |= TUI_REDRAW;
	}
	if (f->ops->key && ((flags |= f->ops->key(t, f->st, kind, ch)) & TUI_HANDLED))
		return flags;
	a = k.fn && ch == KEY_MOUSE ? tui_mouse_action(t) : keys_action(k);
	if (a == TUI_ACT_NONE)
		return flags;
	flags |= f->ops->action(t, f->st, a);
	if (!(flags & TUI_HANDLED))
		flags |= tui_default_action(t, a);
	return flags;
}

static double tui_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Does a screen on the stack have work running on another thread? */
static bool tui_busy(struct tui *t)
{
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].ops->busy && t->stack[i].ops->busy(t->stack[i].st))
			return true;
	return false;
}

/* The next key: from the script, or the keyboard; kind ERR when no key came in TUI_TICK_MS,
 * TUI_BUSY_MS while a screen is busy (or the script turned the clock, or waits). 1 at the
 * end of the script. */
static int tui_read(struct tui *t, int *kind, wint_t *ch, ipc_err *e)
{
	bool busy = tui_busy(t);
	int wait = busy ? TUI_BUSY_MS : TUI_TICK_MS, errors = 0;
	struct timespec asked;

	if (t->script && script_waiting(t->script, busy)) {
		napms(TUI_BUSY_MS);
		*kind = ERR;
		return 0;
	}
	if (t->script)
		return script_next(t->script, kind, ch, e);
	timeout(wait);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &asked);
		if ((*kind = get_wch(ch)) != ERR || tui_ms_since(&asked) >= wait / 2)
			return 0;
		if (++errors > 100) /* ERR at once, again and again: the input is gone */
			return err_set(e, _("the keyboard input was closed"));
	}
}

/* A tick: every screen's tick; when the day has turned since the screens were loaded, they
 * load again. */
static int tui_tick(struct tui *t)
{
	char today[11];
	int flags = 0;

	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].ops->tick)
			flags |= t->stack[i].ops->tick(t, t->stack[i].st);
	db_today(today);
	if (!strcmp(today, t->day))
		return flags;
	memcpy(t->day, today, sizeof t->day);
	return flags | TUI_CHANGED;
}

/* Reads keys and dispatches them until the last screen closes. */
static int tui_loop(struct tui *t, const struct timespec *started, ipc_err *e)
{
	int flags = TUI_REDRAW, rc; /* pushing sized the first screen */
	struct timespec t0;

	db_today(t->day);
	for (bool first = true; t->depth; first = false) {
		int kind;
		wint_t ch;

		if (flags & TUI_QUIT) { /* every screen on the stack was sized by relayouts */
			tui_screen_pop(t);
			flags = (flags & ~TUI_QUIT) | TUI_REDRAW;
			if (t->has_pending && t->depth) {
				t->has_pending = false;
				flags |= tui_deliver(t, tui_top(t), &t->pending);
				continue; /* the answer may close this one too */
			}
		}
		if (!t->depth)
			break;
		if (flags & TUI_CHANGED)
			tui_reload(t);
		if (flags & TUI_RELAYOUT)
			tui_relayout(t);
		if (flags & (TUI_REDRAW | TUI_RELAYOUT | TUI_CHANGED))
			tui_paint(t);
		if (t->script && first)
			script_first_paint(t->script, tui_ms_since(started));
		else if (t->script)
			script_key_time(t->script, tui_ms_since(&t0));
		if ((rc = tui_read(t, &kind, &ch, e)) != 0)
			return rc < 0 ? -1 : 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		flags = kind == ERR ? tui_tick(t) : tui_dispatch(t, kind, ch);
	}
	return 0;
}

/* ---- start and end ---- */

static bool tui_codeset_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

/* Curses needs a UTF-8 character set, else Chinese shows as blanks (main has switched to
 * C.UTF-8 already when it could). */
static int tui_locale_check(ipc_err *e)
{
	if (tui_codeset_utf8())
		return 0;
	return err_set(e, _("the screen needs a UTF-8 locale and none is available (Chinese would "
			    "show as blanks): set LANG=zh_CN.UTF-8 or C.UTF-8, e.g. after "
			    "`apt-get install locales`"));
}

static void tui_curses_setup(const struct tui_config *cfg)
{
	cbreak();
	noecho();
	nonl(); /* Enter arrives as \r; no translation of output newlines either */
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	theme_start();
	if (cfg->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
			  | BUTTON5_PRESSED, NULL);
}

/* The terminal: the real one, or the in-memory one of a script (IPCASE_SCRIPT). */
static int tui_start(struct tui *t, SCREEN **scr, ipc_err *e)
{
	const char *term = getenv("TERM"), *script = getenv("IPCASE_SCRIPT");

	if (script && *script)
		return script_open(script, &t->script, e);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, _("the screen needs a terminal; use the batch commands "
				    "(ipcase --help) in scripts"));
	if (!(*scr = newterm(NULL, stdout, stdin)))
		return err_set(e, _("cannot start the screen on terminal type '%s'; try "
				    "TERM=xterm-256color"), term ? term : "(unset)");
	return 0;
}

void tui_workspace_opened(struct tui *t, db *d)
{
	t->d = *t->owned = d;
	tui_counts_load(t);
}

/* The config file's bad lines, on the bottom line. */
static void tui_config_errors(struct tui *t)
{
	if (t->cfg.nerrors == 1)
		tui_error(t, "%s", t->cfg.error);
	else if (t->cfg.nerrors)
		tui_error(t, _("%s (and %d more bad lines)"), t->cfg.error, t->cfg.nerrors - 1);
}

/* The first screen: the setup until it has made the workspace (Esc leaves without one), then
 * the case list, with the drafts an earlier run left; the config file's bad lines on the
 * first of them. 1 when the setup was left. */
static int tui_first_screen(struct tui *t, const struct timespec *started, ipc_err *e)
{
	bool setup = !t->d;

	if (setup) {
		tui_setup_open(t);
		if (!t->depth)
			return err_set(e, "%s", t->msg);
		tui_config_errors(t);
		if (tui_loop(t, started, e))
			return -1;
		if (!t->d)
			return 1;
	}
	tui_screen_push(t, &tui_list_screen, NULL);
	if (!t->depth)
		return err_set(e, "%s", t->msg);
	tui_form_drafts(t); /* what an earlier run was typing when it ended */
	if (!setup)
		tui_config_errors(t);
	return 0;
}

int tui_run(const char *home, db **d, const struct timespec *started, ipc_err *e)
{
	struct tui *t = calloc(1, sizeof *t);
	SCREEN *scr = NULL;
	int rc = -1;

	if (!t)
		return err_nomem(e);
	t->d = *d;
	t->owned = d;
	t->home = home;
	t->zh = i18n_zh();
	config_load(&t->cfg);
	if (tui_locale_check(e) || tui_start(t, &scr, e))
		goto out;
	tui_curses_setup(&t->cfg);
	tui_counts_load(t);
	tui_relayout(t);
	if ((rc = tui_first_screen(t, started, e)) != 0) {
		rc = rc < 0 ? -1 : 0;
		goto out;
	}
	rc = tui_loop(t, started, e);
out:
	while (t->depth)
		tui_screen_pop(t);
	script_close(t->script);
	if (scr) {
		endwin();
		delscreen(scr);
	}
	free(t);
	return rc;
}
