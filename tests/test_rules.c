/* Tests of the rules at write time: every allowed workflow transition and forbidden ones,
 * what filing and deciding need, case numbers of two offline officers, Chinese search of
 * 1, 2 and 3+ characters, confidential fields kept out of the index. */
#include "tests/testutil.h"

#include "db/rules/case_terms.h"
#include "db/rules/workflow.h"
#include "db/schema.h"
#include "db/search.h"

static const char *const allowed[][2] = {
	{"clue", "verifying"}, {"clue", "transferred"}, {"verifying", "filed"},
	{"verifying", "not_filed"}, {"verifying", "transferred"}, {"not_filed", "archived"},
	{"filed", "investigating"}, {"filed", "transferred"},
	{"investigating", "investigation_closed"}, {"investigating", "suspended"},
	{"investigating", "terminated"}, {"investigating", "transferred"},
	{"suspended", "investigating"}, {"suspended", "terminated"}, {"terminated", "closed"},
	{"investigation_closed", "legal_review"}, {"investigation_closed", "investigating"},
	{"legal_review", "notified"}, {"legal_review", "decided"}, {"legal_review", "investigating"},
	{"notified", "hearing"}, {"notified", "decided"}, {"hearing", "decided"},
	{"decided", "served"}, {"decided", "transferred"}, {"served", "executing"},
	{"served", "closed"}, {"executing", "closed"}, {"transferred", "closed"},
	{"closed", "archived"}, {"archived", "closed"},
	/* a patent dispute's own steps (FACTS.md §2) */
	{"clue", "accepted"}, {"clue", "refused"}, {"refused", "archived"},
	{"accepted", "copy_sent"}, {"copy_sent", "answered"}, {"copy_sent", "hearing_set"},
	{"copy_sent", "mediated"}, {"answered", "hearing_set"}, {"answered", "mediated"},
	{"hearing_set", "heard"}, {"hearing_set", "mediated"}, {"heard", "mediated"},
	{"heard", "ruled"}, {"mediated", "closed"}, {"ruled", "served"},
};

static void test_transition_table(void **state)
{
	size_t nallowed = sizeof allowed / sizeof allowed[0], count = 0;

	(void)state;
	for (size_t i = 0; i < nallowed; i++)
		assert_true(workflow_allowed(allowed[i][0], allowed[i][1]));
	/* exhaustively: nothing outside the table is allowed */
	for (const struct enum_value *f = case_statuses; f->id; f++)
		for (const struct enum_value *t = case_statuses; t->id; t++)
			count += workflow_allowed(f->id, t->id);
	assert_int_equal(count, nallowed);
	assert_false(workflow_allowed("clue", "filed"));       /* verification first */
	assert_false(workflow_allowed("filed", "decided"));    /* investigation first */
	assert_false(workflow_allowed("archived", "clue"));    /* final */
	assert_false(workflow_allowed("notified", "served"));
	assert_false(workflow_allowed("closed", "investigating"));
}

/* A case brought to `status` through the batch path, with what each step needs. */
static void walk(db *d, const char *id, const char *const *path, size_t n)
{
	ipc_err e = {0};
	for (size_t i = 0; i < n; i++) {
		char json[96];
		snprintf(json, sizeof json, "{\"status\":\"%s\"}", path[i]);
		if (tu_write(d, "case", id, json, NULL, &e))
			fail_msg("%s: %s", path[i], e.msg);
	}
}

static void test_transitions_through_the_store(void **state)
{
	static const char *const to_filing[] = {"verifying"};
	static const char *const to_decision[] = {"investigating", "investigation_closed",
		"legal_review", "notified", "hearing"};
	static const char *const to_end[] = {"served", "executing", "closed", "archived"};
	char h[64], id[37], today[11], json[200];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", h);

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"甲案\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	walk(d, id, to_filing, 1);
	/* filing needs two certified handlers */
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"filed\"}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "two or more handlers"));
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"filed\",\"handlers\":[{\"name\":"
				  "\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":\"\"}]}",
				  NULL, &e), -1);
	/* ... and the head's approval (Order No. 2 art. 19) */
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"filed\",\"handlers\":[{\"name\":"
				  "\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":"
				  "\"13010002\"}]}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "approval ask"));
	tu_approve(d, id, "file");
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"filed\",\"handlers\":[{\"name\":"
				  "\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":"
				  "\"13010002\"}]}", NULL, &e), 0);
	walk(d, id, to_decision, 5);
	/* a decision needs its type */
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"decided\"}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "decision_type"));
	tu_approve(d, id, "decision");
	db_today(today);
	snprintf(json, sizeof json, "{\"status\":\"decided\",\"decision_type\":\"penalty\","
		 "\"fine\":\"50000\",\"waived_on\":\"%s\"}", today);
	assert_int_equal(tu_write(d, "case", id, json, NULL, &e), 0);
	tu_approve(d, id, "close");
	snprintf(json, sizeof json, "{\"fine_paid_on\":\"%s\",\"disclosed_on\":\"%s\"}", today,
		 today);
	assert_int_equal(tu_write(d, "case", id, json, NULL, &e), 0);
	walk(d, id, to_end, 4);
	/* refused writes left nothing behind: the history is the accepted steps only */
	json_t *log = db_log(d, id, &e);
	assert_int_equal(json_array_size(log), 1 + 1 + 1 + 5 + 1 + 1 + 4);
	json_decref(log);
	json_t *o = db_get(d, id, &e);
	assert_string_equal(json_string_value(json_object_get(o, "status")), "archived");
	assert_non_null(json_object_get(o, "filed_on"));
	assert_non_null(json_object_get(o, "decided_on"));
	assert_non_null(json_object_get(o, "closed_on"));
	json_decref(o);
	/* a forbidden jump through the store */
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"乙案\",\"ip_type\":\"copyright\"}",
				  id, &e), 0);
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"decided\"}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "cannot move"));
	tu_close(d, h);
}

