/* assign — the assignment of a technical investigator to a case: the ranked suggestions
 * (rank, name, organisation, fields and the reasons of each rank, wrapped; the refused ones
 * last with their conflicts), Enter on one asks the tasks and the due date, then assigns. A
 * recusal refusal is shown with its reason; when no conflict is absolute the officer may
 * assign anyway by writing a reason, which the back end keeps in the history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/rules/assign.h"
#include "db/rules/investigator.h"
#include "db/rules/investigator_rules.h"
#include "db/rules/recusal.h"
#include "db/rules/techfield.h"
#include "db/store.h"
#include "tui/investigator.h"
#include "tui/screens.h"
#include "tui/wrap.h"

enum { TAG_TASKS, TAG_DUE, TAG_OVERRIDE };

#define HEAD_ROWS 2 /* the title, the case's field */

struct assign_screen {
	char case_id[37];
	json_t *kase, *list; /* the case (db_get), recusal_suggest */
	struct wrap lines;
	struct tui_rect r;
	json_t *tasks;       /* the tasks asked, between the prompts */
	char due[16];
	char refusal[2048];  /* why the chosen one was refused, shown above the list */
};

static int rows_of(const struct assign_screen *s)
{
	int rows = s->r.h - HEAD_ROWS;

	return rows > 0 ? rows : 0;
}

static const json_t *chosen(const struct assign_screen *s)
{
	return s->lines.sel >= 0 ? json_array_get(s->list, (size_t)s->lines.sel) : NULL;
}

/* ---- reading and layout ---- */

/* " 1. 赵博  北京理工大学  integrated circuits", its reasons under it. */
static void lay_out(struct tui *t, struct assign_screen *s)
{
	size_t i, k;
	json_t *x, *why;
	char fields[512], head[1200];
	int rank = 0;

	wrap_reset(&s->lines, s->r.w);
	if (s->refusal[0]) {
		wrap_add(&s->lines, 1, s->refusal, TUI_E_ERROR, -1, false);
		wrap_add(&s->lines, 0, "", TUI_E_NORMAL, -1, false);
	}
	json_array_foreach(s->list, i, x) {
		bool ok = json_is_true(json_object_get(x, "eligible"));
		char no[16];
		snprintf(no, sizeof no, "%d.", ++rank);
		snprintf(head, sizeof head, " %s %s  %s  %s", ok ? no : _("refused:"),
			 jtext(x, "name"), jtext(x, "organisation"),
			 investigator_labels(t, json_object_get(x, "fields"), true, fields, sizeof fields));
		wrap_add(&s->lines, 0, head, ok ? TUI_E_LABEL : TUI_E_WARN, (int)i, true);
		json_array_foreach(json_object_get(x, "reasons"), k, why)
			wrap_add(&s->lines, 6, json_string_value(why), ok ? TUI_E_NORMAL : TUI_E_WARN,
				 (int)i, false);
	}
	if (!json_array_size(s->list))
		wrap_add(&s->lines, 2, _("No available investigator in the pool."), TUI_E_HINT, -1,
			 false);
	wrap_select(&s->lines, s->lines.sel, rows_of(s));
}

static int assign_read(struct tui *t, struct assign_screen *s, ipc_err *e)
{
	json_t *kase = db_get(tui_db(t), s->case_id, e), *list;

	if (!kase)
		return -1;
	if (!(list = recusal_suggest(tui_db(t), s->case_id, 0, e))) {
		json_decref(kase);
		return -1;
	}
	json_decref(s->kase);
	json_decref(s->list);
	s->kase = kase;
	s->list = list;
	return 0;
}

/* ---- assigning ---- */

static int ask_tasks(struct tui *t)
{
	return tui_prompt_open(t, TAG_TASKS, _("Tasks (investigate,inquire,inspect,analyse,judge): "),
			       "investigate", false);
}

/* Parses the text typed for a field of the assignment; NULL with the error shown. */
static json_t *parse_field(struct tui *t, const char *name, const char *text)
{
	json_t *v = NULL;
	ipc_err e;

	if (schema_value_parse(schema_field(&assignment_type, name), text, &v, &e)) {
		tui_error(t, "%s", e.msg);
		return NULL;
	}
	return v;
}

/* Why assign_make refused (msg): the conflicts of the chosen one with the case when it has
 * any, the message otherwise. Returns whether every conflict may be overridden. */
static bool refused(struct tui *t, struct assign_screen *s, const char *inv, const char *msg)
{
	ipc_err e;
	json_t *c = recusal_conflicts(tui_db(t), s->case_id, inv, &e), *x;
	char *why = json_array_size(c) ? recusal_reasons_text(c) : NULL;
	size_t i;
	bool ok = why != NULL;

	json_array_foreach(c, i, x)
		ok &= !json_is_true(json_object_get(x, "hard"));
	snprintf(s->refusal, sizeof s->refusal, why ? _("Refused: %s") : "%s", why ? why : msg);
	free(why);
	json_decref(c);
	return ok;
}

