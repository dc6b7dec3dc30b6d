/* Tests of the op log: encoding, golden hashes, tampering, import checks, the fold under
 * every arrival order, conflicts and their resolution, export determinism. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include <sodium.h>
#include <sqlite3.h>

#include "db/channel.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/opz.h"
#include "db/schema.h"

/* A fixed key and op, so the encoding and hash are pinned: if this test changes, the sync
 * format changed, and git history is forever. */
#define GOLDEN_LINE "{\"actor\":\"ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c\",\"deps\":[],\"hlc\":115605504000000000,\"id\":\"108c1d62d029958aeabcbb66105a1b5ce0c68ef127e88a6ea0a4f1defbcf0b16\",\"record\":\"01934f2a-1b2c-7d3e-8f40-123456789abc\",\"set\":{\"ip_type\":\"trademark\",\"status\":\"clue\",\"title\":\"销售假冒\\\"耐克\\\"运动鞋案\"},\"sig\":\"700d31252a973c81a30a8116cd21850f21e904aff6aac06c93fb9446dcf2369741c5ce6cf083135acba03cf58ccc4f5751dc9cd08928234e20bb5d3c40c2dd00\",\"type\":\"case\",\"v\":1}"

static void golden_op(struct op *o, unsigned char sk[64])
{
	unsigned char pk[32], seed[32];

	memset(seed, 7, sizeof seed);
	crypto_sign_seed_keypair(pk, sk, seed);
	memset(o, 0, sizeof *o);
	sodium_bin2hex(o->actor, sizeof o->actor, pk, sizeof pk);
	strcpy(o->record, "01934f2a-1b2c-7d3e-8f40-123456789abc");
	strcpy(o->type, "case");
	o->hlc = (int64_t)1764000000000 << 16;
	o->deps = json_array();
	o->set = json_pack("{s:s,s:s,s:s}", "title", "销售假冒\"耐克\"运动鞋案", "ip_type", "trademark",
			   "status", "clue");
}

static void test_golden_encoding(void **state)
{
	unsigned char sk[64];
	struct op o, back;
	ipc_err e = {0};
	char *line;

	(void)state;
	assert_int_equal(sodium_init() >= 0, 1);
	golden_op(&o, sk);
	line = op_seal(&o, sk, &e);
	assert_non_null(line);
	/* sorted keys, no white space, UTF-8 unescaped, quotes escaped */
	assert_non_null(strstr(line, "{\"actor\":\""));
	assert_non_null(strstr(line, "\"set\":{\"ip_type\":\"trademark\",\"status\":\"clue\","
			       "\"title\":\"销售假冒\\\"耐克\\\"运动鞋案\"}"));
	assert_null(strchr(line, ' '));
	/* pinned byte for byte; the id was checked independently (Python: json.dumps(sort_keys,
	 * compact separators, ensure_ascii=False) of the body, then hashlib.sha256) */
	assert_string_equal(line, GOLDEN_LINE);
	assert_string_equal(o.id, "108c1d62d029958aeabcbb66105a1b5ce0c68ef127e88a6ea0a4f1defbcf0b16");
	assert_int_equal(op_parse(line, strlen(line), &back, &e), 0);
	assert_string_equal(back.id, o.id);
	assert_string_equal(back.record, o.record);
	assert_true(json_equal(back.set, o.set));
	assert_int_equal(back.hlc, o.hlc);
	op_clear(&back);
	op_clear(&o);
	free(line);
}

/* Replaces the first occurrence of `from` in line by `to` (same length or not). */
static char *edited(const char *line, const char *from, const char *to)
{
	const char *at = strstr(line, from);
	char *out;

	assert_non_null(at);
	out = malloc(strlen(line) + strlen(to) + 1);
	sprintf(out, "%.*s%s%s", (int)(at - line), line, to, at + strlen(from));
	return out;
}

/* op_parse refuses the line (taking it), naming why. */
static void refused(char *line, const char *why)
{
	struct op back;
	ipc_err e = {0};

	assert_non_null(line);
	assert_int_equal(op_parse(line, strlen(line), &back, &e), -1);
	assert_non_null(strstr(e.msg, why));
	free(line);
}

