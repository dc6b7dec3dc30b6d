/* test_columns — tests of tui/columns: layout by priority, case numbers and titles that keep
 * their meaning when narrow. */
#include "tui/columns.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "base/text.h"

enum { NO, TITLE, TYPE, STATUS, DUE, N };

static const struct col_spec specs[N] = {
	[NO] = {"no", 10, 20, 3}, [TITLE] = {"title", 16, 0, 0}, [TYPE] = {"type", 9, 12, 1},
	[STATUS] = {"status", 8, 12, 0}, [DUE] = {"due", 11, 11, 2},
};

static void wide_every_column_at_its_max(void **state)
{
	struct col c[N];

	(void)state;
	cols_layout(specs, N, TITLE, 24, 120, NULL, c);
	for (int i = 0; i < N; i++)
		assert_true(c[i].shown);
	assert_int_equal(c[NO].w, 20);
	assert_int_equal(c[TYPE].w, 12);
	assert_int_equal(c[TITLE].w, 120 - 20 - 12 - 12 - 11 - 4);
	assert_int_equal(c[DUE].x + c[DUE].w, 120);
}

/* With the widest cells measured, a column is no wider than its cells need (never below its
 * min), and the room left widens one past its max to show its cells whole; the title keeps
 * what is left. A column not measured grows to its max as before. */
static void measured_columns_fit_their_cells(void **state)
{
	struct col c[N];
	int want[N] = {0};

	(void)state;
	cols_want(want, NO, "〔2025〕13010001-1101号");
	cols_want(want, STATUS, "investigation closed");
	cols_want(want, STATUS, "clue");
	cols_want(want, TYPE, "GI");
	assert_int_equal(want[NO], 23);
	assert_int_equal(want[STATUS], 20);
	cols_layout(specs, N, TITLE, 24, 120, want, c);
	assert_int_equal(c[NO].w, 23);
	assert_int_equal(c[STATUS].w, 20);
	assert_int_equal(c[TYPE].w, 9); /* "GI": its min */
	assert_int_equal(c[DUE].w, 11); /* not measured: its max */
	assert_int_equal(c[TITLE].w, 120 - 23 - 9 - 20 - 11 - 4);
	/* not enough room: the columns in their order, the title never below fill_first */
	cols_layout(specs, N, TITLE, 24, 90, want, c);
	assert_int_equal(c[NO].w, 23); /* 90 - 4 gaps - 24 - 10 - 9 - 8 - 11 = 24: 10, 4, 3, 7 */
	assert_int_equal(c[STATUS].w, 19);
	assert_int_equal(c[TITLE].w, 24);
	/* at 80 the room goes to the case number, the status to its max */
	cols_layout(specs, N, TITLE, 24, 80, want, c);
	assert_int_equal(c[NO].w, 20);
	assert_int_equal(c[STATUS].w, 12);
	assert_int_equal(c[TITLE].w, 24);
}

static void narrow_whole_columns_drop_in_rank_order(void **state)
{
	struct col c[N];

	(void)state;
	/* 10+24+9+8+11 and 4 gaps = 66: at 60 the type (rank 1) goes, at 50 the due date too */
	cols_layout(specs, N, TITLE, 24, 60, NULL, c);
	assert_false(c[TYPE].shown);
	assert_true(c[DUE].shown && c[NO].shown && c[STATUS].shown);
	cols_layout(specs, N, TITLE, 24, 50, NULL, c);
	assert_false(c[TYPE].shown || c[DUE].shown);
	assert_true(c[NO].shown);
	/* what never drops stays at its minimum at least, the title too */
	cols_layout(specs, N, TITLE, 24, 20, NULL, c);
	assert_true(c[STATUS].shown && c[TITLE].shown);
	assert_true(c[STATUS].w >= 8 && c[TITLE].w >= 16);
}

static void case_numbers_keep_year_and_serial(void **state)
{
	char buf[96];

	(void)state;
	assert_string_equal(cols_case_no("〔2025〕13010001-1101号", 40, buf, sizeof buf),
			    "〔2025〕13010001-1101号");
	assert_string_equal(cols_case_no("〔2025〕13010001-1101号", 16, buf, sizeof buf),
			    "〔2025〕…1101号");
	assert_string_equal(cols_case_no("〔2025〕13010001-1101号", 11, buf, sizeof buf),
			    "2025…1101号");
	/* another shape keeps its end */
	assert_string_equal(cols_case_no("ABC-123456789", 6, buf, sizeof buf), "456789");
}

static void titles_keep_their_brand(void **state)
{
	char buf[256];
	const char *t = "销售侵犯注册商标专用权商品案（耐克运动鞋）";

	(void)state;
	assert_string_equal(cols_title(t, 60, buf, sizeof buf), t);
	assert_string_equal(cols_title(t, 24, buf, sizeof buf), "销售侵犯…（耐克运动鞋）");
	assert_true(tui_text_width(cols_title(t, 25, buf, sizeof buf)) <= 25);
	/* no parenthesised part, or one wider than the cell: left for the caller to cut */
	assert_string_equal(cols_title("销售侵犯注册商标专用权商品案", 10, buf, sizeof buf),
			    "销售侵犯注册商标专用权商品案");
	assert_string_equal(cols_title(t, 12, buf, sizeof buf), t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wide_every_column_at_its_max),
		cmocka_unit_test(measured_columns_fit_their_cells),
		cmocka_unit_test(narrow_whole_columns_drop_in_rank_order),
		cmocka_unit_test(case_numbers_keep_year_and_serial),
		cmocka_unit_test(titles_keep_their_brand),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
