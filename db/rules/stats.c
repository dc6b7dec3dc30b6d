/* stats — the figures of a period, read from an aggregate kept at commit: stats_days holds,
 * per dimension, group key and day, what the cases add on that day (received on its clue
 * date, decided with fine and days to decision on its decision date, due on its soonest open
 * deadline …), and case_facts what each case added, so a change takes back the old share and
 * adds the new. A year by IP type then reads some thousand rows whatever the number of cases.
 *
 * Invariant: for every dimension, stats_days = the sum over the live cases in case_facts of
 * their shares, but for those whose share is owed (their ids in stats_owed); case_facts holds
 * every live case as its last refresh saw it. The deadline refresh (db/rules/deadline), which
 * every write of a case and every calendar change runs, calls stats_refresh_case, and writes
 * its batch (struct stats_batch) before the commit: it holds at every commit; a case gone from
 * t_case is taken back by stats_forget_gone. An import's refresh (cases deferred, case_defer)
 * owes the shares instead, and stats_settle adds them all together at its end: 100 000 cases
 * of a first sync wrote some two million rows 500 cases at a time, and write 50 000 so (a
 * crash in between leaves them owed, settled at the next open).
 * Money is in fen (integers, money_fen), never in floating point. A key not set is ''. */
#include "db/rules/stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/json.h"
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

const struct stats_figure stats_intake_figures[STATS_NINTAKE] = {
	{"received", N_("complaints and reports received")}, {"complaints", N_("complaints")},
	{"reports", N_("reports")}, {"accepted", N_("complaints accepted")},
	{"refused", N_("complaints refused")}, {"linked", N_("made or linked to a case")},
	{"overdue", N_("with a limit overdue")},
};

/* The dimensions statistics group by: their names as --by takes them, and the labels of their
 * keys. stats_days holds each, and the totals as dimension ''. */
struct dimension {
	const char *name;
	const struct enum_value *enums; /* the key's labels, or NULL */
};

static const struct dimension dimensions[] = {
	{"ip_type", case_ip_types}, {"region", NULL}, {"source", case_sources},
	{"status", case_statuses}, {"decision", case_decision_types},
	{"handler", NULL}, /* a case counts under each of its handlers */
	{"campaign", NULL},
};

static const struct dimension total = {"", NULL};

enum { F_RECEIVED, F_FILED, F_DECIDED, F_CLOSED, F_POLICE, F_OTHER, F_FINES, F_CONFISCATED,
       F_TIMED, F_DAYS, F_OVERDUE, F_N };

/* ---- keeping the aggregate ---- */

/* case_facts' columns after id, as the case has them (fine and confiscated in fen, next_due
 * from the deadlines): the order of the statements below. */
static const char *const fact_fields[] = {"clue_on", "filed_on", "decided_on", "closed_on",
	"decision_type", "fine", "confiscated", "next_due", "ip_type", "source", "region", "status",
	"campaign", "handlers"};
enum { X_CLUE, X_FILED, X_DECIDED, X_CLOSED, X_DECISION, X_FINE, X_CONFISCATED, X_NEXT_DUE,
       X_IP_TYPE, X_SOURCE, X_REGION, X_STATUS, X_CAMPAIGN, X_HANDLERS, NFACTS };

/* The facts of a case: a text or an amount in fen each (neither: not set); handlers, the
 * handlers' array its names are read from. */
struct facts {
	char *text[NFACTS];
	int64_t fen[NFACTS];
	bool set[NFACTS];
	json_t *handlers;
};

static bool is_money(int i)
{
	return i == X_FINE || i == X_CONFISCATED;
}

static void facts_free(struct facts *f)
{
	for (int i = 0; i < NFACTS; i++)
		free(f->text[i]);
	json_decref(f->handlers);
	*f = (struct facts){0};
}

/* Fact i of the case: the handlers' array as compact JSON (none when empty), money in fen. */
static int fact_of_case(struct facts *f, int i, const json_t *v)
{
	if (is_money(i))
		f->set[i] = json_is_string(v) && money_fen(json_string_value(v), &f->fen[i]);
	else if (json_is_string(v))
		f->set[i] = (f->text[i] = strdup(json_string_value(v))) != NULL;
	else if (json_is_array(v) && json_array_size(v))
		f->set[i] = (f->text[i] = json_dumps(v, JSON_COMPACT)) != NULL;
	else
		return 0;
	return is_money(i) || f->set[i] ? 0 : -1;
}

