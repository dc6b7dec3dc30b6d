/* deadline — the rules (one source function per deadline), the clocks that paused periods
 * stop, the `deadlines` table and its queries, the configurable limits. */
#include "db/rules/deadline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/rules/approval.h"
#include "db/rules/clock.h"
#include "db/rules/credit.h"
#include "db/db_internal.h"
#include "db/rules/archive.h"
#include "db/rules/caseno.h"
#include "db/rules/fair.h"
#include "db/rules/intake.h"
#include "db/rules/limits.h"
#include "db/rules/procedure.h"
#include "db/rules/stats.h"
#include "db/rules/watch.h"
#include "db/schema.h"

/* Bump when a rule changes: deadline_ensure recomputes every case once at the next open.
 * 4: the statistics' aggregate (db/rules/stats), filled by the same refresh, came.
 * 5: the limits of complaints and reports (db/rules/intake).
 * 6: a patent dispute's own statuses; the mediations' judicial confirmation. */
#define RULES_VERSION "6"

const struct deadline_kind deadline_kinds[] = {
	{"verification", N_("verify the clue, decide on filing"),
	 N_("Order No. 2 art. 18: 15 working days from the clue, one extension of 15")},
	{"decision", N_("decision"),
	 N_("行政处罚法 art. 60: 90 days from filing, +30 on the head's approval, beyond that the "
	    "date a collective discussion set (art. 57); suspension, hearing and other paused "
	    "periods not counted")},
	{"statement", N_("statement or hearing request"),
	 N_("行政处罚法 art. 44, 62–63: 5 working days from service of the notice, until the party "
	    "states its case or waives it")},
	{"legal_review", N_("legal review opinion"),
	 N_("行政处罚法 art. 58: legal review before the decision; 10 working days (unverified: "
	    "ipcase due limits legal_review_workdays=N)")},
	{"hearing_notice", N_("serve the hearing notice"),
	 N_("行政处罚法 art. 64: at least 7 days before the hearing")},
	{"hearing", N_("hearing"), N_("行政处罚法 art. 64: the date set for the hearing")},
	{"service", N_("serve the decision"), N_("行政处罚法 art. 61: 7 working days")},
	{"disclosure", N_("publish the penalty"),
	 N_("公示规定 art. 9–11: 20 working days from the decision")},
	{"withdraw_disclosure", N_("withdraw the revoked decision's publication"),
	 N_("公示规定 art. 9–11: 3 working days from the revocation")},
	{"fine_payment", N_("fine payment"),
	 N_("行政处罚法 art. 67: 15 days from service; then 3 per cent a day, at most the fine (art. 72)")},
	{"reminder", N_("serve the payment reminder (催告)"),
	 N_("行政强制法 art. 54: before applying to the court; served by the end of the 6 months "
	    "for suit")},
	{"court_enforcement", N_("apply to the court for enforcement"),
	 N_("行政强制法 art. 53–54: within 3 months after the 6 months for suit (60 days for review), "
	    "at least 10 working days after the reminder")},
	{"seizure", N_("seizure ends"),
	 N_("行政强制法 art. 25: 30 days, one extension of 30; testing and appraisal not counted")},
	{"preservation", N_("decide on preserved evidence"),
	 N_("行政处罚法 art. 56: 7 working days, then the preservation lapses")},
	/* FACTS.md §2: the limits of 专利行政执法办法 (2015); those of the 2025 办法 are
	 * unverified, so each is a workspace limit (db/rules/limits.c) */
	{"patent_accept", N_("accept or refuse the dispute"),
	 N_("专利行政执法办法 (2015): 5 working days from the request (ipcase due limits "
	    "patent_accept_workdays=N)")},
	{"patent_send", N_("send the request to the respondent"),
	 N_("专利行政执法办法 (2015): 5 working days from acceptance (ipcase due limits "
	    "patent_send_workdays=N)")},
	{"patent_answer", N_("respondent's answer"),
	 N_("专利行政执法办法 (2015): 15 days from the copy served (ipcase due limits "
	    "patent_answer_days=N)")},
	{"patent_close", N_("close the dispute"),
	 N_("专利行政执法办法 (2015): 3 months from acceptance, 1 more when extended (ipcase due "
	    "limits patent_close_months=N, patent_extend_months=N)")},
	{"investigator_notice", N_("tell the parties of the technical investigator"),
	 N_("FACTS.md §3: within 3 days of an investigator being assigned or changed")},
	{"investigator_opinion", N_("technical opinion due"), N_("the due date of the assignment")},
	{"collab_reply", N_("reply to a collaboration request"),
	 N_("Order No. 2: assistance within 15 working days of the request; the date the "
	    "requesting office set")},
	{"intake_accept", N_("decide on the complaint and tell the complainant"),
	 N_("Order No. 20 art. 14: 7 working days from receipt")},
	{"intake_tell", N_("tell the reporter whether a case was filed"),
	 N_("Order No. 20 art. 31: 5 working days from the filing decision, a real-name reporter")},
	{"intake_feedback", N_("answer the 12345 transfer with its result (办结反馈)"),
	 N_("the 12345 hotline's limit (unverified: ipcase due limits hotline_12345_workdays=N)")},
	/* transfer to the police (db/rules/police.c): Order No. 310 counts calendar days */
	{"police_approve", N_("the head approves or refuses the transfer report"),
	 N_("Order No. 310 art. 5: 3 days from the report (calendar days)")},
	{"police_send", N_("send the approved transfer to the police"),
	 N_("Order No. 310 art. 5: 24 hours from the approval, the day after it")},
	{"police_decide", N_("the police decide whether to open a case"),
	 N_("Order No. 310 art. 8: 3 days from receipt (unverified for complex cases: ipcase due "
	    "limits police_decision_days=N)")},
	{"police_reconsider", N_("ask the police to reconsider not opening a case"),
	 N_("Order No. 310 art. 9: 3 days from the refusal notice (calendar days)")},
	{"police_handover", N_("hand the items over to the police"),
	 N_("Order No. 310 art. 11: 3 days from the notice of opening (calendar days)")},
	/* trade fairs (db/rules/fair.c): owner and ref = the complaint */
	{"fair_pass", N_("pass the complaint at the fair to the IP department"),
	 N_("展会知识产权保护办法 (2006): 24 hours from receipt, due the day they end (unverified: "
	    "ipcase due limits fair_pass_hours=N)")},
	/* the watch list of key markets (db/rules/watch.c): owner the market, no case */
	{"market_inspect", N_("inspect the key market"),
	 N_("石家庄 regulations art. 24 (重点关注市场名录): its interval in calendar days from its "
	    "last inspection, or from its listing")},
	/* mediation (db/rules/mediation.c) */
	{"judicial_confirm", N_("apply to the court for judicial confirmation of the agreement"),
	 N_("人民调解法 art. 33: both parties, within 30 days of the agreement taking effect "
	    "(calendar days)")},
	{NULL, NULL, NULL},
};

