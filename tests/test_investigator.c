/* test_investigator — the technical-investigator pool and assignments: recusal by USCC and by
 * normalised name, overrides kept in the history, other-stage participation, suggestions
 * (field before mismatch, lighter workload first, conflicted last), the life of an assignment
 * on write and on import, technical-field extensions, CSV reading and writing. */
#include "db/rules/techfield.h"
#include "tests/testutil.h"

#include "base/csv.h"
#include "base/json.h"
#include "base/orgname.h"
#include "db/calendar.h"
#include "db/deadlines.h"
#include "db/rules/assign.h"
#include "db/rules/investigator.h"
#include "db/rules/recusal.h"

#define PARTY "河北创芯电子有限公司"
#define PARTY_USCC "91110108551385082Q"

static char home[64];
static db *d;

static int setup(void **state)
{
	(void)state;
	d = tu_workspace("王建国", "13010001", home);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_close(d, home);
	return 0;
}

static void write_ok(const char *type, const char *id, const char *json, char out[37])
{
	ipc_err e = {0};

	if (tu_write(d, type, id, json, out, &e))
		fail_msg("%s: %s", type, e.msg);
}

/* A case of technical field `field` in Shijiazhuang whose respondent is PARTY. */
static void new_case(const char *field, char id[37])
{
	char json[400], party[37];

	snprintf(json, sizeof json, "{\"title\":\"集成电路布图设计侵权案\",\"ip_type\":\"layout_design\","
		 "\"region\":\"130100\"%s%s%s}", field ? ",\"tech_field\":\"" : "", field ? field : "",
		 field ? "\"" : "");
	write_ok("case", NULL, json, id);
	snprintf(json, sizeof json, "{\"case_id\":\"%s\",\"role\":\"respondent\",\"name\":\"%s\","
		 "\"uscc\":\"%s\"}", id, PARTY, PARTY_USCC);
	write_ok("party", NULL, json, party);
}

static void new_investigator(const char *name, const char *fields, const char *region,
			     const char *interests, char id[37])
{
	char json[600];

	snprintf(json, sizeof json, "{\"name\":\"%s\",\"organisation\":\"河北工业大学\",\"fields\":%s,"
		 "\"region\":\"%s\"%s%s}", name, fields, region, interests ? ",\"interests\":" : "",
		 interests ? interests : "");
	write_ok("investigator", NULL, json, id);
}

static int assign(const char *case_id, const char *inv, const char *override, char id[37],
		  ipc_err *e)
{
	json_t *tasks = json_pack("[s,s]", "investigate", "analyse");
	struct assign_req r = {.case_id = case_id, .investigator_id = inv, .tasks = tasks,
			       .override_reason = override};
	int rc = assign_make(d, &r, id, e);

	json_decref(tasks);
	return rc;
}

static void assign_ok(const char *case_id, const char *inv, char id[37])
{
	ipc_err e = {0};

	if (assign(case_id, inv, NULL, id, &e))
		fail_msg("assign: %s", e.msg);
}

static void advance_ok(const char *id, const char *status)
{
	ipc_err e = {0};

	if (assign_advance(d, id, status, NULL, NULL, &e))
		fail_msg("advance to %s: %s", status, e.msg);
}

static char *field_of(const char *id, const char *field)
{
	ipc_err e = {0};
	json_t *o = db_get(d, id, &e);
	char *v;

	assert_non_null(o);
	v = json_is_string(json_object_get(o, field))
	    ? strdup(json_string_value(json_object_get(o, field))) : NULL;
	json_decref(o);
	return v;
}

