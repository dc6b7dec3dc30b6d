/* procedure — what each step of a case needs beyond the order of statuses: approvals, the
 * statement period, legal review, closing conditions, dates in order, officers. */
#include "db/rules/procedure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/money.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/approval.h"
#include "db/rules/archive.h"
#include "db/rules/credit.h"
#include "db/rules/limits.h"
#include "db/rules/mediation.h"
#include "db/rules/workflow.h"
#include "db/op.h"
#include "db/schema.h"
#include "db/store.h"

/* 行政处罚法 art. 58 leaves "major" to each province: the office sets the fine at or above
 * which a case is major (limit.major_fine_yuan); an officer can also mark any case major. */
#define MAJOR_FINE_DEFAULT "100000"

static bool is(const char *s, const char *than)
{
	return s && than && strcmp(s, than) == 0;
}

static const char *label(const char *field)
{
	const struct field *f = schema_field(schema_type("case"), field);
	return !f ? field : i18n_zh() ? f->zh : _(f->en);
}

static bool touches(const json_t *set, const char *field)
{
	return json_object_get(set, field) != NULL;
}

static int64_t fen(const json_t *o, const char *field)
{
	int64_t v;
	return money_fen(jstr(o, field), &v) ? v : 0;
}

bool procedure_major(db *d, const json_t *kase)
{
	char limit[24];
	int64_t threshold;

	if (json_is_true(json_object_get(kase, "major")))
		return true;
	db_meta_get(d, "limit.major_fine_yuan", limit, sizeof limit);
	if (!money_fen(limit[0] ? limit : MAJOR_FINE_DEFAULT, &threshold))
		money_fen(MAJOR_FINE_DEFAULT, &threshold);
	return threshold > 0 && fen(kase, "fine") >= threshold;
}

bool procedure_published(const json_t *kase)
{
	return is(jstr(kase, "decision_type"), "penalty")
	       && !(is(jstr(kase, "penalty"), "警告") && !fen(kase, "fine")
		    && !fen(kase, "confiscated"));
}

/* ---- dates in procedure order (FACTS.md §9) ---- */

static bool patent(const json_t *state)
{
	return is(jstr(state, "procedure"), "patent_dispute");
}

/* Each date with its place in the procedure; equal places are not ordered between them. The
 * hearing's dates of a penalty case are 行政处罚法's (check_hearing); those of a patent
 * dispute (patent_only) are its oral hearing's, after the copy served on the respondent. */
static const struct {
	const char *field;
	int rank;
	bool patent_only;
} dates[] = {
	{"clue_on", 0, false},     {"filed_on", 2, false},     {"notified_on", 4, false},
	{"statement_on", 5, false}, {"waived_on", 5, false},   {"decided_on", 6, false},
	{"served_on", 8, false},   {"fine_paid_on", 10, false}, {"executed_on", 10, false},
	{"closed_on", 12, false},  {"archived_on", 14, false},
	{"respondent_sent_on", 3, true}, {"answered_on", 4, true}, {"hearing_notice_on", 4, true},
	{"hearing_on", 5, true},
};
#define NDATES (sizeof dates / sizeof dates[0])

static int check_dates(const json_t *state, const json_t *set, ipc_err *e)
{
	bool touched = touches(set, "status"), pd = patent(state);
	const char *on[NDATES]; /* each date read once, not once a pair */

	for (size_t i = 0; i < NDATES && !touched; i++)
		touched = touches(set, dates[i].field);
	if (!touched)
		return 0;
	for (size_t i = 0; i < NDATES; i++)
		on[i] = jstr(state, dates[i].field);
	for (size_t i = 0; i < NDATES; i++)
		for (size_t j = 0; j < NDATES; j++) {
			const char *a = on[i], *b = on[j];
			if ((dates[i].patent_only || dates[j].patent_only) && !pd)
				continue;
			if (a && b && dates[i].rank < dates[j].rank && strcmp(a, b) > 0)
				return err_kind(e, IPC_E_RULE, touches(set, dates[j].field)
						? dates[j].field : dates[i].field,
						_("%s (%s) cannot come after %s (%s): a case's dates follow "
						  "the procedure (received, filed, notified, decided, served, "
						  "paid, closed, archived); correct one of them"),
						label(dates[i].field), a, label(dates[j].field), b);
		}
	return 0;
}

