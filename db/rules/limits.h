/* limits — the limits a workspace may set: their table, values and defaults (limits.c). */
#ifndef IPCASE_LIMITS_H
#define IPCASE_LIMITS_H

#include <jansson.h>

#include "base/err.h"
#include "db/db.h"

/* Every limit: [{"name","value","default","unit","what"}…]. Values live in the workspace's
 * settings as limit.<name>. */
json_t *limits_list(db *d);

/* The workspace's value of the limit `name` (one of limits_list), else its default. */
int limits_get(db *d, const char *name);

/* Stores a value of limit `name` after checking its name and range; recomputing what depends
 * on it is the caller's (deadline_limit_set). */
int limits_store(db *d, const char *name, int value, ipc_err *e);

#endif
