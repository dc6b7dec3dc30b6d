/* recusal — conflicts of interest of investigators with a case, and suggestions. */
#include "db/rules/recusal.h"
#include "db/rules/case_terms.h"
#include "db/rules/techfield.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/orgname.h"
#include "base/validate.h"
#include "db/db_internal.h"
#include "db/rules/investigator_terms.h"

struct party {
	char name[320], uscc[20], role[24], key[320];
};

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int parties_load(db *d, const char *case_id, struct party **out, size_t *n, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT name, uscc, role FROM t_party WHERE case_id = ?"
				   " AND coalesce(deleted, 0) = 0 ORDER BY created_hlc, id", e);
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct party *p = grow(*out, &cap, *n, sizeof *p);
		if (!p) {
			sqlite3_reset(st);
			return err_nomem(e);
		}
		*out = p;
		p += (*n)++;
		snprintf(p->name, sizeof p->name, "%s", col(st, 0) ? col(st, 0) : "");
		snprintf(p->uscc, sizeof p->uscc, "%s", col(st, 1) ? col(st, 1) : "");
		snprintf(p->role, sizeof p->role, "%s", col(st, 2) ? col(st, 2) : "");
		orgname_key(p->name, p->key, sizeof p->key);
	}
	sqlite3_reset(st);
	return 0;
}

/* -1 when memory runs out: a conflict left out would let its investigator be assigned. */
static int add_conflict(json_t *list, const char *inv, const char *kind, bool hard,
			const char *reason)
{
	return json_array_append_new(list, json_pack("{s:s,s:s,s:b,s:s}", "investigator_id", inv,
					      "kind", kind, "hard", hard, "reason", reason));
}

/* Declared interests that match a party: by USCC, else by normalised name. */
static int interest_conflicts(db *d, const char *inv, const struct party *p, size_t np,
			      json_t *list, ipc_err *e)
{
	/* one investigator's through the id index, or the whole pool's in one scan */
	sqlite3_stmt *st = inv
		? db_stmt(d, "SELECT i.id, i.name, j.value ->> 'name', j.value ->> 'uscc'"
			  " FROM t_investigator i, json_each(i.interests) j WHERE i.id = ?"
			  " AND coalesce(i.deleted, 0) = 0", e)
		: db_stmt(d, "SELECT i.id, i.name, j.value ->> 'name', j.value ->> 'uscc'"
			  " FROM t_investigator i, json_each(i.interests) j"
			  " WHERE i.interests IS NOT NULL AND coalesce(i.deleted, 0) = 0", e);
	bool zh = i18n_zh();

	if (!st)
		return -1;
	if (inv)
		db_bind_text(st, 1, inv);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = col(st, 2), *uscc = col(st, 3), *who = col(st, 1) ? col(st, 1) : "?";
		char key[320] = "", why[1024];
		if (name)
			orgname_key(name, key, sizeof key);
		for (size_t k = 0; k < np; k++) {
			const char *role = schema_enum_label(case_party_roles, p[k].role, zh);
			if (uscc && !strcmp(uscc, p[k].uscc))
				snprintf(why, sizeof why, _("%s declared an interest in %s, the %s of this "
							    "case (same USCC %s)"), who,
					 p[k].name, role, uscc);
			else if (key[0] && !strcmp(key, p[k].key))
				snprintf(why, sizeof why, _("%s declared an interest in %s, the %s of this "
							    "case (same name)"), who, p[k].name, role);
			else
				continue;
			if (add_conflict(list, col(st, 0), "interest", false, why)) {
				sqlite3_reset(st);
				return err_nomem(e);
			}
		}
	}
	sqlite3_reset(st);
	return 0;
}

/* Someone who took part in one stage of a case may not take part in another; an open
 * assignment at this stage is simply there already. */
static int stage_conflicts(db *d, const char *case_id, const char *inv, const char *stage,
			   json_t *list, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT a.id, a.investigator_id, a.status, a.stage,"
				   " a.answered_on IS NOT NULL, i.name FROM t_assignment a"
				   " LEFT JOIN t_investigator i ON i.id = a.investigator_id"
				   " WHERE a.case_id = ?1 AND (?2 IS NULL OR a.investigator_id = ?2)"
				   " AND coalesce(a.status, 'declined') <> 'declined'", e);
	bool zh = i18n_zh();

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, inv);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *status = col(st, 2), *at = col(st, 3) ? col(st, 3) : "";
		bool open = assignment_open(status);
		bool took_part = strcmp(status, "replaced") != 0 || sqlite3_column_int(st, 4);
		char why[512];

		if (strcmp(at, stage) != 0 && took_part) {
			snprintf(why, sizeof why, _("%s took part in the %s stage of this case "
						    "(assignment %.8s)"), col(st, 5) ? col(st, 5) : "?",
				 schema_enum_label(case_statuses, at, zh), col(st, 0));
			if (add_conflict(list, col(st, 1), "stage", false, why)) {
				sqlite3_reset(st);
				return err_nomem(e);
			}
		} else if (!strcmp(at, stage) && open) {
			snprintf(why, sizeof why, _("%s is already assigned to this case at this stage "
						    "(assignment %.8s, %s)"), col(st, 5) ? col(st, 5) : "?",
				 col(st, 0), schema_enum_label(assignment_statuses, status, zh));
			if (add_conflict(list, col(st, 1), "assigned", true, why)) {
				sqlite3_reset(st);
				return err_nomem(e);
			}
		}
	}
	sqlite3_reset(st);
	return 0;
}

