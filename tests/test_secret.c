/* Tests of the normal form confidential values are compared in (base/secret) and of the guard
 * of the collaboration channel (db/guard): spaced, dashed and full-width numbers meet their
 * plain digits; a resident ID number is found standing alone and only then; every write of a
 * collaboration type through the store is refused when it carries any case's confidential
 * value, and the refusal names the field and the kind of value, never the value; the values
 * follow the parties (a deleted one, a changed role); ciphertext is not read; JSON held in
 * text is; the tables refilled at open hold what the fold kept; no key gathers the values that
 * share a common part. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/secret.h"
#include "db/db_internal.h"
#include "db/guard.h"
#include "db/schema.h"
#include "testutil.h"

static void normal_is(const char *in, const char *want)
{
	char *n = secret_normal(in);

	assert_non_null(n);
	assert_string_equal(n, want);
	free(n);
}

static void test_normal(void **state)
{
	(void)state;
	normal_is("138-0013-8000", "13800138000");
	normal_is("１３８００１３８０００", "13800138000");
	normal_is("(010) 6512.3456", "01065123456");
	normal_is("（０１０）６５１２－３４５６", "01065123456");
	normal_is("130 102 1990 0101 123x", "13010219900101123X");
	normal_is("１３０１０２１９９００１０１１２３ｘ", "13010219900101123X");
	normal_is("张\u3000三", "张三");
	normal_is("张\u200b三", "张三");         /* a zero-width space */
	normal_is("阿不都·热依木", "阿不都热依木");
	normal_is("Li Wei", "LIWEI");
	normal_is("北京市朝阳区\n建国路 88 号", "北京市朝阳区建国路88号");
	normal_is("电话：138 0013 8000。", "电话:13800138000。"); /* ： folds to :, 。 stays */
	normal_is("\xff" "ab", "\xef\xbf\xbd" "AB");  /* invalid UTF-8 becomes U+FFFD */
	normal_is("", "");
	assert_true(secret_digits("13800138000"));
	assert_false(secret_digits("13800138000X"));
	assert_false(secret_digits(""));
}

static bool has_id(const char *text)
{
	char *n = secret_normal(text);
	bool yes;

	assert_non_null(n);
	yes = secret_has_id_number(n);
	free(n);
	return yes;
}

static void test_id_number(void **state)
{
	(void)state;
	assert_true(has_id("130102199001011237"));
	assert_true(has_id("身份证号130102199001011237。"));
	assert_true(has_id("身份证 130 102 1990 0101 1237"));
	assert_true(has_id("ID１３０１０２１９９００１０１１２３７"));   /* a letter before is no digit */
	assert_true(has_id("11010519491231002x"));                      /* lower-case check X */
	assert_true(has_id("号11010519491231002X号"));
	assert_false(has_id("130102199001011238"));                     /* check digit wrong */
	assert_false(has_id("1301021990010112370"));                    /* 19 digits */
	assert_false(has_id("9130102199001011237"));
	assert_false(has_id("13010219900101123"));                      /* 17 digits */
	assert_false(has_id("130102199013011234"));                     /* no 13th month */
	assert_false(has_id("11010519491231002X7"));
	assert_false(has_id(""));
}

/* ---- the guard, through the store ---- */

static char home[64];
static db *d;
static char case_a[37], case_b[37], reporter[37], complainant[37];

static void party(const char *case_id, const char *json, char out[37])
{
	json_t *set = json_loads(json, 0, NULL);
	ipc_err e = {0};

	assert_non_null(set);
	json_object_set_new(set, "case_id", json_string(case_id));
	if (db_write(d, "party", NULL, set, out, &e))
		fail_msg("party: %s", e.msg);
	json_decref(set);
}

static int guard_setup(void **state)
{
	ipc_err e = {0};

	(void)state;
	d = tu_workspace("王建国", "13010001", home);
	if (tu_write(d, "case", NULL, "{\"title\":\"甲案\",\"ip_type\":\"trademark\"}", case_a, &e)
	    || tu_write(d, "case", NULL, "{\"title\":\"乙案\",\"ip_type\":\"trademark\"}", case_b, &e))
		fail_msg("case: %s", e.msg);
	party(case_a, "{\"role\":\"reporter\",\"name\":\"张秘密\",\"id_number\":"
	      "\"11010519491231002X\",\"phone\":\"13900001111\"}", reporter);
	party(case_b, "{\"role\":\"complainant\",\"name\":\"李投诉\",\"phone\":\"010-6512-3456\","
	      "\"address\":\"北京市朝阳区建国路88号\"}", complainant);
	party(case_b, "{\"role\":\"respondent\",\"name\":\"石家庄某商贸有限公司\"}", NULL);
	return 0;
}

static int guard_teardown(void **state)
{
	(void)state;
	tu_close(d, home);
	return 0;
}

/* A request about case B whose body is `body`: 0 when written, else -1 with e filled. */
static int request(const char *body, ipc_err *e)
{
	json_t *set = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "kind", "case_notification",
				"from_office", "130100", "to_office", "110108", "subject", "通报",
				"body", body, "case_id", case_b);
	int rc = db_write(d, "collab_request", NULL, set, NULL, e);

	json_decref(set);
	return rc;
}

static const char *const secrets[] = {"张秘密", "11010519491231002X", "13900001111", "李投诉",
				      "6512", "建国路", "1237"};

