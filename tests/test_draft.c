/* test_draft — the drafts folder: written whole and private, listed oldest first, read back,
 * removed; nothing outside the names it makes is touched. */
#include "tests/testutil.h"

#include <time.h>

#include "tui/draft.h"

static char home[64];
static db *d;

static int setup(void **state)
{
	(void)state;
	d = tu_workspace("王建国", "13010001", home);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_close(d, home);
	return 0;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 0777;
}

static void test_write_read_private(void **state)
{
	char name[DRAFT_NAME_MAX], path[200];
	json_t *doc = json_pack("{s:s, s:{s:s}}", "form", "record", "texts", "title", "耐克运动鞋"), *back;
	ipc_err e = {0};

	(void)state;
	draft_name_new(name);
	assert_int_equal(draft_write(d, name, doc, &e), 0);
	snprintf(path, sizeof path, "%s/drafts/%s", home, name);
	assert_int_equal(mode_of(path), 0600);
	snprintf(path, sizeof path, "%s/drafts", home);
	assert_int_equal(mode_of(path), 0700);
	back = draft_read(d, name, &e);
	assert_non_null(back);
	assert_true(json_equal(doc, back));
	json_decref(back);
	/* written again: the new content whole, no temporary file left beside it */
	json_object_set_new(json_object_get(doc, "texts"), "title", json_string("阿迪达斯"));
	assert_int_equal(draft_write(d, name, doc, &e), 0);
	back = draft_read(d, name, &e);
	assert_string_equal(json_string_value(json_object_get(json_object_get(back, "texts"), "title")),
			    "阿迪达斯");
	snprintf(path, sizeof path, "%s/drafts/%s.tmp", home, name);
	assert_int_not_equal(access(path, F_OK), 0);
	json_decref(back);
	assert_int_equal(draft_remove(d, name, &e), 0);
	assert_null(draft_read(d, name, &e));
	assert_int_equal(draft_remove(d, name, &e), 0); /* already gone: fine */
	json_decref(doc);
}

static void test_list_oldest_first_ours_only(void **state)
{
	char a[DRAFT_NAME_MAX], b[DRAFT_NAME_MAX], path[200];
	json_t *doc = json_object(), *names;
	ipc_err e = {0};
	FILE *f;

	(void)state;
	names = draft_list(d, &e); /* no folder yet */
	assert_non_null(names);
	assert_int_equal(json_array_size(names), 0);
	json_decref(names);
	draft_name_new(a);
	nanosleep(&(struct timespec){0, 2000000}, NULL); /* the names order by the millisecond */
	draft_name_new(b);
	assert_int_equal(draft_write(d, b, doc, &e), 0);
	assert_int_equal(draft_write(d, a, doc, &e), 0);
	snprintf(path, sizeof path, "%s/drafts/notes.json", home); /* not a name we make */
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	snprintf(path, sizeof path, "%s/drafts/%s.tmp", home, a); /* a write cut short */
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	names = draft_list(d, &e);
	assert_int_equal(json_array_size(names), 2);
	assert_string_equal(json_string_value(json_array_get(names, 0)), a);
	assert_string_equal(json_string_value(json_array_get(names, 1)), b);
	json_decref(names);
	json_decref(doc);
}

static void test_names_and_damage_refused(void **state)
{
	char name[DRAFT_NAME_MAX], path[200];
	json_t *doc = json_object();
	ipc_err e = {0};
	FILE *f;

	(void)state;
	assert_int_equal(draft_write(d, "../ipcase.json", doc, &e), -1);
	assert_non_null(strstr(e.msg, "not a draft name"));
	assert_null(draft_read(d, "../device.key", &e));
	assert_int_equal(draft_remove(d, "../ipcase.db", &e), -1);
	snprintf(path, sizeof path, "%s/ipcase.db", home);
	assert_int_equal(access(path, F_OK), 0);
	draft_name_new(name);
	assert_int_equal(draft_write(d, name, doc, &e), 0);
	snprintf(path, sizeof path, "%s/drafts/%s", home, name);
	assert_non_null(f = fopen(path, "w"));
	fputs("{\"texts\": [1, 2", f); /* cut off mid-way, as by a failing disk */
	fclose(f);
	assert_null(draft_read(d, name, &e));
	assert_non_null(strstr(e.msg, "damaged"));
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_read_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_oldest_first_ours_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_and_damage_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
