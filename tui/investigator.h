/* expert — the technical-investigator screens: the pool (expert.c: a list with filters),
 * one investigator (investigator_show.c: every field, interests, workload, assignment history), and
 * the assignment of an investigator to a case from its ranked suggestions (assign.c). */
#ifndef IPCASE_TUI_EXPERT_H
#define IPCASE_TUI_EXPERT_H

#include <jansson.h>
#include <stddef.h>

#include "tui/screen.h"

/* Technical field codes (tech) or task ids as their labels in the interface's language,
 * joined by ", ". Returns buf. */
const char *investigator_labels(struct tui *t, const json_t *codes, bool tech, char *buf, size_t n);

/* A region code with its name ("110108 海淀区"); "" when unset. Returns buf. */
const char *investigator_region(const char *code, char *buf, size_t n);

#endif
