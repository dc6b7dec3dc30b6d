/* form — the form engine: items, typing, layout and drawing, checks, saving and leaving;
 * the form screen every kind of form runs in. */
#include "tui/form.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/text.h"
#include "tui/wrap.h"

#define KEY_CTRL(c) ((c) & 0x1f)
#define ERR_LINES_MAX 3 /* rows a message under a field takes at most */
#define LABEL_MIN 8

static const struct tui_screen_ops form_screen;

/* ---- items ---- */

struct form_item *form_item_add(struct form *fm, const char *key, const char *label,
				const struct field *f)
{
	struct form_item *items, *it;

	if (!(items = grow(fm->items, &fm->cap, fm->n, sizeof *fm->items)))
		return NULL;
	fm->items = items;
	it = &fm->items[fm->n++];
	memset(it, 0, sizeof *it);
	snprintf(it->key, sizeof it->key, "%s", key);
	snprintf(it->label, sizeof it->label, "%s", label);
	it->f = f;
	it->kind = f ? f->kind : FK_TEXT;
	return it;
}

struct form_item *form_item(struct form *fm, const char *key)
{
	for (size_t i = 0; i < fm->n; i++)
		if (!strcmp(fm->items[i].key, key))
			return &fm->items[i];
	return NULL;
}

int form_item_set(struct form_item *it, const char *text, bool as_orig)
{
	snprintf(it->text, sizeof it->text, "%s", text);
	it->cur = strlen(it->text);
	it->scroll = 0;
	if (as_orig) {
		free(it->orig);
		if (!(it->orig = strdup(it->text)))
			return -1;
	}
	return 0;
}

/* A stored value as the text a person edits. */
static void value_text(const struct field *f, const json_t *v, bool zh, char *out, size_t n)
{
	size_t i, len = 0;
	json_t *h;

	out[0] = '\0';
	if (!v || json_is_null(v))
		return;
	switch (f->kind) {
	case FK_ENUM:
		snprintf(out, n, "%s", schema_enum_label(f->values, json_string_value(v) ?: "", zh));
		break;
	case FK_BOOL:
		snprintf(out, n, "%s", json_is_true(v) ? "true" : "false");
		break;
	case FK_INT:
		snprintf(out, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case FK_ENUMS: /* labels the checklist toggles, read back by form_item_value */
		json_array_foreach(v, i, h)
			if (len < n)
				len += (size_t)snprintf(out + len, n - len, "%s%s", i ? "、" : "",
							schema_enum_label(f->values,
									  json_string_value(h) ?: "", zh));
		break;
	case FK_HANDLERS: /* what schema_value_parse reads back */
		json_array_foreach(v, i, h)
			if (len < n)
				len += (size_t)snprintf(out + len, n - len, "%s%s:%s", i ? "," : "",
							json_string_value(json_object_get(h, "name")) ?: "",
							json_string_value(json_object_get(h, "cert")) ?: "");
		break;
	case FK_ORGS: /* NAME, NAME:USCC or USCC, as schema_value_parse reads them */
		json_array_foreach(v, i, h) {
			const char *name = json_string_value(json_object_get(h, "name"));
			const char *uscc = json_string_value(json_object_get(h, "uscc"));
			if (len < n)
				len += (size_t)snprintf(out + len, n - len, "%s%s%s%s", i ? "," : "",
							name ?: "", name && uscc ? ":" : "",
							uscc ?: "");
		}
		break;
	default:
		snprintf(out, n, "%s", json_string_value(v) ?: "");
	}
}

int form_item_load(const struct form *fm, struct form_item *it, const json_t *v)
{
	char text[FORM_TEXT_MAX];

	value_text(it->f, v, fm->zh, text, sizeof text);
	return form_item_set(it, text, true);
}

struct form_item *form_field_add(struct form *fm, const struct field *f, const json_t *v)
{
	struct form_item *it = form_item_add(fm, f->name, fm->zh ? f->zh : f->en, f);

	if (!it)
		return NULL;
	it->required = f->flags & FF_REQUIRED;
	it->readonly = f->flags & FF_SYSTEM;
	return form_item_load(fm, it, v) ? NULL : it;
}

static void items_free(struct form *fm)
{
	for (size_t i = 0; i < fm->n; i++)
		free(fm->items[i].orig);
	free(fm->items);
	fm->items = NULL;
	fm->n = fm->cap = fm->cur = fm->top = 0;
}

bool form_item_changed(const struct form_item *it)
{
	return strcmp(it->text, it->orig ? it->orig : "") != 0;
}

/* ---- values ---- */

/* An enum value by its id, Chinese name or English label (any case). */
static const struct enum_value *enum_resolve(const struct enum_value *values, const char *text)
{
	const struct enum_value *v = schema_enum_find(values, text);

	for (const struct enum_value *x = values; !v && x->id; x++)
		if (!strcasecmp(x->en, text))
			v = x;
	return v;
}

/* An FK_ENUMS item's labels (any language, separated by 、 or a comma) as their ids. */
static int enums_ids(const struct form_item *it, char *out, size_t n, ipc_err *e)
{
	char copy[FORM_TEXT_MAX];
	size_t len = 0;

	out[0] = '\0';
	snprintf(copy, sizeof copy, "%s", it->text);
	for (char *p = copy, *next; p; p = next) {
		const struct enum_value *v;
		char *tok = p, *sep = strstr(p, "、"), *comma = strchr(p, ',');
		if (comma && (!sep || comma < sep))
			sep = comma;
		next = sep ? sep + (*sep == ',' ? 1 : strlen("、")) : NULL;
		if (sep)
			*sep = '\0';
		while (*tok == ' ')
			tok++;
		for (char *end = tok + strlen(tok); end > tok && end[-1] == ' ';)
			*--end = '\0';
		if (!*tok)
			continue;
		if (!(v = enum_resolve(it->f->values, tok)))
			return err_kind(e, IPC_E_RULE, it->key, "%s",
					_("not one of the choices: press Enter for the list"));
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? "," : "", v->id);
	}
	return len < n ? 0 : err_kind(e, IPC_E_RULE, it->key, "%s", _("too many choices"));
}

