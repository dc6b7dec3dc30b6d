/* approval — approvals by role and collective discussions (Order No. 2 art. 18–19, 行政处罚法
 * art. 57–58; FACTS.md §9): a handler asks for a step of a case, the office's head (the legal
 * reviewer for a legal review) answers with an opinion; a collective discussion records its
 * date, participants and conclusion.
 *
 * Invariants (tests/test_procedure.c):
 *  1. An approval is asked (status asked) by a device with the handler role and answered once
 *     (approved or refused, never changed after) by a device holding the step's role: head,
 *     or reviewer for legal_review. A head who handles the case still asks and answers: both
 *     ops are on record.
 *  2. The same holds for a peer's op: an answer whose writer lacks the role is refused on
 *     import (it waits while a later roster may give the role).
 *  3. A step counts as approved while an answered-approved approval of that step, not deleted,
 *     exists for the case (answered on or after `since` when the step asks for one). */
#ifndef IPCASE_APPROVAL_H
#define IPCASE_APPROVAL_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "db/db.h"
#include "db/schema.h"

extern const struct rtype approval_type, discussion_type;
extern const struct enum_value approval_steps[]; /* file, not_file, … reopen, legal_review */

/* Is `step` of case `case_id` approved (answered on or after `since`, when not NULL)? 1 yes,
 * 0 no, -1 error. */
int approval_granted(db *d, const char *case_id, const char *step, const char *since,
		     ipc_err *e);

/* Has `step` of the case been answered, approved or refused (the legal reviewer's opinion
 * either way)? 1, 0, -1. */
int approval_answered(db *d, const char *case_id, const char *step, ipc_err *e);

/* 0 when granted; otherwise refuses (IPC_E_RULE, field "status") naming the step, who
 * approves it and the command that asks. */
int approval_need(db *d, const char *case_id, const char *step, const char *since, ipc_err *e);

/* Has the case a collective discussion for `purpose` (major_case, extension)? 1, 0, -1. With
 * extension, `until` (may be NULL) receives the latest decision limit the heads set. */
int approval_discussed(db *d, const char *case_id, const char *purpose, char until[11],
		       ipc_err *e);

/* A handler asks: a new approval of `step` for the case with the reason given. */
int approval_ask(db *d, const char *case_id, const char *step, const char *reason,
		 char new_id[37], ipc_err *e);

/* The approver answers an asked approval. */
int approval_answer(db *d, const char *approval_id, bool approve, const char *opinion,
		    ipc_err *e);

/* Approvals asked and not answered that this device's roles may answer (mine = true), or
 * every one asked (mine = false); each with its case's number and title. */
json_t *approval_waiting(db *d, bool mine, ipc_err *e);

/* The role a step's approval needs (enum roster_role) and its label. */
unsigned approval_role(const char *step);

#endif
