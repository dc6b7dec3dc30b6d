/* collab_view — one request: who asked what of whom, its status and due date, what the
 * sender shared, and its thread (every step and reply: when, office and officer, text, and
 * each attached file with its SHA-256 and whether the file here matches it). The steps this
 * office may take now (db/rules/collab_rules decides) are offered in a menu (Enter or s): accept,
 * decline with a reason, reply or answer with text and optionally evidence of the linked case,
 * close, check the files. Opening it as the receiving office acknowledges receipt. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/store.h"
#include "tui/collab.h"
#include "tui/screens.h"
#include "tui/wrap.h"

enum { TAG_STEP = 1, TAG_REASON, TAG_TEXT, TAG_EVIDENCE, TAG_CLOSE };

struct cview {
	char id[37];
	json_t *req;            /* collab_get */
	json_t *evidence;       /* the linked case's evidence while its menu is open */
	const char *offered[8]; /* the steps of the open menu */
	bool answering;         /* the text prompt is for an answer, not a reply */
	char text[TUI_PROMPT_MAX];
	struct wrap lines;      /* the request laid out, no items */
	int height, width;
};

/* What the menu offers: a step of db/rules/collab_rules (or "verify") and its label. */
static const struct {
	const char *action, *label;
} steps[] = {
	{"accept", N_("Accept")},
	{"decline", N_("Decline (give the reason)")},
	{"reply", N_("Reply (text and evidence)")},
	{"answer", N_("Answer (text and evidence)")},
	{"close", N_("Close")},
	{"verify", N_("Check the attached files")},
};

#define NSTEPS (sizeof steps / sizeof steps[0])

/* ---- layout ---- */

/* Adds s wrapped to the width, after `indent` columns. */
static void add(struct cview *v, int indent, enum tui_elem elem, const char *s)
{
	wrap_add(&v->lines, indent, s, elem, -1, false);
}

