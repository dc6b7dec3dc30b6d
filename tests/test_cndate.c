/* Tests of dates in Chinese (base/cndate): the year digit by digit with 〇, the month and the
 * day as Chinese numbers (十, 十二, 二十一, 三十一), and no text for what is not a real day. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/cndate.h"

static void check(const char *iso, const char *want)
{
	char out[64];

	assert_true(cndate_format(iso, out));
	assert_string_equal(out, want);
}

static void test_dates(void **state)
{
	(void)state;
	check("2026-12-04", "二〇二六年十二月四日");
	check("2026-01-01", "二〇二六年一月一日");
	check("2000-10-10", "二〇〇〇年十月十日");
	check("2019-11-19", "二〇一九年十一月十九日");
	check("2024-02-29", "二〇二四年二月二十九日");
	check("2031-03-20", "二〇三一年三月二十日");
	check("1998-07-21", "一九九八年七月二十一日");
	check("2026-05-30", "二〇二六年五月三十日");
	check("2026-08-31", "二〇二六年八月三十一日");
}

static void test_invalid(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-12-4",
		"26-12-04", "2026/12/04", "2026-12-04T10:00", "", "二〇二六-12-04", "1899-12-31",
	};
	char out[64] = "x";

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_false(cndate_format(bad[i], out));
		assert_string_equal(out, "");
	}
	assert_false(cndate_format(NULL, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