static void assert_status(const char *id, const char *want)
{
	char *got = field_of(id, "status");

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static size_t assignments_of(const char *case_id)
{
	struct assign_query q = {.case_id = case_id};
	ipc_err e = {0};
	json_t *list = assign_list(d, &q, &e);
	size_t n = json_array_size(list);

	assert_non_null(list);
	json_decref(list);
	return n;
}

/* ---- recusal ---- */

static void test_interest_by_uscc_refused_naming_the_party(void **state)
{
	char kase[37], conflicted[37], clean[37], a[37];
	ipc_err e = {0};

	(void)state;
	new_case("integrated_circuits", kase);
	new_investigator("张工", "[\"integrated_circuits\"]", "130100",
			 "[{\"uscc\":\"" PARTY_USCC "\"}]", conflicted);
	new_investigator("李工", "[\"integrated_circuits\"]", "130100",
			 "[{\"name\":\"别的公司\",\"uscc\":\"914403001922038216\"}]", clean);
	assert_int_equal(assign(kase, conflicted, NULL, a, &e), -1);
	assert_non_null(strstr(e.msg, PARTY));
	assert_non_null(strstr(e.msg, PARTY_USCC));
	assert_non_null(strstr(e.msg, "respondent"));
	assert_non_null(strstr(e.msg, "--override-reason"));
	assert_int_equal(assignments_of(kase), 0);
	assign_ok(kase, clean, a);
	assert_int_equal(assignments_of(kase), 1);
	assert_status(a, "proposed");
}

static void test_interest_by_normalised_name_refused(void **state)
{
	char kase[37], inv[37], a[37], k1[320], k2[320], k3[320];
	ipc_err e = {0};

	(void)state;
	orgname_key("ＡＢＣ 科技有限公司（海淀）", k1, sizeof k1);
	orgname_key("abc科技有限公司(海淀)", k2, sizeof k2);
	orgname_key("abd科技有限公司(海淀)", k3, sizeof k3);
	assert_string_equal(k1, k2);
	assert_string_not_equal(k1, k3);

	new_case(NULL, kase);
	/* the same company, spelled with spaces and full-width brackets, no USCC */
	new_investigator("王工", "[\"electronics\"]", "130100",
			 "[{\"name\":\" 河北创芯 电子有限公司（ ）\"}]", inv);
	assert_int_equal(assign(kase, inv, NULL, a, &e), -1);
	assert_non_null(strstr(e.msg, PARTY));
	assert_non_null(strstr(e.msg, "same name"));
	assert_int_equal(assignments_of(kase), 0);
}

static void test_override_is_kept_in_the_history(void **state)
{
	char kase[37], inv[37], a[37], *rid;
	ipc_err e = {0};
	json_t *log, *got;
	bool seen = false;
	size_t i;
	json_t *entry;

	(void)state;
	new_case("integrated_circuits", kase);
	new_investigator("张工", "[\"integrated_circuits\"]", "130100",
			 "[{\"name\":\"" PARTY "\"}]", inv);
	assert_int_equal(assign(kase, inv, "  \n", a, &e), -1); /* a blank reason is none */
	assert_int_equal(assignments_of(kase), 0);
	if (assign(kase, inv, "唯一掌握该工艺的专家，双方当事人书面同意", a, &e))
		fail_msg("override: %s", e.msg);
	assert_non_null(rid = field_of(a, "recusal_id"));
	assert_non_null(log = db_log(d, rid, &e));
	json_array_foreach(log, i, entry) {
		json_t *set = json_object_get(entry, "set");
		const char *why = json_string_value(json_object_get(set, "override_reason"));
		const char *grounds = json_string_value(json_object_get(set, "grounds"));
		if (why && !strcmp(why, "唯一掌握该工艺的专家，双方当事人书面同意")) {
			seen = true;
			assert_non_null(grounds);
			assert_non_null(strstr(grounds, PARTY));
			assert_string_equal(json_string_value(json_object_get(entry, "officer")), "王建国");
		}
	}
	assert_true(seen);
	json_decref(log);
	assert_non_null(got = assign_get(d, a, &e));
	assert_string_equal(json_string_value(json_object_get(json_object_get(got, "recusal"), "id")),
			    rid);
	json_decref(got);
	free(rid);
}

static void test_another_stage_and_a_second_assignment(void **state)
{
	char kase[37], inv[37], a[37], b[37], c[37];
	ipc_err e = {0};

	(void)state;
	new_case("integrated_circuits", kase);
	new_investigator("张工", "[\"integrated_circuits\"]", "130100", NULL, inv);
	assign_ok(kase, inv, a);
	/* open at this stage: refused, even with a reason */
	assert_int_equal(assign(kase, inv, "再次指派", b, &e), -1);
	assert_non_null(strstr(e.msg, "already assigned"));
	advance_ok(a, "notified");
	advance_ok(a, "accepted");
	write_ok("case", kase, "{\"status\":\"verifying\"}", NULL);
	assert_int_equal(assign(kase, inv, NULL, b, &e), -1);
	assert_non_null(strstr(e.msg, "took part in the clue stage"));
	if (assign(kase, inv, "前一阶段仅作初步分析，经合议组同意", c, &e))
		fail_msg("override: %s", e.msg);
	assert_int_equal(assignments_of(kase), 2);
}

/* ---- suggestions ---- */

/* The position of investigator id in a suggestion list, and its entry. */
static size_t rank_of(json_t *list, const char *id, json_t **entry)
{
	json_t *x;
	size_t i;

	json_array_foreach(list, i, x)
		if (!strcmp(json_string_value(json_object_get(x, "id")), id)) {
			*entry = x;
			return i;
		}
	fail_msg("investigator %s not suggested", id);
	return 0;
}

static bool has_reason(json_t *entry, const char *part)
{
	json_t *r;
	size_t i;

	json_array_foreach(json_object_get(entry, "reasons"), i, r)
		if (strstr(json_string_value(r), part))
			return true;
	return false;
}

static void test_field_match_ranks_above_mismatch(void **state)
{
	char kase[37], match[37], mismatch[37];
	json_t *list, *m, *x;
	ipc_err e = {0};

	(void)state;
	new_case("integrated_circuits", kase);
	/* the mismatch lives in the case's city, the match in Beijing */
	new_investigator("甲", "[\"biomedicine\",\"chemicals\"]", "130100", NULL, mismatch);
	new_investigator("乙", "[\"electronics\",\"integrated_circuits\"]", "110108", NULL, match);
	assert_non_null(list = recusal_suggest(d, kase, 0, &e));
	assert_true(rank_of(list, match, &m) < rank_of(list, mismatch, &x));
	assert_true(has_reason(m, "works in the case's field (integrated circuits)"));
	assert_true(has_reason(x, "does not work in the case's field"));
	assert_true(has_reason(x, "in the case's region"));
	assert_true(json_is_true(json_object_get(x, "eligible")));
	json_decref(list);
}

static void test_lighter_workload_ranks_above_heavier(void **state)
{
	char kase[37], other1[37], other2[37], busy[37], free_[37], a[37];
	json_t *list, *b, *f;
	ipc_err e = {0};

	(void)state;
	new_case("integrated_circuits", kase);
	new_case("integrated_circuits", other1);
	new_case("integrated_circuits", other2);
	/* "甲" sorts before "乙": only the workload can put the free one first */
	new_investigator("甲", "[\"integrated_circuits\"]", "130100", NULL, busy);
	new_investigator("乙", "[\"integrated_circuits\"]", "130100", NULL, free_);
	assign_ok(other1, busy, a);
	assign_ok(other2, busy, a);
	assert_non_null(list = recusal_suggest(d, kase, 0, &e));
	assert_true(rank_of(list, free_, &f) < rank_of(list, busy, &b));
	assert_true(has_reason(b, "2 open assignments"));
	assert_true(has_reason(f, "no open assignments"));
	assert_int_equal(json_integer_value(json_object_get(b, "open_assignments")), 2);
	json_decref(list);

	/* closed work is no workload: the tie falls back to the name */
	advance_ok(a, "declined");
	assert_non_null(list = recusal_suggest(d, kase, 0, &e));
	assert_true(has_reason(json_array_get(list, rank_of(list, busy, &b)), "1 open assignment"));
	json_decref(list);
}

static void test_conflicted_listed_last_unavailable_left_out(void **state)
{
	char kase[37], ok1[37], ok2[37], conflicted[37], away[37];
	json_t *list, *c;
	ipc_err e = {0};

	(void)state;
	new_case("integrated_circuits", kase);
	new_investigator("丙", "[\"integrated_circuits\"]", "130100",
			 "[{\"uscc\":\"" PARTY_USCC "\"}]", conflicted);
	new_investigator("甲", "[\"integrated_circuits\"]", "130100", NULL, ok1);
	new_investigator("乙", "[\"biomedicine\"]", "130100", NULL, ok2);
	new_investigator("丁", "[\"integrated_circuits\"]", "130100", NULL, away);
	write_ok("investigator", away, "{\"availability\":\"unavailable\"}", NULL);
	assert_non_null(list = recusal_suggest(d, kase, 0, &e));
	assert_int_equal(json_array_size(list), 3);
	assert_int_equal(rank_of(list, conflicted, &c), 2);
	assert_false(json_is_true(json_object_get(c, "eligible")));
	assert_true(has_reason(c, PARTY));
	json_decref(list);
	/* the limit cuts the eligible ones, never the refused */
	assert_non_null(list = recusal_suggest(d, kase, 1, &e));
	assert_int_equal(json_array_size(list), 2);
	json_decref(list);
	ipc_err why = {0};
	char a[37];
	assert_int_equal(assign(kase, away, NULL, a, &why), -1);
	assert_non_null(strstr(why.msg, "not available"));
}

/* ---- the life of an assignment ---- */

static void test_transitions_on_write(void **state)
{
	char kase[37], inv[37], inv2[37], a[37], b[37], op[37];
	ipc_err e = {0};
	char *date;

	(void)state;
	new_case("integrated_circuits", kase);
	new_investigator("张工", "[\"integrated_circuits\"]", "130100", NULL, inv);
	new_investigator("李工", "[\"integrated_circuits\"]", "130100", NULL, inv2);
	assign_ok(kase, inv, a);
	assert_int_equal(assign_advance(d, a, "accepted", NULL, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "next: notified, declined, replaced"));
	assert_int_equal(assign_advance(d, a, "notified", NULL, "2999-01-01", &e), -1);
	setenv("IPCASE_TODAY", "2030-05-06", 1);
	advance_ok(a, "notified");
	unsetenv("IPCASE_TODAY");
	assert_non_null(date = field_of(a, "notified_on"));
	assert_string_equal(date, "2030-05-06");
	free(date);
	advance_ok(a, "accepted");
	/* no opinion before the work starts, and no status without its opinion */
	assert_int_equal(assign_opinion(d, a, "意见", NULL, op, &e), -1);
	advance_ok(a, "in_progress");
	assert_int_equal(tu_write(d, "assignment", a, "{\"status\":\"opinion_submitted\"}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "assignment opinion"));
	if (assign_opinion(d, a, "经比对，被控布图与登记布图的核心模块相同。", NULL, op, &e))
		fail_msg("opinion: %s", e.msg);
	assert_status(a, "opinion_submitted");
	advance_ok(a, "closed");
	assert_int_equal(assign_advance(d, a, "in_progress", NULL, NULL, &e), -1);
	assert_int_equal(tu_write(d, "opinion", op, "{\"text\":\"改\"}", NULL, &e), -1);
	assert_int_equal(tu_write(d, "assignment", a, "{\"investigator_id\":\"" "00000000-0000-7000-8000-000000000000" "\"}", NULL, &e), -1);

	/* a replacement starts a new one; the replaced one says so */
	write_ok("case", kase, "{\"status\":\"verifying\"}", NULL);
	assign_ok(kase, inv2, b);
	json_t *tasks = json_pack("[s]", "inspect");
	struct assign_req r = {.case_id = kase, .investigator_id = inv, .tasks = tasks,
			       .override_reason = "原调查官熟悉该布图", .replaces = b,
			       .reason = "当事人申请回避"};
	char c[37];
	if (assign_make(d, &r, c, &e))
		fail_msg("replace: %s", e.msg);
	assert_status(b, "replaced");
	assert_status(c, "proposed");
	r.replaces = a; /* closed: nothing to replace */
	assert_int_equal(assign_make(d, &r, b, &e), -1);
	json_decref(tasks);
}

/* A peer's op must follow the life too: an invalid change is stored (it is signed history)
 * but has no effect on any replica, and a record cannot start in a later status. */
static void test_transitions_on_import(void **state)
{
	char kase[37], inv[37], a[37], fake[37], deps[80], *line;
	ipc_err e = {0};
	json_t *log;

	(void)state;
	new_case("integrated_circuits", kase);
	new_investigator("张工", "[\"integrated_circuits\"]", "130100", NULL, inv);
	assign_ok(kase, inv, a);
	assert_non_null(log = db_log(d, a, &e));
	snprintf(deps, sizeof deps, "[\"%s\"]",
		 json_string_value(json_object_get(json_array_get(log, 0), "op")));
	json_decref(log);
	line = tu_forge_op(d, "assignment", a, deps, "{\"status\":\"closed\"}");
	assert_int_equal(db_import(d, line, strlen(line), &e), 1);
	free(line);
	assert_status(a, "proposed");
	advance_ok(a, "notified"); /* a write after it folds the same way */
	assert_status(a, "notified");

	op_uuid7(fake, 1);
	line = tu_forge_op(d, "assignment", fake, "[]", "{\"status\":\"closed\",\"tasks\":[\"judge\"]}");
	assert_int_equal(db_import(d, line, strlen(line), &e), -1);
	assert_non_null(strstr(e.msg, "cannot start in status closed"));
	free(line);
}

/* ---- technical fields ---- */

static void test_tech_field_extension(void **state)
{
	char inv[37], id[37], label[64];
	ipc_err e = {0};

	(void)state;
	assert_int_equal(tu_write(d, "investigator", NULL, "{\"name\":\"赵工\",\"organisation\":\"北航\","
				  "\"fields\":[\"aerospace\"]}", inv, &e), -1);
	assert_non_null(strstr(e.msg, "unknown technical field \"aerospace\""));
	assert_int_equal(techfield_add(d, "integrated_circuits", "集成电路", NULL, id, &e), -1);
	if (techfield_add(d, "aerospace", "航空航天", "aerospace", id, &e))
		fail_msg("techfield: %s", e.msg);
	assert_int_equal(techfield_add(d, "aerospace", "航天", NULL, id, &e), -1);
	write_ok("investigator", NULL, "{\"name\":\"赵工\",\"organisation\":\"北航\","
		 "\"fields\":[\"aerospace\",\"new_materials\"]}", inv);
	techfield_label(d, "aerospace", true, label, sizeof label);
	assert_string_equal(label, "航空航天");
	techfield_label(d, "integrated_circuits", true, label, sizeof label);
	assert_string_equal(label, "集成电路");
	write_ok("case", NULL, "{\"title\":\"t\",\"ip_type\":\"trademark\",\"tech_field\":\"aerospace\"}", id);
	assert_int_equal(tu_write(d, "case", id, "{\"tech_field\":\"rocketry\"}", NULL, &e), -1);
}

/* ---- CSV ---- */

static void csv_file(const char *content, char path[96])
{
	FILE *f;

	snprintf(path, 96, "%s/t.csv", home);
	assert_non_null(f = fopen(path, "wb"));
	fputs(content, f);
	fclose(f);
}

static void test_csv_reading(void **state)
{
	struct csv c;
	struct csv_row row = {0};
	char path[96];
	ipc_err e = {0};

	(void)state;
	csv_file("\xef\xbb\xbfname,notes\r\n\"Li, \"\"Jr.\"\"\",\"two\nlines\"\r\n\r\nplain,\n"
		 "bad\"quote,x\n\"open,y\nz\n", path);
	assert_int_equal(csv_open(path, &c, &e), 0);
	assert_int_equal(csv_next(&c, &row, &e), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.field[0], "name"); /* the byte-order mark is gone */
	assert_int_equal(csv_next(&c, &row, &e), 1);
	assert_string_equal(row.field[0], "Li, \"Jr.\"");
	assert_string_equal(row.field[1], "two\nlines");
	assert_int_equal(row.line, 2);
	assert_int_equal(csv_next(&c, &row, &e), 1); /* the blank line is skipped */
	assert_int_equal(row.line, 5);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.field[1], "");
	assert_int_equal(csv_next(&c, &row, &e), -1);
	assert_int_equal(row.line, 6);
	assert_non_null(strstr(e.msg, "quote inside an unquoted field"));
	assert_int_equal(csv_next(&c, &row, &e), -1);
	assert_int_equal(row.line, 7);
	assert_non_null(strstr(e.msg, "not closed"));
	assert_int_equal(csv_next(&c, &row, &e), 0);
	csv_row_free(&row);
	csv_close(&c);
}

static void test_csv_writing(void **state)
{
	const char *cells[] = {"plain", "a,b", "say \"hi\"", "two\nlines", " edge", NULL};
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	csv_write(f, cells, 6);
	fclose(f);
	assert_string_equal(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" edge\",\r\n");
	free(buf);
}

/* Cells a spreadsheet would run as formulas get a leading ' (and so does one beginning with
 * '); reading removes exactly that one, so every cell comes back as it was. */
static void test_csv_formulas(void **state)
{
	const char *cells[] = {"=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3",
			       "@SUM(A1)", "\tx", "\rx", "'quoted", "'", "''=", "a=b", "", "中=1"};
	const size_t n = sizeof cells / sizeof cells[0];
	struct csv c;
	struct csv_row row = {0};
	char *buf = NULL, path[96];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ipc_err e = {0};

	(void)state;
	csv_write(f, cells, n);
	fclose(f);
	assert_string_equal(buf, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd|' /C calc'!A0,'-2+3,'@SUM(A1),"
			    "'\tx,\"'\rx\",''quoted,'','''=,a=b,,中=1\r\n");
	csv_file(buf, path);
	assert_int_equal(csv_open(path, &c, &e), 0);
	assert_int_equal(csv_next(&c, &row, &e), 1);
	assert_int_equal(row.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(row.field[i], cells[i]);
	csv_row_free(&row);
	csv_close(&c);
	/* a ' before anything else is the cell's own */
	csv_file("'abc,'1\n", path);
	assert_int_equal(csv_open(path, &c, &e), 0);
	assert_int_equal(csv_next(&c, &row, &e), 1);
	assert_string_equal(row.field[0], "'abc");
	assert_string_equal(row.field[1], "'1");
	csv_row_free(&row);
	csv_close(&c);
	free(buf);
}

/* The open deadline of the case that comes from record `ref`, or NULL; fails on two. */
static json_t *deadline_of(const char *case_id, const char *ref)
{
	ipc_err e = {0};
	json_t *rows = deadline_list(d, &(struct deadline_query){.case_id = case_id}, &e), *row;
	json_t *found = NULL;
	size_t i;

	assert_non_null(rows);
	json_array_foreach(rows, i, row)
		if (strcmp(jstr(row, "ref"), ref) == 0) {
			assert_null(found);
			found = json_incref(row);
		}
	json_decref(rows);
	return found;
}

/* An assignment's deadlines reach its case through the assignment type's deadlines hook: the
 * parties are told of a proposed one within 3 days; an accepted one (and one in progress) is
 * due on its date. */
static void test_assignment_deadlines(void **state)
{
	char c[37], inv[37], a[37], by[11];
	struct assign_req r = {.tasks = json_pack("[s]", "investigate"), .due = "2026-06-30"};
	ipc_err e = {0};
	json_t *row;
	char *on;

	(void)state;
	new_case(NULL, c);
	new_investigator("张工", "[\"electronics\"]", "130100", NULL, inv);
	r.case_id = c;
	r.investigator_id = inv;
	assert_int_equal(assign_make(d, &r, a, &e), 0);
	json_decref(r.tasks);
	on = field_of(a, "assigned_on");
	assert_int_equal(cal_add_days(on, 3, by), 0);
	free(on);
	assert_non_null(row = deadline_of(c, a));
	assert_string_equal(jstr(row, "kind"), "investigator_notice");
	assert_string_equal(jstr(row, "due"), by);
	json_decref(row);
	advance_ok(a, "notified"); /* told: waiting for the investigator's answer, no deadline */
	assert_null(deadline_of(c, a));
	advance_ok(a, "accepted");
	assert_non_null(row = deadline_of(c, a));
	assert_string_equal(jstr(row, "kind"), "investigator_opinion");
	assert_string_equal(jstr(row, "due"), "2026-06-30");
	json_decref(row);
	advance_ok(a, "in_progress");
	assert_non_null(row = deadline_of(c, a));
	assert_string_equal(jstr(row, "kind"), "investigator_opinion");
	json_decref(row);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_interest_by_uscc_refused_naming_the_party, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interest_by_normalised_name_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_is_kept_in_the_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_another_stage_and_a_second_assignment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_match_ranks_above_mismatch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lighter_workload_ranks_above_heavier, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflicted_listed_last_unavailable_left_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transitions_on_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transitions_on_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tech_field_extension, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_reading, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_writing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_formulas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assignment_deadlines, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
