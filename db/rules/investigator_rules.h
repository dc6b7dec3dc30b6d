/* investigator_rules — the record types of the technical-investigator pool (FACTS.md §3) and
 * their write rules (check_write hooks): technical fields must be known, an assignment passes
 * the recusal check (or carries an officer's override) and moves only along its life, an
 * opinion needs an assignment in progress. Peers' ops meet the field checks and the fold's
 * state machine (assignment_status_ok) instead. */
#ifndef IPCASE_INVESTIGATOR_RULES_H
#define IPCASE_INVESTIGATOR_RULES_H

#include "db/schema.h"

extern const struct rtype investigator_type;
extern const struct rtype investigator_contact_type;
extern const struct rtype assignment_type;
extern const struct rtype opinion_type;
extern const struct rtype recusal_type;

#endif