/* The facts of kase (as db_row_json reads it) with its soonest open deadline. */
static int facts_of_case(const json_t *kase, const char *next_due, struct facts *f, ipc_err *e)
{
	*f = (struct facts){0};
	for (int i = 0; i < NFACTS; i++)
		if (fact_of_case(f, i, i == X_NEXT_DUE ? NULL : json_object_get(kase, fact_fields[i])))
			goto nomem;
	if (next_due[0] && !(f->set[X_NEXT_DUE] = (f->text[X_NEXT_DUE] = strdup(next_due)) != NULL))
		goto nomem;
	f->handlers = json_incref(json_object_get(kase, "handlers"));
	return 0;
nomem:
	facts_free(f);
	return err_nomem(e);
}

#define FACT_COLUMNS "clue_on, filed_on, decided_on, closed_on, decision_type, fine," \
	" confiscated, next_due, ip_type, source, region, status, campaign, handlers"

/* The facts in the columns FACT_COLUMNS of the row st is on, into f; -1 out of memory. */
static int facts_read(sqlite3_stmt *st, struct facts *f)
{
	*f = (struct facts){0};
	for (int i = 0; i < NFACTS; i++) {
		const char *s = (const char *)sqlite3_column_text(st, i);
		if (!(f->set[i] = sqlite3_column_type(st, i) != SQLITE_NULL))
			continue;
		if (is_money(i))
			f->fen[i] = sqlite3_column_int64(st, i);
		else if (!s || !(f->text[i] = strdup(s)))
			goto nomem;
	}
	if (f->text[X_HANDLERS])
		f->handlers = json_loads(f->text[X_HANDLERS], 0, NULL);
	return 0;
nomem:
	facts_free(f);
	return -1;
}

/* The facts case_facts holds of case id, and in *owed whether its share is owed (stats_owed):
 * 1, or 0 when it holds none; -1 on failure. */
static int facts_load(db *d, const char *id, struct facts *f, bool *owed, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT " FACT_COLUMNS ", EXISTS(SELECT 1 FROM stats_owed o"
				   " WHERE o.id = case_facts.id) FROM case_facts WHERE id = ?", e);
	int rc;

	*f = (struct facts){0};
	*owed = false;
	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*owed = sqlite3_column_int(st, NFACTS);
		if (facts_read(st, f))
			rc = SQLITE_NOMEM;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_NOMEM ? err_nomem(e) : rc == SQLITE_DONE ? 0
	       : db_sqlerr(d, e, _("keeping statistics"));
}

static bool facts_same(const struct facts *a, const struct facts *b)
{
	for (int i = 0; i < NFACTS; i++)
		if (a->set[i] != b->set[i] || (a->set[i] && (is_money(i) ? a->fen[i] != b->fen[i]
							      : strcmp(a->text[i], b->text[i]))))
			return false;
	return true;
}

/* What a share changes of stats_days: a row a dimension, group key and day. A batch holds
 * each row once, the deltas of its cases added together as they come (a table of slots,
 * hashed, finds a row's), and at most BATCH_MAX rows: a refresh of 500 cases brought some
 * 22 000 deltas, sorted and merged before, most of a first sync's refresh of the figures. */
#define BATCH_MAX 65536
struct stats_delta {
	const char *dim;
	char *key, *day;
	uint32_t hash;
	int64_t v[F_N];
};

static uint32_t row_hash(const char *dim, const char *key, const char *day)
{
	const char *part[] = {dim, key, day};
	uint32_t h = 2166136261u; /* FNV-1a, each part ended by a byte no text holds */

	for (size_t i = 0; i < 3; i++) {
		for (const unsigned char *c = (const unsigned char *)part[i]; *c; c++)
			h = (h ^ *c) * 16777619u;
		h = (h ^ 0xffu) * 16777619u;
	}
	return h;
}

/* The slot holding the row (dim, key, day) of b (1 + its index), or the empty slot where it
 * goes. */
static size_t slot_find(const struct stats_batch *b, uint32_t h, const char *dim,
			const char *key, const char *day)
{
	size_t mask = b->nslots - 1, i = h & mask;

	for (; b->slots[i]; i = (i + 1) & mask) {
		const struct stats_delta *x = &b->v[b->slots[i] - 1];
		if (x->hash == h && !strcmp(x->day, day) && !strcmp(x->key, key) && !strcmp(x->dim, dim))
			break;
	}
	return i;
}

