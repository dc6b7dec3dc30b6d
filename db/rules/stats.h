/* stats — the figures an office reports upward for a period (issue 16): cases received,
 * filed, decided, closed and transferred, fines and confiscations, days from filing to
 * decision and cases overdue, in total and per group of a dimension; and the aggregate they are
 * read from, kept at commit. */
#ifndef IPCASE_STATS_H
#define IPCASE_STATS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"
#include "db/search.h"
#include "doc/sheet.h"

struct stats_query {
	const char *period; /* "2026", "2026Q3", "2026-11" or "FROM..TO" (dates inclusive) */
	const char *by;     /* NULL (totals only), ip_type, region, source, status, decision,
			     * handler or campaign */
};

/* The figures of a row, in the order tables show them, with their headings (N_(): translate
 * where shown). All are counts but fines and confiscated (money) and avg_days_to_decision. */
#define STATS_NFIGURES 10
extern const struct stats_figure {
	const char *key, *head;
} stats_figures[STATS_NFIGURES];

/* The figures of the complaints and reports received in a period (stats "intakes"): counts. */
#define STATS_NINTAKE 7
extern const struct stats_figure stats_intake_figures[STATS_NINTAKE];

/* The figures of the inspections made in a period (stats "inspections", and each of its
 * "campaigns"): counts. */
#define STATS_NINSPECTION 3
extern const struct stats_figure stats_inspection_figures[STATS_NINSPECTION];

/* The period's first and last days; an error naming the input (field "period") when it is
 * none of the forms of struct stats_query. */
int stats_period(const char *period, char from[11], char to[11], ipc_err *e);

/* {"period":{"from","to"},"by":…,"groups":[{"key","label",figures…}],"total":{figures…},
 * "intakes":{…}, "inspections":{…, "campaigns":[…]}}.
 * Figures: received (clue_on in the period), filed, decided, closed, transferred_police and
 * transferred_other (decisions of the period), fines and confiscated (yuan, "0.00", of the
 * decisions of the period), decided_after_filing, avg_days_to_decision (one decimal, null
 * when none) and overdue (the group's live cases with a deadline past due today, whatever the
 * period). By handler a case counts under each of its handlers, so the groups may sum to
 * more than the total. */
int stats_compute(db *d, const struct stats_query *q, json_t **out, ipc_err *e);

/* The case list's query of the cases a figure of a group counts: s, stats_compute's answer;
 * group, one of its groups; figure, an index in stats_figures. Those received in the period
 * for received, filed for filed, decided (with the transfer's decision type) for the
 * decisions, fines and days, closed for closed; overdue ones whatever the period. q points
 * into s. */
void stats_case_query(const json_t *s, const json_t *group, size_t figure, struct case_query *q);

/* Figure col of a row (a group or the total) as tables show it: "-" for no average. */
void stats_cell(const json_t *row, size_t col, char out[32]);

/* Adds to sh a tab "统计 FROM..TO" of stats_compute's answer s: a row a group, the total last,
 * money as money cells. */
int stats_sheet_tab(sheet *sh, const json_t *s, ipc_err *e);

/* A tab "投诉举报 FROM..TO" of sheet sh: the intake figures of the statistics s, one a row. */
int stats_intake_tab(sheet *sh, const json_t *s, ipc_err *e);

/* A tab "现场检查 FROM..TO" of sheet sh: the inspections of the statistics s, a campaign a
 * row, all of them last. */
int stats_inspection_tab(sheet *sh, const json_t *s, ipc_err *e);

/* The first day anything was received, filed, decided or closed ("" when none). */
int stats_first_day(db *d, char day[11], ipc_err *e);

/* What refreshing cases changes of the aggregate, gathered to be written at once: a
 * change of one case moves only the rows it changes, and cases of the same group and day
 * write their row once. Zeroed, it is empty. */
struct stats_batch {
	struct stats_delta *v;
	size_t n, cap;
	uint32_t *slots; /* 1 + the index in v of a row, 0 for none: its hash's place */
	size_t nslots;
};

/* Brings the share of one case in the aggregate up to date, through b (case_facts at once,
 * stats_days when b is written): kase, its state as db_row_json reads it; next_due, its
 * soonest open deadline ("" for none). The deadline refresh calls it, in the transaction that
 * changed the case or the calendar, and writes b before that transaction commits. */
int stats_refresh_case(db *d, struct stats_batch *b, const json_t *kase, const char *next_due,
		       ipc_err *e);

/* Adds to the aggregate the shares owed (of the cases an import refreshed) and forgets the
 * debt: every row once, however many cases add to it. */
int stats_settle(db *d, ipc_err *e);

/* Writes what b gathered into the aggregate and empties it, even when that fails. */
int stats_batch_write(db *d, struct stats_batch *b, ipc_err *e);

/* Empties b without writing it (its transaction is rolled back). */
void stats_batch_free(struct stats_batch *b);

/* Takes back the share of every case no longer in t_case (a revoked device's, withdrawn). */
int stats_forget_gone(db *d, ipc_err *e);

#endif
