/* caseno — official case numbers (案号, FACTS.md §7), allocated offline without collisions,
 * and the detection of duplicates that arrive from elsewhere.
 *
 * Why two officers cannot collide: a number is PREFIX〔YEAR〕SERIES-N号 where SERIES is the
 * allocating officer's enforcement certificate number, unique per officer by issuance, and N
 * is counted by that officer's workspace alone (a counter kept in the database, never below
 * the highest N of the series already seen). Two officers never share a series, so they
 * never share a number; one officer never repeats N. A number typed by hand or imported that
 * equals another case's is flagged on both cases as "duplicate_case_no". */
#ifndef IPCASE_CASENO_H
#define IPCASE_CASENO_H

#include <stddef.h>

#include "db/db.h"

/* The next case number of this officer for the year of `today` (YYYY-MM-DD). */
int caseno_allocate(db *d, const char *today, char *out, size_t n, ipc_err *e);

/* Flags `record` and every other case holding `case_no` as duplicates, and clears the flag of
 * cases whose number has become unique. */
int caseno_check_duplicates(db *d, const char *record, const char *case_no, ipc_err *e);

#endif
