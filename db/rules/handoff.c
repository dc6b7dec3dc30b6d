/* handoff — packing, sealing, sending, importing and settling a case handoff. */
#include "db/rules/handoff.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/rules/archive.h"
#include "db/rules/case_terms.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/rules/package.h"
#include "db/rules/roster.h"
#include "db/rules/workflow.h"
#include "db/schema.h"
#include "db/seal.h"
#include "db/store.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* What binds the sealed part to this handoff: a seal copied into another request does not
 * open. */
static void seal_context(const json_t *req, char *out, size_t n)
{
	snprintf(out, n, "ipcase-handoff/1 %s>%s case %s", jstr(req, "from_office"),
		 jstr(req, "to_office"), jstr(req, "case_id"));
}

/* ---- sending ---- */

/* May this case be handed off now? Its procedure must allow the transfer, and no other
 * handoff of it may be under way or accepted. */
static int transfer_check(db *d, const json_t *c, ipc_err *e)
{
	const char *status = jstr(c, "status"), *out = jstr(c, "transfer_out");
	json_t *scratch = json_object();
	char today[11], st[16], due[11];
	bool accepted;
	int rc;

	if (!scratch)
		return err_nomem(e);
	cal_today(today);
	rc = workflow_check(status, "transferred", c, scratch, today, e);
	json_decref(scratch);
	if (rc || !out)
		return rc;
	if (collab_status_get(d, out, st, due, &accepted, e))
		return -1;
	if (accepted)
		return err_set(e, _("this case was handed off already (request %s, accepted)"), out);
	if (*st && strcmp(st, "declined") != 0 && strcmp(st, "closed") != 0)
		return err_set(e, _("this case is being handed off by request %s (%s): close it "
				    "before handing the case off again"), out, st);
	return 0;
}

/* "案件移送：" and the title, cut at a character boundary to fit the subject. */
static void subject_of(const json_t *c, char *out, size_t n)
{
	size_t len = (size_t)snprintf(out, n, "案件移送：%s", jstr(c, "title"));

	if (len < n)
		return;
	len = n - 1;
	while (len && ((unsigned char)out[len] & 0xc0) == 0x80)
		len--;
	out[len] = '\0';
}

/* The confidential part sealed for the receiving officers, as the text the request carries. */
static char *seal_text(db *d, const char *to, const char *case_id, const json_t *keys,
		       const char *secret, ipc_err *e)
{
	json_t *req = json_pack("{s:s,s:s,s:s}", "from_office", db_self(d)->office, "to_office", to,
				"case_id", case_id), *seal;
	char ad[160], *text = NULL;

	if (!req) {
		err_nomem(e);
		return NULL;
	}
	seal_context(req, ad, sizeof ad);
	json_decref(req);
	if ((seal = seal_make(keys, secret, strlen(secret), ad, e))
	    && !(text = json_dumps(seal, JSON_COMPACT | JSON_SORT_KEYS)))
		err_nomem(e);
	json_decref(seal);
	return text;
}

/* The case's evidence (all but deleted items) as the request's attachments. */
static struct collab_attachment *evidence_attachments(const json_t *evidence, size_t *n)
{
	struct collab_attachment *att = calloc(json_array_size(evidence) + 1, sizeof *att);
	const json_t *ev;
	size_t i;

	*n = 0;
	json_array_foreach(evidence, i, ev)
		if (att && !json_is_true(json_object_get(ev, "deleted")))
			att[(*n)++].evidence_id = jstr(ev, "id");
	return att;
}

