/* workflow — the administrative case procedure (SAMR Order No. 2, 行政处罚法; FACTS.md §1) as
 * a state machine: which status may follow which, and what each step needs of the case; a
 * patent dispute (FACTS.md §2) has steps of its own in the same relation. */
#ifndef IPCASE_WORKFLOW_H
#define IPCASE_WORKFLOW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* The status every new case starts in. */
#define WORKFLOW_START "clue"

bool workflow_allowed(const char *from, const char *to);

/* The statuses that may follow `from` in a case of `procedure` (a case_procedures id, NULL
 * for the penalty procedure), in procedure order; returns how many (≤ max). */
size_t workflow_next(const char *procedure, const char *from, const char **out, size_t max);

/* Does `status` belong to `procedure` (NULL: the penalty procedure)? clue, served, closed and
 * archived belong to both; the others to one. */
bool workflow_in_procedure(const char *procedure, const char *status);

/* workflow_in_procedure for the case `state`, refused naming the procedure when it does not. */
int workflow_fits(const json_t *state, const char *status, ipc_err *e);

/* Checks that a case in state `state` (its fields after this change) may move from → to, and
 * adds to `set` the date the step records when the case has none (filed_on, decided_on …,
 * today's date). Fills e with what is missing when it may not. */
int workflow_check(const char *from, const char *to, const json_t *state, json_t *set,
		   const char *today, ipc_err *e);

/* A case entered directly in status `to` (an existing paper case, demo data): checks what
 * every step up to `to` needs and adds the dates those steps record. */
int workflow_check_entry(const char *to, const json_t *state, json_t *set, const char *today,
			 ipc_err *e);

/* Has a case in this status been filed, and so carries an official case number? */
bool workflow_numbered(const char *status);

#endif