json_t *recusal_conflicts(db *d, const char *case_id, const char *investigator_id, ipc_err *e)
{
	json_t *kase = investigator_record(d, "case", case_id, e), *list = NULL;
	struct party *p = NULL;
	size_t np = 0;

	if (!kase || parties_load(d, case_id, &p, &np, e))
		goto out;
	if (!(list = json_array())) {
		err_nomem(e);
		goto out;
	}
	if (interest_conflicts(d, investigator_id, p, np, list, e)
	    || stage_conflicts(d, case_id, investigator_id,
			       json_string_value(json_object_get(kase, "status")) ?: "", list, e)) {
		json_decref(list);
		list = NULL;
	}
out:
	free(p);
	json_decref(kase);
	return list;
}

char *recusal_reasons_text(const json_t *conflicts)
{
	size_t n = 1, i;
	json_t *c;
	char *s;

	json_array_foreach(conflicts, i, c)
		n += strlen(json_string_value(json_object_get(c, "reason"))) + 2;
	if (!(s = calloc(1, n)))
		return NULL;
	json_array_foreach(conflicts, i, c) {
		if (i)
			strcat(s, "; ");
		strcat(s, json_string_value(json_object_get(c, "reason")));
	}
	return s;
}

/* ---- suggestions ---- */

/* Weights of the rank: a field match outweighs everything else together. */
enum { W_FIELD = 200, W_REGION_SAME = 30, W_REGION_CITY = 20, W_REGION_PROVINCE = 10,
       W_AVAILABLE = 20, W_PER_OPEN = 10, OPEN_COUNTED = 5, REFUSED = -1000000 };

/* One investigator of the pool query. Scores are computed for all of them without their
 * reasons; the reasons are written for those shown (the same functions, with a list). */
struct cand {
	char *id, *name, *org, *region, *availability, *fields; /* one allocation: id first */
	json_int_t open;
	bool match;
	int score;
	const json_t *conflicts; /* its reasons of refusal, or NULL */
};

static void reason(json_t *reasons, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(json_t *reasons, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!reasons)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	json_array_append_new(reasons, json_string(buf));
}

static int rank_field(db *d, const char *want, bool match, json_t *reasons)
{
	char label[128];

	if (!want) {
		reason(reasons, "%s", _("the case has no technical field yet (ipcase case set ID "
					"tech_field=…)"));
		return 0;
	}
	if (reasons)
		techfield_label(d, want, i18n_zh(), label, sizeof label);
	if (match)
		reason(reasons, _("works in the case's field (%s)"), label);
	else
		reason(reasons, _("does not work in the case's field (%s)"), label);
	return match ? W_FIELD : 0;
}

static int rank_region(const char *want, const char *have, json_t *reasons)
{
	const char *name = have && reasons ? validate_region_name(have) : NULL;

	if (!want || !have) {
		reason(reasons, "%s", _("region unknown"));
		return 0;
	}
	name = name ? name : have;
	if (!strcmp(want, have)) {
		reason(reasons, _("in the case's region (%s)"), name);
		return W_REGION_SAME;
	}
	if (!strncmp(want, have, 4) && strncmp(want + 2, "00", 2) != 0) {
		reason(reasons, _("in the same city as the case (%s)"), name);
		return W_REGION_CITY;
	}
	if (!strncmp(want, have, 2)) {
		reason(reasons, _("in the same province or municipality as the case (%s)"), name);
		return W_REGION_PROVINCE;
	}
	reason(reasons, _("in another province or municipality (%s)"), name);
	return 0;
}

static int rank_load(const char *availability, json_int_t open, json_t *reasons)
{
	bool available = strcmp(availability, "available") == 0;

	reason(reasons, "%s", available ? _("available") : _("limited availability"));
	if (open)
		reason(reasons, ngettext("%lld open assignment", "%lld open assignments",
					 (unsigned long)open), (long long)open);
	else
		reason(reasons, "%s", _("no open assignments"));
	return (available ? W_AVAILABLE : 0) - W_PER_OPEN * (int)(open < OPEN_COUNTED ? open : OPEN_COUNTED);
}

static int rank(db *d, const json_t *kase, const struct cand *c, json_t *reasons)
{
	return rank_field(d, json_string_value(json_object_get(kase, "tech_field")), c->match, reasons)
	     + rank_region(json_string_value(json_object_get(kase, "region")), c->region, reasons)
	     + rank_load(c->availability, c->open, reasons);
}

