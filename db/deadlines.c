/* deadlines — the `deadlines` table as the lists read it: open deadlines soonest first, a
 * case's next one, counts by group. The rules that fill it are db/rules/deadline.c's. */
#include "db/deadlines.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "db/calendar.h"
#include "db/db_internal.h"

/* The handlers column holds JSON objects sorted by key: a case is mine when one has my
 * certificate number. */
static void mine_pattern(db *d, char out[80])
{
	snprintf(out, 80, "\"cert\":\"%s\"", d->self.cert);
}

json_t *deadline_list(db *d, const struct deadline_query *q, ipc_err *e)
{
	char sql[1536], today[11], upto[11], yesterday[11] = "0000-00-00", mine[80];
	sqlite3_stmt *st;
	json_t *rows;
	int rc;

	cal_today(today);
	snprintf(upto, sizeof upto, "%s", q->until ? q->until : "9999-12-31");
	if (q->overdue && (cal_add_days(today, -1, yesterday) || strcmp(yesterday, upto) < 0))
		snprintf(upto, sizeof upto, "%s", yesterday);
	/* a case's, a collaboration request's, an intake's, a fair complaint's or a key
	 * market's (which belong to no case), or a mediation's (mc: the case it may belong to) */
	snprintf(sql, sizeof sql, "SELECT d.due, d.kind, coalesce(c.id, mc.id), d.ref, d.confirmed,"
		 " coalesce(c.case_no, mc.case_no), coalesce(c.title, r.subject, i.subject,"
		 " fc.exhibitor, km.name, mc.title, m.document_no), r.id, c.fine, i.id, fc.id, km.id,"
		 " m.id FROM deadlines d LEFT JOIN t_case c ON c.id = d.owner"
		 " LEFT JOIN t_collab_request r ON r.id = d.owner LEFT JOIN t_intake i ON i.id = d.owner"
		 " LEFT JOIN t_fair_complaint fc ON fc.id = d.owner"
		 " LEFT JOIN t_key_market km ON km.id = d.owner"
		 " LEFT JOIN t_mediation m ON m.id = d.owner LEFT JOIN t_case mc ON mc.id = m.case_id"
		 " WHERE d.due <= :upto AND (c.id IS NOT NULL OR r.id IS NOT NULL OR i.id IS NOT NULL"
		 " OR fc.id IS NOT NULL OR km.id IS NOT NULL OR m.id IS NOT NULL)%s%s"
		 /* the due index holds (due, owner, kind, ref): no sort */
		 " ORDER BY d.due, d.owner, d.kind, d.ref LIMIT :limit OFFSET :offset",
		 q->case_id ? " AND (d.owner = :case OR m.case_id = :case)" : "",
		 q->mine ? " AND instr(coalesce(c.handlers, mc.handlers), :mine) > 0" : "");
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, _("listing deadlines"));
		return NULL;
	}
	mine_pattern(d, mine);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":upto"), upto);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":case"), q->case_id);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":mine"), mine);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":offset"), q->offset);
	rows = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *due = (const char *)sqlite3_column_text(st, 0);
		const char *no = (const char *)sqlite3_column_text(st, 5);
		int left = 0;
		cal_days_between(today, due, &left);
		json_array_append_new(rows, json_pack("{s:s,s:s,s:s?,s:s,s:b,s:s?,s:s?,s:i,s:s?,s:s?,s:s?,"
						      "s:s?,s:s?,s:s?}",
			"due", due, "kind", (const char *)sqlite3_column_text(st, 1),
			"case_id", (const char *)sqlite3_column_text(st, 2),
			"ref", (const char *)sqlite3_column_text(st, 3),
			"confirmed", sqlite3_column_int(st, 4), "case_no", no,
			"title", (const char *)sqlite3_column_text(st, 6), "days_left", left,
			"request_id", (const char *)sqlite3_column_text(st, 7),
			"fine", (const char *)sqlite3_column_text(st, 8),
			"intake_id", (const char *)sqlite3_column_text(st, 9),
			"fair_complaint_id", (const char *)sqlite3_column_text(st, 10),
			"market_id", (const char *)sqlite3_column_text(st, 11),
			"mediation_id", (const char *)sqlite3_column_text(st, 12)));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		json_decref(rows);
		db_sqlerr(d, e, _("listing deadlines"));
		return NULL;
	}
	return rows;
}

int deadline_next(db *d, const char *case_id, char due[11], char kind[DEADLINE_KIND_MAX],
		  bool *confirmed)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT due, kind, confirmed FROM deadlines WHERE owner = ?"
				   " ORDER BY due LIMIT 1", NULL);
	int found = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(due, 11, "%s", sqlite3_column_text(st, 0));
		snprintf(kind, DEADLINE_KIND_MAX, "%s", sqlite3_column_text(st, 1));
		*confirmed = sqlite3_column_int(st, 2);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

bool deadline_overdue_many(db *d, const char *today)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT count(*) FROM (SELECT 1 FROM deadlines WHERE due < ?"
				   " LIMIT 2000)", NULL);
	bool many = false;

	if (!st)
		return false;
	db_bind_text(st, 1, today);
	if (sqlite3_step(st) == SQLITE_ROW)
		many = sqlite3_column_int(st, 0) >= 2000;
	sqlite3_reset(st);
	return many;
}

int64_t deadline_overdue_count(db *d, bool mine, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, mine
		? "SELECT count(*) FROM deadlines d JOIN t_case c ON c.id = d.owner"
		  " WHERE d.due < ? AND instr(c.handlers, ?) > 0"
		: "SELECT count(*) FROM deadlines WHERE due < ?", e);
	char today[11], pattern[80];
	int64_t n = -1;

	if (!st)
		return -1;
	cal_today(today);
	db_bind_text(st, 1, today);
	if (mine) {
		mine_pattern(d, pattern);
		db_bind_text(st, 2, pattern);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_sqlerr(d, e, _("counting overdue deadlines"));
	sqlite3_reset(st);
	return n;
}

int deadline_counts(db *d, bool mine, int64_t out[DEADLINE_NGROUPS], ipc_err *e)
{
	/* four range counts on the due index; `mine` joins each to its case */
	static const char *const one = "SELECT count(*) FROM deadlines d%s WHERE d.due %s%s";
	static const char *const ranges[DEADLINE_NGROUPS] = {"< :t", "= :t", "> :t AND d.due <= :w",
							 "> :w"};
	char today[11], week[11], pattern[80], sql[256];

	cal_today(today);
	if (cal_add_days(today, 6, week))
		return err_set(e, _("today's date %s is out of range"), today);
	mine_pattern(d, pattern);
	for (int g = 0; g < DEADLINE_NGROUPS; g++) {
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, one, mine ? " JOIN t_case c ON c.id = d.owner" : "", ranges[g],
			 mine ? " AND instr(c.handlers, :mine) > 0" : "");
		if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
			return db_sqlerr(d, e, _("counting deadlines"));
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":t"), today);
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":w"), week);
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":mine"), pattern);
		out[g] = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
		sqlite3_finalize(st);
		if (out[g] < 0)
			return db_sqlerr(d, e, _("counting deadlines"));
	}
	return 0;
}
