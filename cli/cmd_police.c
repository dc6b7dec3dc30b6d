/* cmd_police — batch commands of the transfer of suspected crimes to the police (行刑衔接):
 * the thresholds that flag a case. */
#include <stdio.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
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
