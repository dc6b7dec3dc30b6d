/* workflow — allowed transitions of a case and the requirements of each step. */
#include "db/rules/workflow.h"
#include "base/i18n.h"
#include "base/json.h"

#include <string.h>

#include "db/rules/case_terms.h"
#include "db/schema.h"

struct step {
	const char *from;
	const char *to[6];
};

/* Order No. 2: clue → verification → filing (or not) → investigation (suspension, termination
 * on the side) → investigation closed → legal review → notice → statement/hearing → decision →
 * service → execution → closed → archived. A case may be transferred (to another region, or
 * to the police, 行刑衔接) before its decision, or by a transfer decision. An archived case
 * is reopened by going back to closed.
 * A patent dispute (FACTS.md §2; Liuzhou art. 9): request (clue) → accepted or refused →
 * copy served on the respondent → answer (or its time passes) → oral hearing notified →
 * held → mediated (a 调解书) or ruled (处理决定) → served → closed. One table holds both:
 * a fold's status_ok has no case, so the relation stays from → to, and which procedure a
 * status belongs to (procs below) is judged on write and import. */
static const struct step steps[] = {
	{"clue", {"verifying", "transferred", "accepted", "refused"}},
	{"verifying", {"filed", "not_filed", "transferred"}},
	{"not_filed", {"archived"}},
	{"filed", {"investigating", "transferred"}},
	{"investigating", {"investigation_closed", "suspended", "terminated", "transferred"}},
	{"suspended", {"investigating", "terminated"}},
	{"terminated", {"closed"}},
	{"investigation_closed", {"legal_review", "investigating"}},
	{"legal_review", {"notified", "decided", "investigating"}},
	{"notified", {"hearing", "decided"}},
	{"hearing", {"decided"}},
	{"decided", {"served", "transferred"}},
	{"served", {"executing", "closed"}},
	{"executing", {"closed"}},
	{"transferred", {"closed"}},
	{"closed", {"archived"}},
	{"archived", {"closed"}}, /* reopened, with the head's approval (db/rules/procedure) */
	{"refused", {"archived"}},
	{"accepted", {"copy_sent"}},
	{"copy_sent", {"answered", "hearing_set", "mediated"}},
	{"answered", {"hearing_set", "mediated"}},
	{"hearing_set", {"heard", "mediated"}},
	{"heard", {"mediated", "ruled"}},
	{"mediated", {"closed"}},
	{"ruled", {"served"}},
};

enum { PENALTY = 1, PATENT = 2 };

/* The procedures each status belongs to; a status not listed belongs to both. */
static const struct {
	const char *status;
	unsigned procs;
} procs[] = {
	{"verifying", PENALTY}, {"filed", PENALTY}, {"not_filed", PENALTY},
	{"investigating", PENALTY}, {"suspended", PENALTY}, {"terminated", PENALTY},
	{"investigation_closed", PENALTY}, {"legal_review", PENALTY}, {"notified", PENALTY},
	{"hearing", PENALTY}, {"decided", PENALTY}, {"executing", PENALTY},
	{"transferred", PENALTY},
	{"accepted", PATENT}, {"refused", PATENT}, {"copy_sent", PATENT}, {"answered", PATENT},
	{"hearing_set", PATENT}, {"heard", PATENT}, {"mediated", PATENT}, {"ruled", PATENT},
};

static unsigned proc_of(const char *procedure)
{
	return procedure && strcmp(procedure, "patent_dispute") == 0 ? PATENT : PENALTY;
}

bool workflow_in_procedure(const char *procedure, const char *status)
{
	for (size_t i = 0; i < sizeof procs / sizeof procs[0]; i++)
		if (strcmp(procs[i].status, status) == 0)
			return procs[i].procs & proc_of(procedure);
	return true;
}

static const struct step *step_of(const char *from)
{
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].from, from) == 0)
			return &steps[i];
	return NULL;
}

