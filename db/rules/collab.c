/* collab — requests, their steps, the thread, lists and the check of attached files. */
#include "db/rules/collab.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/validate.h"
#include "db/calendar.h"
#include "db/channel.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/collab_rules.h"
#include "db/rules/handoff.h"
#include "db/rules/office.h"
#include "db/store.h"

/* Text a person typed, checked as the field's values are (length, control characters). */
static int set_text(json_t *set, const struct rtype *t, const char *name, const char *text,
		    ipc_err *e)
{
	json_t *v;

	if (!text)
		return 0;
	if (schema_value_parse(schema_field(t, name), text, &v, e))
		return -1;
	return json_object_set_new(set, name, v) ? err_nomem(e) : 0;
}

static json_t *request_load(db *d, const char *id, ipc_err *e)
{
	json_t *o = db_get(d, id, e);

	if (o && strcmp(jstr(o, "type"), "collab_request") != 0) {
		json_decref(o);
		err_set(e, _("%s is not a collaboration request"), id);
		return NULL;
	}
	return o;
}

int collab_resolve(db *d, const char *prefix, char out[37], ipc_err *e)
{
	json_t *o;

	if (db_resolve_id(d, prefix, out, e) || !(o = request_load(d, out, e)))
		return -1;
	json_decref(o);
	return 0;
}

/* ---- reading ---- */

#define ROW_COLUMNS "SELECT r.id, r.kind, s.status, r.from_office, r.to_office, r.subject, s.due," \
	" s.due_confirmed, r.case_id, s.changed_hlc, s.status IN ('sent', 'received', 'accepted'," \
	" 'in_progress') AND s.due < ?1, r.created_hlc, a.officer FROM t_collab_request r" \
	" JOIN collab_status s ON s.request = r.id LEFT JOIN actors a ON a.key = r.creator"

static const char list_sql[] = ROW_COLUMNS
	" WHERE (s.status <> 'draft' OR r.from_office = ?2)"
	" AND (?3 = 0 OR (?3 & 1 AND r.to_office = ?2) OR (?3 & 2 AND r.from_office = ?2))"
	" AND (?4 IS NULL OR r.kind = ?4) AND (?5 IS NULL OR r.from_office = ?5 OR r.to_office = ?5)"
	" AND (?6 IS NULL OR s.status = ?6)"
	" AND (?7 = 0 OR (s.status IN ('sent', 'received', 'accepted', 'in_progress') AND s.due < ?1))"
	" ORDER BY s.changed_hlc DESC, r.id";
static const char one_sql[] = ROW_COLUMNS " WHERE r.id = ?2";

static json_t *office_json_name(json_t *dir, const char *code)
{
	return json_incref(json_object_get(json_object_get(dir, code), "name")) ?: json_null();
}

static bool office_json_verified(json_t *dir, const char *code)
{
	return json_is_true(json_object_get(json_object_get(dir, code), "verified"));
}

static json_t *row_json(sqlite3_stmt *st, json_t *dir, const char *me)
{
	const char *from = (const char *)sqlite3_column_text(st, 3);
	const char *to = (const char *)sqlite3_column_text(st, 4);
	char when[32], created[32];

	hlc_format(sqlite3_column_int64(st, 9), when);
	hlc_format(sqlite3_column_int64(st, 11), created);
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:b,s:s,s:o,s:b,s:s,s:s?,s:b,s:b,s:s?,s:s,s:s,s:s,"
			 "s:s?}",
		"id", sqlite3_column_text(st, 0), "kind", sqlite3_column_text(st, 1),
		"status", sqlite3_column_text(st, 2), "from", from, "from_name", office_json_name(dir, from),
		"from_verified", office_json_verified(dir, from), "to", to, "to_name",
		office_json_name(dir, to), "to_verified", office_json_verified(dir, to),
		"subject", sqlite3_column_text(st, 5),
		"due", sqlite3_column_text(st, 6), "due_confirmed", sqlite3_column_int(st, 7),
		"overdue", sqlite3_column_int(st, 10), "case_id", sqlite3_column_text(st, 8),
		"box", strcmp(to, me) == 0 ? "in" : strcmp(from, me) == 0 ? "out" : "", "updated", when,
		"created", created, "officer", sqlite3_column_text(st, 12));
}