static const struct deadline_kind *kind_find(const char *id)
{
	for (const struct deadline_kind *k = deadline_kinds; k->id; k++)
		if (strcmp(k->id, id) == 0)
			return k;
	return NULL;
}

const char *deadline_kind_label(const char *kind)
{
	const struct deadline_kind *k = kind_find(kind);
	return k ? _(k->label) : kind;
}

int deadline_add(struct deadline_set *s, const char *kind, const char *ref, const char *due,
		 bool confirmed, ipc_err *e)
{
	struct deadline *v = grow(s->v, &s->cap, s->n, sizeof *v);

	if (!v)
		return err_nomem(e);
	s->v = v;
	snprintf(v[s->n].due, sizeof v[s->n].due, "%s", due);
	v[s->n].kind = kind;
	snprintf(v[s->n].ref, sizeof v[s->n].ref, "%s", ref);
	v[s->n].confirmed = confirmed;
	s->n++;
	return 0;
}

void deadline_set_free(struct deadline_set *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* ---- the sources ---- */

static bool is(const char *s, const char *than)
{
	return s && strcmp(s, than) == 0;
}

static bool status_in(const json_t *kase, const char *const *list)
{
	const char *status = jstr(kase, "status");

	for (; *list; list++)
		if (is(status, *list))
			return true;
	return false;
}

static const char *const before_filing[] = {"clue", "verifying", NULL};
static const char *const before_decision[] = {"filed", "investigating", "suspended",
	"investigation_closed", "legal_review", "notified", "hearing", NULL};
static const char *const after_decision[] = {"decided", "served", "executing", NULL};
static const char *const after_service[] = {"served", "executing", NULL};
/* A case in one of these has no open deadline. */
static const char *const ended[] = {"not_filed", "terminated", "transferred", "closed",
	"archived", NULL};

/* A patent dispute before its outcome (a ruling or a mediated agreement): its limits run. */
static const char *const patent_open[] = {"accepted", "copy_sent", "answered", "hearing_set",
	"heard", NULL};

static bool patent(const json_t *kase)
{
	return is(jstr(kase, "procedure"), "patent_dispute");
}

static bool flag(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/* An amount of yuan above zero. */
static bool positive(const char *money)
{
	for (; money && *money; money++)
		if (*money >= '1' && *money <= '9')
			return true;
	return false;
}

/* Adds `kind`, due n units after `start` (when the case has that date) unless stopped. */
static int add_after(db *d, const json_t *kase, const char *ref, struct deadline_set *out,
		     const char *kind, const char *start, enum clock_unit u, int n, unsigned stops,
		     ipc_err *e)
{
	char due[11];
	bool confirmed;
	int rc;

	if (!start)
		return 0;
	rc = clock_due(d, jstr(kase, "id"), start, u, n, stops, due, &confirmed, e);
	return rc <= 0 ? rc : deadline_add(out, kind, ref, due, confirmed, e);
}

static int src_verification(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	if (patent(kase) || !status_in(kase, before_filing))
		return 0;
	return add_after(d, kase, jstr(kase, "id"), out, "verification", jstr(kase, "clue_on"),
			 WORKDAYS, flag(kase, "verify_extended") ? 30 : 15, STOPS_VERIFY, e);
}

/* 90 days, 120 with the head's approval, and beyond that the date a collective discussion
 * set (行政处罚法 art. 60). */
static int src_decision(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const char *id = jstr(kase, "id"), *filed = jstr(kase, "filed_on");
	char due[11], until[11];
	bool confirmed;
	int rc;

	if (patent(kase) || !status_in(kase, before_decision) || !filed)
		return 0;
	rc = clock_due(d, id, filed, DAYS, flag(kase, "decision_extended") ? 120 : 90,
		       STOPS_DECISION, due, &confirmed, e);
	if (rc <= 0)
		return rc;
	if ((rc = approval_discussed(d, id, "extension", until, e)) < 0)
		return -1;
	if (rc && strcmp(until, due) > 0)
		return deadline_add(out, "decision", id, until, true, e);
	return deadline_add(out, "decision", id, due, confirmed, e);
}

/* 行政处罚法 art. 44, 62–63: until the party states its case or waives it. */
static int src_statement(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	if (!is(jstr(kase, "status"), "notified") || jstr(kase, "statement_on")
	    || jstr(kase, "waived_on"))
		return 0;
	return add_after(d, kase, jstr(kase, "id"), out, "statement", jstr(kase, "notified_on"),
			 WORKDAYS, 5, 0, e);
}

/* 法制审核 (行政处罚法 art. 58): the reviewer's opinion, in a limit the workspace sets. */
static int src_legal_review(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const char *started = jstr(kase, "review_started_on");
	int rc;

	if (!is(jstr(kase, "status"), "legal_review") || !started)
		return 0;
	if ((rc = approval_answered(d, jstr(kase, "id"), "legal_review", e)))
		return rc < 0 ? -1 : 0;
	return add_after(d, kase, jstr(kase, "id"), out, "legal_review", started, WORKDAYS,
			 limits_get(d, "legal_review_workdays"), 0, e);
}

/* 行政处罚法 art. 64: the notice served 7 days before the hearing; the hearing itself. */
static int src_hearing(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const char *id = jstr(kase, "id"), *on = jstr(kase, "hearing_on");

	if (!on || !(is(jstr(kase, "status"), "notified") || is(jstr(kase, "status"), "hearing")))
		return 0;
	if (!jstr(kase, "hearing_notice_on")
	    && add_after(d, kase, id, out, "hearing_notice", on, DAYS, -7, 0, e))
		return -1;
	return deadline_add(out, "hearing", id, on, true, e);
}

static int src_service(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const char *type = jstr(kase, "decision_type");

	if (patent(kase) || !is(jstr(kase, "status"), "decided")
	    || !(is(type, "penalty") || is(type, "no_penalty")))
		return 0;
	return add_after(d, kase, jstr(kase, "id"), out, "service", jstr(kase, "decided_on"),
			 WORKDAYS, 7, 0, e);
}

/* Published by a disclosure record as by the case's disclosed_on (credit_publication). */
static int src_disclosure(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	struct credit_pub p;
	int rc;

	if (!procedure_published(kase) || !status_in(kase, after_decision))
		return 0;
	if ((rc = credit_publication(d, kase, &p, e)))
		return rc < 0 ? -1 : 0;
	return add_after(d, kase, jstr(kase, "id"), out, "disclosure", jstr(kase, "decided_on"),
			 WORKDAYS, 20, 0, e);
}

/* A fine served and not paid. */
static bool fine_owed(const json_t *kase)
{
	return positive(jstr(kase, "fine")) && !jstr(kase, "fine_paid_on")
	       && status_in(kase, after_service) && jstr(kase, "served_on");
}

static int src_fine(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	if (!fine_owed(kase))
		return 0;
	return add_after(d, kase, jstr(kase, "id"), out, "fine_payment", jstr(kase, "served_on"),
			 DAYS, 15, 0, e);
}

/* 行政强制法 art. 53–54: a fine neither paid nor contested within the periods of review (60
 * days) and suit (6 months from service) is enforced by the court on the office's
 * application within the 3 months after; a written reminder (催告) comes first, served by the
 * time that window opens. */
static int src_enforcement(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const char *id = jstr(kase, "id");
	char opens[11];
	bool confirmed;

	if (!fine_owed(kase) || jstr(kase, "appealed_on") || jstr(kase, "enforcement_applied_on")
	    || jstr(kase, "executed_on"))
		return 0;
	if (clock_advance(d, jstr(kase, "served_on"), MONTHS, 6, opens, &confirmed, e)
	    || (!jstr(kase, "reminder_on")
		&& deadline_add(out, "reminder", id, opens, confirmed, e)))
		return -1;
	return add_after(d, kase, id, out, "court_enforcement", opens, MONTHS, 3, 0, e);
}

/* 公示规定 art. 9–11: a revoked decision's publication withdrawn within 3 working days,
 * whatever became of the case; its disclosure record's or the case's (credit_publication). */
static int src_withdrawal(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	struct credit_pub p;
	int rc;

	if (!jstr(kase, "revoked_on"))
		return 0;
	if ((rc = credit_publication(d, kase, &p, e)) <= 0 || *p.withdrawn)
		return rc < 0 ? -1 : 0;
	return add_after(d, kase, jstr(kase, "id"), out, "withdraw_disclosure",
			 jstr(kase, "revoked_on"), WORKDAYS, 3, 0, e);
}

int deadline_surcharge_after(const char *fine, int days, struct deadline_surcharge *out)
{
	int64_t fen, owed;

	memset(out, 0, sizeof *out);
	if (days <= 0 || !money_fen(fine, &fen) || fen <= 0)
		return 0;
	/* 3 % a day: the fine itself from the 34th day */
	owed = days * 3 >= 100 ? fen : money_percent(fen, 3, days);
	out->days = days;
	out->capped = owed == fen;
	money_format(owed, out->yuan);
	return 1;
}

void deadline_surcharge_text(const struct deadline_surcharge *s, char *buf, size_t n)
{
	snprintf(buf, n, s->capped
		 ? _("late-payment surcharge %s yuan (%d days late: the fine itself, its ceiling)")
		 : _("late-payment surcharge %s yuan (%d days late, 3 %% a day)"), s->yuan, s->days);
}

int deadline_surcharge(const json_t *kase, const char *today, struct deadline_surcharge *out)
{
	char due[11];
	int late = 0;

	memset(out, 0, sizeof *out);
	if (!fine_owed(kase) || cal_add_days(jstr(kase, "served_on"), 15, due)
	    || cal_days_between(due, today, &late))
		return 0;
	return deadline_surcharge_after(jstr(kase, "fine"), late, out);
}

/* A seizure or preservation of the case that has not been lifted or decided. */
struct measure {
	char id[37], taken[11];
	bool seizure, extended;
};

static int measures_read(db *d, const char *case_id, struct measure **out, size_t *n,
			 ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, kind, taken_on, extended FROM t_measure"
				   " WHERE case_id = ? AND coalesce(deleted, 0) = 0"
				   " AND ended_on IS NULL AND taken_on IS NOT NULL ORDER BY taken_on, id", e);
	struct measure *v = NULL, *more;
	size_t cap = 0;

	*n = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!(more = grow(v, &cap, *n, sizeof *more))) {
			sqlite3_reset(st);
			free(v);
			return err_nomem(e);
		}
		v = more;
		snprintf(v[*n].id, sizeof v[*n].id, "%s", sqlite3_column_text(st, 0));
		snprintf(v[*n].taken, sizeof v[*n].taken, "%s", sqlite3_column_text(st, 2));
		v[*n].seizure = is((const char *)sqlite3_column_text(st, 1), "seizure");
		v[*n].extended = sqlite3_column_int(st, 3);
		(*n)++;
	}
	sqlite3_reset(st);
	*out = v;
	return 0;
}

