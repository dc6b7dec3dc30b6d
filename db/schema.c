/* schema — record types, fields and enumerations (FACTS.md §1), and the parsing and checking
 * of field values at the one write path. */
#include "db/schema.h"
#include "base/grow.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/typed.h"
#include "base/validate.h"

const struct rtype *schema_parent_type(const struct rtype *t)
{
	const struct field *f = t->parent ? schema_field(t, t->parent) : NULL;

	return f ? schema_type(f->ref_type) : NULL;
}

int schema_parse_into(const struct rtype *t, const char *name, const char *text, json_t *set,
		      ipc_err *e)
{
	json_t *v;

	if (!text || !*text)
		return 0;
	if (schema_value_parse(schema_field(t, name), text, &v, e))
		return -1;
	return json_object_set_new(set, name, v) ? err_nomem(e) : 0;
}

int schema_register(const struct rtype *t, ipc_err *e)
{
	if (schema_type(t->name))
		return err_set(e, _("a record type named %s exists already"), t->name);
	if (schema_ntypes == SCHEMA_MAX_TYPES)
		return err_set(e, _("no room for record type %s: raise SCHEMA_MAX_TYPES"), t->name);
	schema_types[schema_ntypes++] = t;
	return 0;
}

bool schema_travels(const struct rtype *t, const char *channel)
{
	return strcmp(t->channel, channel) == 0 || strcmp(t->channel, "both") == 0;
}

const struct rtype *schema_type(const char *name)
{
	for (size_t i = 0; i < schema_ntypes; i++)
		if (strcmp(schema_types[i]->name, name) == 0)
			return schema_types[i];
	return NULL;
}

int schema_field_index(const struct rtype *t, const char *name)
{
	for (size_t i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct field *schema_field(const struct rtype *t, const char *name)
{
	int i = schema_field_index(t, name);
	return i < 0 ? NULL : &t->fields[i];
}

const struct enum_value *schema_enum_find(const struct enum_value *values, const char *text)
{
	for (const struct enum_value *v = values; v->id; v++)
		if (strcmp(v->id, text) == 0 || strcmp(v->zh, text) == 0)
			return v;
	return NULL;
}

const char *schema_enum_label(const struct enum_value *values, const char *id, bool zh)
{
	for (const struct enum_value *v = values; v->id; v++)
		if (strcmp(v->id, id) == 0)
			return zh ? v->zh : v->en;
	return id;
}

bool schema_kind_json(enum field_kind kind)
{
	return kind == FK_HANDLERS || kind == FK_ENUMS || kind == FK_ORGS;
}

static size_t field_max(const struct field *f)
{
	if (f->max_len)
		return f->max_len;
	return f->kind == FK_TEXT ? SCHEMA_TEXT_MAX : SCHEMA_LINE_MAX;
}

/* A field as a message names it: by its Chinese label in Chinese, else by its name. */
static const char *field_name(const struct field *f)
{
	return i18n_zh() && f->zh ? f->zh : f->name;
}

/* Control characters never belong in stored text: one-line fields take none, multi-line
 * fields take only newline and tab. Escape sequences from a peer die here first. */
static int text_check(const struct field *f, const char *s, ipc_err *e)
{
	bool multiline = field_max(f) >= SCHEMA_TEXT_MAX;

	if (strlen(s) > field_max(f))
		return err_set(e, _("%s: longer than %zu bytes"), field_name(f), field_max(f));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0x7f || (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))))
			return err_set(e, _("%s: control character 0x%02x is not allowed"), field_name(f), *p);
		/* C1 controls (U+0080–U+009F) are encoded as C2 80–C2 9F */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return err_set(e, _("%s: control character U+%04X is not allowed"), field_name(f), p[1]);
	}
	return 0;
}

static bool is_hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