/* A filter given as an id or a Chinese name: its id, or an error naming the choices. */
static int enum_arg(const struct enum_value *values, const char *what, const char *text,
		    const char **out, ipc_err *e)
{
	const struct enum_value *v;
	char list[600] = "";

	*out = NULL;
	if (!text)
		return 0;
	if ((v = schema_enum_find(values, text))) {
		*out = v->id;
		return 0;
	}
	for (v = values; v->id; v++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s (%s)",
			 v == values ? "" : ", ", v->id, v->zh);
	return err_set(e, _("unknown %s \"%.40s\"; one of: %s"), what, text, list);
}

json_t *collab_list(db *d, const struct collab_query *q, ipc_err *e)
{
	const char *me = db_self(d)->office, *kind, *status;
	sqlite3_stmt *st;
	json_t *dir, *list;
	char today[11];

	if (enum_arg(collab_kinds, _("kind"), q->kind, &kind, e)
	    || enum_arg(collab_statuses, _("status"), q->status, &status, e)
	    || !(st = db_stmt(d, list_sql, e)) || !(dir = office_directory(d, e)))
		return NULL;
	cal_today(today);
	db_bind_text(st, 1, today);
	db_bind_text(st, 2, me);
	sqlite3_bind_int(st, 3, q->box);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, q->office);
	db_bind_text(st, 6, status);
	sqlite3_bind_int(st, 7, q->overdue);
	if (!(list = json_array())) {
		json_decref(dir);
		err_nomem(e);
		return NULL;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(list, row_json(st, dir, me));
	sqlite3_reset(st);
	json_decref(dir);
	return list;
}

int64_t collab_waiting(db *d)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT count(*) FROM t_collab_request r JOIN collab_status s"
		" ON s.request = r.id WHERE (r.to_office = ?1 AND s.status IN ('sent', 'received',"
		" 'accepted', 'in_progress')) OR (r.from_office = ?1 AND s.status IN ('answered',"
		" 'declined'))", NULL);
	int64_t n = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, db_self(d)->office);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int64_t collab_stranded(db *d)
{
	const char *const types[] = {collab_request_type.name, collab_step_type.name};

	if (db_remote_of(d, collab_request_type.channel))
		return 0;
	return db_unsent_count(d, collab_request_type.channel, types, sizeof types / sizeof *types);
}

/* Does the workspace's copy of an attachment match its SHA-256? */
static const char *file_state(db *d, const char *sha)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], digest[32];
	char path[1200], hex[65];
	FILE *f;
	size_t n;

	db_file_path(d, sha, path, sizeof path);
	if (!(f = fopen(path, "rb")))
		return "missing";
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		crypto_hash_sha256_update(&h, buf, n);
	n = (size_t)ferror(f);
	fclose(f);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
	return !n && strcmp(hex, sha) == 0 ? "ok" : "mismatch";
}

/* The thread: every step, in the order the status replays them. */
static json_t *thread_of(db *d, const char *id, ipc_err *e)
{
	const struct rtype *t = &collab_step_type;
	sqlite3_stmt *st = db_stmt(d, "SELECT s.*, a.office, a.officer, a.cert FROM t_collab_step s"
		" LEFT JOIN actors a ON a.key = s.creator WHERE s.request_id = ?"
		" ORDER BY s.created_hlc, s.creator, s.id", e);
	int extra = COL_FIELDS + (int)t->nfields; /* the columns after the step's own */
	json_t *list;

	if (!st)
		return NULL;
	if (!(list = json_array())) {
		err_nomem(e);
		return NULL;
	}
	db_bind_text(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *s = db_row_json(t, st);
		const char *sha = jstr(s, "file_sha256");
		char when[32];
		if (!s) { /* a step missing from the thread would go unverified */
			sqlite3_reset(st);
			json_decref(list);
			err_nomem(e);
			return NULL;
		}
		hlc_format(sqlite3_column_int64(st, 2), when);
		json_object_del(s, "type");
		json_object_del(s, "request_id");
		json_object_set_new(s, "time", json_string(when));
		for (int k = 0; k < 3; k++) {
			const char *v = (const char *)sqlite3_column_text(st, extra + k);
			json_object_set_new(s, k == 0 ? "office" : k == 1 ? "officer" : "cert",
					    v ? json_string(v) : json_null());
		}
		if (sha) {
			char path[1200];
			db_file_path(d, sha, path, sizeof path);
			json_object_set_new(s, "path", json_string(path));
		}
		json_array_append_new(list, s);
	}
	sqlite3_reset(st);
	return list;
}

