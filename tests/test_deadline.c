/* Tests of the deadlines of a case: each kind against dates worked out by hand on the 2026
 * calendar, paused periods that stop and restart a clock, extensions, deadlines that disappear
 * when their step is done, patent disputes with the workspace's limits, unconfirmed dates,
 * the derived table after a peer's ops are imported, after demo data, and after an upgrade,
 * the overdue count and the case list's filter and column; the limits of the procedure
 * (issue 14): pauses through the statuses suspended and hearing, legal review, statement,
 * hearing notice, the collective extension, court enforcement, the withdrawal of a revoked
 * publication and the late-payment surcharge. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "cli/demo.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/approval.h"
#include "db/rules/deadline.h"
#include "db/search.h"

static void step(db *d, const char *id, const char *json)
{
	ipc_err e = {0};

	if (tu_write(d, "case", id, json, NULL, &e))
		fail_msg("%s: %s", json, e.msg);
}

static void child(db *d, const char *type, const char *case_id, const char *json, char id[37])
{
	char full[512];
	ipc_err e = {0};

	snprintf(full, sizeof full, "{\"case_id\":\"%s\",%s", case_id, json + 1);
	if (tu_write(d, type, NULL, full, id, &e))
		fail_msg("%s: %s", full, e.msg);
}

static void set(db *d, const char *type, const char *id, const char *json)
{
	ipc_err e = {0};

	if (tu_write(d, type, id, json, NULL, &e))
		fail_msg("%s: %s", json, e.msg);
}

/* Two officers with certificates: a measure is taken by two (行政处罚法 art. 42, 55). */
#define OFFICERS "\"officers\":[{\"name\":\"王建国\",\"cert\":\"13010001\"}," \
	"{\"name\":\"李敏\",\"cert\":\"13010002\"}]"

/* A case registered as a clue on `clue_on`, handled by 王建国, 李敏 and 赵强 (a panel of
 * three for a patent dispute), its steps approved beforehand but the legal review, whose
 * limit runs until the reviewer answers. */
static void new_case(db *d, const char *clue_on, const char *extra, char id[37])
{
	char json[512];
	ipc_err e = {0};

	snprintf(json, sizeof json, "{\"title\":\"销售假冒注册商标商品案\",\"ip_type\":\"trademark\","
		 "\"handlers\":[{\"name\":\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\","
		 "\"cert\":\"13010002\"},{\"name\":\"赵强\",\"cert\":\"13010003\"}],"
		 "\"clue_on\":\"%s\"%s}", clue_on, extra ? extra : "");
	if (tu_write(d, "case", NULL, json, id, &e))
		fail_msg("new case: %s", e.msg);
	tu_approve_all(d, id, "legal_review");
}

/* A case registered on `clue_on`, filed on `filed_on` and under investigation. */
static void case_filed_on(db *d, const char *clue_on, const char *filed_on, const char *extra,
			  char id[37])
{
	char json[128];

	new_case(d, clue_on, extra, id);
	step(d, id, "{\"status\":\"verifying\"}");
	snprintf(json, sizeof json, "{\"status\":\"filed\",\"filed_on\":\"%s\"}", filed_on);
	step(d, id, json);
	step(d, id, "{\"status\":\"investigating\"}");
}

/* A case registered on 2026-02-10, filed on `filed_on` and under investigation. */
static void filed_case(db *d, const char *filed_on, const char *extra, char id[37])
{
	case_filed_on(d, "2026-02-10", filed_on, extra, id);
}

/* A case filed on `filed_on` whose notice of intended penalty was served on `notified_on`. */
static void notified_after(db *d, const char *clue_on, const char *filed_on,
			   const char *notified_on, char id[37])
{
	char json[96];

	case_filed_on(d, clue_on, filed_on, NULL, id);
	step(d, id, "{\"status\":\"investigation_closed\"}");
	step(d, id, "{\"status\":\"legal_review\"}");
	snprintf(json, sizeof json, "{\"status\":\"notified\",\"notified_on\":\"%s\"}", notified_on);
	step(d, id, json);
}

/* A case filed on 2026-06-01 whose notice of intended penalty was served on `notified_on`. */
static void notified_case(db *d, const char *notified_on, char id[37])
{
	notified_after(d, "2026-02-10", "2026-06-01", notified_on, id);
}

/* The stored deadline of `kind` of the case (NULL when it has none); the table must agree
 * with a computation from the rules. */