/* A record id: a UUID in its 36-character text form, lowercase. */
static bool is_uuid(const char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

static int handlers_check(const struct field *f, const json_t *v, ipc_err *e)
{
	size_t i;
	json_t *h;

	if (!json_is_array(v) || json_array_size(v) > 20)
		return err_set(e, _("%s: expected a list of at most 20 officers"), field_name(f));
	json_array_foreach(v, i, h) {
		json_t *name = json_object_get(h, "name"), *cert = json_object_get(h, "cert");
		if (!json_is_object(h) || json_object_size(h) != 2 || !json_is_string(name)
		    || !json_is_string(cert))
			return err_set(e, _("%s: each officer needs a name and a certificate number"),
				       field_name(f));
		if (!json_string_length(name) || json_string_length(name) > 60
		    || json_string_length(cert) > 40)
			return err_set(e, _("%s: officer %zu: name must be 1-60 bytes, cert at most 40"),
				       field_name(f), i + 1);
		if (text_check(f, json_string_value(name), e) || text_check(f, json_string_value(cert), e))
			return -1;
	}
	return 0;
}

/* An extension code of an open list: snake_case, a letter first, at most 40 bytes. */
static bool is_code(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	return n && n <= 40 && !s[n] && s[0] >= 'a' && s[0] <= 'z';
}

static int enum_check(const struct field *f, const char *s, ipc_err *e)
{
	for (const struct enum_value *ev = f->values; ev->id; ev++)
		if (strcmp(ev->id, s) == 0)
			return 0;
	if ((f->flags & FF_OPEN) && is_code(s))
		return 0;
	return err_set(e, _("%s: unknown value \"%.40s\""), field_name(f), s);
}

#define LIST_MAX 50 /* items of an FK_ENUMS or FK_ORGS list */

static int enums_check(const struct field *f, const json_t *v, ipc_err *e)
{
	size_t i;
	json_t *x;

	if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > LIST_MAX)
		return err_set(e, _("%s: expected a list of 1 to %d values"), field_name(f), LIST_MAX);
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || enum_check(f, json_string_value(x), e))
			return json_is_string(x) ? -1 : err_set(e, _("%s: expected a list of values"), field_name(f));
		for (size_t j = 0; j < i; j++)
			if (json_equal(x, json_array_get(v, j)))
				return err_set(e, _("%s: %s is listed twice"), field_name(f), json_string_value(x));
	}
	return 0;
}

/* [{"name":…} | {"uscc":…} | {"name":…,"uscc":…}…] */
static int orgs_check(const struct field *f, const json_t *v, ipc_err *e)
{
	size_t i;
	json_t *o;

	if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > LIST_MAX)
		return err_set(e, _("%s: expected a list of 1 to %d organisations"), field_name(f), LIST_MAX);
	json_array_foreach(v, i, o) {
		json_t *name = json_object_get(o, "name"), *uscc = json_object_get(o, "uscc");
		size_t keys = (name != NULL) + (uscc != NULL);
		char check;
		if (!json_is_object(o) || !keys || json_object_size(o) != keys
		    || (name && (!json_is_string(name) || !json_string_length(name)))
		    || (uscc && !json_is_string(uscc)))
			return err_set(e, _("%s: organisation %zu needs a name, a USCC or both"),
				       field_name(f), i + 1);
		if (name && text_check(f, json_string_value(name), e))
			return -1;
		if (uscc && !validate_uscc(json_string_value(uscc), &check))
			return check ? err_set(e, _("%s: check character of %s is wrong (should be %c)"),
					       field_name(f), json_string_value(uscc), check)
				     : err_set(e, _("%s: \"%.40s\" is not a unified social credit code"),
					       field_name(f), json_string_value(uscc));
	}
	return 0;
}

