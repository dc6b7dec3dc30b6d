/* case — the record types of a case file: the case, its parties, evidence and inspections,
 * with the case's rules as hooks of its type (case number, procedure, search text,
 * deadlines). Their enumerations are db/rules/case_terms.h. */
#ifndef IPCASE_CASE_H
#define IPCASE_CASE_H

#include "db/schema.h"

extern const struct rtype case_type, case_party_type, case_evidence_type, case_inspection_type;

#endif
