/* package — the case package a handoff carries: version 1 is {"v":1,"case":{shared fields},
 * "parties":[{non-confidential fields}…]} in clear, and {"v":1,"notes","parties":[{"i",
 * confidential fields}…]} to be sealed to the receiving office. */
#ifndef IPCASE_PACKAGE_H
#define IPCASE_PACKAGE_H

#include <jansson.h>

#include "db/schema.h"

#define PACKAGE_VERSION 1

/* The case fields a package carries in clear; the receiver's new case takes the first
 * PACKAGE_CASE_TAKEN. */
extern const char *const package_case_shared[];
#define PACKAGE_CASE_TAKEN 5

/* The package of case c with its parties: the clear text and the text to seal (caller frees
 * both). */
int package_make(const json_t *c, const json_t *parties, char **clear_text, char **sealed_text,
		 ipc_err *e);

/* Is this the text of a package, without a confidential field in it? */
int package_check(const char *package, ipc_err *e);

#endif