bool workflow_allowed(const char *from, const char *to)
{
	const struct step *s = step_of(from);

	for (int i = 0; s && i < 6 && s->to[i]; i++)
		if (strcmp(s->to[i], to) == 0)
			return true;
	return false;
}

size_t workflow_next(const char *procedure, const char *from, const char **out, size_t max)
{
	const struct step *s = step_of(from);
	size_t n = 0;

	for (int i = 0; s && i < 6 && s->to[i] && n < max; i++)
		if (workflow_in_procedure(procedure, s->to[i]))
			out[n++] = s->to[i];
	return n;
}

/* A status in a message: its id under C (what `case advance` takes), its Chinese label in
 * Chinese (which it takes too). */
static const char *status_name(const char *id)
{
	return i18n_zh() ? schema_enum_label(case_statuses, id, true) : id;
}

int workflow_fits(const json_t *state, const char *status, ipc_err *e)
{
	const char *procedure = jstr(state, "procedure");

	if (workflow_in_procedure(procedure, status))
		return 0;
	if (proc_of(procedure) == PATENT)
		return err_kind(e, IPC_E_RULE, "status", _("%s is a step of the penalty procedure, "
				"not of a patent dispute (procedure=patent_dispute), which goes: "
				"accepted or refused, copy_sent, answered, hearing_set, heard, "
				"mediated or ruled, served, closed"), status_name(status));
	return err_kind(e, IPC_E_RULE, "status", _("%s is a step of a patent dispute, not of "
			"the penalty procedure: set procedure=patent_dispute on a patent dispute's "
			"request"), status_name(status));
}

/* Order No. 2 art. 19: filing names two or more officers with enforcement certificates. */
static int check_handlers(const json_t *state, ipc_err *e)
{
	const json_t *hs = json_object_get(state, "handlers"), *h;
	size_t i, certified = 0;

	json_array_foreach(hs, i, h) {
		const char *cert = jstr(h, "cert");
		if (cert && *cert)
			certified++;
	}
	if (certified < 2)
		return err_kind(e, IPC_E_RULE, "handlers", _("filing needs two or more handlers with "
				"enforcement certificate numbers (has %zu): set "
				"handlers=NAME:CERT,NAME:CERT"), certified);
	return 0;
}

static int check_decision(const char *from, const char *to, const json_t *state, ipc_err *e)
{
	const char *type = jstr(state, "decision_type");

	if (strcmp(to, "decided") == 0) {
		if (!type)
			return err_kind(e, IPC_E_RULE, "decision_type", _("a decision needs its type: set "
					"decision_type=penalty, no_penalty, transfer_other or "
					"transfer_judicial"));
		/* 行政处罚法 art. 44: a penalty is preceded by the notice of intended penalty */
		if (strcmp(from, "legal_review") == 0 && strcmp(type, "penalty") == 0)
			return err_kind(e, IPC_E_RULE, "status", _("a penalty decision comes after the "
					"notice (告知): advance to notified first"));
		if (strcmp(type, "penalty") == 0 && !jstr(state, "penalty") && !jstr(state, "fine"))
			return err_kind(e, IPC_E_RULE, "penalty",
					_("a penalty decision needs its content: set penalty=… or fine=…"));
	}
	if (strcmp(from, "decided") == 0 && strcmp(to, "transferred") == 0
	    && (!type || strncmp(type, "transfer_", 9) != 0))
		return err_kind(e, IPC_E_RULE, "decision_type", _("after a decision a case is "
				"transferred only by a transfer decision (decision_type=transfer_other "
				"or transfer_judicial)"));
	return 0;
}

/* A patent dispute's steps: what they need of the case beyond their date. */
static int check_patent(const char *to, const json_t *state, ipc_err *e)
{
	if (strcmp(to, "refused") == 0 && !jstr(state, "refusal_reason"))
		return err_kind(e, IPC_E_RULE, "refusal_reason", _("refusing a patent dispute "
				"needs its reason: set refusal_reason=…"));
	if (strcmp(to, "ruled") == 0 && !jstr(state, "ruling"))
		return err_kind(e, IPC_E_RULE, "ruling", _("a ruling (处理决定) says what was "
				"decided: set ruling=order_stop (责令停止侵权) or dismissed (驳回请求)"));
	return 0;
}

