/* deadlines — the `deadlines` table (owner = the case, kind, ref = the record it comes from,
 * due, confirmed), as lists, counts and the case list read it, through its index on the due
 * date. Only open deadlines are kept; db/rules/deadline.c computes them at every commit that
 * touches a case (the case type's refresh hook). */
#ifndef IPCASE_DEADLINES_H
#define IPCASE_DEADLINES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

struct deadline_query {
	const char *until;   /* due on or before this date (overdue ones included); NULL = all */
	const char *case_id; /* one case's deadlines, or NULL */
	bool mine;           /* only cases this officer handles */
	bool overdue;        /* only those due before today */
	int offset, limit;   /* limit 0 = all */
};

/* Open deadlines, soonest first: [{"due","kind","case_id","case_no","title","days_left",
 * "confirmed","ref","fine"}…]; days_left counts calendar days from today, negative when late.
 * A collaboration request's reply date has "request_id" instead of "case_id" (its subject as
 * the title), an intake's limit "intake_id" (db/rules/intake), a complaint at a trade fair's
 * "fair_complaint_id" (the exhibitor complained of as the title, db/rules/fair); `mine` and
 * `case_id` leave those out. */
json_t *deadline_list(db *d, const struct deadline_query *q, ipc_err *e);

/* The soonest open deadline of a case; returns 1 and fills due, kind (its id) and confirmed,
 * 0 when it has none. */
#define DEADLINE_KIND_MAX 32
int deadline_next(db *d, const char *case_id, char due[11], char kind[DEADLINE_KIND_MAX],
		  bool *confirmed);

/* Are there more than a few thousand overdue deadlines? The case list filters them by
 * lookup when few, by walking its own order when many. */
bool deadline_overdue_many(db *d, const char *today);

/* How many open deadlines are overdue (of this officer's cases when `mine`), -1 on error. */
int64_t deadline_overdue_count(db *d, bool mine, ipc_err *e);

/* Open deadlines by group: overdue, due today, in the next six days, later (of this
 * officer's cases when `mine`). */
enum { DEADLINE_OVERDUE, DEADLINE_TODAY, DEADLINE_WEEK, DEADLINE_LATER, DEADLINE_NGROUPS };
int deadline_counts(db *d, bool mine, int64_t out[DEADLINE_NGROUPS], ipc_err *e);

#endif