int form_item_value(const struct form_item *it, json_t **out, ipc_err *e)
{
	const char *text = it->text;
	const struct enum_value *v;
	char ids[FORM_TEXT_MAX];

	*out = NULL;
	if (!it->f)
		return err_kind(e, IPC_E_INTERNAL, it->key, _("%s is not a field of the record"), it->key);
	if (it->kind == FK_ENUM && *text) {
		if (!(v = enum_resolve(it->f->values, text)))
			return err_kind(e, IPC_E_RULE, it->key, "%s",
					_("not one of the choices: press Enter for the list"));
		text = v->id;
	}
	if (it->kind == FK_ENUMS) {
		if (enums_ids(it, ids, sizeof ids, e))
			return -1;
		text = ids;
	}
	return schema_value_parse(it->f, text, out, e);
}

int form_values(struct form *fm, bool changed_only, json_t **set, ipc_err *e)
{
	json_t *s = json_object(), *v;

	*set = NULL;
	if (!s)
		return err_nomem(e);
	for (size_t i = 0; i < fm->n; i++) {
		struct form_item *it = &fm->items[i];
		if (!it->f || it->readonly || (changed_only && !form_item_changed(it)))
			continue;
		if (form_item_value(it, &v, e)) {
			json_decref(s);
			return -1;
		}
		if (json_is_null(v) && !changed_only)
			json_decref(v);
		else if (json_object_set_new(s, it->key, v)) {
			json_decref(s); /* a field left out would not be written */
			return err_nomem(e);
		}
	}
	*set = s;
	return 0;
}

/* ---- typing ---- */

static size_t char_len(const char *s)
{
	wchar_t wc;

	return *s ? tui_utf8_decode(s, strlen(s), &wc) : 0;
}

/* Columns text[from, to) takes, as the sanitiser draws it. */
static int span_cols(const char *text, size_t from, size_t to)
{
	int cols = 0;

	while (from < to) {
		wchar_t wc;
		int w;
		from += tui_utf8_decode(text + from, to - from, &wc);
		w = wcwidth(wc);
		cols += w < 0 ? 1 : w;
	}
	return cols;
}

static bool refused(const struct form_item *it, wint_t ch)
{
	for (const char *p = it->refuse; p && *p;) {
		wchar_t wc;
		p += tui_utf8_decode(p, strlen(p), &wc);
		if ((wint_t)wc == ch)
			return true;
	}
	return false;
}