static json_t *stored(db *d, const char *case_id, const char *kind)
{
	struct deadline_query q = {.case_id = case_id};
	struct deadline_set set = {0};
	json_t *rows, *r, *found = NULL;
	size_t i;
	ipc_err e = {0};

	assert_non_null(rows = deadline_list(d, &q, &e));
	assert_int_equal(deadline_compute(d, case_id, &set, &e), 0);
	assert_int_equal(json_array_size(rows), set.n);
	json_array_foreach(rows, i, r) {
		assert_string_equal(json_string_value(json_object_get(r, "due")), set.v[i].due);
		assert_string_equal(json_string_value(json_object_get(r, "kind")), set.v[i].kind);
		if (strcmp(json_string_value(json_object_get(r, "kind")), kind) == 0)
			found = json_incref(r);
	}
	deadline_set_free(&set);
	json_decref(rows);
	return found;
}

static void expect_deadline(db *d, const char *case_id, const char *kind, const char *due)
{
	json_t *r = stored(d, case_id, kind);

	if (!r)
		fail_msg("case has no %s deadline, expected %s", kind, due);
	if (strcmp(json_string_value(json_object_get(r, "due")), due) != 0)
		fail_msg("%s due %s, expected %s", kind, json_string_value(json_object_get(r, "due")), due);
	assert_true(json_is_true(json_object_get(r, "confirmed")));
	json_decref(r);
}

static void expect_none(db *d, const char *case_id, const char *kind)
{
	json_t *r = stored(d, case_id, kind);

	if (r)
		fail_msg("unexpected %s deadline due %s", kind,
			 json_string_value(json_object_get(r, "due")));
}

/* ---- each kind ---- */

static void verification(void **state)
{
	db *d = *state;
	char id[37], pid[37], sid[37];

	new_case(d, "2026-02-10", NULL, id);
	expect_deadline(d, id, "verification", "2026-03-09"); /* 15 working days across 春节 2026 */
	child(d, "pause", id, "{\"kind\":\"appraisal\",\"started_on\":\"2026-02-24\","
	      "\"ended_on\":\"2026-02-26\"}", pid);
	expect_deadline(d, id, "verification", "2026-03-12"); /* three working days not counted */
	child(d, "pause", id, "{\"kind\":\"suspension\",\"started_on\":\"2026-02-27\","
	      "\"ended_on\":\"2026-03-05\"}", sid);
	expect_deadline(d, id, "verification", "2026-03-12"); /* a suspension does not stop it */
	step(d, id, "{\"verify_extended\":true}");
	expect_deadline(d, id, "verification", "2026-04-02"); /* 30 + 3 working days */
	set(d, "pause", pid, "{\"deleted\":true}");
	expect_deadline(d, id, "verification", "2026-03-30");
	step(d, id, "{\"status\":\"verifying\"}");
	expect_deadline(d, id, "verification", "2026-03-30");
	step(d, id, "{\"status\":\"filed\",\"filed_on\":\"2026-03-02\"}");
	expect_none(d, id, "verification"); /* filed: done */
	/* 90 days, and the suspension's days after filing (03-03 – 03-05) do not count */
	expect_deadline(d, id, "decision", "2026-06-03");
}

static void decision_paused_and_resumed(void **state)
{
	db *d = *state;
	char id[37], p1[37], p2[37], p3[37];

	filed_case(d, "2026-03-02", NULL, id);
	expect_deadline(d, id, "decision", "2026-05-31"); /* 90 days */
	child(d, "pause", id, "{\"kind\":\"suspension\",\"started_on\":\"2026-03-10\"}", p1);
	step(d, id, "{\"status\":\"suspended\"}");
	expect_none(d, id, "decision"); /* the clock stands while suspended */
	set(d, "pause", p1, "{\"ended_on\":\"2026-03-19\"}");
	step(d, id, "{\"status\":\"investigating\"}");
	expect_deadline(d, id, "decision", "2026-06-10"); /* restarted: 10 days later */
	child(d, "pause", id, "{\"kind\":\"testing\",\"started_on\":\"2026-03-15\","
	      "\"ended_on\":\"2026-03-25\"}", p2);
	expect_deadline(d, id, "decision", "2026-06-16"); /* overlapping: 03-10 – 03-25 counted once */
	child(d, "pause", id, "{\"kind\":\"hearing\",\"started_on\":\"2026-06-20\","
	      "\"ended_on\":\"2026-06-30\"}", p3);
	expect_deadline(d, id, "decision", "2026-06-16"); /* after the deadline: no effect */
	set(d, "pause", p3, "{\"started_on\":\"2026-06-16\"}");
	expect_deadline(d, id, "decision", "2026-07-01"); /* begins on the last day: 15 more days */
	set(d, "pause", p3, "{\"deleted\":true}");
	child(d, "pause", id, "{\"kind\":\"public_notice\",\"started_on\":\"2026-02-01\","
	      "\"ended_on\":\"2026-02-20\"}", p3);
	expect_deadline(d, id, "decision", "2026-06-16"); /* before filing: no effect */
	step(d, id, "{\"decision_extended\":true}");
	expect_deadline(d, id, "decision", "2026-07-16"); /* +30 days on approval */
}

