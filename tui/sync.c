/* sync — the sync screen (S from anywhere): the remotes to choose from, a run of sync_run with
 * its progress painted as it goes (the callback repaints through tui_repaint, since the loop
 * cannot paint while a handler runs), then its summary, or its error and what to do, and what
 * waits in quarantine. The network timeout is the batch command's (sync/nettimeout). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/channel.h"
#include "sync/nettimeout.h"
#include "sync/sync.h"
#include "tui/screen.h"
#include "tui/screens.h"
#include "tui/wrap.h"

#define REPAINT_MS 50 /* progress paints at most this often: painting must not slow the work */

enum sync_phase { SYNC_IDLE, SYNC_RUNNING, SYNC_DONE, SYNC_FAILED };

struct syncscr {
	struct tui *t;            /* for the progress callback's repaint */
	json_t *remotes;          /* db_remote_list */
	int sel;
	enum sync_phase phase;
	char remote[64];          /* the one synced last */
	char what[64];            /* the step running, translated */
	size_t done, total;
	struct timespec painted;  /* last progress paint */
	char result[600];         /* the summary, or the error */
	size_t quarantined;       /* lines in quarantine after the run */
};

/* The steps sync_run reports (sync/ speaks English; these are their translations). */
static const char *const steps[] = {
	N_("committing"), N_("fetching"), N_("receiving"), N_("importing"), N_("sending"),
	N_("packing"),
};

static const char *step_text(const char *what)
{
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (!strcmp(what, steps[i]))
			return _(steps[i]);
	return what;
}

static int sync_read(struct tui *t, struct syncscr *s, ipc_err *e)
{
	json_t *list = db_remote_list(tui_db(t), e);

	if (!list)
		return -1;
	json_decref(s->remotes);
	s->remotes = list;
	if (s->sel >= (int)json_array_size(list))
		s->sel = (int)json_array_size(list) - 1;
	if (s->sel < 0)
		s->sel = 0;
	return 0;
}

static void *sync_open(struct tui *t, void *arg, ipc_err *e)
{
	struct syncscr *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s) {
		err_nomem(e);
		return NULL;
	}
	s->t = t;
	if (sync_read(t, s, e)) {
		free(s);
		return NULL;
	}
	return s;
}

static void sync_close(void *st)
{
	struct syncscr *s = st;

	json_decref(s->remotes);
	free(s);
}

