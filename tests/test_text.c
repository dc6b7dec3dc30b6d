/* Tests of the one sanitiser and of text measured in terminal columns: control characters,
 * escape sequences, bidi and invisible characters never survive, on screen (wide characters),
 * in what the command line prints (bytes) or in JSON (escaped, read back exactly),
 * double-width characters are never cut in half; and of the one
 * builder of wrapped text on screen (tui/wrap): a form's messages, a case's tabs and a page of
 * items break by the same rules, Chinese two columns a character and no line beginning with
 * closing punctuation; and of canonical JSON (base/canon), byte for byte jansson's. */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "base/canon.h"
#include "base/json.h"
#include "base/text.h"
#include "tui/wrap.h"

#define CHECK(c) assert_true(c)

static int wsw(const wchar_t *w)
{
	return wcswidth(w, wcslen(w));
}

static void test_sanitise(void **state)
{
	wchar_t b[TUI_WBUF(40)];

	(void)state;
	(void)b;
	tui_sanitize("a\x1b[2Jb", b, 40); CHECK(!wcscmp(b, L"a?[2Jb"));
	tui_sanitize("x\xc2\x9b" "2Jy", b, 40); CHECK(!wcscmp(b, L"x?2Jy"));
	tui_sanitize("\xff\xfe" "ok", b, 40); CHECK(!wcscmp(b, L"??ok"));
	tui_sanitize("\xe4\xb8", b, 40); CHECK(!wcscmp(b, L"??"));          /* truncated 中 */
	tui_sanitize("\xc0\xaf", b, 40); CHECK(!wcscmp(b, L"??"));          /* overlong / */
	tui_sanitize("\xed\xa0\x80", b, 40); CHECK(!wcscmp(b, L"???"));      /* surrogate */
	tui_sanitize("t\tn\nr\r\x7f", b, 40); CHECK(!wcscmp(b, L"t n r??"));
	tui_sanitize("a\u202eb", b, 40); CHECK(!wcscmp(b, L"a?b"));
	tui_sanitize("a\u200bb\ufeffc", b, 40); CHECK(!wcscmp(b, L"a?b?c")); /* invisible */
	tui_sanitize("\u0301e\u0301\u0301\u0301", b, 40); CHECK(!wcscmp(b, L"e\u0301\u0301"));
	tui_sanitize(NULL, b, 40); CHECK(!wcscmp(b, L""));
	tui_sanitize("abcdef", b, 4); CHECK(!wcscmp(b, L"abc"));
}

static void test_width(void **state)
{
	wchar_t b[TUI_WBUF(40)];

	(void)state;
	(void)b;
	CHECK(tui_text_width("中文ab") == 6);
	CHECK(tui_text_width("\x1b[2J") == 4);
	CHECK(tui_text_width("") == 0);
}

static void test_fit(void **state)
{
	wchar_t b[TUI_WBUF(40)];

	(void)state;
	(void)b;
	CHECK(tui_text_fit("中文字", 5, b, TUI_WBUF(5)) == 4); CHECK(!wcscmp(b, L"中文 ")); CHECK(wsw(b) == 5);
	CHECK(tui_text_fit("中文字", 6, b, TUI_WBUF(6)) == 6); CHECK(!wcscmp(b, L"中文字"));
	CHECK(tui_text_fit("a中", 2, b, TUI_WBUF(2)) == 1); CHECK(!wcscmp(b, L"a "));
	CHECK(tui_text_fit("中", 1, b, TUI_WBUF(1)) == 0); CHECK(!wcscmp(b, L" "));
	CHECK(tui_text_fit("ab", 5, b, TUI_WBUF(5)) == 2); CHECK(!wcscmp(b, L"ab   "));
	CHECK(tui_text_fit("ab", 0, b, TUI_WBUF(0)) == 0); CHECK(!wcscmp(b, L""));
	CHECK(tui_text_fit("e\u0301x", 3, b, TUI_WBUF(3)) == 2); CHECK(wsw(b) == 3);
	{ wchar_t s[4]; CHECK(tui_text_fit("abcdef", 10, s, 4) == 0 || wcslen(s) == 3); CHECK(wcslen(s) == 3); }
	for (int c = 0; c <= 30; c++) { /* every width: exactly c columns, never more */
		wchar_t w[TUI_WBUF(30)];
		tui_text_fit("关于石家庄市a新华区某商贸\x1b有限公司", c, w, TUI_WBUF(30)); CHECK(wsw(w) == c);
	}
}

