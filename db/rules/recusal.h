/* recusal — who may not take part in a case (回避, FACTS.md §3) and who is suggested for it.
 * An investigator is in conflict when a declared interest matches a party of the case (same
 * USCC, or same normalised name) or when they took part in another stage of the same case;
 * already holding an open assignment at this stage refuses outright. Suggestions rank the
 * eligible investigators by field, region, workload and availability, each with its reasons.
 * Each is a fixed number of queries, whatever the size of the pool. */
#ifndef IPCASE_RECUSAL_H
#define IPCASE_RECUSAL_H

#include <jansson.h>
#include <stddef.h>

#include "db/db.h"

/* The conflicts of case_id with investigator_id (NULL: every investigator):
 * [{"investigator_id","kind":"interest"|"stage"|"assigned","hard":bool,"reason"}…], where a
 * hard one cannot be overridden and reason names the matching party or assignment. */
json_t *recusal_conflicts(db *d, const char *case_id, const char *investigator_id, ipc_err *e);

/* Conflicts joined into one sentence ("; "), for messages and the recusal record. */
char *recusal_reasons_text(const json_t *conflicts);

/* Investigators for a case, best first: [{"id","name","organisation","region","availability",
 * "fields","open_assignments","score","eligible":true,"reasons":[…]}…] — at most `limit`
 * eligible (0: all), then every conflicted one with "eligible":false and the conflicts as its
 * reasons. Unavailable investigators are left out. */
json_t *recusal_suggest(db *d, const char *case_id, size_t limit, ipc_err *e);

#endif
