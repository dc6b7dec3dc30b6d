/* test_opz — packed sets: every text comes back byte for byte (sets of the schema's words,
 * random texts, the longest line), what does not pay or holds a control byte stays text, a
 * damaged or foreign blob is refused (never read past or grown without bound), and the SQL
 * functions agree; deflated search texts, up to the longest kept packed, and those zlib wrote. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/op.h"
#include "db/opz.h"
#include "db/opz_dict.h"

static void round_trip(const char *text, size_t n, bool must_pack)
{
	unsigned char *blob;
	size_t bn, tn;
	char *back;

	if (!opz_pack(text, n, &blob, &bn)) {
		assert_false(must_pack);
		return;
	}
	assert_true(bn < n);
	back = opz_unpack(blob, bn, &tn);
	assert_non_null(back);
	assert_int_equal(tn, n);
	assert_memory_equal(back, text, n);
	assert_int_equal(back[n], '\0');
	free(back);
	free(blob);
}

static void test_sets(void **state)
{
	static const char *const sets[] = {
		"{\"clue_on\":\"2025-10-22\",\"handlers\":[{\"cert\":\"13010001\",\"name\":\"王建国\"}],"
		"\"ip_type\":\"invention_patent\",\"place\":\"抖音电商\",\"place_kind\":\"platform\","
		"\"region\":\"130181\",\"source\":\"ecommerce\",\"status\":\"clue\","
		"\"title\":\"发明专利侵权纠纷案（一种LED驱动电路）\"}",
		"{\"case_id\":\"01a252e6-7352-7c04-b50f-b7b4041b3aa6\",\"name\":\"保定恒信商贸有限公司\","
		"\"role\":\"respondent\",\"uscc\":\"91130600MA0CXXXX1X\"}",
	};
	(void)state;
	for (size_t i = 0; i < sizeof sets / sizeof *sets; i++)
		round_trip(sets[i], strlen(sets[i]), true);
}

/* Random texts of every length to a full line, pieces of the dictionary's words among other
 * bytes (UTF-8 and ASCII, none below 0x20): what packs comes back byte for byte, and a text
 * made mostly of the words packs. */
static void test_random(void **state)
{
	static const char *const words[] = {"\"status\":\"clue\"", "\"ip_type\":\"trademark\"",
					    "\"name\":", "\"role\":\"respondent\"", "\"title\":"};
	static char text[OP_LINE_MAX];
	(void)state;
	srand(7);
	for (int round = 0; round < 400; round++) {
		size_t n = round == 0 ? sizeof text : (size_t)rand() % 3000, i = 0;
		int wordy = rand() % 4; /* in four: no words, then ever more of them */
		while (i < n) {
			const char *w = words[rand() % 5];
			if (rand() % 4 < wordy && i + strlen(w) <= n) {
				memcpy(text + i, w, strlen(w));
				i += strlen(w);
			} else {
				text[i++] = (char)(0x20 + rand() % 224);
			}
		}
		round_trip(text, n, wordy == 3 && n > 100);
	}
}

static void test_not_ours(void **state)
{
	const char *set = "{\"deleted\":1,\"notes\":\"正在核查线索，已通知权利人进行侵权比对\"}";
	static unsigned char bomb[1 + 3 * 40000];
	unsigned char *blob;
	size_t bn, tn;
	(void)state;

	assert_false(opz_pack("{\"甲\":\"乙丙丁\"}", 19, &blob, &bn)); /* no word of the dictionary */
	assert_false(opz_pack("{\"notes\":\"a\tb\"}", 15, &blob, &bn)); /* a control byte */
	assert_true(opz_pack(set, strlen(set), &blob, &bn));
	for (size_t cut = 0; cut < bn; cut++) /* a blob cut short: refused, or a shorter text */
		free(opz_unpack(blob, cut, &tn));
	blob[0] = 2; /* a dictionary this program does not have */
	assert_null(opz_unpack(blob, bn, &tn));
	free(blob);
	/* a NUL, a reference past the dictionary's end, a reference cut short */
	assert_null(opz_unpack((const unsigned char *)"\x01{\x00}", 4, &tn));
	assert_null(opz_unpack((const unsigned char *)"\x01{\x1f\xff\xff}", 6, &tn));
	assert_null(opz_unpack((const unsigned char *)"\x01{\x05\x00", 4, &tn));
	/* a reference that ends at the dictionary's last byte, and one a byte past it */
	{
		size_t at = sizeof opz_dict1 - 1 - 34;
		unsigned char ref[4] = {1, 31, (unsigned char)(at >> 8), (unsigned char)at};
		char *text = opz_unpack(ref, sizeof ref, &tn);
		assert_non_null(text);
		assert_memory_equal(text, opz_dict1 + at, 34);
		free(text);
		at++;
		ref[2] = (unsigned char)(at >> 8);
		ref[3] = (unsigned char)at;
		assert_null(opz_unpack(ref, sizeof ref, &tn));
	}
	/* a bomb: far more text than a line, refused instead of grown without bound */
	bomb[0] = 1;
	for (size_t i = 1; i < sizeof bomb; i += 3)
		memcpy(bomb + i, "\x1f\x00\x00", 3);
	assert_null(opz_unpack(bomb, sizeof bomb, &tn));
	assert_non_null(blob = (unsigned char *)opz_unpack(bomb, 3001, &tn)); /* 1000 of them */
	assert_int_equal(tn, 34000);
	free(blob);
}

