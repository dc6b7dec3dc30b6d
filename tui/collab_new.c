/* collab_new — what a case screen starts: "request assistance" (kind menu, office menu,
 * subject and text prompts, then collab_create, which sends it) and "hand off" (office menu,
 * a confirmation, then handoff_send). Each is a screen drawn over the case that draws nothing
 * itself: it only holds the answers of its menus and prompts until the last one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/rules/handoff.h"
#include "db/rules/office.h"
#include "tui/collab.h"

enum { TAG_KIND = 1, TAG_OFFICE, TAG_SUBJECT, TAG_BODY, TAG_CONFIRM };

struct cnew {
	char case_id[37];
	bool handoff;
	char kind[32], to[16];
	char subject[TUI_PROMPT_MAX];
	json_t *offices; /* the office menu's directory */
};

struct cnew_arg {
	const char *case_id;
	bool handoff;
	struct cnew *opened; /* the state, once open */
};

int tui_collab_office_menu(struct tui *t, int tag, json_t **offices)
{
	const char *self = db_self(tui_db(t))->office;
	ipc_err e = {0};
	json_t *all = office_list(tui_db(t), &e), *o, *mine = json_array();
	char **labels = NULL;
	size_t i, n = 0;
	int flags = TUI_HANDLED | TUI_REDRAW;

	if (!all || !mine || !(labels = calloc(json_array_size(all) + 1, sizeof *labels))) {
		tui_error(t, "%s", all ? _("out of memory") : e.msg);
		goto out;
	}
	json_array_foreach(all, i, o) {
		if (!strcmp(jtext(o, "code"), self))
			continue; /* a request goes to another office */
		if (asprintf(&labels[n], "%s %s", jtext(o, "code"),
			     jtext(o, "name")) < 0) {
			labels[n] = NULL;
			tui_error(t, "%s", _("out of memory"));
			goto out;
		}
		if (json_array_append(mine, o)) { /* the menu's choice would name another office */
			free(labels[n]);
			tui_error(t, "%s", _("out of memory"));
			goto out;
		}
		n++;
	}
	flags = tui_menu_open(t, tag, _("To the office"), (const char *const *)labels, (int)n, 0);
	*offices = mine;
	mine = NULL;
out:
	for (i = 0; labels && i < n; i++)
		free(labels[i]);
	free(labels);
	json_decref(mine);
	json_decref(all);
	return flags;
}

static void *cnew_open(struct tui *t, void *arg, ipc_err *e)
{
	struct cnew_arg *a = arg;
	struct cnew *c = calloc(1, sizeof *c);

	(void)t;
	if (!c) {
		err_nomem(e);
		return NULL;
	}
	snprintf(c->case_id, sizeof c->case_id, "%s", a->case_id);
	c->handoff = a->handoff;
	a->opened = c;
	return c;
}

static void cnew_close(void *st)
{
	struct cnew *c = st;

	json_decref(c->offices);
	free(c);
}

static void cnew_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	(void)t, (void)st, (void)w, (void)r; /* the case shows under the menus and prompts */
}

/* Keys between two questions (none is open only when a step failed): Esc leaves. */
static int cnew_action(struct tui *t, void *st, enum tui_action a)
{
	(void)t, (void)st;
	return a == TUI_ACT_BACK || a == TUI_ACT_QUIT ? TUI_HANDLED | TUI_QUIT : TUI_HANDLED;
}

/* What was written, to whom, and whether it goes out: `fmt` (to) when a remote carries it, else
 * `stranded` (to, the key of the sync screen where the collaboration remote is added). */
static int cnew_sent(struct tui *t, const char *to, const char *fmt, const char *stranded)
{
	char keys[64];

	if (collab_stranded(tui_db(t)) > 0) {
		keys_for(TUI_ACT_SYNC, keys, sizeof keys);
		tui_error(t, stranded, to, keys);
	} else {
		tui_message(t, fmt, to);
	}
	return TUI_QUIT | TUI_CHANGED;
}

