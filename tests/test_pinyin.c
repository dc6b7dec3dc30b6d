/* test_pinyin — tests of base/pinyin: the initials of office and region names. */
#include "base/pinyin.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/validate.h"

static void offices_by_their_initials(void **state)
{
	char out[64];

	(void)state;
	pinyin_initials("130100 石家庄市市场监督管理局", out, sizeof out);
	assert_string_equal(out, "130100 sjzsscjdglj");
	pinyin_initials("北京市朝阳区", out, sizeof out);
	assert_string_equal(out, "bjscyq");
	pinyin_initials("天津市宝坻区", out, sizeof out);
	assert_string_equal(out, "tjsbdq");
	pinyin_initials("NIKE 耐克", out, sizeof out); /* 耐克: not in the table */
	assert_string_equal(out, "nike   ");
}

/* Every character of every listed region's name has its initial. */
static void every_region_name_is_covered(void **state)
{
	char code[7], out[64];

	(void)state;
	for (size_t i = 0; validate_region_at(i, code); i++) {
		pinyin_initials(validate_region_name(code), out, sizeof out);
		assert_null(strchr(out, ' '));
	}
}

static void the_output_is_cut_not_overrun(void **state)
{
	char out[4] = "xxx";

	(void)state;
	pinyin_initials("石家庄市", out, sizeof out);
	assert_string_equal(out, "sjz");
	pinyin_initials("石家庄市", out, 1);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offices_by_their_initials),
		cmocka_unit_test(every_region_name_is_covered),
		cmocka_unit_test(the_output_is_cut_not_overrun),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
