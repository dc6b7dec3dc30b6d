/* documents — the documents of a case (issue 15), the screen of `ipcase doc list`: each kind
 * with whether it is ready, what it lacks, why it cannot be made or that it is not for this
 * stage, and the issues made of it. Enter makes the selected one as PDF (w as DOCX), says
 * where it went and opens it with xdg-open when a display exists; on a kind that lacks data,
 * Enter or e opens the form that fills the first thing missing. Read whole on open and
 * reload: a case has sixteen kinds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "db/caseview.h"
#include "db/rules/docissue.h"
#include "db/rules/document.h"
#include "db/store.h"
#include "tui/collab.h"
#include "tui/form.h"
#include "tui/opener.h"
#include "tui/pager.h"
#include "tui/screens.h"
#include "tui/wrap.h"

#define HEAD_LINES 2 /* the title, the column heads */
#define FOOT_LINES 4 /* a rule, the selected kind's state in full, its last two issues */
#define TITLE_COLS 24
#define ISSUED_COLS 14

struct docs {
	char case_id[37];
	char name[600];      /* the case as the title names it: its number, else its title */
	json_t *list;        /* docissue_list */
	struct tui_pager pg; /* over list, all read */
};

static int docs_load(struct tui *t, struct docs *s, ipc_err *e)
{
	json_t *list = docissue_list(tui_db(t), s->case_id, e), *c;

	if (!list)
		return -1;
	if (!(c = db_get(tui_db(t), s->case_id, e))) {
		json_decref(list);
		return -1;
	}
	snprintf(s->name, sizeof s->name, "%s", jstr(c, "case_no") ?: jtext(c, "title"));
	json_decref(c);
	json_decref(s->list);
	s->list = list;
	s->pg.total = (int64_t)json_array_size(list);
	pager_clamp(&s->pg);
	return 0;
}

static void docs_close(void *st)
{
	struct docs *s = st;

	json_decref(s->list);
	free(s);
}

static void *docs_open(struct tui *t, void *arg, ipc_err *e)
{
	struct docs *s = calloc(1, sizeof *s);

	if (!s) {
		err_nomem(e);
		return NULL;
	}
	snprintf(s->case_id, sizeof s->case_id, "%s", (const char *)arg);
	if (docs_load(t, s, e)) {
		docs_close(s);
		return NULL;
	}
	return s;
}