static void test_field_validation(void **state)
{
	char h[64], id[37], pid[37];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", h);

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\"}", id, &e), -1);
	assert_non_null(strstr(e.msg, "ip_type is required"));
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"patent\"}", id, &e), -1);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\","
				  "\"region\":\"140100\"}", id, &e), -1);
	assert_non_null(strstr(e.msg, "division code"));
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"a\\u001b[2Jb\",\"ip_type\":\"trademark\"}",
				  id, &e), -1);
	assert_non_null(strstr(e.msg, "control character"));
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\","
				  "\"clue_on\":\"2026-02-30\"}", id, &e), -1);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\","
				  "\"region\":\"110108\"}", id, &e), 0);
	{
		char json[200];
		snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":\"某公司\","
			 "\"uscc\":\"914403001922038217\"}", id);
		assert_int_equal(tu_write(d, "party", NULL, json, pid, &e), -1);
		assert_non_null(strstr(e.msg, "should be 6"));
		snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":\"某公司\","
			 "\"uscc\":\"914403001922038216\"}", id);
		assert_int_equal(tu_write(d, "party", NULL, json, pid, &e), 0);
		snprintf(json, sizeof json, "{\"case_id\":\"01934f2a-1b2c-7d3e-8f40-123456789abc\","
			 "\"role\":\"respondent\",\"name\":\"无案\"}");
		assert_int_equal(tu_write(d, "party", NULL, json, pid, &e), -1);
		assert_non_null(strstr(e.msg, "no case"));
	}
	tu_close(d, h);
}

/* Chinese enum names are accepted on input and stored as ids. */
static void test_enum_chinese_names(void **state)
{
	const struct field *f = schema_field(schema_type("case"), "ip_type");
	json_t *v;
	ipc_err e = {0};

	(void)state;
	assert_int_equal(schema_value_parse(f, "商标", &v, &e), 0);
	assert_string_equal(json_string_value(v), "trademark");
	json_decref(v);
	assert_int_equal(schema_value_parse(f, "集成电路布图设计", &v, &e), 0);
	assert_string_equal(json_string_value(v), "layout_design");
	json_decref(v);
	assert_int_equal(schema_value_parse(f, "专利", &v, &e), -1);
	assert_non_null(strstr(e.msg, "invention_patent"));
}

static int64_t found(db *d, const char *q)
{
	struct case_query cq = {.text = q};
	ipc_err e = {0};
	int64_t n = db_case_count(d, &cq, &e);

	if (n < 0)
		fail_msg("search %s: %s", q, e.msg);
	return n;
}

static void test_chinese_search(void **state)
{
	char h[64], id[37], other[37], json[300];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", h);

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"销售假冒耐克运动鞋案\",\"ip_type\":"
				  "\"trademark\",\"place\":\"南三条市场\"}", id, &e), 0);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"盗版图书案\",\"ip_type\":"
				  "\"copyright\",\"place\":\"白沟市场\"}", other, &e), 0);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":\"张三\"}", id);
	assert_int_equal(tu_write(d, "party", NULL, json, NULL, &e), 0);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"reporter\",\"name\":\"李四\"}", id);
	assert_int_equal(tu_write(d, "party", NULL, json, NULL, &e), 0);
	assert_int_equal(found(d, "张"), 1);         /* one character */
	assert_int_equal(found(d, "张三"), 1);       /* two: the trigram index alone finds nothing */
	assert_int_equal(found(d, "三条"), 1);
	assert_int_equal(found(d, "耐克运动"), 1);   /* 3+: trigram */
	assert_int_equal(found(d, "市场"), 2);
	assert_int_equal(found(d, "张三 耐克运动鞋"), 1);
	assert_int_equal(found(d, "张三 图书"), 0);
	assert_int_equal(found(d, "王五"), 0);
	assert_int_equal(found(d, "李四"), 0);       /* a reporter's identity is not indexed */
	assert_int_equal(found(d, "\"\"\"*"), 0);    /* FTS syntax in a query is just text */
	{ /* a search with a filter, and its page: newest case first */
		struct case_query q = {.text = "市场", .status = "clue", .limit = 10};
		json_t *page = db_case_list(d, &q, &e);
		assert_int_equal(json_array_size(page), 2);
		assert_string_equal(json_string_value(json_object_get(json_array_get(page, 0), "id")), other);
		json_decref(page);
		q.status = "filed";
		assert_int_equal(db_case_count(d, &q, &e), 0);
	}
	/* the index follows changes */
	assert_int_equal(tu_write(d, "case", id, "{\"title\":\"销售假冒阿迪达斯案\"}", NULL, &e), 0);
	assert_int_equal(found(d, "耐克"), 0);
	assert_int_equal(found(d, "阿迪达斯"), 1);
	assert_int_equal(tu_write(d, "case", other, "{\"deleted\":true}", NULL, &e), 0);
	assert_int_equal(found(d, "市场"), 1);
	tu_close(d, h);
}

