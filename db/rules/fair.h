/* fair — trade fairs (展会, 展会知识产权保护办法 2006; FACTS.md §13; seeds Taiyuan art. 19,
 * Liuzhou art. 14) as records of the office channel: a fair and its IP complaint office, the
 * complaints received at it with the limit to pass them to the IP department, its exhibitors
 * and what was found at their booths, and the warning when an exhibitor found infringing at an
 * edition of a series comes back to a later one. Invariants, kept on a local write and on a
 * peer's op alike (one function judges both):
 * - a fair ends on or after the day it starts; one of 3 days or more names its IP complaint
 *   office (complaint_office);
 * - a complaint is received within its fair's dates, passed on or after its receipt, and an
 *   outcome carries its date, not before the receipt;
 * - an exhibitor's finding carries its date (today when a local write leaves it out), not
 *   before its fair starts.
 * ipcase warns of an exhibitor found infringing before; whether to admit it is the organiser's
 * call (the exclusion from the next edition is unverified): it never refuses one. */
#ifndef IPCASE_FAIR_H
#define IPCASE_FAIR_H

#include <jansson.h>

#include "db/db.h"
#include "db/schema.h"

extern const struct rtype fair_type, fair_complaint_type, fair_exhibitor_type;
/* A complaint's outcome: withdrawn (撤展), not_infringing, case_opened, settled. */
extern const struct enum_value fair_outcomes[];
/* An exhibitor's finding: infringing, withdrawn. */
extern const struct enum_value fair_findings[];

/* The day the limit of `hours` from `received_at` (YYYY-MM-DDTHH:MM[:SS]) ends: a complaint
 * received 2026-05-10T18:30 with 24 hours is due 2026-05-11. -1 on a malformed time. */
int fair_pass_due(const char *received_at, int hours, char due[11]);

/* The limit fair_pass (owner and ref = the complaint, in the `deadlines` table) of every
 * complaint not yet passed, with limit.fair_pass_hours (after a change of the limit). */
int fair_deadlines_refresh(db *d, ipc_err *e);

/* The warning of an exhibitor called `name` (with USCC `uscc`, may be NULL) at fair `fair_id`:
 * the latest earlier edition of the fair's series (its starts_on before this one's) where an
 * exhibitor of the same USCC (else of the same name) was found infringing or withdrew its
 * exhibits, or a complaint against it ended withdrawn or with a case opened:
 * {"fair_id", "fair", "edition", "starts_on", "finding", "on", "from": "exhibitor"|"complaint"};
 * JSON null when there is none; NULL with e on error. */
json_t *fair_warning(db *d, const char *fair_id, const char *name, const char *uscc, ipc_err *e);

/* A warning of fair_warning as text in the officer's language: "⚠ 上届侵权：第24届
 * （2025-05-09）侵权 2025-05-10" (the fair's name when the edition has no number). */
void fair_warning_text(const json_t *w, char *buf, size_t n);

/* The fairs not deleted, current and coming ones first (the soonest first), then past ones
 * (the latest first): each its record with "complaints", "exhibitors" (counts) and "due" (the
 * soonest open limit of its complaints, absent when none). */
json_t *fair_list(db *d, ipc_err *e);

/* The fair `id` with "complaints" (each its record, "due" while its limit is open) and
 * "exhibitors" (each its record and "warning" as fair_warning gives it), the first received
 * or registered first; NULL with e (not found) otherwise. */
json_t *fair_show(db *d, const char *id, ipc_err *e);

#endif
