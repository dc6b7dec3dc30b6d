/* test_rtype — a record type is one module plus one registration line: a fixture type
 * ("widget", belonging to a case) defined here with its fields and hooks and registered only
 * in this test gets its table at open, its rules on local writes and peers' ops, its folded
 * and refresh hooks, and its place in the case bundle — with no change to the store. */
#include "testutil.h"

#include "db/caseview.h"
#include "db/schema.h"

static const struct field widget_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED, NULL, "case", "案件", "case", 0},
	{"size", FK_INT, FF_REQUIRED, NULL, NULL, "尺寸", "size", 0},
	{"label", FK_TEXT, 0, NULL, NULL, "标签", "label", 0},
};

static struct {
	int folded, folded_new, refreshed;
	int64_t last_rowid;
} seen;

/* Refuses size 13; fills a label when none is given. */
static int widget_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			      json_t *set, ipc_err *e)
{
	(void)d, (void)t, (void)old;
	if (json_integer_value(json_object_get(state, "size")) == 13)
		return err_set(e, "a widget is never of size 13");
	if (!json_object_get(state, "label")) {
		json_object_set_new(set, "label", json_string("plain"));
		json_object_set_new(state, "label", json_string("plain"));
	}
	return 0;
}

/* Peers may not send size 7 (a local write may). */
static int widget_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	(void)d, (void)t;
	return json_integer_value(json_object_get(o->set, "size")) == 7
		       ? err_set(e, "no widget of size 7 from a peer") : 0;
}

static int widget_folded(db *d, const struct rtype *t, const char *record, const json_t *state,
			 bool is_new, ipc_err *e)
{
	(void)d, (void)t, (void)record, (void)state, (void)e;
	seen.folded++;
	seen.folded_new += is_new;
	return 0;
}

static int widget_refresh(db *d, int64_t rowid, ipc_err *e)
{
	(void)d, (void)e;
	seen.refreshed++;
	seen.last_rowid = rowid;
	return 0;
}

static const struct rtype widget_type = {
	.name = "widget", .zh = "部件", .en = "widget", .table = "t_widget",
	.fields = widget_fields, .nfields = sizeof widget_fields / sizeof widget_fields[0],
	.parent = "case_id", .channel = "office",
	.check_write = widget_check_write, .check_import = widget_check_import,
	.folded = widget_folded, .refresh = widget_refresh,
};

static int setup(void **state)
{
	ipc_err e = {0};

	(void)state;
	if (!schema_type("widget") && schema_register(&widget_type, &e))
		fail_msg("register: %s", e.msg);
	return 0;
}

static void test_register_once(void **state)
{
	ipc_err e = {0};

	(void)state;
	assert_ptr_equal(schema_type("widget"), &widget_type);
	assert_int_equal(schema_register(&widget_type, &e), -1);
	assert_non_null(strstr(e.msg, "widget"));
	assert_ptr_equal(schema_parent_type(&widget_type), schema_type("case"));
}