/* Each measure's own limit; read first, as computing a due date runs other statements. */
static int src_measures(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	struct measure *m = NULL;
	size_t n;
	int rc = 0;

	if (measures_read(d, jstr(kase, "id"), &m, &n, e))
		return -1;
	for (size_t i = 0; i < n && !rc; i++)
		rc = m[i].seizure
		   ? add_after(d, kase, m[i].id, out, "seizure", m[i].taken, DAYS,
			       m[i].extended ? 60 : 30, STOPS_SEIZURE, e)
		   : add_after(d, kase, m[i].id, out, "preservation", m[i].taken, WORKDAYS, 7, 0, e);
	free(m);
	return rc;
}

/* FACTS.md §2, with the workspace's limits. */
static int src_patent(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	const char *id = jstr(kase, "id"), *filed = jstr(kase, "filed_on");
	const char *sent = jstr(kase, "respondent_sent_on");
	int months;

	if (!patent(kase))
		return 0;
	if (is(jstr(kase, "status"), "clue"))
		return add_after(d, kase, id, out, "patent_accept", jstr(kase, "clue_on"), WORKDAYS,
				 limits_get(d, "patent_accept_workdays"), 0, e);
	if (!status_in(kase, patent_open))
		return 0;
	months = limits_get(d, "patent_close_months");
	if (flag(kase, "decision_extended"))
		months += limits_get(d, "patent_extend_months");
	if ((!sent && add_after(d, kase, id, out, "patent_send", filed, WORKDAYS,
				limits_get(d, "patent_send_workdays"), 0, e))
	    || (!jstr(kase, "answered_on") && add_after(d, kase, id, out, "patent_answer", sent, DAYS,
						       limits_get(d, "patent_answer_days"), 0, e)))
		return -1;
	return add_after(d, kase, id, out, "patent_close", filed, MONTHS, months, 0, e);
}

