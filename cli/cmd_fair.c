/* cmd_fair — the batch commands of trade fairs beyond the three that record (fair add,
 * complaint, exhibitor: cmd_record.c): the list, one fair whole, and the warning of an
 * exhibitor found infringing at an earlier edition. */
#include <stdio.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "db/rules/deadline.h"
#include "db/rules/fair.h"
#include "db/store.h"

int cmd_fair_warned(struct cmd_ctx *c, json_t *set, const char *id, bool as_json)
{
	json_t *w;
	ipc_err e;
	char text[600];

	if (!(w = fair_warning(c->d, jstr(set, "fair_id"), jstr(set, "name"), jstr(set, "uscc"), &e)))
		return cmd_fail(&e); /* the exhibitor is registered; only its warning failed */
	if (json_is_object(w) && !as_json) {
		fair_warning_text(w, text, sizeof text);
		fprintf(stderr, "ipcase: %s%s\n", text, _(" (whether to admit it is the organiser's "
							  "call)"));
	}
	json_object_set_new(set, "warning", w);
	return cmd_print_new(set, id, as_json);
}

/* "<id>  2026-05-08..2026-05-12  第25届 中国（太原）知识产权博览会  …  3/12  2026-05-09" */
static void print_fair(const json_t *f)
{
	printf("%s  %s..%s  ", jtext(f, "id"), jtext(f, "starts_on"), jtext(f, "ends_on"));
	cmd_print_col(jtext(f, "edition"), 8);
	cmd_print_col(jtext(f, "name"), 30);
	printf(_("complaints %lld, exhibitors %lld"),
	       (long long)json_integer_value(json_object_get(f, "complaints")),
	       (long long)json_integer_value(json_object_get(f, "exhibitors")));
	if (jstr(f, "due"))
		printf(_("  due %s"), jstr(f, "due"));
	putchar('\n');
}

/* fair list [--json] */
int cmd_fair_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, fair_list, print_fair, NULL);
}

/* "  2026-05-09T10:20  某某科技有限公司  A-12  外观设计专利侵权  due 2026-05-10 (…)" */
static void print_complaint(const json_t *x)
{
	const char *outcome = jstr(x, "outcome");

	printf("  %s  ", jtext(x, "received_at"));
	cmd_print_col(jtext(x, "exhibitor"), 24);
	cmd_print_col(jtext(x, "booth"), 6);
	cmd_print_col(jtext(x, "subject"), 20);
	if (jstr(x, "due"))
		printf(_("due %s (%s)"), jstr(x, "due"), deadline_kind_label("fair_pass"));
	else if (jstr(x, "passed_at"))
		printf(_("passed %s"), jstr(x, "passed_at"));
	if (outcome)
		printf("  %s %s", schema_enum_label(fair_outcomes, outcome, i18n_zh()),
		       jtext(x, "outcome_on"));
	putchar('\n');
}

/* "  某某科技有限公司  9113…  A-12  侵权 2026-05-10  ⚠ …" */
static void print_exhibitor(const json_t *x)
{
	const json_t *w = json_object_get(x, "warning");
	char text[600];

	printf("  ");
	cmd_print_col(jtext(x, "name"), 24);
	cmd_print_col(jtext(x, "uscc"), 18);
	cmd_print_col(jtext(x, "booth"), 6);
	if (jstr(x, "finding"))
		printf("%s %s  ", schema_enum_label(fair_findings, jstr(x, "finding"), i18n_zh()),
		       jtext(x, "found_on"));
	if (json_is_object(w)) {
		fair_warning_text(w, text, sizeof text);
		cmd_print_text(text);
	}
	putchar('\n');
}

/* The fair's fields, then its complaints and exhibitors. */
static void print_show(const json_t *f)
{
	const json_t *x;
	size_t i;

	printf("%s  ", jtext(f, "id"));
	cmd_print_text(jtext(f, "name"));
	putchar('\n');
	cmd_print_record(&fair_type, f, "  ");
	printf(_("Complaints: %zu\n"), json_array_size(json_object_get(f, "complaints")));
	json_array_foreach(json_object_get(f, "complaints"), i, x)
		print_complaint(x);
	printf(_("Exhibitors: %zu\n"), json_array_size(json_object_get(f, "exhibitors")));
	json_array_foreach(json_object_get(f, "exhibitors"), i, x)
		print_exhibitor(x);
}

/* fair show ID [--json] */
int cmd_fair_show(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_show(c, argc, argv, _("give the id of the fair"), fair_show, print_show);
}
