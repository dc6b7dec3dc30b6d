/* script — the scripted, in-memory terminal of the screen tests and benchmarks. */
#include "tui/script.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/text.h"
#include "tui/keys.h"

#define TIMES_MAX 4096

struct tui_script {
	FILE *in, *null;
	SCREEN *scr;
	char line[4096];
	char *pos;       /* the rest of a keys or type line, NULL between lines */
	bool typing;     /* pos is literal text */
	int no;          /* line number, for messages */
	char key[TIMES_MAX][16];
	double ms[TIMES_MAX], first_paint;
	int ntimes;
	struct tui_keycode last; /* the key being timed */
	struct timespec wait_end; /* `wait`: ticks until then while a screen is busy */
};

int script_open(const char *path, struct tui_script **out, ipc_err *e)
{
	struct tui_script *s = calloc(1, sizeof *s);

	*out = NULL;
	if (!s)
		return err_nomem(e);
	if (!(s->in = fopen(path, "r"))) {
		err_set(e, _("cannot read the script %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (!(s->null = fopen("/dev/null", "r+"))) {
		err_set(e, "/dev/null: %s", strerror(errno));
		goto fail;
	}
	if (!(s->scr = newterm("xterm", s->null, s->null))) {
		err_set(e, _("cannot start the in-memory terminal (terminfo for xterm is missing)"));
		goto fail;
	}
	*out = s;
	return 0;
fail:
	script_close(s);
	return -1;
}

void script_close(struct tui_script *s)
{
	if (!s)
		return;
	if (s->scr) {
		endwin();
		delscreen(s->scr);
	}
	if (s->in)
		fclose(s->in);
	if (s->null)
		fclose(s->null);
	free(s);
}

/* ---- commands ---- */

static int script_dump(struct tui_script *s, const char *path, ipc_err *e)
{
	FILE *f = fopen(path, "w");
	char line[TUI_COLS_MAX * 4 + 1];

	if (!f)
		return err_set(e, _("script line %d: cannot write %s: %s"), s->no, path, strerror(errno));
	for (int y = 0; y < LINES; y++) {
		size_t n = 0, keep = 0;
		for (int x = 0; x < COLS && x < TUI_COLS_MAX; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1] = {0};
			attr_t a;
			short pair;
			if (mvwin_wch(stdscr, y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR
			    || !wc[0])
				wc[0] = L' ';
			for (int i = 0; wc[i] && i < CCHARW_MAX; i++)
				n += tui_utf8_encode(wc[i], line + n);
			if (wc[0] != L' ')
				keep = n;
			if (wcwidth(wc[0]) == 2) /* the next cell is this character's right half */
				x++;
		}
		line[keep] = '\0';
		fprintf(f, "%s\n", line);
	}
	return fclose(f) ? err_set(e, "%s: %s", path, strerror(errno)) : 0;
}

static int script_stats(struct tui_script *s, const char *path, ipc_err *e)
{
	FILE *f = fopen(path, "w");
	struct rusage ru;

	if (!f)
		return err_set(e, _("script line %d: cannot write %s: %s"), s->no, path, strerror(errno));
	getrusage(RUSAGE_SELF, &ru);
	fprintf(f, "first_paint_ms %.3f\n", s->first_paint);
	for (int i = 0; i < s->ntimes; i++)
		fprintf(f, "key %s %.3f\n", s->key[i], s->ms[i]);
	fprintf(f, "maxrss_kb %ld\n", ru.ru_maxrss);
	s->ntimes = 0;
	return fclose(f) ? err_set(e, "%s: %s", path, strerror(errno)) : 0;
}

/* A mouse click at column x, row y, as curses reports one (ungetmouse queues it for getmouse;
 * the config must have `mouse on`, as getmouse drops events outside the mask). */
static int script_click(struct tui_script *s, int x, int y, bool twice, int *kind, wint_t *ch,
			ipc_err *e)
{
	MEVENT ev = {.x = x, .y = y, .bstate = twice ? BUTTON1_DOUBLE_CLICKED : BUTTON1_CLICKED};

	if (ungetmouse(&ev) == ERR)
		return err_set(e, _("script line %d: the mouse is off (config: mouse on)"), s->no);
	*kind = KEY_CODE_YES;
	*ch = KEY_MOUSE;
	return 1;
}

/* A command line; sets s->pos for keys and type. Returns 1 when it yields a key event. */
static int script_command(struct tui_script *s, char *line, int *kind, wint_t *ch, ipc_err *e)
{
	char *arg = line + strcspn(line, " \t");
	int cols, lines, x, y;

	if (*arg)
		*arg++ = '\0';
	arg[strcspn(arg, "\r\n")] = '\0';
	if (!strcmp(line, "keys") || !strcmp(line, "type")) {
		s->pos = arg;
		s->typing = line[0] == 't';
		return 0;
	}
	if (!strcmp(line, "dump"))
		return script_dump(s, arg, e);
	if (!strcmp(line, "stats"))
		return script_stats(s, arg, e);
	if (!strcmp(line, "size") && sscanf(arg, "%d %d", &cols, &lines) == 2 && cols > 0
	    && lines > 0 && cols <= TUI_COLS_MAX) {
		resizeterm(lines, cols);
		*kind = KEY_CODE_YES;
		*ch = KEY_RESIZE;
		return 1;
	}
	if ((!strcmp(line, "click") || !strcmp(line, "dclick")) && sscanf(arg, "%d %d", &x, &y) == 2)
		return script_click(s, x, y, line[0] == 'd', kind, ch, e);
	if (!strcmp(line, "wait") && sscanf(arg, "%d", &x) == 1 && x > 0) {
		clock_gettime(CLOCK_MONOTONIC, &s->wait_end);
		s->wait_end.tv_sec += x / 1000;
		s->wait_end.tv_nsec += (long)(x % 1000) * 1000000;
		if (s->wait_end.tv_nsec >= 1000000000) {
			s->wait_end.tv_sec++;
			s->wait_end.tv_nsec -= 1000000000;
		}
		*kind = ERR; /* a first tick at once */
		return 1;
	}
	if (!strcmp(line, "day") && strlen(arg) == 10) {
		setenv("IPCASE_TODAY", arg, 1);
		*kind = ERR; /* the tick the keyboard's wait gives */
		return 1;
	}
	return err_set(e, _("script line %d: expected keys, type, size COLS LINES, click X Y, "
			    "dclick X Y, day YYYY-MM-DD, wait MS, dump FILE or stats FILE"), s->no);
}

/* The next key of the current keys or type line, or 0 at its end. */
static int script_key(struct tui_script *s, int *kind, wint_t *ch, ipc_err *e)
{
	struct tui_keycode k;
	size_t used;

	if (!s->typing)
		s->pos += strspn(s->pos, " \t");
	if (!*s->pos) {
		s->pos = NULL;
		return 0;
	}
	if (s->typing) {
		wchar_t wc;
		used = tui_utf8_decode(s->pos, strlen(s->pos), &wc);
		k = (struct tui_keycode){false, (wint_t)wc};
	} else if (keys_parse(s->pos, &k, &used, e)) {
		return err_wrap(e, _("script line %d"), s->no);
	}
	s->pos += used;
	*kind = k.fn ? KEY_CODE_YES : OK;
	*ch = k.code;
	s->last = k;
	return 1;
}

bool script_waiting(struct tui_script *s, bool busy)
{
	struct timespec now;

	if (!s->wait_end.tv_sec)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (busy && (now.tv_sec < s->wait_end.tv_sec || (now.tv_sec == s->wait_end.tv_sec
							 && now.tv_nsec < s->wait_end.tv_nsec)))
		return true;
	s->wait_end.tv_sec = 0;
	return false;
}

int script_next(struct tui_script *s, int *kind, wint_t *ch, ipc_err *e)
{
	for (;;) {
		int rc;
		if (s->pos && (rc = script_key(s, kind, ch, e)) != 0)
			return rc < 0 ? -1 : 0;
		if (!fgets(s->line, sizeof s->line, s->in))
			return 1;
		s->no++;
		if (s->line[strspn(s->line, " \t\r\n")] == '\0' || s->line[0] == '#')
			continue;
		if ((rc = script_command(s, s->line, kind, ch, e)) != 0)
			return rc < 0 ? -1 : 0;
	}
}

void script_first_paint(struct tui_script *s, double ms)
{
	s->first_paint = ms;
}

void script_key_time(struct tui_script *s, double ms)
{
	if (s->ntimes == TIMES_MAX)
		return;
	keys_name(s->last, s->key[s->ntimes], sizeof s->key[0]);
	s->ms[s->ntimes++] = ms;
}
