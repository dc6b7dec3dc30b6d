/* Tests of collaboration: the transition table (every step, every status, both offices), who
 * may write what on import (a peer's forged step, a request in another office's name, a change
 * to a record written once), the status replayed the same whatever order steps arrive in, the
 * guard against confidential values in clear, the sealing of a handoff to some officers only,
 * and the count of requests waiting for an office. */
#include "tests/testutil.h"

#include <sodium.h>

#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/rules/handoff.h"
#include "db/rules/package.h"
#include "db/rules/roster.h"
#include "db/seal.h"

enum { S = COLLAB_SENDER, R = COLLAB_RECEIVER };

/* ---- the transition table ---- */

static const struct {
	const char *status, *action;
	int role;
	const char *to;
} allowed[] = {
	{"draft", "send", S, "sent"},
	{"draft", "close", S, "closed"},
	{"draft", "attach", S, "draft"},
	{"sent", "receive", R, "received"},
	{"sent", "close", S, "closed"},
	{"sent", "reply", S, "sent"}, {"sent", "reply", R, "sent"},
	{"sent", "attach", S, "sent"},
	{"received", "accept", R, "accepted"},
	{"received", "decline", R, "declined"},
	{"received", "close", S, "closed"},
	{"received", "reply", S, "received"}, {"received", "reply", R, "received"},
	{"received", "attach", S, "received"}, {"received", "attach", R, "received"},
	{"accepted", "progress", R, "in_progress"},
	{"accepted", "answer", R, "answered"},
	{"accepted", "close", S, "closed"},
	{"accepted", "reply", S, "accepted"}, {"accepted", "reply", R, "accepted"},
	{"accepted", "attach", S, "accepted"}, {"accepted", "attach", R, "accepted"},
	{"in_progress", "progress", R, "in_progress"},
	{"in_progress", "answer", R, "answered"},
	{"in_progress", "close", S, "closed"},
	{"in_progress", "reply", S, "in_progress"}, {"in_progress", "reply", R, "in_progress"},
	{"in_progress", "attach", S, "in_progress"}, {"in_progress", "attach", R, "in_progress"},
	{"declined", "close", S, "closed"},
	{"declined", "reply", S, "declined"}, {"declined", "reply", R, "declined"},
	{"declined", "attach", S, "declined"},
	{"answered", "close", S, "closed"},
	{"answered", "reply", S, "answered"}, {"answered", "reply", R, "answered"},
	{"answered", "attach", S, "answered"}, {"answered", "attach", R, "answered"},
};

static void test_transition_table(void **state)
{
	size_t n = sizeof allowed / sizeof allowed[0], count = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const char *to = collab_transition(allowed[i].status, allowed[i].action, allowed[i].role);
		if (!to || strcmp(to, allowed[i].to) != 0)
			fail_msg("%s --%s by %d--> %s, expected %s", allowed[i].status, allowed[i].action,
				 allowed[i].role, to ? to : "refused", allowed[i].to);
	}
	/* exhaustively: nothing outside the table, and a third office takes no step at all */
	for (const struct enum_value *s = collab_statuses; s->id; s++)
		for (const struct enum_value *a = collab_actions; a->id; a++) {
			assert_null(collab_transition(s->id, a->id, COLLAB_NONE));
			count += collab_transition(s->id, a->id, S) != NULL;
			count += collab_transition(s->id, a->id, R) != NULL;
		}
	assert_int_equal(count, n);
	assert_null(collab_transition("sent", "accept", R));     /* received first */
	assert_null(collab_transition("received", "accept", S)); /* only the receiver accepts */
	assert_null(collab_transition("answered", "close", R));  /* only the sender closes */
	assert_null(collab_transition("closed", "reply", S));    /* closed is final */
	assert_null(collab_transition("draft", "reply", R));     /* a draft is the sender's */
}

/* ---- three offices in one process ---- */

struct office3 {
	db *s, *h, *t; /* Shijiazhuang 130100, Haidian 110108, Beichen 120113 */
	char hs[64], hh[64], ht[64];
};

static void know_each_other(db **all, size_t n)
{
	ipc_err e = {0};

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++)
			if (i != k && db_actor_add(all[i], db_self(all[k]), &e))
				fail_msg("actor: %s", e.msg);
}

static void three_offices(struct office3 *o)
{
	o->s = tu_workspace_of("130100", "王建国", "13010001", o->hs);
	o->h = tu_workspace_of("110108", "李明", "11010801", o->hh);
	o->t = tu_workspace_of("120113", "赵强", "12011301", o->ht);
	know_each_other((db *[]){o->s, o->h, o->t}, 3);
}

