/* form_status — the next step of a case: a menu of only the transitions the workflow allows
 * from its status (db/rules/workflow.h), then a small form of what the chosen step needs (the
 * handlers and date of filing, the decision and its penalty…), then the write, which the
 * workflow checks again. */
#include <stdio.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "db/rules/case_terms.h"
#include "db/rules/workflow.h"
#include "db/store.h"
#include "tui/form.h"

#define NEXT_MAX 6

enum { STATUS_TAG_STEP = FORM_TAG_KIND, STATUS_TAG_CONFIRM };

struct step_field {
	const char *name;
	bool required;
	bool owned; /* only the step sets it: a new case's form leaves it out */
};

/* What each step asks for (FACTS.md §1; db/rules/workflow.c checks it). A step not listed needs
 * nothing but the choice. */
static const struct {
	const char *to;
	struct step_field fields[8];
} steps[] = {
	{"filed", {{"case_no", false, true}, {"handlers", true, false}, {"filed_on", true, true}}},
	{"notified", {{"notified_on", true, true}}},
	{"hearing", {{"statement_on", false, true}, {"hearing_notice_on", false, true},
		     {"hearing_on", false, true}}},
	/* the statement or the waiver ends the statement period (行政处罚法 art. 44, 62–63) */
	{"decided", {{"decision_type", true, true}, {"penalty", false, true}, {"fine", false, true},
		     {"confiscated", false, true}, {"statement_on", false, true},
		     {"waived_on", false, true}, {"decided_on", true, true}}},
	{"served", {{"served_on", true, true}}},
	{"closed", {{"fine_paid_on", false, true}, {"executed_on", false, true},
		    {"disclosed_on", false, true}, {"closed_on", true, true}}},
	{"archived", {{"archived_on", true, true}}},
	/* a patent dispute (FACTS.md §2): the panel at acceptance, the oral hearing's dates */
	{"accepted", {{"case_no", false, true}, {"handlers", true, false}, {"filed_on", true, true}}},
	{"refused", {{"refusal_reason", true, true}}},
	{"copy_sent", {{"respondent_sent_on", true, true}}},
	{"answered", {{"answered_on", true, true}}},
	{"hearing_set", {{"hearing_notice_on", true, true}, {"hearing_on", false, true}}},
	{"heard", {{"hearing_on", true, true}}},
	{"ruled", {{"ruling", true, true}, {"decided_on", true, true}}},
};

#define NSTEPS (sizeof steps / sizeof steps[0])

static const struct step_field *step_fields(const char *to)
{
	for (size_t i = 0; i < NSTEPS; i++)
		if (!strcmp(steps[i].to, to))
			return steps[i].fields;
	return NULL;
}

static bool step_has(const char *to, const char *name)
{
	for (const struct step_field *f = step_fields(to); f && f->name; f++)
		if (!strcmp(f->name, name))
			return true;
	return false;
}

bool form_step_field(const char *name)
{
	for (size_t i = 0; i < NSTEPS; i++)
		for (const struct step_field *f = steps[i].fields; f->name; f++)
			if (f->owned && !strcmp(f->name, name))
				return true;
	return false;
}

static const char *status_label(const struct form *fm, const char *id)
{
	return schema_enum_label(case_statuses, id, fm->zh);
}

/* The case as it is now; NULL with e filled when fm->id is not a case. */
static json_t *status_case(struct tui *t, struct form *fm, ipc_err *e)
{
	json_t *c = db_get(tui_db(t), fm->id, e);

	if (c && strcmp(jstr(c, "type") ?: "", "case")) {
		err_set(e, _("%s is not a case"), fm->id);
		json_decref(c);
		return NULL;
	}
	return c;
}

/* The step's fields with the case's values; the step's own date defaults to today. */
static int step_items(struct form *fm, const json_t *c, ipc_err *e)
{
	const struct step_field *sf = step_fields(fm->step);
	char today[11];

	db_today(today);
	for (; sf && sf->name; sf++) {
		const struct field *f = schema_field(fm->type, sf->name);
		struct form_item *it = form_field_add(fm, f, json_object_get(c, sf->name));
		if (!it)
			return err_nomem(e);
		it->required = sf->required;
		/* an optional date (a statement, a payment) is a fact to record, never a default */
		if (f->kind == FK_DATE && sf->required && !it->text[0] && form_item_set(it, today, true))
			return err_nomem(e);
		if (!strcmp(sf->name, "case_no"))
			it->hint = _("empty: the next number of your series");
	}
	return 0;
}

