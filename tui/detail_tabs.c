/* detail_tabs — the content of each tab of the case screen as lines: labels and values from
 * the schema's zh/en pairs, long values wrapped to the width by columns (tui/wrap). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "base/validate.h"
#include "db/calendar.h"
#include "db/rules/credit_rules.h"
#include "db/rules/deadline.h"
#include "db/rules/intake.h"
#include "db/rules/investigator_terms.h"
#include "db/rules/police.h"
#include "tui/detail.h"
#include "tui/investigator.h"
#include "tui/keys.h"

const struct detail_tab_spec detail_tabs[NTABS] = {
	[TAB_OVERVIEW] = {N_("Overview"), "case"},
	[TAB_PARTIES] = {N_("Parties"), "party"},
	[TAB_EVIDENCE] = {N_("Evidence"), "evidence"},
	[TAB_INSPECTIONS] = {N_("Inspections"), "inspection"},
	[TAB_APPROVALS] = {N_("Approvals"), "approval"},
	[TAB_HISTORY] = {N_("History"), NULL},
	[TAB_CONFLICTS] = {N_("Conflicts"), NULL},
	[TAB_MEDIATIONS] = {N_("Mediations"), "mediation"},
};

const char *const detail_kid_types[NKIDS] = {"party", "evidence", "inspection", "approval",
					     "discussion", "mediation"};

int detail_tab_kid(int tab)
{
	if (tab == TAB_MEDIATIONS)
		return KID_MEDIATION;
	return tab >= TAB_PARTIES && tab <= TAB_INSPECTIONS ? tab - TAB_PARTIES : -1;
}

const json_t *detail_live_nth(const json_t *records, int n)
{
	size_t i;
	json_t *r;

	json_array_foreach(records, i, r)
		if (!json_is_true(json_object_get(r, "deleted")) && n-- == 0)
			return r;
	return NULL;
}

/* What a record of each kind is called by (its item's first line shows these fields). */
static const struct {
	const char *head[3]; /* fields of the item's first line */
	const char *name;    /* the field that names it in the history and conflicts */
} kid_views[NKIDS] = {
	[KID_PARTY] = {{"role", "name"}, "name"},
	[KID_EVIDENCE] = {{"kind", "description"}, "kind"},
	[KID_INSPECTION] = {{"inspected_at", "place_kind", "place_name"}, "place_name"},
	[KID_APPROVAL] = {{"step", "status"}, "step"},
	[KID_DISCUSSION] = {{"held_on", "purpose"}, "purpose"},
	[KID_MEDIATION] = {{"mediated_on", "outcome", "document_no"}, "outcome"},
};

#define VALUE_MAX 8192
#define INDENT 1      /* the left margin */
#define SUB_INDENT 3  /* an item's fields, under its first line */

static const char *field_label(struct tui *t, const struct field *f)
{
	return tui_zh(t) ? f->zh : f->en;
}

/* ---- values ---- */

/* Officers "王建国 (13010001), …" (`code` cert) or organisations "甲公司 (USCC), …" (uscc). */
static void named_text(const json_t *v, const char *code, char *buf, size_t n)
{
	size_t len = 0, i;
	json_t *h;

	buf[0] = '\0';
	json_array_foreach(v, i, h) {
		const char *name = json_string_value(json_object_get(h, "name"));
		const char *cert = json_string_value(json_object_get(h, code));
		if (len >= n)
			break;
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", name ? name : "");
		if (cert && *cert && len < n)
			len += (size_t)snprintf(buf + len, n - len, " (%s)", cert);
	}
}

