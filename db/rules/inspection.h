/* inspection — the rules of an on-site inspection beyond its team (db/rules/procedure): the
 * geographical-indication checklist (the ten forbidden uses of Taiyuan art. 12; FACTS.md §13)
 * and the clue (a new case) an inspection opens.
 *
 * Invariants, kept on a local write and on a peer's op alike:
 * - GI findings (gi_findings) name the GI product they were found on (gi_product);
 * - a clue opened from an inspection carries its place, region, campaign and findings, and
 *   from GI findings the IP type geographical_indication. */
#ifndef IPCASE_INSPECTION_H
#define IPCASE_INSPECTION_H

#include <jansson.h>

#include "db/schema.h"

/* The forbidden uses of a geographical indication (Taiyuan art. 12 para. 2, items 1–10), in
 * the article's order: the checklist of an inspection of GI goods. */
extern const struct enum_value gi_uses[];

/* The type hooks of `inspection` (db/rules/case.c): the team's rules, then the checklist's,
 * and on a local write the key market it names (db/rules/watch). */
int inspection_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			   json_t *set, ipc_err *e);
int inspection_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e);

/* The fields of a clue opened from inspection `insp` (its state): title, place, place kind,
 * region, campaign, source inspection, and notes naming what was found (the GI findings by
 * their Chinese names when `zh`); ip_type geographical_indication when it has GI findings.
 * The caller owns the result; NULL when out of memory. */
json_t *inspection_clue_fields(const json_t *insp, bool zh);

/* Opens a clue from inspection `id`: a case of the fields above with `over` laid on them
 * (may be NULL), and the inspection linked to it, in one transaction; fills case_id. Refused
 * when the inspection already belongs to a case. */
int inspection_clue(db *d, const char *id, const json_t *over, char case_id[37], ipc_err *e);

#endif
