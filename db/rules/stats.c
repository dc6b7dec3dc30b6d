/* stats — the figures of a period over the materialised case table, one aggregate query per
 * request: in total and grouped by a dimension. Money is summed in fen (integers) through
 * the SQL function ipc_fen, never in floating point. */
#include "db/rules/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/money.h"
#include "base/validate.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/case_terms.h"
#include "db/schema.h"

const struct stats_figure stats_figures[STATS_NFIGURES] = {
	{"received", N_("clues received")}, {"filed", N_("cases filed")},
	{"decided", N_("cases decided")}, {"closed", N_("cases closed")}, {"transferred_police", N_("to police")},
	{"transferred_other", N_("to other dept.")}, {"fines", N_("fines")},
	{"confiscated", N_("confiscated")}, {"avg_days_to_decision", N_("days to decision")},
	{"overdue", N_("overdue")},
};

struct dimension {
	const char *name;              /* as --by takes it */
	const char *key;               /* SQL of the group key */
	const char *join;              /* SQL joined to t_case c for the key, or "" */
	const struct enum_value *enums; /* the key's labels, or NULL */
};

static const struct dimension dimensions[] = {
	{"ip_type", "c.ip_type", "", case_ip_types},
	{"region", "c.region", "", NULL},
	{"source", "c.source", "", case_sources},
	{"status", "c.status", "", case_statuses},
	{"decision", "c.decision_type", "", case_decision_types},
	/* a case counts under each of its handlers */
	{"handler", "json_extract(h.value, '$.name')", ", json_each(c.handlers) h", NULL},
};

static const struct dimension total = {NULL, "NULL", "", NULL};

enum { F_RECEIVED, F_FILED, F_DECIDED, F_CLOSED, F_POLICE, F_OTHER, F_FINES, F_CONFISCATED,
       F_TIMED, F_DAYS, F_OVERDUE, F_N };

#define IN(col) "(" col " BETWEEN :from AND :to)"
#define DECIDED IN("c.decided_on")
#define TIMED DECIDED " AND c.filed_on <= c.decided_on"

static const char query[] =
	"SELECT %s AS g, sum(" IN("c.clue_on") "), sum(" IN("c.filed_on") "), sum(" DECIDED "),"
	" sum(" IN("c.closed_on") "), sum(" DECIDED " AND c.decision_type = 'transfer_judicial'),"
	" sum(" DECIDED " AND c.decision_type = 'transfer_other'),"
	" sum(CASE WHEN " DECIDED " THEN ipc_fen(c.fine) END),"
	" sum(CASE WHEN " DECIDED " THEN ipc_fen(c.confiscated) END), sum(" TIMED "),"
	" sum(CASE WHEN " TIMED " THEN CAST(julianday(c.decided_on) - julianday(c.filed_on)"
	" AS INTEGER) END),"
	" sum((SELECT count(*) FROM deadlines d WHERE d.owner = c.id AND d.due < :today))"
	/* t_case_stats holds every column read, in id order: the scan reads no row of t_case,
	 * and the deadlines (keyed by owner) are sought in order */
	" FROM t_case c INDEXED BY t_case_stats%s"
	" WHERE coalesce(c.deleted, 0) = 0%s";

/* ipc_fen(yuan): the amount in fen, NULL for no amount or one that is not money. */
static void fen_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *yuan = (const char *)sqlite3_value_text(argv[0]);
	int64_t fen;

	(void)argc;
	if (yuan && money_fen(yuan, &fen))
		sqlite3_result_int64(cx, fen);
	else
		sqlite3_result_null(cx);
}

static int period_bad(const char *period, ipc_err *e)
{
	return err_kind(e, IPC_E_USAGE, "period", _("period \"%s\": give a year (2026), a quarter "
			"(2026Q3), a month (2026-11) or two dates FROM..TO (2026-01-01..2026-06-30)"),
			period);
}

/* The last day of the month of first (YYYY-MM-01) plus months - 1. */
static int month_end(const char *first, int months, char to[11])
{
	int y = atoi(first), m = atoi(first + 5) + months;
	char next[32];

	snprintf(next, sizeof next, "%04d-%02d-01", y + (m - 1) / 12, (m - 1) % 12 + 1);
	return cal_add_days(next, -1, to);
}

