/* form_drafts — at start, the drafts an earlier run left behind (a crash, a closed terminal,
 * a script that ended) are offered back one by one: "Restore the unsaved form …?" Yes reopens
 * the form with what was typed; no asks whether to discard it for good, else it is offered
 * again at the next start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/form.h"
#include "tui/text.h"

enum { DRAFTS_TAG_RESTORE = FORM_TAG_KIND, DRAFTS_TAG_DISCARD };

struct drafts {
	json_t *names;     /* draft names, oldest first */
	size_t i;          /* the one being offered */
	json_t *doc;       /* its content, NULL when it cannot be read */
	char what[512];    /* what it is */
	char err[512];     /* why it cannot be restored */
};

static const char *drafts_name(const struct drafts *ds)
{
	return json_string_value(json_array_get(ds->names, ds->i));
}

/* Asks about draft i: restore it, or (when it cannot be) discard it. */
static int drafts_ask(struct tui *t, struct drafts *ds)
{
	char question[700];
	ipc_err e = {{0}};

	json_decref(ds->doc);
	ds->err[0] = '\0';
	if (!(ds->doc = draft_read(tui_db(t), drafts_name(ds), &e))) {
		snprintf(ds->what, sizeof ds->what, "%s", drafts_name(ds));
		snprintf(ds->err, sizeof ds->err, "%s", e.msg);
		return tui_ask(t, DRAFTS_TAG_DISCARD, _("This draft cannot be opened. Discard it?"));
	}
	form_draft_describe(ds->doc, tui_zh(t), ds->what, sizeof ds->what);
	snprintf(question, sizeof question, _("Restore the unsaved form \"%s\"?"), ds->what);
	return tui_ask(t, DRAFTS_TAG_RESTORE, question);
}

static int drafts_next(struct tui *t, struct drafts *ds)
{
	if (++ds->i >= json_array_size(ds->names))
		return TUI_HANDLED | TUI_REDRAW | TUI_QUIT;
	return drafts_ask(t, ds);
}

static int drafts_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct drafts *ds = st;
	ipc_err e = {{0}};
	int flags;

	switch (a->tag) {
	case DRAFTS_TAG_RESTORE:
		if (a->kind != TUI_ANSWER_ACCEPT)
			return tui_ask(t, DRAFTS_TAG_DISCARD,
				       _("Discard it for good? (no: offered again at the next start)"));
		if ((flags = form_restore(t, drafts_name(ds), ds->doc, &e)) >= 0)
			return flags; /* the form's closing brings the next one */
		snprintf(ds->err, sizeof ds->err, "%s", e.msg);
		return tui_ask(t, DRAFTS_TAG_DISCARD, _("This draft cannot be opened. Discard it?"));
	case DRAFTS_TAG_DISCARD:
		if (a->kind == TUI_ANSWER_ACCEPT && draft_remove(tui_db(t), drafts_name(ds), &e))
			tui_error(t, "%s", e.msg);
		return drafts_next(t, ds);
	case FORM_TAG_CLOSED:
		return drafts_next(t, ds);
	default:
		return TUI_HANDLED;
	}
}

/* A frame in the middle of the screen saying which draft is offered. */
static void drafts_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct drafts *ds = st;
	int bw = r.w - 8 > 72 ? 72 : r.w - 8, bh = ds->err[0] ? 5 : 4;
	int y = r.y + (r.h - bh) / 2, x = r.x + (r.w - bw) / 2;
	char title[128];

	(void)t;
	for (int i = 0; i < bh; i++)
		tui_draw_text(w, y + i, x, bw, "", A_NORMAL);
	theme_box(w, y, x, bh, bw, theme_attr(TUI_E_LABEL));
	snprintf(title, sizeof title, _("Unsaved forms: %zu of %zu"), ds->i + 1,
		 json_array_size(ds->names));
	tui_draw_text(w, y, x + 2, bw - 4, title, theme_attr(TUI_E_TITLE));
	tui_draw_text(w, y + 1, x + 2, bw - 4, ds->what, A_NORMAL);
	tui_draw_text(w, y + 2, x + 2, bw - 4, _("y: reopen it as it was typed   n: not now"),
		      theme_attr(TUI_E_HINT));
	if (ds->err[0])
		tui_draw_text(w, y + 3, x + 2, bw - 4, ds->err, theme_attr(TUI_E_ERROR));
}

static int drafts_action(struct tui *t, void *st, enum tui_action a)
{
	(void)a;
	return drafts_ask(t, st); /* only a question makes sense here: ask again */
}

static void drafts_free(void *st)
{
	struct drafts *ds = st;

	json_decref(ds->names);
	json_decref(ds->doc);
	free(ds);
}

static const struct tui_screen_ops drafts_screen = {
	.name = "drafts",
	.overlay = true,
	.open = form_state_take,
	.draw = drafts_draw,
	.action = drafts_action,
	.answer = drafts_answer,
	.close = drafts_free,
};

int tui_form_drafts(struct tui *t)
{
	struct drafts *ds = calloc(1, sizeof *ds);
	ipc_err e = {{0}};
	bool opened;
	int flags;

	if (!ds || !(ds->names = draft_list(tui_db(t), &e)) || !json_array_size(ds->names)) {
		if (e.msg[0])
			tui_error(t, _("the drafts of unsaved forms cannot be read: %s"), e.msg);
		if (ds)
			drafts_free(ds);
		return 0;
	}
	flags = form_state_push(t, &drafts_screen, ds, drafts_free, &opened);
	return opened ? flags | drafts_ask(t, ds) : flags;
}