/* The attachments of a thread, each checked against its hash. */
static json_t *attachments_of(db *d, json_t *thread, int *bad)
{
	json_t *list = json_array(), *s;
	size_t i;

	*bad = 0;
	json_array_foreach(thread, i, s) {
		const char *sha = jstr(s, "file_sha256"), *state;
		if (strcmp(jstr(s, "action"), "attach") != 0)
			continue;
		state = sha ? file_state(d, sha) : NULL;
		*bad += state && strcmp(state, "ok") != 0;
		/* one missing (or missing its state) would be imported by a handoff unchecked */
		if (json_object_set_new(s, "verified", state ? json_string(state) : json_null())
		    || json_array_append(list, s)) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* The case of this workspace the request is about or brought. */
static json_t *local_case(db *d, const json_t *req)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, status, title FROM t_case WHERE id = ?2"
				   " OR transfer_in = ?1 ORDER BY id = ?2 DESC LIMIT 1", NULL);
	json_t *c = json_null();

	if (!st)
		return c;
	db_bind_text(st, 1, jstr(req, "id"));
	db_bind_text(st, 2, jstr(req, "case_id"));
	if (sqlite3_step(st) == SQLITE_ROW)
		c = json_pack("{s:s,s:s?,s:s?}", "id", sqlite3_column_text(st, 0), "status",
			      sqlite3_column_text(st, 1), "title", sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	return c;
}

static json_t *row_get(db *d, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, one_sql, e);
	json_t *dir, *row = NULL;
	char today[11];
	bool found;

	if (!st || !(dir = office_directory(d, e)))
		return NULL;
	cal_today(today);
	db_bind_text(st, 1, today);
	db_bind_text(st, 2, id);
	if ((found = sqlite3_step(st) == SQLITE_ROW))
		row = row_json(st, dir, db_self(d)->office);
	sqlite3_reset(st);
	json_decref(dir);
	if (!row && found)
		err_nomem(e);
	else if (!row)
		err_kind(e, IPC_E_NOTFOUND, NULL, _("no collaboration request with id %s"), id);
	return row;
}

json_t *collab_get(db *d, const char *id, ipc_err *e)
{
	static const char *const fields[] = {"body", "summary", "origin_case_no", "limit_days"};
	json_t *req = request_load(d, id, e), *row = NULL, *thread = NULL, *ho;
	int bad;

	if (!req || !(row = row_get(d, id, e)) || !(thread = thread_of(d, id, e)))
		goto out;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		json_object_set(row, fields[i], json_object_get(req, fields[i]));
	json_object_set_new(row, "attachments", attachments_of(d, thread, &bad));
	json_object_set(row, "thread", thread);
	json_object_set_new(row, "local_case", local_case(d, req));
	if (strcmp(jstr(req, "kind"), "case_transfer") == 0) {
		if (!(ho = handoff_view(d, req, e))) {
			json_decref(row);
			row = NULL;
			goto out;
		}
		json_object_set_new(row, "handoff", ho);
	}
out:
	json_decref(thread);
	json_decref(req);
	return row;
}