/* Every deadline of a case comes from one of these. */
static const deadline_source sources[] = {
	src_verification, src_decision, src_statement, src_legal_review, src_hearing, src_service,
	src_disclosure, src_fine, src_enforcement, src_measures, src_patent,
};

static int deadline_cmp(const void *a, const void *b)
{
	const struct deadline *x = a, *y = b;
	int c = strcmp(x->due, y->due);

	if (c)
		return c;
	return (c = strcmp(x->kind, y->kind)) ? c : strcmp(x->ref, y->ref);
}

/* The open deadlines of the case in `kase`. */
/* The sources and the record types' deadlines of a case still open. */
static int compute_open(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if (sources[i](d, kase, out, e))
			return -1;
	for (size_t i = 0; i < schema_ntypes; i++)
		if (schema_types[i]->deadlines && schema_types[i]->deadlines(d, kase, out, e))
			return -1;
	return 0;
}

/* The open deadlines of the case in `kase`. */
static int compute(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e)
{
	if (flag(kase, "deleted"))
		return 0;
	if (src_withdrawal(d, kase, out, e) || (!status_in(kase, ended) && compute_open(d, kase, out, e)))
		return err_wrap(e, _("computing the deadlines of case %s"), jstr(kase, "id"));
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, deadline_cmp);
	return 0;
}

