/* collab_rules — the transitions and roles of a request, its replayed status, the checks of
 * local writes and peers' ops. (What keeps confidential values out of them is db/guard, for
 * every type of the collaboration channel.) */
#include "db/rules/collab_rules.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/case_terms.h"
#include "db/rules/deadline.h"
#include "db/rules/office.h"
#include "db/rules/package.h"
#include "db/rules/roster_rules.h"
#include "db/seal.h"
#include "db/store.h"

#define LINE 300  /* bytes of a one-line field */
#define TEXT 4000 /* bytes of a multi-line field */

const struct enum_value collab_kinds[] = {
	{"clue_transfer", "线索移送", N_("clue transfer")},
	{"case_transfer", "案件移送", N_("case transfer")},
	{"investigation_assistance", "协助调查", N_("investigation assistance")},
	{"execution_assistance", "协助执行", N_("execution assistance")},
	{"joint_enforcement", "联合执法", N_("joint enforcement")},
	{"evidence_recognition", "证据互认", N_("evidence recognition")},
	{"case_notification", "案情通报", N_("case notification")},
	{"case_consultation", "案件会商", N_("case consultation")},
	{NULL, NULL, NULL},
};

const struct enum_value collab_actions[] = {
	{"send", "发送", N_("send")},
	{"receive", "签收", N_("receive")},
	{"accept", "受理", N_("accept")},
	{"decline", "不予受理", N_("decline")},
	{"progress", "办理", N_("progress")},
	{"answer", "答复", N_("answer")},
	{"close", "办结", N_("close")},
	{"reply", "回复", N_("reply")},
	{"attach", "附件", N_("attach")},
	{NULL, NULL, NULL},
};

const struct enum_value collab_statuses[] = {
	{"draft", "草稿", N_("draft")},
	{"sent", "已发送", N_("sent")},
	{"received", "已签收", N_("received")},
	{"accepted", "已受理", N_("accepted")},
	{"declined", "不予受理", N_("declined")},
	{"in_progress", "办理中", N_("in progress")},
	{"answered", "已答复", N_("answered")},
	{"closed", "已办结", N_("closed")},
	{NULL, NULL, NULL},
};

static const struct field request_fields[] = {
	{"kind", FK_ENUM, FF_REQUIRED, collab_kinds, NULL, "协作类型", "kind", 0},
	{"from_office", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "发起单位", "from office", 0},
	{"to_office", FK_REGION, FF_REQUIRED, NULL, NULL, "接收单位", "to office", 0},
	{"case_id", FK_REF, FF_SYSTEM, NULL, "case", "关联案件", "case", 0},
	{"origin_case_no", FK_TEXT, FF_SYSTEM, NULL, NULL, "案号", "case no.", 160},
	{"subject", FK_TEXT, FF_REQUIRED, NULL, NULL, "事由", "subject", LINE},
	{"body", FK_TEXT, 0, NULL, NULL, "请求事项", "what is asked", TEXT},
	{"summary", FK_TEXT, 0, NULL, NULL, "案情摘要", "shared summary", TEXT},
	{"limit_days", FK_INT, 0, NULL, NULL, "答复期限(工作日)", "response limit (working days)", 0},
	/* a handoff (case_transfer): the case's shareable fields in clear, the rest sealed */
	{"package", FK_TEXT, FF_SYSTEM, NULL, NULL, "移送材料", "handoff package", 40000},
	{"sealed", FK_TEXT, FF_SYSTEM | FF_CIPHER, NULL, NULL, "密封内容", "sealed part", 16000},
};

static const struct field step_fields[] = {
	{"request_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "collab_request", "协作请求",
	 "request", 0},
	{"action", FK_ENUM, FF_REQUIRED, collab_actions, NULL, "动作", "action", 0},
	{"text", FK_TEXT, 0, NULL, NULL, "内容", "text", TEXT},
	{"due", FK_DATE, 0, NULL, NULL, "答复期限", "due", 0},
	/* false: counted past the years the calendar knows (weekends only) */
	{"due_confirmed", FK_BOOL, 0, NULL, NULL, "期限已核实", "due confirmed", 0},
	/* attach: an evidence item with its file and hash */
	{"evidence_id", FK_REF, 0, NULL, "evidence", "原证据", "origin evidence", 0},
	{"kind", FK_ENUM, 0, case_evidence_kinds, NULL, "证据种类", "kind", 0},
	{"description", FK_TEXT, 0, NULL, NULL, "说明", "description", TEXT},
	{"collected_at", FK_DATETIME, 0, NULL, NULL, "取证时间", "collected at", 0},
	{"collected_place", FK_TEXT, 0, NULL, NULL, "取证地点", "collected where", LINE},
	{"collected_by", FK_TEXT, 0, NULL, NULL, "取证人", "collected by", LINE},
	{"file_name", FK_TEXT, FF_SYSTEM, NULL, NULL, "文件名", "file name", 255},
	{"file_sha256", FK_SHA256, FF_SYSTEM, NULL, NULL, "SHA-256", "SHA-256", 0},
	{"file_size", FK_INT, FF_SYSTEM, NULL, NULL, "大小", "size", 0},
};

