/* Tests of a patent dispute's own procedure (db/rules/workflow, db/rules/procedure; FACTS.md
 * §2) and of mediation (db/rules/mediation; FACTS.md §13): the path from the request to a
 * ruling and to a mediated agreement, each refusal with the rule it names (a penalty step on a
 * dispute and a dispute's step on a penalty case, the panel, the hearing before the answer or
 * its time, a ruling before the hearing or without its content, mediated without an agreed
 * mediation), every limit across 国庆 2026 with the extension and a workspace's own value,
 * and the judicial-confirmation limit of an agreement. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "base/json.h"
#include "db/db_internal.h"
#include "db/deadlines.h"
#include "db/rules/deadline.h"

#define PANEL "[{\"name\":\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\",\"cert\":" \
	"\"13010002\"},{\"name\":\"赵强\",\"cert\":\"13010003\"}]"

/* A patent dispute whose request came on `clue_on`, with a panel of three. */
static void request(db *d, const char *clue_on, char id[37])
{
	char json[512];

	snprintf(json, sizeof json, "{\"title\":\"发明专利侵权纠纷\",\"ip_type\":\"invention_patent\","
		 "\"procedure\":\"patent_dispute\",\"handlers\":" PANEL ",\"clue_on\":\"%s\"}",
		 clue_on);
	tu_ok(d, "case", NULL, json, id);
}

/* The due date of the open limit `kind` that `due` lists for case `id` ("" when none). */
static void due_of(db *d, const char *id, const char *kind, char out[11])
{
	struct deadline_query q = {.case_id = id};
	json_t *rows, *r;
	ipc_err e = {0};
	size_t i;

	out[0] = '\0';
	assert_non_null(rows = deadline_list(d, &q, &e));
	json_array_foreach(rows, i, r)
		if (strcmp(jstr(r, "kind"), kind) == 0)
			snprintf(out, 11, "%s", jstr(r, "due"));
	json_decref(rows);
}

static void expect_due(db *d, const char *id, const char *kind, const char *due)
{
	char got[11];

	due_of(d, id, kind, got);
	if (strcmp(got, due) != 0)
		fail_msg("%s due \"%s\", expected \"%s\"", kind, got, due);
}

static void expect_status(db *d, const char *id, const char *status)
{
	json_t *o = db_get(d, id, NULL);

	assert_non_null(o);
	assert_string_equal(jstr(o, "status"), status);
	json_decref(o);
}

/* Request → accepted → copy served → answered → hearing notified → held → ruled → served →
 * closed; each wrong step refused naming its rule. */
static void ruling_path(void **state)
{
	db *d = *state;
	char id[37], penalty[37];

	request(d, "2026-03-02", id);
	tu_refused(d, "case", id, "{\"status\":\"verifying\"}", "status", "penalty procedure");
	tu_refused(d, "case", id, "{\"status\":\"refused\"}", "refusal_reason", "reason");
	tu_ok(d, "case", id, "{\"status\":\"accepted\",\"filed_on\":\"2026-03-03\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"ruled\"}", "status", "cannot move to ruled");
	tu_ok(d, "case", id, "{\"status\":\"copy_sent\",\"respondent_sent_on\":\"2026-03-05\"}", NULL);
	/* the respondent may answer until 03-20: no hearing notice before */
	tu_refused(d, "case", id, "{\"status\":\"hearing_set\",\"hearing_notice_on\":\"2026-03-20\"}",
		"answered_on", "until 2026-03-20");
	tu_ok(d, "case", id, "{\"status\":\"answered\",\"answered_on\":\"2026-03-16\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"ruled\"}", "status", "allowed: hearing_set, mediated");
	tu_ok(d, "case", id, "{\"status\":\"hearing_set\",\"hearing_notice_on\":\"2026-03-17\","
	   "\"hearing_on\":\"2026-03-19\"}", NULL); /* no penalty hearing's 7 days */
	tu_refused(d, "case", id, "{\"status\":\"decided\"}", "status", "penalty procedure");
	tu_ok(d, "case", id, "{\"status\":\"heard\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"ruled\",\"decided_on\":\"2026-03-20\"}", "ruling",
		"order_stop");
	tu_refused(d, "case", id, "{\"status\":\"ruled\",\"ruling\":\"order_stop\",\"decided_on\":"
		"\"2026-03-18\"}", "decided_on", "hearing");
	tu_ok(d, "case", id, "{\"status\":\"ruled\",\"ruling\":\"order_stop\",\"decided_on\":"
	   "\"2026-03-20\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"closed\"}", "status", "allowed: served");
	tu_ok(d, "case", id, "{\"status\":\"served\",\"served_on\":\"2026-03-23\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"executing\"}", "status", "penalty procedure");
	tu_approve(d, id, "close");
	tu_ok(d, "case", id, "{\"status\":\"closed\",\"closed_on\":\"2026-03-24\"}", NULL);
	expect_status(d, id, "closed");
	/* and the other way round: a penalty case takes no step of a dispute, nor becomes one
	 * in a status a dispute does not have */
	tu_ok(d, "case", NULL, "{\"title\":\"商标侵权\",\"ip_type\":\"trademark\",\"handlers\":" PANEL
	   "}", penalty);
	tu_refused(d, "case", penalty, "{\"status\":\"accepted\"}", "status", "procedure=patent_dispute");
	tu_ok(d, "case", penalty, "{\"status\":\"verifying\"}", NULL);
	tu_refused(d, "case", penalty, "{\"procedure\":\"patent_dispute\"}", "status",
		"penalty procedure");
}