/* The case a statement on t_case (SELECT *) finds, as JSON; NULL when none. */
static json_t *case_read(sqlite3_stmt *st)
{
	json_t *kase = NULL;

	if (sqlite3_step(st) == SQLITE_ROW)
		kase = db_row_json(schema_type("case"), st);
	sqlite3_reset(st);
	return kase;
}

int deadline_compute(db *d, const char *case_id, struct deadline_set *out, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT * FROM t_case WHERE id = ?", e);
	json_t *kase;
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if (!(kase = case_read(st)))
		return err_kind(e, IPC_E_NOTFOUND, NULL, _("no case with id %s"), case_id);
	rc = compute(d, kase, out, e);
	json_decref(kase);
	return rc;
}

/* ---- the table ---- */

static int step_done(db *d, sqlite3_stmt *st, ipc_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, _("saving deadlines"));
}

static int store(db *d, const char *case_id, const struct deadline_set *s, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "DELETE FROM deadlines WHERE owner = ?", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if (step_done(d, st, e))
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		if (!(st = db_stmt(d, "INSERT OR REPLACE INTO deadlines(owner, kind, ref, due,"
				   " confirmed) VALUES(?, ?, ?, ?, ?)", e)))
			return -1;
		db_bind_text(st, 1, case_id);
		db_bind_text(st, 2, s->v[i].kind);
		db_bind_text(st, 3, s->v[i].ref);
		db_bind_text(st, 4, s->v[i].due);
		sqlite3_bind_int(st, 5, s->v[i].confirmed);
		if (step_done(d, st, e))
			return -1;
	}
	return 0;
}