static void refused(const char *body, const char *kind)
{
	ipc_err e = {0};

	if (request(body, &e) == 0)
		fail_msg("a request whose body is \"%s\" was written", body);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "body");
	if (!strstr(e.msg, kind))
		fail_msg("\"%s\" does not say %s", e.msg, kind);
	/* never the value itself, in any of its forms */
	for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		if (strstr(e.msg, secrets[i]))
			fail_msg("\"%s\" echoes a confidential value", e.msg);
}

static void test_guard_refuses(void **state)
{
	(void)state;
	refused("请联系张 秘 密", "reporter's name");               /* another case's reporter */
	refused("电话１３９-0000-1111", "reporter's phone");
	refused("身份证 110105 19491231 002x", "reporter's ID number");
	refused("投诉人李投诉反映", "complainant's name");
	refused("(010) 65123456", "complainant's phone");
	refused("地址：北京市朝阳区 建国路 88号", "complainant's address");
	refused("另一人 130 102 1990 0101 1237", "resident ID number"); /* known to no case */
}

static void test_guard_passes(void **state)
{
	ipc_err e = {0};

	(void)state;
	/* the respondent is shared by design; a name of one character, dates and amounts pass */
	assert_int_equal(request("当事人石家庄某商贸有限公司，张某称 2026-03-02 购货 1,380.00 元", &e), 0);
	assert_int_equal(request("请核查 13900001112 与 1301021990010112370", &e), 0);
}

/* guard_write alone: a handoff's package is JSON in text, its sealed part ciphertext. */
static void test_guard_package(void **state)
{
	const struct rtype *t = schema_type("collab_request");
	json_t *state_ = json_object(), *set;
	ipc_err e = {0};

	(void)state;
	set = json_pack("{s:s,s:s}", "package", "{\"parties\":[{\"role\":\"respondent\",\"name\":"
			"\"\\u674e\\u6295\\u8bc9\"}]}", "sealed", "{\"notes\":\"张秘密\"}");
	assert_int_equal(guard_write(d, t, state_, set, &e), -1);
	assert_string_equal(e.field, "package");
	assert_non_null(strstr(e.msg, "complainant's name"));
	json_object_del(set, "package");
	assert_int_equal(guard_write(d, t, state_, set, &e), 0); /* sealed: FF_CIPHER */
	json_decref(set);
	/* a type of the office channel is not guarded: a case keeps its reporter's name */
	set = json_pack("{s:s}", "notes", "举报人张秘密");
	assert_int_equal(guard_write(d, schema_type("case"), state_, set, &e), 0);
	json_decref(set);
	json_decref(state_);
}

/* The values follow the parties: a role changed, a party deleted. */
static void test_guard_follows(void **state)
{
	ipc_err e = {0};

	(void)state;
	assert_int_equal(tu_write(d, "party", complainant, "{\"role\":\"respondent\"}", NULL, &e), 0);
	assert_int_equal(request("投诉人李投诉反映", &e), 0);   /* a respondent's name is shared */
	refused("(010) 65123456", "respondent's phone");          /* a phone never is */
	assert_int_equal(tu_write(d, "party", complainant, "{\"deleted\":true}", NULL, &e), 0);
	assert_int_equal(request("(010) 65123456", &e), 0);
	assert_int_equal(tu_write(d, "party", complainant, "{\"deleted\":false,\"role\":"
				  "\"complainant\"}", NULL, &e), 0);
	refused("李投诉", "complainant's name");
}

static int64_t count(const char *sql)
{
	return db_count(d, sql, NULL);
}

/* Refilled at open, the tables hold what the fold kept. */
static void test_guard_refill(void **state)
{
	int64_t values = count("SELECT count(*) FROM secret_values"), refs;
	ipc_err e = {0};

	(void)state;
	refs = count("SELECT count(*) FROM secret_refs");
	assert_true(refs >= 6);
	assert_int_equal(db_meta_set(d, "guard.form", "0", &e), 0);
	db_close(d);
	if (db_open(home, &d, &e))
		fail_msg("open: %s", e.msg);
	assert_int_equal(count("SELECT count(*) FROM secret_refs"), refs);
	assert_true(count("SELECT count(*) FROM secret_values") <= values); /* no orphans left */
	refused("请联系张秘密", "reporter's name");
}

/* 300 addresses of one district and 300 companies ending in 有限公司: no key holds many. */
static void test_guard_keys(void **state)
{
	char json[300];

	(void)state;
	for (int i = 0; i < 300; i++) {
		snprintf(json, sizeof json, "{\"role\":\"reporter\",\"name\":\"石家庄市第%d贸易有限公司\","
			 "\"address\":\"河北省石家庄市长安区建设北大街%d号\",\"id_number\":"
			 "\"130102199001011237\"}", i, i);
		party(case_a, json, NULL);
	}
	assert_true(count("SELECT max(n) FROM (SELECT count(*) AS n FROM secret_values GROUP BY key)")
		    <= 3);
	refused("石家庄市第17贸易有限公司", "reporter's name");
	refused("河北省石家庄市长安区建设北大街 255 号", "reporter's address");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_id_number),
		cmocka_unit_test(test_guard_refuses),
		cmocka_unit_test(test_guard_passes),
		cmocka_unit_test(test_guard_package),
		cmocka_unit_test(test_guard_follows),
		cmocka_unit_test(test_guard_refill),
		cmocka_unit_test(test_guard_keys),
	};
	return cmocka_run_group_tests_name("secret", tests, guard_setup, guard_teardown);
}
