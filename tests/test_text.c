/* Tests of the one sanitiser and of text measured in terminal columns: control characters and
 * escape sequences never survive, double-width characters are never cut in half. */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "base/text.h"

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

/* The lines tui_text_wrap makes of s at `cols`, joined with '|'. */
static const char *wrapped(const char *s, int cols)
{
	static char out[512];
	const char *p = s, *next;
	size_t len = 0;

	out[0] = '\0';
	do {
		size_t n = tui_text_wrap(p, cols, &next);
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s", len ? "|" : "", (int)n, p);
		p = next;
	} while (p && len < sizeof out);
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

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitise),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests_name("text", tests, setup, NULL);
}