static void notice_decision_service_payment(void **state)
{
	db *d = *state;
	char id[37];

	notified_case(d, "2026-09-29", id);
	/* 5 working days across 国庆 2026 and its make-up Saturday 10-10 */
	expect_deadline(d, id, "statement", "2026-10-12");
	expect_deadline(d, id, "decision", "2026-08-30");
	step(d, id, "{\"status\":\"hearing\"}");
	expect_none(d, id, "statement");
	step(d, id, "{\"status\":\"decided\",\"decided_on\":\"2026-09-29\",\"waived_on\":\"2026-09-29\","
	     "\"decision_type\":\"penalty\",\"fine\":\"5000\"}");
	expect_none(d, id, "decision");
	expect_deadline(d, id, "service", "2026-10-14");    /* 7 working days */
	expect_deadline(d, id, "disclosure", "2026-11-02"); /* 20 working days */
	expect_none(d, id, "fine_payment");
	step(d, id, "{\"status\":\"served\",\"served_on\":\"2026-10-12\"}");
	expect_none(d, id, "service");
	expect_deadline(d, id, "fine_payment", "2026-10-27"); /* 15 days */
	step(d, id, "{\"disclosed_on\":\"2026-10-20\"}");
	expect_none(d, id, "disclosure");
	step(d, id, "{\"fine_paid_on\":\"2026-10-20\"}");
	expect_none(d, id, "fine_payment");
	step(d, id, "{\"fine_paid_on\":null}");
	expect_deadline(d, id, "fine_payment", "2026-10-27");
	step(d, id, "{\"status\":\"closed\",\"fine_paid_on\":\"2026-10-20\",\"closed_on\":\"2026-10-21\"}");
	expect_none(d, id, "fine_payment"); /* a closed case has no open deadline */
}

static void warnings_are_not_published(void **state)
{
	db *d = *state;
	char id[37];

	notified_case(d, "2026-07-01", id);
	step(d, id, "{\"status\":\"decided\",\"decided_on\":\"2026-07-10\","
	     "\"decision_type\":\"penalty\",\"penalty\":\"警告\"}");
	expect_none(d, id, "disclosure");
	expect_deadline(d, id, "service", "2026-07-21");
	step(d, id, "{\"fine\":\"200\"}");
	expect_deadline(d, id, "disclosure", "2026-08-07");
}

static void seizure_and_preservation(void **state)
{
	db *d = *state;
	char id[37], seizure[37], preserved[37], pid[37];

	filed_case(d, "2026-03-02", NULL, id);
	child(d, "measure", id, "{\"kind\":\"seizure\",\"taken_on\":\"2026-03-02\"," OFFICERS ","
	      "\"items\":\"假冒运动鞋120双\"}", seizure);
	expect_deadline(d, id, "seizure", "2026-04-01"); /* 30 days */
	set(d, "measure", seizure, "{\"extended\":true}");
	expect_deadline(d, id, "seizure", "2026-05-01"); /* one extension of 30 */
	child(d, "pause", id, "{\"kind\":\"testing\",\"started_on\":\"2026-03-10\","
	      "\"ended_on\":\"2026-03-12\"}", pid);
	expect_deadline(d, id, "seizure", "2026-05-04"); /* testing not counted */
	child(d, "pause", id, "{\"kind\":\"suspension\",\"started_on\":\"2026-03-20\","
	      "\"ended_on\":\"2026-03-29\"}", pid);
	expect_deadline(d, id, "seizure", "2026-05-04"); /* a suspension does not stop a seizure */
	child(d, "measure", id, "{\"kind\":\"preservation\",\"taken_on\":\"2026-09-29\","
	      OFFICERS "}", preserved);
	expect_deadline(d, id, "preservation", "2026-10-14"); /* 7 working days across 国庆 */
	set(d, "measure", seizure, "{\"ended_on\":\"2026-04-20\"}");
	expect_none(d, id, "seizure");
	set(d, "measure", preserved, "{\"ended_on\":\"2026-10-09\"}");
	expect_none(d, id, "preservation");
}