static bool item_insert(struct form_item *it, wint_t ch)
{
	size_t len = strlen(it->text), n;
	char u[4];

	if (refused(it, ch) || !(n = tui_utf8_encode((wchar_t)ch, u)) || len + n >= sizeof it->text)
		return false;
	memmove(it->text + it->cur + n, it->text + it->cur, len - it->cur + 1);
	memcpy(it->text + it->cur, u, n);
	it->cur += n;
	return true;
}

/* Removes the character before the cursor (back) or under it: all of its bytes. */
static bool item_erase(struct form_item *it, bool back)
{
	size_t len = strlen(it->text), from, to;

	if (back) {
		if (!it->cur)
			return false;
		from = tui_utf8_prev(it->text, it->cur);
		to = it->cur;
	} else {
		if (it->cur == len)
			return false;
		from = it->cur;
		to = from + char_len(it->text + from);
	}
	memmove(it->text + from, it->text + to, len - to + 1);
	it->cur = from;
	return true;
}

static void item_cursor(struct form_item *it, int how)
{
	switch (how) {
	case KEY_LEFT:
		it->cur = tui_utf8_prev(it->text, it->cur);
		break;
	case KEY_RIGHT:
		it->cur += char_len(it->text + it->cur);
		break;
	case KEY_HOME:
		it->cur = 0;
		break;
	default:
		it->cur = strlen(it->text);
	}
}

/* ---- layout ---- */

static int form_label_cols(const struct form *fm)
{
	int w = LABEL_MIN;

	for (size_t i = 0; i < fm->n; i++) {
		int wi = tui_text_width(fm->items[i].label) + (fm->items[i].required ? 2 : 0);
		if (wi > w)
			w = wi;
	}
	return w > fm->r.w / 3 ? fm->r.w / 3 : w;
}

/* Where fields start (from r.x) and how wide they are. */
static int form_field_x(const struct form *fm)
{
	return 2 + form_label_cols(fm) + 1;
}

static int form_field_cols(const struct form *fm)
{
	int w = fm->r.w - form_field_x(fm) - 1;

	return w < 1 ? 1 : w;
}

/* Rows the form's own message takes under the title. */
static int form_err_rows(const struct form *fm)
{
	return wrap_text_rows(fm->err, fm->r.w - 2, ERR_LINES_MAX);
}

static int item_rows(const struct form *fm, const struct form_item *it)
{
	int rows = 1 + (fm->spacious ? 1 : 0);

	if (it->err[0])
		rows += wrap_text_rows(it->err, form_field_cols(fm), ERR_LINES_MAX);
	else if (it->conflict)
		rows++;
	return rows;
}

/* The first row of items and how many rows they have. */
static int form_items_y(const struct form *fm)
{
	return fm->r.y + 2 + form_err_rows(fm);
}

static int form_items_rows(const struct form *fm)
{
	return fm->r.y + fm->r.h - form_items_y(fm);
}

/* Scrolls the current field's text so its cursor shows, and the form so the field shows. */
static void form_view(struct form *fm)
{
	struct form_item *it = fm->cur < fm->n ? &fm->items[fm->cur] : NULL;
	int w = form_field_cols(fm) - 1, rows = 0; /* a column for the cursor after the text */
	size_t len;

	if (!it)
		return;
	len = strlen(it->text);
	if (it->cur < it->scroll)
		it->scroll = it->cur;
	while (it->scroll < it->cur && span_cols(it->text, it->scroll, it->cur) > w)
		it->scroll += char_len(it->text + it->scroll);
	/* after a deletion, show as much as fits again */
	while (it->scroll && span_cols(it->text, tui_utf8_prev(it->text, it->scroll), len) <= w)
		it->scroll = tui_utf8_prev(it->text, it->scroll);
	if (fm->cur < fm->top)
		fm->top = fm->cur;
	for (size_t i = fm->top; i <= fm->cur; i++)
		rows += item_rows(fm, &fm->items[i]);
	while (fm->top < fm->cur && rows > form_items_rows(fm))
		rows -= item_rows(fm, &fm->items[fm->top++]);
}

/* ---- drawing ---- */

static const char *item_shown(const struct form_item *it)
{
	if (it->kind == FK_BOOL && !strcmp(it->text, "true"))
		return _("yes");
	if (it->kind == FK_BOOL && !strcmp(it->text, "false"))
		return _("no");
	return it->text;
}