static void test_tail(void **state)
{
	wchar_t b[TUI_WBUF(40)];

	(void)state;
	(void)b;
	CHECK(!strcmp(tui_text_tail("ab中文", 4), "中文"));
	CHECK(!strcmp(tui_text_tail("ab中文", 5), "b中文"));
	CHECK(!strcmp(tui_text_tail("ab中文", 3), "文"));
}

static void test_utf8(void **state)
{
	wchar_t b[TUI_WBUF(40)];

	(void)state;
	(void)b;
	{ const char *s = "耐克鞋"; CHECK(tui_utf8_prev(s, strlen(s)) == 6); CHECK(tui_utf8_prev("ab", 2) == 1);
	  CHECK(tui_utf8_prev("a\xe9", 2) == 1); CHECK(tui_utf8_prev("", 0) == 0);
	  CHECK(tui_utf8_prev("\x80\x80\x80\x80", 4) == 3); }
	{ char o[4]; CHECK(tui_utf8_encode(L'克', o) == 3 && !memcmp(o, "克", 3));
	  CHECK(tui_utf8_encode(0x1F600, o) == 4 && !memcmp(o, "\xf0\x9f\x98\x80", 4));
	  CHECK(tui_utf8_encode(0xd800, o) == 0); }
}

/* s through the byte sanitiser, as a string. */
static const char *clean(const char *s, bool lines)
{
	static char out[256];

	out[tui_sanitize_utf8(s, strlen(s), out, lines)] = '\0';
	return out;
}

static void test_sanitise_bytes(void **state)
{
	(void)state;
	/* OSC 52 (a clipboard write), CSI, C1 CSI: no ESC, BEL or C1 byte is left */
	CHECK(!strcmp(clean("a\x1b]52;c;ZXZpbA==\x07" "b", true), "a?]52;c;ZXZpbA==?b"));
	CHECK(!strcmp(clean("x\x1b[2Jy\xc2\x9b" "2Jz", true), "x?[2Jy?2Jz"));
	/* bidi controls and invisible format characters, a tag (U+E0041) */
	CHECK(!strcmp(clean("A\u202eB\u2066C\u200fD\u061cE", true), "A?B?C?D?E"));
	CHECK(!strcmp(clean("\u200b\u200d\ufeff\U000e0041\u00ad", true), "?????"));
	/* newline and tab stay only when lines are kept; CR and DEL never */
	CHECK(!strcmp(clean("t\tn\nr\r\x7f", true), "t\tn\nr??"));
	CHECK(!strcmp(clean("t\tn\nr\r\x7f", false), "t n r??"));
	CHECK(!strcmp(clean("a\u2028b", true), "a b"));
	/* printable text passes as it is: Chinese, punctuation, marks */
	CHECK(!strcmp(clean("未知列“品牌”，请检查 e\u0301", true), "未知列“品牌”，请检查 e\u0301"));
	/* invalid UTF-8: one replacement a byte */
	CHECK(!strcmp(clean("\xff\xe4\xb8|\xed\xa0\x80", true), "???|???"));
	{ /* in place */
		char buf[] = "中\x1b[2J文";
		size_t n = tui_sanitize_utf8(buf, strlen(buf), buf, true);
		CHECK(n == strlen("中?[2J文") && !memcmp(buf, "中?[2J文", n));
	}
	srand(7); /* random bytes: never longer, valid UTF-8, nothing unsafe left */
	for (int k = 0; k < 2000; k++) {
		char in[64], out[64];
		size_t len = (size_t)(rand() % 64), n, i;
		for (i = 0; i < len; i++)
			in[i] = (char)(rand() % 4 ? rand() % 256 : "\x1b\xc2\x9b\xe2\x80\xae"[rand() % 6]);
		n = tui_sanitize_utf8(in, len, out, false);
		CHECK(n <= len);
		for (i = 0; i < n; ) {
			wchar_t c;
			i += tui_utf8_decode(out + i, n - i, &c);
			CHECK(tui_char_shown(c) == c);
		}
	}
}

