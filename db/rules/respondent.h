/* respondent — a case's respondent across the office's cases: how many other cases name the
 * same USCC, and how many of them ended in a penalty in the last five years (商标法 art. 60:
 * a second infringement within five years is punished more heavily; FACTS.md §13). */
#ifndef IPCASE_RESPONDENT_H
#define IPCASE_RESPONDENT_H

#include <stdint.h>

#include <jansson.h>

#include "base/err.h"
#include "db/db.h"

struct respondent_history {
	char uscc[19];      /* the first respondent's USCC; "" when no respondent has one */
	int64_t others;     /* other live cases with a respondent of that USCC */
	int64_t penalties;  /* of those, decided as a penalty within five years before today */
};

/* Fills *h for the case; 0, or -1 with e filled. One lookup on the party USCC index. */
int respondent_history(db *d, const char *case_id, const char *today,
		       struct respondent_history *h, ipc_err *e);

/* Every live case decided as a penalty that names the USCC `uscc` as a respondent, the latest
 * decision first: their states (db_get's form, with "id"); NULL with e filled on failure. */
json_t *respondent_penalties(db *d, const char *uscc, ipc_err *e);

#endif