static void test_tampered_ops_fail(void **state)
{
	unsigned char sk[64], other_sk[64], other_pk[32];
	struct op o, back;
	ipc_err e = {0};
	char *line;

	(void)state;
	golden_op(&o, sk);
	line = op_seal(&o, sk, &e);

	refused(edited(line, "trademark", "copyright"), "hash mismatch"); /* content changed */
	refused(edited(line, "\"sig\":\"", "\"sig\":\"00"), "signature"); /* malformed */
	/* the same content signed by another key than the actor's */
	crypto_sign_keypair(other_pk, other_sk);
	refused(op_seal(&o, other_sk, &e), "signature");
	refused(edited(line, "{\"actor\"", "{ \"actor\""), "canonical");
	refused(edited(line, "\"v\":1", "\"v\":2"), "version");
	/* a record id or a type JSON escapes (a quote, a carriage return: fuzz_op found one),
	 * signed as it is: the store could not frame it back into its line */
	snprintf(o.record, sizeof o.record, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a\"5");
	refused(op_seal(&o, sk, &e), "bad record id");
	snprintf(o.record, sizeof o.record, "01934f2a-1b2c-7d3e-8f40-123456789abc");
	snprintf(o.type, sizeof o.type, "case\r");
	refused(op_seal(&o, sk, &e), "bad record type");

	assert_int_equal(op_parse("not json", 8, &back, &e), -1);
	assert_int_equal(op_parse(line, strlen(line) - 1, &back, &e), -1);
	op_clear(&o);
	free(line);
}

/* A change whose line would pass OP_LINE_MAX is refused when it is encoded, before it is
 * signed or stored (a bulk transaction's op is stored from its body): a line of exactly
 * OP_LINE_MAX bytes is made and read, one byte more is not. */
static void test_line_max(void **state)
{
	unsigned char sk[64];
	struct op o, back;
	ipc_err e = {0};
	char *line, *body, *notes;
	size_t fill;

	(void)state;
	golden_op(&o, sk);
	json_object_set_new(o.set, "notes", json_string("x"));
	line = op_seal(&o, sk, &e);
	fill = OP_LINE_MAX - strlen(line) + 1; /* the note's length for a line of OP_LINE_MAX */
	free(line);
	notes = malloc(fill + 2);
	memset(notes, 'x', fill + 1);
	notes[fill] = '\0';
	json_object_set_new(o.set, "notes", json_string(notes));
	assert_non_null(line = op_seal(&o, sk, &e));
	assert_int_equal(strlen(line), OP_LINE_MAX);
	assert_int_equal(op_parse(line, strlen(line), &back, &e), 0);
	op_clear(&back);
	free(line);
	notes[fill] = 'x';
	notes[fill + 1] = '\0';
	json_object_set_new(o.set, "notes", json_string(notes));
	assert_null(op_seal(&o, sk, &e));
	assert_non_null(strstr(e.msg, "too large"));
	e = (ipc_err){0};
	assert_null(body = op_encode(&o, &e)); /* the body of a bulk write too */
	assert_non_null(strstr(e.msg, "too large"));
	free(notes);
	op_clear(&o);
}

/* ---- a store of ops from three officers, with concurrency ---- */

static const char *field_of(db *d, const char *id, const char *field)
{
	static char buf[256];
	ipc_err e = {0};
	json_t *o = db_get(d, id, &e);
	const char *s;

	assert_non_null(o);
	s = json_string_value(json_object_get(o, field));
	snprintf(buf, sizeof buf, "%s", s ? s : "");
	json_decref(o);
	return buf;
}