struct collected {
	char text[256];
	size_t len, calls;
};

static int collect(char *s, size_t len, void *arg)
{
	struct collected *c = arg;

	memcpy(c->text + c->len, s, len);
	c->len += len;
	c->calls++;
	return 0;
}

static void test_pieces(void **state)
{
	const char *s = "中文\u202e尾\U0001F600!";
	struct collected c = {0};
	struct tui_utf8_pieces p = {.whole = collect, .arg = &c};

	(void)state;
	/* a byte at a time: each piece handed on holds whole characters only */
	for (size_t i = 0; s[i]; i++) {
		size_t before = c.len;
		CHECK(!tui_utf8_feed(&p, s + i, 1));
		if (c.len > before) {
			wchar_t wc;
			CHECK(tui_utf8_decode(c.text + before, c.len - before, &wc) == c.len - before);
			CHECK(wc != 0xfffd);
		}
	}
	CHECK(!tui_utf8_flush(&p));
	CHECK(c.len == strlen(s) && !memcmp(c.text, s, c.len));
	/* a character left unfinished at the end is handed on by the flush */
	memset(&c, 0, sizeof c);
	CHECK(!tui_utf8_feed(&p, "ab\xe4\xb8", 4));
	CHECK(c.len == 2);
	CHECK(!tui_utf8_flush(&p));
	CHECK(c.len == 4 && c.calls == 2);
}

/* j as jdumpf writes it. */
static char *dumped(const json_t *j, size_t flags)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	assert_int_equal(jdumpf(j, f, flags), 0);
	fclose(f);
	return buf;
}

static void test_json_escape(void **state)
{
	const char *v = "A\u202eB\u200b中文\U000e0041\x7f\u2028\n\"é\u0301";
	json_t *j = json_pack("{s:s, s:[s]}", "t", v, "中", "\u2066"), *back;
	char *s;

	(void)state;
	s = dumped(j, JSON_COMPACT | JSON_SORT_KEYS);
	/* escaped: bidi, invisible, a tag as a surrogate pair, DEL, the line separator; Chinese
	 * and the accent stay UTF-8 */
	assert_string_equal(s, "{\"t\":\"A\\u202EB\\u200B中文\\uDB40\\uDC41\\u007F\\u2028\\n\\\"é\u0301\","
			    "\"中\":[\"\\u2066\"]}");
	back = json_loads(s, 0, NULL);
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(back, "t")), v); /* exactly back */
	json_decref(back);
	free(s);
	/* indented: the layout's newlines stay raw */
	s = dumped(j, JSON_INDENT(1) | JSON_SORT_KEYS);
	CHECK(strstr(s, "{\n \"t\": \"A\\u202EB") != NULL);
	free(s);
	json_decref(j);
}

/* A random value for test_json_canon: every JSON type, nested, with strings drawn from
 * controls, quotes, backslashes, DEL, 2-, 3- and 4-byte characters, and keys that are each
 * other's prefixes. */