enum { S = COLLAB_SENDER, R = COLLAB_RECEIVER };

/* Every step an office may take, from which statuses, and where it leads. */
static const struct rule {
	const char *action;
	int roles;
	const char *from[8];
	const char *to; /* NULL: the status stays */
} rules[] = {
	{"send", S, {"draft"}, "sent"},
	{"receive", R, {"sent"}, "received"},
	{"accept", R, {"received"}, "accepted"},
	{"decline", R, {"received"}, "declined"},
	{"progress", R, {"accepted", "in_progress"}, "in_progress"},
	{"answer", R, {"accepted", "in_progress"}, "answered"},
	{"close", S, {"draft", "sent", "received", "accepted", "in_progress", "declined", "answered"},
	 "closed"},
	{"reply", S | R, {"sent", "received", "accepted", "in_progress", "declined", "answered"}, NULL},
	{"attach", S, {"draft", "sent", "received", "accepted", "in_progress", "declined", "answered"},
	 NULL},
	{"attach", R, {"received", "accepted", "in_progress", "answered"}, NULL},
};

#define NRULES (sizeof rules / sizeof rules[0])

/* The role a step needs: accepting or declining commits the office, so its head decides. */
static unsigned step_role(const char *action)
{
	return strcmp(action, "accept") == 0 || strcmp(action, "decline") == 0 ? ROLE_HEAD
									      : ROLE_HANDLER;
}

static bool rule_from(const struct rule *r, const char *status)
{
	for (size_t i = 0; i < 8 && r->from[i]; i++)
		if (strcmp(r->from[i], status) == 0)
			return true;
	return false;
}

const char *collab_transition(const char *status, const char *action, int role)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(rules[i].action, action) == 0 && (rules[i].roles & role)
		    && rule_from(&rules[i], status))
			return rules[i].to ? rules[i].to : status;
	return NULL;
}

/* May an office in `role` ever take this action? (what a peer's op is checked against: its
 * status depends on steps that may not have arrived yet) */
static bool collab_may(const char *action, int role)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(rules[i].action, action) == 0 && (rules[i].roles & role))
			return true;
	return false;
}

void collab_allowed(const char *status, int role, char *out, size_t n)
{
	out[0] = '\0';
	for (const struct enum_value *a = collab_actions; a->id; a++)
		if (collab_transition(status, a->id, role) && strlen(out) + strlen(a->id) + 3 < n)
			snprintf(out + strlen(out), n - strlen(out), "%s%s", *out ? ", " : "", a->id);
	if (!*out)
		snprintf(out, n, "%s", _("none"));
}

int collab_role(const json_t *request, const char *office)
{
	const char *from = jstr(request, "from_office"), *to = jstr(request, "to_office");

	if (from && strcmp(from, office) == 0)
		return S;
	return to && strcmp(to, office) == 0 ? R : COLLAB_NONE;
}

/* The two offices of a request as stored: 1 found, 0 none. */
static int ends_get(db *d, const char *request, json_t **out, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT from_office, to_office, case_id FROM t_collab_request"
				   " WHERE id = ?", e);
	int found;

	*out = NULL;
	if (!st)
		return -1;
	db_bind_text(st, 1, request);
	if ((found = sqlite3_step(st) == SQLITE_ROW))
		*out = json_pack("{s:s,s:s,s:s?,s:s}", "from_office", sqlite3_column_text(st, 0),
				 "to_office", sqlite3_column_text(st, 1), "case_id",
				 sqlite3_column_text(st, 2), "id", request);
	sqlite3_reset(st);
	return found && !*out ? err_nomem(e) : found;
}

int collab_status_get(db *d, const char *request, char status[16], char due[11], bool *accepted,
		      ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT status, coalesce(due, ''), accepted FROM collab_status"
				   " WHERE request = ?", e);

	status[0] = due[0] = '\0';
	*accepted = false;
	if (!st)
		return -1;
	db_bind_text(st, 1, request);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(status, 16, "%s", sqlite3_column_text(st, 0));
		snprintf(due, 11, "%s", sqlite3_column_text(st, 1));
		*accepted = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return 0;
}

/* ---- the replay ---- */

struct replay {
	char status[16], due[11];
	bool due_confirmed, accepted;
	int64_t changed;
};

