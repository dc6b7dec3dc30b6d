/* credit — the rules of credit disclosure and repair (FACTS.md §12).
 *
 * Invariants kept here: a display's last day is the same day `months` later, the month's last
 * day when it has none (the day of publication not counted, 民法典 arts. 201, 202); a repair
 * is never earlier than repair_months after publication. A case's publication is read from
 * its disclosure records when it has any, from its own disclosed_on only when it has none
 * (credit_publication): the records never write the case, so the two never disagree. */
#include "db/rules/credit.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/money.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/limits.h"
#include "db/rules/respondent.h"
#include "db/store.h"

void credit_limits_read(db *d, struct credit_limits *l)
{
	l->short_months = limits_get(d, "credit_short_months");
	l->long_months = limits_get(d, "credit_long_months");
	l->low_fine_fen = (int64_t)limits_get(d, "credit_low_fine_yuan") * 100;
	l->repair_months = limits_get(d, "credit_repair_months");
}

static const char *const cond_names[CREDIT_NCONDS] = {
	[CREDIT_EXECUTED] = N_("the decision carried out"),
	[CREDIT_NOT_AGAIN] = N_("not penalised again for the same kind of violation"),
	[CREDIT_HARM_REMOVED] = N_("the harm removed"),
	[CREDIT_NOT_LISTED] = N_("on no abnormal-operation or serious-violation list"),
	[CREDIT_DISPLAYED] = N_("displayed long enough"),
};

const char *credit_cond_name(enum credit_cond c)
{
	return _(cond_names[c]);
}

int credit_display_months(const struct credit_limits *l, bool reprimand, const char *fine,
			  ipc_err *e)
{
	int64_t fen = 0;

	if (fine && *fine && !money_fen(fine, &fen))
		return err_kind(e, IPC_E_USAGE, "fine", _("%s is not an amount of yuan"), fine);
	if (reprimand && fen == 0)
		return l->short_months;
	return fen > 0 && fen < l->low_fine_fen ? l->short_months : l->long_months;
}

int credit_display_end(const char *published, int months, char out[11], ipc_err *e)
{
	if (cal_add_months(published, months, out) < 0)
		return err_kind(e, IPC_E_USAGE, "published", _("%s is not a date (YYYY-MM-DD)"),
				published);
	return 0;
}

int credit_repair_earliest(const struct credit_limits *l, const char *published, char out[11],
			   ipc_err *e)
{
	if (cal_add_months(published, l->repair_months, out) < 0)
		return err_kind(e, IPC_E_USAGE, "published", _("%s is not a date (YYYY-MM-DD)"),
				published);
	return 0;
}

/* Was the same respondent (by USCC) penalised again, for the same IP type, after kase's
 * decision and by `on`? 1 yes, 0 no, -1 on failure. */
static int penalised_again(db *d, const json_t *kase, const char *on, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT 1 FROM t_party p JOIN t_party q"
		" ON q.uscc = p.uscc AND q.case_id <> p.case_id AND q.role = 'respondent'"
		" AND coalesce(q.deleted, 0) = 0 JOIN t_case c ON c.id = q.case_id"
		" WHERE p.case_id = ?1 AND p.role = 'respondent' AND p.uscc IS NOT NULL"
		" AND coalesce(p.deleted, 0) = 0 AND coalesce(c.deleted, 0) = 0"
		" AND c.decision_type = 'penalty' AND c.ip_type IS ?2 AND c.decided_on > ?3"
		" AND c.decided_on <= ?4 LIMIT 1", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, jstr(kase, "id"));
	db_bind_text(st, 2, jstr(kase, "ip_type"));
	db_bind_text(st, 3, jstr(kase, "decided_on"));
	db_bind_text(st, 4, on);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("reading the respondent's cases"));
	return rc == SQLITE_ROW;
}

