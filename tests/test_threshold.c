/* Tests of the thresholds of a suspected crime (db/rules/threshold; FACTS.md §11): each
 * threshold reached at its amount to the fen and not one fen below, the offence choosing the
 * thresholds, an amount that is not money ignored; the workspace's values with their source,
 * a bad name or amount refused and the default kept. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include <string.h>

#include "db/rules/threshold.h"

static const int64_t defaults[NTHRESHOLDS] = {5000000, 3000000, 5000000, 15000000};

/* The names reached by a case built from JSON, comma-separated, into out. */
static void reached(const char *json, char out[128])
{
	json_t *kase = json_loads(json, 0, NULL), *r, *t;
	size_t i;

	assert_non_null(kase);
	r = threshold_reached(kase, defaults);
	out[0] = '\0';
	json_array_foreach(r, i, t)
		snprintf(out + strlen(out), 128 - strlen(out), "%s%s", i ? "," : "", jstr(t, "name"));
	json_decref(r);
	json_decref(kase);
}

static void each_threshold_to_the_fen(void **state)
{
	char got[128];

	(void)state;
	reached("{\"offence\":\"counterfeit_mark\",\"illegal_turnover\":\"49999.99\","
		"\"illegal_gains\":\"29999.99\"}", got);
	assert_string_equal(got, "");
	reached("{\"offence\":\"counterfeit_mark\",\"illegal_turnover\":\"50000\"}", got);
	assert_string_equal(got, "counterfeit_turnover");
	reached("{\"offence\":\"counterfeit_mark\",\"illegal_gains\":\"30000.00\"}", got);
	assert_string_equal(got, "counterfeit_gains");
	reached("{\"offence\":\"sell_counterfeit\",\"illegal_turnover\":\"49999.99\","
		"\"unsold_value\":\"149999.99\"}", got);
	assert_string_equal(got, "");
	reached("{\"offence\":\"sell_counterfeit\",\"illegal_turnover\":\"50000\","
		"\"unsold_value\":\"150000\"}", got);
	assert_string_equal(got, "sale_amount,sale_unsold");
}

static void offence_chooses(void **state)
{
	char got[128];

	(void)state;
	/* gains are no threshold of selling; unsold goods none of counterfeiting */
	reached("{\"offence\":\"sell_counterfeit\",\"illegal_gains\":\"90000\"}", got);
	assert_string_equal(got, "");
	reached("{\"offence\":\"counterfeit_mark\",\"unsold_value\":\"900000\"}", got);
	assert_string_equal(got, "");
	/* unset: all of them, so a case is not missed before its offence is known */
	reached("{\"illegal_turnover\":\"50000\",\"unsold_value\":\"150000\"}", got);
	assert_string_equal(got, "counterfeit_turnover,sale_amount,sale_unsold");
	reached("{\"illegal_turnover\":\"lots\",\"illegal_gains\":\"-40000\"}", got);
	assert_string_equal(got, "");
}

static void workspace_values(void **state)
{
	char home[64];
	db *d = tu_workspace("王建国", "13010001", home);
	int64_t v[NTHRESHOLDS];
	json_t *t, *k;
	ipc_err e = {0};

	(void)state;
	t = threshold_table(d, v);
	assert_memory_equal(v, defaults, sizeof v);
	assert_non_null(strstr(jstr(json_array_get(t, 0), "source"), "2010"));
	json_decref(t);
	assert_int_not_equal(threshold_set(d, "sale_total", "1", &e), 0);
	assert_string_equal(e.field, "name");
	assert_int_not_equal(threshold_set(d, "sale_amount", "5万", &e), 0);
	assert_int_equal(threshold_set(d, "sale_amount", "60000.5", &e), 0);
	t = threshold_table(d, v);
	assert_true(v[2] == 6000050 && v[0] == 5000000);
	assert_string_equal(jstr(json_array_get(t, 2), "source"), "workspace setting");
	assert_string_equal(jstr(json_array_get(t, 2), "yuan"), "60000.50");
	json_decref(t);
	k = json_pack("{s:s,s:s}", "offence", "sell_counterfeit", "illegal_turnover", "60000.49");
	t = threshold_flag(d, k);
	assert_true(json_is_false(json_object_get(t, "reached")));
	json_decref(t);
	json_object_set_new(k, "illegal_turnover", json_string("60000.50"));
	t = threshold_flag(d, k);
	assert_true(json_is_true(json_object_get(t, "reached")));
	json_decref(t);
	json_decref(k);
	tu_close(d, home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_threshold_to_the_fen), cmocka_unit_test(offence_chooses),
		cmocka_unit_test(workspace_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
