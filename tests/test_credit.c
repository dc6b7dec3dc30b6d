/* Tests of the credit rules (db/rules/credit): the workspace's limits (defaults, a value set
 * with deadline_limit_set), the display period from the penalty (通报批评,
 * a fine below and at the province's low threshold, no threshold set), the last day of display
 * and the earliest repair date worked out by hand (month ends, leap years), and the check of a
 * repair decision (a failing condition, a refusal, each with and without its reason): an
 * application the day before the earliest date and on it, a granted decision refused naming
 * the one unmet condition, a granted one ending the display. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "db/rules/credit.h"
#include "db/rules/deadline.h"
#include "tests/testutil.h"

static void test_limits(void **state)
{
	char home[64];
	db *d = tu_workspace("王建国", "13010001", home);
	struct credit_limits l;
	ipc_err e = {0};

	(void)state;
	credit_limits_read(d, &l);
	assert_int_equal(l.short_months, 3);
	assert_int_equal(l.long_months, 36);
	assert_int_equal(l.low_fine_fen, 0);
	assert_int_equal(l.repair_months, 6);
	assert_int_equal(deadline_limit_set(d, "credit_low_fine_yuan", 10000, &e), 0);
	assert_int_equal(deadline_limit_set(d, "credit_repair_months", 12, &e), 0);
	credit_limits_read(d, &l);
	assert_int_equal(l.low_fine_fen, 1000000);
	assert_int_equal(l.repair_months, 12);
	assert_int_equal(credit_display_months(&l, false, "9999", &e), 3);
	tu_close(d, home);
}

static void test_period(void **state)
{
	struct credit_limits l = {3, 36, 0, 6};
	ipc_err e = {0};

	(void)state;
	assert_int_equal(credit_display_months(&l, true, NULL, &e), 3);
	assert_int_equal(credit_display_months(&l, true, "", &e), 3);
	/* no low threshold set: every fine shows 3 years */
	assert_int_equal(credit_display_months(&l, false, "100", &e), 36);
	assert_int_equal(credit_display_months(&l, true, "100", &e), 36);
	l.low_fine_fen = 1000000; /* ¥10,000 */
	assert_int_equal(credit_display_months(&l, false, "9999.99", &e), 3);
	assert_int_equal(credit_display_months(&l, false, "10000", &e), 36);
	assert_int_equal(credit_display_months(&l, false, NULL, &e), 36);
	l.long_months = 24;
	assert_int_equal(credit_display_months(&l, false, "250000", &e), 24);
	assert_int_equal(credit_display_months(&l, false, "12,5", &e), -1);
	assert_int_equal(e.kind, IPC_E_USAGE);
	assert_string_equal(e.field, "fine");
}

static void end_is(const char *published, int months, const char *want)
{
	char out[11];
	ipc_err e = {0};

	assert_int_equal(credit_display_end(published, months, out, &e), 0);
	assert_string_equal(out, want);
}

static void test_display_end(void **state)
{
	char out[11];
	ipc_err e = {0};

	(void)state;
	end_is("2026-03-02", 3, "2026-06-02");
	end_is("2026-11-30", 3, "2027-02-28");
	end_is("2027-11-30", 3, "2028-02-29");
	end_is("2026-05-31", 36, "2029-05-31");
	end_is("2024-02-29", 36, "2027-02-28");
	assert_int_equal(credit_display_end("2026-02-30", 3, out, &e), -1);
	assert_string_equal(e.field, "published");
}

static void test_repair_earliest(void **state)
{
	struct credit_limits l = {3, 36, 0, 6};
	char out[11];
	ipc_err e = {0};

	(void)state;
	assert_int_equal(credit_repair_earliest(&l, "2026-03-02", out, &e), 0);
	assert_string_equal(out, "2026-09-02");
	assert_int_equal(credit_repair_earliest(&l, "2026-08-31", out, &e), 0);
	assert_string_equal(out, "2027-02-28");
	l.repair_months = 12;
	assert_int_equal(credit_repair_earliest(&l, "2026-08-31", out, &e), 0);
	assert_string_equal(out, "2027-08-31");
	assert_int_equal(credit_repair_earliest(&l, "", out, &e), -1);
}

/* A trademark penalty of 2026-03-10 (the fine paid 2026-03-20) of a respondent with a USCC,
 * published by a disclosure record on 2026-03-12: a repair can be asked from 2026-09-12
 * (calendar months: no working day is counted, the holidays do not move it). */
