/* pager: the selection and the visible page of the list screens at the ends of a list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tui/pager.h"

static void assert_at(const struct tui_pager *p, int64_t top, int64_t sel)
{
	assert_int_equal(p->top, top);
	assert_int_equal(p->sel, sel);
}

static void test_moves(void **state)
{
	struct tui_pager p = {.total = 25, .page = 10};

	(void)state;
	assert_true(pager_move(&p, TUI_ACT_UP)); /* already at the top */
	assert_at(&p, 0, 0);
	for (int i = 0; i < 10; i++)
		pager_move(&p, TUI_ACT_DOWN);
	assert_at(&p, 1, 10); /* the selection pulled the page down by one */
	pager_move(&p, TUI_ACT_PAGE_DOWN);
	assert_at(&p, 11, 20); /* the page turned with the selection */
	pager_move(&p, TUI_ACT_PAGE_DOWN);
	assert_at(&p, 15, 24); /* the last page is full, the selection on the last row */
	pager_move(&p, TUI_ACT_FIRST);
	assert_at(&p, 0, 0);
	pager_move(&p, TUI_ACT_LAST);
	assert_at(&p, 15, 24);
	pager_move(&p, TUI_ACT_PAGE_UP);
	assert_at(&p, 5, 14);
	assert_false(pager_move(&p, TUI_ACT_OPEN));
	assert_at(&p, 5, 14);
}

static void test_short_and_shrinking(void **state)
{
	struct tui_pager p = {.total = 3, .page = 10};

	(void)state;
	pager_move(&p, TUI_ACT_LAST);
	assert_at(&p, 0, 2); /* fewer rows than a page: no scrolling */
	p.total = 0; /* the filter now matches nothing */
	pager_clamp(&p);
	assert_at(&p, 0, 0);
	p = (struct tui_pager){.top = 40, .sel = 45, .total = 30, .page = 10};
	pager_clamp(&p); /* the list got shorter under the page */
	assert_at(&p, 20, 29);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_short_and_shrinking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