static int replay_steps(db *d, const char *request, const json_t *ends, struct replay *r,
			ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT s.action, coalesce(s.due, ''), coalesce(a.office, ''),"
				   " s.created_hlc, coalesce(s.due_confirmed, 1) FROM t_collab_step s LEFT JOIN actors a ON a.key ="
				   " s.creator WHERE s.request_id = ? ORDER BY s.created_hlc, s.creator, s.id", e);

	if (!st)
		return -1;
	db_bind_text(st, 1, request);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *action = (const char *)sqlite3_column_text(st, 0);
		const char *next = collab_transition(r->status, action,
			collab_role(ends, (const char *)sqlite3_column_text(st, 2)));
		if (!next)
			continue; /* concurrent, or out of turn: it stays in the thread, without effect */
		if (next != r->status) /* reply and attach return the status itself */
			snprintf(r->status, sizeof r->status, "%s", next);
		if (strcmp(action, "send") == 0) {
			snprintf(r->due, sizeof r->due, "%s", sqlite3_column_text(st, 1));
			r->due_confirmed = sqlite3_column_int(st, 4);
		}
		r->accepted |= strcmp(action, "accept") == 0;
		r->changed = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return 0;
}

static int status_refresh(db *d, const char *request, ipc_err *e)
{
	struct replay r = {.status = "draft", .due_confirmed = true};
	sqlite3_stmt *st;
	json_t *ends;
	int rc, found = ends_get(d, request, &ends, e);

	if (found <= 0)
		return found; /* a step stored before its request: refused earlier, never here */
	rc = replay_steps(d, request, ends, &r, e);
	json_decref(ends);
	if (rc || !(st = db_stmt(d, "INSERT OR REPLACE INTO collab_status(request, status, due,"
				 " due_confirmed, accepted, changed_hlc) VALUES(?, ?, nullif(?, ''), ?, ?, ?)",
				 e)))
		return -1;
	db_bind_text(st, 1, request);
	db_bind_text(st, 2, r.status);
	db_bind_text(st, 3, r.due);
	sqlite3_bind_int(st, 4, r.due_confirmed);
	sqlite3_bind_int(st, 5, r.accepted);
	sqlite3_bind_int64(st, 6, r.changed);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, "keeping the request's status");
	return deadline_refresh_request(d, request, e);
}

/* The fold's hook: a request's status is the replay of its steps, kept in collab_status. */
static int request_folded(db *d, const struct rtype *t, const char *record, const json_t *state,
			  bool is_new, ipc_err *e)
{
	(void)t, (void)state, (void)is_new;
	return status_refresh(d, record, e);
}

static int step_folded(db *d, const struct rtype *t, const char *record, const json_t *state,
		       bool is_new, ipc_err *e)
{
	(void)t, (void)record, (void)is_new;
	return status_refresh(d, jstr(state, "request_id"), e);
}

/* ---- checks of a request and a step, wherever they come from ---- */

/* What a request must be by itself: two different offices; a handoff, and only a handoff,
 * carries a package and its sealed part, both well formed and the package without
 * confidential fields. */
static int request_shape(const json_t *r, ipc_err *e)
{
	const char *kind = jstr(r, "kind"), *package = jstr(r, "package"), *sealed = jstr(r, "sealed");
	json_int_t days = json_integer_value(json_object_get(r, "limit_days"));
	bool transfer = kind && strcmp(kind, "case_transfer") == 0;
	json_t *seal;
	int rc;

	if (strcmp(jstr(r, "from_office"), jstr(r, "to_office")) == 0)
		return err_set(e, _("a request goes to another office, not to its own"));
	if (json_object_get(r, "limit_days") && (days < 1 || days > 60))
		return err_set(e, _("the response limit is 1 to 60 working days"));
	if (transfer != (package != NULL) || transfer != (sealed != NULL))
		return err_set(e, transfer ? _("a case transfer is made with ipcase handoff CASE_ID "
					       "--to OFFICE, which packs and seals the case")
				 : _("only a case transfer carries a case package"));
	if (!transfer)
		return 0;
	if (package_check(package, e))
		return -1;
	seal = json_loads(sealed, 0, NULL);
	rc = seal_check(seal, e);
	json_decref(seal);
	return rc;
}

static int step_shape(const json_t *s, ipc_err *e)
{
	const char *action = jstr(s, "action"), *text = jstr(s, "text");

	if (strcmp(action, "decline") == 0 && (!text || !*text))
		return err_set(e, _("declining a request needs its reason"));
	if (strcmp(action, "send") == 0 && !jstr(s, "due"))
		return err_set(e, _("a request is sent with its response date"));
	if (strcmp(action, "attach") == 0 && !jstr(s, "description") && !jstr(s, "file_sha256"))
		return err_set(e, _("an attachment needs a file or a description"));
	return 0;
}