/* The panel: three or more, odd, at acceptance and on any later change. */
static void panel(void **state)
{
	db *d = *state;
	char id[37];

	tu_ok(d, "case", NULL, "{\"title\":\"实用新型纠纷\",\"ip_type\":\"utility_model\",\"procedure\":"
	   "\"patent_dispute\",\"handlers\":[{\"name\":\"甲\",\"cert\":\"1\"},{\"name\":\"乙\","
	   "\"cert\":\"2\"}]}", id);
	tu_refused(d, "case", id, "{\"status\":\"accepted\"}", "handlers", "three or more");
	tu_refused(d, "case", id, "{\"status\":\"accepted\",\"handlers\":[{\"name\":\"甲\",\"cert\":"
		"\"1\"},{\"name\":\"乙\",\"cert\":\"2\"},{\"name\":\"丙\",\"cert\":\"3\"},{\"name\":"
		"\"丁\",\"cert\":\"4\"}]}", "handlers", "an odd number");
	tu_ok(d, "case", id, "{\"status\":\"accepted\",\"handlers\":" PANEL "}", NULL);
	tu_refused(d, "case", id, "{\"handlers\":[{\"name\":\"甲\",\"cert\":\"1\"},{\"name\":\"乙\","
		"\"cert\":\"2\"},{\"name\":\"丙\",\"cert\":\"3\"},{\"name\":\"丁\",\"cert\":\"4\"}]}",
		"handlers", "an odd number");
}

/* Every limit, across 国庆 2026 (10-01 – 10-07 off, 10-10 a working Saturday). */
static void limits_across_national_day(void **state)
{
	db *d = *state;
	ipc_err e = {0};
	char id[37];

	request(d, "2026-09-29", id);
	/* 09-30, 10-08, 10-09, 10-10 (worked), 10-12 */
	expect_due(d, id, "patent_accept", "2026-10-12");
	tu_ok(d, "case", id, "{\"status\":\"accepted\",\"filed_on\":\"2026-09-30\"}", NULL);
	expect_due(d, id, "patent_accept", "");
	expect_due(d, id, "patent_send", "2026-10-13"); /* 10-08, 10-09, 10-10, 10-12, 10-13 */
	expect_due(d, id, "patent_close", "2026-12-30"); /* 3 months */
	tu_ok(d, "case", id, "{\"status\":\"copy_sent\",\"respondent_sent_on\":\"2026-10-09\"}", NULL);
	expect_due(d, id, "patent_send", "");
	expect_due(d, id, "patent_answer", "2026-10-24"); /* 15 calendar days */
	tu_ok(d, "case", id, "{\"status\":\"answered\",\"answered_on\":\"2026-10-20\"}", NULL);
	expect_due(d, id, "patent_answer", "");
	tu_approve(d, id, "extend_decision");
	tu_ok(d, "case", id, "{\"decision_extended\":true}", NULL);
	expect_due(d, id, "patent_close", "2027-01-30"); /* + 1 month */
	/* FACTS.md §2: the 2025 办法's limits are unverified, a workspace sets its own */
	assert_int_equal(deadline_limit_set(d, "patent_extend_months", 2, &e), 0);
	expect_due(d, id, "patent_close", "2027-02-28");
	assert_int_equal(deadline_limit_set(d, "patent_accept_workdays", 999, &e), -1);
	/* the outcome ends the limits */
	tu_ok(d, "case", id, "{\"status\":\"hearing_set\",\"hearing_notice_on\":\"2026-10-21\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"heard\",\"hearing_on\":\"2026-10-28\"}", NULL);
	expect_due(d, id, "patent_close", "2027-02-28");
	tu_ok(d, "case", id, "{\"status\":\"ruled\",\"ruling\":\"dismissed\",\"decided_on\":"
	   "\"2026-11-02\"}", NULL);
	expect_due(d, id, "patent_close", "");
}