static void draw_item(struct tui *t, struct form *fm, WINDOW *w, int y, size_t i)
{
	struct form_item *it = &fm->items[i];
	bool current = i == fm->cur;
	int x = fm->r.x, lw = form_label_cols(fm), fx = x + form_field_x(fm);
	int fw = form_field_cols(fm);
	char label[160];
	const char *shown = item_shown(it);
	attr_t field = it->readonly || it->press ? A_NORMAL : theme_attr(TUI_E_FIELD);

	snprintf(label, sizeof label, "%s%s", it->label, it->required ? " *" : "");
	if (current)
		tui_draw_text(w, y, x, 2, ">", theme_attr(TUI_E_CURSOR));
	tui_draw_text(w, y, x + 2, lw, label, current ? theme_attr(TUI_E_CURSOR)
						   : theme_attr(TUI_E_LABEL));
	if (current && it->kind != FK_BOOL)
		shown = it->text + it->scroll;
	tui_draw_text(w, y, fx, fw, shown, field);
	if (!it->text[0] && it->hint)
		tui_draw_text(w, y, fx, fw, it->hint, field | theme_attr(TUI_E_HINT));
	if (current) { /* kept inside the field until the next key scrolls it (a parent form) */
		int cx = it->kind == FK_BOOL ? 0 : span_cols(it->text, it->scroll, it->cur);
		tui_cursor_at(t, y, fx + (cx < fw ? cx : fw - 1));
	}
	if (it->err[0])
		wrap_text_draw(w, y + 1, fx, fw, ERR_LINES_MAX, it->err, theme_attr(TUI_E_ERROR));
	else if (it->conflict)
		tui_draw_text(w, y + 1, fx, fw, _("colleagues wrote different values: saving this "
						  "field settles it"), theme_attr(TUI_E_WARN));
}

static void form_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct form *fm = st;
	int y = form_items_y(fm), end = r.y + r.h;

	for (int row = r.y; row < end; row++)
		tui_draw_text(w, row, r.x, r.w, "", A_NORMAL);
	tui_draw_text(w, r.y, r.x + 1, r.w - 1, fm->title, theme_attr(TUI_E_TITLE));
	theme_hline(w, r.y + 1, r.x, r.w, theme_attr(TUI_E_LABEL));
	wrap_text_draw(w, r.y + 2, r.x + 2, r.w - 2, ERR_LINES_MAX, fm->err,
		       theme_attr(TUI_E_ERROR));
	for (size_t i = fm->top; i < fm->n && y < end; i++) {
		draw_item(t, fm, w, y, i);
		y += item_rows(fm, &fm->items[i]);
	}
}

static void form_status(struct tui *t, void *st, char *buf, size_t n)
{
	struct form *fm = st;

	(void)t;
	if (fm->parent) /* the handlers editor writes its parent's draft */
		fm = fm->parent;
	if (fm->draft[0])
		snprintf(buf, n, "%s", _("draft kept"));
}

/* ---- checks ---- */

/* A message about a field, under its label: without the field's name it starts with. */
static void item_message(struct form_item *it, const char *msg)
{
	char required[96];
	size_t k = strlen(it->key);

	snprintf(required, sizeof required, _("%s is required"), it->key);
	if (!strcmp(msg, required))
		msg = _("required");
	else if (!strncmp(msg, it->key, k) && msg[k] == ':' && msg[k + 1] == ' ')
		msg += k + 2;
	else if (!strncmp(msg, it->key, k) && !strncmp(msg + k, "：", strlen("：")))
		msg += k + strlen("：");
	snprintf(it->err, sizeof it->err, "%s", msg);
}

/* Checks the item, keeping the message next to it; an enum's typed text becomes its label. */
static int item_check(struct form *fm, struct form_item *it)
{
	ipc_err e = {0};
	json_t *v = NULL;
	int rc;

	it->err[0] = '\0';
	if (it->readonly || it->press)
		return 0;
	if (it->required && !it->text[0])
		rc = err_set(&e, "%s", _("required"));
	else if (it->check)
		rc = it->check(fm, it, &e);
	else
		rc = form_item_value(it, &v, &e);
	if (rc) {
		item_message(it, e.msg);
		return -1;
	}
	if (it->kind == FK_ENUM && json_is_string(v)) {
		const char *label = schema_enum_label(it->f->values, json_string_value(v), fm->zh);
		if (strcmp(label, it->text))
			form_item_set(it, label, false);
	}
	json_decref(v);
	return 0;
}