const char *detail_value(struct tui *t, const struct field *f, const json_t *v, char *buf,
			 size_t n)
{
	const char *s = json_string_value(v), *name;

	buf[0] = '\0';
	if (!v || json_is_null(v))
		return buf;
	switch (f->kind) {
	case FK_ENUM:
		snprintf(buf, n, "%s", schema_enum_label(f->values, s ? s : "", tui_zh(t)));
		break;
	case FK_HANDLERS:
		named_text(v, "cert", buf, n);
		break;
	case FK_ORGS:
		named_text(v, "uscc", buf, n);
		break;
	case FK_BOOL:
		snprintf(buf, n, "%s", json_is_true(v) ? _("yes") : _("no"));
		break;
	case FK_INT:
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case FK_DATETIME: /* 2026-03-01T10:00 is stored; people read 2026-03-01 10:00 */
		snprintf(buf, n, "%s", s ? s : "");
		if (strlen(buf) > 10 && buf[10] == 'T')
			buf[10] = ' ';
		break;
	case FK_REGION:
		name = s ? validate_region_name(s) : NULL;
		snprintf(buf, n, "%s%s%s", s ? s : "", name ? " " : "", name ? name : "");
		break;
	default:
		snprintf(buf, n, "%s", s ? s : "");
	}
	return buf;
}

/* 1234567 → "1.2 MiB (1234567 bytes)". */
static void size_text(json_int_t bytes, char *buf, size_t n)
{
	static const char *const units[] = {"KiB", "MiB", "GiB"};
	double v = (double)bytes;
	int u = -1;

	while (v >= 1024 && u < 2)
		v /= 1024, u++;
	if (u < 0)
		snprintf(buf, n, _("%lld bytes"), (long long)bytes);
	else
		snprintf(buf, n, _("%.1f %s (%lld bytes)"), v, units[u], (long long)bytes);
}

static int kid_index(const char *type)
{
	for (int k = 0; k < NKIDS; k++)
		if (!strcmp(detail_kid_types[k], type))
			return k;
	return -1;
}

static const json_t *kid_find(const struct detail *d, int k, const char *id)
{
	size_t i;
	json_t *r;

	json_array_foreach(d->kids[k], i, r)
		if (!strcmp(json_string_value(json_object_get(r, "id")), id))
			return r;
	return NULL;
}

void detail_record_name(struct tui *t, const struct detail *d, const char *type,
			const char *id, char *buf, size_t n)
{
	const struct rtype *rt = schema_type(type);
	int k = kid_index(type);
	const json_t *r = k >= 0 ? kid_find(d, k, id) : NULL;
	char name[VALUE_MAX];

	if (!strcmp(type, "case") || !rt) {
		snprintf(buf, n, "%s", _("the case"));
		return;
	}
	name[0] = '\0';
	if (r)
		detail_value(t, schema_field(rt, kid_views[k].name),
			     json_object_get(r, kid_views[k].name), name, sizeof name);
	snprintf(buf, n, "%s%s%s", tui_zh(t) ? rt->zh : rt->en, name[0] ? " " : "", name);
}

enum db_file_state detail_file_state(const struct detail *d, const char *sha)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (!strcmp(d->files[i].sha, sha))
			return d->files[i].state;
	return DB_FILE_MISSING;
}

static bool conflicted(const struct detail *d, const json_t *record, const char *field)
{
	for (size_t i = 0; i < d->nconf; i++)
		if (d->conf[i].record == record && !strcmp(d->conf[i].field->name, field))
			return true;
	return false;
}

/* ---- lines ---- */

/* Adds `text` wrapped into the columns right of a label column `lw` wide at `indent`; the
 * label (may be NULL) goes on the first line. */
static void add(struct detail *d, int indent, int lw, const char *label, const char *text,
		enum tui_elem el, int item, bool head)
{
	wrap_add_label(&d->lines, indent, lw, label, text, el, item, head);
}

static void add_blank(struct detail *d)
{
	add(d, 0, 0, NULL, "", TUI_E_NORMAL, -1, false);
}

/* The label column: the widest label of type rt (and `extra`), and two columns of gap. */
static int label_width(struct tui *t, const struct rtype *rt, const char *extra)
{
	int w = extra ? tui_text_width(extra) : 0;

	for (size_t i = 0; rt && i < rt->nfields; i++) {
		int wi = tui_text_width(field_label(t, &rt->fields[i]));
		if (wi > w)
			w = wi;
	}
	return w + 2;
}

/* A field of a record as a labelled line: its value, and whether it is confidential or in
 * conflict. */
