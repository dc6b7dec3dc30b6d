/* mediation — the mediation of an IP dispute (调解; Shijiazhuang art. 30, Liuzhou art. 9,
 * FACTS.md §13): its parties and mediator, the outcome, the agreement (调解协议, 调解书) and
 * its judicial confirmation (司法确认), which both parties seek within 30 days of the
 * agreement taking effect (人民调解法 art. 33). A mediation may belong to a case (a patent
 * dispute's mediation branch: db/rules/procedure) or stand alone.
 *
 * Invariants (tests/test_patent.c, tests/walk_patent.sh), judged on write and on a peer's op
 * alike (a peer's that breaks one waits: procedure.h, invariant 1):
 *  1. Two parties or more; an agreed mediation has its agreement; a failed one has no
 *     agreement, 调解书 or confirmation.
 *  2. Dates in order: mediated_on ≤ effective_on ≤ confirmation_applied_on ≤ confirmation_on;
 *     a confirmation result has both its dates.
 *  3. A case in status mediated keeps an agreed mediation: its last one is not made failed
 *     nor deleted.
 *  4. An agreed mediation in effect and not yet brought to the court has one open limit,
 *     judicial_confirm (calendar days), kept in the deadlines table with the mediation as its
 *     owner, so `ipcase due` lists it whether or not it belongs to a case. */
#ifndef IPCASE_MEDIATION_H
#define IPCASE_MEDIATION_H

#include <jansson.h>

#include "db/db.h"
#include "db/schema.h"

extern const struct rtype mediation_type;

/* 1 when the case has an agreed mediation not deleted, 0 when not, -1 with e. */
int mediation_agreed(db *d, const char *case_id, ipc_err *e);

/* The mediations not deleted, of case `case_id` (NULL: all), the latest first: each its
 * record with case_no and due (the judicial_confirm limit, when open). NULL with e. */
json_t *mediation_list(db *d, const char *case_id, ipc_err *e);

#endif
