/* Tests of the working-day calendar against the State Council notices for 2025
 * (国办发明电〔2024〕12号) and 2026 (notice of 2025-11-04): spans across 春节 and 国庆, make-up
 * Saturdays and Sundays, years the calendar does not cover, imports of a later year and of a
 * replacement, and the refusal of malformed calendar files. */
#include "db/workspace.h"
#include "tests/testutil.h"

#include "base/validate.h"
#include "db/calendar.h"

static char home[64];

static int ws_setup(void **state)
{
	*state = tu_workspace("王建国", "13010001", home);
	return 0;
}

static int ws_teardown(void **state)
{
	tu_close(*state, home);
	return 0;
}

/* date + n working days, asserting the answer and whether it is confirmed. */
static void expect_add(db *d, const char *date, int n, const char *want, bool want_confirmed)
{
	char out[11];
	bool confirmed = !want_confirmed;
	ipc_err e = {0};

	if (cal_add_workdays(d, date, n, out, &confirmed, &e))
		fail_msg("%s + %d: %s", date, n, e.msg);
	if (strcmp(out, want) != 0)
		fail_msg("%s + %d working days: got %s, want %s", date, n, out, want);
	assert_int_equal(confirmed, want_confirmed);
}

static void expect_between(db *d, const char *from, const char *to, int want, bool want_confirmed)
{
	int n = 0;
	bool confirmed = !want_confirmed;
	ipc_err e = {0};

	assert_int_equal(cal_workdays_between(d, from, to, &n, &confirmed, &e), 0);
	if (n != want)
		fail_msg("working days in (%s, %s]: got %d, want %d", from, to, n, want);
	assert_int_equal(confirmed, want_confirmed);
}

static void workdays_a_year(void **state)
{
	/* 261 weekdays − 18 weekdays off + 5 make-up days in 2025; − 18 + 5 in 2026 as well */
	expect_between(*state, "2024-12-31", "2025-12-31", 248, true);
	expect_between(*state, "2025-12-31", "2026-12-31", 248, true);
}

static void spring_festival_2025(void **state)
{
	db *d = *state;

	expect_add(d, "2025-01-24", 1, "2025-01-26", true); /* Friday → make-up Sunday */
	expect_add(d, "2025-01-26", 1, "2025-01-27", true);
	expect_add(d, "2025-01-27", 1, "2025-02-05", true); /* 01-28 – 02-04 off */
	expect_add(d, "2025-02-07", 1, "2025-02-08", true); /* make-up Saturday */
	expect_add(d, "2025-01-20", 15, "2025-02-14", true);
	expect_between(d, "2025-01-24", "2025-02-08", 6, true);
	expect_between(d, "2025-02-08", "2025-01-24", -6, true);
}

static void spring_festival_2026(void **state)
{
	db *d = *state;

	expect_add(d, "2026-02-13", 1, "2026-02-14", true); /* make-up Saturday */
	expect_add(d, "2026-02-14", 1, "2026-02-24", true); /* 02-15 – 02-23 off */
	expect_add(d, "2026-02-27", 1, "2026-02-28", true); /* make-up Saturday */
	expect_add(d, "2026-02-28", 1, "2026-03-02", true);
	expect_add(d, "2026-02-10", 15, "2026-03-09", true);
}

static void national_day(void **state)
{
	db *d = *state;

	expect_add(d, "2025-09-26", 1, "2025-09-28", true); /* make-up Sunday */
	expect_add(d, "2025-09-30", 1, "2025-10-09", true); /* 10-01 – 10-08 off */
	expect_add(d, "2025-10-10", 1, "2025-10-11", true); /* make-up Saturday */
	expect_add(d, "2025-09-25", 15, "2025-10-22", true);
	expect_add(d, "2026-09-18", 1, "2026-09-20", true); /* make-up Sunday */
	expect_add(d, "2026-09-30", 1, "2026-10-08", true); /* 10-01 – 10-07 off */
	expect_add(d, "2026-10-09", 1, "2026-10-10", true); /* make-up Saturday */
	expect_add(d, "2026-09-24", 15, "2026-10-22", true); /* 中秋 and 国庆 both crossed */
}

static void other_holidays(void **state)
{
	db *d = *state;

	expect_add(d, "2025-04-30", 5, "2025-05-12", true);  /* 劳动节 05-01 – 05-05 */
	expect_add(d, "2026-04-30", 7, "2026-05-13", true);  /* … and make-up Saturday 05-09 */
	expect_add(d, "2025-12-25", 20, "2026-01-23", true); /* 元旦 2026, make-up Sunday 01-04 */
	expect_add(d, "2026-06-18", 1, "2026-06-22", true);  /* 端午 06-19 – 06-21 */
}

