/* case_terms — the enumerations of a case file (ids in ops, Chinese names accepted on input). */
#ifndef IPCASE_CASE_TERMS_H
#define IPCASE_CASE_TERMS_H

#include "db/schema.h"

extern const struct enum_value case_ip_types[];
extern const struct enum_value case_sources[];
extern const struct enum_value case_statuses[];  /* Order No. 2's stages, a patent dispute's */
extern const struct enum_value case_decision_types[];
extern const struct enum_value case_procedures[];
extern const struct enum_value case_rulings[];   /* a patent dispute's 处理决定 */
extern const struct enum_value case_place_kinds[];
extern const struct enum_value case_party_roles[];
extern const struct enum_value case_evidence_kinds[];
extern const struct enum_value case_service_methods[];
extern const struct enum_value case_offences[];

/* The short label (8 columns at most, still distinct) of a status or IP type, for a column
 * too narrow for the full one; the full label of any other enumeration or unknown id. */
const char *case_term_short(const struct enum_value *values, const char *id, bool zh);

#endif