/* Checks every item; the first that fails becomes the current one. Returns how many fail. */
static int form_check_all(struct form *fm)
{
	int bad = 0;

	for (size_t i = 0; i < fm->n; i++)
		if (item_check(fm, &fm->items[i]) && !bad++)
			fm->cur = i;
	return bad;
}

/* ---- changes ---- */

void form_changed(struct tui *t, struct form *fm)
{
	fm->changed = true;
	if (fm->kind->changed)
		fm->kind->changed(t, fm);
	form_draft_keep(t, fm);
}

/* ---- moving ---- */

static bool editable(const struct form *fm, size_t i)
{
	return i < fm->n && !fm->items[i].readonly;
}

/* Leaves the current item (checking it) for item i. */
static int form_goto(struct form *fm, size_t i)
{
	if (fm->cur < fm->n && fm->cur != i)
		item_check(fm, &fm->items[fm->cur]);
	fm->cur = i;
	if (i < fm->n)
		fm->items[i].cur = strlen(fm->items[i].text);
	form_view(fm);
	return TUI_HANDLED | TUI_REDRAW;
}

/* The next editable item `by` steps away (wrapping round when `wrap`). */
static int form_step(struct form *fm, int by, bool wrap)
{
	size_t i = fm->cur;

	for (size_t tries = 0; tries < fm->n; tries++) {
		if (by > 0 && i + 1 >= fm->n && !wrap)
			break;
		if (by < 0 && i == 0 && !wrap)
			break;
		i = by > 0 ? (i + 1) % fm->n : (i + fm->n - 1) % fm->n;
		if (editable(fm, i))
			return form_goto(fm, i);
	}
	return form_goto(fm, fm->cur);
}

