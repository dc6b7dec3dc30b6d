/* Tests of the credit rules (db/rules/credit): the workspace's limits (defaults, a value set
 * with deadline_limit_set), the display period from the penalty (通报批评,
 * a fine below and at the province's low threshold, no threshold set), the last day of display
 * and the earliest repair date worked out by hand (month ends, leap years), and the check of a
 * repair decision (a failing condition, a refusal, each with and without its reason). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_display_end),
		cmocka_unit_test(test_repair_earliest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