/* Doubles b's slots (a power of two, at most half full) and places its rows again. */
static int slots_grow(struct stats_batch *b)
{
	size_t n = b->nslots ? b->nslots * 2 : 1024;
	uint32_t *s = calloc(n, sizeof *s);

	if (!s)
		return -1;
	free(b->slots);
	b->slots = s;
	b->nslots = n;
	for (size_t k = 0; k < b->n; k++) {
		size_t i = b->v[k].hash & (n - 1);
		while (s[i])
			i = (i + 1) & (n - 1);
		s[i] = (uint32_t)k + 1;
	}
	return 0;
}

/* Adds sign × v to the row (dim, key, day) of the batch. */
static int delta_add(struct stats_batch *b, const char *dim, const char *key, const char *day,
		     const int64_t v[F_N], int sign)
{
	uint32_t h = row_hash(dim, key, day);
	struct stats_delta *x;
	size_t i;

	if ((b->n + 1) * 2 > b->nslots && slots_grow(b))
		return -1;
	if (!b->slots[i = slot_find(b, h, dim, key, day)]) {
		if (!(x = grow(b->v, &b->cap, b->n, sizeof *x)))
			return -1;
		b->v = x;
		x = &b->v[b->n];
		*x = (struct stats_delta){dim, strdup(key), strdup(day), h, {0}};
		if (!x->key || !x->day) {
			free(x->key);
			free(x->day);
			return -1;
		}
		b->slots[i] = (uint32_t)++b->n;
	}
	x = &b->v[b->slots[i] - 1];
	for (int k = 0; k < F_N; k++)
		x->v[k] += sign * v[k];
	return 0;
}

/* The dated figures of facts f: a row a day it has (received on its clue date, …). */
struct dated {
	const char *day;
	int64_t v[F_N];
};

static size_t facts_dated(const struct facts *f, struct dated out[5])
{
	static const struct { int fact, figure; } one[] = {
		{X_CLUE, F_RECEIVED}, {X_FILED, F_FILED}, {X_DECIDED, F_DECIDED},
		{X_CLOSED, F_CLOSED}, {X_NEXT_DUE, F_OVERDUE},
	};
	const char *decision = f->set[X_DECISION] ? f->text[X_DECISION] : "";
	size_t n = 0;
	int days;

	for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
		if (!f->set[one[i].fact])
			continue;
		out[n] = (struct dated){f->text[one[i].fact], {0}};
		out[n].v[one[i].figure] = 1;
		if (one[i].fact == X_DECIDED) {
			int64_t *v = out[n].v;
			v[F_POLICE] = !strcmp(decision, "transfer_judicial");
			v[F_OTHER] = !strcmp(decision, "transfer_other");
			v[F_FINES] = f->set[X_FINE] ? f->fen[X_FINE] : 0;
			v[F_CONFISCATED] = f->set[X_CONFISCATED] ? f->fen[X_CONFISCATED] : 0;
			v[F_TIMED] = f->set[X_FILED] && strcmp(f->text[X_FILED], f->text[X_DECIDED]) <= 0;
			if (v[F_TIMED] && !cal_days_between(f->text[X_FILED], f->text[X_DECIDED], &days))
				v[F_DAYS] = days;
		}
		n++;
	}
	return n;
}

/* Adds sign × the share of a case with facts f: its keys (one per dimension, one per
 * handler, and the totals' '') times its dated figures. */
static int share_add(struct stats_batch *ds, const struct facts *f, int sign)
{
	static const struct { const char *dim; int fact; } keyed[] = {
		{"ip_type", X_IP_TYPE}, {"region", X_REGION}, {"source", X_SOURCE},
		{"status", X_STATUS}, {"decision", X_DECISION}, {"campaign", X_CAMPAIGN},
	};
	struct dated dated[5];
	size_t n = facts_dated(f, dated), i;
	const json_t *h;
	int failed = 0;

	for (size_t k = 0; k < n; k++) {
		failed |= delta_add(ds, total.name, "", dated[k].day, dated[k].v, sign);
		for (i = 0; i < sizeof keyed / sizeof *keyed; i++)
			failed |= delta_add(ds, keyed[i].dim, f->set[keyed[i].fact]
					    ? f->text[keyed[i].fact] : "", dated[k].day, dated[k].v, sign);
		json_array_foreach(f->handlers, i, h) {
			const char *name = json_string_value(json_object_get(h, "name"));
			failed |= delta_add(ds, "handler", name ? name : "", dated[k].day, dated[k].v,
					    sign);
		}
	}
	return failed ? -1 : 0;
}