static int form_page(struct form *fm, int by)
{
	int rows = form_items_rows(fm);

	for (int moved = 0; moved < rows;) {
		size_t was = fm->cur;
		form_step(fm, by, false);
		if (fm->cur == was)
			break;
		moved += item_rows(fm, &fm->items[fm->cur]);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int form_click(struct tui *t, struct form *fm)
{
	int my, mx, y = form_items_y(fm);

	tui_mouse(t, &my, &mx);
	for (size_t i = fm->top; i < fm->n; y += item_rows(fm, &fm->items[i++]))
		if (my == y && editable(fm, i))
			return form_goto(fm, i);
	return TUI_HANDLED;
}

/* ---- choosing ---- */

/* The menu of an enum item; an optional one starts with "(none)". */
static int enum_menu(struct tui *t, struct form *fm, struct form_item *it)
{
	int n = it->required ? 0 : 1, sel = 0;

	for (const struct enum_value *v = it->f->values; v->id && n <= TUI_MENU_ENUM_MAX; v++, n++)
		if (!strcmp(fm->zh ? v->zh : v->en, it->text))
			sel = n;
	return tui_menu_enum(t, FORM_TAG_ENUM, it->label, it->required ? NULL : _("(none)"),
			     it->f->values, sel);
}

static int enum_chosen(struct tui *t, struct form *fm, const struct tui_answer *a)
{
	struct form_item *it = &fm->items[fm->cur];

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_HANDLED | TUI_REDRAW;
	form_item_set(it, !it->required && a->index == 0 ? "" : a->text, false);
	form_changed(t, fm);
	return form_step(fm, 1, false); /* chosen: on to the next field */
}

/* The values an FK_ENUMS item's text ticks (none when it is not a list of choices). */
static json_t *checks_ticked(const struct form_item *it)
{
	ipc_err e = {0};
	json_t *v = NULL;

	return form_item_value(it, &v, &e) ? NULL : v;
}

static bool checks_on(const json_t *ticked, const char *id)
{
	size_t i;
	json_t *x;

	json_array_foreach(ticked, i, x)
		if (!strcmp(json_string_value(x) ?: "", id))
			return true;
	return false;
}

/* The checklist of an FK_ENUMS item: each value with its mark, then "done"; choosing a value
 * toggles it and opens the list again on it. */
static int checks_menu(struct tui *t, struct form *fm, struct form_item *it, int sel)
{
	char marked[64][160];
	const char *labels[65];
	json_t *ticked = checks_ticked(it);
	int n = 0;

	for (const struct enum_value *x = it->f->values; x->id && n < 64; x++, n++) {
		snprintf(marked[n], sizeof marked[n], "[%s] %s", checks_on(ticked, x->id) ? "x" : " ",
			 fm->zh ? x->zh : x->en);
		labels[n] = marked[n];
	}
	json_decref(ticked);
	labels[n] = _("done");
	return tui_menu_open(t, FORM_TAG_CHECKS, it->label, labels, n + 1, sel);
}

static int checks_chosen(struct tui *t, struct form *fm, const struct tui_answer *a)
{
	struct form_item *it = &fm->items[fm->cur];
	const struct enum_value *x = it->f->values;
	char text[FORM_TEXT_MAX] = "";
	json_t *ticked;
	size_t len = 0;

	if (a->kind != TUI_ANSWER_ACCEPT || a->index < 0 || !x[a->index].id)
		return form_step(fm, 1, false);
	ticked = checks_ticked(it);
	for (int i = 0; x[i].id; i++)
		if (checks_on(ticked, x[i].id) != (i == a->index) && len < sizeof text)
			len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", len ? "、" : "",
						fm->zh ? x[i].zh : x[i].en);
	json_decref(ticked);
	form_item_set(it, text, false);
	form_changed(t, fm);
	return checks_menu(t, fm, it, a->index);
}

static int bool_toggle(struct tui *t, struct form *fm, struct form_item *it)
{
	form_item_set(it, strcmp(it->text, "true") ? "true" : "false", false);
	form_changed(t, fm);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Enter: a list to choose from, a toggle, the handlers editor, or the next field. */
static int form_enter(struct tui *t, struct form *fm)
{
	struct form_item *it = fm->cur < fm->n ? &fm->items[fm->cur] : NULL;

	if (!it)
		return TUI_HANDLED;
	if (it->press)
		return it->press(t, fm, it);
	if (it->kind == FK_ENUM)
		return enum_menu(t, fm, it);
	if (it->kind == FK_ENUMS)
		return checks_menu(t, fm, it, 0);
	if (it->kind == FK_BOOL)
		return bool_toggle(t, fm, it);
	if (it->kind == FK_HANDLERS) {
		if (it->text[0] && item_check(fm, it)) /* the editor reads what is typed */
			return TUI_HANDLED | TUI_REDRAW;
		return form_handlers_open(t, fm, fm->cur);
	}
	return form_step(fm, 1, false);
}

/* ---- saving and leaving ---- */

int form_quit(struct tui *t, struct form *fm)
{
	if (fm->notify_close)
		tui_answer_on_close(t, &(struct tui_answer){FORM_TAG_CLOSED, TUI_ANSWER_ACCEPT, "", 0});
	return TUI_HANDLED | TUI_REDRAW | TUI_QUIT;
}

int form_done(struct tui *t, struct form *fm, const char *msg)
{
	form_draft_drop(t, fm);
	if (msg)
		tui_message(t, "%s", msg);
	return form_quit(t, fm) | TUI_CHANGED;
}

int form_refused(struct tui *t, struct form *fm, const ipc_err *e)
{
	struct form_item *it = form_item(fm, e->field);

	fm->err[0] = '\0';
	if (it && !it->readonly) {
		item_message(it, e->msg);
		fm->cur = (size_t)(it - fm->items);
	} else {
		snprintf(fm->err, sizeof fm->err, "%s", e->msg);
	}
	form_view(fm);
	tui_error(t, "%s", _("Not saved: see the message on the form; nothing you typed is lost"));
	return TUI_HANDLED | TUI_REDRAW;
}

void form_note(struct form *fm, const char *msg)
{
	snprintf(fm->err, sizeof fm->err, "%s", msg ?: "");
	form_view(fm);
}

static int form_save(struct tui *t, struct form *fm)
{
	int bad = form_check_all(fm);

	form_view(fm);
	if (bad) {
		tui_error(t, ngettext("%d field needs fixing", "%d fields need fixing", (unsigned long)bad),
			  bad);
		return TUI_HANDLED | TUI_REDRAW;
	}
	fm->err[0] = '\0';
	return fm->kind->save(t, fm);
}

static int form_leave(struct tui *t, struct form *fm)
{
	if (fm->changed)
		return tui_ask(t, FORM_TAG_LEAVE, _("Discard what you typed in this form?"));
	form_draft_drop(t, fm);
	return form_quit(t, fm);
}

/* ---- the screen ---- */

/* A character typed on a button: the list of one that takes typing opens, filtered by it. */
static int button_typed(struct tui *t, struct form *fm, struct form_item *it, wint_t ch)
{
	char u[5] = "";

	if (!it->typed || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || wcwidth((wchar_t)ch) < 0
	    || !tui_utf8_encode((wchar_t)ch, u))
		return TUI_HANDLED;
	return it->typed(t, fm, it, u);
}

/* Characters go into the current field; keys that move or save go on to the key table. */
static int form_key(struct tui *t, void *st, int kind, wint_t ch)
{
	struct form *fm = st;
	struct form_item *it = fm->cur < fm->n ? &fm->items[fm->cur] : NULL;
	bool changed;

	if (!it)
		return 0;
	if (it->press) /* a button: Enter presses it, and the other keys type nothing */
		return kind == KEY_CODE_YES || ch < 0x20 ? 0 : button_typed(t, fm, it, ch);
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_HOME || ch == KEY_END) {
			item_cursor(it, (int)ch);
			form_view(fm);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ch != KEY_BACKSPACE && ch != KEY_DC)
			return 0;
		changed = it->kind != FK_BOOL && item_erase(it, ch == KEY_BACKSPACE);
	} else if (ch == 0x7f || ch == KEY_CTRL('h')) {
		changed = it->kind != FK_BOOL && item_erase(it, true);
	} else if (ch == KEY_CTRL('u')) {
		changed = it->text[0] && it->kind != FK_BOOL;
		if (changed)
			form_item_set(it, "", false);
	} else if (ch < 0x20) {
		return 0; /* Tab, Enter, Esc, Ctrl keys: the key table's */
	} else if (it->kind == FK_BOOL) {
		return ch == L' ' ? bool_toggle(t, fm, it) : TUI_HANDLED;
	} else if (ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || wcwidth((wchar_t)ch) < 0) {
		return TUI_HANDLED; /* typed text is data too: nothing unprintable goes in */
	} else {
		changed = item_insert(it, ch);
	}
	if (changed)
		form_changed(t, fm);
	form_view(fm);
	return TUI_HANDLED | TUI_REDRAW;
}

