/* credit — the rules of credit disclosure and repair (FACTS.md §12).
 *
 * Invariants kept here: a display's last day is the same day `months` later, the month's last
 * day when it has none (the day of publication not counted, 民法典 arts. 201, 202); a repair
 * is never earlier than repair_months after publication. credit_case reads a published case's credit from the office's own records. */
#include "db/rules/credit.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/money.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/deadline.h"
#include "db/store.h"

void credit_limits_read(db *d, struct credit_limits *l)
{
	l->short_months = deadline_limit(d, "credit_short_months");
	l->long_months = deadline_limit(d, "credit_long_months");
	l->low_fine_fen = (int64_t)deadline_limit(d, "credit_low_fine_yuan") * 100;
	l->repair_months = deadline_limit(d, "credit_repair_months");
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
 * decision? 1 yes, 0 no, -1 on failure. */
static int penalised_again(db *d, const json_t *kase, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT 1 FROM t_party p JOIN t_party q"
		" ON q.uscc = p.uscc AND q.case_id <> p.case_id AND q.role = 'respondent'"
		" AND coalesce(q.deleted, 0) = 0 JOIN t_case c ON c.id = q.case_id"
		" WHERE p.case_id = ?1 AND p.role = 'respondent' AND p.uscc IS NOT NULL"
		" AND coalesce(p.deleted, 0) = 0 AND coalesce(c.deleted, 0) = 0"
		" AND c.decision_type = 'penalty' AND c.ip_type IS ?2 AND c.decided_on > ?3 LIMIT 1", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, jstr(kase, "id"));
	db_bind_text(st, 2, jstr(kase, "ip_type"));
	db_bind_text(st, 3, jstr(kase, "decided_on"));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("reading the respondent's cases"));
	return rc == SQLITE_ROW;
}

/* The conditions' state: true, false, or null where the officer attests it. */
static json_t *conditions(db *d, const json_t *kase, const char *earliest, const char *today,
			  ipc_err *e)
{
	int again = penalised_again(d, kase, e);
	json_t *met[CREDIT_NCONDS], *list;

	if (again < 0)
		return NULL;
	met[CREDIT_EXECUTED] = json_boolean(jstr(kase, "executed_on") || jstr(kase, "fine_paid_on"));
	met[CREDIT_NOT_AGAIN] = json_boolean(!again);
	met[CREDIT_HARM_REMOVED] = json_null();
	met[CREDIT_NOT_LISTED] = json_null();
	met[CREDIT_DISPLAYED] = json_boolean(strcmp(today, earliest) >= 0);
	list = json_array();
	for (int c = 0; c < CREDIT_NCONDS; c++)
		json_array_append_new(list, json_pack("{s:s,s:o}", "name",
			credit_cond_name((enum credit_cond)c), "met", met[c]));
	return list;
}

int credit_case(db *d, const char *case_id, const char *today, json_t **out, ipc_err *e)
{
	json_t *kase = db_get(d, case_id, e), *conds = NULL;
	const char *published = kase ? jstr(kase, "disclosed_on") : NULL, *penalty;
	char ends[11], earliest[11];
	struct credit_limits l;
	int months, rc = -1;

	*out = NULL;
	if (!kase)
		return -1;
	if (!published) {
		err_kind(e, IPC_E_RULE, "disclosed_on", _("the case's penalty is not published "
			 "(disclosed_on is not set): it has no credit record yet"));
		goto out;
	}
	credit_limits_read(d, &l);
	penalty = jstr(kase, "penalty");
	if ((months = credit_display_months(&l, penalty && strstr(penalty, "通报批评"),
					    jstr(kase, "fine"), e)) < 0
	    || credit_display_end(published, months, ends, e)
	    || credit_repair_earliest(&l, published, earliest, e)
	    || !(conds = conditions(d, kase, earliest, today, e)))
		goto out;
	*out = json_pack("{s:s,s:s,s:i,s:s,s:s,s:s?,s:o}", "case", case_id, "published", published,
			 "months", months, "display_ends", ends, "repair_earliest", earliest,
			 "withdrawn", jstr(kase, "disclosure_withdrawn_on"), "conditions", conds);
	rc = *out ? 0 : err_nomem(e);
out:
	json_decref(kase);
	return rc;
}