static int delta_cmp(const void *a, const void *b)
{
	const struct stats_delta *x = a, *y = b;
	int c = strcmp(x->dim, y->dim);

	return c ? c : (c = strcmp(x->key, y->key)) ? c : strcmp(x->day, y->day);
}

static int step_done(db *d, sqlite3_stmt *st, ipc_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_sqlerr(d, e, _("keeping statistics"));
}

/* Adds the sum x to its row of stats_days; nothing when it is nought. */
static int delta_write(db *d, const struct stats_delta *x, ipc_err *e)
{
	sqlite3_stmt *st;
	int k;

	for (k = 0; k < F_N && !x->v[k]; k++)
		;
	if (k == F_N)
		return 0;
	if (!(st = db_stmt(d, "INSERT INTO stats_days(dim, key, day, received, filed, decided,"
		" closed, police, other, fines, confiscated, timed, days, due)"
		" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT(dim, key, day) DO UPDATE SET received = received + excluded.received,"
		" filed = filed + excluded.filed, decided = decided + excluded.decided,"
		" closed = closed + excluded.closed, police = police + excluded.police,"
		" other = other + excluded.other, fines = fines + excluded.fines,"
		" confiscated = confiscated + excluded.confiscated, timed = timed + excluded.timed,"
		" days = days + excluded.days, due = due + excluded.due", e)))
		return -1;
	db_bind_text(st, 1, x->dim);
	db_bind_text(st, 2, x->key);
	db_bind_text(st, 3, x->day);
	for (k = 0; k < F_N; k++)
		sqlite3_bind_int64(st, 4 + k, x->v[k]);
	return step_done(d, st, e);
}

void stats_batch_free(struct stats_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].key);
		free(b->v[i].day);
	}
	free(b->v);
	free(b->slots);
	*b = (struct stats_batch){0};
}

int stats_batch_write(db *d, struct stats_batch *b, ipc_err *e)
{
	int rc = 0;

	/* in the order of the table's key: the rows' pages are written one after another */
	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, delta_cmp);
	for (size_t i = 0; i < b->n && !rc; i++)
		rc = delta_write(d, &b->v[i], e);
	stats_batch_free(b);
	return rc;
}

/* Brings stats_days, through b, from the share of facts `was` (NULL: none) to that of `now`
 * (NULL: none). */
static int shares_move(struct stats_batch *b, const struct facts *was, const struct facts *now,
		       ipc_err *e)
{
	return (was && share_add(b, was, -1)) || (now && share_add(b, now, 1)) ? err_nomem(e) : 0;
}

