/* fuzz_calendar — feeds the input as a calendar file (the format of data/calendar.txt) to
 * cal_import (db/calendar.h) in a workspace, in a transaction rolled back afterwards; when it
 * is taken, counts working days across the years it declared.
 * It asserts that the arithmetic agrees with itself on the imported calendar: n working days
 * after a day (cal_add_workdays) are n working days away from it (cal_workdays_between), a
 * working day by cal_is_workday, and confirmed when they stay within the year imported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calendar.h"
#include "fuzz/fuzzkit.h"

static db *d;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	d = fk_workspace("130100", false);
	return 0;
}

/* From each of the first days of year y, n working days on and back. */
static void arithmetic(int y, int n)
{
	ipc_err e = {0};

	for (int day = 1; day <= 7; day++) {
		char from[11], to[11];
		bool confirmed, c2, work;
		int between;
		snprintf(from, sizeof from, "%04d-01-%02d", y, day);
		if (cal_add_workdays(d, from, n, to, &confirmed, &e))
			continue; /* beyond the last year there is */
		FK_ASSERT(cal_workdays_between(d, from, to, &between, &c2, &e) == 0, "%s", e.msg);
		FK_ASSERT(cal_is_workday(d, to, &work, &c2, &e) == 0 && work, "%s + %d = %s, not a "
			  "working day", from, n, to);
		FK_ASSERT(n ? between == n : between <= 1, "%s + %d working days = %s, but %d between",
			  from, n, to, between);
		FK_ASSERT(confirmed || atoi(to) != y, "%s + %d = %s: not confirmed in a year imported",
			  from, n, to);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int years[64], got;
	ipc_err e = {0};

	if (db_begin(d, &e))
		return 0;
	got = cal_import(d, fk_file(d, data, size), years, 64, &e);
	for (int i = 0; i < got && i < 64; i++)
		arithmetic(years[i], size ? data[i % size] : 0);
	db_rollback(d);
	cal_forget(d); /* the rolled-back years are read again */
	return 0;
}