static int assign_do(struct tui *t, struct assign_screen *s, const char *override)
{
	const json_t *x = chosen(s);
	const char *inv = jtext(x, "id");
	struct assign_req r = {s->case_id, inv, s->tasks, s->due[0] ? s->due : NULL, override,
			       NULL, NULL};
	char id[37];
	ipc_err e;

	if (!x)
		return TUI_HANDLED | TUI_REDRAW;
	if (assign_make(tui_db(t), &r, id, &e)) {
		bool may = refused(t, s, inv, e.msg);
		lay_out(t, s);
		if (!override && may)
			return tui_prompt_open(t, TAG_OVERRIDE,
					       _("Assign anyway? Write the reason (Esc: do not): "), "",
					       false);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, _("Assigned %s to the case"), jtext(x, "name"));
	return TUI_HANDLED | TUI_QUIT | TUI_CHANGED;
}

static int assign_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct assign_screen *s = st;
	json_t *v;

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	switch (a->tag) {
	case TAG_TASKS:
		if (!(v = parse_field(t, "tasks", a->text)))
			return TUI_HANDLED | TUI_REDRAW;
		json_decref(s->tasks);
		s->tasks = v;
		return tui_prompt_open(t, TAG_DUE, _("Due date (YYYY-MM-DD, empty: none): "), "",
				       false);
	case TAG_DUE:
		s->due[0] = '\0';
		if (*a->text) {
			if (!(v = parse_field(t, "due", a->text)))
				return TUI_HANDLED | TUI_REDRAW;
			snprintf(s->due, sizeof s->due, "%s", json_string_value(v));
			json_decref(v);
		}
		return assign_do(t, s, NULL);
	default:
		if (!*a->text) {
			tui_error(t, "%s", _("An override needs a written reason: not assigned."));
			return TUI_HANDLED | TUI_REDRAW;
		}
		return assign_do(t, s, a->text);
	}
}

/* ---- the screen ---- */

static void *assign_open(struct tui *t, void *arg, ipc_err *e)
{
	struct assign_screen *s = calloc(1, sizeof *s);

	if (!s) {
		err_nomem(e);
		return NULL;
	}
	snprintf(s->case_id, sizeof s->case_id, "%s", (const char *)arg);
	s->lines.sel = 0;
	if (assign_read(t, s, e)) {
		free(s);
		return NULL;
	}
	return s;
}

static void assign_close(void *st)
{
	struct assign_screen *s = st;

	json_decref(s->kase);
	json_decref(s->list);
	json_decref(s->tasks);
	wrap_free(&s->lines);
	free(s);
}

static void assign_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct assign_screen *s = st;
	const char *field = jtext(s->kase, "tech_field");
	char line[1200], label[128];

	snprintf(line, sizeof line, _(" Assign a technical investigator: %s"),
		 jtext(s->kase, "title"));
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	if (*field)
		techfield_label(tui_db(t), field, tui_zh(t), label, sizeof label);
	else
		snprintf(label, sizeof label, "%s", _("not set (ipcase case set ID tech_field=…)"));
	snprintf(line, sizeof line, _(" Technical field of the case: %s   (Enter: assign)"), label);
	tui_draw_text(w, r.y + 1, r.x, r.w, line, A_NORMAL);
	wrap_draw(&s->lines, w, (struct tui_rect){r.y + HEAD_ROWS, r.x, rows_of(s), r.w});
}

static int assign_action(struct tui *t, void *st, enum tui_action a)
{
	struct assign_screen *s = st;
	switch (a) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
		wrap_select(&s->lines, s->lines.sel + (a == TUI_ACT_UP ? -1 : 1), rows_of(s));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_PAGE_UP:
	case TUI_ACT_PAGE_DOWN:
		wrap_scroll(&s->lines, a == TUI_ACT_PAGE_UP ? -rows_of(s) : rows_of(s), rows_of(s));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_OPEN:
		if (!chosen(s))
			return TUI_HANDLED;
		s->refusal[0] = '\0';
		lay_out(t, s);
		return ask_tasks(t);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int assign_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct assign_screen *s = st;

	s->r = r;
	lay_out(t, s);
	return TUI_REDRAW;
}

static int assign_reload(struct tui *t, void *st)
{
	struct assign_screen *s = st;
	ipc_err e;

	if (assign_read(t, s, &e))
		tui_error(t, "%s", e.msg);
	lay_out(t, s);
	return TUI_REDRAW;
}

const struct tui_screen_ops tui_assign_screen = {
	.name = "assign",
	.open = assign_open,
	.draw = assign_draw,
	.action = assign_action,
	.answer = assign_answer,
	.resize = assign_resize,
	.reload = assign_reload,
	.close = assign_close,
};
