/* inspection — the GI checklist of an inspection and the clue an inspection opens. */
#include "db/rules/inspection.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db.h"
#include "db/rules/procedure.h"
#include "db/rules/watch.h"
#include "db/store.h"

/* Chinese names short enough for a menu at 80 columns; the article's wording is in the man
 * page and docs/ARCHITECTURE.md. */
const struct enum_value gi_uses[] = {
	{"name_outside_area", "产地外使用受保护名称",
	 N_("protected name on like goods from outside the area")},
	{"similar_name_outside", "产地外使用近似名称误导",
	 N_("similar name on goods from outside the area, misleading")},
	{"name_with_qualifier", "产地外名称加注“种”“型”等",
	 N_("protected name from outside the area even with true origin, translation or 'type'")},
	{"substandard_in_area", "产地内不达标产品使用名称",
	 N_("protected name on goods of the area not meeting the standard")},
	{"name_as_trade_name", "作企业字号误导",
	 N_("protected name as the trade name of a firm, misleading")},
	{"mark_misused", "冒用专用标志", N_("the official GI mark used without right")},
	{"similar_mark", "使用近似标志误导", N_("a mark like the official GI mark, misleading")},
	{"selling", "销售上述产品", N_("selling such goods")},
	{"mark_forged", "伪造专用标志", N_("the official GI mark forged")},
	{"other", "其他违法行为", N_("other unlawful use")},
	{NULL, NULL, NULL},
};

static int gi_check(db *d, const struct rtype *t, const json_t *old, const json_t *state,
		    const json_t *set, ipc_err *e)
{
	(void)d, (void)t, (void)old, (void)set;
	if (json_array_size(json_object_get(state, "gi_findings")) && !jstr(state, "gi_product"))
		return err_kind(e, IPC_E_RULE, "gi_product", _("GI findings name the geographical "
				"indication product they were found on (gi_product)"));
	return 0;
}

int inspection_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			   json_t *set, ipc_err *e)
{
	return procedure_team_write(d, t, old, state, set, e) || gi_check(d, t, old, state, set, e)
	       || watch_market_check(d, set, e) ? -1 : 0;
}

int inspection_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = procedure_team_import(d, t, o, e);
	return rc ? rc : procedure_judge_import(d, t, o, gi_check, e);
}

/* The findings as text, then each GI finding on a line of its own. */
static char *clue_notes(const json_t *insp, bool zh)
{
	const json_t *uses = json_object_get(insp, "gi_findings"), *u;
	const char *findings = jstr(insp, "findings");
	size_t i, n = strlen(findings ? findings : "") + 1;
	char *out, *p;

	json_array_foreach(uses, i, u)
		n += strlen(schema_enum_label(gi_uses, json_string_value(u) ?: "", zh)) + 8;
	if (!(p = out = malloc(n)))
		return NULL;
	p += sprintf(p, "%s", findings ? findings : "");
	json_array_foreach(uses, i, u)
		p += sprintf(p, "%s%s", p > out ? "\n- " : "- ",
			     schema_enum_label(gi_uses, json_string_value(u) ?: "", zh));
	return out;
}

json_t *inspection_clue_fields(const json_t *insp, bool zh)
{
	static const struct {
		const char *to, *from;
	} carry[] = {{"place", "place_name"}, {"place_kind", "place_kind"}, {"region", "region"},
		     {"campaign", "campaign"}};
	const char *product = jstr(insp, "gi_product"), *place = jstr(insp, "place_name");
	bool gi = json_array_size(json_object_get(insp, "gi_findings")) > 0;
	json_t *set = json_pack("{s:s}", "source", "inspection");
	char *notes = clue_notes(insp, zh), title[2 * SCHEMA_LINE_MAX];

	if (!set || !notes)
		goto fail;
	for (size_t i = 0; i < sizeof carry / sizeof carry[0]; i++)
		if (jstr(insp, carry[i].from)
		    && json_object_set(set, carry[i].to, json_object_get(insp, carry[i].from)))
			goto fail;
	if (gi)
		snprintf(title, sizeof title, _("%s: suspected misuse of the geographical indication "
						"%s"), place ? place : "", product ? product : "");
	else
		snprintf(title, sizeof title, "%s", place ? place : "");
	if (json_object_set_new(set, "title", json_string(title))
	    || (*notes && json_object_set_new(set, "notes", json_string(notes)))
	    || (gi && json_object_set_new(set, "ip_type", json_string("geographical_indication"))))
		goto fail;
	free(notes);
	return set;
fail:
	free(notes);
	json_decref(set);
	return NULL;
}

int inspection_clue(db *d, const char *id, const json_t *over, char case_id[37], ipc_err *e)
{
	json_t *insp = db_get(d, id, e), *set = NULL, *link = NULL;
	int rc = -1;

	if (!insp)
		return -1;
	if (strcmp(jstr(insp, "type") ?: "", "inspection")) {
		err_kind(e, IPC_E_NOTFOUND, "id", _("%s is not an inspection"), id);
		goto out;
	}
	if (jstr(insp, "case_id")) {
		err_kind(e, IPC_E_RULE, "case_id", _("the inspection already belongs to case %s"),
			 jstr(insp, "case_id"));
		goto out;
	}
	if (!(set = inspection_clue_fields(insp, i18n_zh()))
	    || (over && json_object_update(set, (json_t *)over)) || !(link = json_object())) {
		err_nomem(e);
		goto out;
	}
	if (db_begin(d, e))
		goto out;
	if (db_write(d, "case", NULL, set, case_id, e)
	    || (json_object_set_new(link, "case_id", json_string(case_id)) && err_nomem(e))
	    || db_write(d, "inspection", id, link, NULL, e) || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	rc = 0;
out:
	json_decref(insp);
	json_decref(set);
	json_decref(link);
	return rc;
}
