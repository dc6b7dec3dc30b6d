/* test_validate — tests of base/validate: USCC, division codes, dates, money, ID numbers. */
#include "base/validate.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

/* ---- USCC ---- */

static void uscc_valid_examples(void **state)
{
    (void)state;
    /* The five valid examples of FACTS §5. */
    static const char *const OK[] = {
        "914403001922038216", "9144030071526726XG", "91330100716105852F",
        "91110108551385082Q", "91110000802100433B",
    };
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        char expected = '?';
        assert_true(validate_uscc(OK[i], &expected));
        assert_int_equal(expected, '\0');
        assert_true(validate_uscc(OK[i], NULL));
    }
}

static void uscc_wrong_check_reports_expected(void **state)
{
    (void)state;
    char expected = '\0';
    assert_false(validate_uscc("914403001922038217", &expected));
    assert_int_equal(expected, '6');
    assert_false(validate_uscc("914403001922038217", NULL));
}

/* Check character of 17 USCC characters from the definition in FACTS §5 (weights 3^(i-1) mod
 * 31 computed here, not taken from the module), for codes the fixed examples do not cover. */
static char uscc_check_char(const char *body)
{
    static const char ALPHABET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int sum = 0, weight = 1;
    for (size_t i = 0; i < 17; i++) {
        sum += (int)(strchr(ALPHABET, body[i]) - ALPHABET) * weight;
        weight = weight * 3 % 31;
    }
    return ALPHABET[(31 - sum % 31) % 31];
}

/* Every FACTS example has '0' in position 5; these codes give every weight a non-zero value. */
static void uscc_computed_from_definition(void **state)
{
    (void)state;
    static const char *const BODIES[] = {
        "91130102MA0ABCDEF", "Y2345678912345678", "1YXWUTRQPNMLKJHGF",
    };
    for (size_t i = 0; i < sizeof BODIES / sizeof BODIES[0]; i++) {
        char code[19];
        memcpy(code, BODIES[i], 17);
        code[17] = uscc_check_char(BODIES[i]);
        code[18] = '\0';
        assert_true(validate_uscc(code, NULL));
        char right = code[17], expected = '\0';
        code[17] = right == '0' ? '1' : '0';
        assert_false(validate_uscc(code, &expected));
        assert_int_equal(expected, right);
    }
}

static void uscc_wrong_length(void **state)
{
    (void)state;
    char expected = '?';
    assert_false(validate_uscc("91440300192203821", &expected));
    assert_int_equal(expected, '\0');
    assert_false(validate_uscc("9144030019220382160", &expected));
    assert_int_equal(expected, '\0');
    assert_false(validate_uscc("", &expected));
    assert_false(validate_uscc(NULL, &expected));
}

/* Put c at position pos of a valid code: the alphabet must reject it, so expected stays '\0'. */
static void assert_rejected_char(size_t pos, char c)
{
    char code[] = "91110108551385082Q";
    code[pos] = c;
    char expected = '?';
    assert_false(validate_uscc(code, &expected));
    assert_int_equal(expected, '\0');
}

static void uscc_forbidden_letters(void **state)
{
    (void)state;
    static const char FORBIDDEN[] = "IOSVZ";
    for (size_t i = 0; FORBIDDEN[i]; i++) {
        assert_rejected_char(5, FORBIDDEN[i]);
        assert_rejected_char(17, FORBIDDEN[i]);
    }
    assert_rejected_char(3, '-');
}

static void uscc_lowercase(void **state)
{
    (void)state;
    char expected = '?';
    assert_false(validate_uscc("91110108551385082q", &expected));
    assert_int_equal(expected, '\0');
    assert_false(validate_uscc("9144030071526726xg", &expected));
    assert_int_equal(expected, '\0');
}

/* ---- division codes ---- */

static void region_known_names(void **state)
{
    (void)state;
    assert_string_equal(validate_region_name("110000"), "北京市");
    assert_string_equal(validate_region_name("110108"), "海淀区");
    assert_string_equal(validate_region_name("120000"), "天津市");
    assert_string_equal(validate_region_name("120113"), "北辰区");
    assert_string_equal(validate_region_name("130000"), "河北省");
    assert_string_equal(validate_region_name("130100"), "石家庄市");
    assert_string_equal(validate_region_name("131100"), "衡水市");
    assert_string_equal(validate_region_name("133100"), "雄安新区");
    assert_string_equal(validate_region_name("130629"), "容城县");
}

static void region_listed_counties_keep_names(void **state)
{
    (void)state;
    assert_string_equal(validate_region_name("130181"), "辛集市");
    assert_string_equal(validate_region_name("130682"), "定州市");
    assert_string_equal(validate_region_name("130638"), "雄县");
}

static void region_derived_county_name(void **state)
{
    (void)state;
    assert_string_equal(validate_region_name("130102"), "石家庄市辖区县");
    assert_string_equal(validate_region_name("130699"), "保定市辖区县");
    assert_string_equal(validate_region_name("131001"), "廊坊市辖区县");
}

