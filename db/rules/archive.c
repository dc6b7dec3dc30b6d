/* archive — the read-only archived case: which writes and which peers' ops touch an archived
 * case, and the refusal that says how to reopen it. */
#include "db/rules/archive.h"

#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/store.h"

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* The case a record of type t is or belongs to, as `state` (or an op's set) names it. */
static const char *case_of(const struct rtype *t, const char *record, const json_t *state)
{
	const struct rtype *pt = schema_parent_type(t);

	if (is(t->name, "case"))
		return record;
	return pt && is(pt->name, "case") ? jstr(state, t->parent) : NULL;
}

/* The reopening: the one change an archived case takes (the workflow asks for the head's
 * approval). */
static bool reopens(const struct rtype *t, const json_t *set)
{
	return is(t->name, "case") && is(jstr(set, "status"), "closed");
}

/* The clock of the op that archived the case (an archived case takes no later op but the
 * reopening, so it is the case's newest); 0 when the case is not archived here. */
static int64_t archived_at(db *d, const char *case_id)
{
	return case_id ? db_count(d, "SELECT updated_hlc FROM t_case WHERE id = ?"
				  " AND status = 'archived'", case_id) : 0;
}

static int refuse(db *d, const char *case_id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT coalesce(case_no, title) FROM t_case WHERE id = ?", e);
	char name[400] = "";

	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(st, 0) ?: "");
	sqlite3_reset(st);
	return err_kind(e, IPC_E_RULE, "status", _("case %s is archived and read-only: to change it, "
			"reopen it with the head's approval (ipcase approval ask %s reopen --reason "
			"WHY; once the head approves, ipcase case advance %s closed)"),
			name, case_id, case_id);
}

int archive_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			json_t *set, ipc_err *e)
{
	const char *case_id;

	if (is(t->name, "case")) /* the state in hand says */
		return old && is(jstr(old, "status"), "archived") && !reopens(t, set)
		       ? refuse(d, jstr(old, "id"), e) : 0;
	case_id = case_of(t, NULL, state);
	return archived_at(d, case_id) ? refuse(d, case_id, e) : 0;
}

int archive_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	const char *case_id = case_of(t, o->record, o->set);
	json_t *had = NULL;
	int64_t at;
	int rc = 0;

	if (!case_id && !is(t->name, "case") && (had = db_get(d, o->record, NULL)))
		case_id = case_of(t, o->record, had); /* an edit names no case: the record does */
	at = archived_at(d, case_id);
	if (at && o->hlc > at && !reopens(t, o->set))
		rc = refuse(d, case_id, e);
	json_decref(had);
	return rc;
}

int archive_check_handoff(const json_t *kase, ipc_err *e)
{
	const char *status = jstr(kase, "status");

	if (is(status, "archived"))
		return err_kind(e, IPC_E_RULE, "status", _("an archived case is not handed off: it is "
				"read-only, and its procedure has ended here"));
	if (is(status, "closed"))
		return err_kind(e, IPC_E_RULE, "status", _("a closed case is not handed off: its "
				"procedure has ended here"));
	return 0;
}
