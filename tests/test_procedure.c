/* Tests of the lawful procedure (db/rules/procedure, db/rules/approval; FACTS.md §9): each
 * refusal of a step the law forbids and what satisfies it — the statement period before a
 * decision, closing with a fine unpaid, a seizure open or the penalty unpublished, dates out
 * of order, one officer at an inspection or a measure, a patent panel of two, a major case
 * without legal review or discussion, extensions and reopening without approval — and the
 * same rules on a peer's ops: an op that breaks one waits and is taken once it is satisfied. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "db/db_internal.h"
#include "db/rules/procedure.h"

static char home[64];

#define TWO "[{\"name\":\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":\"13010002\"}]"
#define THREE "[{\"name\":\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":" \
	"\"13010002\"},{\"name\":\"赵强\",\"cert\":\"13010003\"}]"

static int ws_setup(void **state)
{
	setenv("IPCASE_TODAY", "2026-11-02", 1);
	*state = tu_workspace("王建国", "13010001", home);
	return 0;
}

static int ws_teardown(void **state)
{
	tu_close(*state, home);
	unsetenv("IPCASE_TODAY");
	return 0;
}

/* A trademark case filed on 2026-11-02 by two officers, under investigation. */
static void filed(db *d, const char *extra, char id[37])
{
	char json[512];

	snprintf(json, sizeof json, "{\"title\":\"销售假冒注册商标商品案\",\"ip_type\":\"trademark\","
		 "\"handlers\":" TWO ",\"clue_on\":\"2026-10-20\"%s}", extra ? extra : "");
	tu_ok(d, "case", NULL, json, id);
	tu_ok(d, "case", id, "{\"status\":\"verifying\"}", NULL);
	tu_approve(d, id, "file");
	tu_ok(d, "case", id, "{\"status\":\"filed\",\"filed_on\":\"2026-11-02\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"investigating\"}", NULL);
}

/* ... then investigation closed, reviewed and the notice served on 2026-12-01. */
static void notified(db *d, const char *extra, char id[37])
{
	filed(d, extra, id);
	tu_ok(d, "case", id, "{\"status\":\"investigation_closed\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"legal_review\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"notified\",\"notified_on\":\"2026-12-01\"}", NULL);
	tu_approve(d, id, "decision");
}

static void statement_period(void **state)
{
	db *d = *state;
	char id[37];

	notified(d, NULL, id);
	/* 5 working days from Tuesday 2026-12-01: up to Tuesday 2026-12-08 */
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-02\","
		"\"decision_type\":\"penalty\",\"fine\":\"5000\"}", "decided_on", "until 2026-12-08");
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-08\","
		"\"decision_type\":\"penalty\",\"fine\":\"5000\"}", "decided_on", "record statement_on or waived_on");
	/* the waiver ends the period */
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-02\",\"waived_on\":"
	   "\"2026-12-02\",\"decision_type\":\"penalty\",\"fine\":\"5000\"}", NULL);

	notified(d, NULL, id); /* so does the statement */
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-03\",\"statement_on\":"
	   "\"2026-12-02\",\"decision_type\":\"penalty\",\"fine\":\"5000\"}", NULL);

	notified(d, NULL, id); /* and the period running out */
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\","
	   "\"decision_type\":\"penalty\",\"fine\":\"5000\"}", NULL);
}

static void hearing(void **state)
{
	db *d = *state;
	char id[37];

	notified(d, NULL, id);
	tu_ok(d, "case", id, "{\"status\":\"hearing\",\"statement_on\":\"2026-12-03\"}", NULL);
	/* 行政处罚法 art. 64: the notice at least 7 days before */
	tu_ok(d, "case", id, "{\"hearing_notice_on\":\"2026-12-04\"}", NULL);
	tu_refused(d, "case", id, "{\"hearing_on\":\"2026-12-10\"}", "hearing_on", "2026-12-11 or later");
	tu_ok(d, "case", id, "{\"hearing_on\":\"2026-12-11\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-10\","
		"\"decision_type\":\"penalty\",\"fine\":\"5000\"}", "decided_on", "hearing on 2026-12-11");
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-14\","
	   "\"decision_type\":\"penalty\",\"fine\":\"5000\"}", NULL);
}

static void decided(db *d, const char *fine, char id[37])
{
	char json[256];

	notified(d, NULL, id);
	snprintf(json, sizeof json, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\","
		 "\"decision_type\":\"penalty\",\"fine\":\"%s\"}", fine);
	tu_ok(d, "case", id, json, NULL);
}