static void add_field(struct tui *t, struct detail *d, int indent, int lw, const struct rtype *rt,
		      const json_t *rec, const struct field *f, int item)
{
	char value[VALUE_MAX], text[VALUE_MAX + 256];
	bool conflict = conflicted(d, rec, f->name);

	detail_value(t, f, json_object_get(rec, f->name), value, sizeof value);
	if (f->kind == FK_INT && !strcmp(f->name, "file_size"))
		size_text(json_integer_value(json_object_get(rec, f->name)), value, sizeof value);
	snprintf(text, sizeof text, "%s%s%s", value[0] ? value : "-",
		 schema_confidential(rt, f, rec) ? _("  (confidential: stays in the office)") : "",
		 conflict ? _("  (in conflict: see Conflicts)") : "");
	add(d, indent, lw, field_label(t, f), text, conflict ? TUI_E_WARN : TUI_E_NORMAL, item,
	    false);
}

/* ---- the tabs ---- */

/* Under the overview, when the case has any: its technical investigators,
 * "赵博  investigation, analysis  proposed  due 2026-04-01". */
static void lay_out_assignments(struct tui *t, struct detail *d)
{
	char tasks[512], text[1024];
	size_t i;
	json_t *a;

	if (!json_array_size(d->assignments))
		return;
	add_blank(d);
	add(d, INDENT, 0, NULL, _("Technical investigators (T assigns)"), TUI_E_LABEL, -1, false);
	json_array_foreach(d->assignments, i, a) {
		const char *due = jtext(a, "due");
		snprintf(text, sizeof text, "%s  %s  %s%s%s%s", jtext(a, "investigator_name"),
			 investigator_labels(t, json_object_get(a, "tasks"), false, tasks, sizeof tasks),
			 schema_enum_label(assignment_statuses, jtext(a, "status"),
					   tui_zh(t)), *due ? _("  due ") : "", due,
			 *jtext(a, "recusal_id") ? _("  (despite a conflict: the written reason is kept)")
						      : "");
		add(d, SUB_INDENT, 0, NULL, text, TUI_E_NORMAL, -1, false);
	}
}

/* Under the overview, when the case has any: its open deadlines, "2026-10-27  fine payment
 * 5 days late", and the late-payment surcharge it owes today. */
static void lay_out_deadlines(struct detail *d)
{
	struct deadline_surcharge s;
	char text[512], today[11];
	size_t i;
	json_t *r;

	cal_today(today);
	if (!json_array_size(d->deadlines))
		return;
	add_blank(d);
	add(d, INDENT, 0, NULL, _("Deadlines"), TUI_E_LABEL, -1, false);
	json_array_foreach(d->deadlines, i, r) {
		int left = (int)json_integer_value(json_object_get(r, "days_left"));
		char when[64];
		if (left < 0)
			snprintf(when, sizeof when, _("%d days late"), -left);
		else if (left > 0)
			snprintf(when, sizeof when, _("in %d days"), left);
		else
			snprintf(when, sizeof when, "%s", _("today"));
		snprintf(text, sizeof text, "%s%s  %s  %s", jtext(r, "due"),
			 json_is_true(json_object_get(r, "confirmed")) ? "" : "?",
			 deadline_kind_label(jtext(r, "kind")), when);
		add(d, SUB_INDENT, 0, NULL, text, left < 0 ? TUI_E_OVERDUE : TUI_E_NORMAL, -1, false);
	}
	if (deadline_surcharge(d->rec, today, &s)) {
		deadline_surcharge_text(&s, text, sizeof text);
		add(d, SUB_INDENT, 0, NULL, text, TUI_E_OVERDUE, -1, false);
	}
}

/* First in the overview, when the respondent's USCC is in other cases: how many, and its
 * penalties of the last five years (a repeat infringer is punished more heavily, 商标法
 * art. 60). */
