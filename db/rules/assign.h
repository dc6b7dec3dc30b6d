/* assign — assignments of technical investigators to cases (collab channel, so every office
 * sees the pool's workload) and their life: proposed → parties notified → accepted | declined
 * → in progress → opinion submitted → closed; a replacement starts a new one. The opinion
 * (text and an optional file with its SHA-256) is confidential to the case's office: it is a
 * record of the office channel. An assignment despite a conflict needs an officer's written
 * reason, kept as a recusal record (office channel) the assignment points to. */
#ifndef IPCASE_ASSIGN_H
#define IPCASE_ASSIGN_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"

struct assign_req {
	const char *case_id, *investigator_id;
	json_t *tasks;               /* list of task ids (assignment_tasks) */
	const char *due;             /* YYYY-MM-DD or NULL */
	const char *override_reason; /* the officer's written reason, or NULL */
	const char *replaces;        /* the assignment this one replaces, or NULL */
	const char *reason;          /* why the replaced one is replaced, or NULL */
};

/* Checks recusal and makes the assignment (and the recusal record, and the replaced
 * assignment's change) in one transaction. Refused with the conflicts named in e. */
int assign_make(db *d, const struct assign_req *r, char id[37], ipc_err *e);

/* Moves an assignment to `status` (notified, accepted, declined, in_progress, closed) on date
 * `on` (NULL: today), with an optional reason (declined). */
int assign_advance(db *d, const char *id, const char *status, const char *reason,
		   const char *on, ipc_err *e);

/* Records the opinion of an assignment in progress (text, and the file at `file` when not
 * NULL, copied into the workspace with its SHA-256) and moves it to opinion_submitted. */
int assign_opinion(db *d, const char *id, const char *text, const char *file,
		   char opinion_id[37], ipc_err *e);

struct assign_query {
	const char *case_id, *investigator_id, *status;
	bool open; /* only current workload */
};

/* Assignments, newest first, each with "investigator_name", "office_name" (the office that
 * made it) and "notify_by" (the date by which the parties are told: 3 days after it was
 * made, FACTS.md §3). */
json_t *assign_list(db *d, const struct assign_query *q, ipc_err *e);
/* One assignment as in the list, with "opinion" and "recusal" when this office holds them. */
json_t *assign_get(db *d, const char *id, ipc_err *e);

/* The deadlines of a case's assignments (the assignment type's deadlines hook): the parties
 * told of a proposed one, the due date of an accepted one. */
struct deadline_set;
int assign_deadlines(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e);

#endif
