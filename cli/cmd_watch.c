/* cmd_watch — the watch lists on the command line: market list and trademark list (their
 * add commands map options onto fields in cmd_record.c). Thin over db/rules/watch. */
#include <stdio.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "db/rules/watch.h"

/* "2026-03-16  -3  overdue  ID  电商平台  某电商平台  last 2026-02-13" */
static void market_row(const json_t *m)
{
	json_int_t left = json_integer_value(json_object_get(m, "days_left"));

	printf("%s\t%lld\t%s\t%s\t%s\t", jtext(m, "next_inspection"), (long long)left,
	       left < 0 ? _("overdue") : "-", jtext(m, "id"),
	       schema_enum_label(watch_market_kinds, jtext(m, "kind"), i18n_zh()));
	cmd_print_text(jtext(m, "name"));
	printf("\t%s\n", jstr(m, "last_inspected") ? jstr(m, "last_inspected") : "-");
}

int cmd_market_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, watch_market_list, market_row, NULL);
}

/* "ID  NIKE  耐克创新有限合伙公司  1234567  25,35  130100" */
static void trademark_row(const json_t *t)
{
	static const char *const cols[] = {"mark", "holder", "reg_no", "classes", "regions"};

	fputs(jtext(t, "id"), stdout);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		putchar('\t');
		cmd_print_text(jstr(t, cols[i]) ? jstr(t, cols[i]) : "-");
	}
	putchar('\n');
}

int cmd_trademark_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, watch_trademark_list, trademark_row, NULL);
}
