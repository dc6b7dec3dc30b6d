/* collab_rules — who may write what in a collaboration request, and its status. A request and
 * each step of its thread are written once (one op each), so a peer's op carries everything
 * needed to judge it: the writer's office (from its published key) must be the sending office
 * for send and close, the receiving office for receive, accept, decline, progress and answer,
 * one of the two for reply and attach. The status is the replay of the request's steps in
 * clock order (draft → sent → received → accepted | declined → in progress → answered →
 * closed), skipping a step its status does not allow: the same steps give the same status on
 * every replica, whatever order they arrived in. (db/guard keeps confidential values out of
 * every collaboration op this workspace writes.) */
#ifndef IPCASE_COLLAB_RULES_H
#define IPCASE_COLLAB_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "db/schema.h"

struct op;
struct rtype;

enum collab_role { COLLAB_NONE = 0, COLLAB_SENDER = 1, COLLAB_RECEIVER = 2 };

/* The status a request in `status` reaches when an office in `role` takes `action` (the same
 * status for reply and attach); NULL when that office may not take it now. */
const char *collab_transition(const char *status, const char *action, int role);

/* The actions `role` may take in `status`, as "a, b, c" (for messages). */
void collab_allowed(const char *status, int role, char *out, size_t n);

/* The role of `office` in a request (a record state with from_office and to_office). */
int collab_role(const json_t *request, const char *office);

/* The replayed status of a request: "" when there is no such request. due may be "". */
int collab_status_get(db *d, const char *request, char status[16], char due[11], bool *accepted,
		      ipc_err *e);

extern const struct rtype collab_request_type, collab_step_type;

/* The kinds of request (ids, Chinese names accepted on input). */
extern const struct enum_value collab_kinds[];
/* The actions of a step. */
extern const struct enum_value collab_actions[];
/* The statuses a request goes through (derived, for labels and filters). */
extern const struct enum_value collab_statuses[];

#endif