static void three_close(struct office3 *o)
{
	tu_close(o->s, o->hs);
	tu_close(o->h, o->hh);
	tu_close(o->t, o->ht);
}

struct copy {
	db *to;
	long imported, refused;
	ipc_err last;
};

static int copy_one(const char *line, size_t len, void *arg)
{
	struct copy *c = arg;
	ipc_err e = {0};
	int got = db_import(c->to, line, len, &e);

	if (got < 0) {
		c->refused++;
		c->last = e;
	}
	c->imported += got > 0;
	return 0;
}

/* Every op of `from` offered to `to`, as a sync would; returns how many were refused. */
static long copy_ops(db *from, db *to, ipc_err *last)
{
	struct copy c = {.to = to};
	ipc_err e = {0};

	assert_int_equal(db_ops_each(from, copy_one, &c, &e), 0);
	if (last)
		*last = c.last;
	return c.refused;
}

static void status_is(db *d, const char *id, const char *want)
{
	char status[16], due[11];
	bool accepted;
	ipc_err e = {0};

	assert_int_equal(collab_status_get(d, id, status, due, &accepted, &e), 0);
	assert_string_equal(status, want);
}

static void make_request(db *d, const char *to, char id[37])
{
	struct collab_draft r = {.kind = "协助调查", .to = to, .subject = "请协助调查供货商"};
	ipc_err e = {0};

	if (collab_create(d, &r, id, &e))
		fail_msg("request: %s", e.msg);
}

/* A correctly signed step by d's device that d's own checks would never write. */
static char *forge_step(db *d, const char *request, const char *action, const char *record,
			json_t *deps)
{
	struct op o = {0};
	ipc_err e = {0};
	char *line;

	snprintf(o.actor, sizeof o.actor, "%s", db_self(d)->actor);
	snprintf(o.type, sizeof o.type, "collab_step");
	if (record)
		snprintf(o.record, sizeof o.record, "%s", record);
	else
		op_uuid7(o.record, db_wall_ms());
	o.hlc = hlc_next(d->hlc, db_wall_ms());
	o.deps = deps ? deps : json_array();
	o.set = json_pack("{s:s,s:s}", "request_id", request, "action", action);
	line = op_seal(&o, d->sk, &e);
	op_clear(&o);
	assert_non_null(line);
	return line;
}

static void test_roles_on_import(void **state)
{
	struct office3 o;
	char r[37], *line;
	ipc_err e = {0};

	(void)state;
	three_offices(&o);
	make_request(o.s, "110108", r);
	assert_int_equal(copy_ops(o.s, o.h, NULL), 0);
	assert_int_equal(copy_ops(o.s, o.t, NULL), 0);
	status_is(o.h, r, "sent");

	/* Beichen may not even try locally */
	assert_int_not_equal(collab_receive(o.t, r, &e), -1); /* nothing to do: not its request */
	assert_int_equal(collab_accept(o.t, r, (char[37]){0}, &e), -1);
	assert_non_null(strstr(e.msg, "takes no part"));

	/* nor by a forged op: Haidian and Shijiazhuang refuse it */
	line = forge_step(o.t, r, "accept", NULL, NULL);
	assert_int_equal(db_import(o.h, line, strlen(line), &e), -1);
	assert_non_null(strstr(e.msg, "office 120113 may not accept"));
	assert_int_equal(db_import(o.s, line, strlen(line), &e), -1);
	free(line);
	/* the sender may not accept its own request either */
	line = forge_step(o.s, r, "accept", NULL, NULL);
	assert_int_equal(db_import(o.h, line, strlen(line), &e), -1);
	assert_non_null(strstr(e.msg, "office 130100 may not accept"));
	free(line);
	/* a step is written once: an op that changes one is refused */
	line = forge_step(o.h, r, "receive", NULL, NULL);
	assert_int_equal(db_import(o.s, line, strlen(line), &e), 1);
	{
		struct op p;
		assert_int_equal(op_parse(line, strlen(line), &p, &e), 0);
		char *again = forge_step(o.h, r, "accept", p.record, json_pack("[s]", p.id));
		assert_int_equal(db_import(o.s, again, strlen(again), &e), -1);
		assert_non_null(strstr(e.msg, "written once"));
		free(again);
		op_clear(&p);
	}
	free(line);
	/* a step of a request the workspace does not hold */
	line = forge_step(o.h, "01890000-0000-7000-8000-000000000000", "receive", NULL, NULL);
	assert_int_equal(db_import(o.s, line, strlen(line), &e), -1);
	assert_non_null(strstr(e.msg, "does not hold"));
	free(line);
	status_is(o.s, r, "received");
	three_close(&o);
}

