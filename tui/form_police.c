/* form_police — the next step of a transfer to the police (db/rules/police): a form of only
 * the fields that step records (police_next), written through db_write, whose rules
 * (police_check) refuse a step out of order or a date before the step it follows; the refusal
 * shows next to its field. */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "db/rules/police.h"
#include "db/store.h"
#include "tui/form.h"

/* Adds the field `name` with the transfer's value. A step of one date (the approval, the
 * sending, the receipt, the decision, the handover, the return) needs it, today (now for the
 * sending) when empty; when the officer chooses between a reconsideration and the return, no
 * date is a default. */
static int step_item(struct form *fm, const json_t *x, const char *name, bool one_date)
{
	const struct field *f = schema_field(fm->type, name);
	struct form_item *it = form_field_add(fm, f, json_object_get(x, name));
	char when[17];

	if (!it)
		return -1;
	if (f->kind != FK_DATE && f->kind != FK_DATETIME)
		return 0;
	it->required = one_date;
	if (f->kind == FK_DATE)
		db_today(when);
	else
		db_now(when);
	return one_date && !it->text[0] ? form_item_set(it, when, true) : 0;
}

#define STEP_FIELDS 4

/* police_next's fields (space-separated) as names; returns how many. */
static size_t step_fields(const char *fields, char names[STEP_FIELDS][32])
{
	char buf[256], *save, *w;
	size_t n = 0;

	snprintf(buf, sizeof buf, "%s", fields);
	for (w = strtok_r(buf, " ", &save); w && n < STEP_FIELDS; w = strtok_r(NULL, " ", &save))
		snprintf(names[n++], sizeof names[0], "%s", w);
	return n;
}

static int police_build(struct tui *t, struct form *fm, ipc_err *e)
{
	json_t *x = police_transfer_show(tui_db(t), fm->id, e);
	char names[STEP_FIELDS][32];
	struct police_next n;
	size_t nf, dates = 0;
	int rc = -1;

	if (!x)
		return -1;
	fm->type = &police_transfer_type;
	if (!police_next(tui_db(t), x, &n)) {
		err_set(e, "%s", _("The transfer to the police has no step left"));
		goto out;
	}
	if (n.kind)
		snprintf(fm->title, sizeof fm->title, _("%s: %s, by %s"),
			 fm->zh ? fm->type->zh : fm->type->en, police_step_label(n.step), n.due);
	else
		snprintf(fm->title, sizeof fm->title, _("%s: %s"), fm->zh ? fm->type->zh : fm->type->en,
			 police_step_label(n.step));
	nf = step_fields(n.fields, names);
	for (size_t i = 0; i < nf; i++) {
		enum field_kind k = schema_field(fm->type, names[i])->kind;
		dates += k == FK_DATE || k == FK_DATETIME;
	}
	for (size_t i = 0; i < nf; i++)
		if (step_item(fm, x, names[i], dates == 1)) {
			err_nomem(e);
			goto out;
		}
	rc = 0;
out:
	json_decref(x);
	return rc;
}

/* Every field the form holds, in one write (a defaulted date is one of them). */
static int police_save(struct tui *t, struct form *fm)
{
	ipc_err e = {0};
	json_t *set;
	int rc;

	if (form_values(fm, false, &set, &e))
		return form_refused(t, fm, &e);
	if (!json_object_size(set)) {
		json_decref(set);
		return form_done(t, fm, _("Nothing changed"));
	}
	rc = db_write(tui_db(t), fm->type->name, fm->id, set, NULL, &e);
	json_decref(set);
	return rc ? form_refused(t, fm, &e) : form_done(t, fm, _("Changes saved"));
}

const struct form_kind form_police_kind = {
	.name = "police",
	.build = police_build,
	.save = police_save,
};

int tui_form_police(struct tui *t, const char *id)
{
	struct form_spec s = {.kind = &form_police_kind, .type = police_transfer_type.name, .id = id};

	return form_open(t, &s);
}