static void region_unknown(void **state)
{
    (void)state;
    assert_null(validate_region_name("110103")); /* merged into 东城/西城 */
    assert_null(validate_region_name("110104"));
    assert_null(validate_region_name("110110"));
    assert_null(validate_region_name("120107")); /* merged into 滨海新区 */
    assert_null(validate_region_name("140100")); /* 太原, Shanxi: not ours */
    assert_null(validate_region_name("131200")); /* no 12th Hebei prefecture */
    assert_null(validate_region_name("11010A"));
    assert_null(validate_region_name("1101O8"));
    assert_null(validate_region_name("11010"));
    assert_null(validate_region_name("1101080"));
    assert_null(validate_region_name(""));
    assert_null(validate_region_name(NULL));
}

static void region_province_letters(void **state)
{
    (void)state;
    assert_string_equal(validate_region_province("110000"), "京");
    assert_string_equal(validate_region_province("110108"), "京");
    assert_string_equal(validate_region_province("120113"), "津");
    assert_string_equal(validate_region_province("130000"), "冀");
    assert_string_equal(validate_region_province("130102"), "冀");
    assert_string_equal(validate_region_province("133100"), "冀");
    assert_null(validate_region_province("110103"));
    assert_null(validate_region_province("140100"));
    assert_null(validate_region_province("abcdef"));
    assert_null(validate_region_province(NULL));
}

/* What case numbers open with (FACTS §7: 京顺, 津北辰, 石): every listed code has one, a Hebei
 * county shares its prefecture's, a city office keeps its city. */
static void region_abbreviations(void **state)
{
    char code[7];

    (void)state;
    assert_string_equal(validate_region_abbrev("110000"), "京");
    assert_string_equal(validate_region_abbrev("110113"), "京顺");
    assert_string_equal(validate_region_abbrev("110105"), "京朝");
    assert_string_equal(validate_region_abbrev("120000"), "津");
    assert_string_equal(validate_region_abbrev("120113"), "津北辰");
    assert_string_equal(validate_region_abbrev("130000"), "冀");
    assert_string_equal(validate_region_abbrev("130100"), "石");
    assert_string_equal(validate_region_abbrev("130600"), "保");
    assert_string_equal(validate_region_abbrev("130602"), "保");
    assert_string_equal(validate_region_abbrev("131100"), "衡");
    assert_string_equal(validate_region_abbrev("133100"), "雄安");
    for (size_t i = 0; validate_region_at(i, code); i++)
        assert_non_null(validate_region_abbrev(code));
    assert_null(validate_region_abbrev("110103"));
    assert_null(validate_region_abbrev("140100"));
    assert_null(validate_region_abbrev("abcdef"));
    assert_null(validate_region_abbrev(NULL));
}

/* ---- dates and datetimes ---- */

static void date_valid(void **state)
{
    (void)state;
    assert_true(validate_date("2026-04-30"));
    assert_true(validate_date("2024-02-29"));
    assert_true(validate_date("2000-02-29")); /* divisible by 400 */
    assert_true(validate_date("1900-01-01"));
    assert_true(validate_date("2199-12-31"));
    assert_true(validate_date("2026-01-31"));
}

static void date_invalid(void **state)
{
    (void)state;
    assert_false(validate_date("2025-02-29"));
    assert_false(validate_date("2100-02-29")); /* divisible by 100, not 400 */
    assert_false(validate_date("2026-13-01"));
    assert_false(validate_date("2026-00-10"));
    assert_false(validate_date("2026-04-31"));
    assert_false(validate_date("2026-04-00"));
    assert_false(validate_date("2026-4-1"));
    assert_false(validate_date("2026-04-1"));
    assert_false(validate_date("1899-12-31"));
    assert_false(validate_date("2200-01-01"));
    assert_false(validate_date("2026/04/01"));
    assert_false(validate_date("2026-04-01 "));
    assert_false(validate_date("2026-04-0a"));
    assert_false(validate_date(""));
    assert_false(validate_date(NULL));
}

static void datetime_valid(void **state)
{
    (void)state;
    assert_true(validate_datetime("2026-04-30T09:15"));
    assert_true(validate_datetime("2026-04-30 09:15"));
    assert_true(validate_datetime("2026-04-30T23:59:59"));
    assert_true(validate_datetime("2024-02-29 00:00:00"));
}