static json_t *random_json(unsigned *r, int depth)
{
	static const char *const pieces[] = {"a", "ab", "b", "\"", "\\", "\n", "\t", "\x01", "\x1f",
					     "\x7f", "/", "é", "中", "\U0001F600", "\u2028", "", "z"};
	char s[64] = "";
	int kind = (int)((*r = *r * 1103515245u + 12345u) >> 16) % (depth > 3 ? 6 : 8);
	json_t *j;

	for (int i = (int)(*r >> 8) % 5; i > 0; i--)
		strcat(s, pieces[(*r = *r * 1103515245u + 12345u) >> 16 & 15]);
	switch (kind) {
	case 0: return json_string(s);
	case 1: return json_integer((json_int_t)(*r * 2654435761u) - (json_int_t)(*r << 20) * 4096);
	case 2: return json_real((double)*r / 7.0 - 3e5);
	case 3: return json_null();
	case 4: return json_true();
	case 5: return json_false();
	case 6:
		j = json_array();
		for (int i = (int)(*r >> 4) % 4; i > 0; i--)
			json_array_append_new(j, random_json(r, depth + 1));
		return j;
	default:
		j = json_object();
		for (int i = (int)(*r >> 4) % (depth ? 6 : 24); i > 0; i--) { /* 16+: canon sorts on the heap */
			*r = *r * 1103515245u + 12345u;
			if (strlen(s) > 48) /* keys that are each other's prefixes, in s's room */
				s[0] = '\0';
			strcat(s, pieces[*r >> 16 & 15]);
			json_object_set_new(j, s, random_json(r, depth + 1));
		}
		return j;
	}
}

/* The canonical form ops are signed in is jansson's, byte for byte. */
static void test_json_canon(void **state)
{
	unsigned r = 7;
	json_t *bad;

	(void)state;
	for (int i = 0; i < 3000; i++) {
		json_t *j = random_json(&r, 0);
		char *want = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY), *got = jcanon(j);
		assert_non_null(want);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(want);
		free(got);
		json_decref(j);
	}
	/* a string that is not UTF-8 (which only nocheck makes) fails in both */
	bad = json_pack("{s:o}", "k", json_stringn_nocheck("a\xc0\x80", 3));
	assert_null(json_dumps(bad, JSON_COMPACT | JSON_SORT_KEYS));
	assert_null(jcanon(bad));
	json_decref(bad);
	bad = json_pack("[o]", json_stringn_nocheck("\xed\xa0\x80", 3)); /* a surrogate */
	assert_null(json_dumps(bad, JSON_COMPACT | JSON_SORT_KEYS));
	assert_null(jcanon(bad));
	json_decref(bad);
}

/* The lines s wraps into at `cols` (tui_lines over tui_text_wrap), joined with '|'. */
static const char *wrapped(const char *s, int cols)
{
	static char out[512];
	struct tui_lines it;
	const char *line;
	size_t n, len = 0;

	out[0] = '\0';
	tui_lines_start(&it, s, cols);
	while (len < sizeof out && tui_lines_next(&it, &line, &n))
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s", len ? "|" : "", (int)n,
					line);
	return out;
}

