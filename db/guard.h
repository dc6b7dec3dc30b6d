/* guard — keeps the confidential values of this workspace out of the collaboration channel.
 *
 * The invariants it keeps:
 *  1. The tables secret_values and secret_refs hold, in their normal form (base/secret), the
 *     value of every field that schema_confidential says is confidential in the current
 *     state of every record of the workspace not marked deleted, whatever its type or
 *     case, when it is long enough to be someone's identity. The fold keeps them (guard_fold,
 *     guard_forget); they are local: never synced, rebuilt at open when GUARD_FORM changes.
 *  2. Every local write of a type that travels in the collaboration channel passes
 *     guard_write before its op is made: no text it sets (strings at any depth, and JSON
 *     held in text, such as a handoff's package; not a field marked FF_CIPHER) holds one of
 *     those values or a resident ID number, nor does it set a confidential field.
 *  3. A refusal names the field and whose value of which kind it would carry ("reporter's
 *     name"), never the value itself.
 * Peers' ops are not checked against this workspace's values: see docs/ARCHITECTURE.md. */
#ifndef IPCASE_GUARD_H
#define IPCASE_GUARD_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "db/db.h"

struct rtype;

/* Makes the tables, and fills them from every record when the normal form or the rule of
 * what counts changed since they were filled (or they are new). */
int guard_open(db *d, ipc_err *e);

/* The fold wrote record's row with `state` (is_new: its first op): its confidential values
 * replace those it had. */
int guard_fold(db *d, const struct rtype *t, const char *record, const json_t *state,
	       bool is_new, ipc_err *e);

/* The record's row is gone (every op of it withdrawn): so are its values. */
int guard_forget(db *d, const char *record, ipc_err *e);

/* A local write setting `set` on a record of type t whose state after it is `state`: refused
 * (IPC_E_RULE, the field named) when t travels in the collaboration channel and a text of
 * `set` carries a confidential value. */
int guard_write(db *d, const struct rtype *t, const json_t *state, const json_t *set,
		ipc_err *e);

#endif
