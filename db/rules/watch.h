/* watch — the watch lists every 京津冀 office shares through the collaboration channel: key
 * markets (重点关注市场, Shijiazhuang art. 24) with their inspection interval, and key
 * trademarks (重点商标). A market's next inspection is a row of the deadlines table; a case
 * whose marks name a key trademark of its region says so. */
#ifndef IPCASE_WATCH_H
#define IPCASE_WATCH_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"
#include "db/schema.h"

extern const struct rtype key_market_type;
extern const struct rtype key_trademark_type;
extern const struct enum_value watch_market_kinds[];

/* A local write of an inspection (db/rules/inspection): a market it names is a key market
 * here (a peer's may name one that has not arrived: not checked on import). */
int watch_market_check(db *d, const json_t *set, ipc_err *e);

/* The inspection type's folded hook: the next inspection of the market it names, and of the
 * market it named before (an inspection moved to another market or deleted). */
int watch_inspection_folded(db *d, const struct rtype *t, const char *record,
			    const json_t *state, bool is_new, ipc_err *e);

/* Every market's next inspection again (a rebuild of the deadlines). */
int watch_deadlines_refresh(db *d, ipc_err *e);

/* The key markets not deleted, the next inspection soonest (overdue first): id, name, kind,
 * address, region, interval_days, notes, last_inspected (a date, when inspected here),
 * next_inspection, days_left. */
json_t *watch_market_list(db *d, ipc_err *e);

/* The key trademarks not deleted, by mark: id, mark, holder, reg_no, classes, regions, notes. */
json_t *watch_trademark_list(db *d, ipc_err *e);

/* The key trademarks a case's goods carry: one of its marks (the case field `marks`, comma
 * separated) equals the trademark's mark (trimmed, Latin letters in any case) and the
 * trademark's regions cover the case's region (this office's when the case has none), or it
 * has none. [{"mark","holder","reg_no"}…], [] when none. */
json_t *watch_case_trademarks(db *d, const json_t *kase, ipc_err *e);

#endif
