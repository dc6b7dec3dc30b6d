/* ledger — the case ledger (台账) an office keeps and reports upward: one row per case of a
 * case list (db/search filters: status, IP type, region, clue registered from/to, words),
 * with its dates, party, penalty, police transfer, cross-region work, technical investigator
 * and overdue state; beside it the collaboration requests and the investigator assignments
 * of those cases, and the complaints and reports received in the period. Rows are handed out
 * one at a time, so a ledger of 100 000 cases is never held. Headers are Chinese: the ledger
 * goes to the office above. */
#ifndef IPCASE_LEDGER_H
#define IPCASE_LEDGER_H

#include <stddef.h>

#include "db/db.h"
#include "db/search.h"
#include "doc/sheet.h"

enum ledger_table { LEDGER_CASES, LEDGER_COLLAB, LEDGER_ASSIGNMENTS, LEDGER_INTAKES,
		    LEDGER_NTABLES };

/* A table's name (a sheet tab) and its header row: headers gets n of them, n ≤ LEDGER_COLS. */
enum { LEDGER_COLS = 32 };
const char *ledger_headers(enum ledger_table t, const char *headers[LEDGER_COLS], size_t *n);

/* One row of table t: its cells, valid during the call. Non-zero (e filled) stops. */
typedef int (*ledger_row_fn)(void *ctx, enum ledger_table t, const struct sheet_cell *cells,
			     size_t n, ipc_err *e);

/* The rows of the cases q lists, by case number; for each case its row, then the rows of its
 * requests and assignments; then the complaints and reports received in q's period (from, to:
 * whatever else narrows the cases, an intake is not a case), oldest first, without who made
 * them (the ledger goes to the office above). */
int ledger_each(db *d, const struct case_query *q, ledger_row_fn fn, void *ctx, ipc_err *e);

#endif
