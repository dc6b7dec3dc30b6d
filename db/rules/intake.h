/* intake — complaints and reports (投诉举报, SAMR Order No. 20; FACTS.md §10) as records of
 * the office channel: how one came in (channel, ticket, date), whether it is a complaint or a
 * report, who made it (confidential: the name, phone, ID number and address never reach a
 * document addressed to the party), what it is about and its outcome. Invariants, kept on a
 * local write and on a peer's op alike:
 * - only a complaint is accepted or refused, and a refusal carries its reason;
 * - an outcome, a told date or a 12345 feedback is never dated before the intake's receipt;
 * - a 12345 feedback (date, text) belongs to an intake of channel hotline_12345 only;
 * - an anonymous intake carries no identity and is never told. */
#ifndef IPCASE_INTAKE_H
#define IPCASE_INTAKE_H

#include <stdbool.h>

#include "db/schema.h"

/* The limits of Order No. 20 in the `deadlines` table, owner and ref = the intake (it belongs to
 * no case): intake_accept, a complaint's acceptance decision told to the complainant, 7
 * working days from receipt (art. 14), open until told_on (until outcome_on when anonymous);
 * intake_tell, a real-name reporter told whether a case was filed, 5 working days from the
 * linked case's filed_on or not-filed decision (art. 31), open until told_on;
 * intake_feedback, a 12345 transfer answered with its result, limit.hotline_12345_workdays
 * (unverified) from receipt, open until feedback_on. Of the intake `id`, of the intakes
 * linked to case `case_id`, or of all when both are NULL. */
int intake_deadlines_refresh(db *d, const char *id, const char *case_id, ipc_err *e);

/* Links intake `id` to the case `case_id` of this workspace (several intakes may point to one
 * case). */
int intake_link(db *d, const char *id, const char *case_id, ipc_err *e);

/* Makes intake `id` a clue (a case in status clue, of IP type `ip_type`): its source from the
 * channel and kind, its title from the subject, the respondent a party with its USCC, the
 * complainant or reporter a party of that role (so its identity stays confidential), and the
 * intake linked to it, in one transaction; fills case_id. */
int intake_clue(db *d, const char *id, const char *ip_type, char case_id[37], ipc_err *e);

/* The inbox: each intake (none of its confidential fields) with its linked case's number
 * and its soonest open limit — {id, received_on, channel, kind, anonymous, subject,
 * respondent, respondent_uscc, outcome, outcome_on, told_on, feedback_on, case_id, case_no,
 * case_title, due_kind, due} —, those with an open limit first (soonest first), then those nothing has
 * been done with (no case, no outcome), newest first; with `all` the handled ones after them. */
json_t *intake_inbox(db *d, bool all, ipc_err *e);

/* The intakes linked to case `case_id`, as intake_inbox gives them (no identity), the first
 * received first. */
json_t *intake_of_case(db *d, const char *case_id, ipc_err *e);

/* The intake `id` as intake_inbox gives it, with its confidential fields and every open
 * limit ("deadlines": [{kind, due}]); NULL with e set when there is none. */
json_t *intake_show(db *d, const char *id, ipc_err *e);

extern const struct enum_value intake_channels[], intake_kinds[], intake_outcomes[];
extern const struct rtype intake_type;

#endif