/* The date each step records. */
static const struct {
	const char *status, *field;
} step_dates[] = {
	{"filed", "filed_on"},   {"decided", "decided_on"}, {"served", "served_on"},
	{"closed", "closed_on"}, {"notified", "notified_on"}, {"legal_review", "review_started_on"},
	{"archived", "archived_on"}, {"accepted", "filed_on"}, {"copy_sent", "respondent_sent_on"},
	{"answered", "answered_on"}, {"hearing_set", "hearing_notice_on"}, {"heard", "hearing_on"},
	{"ruled", "decided_on"},
};

int workflow_check(const char *from, const char *to, const json_t *state, json_t *set,
		   const char *today, ipc_err *e)
{
	if (!schema_enum_find(case_statuses, to))
		return err_kind(e, IPC_E_RULE, "status", _("unknown status \"%.40s\""), to);
	if (workflow_fits(state, to, e))
		return -1;
	if (!workflow_allowed(from, to)) {
		const char *next[6];
		char list[200] = "";
		size_t n = workflow_next(jstr(state, "procedure"), from, next, 6);
		for (size_t i = 0; i < n; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				 i ? (i18n_zh() ? "、" : ", ") : "", status_name(next[i]));
		return err_kind(e, IPC_E_RULE, "status",
				_("a case in status %s cannot move to %s; allowed: %s"), status_name(from),
				status_name(to), n ? list : _("none (final)"));
	}
	if (strcmp(to, "filed") == 0 && check_handlers(state, e))
		return -1;
	if (check_decision(from, to, state, e) || check_patent(to, state, e))
		return -1;
	for (size_t i = 0; i < sizeof step_dates / sizeof step_dates[0]; i++)
		if (strcmp(step_dates[i].status, to) == 0 && !jstr(state, step_dates[i].field)
		    && json_object_set_new(set, step_dates[i].field, json_string(today)))
			return err_nomem(e);
	/* the day the status took effect: when a suspension or a hearing began and ended */
	if (!json_object_get(set, "status_on")
	    && json_object_set_new(set, "status_on", json_string(today)))
		return err_nomem(e);
	return 0;
}

/* Statuses a case reaches without filing: no case number, no handlers required. */
static const char *const unfiled[] = {"clue", "verifying", "not_filed", "transferred",
	"refused"};
/* Statuses that follow a decision. */
static const char *const after_decision[] = {"decided", "served", "executing"};
/* A patent dispute's statuses that follow its ruling. */
static const char *const after_ruling[] = {"ruled", "served"};

static bool in(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

bool workflow_numbered(const char *status)
{
	return !in(status, unfiled, sizeof unfiled / sizeof unfiled[0]);
}

int workflow_check_entry(const char *to, const json_t *state, json_t *set, const char *today,
			 ipc_err *e)
{
	bool patent = proc_of(jstr(state, "procedure")) == PATENT;

	if (!schema_enum_find(case_statuses, to))
		return err_kind(e, IPC_E_RULE, "status", _("unknown status \"%.40s\""), to);
	if (workflow_fits(state, to, e) || (workflow_numbered(to) && check_handlers(state, e)))
		return -1;
	if (!patent && in(to, after_decision, sizeof after_decision / sizeof after_decision[0])
	    && check_decision("notified", "decided", state, e))
		return -1;
	if (patent && (check_patent(to, state, e)
		       || (in(to, after_ruling, sizeof after_ruling / sizeof after_ruling[0])
			   && check_patent("ruled", state, e))))
		return -1;
	if (workflow_numbered(to) && !jstr(state, "filed_on")
	    && json_object_set_new(set, "filed_on", json_string(today)))
		return err_nomem(e);
	return 0;
}
