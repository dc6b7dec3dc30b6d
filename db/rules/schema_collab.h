/* schema_collab — the record types of cross-region collaboration (FACTS.md §4), which travel
 * in the collaboration channel: a request (one op, by the sending office) and the steps of its
 * thread (one op each: send, receive, accept, decline, progress, answer, close, reply, attach).
 * A request's status is not a field: it is the replay of its steps (db/collab_rules). */
#ifndef IPCASE_SCHEMA_COLLAB_H
#define IPCASE_SCHEMA_COLLAB_H

#include "db/schema.h"

extern const struct rtype schema_collab_request, schema_collab_step;

/* The kinds of request (ids, Chinese names accepted on input). */
extern const struct enum_value schema_collab_kinds[];
/* The actions of a step. */
extern const struct enum_value schema_collab_actions[];
/* The statuses a request goes through (derived, for labels and filters). */
extern const struct enum_value schema_collab_statuses[];

#endif