static int sync_reload(struct tui *t, void *st)
{
	ipc_err e;

	if (sync_read(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_REDRAW;
}

/* ---- a run ---- */

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void on_progress(const char *what, size_t done, size_t total, void *arg)
{
	struct syncscr *s = arg;

	nettimeout_touch();
	snprintf(s->what, sizeof s->what, "%s", step_text(what));
	s->done = done;
	s->total = total;
	if (ms_since(&s->painted) < REPAINT_MS && !(total && done == total))
		return;
	clock_gettime(CLOCK_MONOTONIC, &s->painted);
	tui_repaint(s->t);
}

static int sync_go(struct tui *t, struct syncscr *s)
{
	json_t *q, *r = json_array_get(s->remotes, (size_t)s->sel);
	struct sync_stats st;
	ipc_err e;
	int rc;

	if (!r)
		return TUI_HANDLED;
	snprintf(s->remote, sizeof s->remote, "%s", jtext(r, "name"));
	s->phase = SYNC_RUNNING;
	snprintf(s->what, sizeof s->what, "%s", _("starting"));
	s->done = s->total = 0;
	clock_gettime(CLOCK_MONOTONIC, &s->painted);
	tui_repaint(t);
	nettimeout_arm(s->remote, tui_terminal_restore);
	rc = sync_run(tui_db(t), s->remote, &st, on_progress, s, &e);
	nettimeout_disarm();
	if (rc) {
		s->phase = SYNC_FAILED;
		snprintf(s->result, sizeof s->result, "%s", e.msg);
	} else {
		s->phase = SYNC_DONE;
		sync_summary(&st, s->result, sizeof s->result);
	}
	q = db_quarantine_list(tui_db(t), &e);
	s->quarantined = json_array_size(q);
	json_decref(q);
	/* what was imported before a failure stays imported: every screen reads again */
	return TUI_HANDLED | TUI_REDRAW | TUI_CHANGED;
}

static int sync_action(struct tui *t, void *st, enum tui_action a)
{
	struct syncscr *s = st;
	int n = (int)json_array_size(s->remotes);

	switch (a) {
	case TUI_ACT_UP:
		s->sel = s->sel > 0 ? s->sel - 1 : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_DOWN:
		s->sel = s->sel + 1 < n ? s->sel + 1 : s->sel;
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_OPEN:
		return sync_go(t, s);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

/* ---- drawing ---- */

static int draw_remotes(struct syncscr *s, WINDOW *w, struct tui_rect r, int y)
{
	size_t i;
	json_t *rem;

	if (!json_array_size(s->remotes)) {
		y += wrap_text_draw(w, y, r.x + 2, r.w - 4, 2, _("No remote yet. Add one in a shell "
								 "with: ipcase remote add NAME URL"),
				    A_NORMAL);
		return y + 1;
	}
	json_array_foreach(s->remotes, i, rem) {
		char line[1200];
		attr_t a = (int)i == s->sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
		snprintf(line, sizeof line, "%-12s %-8s %s", jtext(rem, "name"),
			 jtext(rem, "channel"), jtext(rem, "url"));
		if (y >= r.y + r.h)
			break;
		tui_draw_text(w, y, r.x + 1, r.w - 2, "", a);
		tui_draw_text(w, y++, r.x + 2, r.w - 4, line, a);
	}
	return y + 1;
}

static void draw_result(struct syncscr *s, WINDOW *w, struct tui_rect r, int y)
{
	char line[800];
	int x = r.x + 2, cols = r.w - 4, left = r.y + r.h - y;

	switch (s->phase) {
	case SYNC_IDLE:
		if (json_array_size(s->remotes))
			wrap_text_draw(w, y, x, cols, left, _("Enter: sync with the selected remote"),
				       theme_attr(TUI_E_HINT));
		return;
	case SYNC_RUNNING:
		if (s->total)
			snprintf(line, sizeof line, _("%s: %s %zu of %zu"), s->remote, s->what, s->done,
				 s->total);
		else
			snprintf(line, sizeof line, _("%s: %s..."), s->remote, s->what);
		wrap_text_draw(w, y, x, cols, left, line, A_BOLD);
		return;
	case SYNC_DONE:
		snprintf(line, sizeof line, _("Synced with %s:"), s->remote);
		y += wrap_text_draw(w, y, x, cols, left, line, A_BOLD);
		y += wrap_text_draw(w, y, x, cols, r.y + r.h - y, s->result, A_NORMAL);
		break;
	case SYNC_FAILED:
		snprintf(line, sizeof line, _("Sync with %s failed:"), s->remote);
		y += wrap_text_draw(w, y, x, cols, left, line, theme_attr(TUI_E_ERROR));
		y += wrap_text_draw(w, y, x, cols, r.y + r.h - y, s->result,
				    theme_attr(TUI_E_ERROR));
		y += wrap_text_draw(w, y + 1, x, cols, r.y + r.h - y - 1,
				    _("What to do: check the network and the remote's address (ipcase "
				      "remote list); for ssh, an ed25519 key in ssh-agent or given with "
				      "--key; then press Enter to try again. What was received before "
				      "the failure is kept."), A_NORMAL) + 1;
		break;
	}
	if (s->quarantined) {
		snprintf(line, sizeof line, ngettext("%zu line from colleagues is in quarantine: "
						     "ipcase quarantine shows it with the reason.",
						     "%zu lines from colleagues are in quarantine: "
						     "ipcase quarantine lists them with the reason.",
						     s->quarantined), s->quarantined);
		wrap_text_draw(w, y + 1, x, cols, r.y + r.h - y - 1, line, theme_attr(TUI_E_WARN));
	}
}

static void sync_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct syncscr *s = st;
	int y;

	(void)t;
	tui_draw_text(w, r.y, r.x, r.w, _(" Sync with a remote"), theme_attr(TUI_E_TITLE));
	y = draw_remotes(s, w, r, r.y + 2);
	draw_result(s, w, r, y);
}

static void sync_status(struct tui *t, void *st, char *buf, size_t n)
{
	(void)t;
	(void)st;
	snprintf(buf, n, "%s", _("Esc: back"));
}

const struct tui_screen_ops tui_sync_screen = {
	.name = "sync",
	.open = sync_open,
	.draw = sync_draw,
	.action = sync_action,
	.reload = sync_reload,
	.status = sync_status,
	.close = sync_close,
};