static void closing_conditions(void **state)
{
	db *d = *state;
	char id[37], m[37], json[512];

	decided(d, "5000", id);
	tu_ok(d, "case", id, "{\"status\":\"served\",\"served_on\":\"2026-12-10\"}", NULL);
	tu_approve(d, id, "seizure");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"kind\":\"seizure\",\"taken_on\":"
		 "\"2026-11-03\",\"officers\":" TWO "}", id);
	tu_ok(d, "measure", NULL, json, m);
	tu_approve(d, id, "close");
	/* the date the step fills in (today, 2026-11-02, before the service) is judged with the
	 * rest, as a peer judges the op that carries it */
	tu_refused(d, "case", id, "{\"status\":\"closed\"}", NULL, "cannot come after closed on");
	tu_refused(d, "case", id, "{\"status\":\"closed\",\"closed_on\":\"2026-12-17\"}", "status", "taken on 2026-11-03 is still open");
	tu_ok(d, "measure", m, "{\"ended_on\":\"2026-12-01\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"closed\",\"closed_on\":\"2026-12-17\"}", "fine_paid_on", "not paid");
	tu_ok(d, "case", id, "{\"fine_paid_on\":\"2026-12-15\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"closed\",\"closed_on\":\"2026-12-17\"}", "disclosed_on", "not published");
	tu_ok(d, "case", id, "{\"disclosed_on\":\"2026-12-16\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"closed\",\"closed_on\":\"2026-12-17\"}", NULL);
}

static void approvals_needed(void **state)
{
	db *d = *state;
	char id[37], m[37], json[512];

	tu_ok(d, "case", NULL, "{\"title\":\"甲\",\"ip_type\":\"trademark\",\"handlers\":" TWO "}", id);
	tu_ok(d, "case", id, "{\"status\":\"verifying\"}", NULL);
	tu_refused(d, "case", id, "{\"verify_extended\":true}", "status", "extend_verify");
	tu_refused(d, "case", id, "{\"status\":\"not_filed\"}", "status", "not_file");
	tu_refused(d, "case", id, "{\"status\":\"filed\"}", "status", "approval ask");
	tu_approve(d, id, "extend_verify");
	tu_ok(d, "case", id, "{\"verify_extended\":true}", NULL);
	tu_approve(d, id, "file");
	tu_ok(d, "case", id, "{\"status\":\"filed\"}", NULL);
	tu_refused(d, "case", id, "{\"decision_extended\":true}", "status", "extend_decision");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"kind\":\"seizure\",\"taken_on\":"
		 "\"2026-11-03\",\"officers\":" TWO "}", id);
	tu_refused(d, "measure", NULL, json, "status", "seizure");
	tu_approve(d, id, "seizure");
	tu_ok(d, "measure", NULL, json, m);
	/* a refused approval is no approval */
	notified(d, NULL, id);
	{
		char aid[37];
		ipc_err e = {0};
		assert_int_equal(approval_ask(d, id, "police_transfer", "涉嫌犯罪", aid, &e), 0);
		assert_int_equal(approval_answer(d, aid, false, NULL, &e), -1); /* a refusal says why */
		assert_string_equal(e.field, "opinion");
		assert_int_equal(approval_answer(d, aid, false, "证据不足", &e), 0);
		assert_int_equal(approval_answer(d, aid, true, "同意", &e), -1); /* answered once */
	}
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\","
		"\"decision_type\":\"transfer_judicial\"}", "status", "police_transfer");
	tu_approve(d, id, "police_transfer");
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\","
	   "\"decision_type\":\"transfer_judicial\"}", NULL);
}

static void major_case(void **state)
{
	db *d = *state;
	char id[37], json[512];
	ipc_err e = {0};

	notified(d, NULL, id);
	tu_ok(d, "case", id, "{\"waived_on\":\"2026-12-02\"}", NULL);
	/* 100 000 yuan is major by default (limit.major_fine_yuan) */
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\",\"decision_type\":"
		"\"penalty\",\"fine\":\"100000\"}", "status", "legal_review");
	tu_approve(d, id, "legal_review");
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\",\"decision_type\":"
		"\"penalty\",\"fine\":\"100000\"}", "status", "discussion add");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"purpose\":\"major_case\",\"held_on\":"
		 "\"2026-12-07\",\"participants\":" TWO ",\"conclusion\":\"同意处罚\"}", id);
	tu_ok(d, "discussion", NULL, json, NULL);
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\",\"decision_type\":"
	   "\"penalty\",\"fine\":\"100000\"}", NULL);
	/* below the office's own limit it is not major, unless marked */
	assert_int_equal(db_meta_set(d, "limit.major_fine_yuan", "200000", &e), 0);
	notified(d, NULL, id);
	tu_ok(d, "case", id, "{\"waived_on\":\"2026-12-02\",\"major\":true}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\",\"decision_type\":"
		"\"penalty\",\"fine\":\"150000\"}", "status", "legal_review");
	tu_ok(d, "case", id, "{\"major\":false}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\",\"decision_type\":"
	   "\"penalty\",\"fine\":\"150000\"}", NULL);
}

static void dates_in_order(void **state)
{
	db *d = *state;
	char id[37];

	decided(d, "5000", id);
	/* served 2026-12-01 though decided 2026-12-09 */
	tu_refused(d, "case", id, "{\"status\":\"served\",\"served_on\":\"2026-12-01\"}", "served_on",
		"2026-12-09");
	tu_refused(d, "case", id, "{\"filed_on\":\"2026-12-10\"}", "filed_on", "correct one of them");
	tu_ok(d, "case", id, "{\"status\":\"served\",\"served_on\":\"2026-12-09\"}", NULL);
	tu_refused(d, "case", id, "{\"fine_paid_on\":\"2026-12-08\"}", "fine_paid_on", "2026-12-09");
}