static void test_concurrent_same_field_conflict(void **state)
{
	char ha[64], hb[64], id[37];
	db *ws[2];
	ipc_err e = {0};

	(void)state;
	ws[0] = tu_workspace("王建国", "13010001", ha);
	ws[1] = tu_workspace("李敏", "13010002", hb);
	tu_introduce(ws, 2);
	assert_int_equal(tu_write(ws[0], "case", NULL, "{\"title\":\"原标题\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	tu_pull(ws[1], ws[0]);
	/* offline, both change the title; B also changes another field */
	assert_int_equal(tu_write(ws[0], "case", id, "{\"title\":\"甲的标题\"}", NULL, &e), 0);
	assert_int_equal(tu_write(ws[1], "case", id, "{\"title\":\"乙的标题\",\"place\":\"南三条\"}",
				  NULL, &e), 0);
	tu_pull(ws[0], ws[1]);
	tu_pull(ws[1], ws[0]);
	/* one winner everywhere, flagged everywhere; the other field merges */
	assert_string_equal(field_of(ws[0], id, "title"), field_of(ws[1], id, "title"));
	assert_true(tu_has_conflict(ws[0], id, "title"));
	assert_true(tu_has_conflict(ws[1], id, "title"));
	assert_false(tu_has_conflict(ws[0], id, "place"));
	assert_string_equal(field_of(ws[0], id, "place"), "南三条");
	/* resolving writes a new op that has seen both */
	assert_int_equal(tu_write(ws[1], "case", id, "{\"title\":\"商定的标题\"}", NULL, &e), 0);
	assert_false(tu_has_conflict(ws[1], id, "title"));
	tu_pull(ws[0], ws[1]);
	assert_false(tu_has_conflict(ws[0], id, "title"));
	assert_string_equal(field_of(ws[0], id, "title"), "商定的标题");
	/* same value written concurrently is no conflict */
	assert_int_equal(tu_write(ws[0], "case", id, "{\"notes\":\"同\"}", NULL, &e), 0);
	assert_int_equal(tu_write(ws[1], "case", id, "{\"notes\":\"同\"}", NULL, &e), 0);
	tu_pull(ws[0], ws[1]);
	assert_false(tu_has_conflict(ws[0], id, "notes"));
	char *x = tu_export(ws[0]), *y = (tu_pull(ws[1], ws[0]), tu_export(ws[1]));
	assert_string_equal(x, y);
	free(x);
	free(y);
	tu_close(ws[0], ha);
	tu_close(ws[1], hb);
}

/* xorshift: tests are deterministic per seed */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void test_fold_order_independent(void **state)
{
	static const char *titles[] = {"甲", "乙", "丙", "丁"};
	char home[3][64], hc[64], ids[4][37];
	db *ws[3];
	struct tu_lines all = {0};
	char *reference = NULL;
	ipc_err e = {0};
	uint32_t s = 2463534242u;

	(void)state;
	ws[0] = tu_workspace("王建国", "13010001", home[0]);
	ws[1] = tu_workspace("李敏", "13010002", home[1]);
	ws[2] = tu_workspace("赵强", "13010003", home[2]);
	tu_introduce(ws, 3);
	for (int r = 0; r < 4; r++) {
		char json[160];
		snprintf(json, sizeof json, "{\"title\":\"案件%d\",\"ip_type\":\"trademark\"}", r);
		assert_int_equal(tu_write(ws[r % 3], "case", NULL, json, ids[r], &e), 0);
	}
	for (int k = 0; k < 3; k++)
		for (int j = 0; j < 3; j++)
			if (k != j)
				tu_pull(ws[k], ws[j]);
	/* random edits with occasional exchanges: concurrency and causality mixed */
	for (int step = 0; step < 60; step++) {
		int w = (int)(rnd(&s) % 3), r = (int)(rnd(&s) % 4);
		char json[160];
		snprintf(json, sizeof json, "{\"%s\":\"%s%d\"}", rnd(&s) % 2 ? "title" : "notes",
			 titles[rnd(&s) % 4], step);
		assert_int_equal(tu_write(ws[w], "case", ids[r], json, NULL, &e), 0);
		if (rnd(&s) % 5 == 0)
			tu_pull(ws[(w + 1) % 3], ws[w]);
	}
	for (int k = 0; k < 3; k++)
		db_ops_each(ws[k], tu_collect, &all, &e);
	/* many arrival orders (duplicates included) → one state */
	for (int seed = 1; seed <= 25; seed++) {
		db *c = tu_workspace("观察员", "13019999", hc);
		uint32_t ps = (uint32_t)seed * 2654435761u;
		char *got;
		db *with[4] = {c, ws[0], ws[1], ws[2]};
		for (int j = 1; j < 4; j++)
			assert_int_equal(db_actor_add(c, db_self(with[j]), &e), 0);
		for (size_t i = all.n; i > 1; i--) {
			size_t j = rnd(&ps) % i;
			char *t = all.v[i - 1];
			all.v[i - 1] = all.v[j];
			all.v[j] = t;
		}
		for (size_t i = 0; i < all.n; i++)
			assert_true(db_import(c, all.v[i], strlen(all.v[i]), &e) >= 0);
		got = tu_export(c);
		if (!reference)
			reference = got;
		else {
			assert_string_equal(got, reference);
			free(got);
		}
		tu_close(c, hc);
	}
	/* and the writers, once they hold everything, agree too */
	for (int k = 0; k < 3; k++)
		for (int j = 0; j < 3; j++)
			if (k != j)
				tu_pull(ws[k], ws[j]);
	for (int k = 0; k < 3; k++) {
		char *x = tu_export(ws[k]);
		assert_string_equal(x, reference);
		free(x);
		tu_close(ws[k], home[k]);
	}
	assert_non_null(strstr(reference, "conflicts")); /* the random edits did collide */
	free(reference);
	tu_lines_free(&all);
}

static void test_import_refuses_bad_ops(void **state)
{
	char ha[64], hb[64], id[37];
	db *a, *b;
	struct tu_lines l = {0};
	ipc_err e = {0};
	char *bad;

	(void)state;
	a = tu_workspace("王建国", "13010001", ha);
	b = tu_workspace("李敏", "13010002", hb);
	assert_int_equal(tu_write(a, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\"}", id, &e), 0);
	db_ops_each(a, tu_collect, &l, &e);
	/* b does not know a's key yet */
	assert_int_equal(db_import(b, l.v[0], strlen(l.v[0]), &e), DB_IMPORT_UNKNOWN_ACTOR);
	assert_non_null(strstr(e.msg, "unknown actor"));
	assert_int_equal(db_actor_add(b, db_self(a), &e), 0);
	assert_int_equal(db_import(b, l.v[0], strlen(l.v[0]), &e), 1);
	assert_int_equal(db_import(b, l.v[0], strlen(l.v[0]), &e), 0); /* known: no-op */
	bad = edited(l.v[0], "trademark", "tradem\\u001bark");
	assert_int_equal(db_import(b, bad, strlen(bad), &e), -1);
	free(bad);
	tu_close(a, ha);
	tu_close(b, hb);
	tu_lines_free(&l);
}

static void test_verify_finds_tampering(void **state)
{
	char h[64], id[37], path[128];
	sqlite3 *raw;
	db *d;
	json_t *fails;
	size_t n;
	ipc_err e = {0};

	(void)state;
	d = tu_workspace("王建国", "13010001", h);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\"}", id, &e), 0);
	assert_int_equal(tu_write(d, "case", id, "{\"place\":\"南三条市场\"}", NULL, &e), 0);
	assert_int_equal(tu_write(d, "case", id, "{\"notes\":\"第三次修改，其字段另行打包存储\"}",
				  NULL, &e), 0);
	assert_int_equal(db_verify(d, &fails, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(json_array_size(fails), 0);
	json_decref(fails);
	db_close(d);
	/* edit a stored op behind ipcase's back, as a damaged disk or a meddler would */
	snprintf(path, sizeof path, "%s/ipcase.db", h);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(opz_register(raw), 0); /* the set is kept packed (db/opz) */
	assert_int_equal(sqlite3_exec(raw, "UPDATE ops SET fields = op_pack(replace(op_set(fields),"
				      " '南三条', '北三条')) WHERE seq = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_changes(raw), 1);
	assert_int_equal(sqlite3_exec(raw, "UPDATE ops SET sig = zeroblob(64) WHERE seq = 1", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_changes(raw), 1);
	/* a packed set that no longer unpacks: that op fails, and the ones after it are read */
	assert_int_equal(sqlite3_exec(raw, "UPDATE ops SET fields = x'011fffff' WHERE seq = 3", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_changes(raw), 1);
	sqlite3_close(raw);
	assert_int_equal(db_open(h, &d, &e), 0);
	assert_int_equal(db_verify(d, &fails, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(json_array_size(fails), 3);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(fails, 2), "reason")),
			       "not JSON"));
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(fails, 0), "reason")),
			       "bad signature"));
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(fails, 1), "reason")),
			       "hash mismatch"));
	json_decref(fails);
	tu_close(d, h);
}