static void lay_out_respondent(struct detail *d)
{
	char text[256];

	if (!d->respondent.others)
		return;
	snprintf(text, sizeof text, _("This respondent (%s) has %lld other cases, %lld penalties in "
		 "the last five years (P lists them)"), d->respondent.uscc,
		 (long long)d->respondent.others, (long long)d->respondent.penalties);
	add(d, INDENT, 0, NULL, text, d->respondent.penalties ? TUI_E_WARN : TUI_E_NORMAL, -1,
	    false);
	add_blank(d);
}

/* One penalty of the respondent: decision date, fine, its display and its last repair. */
static void credit_line(const json_t *p, char *text, size_t n)
{
	const json_t *c = json_object_get(p, "credit"), *repairs = json_object_get(c, "repairs");
	const json_t *r = json_array_get(repairs, json_array_size(repairs) - 1);
	int k = snprintf(text, n, _("%s fine %s"), jtext(p, "decided_on"),
			 jstr(p, "fine") ? jstr(p, "fine") : "0");

	if (!json_is_object(c))
		k += snprintf(text + k, n - (size_t)k, "%s", _(", not published"));
	else if (jstr(c, "withdrawn"))
		k += snprintf(text + k, n - (size_t)k, _(", display ended %s"), jstr(c, "withdrawn"));
	else
		k += snprintf(text + k, n - (size_t)k, _(", displayed to %s"), jstr(c, "display_ends"));
	if (r && (size_t)k < n)
		snprintf(text + k, n - (size_t)k, _(", repair: %s"), jstr(r, "decision")
			 ? schema_enum_label(credit_repair_decisions, jstr(r, "decision"), i18n_zh())
			 : _("not decided"));
}

/* The respondent's credit (credit_history, as `ipcase credit history` shows it): its
 * penalties of the last five years, with their display and repair. */
static void lay_out_credit(struct detail *d)
{
	char today[11], since[24], text[256];
	const json_t *p;
	bool head = false;
	size_t i;

	cal_today(today);
	snprintf(since, sizeof since, "%04d%s", atoi(today) - 5, today + 4);
	json_array_foreach(d->credit, i, p) {
		if (strcmp(jtext(p, "decided_on"), since) < 0)
			continue;
		if (!head)
			add(d, INDENT, 0, NULL, _("Penalties of this respondent, last five years:"),
			    TUI_E_NORMAL, -1, false);
		head = true;
		credit_line(p, text, sizeof text);
		add(d, SUB_INDENT, 0, NULL, text, TUI_E_NORMAL, -1, false);
	}
	if (head)
		add_blank(d);
}

/* The steps of one transfer to the police done, a line each with its date, then the next
 * step and its limit (in the overdue colour once past). */
static void lay_out_transfer(struct tui *t, struct detail *d, const json_t *x, const char *today)
{
	const char *name = tui_zh(t) ? police_transfer_type.zh : police_transfer_type.en;
	const json_t *next = json_object_get(x, "next"), *s;
	char keys[64], head[256], text[512];
	int lw = 0;
	size_t i;

	for (const struct police_step *p = police_steps; p->id; p++) /* the labels' column */
		if (tui_text_width(police_step_label(p->id)) + 2 > lw)
			lw = tui_text_width(police_step_label(p->id)) + 2;
	keys_for(TUI_ACT_POLICE, keys, sizeof keys);
	if (json_is_object(next) && keys[0])
		snprintf(head, sizeof head, _("%s (%s records the next step)"), name, keys);
	else
		snprintf(head, sizeof head, "%s", name);
	add(d, INDENT, 0, NULL, head, TUI_E_LABEL, -1, false);
	json_array_foreach(json_object_get(x, "steps"), i, s) {
		police_step_text(s, text, sizeof text);
		add(d, SUB_INDENT, lw, police_step_label(jstr(s, "step")), text, TUI_E_NORMAL, -1,
		    false);
	}
	police_next_text(x, text, sizeof text);
	add(d, SUB_INDENT, 0, NULL, text, jstr(next, "due") && strcmp(jstr(next, "due"), today) < 0
	    ? TUI_E_OVERDUE : TUI_E_NORMAL, -1, false);
	add_blank(d);
}

/* The complaints and reports this case came from or was linked to: received, channel, kind,
 * subject and what came of each — never who made them (that is on the intake's form, from
 * the inbox). */