static int facts_store(db *d, const char *id, const struct facts *f, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT OR REPLACE INTO case_facts(id, clue_on, filed_on,"
		" decided_on, closed_on, decision_type, fine, confiscated, next_due, ip_type, source,"
		" region, status, campaign, handlers)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	for (int i = 0; i < NFACTS; i++)
		if (!f->set[i])
			sqlite3_bind_null(st, i + 2);
		else if (is_money(i))
			sqlite3_bind_int64(st, i + 2, f->fen[i]);
		else
			db_bind_text(st, i + 2, f->text[i]);
	return step_done(d, st, e);
}

/* Marks the share of case id owed to stats_days (stats_owed), or no longer. */
static int owed_set(db *d, const char *id, bool owed, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, owed ? "INSERT OR IGNORE INTO stats_owed(id) VALUES(?)"
					   : "DELETE FROM stats_owed WHERE id = ?", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	return step_done(d, st, e);
}

/* Takes back, through b, the share `counted` (NULL: none) stats_days holds of case id, and
 * forgets the case (its facts, and the share it was owed). */
static int facts_drop(db *d, struct stats_batch *b, const char *id, const struct facts *counted,
		      bool owed, ipc_err *e)
{
	sqlite3_stmt *st;

	if (shares_move(b, counted, NULL, e) || (owed && owed_set(d, id, false, e))
	    || !(st = db_stmt(d, "DELETE FROM case_facts WHERE id = ?", e)))
		return -1;
	db_bind_text(st, 1, id);
	return step_done(d, st, e);
}

int stats_refresh_case(db *d, struct stats_batch *b, const json_t *kase, const char *next_due,
		       ipc_err *e)
{
	const char *id = json_string_value(json_object_get(kase, "id"));
	struct facts was, now = {0};
	bool owed, owe = d->cases_deferred; /* an import's refresh owes the share: stats_settle */
	int held = facts_load(d, id, &was, &owed, e), rc = -1;
	const struct facts *counted = held > 0 && !owed ? &was : NULL; /* in stats_days */

	if (held < 0)
		return -1;
	if (json_is_true(json_object_get(kase, "deleted"))) {
		rc = held ? facts_drop(d, b, id, counted, owed, e) : 0;
		goto out;
	}
	if (facts_of_case(kase, next_due, &now, e))
		goto out;
	/* most writes to a case's file change no figure; a change moves only the rows it
	 * changes (those it leaves cancel out in the batch) */
	if (held && facts_same(&was, &now) && (!owed || owe))
		rc = 0;
	else
		rc = shares_move(b, counted, owe ? NULL : &now, e) || facts_store(d, id, &now, e)
		     || (owe != owed && owed_set(d, id, owe, e)) ? -1 : 0;
	if (!rc && b->n >= BATCH_MAX) /* memory bounded, whatever the number of cases */
		rc = stats_batch_write(d, b, e);
out:
	facts_free(&was);
	facts_free(&now);
	return rc;
}

int stats_settle(db *d, ipc_err *e)
{
	struct stats_batch b = {0};
	struct facts f;
	sqlite3_stmt *st;
	int rc = -1, step, failed;

	/* a statement of its own: writing the batch runs cached ones */
	if (sqlite3_prepare_v2(d->sql, "SELECT " FACT_COLUMNS " FROM stats_owed o"
			       " JOIN case_facts USING(id)", -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, _("keeping statistics"));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (facts_read(st, &f)) {
			err_nomem(e);
			goto out;
		}
		failed = share_add(&b, &f, 1);
		facts_free(&f);
		if (failed) {
			err_nomem(e);
			goto out;
		}
		if (b.n >= BATCH_MAX && stats_batch_write(d, &b, e))
			goto out;
	}
	if (step != SQLITE_DONE) {
		db_sqlerr(d, e, _("keeping statistics"));
		goto out;
	}
	rc = stats_batch_write(d, &b, e) || db_exec(d, "DELETE FROM stats_owed", e) ? -1 : 0;
out:
	sqlite3_finalize(st);
	stats_batch_free(&b);
	return rc;
}

int stats_forget_gone(db *d, ipc_err *e)
{
	struct stats_batch b = {0};
	struct facts was;
	sqlite3_stmt *st;
	char id[64];
	bool owed;
	int rc;

	/* one at a time: facts_drop runs cached statements of its own */
	for (;;) {
		if (!(st = db_stmt(d, "SELECT id FROM case_facts f WHERE NOT EXISTS("
				   "SELECT 1 FROM t_case c WHERE c.id = f.id) LIMIT 1", e)))
			goto fail;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return stats_batch_write(d, &b, e);
		if (rc != SQLITE_ROW) {
			db_sqlerr(d, e, _("keeping statistics"));
			goto fail;
		}
		if (facts_load(d, id, &was, &owed, e) < 0)
			goto fail;
		rc = facts_drop(d, &b, id, owed ? NULL : &was, owed, e);
		facts_free(&was);
		if (rc)
			goto fail;
	}
fail:
	stats_batch_free(&b);
	return -1;
}

/* ---- reading it ---- */

#define IN(x) "sum(CASE WHEN day BETWEEN :from AND :to THEN " x " END)"

static const char query[] =
	"SELECT nullif(key, '') AS g, " IN("received") ", " IN("filed") ", " IN("decided") ", "
	IN("closed") ", " IN("police") ", " IN("other") ", " IN("fines") ", " IN("confiscated") ", "
	IN("timed") ", " IN("days") ", sum(CASE WHEN day < :today THEN due END)"
	" FROM stats_days WHERE dim = :dim GROUP BY key ORDER BY key";

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

/* Reads the figures of dim's groups into groups (an array), or of the totals (groups NULL);
 * adds every group's figures into sum. */
static int run_query(db *d, const struct dimension *dim, const char *from, const char *to,
		     json_t *groups, int64_t sum[F_N], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, query, e);
	char today[11];
	int rc;

	if (!st)
		return -1;
	cal_today(today);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":from"), from);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":to"), to);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":dim"), dim->name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		int64_t row[F_N];
		json_t *f;
		for (int i = 0; i < F_N; i++)
			sum[i] += row[i] = sqlite3_column_int64(st, i + 1);
		if (!groups)
			continue;
		if (!(f = figures(row)) || figures_empty(f)) {
			json_decref(f);
			continue;
		}
		json_object_set_new(f, "key", key ? json_string(key) : json_null());
		json_object_set_new(f, "label", json_string(group_label(dim, key)));
		json_array_append_new(groups, f);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("computing statistics"));
	return 0;
}