static int docs_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (docs_load(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static const json_t *docs_selected(const struct docs *s)
{
	return json_array_get(s->list, (size_t)s->pg.sel);
}

static bool kind_ready(const json_t *k)
{
	return json_is_true(json_object_get(k, "fits")) && !jstr(k, "problem")
	       && !json_array_size(json_object_get(k, "missing"));
}

/* A name a template lacks, taken apart: "case.facts", "items", "items[2].place", "ev.kind". */
struct lack {
	const struct rtype *rt; /* the record type it belongs to, NULL for none */
	const struct field *f;  /* its field, NULL for a whole list or no field */
	size_t nth;             /* of a list's records, from 1; 0 for none */
	const char *field;      /* the name after the dot, NULL for none */
};

static void lack_parse(const char *name, struct lack *l)
{
	size_t len = strcspn(name, ".[");
	char head[32], *end;

	*l = (struct lack){0};
	snprintf(head, sizeof head, "%.*s", (int)len, name);
	if (name[len] == '[' && (l->nth = strtoul(name + len + 1, &end, 10)) && *end == ']'
	    && end[1] == '.')
		l->field = end + 2;
	else if (name[len] == '.')
		l->field = name + len + 1;
	l->rt = schema_type(!strcmp(head, "ev") ? "evidence" : !strcmp(head, "items") ? "item"
			    : head);
	l->f = l->rt && l->field ? schema_field(l->rt, l->field) : NULL;
}

/* A name a template lacks as the officer knows it: the field's label in the interface's
 * language ("违法事实"), after its record's for a record other than the case ("当事人法定代表人",
 * "item 2 kept at"); the name itself when no field is it (items, office.phone). */
static void missing_label(struct tui *t, const char *name, char *buf, size_t n)
{
	struct lack l;
	bool zh = tui_zh(t);

	lack_parse(name, &l);
	if (!l.f)
		snprintf(buf, n, "%s", name);
	else if (!strcmp(l.rt->name, "case"))
		snprintf(buf, n, "%s", zh ? l.f->zh : l.f->en);
	else if (l.nth)
		snprintf(buf, n, zh ? "%s%zu%s" : "%s %zu %s", zh ? l.rt->zh : l.rt->en, l.nth,
			 zh ? l.f->zh : l.f->en);
	else
		snprintf(buf, n, zh ? "%s%s" : "%s %s", zh ? l.rt->zh : l.rt->en,
			 zh ? l.f->zh : l.f->en);
}

/* What a kind's line says of it: "ready", "lacks: facts found, handlers", the problem, or "not
 * at this stage" (as `doc list`). */
static void kind_state(struct tui *t, const json_t *k, char *buf, size_t n)
{
	const json_t *missing = json_object_get(k, "missing");
	char label[300];
	size_t i, len;
	json_t *v;

	if (!json_is_true(json_object_get(k, "fits"))) {
		snprintf(buf, n, "%s", _("not at this stage"));
	} else if (jstr(k, "problem")) {
		snprintf(buf, n, "%s", jstr(k, "problem"));
	} else if (json_array_size(missing)) {
		len = (size_t)snprintf(buf, n, "%s", _("lacks: "));
		json_array_foreach(missing, i, v) {
			missing_label(t, json_string_value(v), label, sizeof label);
			if (len < n)
				len += (size_t)snprintf(buf + len, n - len, "%s%s",
							i ? _(", ") : "", label);
		}
	} else {
		snprintf(buf, n, "%s", _("ready"));
	}
}

/* "2026-12-04 ×2": the last issue's date and how many were made; "" for none. */
static void kind_issued(const json_t *k, char *buf, size_t n)
{
	const json_t *issued = json_object_get(k, "issued");
	size_t count = json_array_size(issued);

	buf[0] = '\0';
	if (count)
		snprintf(buf, n, count > 1 ? "%s ×%zu" : "%s", jtext(json_array_get(issued, count - 1),
			 "issued_on"), count);
}

static void docs_draw_row(struct tui *t, WINDOW *w, int y, struct tui_rect r, const json_t *k, bool sel)
{
	attr_t a = sel ? theme_attr(TUI_E_CURSOR)
		   : kind_ready(k) ? A_NORMAL : theme_attr(TUI_E_HINT);
	char state[1024], issued[64];
	int x = r.x + 1;

	kind_state(t, k, state, sizeof state);
	kind_issued(k, issued, sizeof issued);
	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, TITLE_COLS - 1, jtext(k, "title"), a);
	x += TITLE_COLS;
	tui_draw_text(w, y, x, ISSUED_COLS - 1, issued, a);
	x += ISSUED_COLS;
	tui_draw_text(w, y, x, r.x + r.w - x, state, a);
}

/* Under the list: the selected kind and its state in full (a long list of what it lacks) in
 * at most two rows, then its last issues, newest first: "issued 2026-12-04  石市监立〔2026〕1号
 * pdf". */
static void docs_draw_foot(struct tui *t, WINDOW *w, int y, struct tui_rect r, const json_t *k)
{
	const json_t *issued = json_object_get(k, "issued");
	char state[1024], line[1400];
	size_t n = json_array_size(issued);
	int rows;

	theme_hline(w, y, r.x, r.w, theme_attr(TUI_E_HINT));
	kind_state(t, k, state, sizeof state);
	snprintf(line, sizeof line, _("%s: %s"), jtext(k, "title"), state);
	rows = wrap_text_draw(w, y + 1, r.x + 1, r.w - 1, n ? FOOT_LINES - 2 : FOOT_LINES - 1,
			      line, A_NORMAL);
	for (int i = 0; rows + 1 + i < FOOT_LINES && (size_t)i < n; i++) {
		const json_t *is = json_array_get(issued, n - 1 - (size_t)i);
		snprintf(line, sizeof line, _("issued %s  %s  %s%s"), jtext(is, "issued_on"),
			 jstr(is, "number") ?: "-", jtext(is, "format"),
			 jstr(is, "replaces") ? _("  (a correction)") : "");
		tui_draw_text(w, y + 1 + rows + i, r.x + 1, r.w - 1, line, theme_attr(TUI_E_HINT));
	}
}

static void docs_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct docs *s = st;
	char line[800];

	snprintf(line, sizeof line, _(" Documents of %s"), s->name);
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y + 1, r.x, r.w, "", theme_attr(TUI_E_HEADER));
	tui_draw_text(w, r.y + 1, r.x + 1, TITLE_COLS - 1, _("Document"), theme_attr(TUI_E_HEADER));
	tui_draw_text(w, r.y + 1, r.x + 1 + TITLE_COLS, ISSUED_COLS - 1, _("Last issued"),
		      theme_attr(TUI_E_HEADER));
	tui_draw_text(w, r.y + 1, r.x + 1 + TITLE_COLS + ISSUED_COLS,
		      r.w - 1 - TITLE_COLS - ISSUED_COLS, _("State"), theme_attr(TUI_E_HEADER));
	for (int64_t i = s->pg.top; i < s->pg.total && i < s->pg.top + s->pg.page; i++)
		docs_draw_row(t, w, r.y + HEAD_LINES + (int)(i - s->pg.top), r,
			      json_array_get(s->list, (size_t)i), i == s->pg.sel);
	if (docs_selected(s))
		docs_draw_foot(t, w, r.y + r.h - FOOT_LINES, r, docs_selected(s));
}