static void lay_out_intakes(struct tui *t, struct detail *d)
{
	char keys[64], text[512];
	const json_t *x;
	size_t i;

	if (!json_array_size(d->intakes))
		return;
	keys_for(TUI_ACT_INTAKES, keys, sizeof keys);
	snprintf(text, sizeof text, _("Complaints and reports linked: %zu (%s: the inbox)"),
		 json_array_size(d->intakes), keys);
	add(d, INDENT, 0, NULL, text, TUI_E_LABEL, -1, false);
	json_array_foreach(d->intakes, i, x) {
		const char *outcome = jstr(x, "outcome");
		snprintf(text, sizeof text, "%s  %s  %s  %s%s%s", jtext(x, "received_on"),
			 schema_enum_label(intake_channels, jtext(x, "channel"), tui_zh(t)),
			 schema_enum_label(intake_kinds, jtext(x, "kind"), tui_zh(t)), jtext(x, "subject"),
			 outcome ? " · " : "",
			 outcome ? schema_enum_label(intake_outcomes, outcome, tui_zh(t)) : "");
		add(d, SUB_INDENT, 0, NULL, text, TUI_E_NORMAL, -1, false);
	}
	add_blank(d);
}

/* First in the overview, in the warning colour: the key trademarks (重点商标) the case's goods
 * carry, "Key trademark: NIKE (耐克创新有限合伙公司, 1234567)". */
static void lay_out_key_marks(struct detail *d)
{
	char text[1024];
	size_t i;
	json_t *m;

	json_array_foreach(d->key_marks, i, m) {
		snprintf(text, sizeof text, _("Key trademark: %s (%s%s%s)"), jtext(m, "mark"),
			 jtext(m, "holder"), jstr(m, "reg_no") ? ", " : "", jtext(m, "reg_no"));
		add(d, INDENT, 0, NULL, text, TUI_E_WARN, -1, false);
	}
	if (json_array_size(d->key_marks))
		add_blank(d);
}

static void lay_out_overview(struct tui *t, struct detail *d)
{
	const struct rtype *rt = schema_type("case");
	int lw = label_width(t, rt, NULL);
	char today[11];
	const json_t *x;
	size_t i;

	cal_today(today);
	lay_out_key_marks(d);
	lay_out_respondent(d);
	lay_out_credit(d);
	json_array_foreach(d->police, i, x)
		lay_out_transfer(t, d, x, today);
	lay_out_intakes(t, d);
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];
		if (!strcmp(f->name, "deleted") && !json_is_true(json_object_get(d->rec, f->name)))
			continue;
		add_field(t, d, INDENT, lw, rt, d->rec, f, -1);
	}
	lay_out_deadlines(d);
	lay_out_assignments(t, d);
}

static bool is_head(int k, const char *field)
{
	for (int i = 0; i < 3 && kid_views[k].head[i]; i++)
		if (!strcmp(kid_views[k].head[i], field))
			return true;
	return false;
}

/* The item's first line: its head fields one after the other. */
static void add_head(struct tui *t, struct detail *d, int k, const struct rtype *rt,
		     const json_t *rec, int item)
{
	char text[VALUE_MAX * 2] = "", value[VALUE_MAX];
	size_t len = 0;
	bool secret = false;

	for (int i = 0; i < 3 && kid_views[k].head[i] && len < sizeof text; i++) {
		const struct field *f = schema_field(rt, kid_views[k].head[i]);
		detail_value(t, f, json_object_get(rec, f->name), value, sizeof value);
		secret |= schema_confidential(rt, f, rec);
		if (value[0])
			len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", len ? "  " : "",
						value);
	}
	if (secret && len < sizeof text)
		snprintf(text + len, sizeof text - len, "%s", _("  (confidential: stays in the office)"));
	add(d, INDENT, 0, NULL, text, TUI_E_LABEL, item, true);
}

