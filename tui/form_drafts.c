/* form_drafts — the drafts of forms: every change of a form kept at once (tui/draft.h), and
 * at start the drafts an earlier run left behind (a crash, a closed terminal, a script that
 * ended) offered back one by one: "Restore the unsaved form …?" Yes reopens the form with
 * what was typed; no asks whether to discard it for good, else it is offered again at the
 * next start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"
#include "db/rules/case_terms.h"
#include "db/store.h"
#include "tui/form.h"
#include "tui/screens.h"

/* ---- keeping ---- */

/* The draft of a form about an existing record keeps only the texts changed: restored after
 * a colleague's change to other fields, it must not write the old values back. A new
 * record's keeps them all (its defaults, such as the time of a capture, are what was meant). */
static json_t *form_draft_doc(struct form *fm)
{
	json_t *texts = json_object();

	for (size_t i = 0; i < fm->n; i++) {
		struct form_item *it = &fm->items[i];
		json_t *v;
		if (it->readonly || it->press || (fm->id[0] && !form_item_changed(it)))
			continue;
		/* a text cut inside a character is left out, as before; one that cannot be kept
		 * for want of memory fails the draft */
		if ((v = json_string(it->text)) && json_object_set_new(texts, it->key, v)) {
			json_decref(texts);
			return NULL;
		}
	}
	return json_pack("{s:i, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:o}", "v", 1, "form",
			 fm->kind->name, "type", fm->type ? fm->type->name : NULL, "id",
			 fm->id[0] ? fm->id : NULL, "case", fm->case_id[0] ? fm->case_id : NULL,
			 "link", fm->link[0] ? fm->link : NULL, "step", fm->step[0] ? fm->step : NULL,
			 "texts", texts);
}

void form_draft_keep(struct tui *t, struct form *fm)
{
	ipc_err e = {0};
	json_t *doc;

	if (!fm->kind->name)
		return;
	if (!fm->draft[0])
		draft_name_new(fm->draft);
	if (!(doc = form_draft_doc(fm)) || draft_write(tui_db(t), fm->draft, doc, &e))
		tui_error(t, _("what you type is not kept as a draft: %s"),
			  doc ? e.msg : _("out of memory"));
	json_decref(doc);
}

void form_draft_drop(struct tui *t, struct form *fm)
{
	ipc_err e = {0};

	if (fm->draft[0] && draft_remove(tui_db(t), fm->draft, &e))
		tui_error(t, "%s", e.msg);
	fm->draft[0] = '\0';
}

/* ---- restoring ---- */

static const struct form_kind *const restorable[] = {
	&form_record_kind, &form_attach_kind, &form_capture_kind, &form_clue_kind,
	&form_status_kind, &form_police_kind,
};

static const struct form_kind *kind_named(const char *name)
{
	for (size_t i = 0; name && i < sizeof restorable / sizeof restorable[0]; i++)
		if (!strcmp(restorable[i]->name, name))
			return restorable[i];
	return NULL;
}

/* Reopens a draft as the form it was. Returns handler flags, or -1 with e filled. */
static int draft_restore(struct tui *t, const char *name, const json_t *doc, ipc_err *e)
{
	struct form_spec s = {
		.kind = kind_named(jstr(doc, "form")), .type = jstr(doc, "type"),
		.id = jstr(doc, "id"), .case_id = jstr(doc, "case"),
		.link = jstr(doc, "link"), .step = jstr(doc, "step"),
		.notify_close = true, .draft = name, .texts = json_object_get(doc, "texts"),
	};

	if (!s.kind || !json_is_object(s.texts) || (s.type && !schema_type(s.type)))
		return err_set(e, "%s", _("the draft is not one this version of ipcase can open"));
	return form_try_open(t, &s, e);
}

/* What names a record: the first of these it has. */
static const char *naming(const json_t *o)
{
	static const char *const keys[] = {"title", "name", "place_name", "description"};
	const char *s = NULL;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0] && (!s || !*s); i++)
		s = jstr(o, keys[i]);
	return s && *s ? s : NULL;
}

/* One line saying what a draft is: "New case: 耐克运动鞋…", "Next step of a case: filed:
 * 耐克运动鞋…". A draft about a record is named by the record as it is now. */
static void draft_describe(struct tui *t, const json_t *doc, char *out, size_t n)
{
	const struct rtype *type = schema_type(jstr(doc, "type") ?: "");
	const char *form = jstr(doc, "form") ?: "", *id = jstr(doc, "id"), *name;
	json_t *texts = json_object_get(doc, "texts"), *rec = id ? db_get(tui_db(t), id, NULL) : NULL;
	bool zh = tui_zh(t);
	size_t len;

	if (!strcmp(form, "capture"))
		snprintf(out, n, "%s", _("Quick capture"));
	else if (!strcmp(form, "status"))
		snprintf(out, n, _("Next step of a case: %s"),
			 schema_enum_label(case_statuses, jstr(doc, "step") ?: "", zh));
	else if (!strcmp(form, "clue"))
		snprintf(out, n, "%s", _("New clue"));
	else if (type)
		form_type_title(type, zh, !id, out, n);
	else
		snprintf(out, n, "?");
	len = strlen(out);
	if ((name = rec ? naming(rec) : naming(texts)) && len < n)
		snprintf(out + len, n - len, ": %s", name);
	json_decref(rec);
}

/* ---- the offer at start ---- */

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
	ipc_err e = {0};

	json_decref(ds->doc);
	ds->err[0] = '\0';
	if (!(ds->doc = draft_read(tui_db(t), drafts_name(ds), &e))) {
		snprintf(ds->what, sizeof ds->what, "%s", drafts_name(ds));
		snprintf(ds->err, sizeof ds->err, "%s", e.msg);
		return tui_ask(t, DRAFTS_TAG_DISCARD, _("This draft cannot be opened. Discard it?"));
	}
	draft_describe(t, ds->doc, ds->what, sizeof ds->what);
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
	ipc_err e = {0};
	int flags;

	switch (a->tag) {
	case DRAFTS_TAG_RESTORE:
		if (a->kind != TUI_ANSWER_ACCEPT)
			return tui_ask(t, DRAFTS_TAG_DISCARD,
				       _("Discard it for good? (no: offered again at the next start)"));
		if ((flags = draft_restore(t, drafts_name(ds), ds->doc, &e)) >= 0)
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
	ipc_err e = {0};
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
