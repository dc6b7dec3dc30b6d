/* officekey — the office key file (office.key, 0600, on the administrator's device), the
 * fingerprints people compare (8 groups of 4 digits), and the office keys pinned in this
 * workspace (office_pins: local, never synced). */
#ifndef IPCASE_OFFICEKEY_H
#define IPCASE_OFFICEKEY_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "db/store.h"

/* The fingerprint of a public key (64 hex digits): 8 groups of 4 digits, "1234 5678 …". */
void officekey_fingerprint(const char *key_hex, char out[40]);
/* The 32 digits of a fingerprint as typed ("1234 5678…", "1234-5678…"); false when not. */
bool officekey_digits(const char *text, char out[33]);
/* Does the key have the fingerprint of these 32 digits? */
bool officekey_matches(const char *key_hex, const char *digits);
/* "1234 5678 …" from 32 digits. */
void officekey_grouped(const char *digits, char out[40]);

/* The office key file's path in the workspace. */
int officekey_path(db *d, char *out, size_t n, ipc_err *e);
/* The office key, when this device holds it: 1 read, 0 none, -1 damaged or readable by
 * others. */
int officekey_read(db *d, struct db_key *k, ipc_err *e);
/* Makes a new office key into the file (refused when one exists). */
int officekey_make(db *d, struct db_key *k, ipc_err *e);

struct officekey_pin {
	char fingerprint[33]; /* digits */
	char key[65];         /* "" until a roster signed by a key of that fingerprint is seen */
};

/* The pins table (the type's open hook makes it). */
int officekey_open(db *d, ipc_err *e);
bool officekey_pin_get(db *d, const char *code, struct officekey_pin *p);
/* how: "created", "joined" or "verified"; key may be "" (a fingerprint alone). */
int officekey_pin_set(db *d, const char *code, const char *digits, const char *key,
		      const char *how, ipc_err *e);
/* The key of a pin made by fingerprint alone, once seen. */
int officekey_pin_fill(db *d, const char *code, const char *key, ipc_err *e);
/* Is office `code` verified here (its key pinned and seen)? */
bool officekey_verified(db *d, const char *code);

#endif