static void add_file_state(struct tui *t, struct detail *d, int lw, const json_t *rec, int item)
{
	const char *sha = json_string_value(json_object_get(rec, "file_sha256"));
	const char *label = _("file check");

	(void)t;
	if (!sha) {
		add(d, SUB_INDENT, lw, label, _("no file attached"), TUI_E_HINT, item, false);
		return;
	}
	switch (detail_file_state(d, sha)) {
	case DB_FILE_OK:
		add(d, SUB_INDENT, lw, label, _("present, matches its SHA-256"), TUI_E_NORMAL, item,
		    false);
		break;
	case DB_FILE_MISSING:
		add(d, SUB_INDENT, lw, label, _("missing from this workspace (a sync with the "
						 "colleague who attached it brings it)"), TUI_E_WARN,
		    item, false);
		break;
	case DB_FILE_DAMAGED:
		add(d, SUB_INDENT, lw, label, _("DAMAGED: the copy no longer matches its SHA-256 "
						 "(attach the original again)"), TUI_E_ERROR, item,
		    false);
		break;
	}
}

/* The records of kind k not deleted, as items numbered from `first`; returns the next item's
 * number. */
static int add_kids(struct tui *t, struct detail *d, int k, int first)
{
	const struct rtype *rt = schema_type(detail_kid_types[k]);
	int lw = label_width(t, rt, k == KID_EVIDENCE ? _("file check") : NULL), item = first;
	size_t i;
	json_t *rec;

	json_array_foreach(d->kids[k], i, rec) {
		if (json_is_true(json_object_get(rec, "deleted")))
			continue;
		if (item > first)
			add_blank(d);
		add_head(t, d, k, rt, rec, item);
		for (size_t f = 0; f < rt->nfields; f++) {
			const struct field *fd = &rt->fields[f];
			json_t *v = json_object_get(rec, fd->name);
			if (is_head(k, fd->name) || !strcmp(fd->name, rt->parent)
			    || !strcmp(fd->name, "deleted") || !v || json_is_null(v))
				continue;
			add_field(t, d, SUB_INDENT, lw, rt, rec, fd, item);
		}
		if (k == KID_EVIDENCE)
			add_file_state(t, d, lw, rec, item);
		item++;
	}
	return item;
}

static void add_none(struct detail *d)
{
	add(d, INDENT, 0, NULL, _("None yet."), TUI_E_HINT, -1, false);
}

static void lay_out_kids(struct tui *t, struct detail *d, int k)
{
	if (!add_kids(t, d, k, 0))
		add_none(d);
}

/* The approvals asked for the case (items first), then its collective discussions. */
static void lay_out_approvals(struct tui *t, struct detail *d)
{
	int n;

	add(d, INDENT, 0, NULL, _("Approvals (p: ask; y, x: approve, refuse)"), TUI_E_LABEL, -1,
	    false);
	if (!(n = add_kids(t, d, KID_APPROVAL, 0)))
		add_none(d);
	add_blank(d);
	add(d, INDENT, 0, NULL, _("Collective discussions (a: record one)"), TUI_E_LABEL, -1,
	    false);
	if (add_kids(t, d, KID_DISCUSSION, n) == n)
		add_none(d);
}

/* "2026-03-02 09:00:00  王建国 (13010001)  changed party 张三" */
static void add_op_head(struct tui *t, struct detail *d, const json_t *op)
{
	const char *officer = json_string_value(json_object_get(op, "officer"));
	const char *cert = json_string_value(json_object_get(op, "cert"));
	const char *type = json_string_value(json_object_get(op, "type"));
	char who[200], name[VALUE_MAX], what[VALUE_MAX + 64], text[VALUE_MAX + 400];

	if (officer)
		snprintf(who, sizeof who, cert && *cert ? "%s (%s)" : "%s", officer, cert);
	else /* a writer whose key we do not hold: its key's start */
		snprintf(who, sizeof who, _("device %.12s"),
			 json_string_value(json_object_get(op, "actor")));
	detail_record_name(t, d, type, json_string_value(json_object_get(op, "record")), name,
			   sizeof name);
	snprintf(what, sizeof what,
		 json_array_size(json_object_get(op, "deps")) ? _("changed %s") : _("created %s"),
		 name);
	snprintf(text, sizeof text, "%s  %s  %s", json_string_value(json_object_get(op, "time")),
		 who, what);
	add(d, INDENT, 0, NULL, text, TUI_E_LABEL, -1, false);
}

