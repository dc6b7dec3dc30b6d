/* search — the case list and full-text search. Each case has one search text (its own
 * searchable fields and those of its parties, evidence and inspections, never confidential
 * ones) in two FTS5 indexes: trigram for queries of 3+ characters, unicode61 over text with
 * CJK characters spaced apart for 1–2 character queries such as 张三 (the trigram index finds
 * nothing for them, and LIKE on it finds nothing on SQLite 3.40). */
#ifndef IPCASE_SEARCH_H
#define IPCASE_SEARCH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* The list's orders; ORDER_DUE: the next open deadline (ascending: the cases without one
 * last). */
enum case_order { ORDER_UPDATED, ORDER_CASE_NO, ORDER_TITLE, ORDER_STATUS, ORDER_DUE };

/* The date from and to bound: the clue's registration unless said. */
enum case_date { ON_CLUE, ON_FILED, ON_DECIDED, ON_CLOSED };

struct case_query {
	const char *status;   /* status id, or NULL */
	const char *ip_type;  /* IP type id, or NULL */
	const char *text;     /* search words, or NULL */
	const char *region;   /* a region code: cases of it and of the regions under it, or NULL */
	const char *from, *to; /* the date `on` on or after, on or before; NULL = open */
	enum case_date on;
	const char *decision; /* decision type id, or NULL */
	/* a group of the statistics (db/rules/stats): a dimension (ip_type, region, source,
	 * status, decision, handler, campaign) and its key, "" for the cases where it is not set */
	const char *group_by, *group_key;
	bool mine;            /* only cases this officer handles */
	bool overdue;         /* only cases with a deadline before today (db/deadlines.h) */
	enum case_order order;
	bool ascending;
	int offset, limit;
};

/* One page of cases: [{"id","case_no","title","status","ip_type","region","respondent",
 * "handler","updated","next_due","next_due_kind"}…] (next_due null when the case has no open
 * deadline; "next_due_unconfirmed": true when its date rests on a year the calendar lacks).
 * Only the page's rows are read. */
json_t *db_case_list(db *d, const struct case_query *q, ipc_err *e);

/* How many cases match (for "N of M" in the list). */
int64_t db_case_count(db *d, const struct case_query *q, ipc_err *e);

/* Each case of the list q describes, whole (the case record as db_row_json reads it), in
 * turn, none held after its call: fn failing (-1, e filled) stops the walk and fails it. */
int db_case_each(db *d, const struct case_query *q,
		 int (*fn)(void *ctx, const json_t *kase, ipc_err *e), void *ctx, ipc_err *e);

/* Where case `id` is in the list q describes (its row number from 0, whatever q's offset and
 * limit), -1 when the list does not hold it; -2 with e filled on failure. Counts the rows
 * before it, so a screen keeps its selection on the same case after the data changed. */
int64_t db_case_position(db *d, const struct case_query *q, const char *id, ipc_err *e);

/* Rebuilds the search text of the case with this rowid (called at commit: case_refresh). */
int search_index_case(db *d, int64_t rowid, ipc_err *e);

/* The tables of the search (schema v13): each case's text once, deflated (a BLOB, or TEXT
 * when deflate does not shrink it), and the two contentless indexes of it. */
#define SEARCH_TABLES \
	"CREATE TABLE search_text(rowid INTEGER PRIMARY KEY, z BLOB NOT NULL);" \
	"CREATE VIRTUAL TABLE fts_tri USING fts5(text, tokenize='trigram', content='');" \
	"CREATE VIRTUAL TABLE fts_word USING fts5(text, tokenize='unicode61', content='');"

/* Many cases indexed in short transactions (an import's refresh, demo data), or no longer: each
 * transaction leaves a segment in each index, which FTS5 merges 4 at a time; meanwhile 16. */
int search_bulk(db *d, bool on, ipc_err *e);

/* At open: puts FTS5's own merging back if a bulk was cut short (a kill, a failed import). */
int search_open(db *d, ipc_err *e);

#endif