static int step_check_write(db *d, const json_t *step, ipc_err *e)
{
	const char *office = db_self(d)->office, *action = jstr(step, "action");
	char status[16], due[11], allowed[200];
	bool accepted;
	json_t *req = NULL;
	int role, rc = -1;
	int found = ends_get(d, jstr(step, "request_id"), &req, e);

	if (found <= 0)
		return found ? -1 : err_kind(e, IPC_E_NOTFOUND, NULL,
					     _("no collaboration request with id %s"),
					     jstr(step, "request_id"));
	role = collab_role(req, office);
	if (collab_status_get(d, jstr(req, "id"), status, due, &accepted, e))
		goto out;
	if (!role) {
		err_set(e, _("this request is between offices %s and %s; office %s takes no part in "
			     "it"), jstr(req, "from_office"), jstr(req, "to_office"), office);
		goto out;
	}
	if (!collab_transition(status, action, role)) {
		collab_allowed(status, role, allowed, sizeof allowed);
		err_set(e, _("a request in status %s cannot take the step %s by the %s office now; "
			     "allowed: %s"), status, action, role == S ? _("sending") : _("receiving"),
			allowed);
		goto out;
	}
	rc = step_shape(step, e) || roster_need_role(d, step_role(action), action, e) ? -1 : 0;
out:
	json_decref(req);
	return rc;
}

/* A local write of a request or a step (the types' check_write hook). */
static int collab_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			      json_t *set, ipc_err *e)
{
	(void)set;
	if (old)
		return err_set(e, _("collaboration records are written once: add a step to the "
				    "request instead"));
	if (t == &collab_step_type)
		return step_check_write(d, state, e);
	if (strcmp(jstr(state, "from_office"), db_self(d)->office) != 0)
		return err_set(e, _("a request is sent from this workspace's own office %s"),
			       db_self(d)->office);
	return request_shape(state, e) || roster_need_role(d, ROLE_HANDLER, _("a request"), e)
	       ? -1 : 0;
}

/* ---- a peer's op ---- */

static bool stored(db *d, const struct rtype *t, const char *id)
{
	char sql[96];
	sqlite3_stmt *st;
	bool yes;

	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?", t->table);
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return true; /* refuse rather than guess */
	db_bind_text(st, 1, id);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* A peer's request or step (the types' check_import hook). */
static int collab_check_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	struct authority a;
	const char *office = a.office, *action;
	json_t *req = NULL;
	int rc;

	if (json_array_size(o->deps) || stored(d, t, o->record))
		return err_set(e, _("collaboration records are written once; this op changes one"));
	for (size_t i = 0; i < t->nfields; i++)
		if ((t->fields[i].flags & FF_REQUIRED) && !jstr(o->set, t->fields[i].name))
			return err_set(e, _("a %s without its %s"), t->name, t->fields[i].name);
	roster_authority(d, o->actor, o->id, &a); /* the gate saw to it that it is not "" */
	if (t == &collab_request_type) {
		if (strcmp(jstr(o->set, "from_office"), office) != 0)
			return err_set(e, _("a request from office %s written by an officer of office %s"),
				       jstr(o->set, "from_office"), office);
		return request_shape(o->set, e);
	}
	if ((rc = ends_get(d, jstr(o->set, "request_id"), &req, e)) <= 0)
		return rc ? -1 : err_set(e, _("a step of request %s, which this workspace does not hold"),
					 jstr(o->set, "request_id"));
	action = jstr(o->set, "action");
	if (!collab_may(action, collab_role(req, office)))
		rc = err_set(e, _("an officer of office %s may not %s a request from %s to %s"), office,
			     action, jstr(req, "from_office"), jstr(req, "to_office"));
	else if (!(a.roles & step_role(action)))
		rc = err_kind(e, IPC_E_RULE, "roles", _("the roster of office %s does not give the "
			      "device that signed this %s the role it needs"), office, action);
	else
		rc = step_shape(o->set, e);
	json_decref(req);
	return rc;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype collab_request_type = {
	.name = "collab_request", .zh = "协作请求", .en = "collaboration request",
	.table = "t_collab_request", .fields = request_fields, .nfields = NF(request_fields),
	.channel = "collab", .check_write = collab_check_write,
	.check_import = collab_check_import, .folded = request_folded,
};
const struct rtype collab_step_type = {
	.name = "collab_step", .zh = "协作进程", .en = "collaboration step",
	.table = "t_collab_step", .fields = step_fields, .nfields = NF(step_fields),
	.channel = "collab", .check_write = collab_check_write,
	.check_import = collab_check_import, .folded = step_folded,
};
