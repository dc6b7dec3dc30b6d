/* clock — counting a limit on the working-day calendar while leaving out the periods that stop
 * it: the case's `pause` records and its own status history (a case in status `suspended` or
 * `hearing` stops the decision clock by itself, FACTS.md §9). db/rules/deadline.c's sources
 * count every limit through it. */
#ifndef IPCASE_CLOCK_H
#define IPCASE_CLOCK_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "db/db.h"

enum clock_unit { WORKDAYS, DAYS, MONTHS };

/* What a paused period stops: its kind (a pause record's, or the status the case was in). */
enum {
	P_SUSPENSION = 1 << 0, P_HEARING = 1 << 1, P_NOTICE = 1 << 2, P_TESTING = 1 << 3,
	P_APPRAISAL = 1 << 4, P_IDENTIFICATION = 1 << 5,
};
/* Order No. 2 art. 18: testing, inspection, quarantine, appraisal, rights-holder identification */
#define STOPS_VERIFY (P_TESTING | P_APPRAISAL | P_IDENTIFICATION)
/* 行政处罚法 art. 60 and Order No. 2: also suspension, hearing, public notice */
#define STOPS_DECISION (STOPS_VERIFY | P_SUSPENSION | P_HEARING | P_NOTICE)
/* 行政强制法 art. 25: testing, inspection, quarantine, technical appraisal */
#define STOPS_SEIZURE (P_TESTING | P_APPRAISAL)

/* date + n units (the start day not counted); *confirmed false when a working-day count
 * crossed a year the calendar lacks. */
int clock_advance(db *d, const char *date, enum clock_unit u, int n, char out[11],
		  bool *confirmed, ipc_err *e);

/* start + n units for the case `case_id`, not counting its paused periods of the kinds in
 * `stops`: a period that begins on or before the (moving) due date pushes it back by its
 * length. Returns 1 with the due date, 0 when a period that has not ended stops the clock,
 * -1 on error. */
int clock_due(db *d, const char *case_id, const char *start, enum clock_unit u, int n,
	      unsigned stops, char due[11], bool *confirmed, ipc_err *e);

/* Makes the index that finds the cases whose ops ever entered a pausing status (once per
 * workspace; a writable handle at open). */
int clock_open(db *d, ipc_err *e);

/* The error of a date pushed beyond the calendar's range. */
int clock_range_err(ipc_err *e, const char *date);

#endif
