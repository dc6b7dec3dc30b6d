/* detail — the case detail screen: a header (case no., title, status, IP type, next steps and
 * whether they need an approval), tabs that scroll (overview, parties, evidence, inspections,
 * history, conflicts, approvals and discussions), the resolution of a conflict (the chosen
 * value written through db_write, which settles it), the next step of a transfer to the
 * police (J: tui/form_police.c), and an evidence item's file opened (Enter in the evidence
 * tab: xdg-open with a display, else its path and SHA-256).
 * Everything is read at open and reload; drawing only paints the lines laid out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/calendar.h"
#include "db/deadlines.h"
#include "db/rules/approval.h"
#include "db/rules/assign.h"
#include "db/rules/case_terms.h"
#include "db/rules/credit.h"
#include "db/rules/police.h"
#include "db/rules/procedure.h"
#include "db/rules/intake.h"
#include "db/rules/threshold.h"
#include "db/rules/watch.h"
#include "db/rules/workflow.h"
#include "db/channel.h"
#include "db/store.h"
#include "tui/approval.h"
#include "tui/collab.h"
#include "tui/detail.h"
#include "tui/form.h"
#include "tui/investigator.h"
#include "tui/opener.h"
#include "tui/screens.h"

#define HEAD_ROWS 4 /* title, status, tabs, a rule with the position */

enum { TAG_RESOLVE = 1 };

/* ---- reading ---- */

static void conflicts_free(struct dconflict *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_decref(c[i].values);
	free(c);
}

static void data_free(struct detail *d)
{
	json_decref(d->bundle);
	json_decref(d->assignments);
	json_decref(d->deadlines);
	json_decref(d->credit);
	json_decref(d->police);
	json_decref(d->intakes);
	json_decref(d->key_marks);
	conflicts_free(d->conf, d->nconf);
	free(d->files);
	d->bundle = d->rec = d->history = d->assignments = d->deadlines = d->credit = NULL;
	d->police = d->intakes = d->key_marks = NULL;
	memset(d->kids, 0, sizeof d->kids);
	d->conf = NULL;
	d->files = NULL;
	d->nconf = d->nfiles = 0;
}

/* Adds the conflicted fields of one record (`fields`: db_get's "conflicts") with their
 * competing values. */
static int conflicts_add(db *db, struct detail *n, size_t *cap, const struct rtype *rt,
			 const json_t *rec, const json_t *fields, ipc_err *e)
{
	const char *id = json_string_value(json_object_get(rec, "id"));
	size_t i;
	json_t *f;

	json_array_foreach(fields, i, f) {
		const struct field *fd = schema_field(rt, json_string_value(f));
		struct dconflict *c;
		json_t *values;
		if (!fd)
			continue;
		if (!(values = db_conflict_values(db, id, fd->name, e)))
			return -1;
		if (!(c = grow(n->conf, cap, n->nconf, sizeof *c))) {
			json_decref(values);
			return err_nomem(e);
		}
		n->conf = c;
		n->conf[n->nconf++] = (struct dconflict){rt, rec, fd, values};
	}
	return 0;
}

/* The conflicted fields of the case and of every record of its bundle. */
static int conflicts_read(db *db, struct detail *n, ipc_err *e)
{
	json_t *list, *rec;
	const char *type;
	size_t cap = 0, i;

	if (conflicts_add(db, n, &cap, schema_type("case"), n->rec,
			  json_object_get(n->rec, "conflicts"), e))
		return -1;
	json_object_foreach(json_object_get(n->bundle, "children"), type, list)
		json_array_foreach(list, i, rec)
			if (conflicts_add(db, n, &cap, schema_type(type), rec,
					  json_object_get(rec, "conflicts"), e))
				return -1;
	return 0;
}

/* Checks the bundle's files; one found intact before (in `old`) is not read again. */
static int files_read(db *db, struct detail *n, const struct detail *old, ipc_err *e)
{
	size_t cap = 0, i;
	json_t *file;

	json_array_foreach(json_object_get(n->bundle, "files"), i, file) {
		const char *sha = json_string_value(json_object_get(file, "sha256"));
		struct dfile *f;
		if (!(f = grow(n->files, &cap, n->nfiles, sizeof *f)))
			return err_nomem(e);
		n->files = f;
		f = &n->files[n->nfiles++];
		snprintf(f->sha, sizeof f->sha, "%s", sha);
		f->state = detail_file_state(old, sha) == DB_FILE_OK ? DB_FILE_OK
								     : db_file_check(db, sha);
	}
	return 0;
}

