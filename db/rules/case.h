/* case — the record types of a case file: the case, its parties, evidence and inspections,
 * with the case's rules as hooks of its type (case number, procedure, search text,
 * deadlines). Their enumerations are db/rules/case_terms.h. */
#ifndef IPCASE_CASE_H
#define IPCASE_CASE_H

#include "db/schema.h"

extern const struct rtype case_type, case_party_type, case_evidence_type, case_inspection_type;

/* An import puts the refresh of its cases off: it walks the channel type by type, so a case
 * would be refreshed (search text, deadlines, statistics) again for each type of its records
 * (3.2 times a case in a first sync). Invariant: every case's search text, deadlines and
 * share of the statistics are those of its rows, except the cases queued in case_pending,
 * which case_flush_pending refreshes (the import at its end, in short transactions; the next
 * writable open after a crash). */
void case_defer(db *d, bool on);

/* How many cases are queued. */
size_t case_pending_count(db *d);

/* Refreshes at most n queued cases, in the caller's transaction; *more: some remain. */
int case_flush_pending(db *d, size_t n, bool *more, ipc_err *e);

#endif
