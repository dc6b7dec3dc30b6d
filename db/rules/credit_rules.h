/* credit_rules — the records of credit (FACTS.md §12) in the office channel, each belonging to
 * a case: the disclosure (公示: when, where, for how long, withdrawn when) and the credit
 * repair application (信用修复申请: when, by whom, the officer's attestations, the decision
 * and why). Invariants, kept on a local write and on a peer's op by the same functions (a
 * peer's op that breaks one waits in the quarantine, db/rules/procedure):
 * - a disclosure belongs to a case decided with a penalty, is published on or after the
 *   decision, withdrawn on or after its publication; a period other than the rule's
 *   (credit_case_months) carries its reason; a case has at most one live disclosure (neither
 *   withdrawn nor deleted);
 * - a repair is asked of a published case, never before the earliest repair date
 *   (credit_repair_earliest); a decision carries its date (not before the application) and
 *   its reason; a granted repair meets every condition of credit_case on the application's
 *   date, the harm removed and the lists as the application attests.
 * Neither writes the case: credit_publication reads them (db/rules/credit.h). */
#ifndef IPCASE_CREDIT_RULES_H
#define IPCASE_CREDIT_RULES_H

#include "db/schema.h"

extern const struct enum_value disclosure_platforms[], credit_repair_decisions[];
extern const struct rtype disclosure_type, credit_repair_type;

#endif