static int live_count(const json_t *records)
{
	size_t i;
	json_t *r;
	int n = 0;

	json_array_foreach(records, i, r)
		n += !json_is_true(json_object_get(r, "deleted"));
	return n;
}

/* For each next step: no approval needed (-1), not granted yet (0), granted (1). */
static int next_approvals(db *db, struct detail *d, ipc_err *e)
{
	const char *next[8];
	size_t n = workflow_next(jstr(d->rec, "procedure"), jtext(d->rec, "status"), next, 8);

	for (size_t i = 0; i < n; i++) {
		const char *step = procedure_step_approval(jtext(d->rec, "status"), next[i]);
		int rc = step ? approval_granted(db, d->case_id, step, NULL, e) : -2;
		if (rc == -1)
			return -1;
		d->next_approved[i] = (signed char)(rc == -2 ? -1 : rc);
	}
	return 0;
}

/* Whether an amount of the case reaches a threshold of a transfer to the police: shown
 * whatever the case's status, a penalty does not clear it (FACTS.md §11). */
static bool crime_flagged(db *db, const json_t *kase)
{
	json_t *f = threshold_flag(db, kase);
	bool reached = json_is_true(json_object_get(f, "reached"));

	json_decref(f);
	return reached;
}

/* Reads the case and everything the tabs show; on failure d keeps what it had. */
static int detail_read(struct tui *t, struct detail *d, ipc_err *e)
{
	db *db = tui_db(t);
	struct detail n = {0};
	char today[11];

	cal_today(today);
	if (!(n.bundle = db_bundle(db, d->case_id, DB_BUNDLE_HISTORY, e)))
		goto fail;
	n.rec = json_object_get(n.bundle, "record");
	if (strcmp(json_string_value(json_object_get(n.rec, "type")), "case")) {
		err_set(e, _("%.8s is not a case"), d->case_id);
		goto fail;
	}
	for (int k = 0; k < NKIDS; k++)
		n.kids[k] = json_object_get(json_object_get(n.bundle, "children"), detail_kid_types[k]);
	n.history = json_object_get(n.bundle, "history");
	if (!(n.assignments = assign_list(db, &(struct assign_query){.case_id = d->case_id}, e))
	    || !(n.deadlines = deadline_list(db, &(struct deadline_query){.case_id = d->case_id}, e))
	    || respondent_history(db, d->case_id, today, &n.respondent, e)
	    || !(n.credit = n.respondent.uscc[0] ? credit_history(db, n.respondent.uscc, today, e)
					      : json_array())
	    || !(n.police = police_transfers(db, d->case_id, NULL, e))
	    || !(n.intakes = intake_of_case(db, d->case_id, e))
	    || !(n.key_marks = watch_case_trademarks(db, n.rec, e))
	    || conflicts_read(db, &n, e)
	    || files_read(db, &n, d, e))
		goto fail;
	data_free(d);
	d->bundle = n.bundle;
	d->rec = n.rec;
	memcpy(d->kids, n.kids, sizeof d->kids);
	d->history = n.history;
	d->assignments = n.assignments;
	d->deadlines = n.deadlines;
	d->respondent = n.respondent;
	d->credit = n.credit;
	d->police = n.police;
	d->intakes = n.intakes;
	d->key_marks = n.key_marks;
	d->conf = n.conf;
	d->nconf = n.nconf;
	d->files = n.files;
	d->nfiles = n.nfiles;
	d->counts[TAB_PARTIES] = live_count(d->kids[KID_PARTY]);
	d->counts[TAB_EVIDENCE] = live_count(d->kids[KID_EVIDENCE]);
	d->counts[TAB_INSPECTIONS] = live_count(d->kids[KID_INSPECTION]);
	d->counts[TAB_MEDIATIONS] = live_count(d->kids[KID_MEDIATION]);
	d->counts[TAB_APPROVALS] = live_count(d->kids[KID_APPROVAL])
				   + live_count(d->kids[KID_DISCUSSION]);
	d->counts[TAB_HISTORY] = (int)json_array_size(d->history);
	d->counts[TAB_CONFLICTS] = (int)d->nconf;
	d->crime = crime_flagged(db, d->rec);
	return next_approvals(db, d, e);
fail:
	data_free(&n);
	return -1;
}

