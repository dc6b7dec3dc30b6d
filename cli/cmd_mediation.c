/* cmd_mediation — the office's mediations (调解) listed with their judicial-confirmation
 * limit; `mediation add` is cmd_record's like every record's add. */
#include <stdio.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "db/rules/deadline.h"
#include "db/rules/mediation.h"

/* "甲公司、乙公司" */
static void print_parties(const json_t *parties)
{
	const json_t *p;
	size_t i;

	json_array_foreach(parties, i, p) {
		if (i)
			fputs("、", stdout);
		cmd_print_text(jstr(p, "name") ? jstr(p, "name") : jtext(p, "uscc"));
	}
}

/* "<id>  <case no.>  2026-11-03  达成协议  甲公司、乙公司  <limit>: 2026-12-05" */
static void print_mediation(const json_t *m)
{
	const struct field *f = schema_field(&mediation_type, "outcome");

	printf("%s  ", jtext(m, "id"));
	cmd_print_col(jstr(m, "case_no") ? jstr(m, "case_no") : "-", 24);
	printf("%s  ", jtext(m, "mediated_on"));
	cmd_print_col(schema_enum_label(f->values, jstr(m, "outcome"), i18n_zh()), 10);
	print_parties(json_object_get(m, "parties"));
	if (jstr(m, "due"))
		printf("  %s: %s", deadline_kind_label("judicial_confirm"), jstr(m, "due"));
	putchar('\n');
}

static json_t *all_mediations(db *d, ipc_err *e)
{
	return mediation_list(d, NULL, e);
}

/* mediation list [--json] */
int cmd_mediation_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, all_mediations, print_mediation, NULL);
}
