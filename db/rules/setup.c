/* setup — a new workspace: the identity's checks, the workspace, the office created or joined. */
#include "db/rules/setup.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/validate.h"
#include "db/rules/caseno.h"
#include "db/rules/officekey.h"
#include "db/rules/roster.h"
#include "db/workspace.h"

/* What an officer's name or certificate may not hold: controls, and the separators of the
 * officer lists a case's handlers are typed as (王建国:13010001,李敏:13010002). */
static bool has_separator(const char *s)
{
	static const char *const seps[] = {",", "，", ":", "：", "、"};

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
		if (strstr(s, seps[i]))
			return true;
	return false;
}

static int check_office(const struct setup *s, ipc_err *e)
{
	if (!s->id.office[0])
		return err_kind(e, IPC_E_USAGE, "office", "%s", _("choose the office"));
	if (!validate_region_name(s->id.office))
		return err_kind(e, IPC_E_USAGE, "office", _("%s is not a division code of Beijing, "
				"Tianjin or Hebei (e.g. 110108, 120113, 130100)"), s->id.office);
	if (!s->id.office_name[0])
		return err_kind(e, IPC_E_USAGE, "office", "%s", _("give the office's name"));
	return 0;
}

static int check_officer(const struct setup *s, ipc_err *e)
{
	size_t n = strlen(s->id.officer);

	if (!n || n > 60)
		return err_kind(e, IPC_E_USAGE, "officer", "%s", _("the officer's name takes 1 to 60 "
				"bytes (20 Chinese characters)"));
	if (has_separator(s->id.officer))
		return err_kind(e, IPC_E_USAGE, "officer", "%s", _("the officer's name may not hold "
				", : 、 or control characters (they separate a case's officers)"));
	return 0;
}

static int check_cert(const struct setup *s, ipc_err *e)
{
	size_t n = strlen(s->id.cert);

	if (!n || n > 40 || has_separator(s->id.cert) || !strpbrk(s->id.cert, "0123456789"))
		return err_kind(e, IPC_E_USAGE, "cert", "%s", _("the certificate number (执法证号) "
				"takes 1 to 40 bytes with digits, without , : 、 or control "
				"characters, e.g. 13010001"));
	return 0;
}

static int check_prefix(const struct setup *s, ipc_err *e)
{
	return caseno_prefix_check("case_prefix", s->id.case_prefix, e);
}

static int check_fingerprint(const struct setup *s, ipc_err *e)
{
	char digits[33];

	if (s->office != SETUP_OFFICE_JOIN || (s->fingerprint && officekey_digits(s->fingerprint, digits)))
		return 0;
	return err_kind(e, IPC_E_USAGE, "fingerprint", "%s", _("a fingerprint is 32 digits, as the "
			"administrator's `ipcase office show` prints them (8 groups of 4)"));
}

static const struct {
	const char *field;
	int (*check)(const struct setup *s, ipc_err *e);
} checks[] = {
	{"office", check_office},         {"officer", check_officer}, {"cert", check_cert},
	{"case_prefix", check_prefix},    {"fingerprint", check_fingerprint},
};

#define NCHECKS (sizeof checks / sizeof checks[0])

int setup_check(const struct setup *s, const char *field, ipc_err *e)
{
	for (size_t i = 0; i < NCHECKS; i++)
		if (!strcmp(checks[i].field, field))
			return checks[i].check(s, e);
	return err_kind(e, IPC_E_INTERNAL, field, _("no such field of a setup: %s"), field);
}

/* The office step on the new workspace. */
static int office_step(const char *home, const struct setup *s, json_t **office, ipc_err *e)
{
	json_t *o = NULL;
	db *d = NULL;
	int rc = -1;

	if (db_open(home, &d, e)
	    || (s->office == SETUP_OFFICE_CREATE && roster_create(d, NULL, e))
	    || (s->office == SETUP_OFFICE_JOIN && roster_join(d, s->fingerprint, NULL, e))
	    || !(o = roster_office(d, e))) {
		err_wrap(e, _("the workspace in %s was created, but not its office"), home);
		goto out;
	}
	if (office) {
		*office = o;
		o = NULL;
	}
	rc = 0;
out:
	json_decref(o);
	db_close(d);
	return rc;
}

int setup_run(const char *home, struct setup *s, json_t **office, ipc_err *e)
{
	for (size_t i = 0; i < NCHECKS; i++)
		if (checks[i].check(s, e))
			return -1;
	if ((!s->id.case_prefix[0]
	     && caseno_default_prefix(s->id.office, s->id.case_prefix, sizeof s->id.case_prefix, e))
	    || db_init(home, &s->id, e))
		return -1;
	if (!office && s->office == SETUP_OFFICE_LATER)
		return 0;
	return office_step(home, s, office, e);
}