static const struct dimension *dimension_find(const char *by, ipc_err *e)
{
	for (size_t i = 0; i < sizeof dimensions / sizeof *dimensions; i++)
		if (strcmp(by, dimensions[i].name) == 0)
			return &dimensions[i];
	err_kind(e, IPC_E_USAGE, "by", _("\"%s\" is no dimension: give ip_type, region, "
		 "source, status, decision, handler or campaign"), by);
	return NULL;
}

/* ---- the cases behind a figure ---- */

void stats_case_query(const json_t *s, const json_t *group, size_t figure, struct case_query *q)
{
	static const struct {
		const char *figure;
		enum case_date on;
		const char *decision;
	} dated[] = {
		{"received", ON_CLUE, NULL}, {"filed", ON_FILED, NULL}, {"closed", ON_CLOSED, NULL},
		{"transferred_police", ON_DECIDED, "transfer_judicial"},
		{"transferred_other", ON_DECIDED, "transfer_other"},
	};
	const char *key = stats_figures[figure].key, *by = jtext(s, "by");
	const json_t *period = json_object_get(s, "period");

	*q = (struct case_query){.order = ORDER_UPDATED};
	if (by && by[0]) {
		q->group_by = by;
		q->group_key = json_is_string(json_object_get(group, "key")) ? jtext(group, "key") : "";
	}
	if (!strcmp(key, "overdue")) {
		q->overdue = true;
		return;
	}
	q->from = jtext(period, "from");
	q->to = jtext(period, "to");
	q->on = ON_DECIDED; /* the decisions' figures: fines, confiscations, days */
	for (size_t i = 0; i < sizeof dated / sizeof *dated; i++)
		if (!strcmp(dated[i].figure, key)) {
			q->on = dated[i].on;
			q->decision = dated[i].decision;
		}
}

/* ---- as text and as a sheet ---- */

void stats_cell(const json_t *row, size_t col, char out[32])
{
	const json_t *v = json_object_get(row, stats_figures[col].key);

	if (json_is_integer(v))
		snprintf(out, 32, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, 32, "%.1f", json_real_value(v));
	else
		snprintf(out, 32, "%s", json_is_string(v) ? json_string_value(v) : "-");
}

/* A row of the tab: the label, then money as money, a count as a number, the average as text. */
static int sheet_add_row(sheet *sh, int tab, const char *label, const json_t *row, ipc_err *e)
{
	struct sheet_cell cells[STATS_NFIGURES + 1] = {{SHEET_TEXT, label}};
	char text[STATS_NFIGURES][32];

	for (size_t k = 0; k < STATS_NFIGURES; k++) {
		const char *key = stats_figures[k].key;
		stats_cell(row, k, text[k]);
		cells[k + 1] = (struct sheet_cell){
			!strcmp(key, "fines") || !strcmp(key, "confiscated") ? SHEET_MONEY
			: strcmp(key, "avg_days_to_decision") ? SHEET_INT : SHEET_TEXT,
			strcmp(text[k], "-") ? text[k] : NULL};
	}
	return sheet_row(sh, tab, cells, STATS_NFIGURES + 1, e);
}

/* A tab of figures, named `title` and the period: a column of labels headed `first`, then
 * one per figure; a row per element of `rows` labelled by its `label` member, then the total,
 * each written by `row`. */