static void lay_out_history(struct tui *t, struct detail *d)
{
	int lw = 0;
	size_t i;
	json_t *op;

	for (size_t k = 0; k < schema_ntypes; k++) {
		int w = label_width(t, schema_types[k], NULL);
		if (w > lw)
			lw = w;
	}
	json_array_foreach(d->history, i, op) {
		const struct rtype *rt = schema_type(json_string_value(json_object_get(op, "type")));
		json_t *set = json_object_get(op, "set");
		char value[VALUE_MAX];
		if (i)
			add_blank(d);
		add_op_head(t, d, op);
		for (size_t f = 0; rt && f < rt->nfields; f++) {
			const struct field *fd = &rt->fields[f];
			json_t *v = json_object_get(set, fd->name);
			if (!v || !strcmp(fd->name, rt->parent ? rt->parent : ""))
				continue;
			detail_value(t, fd, v, value, sizeof value);
			add(d, SUB_INDENT, lw, field_label(t, fd), value[0] ? value : _("(cleared)"),
			    TUI_E_NORMAL, -1, false);
		}
	}
}

/* One competing value: its number (the menu's order), the value, and who set it when. */
static void add_competing(struct tui *t, struct detail *d, const struct dconflict *c, size_t j,
			  int item)
{
	const json_t *v = json_array_get(c->values, j);
	const char *officer = json_string_value(json_object_get(v, "officer"));
	char no[24], value[VALUE_MAX], who[400];

	snprintf(no, sizeof no, "%zu.", j + 1);
	detail_value(t, c->field, json_object_get(v, "value"), value, sizeof value);
	add(d, SUB_INDENT, 4, no, value[0] ? value : _("(empty)"), TUI_E_NORMAL, item, false);
	snprintf(who, sizeof who, "%s, %s%s", officer ? officer : _("unknown device"),
		 json_string_value(json_object_get(v, "time")),
		 json_is_true(json_object_get(v, "current")) ? _(", shown now") : "");
	add(d, SUB_INDENT + 4, 0, NULL, who, TUI_E_HINT, item, false);
}

static void lay_out_conflicts(struct tui *t, struct detail *d)
{
	char name[VALUE_MAX], head[VALUE_MAX + 200];

	for (size_t i = 0; i < d->nconf; i++) {
		const struct dconflict *c = &d->conf[i];
		if (i)
			add_blank(d);
		detail_record_name(t, d, c->type->name,
				   json_string_value(json_object_get(c->record, "id")), name,
				   sizeof name);
		snprintf(head, sizeof head, "%s: %s", name, field_label(t, c->field));
		add(d, INDENT, 0, NULL, head, TUI_E_WARN, (int)i, true);
		for (size_t j = 0; j < json_array_size(c->values); j++)
			add_competing(t, d, c, j, (int)i);
	}
	if (!d->nconf)
		add(d, INDENT, 0, NULL, _("No conflicts: every field has one value."), TUI_E_HINT,
		    -1, false);
}

void detail_lay_out(struct tui *t, struct detail *d)
{
	wrap_reset(&d->lines, d->r.w);
	switch (d->tab) {
	case TAB_OVERVIEW:
		lay_out_overview(t, d);
		break;
	case TAB_PARTIES:
		lay_out_kids(t, d, KID_PARTY);
		break;
	case TAB_EVIDENCE:
		lay_out_kids(t, d, KID_EVIDENCE);
		break;
	case TAB_INSPECTIONS:
		lay_out_kids(t, d, KID_INSPECTION);
		break;
	case TAB_MEDIATIONS:
		lay_out_kids(t, d, KID_MEDIATION);
		break;
	case TAB_APPROVALS:
		lay_out_approvals(t, d);
		break;
	case TAB_HISTORY:
		lay_out_history(t, d);
		break;
	default:
		lay_out_conflicts(t, d);
	}
}