/* Is the date field of kase set, and not after `on`? */
static bool done_by(const json_t *kase, const char *field, const char *on)
{
	const char *v = jstr(kase, field);
	return v && strcmp(v, on) <= 0;
}

/* What the officer attests in the repair application (null when there is none). */
static json_t *attested(const json_t *repair, const char *field)
{
	return repair ? json_boolean(json_is_true(json_object_get(repair, field))) : json_null();
}

/* The conditions' state on `on`: true or false from the records and the attestations. */
static json_t *conditions(db *d, const json_t *kase, const char *earliest, const char *on,
			  const json_t *repair, ipc_err *e)
{
	int again = penalised_again(d, kase, on, e);
	json_t *met[CREDIT_NCONDS], *list;

	if (again < 0)
		return NULL;
	met[CREDIT_EXECUTED] = json_boolean(done_by(kase, "executed_on", on)
					    || done_by(kase, "fine_paid_on", on));
	met[CREDIT_NOT_AGAIN] = json_boolean(!again);
	met[CREDIT_HARM_REMOVED] = attested(repair, "harm_removed");
	met[CREDIT_NOT_LISTED] = attested(repair, "not_listed");
	met[CREDIT_DISPLAYED] = json_boolean(strcmp(on, earliest) >= 0);
	list = json_array();
	for (int c = 0; c < CREDIT_NCONDS; c++)
		json_array_append_new(list, json_pack("{s:s,s:o}", "name",
			credit_cond_name((enum credit_cond)c), "met", met[c]));
	return list;
}

/* Copies column `col` of the row into out (n bytes), "" when NULL. */
static void column_copy(sqlite3_stmt *st, int col, char *out, size_t n)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(out, n, "%s", v ? (const char *)v : "");
}

/* The case's disclosure record, the live one first: 1 found, 0 none, -1 on failure. */
static int disclosure_read(db *d, const char *case_id, struct credit_pub *p, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, published_on, withdrawn_on, platform,"
		" coalesce(months, 0) FROM t_disclosure WHERE case_id = ? AND coalesce(deleted, 0) = 0"
		" AND published_on IS NOT NULL ORDER BY withdrawn_on IS NOT NULL, published_on DESC,"
		" id LIMIT 1", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		column_copy(st, 0, p->id, sizeof p->id);
		column_copy(st, 1, p->published, sizeof p->published);
		column_copy(st, 2, p->withdrawn, sizeof p->withdrawn);
		column_copy(st, 3, p->platform, sizeof p->platform);
		p->months = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("reading the case's disclosure"));
	return rc == SQLITE_ROW;
}

/* The day the first granted repair of the case was decided into `out` ("" when none). */
static int repaired_on(db *d, const char *case_id, char out[11], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT min(decided_on) FROM t_credit_repair"
		" WHERE case_id = ? AND decision = 'granted' AND coalesce(deleted, 0) = 0", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		column_copy(st, 0, out, 11);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_sqlerr(d, e, _("reading the case's credit repairs"));
}

int credit_publication(db *d, const json_t *kase, struct credit_pub *p, ipc_err *e)
{
	const char *id = jstr(kase, "id");
	char repaired[11];
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = disclosure_read(d, id, p, e)) < 0)
		return -1;
	if (!rc) {
		if (!jstr(kase, "disclosed_on"))
			return 0;
		snprintf(p->published, sizeof p->published, "%s", jstr(kase, "disclosed_on"));
		snprintf(p->withdrawn, sizeof p->withdrawn, "%s",
			 jtext(kase, "disclosure_withdrawn_on"));
	}
	if (repaired_on(d, id, repaired, e))
		return -1;
	if (*repaired && (!*p->withdrawn || strcmp(repaired, p->withdrawn) < 0))
		memcpy(p->withdrawn, repaired, sizeof repaired);
	return 1;
}

