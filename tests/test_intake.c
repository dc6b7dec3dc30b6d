/* Tests of the limits of complaints and reports (db/rules/intake; Order No. 20) on the 2026
 * working-day calendar: a complaint's decision told within 7 working days across 春节, a
 * real-name reporter told within 5 working days of the linked case's filing across 国庆 (and
 * of a not-filed decision), a 12345 transfer's answer in the workspace's limit, each ending
 * with the step that does it, and refreshed on a change of the limit; a peer's op setting an
 * outcome alone judged on the intake it changes. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "base/json.h"
#include "db/op.h"
#include "db/rules/deadline.h"
#include "db/rules/intake.h"

static void write_ok(db *d, const char *type, const char *id, const char *json, char out[37])
{
	ipc_err e = {0};

	if (tu_write(d, type, id, json, out, &e))
		fail_msg("%s: %s", json, e.msg);
}

/* The due date of the intake's limit `kind` in the deadlines table; "" when it has none. */
static void expect_due(db *d, const char *intake, const char *kind, const char *due)
{
	struct deadline_query q = {0};
	json_t *rows, *r;
	const char *found = "";
	size_t i;
	ipc_err e = {0};

	assert_non_null(rows = deadline_list(d, &q, &e));
	json_array_foreach(rows, i, r)
		if (strcmp(jtext(r, "intake_id"), intake) == 0 && strcmp(jtext(r, "kind"), kind) == 0)
			found = jtext(r, "due");
	if (strcmp(found, due) != 0)
		fail_msg("%s due \"%s\", expected \"%s\"", kind, found, due);
	json_decref(rows);
}

static void complaint_across_the_spring_festival(void **state)
{
	db *d = *state;
	char id[37];

	write_ok(d, "intake", NULL, "{\"channel\":\"platform_12315\",\"received_on\":\"2026-02-12\","
		 "\"kind\":\"complaint\",\"subject\":\"假冒商标\",\"person_name\":\"钱某\"}", id);
	/* 02-13, the make-up 02-14, 02-24 … 02-27, the make-up 02-28 */
	expect_due(d, id, "intake_accept", "2026-02-28");
	expect_due(d, id, "intake_feedback", "");
	write_ok(d, "intake", id, "{\"outcome\":\"accepted\",\"outcome_on\":\"2026-02-24\"}", NULL);
	expect_due(d, id, "intake_accept", "2026-02-28"); /* decided, not yet told */
	write_ok(d, "intake", id, "{\"told_on\":\"2026-02-25\"}", NULL);
	expect_due(d, id, "intake_accept", "");
}

static void reporter_told_across_national_day(void **state)
{
	db *d = *state;
	char id[37], other[37], kase[37];
	ipc_err e = {0};

	write_ok(d, "intake", NULL, "{\"channel\":\"letter\",\"received_on\":\"2026-09-20\","
		 "\"kind\":\"report\",\"subject\":\"假冒专利\",\"person_name\":\"吴某\"}", id);
	write_ok(d, "case", NULL, "{\"title\":\"假冒商标案\",\"ip_type\":\"trademark\",\"clue_on\":"
		 "\"2026-09-20\",\"handlers\":[{\"name\":\"王建国\",\"cert\":\"13010001\"},"
		 "{\"name\":\"李敏\",\"cert\":\"13010002\"}]}", kase);
	tu_approve_all(d, kase, "legal_review");
	assert_int_equal(intake_link(d, id, kase, &e), 0);
	expect_due(d, id, "intake_tell", ""); /* no decision on filing yet */
	write_ok(d, "case", kase, "{\"status\":\"verifying\"}", NULL);
	write_ok(d, "case", kase, "{\"status\":\"filed\",\"filed_on\":\"2026-09-29\"}", NULL);
	/* 09-30, 国庆 10-01 … 10-07, 10-08, 10-09, the make-up 10-10, 10-12 */
	expect_due(d, id, "intake_tell", "2026-10-12");
	write_ok(d, "intake", id, "{\"told_on\":\"2026-10-09\"}", NULL);
	expect_due(d, id, "intake_tell", "");
	/* an anonymous report linked to the same case has no one to tell */
	write_ok(d, "intake", NULL, "{\"channel\":\"phone\",\"received_on\":\"2026-09-21\","
		 "\"kind\":\"report\",\"subject\":\"假冒专利\",\"anonymous\":true}", other);
	assert_int_equal(intake_link(d, other, kase, &e), 0);
	expect_due(d, other, "intake_tell", "");
}

