/* Tests of db_case_position, which keeps the list's selection on its case: for every order
 * the list offers, both ways, with and without filters and searches, each case's position is
 * its index in the whole list db_case_list gives (ties of equal keys, cases without a case
 * number, a deleted case); a case the list does not hold is -1. */
#include "tests/testutil.h"

#include "db/db_internal.h"
#include "db/rules/case.h"
#include "db/search.h"

#define NCASES 12

static void add_cases(db *d, char ids[NCASES][37])
{
	static const char *const titles[] = {"耐克运动鞋案", "阿迪达斯案", "耐克运动鞋案", "假冒专利案",
					     "盗版图书案", "运动鞋仓库案"};
	ipc_err e = {0};

	for (int i = 0; i < NCASES; i++) {
		char json[300];
		snprintf(json, sizeof json, "{\"title\":\"%s\",\"ip_type\":\"%s\"%s}", titles[i % 6],
			 i % 3 ? "trademark" : "copyright",
			 i % 4 == 1 ? "" : i % 4 == 2 ? ",\"case_no\":\"冀石〔2026〕2号\"" /* a tie */
			 : i % 4 == 3 ? ",\"case_no\":\"冀石〔2026〕1号\"" : ",\"case_no\":\"冀石〔2026〕9号\"");
		assert_int_equal(tu_write(d, "case", NULL, json, ids[i], &e), 0);
		if (i % 5 == 2)
			assert_int_equal(tu_write(d, "case", ids[i], "{\"status\":\"verifying\"}", NULL, &e),
					 0);
	}
	assert_int_equal(tu_write(d, "case", ids[7], "{\"deleted\":true}", NULL, &e), 0);
	assert_int_equal(tu_write(d, "case", ids[3], "{\"notes\":\"changed last\"}", NULL, &e), 0);
}

/* Every case of the whole list q describes is found at its index; the others are not. */
static void check_positions(db *d, struct case_query q, char ids[NCASES][37])
{
	ipc_err e = {0};
	json_t *all, *row;
	size_t i;

	q.offset = 0;
	q.limit = 0;
	assert_non_null(all = db_case_list(d, &q, &e));
	json_array_foreach(all, i, row) {
		const char *id = json_string_value(json_object_get(row, "id"));
		int64_t at = db_case_position(d, &q, id, &e);
		if (at != (int64_t)i)
			fail_msg("order %d %s, text %s, status %s: case %zu found at %lld", q.order,
				 q.ascending ? "ascending" : "descending", q.text ? q.text : "-",
				 q.status ? q.status : "-", i, (long long)at);
	}
	for (int k = 0; k < NCASES; k++) {
		bool listed = false;
		json_array_foreach(all, i, row)
			listed |= !strcmp(json_string_value(json_object_get(row, "id")), ids[k]);
		if (!listed)
			assert_int_equal(db_case_position(d, &q, ids[k], &e), -1);
	}
	json_decref(all);
}

static void test_positions(void **state)
{
	static const char *const texts[] = {NULL, "耐克", "运动鞋"};
	static const char *const statuses[] = {NULL, "verifying"};
	char h[64], ids[NCASES][37];
	db *d = tu_workspace("王建国", "13010001", h);

	(void)state;
	add_cases(d, ids);
	for (int order = ORDER_UPDATED; order <= ORDER_STATUS; order++)
		for (int asc = 0; asc < 2; asc++)
			for (size_t t = 0; t < 3; t++)
				for (size_t s = 0; s < 2; s++) {
					struct case_query q = {.order = (enum case_order)order,
							       .ascending = asc, .text = texts[t],
							       .status = statuses[s]};
					check_positions(d, q, ids);
				}
	{ /* the deleted case is in no list */
		struct case_query q = {0};
		ipc_err e = {0};
		assert_int_equal(db_case_position(d, &q, ids[7], &e), -1);
	}
	tu_close(d, h);
}

/* Cases written while their refresh is put off (an import) are found, and counted in the
 * statistics, once it is flushed; those a crash left queued are refreshed by the next open. */
static void test_refresh_put_off(void **state)
{
	struct case_query q = {.text = "耐克"};
	char h[64], ids[NCASES][37];
	db *d = tu_workspace("王建国", "13010001", h);
	ipc_err e = {0};
	bool more = true;
	json_t *list;

	(void)state;
	case_defer(d, true);
	add_cases(d, ids);
	for (int i = 0; i < NCASES; i++) /* a figure each: received on its clue date */
		if (i != 7)
			assert_int_equal(tu_write(d, "case", ids[i], "{\"clue_on\":\"2026-01-05\"}",
						  NULL, &e), 0);
	assert_non_null(list = db_case_list(d, &q, &e));
	assert_int_equal(json_array_size(list), 0); /* queued, not indexed */
	json_decref(list);
	assert_int_equal(db_count(d, "SELECT count(*) FROM case_facts", NULL), 0);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(case_flush_pending(d, 3, &more, &e), 0);
	assert_true(more);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(db_count(d, "SELECT count(*) FROM case_facts", NULL), 3);
	/* their figures are owed, not yet in the aggregate */
	assert_int_equal(db_count(d, "SELECT count(*) FROM stats_owed", NULL), 3);
	assert_int_equal(db_count(d, "SELECT count(*) FROM stats_days", NULL), 0);
	case_defer(d, false);
	/* the rest stays queued, as a kill would leave it: the next open refreshes it */
	db_close(d);
	assert_int_equal(db_open(h, &d, &e), 0);
	assert_non_null(list = db_case_list(d, &q, &e));
	assert_int_equal(json_array_size(list), 4); /* the 耐克运动鞋案 cases: 0, 2, 6, 8 */
	json_decref(list);
	/* every case but the deleted one (7) */
	assert_int_equal(db_count(d, "SELECT count(*) FROM case_facts", NULL), NCASES - 1);
	assert_int_equal(db_count(d, "SELECT count(*) FROM case_pending", NULL), 0);
	/* and their figures settled, every row once */
	assert_int_equal(db_count(d, "SELECT count(*) FROM stats_owed", NULL), 0);
	assert_int_equal(db_count(d, "SELECT received FROM stats_days WHERE dim = ''"
				  " AND day = '2026-01-05'", NULL), NCASES - 1);
	assert_int_equal(db_count(d, "SELECT sum(received) FROM stats_days WHERE dim = 'ip_type'",
				  NULL), NCASES - 1);
	tu_close(d, h);
}