static int figures_tab(sheet *sh, const json_t *s, const char *title, const char *first,
		       const struct stats_figure *figs, size_t nfigs, const json_t *rows,
		       const char *label, const json_t *total,
		       int (*row)(sheet *, int, const char *, const json_t *, ipc_err *), ipc_err *e)
{
	const char *heads[STATS_NFIGURES + 1] = {first};
	const json_t *period = json_object_get(s, "period"), *r;
	char name[48];
	size_t i;
	int tab;

	for (size_t k = 0; k < nfigs && k < STATS_NFIGURES; k++)
		heads[k + 1] = _(figs[k].head);
	snprintf(name, sizeof name, "%s %s..%s", title, jtext(period, "from"), jtext(period, "to"));
	if ((tab = sheet_tab(sh, name, heads, nfigs + 1, e)) < 0)
		return -1;
	json_array_foreach(rows, i, r)
		if (row(sh, tab, jtext(r, label), r, e))
			return -1;
	return row(sh, tab, _("total"), total, e);
}

int stats_sheet_tab(sheet *sh, const json_t *s, ipc_err *e)
{
	return figures_tab(sh, s, "统计", _("group"), stats_figures, STATS_NFIGURES,
			   json_object_get(s, "groups"), "label", json_object_get(s, "total"),
			   sheet_add_row, e);
}

int stats_intake_tab(sheet *sh, const json_t *s, ipc_err *e)
{
	const char *heads[] = {_("figure"), _("count")};
	const json_t *period = json_object_get(s, "period"), *f = json_object_get(s, "intakes");
	char name[40], n[24];
	int tab;

	snprintf(name, sizeof name, "投诉举报 %s..%s", jtext(period, "from"), jtext(period, "to"));
	if ((tab = sheet_tab(sh, name, heads, 2, e)) < 0)
		return -1;
	for (int i = 0; i < STATS_NINTAKE; i++) {
		snprintf(n, sizeof n, "%lld",
			 (long long)json_integer_value(json_object_get(f, stats_intake_figures[i].key)));
		if (sheet_row(sh, tab, (struct sheet_cell[]){{SHEET_TEXT, _(stats_intake_figures[i].head)},
							   {SHEET_INT, n}}, 2, e))
			return -1;
	}
	return 0;
}

/* A row of the inspections' tab: its label, then its counts. */
static int inspection_sheet_row(sheet *sh, int tab, const char *label, const json_t *f, ipc_err *e)
{
	struct sheet_cell cells[STATS_NINSPECTION + 1] = {{SHEET_TEXT, label}};
	char n[STATS_NINSPECTION][24];

	for (int i = 0; i < STATS_NINSPECTION; i++) {
		snprintf(n[i], sizeof n[i], "%lld", (long long)json_integer_value(
			 json_object_get(f, stats_inspection_figures[i].key)));
		cells[i + 1] = (struct sheet_cell){SHEET_INT, n[i]};
	}
	return sheet_row(sh, tab, cells, STATS_NINSPECTION + 1, e);
}

int stats_inspection_tab(sheet *sh, const json_t *s, ipc_err *e)
{
	const json_t *f = json_object_get(s, "inspections");

	return figures_tab(sh, s, "现场检查", _("campaign"), stats_inspection_figures,
			   STATS_NINSPECTION, json_object_get(f, "campaigns"), "campaign", f,
			   inspection_sheet_row, e);
}

int stats_first_day(db *d, char day[11], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT min(day) FROM stats_days WHERE dim = ''"
				   " AND received + filed + decided + closed > 0", e);
	int rc;

	if (!st)
		return -1;
	day[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(day, 11, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_sqlerr(d, e, _("computing statistics"));
}

/* The complaints and reports received from..to: {received, complaints, reports, accepted,
 * refused, linked (made or linked to a case), overdue (a limit past today)}. Not per group: an
 * intake is not a case and has none of a case's keys. */
static json_t *intake_figures(db *d, const char *from, const char *to, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT count(*), count(*) FILTER (WHERE kind = 'complaint'),"
		" count(*) FILTER (WHERE kind = 'report'), count(*) FILTER (WHERE outcome = 'accepted'),"
		" count(*) FILTER (WHERE outcome = 'refused'), count(case_id), count(*) FILTER (WHERE"
		" EXISTS(SELECT 1 FROM deadlines WHERE owner = t_intake.id AND due < ?3))"
		" FROM t_intake WHERE received_on BETWEEN ?1 AND ?2", e);
	char today[11];
	json_t *f;

	if (!st)
		return NULL;
	cal_today(today);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, today);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_sqlerr(d, e, _("reading complaints and reports"));
		sqlite3_reset(st);
		return NULL;
	}
	if ((f = json_object()))
		for (int i = 0; i < STATS_NINTAKE; i++)
			json_object_set_new(f, stats_intake_figures[i].key,
					    json_integer(sqlite3_column_int64(st, i)));
	sqlite3_reset(st);
	if (!f)
		err_nomem(e);
	return f;
}