static void zero_days(void **state)
{
	db *d = *state;

	expect_add(d, "2026-03-10", 0, "2026-03-10", true); /* a working day: itself */
	expect_add(d, "2026-03-14", 0, "2026-03-16", true); /* Saturday: the Monday */
	expect_add(d, "2026-10-01", 0, "2026-10-08", true); /* a holiday: the day after it */
	expect_add(d, "2026-10-10", 0, "2026-10-10", true); /* a make-up Saturday: itself */
}

static void uncovered_years(void **state)
{
	db *d = *state;
	bool work, confirmed;
	ipc_err e = {0};

	expect_add(d, "2026-12-01", 5, "2026-12-08", true);
	/* 2027-01-01 is a Friday: a working day by the weekend rule, but unconfirmed */
	expect_add(d, "2026-12-31", 1, "2027-01-01", false);
	expect_add(d, "2027-03-05", 1, "2027-03-08", false);
	expect_add(d, "2024-12-27", 2, "2024-12-31", false); /* ends in 2024 */
	expect_add(d, "2024-12-31", 1, "2025-01-02", true);  /* only 2025 is crossed */
	expect_between(d, "2026-12-25", "2027-01-05", 7, false);
	assert_int_equal(cal_is_workday(d, "2027-01-01", &work, &confirmed, &e), 0);
	assert_true(work);
	assert_false(confirmed);
	assert_int_equal(cal_is_workday(d, "2026-01-01", &work, &confirmed, &e), 0);
	assert_false(work);
	assert_true(confirmed);
}

static void bad_input(void **state)
{
	char out[11] = "";
	bool confirmed;
	int n;
	ipc_err e = {0};

	assert_int_equal(cal_add_workdays(*state, "2026-02-30", 1, out, &confirmed, &e), -1);
	assert_non_null(strstr(e.msg, "2026-02-30"));
	assert_int_equal(cal_add_workdays(*state, "2026-02-10", -1, out, &confirmed, &e), -1);
	assert_int_equal(cal_workdays_between(*state, "x", "2026-01-01", &n, &confirmed, &e), -1);
	assert_int_equal(cal_add_days("2026-13-01", 1, out), -1);
	assert_int_equal(cal_add_days("2199-12-31", 1, out), -1); /* beyond the dates we store */
}

static void calendar_days(void **state)
{
	char out[11];
	int n;

	(void)state;
	assert_int_equal(cal_add_days("2026-02-20", 10, out), 0);
	assert_string_equal(out, "2026-03-02");
	assert_int_equal(cal_add_days("2024-02-20", 10, out), 0);
	assert_string_equal(out, "2024-03-01"); /* leap year */
	assert_int_equal(cal_add_days("2026-01-10", -10, out), 0);
	assert_string_equal(out, "2025-12-31");
	assert_int_equal(cal_add_days("2026-03-01", 90, out), 0);
	assert_string_equal(out, "2026-05-30");
	assert_int_equal(cal_add_months("2026-01-31", 1, out), 0);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(cal_add_months("2024-01-31", 1, out), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(cal_add_months("2026-11-30", 3, out), 0);
	assert_string_equal(out, "2027-02-28");
	assert_int_equal(cal_add_months("2026-03-15", 3, out), 0);
	assert_string_equal(out, "2026-06-15");
	assert_int_equal(cal_days_between("2026-03-01", "2026-05-30", &n), 0);
	assert_int_equal(n, 90);
	assert_int_equal(cal_days_between("2026-05-30", "2026-03-01", &n), 0);
	assert_int_equal(n, -90);
}

static void today_override(void **state)
{
	char out[11];

	(void)state;
	setenv("IPCASE_TODAY", "2026-02-14", 1);
	cal_today(out);
	assert_string_equal(out, "2026-02-14");
	unsetenv("IPCASE_TODAY");
	cal_today(out);
	assert_int_equal(strlen(out), 10);
	assert_true(validate_date(out));
}

/* ---- imports ---- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A made-up 2027 (the real notice is not out): test data, not a calendar to ship. */
static const char year_2027[] =
	"# test calendar\n"
	"year 2027\n"
	"2027-01-01 off 元旦\n"
	"2027-02-05 off  春节  # a Friday\n"
	"2027-02-08 off 春节\n"
	"2027-02-20 work 春节\n";

static void import_a_year(void **state)
{
	db *d = *state, *again;
	char path[128];
	int years[4];
	json_t *list;
	ipc_err e = {0};

	expect_add(d, "2026-12-31", 1, "2027-01-01", false);
	snprintf(path, sizeof path, "%s/2027.txt", home);
	write_file(path, year_2027);
	assert_int_equal(cal_import(d, path, years, 4, &e), 1);
	assert_int_equal(years[0], 2027);
	expect_add(d, "2026-12-31", 1, "2027-01-04", true);
	expect_add(d, "2027-02-04", 1, "2027-02-09", true);
	expect_add(d, "2027-02-19", 1, "2027-02-20", true);
	expect_add(d, "2027-12-31", 1, "2028-01-03", false);
	list = cal_years(d, &e);
	assert_int_equal(json_array_size(list), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 2), "year")), 2027);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 2), "source")),
			    "imported");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 2), "off")), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 2), "work")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "source")),
			    "shipped");
	json_decref(list);
	/* kept in the workspace: another handle sees it */
	assert_int_equal(db_open(home, &again, &e), 0);
	expect_add(again, "2026-12-31", 1, "2027-01-04", true);
	db_close(again);
}