static int notices[2]; /* the schema versions db_on_migrate's notice was last given */

static void noted(int from, int to)
{
	notices[0] = from;
	notices[1] = to;
}

/* A v8 workspace, whose ops had an index of their ids (UNIQUE) and kept each op's line whole,
 * gets its ops table made again without it at open (v9), with every op and every other index
 * it had, after the notice (none for a new workspace); then (v11) each line is cut into its
 * row's columns and framed again into the same bytes, and an index on the line (clock.c's)
 * is made again on the set. An op is still known (found by its record), and writes and
 * imports go on. */
static void test_ops_migrated(void **state)
{
	char ha[64], hb[64], id[37];
	db *a, *b;
	struct tu_lines l = {0}, before = {0};
	ipc_err e = {0};
	json_t *fails;
	size_t n;

	(void)state;
	db_on_migrate(noted);
	a = tu_workspace("王建国", "13010001", ha);
	b = tu_workspace("李敏", "13010002", hb);
	assert_int_equal(notices[1], 0);
	assert_int_equal(tu_write(a, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\"}", id, &e), 0);
	/* a value holding quotes, a backslash and the text of a key does not move the cuts */
	assert_int_equal(tu_write(a, "case", id, "{\"place\":\"南三条市场\","
				  "\"notes\":\"\\\"引号\\\" \\\\ ,\\\"sig\\\":\\\"\"}", NULL, &e), 0);
	db_ops_each(a, tu_collect, &before, &e);
	assert_int_equal(before.n, 2);
	assert_int_equal(db_exec(a, TU_OPS_V8 "CREATE INDEX ops_extra ON ops(hlc) WHERE type = 'case';"
				 "PRAGMA user_version = 8;", &e), 0);
	assert_int_equal(db_count(a, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'ops'"
				  " AND name LIKE 'sqlite_autoindex%'", NULL), 1);
	db_close(a);
	assert_int_equal(db_open(ha, &a, &e), 0);
	assert_int_equal(notices[0], 8);
	assert_int_equal(notices[1], 13);
	assert_int_equal(db_count(a, "PRAGMA user_version", NULL), 13);
	assert_int_equal(db_count(a, "PRAGMA temp_store", NULL), 2); /* MEMORY again after it */
	assert_int_equal(db_count(a, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'ops'"
				  " AND name LIKE 'sqlite_autoindex%'", NULL), 0);
	assert_int_equal(db_count(a, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'ops'"
				  " AND name IN ('ops_record', 'ops_extra', 'ops_by_me',"
				  " 'ops_by_me_type')", NULL), 4);
	assert_int_equal(db_count(a, "SELECT count(*) FROM sqlite_master WHERE name = 'ops_pausing'"
				  " AND instr(sql, 'op_set(fields)') > 0", NULL), 1);
	/* both sets packed (v12), and the lines framed with them the very bytes they were */
	assert_int_equal(db_count(a, "SELECT count(*) FROM ops WHERE typeof(fields) = 'blob'", NULL),
			 2);
	db_ops_each(a, tu_collect, &l, &e);
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.v[i], before.v[i]);
	tu_lines_free(&l);
	tu_lines_free(&before);
	l = (struct tu_lines){0};
	assert_int_equal(db_verify(a, &fails, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(json_array_size(fails), 0);
	json_decref(fails);
	assert_int_equal(tu_write(a, "case", id, "{\"place\":\"北三条市场\"}", NULL, &e), 0);
	db_ops_each(a, tu_collect, &l, &e);
	assert_int_equal(l.n, 3);
	assert_int_equal(db_actor_add(b, db_self(a), &e), 0);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(db_import(b, l.v[i], strlen(l.v[i]), &e), 1);
	assert_int_equal(db_import(b, l.v[1], strlen(l.v[1]), &e), 0); /* known: no-op */
	assert_true(db_op_has_line(b, l.v[2], strlen(l.v[2])));
	assert_false(db_op_has_line(b, l.v[2], strlen(l.v[2]) - 1));
	assert_int_equal(db_count(b, "SELECT count(*) FROM ops", NULL), 3);
	/* the record's one head is the last op: b's next write depends on it alone */
	assert_int_equal(tu_write(b, "case", id, "{\"place\":\"东三条市场\"}", NULL, &e), 0);
	assert_int_equal(db_count(b, "SELECT deps = '[\"' || (SELECT id FROM ops WHERE seq = 3)"
				  " || '\"]' FROM ops WHERE seq = 4", NULL), 1);
	tu_close(a, ha);
	tu_close(b, hb);
	tu_lines_free(&l);
	db_on_migrate(NULL);
}

/* Two handles on one workspace (the screen's and its sync thread's): what one wrote with a
 * clock ahead (a peer's op it imported moves it the same way), the other, opened before and
 * with its own clock behind, writes after: its op's time is later, and the kept clock never
 * goes back. */
static void test_clock_across_handles(void **state)
{
	char h[64], id[37], kept[32];
	db *a, *b;
	json_t *log;
	json_int_t first, second;
	ipc_err e = {0};

	(void)state;
	a = tu_workspace("王建国", "13010001", h);
	assert_int_equal(db_open(h, &b, &e), 0);
	setenv("IPCASE_FAKE_NOW_MS", "1772445600000", 1); /* an hour ahead */
	assert_int_equal(tu_write(b, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\"}", id,
				  &e), 0);
	setenv("IPCASE_FAKE_NOW_MS", "1772442000000", 1);
	assert_int_equal(tu_write(a, "case", id, "{\"place\":\"南三条市场\"}", NULL, &e), 0);
	unsetenv("IPCASE_FAKE_NOW_MS");
	assert_non_null(log = db_log(a, id, &e));
	assert_int_equal(json_array_size(log), 2);
	first = json_integer_value(json_object_get(json_array_get(log, 0), "hlc"));
	second = json_integer_value(json_object_get(json_array_get(log, 1), "hlc"));
	assert_true(first >> 16 == 1772445600000);
	assert_true(second > first);
	db_meta_get(b, "hlc", kept, sizeof kept);
	assert_true(strtoll(kept, NULL, 10) == second);
	json_decref(log);
	db_close(b);
	tu_close(a, h);
}

/* In a bulk transaction ops are signed by worker threads; a write refused in the middle rolls
 * back alone, and after commit every stored op carries a valid signature. */
static void test_bulk_writes_are_signed(void **state)
{
	char h[64], id[37], json[128];
	db *d;
	json_t *fails;
	size_t n;
	ipc_err e = {0};

	(void)state;
	d = tu_workspace("王建国", "13010001", h);
	assert_int_equal(db_begin(d, &e), 0);
	for (int i = 0; i < 300; i++) {
		snprintf(json, sizeof json, "{\"title\":\"案%d\",\"ip_type\":\"%s\"}", i,
			 i % 7 == 3 ? "no_such_type" : "trademark");
		assert_int_equal(tu_write(d, "case", NULL, json, id, &e), i % 7 == 3 ? -1 : 0);
	}
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(db_verify(d, &fails, &n, &e), 0);
	assert_int_equal(n, 300 - 43);
	assert_int_equal(json_array_size(fails), 0);
	json_decref(fails);
	/* a rolled-back bulk transaction leaves nothing, signed or not */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"弃\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	db_rollback(d);
	assert_int_equal(db_op_count(d), 300 - 43);
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"后\",\"ip_type\":\"trademark\"}",
				  id, &e), 0);
	assert_int_equal(db_verify(d, &fails, &n, &e), 0);
	assert_int_equal(json_array_size(fails), 0);
	json_decref(fails);
	tu_close(d, h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_encoding),
		cmocka_unit_test(test_tampered_ops_fail),
		cmocka_unit_test(test_line_max),
		cmocka_unit_test(test_concurrent_same_field_conflict),
		cmocka_unit_test(test_fold_order_independent),
		cmocka_unit_test(test_import_refuses_bad_ops),
		cmocka_unit_test(test_verify_finds_tampering),
		cmocka_unit_test(test_bulk_writes_are_signed),
		cmocka_unit_test(test_clock_across_handles),
		cmocka_unit_test(test_ops_migrated),
	};
	return cmocka_run_group_tests_name("oplog", tests, NULL, NULL);
}
