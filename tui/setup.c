/* setup — the first-start screen, shown when the screen starts and there is no workspace: a
 * form of its own (tui/form.h) with the office picked from the list of 京津冀 offices (the
 * menu filters as you type), the officer's name, the certificate number, the case-number
 * prefix (the office's own filled in), then whether this device creates the office (keeps
 * its key), joins it (the fingerprint its administrator reads out) or leaves that for later.
 * F2 makes the workspace through db/rules/setup (what `ipcase init` calls), each refusal
 * under its field; the case list then opens on it. Esc leaves without creating anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/validate.h"
#include "db/rules/caseno.h"
#include "db/rules/office.h"
#include "db/rules/setup.h"
#include "db/workspace.h"
#include "tui/form.h"
#include "tui/screens.h"

enum { TAG_OFFICE = FORM_TAG_KIND, TAG_STEP };

#define CODE_LEN 6 /* a division code, before the office's name in the office item */

/* What the workspace does with its office, as the step item offers it. */
static const struct {
	enum setup_office office;
	const char *label;
} steps[] = {
	{SETUP_OFFICE_CREATE, N_("create the office: this device keeps its key")},
	{SETUP_OFFICE_JOIN, N_("join the office: its administrator reads you the fingerprint")},
	{SETUP_OFFICE_LATER, N_("later (the office screen, O)")},
};

#define NSTEPS (sizeof steps / sizeof steps[0])

static int step_of(const char *text)
{
	for (size_t i = 0; i < NSTEPS; i++)
		if (!strcmp(text, _(steps[i].label)))
			return (int)i;
	return -1;
}

static void copy(char *dst, size_t n, const char *src)
{
	size_t k = strnlen(src, n - 1);

	memcpy(dst, src, k);
	dst[k] = '\0';
}

/* The setup the form's texts say; the office item holds "130100 石家庄市市场监督管理局". */
static void setup_of(struct form *fm, struct setup *s)
{
	const char *office = form_item(fm, "office")->text;
	int step = step_of(form_item(fm, "office_step")->text);

	memset(s, 0, sizeof *s);
	copy(s->id.office, CODE_LEN + 1, office);
	copy(s->id.office_name, sizeof s->id.office_name,
	     strlen(office) > CODE_LEN ? office + CODE_LEN + 1 : "");
	copy(s->id.officer, sizeof s->id.officer, form_item(fm, "officer")->text);
	copy(s->id.cert, sizeof s->id.cert, form_item(fm, "cert")->text);
	copy(s->id.case_prefix, sizeof s->id.case_prefix, form_item(fm, "case_prefix")->text);
	s->office = step >= 0 ? steps[step].office : SETUP_OFFICE_LATER;
	s->fingerprint = form_item(fm, "fingerprint")->text;
}

static int item_check(struct form *fm, struct form_item *it, ipc_err *e)
{
	struct setup s;

	setup_of(fm, &s);
	return setup_check(&s, it->key, e);
}

/* ---- the office, from the list ---- */