static void reporter_told_of_a_case_not_filed(void **state)
{
	db *d = *state;
	char id[37], kase[37];
	ipc_err e = {0};

	write_ok(d, "intake", NULL, "{\"channel\":\"visit\",\"received_on\":\"2026-09-20\","
		 "\"kind\":\"report\",\"subject\":\"侵权\",\"person_name\":\"孙某\"}", id);
	write_ok(d, "case", NULL, "{\"title\":\"侵权线索\",\"ip_type\":\"trademark\",\"clue_on\":"
		 "\"2026-09-20\"}", kase);
	tu_approve_all(d, kase, "legal_review");
	assert_int_equal(intake_link(d, id, kase, &e), 0);
	write_ok(d, "case", kase, "{\"status\":\"verifying\"}", NULL);
	write_ok(d, "case", kase, "{\"status\":\"not_filed\",\"status_on\":\"2026-09-29\"}", NULL);
	expect_due(d, id, "intake_tell", "2026-10-12");
}

static void hotline_limit_of_the_workspace(void **state)
{
	db *d = *state;
	char id[37];
	ipc_err e = {0};

	write_ok(d, "intake", NULL, "{\"channel\":\"hotline_12345\",\"received_on\":\"2026-09-29\","
		 "\"kind\":\"report\",\"subject\":\"假冒\",\"anonymous\":true}", id);
	expect_due(d, id, "intake_feedback", "2026-10-26"); /* 15 working days across 国庆 */
	assert_int_equal(deadline_limit_set(d, "hotline_12345_workdays", 5, &e), 0);
	expect_due(d, id, "intake_feedback", "2026-10-12");
	write_ok(d, "intake", id, "{\"feedback_on\":\"2026-10-09\",\"feedback\":\"已办结\"}", NULL);
	expect_due(d, id, "intake_feedback", "");
}

/* A peer's acceptance sets the outcome alone: imported on a complaint, waiting on a report
 * (only a complaint is accepted), judged on the intake's state, not on the op's fields. */
static void peer_outcome_on_the_intake_it_changes(void **state)
{
	db *d = *state;
	char complaint[37], report[37];
	const char *set = "{\"outcome\":\"accepted\",\"outcome_on\":\"2026-03-03\"}";
	ipc_err e = {0};
	char *line;

	write_ok(d, "intake", NULL, "{\"channel\":\"letter\",\"received_on\":\"2026-03-02\","
		 "\"kind\":\"complaint\",\"subject\":\"假冒\",\"person_name\":\"钱某\"}", complaint);
	write_ok(d, "intake", NULL, "{\"channel\":\"letter\",\"received_on\":\"2026-03-02\","
		 "\"kind\":\"report\",\"subject\":\"假冒\",\"person_name\":\"吴某\"}", report);
	line = tu_forge_op(d, "intake", complaint, "[]", set);
	assert_int_equal(db_import(d, line, strlen(line), &e), 1);
	free(line);
	line = tu_forge_op(d, "intake", report, "[]", set);
	assert_int_equal(db_import(d, line, strlen(line), &e), DB_IMPORT_PENDING);
	assert_string_equal(e.field, "outcome");
	free(line);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_0302, tu_teardown_0302)
	const struct CMUnitTest tests[] = {
		T(complaint_across_the_spring_festival),
		T(reporter_told_across_national_day),
		T(reporter_told_of_a_case_not_filed),
		T(hotline_limit_of_the_workspace),
		T(peer_outcome_on_the_intake_it_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
