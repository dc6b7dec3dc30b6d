/* investigator_terms — the words of the investigator records: tasks, assignment statuses and
 * the life of an assignment, availability; reading one investigator record. */
#ifndef IPCASE_INVESTIGATOR_TERMS_H
#define IPCASE_INVESTIGATOR_TERMS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/schema.h"

/* The record `id` when it is of `type` (caller owns it); NULL otherwise, with e filled. */
json_t *investigator_record(db *d, const char *type, const char *id, ipc_err *e);

extern const struct enum_value assignment_tasks[];
extern const struct enum_value assignment_statuses[];
extern const struct enum_value investigator_availability[];

/* The life of an assignment (from is NULL for a new one): the type's status_ok. */
bool assignment_status_ok(const char *from, const char *to);
/* The statuses that may follow `from`, in order; returns how many (≤ max). */
size_t assignment_next(const char *from, const char **out, size_t max);

/* Is an assignment in this status current workload (open)? And the same as a SQL list. */
bool assignment_open(const char *status);
#define ASSIGNMENT_OPEN_SQL "('proposed', 'notified', 'accepted', 'in_progress')"

#endif
