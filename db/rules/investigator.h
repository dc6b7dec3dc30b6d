/* investigator — the technical investigators shared by the offices of 京津冀 (collab channel): their
 * technical fields (the built-in list and the extensions an office adds, which every office
 * receives), adding and changing investigators, the office's own contact for each (office
 * channel: never in the shared repository), lists with filters, and one investigator with
 * workload and assignment history. */
#ifndef IPCASE_INVESTIGATOR_H
#define IPCASE_INVESTIGATOR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

/* ---- investigators ---- */

/* Creates an investigator from `set` (fields of investigator_type) and, when contact
 * is given, the office's contact record, in one transaction. */
int investigator_add(db *d, json_t *set, const char *contact, char id[37], ipc_err *e);
/* Changes fields (set may be empty) and the contact (NULL: unchanged; "": removed). Writes
 * nothing when nothing differs; *changed (may be NULL) says whether something did. */
int investigator_update(db *d, const char *id, json_t *set, const char *contact, bool *changed,
		ipc_err *e);
/* The office's contact for an investigator, "" when none. */
void investigator_contact_of(db *d, const char *investigator_id, char *out, size_t n);

struct investigator_query {
	const char *field;        /* technical field code */
	const char *region;       /* division code: a province or city code takes its area */
	const char *availability; /* available, limited, unavailable */
	const char *text;         /* part of the name or organisation */
	size_t limit, offset;     /* limit 0: all */
};

/* Investigators (not deleted) by name, each with "open_assignments". */
json_t *investigator_list(db *d, const struct investigator_query *q, ipc_err *e);
/* One investigator with "contact" (this office's, or null), "open_assignments" and
 * "assignments" (its history, newest first); NULL with e filled when there is none. */
json_t *investigator_get(db *d, const char *id, ipc_err *e);

#endif
