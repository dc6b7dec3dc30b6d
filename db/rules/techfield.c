/* techfield — technical fields (技术领域): the built-in list and the extensions an office adds
 * (tech_field records, shared with every office through the collaboration channel). Cases and
 * investigators name them; a code must be known before it is used. */
#include "db/rules/techfield.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "db/db_internal.h"
#include "db/store.h"

/* Ids are stored in ops: never rename one. */
const struct enum_value techfield_builtin[] = {
	{"biomedicine", "生物医药", "biomedicine"},
	{"electronics", "电子信息", "electronics and information"},
	{"integrated_circuits", "集成电路", "integrated circuits"},
	{"equipment_manufacturing", "装备制造", "equipment manufacturing"},
	{"new_materials", "新材料", "new materials"},
	{"new_energy", "新能源", "new energy"},
	{"chemicals", "化工", "chemical engineering"},
	{"modern_food", "现代食品", "modern food"},
	{"agriculture_plant_varieties", "农业与植物新品种", "agriculture and plant varieties"},
	{"software_data", "软件与数据", "software and data"},
	{"machinery", "机械", "machinery"},
	{"automotive", "汽车", "automotive"},
	{NULL, NULL, NULL},
};

static const struct field tech_field_fields[] = {
	{"code", FK_ENUM, FF_REQUIRED | FF_OPEN, techfield_builtin, NULL, "代码", "code", 0},
	{"zh", FK_TEXT, FF_REQUIRED, NULL, NULL, "中文名称", "Chinese name", 60},
	{"en", FK_TEXT, 0, NULL, NULL, "英文名称", "English name", 60},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct enum_value *builtin_tech(const char *code)
{
	for (const struct enum_value *v = techfield_builtin; v->id; v++)
		if (strcmp(v->id, code) == 0)
			return v;
	return NULL;
}

bool techfield_known(db *d, const char *code)
{
	return builtin_tech(code)
	       || db_count(d, "SELECT EXISTS(SELECT 1 FROM t_tech_field WHERE code = ?"
			   " AND coalesce(deleted, 0) = 0)", code);
}

int techfield_check(db *d, const char *code, ipc_err *e)
{
	return techfield_known(d, code) ? 0
	     : err_kind(e, IPC_E_RULE, NULL, _("unknown technical field \"%s\": see ipcase "
						  "techfield list, or add it with ipcase techfield add"),
			code);
}

void techfield_label(db *d, const char *code, bool zh, char *out, size_t n)
{
	const struct enum_value *v = builtin_tech(code);
	sqlite3_stmt *st;

	snprintf(out, n, "%s", v ? (zh ? v->zh : v->en) : code);
	if (v || !(st = db_stmt(d, "SELECT zh, coalesce(en, zh) FROM t_tech_field WHERE code = ?"
				" ORDER BY created_hlc, id LIMIT 1", NULL)))
		return;
	db_bind_text(st, 1, code);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", sqlite3_column_text(st, zh ? 0 : 1));
	sqlite3_reset(st);
}

json_t *techfield_list(db *d, ipc_err *e)
{
	/* two offices may add one code: the first one's names */
	sqlite3_stmt *st = db_stmt(d, "SELECT code, zh, en, min(created_hlc) FROM t_tech_field"
				   " WHERE coalesce(deleted, 0) = 0 GROUP BY code ORDER BY code", e);
	json_t *list;

	if (!st)
		return NULL;
	if (!(list = json_array())) {
		err_nomem(e);
		return NULL;
	}
	for (const struct enum_value *v = techfield_builtin; v->id; v++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:b}", "code", v->id, "zh", v->zh,
						      "en", v->en, "builtin", 1));
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s?,s:b}",
			"code", sqlite3_column_text(st, 0), "zh", sqlite3_column_text(st, 1),
			"en", sqlite3_column_text(st, 2), "builtin", 0));
	sqlite3_reset(st);
	return list;
}


int techfield_add(db *d, const char *code, const char *zh, const char *en, char id[37],
		  ipc_err *e)
{
	const struct rtype *t = &techfield_type;
	json_t *set = json_object();
	int rc = -1;

	if (!set)
		return err_nomem(e);
	if (!schema_parse_into(t, "code", code, set, e) && !schema_parse_into(t, "zh", zh, set, e)
	    && !schema_parse_into(t, "en", en, set, e))
		rc = db_write(d, t->name, NULL, set, id, e);
	json_decref(set);
	return rc;
}

static int tech_field_rules(db *d, const json_t *old, const json_t *state, ipc_err *e)
{
	const char *code = json_string_value(json_object_get(state, "code"));
	const char *was = old ? json_string_value(json_object_get(old, "code")) : NULL;
	const struct enum_value *builtin = schema_enum_find(techfield_builtin, code);

	if (old)
		return strcmp(code, was ? was : "") ? err_set(e, _("the code of a technical field "
								   "cannot change")) : 0;
	if (builtin)
		return err_set(e, _("%s is a built-in technical field (%s)"), code, builtin->zh);
	return techfield_known(d, code) ? err_set(e, _("technical field %s exists"), code) : 0;
}

static int techfield_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
				 json_t *set, ipc_err *e)
{
	(void)t, (void)set;
	return tech_field_rules(d, old, state, e);
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype techfield_type = {
	.name = "tech_field", .zh = "技术领域", .en = "technical field", .table = "t_tech_field",
	.fields = tech_field_fields, .nfields = NF(tech_field_fields), .channel = "collab",
	.check_write = techfield_check_write,
};
