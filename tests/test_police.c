/* Tests of the transfer to the police (db/rules/police.c; Order No. 310, FACTS.md §11): each
 * step's limit in calendar days, one across 国庆 and one across 春节 (a working-day count would
 * end after the holiday), the configurable limit of the police's decision, and the refusals
 * (one reporter, approved_on without an approval, a decision before the sending, a handover
 * after a refusal to open), and a peer's transfer without its approval waiting on import. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "db/op.h"
#include "db/rules/approval.h"
#include "db/rules/deadline.h"

#define REPORTERS "\"reporters\":[{\"name\":\"王建国\",\"cert\":\"13010001\"}," \
	"{\"name\":\"李敏\",\"cert\":\"13010002\"}]"

/* A case and its transfer reported on `reported_on`; `t` gets the transfer's id. */
static void reported(db *d, const char *reported_on, char kase[37], char t[37])
{
	char json[256];
	ipc_err e = {0};

	if (tu_write(d, "case", NULL, "{\"title\":\"假冒注册商标案\",\"ip_type\":\"trademark\"}",
		     kase, &e))
		fail_msg("case: %s", e.msg);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"reported_on\":\"%s\"," REPORTERS "}",
		 kase, reported_on);
	if (tu_write(d, "police_transfer", NULL, json, t, &e))
		fail_msg("transfer: %s", e.msg);
}

/* The head approves on `on`, and the transfer records it. */
static void approved(db *d, const char *kase, const char *t, const char *on)
{
	char json[64];
	ipc_err e = {0};

	setenv("IPCASE_TODAY", on, 1);
	tu_approve(d, kase, "police_transfer");
	snprintf(json, sizeof json, "{\"approved_on\":\"%s\"}", on);
	if (tu_write(d, "police_transfer", t, json, NULL, &e))
		fail_msg("approved_on: %s", e.msg);
}

static void step(db *d, const char *t, const char *json)
{
	ipc_err e = {0};

	if (tu_write(d, "police_transfer", t, json, NULL, &e))
		fail_msg("%s: %s", json, e.msg);
}

/* The due date of the case's deadline of `kind`, "" when it has none. */
static const char *due(db *d, const char *kase, const char *kind)
{
	static char out[11];
	struct deadline_set s = {0};
	ipc_err e = {0};

	if (deadline_compute(d, kase, &s, &e))
		fail_msg("deadlines: %s", e.msg);
	out[0] = '\0';
	for (size_t i = 0; i < s.n; i++)
		if (!strcmp(s.v[i].kind, kind))
			snprintf(out, sizeof out, "%s", s.v[i].due);
	deadline_set_free(&s);
	return out;
}

static void refused(db *d, const char *t, const char *json, const char *field)
{
	ipc_err e = {0};

	assert_int_not_equal(tu_write(d, "police_transfer", t, json, NULL, &e), 0);
	assert_string_equal(e.field, field);
}

static void answer_and_send(void **state)
{
	db *d = *state;
	char kase[37], t[37];

	reported(d, "2026-03-02", kase, t);
	assert_string_equal(due(d, kase, "police_approve"), "2026-03-05");
	approved(d, kase, t, "2026-03-04");
	assert_string_equal(due(d, kase, "police_approve"), "");
	assert_string_equal(due(d, kase, "police_send"), "2026-03-05");
	step(d, t, "{\"sent_at\":\"2026-03-05T10:00\"}");
	assert_string_equal(due(d, kase, "police_send"), "");
}

