/* police — the transfer of a suspected crime to the police (行刑衔接, State Council Order
 * No. 310, FACTS.md §11): the record of one transfer of a case, from the officers' report
 * through the head's approval, the sending, the police's decision, a reconsideration, the
 * handover of items or the return of the case, and the limits of each step. */
#ifndef IPCASE_POLICE_H
#define IPCASE_POLICE_H

#include <jansson.h>

#include "db/db.h"
#include "db/schema.h"

extern const struct rtype police_transfer_type;
extern const struct enum_value police_decisions[]; /* opened, not_opened, dropped */

/* The steps of a transfer in the procedure's order, each with the field of its date: report,
 * approval, sending, receipt, decision, reconsideration, handover, return; ends with a NULL
 * id. */
struct police_step {
	const char *id, *zh, *en, *field; /* labels as the schema's: a zh/en pair */
};
extern const struct police_step police_steps[];

/* A step's label in the user's language ("移送"); the id itself when unknown. */
const char *police_step_label(const char *step);

/* The next step of the transfer `r` (its record): its id (a police_steps id), the fields it
 * records (space-separated), and its limit when it has one (kind, a deadline_kinds id, and
 * due), else kind NULL. Returns 0 when no step is left (returned, or handed over). */
struct police_next {
	const char *step, *fields, *kind;
	char due[11];
};
int police_next(db *d, const json_t *r, struct police_next *out);

/* The office's transfers not deleted, the latest report first, of case `case_id` and of id
 * `id` (each NULL: any): each its record with case_no, case_title, steps (those done, in
 * order: [{"step", "on", "decision" for the decision}]), state and state_on (the last step
 * done) and next ({"step", "fields", "kind", "due"}, null when none is left). NULL with e. */
json_t *police_transfers(db *d, const char *case_id, const char *id, ipc_err *e);

/* The one transfer `id` as police_transfers gives it; NULL with e (not found) otherwise. */
json_t *police_transfer_show(db *d, const char *id, ipc_err *e);

/* A step done of police_transfers as text: "2026-11-05  不予立案" (its date, the decision by
 * its name in the user's language). */
void police_step_text(const json_t *step, char *buf, size_t n);
/* The next step of a transfer of police_transfers as text: "next: 移送 by 2026-11-03 (…)",
 * "next: 接收, no limit", "no step left". */
void police_next_text(const json_t *x, char *buf, size_t n);

#endif
