/* caseview — what reads a case beyond single records: the case bundle (the case with the
 * records that belong to it, their history and files), the values competing in a conflicted
 * field (from the ops, by the fold's own rule), and whether the workspace's copy of an
 * attachment is intact. */
#ifndef IPCASE_CASEVIEW_H
#define IPCASE_CASEVIEW_H

#include <jansson.h>

#include "db/db.h"

/* The bundle of record `id` (a case) as `case show` and the case screen read it:
 * {"record": its state (with "conflicts" when any), "children": {"<type>": [records, oldest
 * first, each with "conflicts" when any]…} for every type whose parent field names the
 * record's type (taken from the schema), "files": [{"sha256","name","type","record"}…] the
 * attachments of its live children, and with DB_BUNDLE_HISTORY "history": the
 * ops of the record and of its children, newest first, each db_log's entry plus "record" and
 * "type"}. NULL with e filled when there is no such record. Caller owns it. */
#define DB_BUNDLE_HISTORY 1u
json_t *db_bundle(db *d, const char *id, unsigned what, ipc_err *e);

/* The values competing in field `field` of record `id`: the one the fold shows now first
 * ("current": true), then each other value an op set without its writer having seen the
 * current one, newest first, one entry per distinct value:
 * [{"value","time","officer","cert","actor","op","current"}…]. A field not in conflict gives
 * one entry. Caller owns the result. */
json_t *db_conflict_values(db *d, const char *id, const char *field, ipc_err *e);

enum db_file_state {
	DB_FILE_OK,      /* present, and its content has the SHA-256 it is named by */
	DB_FILE_MISSING, /* not in the workspace (not synced yet, or removed) */
	DB_FILE_DAMAGED, /* present, but its content no longer matches its SHA-256 */
};

/* Reads the workspace's copy of the attachment named by `sha256` and checks it. */
enum db_file_state db_file_check(db *d, const char *sha256);

#endif
