/* cmd_office — the office's key, roster and pins: office create, show, members, join, admit,
 * refuse, revoke, verify, the offices seen in the channels, and the office's case numbers
 * (numbering). */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/caseno.h"
#include "db/rules/roster.h"

#define POS_MAX 10 /* a fingerprint may come as its 8 groups */

/* The positional arguments from `from` on, joined by spaces (a fingerprint in groups). */
static void joined(const char *const *pos, int from, int npos, char *out, size_t n)
{
	out[0] = '\0';
	for (int i = from; i < npos; i++)
		snprintf(out + strlen(out), n - strlen(out), "%s%s", i > from ? " " : "", pos[i]);
}

static const char *role_names(const json_t *roles, char *out, size_t n)
{
	const json_t *r;
	size_t i;

	out[0] = '\0';
	json_array_foreach(roles, i, r) {
		const struct enum_value *v = schema_enum_find(roster_roles, json_string_value(r));
		snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? ", " : "",
			 v ? (i18n_zh() ? v->zh : _(v->en)) : json_string_value(r));
	}
	return out;
}

int cmd_office_create(struct cmd_ctx *c, int argc, char **argv)
{
	const char *roles = NULL;
	const struct opt opts[] = {OPT_VALUE("--roles", &roles), OPT_END};
	json_t *o;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return rc;
	if (roster_create(c->d, roles, &e) || !(o = roster_office(c->d, &e)))
		return cmd_fail(&e);
	printf(_("office %s: its key is made and kept on this device (office.key).\n"
		 "Its fingerprint, to read to the other offices and to the officers who join:\n  %s\n"),
	       jstr(o, "code"), jstr(o, "fingerprint"));
	json_decref(o);
	return 0;
}

int cmd_office_show(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	char roles[200];
	json_t *o;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return rc;
	if (!(o = roster_office(c->d, &e)))
		return cmd_fail(&e);
	if (as_json) {
		cmd_print_json(o);
		json_decref(o);
		return 0;
	}
	printf("%s  ", jstr(o, "code"));
	cmd_print_text(jstr(o, "name"));
	putchar('\n');
	if (jstr(o, "fingerprint"))
		printf(_("office key fingerprint  %s%s\n"), jstr(o, "fingerprint"),
		       json_is_true(json_object_get(o, "holds_key")) ? _("  (held by this device)") : "");
	else
		printf("%s\n", _("office key              none yet: unverified; the administrator "
				 "runs `ipcase office create`, the others `ipcase office join "
				 "FINGERPRINT`"));
	printf(_("this device             %s\n"), jstr(o, "device_fingerprint"));
	if (json_is_true(json_object_get(o, "admitted")))
		printf(_("admitted, roles         %s\n"),
		       role_names(json_object_get(o, "roles"), roles, sizeof roles));
	else if (*jtext(o, "why")) {
		fputs(_("not admitted yet         "), stdout);
		cmd_print_text(jstr(o, "why"));
		putchar('\n');
	}
	json_decref(o);
	return 0;
}

static void member_row(const json_t *m)
{
	const struct enum_value *st = schema_enum_find(roster_states, jtext(m, "state"));
	char roles[200];

	printf("%-9s  ", strcmp(jtext(m, "state"), "requested") == 0 ? _("requested")
			 : st ? (i18n_zh() ? st->zh : _(st->en)) : jtext(m, "state"));
	cmd_print_text(jstr(m, "officer"));
	fputs(" (", stdout);
	cmd_print_text(jstr(m, "cert"));
	printf(")  %s  %s", jstr(m, "fingerprint"),
	       role_names(json_object_get(m, "roles"), roles, sizeof roles));
	if (*jtext(m, "reason")) {
		fputs("  ", stdout);
		cmd_print_text(jstr(m, "reason"));
	}
	putchar('\n');
}

int cmd_office_members(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, roster_members, member_row, NULL);
}

static void office_row(const json_t *o)
{
	printf(_("%s  %-10s  %s  %lld admitted  "), jstr(o, "code"),
	       json_is_true(json_object_get(o, "verified")) ? _("verified") : _("unverified"),
	       jstr(o, "fingerprint"), (long long)json_integer_value(json_object_get(o, "members")));
	cmd_print_text(jstr(o, "name"));
	putchar('\n');
}

int cmd_office_keys(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, roster_offices, office_row, NULL);
}

