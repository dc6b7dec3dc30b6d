/* police — the transfer of a suspected crime to the police (行刑衔接, State Council Order
 * No. 310, FACTS.md §11): the record of one transfer of a case, from the officers' report
 * through the head's approval, the sending, the police's decision, a reconsideration, the
 * handover of items or the return of the case, and the limits of each step. */
#ifndef IPCASE_POLICE_H
#define IPCASE_POLICE_H

#include "db/schema.h"

extern const struct rtype police_transfer_type;
extern const struct enum_value police_decisions[]; /* opened, not_opened, dropped */

#endif
