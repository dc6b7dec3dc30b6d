/* calendar — the Chinese working-day calendar: Monday–Friday, minus the days off and plus the
 * make-up working days of the State Council's yearly notices (FACTS.md §8). The years shipped
 * in data/calendar.txt are compiled in; `ipcase calendar import` adds or replaces years in a
 * workspace. A date in a year neither covers is counted on weekends only and reported as
 * unconfirmed. Loaded once per db handle into a table by day number. */
#ifndef IPCASE_CALENDAR_H
#define IPCASE_CALENDAR_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"

/* Today's local date as YYYY-MM-DD; IPCASE_TODAY=YYYY-MM-DD overrides it (scripts, tests). */
void cal_today(char out[11]);

/* The date n working days after `date` (n >= 0; 0 = date itself if a working day, else the
 * next one). *confirmed is false when any year crossed is not covered by the calendar. */
int cal_add_workdays(db *d, const char *date, int n, char out[11], bool *confirmed, ipc_err *e);

/* Working days in (from, to]; negative when to < from. */
int cal_workdays_between(db *d, const char *from, const char *to, int *n, bool *confirmed,
			 ipc_err *e);

/* Calendar-day arithmetic. */
int cal_add_days(const char *date, int n, char out[11]);

/* The same day n months later; the month's last day when it has no such day (2026-01-31 + 1
 * month = 2026-02-28), as 民法典 art. 202 counts periods in months. */
int cal_add_months(const char *date, int n, char out[11]);

/* Calendar days from `from` to `to` (negative when to < from). */
int cal_days_between(const char *from, const char *to, int *n);

/* Is `date` a working day? *confirmed as above. */
int cal_is_workday(db *d, const char *date, bool *workday, bool *confirmed, ipc_err *e);

/* Loads the years of a calendar file (the format of data/calendar.txt) into the workspace,
 * each replacing the shipped or earlier imported year as a whole. A malformed file is refused
 * whole, with FILE:LINE and the reason. Fills `years` with the years it held (up to max) and
 * returns how many, -1 on error. Callers that keep derived dates recompute them in the same
 * transaction (deadline_calendar_import). */
int cal_import(db *d, const char *path, int *years, int max, ipc_err *e);

/* The years covered: [{"year","source":"shipped"|"imported","off","work"}…], ascending. */
json_t *cal_years(db *d, ipc_err *e);

/* Drops the loaded calendar of a handle (it is read again on next use); db_close frees it. */
struct calendar;
void cal_free(struct calendar *c);
void cal_forget(db *d);

#endif
