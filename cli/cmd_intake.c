/* cmd_intake — the batch commands of complaints and reports beyond `intake add`: making an
 * intake a clue and linking it to a case. */
#include <stdbool.h>

#include "base/i18n.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/intake.h"

int cmd_intake_clue(struct cmd_ctx *c, int argc, char **argv)
{
	const char *ip_type = NULL, *args[1] = {0};
	bool as_json = false;
	const struct opt opts[] = {OPT_VALUE("--ip-type", &ip_type), OPT_FLAG("--json", &as_json),
				   OPT_END};
	char id[37], case_id[37];
	json_t *set;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 1, NULL)))
		return rc;
	if (!args[0] || !ip_type)
		return cmd_bad_usage(c->cmd, _("give the intake and --ip-type"));
	if ((rc = cmd_id(c, args[0], id)))
		return rc;
	if (intake_clue(c->d, id, ip_type, case_id, &e))
		return cmd_fail(&e);
	set = json_pack("{s:s}", "intake_id", id);
	rc = cmd_print_new(set, case_id, as_json);
	json_decref(set);
	return rc;
}

int cmd_intake_link(struct cmd_ctx *c, int argc, char **argv)
{
	const char *args[2] = {0};
	const struct opt opts[] = {OPT_END};
	char id[37], case_id[37];
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 2, NULL)))
		return rc;
	if (!args[0] || !args[1])
		return cmd_bad_usage(c->cmd, _("give the intake and the case"));
	if ((rc = cmd_id(c, args[0], id)) || (rc = cmd_id(c, args[1], case_id)))
		return rc;
	return intake_link(c->d, id, case_id, &e) ? cmd_fail(&e) : 0;
}