/* ---- making one ---- */

static int docs_make(struct tui *t, struct docs *s, const json_t *k, const char *format)
{
	struct docissue_out out = {0};
	char shown[PATH_MAX + 2];
	ipc_err e = {0};

	if (docissue_make(tui_db(t), &(struct docissue_req){.case_id = s->case_id,
			  .kind = jtext(k, "kind"), .format = format}, &out, &e)) {
		json_decref(out.missing);
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (opener_display()) {
		opener_start(out.path);
		tui_message(t, _("Made %s, opened: %s"), jtext(k, "title"),
			    opener_home_short(out.path, shown, sizeof shown));
	} else {
		tui_message(t, _("Made %s: %s"), jtext(k, "title"),
			    opener_home_short(out.path, shown, sizeof shown));
	}
	return TUI_HANDLED | TUI_REDRAW | TUI_CHANGED;
}

/* ---- filling what a kind lacks ---- */

static bool party_named(const json_t *r, const char *arg)
{
	(void)arg;
	return strcmp(jtext(r, "role"), "reporter") && strcmp(jtext(r, "role"), "complainant");
}

static bool of_any(const json_t *r, const char *arg)
{
	(void)r, (void)arg;
	return true;
}

static bool of_measure(const json_t *r, const char *measure_id)
{
	return measure_id && !strcmp(jtext(r, "measure_id"), measure_id);
}

/* The id of the nth (from 1) live record of `type` in the case that `want`s, in the order a
 * document's lists take them (the bundle's); "" when there are fewer. */
static int child_nth(struct tui *t, const char *case_id, const char *type,
		     bool (*want)(const json_t *r, const char *arg), const char *arg, size_t nth,
		     char id[37], ipc_err *e)
{
	json_t *bundle = db_bundle(tui_db(t), case_id, 0, e), *r;
	size_t i;

	id[0] = '\0';
	if (!bundle)
		return -1;
	json_array_foreach(json_object_get(json_object_get(bundle, "children"), type), i, r)
		if (!json_is_true(json_object_get(r, "deleted")) && want(r, arg) && !--nth) {
			snprintf(id, 37, "%s", jtext(r, "id"));
			break;
		}
	json_decref(bundle);
	return 0;
}

/* The form of the record a document is made from (the latest measure, interview or
 * inspection of the case): editing it, or a new one when the case has none. With `items`,
 * its measure's item `nth` (from 1), or a new item of it (nth 0 or past the last). */
static int subject_form(struct tui *t, struct docs *s, const struct doc_kind *dk, bool items,
			size_t nth, const char *field)
{
	const char *measure;
	json_t *r = NULL;
	char id[37] = "";
	ipc_err e = {0};
	int rc;

	if ((document_subject(tui_db(t), dk, s->case_id, NULL, &r, &e) && e.kind != IPC_E_RULE)
	    || (items && nth && child_nth(t, s->case_id, "item", of_measure, jstr(r, "id"), nth, id,
					  &e))) {
		json_decref(r);
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	measure = r ? jtext(r, "id") : NULL;
	rc = items ? tui_form_record_at(t, "item", id[0] ? id : NULL, s->case_id, measure, field)
		   : tui_form_record_at(t, dk->subject, measure, s->case_id, NULL, field);
	json_decref(r);
	return rc;
}

static bool named(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	return !strncmp(name, prefix, n) && (name[n] == '.' || !name[n]);
}

static int fill_failed(struct tui *t, const ipc_err *e)
{
	tui_error(t, "%s", e->msg);
	return TUI_HANDLED | TUI_REDRAW;
}

/* The form that fills `name` (a template's name: case.facts, party.legal_rep, measure.basis,
 * items, items[2].place, evidence…), its cursor on the field; the office's values are no
 * record's: where they are is said. */
static int missing_form(struct tui *t, struct docs *s, const struct doc_kind *dk,
			const char *name)
{
	char id[37] = "", office[PATH_MAX], shipped[PATH_MAX];
	const char *type;
	ipc_err e = {0};
	struct lack l;

	lack_parse(name, &l);
	type = l.rt ? l.rt->name : "";
	if (named(name, "office") || named(name, "review")) {
		docissue_dirs(tui_db(t), office, shipped);
		tui_message(t, _("%s is one of the office's values: set it in %s/office.txt"), name,
			    office);
	} else if (!strcmp(type, "case")) {
		return tui_form_record_at(t, "case", s->case_id, NULL, NULL, l.field);
	} else if (!strcmp(type, "party")) {
		if (child_nth(t, s->case_id, "party", party_named, NULL, 1, id, &e))
			return fill_failed(t, &e);
		return tui_form_record_at(t, "party", id[0] ? id : NULL, s->case_id, NULL, l.field);
	} else if (!strcmp(type, "item")) {
		return subject_form(t, s, dk, true, l.nth, l.field);
	} else if (!strcmp(type, "evidence")) {
		if (l.nth && child_nth(t, s->case_id, "evidence", of_any, NULL, l.nth, id, &e))
			return fill_failed(t, &e);
		return tui_form_record_at(t, "evidence", id[0] ? id : NULL, s->case_id, NULL, l.field);
	} else if (dk->subject && !strcmp(type, dk->subject)) {
		return subject_form(t, s, dk, false, 0, l.field);
	} else if (named(name, "approvals")) {
		tui_message(t, "%s", _("The approvals come from asking for them: p on the case"));
	} else {
		tui_message(t, _("%s is filled where its record is kept"), name);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* e (or Enter) on a kind that cannot be made yet: the form of the first thing it lacks; a
 * kind made from a record the case lacks, that record's form (a collaboration request's
 * questions for a letter). */
static int docs_fill(struct tui *t, struct docs *s, const json_t *k)
{
	const struct doc_kind *dk = document_kind(jtext(k, "kind"));
	const json_t *missing = json_object_get(k, "missing");
	const struct rtype *rt = dk && dk->subject ? schema_type(dk->subject) : NULL;

	if (!dk)
		return TUI_HANDLED;
	if (!json_is_true(json_object_get(k, "fits"))) {
		tui_message(t, _("%s is not issued at this stage of the case"), jtext(k, "title"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (json_array_size(missing))
		return missing_form(t, s, dk, json_string_value(json_array_get(missing, 0)));
	if (jstr(k, "problem") && rt && !strcmp(rt->name, "collab_request"))
		return tui_collab_request(t, s->case_id);
	if (jstr(k, "problem") && rt && strcmp(rt->name, "issued"))
		return subject_form(t, s, dk, false, 0, NULL);
	if (jstr(k, "problem")) { /* a served paper is made first; a template to mend */
		tui_error(t, "%s", jstr(k, "problem"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, _("%s lacks nothing: Enter makes it"), jtext(k, "title"));
	return TUI_HANDLED | TUI_REDRAW;
}

static int docs_action(struct tui *t, void *st, enum tui_action a)
{
	struct docs *s = st;
	const json_t *k = docs_selected(s);

	if (pager_move(&s->pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_OPEN:
	case TUI_ACT_DOCX:
		if (!k)
			return TUI_HANDLED;
		return kind_ready(k) ? docs_make(t, s, k, a == TUI_ACT_DOCX ? "docx" : "pdf")
				     : docs_fill(t, s, k);
	case TUI_ACT_EDIT:
		return k ? docs_fill(t, s, k) : TUI_HANDLED;
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int docs_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct docs *s = st;

	(void)t;
	s->pg.page = r.h - HEAD_LINES - FOOT_LINES;
	pager_clamp(&s->pg);
	return TUI_REDRAW;
}

const struct tui_screen_ops tui_documents_screen = {
	.name = "documents",
	.hint = N_("Enter: make (PDF)  w: as DOCX  e: fill what it lacks  q: back"),
	.open = docs_open,
	.draw = docs_draw,
	.action = docs_action,
	.resize = docs_resize,
	.reload = docs_reload,
	.close = docs_close,
};
