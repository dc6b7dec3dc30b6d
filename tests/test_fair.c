/* Tests of trade fairs (db/rules/fair.c; 展会知识产权保护办法, FACTS.md §13): the limit to pass
 * a complaint to the IP department counted in hours, due the day they end (across midnight,
 * across a year, during 国庆: hours are not working days), its configurable value, the limit
 * leaving once passed; a 3-day fair refused without its complaint office and a peer's waiting;
 * the warning's match, by USCC when both have one, else by name, of earlier editions of the
 * series only. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "base/json.h"
#include "db/calendar.h"
#include "db/deadlines.h"
#include "db/op.h"
#include "db/rules/deadline.h"
#include "db/rules/fair.h"

static const char *pass_due(const char *at, int hours)
{
	static char out[11];

	if (fair_pass_due(at, hours, out))
		snprintf(out, sizeof out, "error");
	return out;
}

static void hours_across_midnight(void **state)
{
	(void)state;
	assert_string_equal(pass_due("2026-05-10T18:30", 24), "2026-05-11");
	assert_string_equal(pass_due("2026-05-10T22:59", 1), "2026-05-10");
	assert_string_equal(pass_due("2026-05-10T23:30", 1), "2026-05-11");
	assert_string_equal(pass_due("2026-05-10T00:00", 23), "2026-05-10");
	assert_string_equal(pass_due("2026-05-10T09:15:30", 48), "2026-05-12");
	assert_string_equal(pass_due("2026-12-31T20:00", 24), "2027-01-01");
	/* hours, not working days: 国庆 does not move the limit */
	assert_string_equal(pass_due("2026-09-30T16:00", 24), "2026-10-01");
	assert_string_equal(pass_due("2026-05-10", 24), "error");
	assert_string_equal(pass_due("2026-05-10T25:00", 24), "error");
}

/* A 3-day fair of 2026-03-02 to 04 and a complaint received at `at`; `c` gets its id. */
static void complaint_at(db *d, const char *at, char c[37])
{
	char fair[37], json[256];
	ipc_err e = {0};

	if (tu_write(d, "fair", NULL, "{\"name\":\"中国（石家庄）国际动漫博览会\",\"venue\":\"石家庄国际"
		     "会展中心\",\"starts_on\":\"2026-03-02\",\"ends_on\":\"2026-03-04\","
		     "\"complaint_office\":\"一号馆服务台\"}", fair, &e))
		fail_msg("fair: %s", e.msg);
	snprintf(json, sizeof json, "{\"fair_id\":\"%s\",\"received_at\":\"%s\","
		 "\"exhibitor\":\"某某动漫科技有限公司\"}", fair, at);
	if (tu_write(d, "fair_complaint", NULL, json, c, &e))
		fail_msg("complaint: %s", e.msg);
}

/* The due date `due` lists for complaint c's limit, "" when none. */
static const char *listed_due(db *d, const char *c)
{
	static char out[11];
	struct deadline_query q = {0};
	ipc_err e = {0};
	json_t *rows = deadline_list(d, &q, &e), *r;
	size_t i;

	if (!rows)
		fail_msg("due: %s", e.msg);
	out[0] = '\0';
	json_array_foreach(rows, i, r)
		if (!strcmp(jtext(r, "fair_complaint_id"), c) && !strcmp(jtext(r, "kind"), "fair_pass"))
			snprintf(out, sizeof out, "%s", jstr(r, "due"));
	json_decref(rows);
	return out;
}

static void limit_is_configurable(void **state)
{
	db *d = *state;
	char c[37];
	ipc_err e = {0};

	complaint_at(d, "2026-03-03T20:00", c);
	assert_string_equal(listed_due(d, c), "2026-03-04");
	assert_int_equal(deadline_limit_set(d, "fair_pass_hours", 3, &e), 0);
	assert_string_equal(listed_due(d, c), "2026-03-03");
	assert_int_equal(deadline_limit_set(d, "fair_pass_hours", 72, &e), 0);
	assert_string_equal(listed_due(d, c), "2026-03-06");
	assert_int_not_equal(deadline_limit_set(d, "fair_pass_hours", 721, &e), 0);
	if (tu_write(d, "fair_complaint", c, "{\"passed_at\":\"2026-03-04T08:00\"}", NULL, &e))
		fail_msg("passed_at: %s", e.msg);
	assert_string_equal(listed_due(d, c), "");
}

