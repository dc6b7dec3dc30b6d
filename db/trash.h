/* trash — deleting and restoring records (issue 14): what goes with a record deleted (its
 * live records by type and the files they hold, hidden with it), the records marked deleted
 * with who deleted them and when (read from their ops: history keeps everything), and the
 * deletion and the restoring themselves, ordinary writes of `deleted`. */
#ifndef IPCASE_TRASH_H
#define IPCASE_TRASH_H

#include <jansson.h>
#include <stddef.h>

#include "db/db.h"

/* What deleting record `id` takes with it: {"id","type","name","deleted","children":
 * {"<type>": N…} (live records whose parent it is, types with none left out),"files": N}.
 * NULL with e filled when there is no such record. Caller owns it. */
json_t *trash_what(db *d, const char *id, ipc_err *e);

/* trash_what's answer in words: "case 冀…号 and what belongs to it: party 3, evidence 5,
 * files 2" (translated; type labels in the language of the messages). */
void trash_describe(const json_t *what, char *out, size_t n);

/* A record type's label in the language of the messages ("当事人", "party"); the name itself
 * for an unknown type. */
const char *trash_type_label(const char *type);

/* Marks record `id` deleted (refused when it is, or when its type cannot be deleted). */
int trash_delete(db *d, const char *id, ipc_err *e);

/* Marks a deleted record live again (refused when it is not deleted). */
int trash_restore(db *d, const char *id, ipc_err *e);

/* The deleted cases and records of cases, latest deletion first: [{"id","type","name",
 * "case_id","case_name","deleted_at","deleted_by","hlc"}…] ("case_id" and "case_name" on a
 * case's record only; "deleted_by" the officer whose device signed the deletion). */
json_t *trash_list(db *d, ipc_err *e);

#endif
