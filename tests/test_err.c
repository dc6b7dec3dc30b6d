/* Tests of the error value: its kind and the field at fault, as err_* set them and as the
 * store, the schema and the workflow fill them — in Chinese too, where the field's name is no
 * longer where a text match would look for it. */
#include <locale.h>

#include "tests/testutil.h"

#include "base/i18n.h"
#include "db/rules/investigator_terms.h"
#include "db/schema.h"

static void test_setters(void **state)
{
	ipc_err e;

	(void)state;
	assert_int_equal(err_kind(&e, IPC_E_RULE, "title", "%s: too long", "title"), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "title");
	assert_string_equal(e.msg, "title: too long");
	/* a plain err_set after it leaves neither kind nor field behind */
	assert_int_equal(err_set(&e, "failed %d", 1), -1);
	assert_int_equal(e.kind, IPC_E_FAILED);
	assert_string_equal(e.field, "");
	/* err_wrap adds context and keeps both */
	err_kind(&e, IPC_E_NOTFOUND, "case_id", "no case");
	err_wrap(&e, "importing %s", "x.csv");
	assert_string_equal(e.msg, "importing x.csv: no case");
	assert_int_equal(e.kind, IPC_E_NOTFOUND);
	assert_string_equal(e.field, "case_id");
	/* err_field names the field; it makes a plain failure a kind, never a precise one */
	err_set(&e, "bad");
	err_field(&e, IPC_E_RULE, "uscc");
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "uscc");
	err_nomem(&e);
	err_field(&e, IPC_E_RULE, "uscc");
	assert_int_equal(e.kind, IPC_E_INTERNAL);
	assert_int_equal(err_kind(NULL, IPC_E_IO, NULL, "x"), -1);
}

/* Chinese messages, as under LANG=zh_CN.UTF-8 (the catalogue built in build/locale). */
static int zh_setup(void **state)
{
	(void)state;
	setenv("LANGUAGE", "zh_CN", 1);
	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(IPCASE_TEXTDOMAIN, "build/locale");
	bind_textdomain_codeset(IPCASE_TEXTDOMAIN, "UTF-8");
	textdomain(IPCASE_TEXTDOMAIN);
	return 0;
}

static void test_store_names_the_field(void **state)
{
	char h[64], id[37];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", h);

	(void)state;
	/* zh_CN: "新建%2$s时 %1$s 为必填项" puts the field last */
	assert_int_equal(tu_write(d, "case", NULL, "{\"ip_type\":\"trademark\"}", id, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "title");
	if (i18n_zh()) /* the catalogue was found: the message is the Chinese one */
		assert_non_null(strstr(e.msg, "必填"));
	/* a value the schema refuses, through the write path and through parsing */
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\","
				  "\"region\":\"140100\"}", id, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "region");
	json_t *v = NULL;
	assert_int_equal(schema_value_parse(schema_field(schema_type("party"), "uscc"),
					    "914403001922038217", &v, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "uscc");
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	/* the workflow names the field a step lacks */
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"verifying\"}", NULL, &e), 0);
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"filed\"}", NULL, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "handlers");
	assert_int_equal(tu_write(d, "case", id, "{\"status\":\"closed\"}", NULL, &e), -1);
	assert_string_equal(e.field, "status");
	tu_close(d, h);
}

static void test_kinds_of_the_store(void **state)
{
	char h[64], a[37], b[37], out[37], prefix[13], sha[65];
	ipc_err e = {0};
	db *d;
	int64_t size;

	(void)state;
	setenv("IPCASE_FAKE_NOW_MS", "1772443800000", 1); /* ids of the same millisecond */
	d = tu_workspace("王建国", "13010001", h);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"甲\",\"ip_type\":\"trademark\"}",
				  a, &e), 0);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"乙\",\"ip_type\":\"trademark\"}",
				  b, &e), 0);
	unsetenv("IPCASE_FAKE_NOW_MS");
	snprintf(prefix, sizeof prefix, "%.12s", a);
	assert_int_equal(strncmp(a, b, 12), 0);
	assert_int_equal(db_resolve_id(d, prefix, out, &e), -1);
	assert_int_equal(e.kind, IPC_E_CONFLICT);
	assert_int_equal(db_resolve_id(d, "00000000", out, &e), -1);
	assert_int_equal(e.kind, IPC_E_NOTFOUND);
	assert_int_equal(db_resolve_id(d, "abc", out, &e), -1);
	assert_int_equal(e.kind, IPC_E_USAGE);
	assert_null(db_get(d, "00000000-0000-7000-8000-000000000000", &e));
	assert_int_equal(e.kind, IPC_E_NOTFOUND);
	assert_int_equal(tu_write(d, "party", NULL, "{\"case_id\":\"00000000-0000-7000-8000-"
				  "000000000000\",\"role\":\"respondent\",\"name\":\"某公司\"}", out, &e), -1);
	assert_int_equal(e.kind, IPC_E_NOTFOUND);
	assert_string_equal(e.field, "case_id");
	assert_int_equal(db_file_add(d, "/nonexistent/photo.jpg", sha, &size, &e), -1);
	assert_int_equal(e.kind, IPC_E_IO);
	/* the rules of other types: an unknown technical field, under the field that names it */
	assert_int_equal(tu_write(d, "case", a, "{\"tech_field\":\"no_such_field\"}", NULL, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "tech_field");
	assert_int_equal(tu_write(d, "investigator", NULL, "{\"name\":\"张工\",\"organisation\":"
				  "\"某大学\",\"fields\":[\"no_such_field\"]}", out, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "fields");
	assert_null(investigator_record(d, "investigator", "00000000-0000-7000-8000-000000000000",
					&e));
	assert_int_equal(e.kind, IPC_E_NOTFOUND);
	/* a line that does not verify is damaged data */
	struct op o;
	assert_int_equal(op_parse("{\"v\":1}", 7, &o, &e), -1);
	assert_int_equal(e.kind, IPC_E_CORRUPT);
	tu_close(d, h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setters),
		cmocka_unit_test_setup(test_store_names_the_field, zh_setup),
		cmocka_unit_test(test_kinds_of_the_store),
	};
	return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
