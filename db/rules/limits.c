/* limits — the limits a workspace may set (those FACTS.md marks unverified, and the values a
 * province sets), with their defaults, ranges, units and what each governs. Invariant: a
 * value read is always within 0..max of its limit; a stored value outside it (an older build,
 * a hand edit) reads as the default. The rule modules read them here; db/rules/deadline sets
 * them, since a change recomputes every deadline. */
#include "db/rules/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/db_internal.h"

static const struct limit {
	const char *name;
	int def, max;
	const char *unit, *what;
} limits[] = {
	{"patent_accept_workdays", 5, 60, N_("working days"),
	 N_("patent dispute: accept or refuse the request, from its receipt (clue_on)")},
	{"patent_send_workdays", 5, 60, N_("working days"),
	 N_("patent dispute: send the request to the respondent, from acceptance (filed_on)")},
	{"patent_answer_days", 15, 180, N_("days"),
	 N_("patent dispute: the respondent answers, from receiving the request (respondent_sent_on)")},
	{"patent_close_months", 3, 24, N_("months"),
	 N_("patent dispute: close, from acceptance (filed_on)")},
	{"patent_extend_months", 1, 24, N_("months"),
	 N_("patent dispute: extension of the closing limit (decision_extended=true)")},
	{"legal_review_workdays", 10, 60, N_("working days"),
	 N_("legal review (法制审核): the reviewer's opinion, from review_started_on (unverified)")},
	{"hotline_12345_workdays", 15, 60, N_("working days"),
	 N_("a 12345 transfer answered with its result (办结反馈), from its receipt (unverified)")},
	/* credit (db/rules/credit.c; FACTS.md §12) */
	{"credit_short_months", 3, 120, N_("months"),
	 N_("credit: display of a 通报批评 or a low fine (unverified)")},
	{"credit_long_months", 36, 120, N_("months"),
	 N_("credit: display of any other penalty (unverified)")},
	{"credit_low_fine_yuan", 0, 1000000, N_("yuan"),
	 N_("credit: a fine below this is low, as the province sets it (0: none is low)")},
	{"credit_repair_months", 6, 60, N_("months"),
	 N_("credit: display before a repair can be asked (unverified)")},
	/* transfer to the police (db/rules/police.c; FACTS.md §11): calendar days */
	{"police_decision_days", 3, 60, N_("days"),
	 N_("police: decide whether to open a case, from receipt (Order No. 310 art. 8; "
	    "unverified for complex cases)")},
	/* trade fairs (db/rules/fair.c; FACTS.md §13) */
	{"fair_pass_hours", 24, 720, N_("hours"),
	 N_("trade fair: a complaint passed to the IP department, from its receipt (展会知识产权保护办法; "
	    "unverified)")},
};
#define NLIMITS (sizeof limits / sizeof limits[0])

static const struct limit *limit_find(const char *name)
{
	for (size_t i = 0; i < NLIMITS; i++)
		if (strcmp(limits[i].name, name) == 0)
			return &limits[i];
	return NULL;
}

/* The workspace's value (settings key limit.<name>), else the default. */
static int limit_value(db *d, const struct limit *l)
{
	char key[64], v[16], *end;
	long n;

	snprintf(key, sizeof key, "limit.%s", l->name);
	db_meta_get(d, key, v, sizeof v);
	n = strtol(v, &end, 10);
	return v[0] && !*end && n >= 0 && n <= l->max ? (int)n : l->def;
}

int limits_get(db *d, const char *name)
{
	return limit_value(d, limit_find(name));
}

json_t *limits_list(db *d)
{
	json_t *list = json_array();

	for (size_t i = 0; i < NLIMITS; i++)
		json_array_append_new(list, json_pack("{s:s,s:i,s:i,s:s,s:s}", "name", limits[i].name,
			"value", limit_value(d, &limits[i]), "default", limits[i].def,
			"unit", _(limits[i].unit), "what", _(limits[i].what)));
	return list;
}

int limits_store(db *d, const char *name, int value, ipc_err *e)
{
	const struct limit *l = limit_find(name);
	char key[64], v[16];

	if (!l) {
		char list[400] = "";
		for (size_t i = 0; i < NLIMITS; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
				 limits[i].name);
		return err_set(e, _("no limit named \"%.40s\"; limits: %s"), name, list);
	}
	if (value < 0 || value > l->max)
		return err_set(e, _("%s takes 0 to %d (%s)"), name, l->max, _(l->unit));
	snprintf(key, sizeof key, "limit.%s", name);
	snprintf(v, sizeof v, "%d", value);
	return db_meta_set(d, key, v, e);
}