static int form_action(struct tui *t, void *st, enum tui_action a)
{
	struct form *fm = st;

	switch (a) {
	case TUI_ACT_UP:
		return form_step(fm, -1, false);
	case TUI_ACT_DOWN:
		return form_step(fm, 1, false);
	case TUI_ACT_PREV_TAB:
		return form_step(fm, -1, true);
	case TUI_ACT_NEXT_TAB:
		return form_step(fm, 1, true);
	case TUI_ACT_PAGE_UP:
		return form_page(fm, -1);
	case TUI_ACT_PAGE_DOWN:
		return form_page(fm, 1);
	case TUI_ACT_OPEN:
		return form_enter(t, fm);
	case TUI_ACT_SAVE:
		return form_save(t, fm);
	case TUI_ACT_BACK:
	case TUI_ACT_QUIT:
		return form_leave(t, fm);
	case TUI_ACT_CLICK:
		return form_click(t, fm);
	case TUI_ACT_HELP:
	case TUI_ACT_REFRESH:
		return 0;
	default:
		return TUI_HANDLED; /* the list's keys mean nothing in a form */
	}
}

static int form_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct form *fm = st;

	switch (a->tag) {
	case FORM_TAG_ENUM:
		return enum_chosen(t, fm, a);
	case FORM_TAG_CHECKS:
		return checks_chosen(t, fm, a);
	case FORM_TAG_LEAVE:
		if (a->kind != TUI_ANSWER_ACCEPT)
			return TUI_HANDLED | TUI_REDRAW;
		if (fm->kind->discard)
			fm->kind->discard(t, fm);
		form_draft_drop(t, fm);
		return form_quit(t, fm);
	default:
		return fm->kind->answer ? fm->kind->answer(t, fm, a) : TUI_HANDLED;
	}
}

static int form_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct form *fm = st;

	(void)t;
	fm->r = r;
	fm->top = 0; /* as much of the form from its top as shows the current field */
	form_view(fm);
	return TUI_REDRAW;
}

static void form_free(struct form *fm)
{
	if (!fm)
		return;
	items_free(fm);
	free(fm->parent_orig);
	free(fm);
}

static void form_close(void *st)
{
	form_free(st);
}

