/* intakes — the inbox of complaints and reports (投诉举报): those with an open limit (soonest
 * first, late ones in the overdue colour), then those nothing has been done with; `!` shows
 * every one. Each on two lines: received, channel, kind, subject; then the next limit or what
 * came of it (its case, its outcome). a records a new one, e its outcome, told date or 12345
 * feedback (the record's form), L makes it a clue (the IP type from a menu) and opens the new
 * case, Enter opens its case or its form. The identity of who made it is never drawn here:
 * the inbox is read over shoulders; the form shows it. Read whole on open and reload: an
 * office's open intakes are a few hundred at most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "db/calendar.h"
#include "db/rules/case_terms.h"
#include "db/rules/deadline.h"
#include "db/rules/intake.h"
#include "tui/form.h"
#include "tui/rowlist.h"
#include "tui/screens.h"

enum { TAG_IP_TYPE = 1 };

struct inbox {
	struct rowlist list; /* intake_inbox */
	bool all;            /* the handled ones too */
	char today[11];
	char clue_of[37];    /* the intake a clue is being made of */
};

/* intake_inbox, and today for the colour of a limit. */
static json_t *inbox_read(struct tui *t, void *st, ipc_err *e)
{
	struct inbox *u = st;

	cal_today(u->today);
	return intake_inbox(tui_db(t), u->all, e);
}

static void *inbox_open(struct tui *t, void *arg, ipc_err *e)
{
	static const struct rowlist shape = {.read = inbox_read, .head_lines = 2, .row_lines = 2};

	(void)arg;
	return rowlist_open(t, sizeof(struct inbox), &shape, e);
}

/* The label of enum `id` of the intake's field `name` in the screen's language. */
static const char *intake_label(struct tui *t, const char *name, const char *id)
{
	return schema_enum_label(schema_field(&intake_type, name)->values, id, tui_zh(t));
}

/* The second line: the next limit and its date, else its case, its outcome or "waiting". */
static void inbox_state(struct tui *t, const json_t *row, char *out, size_t n)
{
	if (jstr(row, "due"))
		snprintf(out, n, "%s %s", jtext(row, "due"), deadline_kind_label(jtext(row, "due_kind")));
	else if (jstr(row, "case_id"))
		snprintf(out, n, _("case %s"), jstr(row, "case_no") ? jstr(row, "case_no")
								    : jtext(row, "case_title"));
	else if (jstr(row, "outcome"))
		snprintf(out, n, "%s %s", intake_label(t, "outcome", jstr(row, "outcome")),
			 jtext(row, "outcome_on"));
	else
		snprintf(out, n, "%s", _("waiting: no case, no outcome"));
}

/* "2026-12-01  12345转办    投诉  某商场销售假冒运动鞋"
 * "            2026-12-10 受理投诉并告知投诉人" */
static void inbox_draw_row(struct tui *t, void *st, WINDOW *w, int y, struct tui_rect r,
			   const json_t *row, bool sel)
{
	const struct inbox *u = st;
	const char *due = jstr(row, "due");
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
	attr_t b = due && strcmp(due, u->today) < 0 ? theme_attr(TUI_E_OVERDUE)
		   : due && !strcmp(due, u->today) ? theme_attr(TUI_E_WARN) : theme_attr(TUI_E_HINT);
	char state[512];
	int x = r.x + 1;

	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, 11, jtext(row, "received_on"), a);
	x += 12;
	tui_draw_text(w, y, x, 13, intake_label(t, "channel", jtext(row, "channel")), a);
	x += 14;
	tui_draw_text(w, y, x, 9, intake_label(t, "kind", jtext(row, "kind")), a);
	x += 10;
	tui_draw_text(w, y, x, r.x + r.w - x, jtext(row, "subject"), a);
	inbox_state(t, row, state, sizeof state);
	tui_draw_text(w, y + 1, r.x + 13, r.w - 13, state, b);
}

static void inbox_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct inbox *u = st;
	char line[256];

	snprintf(line, sizeof line, u->all ? _(" Complaints and reports, all: %lld")
					   : _(" Complaints and reports waiting: %lld"),
		 (long long)u->list.pg.total);
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y + 1, r.x, r.w, _(" Received    Channel       Kind      Subject"),
		      theme_attr(TUI_E_HEADER));
	if (!u->list.pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, u->all ? _("No complaint or report "
			      "recorded: a to record one.") : _("Nothing waits: ! shows every one."),
			      A_NORMAL);
		return;
	}
	rowlist_draw_rows(t, st, w, r, inbox_draw_row);
}

/* L: the IP types to choose from; the answer makes the clue. */
static int inbox_clue_menu(struct tui *t, struct inbox *u, const json_t *row)
{
	const char *labels[64];
	int n = 0;

	if (jstr(row, "case_id")) {
		tui_message(t, _("Already linked to case %s"), jstr(row, "case_no") ?
			    jstr(row, "case_no") : jstr(row, "case_id"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(u->clue_of, sizeof u->clue_of, "%s", jtext(row, "id"));
	for (const struct enum_value *v = case_ip_types; v->id && n < 64; v++)
		labels[n++] = tui_zh(t) ? v->zh : _(v->en);
	return tui_menu_open(t, TAG_IP_TYPE, _("Make it a clue of IP type"), labels, n, 0);
}

static int inbox_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct inbox *u = st;
	char case_id[37];
	ipc_err e = {0};

	if (a->tag != TAG_IP_TYPE || a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	if (intake_clue(tui_db(t), u->clue_of, case_ip_types[a->index].id, case_id, &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	rowlist_reload(t, u);
	return tui_screen_push(t, &tui_detail_screen, case_id);
}

static int inbox_action(struct tui *t, void *st, enum tui_action a)
{
	struct inbox *u = st;
	const json_t *row = rowlist_selected(u);

	if (pager_move(&u->list.pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_OPEN:
		if (!row)
			return TUI_HANDLED;
		return jstr(row, "case_id")
			? tui_screen_push(t, &tui_detail_screen, (void *)jstr(row, "case_id"))
			: tui_form_record(t, "intake", jtext(row, "id"), NULL);
	case TUI_ACT_EDIT:
		return row ? tui_form_record(t, "intake", jtext(row, "id"), NULL) : TUI_HANDLED;
	case TUI_ACT_NEW:
		return tui_form_record(t, "intake", NULL, NULL);
	case TUI_ACT_CLUE:
		return row ? inbox_clue_menu(t, u, row) : TUI_HANDLED;
	case TUI_ACT_OVERDUE:
		u->all = !u->all;
		u->list.pg.sel = u->list.pg.top = 0;
		return rowlist_reload(t, u);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

const struct tui_screen_ops tui_intakes_screen = {
	.name = "intakes",
	.hint = N_("a: new  e: outcome/told  L: make a clue  !: all  Enter: case  q: back"),
	.open = inbox_open,
	.draw = inbox_draw,
	.action = inbox_action,
	.answer = inbox_answer,
	.resize = rowlist_resize,
	.reload = rowlist_reload,
	.close = rowlist_close,
};