/* The mediation branch: an agreed mediation on file, its 30 days to seek confirmation. */
static void mediation_branch(void **state)
{
	db *d = *state;
	char id[37], m[37], json[512];

	request(d, "2026-03-02", id);
	tu_ok(d, "case", id, "{\"status\":\"accepted\",\"filed_on\":\"2026-03-03\"}", NULL);
	tu_ok(d, "case", id, "{\"status\":\"copy_sent\",\"respondent_sent_on\":\"2026-03-05\"}", NULL);
	tu_refused(d, "case", id, "{\"status\":\"mediated\"}", "status", "mediation add");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"parties\":[{\"name\":\"甲公司\"}],"
		 "\"mediator\":\"王建国\",\"mediated_on\":\"2026-03-10\",\"outcome\":\"failed\"}", id);
	tu_refused(d, "mediation", NULL, json, "parties", "two parties");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"parties\":[{\"name\":\"甲公司\"},"
		 "{\"name\":\"乙公司\"}],\"mediator\":\"王建国\",\"mediated_on\":\"2026-03-10\","
		 "\"outcome\":\"failed\",\"effective_on\":\"2026-03-10\"}", id);
	tu_refused(d, "mediation", NULL, json, "effective_on", "failed mediation");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"parties\":[{\"name\":\"甲公司\"},"
		 "{\"name\":\"乙公司\"}],\"mediator\":\"王建国\",\"mediated_on\":\"2026-03-10\","
		 "\"outcome\":\"agreed\"}", id);
	tu_refused(d, "mediation", NULL, json, "agreement", "agreement=");
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"parties\":[{\"name\":\"甲公司\"},"
		 "{\"name\":\"乙公司\"}],\"mediator\":\"王建国\",\"mediated_on\":\"2026-03-10\","
		 "\"outcome\":\"failed\"}", id);
	tu_ok(d, "mediation", NULL, json, m);
	tu_refused(d, "case", id, "{\"status\":\"mediated\"}", "status", "mediation add");
	tu_ok(d, "mediation", m, "{\"outcome\":\"agreed\",\"agreement\":\"停止制造，赔偿五万元\","
	   "\"effective_on\":\"2026-03-12\",\"document_no\":\"专调〔2026〕1号\"}", NULL);
	/* 人民调解法 art. 33: 30 calendar days */
	expect_due(d, id, "judicial_confirm", "2026-04-11");
	tu_ok(d, "case", id, "{\"status\":\"mediated\"}", NULL);
	tu_refused(d, "mediation", m, "{\"deleted\":true}", "outcome", "stays");
	tu_refused(d, "mediation", m, "{\"confirmation_applied_on\":\"2026-03-11\"}",
		"confirmation_applied_on", "cannot come before");
	tu_refused(d, "mediation", m, "{\"confirmation_result\":\"confirmed\"}", "confirmation_result",
		"confirmation_on=DATE");
	tu_ok(d, "mediation", m, "{\"confirmation_applied_on\":\"2026-04-01\"}", NULL);
	expect_due(d, id, "judicial_confirm", "");
	tu_ok(d, "mediation", m, "{\"confirmation_result\":\"confirmed\",\"confirmation_on\":"
	   "\"2026-04-08\"}", NULL);
	tu_approve(d, id, "close");
	tu_ok(d, "case", id, "{\"status\":\"closed\",\"closed_on\":\"2026-04-10\"}", NULL);
	expect_status(d, id, "closed");
}

/* A mediation of its own (Shijiazhuang art. 30): its limit in due, under no case. */
static void standalone_mediation(void **state)
{
	db *d = *state;
	struct deadline_query q = {0};
	ipc_err e = {0};
	json_t *rows;
	char m[37];

	tu_ok(d, "mediation", NULL, "{\"parties\":[{\"name\":\"甲商行\"},{\"name\":\"乙公司\"}],"
	   "\"mediator\":\"李敏\",\"mediated_on\":\"2026-03-02\",\"outcome\":\"agreed\","
	   "\"agreement\":\"下架侵权商品\",\"effective_on\":\"2026-03-02\"}", m);
	assert_non_null(rows = deadline_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(jstr(json_array_get(rows, 0), "kind"), "judicial_confirm");
	assert_string_equal(jstr(json_array_get(rows, 0), "due"), "2026-04-01");
	assert_string_equal(jstr(json_array_get(rows, 0), "mediation_id"), m);
	assert_null(jstr(json_array_get(rows, 0), "case_id"));
	json_decref(rows);
	tu_ok(d, "mediation", m, "{\"deleted\":true}", NULL);
	assert_non_null(rows = deadline_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 0);
	json_decref(rows);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_0302, tu_teardown_0302)
	const struct CMUnitTest tests[] = {
		T(ruling_path), T(panel), T(limits_across_national_day), T(mediation_branch),
		T(standalone_mediation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
