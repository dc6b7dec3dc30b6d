/* registry — the record types ipcase knows, one line each. A type is defined with its fields
 * and hooks by the module that owns its rules; this list is the one place that names them
 * all (tests add fixture types with schema_register). The order is the order of tables,
 * exports and the sync tree walk: never reorder, append. */
#include "db/rules/approval.h"
#include "db/rules/case.h"
#include "db/rules/casefile.h"
#include "db/rules/collab_rules.h"
#include "db/rules/credit_rules.h"
#include "db/rules/deadline.h"
#include "db/rules/docissue.h"
#include "db/rules/fair.h"
#include "db/rules/intake.h"
#include "db/rules/investigator_rules.h"
#include "db/rules/mediation.h"
#include "db/rules/police.h"
#include "db/rules/roster_rules.h"
#include "db/rules/techfield.h"
#include "db/rules/watch.h"

#define BUILTIN \
	&case_type, &case_party_type, &case_evidence_type, &case_inspection_type, \
	&pause_type, &measure_type, \
	&collab_request_type, &collab_step_type, \
	&techfield_type, &investigator_type, &investigator_contact_type, &assignment_type, \
	&opinion_type, &recusal_type, \
	&office_type, &member_type, &revoked_ops_type, &join_type, \
	&approval_type, &discussion_type, \
	&interview_type, &item_type, &issued_type, \
	&intake_type, \
	&police_transfer_type, \
	&disclosure_type, &credit_repair_type, \
	&fair_type, &fair_complaint_type, &fair_exhibitor_type, \
	&key_market_type, &key_trademark_type, \
	&mediation_type

#define NBUILTIN (sizeof((const struct rtype *[]){BUILTIN}) / sizeof(const struct rtype *))

const struct rtype *schema_types[SCHEMA_MAX_TYPES] = {BUILTIN};
size_t schema_ntypes = NBUILTIN;
_Static_assert(NBUILTIN <= SCHEMA_MAX_TYPES, "raise SCHEMA_MAX_TYPES");
