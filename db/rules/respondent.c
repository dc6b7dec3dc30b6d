/* respondent — a respondent's other cases and penalties, found through the index of the parties
 * by USCC. */
#include "db/rules/respondent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/db_internal.h"
#include "db/schema.h"

static int first_uscc(db *d, const char *case_id, char uscc[19], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT uscc FROM t_party WHERE case_id = ?"
		" AND role = 'respondent' AND uscc IS NOT NULL AND coalesce(deleted, 0) = 0"
		" ORDER BY rowid LIMIT 1", e);
	int rc;

	if (!st)
		return -1;
	uscc[0] = '\0';
	db_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(uscc, 19, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: db_sqlerr(d, e, _("reading the respondent's other cases"));
}

int respondent_history(db *d, const char *case_id, const char *today,
		       struct respondent_history *h, ipc_err *e)
{
	sqlite3_stmt *st;
	char since[24];

	memset(h, 0, sizeof *h);
	if (first_uscc(d, case_id, h->uscc, e))
		return -1;
	if (!h->uscc[0])
		return 0;
	/* five years back to the same day ("2021-12-06" for "2026-12-06") */
	snprintf(since, sizeof since, "%04d%s", atoi(today) - 5, today + 4);
	if (!(st = db_stmt(d, "SELECT count(DISTINCT c.id), count(DISTINCT CASE WHEN"
		" c.decision_type = 'penalty' AND c.decided_on >= ? THEN c.id END)"
		" FROM t_party p JOIN t_case c ON c.id = p.case_id"
		" WHERE p.uscc = ? AND p.role = 'respondent' AND coalesce(p.deleted, 0) = 0"
		" AND p.case_id <> ? AND coalesce(c.deleted, 0) = 0", e)))
		return -1;
	db_bind_text(st, 1, since);
	db_bind_text(st, 2, h->uscc);
	db_bind_text(st, 3, case_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_sqlerr(d, e, _("reading the respondent's other cases"));
	}
	h->others = sqlite3_column_int64(st, 0);
	h->penalties = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return 0;
}

json_t *respondent_penalties(db *d, const char *uscc, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT * FROM t_case WHERE id IN (SELECT case_id FROM t_party"
		" WHERE uscc = ? AND role = 'respondent' AND coalesce(deleted, 0) = 0)"
		" AND decision_type = 'penalty' AND coalesce(deleted, 0) = 0"
		" ORDER BY decided_on DESC, id", e);
	const struct rtype *t = schema_type("case");
	json_t *out;
	int rc;

	if (!st)
		return NULL;
	if (!(out = json_array())) {
		err_nomem(e);
		return NULL;
	}
	db_bind_text(st, 1, uscc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(out, db_row_json(t, st));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return out;
	json_decref(out);
	db_sqlerr(d, e, _("reading the respondent's penalties"));
	return NULL;
}