int collab_verify(db *d, const char *id, json_t **files, ipc_err *e)
{
	json_t *thread;
	int bad;

	*files = NULL;
	if (!(thread = thread_of(d, id, e)))
		return -1;
	*files = attachments_of(d, thread, &bad);
	json_decref(thread);
	return *files ? bad : err_nomem(e);
}

/* ---- writing ---- */

/* One step of a request's thread; takes `set` (may be NULL). */
static int step_write(db *d, const char *request, const char *action, json_t *set, ipc_err *e)
{
	int rc;

	if (!set)
		set = json_object();
	if (json_object_set_new(set, "request_id", json_string(request))
	    || json_object_set_new(set, "action", json_string(action)))
		rc = err_nomem(e);
	else
		rc = db_write(d, "collab_step", NULL, set, NULL, e);
	json_decref(set);
	return rc;
}

static const char *const evidence_copied[] = {"kind", "description", "collected_at",
	"collected_place", "collected_by", "file_name", "file_sha256", "file_size"};

/* An evidence record of this workspace, or a file, as an attach step. */
static int attach_write(db *d, const char *request, const struct collab_attachment *a, ipc_err *e)
{
	json_t *set = json_object(), *ev = NULL;
	char id[37], sha[65];
	int64_t size;
	int rc = -1;

	if (!set)
		return err_nomem(e);
	if (a->evidence_id) {
		if (db_resolve_id(d, a->evidence_id, id, e) || !(ev = db_get(d, id, e)))
			goto out;
		if (strcmp(jstr(ev, "type"), "evidence") != 0 || json_is_true(json_object_get(ev, "deleted"))) {
			err_set(e, _("%s is not an evidence item of this workspace"), a->evidence_id);
			goto out;
		}
		for (size_t i = 0; i < sizeof evidence_copied / sizeof evidence_copied[0]; i++)
			if (json_object_get(ev, evidence_copied[i])
			    && !json_is_null(json_object_get(ev, evidence_copied[i]))
			    && json_object_set(set, evidence_copied[i], json_object_get(ev, evidence_copied[i]))) {
				err_nomem(e);
				goto out;
			}
		if (json_object_set_new(set, "evidence_id", json_string(id))) {
			err_nomem(e);
			goto out;
		}
	} else {
		const char *base = strrchr(a->path, '/');
		if (db_file_add(d, a->path, sha, &size, e))
			goto out;
		if (json_object_set_new(set, "file_name", json_stringn(base ? base + 1 : a->path,
			strlen(base ? base + 1 : a->path)) ?: json_string("file"))
		    || json_object_set_new(set, "file_sha256", json_string(sha))
		    || json_object_set_new(set, "file_size", json_integer(size))) {
			err_nomem(e);
			goto out;
		}
	}
	if (set_text(set, &collab_step_type, "description", a->description, e))
		goto out;
	rc = step_write(d, request, "attach", set, e);
	set = NULL;
out:
	json_decref(set);
	json_decref(ev);
	return rc;
}

/* "标签：值" lines of what a case shares: the fields everyone may read and its respondents. */
static char *case_summary(db *d, const json_t *c, ipc_err *e)
{
	static const char *const shown[] = {"title", "ip_type", "case_no", "region", "place"};
	const struct rtype *t = schema_type("case");
	json_t *parties = db_children(d, "party", jstr(c, "id"), e), *p;
	char *text = NULL;
	size_t n = 0, i, k = 0;
	FILE *f;

	if (!parties || !(f = open_memstream(&text, &n))) {
		if (parties)
			err_nomem(e);
		json_decref(parties);
		return NULL;
	}
	for (i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		const struct field *fd = schema_field(t, shown[i]);
		const char *v = jstr(c, shown[i]);
		if (!v)
			continue;
		if (fd->kind == FK_ENUM)
			v = schema_enum_label(fd->values, v, true);
		else if (fd->kind == FK_REGION)
			v = validate_region_name(v);
		fprintf(f, "%s：%s\n", fd->zh, v);
	}
	json_array_foreach(parties, i, p)
		if (strcmp(jstr(p, "role"), "respondent") == 0 && !json_is_true(json_object_get(p, "deleted")))
			fprintf(f, "%s%s", k++ ? "、" : "当事人：", jstr(p, "name"));
	if (k)
		fputc('\n', f);
	fclose(f);
	json_decref(parties);
	if (n && text[n - 1] == '\n')
		text[n - 1] = '\0';
	return text;
}