static int by_code(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The list of offices, filtered by what was typed (NULL: nothing). */
static int office_menu(struct tui *t, const struct form_item *it, const char *typed)
{
	char code[CODE_LEN + 1], name[200], *labels[128];
	int n = 0, sel = 0, flags = TUI_HANDLED | TUI_REDRAW;

	for (size_t i = 0; n < 128 && validate_region_at(i, code); i++, n++) {
		office_name(code, name, sizeof name);
		if (asprintf(&labels[n], "%s %s", code, name) < 0) {
			tui_error(t, "%s", _("out of memory"));
			goto out;
		}
	}
	qsort(labels, (size_t)n, sizeof *labels, by_code);
	for (int i = 0; i < n; i++)
		if (!strncmp(it->text, labels[i], CODE_LEN))
			sel = i;
	flags = tui_menu_open_also(t, TAG_OFFICE, _("Your office (type part of its name or code)"),
				   (const char *const *)labels, NULL, n, sel, typed);
out:
	while (n-- > 0)
		free(labels[n]);
	return flags;
}

static int office_press(struct tui *t, struct form *fm, struct form_item *it)
{
	(void)fm;
	return office_menu(t, it, NULL);
}

static int office_typed(struct tui *t, struct form *fm, struct form_item *it, const char *text)
{
	(void)fm;
	return office_menu(t, it, text);
}

/* The office chosen; the prefix follows it while it is the previous office's own. */
static void office_chosen(struct form *fm, const char *label)
{
	struct form_item *office = form_item(fm, "office"), *prefix = form_item(fm, "case_prefix");
	char was[96] = "", now[96] = "", code[CODE_LEN + 1];
	ipc_err e;

	copy(code, sizeof code, office->text);
	if (code[0])
		caseno_default_prefix(code, was, sizeof was, &e);
	copy(code, sizeof code, label);
	if (!prefix->text[0] || !strcmp(prefix->text, was))
		if (!caseno_default_prefix(code, now, sizeof now, &e))
			form_item_set(prefix, now, false);
	form_item_set(office, label, false);
}

/* ---- create, join or later ---- */

static int step_press(struct tui *t, struct form *fm, struct form_item *it)
{
	const char *labels[NSTEPS];
	int sel = step_of(it->text);

	(void)fm;
	for (size_t i = 0; i < NSTEPS; i++)
		labels[i] = _(steps[i].label);
	return tui_menu_open(t, TAG_STEP, it->label, labels, (int)NSTEPS, sel > 0 ? sel : 0);
}

static int setup_answer(struct tui *t, struct form *fm, const struct tui_answer *a)
{
	struct form_item *it = form_item(fm, a->tag == TAG_OFFICE ? "office" : "office_step");

	if (a->kind != TUI_ANSWER_ACCEPT || !it)
		return TUI_HANDLED | TUI_REDRAW;
	if (a->tag == TAG_OFFICE)
		office_chosen(fm, a->text);
	else
		form_item_set(it, a->text, false);
	it->err[0] = '\0';
	form_changed(t, fm);
	return TUI_HANDLED | TUI_REDRAW;
}

/* ---- the form ---- */

static const struct {
	const char *key, *label, *hint;
	int (*press)(struct tui *t, struct form *fm, struct form_item *it);
	int (*typed)(struct tui *t, struct form *fm, struct form_item *it, const char *text);
} items[] = {
	{"office", N_("Office"), N_("Enter or type: choose from the list"), office_press,
	 office_typed},
	{"officer", N_("Your name"), NULL, NULL, NULL},
	{"cert", N_("Certificate no."), N_("执法证号, e.g. 13010001"), NULL, NULL},
	{"case_prefix", N_("Case-number prefix"), N_("the office's own, once it is chosen"), NULL,
	 NULL},
	{"office_step", N_("This device"), N_("Enter: create the office, join it, or later"),
	 step_press, NULL},
	{"fingerprint", N_("Office fingerprint"), N_("to join: 8 groups of 4 digits"), NULL, NULL},
};

static int setup_build(struct tui *t, struct form *fm, ipc_err *e)
{
	(void)t;
	snprintf(fm->title, sizeof fm->title, "%s",
		 _("First start: no workspace yet. F2 creates it, Esc leaves"));
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		struct form_item *it = form_item_add(fm, items[i].key, _(items[i].label), NULL);
		if (!it)
			return err_nomem(e);
		it->hint = items[i].hint ? _(items[i].hint) : NULL;
		it->press = items[i].press;
		it->typed = items[i].typed;
		it->check = items[i].press ? NULL : item_check;
		it->required = strcmp(items[i].key, "case_prefix") && strcmp(items[i].key, "fingerprint");
	}
	return 0;
}

/* The list of offices opens at once: typing part of a name picks one. */
static int setup_start(struct tui *t, struct form *fm)
{
	return office_press(t, fm, form_item(fm, "office"));
}

/* What the bottom line says once the workspace is made (a fingerprint is 39 columns: the
 * line fits 80). */
static void setup_said(const struct setup *s, const json_t *o, char *out, size_t n)
{
	if (s->office == SETUP_OFFICE_CREATE)
		snprintf(out, n, _("Created. Office key fingerprint: %s"), jtext(o, "fingerprint"));
	else if (s->office == SETUP_OFFICE_JOIN)
		snprintf(out, n, _("Join requested; device fingerprint %s"),
			 jtext(o, "device_fingerprint"));
	else
		snprintf(out, n, "%s", _("Created; the office is not set up yet (O: the office)"));
}

static int setup_save(struct tui *t, struct form *fm)
{
	const char *home = tui_home(t);
	struct setup s;
	json_t *o = NULL;
	ipc_err e = {0}, failed = {0};
	char said[600];
	db *d = NULL;
	int flags;

	if (step_of(form_item(fm, "office_step")->text) < 0) {
		err_kind(&e, IPC_E_USAGE, "office_step", "%s", _("choose: create the office, join "
			 "it, or later"));
		return form_refused(t, fm, &e);
	}
	setup_of(fm, &s);
	if (setup_run(home, &s, &o, &failed) && !db_exists(home))
		return form_refused(t, fm, &failed);
	if (db_open(home, &d, &e)) { /* made, but it cannot be opened: the form says why */
		json_decref(o);
		return form_refused(t, fm, &e);
	}
	tui_workspace_opened(t, d);
	setup_said(&s, o, said, sizeof said);
	json_decref(o);
	flags = form_done(t, fm, said);
	if (failed.msg[0]) /* the workspace, but not its office step */
		tui_error(t, "%s", failed.msg);
	return flags;
}

static const struct form_kind setup_kind = {
	.name = NULL, /* no workspace to keep a draft in */
	.build = setup_build,
	.start = setup_start,
	.save = setup_save,
	.answer = setup_answer,
};

int tui_setup_open(struct tui *t)
{
	return form_open(t, &(struct form_spec){.kind = &setup_kind});
}
