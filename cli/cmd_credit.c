/* cmd_credit — `ipcase credit show`: a published case's credit (db/rules/credit). */
#include <stdio.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/calendar.h"
#include "db/rules/credit.h"

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
