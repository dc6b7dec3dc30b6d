/* cmd_deadline — batch commands on the working-day calendar (calendar import, add-workdays,
 * workdays, years) and on deadlines (due, due limits): thin over db/calendar, db/deadlines and
 * db/rules/deadline. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/calendar.h"
#include "db/rules/deadline.h"
#include "db/rules/limits.h"

/* A whole number from an argument; false when it is not one within [lo, hi]. */
static bool int_arg(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Splits argv into `max` positional arguments and --json; anything else is bad usage (the
 * exit status is returned). */
static int plain_args(struct cmd_ctx *c, int argc, char **argv, const char **pos, int max,
		      bool *as_json)
{
	const struct opt opts[] = {OPT_FLAG("--json", as_json), OPT_END};
	int n, bad;

	*as_json = false;
	if ((bad = opt_parse(c->cmd, argc, argv, opts, pos, max, &n)))
		return bad;
	if (n < max)
		return cmd_bad_usage(c->cmd, _("expected %d arguments"), max);
	return 0;
}

static const char *unconfirmed_note(void)
{
	return _("unconfirmed: a year crossed is not in the calendar (counted on weekends only; "
		 "import its notice with `ipcase calendar import FILE`)");
}

/* Prints a calendar answer: the value, then the note when it is unconfirmed. */
static int print_answer(json_t *answer, const char *key, bool as_json)
{
	if (as_json) {
		cmd_print_json(answer);
	} else {
		json_t *v = json_object_get(answer, key);
		if (json_is_string(v))
			fputs(json_string_value(v), stdout);
		else
			printf("%lld", (long long)json_integer_value(v));
		if (!json_is_true(json_object_get(answer, "confirmed")))
			printf("\t%s", unconfirmed_note());
		putchar('\n');
	}
	json_decref(answer);
	return 0;
}

int cmd_calendar_add_workdays(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[2];
	char out[11];
	bool as_json, confirmed;
	int n, rc;
	ipc_err e;

	if ((rc = plain_args(c, argc, argv, pos, 2, &as_json)))
		return rc;
	if (!int_arg(pos[1], 0, 100000, &n))
		return cmd_bad_usage(c->cmd, _("N is a number of working days, 0 or more"));
	if (cal_add_workdays(c->d, pos[0], n, out, &confirmed, &e))
		return cmd_fail(&e);
	return print_answer(json_pack("{s:s,s:b}", "date", out, "confirmed", confirmed), "date",
			    as_json);
}

int cmd_calendar_workdays(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[2];
	bool as_json, confirmed;
	int n, rc;
	ipc_err e;

	if ((rc = plain_args(c, argc, argv, pos, 2, &as_json)))
		return rc;
	if (cal_workdays_between(c->d, pos[0], pos[1], &n, &confirmed, &e))
		return cmd_fail(&e);
	return print_answer(json_pack("{s:i,s:b}", "workdays", n, "confirmed", confirmed),
			    "workdays", as_json);
}

int cmd_calendar_import(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[1];
	bool as_json;
	int years[64], n, rc;
	int64_t ncases = 0;
	ipc_err e;

	if ((rc = plain_args(c, argc, argv, pos, 1, &as_json)))
		return rc;
	if ((n = deadline_calendar_import(c->d, pos[0], years, 64, &ncases, &e)) < 0)
		return cmd_fail(&e);
	printf(_("imported from %s:"), pos[0]);
	for (int i = 0; i < n && i < 64; i++)
		printf(" %d", years[i]);
	printf(_("; the deadlines of %lld cases recomputed\n"), (long long)ncases);
	return 0;
}

/* Where a year of the calendar came from: the file imported, or the calendar shipped. */
static const char *year_source(const char *source)
{
	return strcmp(source, "shipped") == 0 ? _("shipped") : source;
}

int cmd_calendar_years(struct cmd_ctx *c, int argc, char **argv)
{
	json_t *years, *y;
	bool as_json;
	size_t i;
	int rc;
	ipc_err e;

	if ((rc = plain_args(c, argc, argv, NULL, 0, &as_json)))
		return rc;
	if (!(years = cal_years(c->d, &e)))
		return cmd_fail(&e);
	if (as_json)
		cmd_print_json(years);
	else
		json_array_foreach(years, i, y)
			printf(_("%lld\t%s\t%lld days off\t%lld make-up working days\n"),
			       (long long)json_integer_value(json_object_get(y, "year")),
			       year_source(jtext(y, "source")),
			       (long long)json_integer_value(json_object_get(y, "off")),
			       (long long)json_integer_value(json_object_get(y, "work")));
	json_decref(years);
	return 0;
}

/* ---- due ---- */

/* Adds "surcharge" (yuan) and its text to each overdue fine payment: 3 % a day, at most the
 * fine. */
static void add_surcharges(json_t *rows)
{
	struct deadline_surcharge s;
	char text[160];
	json_t *r;
	size_t i;

	json_array_foreach(rows, i, r)
		if (strcmp(jtext(r, "kind"), "fine_payment") == 0
		    && deadline_surcharge_after(jtext(r, "fine"),
			-(int)json_integer_value(json_object_get(r, "days_left")), &s)) {
			deadline_surcharge_text(&s, text, sizeof text);
			json_object_set_new(r, "surcharge", json_string(s.yuan));
			json_object_set_new(r, "surcharge_text", json_string(text));
		}
}

static void print_deadlines(json_t *rows)
{
	json_t *r;
	size_t i;

	json_array_foreach(rows, i, r) {
		const char *no = json_string_value(json_object_get(r, "case_no"));
		const char *surcharge = json_string_value(json_object_get(r, "surcharge_text"));
		const char *kind = jtext(r, "kind");
		printf("%s\t%s\t", json_string_value(json_object_get(r, "due")),
		       i18n_zh() ? deadline_kind_label(kind) : kind);
		/* a request's reply date, an intake's, a fair complaint's or a
		 * mediation's limit, a market's inspection: the record stands for the case */
		cmd_print_text(no ? no : *jtext(r, "case_id") ? jtext(r, "case_id")
				   : *jtext(r, "request_id") ? jtext(r, "request_id")
				   : *jtext(r, "intake_id") ? jtext(r, "intake_id")
				   : *jtext(r, "fair_complaint_id") ? jtext(r, "fair_complaint_id")
				   : *jtext(r, "market_id") ? jtext(r, "market_id") : jtext(r, "mediation_id"));
		putchar('\t');
		cmd_print_text(json_string_value(json_object_get(r, "title")));
		printf("\t%lld", (long long)json_integer_value(json_object_get(r, "days_left")));
		if (!json_is_true(json_object_get(r, "confirmed")))
			printf("\t%s", _("unconfirmed"));
		if (surcharge)
			printf("\t%s", surcharge);
		putchar('\n');
	}
}

int cmd_deadlines(struct cmd_ctx *c, int argc, char **argv)
{
	struct deadline_query q = {0};
	char today[11], until[11], case_id[37];
	bool as_json = false;
	const char *days_arg = NULL, *kase = NULL;
	const struct opt opts[] = {OPT_VALUE("--days", &days_arg), OPT_VALUE("--case", &kase),
				   OPT_FLAG("--mine", &q.mine), OPT_FLAG("--overdue", &q.overdue),
				   OPT_FLAG("--json", &as_json), OPT_END};
	int days = 7, bad;
	json_t *rows;
	ipc_err e;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (days_arg && !int_arg(days_arg, 0, 36500, &days))
		return cmd_bad_usage(c->cmd, _("--days takes a number of days, 0 or more"));
	if (kase) {
		if ((bad = cmd_id(c, kase, case_id)))
			return bad;
		q.case_id = case_id;
	}
	cal_today(today);
	if (cal_add_days(today, days, until))
		return cmd_bad_usage(c->cmd, _("today (%s) plus --days lies beyond 2199"), today);
	q.until = until;
	if (!(rows = deadline_list(c->d, &q, &e)))
		return cmd_fail(&e);
	add_surcharges(rows);
	if (as_json)
		cmd_print_json(rows);
	else
		print_deadlines(rows);
	json_decref(rows);
	return 0;
}

/* A limit's number, then deadline_limit_set (which knows each limit's range). */
static int limit_set(db *d, const char *name, const char *value, ipc_err *e)
{
	int n;

	if (!int_arg(value, 0, INT_MAX, &n))
		return err_kind(e, IPC_E_USAGE, name, _("expected NAME=NUMBER, not %s=%s"), name,
				value);
	return deadline_limit_set(d, name, n, e);
}

int cmd_deadline_limits(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	json_t *list, *l;
	size_t i;
	int n, bad;

	/* any number of NAME=NUMBER: they stay in argv, at its front */
	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, argc, &n))
	    || (bad = cmd_apply_settings(c, argv, n, "NAME=NUMBER", limit_set)))
		return bad;
	list = limits_list(c->d);
	if (as_json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, l)
			printf(_("%s = %lld %s (default %lld): %s\n"),
			       json_string_value(json_object_get(l, "name")),
			       (long long)json_integer_value(json_object_get(l, "value")),
			       json_string_value(json_object_get(l, "unit")),
			       (long long)json_integer_value(json_object_get(l, "default")),
			       json_string_value(json_object_get(l, "what")));
	json_decref(list);
	return 0;
}
