/* credit — the rules of credit disclosure and repair (FACTS.md §12).
 *
 * Invariants kept here: a display's last day is the same day `months` later, the month's last
 * day when it has none (the day of publication not counted, 民法典 arts. 201, 202); a repair is never earlier than repair_months after
 * publication; a decision granting a repair with a failing condition, or refusing one, carries
 * a reason. The record types and commands use these; so does the check of a peer's op. */
#include "db/rules/credit.h"

#include "base/i18n.h"
#include "base/money.h"
#include "db/calendar.h"
#include "db/rules/deadline.h"

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

int credit_decision_check(const bool met[CREDIT_NCONDS], bool granted, const char *reason,
			  ipc_err *e)
{
	bool said = reason && *reason;

	if (!granted && !said)
		return err_kind(e, IPC_E_RULE, "reason", _("a refused repair needs its reason"));
	if (!granted || said)
		return 0;
	for (int c = 0; c < CREDIT_NCONDS; c++)
		if (!met[c])
			return err_kind(e, IPC_E_RULE, "reason",
					_("the repair cannot be granted: the condition \"%s\" "
					  "is not met; give the reason to grant it anyway"),
					credit_cond_name((enum credit_cond)c));
	return 0;
}
