/* threshold — the amounts at or above which a case is a suspected crime to be transferred to
 * the police (行刑衔接, FACTS.md §11). Invariant: amounts are compared in whole fen
 * (money_fen), never in floating point; a value the workspace set that is not money falls
 * back to the default, so the flag never disappears on a typo. */
#include "db/rules/threshold.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/money.h"

/* Defaults: 2010 prosecution standards (立案追诉标准（一）art. 69–70), not checked against
 * the 2025 judicial interpretation: configurable per workspace (FACTS.md §11, unverified). */
const struct threshold thresholds[NTHRESHOLDS] = {
	{"counterfeit_turnover", "counterfeit_mark", "illegal_turnover", 5000000,
	 N_("counterfeiting a registered trademark: illegal turnover")},
	{"counterfeit_gains", "counterfeit_mark", "illegal_gains", 3000000,
	 N_("counterfeiting a registered trademark: illegal gains")},
	{"sale_amount", "sell_counterfeit", "illegal_turnover", 5000000,
	 N_("selling goods bearing a counterfeit trademark: sales")},
	{"sale_unsold", "sell_counterfeit", "unsold_value", 15000000,
	 N_("selling goods bearing a counterfeit trademark: unsold goods' value")},
};

static const char DEFAULT_SOURCE[] =
	N_("2010 prosecution standards, unverified against the 2025 judicial interpretation");

static bool applies(const struct threshold *t, const json_t *kase)
{
	const char *offence = json_string_value(json_object_get(kase, "offence"));

	return !offence || !*offence || strcmp(offence, t->offence) == 0;
}

json_t *threshold_reached(const json_t *kase, const int64_t values[NTHRESHOLDS])
{
	json_t *out = json_array();
	char yuan[24], limit[24];
	int64_t fen;

	for (size_t i = 0; i < NTHRESHOLDS; i++) {
		const char *v = json_string_value(json_object_get(kase, thresholds[i].field));

		if (!applies(&thresholds[i], kase) || !v || !money_fen(v, &fen) || fen < values[i])
			continue;
		money_format(fen, yuan);
		money_format(values[i], limit);
		json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:s}", "name", thresholds[i].name,
						     "field", thresholds[i].field, "amount", yuan,
						     "threshold", limit));
	}
	return out;
}

json_t *threshold_table(db *d, int64_t values[NTHRESHOLDS])
{
	json_t *out = json_array();
	char key[64], v[24], yuan[24];

	for (size_t i = 0; i < NTHRESHOLDS; i++) {
		bool set;

		snprintf(key, sizeof key, "threshold.%s", thresholds[i].name);
		db_meta_get(d, key, v, sizeof v);
		set = v[0] && money_fen(v, &values[i]);
		if (!set)
			values[i] = thresholds[i].def_fen;
		money_format(values[i], yuan);
		json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "name",
						     thresholds[i].name, "offence", thresholds[i].offence,
						     "field", thresholds[i].field, "yuan", yuan, "source",
						     set ? _("workspace setting") : _(DEFAULT_SOURCE),
						     "what", _(thresholds[i].what)));
	}
	return out;
}

json_t *threshold_flag(db *d, const json_t *kase)
{
	int64_t values[NTHRESHOLDS];
	json_t *reached;

	json_decref(threshold_table(d, values));
	reached = threshold_reached(kase, values);
	return json_pack("{s:b,s:o}", "reached", json_array_size(reached) > 0, "thresholds",
			 reached);
}

int threshold_set(db *d, const char *name, const char *yuan, ipc_err *e)
{
	char key[64];
	int64_t fen;
	size_t i;

	for (i = 0; i < NTHRESHOLDS && strcmp(thresholds[i].name, name); i++)
		;
	if (i == NTHRESHOLDS)
		return err_kind(e, IPC_E_USAGE, "name", _("no threshold named \"%.40s\"; thresholds: "
			"counterfeit_turnover, counterfeit_gains, sale_amount, sale_unsold"), name);
	if (!money_fen(yuan, &fen))
		return err_kind(e, IPC_E_USAGE, name, _("%s takes an amount in yuan, not \"%.40s\""),
				name, yuan);
	snprintf(key, sizeof key, "threshold.%s", name);
	return db_meta_set(d, key, yuan, e);
}
