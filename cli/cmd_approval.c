/* cmd_approval — approvals by role: a handler asks (approval ask), the head or the legal
 * reviewer answers (approval answer), and each sees what waits for them (approvals). */
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/approval.h"

int cmd_approval_ask(struct cmd_ctx *c, int argc, char **argv)
{
	const char *reason = NULL, *args[2] = {0};
	bool as_json = false;
	const struct opt opts[] = {OPT_VALUE("--reason", &reason), OPT_FLAG("--json", &as_json),
				   OPT_END};
	const struct enum_value *step;
	char case_id[37], id[37];
	json_t *set;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 2, NULL)))
		return rc;
	if (!args[0] || !args[1])
		return cmd_bad_usage(c->cmd, _("give the case and the step to approve"));
	if (!(step = schema_enum_find(approval_steps, args[1])))
		return cmd_bad_usage(c->cmd, _("unknown step %s"), args[1]);
	if ((rc = cmd_id(c, args[0], case_id)))
		return rc;
	if (approval_ask(c->d, case_id, step->id, reason, id, &e))
		return cmd_fail(&e);
	set = json_pack("{s:s,s:s}", "case_id", case_id, "step", step->id);
	rc = cmd_print_new(set, id, as_json);
	json_decref(set);
	return rc;
}

int cmd_approval_answer(struct cmd_ctx *c, int argc, char **argv)
{
	const char *opinion = NULL, *args[2] = {0};
	const struct opt opts[] = {OPT_VALUE("--opinion", &opinion), OPT_END};
	char id[37];
	bool approve;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 2, NULL)))
		return rc;
	if (!args[0] || !args[1])
		return cmd_bad_usage(c->cmd, _("give the approval and approve or refuse"));
	if (strcmp(args[1], "approve") == 0 || strcmp(args[1], "同意") == 0)
		approve = true;
	else if (strcmp(args[1], "refuse") == 0 || strcmp(args[1], "不同意") == 0)
		approve = false;
	else
		return cmd_bad_usage(c->cmd, _("answer approve or refuse, not %s"), args[1]);
	if ((rc = cmd_id(c, args[0], id)))
		return rc;
	if (approval_answer(c->d, id, approve, opinion, &e))
		return cmd_fail(&e);
	return 0;
}

/* Two lines an approval: the full id (what approval answer takes), date, step, case number
 * and title; then who asked and why. */
static void print_waiting(const json_t *x)
{
	printf("%s  %s  ", jtext(x, "id"), jtext(x, "asked_on"));
	cmd_print_col(schema_enum_label(approval_steps, jstr(x, "step"), i18n_zh()), 12);
	if (jstr(x, "case_no")) {
		cmd_print_text(jstr(x, "case_no"));
		fputs("  ", stdout);
	}
	cmd_print_text(jtext(x, "title"));
	printf("\n    %s ", _("asked by"));
	cmd_print_text(jtext(x, "asked_by"));
	if (jstr(x, "reason") && *jstr(x, "reason")) {
		fputs(i18n_zh() ? "：" : ": ", stdout);
		cmd_print_text(jstr(x, "reason"));
	}
	putchar('\n');
}

/* Those this device's roles may answer; with --all every one waiting. */
static json_t *waiting(db *d, bool all, ipc_err *e)
{
	return approval_waiting(d, !all, e);
}

int cmd_approvals(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list_all(c, argc, argv, waiting, print_waiting, _("nothing waits for your approval"),
			    _("no approval is waiting"));
}
