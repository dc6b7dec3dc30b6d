/* form_handlers — the editor of a list of officers (a case's handlers, an inspection's
 * inspectors): a name and an enforcement certificate number each, and an empty pair at the
 * end for the next one. Every change goes straight into the field of the form it was opened
 * from, and so into that form's draft; Esc puts the field back. Filing needs two officers
 * with certificate numbers (Order No. 2 art. 19; db/rules/workflow.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "tui/form.h"

#define OFFICERS_MAX 20  /* what the schema accepts */
#define NAME_MAX_ 60     /* bytes, as the schema checks them */
#define CERT_MAX 40
/* They separate officers and name from number in the field's text (NAME:CERT,NAME:CERT). */
#define SEPARATORS ",:，："

/* Items come in pairs: 2k is officer k's name, 2k + 1 the number. */
static struct form_item *pair_other(struct form *fm, struct form_item *it)
{
	size_t i = (size_t)(it - fm->items);

	return &fm->items[i % 2 ? i - 1 : i + 1];
}

static int name_check(struct form *fm, struct form_item *it, ipc_err *e)
{
	if (!it->text[0] && pair_other(fm, it)->text[0])
		return err_set(e, "%s", _("the officer's name is missing"));
	if (strlen(it->text) > NAME_MAX_)
		return err_set(e, _("at most %d bytes"), NAME_MAX_);
	return 0;
}

static int cert_check(struct form *fm, struct form_item *it, ipc_err *e)
{
	(void)fm;
	if (strlen(it->text) > CERT_MAX)
		return err_set(e, _("at most %d bytes"), CERT_MAX);
	return 0;
}

/* One half of officer k's pair: "name3" or "cert3". */
static struct form_item *pair_item(struct form *fm, const char *key, const char *label_fmt,
				   size_t k, const char *text)
{
	char name[32], label[128];
	struct form_item *it;

	snprintf(name, sizeof name, "%s%zu", key, k);
	snprintf(label, sizeof label, label_fmt, k);
	if (!(it = form_item_add(fm, name, label, NULL)))
		return NULL;
	it->refuse = SEPARATORS;
	return form_item_set(it, text, true) ? NULL : it;
}

static int pair_add(struct form *fm, const char *name, const char *cert)
{
	size_t k = fm->n / 2 + 1;
	struct form_item *it;

	if (!(it = pair_item(fm, "name", _("officer %zu"), k, name)))
		return -1;
	it->check = name_check;
	if (!(it = pair_item(fm, "cert", _("certificate no. %zu"), k, cert)))
		return -1;
	it->check = cert_check;
	it->hint = _("enforcement certificate number");
	return 0;
}

static struct form_item *parent_item(struct form *fm)
{
	return &fm->parent->items[fm->parent_item];
}

static int handlers_build(struct tui *t, struct form *fm, ipc_err *e)
{
	struct form_item *pit = parent_item(fm);
	json_t *list = NULL, *h;
	size_t i;
	int rc = -1;

	(void)t;
	if (pit->text[0] && form_item_value(pit, &list, e))
		return -1;
	snprintf(fm->title, sizeof fm->title, _("%s: name and certificate number of each officer"),
		 pit->label);
	if (!(fm->parent_orig = strdup(pit->text)))
		goto oom;
	json_array_foreach(list, i, h)
		if (pair_add(fm, json_string_value(json_object_get(h, "name")) ?: "",
			     json_string_value(json_object_get(h, "cert")) ?: ""))
			goto oom;
	if (json_array_size(list) < OFFICERS_MAX && pair_add(fm, "", ""))
		goto oom;
	rc = 0;
	goto out;
oom:
	err_nomem(e);
out:
	json_decref(list);
	return rc;
}

/* The pairs back into the parent's field as NAME:CERT,NAME:CERT; an empty pair for the next
 * officer once the last one is being filled. */
static void handlers_changed(struct tui *t, struct form *fm)
{
	struct form_item *pit = parent_item(fm);
	char text[FORM_TEXT_MAX];
	size_t len = 0;

	text[0] = '\0';
	for (size_t i = 0; i + 1 < fm->n; i += 2) {
		const char *name = fm->items[i].text, *cert = fm->items[i + 1].text;
		if ((*name || *cert) && len < sizeof text)
			len += (size_t)snprintf(text + len, sizeof text - len, "%s%s:%s", len ? "," : "",
						name, cert);
	}
	form_item_set(pit, text, false);
	pit->err[0] = '\0';
	if (fm->n / 2 < OFFICERS_MAX && (fm->items[fm->n - 2].text[0] || fm->items[fm->n - 1].text[0]))
		pair_add(fm, "", "");
	form_changed(t, fm->parent);
}

/* The parent's field holds what was typed already: done is closing. */
static int handlers_save(struct tui *t, struct form *fm)
{
	return form_quit(t, fm);
}

static void handlers_discard(struct tui *t, struct form *fm)
{
	form_item_set(parent_item(fm), fm->parent_orig, false);
	form_changed(t, fm->parent);
}

const struct form_kind form_handlers_kind = {
	.build = handlers_build,
	.save = handlers_save,
	.changed = handlers_changed,
	.discard = handlers_discard,
};

int form_handlers_open(struct tui *t, struct form *fm, size_t item)
{
	struct form_spec s = {.kind = &form_handlers_kind, .parent = fm, .parent_item = item};

	return form_open(t, &s);
}
