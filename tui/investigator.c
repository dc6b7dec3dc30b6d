/* investigator — the investigator pool screen: name, organisation, fields, region, source pool,
 * availability and open assignments; `f` filters by field, region or availability, `/`
 * searches names and organisations as typed, Enter opens one, `a` adds one in a form, `i`
 * imports a CSV file (investigator_import_csv, as `ipcase investigator import`) and shows
 * what it did with the rows it refused. Only the visible page is read
 * (investigator_list with offset and limit, one row more to know whether the list goes on). */
#include "tui/investigator.h"
#include "db/rules/techfield.h"
#include "tui/form.h"
#include "tui/screens.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/paths.h"
#include "base/text.h"
#include "base/validate.h"
#include "db/rules/investigator.h"
#include "db/rules/investigator_csv.h"
#include "db/rules/investigator_rules.h"
#include "db/rules/investigator_terms.h"

enum { TAG_SEARCH, TAG_FILTER, TAG_FIELD, TAG_REGION, TAG_AVAIL, TAG_IMPORT };

struct investigators {
	struct investigator_query q;
	char field[64], region[16], avail[16], text[TUI_PROMPT_MAX];
	json_t *rows;     /* the visible page, and one row more when the list goes on */
	json_t *fields;   /* techfield_list, for the field menu */
	int64_t top, sel;
	int page;
};

/* ---- labels shared by the investigator screens ---- */

