/* investigator_show — one investigator: every field (the contact too: it is this office's own
 * record), declared interests, workload and the assignment history with each case's title.
 * Read at open and reload; j/k scroll. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "db/rules/investigator.h"
#include "db/rules/investigator_rules.h"
#include "db/rules/investigator_terms.h"
#include "db/rules/techfield.h"
#include "db/store.h"
#include "tui/investigator.h"
#include "tui/screens.h"
#include "tui/wrap.h"

#define LABEL_W 22 /* the label column of a field line */

struct show {
	char id[37];
	json_t *rec;       /* investigator_get */
	json_t *titles;    /* case id → title, for the history */
	struct wrap lines;
	struct tui_rect r;
};

/* NAME (USCC); NAME; USCC */
static void orgs_text(const json_t *list, char *buf, size_t n)
{
	size_t i, len = 0;
	json_t *o;

	buf[0] = '\0';
	json_array_foreach(list, i, o) {
		const char *name = jtext(o, "name"), *uscc = jtext(o, "uscc");
		if (len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s%s%s%s", i ? "; " : "",
						*name ? name : uscc, *name && *uscc ? " (" : "",
						*name ? uscc : "", *name && *uscc ? ")" : "");
	}
}

static const char *field_value(struct tui *t, const struct field *f, const json_t *v, char *buf,
			       size_t n)
{
	buf[0] = '\0';
	if (f->kind == FK_ENUMS)
		return investigator_labels(t, v, f->values == techfield_builtin, buf, n);
	if (f->kind == FK_ORGS)
		orgs_text(v, buf, n);
	else if (f->kind == FK_REGION)
		investigator_region(json_string_value(v), buf, n);
	else if (f->kind == FK_ENUM && json_is_string(v))
		snprintf(buf, n, "%s", schema_enum_label(f->values, json_string_value(v), tui_zh(t)));
	else if (json_is_string(v))
		snprintf(buf, n, "%s", json_string_value(v));
	return buf;
}

/* "label                 value", the value wrapped under itself. */
static void add_labelled(struct show *s, const char *label, const char *value)
{
	char line[4200];
	int pad = LABEL_W - tui_text_width(label);

	snprintf(line, sizeof line, " %s%*s%s", label, pad > 1 ? pad : 1, "", *value ? value : "-");
	wrap_add(&s->lines, 0, line, TUI_E_NORMAL, -1, false);
}

/* "2026-03-02  proposed  investigation, analysis  due 2026-04-01  电路布图侵权案" */
static void add_assignment(struct tui *t, struct show *s, const json_t *a)
{
	char tasks[512], line[2048];
	const char *due = jtext(a, "due");

	snprintf(line, sizeof line, "%s  %s  %s%s%s  %s", jtext(a, "assigned_on"),
		 schema_enum_label(assignment_statuses, jtext(a, "status"), tui_zh(t)),
		 investigator_labels(t, json_object_get(a, "tasks"), false, tasks, sizeof tasks),
		 *due ? _("  due ") : "", due,
		 jtext(json_object_get(s->titles, jtext(a, "case_id")), "title"));
	wrap_add(&s->lines, 3, line, TUI_E_NORMAL, -1, false);
}

static void show_lay_out(struct tui *t, struct show *s)
{
	const struct rtype *rt = &investigator_type;
	json_t *history = json_object_get(s->rec, "assignments"), *a;
	char value[4096], line[200];
	size_t i;

	wrap_reset(&s->lines, s->r.w);
	for (i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];
		if (strcmp(f->name, "deleted"))
			add_labelled(s, tui_zh(t) ? f->zh : f->en,
				     field_value(t, f, json_object_get(s->rec, f->name), value,
						 sizeof value));
	}
	add_labelled(s, _("contact"), jtext(s->rec, "contact"));
	snprintf(line, sizeof line, "%lld",
		 (long long)json_integer_value(json_object_get(s->rec, "open_assignments")));
	add_labelled(s, _("open assignments"), line);
	wrap_add(&s->lines, 0, "", TUI_E_NORMAL, -1, false);
	wrap_add(&s->lines, 1, _("Assignment history"), TUI_E_LABEL, -1, false);
	json_array_foreach(history, i, a)
		add_assignment(t, s, a);
	if (!json_array_size(history))
		wrap_add(&s->lines, 3, _("None yet."), TUI_E_HINT, -1, false);
	wrap_scroll(&s->lines, 0, s->r.h - 1);
}

/* The investigator and the titles of the cases in its history. */
static int show_read(struct tui *t, struct show *s, ipc_err *e)
{
	json_t *rec = investigator_get(tui_db(t), s->id, e), *titles = json_object(), *a, *c;
	size_t i;

	if (!rec || !titles) {
		if (rec)
			err_nomem(e);
		json_decref(rec);
		json_decref(titles);
		return -1;
	}
	json_array_foreach(json_object_get(rec, "assignments"), i, a) {
		const char *cid = jtext(a, "case_id");
		ipc_err ignored;
		if (json_object_get(titles, cid) || !(c = db_get(tui_db(t), cid, &ignored)))
			continue; /* a case of another office is not here: no title */
		json_object_set_new(titles, cid, c);
	}
	json_decref(s->rec);
	json_decref(s->titles);
	s->rec = rec;
	s->titles = titles;
	return 0;
}

static void *show_open(struct tui *t, void *arg, ipc_err *e)
{
	struct show *s = calloc(1, sizeof *s);

	if (!s) {
		err_nomem(e);
		return NULL;
	}
	snprintf(s->id, sizeof s->id, "%s", (const char *)arg);
	s->lines.sel = -1;
	if (show_read(t, s, e)) {
		free(s);
		return NULL;
	}
	return s;
}

static void show_close(void *st)
{
	struct show *s = st;

	json_decref(s->rec);
	json_decref(s->titles);
	wrap_free(&s->lines);
	free(s);
}

static void show_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct show *s = st;
	char title[600];

	(void)t;
	snprintf(title, sizeof title, " %s  %s", jtext(s->rec, "name"),
		 jtext(s->rec, "organisation"));
	tui_draw_text(w, r.y, r.x, r.w, title, theme_attr(TUI_E_TITLE));
	wrap_draw(&s->lines, w, (struct tui_rect){r.y + 1, r.x, r.h - 1, r.w});
}

static int show_action(struct tui *t, void *st, enum tui_action a)
{
	struct show *s = st;
	int rows = s->r.h - 1;

	(void)t;
	switch (a) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
		wrap_scroll(&s->lines, a == TUI_ACT_UP ? -1 : 1, rows);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_PAGE_UP:
	case TUI_ACT_PAGE_DOWN:
		wrap_scroll(&s->lines, a == TUI_ACT_PAGE_UP ? -rows : rows, rows);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

static int show_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct show *s = st;

	s->r = r;
	show_lay_out(t, s);
	return TUI_REDRAW;
}

static int show_reload(struct tui *t, void *st)
{
	struct show *s = st;
	ipc_err e;

	if (show_read(t, s, &e))
		tui_error(t, "%s", e.msg);
	show_lay_out(t, s);
	return TUI_REDRAW;
}

const struct tui_screen_ops tui_expert_show_screen = {
	.name = "investigator",
	.open = show_open,
	.draw = show_draw,
	.action = show_action,
	.resize = show_resize,
	.reload = show_reload,
	.close = show_close,
};