static void patent_dispute(void **state)
{
	db *d = *state;
	char id[37];
	ipc_err e = {0};

	new_case(d, "2026-02-12", ",\"ip_type\":\"invention_patent\",\"procedure\":\"patent_dispute\"",
		 id);
	expect_deadline(d, id, "patent_accept", "2026-02-26"); /* 5 working days across 春节 */
	expect_none(d, id, "verification");
	step(d, id, "{\"status\":\"accepted\",\"filed_on\":\"2026-03-02\"}");
	expect_none(d, id, "patent_accept");
	expect_none(d, id, "decision");
	expect_deadline(d, id, "patent_send", "2026-03-09");
	expect_deadline(d, id, "patent_close", "2026-06-02"); /* 3 months */
	step(d, id, "{\"status\":\"copy_sent\",\"respondent_sent_on\":\"2026-03-05\"}");
	expect_none(d, id, "patent_send");
	expect_deadline(d, id, "patent_answer", "2026-03-20"); /* 15 days */
	step(d, id, "{\"status\":\"answered\",\"answered_on\":\"2026-03-18\"}");
	expect_none(d, id, "patent_answer");
	step(d, id, "{\"decision_extended\":true}");
	expect_deadline(d, id, "patent_close", "2026-07-02"); /* + 1 month */
	/* the workspace's own limits, as the 2025 measures may set them */
	assert_int_equal(deadline_limit_set(d, "patent_close_months", 6, &e), 0);
	expect_deadline(d, id, "patent_close", "2026-10-02");
	assert_int_equal(deadline_limit_set(d, "patent_extend_months", 0, &e), 0);
	expect_deadline(d, id, "patent_close", "2026-09-02");
	assert_int_equal(deadline_limit_set(d, "patent_close_weeks", 6, &e), -1);
	assert_non_null(strstr(e.msg, "patent_close_months"));
	assert_int_equal(deadline_limit_set(d, "patent_close_months", 999, &e), -1);
}

static void ended_and_deleted_cases(void **state)
{
	db *d = *state;
	char id[37], other[37];

	new_case(d, "2026-02-10", NULL, id);
	step(d, id, "{\"status\":\"transferred\"}");
	expect_none(d, id, "verification");
	new_case(d, "2026-02-10", NULL, other);
	expect_deadline(d, other, "verification", "2026-03-09");
	step(d, other, "{\"deleted\":true}");
	expect_none(d, other, "verification");
}

static void unconfirmed_until_the_notice_is_imported(void **state)
{
	db *d = *state;
	char id[37], path[128];
	int years[4];
	int64_t ncases = 0;
	json_t *r;
	FILE *f;
	ipc_err e = {0};

	new_case(d, "2026-12-21", NULL, id);
	r = stored(d, id, "verification");
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "due")), "2027-01-11");
	assert_false(json_is_true(json_object_get(r, "confirmed")));
	json_decref(r);
	/* a made-up 2027 notice (test data): 01-01 – 01-05 off */
	snprintf(path, sizeof path, "%s/2027.txt", tu_home);
	assert_non_null(f = fopen(path, "w"));
	fputs("year 2027\n2027-01-01 off 元旦\n2027-01-02 off 元旦\n2027-01-03 off 元旦\n"
	      "2027-01-04 off 元旦\n2027-01-05 off 元旦\n", f);
	fclose(f);
	assert_int_equal(deadline_calendar_import(d, path, years, 4, &ncases, &e), 1);
	assert_int_equal(ncases, 1);
	expect_deadline(d, id, "verification", "2027-01-14"); /* moved, and confirmed */
}

/* ---- the limits of the procedure (issue 14) ---- */