/* 行政处罚法 art. 64: the hearing notice is served 7 days or more before the hearing. A patent
 * dispute's oral hearing is not a penalty hearing: FACTS.md gives it no notice period, only
 * the order of its dates (check_dates). */
static int check_hearing(const json_t *state, const json_t *set, ipc_err *e)
{
	const char *notice = jstr(state, "hearing_notice_on"), *hearing = jstr(state, "hearing_on");
	char earliest[11];

	if (!notice || !hearing || patent(state)
	    || !(touches(set, "hearing_on") || touches(set, "hearing_notice_on")))
		return 0;
	if (cal_add_days(notice, 7, earliest) == 0 && strcmp(hearing, earliest) < 0)
		return err_kind(e, IPC_E_RULE, touches(set, "hearing_on") ? "hearing_on"
				: "hearing_notice_on", _("the hearing notice is served at least 7 days "
				"before the hearing (行政处罚法 art. 64): a notice served on %s allows a "
				"hearing on %s or later"), notice, earliest);
	return 0;
}

/* ---- the decision (行政处罚法 art. 44, 57–58, 62–63) ---- */

static int check_statement(db *d, const json_t *state, ipc_err *e)
{
	const char *notified = jstr(state, "notified_on"), *decided = jstr(state, "decided_on");
	const char *hearing = jstr(state, "hearing_on");
	char end[11];
	bool confirmed;

	if (hearing && decided && strcmp(decided, hearing) < 0)
		return err_kind(e, IPC_E_RULE, "decided_on", _("the hearing on %s comes before the "
				"decision (行政处罚法 art. 63–64): decide after it"), hearing);
	if (!notified || jstr(state, "statement_on") || jstr(state, "waived_on"))
		return 0;
	if (cal_add_workdays(d, notified, 5, end, &confirmed, e))
		return -1;
	if (decided && strcmp(decided, end) > 0)
		return 0;
	return err_kind(e, IPC_E_RULE, "decided_on", _("the party may state its case until %s, 5 "
			"working days from the notice (行政处罚法 art. 44, 62–63): record statement_on "
			"or waived_on, or decide after %s"), end, end);
}

static int check_major(db *d, const char *id, const json_t *state, ipc_err *e)
{
	int rc;

	if (!procedure_major(d, state))
		return 0;
	if (approval_need(d, id, "legal_review", NULL, e))
		return err_wrap(e, _("a major case (major=true, or a fine at or above the office's "
				"limit.major_fine_yuan) is decided after the legal reviewer's opinion "
				"(行政处罚法 art. 58)"));
	if ((rc = approval_discussed(d, id, "major_case", NULL, e)) <= 0)
		return rc < 0 ? -1 : err_kind(e, IPC_E_RULE, "status", _("a major case is decided by "
				"the heads collectively (行政处罚法 art. 57): record the discussion with "
				"ipcase discussion add %.8s --purpose major_case …"), id);
	return 0;
}

static int check_decision(db *d, const char *id, const json_t *state, ipc_err *e)
{
	if (check_statement(d, state, e) || approval_need(d, id, "decision", NULL, e)
	    || check_major(d, id, state, e))
		return -1;
	if (is(jstr(state, "decision_type"), "transfer_judicial"))
		return approval_need(d, id, "police_transfer", NULL, e);
	return 0;
}

/* ---- closing (Order No. 2; FACTS.md §9) ---- */

static int open_measure(db *d, const char *id, char taken[11], ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT taken_on FROM t_measure WHERE case_id = ?"
				   " AND coalesce(deleted, 0) = 0 AND ended_on IS NULL"
				   " ORDER BY taken_on LIMIT 1", e);
	int found;

	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		snprintf(taken, 11, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_reset(st);
	return found;
}

