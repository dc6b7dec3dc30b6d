/* collab — the collaboration screens: the inbox and outbox of requests (collab.c), one request
 * with its thread and the steps this office may take on it (collab_view.c), and the two
 * sequences a case screen starts, requesting assistance and handing the case off
 * (collab_new.c). They call db/rules/collab and db/rules/handoff, which hold the rules. */
#ifndef IPCASE_TUI_COLLAB_H
#define IPCASE_TUI_COLLAB_H

#include <jansson.h>

#include "db/schema.h"
#include "tui/screen.h"

/* From a case: asks the kind, the office, the subject and the text, then makes and sends
 * the request. Returns handler flags. */
int tui_collab_request(struct tui *t, const char *case_id);

/* From a case: asks the office and a confirmation, then hands the case off. Returns handler
 * flags. */
int tui_collab_handoff(struct tui *t, const char *case_id);

/* The labels of the office directory ("110108 北京市海淀区市场监督管理局") as a menu opened
 * with tag; *offices keeps the directory (office_list) for the answer's index. */
int tui_collab_office_menu(struct tui *t, int tag, json_t **offices);

/* The label of an enumeration's value (a kind, a status) in the interface's language. */
const char *tui_collab_label(const struct tui *t, const struct enum_value *values,
			     const char *id);

#endif
