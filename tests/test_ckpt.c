/* test_ckpt — the thread beside a bulk writer copies the log into the database (db/ckpt.c):
 * in WAL mode only a checkpoint writes the database file, so its size shows one ran. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "db/ckpt.h"

struct fixture {
	char dir[64], path[96], wal[100];
	sqlite3 *w;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/ipcase-ckpt-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	snprintf(f->wal, sizeof f->wal, "%s-wal", f->path);
	assert_int_equal(sqlite3_open(f->path, &f->w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(f->w, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
				      " CREATE TABLE t(b BLOB); PRAGMA wal_checkpoint(TRUNCATE);",
				      NULL, NULL, NULL), SQLITE_OK);
	setenv("IPCASE_CKPT_PAGES", "8", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	sqlite3_close(f->w);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	unsetenv("IPCASE_CKPT_PAGES");
	free(f);
	return 0;
}

static off_t size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* One transaction of n rows of 3000 bytes: a page each. */
static void rows_add(sqlite3 *w, int n)
{
	assert_int_equal(sqlite3_exec(w, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(sqlite3_exec(w, "INSERT INTO t VALUES(randomblob(3000))", NULL, NULL,
					      NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
}

/* A log of 8 to 15 pages wakes the thread, which copies it into the database while the writer
 * waits for nothing; the writer's own checkpoints are off meanwhile. */
static void test_thread_copies(void **state)
{
	struct fixture *f = *state;
	off_t before = size_of(f->path);
	struct ckpt *c = ckpt_start(f->w, f->path);
	int waited = 0;

	assert_non_null(c);
	rows_add(f->w, 10);
	while (size_of(f->path) < before + 10 * 4096 && waited++ < 500) /* it writes page by page */
		usleep(10000);
	assert_true(size_of(f->path) >= before + 10 * 4096);
	ckpt_stop(c, f->w);
	/* stopped: nothing copies a log of the same length any more */
	before = size_of(f->path);
	rows_add(f->w, 10);
	usleep(200000);
	assert_int_equal(size_of(f->path), before);
}

/* A writer whose transactions follow each other gives the thread no moment at which the log
 * could start again: at twice the length the writer copies the rest itself, so each of these
 * transactions starts the log again and it never holds more than about two of them. */
static void test_log_starts_again(void **state)
{
	struct fixture *f = *state;
	struct ckpt *c = ckpt_start(f->w, f->path);

	assert_non_null(c);
	for (int i = 0; i < 20; i++)
		rows_add(f->w, 20);
	assert_true(size_of(f->wal) < 60 * 4120);
	assert_true(size_of(f->path) >= 20 * 20 * 3000);
	ckpt_stop(c, f->w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_thread_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_starts_again, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