/* A suspension or a hearing stops the decision clock by the case's status alone. */
static void paused_by_statuses(void **state)
{
	db *d = *state;
	char id[37], pid[37], heard[37];

	filed_case(d, "2026-03-02", NULL, id);
	expect_deadline(d, id, "decision", "2026-05-31");
	step(d, id, "{\"status\":\"suspended\",\"status_on\":\"2026-03-10\"}");
	expect_none(d, id, "decision"); /* still suspended: no decision deadline */
	step(d, id, "{\"status\":\"investigating\",\"status_on\":\"2026-03-20\"}");
	expect_deadline(d, id, "decision", "2026-06-10"); /* 03-10 – 03-19: 10 days later */
	child(d, "pause", id, "{\"kind\":\"testing\",\"started_on\":\"2026-03-15\","
	      "\"ended_on\":\"2026-03-25\"}", pid);
	expect_deadline(d, id, "decision", "2026-06-16"); /* with a pause record: counted once */
	step(d, id, "{\"status\":\"suspended\",\"status_on\":\"2026-04-01\"}");
	step(d, id, "{\"status\":\"investigating\",\"status_on\":\"2026-04-01\"}");
	expect_deadline(d, id, "decision", "2026-06-16"); /* resumed the same day: no time */
	/* a hearing likewise */
	notified_case(d, "2026-07-01", heard); /* filed 2026-06-01: due 08-30 */
	step(d, heard, "{\"statement_on\":\"2026-07-02\"}");
	expect_deadline(d, heard, "decision", "2026-08-30");
	step(d, heard, "{\"status\":\"hearing\",\"status_on\":\"2026-07-20\"}");
	expect_none(d, heard, "decision");
}

static void legal_review(void **state)
{
	db *d = *state;
	char id[37], aid[37];
	ipc_err e = {0};

	filed_case(d, "2026-06-01", NULL, id);
	step(d, id, "{\"status\":\"investigation_closed\"}");
	step(d, id, "{\"status\":\"legal_review\",\"review_started_on\":\"2026-06-10\"}");
	expect_deadline(d, id, "legal_review", "2026-06-25"); /* 10 working days across 端午 */
	assert_int_equal(deadline_limit_set(d, "legal_review_workdays", 5, &e), 0);
	expect_deadline(d, id, "legal_review", "2026-06-17"); /* unverified: the office's own */
	assert_int_equal(approval_ask(d, id, "legal_review", "重大案件", aid, &e), 0);
	expect_deadline(d, id, "legal_review", "2026-06-17"); /* asked, not answered */
	if (approval_answer(d, aid, true, "事实清楚，证据确凿", &e))
		fail_msg("answer: %s", e.msg);
	expect_none(d, id, "legal_review"); /* the reviewer's opinion is recorded */
}

static void statement_and_hearing_notice(void **state)
{
	db *d = *state;
	char id[37], other[37];

	notified_case(d, "2026-07-01", id);
	expect_deadline(d, id, "statement", "2026-07-08");
	step(d, id, "{\"statement_on\":\"2026-07-03\"}");
	expect_none(d, id, "statement"); /* the party stated its case */
	notified_case(d, "2026-07-01", other);
	step(d, other, "{\"waived_on\":\"2026-07-02\"}");
	expect_none(d, other, "statement"); /* … or waived it */
	step(d, id, "{\"hearing_on\":\"2026-07-20\"}");
	expect_deadline(d, id, "hearing_notice", "2026-07-13"); /* 7 days before */
	expect_deadline(d, id, "hearing", "2026-07-20");
	step(d, id, "{\"hearing_notice_on\":\"2026-07-10\"}");
	expect_none(d, id, "hearing_notice");
	expect_deadline(d, id, "hearing", "2026-07-20");
}

static void collective_extension(void **state)
{
	db *d = *state;
	char id[37], did[37];

	filed_case(d, "2026-03-02", NULL, id);
	step(d, id, "{\"decision_extended\":true}");
	expect_deadline(d, id, "decision", "2026-06-30"); /* 120 days */
	child(d, "discussion", id, "{\"purpose\":\"extension\",\"held_on\":\"2026-06-20\","
	      "\"participants\":[{\"name\":\"王建国\",\"cert\":\"13010001\"},{\"name\":\"李敏\","
	      "\"cert\":\"13010002\"}],\"conclusion\":\"延长办案期限\","
	      "\"extended_to\":\"2026-08-31\"}", did);
	expect_deadline(d, id, "decision", "2026-08-31"); /* the date the heads set */
	set(d, "discussion", did, "{\"deleted\":true}");
	expect_deadline(d, id, "decision", "2026-06-30");
}