static void addf(struct cview *v, int indent, enum tui_elem elem, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void addf(struct cview *v, int indent, enum tui_elem elem, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	add(v, indent, elem, buf);
}

static const char *file_check(const json_t *step)
{
	const char *state = jtext(step, "verified");

	return !strcmp(state, "ok") ? _("the file checks")
	       : !strcmp(state, "mismatch") ? _("THE FILE DOES NOT MATCH") : _("the file is missing");
}

static void lay_out_step(struct tui *t, struct cview *v, const json_t *s)
{
	const char *action = jtext(s, "action");

	addf(v, 1, TUI_E_LABEL, "%s  %s %s  %s", jtext(s, "time"), jtext(s, "office"), jtext(s, "officer"),
	     tui_collab_label(t, collab_actions, action));
	if (*jtext(s, "text"))
		add(v, 4, TUI_E_NORMAL, jtext(s, "text"));
	if (*jtext(s, "description"))
		add(v, 4, TUI_E_NORMAL, jtext(s, "description"));
	if (*jtext(s, "file_sha256")) {
		addf(v, 4, TUI_E_NORMAL, "%s  %s", jtext(s, "file_name"), file_check(s));
		addf(v, 4, strcmp(jtext(s, "verified"), "ok") ? TUI_E_ERROR : TUI_E_NORMAL,
		     "SHA-256 %s", jtext(s, "file_sha256"));
	}
}

static void lay_out(struct tui *t, struct cview *v)
{
	const json_t *r = v->req, *s, *lc = json_object_get(r, "local_case"),
		     *h = json_object_get(r, "handoff");
	size_t i;

	wrap_reset(&v->lines, v->width);
	addf(v, 0, TUI_E_TITLE, " %s · %s", tui_collab_label(t, collab_kinds, jtext(r, "kind")),
	     jtext(r, "subject"));
	addf(v, 1, TUI_E_NORMAL, _("From %s %s%s to %s %s%s"), jtext(r, "from"), jtext(r, "from_name"),
	     json_is_true(json_object_get(r, "from_verified")) ? "" : _(" (unverified)"),
	     jtext(r, "to"), jtext(r, "to_name"),
	     json_is_true(json_object_get(r, "to_verified")) ? "" : _(" (unverified)"));
	addf(v, 1, json_is_true(json_object_get(r, "overdue")) ? TUI_E_OVERDUE : TUI_E_NORMAL,
	     _("Status: %s   Answer due: %s"),
	     tui_collab_label(t, collab_statuses, jtext(r, "status")), jtext(r, "due"));
	if (json_is_object(lc))
		addf(v, 1, TUI_E_NORMAL, _("Case here: %s"), jtext(lc, "title"));
	if (json_is_object(h))
		add(v, 1, TUI_E_NORMAL, json_is_true(json_object_get(h, "readable"))
		    ? _("Handoff: its sealed part is readable here")
		    : _("Handoff: its sealed part is not for this office"));
	if (*jtext(r, "body"))
		add(v, 1, TUI_E_NORMAL, jtext(r, "body"));
	if (*jtext(r, "summary")) {
		add(v, 0, TUI_E_HEADER, _(" Shared from the case"));
		add(v, 1, TUI_E_NORMAL, jtext(r, "summary"));
	}
	add(v, 0, TUI_E_HEADER, _(" Thread"));
	json_array_foreach(json_object_get(r, "thread"), i, s)
		lay_out_step(t, v, s);
}

/* ---- reading ---- */

static int view_load(struct tui *t, struct cview *v, ipc_err *e)
{
	json_t *r = collab_get(tui_db(t), v->id, e);

	if (!r)
		return -1;
	json_decref(v->req);
	v->req = r;
	lay_out(t, v);
	return 0;
}

static void view_close(void *st)
{
	struct cview *v = st;

	wrap_free(&v->lines);
	json_decref(v->req);
	json_decref(v->evidence);
	free(v);
}

static void *view_open(struct tui *t, void *arg, ipc_err *e)
{
	struct cview *v = calloc(1, sizeof *v);

	if (!v) {
		err_nomem(e);
		return NULL;
	}
	snprintf(v->id, sizeof v->id, "%s", (const char *)arg);
	v->width = 80;
	if (collab_receive(tui_db(t), v->id, e) || view_load(t, v, e)) {
		view_close(v);
		return NULL;
	}
	return v;
}

static int view_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (view_load(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static int view_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct cview *v = st;

	v->height = r.h;
	v->width = r.w;
	lay_out(t, v);
	return TUI_REDRAW;
}

static void view_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct cview *v = st;

	(void)t;
	wrap_draw(&v->lines, w, r);
}

/* ---- the steps ---- */

static int role(const struct cview *v)
{
	const char *box = jtext(v->req, "box");

	return !strcmp(box, "out") ? COLLAB_SENDER : !strcmp(box, "in") ? COLLAB_RECEIVER
									: COLLAB_NONE;
}

static bool offered(const struct cview *v, const char *action)
{
	if (!strcmp(action, "verify"))
		return json_array_size(json_object_get(v->req, "attachments")) > 0;
	return collab_transition(jtext(v->req, "status"), action, role(v)) != NULL;
}

static int steps_menu(struct tui *t, struct cview *v)
{
	const char *labels[NSTEPS];
	int n = 0;

	for (size_t i = 0; i < NSTEPS; i++)
		if (offered(v, steps[i].action)) {
			v->offered[n] = steps[i].action;
			labels[n++] = _(steps[i].label);
		}
	if (!n) {
		tui_message(t, "%s", _("Nothing this office can do on this request now."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	return tui_menu_open(t, TAG_STEP, _("Step"), labels, n, 0);
}

/* After a step: the message, everything read again. */
static int done(struct tui *t, int rc, const ipc_err *e, const char *what)
{
	if (rc < 0) {
		tui_error(t, "%s", e->msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, "%s", what);
	return TUI_HANDLED | TUI_CHANGED;
}

static int verify(struct tui *t, struct cview *v)
{
	ipc_err e = {0};
	json_t *files = NULL;
	int bad = collab_verify(tui_db(t), v->id, &files, &e);

	json_decref(files);
	if (bad < 0) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (bad)
		tui_error(t, _("%d attached files are missing or do not match their SHA-256."), bad);
	else
		tui_message(t, "%s", _("Every attached file matches its SHA-256."));
	return TUI_HANDLED | TUI_CHANGED;
}

static int step_start(struct tui *t, struct cview *v, const char *action)
{
	ipc_err e = {0};
	char new_case[37] = "";

	if (!strcmp(action, "accept"))
		return done(t, collab_accept(tui_db(t), v->id, new_case, &e), &e,
			    *new_case ? _("Accepted: the case is now a case of this office.")
				      : _("Accepted."));
	if (!strcmp(action, "decline"))
		return tui_prompt_open(t, TAG_REASON, _("Reason to decline: "), NULL, false);
	if (!strcmp(action, "close"))
		return tui_ask(t, TAG_CLOSE, _("Close this request?"));
	if (!strcmp(action, "verify"))
		return verify(t, v);
	v->answering = !strcmp(action, "answer");
	return tui_prompt_open(t, TAG_TEXT, v->answering ? _("Answer: ") : _("Reply: "), NULL,
			       false);
}

static int send_reply(struct tui *t, struct cview *v, const char *evidence_id)
{
	struct collab_attachment att = {.evidence_id = evidence_id};
	ipc_err e = {0};
	int rc = collab_reply(tui_db(t), v->id, v->text, &att, evidence_id ? 1 : 0, v->answering,
			      &e);

	return done(t, rc, &e, v->answering ? _("Answer sent.") : _("Reply sent."));
}

/* The reply's text is in: evidence of the linked case to attach, if it has any. */
static int evidence_menu(struct tui *t, struct cview *v, const char *text)
{
	const json_t *lc = json_object_get(v->req, "local_case"), *ev;
	const char **labels;
	ipc_err e = {0};
	size_t i, n = 0;
	int flags;

	snprintf(v->text, sizeof v->text, "%s", text);
	json_decref(v->evidence);
	v->evidence = json_is_object(lc) ? db_children(tui_db(t), "evidence", jtext(lc, "id"), &e)
					 : NULL;
	for (i = json_array_size(v->evidence); i-- > 0;)
		if (json_is_true(json_object_get(json_array_get(v->evidence, i), "deleted")))
			json_array_remove(v->evidence, i);
	if (!json_array_size(v->evidence))
		return send_reply(t, v, NULL);
	if (!(labels = calloc(json_array_size(v->evidence) + 1, sizeof *labels))) {
		tui_error(t, "%s", _("out of memory")); /* not sent: the reply without its evidence */
		return TUI_HANDLED | TUI_REDRAW;
	}
	labels[n++] = _("(no evidence)");
	json_array_foreach(v->evidence, i, ev)
		labels[n++] = jtext(ev, "description");
	flags = tui_menu_open(t, TAG_EVIDENCE, _("Attach evidence"), labels, (int)n, 0);
	free(labels);
	return flags;
}

static int view_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct cview *v = st;
	ipc_err e = {0};

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	switch (a->tag) {
	case TAG_STEP:
		return step_start(t, v, v->offered[a->index]);
	case TAG_REASON:
		return done(t, collab_decline(tui_db(t), v->id, a->text, &e), &e, _("Declined."));
	case TAG_CLOSE:
		return done(t, collab_close(tui_db(t), v->id, NULL, &e), &e, _("Closed."));
	case TAG_TEXT:
		return evidence_menu(t, v, a->text);
	case TAG_EVIDENCE:
		return send_reply(t, v, a->index > 0 ? jtext(json_array_get(v->evidence,
					(size_t)a->index - 1), "id") : NULL);
	default:
		return TUI_REDRAW;
	}
}

/* ---- keys ---- */

static int view_scroll(struct cview *v, int to)
{
	wrap_scroll(&v->lines, to - v->lines.top, v->height);
	return TUI_HANDLED | TUI_REDRAW;
}

static int view_action(struct tui *t, void *st, enum tui_action a)
{
	struct cview *v = st;

	switch (a) {
	case TUI_ACT_UP:
		return view_scroll(v, v->lines.top - 1);
	case TUI_ACT_DOWN:
		return view_scroll(v, v->lines.top + 1);
	case TUI_ACT_PAGE_UP:
		return view_scroll(v, v->lines.top - v->height);
	case TUI_ACT_PAGE_DOWN:
		return view_scroll(v, v->lines.top + v->height);
	case TUI_ACT_FIRST:
		return view_scroll(v, 0);
	case TUI_ACT_LAST:
		return view_scroll(v, (int)v->lines.n);
	case TUI_ACT_OPEN:
	case TUI_ACT_STATUS:
		return steps_menu(t, v);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static void view_status(struct tui *t, void *st, char *buf, size_t n)
{
	(void)t, (void)st;
	snprintf(buf, n, "%s", _("Enter: a step  Esc: back"));
}

const struct tui_screen_ops tui_collab_view_screen = {
	.name = "collab-request",
	.open = view_open,
	.draw = view_draw,
	.action = view_action,
	.answer = view_answer,
	.resize = view_resize,
	.reload = view_reload,
	.status = view_status,
	.close = view_close,
};