void *form_state_take(struct tui *t, void *arg, ipc_err *e)
{
	void **st = arg, *taken = *st;

	(void)t;
	(void)e;
	*st = NULL; /* so the opener knows the screen has it */
	return taken;
}

int form_state_push(struct tui *t, const struct tui_screen_ops *ops, void *st,
		    void (*free_st)(void *), bool *opened)
{
	int flags = tui_screen_push(t, ops, &st);

	*opened = !st;
	if (st)
		free_st(st);
	return flags;
}

static const struct tui_screen_ops form_screen = {
	.name = "form",
	.hint = N_("F2 save  Esc leave  Tab next field  Enter choose  F1 help"),
	.open = form_state_take,
	.draw = form_draw,
	.key = form_key,
	.action = form_action,
	.answer = form_answer,
	.resize = form_resize,
	.status = form_status,
	.close = form_close,
};

/* The first editable item, or n. */
static size_t first_editable(const struct form *fm)
{
	size_t i = 0;

	while (i < fm->n && fm->items[i].readonly)
		i++;
	return i;
}

/* Lays a draft's texts over the built items. */
static void form_overlay(struct form *fm, const json_t *texts)
{
	for (size_t i = 0; i < fm->n; i++) {
		const char *s = json_string_value(json_object_get(texts, fm->items[i].key));
		if (s && !fm->items[i].readonly)
			form_item_set(&fm->items[i], s, false);
	}
	fm->changed = true;
}

int form_become(struct tui *t, struct form *fm, const struct form_kind *kind)
{
	ipc_err e = {0};

	items_free(fm);
	fm->kind = kind;
	fm->err[0] = fm->title[0] = '\0';
	fm->changed = fm->spacious = false;
	if (kind->build(t, fm, &e)) {
		tui_error(t, "%s", e.msg);
		return form_quit(t, fm);
	}
	fm->cur = first_editable(fm);
	form_view(fm);
	return TUI_HANDLED | TUI_REDRAW;
}

static void copy_id(char *out, size_t n, const char *s)
{
	snprintf(out, n, "%s", s ? s : "");
}

/* A form made from spec, not on screen yet; NULL with e filled when it cannot be built. */
static struct form *form_build(struct tui *t, const struct form_spec *spec, ipc_err *e)
{
	struct form *fm = calloc(1, sizeof *fm);
	struct form_item *it;

	if (!fm) {
		err_nomem(e);
		return NULL;
	}
	fm->kind = spec->kind;
	fm->type = spec->type ? schema_type(spec->type) : NULL;
	fm->zh = tui_zh(t);
	fm->parent = spec->parent;
	fm->parent_item = spec->parent_item;
	fm->notify_close = spec->notify_close;
	copy_id(fm->id, sizeof fm->id, spec->id);
	copy_id(fm->case_id, sizeof fm->case_id, spec->case_id);
	copy_id(fm->link, sizeof fm->link, spec->link);
	copy_id(fm->step, sizeof fm->step, spec->step);
	copy_id(fm->draft, sizeof fm->draft, spec->draft);
	if (spec->kind->build(t, fm, e)) {
		form_free(fm);
		return NULL;
	}
	if (spec->texts)
		form_overlay(fm, spec->texts);
	fm->cur = first_editable(fm);
	if (spec->focus && (it = form_item(fm, spec->focus)) && !it->readonly)
		fm->cur = (size_t)(it - fm->items);
	return fm;
}

/* Opens the form on screen (which owns it from then on). */
static int form_push(struct tui *t, struct form *fm)
{
	bool opened;
	int flags = form_state_push(t, &form_screen, fm, form_close, &opened);

	return opened && fm->kind->start ? flags | fm->kind->start(t, fm) : flags;
}

int form_try_open(struct tui *t, const struct form_spec *spec, ipc_err *e)
{
	struct form *fm = form_build(t, spec, e);

	return fm ? form_push(t, fm) : -1;
}

int form_open(struct tui *t, const struct form_spec *spec)
{
	ipc_err e = {0};
	int flags = form_try_open(t, spec, &e);

	if (flags >= 0)
		return flags;
	tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

void form_type_title(const struct rtype *type, bool zh, bool is_new, char *out, size_t n)
{
	snprintf(out, n, is_new ? _("New %s") : _("Edit %s"), zh ? type->zh : type->en);
}
