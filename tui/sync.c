/* sync — the sync screen (S from anywhere): the remotes to choose from (a adds one in a form,
 * Del removes the selected one), the warning that collaboration requests cannot go out while
 * no remote of their channel is set, a sync run on a thread of its own with a database handle of its own — the screen stays live, its ticks
 * paint the progress the worker posts, Esc cancels — then its summary, or its error (a
 * network timeout among them) and what to do, and what waits in quarantine.
 *
 * Invariants: the worker alone touches its database handle and libgit2 (chan_open and
 * chan_close initialise and shut libgit2 down, refcounted, on the worker's thread); this
 * thread alone touches curses and the screen's handle. They share `struct worker`, under its
 * mutex, and nothing else. The screen never closes while its worker runs: Esc asks it to
 * stop, and closing (the program's end) stops it and joins it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/channel.h"
#include "db/rules/collab.h"
#include "db/workspace.h"
#include "sync/nettimeout.h"
#include "sync/sync.h"
#include "tui/form.h"
#include "tui/screen.h"
#include "tui/screens.h"
#include "tui/wrap.h"

#define SILENCE_SHOWN_S 5 /* a silence this long is shown, counting up to the timeout */

/* A run on its thread, and what it tells the screen. */
struct worker {
	pthread_t thread;
	pthread_mutex_t lock;
	char home[1100], remote[64]; /* set before the thread starts, then only read */
	/* under lock: the worker posts these */
	const char *what;         /* the step running: a literal of sync/ (or "starting") */
	size_t done, total;
	struct timespec heard;    /* its last progress: the silence a timeout counts from */
	bool ended;
	int rc;
	struct sync_stats st;     /* what was done, also when it failed or was stopped */
	char error[600];
	size_t quarantined;       /* lines in quarantine after the run */
	/* under lock: the screen asks this, the progress callback answers it */
	bool stop;
};

enum sync_phase { SYNC_IDLE, SYNC_RUNNING, SYNC_STOPPING, SYNC_DONE, SYNC_FAILED, SYNC_CANCELLED };

struct syncscr {
	json_t *remotes;          /* db_remote_list */
	int sel;
	enum sync_phase phase;
	char remote[64];          /* the one synced last */
	struct worker *w;         /* while a run goes on */
	unsigned timeout_s;       /* IPCASE_NET_TIMEOUT of the run; 0: none */
	bool timed_out;
	const char *what;         /* the progress painted last */
	size_t done, total;
	unsigned silent;          /* seconds without progress, as painted */
	char result[600];         /* the summary, or the error */
	size_t quarantined;
	bool stranded;            /* collaboration requests wait with no remote to carry them */
	char removing[64];        /* the remote the question to remove is about */
};

enum { TAG_REMOVE = 1 };

/* The steps sync_run reports (sync/ speaks English; these are their translations). */
static const char *const steps[] = {
	N_("starting"), N_("committing"), N_("fetching"), N_("receiving"), N_("importing"),
	N_("sending"), N_("packing"), N_("refreshing"),
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
	s->stranded = collab_stranded(tui_db(t)) > 0;
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
	if (sync_read(t, s, e)) {
		free(s);
		return NULL;
	}
	return s;
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

/* On the worker's thread: posts the progress, answers whether to stop. */
static int on_progress(const char *what, size_t done, size_t total, void *arg)
{
	struct worker *w = arg;
	bool stop;

	pthread_mutex_lock(&w->lock);
	w->what = what;
	w->done = done;
	w->total = total;
	clock_gettime(CLOCK_MONOTONIC, &w->heard);
	stop = w->stop;
	pthread_mutex_unlock(&w->lock);
	return stop;
}

/* The worker's thread: its own handle on the workspace (SQLite connections are not shared
 * between threads here), the run, what waits in quarantine, then the result posted. */
static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct sync_stats st = {0};
	ipc_err e = {0}, qe;
	json_t *q = NULL;
	db *d = NULL;
	int rc;

	if (!(rc = db_open(w->home, &d, &e))) {
		rc = sync_run(d, w->remote, &st, on_progress, w, &e);
		q = db_quarantine_list(d, &qe);
		db_close(d);
	}
	pthread_mutex_lock(&w->lock);
	w->ended = true;
	w->rc = rc;
	w->st = st;
	snprintf(w->error, sizeof w->error, "%s", e.msg);
	w->quarantined = json_array_size(q);
	pthread_mutex_unlock(&w->lock);
	json_decref(q);
	return NULL;
}

static void worker_ask_stop(struct worker *w)
{
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_mutex_unlock(&w->lock);
	nettimeout_interrupt(w->thread);
}

static bool worker_ended(struct worker *w)
{
	bool ended;

	pthread_mutex_lock(&w->lock);
	ended = w->ended;
	pthread_mutex_unlock(&w->lock);
	return ended;
}

