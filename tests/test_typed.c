/* test_typed — tests of base/typed: dates, moments, amounts, codes and regions as typed. */
#include "base/typed.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

static void dates_in_every_written_form(void **state)
{
	static const char *const forms[] = {"2026-12-03", "2026-12-3", "2026/12/3", "2026.12.3",
					    "20261203", "2026年12月3日", "2026年12月03"};
	char out[11];

	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		memset(out, 'x', sizeof out);
		assert_true(typed_date(forms[i], out));
		assert_string_equal(out, "2026-12-03");
	}
}

static void what_is_not_a_date_is_left_alone(void **state)
{
	static const char *const bad[] = {"", "2026", "2026-12", "26-12-3", "2026-12-3x",
					  "2026/12-3", "202612031", "2026-123-1", "today"};
	char out[11];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(typed_date(bad[i], out));
}

static void moments(void **state)
{
	char out[20];

	(void)state;
	assert_true(typed_datetime("2026/12/3 9:30", out));
	assert_string_equal(out, "2026-12-03T09:30");
	assert_true(typed_datetime("2026-12-03T09:30:05", out));
	assert_string_equal(out, "2026-12-03T09:30:05");
	assert_true(typed_datetime("20261203  14：05", out));
	assert_string_equal(out, "2026-12-03T14:05");
	assert_false(typed_datetime("2026-12-03", out));
	assert_false(typed_datetime("2026-12-03 9", out));
	assert_false(typed_datetime("2026-12-03 9:30 am", out));
}

static void amounts(void **state)
{
	static const char *const cases[][2] = {
		{"50,000", "50000"}, {"50，000.5", "50000.5"}, {"5万元", "50000"},
		{"¥1.25万", "12500"}, {"0.00015万", "1.5"}, {"12 345.67 元", "12345.67"},
		{"3万", "30000"}, {"100", "100"}, {"1.5万元", "15000"}, {"0.5万", "5000"},
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_true(typed_money(cases[i][0], out, sizeof out));
		assert_string_equal(out, cases[i][1]);
	}
	assert_false(typed_money("五万", out, sizeof out));
	assert_false(typed_money("5万3", out, sizeof out));
	assert_false(typed_money("1.2.3", out, sizeof out));
	assert_false(typed_money(".5", out, sizeof out));
	assert_false(typed_money("", out, sizeof out));
	assert_false(typed_money("123456789", out, 5)); /* does not fit */
}

static void codes_in_capitals(void **state)
{
	char out[32];

	(void)state;
	assert_true(typed_code("91130100ma0cul6x88", out, sizeof out));
	assert_string_equal(out, "91130100MA0CUL6X88");
	assert_true(typed_code("9113 0100-MA0C UL6X88", out, sizeof out));
	assert_string_equal(out, "91130100MA0CUL6X88");
	assert_false(typed_code("91130100MA0CUL6X88", out, 10));
}

static void regions_by_name(void **state)
{
	char out[7];

	(void)state;
	assert_true(typed_region("石家庄", out));
	assert_string_equal(out, "130100");
	assert_true(typed_region("石家庄市", out));
	assert_string_equal(out, "130100");
	assert_true(typed_region("海淀", out));
	assert_string_equal(out, "110108");
	assert_true(typed_region("北京", out));
	assert_string_equal(out, "110000");
	assert_true(typed_region("滨海", out));
	assert_string_equal(out, "120116");
	assert_true(typed_region("河北", out)); /* the province before 天津's 河北区 */
	assert_string_equal(out, "130000");
	assert_false(typed_region("上海", out));
	assert_false(typed_region("", out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_every_written_form),
		cmocka_unit_test(what_is_not_a_date_is_left_alone),
		cmocka_unit_test(moments),
		cmocka_unit_test(amounts),
		cmocka_unit_test(codes_in_capitals),
		cmocka_unit_test(regions_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