/* The soonest due date of s, "" when it has none. */
static const char *soonest(const struct deadline_set *s)
{
	const char *due = "";

	for (size_t i = 0; i < s->n; i++)
		if (!*due || strcmp(s->v[i].due, due) < 0)
			due = s->v[i].due;
	return due;
}

/* Recomputes the stored deadlines of the case with this t_case rowid, and its share in the
 * statistics through b. */
static int refresh_case(db *d, struct stats_batch *b, int64_t rowid, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT * FROM t_case WHERE rowid = ?", e);
	struct deadline_set set = {0};
	json_t *kase;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	if (!(kase = case_read(st)))
		/* the case is gone (a revoked device's, withdrawn): its deadlines go with it */
		return db_exec(d, "DELETE FROM deadlines WHERE kind NOT IN ('collab_reply', 'intake_accept',"
			       " 'intake_tell', 'intake_feedback', 'fair_pass', 'market_inspect',"
			       " 'judicial_confirm') AND NOT EXISTS("
			       "SELECT 1 FROM t_case c WHERE c.id = deadlines.owner)", e)
		       || stats_forget_gone(d, e) ? -1 : 0;
	/* the statistics count a case overdue by its soonest deadline */
	rc = compute(d, kase, &set, e) || store(d, jstr(kase, "id"), &set, e)
	     || intake_deadlines_refresh(d, NULL, jstr(kase, "id"), e)
	     || stats_refresh_case(d, b, kase, soonest(&set), e) ? -1 : 0;
	deadline_set_free(&set);
	json_decref(kase);
	return rc;
}

