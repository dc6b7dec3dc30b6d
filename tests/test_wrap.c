/* wrap: the one builder of wrapped text on screen (tui/wrap over base/text's tui_lines) — a
 * form's messages, a case's tabs and a page of items all break by the same rules: Chinese
 * counts two columns a character, and no line begins with closing punctuation. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "tui/wrap.h"

/* The lines of s wrapped at `cols`, joined with '|'. */
static const char *lines_of(const char *s, int cols)
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

/* A check's message under a form field: the break falls just before "，", so "对" goes down
 * with it (the form's own wrapping used to start the second line with the comma). */
static void test_form_message(void **state)
{
	const char *msg = "统一社会信用代码的校验码不对，请核对营业执照上的代码。";

	(void)state;
	assert_string_equal(lines_of(msg, 28), "统一社会信用代码的校验码不|对，请核对营业执照上的代码。");
	assert_int_equal(wrap_text_rows(msg, 28, 3), 2);
	assert_string_equal(lines_of("决定书（依法）送达", 12), "决定书（依|法）送达");
	assert_int_equal(wrap_text_rows(msg, 10, 3), 3); /* at most the rows it is given */
	assert_int_equal(wrap_text_rows("", 10, 3), 0);   /* no message, no row */
}

/* Widths count a Chinese character as two columns, ASCII as one. */
static void test_columns(void **state)
{
	(void)state;
	assert_int_equal(tui_text_width("石家庄 ab"), 9);
	assert_string_equal(lines_of("关于石家庄", 5), "关于|石家|庄");
	assert_string_equal(lines_of("a关于", 4), "a关|于");
	assert_string_equal(lines_of("当事人 selling Nike shoes", 12), "当事人 |selling Nike|shoes");
	assert_string_equal(lines_of("", 10), "");          /* an empty text is one empty line */
	assert_string_equal(lines_of("第一行\n", 10), "第一行"); /* no empty line after the last */
	assert_string_equal(lines_of("中文", 0), "中|文");   /* a column too narrow still moves on */
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
		cmocka_unit_test(test_form_message),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_page),
	};
	return cmocka_run_group_tests_name("wrap", tests, setup, NULL);
}
