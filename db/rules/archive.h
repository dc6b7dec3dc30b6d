/* archive — an archived case is read-only (issue 14): no write to it, nor to a record that
 * belongs to it (party, evidence, inspection, pause, measure, discussion, assignment…), by
 * this device or imported from a peer, but the reopening itself (the case's status back to
 * closed, which the workflow allows with the head's approval) and the approvals that ask for
 * it (the approval type does not call these hooks). A closed or archived case is not handed
 * off. */
#ifndef IPCASE_ARCHIVE_H
#define IPCASE_ARCHIVE_H

#include <jansson.h>

#include "base/err.h"
#include "db/db.h"
#include "db/schema.h"

struct op;

/* A check_write hook (db/schema.h) for the case and the types whose parent is a case:
 * refuses a write to an archived case or to one of its records, saying how to reopen it. */
int archive_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			json_t *set, ipc_err *e);

/* A check_import hook: refuses a peer's op written after the case was archived (its clock
 * later than the archiving op's), so it goes to the quarantine with the reason. */
int archive_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e);

/* May case `kase` (its state) be handed off? Not once closed or archived. */
int archive_check_handoff(const json_t *kase, ipc_err *e);

#endif
