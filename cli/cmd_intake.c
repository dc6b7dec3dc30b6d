/* cmd_intake — the batch commands of complaints and reports beyond `intake add`: the inbox,
 * one intake whole, its outcome, told and 12345-feedback steps, making it a clue and linking
 * it to a case. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/calendar.h"
#include "db/rules/deadline.h"
#include "db/rules/intake.h"
#include "db/store.h"

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

/* The label of enum `id` of the intake's field `name` in the officer's language. */
static const char *label(const char *name, const char *id)
{
	const struct field *f = schema_field(&intake_type, name);

	return schema_enum_label(f->values, id ? id : "", i18n_zh());
}

/* What has happened to an intake, in a word: its case, its outcome, or waiting. */
static const char *state_of(const json_t *x)
{
	if (jstr(x, "case_no") || jstr(x, "case_id"))
		return jstr(x, "case_no") ? jstr(x, "case_no") : jstr(x, "case_id");
	if (jstr(x, "outcome"))
		return label("outcome", jstr(x, "outcome"));
	return _("waiting");
}

/* "<id>  2026-12-01  12345转办  投诉  某商场销售假冒运动鞋  <state>  2026-12-10 <limit>": the
 * columns of fixed width first (the longest English channel is 19 columns), the limit's
 * label last since it is long. */
static void print_row(const json_t *x)
{
	printf("%s  %s  ", jtext(x, "id"), jtext(x, "received_on"));
	cmd_print_col(label("channel", jstr(x, "channel")), 19);
	cmd_print_col(label("kind", jstr(x, "kind")), 9);
	cmd_print_col(jtext(x, "subject"), 30);
	if (jstr(x, "due")) {
		cmd_print_col(state_of(x), 10);
		printf("%s ", jstr(x, "due"));
		cmd_print_text(deadline_kind_label(jstr(x, "due_kind")));
	} else
		cmd_print_text(state_of(x));
	putchar('\n');
}

int cmd_intake_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list_all(c, argc, argv, intake_inbox, print_row, _("no complaint or report waits"),
			    _("no complaint or report recorded"));
}

int cmd_intake_show(struct cmd_ctx *c, int argc, char **argv)
{
	const char *args[1] = {0};
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	char id[37];
	json_t *x, *l;
	ipc_err e;
	size_t i;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 1, NULL)))
		return rc;
	if (!args[0])
		return cmd_bad_usage(c->cmd, _("give the id of the complaint or report"));
	if ((rc = cmd_id(c, args[0], id)))
		return rc;
	if (!(x = intake_show(c->d, id, &e)))
		return cmd_fail(&e);
	if (as_json) {
		cmd_print_json(x);
		json_decref(x);
		return 0;
	}
	printf("%s  %s\n", id, state_of(x));
	cmd_print_record(&intake_type, x, "  ");
	json_array_foreach(json_object_get(x, "deadlines"), i, l) {
		printf("  %s  ", jtext(l, "due"));
		cmd_print_text(deadline_kind_label(jstr(l, "kind")));
		putchar('\n');
	}
	json_decref(x);
	return 0;
}

/* The step `set` on intake `arg`, its date --on or today. */
static int intake_step(struct cmd_ctx *c, const char *arg, json_t *set, const char *date_field,
		       const char *on)
{
	char id[37], today[11];
	ipc_err e;
	int rc;

	if (!set) {
		err_nomem(&e);
		return cmd_fail(&e);
	}
	if (!on)
		cal_today(today);
	if ((rc = cmd_id(c, arg, id)))
		goto out;
	if (schema_parse_into(&intake_type, date_field, on ? on : today, set, &e)
	    || db_write(c->d, "intake", id, set, NULL, &e))
		rc = cmd_fail(&e);
out:
	json_decref(set);
	return rc;
}

/* intake accept|refuse|told|feedback ID [--on DATE] [--reason R | --text T] */
int cmd_intake_step(struct cmd_ctx *c, int argc, char **argv)
{
	const char *on = NULL, *text = NULL, *args[1] = {0};
	const char *step = strchr(c->cmd->name, ' ') + 1;
	bool refuse = strcmp(step, "refuse") == 0, feedback = strcmp(step, "feedback") == 0;
	const struct opt opts[] = {OPT_VALUE("--on", &on), OPT_VALUE("--reason", &text),
				   OPT_VALUE("--text", &text), OPT_END};
	json_t *set;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 1, NULL)))
		return rc;
	if (!args[0])
		return cmd_bad_usage(c->cmd, _("give the id of the complaint or report"));
	if ((refuse || feedback) && !text)
		return cmd_bad_usage(c->cmd, refuse ? _("give the reason of the refusal (--reason)")
						    : _("give the result told to 12345 (--text)"));
	if (text && !refuse && !feedback)
		return cmd_bad_usage(c->cmd, _("--reason belongs to refuse, --text to feedback"));
	if (strcmp(step, "told") == 0)
		return intake_step(c, args[0], json_object(), "told_on", on);
	if (feedback)
		return intake_step(c, args[0], json_pack("{s:s}", "feedback", text), "feedback_on",
				   on);
	set = json_pack("{s:s}", "outcome", refuse ? "refused" : "accepted");
	if (set && refuse)
		json_object_set_new(set, "outcome_reason", json_string(text));
	return intake_step(c, args[0], set, "outcome_on", on);
}