int credit_case_months(db *d, const json_t *kase, ipc_err *e)
{
	const char *penalty = jstr(kase, "penalty");
	struct credit_limits l;

	credit_limits_read(d, &l);
	return credit_display_months(&l, penalty && strstr(penalty, "通报批评"), jstr(kase, "fine"),
				     e);
}

/* The repair application whose attestations count: `repair`, else the case's latest. */
static json_t *repair_of(const json_t *repairs, const json_t *repair)
{
	size_t n = json_array_size(repairs);
	return json_incref((json_t *)(repair ? repair : n ? json_array_get(repairs, n - 1) : NULL));
}

int credit_case_on(db *d, const char *case_id, const char *on, const json_t *repair,
		   json_t **out, ipc_err *e)
{
	json_t *kase = db_get(d, case_id, e), *conds = NULL, *repairs = NULL, *attest = NULL;
	char ends[11], earliest[11];
	struct credit_limits l;
	struct credit_pub p;
	int months, rc = -1;

	*out = NULL;
	if (!kase || (rc = credit_publication(d, kase, &p, e)) < 0)
		goto out;
	if (!rc) {
		rc = err_kind(e, IPC_E_RULE, "disclosed_on", _("the case's penalty is not published "
			      "(no disclosure record, disclosed_on is not set): it has no credit "
			      "record yet"));
		goto out;
	}
	rc = -1;
	credit_limits_read(d, &l);
	if ((months = p.months ? p.months : credit_case_months(d, kase, e)) < 0
	    || credit_display_end(p.published, months, ends, e)
	    || credit_repair_earliest(&l, p.published, earliest, e)
	    || !(repairs = db_children(d, "credit_repair", case_id, e)))
		goto out;
	attest = repair_of(repairs, repair);
	if (!(conds = conditions(d, kase, earliest, on, attest, e)))
		goto out;
	*out = json_pack("{s:s,s:s,s:s?,s:s?,s:i,s:s,s:s,s:s?,s:o,s:O}", "case", case_id,
			 "published", p.published, "platform", *p.platform ? p.platform : NULL,
			 "disclosure", *p.id ? p.id : NULL, "months", months, "display_ends", ends,
			 "repair_earliest", earliest, "withdrawn", *p.withdrawn ? p.withdrawn : NULL,
			 "conditions", conds, "repairs", repairs);
	rc = *out ? 0 : err_nomem(e);
out:
	json_decref(attest);
	json_decref(repairs);
	json_decref(kase);
	return rc;
}

int credit_case(db *d, const char *case_id, const char *today, json_t **out, ipc_err *e)
{
	return credit_case_on(d, case_id, today, NULL, out, e);
}

/* One penalty of a respondent's history: the case's facts and its credit (null when not
 * published). */
static json_t *history_entry(db *d, const json_t *kase, const char *today, ipc_err *e)
{
	const char *id = jstr(kase, "id");
	json_t *credit = NULL;
	struct credit_pub p;
	int rc;

	if ((rc = credit_publication(d, kase, &p, e)) < 0 || (rc && credit_case(d, id, today,
									      &credit, e)))
		return NULL;
	return json_pack("{s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:o}", "case", id, "case_no",
			 jstr(kase, "case_no"), "title", jstr(kase, "title"), "decided_on",
			 jstr(kase, "decided_on"), "ip_type", jstr(kase, "ip_type"), "fine",
			 jstr(kase, "fine"), "penalty", jstr(kase, "penalty"), "credit",
			 credit ? credit : json_null());
}

json_t *credit_history(db *d, const char *uscc, const char *today, ipc_err *e)
{
	json_t *cases = respondent_penalties(d, uscc, e), *out = NULL, *kase, *entry;
	size_t i;

	if (!cases)
		return NULL;
	out = json_array();
	json_array_foreach(cases, i, kase) {
		if (!(entry = history_entry(d, kase, today, e))) {
			json_decref(out);
			out = NULL;
			break;
		}
		json_array_append_new(out, entry);
	}
	json_decref(cases);
	return out;
}
