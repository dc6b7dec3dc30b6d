/* store — the one write path and the reading of records. A write validates the fields,
 * applies the workflow and the rules of its record type, becomes a signed op, is stored,
 * folded into the record's state and indexed: all in one transaction. Peers' ops enter
 * through db_import and meet the same checks. */
#ifndef IPCASE_STORE_H
#define IPCASE_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db/db.h"

/* Sets fields of record `id` (of type `type`; NULL id creates one and fills new_id). `set`
 * maps field names to JSON values as schema_value_parse makes them (null unsets). The op
 * depends on the record's current heads, so a write that sets a conflicted field resolves
 * the conflict. */
int db_write(db *d, const char *type, const char *id, json_t *set, char new_id[37], ipc_err *e);

/* A signing key other than the device's (the office key of db/rules/roster). */
struct db_key {
	char actor[65];         /* hex of the public key */
	unsigned char sk[64];
};

/* db_write signed with key k: never handed to the bulk signer, which holds the device key. */
int db_write_as(db *d, const struct db_key *k, const char *type, const char *id, json_t *set,
		char new_id[37], ipc_err *e);

/* Takes out of the store every op signed by `actor` that keep() does not accept (a revoked
 * device's): each goes to the quarantine with `reason`, its records are folded again from
 * the ops left (a record left with none disappears). *n counts them. */
int db_ops_withdraw(db *d, const char *actor, bool (*keep)(db *d, const char *op_id, void *arg),
		    void *arg, const char *reason, long *n, ipc_err *e);

/* Copies the file at `path` into the workspace (files/<sha256[0:2]>/<sha256>, 0600) and adds
 * its file_name, file_sha256 and file_size to `set`. Sync carries the file with the op. */
int db_attach(db *d, json_t *set, const char *path, ipc_err *e);

/* Creates an evidence item for a case and, when `path` is given, copies the file into the
 * workspace (files/<sha256[0:2]>/<sha256>) recording its name, SHA-256 and size. */
int db_evidence_add(db *d, const char *case_id, json_t *set, const char *path, char new_id[37],
		    ipc_err *e);

/* Copies the file at path into the workspace (files/<sha256[0:2]>/<sha256>, 0600), filling
 * its SHA-256 and size. */
int db_file_add(db *d, const char *path, char sha[65], int64_t *size, ipc_err *e);

/* The state of a record: {"id","type", fields…, "conflicts":[field…] when any}; NULL with e
 * filled when there is no such record. Caller owns the result. */
json_t *db_get(db *d, const char *id, ipc_err *e);

/* The records of `type` that belong to case `case_id`, oldest first, each with "conflicts"
 * when some of its fields are in conflict. */
json_t *db_children(db *d, const char *type, const char *case_id, ipc_err *e);

/* A record's history, oldest first: [{"op","time","hlc","actor","officer","cert","set",
 * "deps"}…]. */
json_t *db_log(db *d, const char *id, ipc_err *e);

/* Imports one op line from elsewhere. Returns 1 when stored, 0 when already known, -1 with
 * e naming the reason when refused (bad hash or signature, invalid field…), and
 * DB_IMPORT_UNKNOWN_ACTOR when only the writer's key is missing (it may arrive later). */
#define DB_IMPORT_UNKNOWN_ACTOR (-2)
/* ... and DB_IMPORT_UNAUTHORISED when the writer lacks the authority now (not on the roster
 * yet): a later roster may grant it, so the op waits in the quarantine. */
#define DB_IMPORT_UNAUTHORISED (-3)
/* ... and DB_IMPORT_AHEAD when its clock is more than HLC_AHEAD_MAX_MS (db/op.h) ahead of this
 * device's: it waits in the quarantine until the time comes (or a clock is put right). */
#define DB_IMPORT_AHEAD (-4)
/* Is a refusal one that a later import may lift (the op waits in the quarantine)? */
/* ... and DB_IMPORT_PENDING when it needs a record that has not arrived (the answer to an
 * approval before the approval; a step before the approval it needs). */
#define DB_IMPORT_PENDING (-5)
#define DB_IMPORT_WAITS(rc) \
	((rc) == DB_IMPORT_UNKNOWN_ACTOR || (rc) == DB_IMPORT_UNAUTHORISED \
	 || (rc) == DB_IMPORT_AHEAD || (rc) == DB_IMPORT_PENDING)
int db_import(db *d, const char *line, size_t len, ipc_err *e);

/* Calls fn with every stored op line, in the order they were stored; stops when fn returns
 * non-zero and returns that. */
int db_ops_each(db *d, int (*fn)(const char *line, size_t len, void *arg), void *arg,
		ipc_err *e);

/* How many ops the workspace holds. */
int64_t db_op_count(db *d);

/* db_import of an op already checked by op_parse (its line as received). */
struct op;
int db_import_parsed(db *d, struct op *o, const char *line, size_t len, ipc_err *e);

/* Re-hashes and re-verifies every stored op; failures get {"seq","op","reason"} entries. */
int db_verify(db *d, json_t **failures, size_t *nops, ipc_err *e);

/* Every record, sorted by type then id, as one JSON document on `out` (invisible characters
 * escaped: jdumpf). Two workspaces that hold the same ops write the same bytes. */
int db_export(db *d, FILE *out, ipc_err *e);

/* Full id of the record whose id starts with `prefix` (at least 8 characters); fills e
 * when none or several match. */
int db_resolve_id(db *d, const char *prefix, char out[37], ipc_err *e);

#endif
