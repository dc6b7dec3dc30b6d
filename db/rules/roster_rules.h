/* roster_rules — the roster's record types (office, member, revoked_ops, join), the authority
 * of every op's writer (the store's schema_gate), roles, and revocation.
 *
 * The invariants this module keeps (tests/test_roster.c and tests/office.sh check them):
 *
 *  1. The office key stays on the device that made it (office.key, 0600). Roster records
 *     (types office, member, revoked_ops) are ops signed by the office key itself: a member's
 *     device cannot write them, and a replayed one is the same op.
 *  2. An office is *verified* here when its key is pinned: made here (office create), named by
 *     fingerprint when this device joined, or compared by a person (office verify). A roster
 *     op signed by another key than the pinned one is refused, loudly, and never followed.
 *  3. The authority of a device: a member of a pinned office's roster speaks for that office
 *     with its roles; a revoked member only through the ops its revocation accepts. A device
 *     whose claimed office is pinned but which is not on its roster speaks for no one. An
 *     office with no pinned key keeps the old behaviour: a device speaks for the office it
 *     claims, with every role, and shows as unverified.
 *  4. Office channel: only ops by writers speaking for this workspace's office (and join
 *     requests). Collaboration channel: a record is changed only by writers of the office
 *     that created it. Refusals for authority are retried when the roster changes.
 *  5. The device holding the office key stays on the roster, admitted, with the admin role. */
#ifndef IPCASE_ROSTER_RULES_H
#define IPCASE_ROSTER_RULES_H

#include <stdbool.h>

#include "db/db.h"
#include "db/schema.h"

#define IDS_PER_PART 1500 /* accepted op ids (32 hex digits each) in one revoked_ops op */
#define PREFIX_LEN 32     /* 128 bits of an op id: no one finds a second op with the same */

extern const struct rtype office_type, member_type, revoked_ops_type, join_type;

enum roster_role { ROLE_HANDLER = 1, ROLE_REVIEWER = 2, ROLE_HEAD = 4, ROLE_ADMIN = 8 };
#define ROLE_ALL (ROLE_HANDLER | ROLE_REVIEWER | ROLE_HEAD | ROLE_ADMIN)

extern const struct enum_value roster_roles[];  /* handler, reviewer, head, admin */
extern const struct enum_value roster_states[]; /* admitted, revoked, refused */

/* Who a device speaks for. office is "" when it speaks for no one, and why says so. */
struct authority {
	char office[8];
	unsigned roles;  /* enum roster_role bits */
	bool verified;   /* a member of a pinned office's roster */
	bool final;      /* refused for good: revoked, or its join refused */
	char why[400];
};

/* The authority of `actor` for its op `op_id` (NULL: a write it would make now). */
void roster_authority(db *d, const char *actor, const char *op_id, struct authority *a);

/* The name of one role bit, in the language of the messages. */
const char *roster_role_label(unsigned role);

/* Refuses, under the field "roles", when this device lacks `role` (its office verified and
 * the role not given to it by the roster), naming the step and who may take it. */
int roster_need_role(db *d, unsigned role, const char *step, ipc_err *e);


/* For db/rules/roster: did key `actor` declare itself the key of office `code` (an office
 * record it signed)? admin gets the device holding it. */
bool roster_declared(db *d, const char *actor, const char *code, char admin[65]);

/* For db/rules/roster: once member `member`'s revocation in a pinned roster is whole, every op
 * of that device it does not accept leaves the store for the quarantine. */
int roster_revocation_enforce(db *d, const char *member, ipc_err *e);

#endif