static void refusals(void **state)
{
	db *d = *state;
	char c[37];
	ipc_err e = {0};

	assert_int_not_equal(tu_write(d, "fair", NULL, "{\"name\":\"某展\",\"venue\":\"某馆\","
				      "\"starts_on\":\"2026-03-02\",\"ends_on\":\"2026-03-04\"}",
				      NULL, &e), 0);
	assert_string_equal(e.field, "complaint_office");
	complaint_at(d, "2026-03-02T09:00", c);
	assert_int_not_equal(tu_write(d, "fair_complaint", c, "{\"received_at\":\"2026-03-05T09:00\"}",
				      NULL, &e), 0);
	assert_string_equal(e.field, "received_at");
	assert_int_not_equal(tu_write(d, "fair_complaint", c, "{\"outcome\":\"withdrawn\"}", NULL,
				      &e), 0);
	assert_string_equal(e.field, "outcome_on");
}

static void peer_without_office_waits(void **state)
{
	db *d = *state;
	char fake[37];
	ipc_err e = {0};
	char *line;

	op_uuid7(fake, 1);
	line = tu_forge_op(d, "fair", fake, "[]", "{\"name\":\"某博览会\",\"venue\":\"某馆\","
			   "\"starts_on\":\"2026-06-01\",\"ends_on\":\"2026-06-05\"}");
	assert_int_equal(db_import(d, line, strlen(line), &e), DB_IMPORT_PENDING);
	assert_string_equal(e.field, "complaint_office");
	free(line);
}

/* A fair of series "S" (or `series`) from `from` to the day after; its id into `id`. */
static void fair_of_series(db *d, const char *series, const char *from, char id[37])
{
	char json[256], to[11];
	ipc_err e = {0};

	assert_int_equal(cal_add_days(from, 1, to), 0);
	snprintf(json, sizeof json, "{\"name\":\"%s %s\",\"series\":\"%s\",\"venue\":\"某馆\","
		 "\"starts_on\":\"%s\",\"ends_on\":\"%s\"}", series, from, series, from, to);
	if (tu_write(d, "fair", NULL, json, id, &e))
		fail_msg("fair: %s", e.msg);
}

static void exhibitor(db *d, const char *fair, const char *name, const char *uscc,
		      const char *finding)
{
	char json[320];
	ipc_err e = {0};

	snprintf(json, sizeof json, "{\"fair_id\":\"%s\",\"name\":\"%s\"%s%s%s%s%s}", fair, name,
		 uscc ? ",\"uscc\":\"" : "", uscc ? uscc : "", uscc ? "\"" : "",
		 finding ? ",\"found_on\":\"2025-05-02\",\"finding\":" : "",
		 finding ? finding : "");
	if (tu_write(d, "fair_exhibitor", NULL, json, NULL, &e))
		fail_msg("exhibitor: %s", e.msg);
}

/* The edition's start of the warning of (name, uscc) at fair, "" when none. */
static const char *warned(db *d, const char *fair, const char *name, const char *uscc)
{
	static char out[11];
	ipc_err e = {0};
	json_t *w = fair_warning(d, fair, name, uscc, &e);

	if (!w)
		fail_msg("warning: %s", e.msg);
	snprintf(out, sizeof out, "%s", json_is_object(w) ? jtext(w, "starts_on") : "");
	json_decref(w);
	return out;
}

#define U1 "914403001922038216"
#define U2 "91110108551385082Q"

static void warning_by_uscc_else_name(void **state)
{
	db *d = *state;
	char f24[37], f25[37], other[37];

	fair_of_series(d, "S", "2025-05-01", f24);
	exhibitor(d, f24, "甲公司", U1, "\"infringing\"");
	exhibitor(d, f24, "乙商行", NULL, "\"withdrawn\"");
	exhibitor(d, f24, "丙公司", NULL, NULL);
	fair_of_series(d, "S", "2026-05-01", f25);
	fair_of_series(d, "T", "2026-06-01", other);
	assert_string_equal(warned(d, f25, "甲公司", U1), "2025-05-01");
	assert_string_equal(warned(d, f25, "甲有限公司", U1), "2025-05-01");   /* renamed */
	assert_string_equal(warned(d, f25, "甲公司", U2), "");                 /* another USCC */
	assert_string_equal(warned(d, f25, "甲公司", NULL), "2025-05-01");     /* by name */
	assert_string_equal(warned(d, f25, "乙商行", U2), "2025-05-01");       /* no USCC before */
	assert_string_equal(warned(d, f25, "丙公司", NULL), "");               /* no finding */
	assert_string_equal(warned(d, f24, "甲公司", U1), "");                 /* not earlier */
	assert_string_equal(warned(d, other, "甲公司", U1), "");               /* another series */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_0302, tu_teardown_0302)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hours_across_midnight),
		T(limit_is_configurable),
		T(refusals),
		T(peer_without_office_waits),
		T(warning_by_uscc_else_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