/* ---- moving ---- */

static int rows_of(const struct detail *d)
{
	return d->r.h - HEAD_ROWS > 0 ? d->r.h - HEAD_ROWS : 0;
}

static int detail_select(struct detail *d, int to)
{
	wrap_select(&d->lines, to, rows_of(d));
	return TUI_HANDLED | TUI_REDRAW;
}

static int detail_scroll(struct detail *d, int by)
{
	wrap_scroll(&d->lines, by, rows_of(d));
	return TUI_HANDLED | TUI_REDRAW;
}

/* A page: scrolls; in a tab of items the selection moves to the first one starting in view. */
static int detail_page(struct detail *d, int dir)
{
	struct wrap *l = &d->lines;

	detail_scroll(d, dir * (rows_of(d) > 1 ? rows_of(d) - 1 : 1));
	for (int i = l->top; l->nitems && i < l->top + rows_of(d) && i < (int)l->n; i++)
		if (l->v[i].head) {
			l->sel = l->v[i].item;
			break;
		}
	return TUI_HANDLED | TUI_REDRAW;
}

static void lay_out(struct tui *t, struct detail *d)
{
	detail_lay_out(t, d);
	wrap_select(&d->lines, d->lines.sel, rows_of(d));
}

/* The mediations tab shows on a patent dispute, or a case that has a mediation: a penalty
 * case keeps its tabs, and the keys that reach them. */
static bool tab_shown(const struct detail *d, int tab)
{
	return tab != TAB_MEDIATIONS || d->counts[tab]
	       || strcmp(jtext(d->rec, "procedure"), "patent_dispute") == 0;
}

/* Goes to `tab`, or past it the way the move went (from d->tab) when it is not shown. */
static int detail_goto_tab(struct tui *t, struct detail *d, int tab)
{
	int step = tab < d->tab ? -1 : 1;

	tab = (tab + NTABS) % NTABS;
	while (!tab_shown(d, tab))
		tab = (tab + step + NTABS) % NTABS;
	d->tab = tab;
	d->lines.top = 0;
	d->lines.sel = -1;
	lay_out(t, d);
	return TUI_HANDLED | TUI_REDRAW;
}

static int detail_click(struct tui *t, struct detail *d)
{
	int y, x, i;

	tui_mouse(t, &y, &x);
	i = d->lines.top + y - (d->r.y + HEAD_ROWS);
	if (y < d->r.y + HEAD_ROWS || i >= (int)d->lines.n || d->lines.v[i].item < 0)
		return TUI_HANDLED;
	d->lines.sel = d->lines.v[i].item;
	return TUI_HANDLED | TUI_REDRAW;
}

/* ---- conflicts ---- */

/* The selected approval or discussion of the approvals tab (approvals are the first items). */
static const json_t *approvals_selected(const struct detail *d, const char **type)
{
	int na = d->counts[TAB_APPROVALS] - live_count(d->kids[KID_DISCUSSION]);

	*type = d->lines.sel < na ? "approval" : "discussion";
	return d->lines.sel < na ? detail_live_nth(d->kids[KID_APPROVAL], d->lines.sel)
				 : detail_live_nth(d->kids[KID_DISCUSSION], d->lines.sel - na);
}

/* The selected record of the current tab: the case in the overview, the selected party,
 * evidence item, inspection, approval or discussion, the record of the selected conflict.
 * NULL when none. */
static const json_t *detail_selected(const struct detail *d, const char **type)
{
	int k = detail_tab_kid(d->tab);

	if (d->tab == TAB_OVERVIEW) {
		*type = "case";
		return d->rec;
	}
	if (d->tab == TAB_CONFLICTS && d->lines.sel >= 0 && (size_t)d->lines.sel < d->nconf) {
		*type = d->conf[d->lines.sel].type->name;
		return d->conf[d->lines.sel].record;
	}
	if (d->lines.sel < 0)
		return NULL;
	if (d->tab == TAB_APPROVALS)
		return approvals_selected(d, type);
	if (k < 0)
		return NULL;
	*type = detail_kid_types[k];
	return detail_live_nth(d->kids[k], d->lines.sel);
}

