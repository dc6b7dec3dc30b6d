/* form_record — the forms of records: a new or edited case, party, evidence (with a file to
 * attach, db_evidence_add), inspection or investigator (with the office's contact for them,
 * investigator_add); the quick capture of an inspection at a market, and
 * the clue (a new case in status clue) opened from it and linked to it. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/paths.h"
#include "db/rules/inspection.h"
#include "db/rules/investigator.h"
#include "db/store.h"
#include "db/trash.h"
#include "tui/keys.h"
#include "tui/form.h"

enum { CAPTURE_TAG_CLUE = FORM_TAG_KIND, RECORD_TAG_DELETE };

/* ---- the fields of a record ---- */

/* How a case is named in a title: its number, else its title; another parent (a fair) by
 * its name. */
static const char *case_name(const json_t *c)
{
	return jstr(c, "case_no") ?: jstr(c, "title") ?: jstr(c, "name") ?: "";
}

/* The record `id` of type `type` (NULL: any), with e saying what is wrong. */
static json_t *record_get(struct tui *t, const char *id, const char *type, ipc_err *e)
{
	json_t *o = db_get(tui_db(t), id, e);

	if (o && type && strcmp(jstr(o, "type") ?: "", type)) {
		err_set(e, _("%s is not a %s"), id, type);
		json_decref(o);
		return NULL;
	}
	return o;
}

static bool listed(const json_t *list, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v)
		if (!strcmp(json_string_value(v) ?: "", s))
			return true;
	return false;
}

/* The fields of fm's type with the values of `state` (NULL: a new record). The case a record
 * belongs to comes from where the form was opened; system fields show only once set; a new
 * record leaves out the fields recorded later in its life (FF_LATER), and a new case those
 * the workflow's steps ask for. */
static int record_fields(struct form *fm, const json_t *state, ipc_err *e)
{
	const struct rtype *ty = fm->type;
	const json_t *conflicts = json_object_get(state, "conflicts");

	for (size_t i = 0; i < ty->nfields; i++) {
		const struct field *f = &ty->fields[i];
		const json_t *v = state ? json_object_get(state, f->name) : NULL;
		struct form_item *it;
		if (f->kind == FK_REF || ((f->flags & FF_SYSTEM) && (!v || json_is_null(v))))
			continue;
		if (!state && (!strcmp(f->name, "deleted") || (f->flags & FF_LATER)
			       || (!strcmp(ty->name, "case") && form_step_field(f->name))))
			continue;
		if (!(it = form_field_add(fm, f, v)))
			return err_nomem(e);
		it->conflict = listed(conflicts, f->name);
	}
	return 0;
}

/* Sets an empty item's text as if the record had it. */
static void field_default(struct form *fm, const char *key, const char *text)
{
	struct form_item *it = form_item(fm, key);

	if (it && !it->text[0] && text)
		form_item_set(it, text, true);
}

/* What a new record starts with: this officer handles it (takes part in a discussion),
 * registered (discussed) today, collected, inspected and received (at a fair) now. */
static void record_defaults(struct tui *t, struct form *fm)
{
	const struct db_identity *me = db_self(tui_db(t));
	char self[sizeof me->officer + sizeof me->cert + 1], now[17], today[11];

	snprintf(self, sizeof self, "%s:%s", me->officer, me->cert);
	db_now(now);
	db_today(today);
	field_default(fm, "clue_on", today);
	field_default(fm, "handlers", self);
	field_default(fm, "inspectors", self);
	field_default(fm, "participants", self);
	field_default(fm, "held_on", today);
	field_default(fm, "inspected_at", now);
	field_default(fm, "collected_at", now);
	field_default(fm, "collected_by", me->officer);
	field_default(fm, "received_at", now);
}

/* ---- the file of an evidence item ---- */