static void import_replaces_a_year(void **state)
{
	db *d = *state;
	char path[128];
	int years[4];
	ipc_err e = {0};

	snprintf(path, sizeof path, "%s/2026.txt", home);
	/* a corrected 2026 without the National Day week: the whole shipped year is replaced */
	write_file(path, "year 2026\n2026-01-01 off 元旦\n");
	assert_int_equal(cal_import(d, path, years, 4, &e), 1);
	expect_add(d, "2026-09-30", 1, "2026-10-01", true);
	expect_add(d, "2026-02-13", 1, "2026-02-16", true); /* no make-up Saturday any more */
	expect_add(d, "2025-09-30", 1, "2025-10-09", true); /* 2025 untouched */
}

static void expect_refused(db *d, const char *text, const char *where, const char *why)
{
	char path[128];
	int years[4];
	ipc_err e = {0};
	json_t *before, *after;

	snprintf(path, sizeof path, "%s/bad.txt", home);
	write_file(path, text);
	before = cal_years(d, &e);
	assert_int_equal(cal_import(d, path, years, 4, &e), -1);
	if (!strstr(e.msg, where) || !strstr(e.msg, why))
		fail_msg("expected \"%s\" and \"%s\" in: %s", where, why, e.msg);
	after = cal_years(d, &e);
	assert_true(json_equal(before, after)); /* nothing of the file was imported */
	json_decref(before);
	json_decref(after);
}

static void import_refuses_malformed(void **state)
{
	db *d = *state;

	expect_refused(d, "year 2027\n2027-01-01 off\n2027-01-04 work\n", "bad.txt:3:", "Monday");
	expect_refused(d, "year 2027\n2028-01-01 off\n", "bad.txt:2:", "year 2028");
	expect_refused(d, "year 2027\n2027-01-01 off\n\n2027-01-01 off\n", "bad.txt:4:",
		       "listed twice (first on line 2)");
	expect_refused(d, "year 2027\n2027-01-01 holiday\n", "bad.txt:2:", "`off`");
	expect_refused(d, "year 2027\n2027-02-30 off\n", "bad.txt:2:", "2027-02-30");
	expect_refused(d, "year 27\n", "bad.txt:1:", "year YYYY");
	expect_refused(d, "year 2027\nyear 2027\n", "bad.txt:2:", "twice");
	expect_refused(d, "# nothing\n", "bad.txt", "declares no year");
	expect_refused(d, "year 2027\n2027-01-01 off \x1b[2J\n", "bad.txt:2:", "control character");
	expect_refused(d, "year 2027\n2027-01-01 off \xff\xfe\n", "bad.txt:2:", "UTF-8");
}

static void import_missing_file(void **state)
{
	int years[4];
	ipc_err e = {0};

	assert_int_equal(cal_import(*state, "/nonexistent/cal.txt", years, 4, &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/cal.txt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(workdays_a_year, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(spring_festival_2025, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(spring_festival_2026, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(national_day, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(other_holidays, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(zero_days, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(uncovered_years, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(bad_input, ws_setup, ws_teardown),
		cmocka_unit_test(calendar_days),
		cmocka_unit_test(today_override),
		cmocka_unit_test_setup_teardown(import_a_year, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(import_replaces_a_year, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(import_refuses_malformed, ws_setup, ws_teardown),
		cmocka_unit_test_setup_teardown(import_missing_file, ws_setup, ws_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