/* A request in another office's name: Beichen's device writes one "from" Shijiazhuang. */
static void test_request_in_another_name(void **state)
{
	struct office3 o;
	struct op p = {0};
	ipc_err e = {0};
	char *line;

	(void)state;
	three_offices(&o);
	snprintf(p.actor, sizeof p.actor, "%s", db_self(o.t)->actor);
	snprintf(p.type, sizeof p.type, "collab_request");
	op_uuid7(p.record, db_wall_ms());
	p.hlc = hlc_next(0, db_wall_ms());
	p.deps = json_array();
	p.set = json_pack("{s:s,s:s,s:s,s:s}", "kind", "clue_transfer", "from_office", "130100",
			  "to_office", "110108", "subject", "冒名的线索");
	line = op_seal(&p, o.t->sk, &e);
	op_clear(&p);
	assert_non_null(line);
	assert_int_equal(db_import(o.h, line, strlen(line), &e), -1);
	assert_non_null(strstr(e.msg, "written by an officer of office 120113"));
	free(line);
	three_close(&o);
}

/* Two officers of the receiving office answer at once, one accepting, one declining: every
 * replica replays the same status, whatever order the steps reach it in. */
static void test_replay_any_order(void **state)
{
	struct office3 o;
	char hh2[64], r[37], made[37];
	ipc_err e = {0};
	db *h2;

	(void)state;
	three_offices(&o);
	h2 = tu_workspace_of("110108", "周红", "11010802", hh2);
	know_each_other((db *[]){o.s, o.h, o.t, h2}, 4);
	make_request(o.s, "110108", r);
	copy_ops(o.s, o.h, NULL);
	copy_ops(o.s, h2, NULL);
	assert_int_equal(collab_receive(o.h, r, &e), 0);
	copy_ops(o.h, h2, NULL);
	/* offline from each other: Haidian accepts, its colleague declines a moment later */
	assert_int_equal(collab_accept(o.h, r, made, &e), 0);
	usleep(3000); /* a later clock, so the order is the same on every run */
	assert_int_equal(collab_decline(h2, r, "不属本辖区", &e), 0);
	status_is(o.h, r, "accepted");
	status_is(h2, r, "declined");
	/* Beichen gets the decline first, Shijiazhuang the acceptance first */
	copy_ops(h2, o.t, NULL);
	copy_ops(o.h, o.t, NULL);
	copy_ops(o.h, o.s, NULL);
	copy_ops(h2, o.s, NULL);
	copy_ops(h2, o.h, NULL);
	copy_ops(o.h, h2, NULL);
	/* the earlier step wins: a request accepted can no longer be declined */
	status_is(o.s, r, "accepted");
	status_is(o.t, r, "accepted");
	status_is(o.h, r, "accepted");
	status_is(h2, r, "accepted");
	tu_close(h2, hh2);
	three_close(&o);
}

/* ---- the guard ---- */

static void test_guard(void **state)
{
	char home[64], c[37], p[200], r[37];
	db *d = tu_workspace("王建国", "13010001", home);
	ipc_err e = {0};

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"举报案\",\"ip_type\":\"trademark\"}",
				  c, &e), 0);
	snprintf(p, sizeof p, "{\"case_id\":\"%s\",\"role\":\"reporter\",\"name\":\"张秘密\","
		 "\"phone\":\"13900001111\"}", c);
	assert_int_equal(tu_write(d, "party", NULL, p, NULL, &e), 0);
	struct collab_draft ok = {.kind = "case_notification", .to = "110108", .case_id = c,
				  .subject = "案情通报"};
	assert_int_equal(collab_create(d, &ok, r, &e), 0);
	struct collab_draft name = ok, phone = ok, idnum = ok;
	name.body = "请联系举报人张秘密";
	phone.summary = "电话 13900001111";
	idnum.body = "当事人身份证号11010519491231002X。";
	assert_int_equal(collab_create(d, &name, r, &e), -1);
	assert_non_null(strstr(e.msg, "body would carry a confidential value"));
	assert_int_equal(collab_create(d, &phone, r, &e), -1);
	assert_non_null(strstr(e.msg, "phone"));
	assert_int_equal(collab_create(d, &idnum, r, &e), -1);
	assert_non_null(strstr(e.msg, "resident ID number"));
	/* a reply later in the thread meets the same guard */
	assert_int_equal(collab_reply(d, r, "举报人张秘密补充了材料", NULL, 0, false, &e), -1);
	/* a package carrying a reporter's name in clear is refused, whoever wrote it */
	assert_int_equal(package_check("{\"v\":1,\"case\":{\"title\":\"x\",\"ip_type\":"
		"\"trademark\"},\"parties\":[{\"role\":\"reporter\",\"name\":\"张秘密\"}]}", &e), -1);
	assert_non_null(strstr(e.msg, "confidential"));
	assert_int_equal(package_check("{\"v\":1,\"case\":{\"title\":\"x\",\"ip_type\":"
		"\"trademark\"},\"parties\":[{\"role\":\"respondent\",\"name\":\"某公司\"},"
		"{\"role\":\"reporter\"}]}", &e), 0);
	assert_int_equal(package_check("{\"v\":1,\"case\":{\"title\":\"x\",\"ip_type\":"
		"\"trademark\",\"notes\":\"随便\"},\"parties\":[]}", &e), -1);
	tu_close(d, home);
}

