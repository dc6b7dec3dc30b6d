/* cmd_credit — the credit commands (db/rules/credit, db/rules/credit_rules): a case's credit,
 * its publication, a repair application and its decision, a respondent's credit history. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/calendar.h"
#include "db/rules/credit.h"
#include "db/rules/credit_rules.h"
#include "db/rules/respondent.h"
#include "db/store.h"

static void print_credit(const json_t *c)
{
	const json_t *cond;
	size_t i;

	printf(_("published %s, displayed %d months to %s\n"), jstr(c, "published"),
	       (int)json_integer_value(json_object_get(c, "months")), jstr(c, "display_ends"));
	if (jstr(c, "withdrawn"))
		printf(_("withdrawn on %s\n"), jstr(c, "withdrawn"));
	printf(_("a repair can be asked from %s\n"), jstr(c, "repair_earliest"));
	json_array_foreach(json_object_get(c, "conditions"), i, cond) {
		const json_t *met = json_object_get(cond, "met");
		printf("  %s %s\n", json_is_null(met) ? "?" : json_is_true(met) ? "✓" : "✗",
		       jstr(cond, "name"));
	}
}

/* credit show CASE [--json] */
int cmd_credit_show(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	const char *arg = NULL;
	char id[37], today[11];
	json_t *out;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return bad;
	if (!arg)
		return cmd_bad_usage(c->cmd, _("give the id of the case"));
	if ((bad = cmd_id(c, arg, id)))
		return bad;
	cal_today(today);
	if (credit_case(c->d, id, today, &out, &e))
		return cmd_fail(&e);
	if (as_json)
		cmd_print_json(out);
	else
		print_credit(out);
	json_decref(out);
	return 0;
}

/* The fields named in `names` parsed from `texts` (NULL: not given) into set (consumed), then
 * written as record `id` of `type` (NULL: a new one, its id printed). */
static int write_fields(struct cmd_ctx *c, const char *type, const char *id, json_t *set,
			const char *const names[], const char *const texts[], bool as_json)
{
	const struct rtype *t = schema_type(type);
	char new_id[37];
	ipc_err e;
	int rc;

	if (!set) {
		err_nomem(&e);
		return cmd_fail(&e);
	}
	rc = 0;
	for (size_t i = 0; names[i] && !rc; i++)
		rc = schema_parse_into(t, names[i], texts[i], set, &e);
	if (rc || db_write(c->d, type, id, set, new_id, &e))
		rc = cmd_fail(&e);
	else if (!id)
		rc = cmd_print_new(set, new_id, as_json);
	json_decref(set);
	return rc;
}

/* credit publish CASE --on D [--platform P] [--months N --reason R] [--json] */
int cmd_credit_publish(struct cmd_ctx *c, int argc, char **argv)
{
	const char *on = NULL, *platform = NULL, *months = NULL, *reason = NULL, *arg = NULL;
	bool as_json = false;
	const struct opt opts[] = {OPT_VALUE("--on", &on), OPT_VALUE("--platform", &platform),
				   OPT_VALUE("--months", &months), OPT_VALUE("--reason", &reason),
				   OPT_FLAG("--json", &as_json), OPT_END};
	const char *const names[] = {"published_on", "platform", "months", "reason", NULL};
	char id[37];
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return bad;
	if (!arg || !on)
		return cmd_bad_usage(c->cmd, _("give the case and --on DATE"));
	if ((bad = cmd_id(c, arg, id)))
		return bad;
	return write_fields(c, "disclosure", NULL, json_pack("{s:s}", "case_id", id), names,
			    (const char *const[]){on, platform, months, reason}, as_json);
}

/* credit repair CASE --applied-on D [--applicant NAME] [--harm-removed] [--not-listed] */
int cmd_credit_repair(struct cmd_ctx *c, int argc, char **argv)
{
	const char *on = NULL, *applicant = NULL, *arg = NULL;
	bool harm = false, unlisted = false, as_json = false;
	const struct opt opts[] = {OPT_VALUE("--applied-on", &on),
				   OPT_VALUE("--applicant", &applicant),
				   OPT_FLAG("--harm-removed", &harm), OPT_FLAG("--not-listed", &unlisted),
				   OPT_FLAG("--json", &as_json), OPT_END};
	const char *const names[] = {"applied_on", "applicant", NULL};
	char id[37];
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return bad;
	if (!arg || !on)
		return cmd_bad_usage(c->cmd, _("give the case and --applied-on DATE"));
	if ((bad = cmd_id(c, arg, id)))
		return bad;
	return write_fields(c, "credit_repair", NULL, json_pack("{s:s,s:b,s:b}", "case_id", id,
			    "harm_removed", harm, "not_listed", unlisted), names,
			    (const char *const[]){on, applicant}, as_json);
}