static void datetime_invalid(void **state)
{
    (void)state;
    assert_false(validate_datetime("2026-04-30"));
    assert_false(validate_datetime("2026-04-30T"));
    assert_false(validate_datetime("2026-04-30T24:00"));
    assert_false(validate_datetime("2026-04-30T12:60"));
    assert_false(validate_datetime("2026-04-30T12:00:60"));
    assert_false(validate_datetime("2026-04-30T9:15"));
    assert_false(validate_datetime("2026-04-30T09:15:"));
    assert_false(validate_datetime("2026-04-30T09:15:5"));
    assert_false(validate_datetime("2026-04-30T09:15:00Z"));
    assert_false(validate_datetime("2026-04-30X09:15"));
    assert_false(validate_datetime("2026-04-30T09-15"));
    assert_false(validate_datetime("2025-02-29T09:15"));
    assert_false(validate_datetime(""));
    assert_false(validate_datetime(NULL));
}

/* ---- money ---- */

static void money_valid(void **state)
{
    (void)state;
    assert_true(validate_money("0"));
    assert_true(validate_money("12.5"));
    assert_true(validate_money("12.50"));
    assert_true(validate_money("0.01"));
    assert_true(validate_money("999999999999999.99")); /* 15 integer digits */
}

static void money_invalid(void **state)
{
    (void)state;
    assert_false(validate_money("-1"));
    assert_false(validate_money("+1"));
    assert_false(validate_money("1.234"));
    assert_false(validate_money(""));
    assert_false(validate_money("1e3"));
    assert_false(validate_money("."));
    assert_false(validate_money(".5"));
    assert_false(validate_money("12."));
    assert_false(validate_money("1 000"));
    assert_false(validate_money("12.5 "));
    assert_false(validate_money("1000000000000000")); /* 16 integer digits */
    assert_false(validate_money(NULL));
}

/* ---- ID numbers ---- */

/* Check character of 17 digits, computed from the definition (weight 2^(17-i) mod 11) rather
 * than from the module's table, so that a wrong table in the module shows up. */
static char id_check_char(const char *body)
{
    int sum = 0, weight = 1;
    for (int i = 16; i >= 0; i--) {
        weight = weight * 2 % 11;
        sum += (body[i] - '0') * weight;
    }
    int r = (12 - sum % 11) % 11; /* value that makes the full sum ≡ 1 (mod 11) */
    return r == 10 ? 'X' : (char)('0' + r);
}

static void id_with_check(const char *body, char out[19])
{
    memcpy(out, body, 17);
    out[17] = id_check_char(body);
    out[18] = '\0';
}

static void id_helper_agrees_with_known_example(void **state)
{
    (void)state;
    assert_int_equal(id_check_char("11010519491231002"), 'X');
}

static void id_valid(void **state)
{
    (void)state;
    assert_true(validate_id_number("11010519491231002X"));
    char id[19];
    id_with_check("13010220000229123", id); /* leap-day birth */
    assert_true(validate_id_number(id));
    id_with_check("12011319851017456", id);
    assert_true(validate_id_number(id));
}

static void id_wrong_check(void **state)
{
    (void)state;
    assert_false(validate_id_number("110105194912310021"));
    assert_false(validate_id_number("11010519491231002x")); /* lowercase x */
    char id[19];
    id_with_check("12011319851017456", id);
    id[17] = id[17] == '0' ? '1' : '0';
    assert_false(validate_id_number(id));
}

static void id_bad_birth_date(void **state)
{
    (void)state;
    char id[19];
    id_with_check("13010220010229123", id); /* 2001 is not a leap year */
    assert_false(validate_id_number(id));
    id_with_check("11010519491331002", id); /* month 13 */
    assert_false(validate_id_number(id));
    id_with_check("11010518991231002", id); /* before 1900 */
    assert_false(validate_id_number(id));
}

static void id_bad_shape(void **state)
{
    (void)state;
    assert_false(validate_id_number("11010519491231002"));
    assert_false(validate_id_number("11010519491231002X0"));
    assert_false(validate_id_number("1101051949123100AX"));
    assert_false(validate_id_number(""));
    assert_false(validate_id_number(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uscc_valid_examples),
        cmocka_unit_test(uscc_wrong_check_reports_expected),
        cmocka_unit_test(uscc_computed_from_definition),
        cmocka_unit_test(uscc_wrong_length),
        cmocka_unit_test(uscc_forbidden_letters),
        cmocka_unit_test(uscc_lowercase),
        cmocka_unit_test(region_known_names),
        cmocka_unit_test(region_listed_counties_keep_names),
        cmocka_unit_test(region_derived_county_name),
        cmocka_unit_test(region_unknown),
        cmocka_unit_test(region_province_letters),
        cmocka_unit_test(region_abbreviations),
        cmocka_unit_test(date_valid),
        cmocka_unit_test(date_invalid),
        cmocka_unit_test(datetime_valid),
        cmocka_unit_test(datetime_invalid),
        cmocka_unit_test(money_valid),
        cmocka_unit_test(money_invalid),
        cmocka_unit_test(id_helper_agrees_with_known_example),
        cmocka_unit_test(id_valid),
        cmocka_unit_test(id_wrong_check),
        cmocka_unit_test(id_bad_birth_date),
        cmocka_unit_test(id_bad_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
