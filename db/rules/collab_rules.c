/* collab_rules — the transitions and roles of a request, its replayed status, the checks of
 * local writes and peers' ops, and the guard against confidential values in clear. */
#include "db/rules/collab_rules.h"

#include <stdio.h>
#include <string.h>

#include "db/db_internal.h"
#include "db/rules/handoff.h"
#include "base/i18n.h"
#include "db/rules/office.h"
#include "db/op.h"
#include "db/rules/schema_collab.h"
#include "db/seal.h"
#include "db/store.h"
#include "base/validate.h"

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

bool collab_type(const struct rtype *t)
{
	return t == &schema_collab_request || t == &schema_collab_step;
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
	for (const struct enum_value *a = schema_collab_actions; a->id; a++)
		if (collab_transition(status, a->id, role) && strlen(out) + strlen(a->id) + 3 < n)
			snprintf(out + strlen(out), n - strlen(out), "%s%s", *out ? ", " : "", a->id);
	if (!*out)
		snprintf(out, n, "%s", _("none"));
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int collab_role(const json_t *request, const char *office)
{
	const char *from = str(request, "from_office"), *to = str(request, "to_office");

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
	return found;
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
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "keeping the request's status");
}

int collab_stored(db *d, const struct rtype *t, const char *record, const json_t *state,
		  ipc_err *e)
{
	if (t == &schema_collab_request)
		return status_refresh(d, record, e);
	if (t == &schema_collab_step)
		return status_refresh(d, str(state, "request_id"), e);
	return 0;
}

/* ---- the guard ---- */

/* The confidential values of a case's parties (≥ 4 bytes: shorter ones would match anywhere). */
static int secrets_of_case(db *d, const char *case_id, json_t *secrets, ipc_err *e)
{
	const struct rtype *pt = schema_type("party");
	json_t *parties = db_children(d, "party", case_id, e), *p;
	size_t i;

	if (!parties)
		return -1;
	json_array_foreach(parties, i, p) {
		for (size_t f = 0; f < pt->nfields; f++) {
			const char *v = str(p, pt->fields[f].name);
			if (v && strlen(v) >= 4 && schema_confidential(pt, &pt->fields[f], p))
				json_array_append_new(secrets, json_pack("{s:s,s:s}", "value", v, "field",
									 pt->fields[f].name));
		}
	}
	json_decref(parties);
	return 0;
}

/* The cases of this workspace linked to the request: the one it was sent about, and those a
 * handoff took away or brought here. */
static int secrets_of_request(db *d, const json_t *request, json_t *secrets, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM t_case WHERE id = ?2 OR transfer_in = ?1"
				   " OR transfer_out = ?1", e);
	json_t *ids = json_array(), *id;
	size_t i;
	int rc = 0;

	if (!st) {
		json_decref(ids);
		return -1;
	}
	db_bind_text(st, 1, str(request, "id"));
	db_bind_text(st, 2, str(request, "case_id"));
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(ids, json_string((const char *)sqlite3_column_text(st, 0)));
	sqlite3_reset(st);
	json_array_foreach(ids, i, id)
		if (!rc)
			rc = secrets_of_case(d, json_string_value(id), secrets, e);
	json_decref(ids);
	return rc;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Does the text hold an 18-character resident ID number standing on its own? */
static bool has_id_number(const char *s)
{
	for (const char *p = s; *p; p++) {
		char cand[19];
		if ((p > s && is_alnum(p[-1])) || strlen(p) < 18 || is_alnum(p[18]))
			continue;
		memcpy(cand, p, 18);
		cand[18] = '\0';
		if (validate_id_number(cand))
			return true;
	}
	return false;
}

static int guard_value(const json_t *v, const char *field, const json_t *secrets, ipc_err *e)
{
	const json_t *x;
	const char *k;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if (guard_value(x, field, secrets, e))
				return -1;
		return 0;
	}
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, x)
			if (guard_value(x, field, secrets, e))
				return -1;
		return 0;
	}
	if (!json_is_string(v))
		return 0;
	json_array_foreach(secrets, i, x)
		if (strstr(json_string_value(v), str(x, "value")))
			return err_set(e, _("%s would carry a confidential value of the case (a party's "
					    "%s) in clear, and every office of the collaboration channel "
					    "reads it: leave it out"), field, str(x, "field"));
	if (has_id_number(json_string_value(v)))
		return err_set(e, _("%s holds a resident ID number: ID numbers never go to the "
				    "collaboration channel in clear"), field);
	return 0;
}

int collab_guard(db *d, const json_t *request, const json_t *fields, ipc_err *e)
{
	json_t *secrets = json_array(), *v;
	const char *k;
	int rc = secrets_of_request(d, request, secrets, e);

	json_object_foreach((json_t *)fields, k, v) {
		json_t *parsed = NULL;
		if (rc || strcmp(k, "sealed") == 0) /* ciphertext */
			continue;
		if (strcmp(k, "package") == 0) /* JSON text: its values one by one */
			v = parsed = json_loads(json_string_value(v), 0, NULL);
		rc = guard_value(v, k, secrets, e);
		json_decref(parsed);
	}
	json_decref(secrets);
	return rc;
}

/* ---- checks of a request and a step, wherever they come from ---- */