static size_t found(db *d, const char *text)
{
	struct case_query q = {.text = text};
	ipc_err e = {0};
	json_t *list = db_case_list(d, &q, &e);
	size_t n;

	assert_non_null(list);
	n = json_array_size(list);
	json_decref(list);
	return n;
}

/* A v7 workspace, whose word index kept its own copy of the text, gets both indexes made
 * again from its cases at open (v13); one- and two-character searches find what they found,
 * and a changed title leaves the old word's index (the 'delete' given the text inserted). */
static void test_words_migrated(void **state)
{
	char h[64], ids[NCASES][37];
	db *d = tu_workspace("王建国", "13010001", h);
	ipc_err e = {0};

	(void)state;
	add_cases(d, ids);
	assert_int_equal(found(d, "耐"), 4);
	assert_int_equal(db_exec(d, "DROP TABLE fts_word;"
				 "CREATE VIRTUAL TABLE fts_word USING fts5(text, tokenize='unicode61');"
				 "INSERT INTO fts_word(rowid, text) SELECT rowid, '旧' FROM fts_tri;"
				 TU_OPS_V8 "PRAGMA user_version = 7;", &e), 0);
	assert_int_equal(found(d, "旧"), NCASES - 1);
	db_close(d);
	assert_int_equal(db_open(h, &d, &e), 0);
	assert_int_equal(db_count(d, "SELECT count(*) FROM sqlite_master WHERE name = 'fts_word'"
				  " AND sql LIKE '%content=''''%'", NULL), 1);
	assert_int_equal(found(d, "旧"), 0);
	assert_int_equal(found(d, "耐"), 4);
	assert_int_equal(found(d, "耐克"), 4);
	assert_int_equal(tu_write(d, "case", ids[0], "{\"title\":\"阿迪达斯案\"}", NULL, &e), 0);
	assert_int_equal(found(d, "耐"), 3);
	assert_int_equal(found(d, "阿迪"), 2); /* 1 and 0; 7 is deleted */
	assert_int_equal(db_exec(d, "INSERT INTO fts_word(fts_word, rank) VALUES('integrity-check', 0);"
				 "INSERT INTO fts_tri(fts_tri, rank) VALUES('integrity-check', 0)", &e), 0);
	/* v13: each text kept once beside two contentless indexes: as it is when short, else
	 * deflated, and found again either way */
	assert_int_equal(db_count(d, "SELECT count(*) FROM search_text", NULL), NCASES - 1);
	assert_int_equal(db_count(d, "SELECT count(*) FROM search_text WHERE typeof(z) = 'blob'",
				  NULL), 0);
	assert_int_equal(tu_write(d, "case", ids[1], "{\"title\":\"仿冒服装侵权案，仿冒服装侵权案，"
				  "仿冒服装侵权案，仿冒服装侵权案，仿冒服装侵权案\"}", NULL, &e), 0);
	assert_int_equal(db_count(d, "SELECT count(*) FROM search_text WHERE typeof(z) = 'blob'",
				  NULL), 1);
	assert_int_equal(found(d, "服装侵权"), 1);
	assert_int_equal(found(d, "阿迪"), 1);
	assert_int_equal(db_count(d, "SELECT count(*) FROM sqlite_master WHERE name = 'fts_tri'"
				  " AND sql LIKE '%content=''''%'", NULL), 1);
	/* a deflated text that no longer inflates: the case's next change says the search index
	 * is damaged (its corruption kind), and writes nothing */
	assert_int_equal(db_exec(d, "UPDATE search_text SET z = x'ffff0102'"
				 " WHERE typeof(z) = 'blob'", &e), 0);
	assert_int_equal(tu_write(d, "case", ids[1], "{\"title\":\"改过的标题\"}", NULL, &e), -1);
	assert_int_equal(e.kind, IPC_E_CORRUPT);
	assert_non_null(strstr(e.msg, "search index"));
	assert_int_equal(found(d, "改过"), 0);
	tu_close(d, h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_refresh_put_off),
		cmocka_unit_test(test_words_migrated),
	};
	return cmocka_run_group_tests_name("position", tests, NULL, NULL);
}
