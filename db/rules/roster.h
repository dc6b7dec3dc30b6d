/* roster — what an office's administrator and officers do with the roster, and the roster as
 * the commands and screens read it. The record types and the rules they keep are
 * db/rules/roster_rules.h's; keys, fingerprints and pins db/rules/officekey.h's. */
#ifndef IPCASE_ROSTER_H
#define IPCASE_ROSTER_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"
#include "db/rules/officekey.h"
#include "db/rules/roster_rules.h"

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


/* The device keys a handoff to `code` is sealed to: the admitted members of its verified
 * roster. NULL with e saying why when there are none (unverified, no members). */
json_t *roster_recipients(db *d, const char *code, ipc_err *e);

#endif