static void decision_limit_is_configurable(void **state)
{
	db *d = *state;
	char kase[37], t[37];
	ipc_err e = {0};

	reported(d, "2026-03-02", kase, t);
	approved(d, kase, t, "2026-03-02");
	step(d, t, "{\"sent_at\":\"2026-03-03T09:00\",\"police_received_on\":\"2026-03-03\"}");
	assert_string_equal(due(d, kase, "police_decide"), "2026-03-06");
	assert_int_equal(deadline_limit_set(d, "police_decision_days", 30, &e), 0);
	assert_string_equal(due(d, kase, "police_decide"), "2026-04-02");
	step(d, t, "{\"police_decision\":\"not_opened\",\"police_decision_on\":\"2026-03-10\"}");
	assert_string_equal(due(d, kase, "police_decide"), "");
	assert_string_equal(due(d, kase, "police_reconsider"), "2026-03-13");
	refused(d, t, "{\"handover_on\":\"2026-03-11\"}", "handover_on");
	step(d, t, "{\"reconsideration_on\":\"2026-03-12\"}");
	assert_string_equal(due(d, kase, "police_reconsider"), "");
}

/* 国庆 2026: 10-01 to 10-07 off; 3 working days from 09-30 would end on 10-10. */
static void handover_across_national_day(void **state)
{
	db *d = *state;
	char kase[37], t[37];

	reported(d, "2026-09-28", kase, t);
	approved(d, kase, t, "2026-09-29");
	step(d, t, "{\"sent_at\":\"2026-09-29T15:00\",\"police_received_on\":\"2026-09-29\","
		   "\"police_decision\":\"opened\",\"police_decision_on\":\"2026-09-30\"}");
	assert_string_equal(due(d, kase, "police_handover"), "2026-10-03");
	refused(d, t, "{\"returned_on\":\"2026-10-02\"}", "returned_on");
	step(d, t, "{\"handover_on\":\"2026-10-02\"}");
	assert_string_equal(due(d, kase, "police_handover"), "");
}

/* 春节 2026: 02-15 to 02-23 off; 3 working days from 02-14 would end on 02-26, 3 days on 02-17. */
static void answer_across_spring_festival(void **state)
{
	db *d = *state;
	char kase[37], t[37];

	setenv("IPCASE_TODAY", "2026-02-14", 1);
	reported(d, "2026-02-14", kase, t);
	assert_string_equal(due(d, kase, "police_approve"), "2026-02-17");
}

static void refusals(void **state)
{
	db *d = *state;
	char kase[37], t[37], json[256];
	ipc_err e = {0};

	reported(d, "2026-03-02", kase, t);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"reported_on\":\"2026-03-02\","
		 "\"reporters\":[{\"name\":\"王建国\",\"cert\":\"13010001\"}]}", kase);
	assert_int_not_equal(tu_write(d, "police_transfer", NULL, json, NULL, &e), 0);
	assert_string_equal(e.field, "reporters");
	refused(d, t, "{\"approved_on\":\"2026-03-02\"}", "approved_on");
	refused(d, t, "{\"police_decision\":\"opened\",\"police_decision_on\":\"2026-03-03\"}",
		"police_decision_on");
	tu_approve(d, kase, "police_transfer");
	refused(d, t, "{\"approved_on\":\"2026-03-01\"}", "approved_on");
}

/* A peer's transfer approved on a day no approval was answered waits (invariant 4); once the
 * head approves that day it is imported. */
static void peer_without_approval_waits(void **state)
{
	db *d = *state;
	char kase[37], t[37], fake[37], set[512];
	ipc_err e = {0};
	char *line;

	reported(d, "2026-03-02", kase, t);
	op_uuid7(fake, 1);
	snprintf(set, sizeof set, "{\"case_id\":\"%s\",\"reported_on\":\"2026-03-02\","
		 "\"approved_on\":\"2026-03-02\"," REPORTERS "}", kase);
	line = tu_forge_op(d, "police_transfer", fake, "[]", set);
	assert_int_equal(db_import(d, line, strlen(line), &e), DB_IMPORT_PENDING);
	assert_string_equal(e.field, "approved_on");
	tu_approve(d, kase, "police_transfer");
	assert_int_equal(db_import(d, line, strlen(line), &e), 1);
	free(line);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup_0302, tu_teardown_0302)
	const struct CMUnitTest tests[] = {
		T(answer_and_send),
		T(decision_limit_is_configurable),
		T(handover_across_national_day),
		T(answer_across_spring_festival),
		T(refusals),
		T(peer_without_approval_waits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
