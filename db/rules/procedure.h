/* procedure — the rules of the lawful procedure beyond the order of statuses (FACTS.md §1,
 * §9): the approvals each step needs, the statement period before a decision, legal review
 * and collective discussion of major cases, what closing needs, dates in procedure order,
 * two officers at an inspection or a measure, a panel of three or more for a patent dispute.
 *
 * Invariants (tests/test_procedure.c, tests/procedure.sh):
 *  1. The same rules judge a local write and a peer's op: a write is refused with the rule and
 *     what would satisfy it; a peer's op that breaks one waits in the quarantine
 *     (DB_IMPORT_PENDING) and is tried again at every sync, since a later op (the approval,
 *     the statement, a corrected date) may satisfy it — refusing it for good would let
 *     replicas that received its ops in another order disagree.
 *  2. Rules look at the state after the change and at the records of the case; they judge
 *     only what the change touches (its status, its dates, its officers), so a record entered
 *     before a rule existed can still be edited elsewhere. */
#ifndef IPCASE_PROCEDURE_H
#define IPCASE_PROCEDURE_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "db/db.h"
#include "db/schema.h"

/* A case after a change: old its state before (NULL for a new case), state after, set what
 * the change sets. `id` is the case's id. */
int procedure_check_case(db *d, const char *id, const json_t *old, const json_t *state,
			 const json_t *set, ipc_err *e);

/* The hooks of the types done by a team (inspection, interview: their FK_HANDLERS field) and
 * of measures (struct rtype): not on an archived case (db/rules/archive); two officers with
 * certificates; a seizure needs the head's approval. A peer's op that breaks them waits. */
int procedure_team_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			 json_t *set, ipc_err *e);
int procedure_team_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e);
int procedure_measure_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			    json_t *set, ipc_err *e);
int procedure_measure_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e);

/* The approval step a move of a case from status `from` to `to` needs (file, decision,
 * close, reopen…), NULL when none. A decision to transfer to the police needs
 * police_transfer besides. */
const char *procedure_step_approval(const char *from, const char *to);

/* A peer's op the rules refused (e says why) waits in the quarantine: DB_IMPORT_PENDING. */
int procedure_waits(ipc_err *e);

/* A peer's op of type t judged by `check` like a local write, on the state it leads to here
 * (check gets the state before, NULL for a new record, and after): it waits when refused. */
int procedure_judge_import(db *d, const struct rtype *t, const struct op *o,
			   int (*check)(db *, const struct rtype *, const json_t *, const json_t *,
					const json_t *, ipc_err *),
			   ipc_err *e);

/* Is the fine at or above the office's major-case threshold, or the case marked major? */
bool procedure_major(db *d, const json_t *kase);

/* Is this penalty published (公示规定 art. 9–11: warnings are not)? */
bool procedure_published(const json_t *kase);

#endif
