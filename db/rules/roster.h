/* roster — offices as trust: the office key, the roster it signs (member devices, their roles,
 * revocations), join requests, the offices pinned here, and the authority of every op's writer.
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
#ifndef IPCASE_ROSTER_H
#define IPCASE_ROSTER_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"
#include "db/schema.h"

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

/* Refuses, under the field "roles", when this device lacks `role` (its office verified and
 * the role not given to it by the roster), naming the step and who may take it. */
int roster_need_role(db *d, unsigned role, const char *step, ipc_err *e);

/* The fingerprint of a public key (64 hex digits): 8 groups of 4 digits, "1234 5678 …". */
void roster_fingerprint(const char *key_hex, char out[40]);

/* ---- this office ---- */

/* Makes the office key (office.key, 0600), pins it, and writes the office record and this
 * device as its first member with `roles` (NULL: every role). */
int roster_create(db *d, const char *roles, ipc_err *e);

/* Pins this office's key by the fingerprint its administrator reads out, and writes a join
 * request for this device (note may be NULL). */
int roster_join(db *d, const char *fingerprint, const char *note, ipc_err *e);

/* Admits a device (its fingerprint, or its key) with roles ("handler,reviewer"), or changes
 * the roles of a member. Only the device holding the office key. */
int roster_admit(db *d, const char *device, const char *roles, ipc_err *e);

/* Refuses a join request, or revokes a member: every op of that device beyond those this
 * workspace holds now is refused on every replica. */
int roster_refuse(db *d, const char *device, const char *reason, ipc_err *e);
int roster_revoke(db *d, const char *device, const char *reason, ipc_err *e);

/* This office: {"code","name","fingerprint","verified","holds_key","admitted","roles":[…]}
 * where admitted/roles describe this device. */
json_t *roster_office(db *d, ipc_err *e);

/* Members and pending join requests of this office: [{"device","fingerprint","officer","cert",
 * "roles":[…],"state":"admitted|revoked|refused|requested","reason","since"}…]. */
json_t *roster_members(db *d, ipc_err *e);

/* ---- other offices ---- */

/* Records that a person compared office `code`'s fingerprint. Refuses a fingerprint that
 * differs from the key seen in the channel, and a code pinned to another key. */
int roster_verify(db *d, const char *code, const char *fingerprint, ipc_err *e);

/* Every office key seen or pinned: [{"code","name","fingerprint","verified","members"}…]. */
json_t *roster_offices(db *d, ipc_err *e);

/* Is office `code` verified here (its key pinned and its roster known)? */
bool roster_verified(db *d, const char *code);

/* The device keys a handoff to `code` is sealed to: the admitted members of its verified
 * roster. NULL with e saying why when there are none (unverified, no members). */
json_t *roster_recipients(db *d, const char *code, ipc_err *e);

#endif