/* A penalty of 5000 yuan served on 2026-02-10 (clue 2025-11-20, filed 2025-12-01). */
static void served_case(db *d, char id[37])
{
	notified_after(d, "2025-11-20", "2025-12-01", "2026-01-05", id);
	step(d, id, "{\"waived_on\":\"2026-01-06\"}");
	step(d, id, "{\"status\":\"decided\",\"decided_on\":\"2026-01-20\","
	     "\"decision_type\":\"penalty\",\"fine\":\"5000\"}");
	step(d, id, "{\"status\":\"served\",\"served_on\":\"2026-02-10\"}");
}

static void court_enforcement(void **state)
{
	db *d = *state;
	char id[37];

	served_case(d, id);
	expect_deadline(d, id, "fine_payment", "2026-02-25");
	expect_deadline(d, id, "reminder", "2026-08-10");          /* the 6 months for suit */
	expect_deadline(d, id, "court_enforcement", "2026-11-10"); /* and 3 months after */
	step(d, id, "{\"reminder_on\":\"2026-08-03\"}");
	expect_none(d, id, "reminder");
	expect_deadline(d, id, "court_enforcement", "2026-11-10");
	step(d, id, "{\"appealed_on\":\"2026-03-20\"}");
	expect_none(d, id, "court_enforcement"); /* the party sought review */
	step(d, id, "{\"appealed_on\":null}");
	step(d, id, "{\"enforcement_applied_on\":\"2026-08-20\"}");
	expect_none(d, id, "court_enforcement");
	expect_deadline(d, id, "fine_payment", "2026-02-25");
	step(d, id, "{\"enforcement_applied_on\":null,\"fine_paid_on\":\"2026-03-01\"}");
	expect_none(d, id, "court_enforcement");
	expect_none(d, id, "fine_payment");
}

static void withdrawal_of_a_revoked_publication(void **state)
{
	db *d = *state;
	char id[37];

	served_case(d, id);
	step(d, id, "{\"fine_paid_on\":\"2026-02-20\",\"disclosed_on\":\"2026-02-12\"}");
	step(d, id, "{\"status\":\"closed\"}");
	step(d, id, "{\"revoked_on\":\"2026-09-29\"}");
	/* 3 working days across 国庆 2026, though the case is closed */
	expect_deadline(d, id, "withdraw_disclosure", "2026-10-09");
	step(d, id, "{\"disclosure_withdrawn_on\":\"2026-09-30\"}");
	expect_none(d, id, "withdraw_disclosure");
}

static void surcharge(void **state)
{
	struct deadline_surcharge s;
	json_t *kase;
	char id[37];
	db *d = *state;

	assert_int_equal(deadline_surcharge_after("5000", 0, &s), 0); /* the last day: none */
	assert_int_equal(deadline_surcharge_after("5000", 1, &s), 1); /* the first day: 3 % */
	assert_string_equal(s.yuan, "150.00");
	assert_false(s.capped);
	assert_int_equal(deadline_surcharge_after("5000", 33, &s), 1);
	assert_string_equal(s.yuan, "4950.00");
	assert_int_equal(deadline_surcharge_after("5000", 34, &s), 1); /* 102 %: the fine */
	assert_string_equal(s.yuan, "5000.00");
	assert_true(s.capped);
	assert_int_equal(deadline_surcharge_after("5000", 400, &s), 1);
	assert_string_equal(s.yuan, "5000.00");
	assert_int_equal(deadline_surcharge_after("12.35", 2, &s), 1); /* 74.1 fen: rounded down */
	assert_string_equal(s.yuan, "0.74");
	assert_int_equal(deadline_surcharge_after("999999999999999.99", 33, &s), 1); /* no overflow */
	assert_string_equal(s.yuan, "989999999999999.99");
	assert_int_equal(deadline_surcharge_after("0", 5, &s), 0);
	assert_int_equal(deadline_surcharge_after(NULL, 5, &s), 0);
	/* a case: due 15 days after service (2026-02-25), late from the day after */
	served_case(d, id);
	assert_non_null(kase = db_get(d, id, NULL));
	assert_int_equal(deadline_surcharge(kase, "2026-02-25", &s), 0);
	assert_int_equal(deadline_surcharge(kase, "2026-02-26", &s), 1);
	assert_int_equal(s.days, 1);
	assert_string_equal(s.yuan, "150.00");
	json_decref(kase);
	step(d, id, "{\"fine_paid_on\":\"2026-03-01\"}");
	assert_non_null(kase = db_get(d, id, NULL));
	assert_int_equal(deadline_surcharge(kase, "2026-03-02", &s), 0); /* paid */
	json_decref(kase);
}

