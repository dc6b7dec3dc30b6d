/* clock — a limit counted on the working-day calendar, less the periods that stop it: pause
 * records and the spans the case spent in status suspended or hearing (read from its ops). */
#include "db/rules/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/op.h"

static const struct {
	const char *kind;
	unsigned bit;
} pause_bits[] = {
	{"suspension", P_SUSPENSION}, {"hearing", P_HEARING}, {"public_notice", P_NOTICE},
	{"testing", P_TESTING}, {"appraisal", P_APPRAISAL}, {"identification", P_IDENTIFICATION},
};

/* The statuses that are paused periods by themselves (FACTS.md §9). */
static const struct {
	const char *status;
	unsigned bit;
} status_bits[] = {{"suspended", P_SUSPENSION}, {"hearing", P_HEARING}};

static unsigned pause_bit(const char *kind)
{
	for (size_t i = 0; i < sizeof pause_bits / sizeof pause_bits[0]; i++)
		if (kind && strcmp(pause_bits[i].kind, kind) == 0)
			return pause_bits[i].bit;
	return 0;
}

static unsigned status_bit(const char *status)
{
	for (size_t i = 0; i < sizeof status_bits / sizeof status_bits[0]; i++)
		if (status && strcmp(status_bits[i].status, status) == 0)
			return status_bits[i].bit;
	return 0;
}

int clock_range_err(ipc_err *e, const char *date)
{
	return err_set(e, _("a deadline from %s falls beyond the year 2199"), date);
}

/* A paused period, both days counted; to = "" while it has not ended. */
struct span {
	char from[11], to[11];
};

struct spans {
	struct span *v;
	size_t n, cap;
};

/* Adds [from, to] (to NULL: not ended); a period that ends before it starts is none. */
static int spans_add(struct spans *s, const char *from, const char *to, ipc_err *e)
{
	struct span *more;

	if (to && strcmp(to, from) < 0)
		return 0;
	if (!(more = grow(s->v, &s->cap, s->n, sizeof *more)))
		return err_nomem(e);
	s->v = more;
	snprintf(s->v[s->n].from, sizeof s->v[s->n].from, "%s", from);
	snprintf(s->v[s->n].to, sizeof s->v[s->n].to, "%s", to ? to : "");
	s->n++;
	return 0;
}

static int span_cmp(const void *a, const void *b)
{
	return strcmp(((const struct span *)a)->from, ((const struct span *)b)->from);
}

/* Sorts the periods and merges those that overlap or touch, in place. */
static void spans_merge(struct spans *s)
{
	size_t n = 0;

	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, span_cmp);
	for (size_t i = 0; i < s->n; i++) {
		struct span *last = n ? &s->v[n - 1] : NULL, *x = &s->v[i];
		char after[11];
		if (last && !last->to[0])
			continue; /* inside one that has not ended */
		if (last && !cal_add_days(last->to, 1, after) && strcmp(x->from, after) <= 0) {
			if (!x->to[0] || strcmp(x->to, last->to) > 0)
				memcpy(last->to, x->to, sizeof last->to);
			continue;
		}
		s->v[n++] = *x;
	}
	s->n = n;
}

static int pauses_load(db *d, const char *case_id, unsigned stops, struct spans *s, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT kind, started_on, ended_on FROM t_pause"
				   " WHERE case_id = ? AND coalesce(deleted, 0) = 0"
				   " AND started_on IS NOT NULL", e);
	int rc = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		if (pause_bit((const char *)sqlite3_column_text(st, 0)) & stops)
			rc = spans_add(s, (const char *)sqlite3_column_text(st, 1),
				       (const char *)sqlite3_column_text(st, 2), e);
	sqlite3_reset(st);
	return rc;
}

/* The day a status op took effect: its status_on, else (ops of older workspaces) the day of
 * its clock. */
static void status_day(const json_t *set, int64_t hlc, char out[11])
{
	const char *on = jstr(set, "status_on");
	char when[32];

	if (on && strlen(on) == 10) {
		memcpy(out, on, 11);
		return;
	}
	hlc_format(hlc, when);
	memcpy(out, when, 10);
	out[10] = '\0';
}

/* The ops that set a status pausing a clock. The partial index on it answers "did this case
 * ever enter one?" without reading the op lines of the (many) cases that never did: a query
 * uses it only when it names the same expression. */
#define PAUSING_OP "(type = 'case' AND (instr(op_set(fields), '\"status\":\"suspended\"') > 0" \
	" OR instr(op_set(fields), '\"status\":\"hearing\"') > 0))"