static db *published(char home[64], char id[37])
{
	db *d = tu_workspace("王建国", "13010001", home);
	char rec[37], party[512];
	ipc_err e = {0};

	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"甲案\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	snprintf(party, sizeof party, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":"
		 "\"某商贸有限公司\",\"uscc\":\"91130100MA0CUL6X88\"}", id);
	assert_int_equal(tu_write(d, "party", NULL, party, rec, &e), 0);
	if (tu_write(d, "case", id, "{\"clue_on\":\"2026-01-05\",\"filed_on\":\"2026-01-08\","
		     "\"decided_on\":\"2026-03-10\",\"decision_type\":\"penalty\",\"fine\":\"5000\","
		     "\"fine_paid_on\":\"2026-03-20\"}", NULL, &e))
		fail_msg("%s", e.msg);
	snprintf(party, sizeof party, "{\"case_id\":\"%s\",\"published_on\":\"2026-03-12\"}", id);
	if (tu_write(d, "disclosure", NULL, party, rec, &e))
		fail_msg("%s", e.msg);
	return d;
}

/* A repair application of the case with its attestations; its id in rec, 0 or -1 (e). */
static int apply(db *d, const char *id, const char *on, bool harm, bool unlisted, char rec[37],
		 ipc_err *e)
{
	char json[256];

	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"applied_on\":\"%s\",\"harm_removed\":%s,"
		 "\"not_listed\":%s}", id, on, harm ? "true" : "false", unlisted ? "true" : "false");
	return tu_write(d, "credit_repair", NULL, json, rec, e);
}

static void test_repair_too_early(void **state)
{
	char home[64], id[37], rec[37];
	db *d = published(home, id);
	ipc_err e = {0};

	(void)state;
	assert_int_equal(apply(d, id, "2026-09-11", true, true, rec, &e), -1);
	assert_string_equal(e.field, "applied_on");
	assert_non_null(strstr(e.msg, "2026-09-12"));
	assert_int_equal(apply(d, id, "2026-09-12", true, true, rec, &e), 0);
	tu_close(d, home);
}

static void test_repair_granted_unmet(void **state)
{
	char home[64], id[37], rec[37];
	db *d = published(home, id);
	ipc_err e = {0};

	(void)state;
	assert_int_equal(apply(d, id, "2026-09-14", true, false, rec, &e), 0);
	assert_int_equal(tu_write(d, "credit_repair", rec, "{\"decision\":\"granted\",\"decided_on\":"
				  "\"2026-09-15\",\"reason\":\"已履行\"}", NULL, &e), -1);
	assert_string_equal(e.field, "decision");
	assert_non_null(strstr(e.msg, "not met: on no abnormal-operation"));
	assert_null(strstr(e.msg, "harm removed"));
	/* a decision without its reason, then a refusal with it */
	assert_int_equal(tu_write(d, "credit_repair", rec, "{\"decision\":\"refused\",\"decided_on\":"
				  "\"2026-09-15\"}", NULL, &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(tu_write(d, "credit_repair", rec, "{\"decision\":\"refused\",\"decided_on\":"
				  "\"2026-09-15\",\"reason\":\"仍在经营异常名录\"}", NULL, &e), 0);
	tu_close(d, home);
}

static void test_repair_granted(void **state)
{
	char home[64], id[37], rec[37];
	db *d = published(home, id);
	json_t *c;
	ipc_err e = {0};

	(void)state;
	assert_int_equal(apply(d, id, "2026-09-12", true, true, rec, &e), 0);
	assert_int_equal(tu_write(d, "credit_repair", rec, "{\"decision\":\"granted\",\"decided_on\":"
				  "\"2026-10-08\",\"reason\":\"条件均已满足\"}", NULL, &e), 0);
	assert_int_equal(credit_case(d, id, "2026-10-09", &c, &e), 0);
	assert_string_equal(json_string_value(json_object_get(c, "withdrawn")), "2026-10-08");
	assert_int_equal(json_integer_value(json_object_get(c, "months")), 36);
	json_decref(c);
	tu_close(d, home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_display_end),
		cmocka_unit_test(test_repair_earliest),
		cmocka_unit_test(test_repair_too_early),
		cmocka_unit_test(test_repair_granted_unmet),
		cmocka_unit_test(test_repair_granted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