static int period_dates(const char *period, char from[11], char to[11], ipc_err *e)
{
	const char *dots = strstr(period, "..");
	size_t n = strlen(period);

	if (!dots)
		return period_bad(period, e);
	if ((size_t)(dots - period) != 10 || n != 22)
		return period_bad(period, e);
	memcpy(from, period, 10), from[10] = 0;
	memcpy(to, dots + 2, 10), to[10] = 0;
	if (!validate_date(from) || !validate_date(to))
		return period_bad(period, e);
	if (strcmp(from, to) > 0)
		return err_kind(e, IPC_E_USAGE, "period", _("period \"%s\": it ends before it "
				"starts"), period);
	return 0;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int stats_period(const char *period, char from[11], char to[11], ipc_err *e)
{
	size_t n = strlen(period);
	int months = 12;

	if (n < 4 || !digits(period, 4))
		return period_bad(period, e);
	snprintf(from, 11, "%.4s-01-01", period);
	if (n == 6 && period[4] == 'Q' && period[5] >= '1' && period[5] <= '4') {
		snprintf(from, 11, "%.4s-%02d-01", period, (period[5] - '1') * 3 + 1);
		months = 3;
	} else if (n == 7 && period[4] == '-' && digits(period + 5, 2)) {
		snprintf(from, 11, "%s-01", period);
		months = 1;
	} else if (n != 4) {
		return period_dates(period, from, to, e);
	}
	if (!validate_date(from) || month_end(from, months, to))
		return period_bad(period, e);
	return 0;
}

static const char *group_label(const struct dimension *dim, const char *key)
{
	if (!key)
		return _("not set");
	if (dim->enums)
		return schema_enum_label(dim->enums, key, i18n_zh());
	if (strcmp(dim->name, "region") == 0 && validate_region_name(key))
		return validate_region_name(key);
	return key;
}

static json_t *figures(const int64_t f[F_N])
{
	char fines[24], confiscated[24];

	money_format(f[F_FINES], fines);
	money_format(f[F_CONFISCATED], confiscated);
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:s,s:s,s:I,s:o,s:I}",
		"received", (json_int_t)f[F_RECEIVED], "filed", (json_int_t)f[F_FILED],
		"decided", (json_int_t)f[F_DECIDED], "closed", (json_int_t)f[F_CLOSED],
		"transferred_police", (json_int_t)f[F_POLICE],
		"transferred_other", (json_int_t)f[F_OTHER], "fines", fines,
		"confiscated", confiscated, "decided_after_filing", (json_int_t)f[F_TIMED],
		/* one decimal, rounded half up */
		"avg_days_to_decision", f[F_TIMED] ? json_real((double)((f[F_DAYS] * 20 + f[F_TIMED])
			/ (2 * f[F_TIMED])) / 10) : json_null(),
		"overdue", (json_int_t)f[F_OVERDUE]);
}

/* A group with nothing to report in the period (nor overdue now) is left out. */
static bool figures_empty(const json_t *f)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)f, key, v)
		if ((json_is_integer(v) && json_integer_value(v))
		    || (json_is_string(v) && strcmp(json_string_value(v), "0.00") != 0))
			return false;
	return true;
}

/* Runs the query grouped by dim into groups (an array), or ungrouped (groups NULL); adds
 * every row's figures into sum. */
static int run_query(db *d, const struct dimension *dim, const char *from, const char *to,
		     json_t *groups, int64_t sum[F_N], ipc_err *e)
{
	char sql[2048], today[11];
	sqlite3_stmt *st;
	int rc;

	/* without GROUP BY the totals are one row even over no case */
	snprintf(sql, sizeof sql, query, dim->key, dim->join, groups ? " GROUP BY g ORDER BY g" : "");
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, _("computing statistics"));
	cal_today(today);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":from"), from);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":to"), to);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		int64_t row[F_N];
		json_t *f;
		for (int i = 0; i < F_N; i++)
			sum[i] += row[i] = sqlite3_column_int64(st, i + 1);
		if (!groups)
			continue;
		if (figures_empty(f = figures(row))) {
			json_decref(f);
			continue;
		}
		json_object_set_new(f, "key", key ? json_string(key) : json_null());
		json_object_set_new(f, "label", json_string(group_label(dim, key)));
		json_array_append_new(groups, f);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("computing statistics"));
	return 0;
}

static const struct dimension *dimension_find(const char *by, ipc_err *e)
{
	for (size_t i = 0; i < sizeof dimensions / sizeof *dimensions; i++)
		if (strcmp(by, dimensions[i].name) == 0)
			return &dimensions[i];
	if (strcmp(by, "campaign") == 0)
		err_kind(e, IPC_E_USAGE, "by", _("cases have no campaign (专项行动) field yet: "
			 "statistics by campaign wait for it"));
	else
		err_kind(e, IPC_E_USAGE, "by", _("\"%s\" is no dimension: give ip_type, region, "
			 "source, status, decision or handler"), by);
	return NULL;
}

int stats_compute(db *d, const struct stats_query *q, json_t **out, ipc_err *e)
{
	const struct dimension *dim = NULL;
	char from[11], to[11];
	int64_t sum[F_N] = {0}, unused[F_N] = {0};
	json_t *groups;

	*out = NULL;
	if (stats_period(q->period, from, to, e))
		return -1;
	if (q->by && !(dim = dimension_find(q->by, e)))
		return -1;
	if (sqlite3_create_function(d->sql, "ipc_fen", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    fen_fn, NULL, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, _("computing statistics"));
	groups = json_array();
	/* the groups of a dimension partition the cases, their sums are the totals; a case
	 * counts under each of its handlers, so by handler the totals are a query of their own */
	if ((dim && run_query(d, dim, from, to, groups, dim->join[0] ? unused : sum, e))
	    || ((!dim || dim->join[0]) && run_query(d, &total, from, to, NULL, sum, e))) {
		json_decref(groups);
		return -1;
	}
	*out = json_pack("{s:{s:s,s:s},s:s?,s:o,s:o}", "period", "from", from, "to", to,
			 "by", q->by, "groups", groups, "total", figures(sum));
	return 0;
}