int clock_open(db *d, ipc_err *e)
{
	return db_exec(d, "CREATE INDEX IF NOT EXISTS ops_pausing ON ops(record) WHERE " PAUSING_OP,
		       e);
}

/* Did an op of the case ever set status suspended or hearing? 1, 0, -1. */
static int entered_pause(db *d, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM ops WHERE record = ? AND "
				   PAUSING_OP ")", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	rc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0)
	     : db_sqlerr(d, e, _("reading the case's history"));
	sqlite3_reset(st);
	return rc;
}

/* The spans the case spent in a status whose bit is in `stops`: from the day the op entering
 * it took effect to the day before the next status op took effect, open while it is the last.
 * Only the ops of a case that ever entered such a status are read. */
static int statuses_load(db *d, const char *case_id, unsigned stops, struct spans *s,
			 ipc_err *e)
{
	sqlite3_stmt *st;
	char from[11] = "", day[11], before[11];
	int rc = entered_pause(d, case_id, e);

	if (rc <= 0)
		return rc;
	rc = 0;
	if (!(st = db_stmt(d, "SELECT hlc, op_set(fields) FROM ops WHERE record = ?"
			   " AND instr(op_set(fields), '\"status\":\"') > 0 ORDER BY hlc", e)))
		return -1;
	db_bind_text(st, 1, case_id);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		json_t *set = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
		const char *status = jstr(set, "status");
		if (status) {
			status_day(set, sqlite3_column_int64(st, 0), day);
			if (from[0] && !cal_add_days(day, -1, before))
				rc = spans_add(s, from, before, e);
			snprintf(from, sizeof from, "%s", status_bit(status) & stops ? day : "");
		}
		json_decref(set);
	}
	sqlite3_reset(st);
	return rc || !from[0] ? rc : spans_add(s, from, NULL, e);
}

int clock_advance(db *d, const char *date, enum clock_unit u, int n, char out[11],
		  bool *confirmed, ipc_err *e)
{
	*confirmed = true;
	if (u == WORKDAYS)
		return cal_add_workdays(d, date, n, out, confirmed, e);
	if ((u == DAYS ? cal_add_days(date, n, out) : cal_add_months(date, n, out)))
		return clock_range_err(e, date);
	return 0;
}

/* The days of `s` from `from` on, in the clock's unit (months stretch by days). */
static int paused_length(db *d, const struct span *s, const char *from, enum clock_unit u,
			 int *n, bool *confirmed, ipc_err *e)
{
	char before[11];

	if (u != WORKDAYS) {
		*confirmed = true;
		cal_days_between(from, s->to, n);
		++*n;
		return 0;
	}
	if (cal_add_days(from, -1, before))
		return clock_range_err(e, from);
	return cal_workdays_between(d, before, s->to, n, confirmed, e);
}

/* Moves `due` past each period of `s` that begins by it (from `first`, the clock's first
 * day): 1, 0 when one that has not ended stops the clock, -1 on error. */
static int push_back(db *d, const struct spans *s, const char *first, enum clock_unit u,
		     char due[11], bool *confirmed, ipc_err *e)
{
	for (size_t i = 0; i < s->n; i++) {
		const char *from = strcmp(s->v[i].from, first) < 0 ? first : s->v[i].from;
		int extra;
		bool c1, c2;
		if (s->v[i].to[0] && strcmp(s->v[i].to, from) < 0)
			continue; /* over before the clock started */
		if (strcmp(from, due) > 0)
			return 1; /* after the deadline: it cannot move it */
		if (!s->v[i].to[0])
			return 0; /* stopped until it ends */
		if (paused_length(d, &s->v[i], from, u, &extra, &c1, e)
		    || clock_advance(d, due, u == WORKDAYS ? WORKDAYS : DAYS, extra, due, &c2, e))
			return -1;
		*confirmed = *confirmed && c1 && c2;
	}
	return 1;
}

int clock_due(db *d, const char *case_id, const char *start, enum clock_unit u, int n,
	      unsigned stops, char due[11], bool *confirmed, ipc_err *e)
{
	struct spans s = {0};
	char first[11];
	int rc;

	if (clock_advance(d, start, u, n, due, confirmed, e))
		return -1;
	if (cal_add_days(start, 1, first))
		return clock_range_err(e, start);
	if (!stops)
		return 1;
	rc = pauses_load(d, case_id, stops, &s, e)
	     || ((stops & (P_SUSPENSION | P_HEARING)) && statuses_load(d, case_id, stops, &s, e))
	     ? -1 : 0;
	if (!rc) {
		spans_merge(&s);
		rc = push_back(d, &s, first, u, due, confirmed, e);
	}
	free(s.v);
	return rc;
}