/* credit decide ID granted|refused --reason R [--on D] */
int cmd_credit_decide(struct cmd_ctx *c, int argc, char **argv)
{
	const char *on = NULL, *reason = NULL, *args[2] = {0};
	const struct opt opts[] = {OPT_VALUE("--on", &on), OPT_VALUE("--reason", &reason),
				   OPT_END};
	const char *const names[] = {"decision", "decided_on", "reason", NULL};
	char id[37], today[11];
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, args, 2, NULL)))
		return bad;
	if (!args[0] || !args[1])
		return cmd_bad_usage(c->cmd, _("give the repair application and granted or refused"));
	if ((bad = cmd_id(c, args[0], id)))
		return bad;
	cal_today(today);
	return write_fields(c, "credit_repair", id, json_object(), names,
			    (const char *const[]){args[1], on ? on : today, reason}, false);
}

/* credit withdraw DISCLOSURE_ID [--on D]: the display ends before its period (a revoked
 * decision: the withdraw_disclosure limit); the rules refuse a date before publication. */
int cmd_credit_withdraw(struct cmd_ctx *c, int argc, char **argv)
{
	const char *on = NULL, *arg = NULL;
	const struct opt opts[] = {OPT_VALUE("--on", &on), OPT_END};
	const char *const names[] = {"withdrawn_on", NULL};
	char id[37], today[11];
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return bad;
	if (!arg)
		return cmd_bad_usage(c->cmd, _("give the disclosure (the id credit publish printed)"));
	if ((bad = cmd_id(c, arg, id)))
		return bad;
	cal_today(today);
	return write_fields(c, "disclosure", id, json_object(), names,
			    (const char *const[]){on ? on : today}, false);
}

/* An 18-character USCC (digits and capitals), not a case id or its prefix. */
static bool looks_uscc(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isdigit((unsigned char)s[n]) && !isupper((unsigned char)s[n]))
			return false;
	return n == 18;
}

/* One line a penalty: decision date, IP type, fine, case; then its display and repairs. */
static void print_penalty(const json_t *p)
{
	const json_t *credit = json_object_get(p, "credit"), *r;
	size_t i;

	printf("%s  ", jtext(p, "decided_on"));
	cmd_print_col(schema_enum_label(schema_field(schema_type("case"), "ip_type")->values,
					jtext(p, "ip_type"), i18n_zh()), 10);
	printf(" %12s  ", jstr(p, "fine") ? jstr(p, "fine") : "-");
	cmd_print_text(jstr(p, "case_no") ? jstr(p, "case_no") : jtext(p, "title"));
	putchar('\n');
	if (json_is_null(credit)) {
		printf("    %s\n", _("not published"));
		return;
	}
	printf("    ");
	printf(_("published %s, displayed to %s"), jstr(credit, "published"),
	       jstr(credit, "display_ends"));
	if (jstr(credit, "withdrawn"))
		printf(_(", withdrawn on %s"), jstr(credit, "withdrawn"));
	putchar('\n');
	json_array_foreach(json_object_get(credit, "repairs"), i, r) {
		printf("    ");
		printf(_("repair asked %s: %s"), jstr(r, "applied_on"),
		       jstr(r, "decision") ? schema_enum_label(credit_repair_decisions,
							   jstr(r, "decision"), i18n_zh())
					   : _("not decided"));
		putchar('\n');
	}
}

/* credit history USCC|CASE [--json] */
int cmd_credit_history(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	const char *arg = NULL;
	struct respondent_history h;
	char id[37], today[11];
	json_t *list, *p;
	ipc_err e;
	size_t i;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return bad;
	if (!arg)
		return cmd_bad_usage(c->cmd, _("give the respondent's USCC or a case of it"));
	cal_today(today);
	if (looks_uscc(arg))
		snprintf(h.uscc, sizeof h.uscc, "%s", arg);
	else if ((bad = cmd_id(c, arg, id)))
		return bad;
	else if (respondent_history(c->d, id, today, &h, &e))
		return cmd_fail(&e);
	else if (!h.uscc[0])
		return cmd_bad_usage(c->cmd, _("no respondent of this case has a USCC"));
	if (!(list = credit_history(c->d, h.uscc, today, &e)))
		return cmd_fail(&e);
	if (as_json) {
		list = json_pack("{s:s,s:o}", "uscc", h.uscc, "penalties", list);
		cmd_print_json(list);
	}
	json_array_foreach(as_json ? NULL : list, i, p)
		print_penalty(p);
	if (!as_json && !json_array_size(list))
		printf(_("no penalty of %s in this office's cases\n"), h.uscc);
	json_decref(list);
	return 0;
}
