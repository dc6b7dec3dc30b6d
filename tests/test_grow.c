/* test_grow — the out-of-memory policy of base/grow.h: growth keeps the old block on failure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/grow.h"

/* Room for element n, doubling from 16; contents survive the move. */
static void test_grows_and_keeps(void **state)
{
	size_t cap = 0;
	int *a = NULL, *more;

	(void)state;
	for (size_t i = 0; i < 100; i++) {
		assert_non_null(more = grow(a, &cap, i, sizeof *a));
		a = more;
		a[i] = (int)i;
	}
	assert_int_equal(cap, 128);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(a[i], (int)i);
	assert_ptr_equal(grow(a, &cap, 127, sizeof *a), a); /* room already */
	free(a);
}

/* A byte buffer: room for `need` more bytes and a NUL, however far past the capacity. */
static void test_grows_far(void **state)
{
	size_t cap = 0;
	char *b;

	(void)state;
	assert_non_null(b = grow(NULL, &cap, 1000, 1));
	assert_true(cap > 1000);
	memset(b, 'x', 1001);
	free(b);
}

/* A size that overflows is refused: NULL, and the old block and capacity stay the caller's. */
static void test_overflow_keeps_old_block(void **state)
{
	size_t cap = 0;
	long *a = grow(NULL, &cap, 0, sizeof *a);

	(void)state;
	assert_non_null(a);
	a[0] = 42;
	assert_null(grow(a, &cap, SIZE_MAX / 4, sizeof *a)); /* × 8 bytes overflows */
	assert_null(grow(a, &cap, SIZE_MAX, 1));             /* the count itself cannot double */
	assert_int_equal(cap, 16);
	assert_int_equal(a[0], 42); /* still ours: ASan would report a use after free */
	free(a);
}

/* The one message of a failed allocation. */
static void test_oom_message(void **state)
{
	ipc_err e = {0};

	(void)state;
	assert_int_equal(err_nomem(&e), -1);
	assert_string_equal(e.msg, "out of memory");
	assert_int_equal(e.kind, IPC_E_INTERNAL);
	assert_int_equal(err_nomem(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grows_and_keeps),
		cmocka_unit_test(test_grows_far),
		cmocka_unit_test(test_overflow_keeps_old_block),
		cmocka_unit_test(test_oom_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