int deadline_refresh_cases(db *d, const int64_t *rowids, size_t n, ipc_err *e)
{
	struct stats_batch b = {0};

	for (size_t i = 0; i < n; i++)
		if (refresh_case(d, &b, rowids[i], e)) {
			stats_batch_free(&b);
			return -1;
		}
	return stats_batch_write(d, &b, e);
}

int deadline_refresh_all(db *d, int64_t *ncases, ipc_err *e)
{
	sqlite3_stmt *st;
	int64_t *rows = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	/* the rowids first: refreshing a case runs cached statements of its own */
	if (sqlite3_prepare_v2(d->sql, "SELECT rowid FROM t_case", -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, _("reading cases"));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t *more = grow(rows, &cap, n, sizeof *more);
		if (!more) {
			err_nomem(e);
			goto out;
		}
		rows = more;
		rows[n++] = sqlite3_column_int64(st, 0);
	}
	if (deadline_refresh_cases(d, rows, n, e)
	    || deadline_refresh_request(d, NULL, e) || intake_deadlines_refresh(d, NULL, NULL, e)
	    || fair_deadlines_refresh(d, e) || watch_deadlines_refresh(d, e))
		goto out;
	if (ncases)
		*ncases = (int64_t)n;
	rc = 0;
out:
	sqlite3_finalize(st);
	free(rows);
	return rc;
}

int deadline_refresh_request(db *d, const char *request, ipc_err *e)
{
	sqlite3_stmt *del = db_stmt(d, "DELETE FROM deadlines WHERE kind = 'collab_reply'"
				    " AND (?1 IS NULL OR owner = ?1)", e);
	/* the reply is due from the office asked, while it has not answered or declined */
	sqlite3_stmt *add = del ? db_stmt(d, "INSERT INTO deadlines(owner, kind, ref, due, confirmed)"
		" SELECT r.id, 'collab_reply', r.id, s.due, s.due_confirmed FROM t_collab_request r"
		" JOIN collab_status s ON s.request = r.id WHERE (?1 IS NULL OR r.id = ?1)"
		" AND r.to_office = ?2 AND s.due IS NOT NULL"
		" AND s.status IN ('sent', 'received', 'accepted', 'in_progress')", e) : NULL;

	if (!add)
		return -1;
	db_bind_text(del, 1, request);
	db_bind_text(add, 1, request);
	db_bind_text(add, 2, d->self.office);
	return step_done(d, del, e) || step_done(d, add, e) ? -1 : 0;
}

int deadline_ensure(db *d, ipc_err *e)
{
	char rules[16];

	/* a read-only workspace shows the deadlines it holds */
	if (db_writable(d, NULL))
		return 0;
	if (clock_open(d, e))
		return err_wrap(e, _("bringing the deadlines up to date"));
	db_meta_get(d, "deadline.rules", rules, sizeof rules);
	if (strcmp(rules, RULES_VERSION) == 0)
		return 0;
	if (db_begin(d, e))
		return -1;
	db_meta_get(d, "deadline.rules", rules, sizeof rules); /* another process may have won */
	if ((strcmp(rules, RULES_VERSION) != 0 && (deadline_refresh_all(d, NULL, e)
	     || db_meta_set(d, "deadline.rules", RULES_VERSION, e))) || db_commit(d, e)) {
		db_rollback(d);
		return err_wrap(e, _("bringing the deadlines up to date"));
	}
	return 0;
}

