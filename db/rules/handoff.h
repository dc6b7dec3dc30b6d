/* handoff — a case handed to another office (案件移送). The request carries the case's
 * shareable fields in clear (its package: title, IP type, place, parties' names without a
 * reporter's identity), its confidential fields (a reporter's identity, ID numbers, phones) and
 * its notes sealed to the receiving office's officers (db/seal), and its evidence with files
 * and hashes as attachments. Accepting imports it as a new case of the receiver's office
 * (collab_accept), linked to the request; the origin case, linked too, moves to transferred
 * once its office learns of the acceptance (handoff_settle, after a collaboration sync). */
#ifndef IPCASE_HANDOFF_H
#define IPCASE_HANDOFF_H

#include <jansson.h>

#include "db/db.h"

/* Hands case `case_id` to office `to` (sealed to the officers of that office whose keys this
 * workspace holds; refused when it holds none) and sends the request; fills id. */
int handoff_send(db *d, const char *case_id, const char *to, const char *body, char id[37],
		 ipc_err *e);

/* The accepted package of `request` as a new case of this office, its parties (with the
 * sealed fields) and evidence (each file checked against its hash first); fills new_case. */
int handoff_import(db *d, const json_t *request, char new_case[37], ipc_err *e);


/* What a handoff shows: {"package":…,"sealed_for":[device keys],"readable":bool} and, when
 * this device is one it was sealed for, "confidential" ({"parties":[{"i",fields…}],
 * "notes"}). */
json_t *handoff_view(db *d, const json_t *request, ipc_err *e);

/* Moves to transferred each case of this workspace whose handoff the receiver accepted;
 * *moved counts them. A case whose procedure no longer allows it keeps its link and status. */
int handoff_settle(db *d, int *moved, ipc_err *e);

#endif