/* The case a request is about: its id, number and (unless given) summary. */
static int case_link(db *d, json_t *set, const char *case_arg, const char *summary, ipc_err *e)
{
	json_t *c = NULL;
	char id[37], *made = NULL;
	int rc = -1;

	if (db_resolve_id(d, case_arg, id, e) || !(c = db_get(d, id, e)))
		goto out;
	if (strcmp(jstr(c, "type"), "case") != 0) {
		err_set(e, _("%s is not a case"), case_arg);
		goto out;
	}
	if (json_object_set_new(set, "case_id", json_string(id))
	    || (jstr(c, "case_no") && json_object_set(set, "origin_case_no", json_object_get(c, "case_no")))) {
		err_nomem(e);
		goto out;
	}
	if (!summary && !(summary = made = case_summary(d, c, e)))
		goto out;
	rc = *summary ? set_text(set, &collab_request_type, "summary", summary, e) : 0;
out:
	free(made);
	json_decref(c);
	return rc;
}

static int request_fields(db *d, const struct collab_draft *r, json_t *set, ipc_err *e)
{
	const struct rtype *t = &collab_request_type;
	const char *kind;
	json_t *office;

	if (enum_arg(collab_kinds, _("kind"), r->kind, &kind, e))
		return -1;
	if (!kind)
		return err_set(e, _("which kind of request? give its kind"));
	if (!r->to || !(office = office_get(d, r->to, e)))
		return r->to ? -1 : err_set(e, _("which office is it for? give its division code"));
	json_decref(office);
	if (json_object_set_new(set, "kind", json_string(kind))
	    || json_object_set_new(set, "from_office", json_string(db_self(d)->office))
	    || json_object_set_new(set, "to_office", json_string(r->to))
	    || json_object_set_new(set, "limit_days", json_integer(r->limit_days ? r->limit_days
									: COLLAB_LIMIT_DEFAULT)))
		return err_nomem(e);
	if (set_text(set, t, "subject", r->subject, e) || set_text(set, t, "body", r->body, e))
		return -1;
	if (r->case_id)
		return case_link(d, set, r->case_id, r->summary, e);
	return set_text(set, t, "summary", r->summary, e);
}

/* Sends a draft: its response date is counted from today in working days. */
static int send_step(db *d, const char *id, json_int_t days, ipc_err *e)
{
	char today[11], due[11];
	bool confirmed;
	json_t *set;

	cal_today(today);
	if (cal_add_workdays(d, today, (int)days, due, &confirmed, e))
		return -1;
	if (!(set = json_pack("{s:s,s:b}", "due", due, "due_confirmed", confirmed)))
		return err_nomem(e); /* step_write would send it without its date */
	return step_write(d, id, "send", set, e);
}

int collab_create(db *d, const struct collab_draft *r, char id[37], ipc_err *e)
{
	json_t *set = json_object();
	int rc = -1;

	if (!set)
		return err_nomem(e);
	if (request_fields(d, r, set, e))
		goto out;
	if (r->extra && json_object_update(set, r->extra)) {
		err_nomem(e);
		goto out;
	}
	if (db_begin(d, e))
		goto out;
	if (db_write(d, "collab_request", NULL, set, id, e))
		goto fail;
	for (size_t i = 0; i < r->natt; i++)
		if (attach_write(d, id, &r->att[i], e))
			goto fail;
	if ((!r->draft && send_step(d, id, json_integer_value(json_object_get(set, "limit_days")), e))
	    || db_commit(d, e))
		goto fail;
	rc = 0;
	goto out;
fail:
	db_rollback(d);
out:
	json_decref(set);
	return rc;
}