static int check_executed(db *d, const json_t *state, ipc_err *e)
{
	struct credit_pub pub;
	int published;

	if (!is(jstr(state, "decision_type"), "penalty"))
		return 0;
	if (fen(state, "fine") && !jstr(state, "fine_paid_on") && !jstr(state, "executed_on"))
		return err_kind(e, IPC_E_RULE, "fine_paid_on", _("the fine is not paid: record the "
				"payment (fine_paid_on=DATE) or the enforced execution (executed_on=DATE) "
				"before closing"));
	if (fen(state, "confiscated") && !jstr(state, "executed_on"))
		return err_kind(e, IPC_E_RULE, "executed_on", _("the confiscation is not carried out: "
				"record it (executed_on=DATE) before closing"));
	if (!procedure_published(state))
		return 0;
	/* a disclosure record publishes it as disclosed_on does (db/rules/credit) */
	if ((published = credit_publication(d, state, &pub, e)) <= 0)
		return published < 0 ? -1 : err_kind(e, IPC_E_RULE, "disclosed_on", _("the "
				"penalty is not published (公示规定 art. 9): record the publication "
				"(ipcase credit publish, or disclosed_on=DATE) before closing"));
	return 0;
}

static int check_close(db *d, const char *id, const json_t *old, const json_t *state,
		       ipc_err *e)
{
	char taken[11];
	int rc;

	if (is(jstr(old, "status"), "archived"))
		return approval_need(d, id, "reopen", jstr(old, "archived_on"), e);
	if ((rc = open_measure(d, id, taken, e)))
		return rc < 0 ? -1 : err_kind(e, IPC_E_RULE, "status", _("a seizure or preservation "
				"taken on %s is still open: end it (set MEASURE_ID ended_on=DATE) before "
				"closing"), taken);
	if (check_executed(d, state, e))
		return -1;
	return approval_need(d, id, "close", NULL, e);
}

/* ---- filing ---- */

static size_t certified(const json_t *list)
{
	const json_t *h;
	size_t i, n = 0;

	json_array_foreach(list, i, h)
		if (jstr(h, "cert") && *jstr(h, "cert"))
			n++;
	return n;
}

/* 专利纠纷行政裁决和调解办法: a panel of three or more officers, an odd number. */
static int check_panel(const json_t *state, ipc_err *e)
{
	size_t n = certified(json_object_get(state, "handlers"));

	if (!patent(state) || (n >= 3 && n % 2))
		return 0;
	return err_kind(e, IPC_E_RULE, "handlers", _("a patent dispute is handled by a panel of "
			"three or more officers, an odd number (has %zu with certificates): set "
			"handlers=NAME:CERT,NAME:CERT,NAME:CERT"), n);
}

static int check_flag(db *d, const char *id, const json_t *old, const json_t *set,
		      const char *field, const char *step, ipc_err *e)
{
	if (!json_is_true(json_object_get(set, field)) || json_is_true(json_object_get(old, field)))
		return 0;
	return approval_need(d, id, step, NULL, e);
}

/* The approval each move needs (Order No. 2 art. 18–19). */
static const struct {
	const char *to, *step;
} step_approvals[] = {
	{"filed", "file"}, {"not_filed", "not_file"}, {"decided", "decision"}, {"closed", "close"},
};

const char *procedure_step_approval(const char *from, const char *to)
{
	if (is(from, "archived") && is(to, "closed"))
		return "reopen";
	for (size_t i = 0; i < sizeof step_approvals / sizeof step_approvals[0]; i++)
		if (is(step_approvals[i].to, to))
			return step_approvals[i].step;
	return NULL;
}

/* ---- a patent dispute (FACTS.md §2, §13) ---- */

/* The oral hearing is notified once the respondent has answered or its time has passed. */
static int check_answer(db *d, const json_t *state, ipc_err *e)
{
	const char *sent = jstr(state, "respondent_sent_on"), *notice = jstr(state, "hearing_notice_on");
	char today[11], due[11];

	if (jstr(state, "answered_on") || !sent)
		return 0;
	db_today(today);
	if (cal_add_days(sent, limits_get(d, "patent_answer_days"), due))
		return err_kind(e, IPC_E_RULE, "respondent_sent_on", _("bad date %s"), sent);
	if (strcmp(notice ? notice : today, due) > 0)
		return 0;
	return err_kind(e, IPC_E_RULE, "answered_on", _("the respondent may answer until %s "
			"(%d days from the copy served on %s): record answered_on=DATE, or notify "
			"the oral hearing after %s"), due, limits_get(d, "patent_answer_days"), sent, due);
}

/* Liuzhou art. 9: the mediation branch ends in a 调解书, so an agreed mediation is on file. */
static int check_mediated(db *d, const char *id, ipc_err *e)
{
	int rc = mediation_agreed(d, id, e);

	if (rc)
		return rc < 0 ? -1 : 0;
	return err_kind(e, IPC_E_RULE, "status", _("a dispute is mediated when the parties have "
			"agreed: record the mediation first (ipcase mediation add --case %.8s "
			"--outcome agreed --agreement …)"), id);
}

