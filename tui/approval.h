/* approval — the approval screens (db/rules/approval holds the rules): the list of what waits
 * for my approval (approvals.c), and the sequences a screen starts (approval_ask.c): asking
 * for a step's approval (a menu of the steps, the reason prompted) and answering one (the
 * opinion prompted, a refusal's reason shown on the bottom line). */
#ifndef IPCASE_TUI_APPROVAL_H
#define IPCASE_TUI_APPROVAL_H

#include <stdbool.h>

#include "tui/screen.h"

/* From a case: a menu of the steps, the reason, then approval_ask. Returns handler flags. */
int tui_approval_ask(struct tui *t, const char *case_id);

/* Approves or refuses approval `id`: the opinion prompted, then approval_answer; a refusal
 * of the rules (no opinion for a refusal or a legal review, no role) goes to the bottom line.
 * Returns handler flags. */
int tui_approval_answer(struct tui *t, const char *id, bool approve);

/* A step's label in the interface's language ("立案", "filing"). */
const char *tui_approval_step(const struct tui *t, const char *step);

#endif