static int detail_resolve_open(struct tui *t, struct detail *d)
{
	const struct dconflict *c;
	char title[300], value[2048], **labels;
	size_t n;
	int rc;

	if (!d->nconf) {
		tui_message(t, "%s", _("No conflicts in this case."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (d->tab != TAB_CONFLICTS || d->lines.sel < 0) {
		detail_goto_tab(t, d, TAB_CONFLICTS);
		tui_message(t, "%s", _("Choose a conflict with j and k, then press r"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	c = &d->conf[d->lines.sel];
	n = json_array_size(c->values);
	if (!(labels = calloc(n ? n : 1, sizeof *labels))) {
		tui_error(t, "%s", _("out of memory"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	for (size_t j = 0; j < n; j++) {
		const json_t *v = json_array_get(c->values, j);
		const char *who = json_string_value(json_object_get(v, "officer"));
		detail_value(t, c->field, json_object_get(v, "value"), value, sizeof value);
		if (asprintf(&labels[j], "%zu. %s  (%s)", j + 1, value[0] ? value : _("(empty)"),
			     who ? who : _("unknown device")) < 0)
			labels[j] = NULL;
	}
	snprintf(title, sizeof title, _("Keep which %s?"), tui_zh(t) ? c->field->zh : c->field->en);
	d->resolving = d->lines.sel;
	for (size_t j = 0; j < n; j++)
		if (!labels[j]) {
			tui_error(t, "%s", _("out of memory"));
			rc = TUI_HANDLED | TUI_REDRAW;
			goto out;
		}
	rc = tui_menu_open(t, TAG_RESOLVE, title, (const char *const *)labels, (int)n, 0);
out:
	for (size_t j = 0; j < n; j++)
		free(labels[j]);
	free(labels);
	return rc;
}

/* The chosen value written as an ordinary write: it depends on every head, so it has seen
 * every competing value and settles the conflict. */
static int detail_resolve(struct tui *t, struct detail *d, int index)
{
	const struct dconflict *c;
	char name[512];
	json_t *set;
	ipc_err e;
	int rc;

	if (d->resolving < 0 || (size_t)d->resolving >= d->nconf)
		return TUI_HANDLED | TUI_REDRAW;
	c = &d->conf[d->resolving];
	if (!(set = json_object())
	    || json_object_set(set, c->field->name,
			       json_object_get(json_array_get(c->values, (size_t)index), "value"))) {
		json_decref(set);
		tui_error(t, "%s", _("out of memory"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	detail_record_name(t, d, c->type->name, json_string_value(json_object_get(c->record, "id")),
			   name, sizeof name);
	rc = db_write(tui_db(t), c->type->name, json_string_value(json_object_get(c->record, "id")),
		      set, NULL, &e);
	json_decref(set);
	if (rc) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, _("Resolved: %s of %s keeps the chosen value"),
		    tui_zh(t) ? c->field->zh : c->field->en, name);
	return TUI_HANDLED | TUI_REDRAW | TUI_CHANGED;
}

/* ---- the screen ---- */

static void *detail_open(struct tui *t, void *arg, ipc_err *e)
{
	struct detail *d = calloc(1, sizeof *d);

	if (!d) {
		err_nomem(e);
		return NULL;
	}
	snprintf(d->case_id, sizeof d->case_id, "%s", (const char *)arg);
	d->lines.sel = d->resolving = -1;
	if (detail_read(t, d, e)) {
		free(d);
		return NULL;
	}
	return d;
}

static void detail_close(void *st)
{
	struct detail *d = st;

	data_free(d);
	wrap_free(&d->lines);
	free(d);
}

static int detail_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct detail *d = st;

	d->r = r;
	lay_out(t, d);
	return TUI_REDRAW;
}

static int detail_reload(struct tui *t, void *st)
{
	struct detail *d = st;
	ipc_err e;

	if (detail_read(t, d, &e))
		tui_error(t, "%s", e.msg);
	lay_out(t, d);
	return TUI_REDRAW;
}

/* The actions that open a form (tui/form.h): a new record of the tab's type, the selected
 * record, the case's next workflow step, an evidence file. */
static int detail_form_action(struct tui *t, struct detail *d, enum tui_action a)
{
	const char *type = NULL;
	const json_t *rec;
	int k = detail_tab_kid(d->tab);

	switch (a) {
	case TUI_ACT_NEW:
		if (d->tab == TAB_APPROVALS) /* an approval is asked (p): a discussion is recorded */
			return tui_form_record(t, "discussion", NULL, d->case_id);
		if (k < 0) {
			tui_message(t, "%s", _("New records are added in the parties, evidence, "
					       "inspections and mediations tabs, a collective "
					       "discussion in the approvals tab."));
			return TUI_HANDLED | TUI_REDRAW;
		}
		return tui_form_record(t, detail_kid_types[k], NULL, d->case_id);
	case TUI_ACT_EDIT:
		if (!(rec = detail_selected(d, &type)))
			return TUI_HANDLED;
		return tui_form_record(t, type, json_string_value(json_object_get(rec, "id")),
				       d->case_id);
	case TUI_ACT_STATUS:
		return tui_form_status(t, d->case_id);
	default:
		return tui_form_attach(t, d->case_id);
	}
}

/* Enter in the evidence tab: the selected item's file, in the desktop's viewer when there is
 * a display; without one, where it is and its SHA-256 (the path names the copy in the
 * workspace, which the hash proves is the file attached). */
static int detail_evidence_open(struct tui *t, struct detail *d)
{
	const char *type = NULL, *sha, *name;
	const json_t *rec = detail_selected(d, &type);
	char path[1200], shown[1300], title[400], text[1600];

	if (!rec)
		return TUI_HANDLED;
	name = jtext(rec, "file_name");
	if (!(sha = jstr(rec, "file_sha256"))) {
		tui_message(t, "%s", _("No file attached to this evidence item (A attaches one)"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (detail_file_state(d, sha) != DB_FILE_OK) {
		tui_error(t, "%s", _("The file is missing or damaged in this workspace: see its file "
				     "check"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	db_file_path(tui_db(t), sha, path, sizeof path);
	if (opener_display()) {
		opener_start(path);
		tui_message(t, _("Opened %s"), name);
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(title, sizeof title, _("Evidence file: %s"), name);
	snprintf(text, sizeof text, _("No display to open it on ($DISPLAY and $WAYLAND_DISPLAY are "
				      "not set): the file is kept at\n%s\nSHA-256 %s"),
		 opener_home_short(path, shown, sizeof shown), sha);
	return tui_screen_push(t, &tui_textview_screen, &(struct textview_arg){title, text});
}

/* J: the form of the next step of the case's transfer to the police, the first one that has
 * a step left. */
static int detail_police_step(struct tui *t, struct detail *d)
{
	size_t i;
	json_t *x;

	json_array_foreach(d->police, i, x)
		if (json_is_object(json_object_get(x, "next")))
			return tui_form_police(t, jstr(x, "id"));
	tui_message(t, "%s", json_array_size(d->police)
		    ? _("The transfer to the police has no step left")
		    : _("This case has no transfer to the police: ipcase police transfer records "
			"the report"));
	return TUI_HANDLED | TUI_REDRAW;
}

/* y and x on the approvals tab: answers the selected approval. */
static int detail_approval_answer(struct tui *t, struct detail *d, bool approve)
{
	const char *type = NULL;
	const json_t *rec = d->tab == TAB_APPROVALS ? detail_selected(d, &type) : NULL;

	if (!rec || strcmp(type, "approval")) {
		if (d->tab != TAB_APPROVALS)
			detail_goto_tab(t, d, TAB_APPROVALS);
		tui_message(t, "%s", _("Choose an approval with j and k, then press y or x"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	return tui_approval_answer(t, jtext(rec, "id"), approve);
}

static int detail_action(struct tui *t, void *st, enum tui_action a)
{
	struct detail *d = st;

	switch (a) {
	case TUI_ACT_UP:
		return d->lines.nitems ? detail_select(d, d->lines.sel - 1) : detail_scroll(d, -1);
	case TUI_ACT_DOWN:
		return d->lines.nitems ? detail_select(d, d->lines.sel + 1) : detail_scroll(d, 1);
	case TUI_ACT_PAGE_UP:
		return detail_page(d, -1);
	case TUI_ACT_PAGE_DOWN:
		return detail_page(d, 1);
	case TUI_ACT_FIRST:
		d->lines.top = 0;
		return d->lines.nitems ? detail_select(d, 0) : detail_scroll(d, 0);
	case TUI_ACT_LAST:
		d->lines.top = (int)d->lines.n;
		return d->lines.nitems ? detail_select(d, d->lines.nitems - 1) : detail_scroll(d, 0);
	case TUI_ACT_NEXT_TAB:
		return detail_goto_tab(t, d, d->tab + 1);
	case TUI_ACT_PREV_TAB:
		return detail_goto_tab(t, d, d->tab - 1);
	case TUI_ACT_RESOLVE:
		return detail_resolve_open(t, d);
	case TUI_ACT_NEW:
	case TUI_ACT_EDIT:
	case TUI_ACT_STATUS:
	case TUI_ACT_ATTACH:
		return detail_form_action(t, d, a);
	case TUI_ACT_CAPTURE: /* an inspection of this case, at its place */
		return tui_form_capture(t, d->case_id);
	case TUI_ACT_REQUEST:
		return tui_collab_request(t, d->case_id);
	case TUI_ACT_HANDOFF:
		return tui_collab_handoff(t, d->case_id);
	case TUI_ACT_ASSIGN:
		return tui_screen_push(t, &tui_assign_screen, d->case_id);
	case TUI_ACT_RESPONDENT: /* the list searched by the USCC: this case and the others */
		if (!d->respondent.uscc[0]) {
			tui_message(t, "%s", _("No respondent of this case has a USCC"));
			return TUI_HANDLED;
		}
		return tui_screen_push(t, &tui_list_screen,
				       &(struct list_seed){.q = {.text = d->respondent.uscc}});
	case TUI_ACT_DOCUMENTS:
		return tui_screen_push(t, &tui_documents_screen, d->case_id);
	case TUI_ACT_ASK_APPROVAL:
		return tui_approval_ask(t, d->case_id);
	case TUI_ACT_APPROVE:
	case TUI_ACT_REFUSE:
		return detail_approval_answer(t, d, a == TUI_ACT_APPROVE);
	case TUI_ACT_POLICE:
		return detail_police_step(t, d);
	case TUI_ACT_OPEN:
		return d->tab == TAB_EVIDENCE ? detail_evidence_open(t, d) : 0;
	case TUI_ACT_CLICK:
		return detail_click(t, d);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	case TUI_ACT_REFRESH: /* check the files again; the framework reloads and repaints */
		d->nfiles = 0;
		return 0;
	default:
		return 0;
	}
}

static int detail_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	if (a->tag != TAG_RESOLVE || a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	return detail_resolve(t, st, a->index);
}

/* ---- drawing ---- */

/* "冀石市监处罚〔2026〕13010001-1号  耐克运动鞋商标侵权案", and at its right end, in the
 * warning colour, the flag of a suspected crime. */
static void draw_title(struct detail *d, WINDOW *w, struct tui_rect r)
{
	const char *crime = d->crime ? _("[suspected crime: transfer to the police]") : "";
	int cw = d->crime ? tui_text_width(crime) : 0;
	char line[1200];

	snprintf(line, sizeof line, "%s%s%s%s", jtext(d->rec, "case_no"),
		 *jtext(d->rec, "case_no") ? "  " : "", jtext(d->rec, "title"),
		 json_is_true(json_object_get(d->rec, "deleted")) ? _("  [deleted]") : "");
	tui_draw_text(w, r.y, r.x, r.w, "", theme_attr(TUI_E_TITLE));
	if (cw > r.w / 2)
		cw = 0;
	tui_draw_text(w, r.y, r.x + 1, r.w - 1 - (cw ? cw + 1 : 0), line, theme_attr(TUI_E_TITLE));
	if (cw)
		tui_draw_text(w, r.y, r.x + r.w - cw, cw, crime, theme_attr(TUI_E_WARN));
}

/* "status: clue   IP type: trademark   next: verifying, not filed" */
static void draw_state(struct tui *t, struct detail *d, WINDOW *w, struct tui_rect r)
{
	const struct rtype *rt = schema_type("case");
	const struct field *fs = schema_field(rt, "status"), *ft = schema_field(rt, "ip_type");
	const char *next[8], *status = jtext(d->rec, "status");
	char steps[600] = "", line[1000];
	size_t n = workflow_next(jstr(d->rec, "procedure"), status, next, 8), len = 0;
	bool zh = tui_zh(t);

	for (size_t i = 0; i < n && len < sizeof steps; i++)
		len += (size_t)snprintf(steps + len, sizeof steps - len, "%s%s%s", i ? ", " : "",
					schema_enum_label(case_statuses, next[i], zh),
					d->next_approved[i] < 0 ? "" : d->next_approved[i]
					? _(" (approved)") : _(" (needs approval)"));
	snprintf(line, sizeof line, _("%s: %s   %s: %s   next: %s"), zh ? fs->zh : fs->en,
		 schema_enum_label(case_statuses, status, zh), zh ? ft->zh : ft->en,
		 schema_enum_label(case_ip_types, jtext(d->rec, "ip_type"), zh),
		 n ? steps : _("none (final)"));
	tui_draw_text(w, r.y + 1, r.x + 1, r.w - 1, line, A_NORMAL);
}

/* Where the view is, at the tab row's right end: "2/3" (the selected item), or "19/35" (the
 * last line shown, of all); "" when everything shows. */
static void position_text(const struct detail *d, char *buf, size_t n)
{
	const struct wrap *l = &d->lines;
	int last = l->top + rows_of(d) < (int)l->n ? l->top + rows_of(d) : (int)l->n;

	buf[0] = '\0';
	if (l->nitems && l->sel >= 0)
		snprintf(buf, n, "%d/%d", l->sel + 1, l->nitems);
	else if ((int)l->n > rows_of(d))
		snprintf(buf, n, "%d/%zu", last, l->n);
}

static void tab_label(const struct detail *d, int i, char *buf, size_t n)
{
	bool cur = i == d->tab;

	if (i == TAB_OVERVIEW)
		snprintf(buf, n, cur ? "[%s]" : "%s", _(detail_tabs[i].label));
	else
		snprintf(buf, n, cur ? "[%s %d]" : "%s %d", _(detail_tabs[i].label), d->counts[i]);
}

/* "[Overview]  Parties 2  Evidence 1 …": the current tab in brackets (visible without
 * colours too), conflicts in the warning colour while there are any. On a narrow terminal
 * the row starts at a later tab so that the current one shows. */
static void draw_tabs(struct detail *d, WINDOW *w, struct tui_rect r)
{
	char label[128];
	int x = r.x + 1, first = 0, need;

	do { /* the width of the tabs from `first` to the current one */
		need = 1;
		for (int i = first; i <= d->tab; i++) {
			tab_label(d, i, label, sizeof label);
			need += tab_shown(d, i) ? tui_text_width(label) + 2 : 0;
		}
	} while (need - 2 > r.w && first < d->tab && ++first);
	for (int i = first; i < NTABS; i++) {
		attr_t a = i == d->tab ? theme_attr(TUI_E_TAB)
			   : i == TAB_CONFLICTS && d->counts[i] ? theme_attr(TUI_E_WARN) : A_NORMAL;
		int lw;
		if (!tab_shown(d, i))
			continue;
		tab_label(d, i, label, sizeof label);
		lw = tui_text_width(label);
		if (x + lw > r.x + r.w)
			return;
		tui_draw_text(w, r.y + 2, x, lw, label, a);
		x += lw + 2;
	}
}

/* A rule under the tabs; at its right end the selected record and the position:
 * "─── party 张三  2/3 ──". */
static void draw_rule(struct tui *t, struct detail *d, WINDOW *w, struct tui_rect r)
{
	const char *type = NULL;
	const json_t *rec = detail_selected(d, &type);
	char pos[40], label[560], name[500] = "";
	int pw;

	theme_hline(w, r.y + 3, r.x, r.w, theme_attr(TUI_E_HINT));
	position_text(d, pos, sizeof pos);
	if (d->lines.nitems && rec)
		detail_record_name(t, d, type, json_string_value(json_object_get(rec, "id")), name,
				   sizeof name);
	snprintf(label, sizeof label, " %s%s%s ", name, name[0] ? "  " : "", pos);
	pw = tui_text_width(label);
	if (pw > r.w - 8) /* a long name keeps the position in view: it gives way from the left */
		pw = r.w - 8;
	if (pos[0] && pw > 0)
		tui_draw_text(w, r.y + 3, r.x + r.w - pw - 2, pw, tui_text_tail(label, pw),
			      theme_attr(TUI_E_HINT));
}

static void detail_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct detail *d = st;

	draw_title(d, w, r);
	draw_state(t, d, w, r);
	draw_tabs(d, w, r);
	draw_rule(t, d, w, r);
	wrap_draw(&d->lines, w, (struct tui_rect){r.y + HEAD_ROWS, r.x, rows_of(d), r.w});
}

const struct tui_screen_ops tui_detail_screen = {
	.name = "detail",
	.open = detail_open,
	.draw = detail_draw,
	.action = detail_action,
	.answer = detail_answer,
	.resize = detail_resize,
	.reload = detail_reload,
	.close = detail_close,
};