static int check_step(db *d, const char *id, const json_t *old, const json_t *state,
		      const char *to, ipc_err *e)
{
	const char *step = procedure_step_approval(jstr(old, "status"), to);

	if ((is(to, "filed") || is(to, "accepted")) && check_panel(state, e))
		return -1;
	if (is(to, "hearing_set") && check_answer(d, state, e))
		return -1;
	if (is(to, "mediated"))
		return check_mediated(d, id, e);
	if (is(to, "decided"))
		return check_decision(d, id, state, e);
	if (is(to, "closed"))
		return check_close(d, id, old, state, e);
	return step ? approval_need(d, id, step, NULL, e) : 0;
}

int procedure_check_case(db *d, const char *id, const json_t *old, const json_t *state,
			 const json_t *set, ipc_err *e)
{
	const char *from = jstr(old, "status"), *to = jstr(state, "status");

	if (check_dates(state, set, e) || check_hearing(state, set, e))
		return -1;
	if (touches(set, "handlers") && !is(to, "clue") && !is(to, "verifying")
	    && !is(to, "refused") && check_panel(state, e))
		return -1;
	if (to && touches(set, "procedure") && workflow_fits(state, to, e))
		return -1;
	if (!old)
		return 0; /* a case entered in a later status: workflow_check_entry, and the head */
	if (check_flag(d, id, old, set, "verify_extended", "extend_verify", e)
	    || check_flag(d, id, old, set, "decision_extended", "extend_decision", e))
		return -1;
	if (!to || is(from, to))
		return 0;
	return check_step(d, id, old, state, to, e);
}

/* ---- officers (行政处罚法 art. 42, 55) ---- */

static int check_officers(const json_t *state, const json_t *set, const char *field,
			  ipc_err *e)
{
	size_t n;

	if (!touches(set, field) && jstr(state, "id"))
		return 0; /* an existing record whose officers this change leaves alone */
	if ((n = certified(json_object_get(state, field))) >= 2)
		return 0;
	return err_kind(e, IPC_E_RULE, field, _("this is done by at least two officers who show "
			"their enforcement certificates (行政处罚法 art. 42, 55), %zu named: set "
			"%s=NAME:CERT,NAME:CERT"), n, field);
}

static int check_measure(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			 const json_t *set, ipc_err *e)
{
	(void)t;
	if (check_officers(state, set, "officers", e))
		return -1;
	if (old || !is(jstr(state, "kind"), "seizure"))
		return 0;
	return approval_need(d, jstr(state, "case_id"), "seizure", NULL, e);
}

/* An inspection or interview: its team is the type's field of officers. */
static int check_team(db *d, const struct rtype *t, const json_t *old, const json_t *state,
		      const json_t *set, ipc_err *e)
{
	(void)d, (void)old;
	for (size_t i = 0; i < t->nfields; i++)
		if (t->fields[i].kind == FK_HANDLERS)
			return check_officers(state, set, t->fields[i].name, e);
	return 0;
}

int procedure_waits(ipc_err *e)
{
	err_wrap(e, _("waits until the procedure allows it"));
	return DB_IMPORT_PENDING;
}

int procedure_judge_import(db *d, const struct rtype *t, const struct op *o,
			   int (*check)(db *, const struct rtype *, const json_t *, const json_t *,
					const json_t *, ipc_err *),
			   ipc_err *e)
{
	json_t *old = db_get(d, o->record, NULL), *state = old ? json_deep_copy(old) : json_object();
	int rc;

	if (!state || json_object_update(state, o->set))
		rc = err_nomem(e);
	else
		rc = check(d, t, old, state, o->set, e) ? procedure_waits(e) : 0;
	json_decref(state);
	json_decref(old);
	return rc;
}

/* The hooks: an archived case's records are read-only (db/rules/archive) before all. */
int procedure_team_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			 json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e)
	       || check_team(d, t, old, state, set, e) ? -1 : 0;
}

int procedure_team_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, check_team, e);
}

int procedure_measure_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			    json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e)
	       || check_measure(d, t, old, state, set, e) ? -1 : 0;
}

int procedure_measure_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, check_measure, e);
}
