/* collab — collaboration requests between the offices of 京津冀 (FACTS.md §4), for the batch
 * commands and the screens alike: a request made and sent, each step of its life (receive,
 * accept, decline, reply, answer, close) as an op of the collaboration channel, the thread,
 * lists with filters, what waits for this office, and the check of attached files against
 * their hashes. The rules of who may take which step live in db/rules/collab_rules. */
#ifndef IPCASE_COLLAB_H
#define IPCASE_COLLAB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define COLLAB_LIMIT_DEFAULT 15 /* working days to answer (FACTS.md §1, 协助调查) */

enum collab_box { COLLAB_INBOX = 1, COLLAB_OUTBOX = 2 };

struct collab_query {
	int box;            /* COLLAB_INBOX | COLLAB_OUTBOX; 0: every request this workspace holds */
	const char *kind;   /* a kind id or Chinese name, or NULL */
	const char *office; /* the other office's code, or NULL */
	const char *status; /* a status id or Chinese name, or NULL */
	bool overdue;       /* only those past their response date and not answered */
};

/* Requests, latest change first: [{"id","kind","status","from","from_name","to","to_name",
 * "subject","due","due_confirmed","overdue","case_id","box" ("in", "out" or ""),
 * "updated","created","officer" (who made it)}…]. A draft is listed only by its own office. */
json_t *collab_list(db *d, const struct collab_query *q, ipc_err *e);

/* One request: the fields of the list, plus "body","summary","origin_case_no","limit_days",
 * "thread" (its steps in order: {"id","action","office","officer","cert","time","text","due"…}),
 * "attachments" (the attach steps, with "description","kind","file_name","file_sha256",
 * "file_size","path" and "verified": "ok"|"missing"|"mismatch", null without a file),
 * "local_case" (the case of this workspace it is linked to, {"id","status","title"}) and, for a
 * handoff, "handoff" (db/rules/handoff.h). */
json_t *collab_get(db *d, const char *id, ipc_err *e);

/* How many requests wait for this office: received ones not yet answered, and its own
 * answered or declined ones not yet closed. */
int64_t collab_waiting(db *d);

/* How many of this officer's writes of requests and their steps (a request sent, a reply, a
 * handoff) wait to go out with no remote of the collaboration channel to carry them: 0 when
 * there is one. */
int64_t collab_stranded(db *d);

/* Something attached to a request or a reply: an evidence record of this workspace (its
 * fields and file), or a file (with a description). */
struct collab_attachment {
	const char *evidence_id;
	const char *path, *description;
};

struct collab_draft {
	const char *kind;    /* id or Chinese name */
	const char *to;      /* the receiving office's division code */
	const char *case_id; /* the case it is about, or NULL */
	const char *subject, *body;
	const char *summary; /* what is shared of the case; NULL: made from the case's fields */
	int limit_days;      /* working days to answer; 0: COLLAB_LIMIT_DEFAULT */
	const struct collab_attachment *att;
	size_t natt;
	bool draft;          /* keep it unsent (collab_send sends it) */
	json_t *extra;       /* more fields of the request (a handoff's package), or NULL */
};

/* Makes a request (and sends it unless r->draft); fills id. */
int collab_create(db *d, const struct collab_draft *r, char id[37], ipc_err *e);
int collab_send(db *d, const char *id, ipc_err *e);
/* The receiving office acknowledges a sent request (opening it does); nothing to do when
 * this office does not receive it or already has. */
int collab_receive(db *d, const char *id, ipc_err *e);
/* Accepts (receiving it first when needed); a handoff becomes a new case of this office,
 * whose id goes to new_case ("" for other kinds). */
int collab_accept(db *d, const char *id, char new_case[37], ipc_err *e);
int collab_decline(db *d, const char *id, const char *reason, ipc_err *e);
/* A message in the thread, with attachments: from the receiving office while it handles the
 * request it is progress, with `answer` it is the answer; otherwise a reply. */
int collab_reply(db *d, const char *id, const char *text, const struct collab_attachment *att,
		 size_t natt, bool answer, ipc_err *e);
int collab_close(db *d, const char *id, const char *text, ipc_err *e);

/* Checks every attached file against its SHA-256: *files gets the attachments (as in
 * collab_get); returns how many are missing or do not match, -1 on error. */
int collab_verify(db *d, const char *id, json_t **files, ipc_err *e);

/* The request `id` names (at least its first 8 characters). */
int collab_resolve(db *d, const char *prefix, char out[37], ipc_err *e);

#endif
