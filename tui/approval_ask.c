/* approval_ask — what a screen starts on an approval: asking (a menu of the steps, then the
 * reason) and answering (the opinion, then approval_answer). Each is a screen drawn over the
 * one that started it that draws nothing itself: it holds the answers of its menu and prompt
 * until the write. */
#include <stdio.h>
#include <stdlib.h>

#include "db/rules/approval.h"
#include "tui/approval.h"

enum { TAG_STEP = 1, TAG_REASON, TAG_OPINION };

struct aseq {
	char id[37];  /* the case (ask) or the approval (answer) */
	bool approve; /* answering: approve or refuse */
	const char *step;
	bool opened;  /* set in the caller's copy once the screen is open */
};

static int nsteps(void)
{
	int n = 0;

	while (approval_steps[n].id)
		n++;
	return n;
}

const char *tui_approval_step(const struct tui *t, const char *step)
{
	const struct enum_value *v = schema_enum_find(approval_steps, step ? step : "");

	return !v ? (step ? step : "") : tui_zh(t) ? v->zh : _(v->en);
}

static void *aseq_open(struct tui *t, void *arg, ipc_err *e)
{
	struct aseq *s = calloc(1, sizeof *s);

	(void)t;
	if (!s) {
		err_nomem(e);
		return NULL;
	}
	*s = *(struct aseq *)arg;
	((struct aseq *)arg)->opened = true;
	return s;
}

static void aseq_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	(void)t, (void)st, (void)w, (void)r; /* the screen below shows under the menu and prompt */
}

/* Keys between two questions (none is open only when a step failed): Esc leaves. */
static int aseq_action(struct tui *t, void *st, enum tui_action a)
{
	(void)t, (void)st;
	return a == TUI_ACT_BACK || a == TUI_ACT_QUIT ? TUI_HANDLED | TUI_QUIT : TUI_HANDLED;
}

static int aseq_asked(struct tui *t, struct aseq *s, const char *reason)
{
	ipc_err e = {0};
	char id[37];

	if (approval_ask(tui_db(t), s->id, s->step, reason, id, &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_QUIT;
	}
	tui_message(t, _("Approval of %s asked; the approver sees it once synced."),
		    tui_approval_step(t, s->step));
	return TUI_QUIT | TUI_CHANGED;
}

static int aseq_answered(struct tui *t, struct aseq *s, const char *opinion)
{
	ipc_err e = {0};

	if (approval_answer(tui_db(t), s->id, s->approve, opinion, &e)) {
		tui_error(t, "%s", e.msg);
		return TUI_QUIT;
	}
	tui_message(t, "%s", s->approve ? _("Approved.") : _("Refused."));
	return TUI_QUIT | TUI_CHANGED;
}

static int aseq_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct aseq *s = st;

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_QUIT;
	switch (a->tag) {
	case TAG_STEP:
		if (a->index < 0 || a->index >= nsteps())
			return TUI_QUIT;
		s->step = approval_steps[a->index].id;
		return tui_prompt_open(t, TAG_REASON, _("Reason for asking (Enter: none): "), NULL,
				       false);
	case TAG_REASON:
		return aseq_asked(t, s, a->text);
	case TAG_OPINION:
		return aseq_answered(t, s, a->text);
	default:
		return TUI_QUIT;
	}
}

static const struct tui_screen_ops aseq_screen = {
	.name = "approval-ask",
	.overlay = true,
	.open = aseq_open,
	.draw = aseq_draw,
	.action = aseq_action,
	.answer = aseq_answer,
	.close = free,
};

/* Pushes the sequence; true when it opened (the push's flags in *flags). */
static bool aseq_start(struct tui *t, struct aseq *s, int *flags)
{
	*flags = tui_screen_push(t, &aseq_screen, s);
	return s->opened;
}

int tui_approval_ask(struct tui *t, const char *case_id)
{
	struct aseq s = {0};
	const char *labels[32];
	int n = nsteps(), flags;

	snprintf(s.id, sizeof s.id, "%s", case_id);
	if (!aseq_start(t, &s, &flags))
		return flags;
	for (int i = 0; i < n && i < 32; i++)
		labels[i] = tui_approval_step(t, approval_steps[i].id);
	return flags | tui_menu_open(t, TAG_STEP, _("Ask for the approval of"), labels,
				     n < 32 ? n : 32, 0);
}

int tui_approval_answer(struct tui *t, const char *id, bool approve)
{
	struct aseq s = {.approve = approve};
	int flags;

	snprintf(s.id, sizeof s.id, "%s", id);
	if (!aseq_start(t, &s, &flags))
		return flags;
	return flags | tui_prompt_open(t, TAG_OPINION, approve
				       ? _("Approve. Opinion (Enter: none): ")
				       : _("Refuse. Opinion (the reason, required): "), NULL, false);
}