static int string_check(const struct field *f, const char *s, ipc_err *e)
{
	char check;

	switch (f->kind) {
	case FK_TEXT:
		return text_check(f, s, e);
	case FK_ENUM:
		return enum_check(f, s, e);
	case FK_DATE:
		return validate_date(s) ? 0 : err_set(e, _("%s: \"%.40s\" is not a date (YYYY-MM-DD)"), field_name(f), s);
	case FK_DATETIME:
		return validate_datetime(s) ? 0
		     : err_set(e, _("%s: \"%.40s\" is not a date and time (YYYY-MM-DDTHH:MM)"), field_name(f), s);
	case FK_MONEY:
		return validate_money(s) ? 0
		     : err_set(e, _("%s: \"%.40s\" is not an amount of yuan (e.g. 5000 or 1200.50)"), field_name(f), s);
	case FK_USCC:
		if (validate_uscc(s, &check))
			return 0;
		if (check)
			return err_set(e, _("%s: check character of %s is wrong (should be %c)"), field_name(f), s, check);
		return err_set(e, _("%s: \"%.40s\" is not a unified social credit code (18 characters "
			       "of 0-9 and A-Y without I O S V Z)"), field_name(f), s);
	case FK_REGION:
		return validate_region_name(s) ? 0
		     : err_set(e, _("%s: \"%.40s\" is not a division code of Beijing, Tianjin or Hebei "
			       "(e.g. 110108, 120113, 130100)"), field_name(f), s);
	case FK_IDNUM:
		return validate_id_number(s) ? 0
		     : err_set(e, _("%s: not a valid 18-character resident ID number"), field_name(f));
	case FK_SHA256:
		return is_hex64(s) ? 0 : err_set(e, _("%s: expected 64 lowercase hex digits"), field_name(f));
	case FK_REF:
		return is_uuid(s) ? 0 : err_set(e, _("%s: \"%.40s\" is not a record id"), field_name(f), s);
	default:
		return err_set(e, _("%s: expected a %s, not text"), field_name(f),
			       f->kind == FK_BOOL ? "true or false" : f->kind == FK_INT ? "number" : "list");
	}
}

static int value_check(const struct field *f, const json_t *v, ipc_err *e)
{
	if (json_is_null(v))
		return (f->flags & FF_REQUIRED) ? err_set(e, _("%s is required"), field_name(f)) : 0;
	switch (f->kind) {
	case FK_BOOL:
		return json_is_boolean(v) ? 0 : err_set(e, _("%s: expected true or false"), field_name(f));
	case FK_INT:
		return json_is_integer(v) && json_integer_value(v) >= 0 ? 0
		     : err_set(e, _("%s: expected a non-negative integer"), field_name(f));
	case FK_HANDLERS:
		return handlers_check(f, v, e);
	case FK_ENUMS:
		return enums_check(f, v, e);
	case FK_ORGS:
		return orgs_check(f, v, e);
	default:
		if (!json_is_string(v))
			return err_set(e, _("%s: expected text"), field_name(f));
		if (json_string_length(v) != strlen(json_string_value(v)))
			return err_set(e, _("%s: NUL character in text"), field_name(f));
		return string_check(f, json_string_value(v), e);
	}
}

/* "张三:13010001,李四:13010002" → [{"name":"张三","cert":"13010001"}, …]; NULL with e filled
 * when out of memory or a name is not UTF-8. */
static json_t *handlers_parse(const struct field *f, const char *text, ipc_err *e)
{
	json_t *list = json_array();
	char *copy = strdup(text), *next;

	if (!list || !copy) {
		err_nomem(e);
		goto fail;
	}
	/* split at "," or "，" as whole characters (strtok would cut at any byte of "，", and
	 * so inside names such as 张伟) */
	for (char *item = copy; item; item = next) {
		char *comma = strchr(item, ','), *wide = strstr(item, "，"), *colon;
		if (wide && (!comma || wide < comma))
			*wide = '\0', next = wide + strlen("，");
		else if (comma)
			*comma = '\0', next = comma + 1;
		else
			next = NULL;
		if (!*item)
			continue;
		colon = strchr(item, ':');
		if (!colon && (colon = strstr(item, "：")))
			*colon = '\0', colon += strlen("：") - 1;
		if (colon)
			*colon = '\0';
		if (json_array_append_new(list, json_pack("{s:s,s:s}", "name", item, "cert",
							  colon ? colon + 1 : ""))) {
			err_set(e, _("%s: text is not valid UTF-8"), field_name(f));
			goto fail;
		}
	}
	free(copy);
	return list;
fail:
	free(copy);
	json_decref(list);
	return NULL;
}

