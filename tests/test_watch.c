/* Tests of the key markets' next inspection (db/rules/watch.c; Shijiazhuang art. 24, FACTS.md
 * §13): listed today and never inspected, due its interval in calendar days later (across
 * 国庆: days, not working days; the listing is dated by its op's clock); an inspection naming it moves it to the inspection's date plus
 * the interval, an older one does not move it back, a shorter interval brings it forward, the
 * latest inspection deleted takes it back to the one before; an unknown market is refused. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "base/json.h"
#include "db/deadlines.h"

/* The market's market_inspect due date in the deadlines list, "" when none. */
static const char *next_of(db *d, const char *market)
{
	static char out[11];
	struct deadline_query q = {.until = "9999-12-31"};
	ipc_err e = {0};
	json_t *rows = deadline_list(d, &q, &e), *r;
	size_t i;

	if (!rows)
		fail_msg("deadline_list: %s", e.msg);
	out[0] = '\0';
	json_array_foreach(rows, i, r)
		if (!strcmp(jtext(r, "market_id"), market) && !strcmp(jtext(r, "kind"), "market_inspect"))
			snprintf(out, sizeof out, "%s", jstr(r, "due"));
	json_decref(rows);
	return out;
}

static void inspect(db *d, const char *market, const char *at, char id[37])
{
	char json[512];

	snprintf(json, sizeof json, "{\"place_kind\":\"market\",\"place_name\":\"新华路服装批发市场\","
		 "\"inspected_at\":\"%s\",\"market_id\":\"%s\",\"inspectors\":[{\"name\":\"王建国\","
		 "\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":\"13010002\"}]}", at, market);
	tu_ok(d, "inspection", NULL, json, id);
}

static void next_inspection_moves(void **state)
{
	db *d = *state;
	char m[37], i1[37], i2[37];

	tu_ok(d, "key_market", NULL, "{\"name\":\"新华路服装批发市场\",\"kind\":\"specialised_market\","
	      "\"interval_days\":30}", m);
	assert_string_equal(next_of(d, m), "2026-04-01"); /* listed 2026-03-02 */
	inspect(d, m, "2026-03-10T09:30", i1);
	assert_string_equal(next_of(d, m), "2026-04-09");
	inspect(d, m, "2026-03-05T09:30", i2);
	assert_string_equal(next_of(d, m), "2026-04-09"); /* the older one does not move it back */
	tu_ok(d, "key_market", m, "{\"interval_days\":7}", NULL);
	assert_string_equal(next_of(d, m), "2026-03-17");
	tu_ok(d, "inspection", i1, "{\"deleted\":true}", NULL);
	assert_string_equal(next_of(d, m), "2026-03-12");
}

static void calendar_days_across_national_day(void **state)
{
	db *d = *state;
	char m[37], i[37];

	tu_ok(d, "key_market", NULL, "{\"name\":\"某电商平台\",\"kind\":\"ecommerce_platform\","
	      "\"interval_days\":5}", m);
	inspect(d, m, "2026-09-29T15:00", i);
	assert_string_equal(next_of(d, m), "2026-10-04"); /* in the holiday: days, not working days */
}

static void refusals(void **state)
{
	db *d = *state;

	tu_refused(d, "key_market", NULL, "{\"name\":\"甲\",\"kind\":\"specialised_market\","
		   "\"interval_days\":0}", "interval_days", "");
	tu_refused(d, "key_market", NULL, "{\"name\":\"甲\",\"kind\":\"specialised_market\","
		   "\"interval_days\":367}", "interval_days", "");
}

int main(void)
{
	/* a market's listing is dated by its op's clock: 2026-03-02 09:00 UTC, the tests' today */
	setenv("IPCASE_FAKE_NOW_MS", "1772442000000", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(next_inspection_moves, tu_setup_0302, tu_teardown_0302),
		cmocka_unit_test_setup_teardown(calendar_days_across_national_day, tu_setup_0302,
						tu_teardown_0302),
		cmocka_unit_test_setup_teardown(refusals, tu_setup_0302, tu_teardown_0302),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