static void test_wrap(void **state)
{
	(void)state;
	/* Chinese breaks between any two characters; one that would pass the edge goes down */
	CHECK(!strcmp(wrapped("关于石家庄市新华区", 5), "关于|石家|庄市|新华|区"));
	CHECK(!strcmp(wrapped("关于石家庄市新华区", 6), "关于石|家庄市|新华区"));
	CHECK(!strcmp(wrapped("a关于", 2), "a|关|于"));
	/* a comma never begins a line: the character before it goes down with it */
	CHECK(!strcmp(wrapped("运动鞋，经鉴定", 6), "运动|鞋，经|鉴定"));
	CHECK(!strcmp(wrapped("鞋，经", 2), "鞋|，|经"));
	/* Latin words move down whole when the line has a blank before them */
	CHECK(!strcmp(wrapped("the quick brown fox", 10), "the quick |brown fox"));
	CHECK(!strcmp(wrapped("abcdefghij", 4), "abcd|efgh|ij"));
	CHECK(!strcmp(wrapped("当事人 selling Nike shoes", 12), "当事人 |selling Nike|shoes"));
	/* newlines end lines; an empty text is one empty line */
	CHECK(!strcmp(wrapped("第一行\n\n第三行", 20), "第一行||第三行"));
	CHECK(!strcmp(wrapped("", 10), ""));
	/* a column too narrow for one character still moves on, one character a line */
	CHECK(!strcmp(wrapped("中文", 1), "中|文"));
	/* an escape sequence is measured as the sanitiser shows it (?[2J: 4 columns) */
	CHECK(!strcmp(wrapped("\x1b[2Jab", 4), "\x1b[2J|ab"));
	for (int c = 1; c <= 20; c++) { /* no line wider than c, nothing lost or repeated */
		const char *s = "关于石家庄市a新华区某 商贸\x1b有限公司 Nike运动鞋", *p = s, *next;
		char back[256] = "", want[256] = "";
		do {
			size_t n = tui_text_wrap(p, c, &next);
			char line[128];
			snprintf(line, sizeof line, "%.*s", (int)n, p);
			CHECK(tui_text_width(line) <= (c > 1 ? c : 2));
			strncat(back, line, sizeof back - strlen(back) - 1);
			p = next;
		} while (p);
		for (size_t i = 0, k = 0; s[i]; i++) /* the blanks at breaks are dropped */
			if (s[i] != ' ')
				want[k++] = s[i];
		for (char *q = back; (q = strchr(q, ' '));)
			memmove(q, q + 1, strlen(q));
		CHECK(!strcmp(back, want));
	}
}

/* A check's message under a form field: the break falls just before "，", so "对" goes down
 * with it (the form's own wrapping used to start the second line with the comma). */
static void test_form_message(void **state)
{
	const char *msg = "统一社会信用代码的校验码不对，请核对营业执照上的代码。";

	(void)state;
	assert_string_equal(wrapped(msg, 28),
			    "统一社会信用代码的校验码不|对，请核对营业执照上的代码。");
	assert_int_equal(wrap_text_rows(msg, 28, 3), 2);
	assert_string_equal(wrapped("决定书（依法）送达", 12), "决定书（依|法）送达");
	assert_int_equal(wrap_text_rows(msg, 10, 3), 3); /* at most the rows it is given */
	assert_int_equal(wrap_text_rows("", 10, 3), 0);   /* no message, no row */
}

/* Widths count a Chinese character as two columns, ASCII as one. */
static void test_columns(void **state)
{
	(void)state;
	assert_int_equal(tui_text_width("石家庄 ab"), 9);
	assert_string_equal(wrapped("a关于", 4), "a关|于");
	assert_string_equal(wrapped("第一行\n", 10), "第一行"); /* no empty line after the last */
	assert_string_equal(wrapped("中文", 0), "中|文");   /* a column too narrow still moves on */
}

/* A page of labelled lines: the label on the first line only, the text in the columns right of
 * it, every line of a head drawn as the item's cursor. */
static void test_page(void **state)
{
	struct wrap w = {.sel = -1};

	(void)state;
	wrap_reset(&w, 12);
	wrap_add(&w, 2, "当事人销售，经鉴定为假冒", TUI_E_LABEL, 0, true);
	wrap_add_label(&w, 2, 4, "名称", "石家庄市新华区", TUI_E_NORMAL, 0, false);
	assert_int_equal(w.n, 6);
	assert_string_equal(w.v[0].text, "当事人销");
	assert_string_equal(w.v[1].text, "售，经鉴定");
	assert_string_equal(w.v[2].text, "为假冒");
	assert_true(w.v[0].head && w.v[1].head && w.v[2].head);
	assert_string_equal(w.v[3].label, "名称");
	assert_string_equal(w.v[3].text, "石家庄");
	assert_null(w.v[4].label);
	assert_string_equal(w.v[5].text, "区");
	assert_false(w.v[5].head);
	assert_int_equal(w.nitems, 1);
	wrap_free(&w);
}

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitise),
		cmocka_unit_test(test_sanitise_bytes),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_json_canon),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_form_message),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_page),
	};
	return cmocka_run_group_tests_name("text", tests, setup, NULL);
}
