/* schema_investigator — the record types of the technical-investigator pool and its assignments
 * (FACTS.md §3): technical fields and their extensions, investigators, their contacts,
 * assignments, opinions and recusal overrides. schema.c lists them in schema_types[]. */
#ifndef IPCASE_SCHEMA_INVESTIGATOR_H
#define IPCASE_SCHEMA_INVESTIGATOR_H

#include <stddef.h>

#include "db/schema.h"

/* The built-in technical fields; an office adds more as tech_field records. */
extern const struct enum_value schema_tech_fields[];
extern const struct enum_value schema_tasks[];
extern const struct enum_value schema_assignment_statuses[];
extern const struct enum_value schema_availability[];

/* The life of an assignment (from is NULL for a new one): the type's status_ok. */
bool schema_assignment_status_ok(const char *from, const char *to);
/* The statuses that may follow `from`, in order; returns how many (≤ max). */
size_t schema_assignment_next(const char *from, const char **out, size_t max);

/* Is an assignment in this status current workload (open)? And the same as a SQL list. */
bool schema_assignment_open(const char *status);
#define SCHEMA_ASSIGNMENT_OPEN_SQL "('proposed', 'notified', 'accepted', 'in_progress')"

extern const struct rtype schema_type_tech_field;
extern const struct rtype schema_type_investigator;
extern const struct rtype schema_type_investigator_contact;
extern const struct rtype schema_type_assignment;
extern const struct rtype schema_type_opinion;
extern const struct rtype schema_type_recusal;

#endif