static void file_case(db *d, char no[160])
{
	char id[37];
	ipc_err e = {0};
	json_t *o;

	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\","
				  "\"handlers\":[{\"name\":\"甲\",\"cert\":\"1\"},{\"name\":\"乙\","
				  "\"cert\":\"2\"}]}", id, &e), 0);
	tu_approve(d, id, "file");
	walk(d, id, (const char *const[]){"verifying", "filed"}, 2);
	o = db_get(d, id, &e);
	snprintf(no, 160, "%s", json_string_value(json_object_get(o, "case_no")));
	json_decref(o);
}

static void test_case_numbers_never_collide(void **state)
{
	char ha[64], hb[64], seen[80][160];
	ipc_err e = {0};
	db *a = tu_workspace("王建国", "13010001", ha), *b = tu_workspace("李敏", "13010002", hb);
	int n = 0;

	(void)state;
	/* both officers offline, filing cases the same day */
	for (int i = 0; i < 40; i++) {
		file_case(a, seen[n++]);
		file_case(b, seen[n++]);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			assert_string_not_equal(seen[i], seen[j]);
	assert_non_null(strstr(seen[0], "冀石市监处罚〔"));
	assert_non_null(strstr(seen[0], "〕13010001-1号"));
	assert_non_null(strstr(seen[2], "〕13010001-2号"));
	/* after they meet, every number is still unique and none is flagged */
	assert_int_equal(db_actor_add(a, db_self(b), &e), 0);
	assert_int_equal(db_ops_each(b, tu_import_into, a, &e), 0);
	char *x = tu_export(a);
	assert_null(strstr(x, "duplicate_case_no"));
	free(x);
	tu_close(a, ha);
	tu_close(b, hb);
}

static void test_duplicate_case_numbers_detected(void **state)
{
	char ha[64], hb[64], ida[37], idb[37];
	ipc_err e = {0};
	db *a = tu_workspace("王建国", "13010001", ha), *b = tu_workspace("李敏", "13010002", hb);
	json_t *o;

	(void)state;
	/* numbers typed by hand from paper files can still collide: both get flagged on import */
	assert_int_equal(tu_write(a, "case", NULL, "{\"title\":\"甲\",\"ip_type\":\"trademark\","
				  "\"case_no\":\"石市监处罚〔2023〕21号\"}", ida, &e), 0);
	assert_int_equal(tu_write(b, "case", NULL, "{\"title\":\"乙\",\"ip_type\":\"trademark\","
				  "\"case_no\":\"石市监处罚〔2023〕21号\"}", idb, &e), 0);
	assert_int_equal(db_actor_add(a, db_self(b), &e), 0);
	assert_int_equal(db_ops_each(b, tu_import_into, a, &e), 0);
	o = db_get(a, ida, &e);
	assert_string_equal(json_string_value(json_array_get(json_object_get(o, "conflicts"), 0)),
			    "duplicate_case_no");
	json_decref(o);
	o = db_get(a, idb, &e);
	assert_non_null(json_object_get(o, "conflicts"));
	json_decref(o);
	/* renumbering one clears both */
	assert_int_equal(tu_write(a, "case", idb, "{\"case_no\":\"石市监处罚〔2023〕22号\"}", NULL, &e), 0);
	o = db_get(a, ida, &e);
	assert_null(json_object_get(o, "conflicts"));
	json_decref(o);
	tu_close(a, ha);
	tu_close(b, hb);
}

static void test_workspace_permissions(void **state)
{
	char h[64], path[128];
	struct stat st;
	db *d = tu_workspace("王建国", "13010001", h);

	(void)state;
	assert_int_equal(stat(h, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/device.key", h);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/ipcase.db", h);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
	tu_close(d, h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transition_table),
		cmocka_unit_test(test_transitions_through_the_store),
		cmocka_unit_test(test_field_validation),
		cmocka_unit_test(test_enum_chinese_names),
		cmocka_unit_test(test_chinese_search),
		cmocka_unit_test(test_case_numbers_never_collide),
		cmocka_unit_test(test_duplicate_case_numbers_detected),
		cmocka_unit_test(test_workspace_permissions),
	};
	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