static void test_local_writes(void **state)
{
	char home[64], kase[37], w[37];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", home);
	json_t *o;

	(void)state;
	memset(&seen, 0, sizeof seen);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"部件案\",\"ip_type\":\"trademark\"}",
				  kase, &e), 0);
	/* the generic rules: required fields and the parent */
	assert_int_equal(tu_write(d, "widget", NULL, "{\"size\":3}", w, &e), -1);
	assert_non_null(strstr(e.msg, "case_id"));
	/* the type's own rule refuses, and nothing was written */
	{
		char set[160];
		snprintf(set, sizeof set, "{\"case_id\":\"%s\",\"size\":13}", kase);
		assert_int_equal(tu_write(d, "widget", NULL, set, w, &e), -1);
		assert_string_equal(e.msg, "a widget is never of size 13");
		assert_int_equal(seen.folded, 0);
		snprintf(set, sizeof set, "{\"case_id\":\"%s\",\"size\":3}", kase);
		assert_int_equal(tu_write(d, "widget", NULL, set, w, &e), 0);
	}
	/* what the rule filled in is in the signed op and the state */
	assert_non_null(o = db_get(d, w, &e));
	assert_string_equal(json_string_value(json_object_get(o, "label")), "plain");
	json_decref(o);
	assert_int_equal(seen.folded, 1);
	assert_int_equal(seen.folded_new, 1);
	assert_int_equal(seen.refreshed, 1);
	/* two writes of one record in one transaction: one refresh at commit */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(tu_write(d, "widget", w, "{\"size\":4}", NULL, &e), 0);
	assert_int_equal(tu_write(d, "widget", w, "{\"size\":5}", NULL, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(seen.folded, 3);
	assert_int_equal(seen.folded_new, 1);
	assert_int_equal(seen.refreshed, 2);
	/* a rolled-back write refreshes nothing */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(tu_write(d, "widget", w, "{\"size\":6}", NULL, &e), 0);
	db_rollback(d);
	assert_int_equal(seen.refreshed, 2);
	tu_close(d, home);
}

static void test_bundle_has_the_new_type(void **state)
{
	char home[64], kase[37], w[37], set[160];
	ipc_err e = {0};
	db *d = tu_workspace("王建国", "13010001", home);
	json_t *b, *kids;

	(void)state;
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"部件案\",\"ip_type\":\"trademark\"}",
				  kase, &e), 0);
	snprintf(set, sizeof set, "{\"case_id\":\"%s\",\"size\":3}", kase);
	assert_int_equal(tu_write(d, "widget", NULL, set, w, &e), 0);
	assert_int_equal(tu_write(d, "party", NULL, "{\"role\":\"respondent\",\"name\":\"某公司\","
				  "\"case_id\":\"x\"}", NULL, &e), -1);
	assert_non_null(b = db_bundle(d, kase, DB_BUNDLE_HISTORY, &e));
	kids = json_object_get(b, "children");
	assert_int_equal(json_array_size(json_object_get(kids, "widget")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(kids, "widget"), 0), "id")), w);
	/* every type whose parent is a case, from the schema */
	for (size_t i = 0; i < schema_ntypes; i++)
		assert_int_equal(json_object_get(kids, schema_types[i]->name) != NULL,
				 schema_parent_type(schema_types[i]) == schema_type("case"));
	/* the case's op and the widget's */
	assert_int_equal(json_array_size(json_object_get(b, "history")), 2);
	json_decref(b);
	tu_close(d, home);
}

struct peer {
	db *to;
	int stored, refused;
	char why[512];
};

static int import_one(const char *line, size_t len, void *arg)
{
	struct peer *p = arg;
	ipc_err e = {0};
	int rc = db_import(p->to, line, len, &e);

	if (rc < 0) {
		p->refused++;
		snprintf(p->why, sizeof p->why, "%s", e.msg);
	} else {
		p->stored += rc;
	}
	return 0;
}

static void test_peer_ops_meet_the_hook(void **state)
{
	char ha[64], hb[64], kase[37], set[160];
	ipc_err e = {0};
	db *a = tu_workspace("王建国", "13010001", ha), *b = tu_workspace("李敏", "13010002", hb);
	struct peer p = {.to = b};

	(void)state;
	assert_int_equal(tu_write(a, "case", NULL, "{\"title\":\"部件案\",\"ip_type\":\"trademark\"}",
				  kase, &e), 0);
	snprintf(set, sizeof set, "{\"case_id\":\"%s\",\"size\":3}", kase);
	assert_int_equal(tu_write(a, "widget", NULL, set, NULL, &e), 0);
	snprintf(set, sizeof set, "{\"case_id\":\"%s\",\"size\":7}", kase);
	assert_int_equal(tu_write(a, "widget", NULL, set, NULL, &e), 0);
	assert_int_equal(db_actor_add(b, db_self(a), &e), 0);
	memset(&seen, 0, sizeof seen);
	assert_int_equal(db_ops_each(a, import_one, &p, &e), 0);
	assert_int_equal(p.stored, 2);
	assert_int_equal(p.refused, 1);
	assert_string_equal(p.why, "no widget of size 7 from a peer");
	/* the peer's widget went through the fold's hook and its refresh */
	assert_int_equal(seen.folded, 1);
	assert_int_equal(seen.refreshed, 1);
	tu_close(a, ha);
	tu_close(b, hb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_once),
		cmocka_unit_test(test_local_writes),
		cmocka_unit_test(test_bundle_has_the_new_type),
		cmocka_unit_test(test_peer_ops_meet_the_hook),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
