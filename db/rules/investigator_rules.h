/* investigator_rules — the write rules of the technical-investigator records (FACTS.md §3), called by
 * db_write for every local write: technical fields must be known, an assignment passes the
 * recusal check (or carries an officer's override) and moves only along its life, an opinion
 * needs an assignment in progress. Peers' ops meet the field checks and the fold's state
 * machine (schema_assignment_status_ok) instead. */
#ifndef IPCASE_INVESTIGATOR_RULES_H
#define IPCASE_INVESTIGATOR_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

struct rtype;

/* Checks a write of a record of type t (old: its state before, NULL when new; state: after)
 * and adds to `set` what the rules fill in (status, dates, defaults). 0 for other types. */
int investigator_write_rules(db *d, const struct rtype *t, const json_t *old, json_t *state,
		       json_t *set, ipc_err *e);

/* The record `id` when it is of `type` (caller owns it); NULL otherwise, with e filled. */
json_t *investigator_record(db *d, const char *type, const char *id, ipc_err *e);

/* The number a query with one text parameter yields (a count); 0 when it fails. */
int64_t investigator_count(db *d, const char *sql, const char *key);

#endif