/* ---- the derived table ---- */

static void after_a_peers_ops(void **state)
{
	db *a = *state, *b;
	char home_b[64], id[37], pid[37];
	json_t *ra, *rb;
	ipc_err e = {0};

	b = tu_workspace("李敏", "13010002", home_b);
	filed_case(b, "2026-03-02", NULL, id);
	child(b, "pause", id, "{\"kind\":\"appraisal\",\"started_on\":\"2026-03-10\","
	      "\"ended_on\":\"2026-03-19\"}", pid);
	expect_deadline(b, id, "decision", "2026-06-10");
	assert_int_equal(db_actor_add(a, db_self(b), &e), 0);
	assert_int_equal(db_ops_each(b, tu_import_into, a, &e), 0);
	expect_deadline(a, id, "decision", "2026-06-10");
	/* the peer extends: our table moves with the import */
	step(b, id, "{\"decision_extended\":true}");
	assert_int_equal(db_ops_each(b, tu_import_into, a, &e), 0);
	expect_deadline(a, id, "decision", "2026-07-10");
	ra = stored(a, id, "decision");
	rb = stored(b, id, "decision");
	assert_true(json_equal(ra, rb));
	json_decref(ra);
	json_decref(rb);
	tu_close(b, home_b);
}

/* A pause that arrives before its case still counts once the case is there. */
static void child_before_its_case(void **state)
{
	db *a = *state, *b;
	char home_b[64], id[37], pid[37], *lines[32];
	size_t n = 0;
	sqlite3_stmt *st;
	ipc_err e = {0};

	b = tu_workspace("李敏", "13010002", home_b);
	filed_case(b, "2026-03-02", NULL, id);
	child(b, "pause", id, "{\"kind\":\"appraisal\",\"started_on\":\"2026-03-10\","
	      "\"ended_on\":\"2026-03-19\"}", pid);
	assert_int_equal(db_actor_add(a, db_self(b), &e), 0);
	/* the pause's op first, then the case's */
	assert_int_equal(sqlite3_prepare_v2(b->sql, "SELECT line FROM op_lines"
					    " ORDER BY type = 'case', seq", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < 32)
		lines[n++] = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_int_equal(n, 5 + 2 * 9); /* and each step's approval but the legal review's */
	for (size_t i = 0; i < n; i++) {
		assert_true(db_import(a, lines[i], strlen(lines[i]), &e) >= 0);
		free(lines[i]);
	}
	expect_deadline(a, id, "decision", "2026-06-10");
	tu_close(b, home_b);
}

static void demo_data_agrees(void **state)
{
	db *d = *state;
	sqlite3_stmt *st;
	int64_t stored_n, computed = 0;
	ipc_err e = {0};

	assert_int_equal(db_demo(d, 300, 7, NULL, NULL, &e), 0);
	stored_n = db_count(d, "SELECT count(*) FROM deadlines", NULL);
	assert_true(stored_n > 50); /* the demo's open cases have deadlines */
	assert_int_equal(sqlite3_prepare_v2(d->sql, "SELECT id FROM t_case", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct deadline_set set = {0};
		assert_int_equal(deadline_compute(d, (const char *)sqlite3_column_text(st, 0), &set,
						  &e), 0);
		computed += (int64_t)set.n;
		deadline_set_free(&set);
	}
	sqlite3_finalize(st);
	assert_int_equal(stored_n, computed);
}

static void refilled_after_an_upgrade(void **state)
{
	db *d = *state, *again;
	char id[37];
	ipc_err e = {0};

	new_case(d, "2026-02-10", NULL, id);
	/* as a workspace of the previous program: an empty table, rules never applied */
	assert_int_equal(db_exec(d, "DELETE FROM deadlines; DELETE FROM meta WHERE key ="
				 " 'deadline.rules'", &e), 0);
	assert_int_equal(db_count(d, "SELECT count(*) FROM deadlines", NULL), 0);
	assert_int_equal(db_open(tu_home, &again, &e), 0);
	expect_deadline(again, id, "verification", "2026-03-09");
	db_close(again);
}

/* ---- overdue ---- */

static void overdue_count_and_case_list(void **state)
{
	db *d = *state;
	char late[37], soon[37], others[37], no[37];
	struct case_query q = {.overdue = true};
	json_t *rows;
	ipc_err e = {0};

	new_case(d, "2026-01-05", NULL, late);   /* verification due 2026-01-26 */
	new_case(d, "2026-02-27", NULL, soon);   /* due 2026-03-19 */
	new_case(d, "2026-01-05", NULL, others); /* late, but another officer's */
	step(d, others, "{\"handlers\":[{\"name\":\"张伟\",\"cert\":\"13010009\"}]}");
	new_case(d, "2026-01-05", NULL, no);
	step(d, no, "{\"status\":\"transferred\"}");
	assert_int_equal(deadline_overdue_count(d, false, &e), 2);
	assert_int_equal(deadline_overdue_count(d, true, &e), 1);
	setenv("IPCASE_TODAY", "2026-03-21", 1);
	assert_int_equal(deadline_overdue_count(d, false, &e), 3);
	setenv("IPCASE_TODAY", "2026-03-02", 1);
	assert_non_null(rows = db_case_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 2);
	assert_int_equal(db_case_count(d, &q, &e), 2);
	json_decref(rows);
	/* past 2000 overdue deadlines the list walks its own order: the same answer */
	assert_int_equal(db_exec(d, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
				 " WHERE i < 2000) INSERT INTO deadlines SELECT 'not-a-case-' || i,"
				 " 'decision', 'x', '2025-01-01', 1 FROM n", &e), 0);
	assert_true(deadline_overdue_many(d, "2026-03-02"));
	assert_non_null(rows = db_case_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 2);
	assert_int_equal(db_case_count(d, &q, &e), 2);
	json_decref(rows);
	assert_int_equal(db_exec(d, "DELETE FROM deadlines WHERE owner LIKE 'not-a-case-%'", &e), 0);
	q = (struct case_query){.limit = 10};
	assert_non_null(rows = db_case_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 4);
	for (size_t i = 0; i < 4; i++) {
		json_t *r = json_array_get(rows, i);
		const char *rid = json_string_value(json_object_get(r, "id"));
		const char *due = json_string_value(json_object_get(r, "next_due"));
		if (strcmp(rid, soon) == 0)
			assert_string_equal(due, "2026-03-19");
		else if (strcmp(rid, no) == 0)
			assert_null(due);
		else
			assert_string_equal(due, "2026-01-26");
		if (due)
			assert_string_equal(json_string_value(json_object_get(r, "next_due_kind")),
					    "verification");
	}
	json_decref(rows);
}

static void deadline_list_window(void **state)
{
	db *d = *state;
	char a[37], b[37];
	struct deadline_query q = {.until = "2026-03-10"};
	json_t *rows;
	ipc_err e = {0};

	new_case(d, "2026-01-05", NULL, a); /* 2026-01-26: overdue */
	new_case(d, "2026-02-27", NULL, b); /* 2026-03-19: beyond the window */
	assert_non_null(rows = deadline_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 0), "days_left")),
			 -35);
	json_decref(rows);
	q.until = "2026-03-20";
	assert_non_null(rows = deadline_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 1), "days_left")),
			 17);
	json_decref(rows);
	q.overdue = true;
	assert_non_null(rows = deadline_list(d, &q, &e));
	assert_int_equal(json_array_size(rows), 1);
	json_decref(rows);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_0302, tu_teardown_0302)
	const struct CMUnitTest tests[] = {
		T(verification),
		T(decision_paused_and_resumed),
		T(notice_decision_service_payment),
		T(warnings_are_not_published),
		T(seizure_and_preservation),
		T(patent_dispute),
		T(ended_and_deleted_cases),
		T(unconfirmed_until_the_notice_is_imported),
		T(paused_by_statuses),
		T(legal_review),
		T(statement_and_hearing_notice),
		T(collective_extension),
		T(court_enforcement),
		T(withdrawal_of_a_revoked_publication),
		T(surcharge),
		T(after_a_peers_ops),
		T(child_before_its_case),
		T(demo_data_agrees),
		T(refilled_after_an_upgrade),
		T(overdue_count_and_case_list),
		T(deadline_list_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