/* The case shown read-only above the step's fields. */
static int status_build(struct tui *t, struct form *fm, ipc_err *e)
{
	static const char *const shown[] = {"title", "case_no", "status"};
	json_t *c = status_case(t, fm, e);
	const char *status, *next[NEXT_MAX];
	int rc = -1;

	if (!c)
		return -1;
	fm->type = schema_type("case");
	status = jstr(c, "status") ?: WORKFLOW_START;
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		struct form_item *it;
		if (fm->step[0] && step_has(fm->step, shown[i]))
			continue; /* the step's own field shows it */
		if (!(it = form_field_add(fm, schema_field(fm->type, shown[i]),
					  json_object_get(c, shown[i])))) {
			err_nomem(e);
			goto out;
		}
		it->readonly = true;
		it->required = false;
	}
	if (!fm->step[0]) {
		if (!workflow_next(jstr(c, "procedure"), status, next, NEXT_MAX)) {
			err_set(e, _("a case in status \"%s\" has no next step"), status_label(fm, status));
			goto out;
		}
		snprintf(fm->title, sizeof fm->title, _("Next step of the case: %s"),
			 jstr(c, "case_no") ?: jstr(c, "title") ?: "");
	} else if (!workflow_allowed(status, fm->step)) {
		err_set(e, _("a case in status \"%s\" cannot move to \"%s\""), status_label(fm, status),
			status_label(fm, fm->step));
		goto out;
	} else {
		snprintf(fm->title, sizeof fm->title, _("Next step: from \"%s\" to \"%s\""),
			 status_label(fm, status), status_label(fm, fm->step));
		if (step_items(fm, c, e))
			goto out;
	}
	rc = 0;
out:
	json_decref(c);
	return rc;
}

/* The menu of the allowed steps, over the case. */
static int status_start(struct tui *t, struct form *fm)
{
	const char *next[NEXT_MAX], *labels[NEXT_MAX];
	json_t *c;
	size_t n;

	if (fm->step[0] || !(c = status_case(t, fm, NULL)))
		return 0;
	n = workflow_next(jstr(c, "procedure"), jstr(c, "status") ?: WORKFLOW_START, next,
			  NEXT_MAX);
	for (size_t i = 0; i < n; i++)
		labels[i] = status_label(fm, next[i]);
	json_decref(c);
	return tui_menu_open(t, STATUS_TAG_STEP, _("Next step"), labels, (int)n, 0);
}

/* The status and the step's fields in one write; the case number when filing gave one. */
static int status_save(struct tui *t, struct form *fm)
{
	ipc_err e = {0};
	char msg[400];
	json_t *set;

	if (form_values(fm, false, &set, &e))
		return form_refused(t, fm, &e);
	if (json_object_set_new(set, "status", json_string(fm->step))
	    || db_write(tui_db(t), "case", fm->id, set, NULL, &e)) {
		if (!e.msg[0])
			err_nomem(&e);
		json_decref(set);
		return form_refused(t, fm, &e);
	}
	if (jstr(set, "case_no"))
		snprintf(msg, sizeof msg, _("Now \"%s\", case no. %s"), status_label(fm, fm->step),
			 jstr(set, "case_no"));
	else
		snprintf(msg, sizeof msg, _("Now \"%s\""), status_label(fm, fm->step));
	json_decref(set);
	return form_done(t, fm, msg);
}

/* A step chosen: its form, or (when it needs nothing) a question before the write. */
static int status_answer(struct tui *t, struct form *fm, const struct tui_answer *a)
{
	const char *next[NEXT_MAX];
	char question[200];
	ipc_err e = {0};
	json_t *c;
	size_t n = 0;

	if (a->tag == STATUS_TAG_CONFIRM)
		return a->kind == TUI_ANSWER_ACCEPT ? status_save(t, fm) : form_quit(t, fm);
	if (a->tag != STATUS_TAG_STEP)
		return TUI_HANDLED;
	if (a->kind == TUI_ANSWER_ACCEPT && (c = status_case(t, fm, &e))) {
		n = workflow_next(jstr(c, "procedure"), jstr(c, "status") ?: WORKFLOW_START, next,
			  NEXT_MAX);
		json_decref(c);
	}
	if (a->kind != TUI_ANSWER_ACCEPT || a->index < 0 || (size_t)a->index >= n)
		return form_quit(t, fm);
	snprintf(fm->step, sizeof fm->step, "%s", next[a->index]);
	if (!step_fields(fm->step)) {
		snprintf(question, sizeof question, _("Move the case to \"%s\"?"),
			 status_label(fm, fm->step));
		return tui_ask(t, STATUS_TAG_CONFIRM, question);
	}
	return form_become(t, fm, &form_status_kind);
}

const struct form_kind form_status_kind = {
	.name = "status",
	.build = status_build,
	.start = status_start,
	.save = status_save,
	.answer = status_answer,
};

int tui_form_status(struct tui *t, const char *case_id)
{
	struct form_spec s = {.kind = &form_status_kind, .type = "case", .id = case_id};

	return form_open(t, &s);
}
