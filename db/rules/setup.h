/* setup — a new officer's workspace, what `ipcase init` and the first-start screen both do:
 * the identity checked field by field (the office's division code, the officer's name, the
 * certificate number, the case-number prefix), the workspace made, then the office created
 * (its key made on this device) or joined (a join request pinned to the fingerprint its
 * administrator reads out). */
#ifndef IPCASE_SETUP_H
#define IPCASE_SETUP_H

#include <jansson.h>

#include "db/db.h"

/* What the new workspace does with its office. */
enum setup_office {
	SETUP_OFFICE_LATER,  /* nothing yet: `ipcase office create` or `join` later */
	SETUP_OFFICE_CREATE, /* the first device of the office: makes the office key */
	SETUP_OFFICE_JOIN,   /* an office that has its key: a join request */
};

struct setup {
	struct db_identity id; /* office, office_name, officer, cert; case_prefix "" for the
				* office's default (冀石市监处罚) */
	enum setup_office office;
	const char *fingerprint; /* SETUP_OFFICE_JOIN: as the administrator reads it */
};

/* Checks one field of s: "office", "officer", "cert", "case_prefix" or "fingerprint".
 * -1 with e naming the field (kind IPC_E_USAGE) and saying what it takes. */
int setup_check(const struct setup *s, const char *field, ipc_err *e);

/* Every field checked, the default prefix filled in, the workspace created in home and the
 * office created or joined. *office (when not NULL) gets the office as roster_office reads
 * it. -1 with e filled; when the office step fails the workspace stays, and e says so. */
int setup_run(const char *home, struct setup *s, json_t **office, ipc_err *e);

#endif