const struct stats_figure stats_inspection_figures[STATS_NINSPECTION] = {
	{"inspected", N_("inspections")}, {"gi", N_("with GI findings")},
	{"clues", N_("opened a clue")},
};

/* One row of inspection counts (the statement's columns 0..2 from `col`) as an object. */
static json_t *inspection_row(sqlite3_stmt *st, int col)
{
	json_t *f = json_object();

	for (int i = 0; f && i < STATS_NINSPECTION; i++)
		json_object_set_new(f, stats_inspection_figures[i].key,
				    json_integer(sqlite3_column_int64(st, col + i)));
	return f;
}

/* The inspections made from..to: {inspected, gi (with GI findings), clues (linked to a case),
 * "campaigns": [{campaign, inspected, gi, clues}]} — a campaign (专项行动) counts its
 * inspections as the case statistics count its cases (--by campaign). */
static json_t *inspection_figures(db *d, const char *from, const char *to, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "WITH f AS (SELECT campaign, gi_findings, case_id"
		" FROM t_inspection WHERE substr(inspected_at, 1, 10) BETWEEN ?1 AND ?2"
		" AND coalesce(deleted, 0) = 0)"
		" SELECT NULL, count(*), count(*) FILTER (WHERE json_array_length(gi_findings) > 0),"
		" count(case_id) FROM f UNION ALL"
		" SELECT * FROM (SELECT campaign, count(*), count(*) FILTER (WHERE"
		" json_array_length(gi_findings) > 0), count(case_id) FROM f WHERE campaign IS NOT NULL"
		" GROUP BY campaign ORDER BY count(*) DESC, campaign)", e);
	json_t *f = NULL, *by = json_array(), *row;
	int rc;

	if (!st || !by)
		goto fail;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!(row = inspection_row(st, 1)))
			goto nomem;
		if (!f) { /* the first row: all of them */
			f = row;
		} else if (json_object_set_new(row, "campaign", json_string((const char *)
						sqlite3_column_text(st, 0)))
			   || json_array_append_new(by, row)) {
			goto nomem;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || !f) {
		db_sqlerr(d, e, _("reading inspections"));
		goto fail;
	}
	if (!json_object_set_new(f, "campaigns", by))
		return f;
	by = NULL; /* json_object_set_new took it */
nomem:
	err_nomem(e);
fail:
	if (st)
		sqlite3_reset(st);
	json_decref(f);
	json_decref(by);
	return NULL;
}

int stats_compute(db *d, const struct stats_query *q, json_t **out, ipc_err *e)
{
	const struct dimension *dim = NULL;
	char from[11], to[11];
	int64_t sum[F_N] = {0}, unused[F_N] = {0};
	json_t *groups = NULL, *intakes = NULL, *inspections = NULL;
	int rc = -1;

	*out = NULL;
	if (stats_period(q->period, from, to, e))
		return -1;
	if (q->by && !(dim = dimension_find(q->by, e)))
		return -1;
	if (!(groups = json_array())) {
		err_nomem(e);
		goto out;
	}
	/* the totals are a dimension of their own: by handler, where a case counts under each
	 * of its handlers, the groups may add up to more */
	if ((dim && run_query(d, dim, from, to, groups, unused, e))
	    || run_query(d, &total, from, to, NULL, sum, e)
	    || !(intakes = intake_figures(d, from, to, e))
	    || !(inspections = inspection_figures(d, from, to, e)))
		goto out;
	if (!(*out = json_pack("{s:{s:s,s:s},s:s?,s:O,s:o,s:O,s:O}", "period", "from", from, "to",
			       to, "by", q->by, "groups", groups, "total", figures(sum), "intakes",
			       intakes, "inspections", inspections))) {
		err_nomem(e);
		goto out;
	}
	rc = 0;
out:
	json_decref(groups);
	json_decref(intakes);
	json_decref(inspections);
	return rc;
}