/* ---- sealing ---- */

static void test_seal(void **state)
{
	struct office3 o;
	const char *secret = "{\"name\":\"张秘密\",\"id_number\":\"11010519491231002X\"}";
	json_t *keys, *seal, *bad;
	char *plain = NULL;
	size_t len;
	ipc_err e = {0};

	(void)state;
	three_offices(&o);
	keys = json_pack("[s,s]", db_self(o.h)->actor, db_self(o.s)->actor);
	seal = seal_make(keys, secret, strlen(secret), "ctx A", &e);
	assert_non_null(seal);
	assert_int_equal(seal_check(seal, &e), 0);
	plain = json_dumps(seal, 0);
	assert_null(strstr(plain, "张秘密"));
	free(plain);
	/* each recipient opens it */
	assert_int_equal(seal_open(o.h, seal, "ctx A", &plain, &len, &e), 1);
	assert_int_equal(len, strlen(secret));
	assert_string_equal(plain, secret);
	free(plain);
	assert_int_equal(seal_open(o.s, seal, "ctx A", &plain, &len, &e), 1);
	free(plain);
	/* the third office is no recipient */
	assert_int_equal(seal_open(o.t, seal, "ctx A", &plain, &len, &e), 0);
	assert_null(plain);
	/* another context (a seal copied into another handoff) does not open */
	assert_int_equal(seal_open(o.h, seal, "ctx B", &plain, &len, &e), -1);
	/* nor a changed ciphertext */
	bad = json_deep_copy(seal);
	{
		char *data = strdup(json_string_value(json_object_get(bad, "data")));
		data[2] = data[2] == 'A' ? 'B' : 'A';
		json_object_set_new(bad, "data", json_string(data));
		free(data);
	}
	assert_int_equal(seal_open(o.h, bad, "ctx A", &plain, &len, &e), -1);
	assert_non_null(strstr(e.msg, "damaged"));
	/* nor a key box swapped with another recipient's */
	json_object_set(json_object_get(bad, "keys"), db_self(o.h)->actor,
			json_object_get(json_object_get(seal, "keys"), db_self(o.s)->actor));
	json_object_set(bad, "data", json_object_get(seal, "data"));
	assert_int_equal(seal_open(o.h, bad, "ctx A", &plain, &len, &e), -1);
	json_decref(bad);
	/* shapes a peer might send */
	bad = json_pack("{s:i,s:s}", "v", 2, "alg", "none");
	assert_int_equal(seal_check(bad, &e), -1);
	json_decref(bad);
	/* a recipient that is no valid public key */
	json_decref(keys);
	keys = json_pack("[s]", "00000000000000000000000000000000000000000000000000000000000000ff");
	assert_null(seal_make(keys, secret, strlen(secret), "ctx A", &e));
	json_decref(keys);
	json_decref(seal);
	three_close(&o);
}

/* The handoff end to end inside the store: sealed to Haidian, opened there, refused to
 * Beichen; the origin settles to transferred once the acceptance is known. */