/* opz_pack starts no run at a byte of 0x80 or more: the dictionary must be printable ASCII */
static void test_dictionary_ascii(void **state)
{
	(void)state;
	for (size_t i = 0; i + 1 < sizeof opz_dict1; i++)
		assert_in_range((unsigned char)opz_dict1[i], 0x20, 0x7e);
}

/* Search texts: deflated and back, up to the largest kept packed; a longer one stays text,
 * and a stream cut short or followed by more bytes is refused. */
static void test_deflate(void **state)
{
	static char text[(1u << 20) + 1];
	static const char words[] = "保定恒信商贸有限公司\n侵犯注册商标专用权\n";
	unsigned char *z;
	size_t zn, tn, sizes[] = {200, 657, 70000, sizeof text - 1};
	char *back;
	(void)state;

	for (size_t i = 0; i < sizeof text; i++) /* words, and a byte in 16 that varies */
		text[i] = i % 16 == 15 ? (char)('a' + i % 26) : words[i % (sizeof words - 1)];
	assert_false(opz_deflate("案", strlen("案"), &z, &zn)); /* does not shrink */
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		assert_true(opz_deflate(text, sizes[k], &z, &zn));
		assert_non_null(back = opz_inflate(z, zn, &tn));
		assert_int_equal(tn, sizes[k]);
		assert_memory_equal(back, text, tn);
		free(back);
		assert_null(opz_inflate(z, zn / 2, &tn));
		free(z);
	}
	assert_false(opz_deflate(text, sizeof text, &z, &zn)); /* a byte over */
}

/* A text zlib deflated (level 6, a 4 KB window, memory level 5: how schema v13 kept them
 * before libdeflate) reads the same; with a byte after its end it is refused. */
static void test_inflate_zlib(void **state)
{
	static const char words[] = "销售侵权植物新品种繁殖材料案 郑单958玉米种子 荷花坑市场 "
				    "石市监处罚〔2026〕625号 ";
	static const unsigned char z[] =
		"\x7b\x39\xa5\xe1\xe9\x94\x75\x4f\xf6\x6d\x7d\x36\xb7\xf9\xd9\x92\xde\xe7\x9d\x2b\x9f\x4d"
		"\xdb\xf0\x74\x72\xe3\xf3\xe5\xbd\xcf\x77\x36\x3e\x5b\x37\xed\xd9\xdc\x09\xcf\xa6\xcd\x7c"
		"\xb6\xb0\x43\xe1\x65\xf3\xc4\xa7\xbd\x53\x2d\x4d\x2d\x9e\xf7\x75\x3e\xdf\xb8\x19\xa8\xe2"
		"\xe9\xda\x09\x0a\x2f\x7a\xb7\xbf\xe8\xda\xf8\x74\xee\xc4\xa7\x3b\x9a\x9e\xce\xd9\xa5\xf0"
		"\x7c\xfe\x66\x20\xeb\xf9\xec\x89\x4f\x97\xb4\x3c\xdf\x3b\xeb\x71\xc3\x14\x23\x03\x23\xb3"
		"\xc7\x0d\x53\xcd\x8c\x4c\x9f\xf6\x6f\x57\x78\x39\xec\x2d\x04\x00";
	size_t tn, w = sizeof words - 1;
	char *back;
	(void)state;

	assert_non_null(back = opz_inflate(z, sizeof z - 1, &tn));
	assert_int_equal(tn, 3 * w);
	for (int i = 0; i < 3; i++)
		assert_memory_equal(back + i * w, words, w);
	free(back);
	assert_null(opz_inflate(z, sizeof z, &tn)); /* the literal's NUL after the end */
}

static void test_sql(void **state)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const char *set = "{\"ip_type\":\"trademark\",\"role\":\"respondent\",\"status\":\"clue\"}";
	(void)state;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(opz_register(db), 0);
	/* a blob that does not unpack reads as NULL, not as an error ending the reader's rows */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT op_set(x'0200'), op_set(x'011fffff')", -1, &st,
					    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 0), SQLITE_NULL);
	assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT typeof(op_pack(?1)), op_set(op_pack(?1)),"
					    " typeof(op_pack('{}')), op_set('{}')", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, set, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), "blob");
	assert_string_equal(sqlite3_column_text(st, 1), set);
	assert_string_equal(sqlite3_column_text(st, 2), "text");
	assert_string_equal(sqlite3_column_text(st, 3), "{}");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_dictionary_ascii),
		cmocka_unit_test(test_deflate),
		cmocka_unit_test(test_inflate_zlib),
		cmocka_unit_test(test_sql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
