/* investigator_terms — the words of the investigator records (FACTS.md §3): tasks, the
 * statuses of an assignment and its life as a state machine, availability; reading one
 * investigator record. Ids are stored in ops: never rename one. */
#include "db/rules/investigator_terms.h"

#include <string.h>

#include "base/i18n.h"
#include "db/db_internal.h"
#include "db/store.h"

/* Shijiazhuang draft art. 39: what an investigator helps with. */
const struct enum_value assignment_tasks[] = {
	{"investigate", "调查", "investigation"},
	{"inquire", "询问", "inquiry"},
	{"inspect", "勘验", "on-site inspection"},
	{"analyse", "分析", "analysis"},
	{"judge", "判断", "judgement"},
	{NULL, NULL, NULL},
};

const struct enum_value assignment_statuses[] = {
	{"proposed", "拟指派", "proposed"},
	{"notified", "已告知当事人", "parties notified"},
	{"accepted", "已接受", "accepted"},
	{"declined", "已谢绝", "declined"},
	{"in_progress", "调查中", "in progress"},
	{"opinion_submitted", "已提交意见", "opinion submitted"},
	{"closed", "已结束", "closed"},
	{"replaced", "已更换", "replaced"},
	{NULL, NULL, NULL},
};

const struct enum_value investigator_availability[] = {
	{"available", "可指派", "available"},
	{"limited", "时间有限", "limited"},
	{"unavailable", "暂不可指派", "unavailable"},
	{NULL, NULL, NULL},
};

static const struct {
	const char *from;
	const char *to[3];
} moves[] = {
	{"proposed", {"notified", "declined", "replaced"}},
	{"notified", {"accepted", "declined", "replaced"}},
	{"accepted", {"in_progress", "replaced"}},
	{"in_progress", {"opinion_submitted", "replaced"}},
	{"opinion_submitted", {"closed"}},
};

size_t assignment_next(const char *from, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		for (size_t k = 0; strcmp(moves[i].from, from) == 0 && k < 3 && moves[i].to[k] && n < max; k++)
			out[n++] = moves[i].to[k];
	return n;
}

bool assignment_status_ok(const char *from, const char *to)
{
	if (!from)
		return strcmp(to, "proposed") == 0;
	if (strcmp(from, to) == 0)
		return true;
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		for (size_t k = 0; strcmp(moves[i].from, from) == 0 && k < 3 && moves[i].to[k]; k++)
			if (strcmp(moves[i].to[k], to) == 0)
				return true;
	return false;
}

bool assignment_open(const char *status)
{
	static const char *const open[] = {"proposed", "notified", "accepted", "in_progress"};

	for (size_t i = 0; status && i < sizeof open / sizeof open[0]; i++)
		if (strcmp(open[i], status) == 0)
			return true;
	return false;
}

json_t *investigator_record(db *d, const char *type, const char *id, ipc_err *e)
{
	json_t *o = id ? db_get(d, id, NULL) : NULL;
	const struct rtype *t = schema_type(type);

	if (o && strcmp(json_string_value(json_object_get(o, "type")), type) == 0)
		return o;
	json_decref(o);
	err_kind(e, IPC_E_NOTFOUND, NULL, _("no %s with id %s"), t ? t->en : type, id ? id : "");
	return NULL;
}

