/* test_demo — tests of cli/demo: the demo data covers every status and IP type, passes the
 * write path's checks, and is the same for the same seed. */
#include "cli/demo.h"
#include "db/workspace.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/validate.h"
#include "db/db_internal.h"
#include "db/rules/case_terms.h"
#include "db/rules/workflow.h"
#include "db/schema.h"
#include "db/search.h"
#include "db/store.h"

#define NCASES 300

/* A fresh workspace in a new temporary folder; `dir` gets the folder's path. */
static db *workspace(char dir[64])
{
	struct db_identity id = {0};
	ipc_err e = {0};
	db *d = NULL;

	snprintf(dir, 64, "/tmp/ipcase-demo-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(id.office, sizeof id.office, "130100");
	snprintf(id.office_name, sizeof id.office_name, "石家庄市市场监督管理局");
	snprintf(id.officer, sizeof id.officer, "王建国");
	snprintf(id.cert, sizeof id.cert, "13010001");
	snprintf(id.case_prefix, sizeof id.case_prefix, "冀石市监处罚");
	if (db_init(dir, &id, &e) || db_open(dir, &d, &e))
		fail_msg("workspace: %s", e.msg);
	return d;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void workspace_remove(db *d, const char *dir)
{
	db_close(d);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

struct calls {
	long n, last_done, last_total;
};

static void count_progress(long done, long total, void *arg)
{
	struct calls *c = arg;

	c->n++;
	c->last_done = done;
	c->last_total = total;
}

static int pragma_int(db *d, const char *name)
{
	char sql[64];
	sqlite3_stmt *st;
	int v;

	snprintf(sql, sizeof sql, "PRAGMA %s", name);
	assert_int_equal(sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static db *demo_workspace(char dir[64], long n, unsigned seed, struct calls *calls)
{
	ipc_err e = {0};
	db *d = workspace(dir);

	if (db_demo(d, n, seed, calls ? count_progress : NULL, calls, &e))
		fail_msg("db_demo: %s", e.msg);
	assert_int_equal(pragma_int(d, "synchronous"), 2); /* out of bulk mode: FULL again */
	assert_int_equal(pragma_int(d, "wal_autocheckpoint"), 1000);
	return d;
}

static int64_t count(db *d, const char *status, const char *ip_type)
{
	struct case_query q = {.status = status, .ip_type = ip_type};
	ipc_err e = {0};
	int64_t n = db_case_count(d, &q, &e);

	if (n < 0)
		fail_msg("db_case_count: %s", e.msg);
	return n;
}

static json_t *list_by_title(db *d)
{
	struct case_query q = {.order = ORDER_TITLE, .ascending = true};
	ipc_err e = {0};
	json_t *rows = db_case_list(d, &q, &e);

	if (!rows)
		fail_msg("db_case_list: %s", e.msg);
	return rows;
}

static void demo_covers_statuses_and_types(void **state)
{
	struct calls calls = {0};
	char dir[64];
	db *d = demo_workspace(dir, NCASES, 1, &calls);

	(void)state;
	assert_int_equal(count(d, NULL, NULL), NCASES);
	/* the demo makes penalty cases: a patent dispute's own statuses are not among them */
	for (const struct enum_value *v = case_statuses; v->id; v++)
		if (workflow_in_procedure(NULL, v->id) && count(d, v->id, NULL) < 1)
			fail_msg("no demo case in status %s", v->id);
	for (const struct enum_value *v = case_ip_types; v->id; v++)
		if (count(d, NULL, v->id) < 1)
			fail_msg("no demo case of IP type %s", v->id);
	/* progress at the end only, since 300 < 1000 */
	assert_int_equal(calls.n, 1);
	assert_int_equal(calls.last_done, NCASES);
	assert_int_equal(calls.last_total, NCASES);
	workspace_remove(d, dir);
}

static void demo_cases_have_respondents(void **state)
{
	char dir[64];
	db *d = demo_workspace(dir, NCASES, 1, NULL);
	json_t *rows = list_by_title(d), *row;
	size_t i, with = 0;

	(void)state;
	assert_int_equal(json_array_size(rows), NCASES);
	json_array_foreach(rows, i, row)
		if (json_string_length(json_object_get(row, "respondent")))
			with++;
	assert_true(with > NCASES / 2);
	json_decref(rows);
	workspace_remove(d, dir);
}

/* Every case has evidence; companies' codes pass the USCC check; numbered cases have a
 * case number and two handlers. */
static void demo_children_are_valid(void **state)
{
	char dir[64];
	db *d = demo_workspace(dir, 60, 3, NULL);
	json_t *rows = list_by_title(d), *row;
	size_t i, usccs = 0;
	ipc_err e = {0};

	(void)state;
	json_array_foreach(rows, i, row) {
		const char *id = json_string_value(json_object_get(row, "id"));
		json_t *ev = db_children(d, "evidence", id, &e), *parties = db_children(d, "party", id, &e);
		json_t *c = db_get(d, id, &e), *p;
		size_t j;

		assert_non_null(ev);
		assert_non_null(parties);
		assert_non_null(c);
		assert_in_range(json_array_size(ev), 1, 2);
		json_array_foreach(parties, j, p) {
			const char *uscc = json_string_value(json_object_get(p, "uscc"));
			if (uscc) {
				assert_true(validate_uscc(uscc, NULL));
				usccs++;
			}
		}
		if (workflow_numbered(json_string_value(json_object_get(c, "status")))) {
			assert_non_null(json_string_value(json_object_get(c, "case_no")));
			assert_int_equal(json_array_size(json_object_get(c, "handlers")), 2);
		}
		json_decref(ev);
		json_decref(parties);
		json_decref(c);
	}
	assert_true(usccs > 0);
	json_decref(rows);
	workspace_remove(d, dir);
}

static void demo_same_seed_same_titles(void **state)
{
	char dir1[64], dir2[64];
	db *d1 = demo_workspace(dir1, NCASES, 7, NULL), *d2 = demo_workspace(dir2, NCASES, 7, NULL);
	json_t *a = list_by_title(d1), *b = list_by_title(d2);

	(void)state;
	assert_int_equal(json_array_size(a), NCASES);
	assert_int_equal(json_array_size(b), NCASES);
	for (size_t i = 0; i < NCASES; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(a, i), "title")),
				    json_string_value(json_object_get(json_array_get(b, i), "title")));
	json_decref(a);
	json_decref(b);
	workspace_remove(d1, dir1);
	workspace_remove(d2, dir2);
}

static void demo_progress_every_thousand(void **state)
{
	struct calls calls = {0};
	char dir[64];
	db *d = demo_workspace(dir, 2000, 5, &calls);

	(void)state;
	assert_int_equal(calls.n, 2);
	assert_int_equal(calls.last_done, 2000);
	assert_int_equal(count(d, NULL, NULL), 2000);
	workspace_remove(d, dir);
}

static void demo_refuses_negative_count(void **state)
{
	char dir[64];
	db *d = workspace(dir);
	ipc_err e = {0};

	(void)state;
	assert_int_equal(db_demo(d, -1, 1, NULL, NULL, &e), -1);
	assert_true(strlen(e.msg) > 0);
	assert_int_equal(db_demo(d, 0, 1, NULL, NULL, &e), 0);
	assert_int_equal(count(d, NULL, NULL), 0);
	workspace_remove(d, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_covers_statuses_and_types),
		cmocka_unit_test(demo_cases_have_respondents),
		cmocka_unit_test(demo_children_are_valid),
		cmocka_unit_test(demo_same_seed_same_titles),
		cmocka_unit_test(demo_progress_every_thousand),
		cmocka_unit_test(demo_refuses_negative_count),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