static int by_rank(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (c = strcmp(x->name, y->name)) ? c : strcmp(x->id, y->id);
}

/* Copies the row's text columns into one allocation. */
static int cand_read(sqlite3_stmt *st, struct cand *c)
{
	char **dst[] = {&c->id, &c->name, &c->org, &c->region, &c->availability, &c->fields};
	size_t n = 0, k;
	char *p;

	for (k = 0; k < 6; k++)
		n += (size_t)sqlite3_column_bytes(st, (int)k) + 1;
	if (!(p = malloc(n)))
		return -1;
	for (k = 0; k < 6; k++) {
		const char *v = col(st, (int)k);
		*dst[k] = v ? strcpy(p, v) : NULL;
		p += v ? strlen(v) + 1 : 1;
	}
	c->open = sqlite3_column_int64(st, 6);
	c->match = sqlite3_column_int(st, 7);
	return 0;
}

static json_t *cand_json(db *d, const json_t *kase, const struct cand *c)
{
	json_t *reasons = c->conflicts ? json_deep_copy(c->conflicts) : json_array();
	json_t *o = json_pack("{s:s,s:s,s:s,s:s?,s:s,s:o,s:I,s:b,s:o}", "id", c->id, "name",
			      c->name, "organisation", c->org, "region", c->region, "availability",
			      c->availability, "fields", json_loads(c->fields ? c->fields : "[]", 0, NULL),
			      "open_assignments", c->open, "eligible", !c->conflicts, "reasons", reasons);

	if (!c->conflicts)
		json_object_set_new(o, "score", json_integer(rank(d, kase, c, reasons)));
	return o;
}

/* { investigator id: [reason…] }, or NULL when memory runs out (one left out would be
 * suggested as eligible). */
static json_t *conflicts_by_investigator(const json_t *conflicts)
{
	json_t *by = json_object(), *c;
	size_t i;

	json_array_foreach(conflicts, i, c) {
		const char *inv = json_string_value(json_object_get(c, "investigator_id"));
		json_t *list = json_object_get(by, inv);
		if ((!list && json_object_set_new(by, inv, list = json_array()))
		    || json_array_append(list, json_object_get(c, "reason"))) {
			json_decref(by);
			return NULL;
		}
	}
	return by;
}

/* The pool (not unavailable, not deleted) by name, into *out: n candidates. */
static int candidates_load(db *d, const json_t *kase, const json_t *by, struct cand **out,
		     size_t *n, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT i.id, i.name, i.organisation, i.region,"
		" coalesce(i.availability, 'available'), i.fields, coalesce(w.n, 0),"
		" EXISTS(SELECT 1 FROM json_each(i.fields) WHERE value = ?1)"
		" FROM t_investigator i LEFT JOIN (SELECT investigator_id AS inv, count(*) AS n"
		" FROM t_assignment WHERE status IN " ASSIGNMENT_OPEN_SQL
		" GROUP BY investigator_id) w ON w.inv = i.id"
		" WHERE coalesce(i.deleted, 0) = 0"
		" AND coalesce(i.availability, 'available') <> 'unavailable'"
		" ORDER BY i.name, i.id", e); /* the refused ones by name */
	size_t cap = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, json_string_value(json_object_get(kase, "tech_field")));
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct cand *c = grow(*out, &cap, *n, sizeof *c);
		if (c)
			*out = c;
		if (!c || cand_read(st, c + *n)) {
			sqlite3_reset(st);
			return err_nomem(e);
		}
		c += (*n)++;
		c->conflicts = json_object_get(by, c->id);
		c->score = c->conflicts ? 0 : rank(d, kase, c, NULL);
	}
	sqlite3_reset(st);
	return 0;
}

json_t *recusal_suggest(db *d, const char *case_id, size_t limit, ipc_err *e)
{
	json_t *kase = NULL, *conflicts = NULL, *by = NULL, *out = NULL;
	struct cand *c = NULL;
	size_t n = 0, shown = 0;

	if (!(kase = investigator_record(d, "case", case_id, e))
	    || !(conflicts = recusal_conflicts(d, case_id, NULL, e)))
		goto out;
	if (!(by = conflicts_by_investigator(conflicts))) {
		err_nomem(e);
		goto out;
	}
	if (candidates_load(d, kase, by, &c, &n, e))
		goto out;
	if (!(out = json_array())) {
		err_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) /* the refused keep their place by name, after the rest */
		if (c[i].conflicts)
			c[i].score = REFUSED;
	if (n)
		qsort(c, n, sizeof *c, by_rank);
	for (size_t i = 0; i < n; i++)
		if (c[i].conflicts || !limit || shown++ < limit)
			json_array_append_new(out, cand_json(d, kase, &c[i]));
out:
	for (size_t i = 0; i < n; i++)
		free(c[i].id);
	free(c);
	json_decref(by);
	json_decref(conflicts);
	json_decref(kase);
	return out;
}
