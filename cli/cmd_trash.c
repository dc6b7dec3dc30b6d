/* cmd_trash — delete, case delete, restore and deleted: deleting asks nothing in a script but
 * says what went with the record and how to bring it back. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/trash.h"

/* The one positional argument, an id, resolved. */
static int one_id(struct cmd_ctx *c, int argc, char **argv, char id[37])
{
	const struct opt opts[] = {OPT_END};
	const char *pos[1];
	int rc, n;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, 1, &n)))
		return rc;
	if (!n)
		return cmd_bad_usage(c->cmd, _("give the id of the record"));
	return cmd_id(c, pos[0], id);
}

int cmd_delete(struct cmd_ctx *c, int argc, char **argv)
{
	bool case_only = !strcmp(c->cmd->name, "case delete");
	json_t *what = NULL;
	char id[37], text[1024];
	ipc_err e;
	int rc;

	if ((rc = one_id(c, argc, argv, id)))
		return rc;
	if (!(what = trash_what(c->d, id, &e)))
		return cmd_fail(&e);
	if (case_only && strcmp(jtext(what, "type"), "case"))
		rc = cmd_bad_usage(c->cmd, _("%s is not a case"), id);
	else if (trash_delete(c->d, id, &e))
		rc = cmd_fail(&e);
	if (!rc) {
		trash_describe(what, text, sizeof text);
		printf("%s ", _("deleted"));
		cmd_print_text(text);
		printf("\n%s ipcase restore %s\n", _("to bring it back:"), id);
	}
	json_decref(what);
	return rc;
}

int cmd_restore(struct cmd_ctx *c, int argc, char **argv)
{
	json_t *what;
	char id[37], text[1024];
	ipc_err e;
	int rc;

	if ((rc = one_id(c, argc, argv, id)))
		return rc;
	if (trash_restore(c->d, id, &e) || !(what = trash_what(c->d, id, &e)))
		return cmd_fail(&e);
	trash_describe(what, text, sizeof text);
	printf("%s ", _("restored"));
	cmd_print_text(text);
	putchar('\n');
	json_decref(what);
	return 0;
}

/* id · when · by whom · what · of which case */
static void deleted_row(const json_t *x)
{
	printf("%s  %s  ", jtext(x, "id"), jtext(x, "deleted_at"));
	cmd_print_text(jstr(x, "deleted_by") ?: "?");
	printf("  %s ", cmd_type_name(jtext(x, "type")));
	cmd_print_text(jtext(x, "name"));
	if (jstr(x, "case_name")) {
		printf("  (%s ", _("of case"));
		cmd_print_text(jstr(x, "case_name"));
		putchar(')');
	}
	putchar('\n');
}

static void deleted_foot(const json_t *list)
{
	if (!json_array_size(list))
		printf("%s\n", _("nothing is deleted"));
}

int cmd_deleted(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, trash_list, deleted_row, deleted_foot);
}
