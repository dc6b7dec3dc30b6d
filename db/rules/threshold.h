/* threshold — the amounts at or above which a case is a suspected crime to be transferred to
 * the police (行刑衔接, FACTS.md §11): the table, the workspace's values, the case's flag. */
#ifndef IPCASE_THRESHOLD_H
#define IPCASE_THRESHOLD_H

#include <stdint.h>

#include "base/err.h"
#include "base/json.h"
#include "db/db.h"

/* One threshold: which offence, the case field compared, the default in fen. */
struct threshold {
	const char *name, *offence, *field;
	int64_t def_fen;
	const char *what;
};

extern const struct threshold thresholds[];
#define NTHRESHOLDS 4

/* The flag of a case record given the values in fen of thresholds[] (same order): an array of
 * the thresholds it reaches ({name, field, amount, threshold}), empty when none. A case whose
 * offence is not set is compared against every threshold. Pure: no database. */
json_t *threshold_reached(const json_t *kase, const int64_t values[NTHRESHOLDS]);

/* The workspace's values (setting threshold.NAME, yuan) else the defaults, and each one's
 * source: [{name, offence, field, yuan, source, what}]. values gets them in fen. */
json_t *threshold_table(db *d, int64_t values[NTHRESHOLDS]);

/* Sets threshold NAME to YUAN (a money amount) in this workspace. */
int threshold_set(db *d, const char *name, const char *yuan, ipc_err *e);

/* The case's flag with the workspace's values: {reached: bool, thresholds: [...]}. An
 * administrative penalty does not clear it (FACTS.md §11). */
json_t *threshold_flag(db *d, const json_t *kase);

#endif
