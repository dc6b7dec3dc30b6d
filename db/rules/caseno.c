/* caseno — per-officer case-number series and duplicate detection. */
#include "db/rules/caseno.h"
#include "base/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"

/* The highest N of this series in the cases we hold, so a workspace restored from its
 * channel continues after the numbers it handed out before. Read once a year: after that
 * the counter in meta is ahead of it. */
static long series_max_seen(db *d, const char *series, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT case_no FROM t_case WHERE case_no >= ?1"
				   " AND case_no < ?1 || x'ff'", e);
	size_t len = strlen(series);
	long max = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, series);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *no = (const char *)sqlite3_column_text(st, 0);
		long n = strtol(no + len, NULL, 10);
		if (strncmp(no, series, len) == 0 && n > max)
			max = n;
	}
	sqlite3_reset(st);
	return max;
}

int caseno_allocate(db *d, const char *today, char *out, size_t n, ipc_err *e)
{
	char series[200], key[32], value[32];
	long last;
	bool have;

	if (!d->self.cert[0])
		return err_set(e, _("this workspace has no certificate number: case numbers need one"));
	snprintf(series, sizeof series, "%s〔%.4s〕%s-", d->self.case_prefix, today, d->self.cert);
	snprintf(key, sizeof key, "caseno.%.4s", today);
	db_meta_get(d, key, value, sizeof value);
	have = value[0] != '\0';
	last = strtol(value, NULL, 10);
	/* the first number of a year in this workspace: continue after what we hold */
	if (!have && (last = series_max_seen(d, series, e)) < 0)
		return -1;
	snprintf(value, sizeof value, "%ld", last + 1);
	if (db_meta_set(d, key, value, e))
		return -1;
	if ((size_t)snprintf(out, n, "%s%ld号", series, last + 1) >= n)
		return err_set(e, _("case number too long"));
	return 0;
}

int caseno_check_duplicates(db *d, const char *record, const char *case_no, ipc_err *e)
{
	static const char *const sql[] = {
		/* the flag follows the number: drop ours, then flag every holder of a shared one */
		"DELETE FROM conflicts WHERE record = ?1 AND field = 'duplicate_case_no'",
		"INSERT OR IGNORE INTO conflicts(record, field) SELECT id, 'duplicate_case_no'"
		" FROM t_case WHERE ?2 IS NOT NULL AND case_no = ?2"
		" AND (SELECT count(*) FROM t_case WHERE case_no = ?2) > 1",
		/* numbers that stopped being shared (ours changed) lose the flag */
		"DELETE FROM conflicts WHERE field = 'duplicate_case_no' AND record IN"
		" (SELECT c.id FROM conflicts f JOIN t_case c ON c.id = f.record"
		"  WHERE f.field = 'duplicate_case_no'"
		"  AND (SELECT count(*) FROM t_case x WHERE x.case_no = c.case_no) < 2)",
		"UPDATE t_case SET conflict = EXISTS(SELECT 1 FROM conflicts WHERE record = t_case.id)"
		" WHERE id = ?1 OR (?2 IS NOT NULL AND case_no = ?2) OR conflict <> EXISTS("
		" SELECT 1 FROM conflicts WHERE record = t_case.id)",
	};
	sqlite3_stmt *st;
	bool flagged_before, shared;

	/* the common case, a unique number and no flags anywhere, costs two index lookups */
	if (!(st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM conflicts WHERE field ="
			   " 'duplicate_case_no'), (SELECT count(*) FROM t_case WHERE case_no = ?)", e)))
		return -1;
	db_bind_text(st, 1, case_no);
	sqlite3_step(st);
	flagged_before = sqlite3_column_int(st, 0);
	shared = sqlite3_column_int(st, 1) > 1;
	sqlite3_reset(st);
	if (!flagged_before && !shared)
		return 0;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (!(st = db_stmt(d, sql[i], e)))
			return -1;
		db_bind_text(st, 1, record);
		if (i > 0)
			db_bind_text(st, 2, case_no);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_sqlerr(d, e, "checking case numbers");
		sqlite3_reset(st);
	}
	return 0;
}