static int file_check(struct form *fm, struct form_item *it, ipc_err *e)
{
	char path[PATH_MAX];
	struct stat st;

	(void)fm;
	if (!it->text[0])
		return 0;
	paths_typed(it->text, path, sizeof path);
	if (stat(path, &st) || access(path, R_OK))
		return err_set(e, _("cannot read %s: %s"), path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(e, _("%s is not a file"), path);
	return 0;
}

static int file_add(struct form *fm, bool required, ipc_err *e)
{
	struct form_item *it = form_item_add(fm, "file", _("file to attach"), NULL);

	if (!it)
		return err_nomem(e);
	it->required = required;
	it->check = file_check;
	it->hint = _("path of a photo or document, e.g. ~/photos/stall.jpg");
	return 0;
}

/* ---- the office's contact for a new investigator ---- */

/* What investigator_add checks again: a line, not too long. */
static int contact_check(struct form *fm, struct form_item *it, ipc_err *e)
{
	(void)fm;
	if (strlen(it->text) > SCHEMA_LINE_MAX)
		return err_kind(e, IPC_E_RULE, it->key, _("%s: longer than %zu bytes"), it->key,
				(size_t)SCHEMA_LINE_MAX);
	return 0;
}

static int contact_add(struct form *fm, ipc_err *e)
{
	struct form_item *it = form_item_add(fm, "contact", _("contact (this office only)"), NULL);

	if (!it)
		return err_nomem(e);
	it->check = contact_check;
	it->hint = _("phone or e-mail: kept in the office, never shared");
	return 0;
}

/* ---- a record: new or edited ---- */

/* A button of the case form: a new record of the case. */
static int child_press(struct tui *t, struct form *fm, struct form_item *it)
{
	return tui_form_record(t, it->key + strlen("new_"), NULL, fm->id);
}

/* Can a form make a record of type ty? Not when it needs a reference besides its parent (an
 * assignment's investigator): the form has no field for one, its own command does it; nor
 * when ipcase sets every field (an issued document: made by `doc make`). */
static bool record_formable(const struct rtype *ty)
{
	bool typed = false;

	for (size_t i = 0; i < ty->nfields; i++) {
		const struct field *f = &ty->fields[i];
		if (f->kind == FK_REF && (f->flags & FF_REQUIRED) && strcmp(f->name, ty->parent ?: ""))
			return false;
		typed |= !(f->flags & FF_SYSTEM) && strcmp(f->name, "deleted");
	}
	return typed;
}

/* Below an existing case's fields, a button for each type of record that belongs to a case
 * and that a form can make. */
static int child_buttons(struct form *fm, ipc_err *e)
{
	for (size_t i = 0; i < schema_ntypes; i++) {
		const struct rtype *ty = schema_types[i];
		const struct field *parent = ty->parent ? schema_field(ty, ty->parent) : NULL;
		struct form_item *it;
		char key[32], label[128];
		if (!parent || strcmp(parent->ref_type ?: "", "case") || !record_formable(ty))
			continue;
		snprintf(key, sizeof key, "new_%s", ty->name);
		form_type_title(ty, fm->zh, true, label, sizeof label);
		if (!(it = form_item_add(fm, key, label, NULL)))
			return err_nomem(e);
		it->press = child_press;
		it->hint = _("Enter: its form, for this case");
	}
	return 0;
}

/* A new inspection of a case takes the case's place: where it was found, its region and
 * campaign (the officer corrects what differs). */
static const struct {
	const char *to, *from;
} case_carry[] = {{"place_name", "place"}, {"place_kind", "place_kind"}, {"region", "region"},
		  {"campaign", "campaign"}};

#define NCARRY (sizeof case_carry / sizeof case_carry[0])

static int record_from_case(struct form *fm, const json_t *kase)
{
	if (!kase || strcmp(fm->type->name, "inspection"))
		return 0;
	for (size_t i = 0; i < NCARRY; i++) {
		struct form_item *it = form_item(fm, case_carry[i].to);
		if (it && !it->text[0] && json_object_get(kase, case_carry[i].from)
		    && form_item_load(fm, it, json_object_get(kase, case_carry[i].from)))
			return -1;
	}
	return 0;
}

/* What the capture's few fields leave out, taken from its case into `set`. */
static int capture_from_case(struct tui *t, struct form *fm, json_t *set, ipc_err *e)
{
	json_t *kase = record_get(t, fm->case_id, "case", e);
	int rc = 0;

	if (!kase)
		return -1;
	for (size_t i = 0; i < NCARRY && !rc; i++) {
		json_t *v = json_object_get(kase, case_carry[i].from);
		if (!json_object_get(set, case_carry[i].to) && v && !json_is_null(v)
		    && json_object_set(set, case_carry[i].to, v))
			rc = err_nomem(e);
	}
	if (!rc && json_object_set_new(set, "case_id", json_string(fm->case_id)))
		rc = err_nomem(e);
	json_decref(kase);
	return rc;
}

static int record_build(struct tui *t, struct form *fm, ipc_err *e)
{
	json_t *state = NULL, *kase = NULL;
	char what[96];
	int rc = -1;

	if (fm->id[0]) { /* the record decides its type */
		if (!(state = record_get(t, fm->id, fm->type ? fm->type->name : NULL, e)))
			return -1;
		fm->type = schema_type(jstr(state, "type"));
		if (fm->type->parent)
			snprintf(fm->case_id, sizeof fm->case_id, "%s", jstr(state, fm->type->parent) ?: "");
	} else if (!fm->type) {
		return err_set(e, "%s", _("unknown record type"));
	} else if (fm->type->parent && !fm->case_id[0]
		   && (schema_field(fm->type, fm->type->parent)->flags & FF_REQUIRED)) {
		return err_set(e, "%s", _("select a case first"));
	}
	if (fm->case_id[0] && !(kase = record_get(t, fm->case_id, fm->type->parent
			? schema_parent_type(fm->type)->name : "case", e)))
		goto out;
	form_type_title(fm->type, fm->zh, !state, what, sizeof what);
	snprintf(fm->title, sizeof fm->title, "%s%s%s", what, kase || state ? ": " : "",
		 kase ? case_name(kase) : state ? case_name(state) : "");
	if (!state && !strcmp(fm->type->name, "evidence")
	    && file_add(fm, fm->kind == &form_attach_kind, e))
		goto out;
	if (record_fields(fm, state, e))
		goto out;
	if (!state && !strcmp(fm->type->name, "investigator") && contact_add(fm, e))
		goto out;
	if (!state && record_from_case(fm, kase)) {
		err_nomem(e);
		goto out;
	}
	if (!state)
		record_defaults(t, fm);
	else if (!strcmp(fm->type->name, "case") && child_buttons(fm, e))
		goto out;
	rc = 0;
out:
	json_decref(state);
	json_decref(kase);
	return rc;
}

/* The message once saved: an attached file's SHA-256 in full (64 columns) comes first. */
static void record_saved(const json_t *set, bool is_new, char *out, size_t n)
{
	const char *sha = jstr(set, "file_sha256");

	if (sha)
		snprintf(out, n, "SHA-256 %s  %s", sha, jstr(set, "file_name") ?: "");
	else
		snprintf(out, n, "%s", is_new ? _("Saved") : _("Changes saved"));
}

/* Deleting takes what belongs to the record out of sight with it: the officer is told what
 * (on the form: it may not fit the bottom line), and where to get it back, before anything
 * is written. */
static int delete_ask(struct tui *t, struct form *fm)
{
	char what[1024], keys[64], note[1400], q[300];
	ipc_err e = {0};
	json_t *w = trash_what(tui_db(t), fm->id, &e);

	if (!w)
		return form_refused(t, fm, &e);
	trash_describe(w, what, sizeof what);
	json_decref(w);
	snprintf(note, sizeof note, _("Deleting %s."), what);
	form_note(fm, note);
	keys_for(TUI_ACT_DELETED, keys, sizeof keys);
	snprintf(q, sizeof q, _("Delete this %s? It can be restored from the deleted view (%s)"),
		 trash_type_label(fm->type->name), keys[0] ? keys : _("no key bound"));
	return tui_ask(t, RECORD_TAG_DELETE, q) | TUI_REDRAW;
}

/* A new record's references: its parent, the case the form was opened from; its other
 * reference (an item's measure), the record the form was opened for. */
static int record_refs(struct form *fm, json_t *set)
{
	const struct rtype *ty = fm->type;

	if (fm->type->parent && fm->case_id[0]
	    && json_object_set_new(set, fm->type->parent, json_string(fm->case_id)))
		return -1;
	for (size_t i = 0; fm->link[0] && i < ty->nfields; i++)
		if (ty->fields[i].kind == FK_REF && strcmp(ty->fields[i].name, ty->parent ?: "")
		    && !(ty->fields[i].flags & FF_SYSTEM))
			return json_object_set_new(set, ty->fields[i].name, json_string(fm->link));
	return 0;
}

/* Writes the form; an edit that deletes the record asks first, unless `confirmed`. */
static int record_write(struct tui *t, struct form *fm, bool confirmed)
{
	struct form_item *file = form_item(fm, "file"), *contact = form_item(fm, "contact");
	bool is_new = !fm->id[0];
	char path[PATH_MAX], msg[400], id[37];
	ipc_err e = {0};
	json_t *set;
	int rc;

	if (form_values(fm, !is_new, &set, &e))
		return form_refused(t, fm, &e);
	if (!is_new && !json_object_size(set)) {
		json_decref(set);
		return form_done(t, fm, _("Nothing changed"));
	}
	if (!is_new && !confirmed && json_is_true(json_object_get(set, "deleted"))) {
		json_decref(set);
		return delete_ask(t, fm);
	}
	if (is_new && record_refs(fm, set)) {
		json_decref(set);
		err_nomem(&e);
		return form_refused(t, fm, &e);
	}
	if (file && file->text[0]) {
		paths_typed(file->text, path, sizeof path);
		rc = db_evidence_add(tui_db(t), fm->case_id, set, path, NULL, &e);
	} else if (contact) {
		rc = investigator_add(tui_db(t), set, contact->text, id, &e);
	} else {
		rc = db_write(tui_db(t), fm->type->name, is_new ? NULL : fm->id, set, NULL, &e);
	}
	if (!rc && confirmed)
		snprintf(msg, sizeof msg, "%s", _("Deleted: the deleted view restores it"));
	else if (!rc)
		record_saved(set, is_new, msg, sizeof msg);
	json_decref(set);
	return rc ? form_refused(t, fm, &e) : form_done(t, fm, msg);
}

static int record_save(struct tui *t, struct form *fm)
{
	return record_write(t, fm, false);
}

static int record_answer(struct tui *t, struct form *fm, const struct tui_answer *a)
{
	if (a->tag != RECORD_TAG_DELETE)
		return TUI_HANDLED;
	form_note(fm, NULL);
	if (a->kind != TUI_ANSWER_ACCEPT) {
		tui_message(t, "%s", _("Not deleted"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	return record_write(t, fm, true);
}

const struct form_kind form_record_kind = {
	.name = "record",
	.build = record_build,
	.save = record_save,
	.answer = record_answer,
};

const struct form_kind form_attach_kind = {
	.name = "attach",
	.build = record_build,
	.save = record_save,
};

int tui_form_record_at(struct tui *t, const char *type, const char *id, const char *case_id,
		       const char *link, const char *field)
{
	struct form_spec s = {.kind = &form_record_kind, .type = type, .id = id, .case_id = case_id,
			      .link = link, .focus = field};

	return form_open(t, &s);
}

int tui_form_record(struct tui *t, const char *type, const char *id, const char *case_id)
{
	return tui_form_record_at(t, type, id, case_id, NULL, NULL);
}

int tui_form_attach(struct tui *t, const char *case_id)
{
	struct form_spec s = {.kind = &form_attach_kind, .type = "evidence", .case_id = case_id};

	return form_open(t, &s);
}

/* ---- the quick capture ---- */

/* Few fields, the place first, the time already now, the kind of place a market, the officer
 * among the inspectors (two are needed: 行政处罚法 art. 42, 55). Inside a case (fm->case_id)
 * the inspection is the case's and starts at its place. */
static int capture_build(struct tui *t, struct form *fm, ipc_err *e)
{
	static const char *const keys[] = {"place_name", "address", "findings", "inspected_at",
					   "place_kind", "inspectors", "gi_product", "gi_findings"};
	const struct db_identity *me = db_self(tui_db(t));
	char now[17], self[128];
	json_t *kase = NULL;
	int rc = -1;

	fm->type = schema_type("inspection");
	fm->spacious = true;
	if (fm->case_id[0] && !(kase = record_get(t, fm->case_id, "case", e)))
		return -1;
	snprintf(fm->title, sizeof fm->title, "%s%s%s", _("Quick capture: an inspection on site"),
		 kase ? ": " : "", kase ? case_name(kase) : "");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!form_field_add(fm, schema_field(fm->type, keys[i]), NULL)) {
			err_nomem(e);
			goto out;
		}
	if (record_from_case(fm, kase)) {
		err_nomem(e);
		goto out;
	}
	db_now(now);
	field_default(fm, "inspected_at", now);
	field_default(fm, "place_kind",
		      schema_enum_label(schema_field(fm->type, "place_kind")->values, "market", fm->zh));
	snprintf(self, sizeof self, "%s:%s,", me->officer, me->cert);
	field_default(fm, "inspectors", self);
	rc = 0;
out:
	json_decref(kase);
	return rc;
}

/* The inspection is written at once; then, outside a case, the officer may open a clue from
 * it. */
static int capture_save(struct tui *t, struct form *fm)
{
	ipc_err e = {0};
	json_t *set;

	if (form_values(fm, false, &set, &e) || (fm->case_id[0] && capture_from_case(t, fm, set, &e))
	    || db_write(tui_db(t), "inspection", NULL, set, fm->link, &e)) {
		json_decref(set);
		return form_refused(t, fm, &e);
	}
	json_decref(set);
	if (fm->case_id[0])
		return form_done(t, fm, _("Inspection saved to the case"));
	form_draft_drop(t, fm);
	fm->changed = false;
	for (size_t i = 0; i < fm->n; i++)
		fm->items[i].readonly = true;
	fm->cur = fm->n;
	return tui_ask(t, CAPTURE_TAG_CLUE, _("Inspection saved. Open a clue (a new case) from it?"))
	       | TUI_CHANGED;
}

static int capture_answer(struct tui *t, struct form *fm, const struct tui_answer *a)
{
	if (a->tag != CAPTURE_TAG_CLUE)
		return TUI_HANDLED;
	if (a->kind != TUI_ANSWER_ACCEPT) {
		tui_message(t, "%s", _("Inspection saved"));
		return form_quit(t, fm);
	}
	return form_become(t, fm, &form_clue_kind);
}

const struct form_kind form_capture_kind = {
	.name = "capture",
	.build = capture_build,
	.save = capture_save,
	.answer = capture_answer,
};

int tui_form_capture(struct tui *t, const char *case_id)
{
	struct form_spec s = {.kind = &form_capture_kind, .case_id = case_id};

	return form_open(t, &s);
}

/* ---- the clue opened from an inspection ---- */

/* A new case filled from the inspection (fm->link) as db/rules/inspection fills it. */
static int clue_build(struct tui *t, struct form *fm, ipc_err *e)
{
	json_t *insp = record_get(t, fm->link, "inspection", e), *carry = NULL, *v;
	const char *key;
	int rc = -1;

	if (!insp)
		return -1;
	fm->type = schema_type("case");
	snprintf(fm->title, sizeof fm->title, _("New clue from the inspection at %s"),
		 jstr(insp, "place_name") ?: "");
	if (record_fields(fm, NULL, e))
		goto out;
	if (!(carry = inspection_clue_fields(insp, fm->zh))) {
		err_nomem(e);
		goto out;
	}
	json_object_foreach(carry, key, v) {
		struct form_item *it = form_item(fm, key);
		if (it && form_item_load(fm, it, v)) {
			err_nomem(e);
			goto out;
		}
	}
	record_defaults(t, fm);
	rc = 0;
out:
	json_decref(insp);
	json_decref(carry);
	return rc;
}

/* The case as the form has it, and the inspection's link to it, in one transaction. */
static int clue_save(struct tui *t, struct form *fm)
{
	ipc_err e = {0};
	json_t *set;
	char id[37];
	int rc;

	if (form_values(fm, false, &set, &e))
		return form_refused(t, fm, &e);
	rc = inspection_clue(tui_db(t), fm->link, set, id, &e);
	json_decref(set);
	return rc ? form_refused(t, fm, &e) : form_done(t, fm, _("Clue opened, linked to the inspection"));
}

const struct form_kind form_clue_kind = {
	.name = "clue",
	.build = clue_build,
	.save = clue_save,
};