/* Waits for the worker's thread to end, and frees what it shared. */
static void worker_free(struct worker *w)
{
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

static int sync_go(struct tui *t, struct syncscr *s)
{
	json_t *r = json_array_get(s->remotes, (size_t)s->sel);
	struct worker *w;
	int rc;

	if (!r || s->w)
		return TUI_HANDLED;
	if (!(w = calloc(1, sizeof *w))) {
		tui_error(t, "%s", _("out of memory"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(w->home, sizeof w->home, "%s", db_home(tui_db(t)));
	snprintf(w->remote, sizeof w->remote, "%s", jtext(r, "name"));
	w->what = "starting";
	clock_gettime(CLOCK_MONOTONIC, &w->heard);
	pthread_mutex_init(&w->lock, NULL);
	if ((rc = pthread_create(&w->thread, NULL, worker_main, w)) != 0) {
		pthread_mutex_destroy(&w->lock);
		free(w);
		tui_error(t, _("cannot start the sync: %s"), strerror(rc));
		return TUI_HANDLED | TUI_REDRAW;
	}
	s->w = w;
	snprintf(s->remote, sizeof s->remote, "%s", w->remote);
	s->phase = SYNC_RUNNING;
	s->timeout_s = nettimeout_seconds();
	s->timed_out = false;
	s->what = w->what;
	s->done = s->total = 0;
	s->silent = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

/* Esc while it runs: the worker stops at its next progress or broken read. */
static int sync_cancel(struct syncscr *s)
{
	if (s->phase == SYNC_RUNNING) {
		s->phase = SYNC_STOPPING;
		worker_ask_stop(s->w);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* The worker has ended: its result, and every screen reads again (what was imported before
 * a failure or a cancel stays imported). */
static int sync_end(struct syncscr *s)
{
	struct worker *w = s->w;

	pthread_mutex_lock(&w->lock); /* what it posted last, before it ended */
	s->quarantined = w->quarantined;
	if (!w->rc) {
		s->phase = SYNC_DONE;
		sync_summary(&w->st, s->result, sizeof s->result);
	} else if (s->timed_out) {
		s->phase = SYNC_FAILED;
		nettimeout_message(s->remote, s->timeout_s, s->result, sizeof s->result);
	} else if (w->stop) {
		s->phase = SYNC_CANCELLED;
		sync_summary(&w->st, s->result, sizeof s->result);
	} else {
		s->phase = SYNC_FAILED;
		snprintf(s->result, sizeof s->result, "%s", w->error);
	}
	pthread_mutex_unlock(&w->lock);
	worker_free(w);
	s->w = NULL;
	return TUI_REDRAW | TUI_CHANGED;
}

/* Every tick while it runs: the progress posted (painted when it changed), the silence
 * against the timeout, a stop asked again until the worker ends, and its end. */
static int sync_tick(struct tui *t, void *st)
{
	struct syncscr *s = st;
	struct worker *w = s->w;
	unsigned silent;
	bool ended, changed;

	(void)t;
	if (!w)
		return 0;
	pthread_mutex_lock(&w->lock);
	ended = w->ended;
	/* local work (committing, importing, packing) is never silence, however long */
	silent = w->what && sync_step_network(w->what) ? (unsigned)(ms_since(&w->heard) / 1000) : 0;
	if (!ended && s->phase == SYNC_RUNNING && s->timeout_s && silent >= s->timeout_s) {
		w->stop = s->timed_out = true;
		s->phase = SYNC_STOPPING;
	}
	changed = w->what != s->what || w->done != s->done || w->total != s->total;
	s->what = w->what;
	s->done = w->done;
	s->total = w->total;
	pthread_mutex_unlock(&w->lock);
	if (ended)
		return sync_end(s);
	if (s->phase == SYNC_STOPPING) /* a read that began after the last signal */
		nettimeout_interrupt(w->thread);
	if (silent != s->silent && (silent >= SILENCE_SHOWN_S || s->silent >= SILENCE_SHOWN_S))
		changed = true;
	s->silent = silent;
	return changed ? TUI_REDRAW : 0;
}

static bool sync_busy(void *st)
{
	return ((struct syncscr *)st)->w != NULL;
}

/* The program ends with the worker running: it stops, and is waited for. */
static void sync_close(void *st)
{
	struct syncscr *s = st;
	const struct timespec pause = {0, TUI_BUSY_MS * 1000000L};

	if (s->w) {
		worker_ask_stop(s->w);
		while (!worker_ended(s->w)) {
			nettimeout_interrupt(s->w->thread);
			nanosleep(&pause, NULL);
		}
		worker_free(s->w);
	}
	json_decref(s->remotes);
	free(s);
}
/* ---- removing a remote ---- */

static int sync_remove_ask(struct tui *t, struct syncscr *s)
{
	json_t *r = json_array_get(s->remotes, (size_t)s->sel);
	char q[300];

	if (!r)
		return TUI_HANDLED;
	snprintf(s->removing, sizeof s->removing, "%s", jtext(r, "name"));
	snprintf(q, sizeof q, _("Remove the remote %s? What was synced stays in this workspace"),
		 s->removing);
	return tui_ask(t, TAG_REMOVE, q) | TUI_REDRAW;
}

static int sync_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct syncscr *s = st;
	ipc_err e = {0};

	if (a->tag != TAG_REMOVE || a->kind != TUI_ANSWER_ACCEPT)
		return TUI_HANDLED | TUI_REDRAW;
	if (db_remote_remove(tui_db(t), s->removing, &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, _("Remote %s removed"), s->removing);
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
	case TUI_ACT_NEW:
		return s->w ? TUI_HANDLED : tui_form_remote(t);
	case TUI_ACT_REMOVE:
		return s->w ? TUI_HANDLED : sync_remove_ask(t, s);
	case TUI_ACT_BACK:
		return s->w ? sync_cancel(s) : TUI_HANDLED | TUI_QUIT;
	case TUI_ACT_QUIT: /* never closed with its worker running */
		return s->w ? sync_cancel(s) : 0;
	default:
		return 0;
	}
}

/* ---- drawing ---- */

static int draw_remotes(struct syncscr *s, WINDOW *w, struct tui_rect r, int y)
{
	size_t i;
	json_t *rem;

	if (s->stranded)
		y += wrap_text_draw(w, y, r.x + 2, r.w - 4, 2, _("Collaboration requests cannot go "
								 "out: no remote of the collaboration "
								 "channel is set. a adds one."),
				    theme_attr(TUI_E_WARN)) + 1;
	if (!json_array_size(s->remotes)) {
		y += wrap_text_draw(w, y, r.x + 2, r.w - 4, 2, _("No remote yet: a adds one (its name, "
								 "URL or folder, channel, ssh key)."),
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

/* The step and how far it got; a long silence, counting up to the timeout; how to cancel. */
static void draw_running(struct syncscr *s, WINDOW *w, struct tui_rect r, int y)
{
	char line[800];
	int x = r.x + 2, cols = r.w - 4;

	if (s->phase == SYNC_STOPPING)
		snprintf(line, sizeof line, _("%s: stopping..."), s->remote);
	else if (s->total)
		snprintf(line, sizeof line, _("%s: %s %zu of %zu"), s->remote, step_text(s->what),
			 s->done, s->total);
	else
		snprintf(line, sizeof line, _("%s: %s..."), s->remote, step_text(s->what));
	y += wrap_text_draw(w, y, x, cols, r.y + r.h - y, line, A_BOLD);
	if (s->silent >= SILENCE_SHOWN_S && s->phase == SYNC_RUNNING) {
		if (s->timeout_s)
			snprintf(line, sizeof line, _("no answer for %u s; it gives up after %u s"),
				 s->silent, s->timeout_s);
		else
			snprintf(line, sizeof line, _("no answer for %u s"), s->silent);
		y += wrap_text_draw(w, y, x, cols, r.y + r.h - y, line, theme_attr(TUI_E_WARN));
	}
	if (s->phase == SYNC_RUNNING)
		wrap_text_draw(w, y + 1, x, cols, r.y + r.h - y - 1, _("Esc: cancel (what was "
			       "received until then is kept)"), theme_attr(TUI_E_HINT));
}

static void draw_result(struct syncscr *s, WINDOW *w, struct tui_rect r, int y)
{
	char line[800];
	int x = r.x + 2, cols = r.w - 4, left = r.y + r.h - y;

	switch (s->phase) {
	case SYNC_IDLE:
		if (json_array_size(s->remotes))
			wrap_text_draw(w, y, x, cols, left, _("Enter: sync with the selected remote  "
							      "a: add a remote  Del: remove it"),
				       theme_attr(TUI_E_HINT));
		return;
	case SYNC_RUNNING:
	case SYNC_STOPPING:
		draw_running(s, w, r, y);
		return;
	case SYNC_CANCELLED:
		snprintf(line, sizeof line, _("Sync with %s cancelled; done before:"), s->remote);
		y += wrap_text_draw(w, y, x, cols, left, line, A_BOLD);
		y += wrap_text_draw(w, y, x, cols, r.y + r.h - y, s->result, A_NORMAL);
		y += wrap_text_draw(w, y + 1, x, cols, r.y + r.h - y - 1,
				    _("What was received before the cancel is kept, and nothing was "
				      "half written. Enter: sync again."), A_NORMAL) + 1;
		break;
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
	snprintf(buf, n, "%s", ((struct syncscr *)st)->w ? _("Esc: cancel") : _("Esc: back"));
}

const struct tui_screen_ops tui_sync_screen = {
	.name = "sync",
	.open = sync_open,
	.draw = sync_draw,
	.action = sync_action,
	.answer = sync_answer,
	.reload = sync_reload,
	.busy = sync_busy,
	.tick = sync_tick,
	.status = sync_status,
	.close = sync_close,
};