static int cnew_send(struct tui *t, struct cnew *c, const char *body)
{
	struct collab_draft r = {.kind = c->kind, .to = c->to, .case_id = c->case_id,
				 .subject = c->subject, .body = *body ? body : NULL};
	ipc_err e = {0};
	char id[37];

	if (collab_create(tui_db(t), &r, id, &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_QUIT;
	}
	return cnew_sent(t, c->to, _("Request sent to %s; it goes out with the next sync."),
			 _("Request to %s kept; it cannot go out: no collaboration remote (%s, "
			   "then a)."));
}

static int cnew_handoff(struct tui *t, struct cnew *c)
{
	ipc_err e = {0};
	char id[37];

	if (handoff_send(tui_db(t), c->case_id, c->to, NULL, id, &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_QUIT;
	}
	return cnew_sent(t, c->to, _("Case handed off to %s; it goes out with the next sync."),
			 _("Case handed off to %s; it cannot go out: no collaboration remote (%s, "
			   "then a)."));
}

static const struct enum_value *kind_nth(int index);

static int cnew_office(struct tui *t, struct cnew *c, int index)
{
	char q[256];

	snprintf(c->to, sizeof c->to, "%s",
		 jtext(json_array_get(c->offices, (size_t)index), "code"));
	if (!c->handoff)
		return tui_prompt_open(t, TAG_SUBJECT, _("Subject: "), NULL, false);
	snprintf(q, sizeof q, _("Hand this case off to %s %s?"),
		 c->to, jtext(json_array_get(c->offices, (size_t)index), "name"));
	return tui_ask(t, TAG_CONFIRM, q);
}

static int cnew_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct cnew *c = st;

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_QUIT;
	switch (a->tag) {
	case TAG_KIND:
		if (!kind_nth(a->index))
			return TUI_QUIT;
		snprintf(c->kind, sizeof c->kind, "%s", kind_nth(a->index)->id);
		return tui_collab_office_menu(t, TAG_OFFICE, &c->offices);
	case TAG_OFFICE:
		return cnew_office(t, c, a->index);
	case TAG_SUBJECT:
		if (!*a->text) {
			tui_error(t, "%s", _("A request needs a subject."));
			return TUI_QUIT;
		}
		snprintf(c->subject, sizeof c->subject, "%s", a->text);
		return tui_prompt_open(t, TAG_BODY, _("What is asked (Enter: nothing more): "),
				       NULL, false);
	case TAG_BODY:
		return cnew_send(t, c, a->text);
	case TAG_CONFIRM:
		return cnew_handoff(t, c);
	default:
		return TUI_QUIT;
	}
}

static const struct tui_screen_ops cnew_screen = {
	.name = "collab-new",
	.overlay = true,
	.open = cnew_open,
	.draw = cnew_draw,
	.action = cnew_action,
	.answer = cnew_answer,
	.close = cnew_close,
};

/* The kinds a request from a case may be: all but a case transfer, which is a handoff. The
 * menu's item `index` is the kind kind_nth(index) returns. */
static const struct enum_value *kind_nth(int index)
{
	for (const struct enum_value *v = collab_kinds; v->id; v++)
		if (strcmp(v->id, "case_transfer") && index-- == 0)
			return v;
	return NULL;
}

static int kind_menu(struct tui *t)
{
	const char *labels[16];
	const struct enum_value *v;
	int n = 0;

	while (n < 16 && (v = kind_nth(n)))
		labels[n++] = tui_collab_label(t, collab_kinds, v->id);
	return tui_menu_open(t, TAG_KIND, _("Request assistance: kind"), labels, n, 0);
}

static int cnew_start(struct tui *t, const char *case_id, bool handoff)
{
	struct cnew_arg a = {case_id, handoff, NULL};
	int flags = tui_screen_push(t, &cnew_screen, &a);

	if (!a.opened)
		return flags;
	return flags | (handoff ? tui_collab_office_menu(t, TAG_OFFICE, &a.opened->offices)
				: kind_menu(t));
}

int tui_collab_request(struct tui *t, const char *case_id)
{
	return cnew_start(t, case_id, false);
}

int tui_collab_handoff(struct tui *t, const char *case_id)
{
	return cnew_start(t, case_id, true);
}