/* The request and the origin case's link to it, in one transaction. */
static int handoff_write(db *d, const struct collab_draft *r, char id[37], ipc_err *e)
{
	json_t *link;
	int rc;

	if (db_begin(d, e))
		return -1;
	if ((rc = collab_create(d, r, id, e)) == 0) {
		link = json_pack("{s:s}", "transfer_out", id);
		rc = link ? db_write(d, "case", r->case_id, link, NULL, e) : err_nomem(e);
		json_decref(link);
	}
	if (rc || db_commit(d, e)) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int handoff_send(db *d, const char *case_arg, const char *to, const char *body, char id[37],
		 ipc_err *e)
{
	json_t *c = NULL, *parties = NULL, *evidence = NULL, *keys = NULL, *extra = NULL;
	struct collab_attachment *att = NULL;
	char case_id[37], subject[300], *clear = NULL, *secret = NULL, *sealed = NULL;
	size_t n;
	int rc = -1;

	if (db_resolve_id(d, case_arg, case_id, e) || !(c = db_get(d, case_id, e)))
		goto out;
	if (strcmp(jstr(c, "type"), "case") != 0 || json_is_true(json_object_get(c, "deleted"))) {
		err_set(e, _("%s is not a case of this workspace"), case_arg);
		goto out;
	}
	if (archive_check_handoff(c, e) || transfer_check(d, c, e) || !(keys = roster_recipients(d, to, e))
	    || !(parties = db_children(d, "party", case_id, e))
	    || !(evidence = db_children(d, "evidence", case_id, e))
	    || package_make(c, parties, &clear, &secret, e)
	    || !(sealed = seal_text(d, to, case_id, keys, secret, e)))
		goto out;
	if (!(att = evidence_attachments(evidence, &n))) {
		err_nomem(e);
		goto out;
	}
	subject_of(c, subject, sizeof subject);
	if (!(extra = json_pack("{s:s,s:s}", "package", clear, "sealed", sealed))) {
		err_nomem(e);
		goto out;
	}
	rc = handoff_write(d, &(struct collab_draft){.kind = "case_transfer", .to = to,
		.case_id = case_id, .subject = subject, .body = body, .att = att, .natt = n,
		.extra = extra}, id, e);
out:
	if (secret)
		sodium_memzero(secret, strlen(secret));
	free(secret);
	free(sealed);
	free(clear);
	free(att);
	json_decref(extra);
	json_decref(keys);
	json_decref(evidence);
	json_decref(parties);
	json_decref(c);
	return rc;
}

/* ---- receiving ---- */

/* The sealed part, opened: 1 with *secret, 0 when this device is not a recipient. */
static int secret_open(db *d, const json_t *req, json_t **secret, ipc_err *e)
{
	json_t *seal = json_loads(jstr(req, "sealed") ?: "", 0, NULL);
	char ad[160], *plain = NULL;
	size_t len;
	int rc;

	*secret = NULL;
	seal_context(req, ad, sizeof ad);
	rc = seal_open(d, seal, ad, &plain, &len, e);
	if (rc == 1 && !(*secret = json_loadb(plain, len, JSON_REJECT_DUPLICATES, NULL)))
		rc = err_set(e, _("the sealed part is not a package's confidential part"));
	if (plain)
		sodium_memzero(plain, len);
	free(plain);
	json_decref(seal);
	return rc;
}

json_t *handoff_view(db *d, const json_t *req, ipc_err *e)
{
	json_t *seal = json_loads(jstr(req, "sealed") ?: "", 0, NULL);
	json_t *view = json_pack("{s:o,s:[]}", "package",
				 json_loads(jstr(req, "package") ?: "", 0, NULL) ?: json_null(), "sealed_for");
	json_t *secret, *v;
	const char *actor;
	int rc;

	if (!view) {
		json_decref(seal);
		err_nomem(e);
		return NULL;
	}
	json_object_foreach(json_object_get(seal, "keys"), actor, v)
		json_array_append_new(json_object_get(view, "sealed_for"), json_string(actor));
	json_decref(seal);
	if ((rc = secret_open(d, req, &secret, e)) < 0) {
		json_decref(view);
		return NULL;
	}
	json_object_set_new(view, "readable", json_boolean(rc == 1));
	if (secret)
		json_object_set_new(view, "confidential", secret);
	return view;
}

/* The fields a party's index has in the sealed part. */
static const json_t *sealed_party(const json_t *secret, size_t i)
{
	const json_t *p;
	size_t k;

	json_array_foreach(json_object_get(secret, "parties"), k, p)
		if (json_integer_value(json_object_get(p, "i")) == (json_int_t)i)
			return p;
	return NULL;
}

static int import_parties(db *d, const json_t *pkg, const json_t *secret, const char *case_id,
			  ipc_err *e)
{
	const json_t *p;
	size_t i;

	json_array_foreach(json_object_get(pkg, "parties"), i, p) {
		json_t *set = json_deep_copy(p);
		const json_t *hidden = sealed_party(secret, i);
		int rc;
		if (!set || (hidden && json_object_update(set, (json_t *)hidden))) {
			json_decref(set);
			return err_nomem(e);
		}
		json_object_del(set, "i");
		rc = json_object_set_new(set, "case_id", json_string(case_id))
			? err_nomem(e) : db_write(d, "party", NULL, set, NULL, e);
		json_decref(set);
		if (rc)
			return err_wrap(e, _("party %zu of the package"), i + 1);
	}
	return 0;
}

/* The sending office's attachments: the case's evidence, each file checked against its hash
 * before it becomes evidence of the new case. */
static int import_evidence(db *d, const json_t *req, const char *case_id, ipc_err *e)
{
	static const char *const copied[] = {"kind", "description", "collected_at",
		"collected_place", "collected_by", "file_name", "file_sha256", "file_size"};
	json_t *files, *f;
	size_t i;
	int bad = collab_verify(d, jstr(req, "id"), &files, e), rc = 0;

	if (bad < 0)
		return -1;
	json_array_foreach(files, i, f) {
		json_t *set;
		if (rc || strcmp(jstr(f, "office") ?: "", jstr(req, "from_office")) != 0)
			continue;
		if (jstr(f, "verified") && strcmp(jstr(f, "verified"), "ok") != 0) {
			rc = err_set(e, _("the file %s of the handoff is %s: sync the collaboration channel "
					  "again, and ask the sender if it stays so"), jstr(f, "file_name"),
				     jstr(f, "verified"));
			continue;
		}
		set = json_pack("{s:s,s:s,s:s}", "case_id", case_id, "kind", "document",
				"description", jstr(f, "file_name") ?: "移送证据");
		for (size_t k = 0; set && k < N(copied); k++)
			if (json_object_get(f, copied[k]) && !json_is_null(json_object_get(f, copied[k]))
			    && json_object_set(set, copied[k], json_object_get(f, copied[k]))) {
				json_decref(set);
				set = NULL;
			}
		rc = set ? db_write(d, "evidence", NULL, set, NULL, e) : err_nomem(e);
		json_decref(set);
	}
	json_decref(files);
	return rc;
}

int handoff_import(db *d, const json_t *req, char new_case[37], ipc_err *e)
{
	json_t *pkg = json_loads(jstr(req, "package") ?: "", 0, NULL), *secret = NULL, *set = NULL;
	int rc = secret_open(d, req, &secret, e);

	if (rc == 0)
		rc = err_set(e, _("this device was not among the officers of office %s the case was "
				  "sealed for when it was sent: one of them accepts it, or the sender "
				  "hands it off again"), jstr(req, "to_office"));
	else if (rc == 1 && !pkg)
		rc = err_set(e, _("the handoff's package is damaged"));
	if (rc < 0)
		goto out;
	rc = -1;
	if (!(set = json_pack("{s:s,s:s}", "source", "transfer_in", "transfer_in", jstr(req, "id")))) {
		err_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < PACKAGE_CASE_TAKEN; i++)
		if (jstr(json_object_get(pkg, "case"), package_case_shared[i])
		    && json_object_set(set, package_case_shared[i],
				       json_object_get(json_object_get(pkg, "case"), package_case_shared[i]))) {
			err_nomem(e);
			goto out;
		}
	if (jstr(secret, "notes") && json_object_set(set, "notes", json_object_get(secret, "notes"))) {
		err_nomem(e);
		goto out;
	}
	if (db_write(d, "case", NULL, set, new_case, e) || import_parties(d, pkg, secret, new_case, e)
	    || import_evidence(d, req, new_case, e))
		goto out;
	rc = 0;
out:
	json_decref(set);
	json_decref(secret);
	json_decref(pkg);
	return rc;
}

/* ---- the origin's side ---- */

int handoff_settle(db *d, int *moved, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT c.id FROM t_collab_request r JOIN collab_status s"
		" ON s.request = r.id JOIN t_case c ON c.id = r.case_id AND c.transfer_out = r.id"
		" WHERE r.kind = 'case_transfer' AND r.from_office = ? AND s.accepted = 1"
		" AND c.status NOT IN ('transferred', 'closed', 'archived')", e);
	json_t *ids = json_array(), *id;
	size_t i;

	*moved = 0;
	if (!st || !ids) {
		json_decref(ids);
		return st ? err_nomem(e) : -1;
	}
	db_bind_text(st, 1, db_self(d)->office);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (json_array_append_new(ids, json_string((const char *)sqlite3_column_text(st, 0)))) {
			sqlite3_reset(st);
			json_decref(ids);
			return err_nomem(e);
		}
	sqlite3_reset(st);
	json_array_foreach(ids, i, id) {
		json_t *set = json_pack("{s:s}", "status", "transferred");
		ipc_err why;
		if (!set) {
			json_decref(ids);
			return err_nomem(e);
		}
		/* refused by the procedure (the case moved on meanwhile): it keeps its status */
		*moved += db_write(d, "case", json_string_value(id), set, NULL, &why) == 0;
		json_decref(set);
	}
	json_decref(ids);
	return 0;
}
