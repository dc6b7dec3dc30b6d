/* Tests of what the case screen reads: a case's history with its records (newest first, no
 * other case's ops), the competing values of a conflict by the fold's rule (concurrent values
 * only, the shown one first, one entry per value), and the check of attachment files. */
#include "tests/testutil.h"

#include "db/caseview.h"
#include "db/channel.h"

static json_int_t hlc_of(const json_t *entry)
{
	return json_integer_value(json_object_get(entry, "hlc"));
}

static int count_type(const json_t *hist, const char *type)
{
	size_t i;
	json_t *x;
	int n = 0;

	json_array_foreach(hist, i, x)
		n += !strcmp(json_string_value(json_object_get(x, "type")), type);
	return n;
}

static void test_history(void **state)
{
	char h[64], id[37], other[37], pid[37], kid[37], json[400];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", h);
	json_t *bundle, *hist, *x;
	size_t i;

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"耐克案\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"别的案\",\"ip_type\":\"copyright\"}",
				  other, &e), 0);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":\"张三\"}", id);
	assert_int_equal(tu_write(d, "party", NULL, json, pid, &e), 0);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":\"李四\"}",
		 other);
	assert_int_equal(tu_write(d, "party", NULL, json, kid, &e), 0);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"kind\":\"photo\",\"description\":\"照片\"}",
		 id);
	assert_int_equal(tu_write(d, "evidence", NULL, json, kid, &e), 0);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"place_kind\":\"market\",\"place_name\":"
		 "\"南三条\",\"inspected_at\":\"2026-03-01T10:00\",\"inspectors\":[{\"name\":\"王建国\","
		 "\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":\"13010002\"}]}", id);
	assert_int_equal(tu_write(d, "inspection", NULL, json, kid, &e), 0);
	assert_int_equal(tu_write(d, "party", pid, "{\"name\":\"张三丰\"}", NULL, &e), 0);

	bundle = db_bundle(d, id, DB_BUNDLE_HISTORY, &e);
	assert_non_null(bundle);
	hist = json_object_get(bundle, "history");
	assert_non_null(hist);
	assert_int_equal(json_array_size(hist), 5); /* case, party ×2, evidence, inspection */
	assert_int_equal(count_type(hist, "case"), 1);
	assert_int_equal(count_type(hist, "party"), 2);
	assert_int_equal(count_type(hist, "evidence"), 1);
	assert_int_equal(count_type(hist, "inspection"), 1);
	json_array_foreach(hist, i, x) {
		const char *rec = json_string_value(json_object_get(x, "record"));
		assert_string_not_equal(rec, other); /* nothing of the other case */
		assert_string_equal(json_string_value(json_object_get(x, "officer")), "王建国");
		if (i)
			assert_true(hlc_of(json_array_get(hist, i - 1)) >= hlc_of(x));
	}
	/* the newest first: the party's rename */
	x = json_array_get(hist, 0);
	assert_string_equal(json_string_value(json_object_get(x, "record")), pid);
	assert_string_equal(json_string_value(json_object_get(json_object_get(x, "set"), "name")),
			    "张三丰");
	json_decref(bundle);
	assert_null(db_bundle(d, "019c0000-0000-7000-8000-000000000000", DB_BUNDLE_HISTORY, &e));
	assert_non_null(strstr(e.msg, "no record"));
	tu_close(d, h);
}

/* The values of `field` db_conflict_values gives, as "value(current)|value|…". */
static const char *values_of(db *d, const char *id, const char *field)
{
	static char out[400];
	ipc_err e = {0};
	json_t *v = db_conflict_values(d, id, field, &e), *x;
	size_t i, len = 0;

	if (!v)
		fail_msg("conflict values: %s", e.msg);
	out[0] = '\0';
	json_array_foreach(v, i, x)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s%s", i ? "|" : "",
					json_string_value(json_object_get(x, "value")),
					json_is_true(json_object_get(x, "current")) ? "(current)" : "");
	json_decref(v);
	return out;
}

