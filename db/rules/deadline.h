/* deadline — the statutory deadlines of every case (FACTS.md §1, §2): derived from its dates,
 * status, paused periods (pause records) and measures (measure records) by a list of sources,
 * and kept in the `deadlines` table, recomputed in the transaction that changes a case or one
 * of its records, whether the change is a local write or a peer's op. Lists, counts and the
 * case list read that table through its index on the due date, never the rules.
 *
 * Only open deadlines are kept: one whose step is done (a filing deadline once filed, a
 * seizure once lifted) disappears, and a case that is closed, archived, not filed, terminated,
 * transferred or deleted has none but the withdrawal of a revoked decision's publication. A
 * paused period that has not ended (a pause record, or the case's status suspended or hearing:
 * db/rules/clock) stops the clocks it pauses: those deadlines are not due until it ends.
 *
 * The collaboration requests this office was asked and has not answered have their reply
 * date in the same table (owner and ref = the request, kind collab_reply): a request belongs
 * to no case, so its status's refresh (db/rules/collab_rules) keeps that row. */
#ifndef IPCASE_DEADLINE_H
#define IPCASE_DEADLINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/deadlines.h"
#include "db/schema.h"

struct deadline {
	char due[11];
	const char *kind;  /* a static id of deadline_kinds: "decision", "seizure" … */
	char ref[37];      /* the record it comes from: the case, a measure … */
	bool confirmed;    /* false when a working-day count crossed a year the calendar lacks */
};

/* The deadlines of one case, as the sources add them. */
struct deadline_set {
	struct deadline *v;
	size_t n, cap;
};

int deadline_add(struct deadline_set *s, const char *kind, const char *ref, const char *due,
		 bool confirmed, ipc_err *e);
void deadline_set_free(struct deadline_set *s);

/* A source: adds the open deadlines one rule (or one record type) gives the case whose state
 * is `kase` (the fields db_get returns, with "id"). To add one: write the function in your
 * module, add its kinds to deadline_kinds[] and the function to sources[] in deadline.c. */
typedef int (*deadline_source)(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e);

/* The open deadlines of case `case_id` computed now from the rules (not from the table),
 * soonest first. */
int deadline_compute(db *d, const char *case_id, struct deadline_set *out, ipc_err *e);

/* Recomputes the stored deadlines (and the statistics' share) of the cases with these
 * t_case rowids; the write path calls it at commit with the cases written in the
 * transaction. */
int deadline_refresh_cases(db *d, const int64_t *rowids, size_t n, ipc_err *e);

/* Recomputes the stored deadlines of every case (after a calendar import or a change of a
 * limit); *ncases (when not NULL) gets how many cases were read. */
int deadline_refresh_all(db *d, int64_t *ncases, ipc_err *e);

/* Recomputes the reply dates of collaboration requests: of `request`, or of all when NULL. */
int deadline_refresh_request(db *d, const char *request, ipc_err *e);

/* At open: recomputes every case's deadlines once when this program's rules differ from
 * those that filled the table (a new workspace, an upgrade that changed a rule). */
int deadline_ensure(db *d, ipc_err *e);

/* Every kind of deadline, and the label of one (translated; the id itself when unknown). */
struct deadline_kind {
	const char *id, *label, *basis; /* label and basis are N_() texts */
};
extern const struct deadline_kind deadline_kinds[];
const char *deadline_kind_label(const char *kind);

/* Sets a limit and recomputes every case's deadlines in the same transaction. */
int deadline_limit_set(db *d, const char *name, int value, ipc_err *e);

/* cal_import, then every case's deadlines recomputed with the new calendar, in one
 * transaction. Returns the number of years imported (their list in `years`), -1 on error. */
int deadline_calendar_import(db *d, const char *path, int *years, int max, int64_t *ncases,
			     ipc_err *e);

/* 加处罚款 (行政处罚法 art. 72): 3 % of the fine a day from the day after the payment limit,
 * never more than the fine; integer fen. */
struct deadline_surcharge {
	int days;      /* days late */
	bool capped;   /* it has reached the fine */
	char yuan[24]; /* "150.00" */
};

/* The surcharge on `fine` (yuan, a decimal string) `days` days after the limit: 1 with it in
 * `out`, 0 when there is none (not late, no fine). */
int deadline_surcharge_after(const char *fine, int days, struct deadline_surcharge *out);

/* "late-payment surcharge 150.00 yuan (5 days late, 3 % a day)", translated. */
void deadline_surcharge_text(const struct deadline_surcharge *s, char *buf, size_t n);

/* The surcharge the case `kase` owes on `today`: 1 when its fine, served, is unpaid past the
 * 15 days (行政处罚法 art. 67). */
int deadline_surcharge(const json_t *kase, const char *today, struct deadline_surcharge *out);

/* The records deadlines read beyond the case's own dates: paused periods and measures. */
extern const struct rtype pause_type, measure_type;

#endif