/* join FINGERPRINT, verify CODE FINGERPRINT, admit/refuse/revoke DEVICE */
int cmd_office_join(struct cmd_ctx *c, int argc, char **argv)
{
	const char *note = NULL, *pos[POS_MAX];
	const struct opt opts[] = {OPT_VALUE("--note", &note), OPT_END};
	char fp[200];
	json_t *o;
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos < 1)
		return cmd_bad_usage(c->cmd, _("give the office key's fingerprint, as its administrator "
					       "reads it to you"));
	joined(pos, 0, npos, fp, sizeof fp);
	if (roster_join(c->d, fp, note, &e) || !(o = roster_office(c->d, &e)))
		return cmd_fail(&e);
	printf(_("join request written; sync it to the office channel. Read this device's fingerprint "
		 "to the administrator, who admits it with `ipcase office admit`:\n  %s\n"),
	       jstr(o, "device_fingerprint"));
	json_decref(o);
	return 0;
}

int cmd_office_verify(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[POS_MAX];
	char fp[200];
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, (const struct opt[]){OPT_END}, pos, POS_MAX, &npos)))
		return rc;
	if (npos < 2)
		return cmd_bad_usage(c->cmd, _("give the office's division code and its fingerprint"));
	joined(pos, 1, npos, fp, sizeof fp);
	if (roster_verify(c->d, pos[0], fp, &e))
		return cmd_fail(&e);
	printf(_("office %s verified: handoffs to it are sealed to its roster's members\n"), pos[0]);
	return 0;
}

int cmd_office_member(struct cmd_ctx *c, int argc, char **argv)
{
	const char *roles = NULL, *reason = NULL, *pos[POS_MAX];
	const struct opt opts[] = {OPT_VALUE("--roles", &roles), OPT_VALUE("--reason", &reason),
				   OPT_END};
	const char *verb = strchr(c->cmd->name, ' ') + 1;
	char device[200];
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos < 1)
		return cmd_bad_usage(c->cmd, _("name the device by the fingerprint its officer reads "
					       "from `ipcase office show`"));
	joined(pos, 0, npos, device, sizeof device);
	if (strcmp(verb, "admit") == 0)
		rc = roster_admit(c->d, device, roles, &e);
	else if (strcmp(verb, "refuse") == 0)
		rc = roster_refuse(c->d, device, reason, &e);
	else
		rc = roster_revoke(c->d, device, reason, &e);
	if (rc)
		return cmd_fail(&e);
	printf(_("done: the roster changes for everyone with the next sync\n"));
	return 0;
}

/* ---- numbering ---- */

static void numbering_print(const json_t *o)
{
	const json_t *b = json_object_get(o, "block"), *k;
	size_t i;

	json_array_foreach(json_object_get(o, "kinds"), i, k) {
		printf("%-8s %s\t", jtext(k, "kind"), jtext(k, "word"));
		cmd_print_text(jtext(k, "prefix"));
		printf(_("〔YYYY〕N号%s: %s\n"), json_is_true(json_object_get(k, "default"))
		       ? _(" (default)") : "", jtext(k, "what"));
	}
	if (strcmp(jtext(b, "source"), "roster") == 0)
		printf(_("this device's block: %lld (N from %lld to %lld, %lld a block, given by the "
			 "office roster)\n"), (long long)json_integer_value(json_object_get(b, "index")),
		       (long long)json_integer_value(json_object_get(b, "from")),
		       (long long)json_integer_value(json_object_get(b, "to")),
		       (long long)json_integer_value(json_object_get(b, "size")));
	else
		printf(_("no block from an office roster: N is the certificate number and a count "
			 "(〔YYYY〕%s-N号); a roster made here (ipcase office create) gives blocks of %lld\n"),
		       jtext(b, "cert"), (long long)json_integer_value(json_object_get(b, "size")));
}

int cmd_numbering(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	json_t *o;
	ipc_err e;
	int n, bad;

	/* any number of KIND=PREFIX: they stay in argv, at its front */
	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, argc, &n)))
		return bad;
	if (n && db_begin(c->d, &e))
		return cmd_fail(&e);
	for (int a = 0; a < n; a++) {
		const char *v;
		char name[64];
		if (!opt_assign(argv[a], name, sizeof name, &v)) {
			db_rollback(c->d);
			return cmd_bad_usage(c->cmd, _("expected KIND=PREFIX, not %s"), argv[a]);
		}
		if (caseno_setting_set(c->d, name, v, &e)) {
			db_rollback(c->d);
			return cmd_fail(&e);
		}
	}
	if ((n && db_commit(c->d, &e)) || !(o = caseno_settings(c->d, &e)))
		return cmd_fail(&e);
	if (as_json)
		cmd_print_json(o);
	else
		numbering_print(o);
	json_decref(o);
	return 0;
}