static void test_handoff(void **state)
{
	struct office3 o;
	char c[37], p[64 + 120], r[37], made[37];
	json_t *view, *got;
	int moved;
	ipc_err e = {0};

	(void)state;
	three_offices(&o);
	assert_int_equal(tu_write(o.s, "case", NULL, "{\"title\":\"举报案\",\"ip_type\":\"trademark\","
				  "\"notes\":\"举报人称\"}", c, &e), 0);
	snprintf(p, sizeof p, "{\"case_id\":\"%s\",\"role\":\"reporter\",\"name\":\"张秘密\"}", c);
	assert_int_equal(tu_write(o.s, "party", NULL, p, NULL, &e), 0);
	/* an office not verified here (Tianjin Hedong 120102, or Haidian before its key is
	 * compared): nothing can be sealed, and the refusal says how to verify it */
	assert_int_equal(handoff_send(o.s, c, "120102", NULL, r, &e), -1);
	assert_non_null(strstr(e.msg, "ipcase office verify 120102"));
	assert_int_equal(handoff_send(o.s, c, "110108", NULL, r, &e), -1);
	assert_non_null(strstr(e.msg, "not verified"));
	/* Haidian makes its office key (its officer is its first member); Shijiazhuang takes its
	 * roster and pins the key by the fingerprint read out */
	{
		json_t *office;
		if (roster_create(o.h, NULL, &e))
			fail_msg("office create: %s", e.msg);
		assert_non_null(office = roster_office(o.h, &e));
		copy_ops(o.h, o.s, NULL);
		if (roster_verify(o.s, "110108", json_string_value(json_object_get(office, "fingerprint")), &e))
			fail_msg("verify: %s", e.msg);
		json_decref(office);
	}
	if (handoff_send(o.s, c, "110108", NULL, r, &e))
		fail_msg("handoff: %s", e.msg);
	copy_ops(o.s, o.h, NULL);
	copy_ops(o.s, o.t, NULL);
	assert_non_null(got = db_get(o.h, r, &e));
	assert_non_null(view = handoff_view(o.h, got, &e));
	assert_true(json_is_true(json_object_get(view, "readable")));
	{
		char *s = json_dumps(json_object_get(view, "confidential"), 0);
		assert_non_null(strstr(s, "张秘密"));
		free(s);
	}
	json_decref(view);
	json_decref(got);
	assert_non_null(got = db_get(o.t, r, &e));
	assert_non_null(view = handoff_view(o.t, got, &e));
	assert_false(json_is_true(json_object_get(view, "readable")));
	assert_null(json_object_get(view, "confidential"));
	json_decref(view);
	json_decref(got);
	assert_int_equal(collab_accept(o.h, r, made, &e), 0);
	assert_int_equal(strlen(made), 36);
	/* the origin settles once it holds the acceptance, and only then */
	assert_int_equal(handoff_settle(o.s, &moved, &e), 0);
	assert_int_equal(moved, 0);
	copy_ops(o.h, o.s, NULL);
	assert_int_equal(handoff_settle(o.s, &moved, &e), 0);
	assert_int_equal(moved, 1);
	assert_non_null(got = db_get(o.s, c, &e));
	assert_string_equal(json_string_value(json_object_get(got, "status")), "transferred");
	json_decref(got);
	assert_int_equal(handoff_settle(o.s, &moved, &e), 0);
	assert_int_equal(moved, 0);
	three_close(&o);
}

static void test_waiting(void **state)
{
	struct office3 o;
	char r1[37], r2[37], made[37];
	ipc_err e = {0};

	(void)state;
	three_offices(&o);
	make_request(o.s, "110108", r1);
	make_request(o.s, "110108", r2);
	copy_ops(o.s, o.h, NULL);
	assert_int_equal(collab_waiting(o.h), 2);
	assert_int_equal(collab_waiting(o.s), 0);
	assert_int_equal(collab_waiting(o.t), 0);
	assert_int_equal(collab_accept(o.h, r1, made, &e), 0);
	assert_int_equal(collab_reply(o.h, r1, "已办结", NULL, 0, true, &e), 0);
	assert_int_equal(collab_waiting(o.h), 1);
	copy_ops(o.h, o.s, NULL);
	assert_int_equal(collab_waiting(o.s), 1); /* answered: the sender closes it */
	assert_int_equal(collab_close(o.s, r1, NULL, &e), 0);
	assert_int_equal(collab_waiting(o.s), 0);
	three_close(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transition_table),
		cmocka_unit_test(test_roles_on_import),
		cmocka_unit_test(test_request_in_another_name),
		cmocka_unit_test(test_replay_any_order),
		cmocka_unit_test(test_guard),
		cmocka_unit_test(test_seal),
		cmocka_unit_test(test_handoff),
		cmocka_unit_test(test_waiting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