int collab_send(db *d, const char *id, ipc_err *e)
{
	json_t *req = request_load(d, id, e);
	int rc;

	if (!req)
		return -1;
	rc = send_step(d, id, json_integer_value(json_object_get(req, "limit_days"))
			      ?: COLLAB_LIMIT_DEFAULT, e);
	json_decref(req);
	return rc;
}

/* This office's role in a request and the request's status. */
static int where(db *d, const char *id, int *role, char status[16], ipc_err *e)
{
	json_t *req = request_load(d, id, e);
	char due[11];
	bool accepted;
	int rc;

	if (!req)
		return -1;
	*role = collab_role(req, db_self(d)->office);
	rc = collab_status_get(d, id, status, due, &accepted, e);
	json_decref(req);
	return rc;
}

int collab_receive(db *d, const char *id, ipc_err *e)
{
	char status[16];
	int role;

	if (where(d, id, &role, status, e))
		return -1;
	if (role != COLLAB_RECEIVER || strcmp(status, "sent") != 0)
		return 0;
	return step_write(d, id, "receive", NULL, e);
}

/* receive (when still due) and then `action`, in one transaction with what `then` adds. */
static int answer_step(db *d, const char *id, const char *action, const char *text,
		       int (*then)(db *, const json_t *, char[37], ipc_err *), char out[37],
		       ipc_err *e)
{
	json_t *set = json_object(), *req = NULL;

	if (set_text(set, &collab_step_type, "text", text, e)) {
		json_decref(set);
		return -1;
	}
	if (db_begin(d, e)) {
		json_decref(set);
		return -1;
	}
	if (collab_receive(d, id, e) || step_write(d, id, action, set, e)
	    || (then && (!(req = request_load(d, id, e)) || then(d, req, out, e)))
	    || db_commit(d, e)) {
		db_rollback(d);
		json_decref(req);
		return -1;
	}
	json_decref(req);
	return 0;
}

/* What accepting a request brings: a handoff's case. */
static int accepted_case(db *d, const json_t *req, char new_case[37], ipc_err *e)
{
	return strcmp(jstr(req, "kind"), "case_transfer") == 0 ? handoff_import(d, req, new_case, e) : 0;
}

int collab_accept(db *d, const char *id, char new_case[37], ipc_err *e)
{
	new_case[0] = '\0';
	return answer_step(d, id, "accept", NULL, accepted_case, new_case, e);
}

int collab_decline(db *d, const char *id, const char *reason, ipc_err *e)
{
	if (!reason || !*reason)
		return err_set(e, _("declining a request needs its reason"));
	return answer_step(d, id, "decline", reason, NULL, NULL, e);
}

int collab_reply(db *d, const char *id, const char *text, const struct collab_attachment *att,
		 size_t natt, bool answer, ipc_err *e)
{
	const char *action = "reply";
	json_t *set = json_object();
	char status[16];
	int role, rc = -1;

	if (where(d, id, &role, status, e) || set_text(set, &collab_step_type, "text", text, e))
		goto out;
	if (!text && !natt) {
		err_set(e, _("nothing to reply: give a text or an attachment"));
		goto out;
	}
	if (answer)
		action = "answer";
	else if (role == COLLAB_RECEIVER && (!strcmp(status, "accepted") || !strcmp(status, "in_progress")))
		action = "progress";
	if (db_begin(d, e))
		goto out;
	/* the files first: an answer arrives with what it answers with */
	rc = 0;
	for (size_t i = 0; i < natt && !rc; i++)
		rc = attach_write(d, id, &att[i], e);
	if (!rc && (text || strcmp(action, "reply") != 0)) {
		rc = step_write(d, id, action, set, e);
		set = NULL;
	}
	if (rc || db_commit(d, e)) {
		db_rollback(d);
		rc = -1;
	}
out:
	json_decref(set);
	return rc;
}

int collab_close(db *d, const char *id, const char *text, ipc_err *e)
{
	json_t *set = json_object();

	if (set_text(set, &collab_step_type, "text", text, e)) {
		json_decref(set);
		return -1;
	}
	return step_write(d, id, "close", set, e);
}