const char *investigator_labels(struct tui *t, const json_t *codes, bool tech, char *buf, size_t n)
{
	size_t i, len = 0;
	json_t *c;
	char label[128];

	buf[0] = '\0';
	json_array_foreach(codes, i, c) {
		if (tech)
			techfield_label(tui_db(t), json_string_value(c), tui_zh(t), label,
					sizeof label);
		else
			snprintf(label, sizeof label, "%s",
				 schema_enum_label(assignment_tasks, json_string_value(c), tui_zh(t)));
		if (len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", label);
	}
	return buf;
}

const char *investigator_region(const char *code, char *buf, size_t n)
{
	const char *name = code && *code ? validate_region_name(code) : NULL;

	snprintf(buf, n, "%s%s%s", code ? code : "", name ? " " : "", name ? name : "");
	return buf;
}

/* ---- reading ---- */

static int64_t investigators_shown(const struct investigators *p)
{
	return p->top + (int64_t)json_array_size(p->rows);
}

static int investigators_load(struct tui *t, struct investigators *p)
{
	ipc_err e = {0};
	json_t *rows;

	if (p->top < 0)
		p->top = 0;
	p->q.offset = (size_t)p->top;
	p->q.limit = (size_t)(p->page > 0 ? p->page : 1) + 1;
	if (!(rows = investigator_list(tui_db(t), &p->q, &e))) {
		tui_error(t, "%s", e.msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	json_decref(p->rows);
	p->rows = rows;
	if (!json_array_size(rows) && p->top > 0) { /* the list got shorter: back to its start */
		p->top = p->sel = 0;
		return investigators_load(t, p);
	}
	if (p->sel >= investigators_shown(p))
		p->sel = investigators_shown(p) - 1;
	if (p->sel < p->top)
		p->sel = p->top;
	return TUI_HANDLED | TUI_REDRAW;
}

/* Moves the selection, reading another page only when it leaves this one. */
static int investigators_goto(struct tui *t, struct investigators *p, int64_t sel)
{
	if (sel < 0)
		sel = 0;
	if (sel >= investigators_shown(p))
		sel = investigators_shown(p) - 1;
	p->sel = sel;
	if (sel < p->top) {
		p->top = sel;
		return investigators_load(t, p);
	}
	if (sel >= p->top + p->page) {
		p->top = sel - p->page + 1;
		return investigators_load(t, p);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* ---- the screen ---- */

static void *investigators_open(struct tui *t, void *arg, ipc_err *e)
{
	struct investigators *p = calloc(1, sizeof *p);

	(void)arg;
	if (!p) {
		err_nomem(e);
		return NULL;
	}
	if (!(p->fields = techfield_list(tui_db(t), e))) {
		free(p);
		return NULL;
	}
	return p;
}

static void investigators_close(void *st)
{
	struct investigators *p = st;

	json_decref(p->rows);
	json_decref(p->fields);
	free(p);
}

/* The columns: name, organisation, fields (what is left), region, source pool,
 * availability, open assignments. */
enum { C_NAME, C_ORG, C_FIELDS, C_REGION, C_POOL, C_AVAIL, C_OPEN, NC };
static const struct {
	const char *label; /* N_() */
	int w;             /* 0: what is left */
} pool_cols[NC] = {
	[C_NAME] = {N_("Name"), 10},          [C_ORG] = {N_("Organisation"), 16},
	[C_FIELDS] = {N_("Fields"), 0},       [C_REGION] = {N_("Region"), 10},
	[C_POOL] = {N_("Source pool"), 12},   [C_AVAIL] = {N_("Availability"), 12},
	[C_OPEN] = {N_("Open"), 4},
};

static const char *investigators_cell(struct tui *t, const json_t *row, int c, char *buf, size_t n)
{
	const struct field *f;
	const char *region;

	switch (c) {
	case C_NAME:
		return jtext(row, "name");
	case C_ORG:
		return jtext(row, "organisation");
	case C_FIELDS:
		return investigator_labels(t, json_object_get(row, "fields"), true, buf, n);
	case C_REGION: /* the name; the code when it has none */
		region = validate_region_name(jtext(row, "region"));
		return region ? region : jtext(row, "region");
	case C_POOL:
		f = schema_field(&investigator_type, "pool");
		return schema_enum_label(f->values, jtext(row, "pool"), tui_zh(t));
	case C_AVAIL:
		return schema_enum_label(investigator_availability,
					 *jtext(row, "availability") ? jtext(row, "availability")
									  : "available", tui_zh(t));
	default:
		snprintf(buf, n, "%lld",
			 (long long)json_integer_value(json_object_get(row, "open_assignments")));
		return buf;
	}
}

static void investigators_draw_row(struct tui *t, WINDOW *w, int y, struct tui_rect r, const json_t *row,
			  attr_t a)
{
	int fixed = 0, x = r.x;
	char buf[1024];

	for (int c = 0; c < NC; c++)
		fixed += pool_cols[c].w + 1;
	tui_draw_text(w, y, r.x, r.w, "", a);
	for (int c = 0; c < NC; c++) {
		int cw = pool_cols[c].w ? pool_cols[c].w : r.w - fixed;
		if (cw < 1)
			continue;
		tui_draw_text(w, y, x, cw, row ? investigators_cell(t, row, c, buf, sizeof buf)
					      : _(pool_cols[c].label), a);
		x += cw + 1;
	}
}

static void investigators_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct investigators *p = st;
	size_t n = json_array_size(p->rows);

	tui_draw_text(w, r.y, r.x, r.w, _(" Technical investigators"), theme_attr(TUI_E_TITLE));
	investigators_draw_row(t, w, r.y + 1, r, NULL, theme_attr(TUI_E_HEADER));
	if (!n) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2,
			      p->q.field || p->q.region || p->q.availability || p->q.text
			      ? _("No investigator matches (f and / change the filters).")
			      : _("The pool is empty: a adds an investigator, i imports a CSV file."),
			      A_NORMAL);
		return;
	}
	for (size_t i = 0; i < n && (int)i < p->page; i++)
		investigators_draw_row(t, w, r.y + 2 + (int)i, r, json_array_get(p->rows, i),
			      p->top + (int64_t)i == p->sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL);
}

/* ---- filters ---- */

static const char *any(const char *s)
{
	return s && *s ? s : _("any");
}

static const char *avail_label(struct tui *t, const struct investigators *p)
{
	return p->q.availability ? schema_enum_label(investigator_availability, p->q.availability,
						     tui_zh(t)) : _("any");
}

static int investigators_filter_menu(struct tui *t, struct investigators *p)
{
	char f[200], r[200], a[200], label[128] = "";
	const char *labels[] = {f, r, a, _("clear the filters")};

	if (p->q.field)
		techfield_label(tui_db(t), p->q.field, tui_zh(t), label, sizeof label);
	snprintf(f, sizeof f, _("Field: %s"), any(label));
	snprintf(r, sizeof r, _("Region: %s"), any(p->q.region));
	snprintf(a, sizeof a, _("Availability: %s"), avail_label(t, p));
	return tui_menu_open(t, TAG_FILTER, _("Filter"), labels, 4, 0);
}

static int investigators_field_menu(struct tui *t, struct investigators *p)
{
	size_t n = json_array_size(p->fields), i;
	const char **labels = calloc(n + 1, sizeof *labels);
	json_t *f;
	int rc;

	if (!labels) {
		tui_error(t, "%s", _("out of memory"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	labels[0] = _("any");
	json_array_foreach(p->fields, i, f)
		labels[i + 1] = jtext(f, tui_zh(t) ? "zh" : "en");
	rc = tui_menu_open(t, TAG_FIELD, _("Technical field"), labels, (int)n + 1, 0);
	free(labels);
	return rc;
}

static int investigators_avail_menu(struct tui *t)
{
	const char *labels[4] = {_("any")};

	for (int i = 0; i < 3 && investigator_availability[i].id; i++)
		labels[i + 1] = tui_zh(t) ? investigator_availability[i].zh : investigator_availability[i].en;
	return tui_menu_open(t, TAG_AVAIL, _("Availability"), labels, 4, 0);
}

/* Sets a filter (NULL or "" clears it) kept in buf, and reads from the top. */
static int investigators_refilter(struct tui *t, struct investigators *p, const char **slot, char *buf,
			 size_t n, const char *value)
{
	snprintf(buf, n, "%s", value ? value : "");
	*slot = buf[0] ? buf : NULL;
	p->top = p->sel = 0;
	return investigators_load(t, p);
}

static int investigators_filter_chosen(struct tui *t, struct investigators *p, int index)
{
	switch (index) {
	case 0:
		return investigators_field_menu(t, p);
	case 1:
		return tui_prompt_open(t, TAG_REGION, _("Region code (e.g. 130100, empty: any): "),
				       p->region, false);
	case 2:
		return investigators_avail_menu(t);
	default:
		p->q.field = p->q.region = p->q.availability = p->q.text = NULL;
		p->top = p->sel = 0;
		return investigators_load(t, p);
	}
}

/* ---- importing ---- */

/* What the import did, and each row it refused with its line, in the text screen. */
static int investigators_report(struct tui *t, const struct investigator_import *r)
{
	char summary[256], line[1024];
	size_t i, len = 0, cap = 0;
	char *text = NULL, *more;
	json_t *x;
	int flags;

	investigator_import_summary(r, summary, sizeof summary);
	json_array_foreach(r->rejected, i, x) {
		investigator_import_refusal(x, line, sizeof line);
		if (!(more = grow(text, &cap, len + strlen(line) + 2, 1)))
			break;
		text = more;
		len += (size_t)sprintf(text + len, "%s\n", line);
	}
	if (!json_array_size(r->rejected)) {
		tui_message(t, "%s", summary);
		return TUI_HANDLED | TUI_REDRAW | TUI_CHANGED;
	}
	flags = tui_screen_push(t, &tui_textview_screen,
				&(struct textview_arg){summary, text ? text : ""});
	free(text);
	return flags | TUI_CHANGED;
}

static int investigators_import(struct tui *t, const char *typed)
{
	struct investigator_import r = {0};
	char path[PATH_MAX];
	ipc_err e = {0};
	int flags;

	if (!*typed)
		return TUI_HANDLED | TUI_REDRAW;
	paths_typed(typed, path, sizeof path);
	if (investigator_import_csv(tui_db(t), path, &r, &e)) {
		tui_error(t, "%s", e.msg);
		flags = TUI_HANDLED | TUI_REDRAW;
	} else {
		flags = investigators_report(t, &r);
	}
	json_decref(r.rejected);
	return flags;
}

static int investigators_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct investigators *p = st;

	if (a->tag == TAG_SEARCH)
		return a->kind == TUI_ANSWER_CANCEL
		       ? investigators_refilter(t, p, &p->q.text, p->text, sizeof p->text, NULL)
		       : investigators_refilter(t, p, &p->q.text, p->text, sizeof p->text, a->text);
	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	switch (a->tag) {
	case TAG_FILTER:
		return investigators_filter_chosen(t, p, a->index);
	case TAG_FIELD:
		return investigators_refilter(t, p, &p->q.field, p->field, sizeof p->field,
				     a->index ? jtext(json_array_get(p->fields,
									(size_t)a->index - 1), "code")
					      : NULL);
	case TAG_IMPORT:
		return investigators_import(t, a->text);
	case TAG_REGION:
		if (*a->text && !validate_region_name(a->text)) {
			tui_error(t, _("%s is not a division code"), a->text);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return investigators_refilter(t, p, &p->q.region, p->region, sizeof p->region, a->text);
	default:
		return investigators_refilter(t, p, &p->q.availability, p->avail, sizeof p->avail,
				     a->index ? investigator_availability[a->index - 1].id : NULL);
	}
}

static int investigators_action(struct tui *t, void *st, enum tui_action a)
{
	struct investigators *p = st;
	const json_t *row;

	switch (a) {
	case TUI_ACT_UP:
		return investigators_goto(t, p, p->sel - 1);
	case TUI_ACT_DOWN:
		return investigators_goto(t, p, p->sel + 1);
	case TUI_ACT_PAGE_UP:
		return investigators_goto(t, p, p->sel - p->page);
	case TUI_ACT_PAGE_DOWN:
		return investigators_goto(t, p, p->sel + p->page);
	case TUI_ACT_FIRST:
		return investigators_goto(t, p, 0);
	case TUI_ACT_FILTER:
		return investigators_filter_menu(t, p);
	case TUI_ACT_SEARCH:
		return tui_prompt_open(t, TAG_SEARCH, "/", p->text, true);
	case TUI_ACT_NEW:
		return tui_form_record(t, "investigator", NULL, NULL);
	case TUI_ACT_IMPORT:
		return tui_prompt_open(t, TAG_IMPORT, _("CSV file to import: "), "", false);
	case TUI_ACT_OPEN:
		row = json_array_get(p->rows, (size_t)(p->sel - p->top));
		return row ? tui_screen_push(t, &tui_expert_show_screen, (void *)jtext(row, "id"))
			   : TUI_HANDLED;
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int investigators_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct investigators *p = st;

	p->page = r.h - 2;
	return investigators_load(t, p);
}

static int investigators_reload(struct tui *t, void *st)
{
	return investigators_load(t, st);
}

static void investigators_status(struct tui *t, void *st, char *buf, size_t n)
{
	struct investigators *p = st;
	char label[128] = "";

	if (p->q.field)
		techfield_label(tui_db(t), p->q.field, tui_zh(t), label, sizeof label);
	if (!p->q.field && !p->q.region && !p->q.availability && !p->q.text)
		snprintf(buf, n, "%s", _("a: add  i: import  f: filter  /: search"));
	else
		snprintf(buf, n, "%s%s%s%s%s%s%s", label, label[0] ? " " : "",
			 p->q.region ? p->q.region : "", p->q.region ? " " : "",
			 p->q.availability ? avail_label(t, p) : "", p->q.text ? " /" : "",
			 p->q.text ? p->q.text : "");
}

const struct tui_screen_ops tui_investigators_screen = {
	.name = "investigators",
	.open = investigators_open,
	.draw = investigators_draw,
	.action = investigators_action,
	.answer = investigators_answer,
	.resize = investigators_resize,
	.reload = investigators_reload,
	.status = investigators_status,
	.close = investigators_close,
};
