/* cmd_police — batch commands of the transfer of suspected crimes to the police (行刑衔接):
 * the thresholds that flag a case, the office's transfers and the steps of one. */
#include <stdio.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/police.h"
#include "db/rules/threshold.h"

/* police thresholds [NAME=YUAN…] [--json] */
int cmd_police_thresholds(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	int64_t values[NTHRESHOLDS];
	json_t *list, *t;
	size_t i;
	int n, bad;

	/* any number of NAME=YUAN: they stay in argv, at its front */
	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, argc, &n))
	    || (bad = cmd_apply_settings(c, argv, n, "NAME=YUAN", threshold_set)))
		return bad;
	list = threshold_table(c->d, values);
	if (as_json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, t)
			printf(_("%s = %s yuan: %s (%s)\n"), jstr(t, "name"), jstr(t, "yuan"),
			       jstr(t, "what"), jstr(t, "source"));
	json_decref(list);
	return 0;
}

/* "公安决定          2026-11-05  不予立案" */
static void print_step(const json_t *s)
{
	char text[128];

	cmd_print_col(police_step_label(jstr(s, "step")), 16);
	police_step_text(s, text, sizeof text);
	cmd_print_text(text);
}

static void print_next(const json_t *x)
{
	char text[512];

	police_next_text(x, text, sizeof text);
	cmd_print_text(text);
}

/* "<id>  冀石市监处罚〔2026〕1号  移送 2026-11-03T09:30  next: …" */
static void print_transfer(const json_t *x)
{
	printf("%s  ", jtext(x, "id"));
	cmd_print_col(jstr(x, "case_no") ? jstr(x, "case_no") : jtext(x, "case_title"), 24);
	print_step(json_array_get(json_object_get(x, "steps"),
				  json_array_size(json_object_get(x, "steps")) - 1));
	printf("  ");
	print_next(x);
	putchar('\n');
}

static json_t *all_transfers(db *d, ipc_err *e)
{
	return police_transfers(d, NULL, NULL, e);
}

/* police list [--json] */
int cmd_police_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, all_transfers, print_transfer, NULL);
}

/* The case, each step done with its date, the next one. */
static void print_steps(const json_t *x)
{
	const json_t *s;
	size_t i;

	printf("%s  ", jtext(x, "id"));
	if (jstr(x, "case_no"))
		printf("%s  ", jstr(x, "case_no"));
	cmd_print_text(jtext(x, "case_title"));
	putchar('\n');
	json_array_foreach(json_object_get(x, "steps"), i, s) {
		printf("  ");
		print_step(s);
		putchar('\n');
	}
	printf("  ");
	print_next(x);
	putchar('\n');
}

/* police show ID [--json] */
int cmd_police_show(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_show(c, argc, argv, _("give the id of the transfer"), police_transfer_show,
			print_steps);
}
