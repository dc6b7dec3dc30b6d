/* techfield — technical fields (技术领域): the built-in ones and the extensions offices add
 * (record type tech_field, collaboration channel). A code is stored in ops: never rename one. */
#ifndef IPCASE_TECHFIELD_H
#define IPCASE_TECHFIELD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "db/schema.h"

extern const struct rtype techfield_type;
extern const struct enum_value techfield_builtin[];

/* Refuses an unknown code with what to do about it. */
int techfield_check(db *d, const char *code, ipc_err *e);

/* Is code a technical field here: built-in, or added by some office (tech_field record)? */
bool techfield_known(db *d, const char *code);
/* Its Chinese or English name; the code itself when unknown. */
void techfield_label(db *d, const char *code, bool zh, char *out, size_t n);
/* Every field, built-in first: [{"code","zh","en","builtin"}…]. */
json_t *techfield_list(db *d, ipc_err *e);
/* An office's extension: a snake_case code (not a built-in or existing one) and its names. */
int techfield_add(db *d, const char *code, const char *zh, const char *en, char id[37],
		  ipc_err *e);

#endif