/* The items of a list typed by a person, separated by , ; or 、 (ASCII or full-width), with
 * the spaces around them trimmed; empty items are skipped. fn stops the walk by failing. */
static int list_each(const char *text, int (*fn)(char *item, void *arg), void *arg)
{
	static const char *const seps[] = {",", "，", ";", "；", "、"};
	char *copy = strdup(text), *p, *item;
	int rc = 0;

	if (!copy)
		return -1;
	for (p = item = copy; !rc; ) {
		size_t sep = 0;
		for (size_t i = 0; *p && !sep && i < sizeof seps / sizeof seps[0]; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				sep = strlen(seps[i]);
		if (*p && !sep) {
			p++;
			continue;
		}
		bool last = !*p;
		char *end = p;
		*p = '\0';
		while (*item == ' ' || *item == '\t')
			item++;
		while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*item)
			rc = fn(item, arg);
		if (last)
			break;
		p += sep;
		item = p;
	}
	free(copy);
	return rc;
}

const char *schema_enum_choices(const struct enum_value *values, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (const struct enum_value *x = values; x->id && len < n; x++)
		if (i18n_zh()) /* the Chinese names, which are taken as they are */
			len += (size_t)snprintf(out + len, n - len, "%s%s", x == values ? "" : "、", x->zh);
		else
			len += (size_t)snprintf(out + len, n - len, "%s%s (%s)", x == values ? "" : ", ",
						x->id, x->zh);
	return out;
}

/* An enum value typed by a person: its id or Chinese name; on an open list, any code (the
 * check that follows says whether it is one). */
static json_t *enum_parse(const struct field *f, const char *text, ipc_err *e)
{
	const struct enum_value *ev = schema_enum_find(f->values, text);
	char list[600];

	if (ev)
		return json_string(ev->id);
	if ((f->flags & FF_OPEN) && is_code(text))
		return json_string(text);
	schema_enum_choices(f->values, list, sizeof list);
	err_set(e, (f->flags & FF_OPEN) ? _("%s: unknown value \"%.40s\"; one of: %s, or the code of "
					    "an extension") : _("%s: unknown value \"%.40s\"; one of: %s"),
		field_name(f), text, list);
	return NULL;
}

struct list_parse {
	const struct field *f;
	json_t *list;
	ipc_err *e;
};

static int enums_item(char *item, void *arg)
{
	struct list_parse *lp = arg;
	json_t *v = enum_parse(lp->f, item, lp->e);

	return v ? json_array_append_new(lp->list, v) : -1;
}

/* An 18-character run of digits and capitals is meant as a USCC (and checked as one). */
static bool looks_uscc(const char *s)
{
	return strlen(s) == 18 && strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 18;
}

/* "NAME", "USCC" or "NAME:USCC" (a full-width colon too) */
static int orgs_item(char *item, void *arg)
{
	struct list_parse *lp = arg;
	char *colon = strstr(item, "："), *uscc = NULL;
	const char *name = item;
	json_t *o = json_object();

	if (!colon && (colon = strrchr(item, ':')))
		uscc = colon + 1;
	else if (colon)
		uscc = colon + strlen("：");
	if (colon)
		*colon = '\0';
	while (uscc && *uscc == ' ')
		uscc++;
	for (char *end = colon; end && end > item && end[-1] == ' '; )
		*--end = '\0';
	if (!uscc && looks_uscc(item))
		uscc = item, name = "";
	if (*name && json_object_set_new(o, "name", json_string(name))) {
		json_decref(o);
		return err_set(lp->e, _("%s: text is not valid UTF-8"), lp->f->name);
	}
	if (uscc && *uscc)
		json_object_set_new(o, "uscc", json_string(uscc));
	return json_array_append_new(lp->list, o);
}

