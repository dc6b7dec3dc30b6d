/* stats — the figures an office reports upward for a period (issue 16): cases received,
 * filed, decided, closed and transferred, fines and confiscations, days from filing to
 * decision and overdue deadlines, in total and per group of a dimension. */
#ifndef IPCASE_STATS_H
#define IPCASE_STATS_H

#include <jansson.h>

#include "base/err.h"
#include "db/db.h"

struct stats_query {
	const char *period; /* "2026", "2026Q3", "2026-11" or "FROM..TO" (dates inclusive) */
	const char *by;     /* NULL (totals only), ip_type, region, source, status, decision, handler */
};

/* The figures of a row, in the order tables show them, with their headings (N_(): translate
 * where shown). All are counts but fines and confiscated (money) and avg_days_to_decision. */
#define STATS_NFIGURES 10
extern const struct stats_figure {
	const char *key, *head;
} stats_figures[STATS_NFIGURES];

/* The period's first and last days; an error naming the input (field "period") when it is
 * none of the forms of struct stats_query. */
int stats_period(const char *period, char from[11], char to[11], ipc_err *e);

/* {"period":{"from","to"},"by":…,"groups":[{"key","label",figures…}],"total":{figures…}}.
 * Figures: received (clue_on in the period), filed, decided, closed, transferred_police and
 * transferred_other (decisions of the period), fines and confiscated (yuan, "0.00", of the
 * decisions of the period), decided_after_filing, avg_days_to_decision (one decimal, null
 * when none) and overdue (deadlines of the group's live cases past due today). By handler a
 * case counts under each of its handlers, so the groups may sum to more than the total. */
int stats_compute(db *d, const struct stats_query *q, json_t **out, ipc_err *e);

#endif