static void officers(void **state)
{
	db *d = *state;
	char id[37], json[512];

	filed(d, NULL, id);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"place_kind\":\"market\",\"place_name\":"
		 "\"南三条\",\"inspected_at\":\"2026-11-03T10:00\",\"inspectors\":[{\"name\":\"王建国\","
		 "\"cert\":\"13010001\"}]}", id);
	tu_refused(d, "inspection", NULL, json, "inspectors", "at least two officers");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"place_kind\":\"market\",\"place_name\":"
		 "\"南三条\",\"inspected_at\":\"2026-11-03T10:00\",\"inspectors\":" TWO "}", id);
	tu_ok(d, "inspection", NULL, json, NULL);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"kind\":\"preservation\",\"taken_on\":"
		 "\"2026-11-03\"}", id);
	tu_refused(d, "measure", NULL, json, "officers", "at least two officers");
}

static void patent_panel(void **state)
{
	db *d = *state;
	char id[37];

	tu_ok(d, "case", NULL, "{\"title\":\"专利纠纷\",\"ip_type\":\"invention_patent\",\"procedure\":"
	   "\"patent_dispute\",\"handlers\":" TWO "}", id);
	tu_refused(d, "case", id, "{\"status\":\"accepted\"}", "handlers", "three or more");
	tu_refused(d, "case", id, "{\"status\":\"accepted\",\"handlers\":[{\"name\":\"甲\",\"cert\":\"1\"},"
		"{\"name\":\"乙\",\"cert\":\"2\"},{\"name\":\"丙\",\"cert\":\"3\"},{\"name\":\"丁\","
		"\"cert\":\"4\"}]}", "handlers", "an odd number");
	tu_ok(d, "case", id, "{\"status\":\"accepted\",\"handlers\":" THREE "}", NULL);
	/* the panel stays odd */
	tu_refused(d, "case", id, "{\"handlers\":" TWO "}", "handlers", "three or more");
}

static void reopening(void **state)
{
	db *d = *state;
	char id[37];

	tu_ok(d, "case", NULL, "{\"title\":\"乙\",\"ip_type\":\"trademark\",\"handlers\":" TWO "}", id);
	tu_ok(d, "case", id, "{\"status\":\"verifying\"}", NULL);
	tu_approve(d, id, "not_file");
	tu_ok(d, "case", id, "{\"status\":\"not_filed\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"archived\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"closed\"}", "status", "reopen");
	tu_approve(d, id, "reopen");
	tu_ok(d, "case", id, "{\"status\":\"closed\"}", NULL);
}

/* A peer's decision that arrives before the approval it needs waits, then is taken. */
static void peers_ops_wait(void **state)
{
	db *a = *state, *b;
	char home_b[64], id[37], *lines[64];
	size_t n = 0, decision = 0;
	sqlite3_stmt *st;
	ipc_err e = {0};
	json_t *o;

	b = tu_workspace("李敏", "13010002", home_b);
	notified(b, NULL, id);
	tu_ok(b, "case", id, "{\"status\":\"decided\",\"decided_on\":\"2026-12-09\","
	   "\"decision_type\":\"penalty\",\"fine\":\"5000\"}", NULL);
	assert_int_equal(db_actor_add(a, db_self(b), &e), 0);
	/* every op but the decision's approval, in order */
	assert_int_equal(sqlite3_prepare_v2(b->sql, "SELECT line, type = 'approval' AND line LIKE"
					    " '%\"step\":\"decision\"%' FROM op_lines ORDER BY seq", -1,
					    &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < 64) {
		lines[n] = strdup((const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_int(st, 1))
			decision = n;
		n++;
	}
	sqlite3_finalize(st);
	assert_true(decision > 0);
	for (size_t i = 0; i < n; i++)
		if (i != decision && i != decision + 1) /* the ask and its answer */
			(void)db_import(a, lines[i], strlen(lines[i]), &e);
	o = db_get(a, id, &e);
	assert_string_equal(json_string_value(json_object_get(o, "status")), "notified");
	json_decref(o);
	/* the step without its approval waits */
	assert_int_equal(db_import(a, lines[n - 1], strlen(lines[n - 1]), &e), DB_IMPORT_PENDING);
	assert_non_null(strstr(e.msg, "approval"));
	/* the approval arrives: the decision is taken */
	assert_int_equal(db_import(a, lines[decision], strlen(lines[decision]), &e), 1);
	assert_int_equal(db_import(a, lines[decision + 1], strlen(lines[decision + 1]), &e), 1);
	assert_int_equal(db_import(a, lines[n - 1], strlen(lines[n - 1]), &e), 1);
	o = db_get(a, id, &e);
	assert_string_equal(json_string_value(json_object_get(o, "status")), "decided");
	json_decref(o);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	tu_close(b, home_b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, ws_setup, ws_teardown)
	const struct CMUnitTest tests[] = {
		T(statement_period), T(hearing), T(closing_conditions), T(approvals_needed),
		T(major_case), T(dates_in_order), T(officers), T(patent_panel), T(reopening),
		T(peers_ops_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