/* What a request must be by itself: two different offices; a handoff, and only a handoff,
 * carries a package and its sealed part, both well formed and the package without
 * confidential fields. */
static int request_shape(const json_t *r, ipc_err *e)
{
	const char *kind = str(r, "kind"), *package = str(r, "package"), *sealed = str(r, "sealed");
	json_int_t days = json_integer_value(json_object_get(r, "limit_days"));
	bool transfer = kind && strcmp(kind, "case_transfer") == 0;
	json_t *seal;
	int rc;

	if (strcmp(str(r, "from_office"), str(r, "to_office")) == 0)
		return err_set(e, _("a request goes to another office, not to its own"));
	if (json_object_get(r, "limit_days") && (days < 1 || days > 60))
		return err_set(e, _("the response limit is 1 to 60 working days"));
	if (transfer != (package != NULL) || transfer != (sealed != NULL))
		return err_set(e, transfer ? _("a case transfer is made with ipcase handoff CASE_ID "
					       "--to OFFICE, which packs and seals the case")
				 : _("only a case transfer carries a case package"));
	if (!transfer)
		return 0;
	if (handoff_package_check(package, e))
		return -1;
	seal = json_loads(sealed, 0, NULL);
	rc = seal_check(seal, e);
	json_decref(seal);
	return rc;
}

static int step_shape(const json_t *s, ipc_err *e)
{
	const char *action = str(s, "action"), *text = str(s, "text");

	if (strcmp(action, "decline") == 0 && (!text || !*text))
		return err_set(e, _("declining a request needs its reason"));
	if (strcmp(action, "send") == 0 && !str(s, "due"))
		return err_set(e, _("a request is sent with its response date"));
	if (strcmp(action, "attach") == 0 && !str(s, "description") && !str(s, "file_sha256"))
		return err_set(e, _("an attachment needs a file or a description"));
	return 0;
}

static int step_check_write(db *d, const json_t *step, ipc_err *e)
{
	const char *office = db_self(d)->office, *action = str(step, "action");
	char status[16], due[11], allowed[200];
	bool accepted;
	json_t *req = NULL;
	int role, rc = -1;
	int found = ends_get(d, str(step, "request_id"), &req, e);

	if (found <= 0)
		return found ? -1 : err_kind(e, IPC_E_NOTFOUND, NULL,
					     _("no collaboration request with id %s"),
					     str(step, "request_id"));
	role = collab_role(req, office);
	if (collab_status_get(d, str(req, "id"), status, due, &accepted, e))
		goto out;
	if (!role) {
		err_set(e, _("this request is between offices %s and %s; office %s takes no part in "
			     "it"), str(req, "from_office"), str(req, "to_office"), office);
		goto out;
	}
	if (!collab_transition(status, action, role)) {
		collab_allowed(status, role, allowed, sizeof allowed);
		err_set(e, _("a request in status %s cannot take the step %s by the %s office now; "
			     "allowed: %s"), status, action, role == S ? _("sending") : _("receiving"),
			allowed);
		goto out;
	}
	rc = step_shape(step, e) || collab_guard(d, req, step, e) ? -1 : 0;
out:
	json_decref(req);
	return rc;
}

int collab_check_write(db *d, const struct rtype *t, const json_t *old, const json_t *state,
		       ipc_err *e)
{
	if (!collab_type(t))
		return 0;
	if (old)
		return err_set(e, _("collaboration records are written once: add a step to the "
				    "request instead"));
	if (t == &schema_collab_step)
		return step_check_write(d, state, e);
	if (strcmp(str(state, "from_office"), db_self(d)->office) != 0)
		return err_set(e, _("a request is sent from this workspace's own office %s"),
			       db_self(d)->office);
	return request_shape(state, e) || collab_guard(d, state, state, e) ? -1 : 0;
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

int collab_check_import(db *d, const struct op *o, const struct rtype *t, ipc_err *e)
{
	char office[16];
	json_t *req = NULL;
	const char *action;
	int rc;

	if (!collab_type(t))
		return 0;
	if (json_array_size(o->deps) || stored(d, t, o->record))
		return err_set(e, _("collaboration records are written once; this op changes one"));
	for (size_t i = 0; i < t->nfields; i++)
		if ((t->fields[i].flags & FF_REQUIRED) && !str(o->set, t->fields[i].name))
			return err_set(e, _("a %s without its %s"), t->name, t->fields[i].name);
	office_of_actor(d, o->actor, office);
	if (t == &schema_collab_request) {
		if (strcmp(str(o->set, "from_office"), office) != 0)
			return err_set(e, _("a request from office %s written by an officer of office %s"),
				       str(o->set, "from_office"), office);
		return request_shape(o->set, e);
	}
	if ((rc = ends_get(d, str(o->set, "request_id"), &req, e)) <= 0)
		return rc ? -1 : err_set(e, _("a step of request %s, which this workspace does not hold"),
					 str(o->set, "request_id"));
	action = str(o->set, "action");
	if (!collab_may(action, collab_role(req, office)))
		rc = err_set(e, _("an officer of office %s may not %s a request from %s to %s"), office,
			     action, str(req, "from_office"), str(req, "to_office"));
	else
		rc = step_shape(o->set, e);
	json_decref(req);
	return rc;
}