static const char *title_of(db *d, const char *id)
{
	static char buf[100];
	ipc_err e = {0};
	json_t *o = db_get(d, id, &e);

	snprintf(buf, sizeof buf, "%s", json_string_value(json_object_get(o, "title")));
	json_decref(o);
	return buf;
}

static void test_conflict_values(void **state)
{
	char h[3][64], id[37], want[200];
	ipc_err e = {0};
	db *ws[3];

	(void)state;
	ws[0] = tu_workspace("王建国", "13010001", h[0]);
	ws[1] = tu_workspace("李敏", "13010002", h[1]);
	ws[2] = tu_workspace("赵强", "13010003", h[2]);
	tu_introduce(ws, 3);
	assert_int_equal(tu_write(ws[0], "case", NULL, "{\"title\":\"原\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	/* sequential edits by one officer: the earlier value was seen, no competition */
	assert_int_equal(tu_write(ws[0], "case", id, "{\"notes\":\"一\"}", NULL, &e), 0);
	assert_int_equal(tu_write(ws[0], "case", id, "{\"notes\":\"二\"}", NULL, &e), 0);
	tu_pull(ws[1], ws[0]);
	tu_pull(ws[2], ws[0]);
	/* offline, three officers change the title; two of them to the same value */
	assert_int_equal(tu_write(ws[0], "case", id, "{\"title\":\"甲\"}", NULL, &e), 0);
	assert_int_equal(tu_write(ws[1], "case", id, "{\"title\":\"乙\"}", NULL, &e), 0);
	assert_int_equal(tu_write(ws[2], "case", id, "{\"title\":\"乙\"}", NULL, &e), 0);
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			if (i != j)
				tu_pull(ws[i], ws[j]);
	assert_true(tu_has_conflict(ws[0], id, "title"));
	/* the shown value first, then the other one once; the same on every workspace */
	snprintf(want, sizeof want, "%s(current)|%s", title_of(ws[0], id),
		 strcmp(title_of(ws[0], id), "甲") ? "甲" : "乙");
	for (int i = 0; i < 3; i++)
		assert_string_equal(values_of(ws[i], id, "title"), want);
	assert_string_equal(values_of(ws[0], id, "notes"), "二(current)");
	/* resolving: one value left */
	assert_int_equal(tu_write(ws[1], "case", id, "{\"title\":\"商定\"}", NULL, &e), 0);
	assert_string_equal(values_of(ws[1], id, "title"), "商定(current)");
	assert_null(db_conflict_values(ws[0], id, "place", &e)); /* never set */
	for (int i = 0; i < 3; i++)
		tu_close(ws[i], h[i]);
}

static void test_file_check(void **state)
{
	char h[64], id[37], ev[37], src[128], path[1200];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", h);
	json_t *set = json_pack("{s:s,s:s}", "kind", "photo", "description", "现场照片"), *o;
	const char *sha;
	FILE *f;

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\"}", id,
				  &e), 0);
	snprintf(src, sizeof src, "%s/photo.jpg", h);
	assert_non_null(f = fopen(src, "w"));
	fputs("not really a photo", f);
	fclose(f);
	assert_int_equal(db_evidence_add(d, id, set, src, ev, &e), 0);
	json_decref(set);
	o = db_get(d, ev, &e);
	sha = json_string_value(json_object_get(o, "file_sha256"));
	assert_int_equal(db_file_check(d, sha), DB_FILE_OK);
	db_file_path(d, sha, path, sizeof path);
	assert_non_null(f = fopen(path, "a"));
	fputs("!", f); /* one byte more: damaged */
	fclose(f);
	assert_int_equal(db_file_check(d, sha), DB_FILE_DAMAGED);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(db_file_check(d, sha), DB_FILE_MISSING);
	json_decref(o);
	tu_close(d, h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_conflict_values),
		cmocka_unit_test(test_file_check),
	};
	return cmocka_run_group_tests_name("caseview", tests, NULL, NULL);
}