int deadline_limit_set(db *d, const char *name, int value, ipc_err *e)
{
	if (db_begin(d, e))
		return -1;
	if (limits_store(d, name, value, e) || deadline_refresh_all(d, NULL, e) || db_commit(d, e)) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int deadline_calendar_import(db *d, const char *path, int *years, int max, int64_t *ncases,
			     ipc_err *e)
{
	int n;

	if (db_begin(d, e))
		return -1;
	if ((n = cal_import(d, path, years, max, e)) < 0 || deadline_refresh_all(d, ncases, e)
	    || db_commit(d, e)) {
		db_rollback(d);
		cal_forget(d); /* it may have read the rolled-back years */
		return -1;
	}
	return n;
}

/* ---- the record types deadlines need beyond the case's own dates: periods that do not
 * count towards a limit (pause) and measures with a limit of their own (measure) ---- */

/* What stops a clock (Order No. 2 art. 18; 行政处罚法 art. 60; 行政强制法 art. 25). Which
 * kinds stop which deadline is db/rules/deadline.c's table. */
static const struct enum_value pause_kinds[] = {
	{"suspension", "中止", "suspension"},
	{"hearing", "听证", "hearing"},
	{"public_notice", "公告", "public notice"},
	{"testing", "检测检验检疫", "testing, inspection, quarantine"},
	{"appraisal", "鉴定", "appraisal"},
	{"identification", "权利人辨认鉴别", "rights-holder identification"},
	{NULL, NULL, NULL},
};

static const struct enum_value measure_kinds[] = {
	{"seizure", "查封扣押", "seizure"},
	{"preservation", "先行登记保存", "evidence registered and preserved"},
	{NULL, NULL, NULL},
};

static const struct field pause_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_ENUM, FF_REQUIRED, pause_kinds, NULL, "事由", "kind", 0},
	{"started_on", FK_DATE, FF_REQUIRED, NULL, NULL, "起始日期", "from", 0},
	{"ended_on", FK_DATE, 0, NULL, NULL, "结束日期", "to", 0},
	{"note", FK_TEXT, 0, NULL, NULL, "说明", "note", 300},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field measure_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_ENUM, FF_REQUIRED, measure_kinds, NULL, "措施", "kind", 0},
	{"taken_on", FK_DATE, FF_REQUIRED, NULL, NULL, "采取日期", "taken on", 0},
	{"extended", FK_BOOL, 0, NULL, NULL, "已延长", "extended", 0},
	{"ended_on", FK_DATE, 0, NULL, NULL, "解除或处理日期", "lifted or decided on", 0},
	{"items", FK_TEXT, FF_SEARCH, NULL, NULL, "物品", "items", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
	/* 行政处罚法 art. 42, 55: two officers with certificates (issue 14) */
	{"officers", FK_HANDLERS, 0, NULL, NULL, "执法人员", "officers", 0},
	/* a seizure decision's number (…强制〔2026〕N号), given when it is recorded */
	{"number", FK_TEXT, 0, NULL, NULL, "决定书文号", "decision no.", 80},
	/* what its decision or notice states (行政强制法 art. 24) */
	{"reason", FK_TEXT, 0, NULL, NULL, "理由", "reason", SCHEMA_LINE_MAX},
	{"basis", FK_TEXT, 0, NULL, NULL, "依据", "basis", SCHEMA_LINE_MAX},
};

#define NF(a) (sizeof(a) / sizeof((a)[0]))

/* A measure the procedure allows; a seizure then gets its decision's number. */
static int measure_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			 json_t *set, ipc_err *e)
{
	return procedure_measure_write(d, t, old, state, set, e)
	       || caseno_measure_write(d, t, old, state, set, e) ? -1 : 0;
}

const struct rtype pause_type = {
	.name = "pause", .zh = "期限中止", .en = "paused period", .table = "t_pause",
	.fields = pause_fields, .nfields = NF(pause_fields), .parent = "case_id",
	.channel = "office", .check_write = archive_check_write, .check_import = archive_check_import,
};
const struct rtype measure_type = {
	.name = "measure", .zh = "措施", .en = "measure", .table = "t_measure",
	.fields = measure_fields, .nfields = NF(measure_fields), .parent = "case_id",
	.channel = "office", .check_write = measure_write, .check_import = procedure_measure_import,
};
