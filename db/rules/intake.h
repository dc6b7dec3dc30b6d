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

#include "db/schema.h"

extern const struct enum_value intake_channels[], intake_kinds[], intake_outcomes[];
extern const struct rtype intake_type;

#endif