static json_t *list_parse(const struct field *f, const char *text, ipc_err *e)
{
	struct list_parse lp = {f, json_array(), e};

	if (list_each(text, f->kind == FK_ENUMS ? enums_item : orgs_item, &lp)) {
		json_decref(lp.list);
		return NULL;
	}
	return lp.list;
}

int schema_value_check(const struct field *f, const json_t *v, ipc_err *e)
{
	return value_check(f, v, e) ? err_field(e, IPC_E_RULE, f->name) : 0;
}

/* What a person typed in the stored form of the field's kind (base/typed), when it reads. */
static bool typed_text(const struct field *f, const char *text, char *out, size_t n)
{
	switch (f->kind) {
	case FK_DATE:
		return typed_date(text, out);
	case FK_DATETIME:
		return n >= 20 && typed_datetime(text, out);
	case FK_MONEY:
		return typed_money(text, out, n);
	case FK_USCC:
	case FK_IDNUM:
		return typed_code(text, out, n);
	case FK_REGION:
		return strspn(text, "0123456789") != strlen(text) && typed_region(text, out);
	default:
		return false;
	}
}

static int value_parse(const struct field *f, const char *text, json_t **out, ipc_err *e)
{
	json_t *v = NULL;

	if (!*text) {
		v = json_null();
	} else if (f->kind == FK_ENUM || f->kind == FK_ENUMS || f->kind == FK_ORGS) {
		ipc_err why = {0};
		v = f->kind == FK_ENUM ? enum_parse(f, text, &why) : list_parse(f, text, &why);
		if (!v)
			return why.msg[0] ? err_set(e, "%s", why.msg) : err_nomem(e);
	} else if (f->kind == FK_BOOL) {
		bool t = !strcmp(text, "true") || !strcmp(text, "yes") || !strcmp(text, "1") || !strcmp(text, "是");
		bool n = !strcmp(text, "false") || !strcmp(text, "no") || !strcmp(text, "0") || !strcmp(text, "否");
		if (!t && !n)
			return err_set(e, _("%s: expected true or false"), f->name);
		v = json_boolean(t);
	} else if (f->kind == FK_INT) {
		char *end;
		long long n = strtoll(text, &end, 10);
		if (*end || n < 0)
			return err_set(e, _("%s: expected a non-negative integer"), f->name);
		v = json_integer(n);
	} else if (f->kind == FK_HANDLERS) {
		if (!(v = handlers_parse(f, text, e)))
			return -1;
	} else {
		char typed[64];
		v = typed_text(f, text, typed, sizeof typed)
		    ? json_string(typed) : json_stringn(text, strlen(text)); /* NULL: not UTF-8 */
	}
	if (!v)
		return err_set(e, _("%s: text is not valid UTF-8"), f->name);
	if (value_check(f, v, e)) {
		json_decref(v);
		return -1;
	}
	*out = v;
	return 0;
}

int schema_value_parse(const struct field *f, const char *text, json_t **out, ipc_err *e)
{
	*out = NULL;
	return value_parse(f, text, out, e) ? err_field(e, IPC_E_RULE, f->name) : 0;
}

bool schema_confidential(const struct rtype *t, const struct field *f, const json_t *state)
{
	const char *role;

	(void)t;
	if (f->flags & FF_CONFIDENTIAL)
		return true;
	if (!(f->flags & FF_REPORTER))
		return false;
	role = json_string_value(json_object_get(state, "role"));
	return role && (strcmp(role, "reporter") == 0 || strcmp(role, "complainant") == 0);
}
