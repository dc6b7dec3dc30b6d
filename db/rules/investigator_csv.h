/* investigator_csv — the pool as a spreadsheet (CSV, RFC 4180, UTF-8): export, and import with a
 * line-by-line report of the rows refused. Columns are named by the header row: id, the
 * investigator's fields (name, organisation, fields, region, qualification, pool,
 * availability, interests) and contact, by their ids or Chinese labels, in any order. A row
 * updates the investigator of its id, else the one of the same name and organisation, else
 * adds one; lists are separated by ";" and an interest is NAME, USCC or NAME:USCC. */
#ifndef IPCASE_INVESTIGATOR_CSV_H
#define IPCASE_INVESTIGATOR_CSV_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "db/db.h"

struct investigator_import {
	long added, updated, unchanged;
	json_t *rejected; /* [{"line","reason"}…], owned by the caller after the import */
};

/* Imports the good rows in one transaction and reports the others in r->rejected. Fails (-1)
 * only when the file cannot be read or its header is not understood. */
int investigator_import_csv(db *d, const char *path, struct investigator_import *r, ipc_err *e);
/* What an import did, in a line: "3 added, 0 updated, 0 unchanged, 1 rejected" (translated);
 * and one refused row of r->rejected: "line 4: <reason>". */
void investigator_import_summary(const struct investigator_import *r, char *out, size_t n);
void investigator_import_refusal(const json_t *x, char *out, size_t n);

/* Every investigator (not deleted) by name, with this office's contacts; a byte-order mark
 * first when bom (spreadsheet programs want it to read UTF-8). */
int investigator_export_csv(db *d, FILE *out, bool bom, ipc_err *e);

#endif
