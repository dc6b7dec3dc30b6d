/* roster — what an office's administrator and officers do with the roster (create the office
 * key, join, admit, refuse, revoke, verify another office) and the roster as commands and
 * screens read it. The rules it keeps are db/rules/roster_rules's. */
#include "db/rules/roster.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/validate.h"
#include "db/channel.h"
#include "db/db_internal.h"
#include "db/rules/caseno.h"
#include "db/store.h"

/* ---- this office: writing the roster ---- */

/* The office key, or a refusal naming who holds it. */
static int need_office_key(db *d, struct db_key *k, ipc_err *e)
{
	int got = officekey_read(d, k, e);

	if (got < 0)
		return -1;
	if (got == 0)
		return err_kind(e, IPC_E_RULE, NULL, _("this device does not hold the key of office %s:"
				" its administrator's device changes the roster"), db_self(d)->office);
	return 0;
}

/* The member record of `device` in the roster signed by key `office_key`: 1 found. */
static int member_find(db *d, const char *office_key, const char *device, char id[37])
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM t_member WHERE device = ? AND creator = ?", NULL);
	int found;

	id[0] = '\0';
	if (!st)
		return 0;
	db_bind_text(st, 1, device);
	db_bind_text(st, 2, office_key);
	if ((found = sqlite3_step(st) == SQLITE_ROW))
		snprintf(id, 37, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return found;
}

/* "handler,reviewer" (ids or Chinese names) → a JSON list; NULL with e filled. */
static json_t *roles_parse(const char *text, ipc_err *e)
{
	const struct field *f = schema_field(&member_type, "roles");
	json_t *v = NULL;

	if (schema_value_parse(f, text, &v, e) || schema_value_check(f, v, e)) {
		json_decref(v);
		err_field(e, IPC_E_USAGE, "roles");
		return NULL;
	}
	if (!json_array_size(v)) {
		json_decref(v);
		err_kind(e, IPC_E_USAGE, "roles", "%s", _("give at least one role: handler, reviewer, "
			 "head, admin (执法人员, 法制审核, 负责人, 管理员)"));
		return NULL;
	}
	return v;
}

/* The block of case numbers an admission gives (db/rules/caseno.h): none when the member has
 * one; else the next never given by this roster (revoked members' blocks are not reused). */
static json_int_t member_block(db *d, const char *office_key, const char *member, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT CASE WHEN (SELECT block FROM t_member WHERE id = ?2)"
				   " IS NULL THEN coalesce(max(block) + 1, 0) ELSE -1 END FROM t_member"
				   " WHERE creator = ?1", e);
	json_int_t k;

	if (!st)
		return -2;
	db_bind_text(st, 1, office_key);
	db_bind_text(st, 2, member);
	k = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return k;
}

static int member_write(db *d, const struct db_key *k, const char *device, const char *officer,
			const char *cert, json_t *roles, const char *state, const char *reason,
			json_int_t accepted, char id[37], ipc_err *e)
{
	char today[11], existing[37];
	bool found = member_find(d, k->actor, device, existing);
	json_int_t block = strcmp(state, "admitted") == 0 ? member_block(d, k->actor, existing, e) : -1;
	json_t *set;
	int rc;

	if (block < -1)
		return -1;
	db_today(today);
	set = json_pack("{s:s,s:s,s:s,s:s,s:O?,s:s,s:s?,s:s}", "office", db_self(d)->office,
			"device", device, "officer", officer, "cert", cert, "roles", roles,
			"state", state, "reason", reason, "since", today);
	if (!set || (accepted >= 0 && json_object_set_new(set, "accepted_n", json_integer(accepted)))
	    || (block >= 0 && json_object_set_new(set, "block", json_integer(block))))
		rc = err_nomem(e);
	else
		rc = db_write_as(d, k, "member", found ? existing : NULL, set, id, e);
	json_decref(set);
	return rc;
}

static const char *default_roles = "handler,reviewer,head,admin";

int roster_create(db *d, const char *roles, ipc_err *e)
{
	const struct db_identity *me = db_self(d);
	struct db_key k = {0};
	struct officekey_pin p;
	char fp[40], digits[33], id[37], path[1100];
	json_t *set = NULL, *r = NULL;
	int rc = -1;

	if (officekey_read(d, &k, e) != 0)
		return err_kind(e, IPC_E_CONFLICT, NULL, _("this device already holds the key of "
				"office %s (ipcase office show)"), me->office);
	if (officekey_pin_get(d, me->office, &p))
		return err_kind(e, IPC_E_CONFLICT, NULL, _("office %s already has its key (fingerprint "
				"%.4s…), pinned when this device joined: an office has one key"),
				me->office, p.fingerprint);
	if (!(r = roles_parse(roles ? roles : default_roles, e)))
		return -1;
	if (!(set = json_pack("{s:s,s:s,s:s,s:I}", "code", me->office, "name", me->office_name,
			      "admin_device", me->actor, "number_block",
			      (json_int_t)caseno_block_size(d)))) {
		err_nomem(e);
		goto out;
	}
	if (officekey_path(d, path, sizeof path, e) || officekey_make(d, &k, e))
		goto out;
	if (db_send_as(d, k.actor, e))
		goto gone;
	officekey_fingerprint(k.actor, fp);
	officekey_digits(fp, digits);
	if (db_begin(d, e))
		goto gone;
	if (officekey_pin_set(d, me->office, digits, k.actor, "created", e)
	    || db_write_as(d, &k, "office", NULL, set, id, e)
	    || member_write(d, &k, me->actor, me->officer, me->cert, r, "admitted", NULL, -1, id, e)
	    || db_commit(d, e)) {
		db_rollback(d);
		goto gone;
	}
	rc = 0;
	goto out;
gone:
	unlink(path); /* a key no roster names would only confuse */
out:
	sodium_memzero(k.sk, sizeof k.sk);
	json_decref(set);
	json_decref(r);
	return rc;
}

int roster_join(db *d, const char *fingerprint, const char *note, ipc_err *e)
{
	const struct db_identity *me = db_self(d);
	struct officekey_pin p;
	char digits[33];
	json_t *set;
	int rc;

	if (!officekey_digits(fingerprint, digits))
		return err_kind(e, IPC_E_USAGE, "fingerprint", "%s", _("a fingerprint is 32 digits, as "
				"the administrator's `ipcase office show` prints them (8 groups of 4)"));
	if (officekey_pin_get(d, me->office, &p) && strcmp(p.fingerprint, digits) != 0)
		return err_kind(e, IPC_E_CONFLICT, "fingerprint", _("office %s is pinned here to "
				"another key (fingerprint %.4s…): an office key is never replaced"),
				me->office, p.fingerprint);
	if (!(set = json_pack("{s:s,s:s,s:s,s:s,s:s?}", "office", me->office, "device", me->actor,
			      "officer", me->officer, "cert", me->cert, "note", note)))
		return err_nomem(e);
	if ((rc = db_begin(d, e)) == 0) {
		/* a key of that fingerprint already seen in the channel is taken at once */
		sqlite3_stmt *st = db_stmt(d, "SELECT creator FROM t_office WHERE code = ?", e);
		char key[65] = "";
		if (st) {
			db_bind_text(st, 1, me->office);
			while (sqlite3_step(st) == SQLITE_ROW)
				if (officekey_matches((const char *)sqlite3_column_text(st, 0), digits))
					snprintf(key, sizeof key, "%s", sqlite3_column_text(st, 0));
			sqlite3_reset(st);
		}
		rc = !st || officekey_pin_set(d, me->office, digits, key, "joined", e)
		     || db_write(d, "join", NULL, set, NULL, e) || db_commit(d, e) ? -1 : 0;
		if (rc)
			db_rollback(d);
	}
	json_decref(set);
	return rc;
}

/* A device named by its fingerprint or its key, among the keys published for this office. */
static int device_resolve(db *d, const char *text, struct db_identity *who, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT key, officer, cert FROM actors WHERE office = ?", e);
	char digits[33];
	bool by_fp = officekey_digits(text, digits);
	int n = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, db_self(d)->office);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (by_fp ? officekey_matches(key, digits) : strcmp(key, text) == 0) {
			snprintf(who->actor, sizeof who->actor, "%s", key);
			snprintf(who->officer, sizeof who->officer, "%s", sqlite3_column_text(st, 1));
			snprintf(who->cert, sizeof who->cert, "%s", sqlite3_column_text(st, 2));
			n++;
		}
	}
	sqlite3_reset(st);
	if (n == 1)
		return 0;
	if (!by_fp && strlen(text) != 64)
		return err_kind(e, IPC_E_USAGE, "device", "%s", _("name the device by the fingerprint "
				"its officer reads from `ipcase office show` (32 digits), or by its whole "
				"key: a shorter prefix could be forged"));
	return err_kind(e, IPC_E_NOTFOUND, "device", _("no device of office %s with that %s has "
			"published its key here yet: let it sync (ipcase office join on it), then sync "
			"here"), db_self(d)->office, by_fp ? _("fingerprint") : _("key"));
}

int roster_admit(db *d, const char *device, const char *roles, ipc_err *e)
{
	struct db_identity who = {0};
	struct db_key k = {0};
	char id[37];
	json_t *r = NULL, *m = NULL;
	long retried;
	int rc = -1;

	if (need_office_key(d, &k, e) || device_resolve(d, device, &who, e)
	    || !(r = roles_parse(roles ? roles : "handler", e)))
		goto out;
	if (member_find(d, k.actor, who.actor, id) && (m = db_get(d, id, e))
	    && strcmp(jtext(m, "state"), "revoked") == 0) {
		err_kind(e, IPC_E_RULE, "device", "%s", _("a revoked device stays revoked: the officer "
			 "makes a new workspace (a new device key) and joins again"));
		goto out;
	}
	if (db_begin(d, e))
		goto out;
	if (member_write(d, &k, who.actor, who.officer, who.cert, r, "admitted", NULL, -1, id, e)
	    || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	/* what this device wrote before it was admitted comes out of the quarantine */
	rc = db_quarantine_retry(d, &retried, e);
out:
	sodium_memzero(k.sk, sizeof k.sk);
	json_decref(r);
	json_decref(m);
	return rc;
}

/* What refusing and revoking start from: a reason, the office key, the device named. */
static int decision_start(db *d, const char *device, const char *reason, struct db_key *k,
			  struct db_identity *who, ipc_err *e)
{
	if (!reason || !*reason)
		return err_kind(e, IPC_E_USAGE, "reason", "%s", _("give the reason (--reason)"));
	return need_office_key(d, k, e) || device_resolve(d, device, who, e) ? -1 : 0;
}

int roster_refuse(db *d, const char *device, const char *reason, ipc_err *e)
{
	struct db_identity who = {0};
	struct db_key k = {0};
	char id[37], existing[37];
	int rc = -1;

	if (decision_start(d, device, reason, &k, &who, e))
		goto out;
	if (member_find(d, k.actor, who.actor, existing)) {
		err_kind(e, IPC_E_RULE, "device", _("%s is on the roster already: revoke the device "
			 "instead"), who.officer);
		goto out;
	}
	rc = member_write(d, &k, who.actor, who.officer, who.cert, NULL, "refused", reason, -1, id, e);
out:
	sodium_memzero(k.sk, sizeof k.sk);
	return rc;
}

/* The ids of the device's ops this workspace holds, as parts of IDS_PER_PART prefixes. */
static int accepted_parts(db *d, const struct db_key *k, const char *member, const char *device,
			  json_int_t *n, ipc_err *e)
{
	sqlite3_stmt *st;
	char *ids = malloc(IDS_PER_PART * (PREFIX_LEN + 1) + 1);
	size_t len = 0, in_part = 0;
	int rc = 0;

	*n = 0;
	if (!ids)
		return err_nomem(e);
	if (sqlite3_prepare_v2(d->sql, "SELECT substr(id, 1, 32) FROM ops WHERE actor = ? ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		free(ids);
		return db_sqlerr(d, e, "reading the device's ops");
	}
	db_bind_text(st, 1, device);
	for (bool more = true; !rc && more;) {
		more = sqlite3_step(st) == SQLITE_ROW;
		if (more) {
			len += (size_t)sprintf(ids + len, "%s%s", in_part ? " " : "", sqlite3_column_text(st, 0));
			in_part++, (*n)++;
		}
		if (in_part && (!more || in_part == IDS_PER_PART)) {
			json_t *set = json_pack("{s:s,s:s,s:s}", "member", member, "office",
						db_self(d)->office, "ids", ids);
			rc = set ? db_write_as(d, k, "revoked_ops", NULL, set, NULL, e) : err_nomem(e);
			json_decref(set);
			len = in_part = 0;
		}
	}
	sqlite3_finalize(st);
	free(ids);
	return rc;
}

int roster_revoke(db *d, const char *device, const char *reason, ipc_err *e)
{
	struct db_identity who = {0};
	struct db_key k = {0};
	char id[37], admin[65];
	json_t *m = NULL;
	json_int_t n;
	int rc = -1;

	if (decision_start(d, device, reason, &k, &who, e))
		goto out;
	if (!member_find(d, k.actor, who.actor, id) || !(m = db_get(d, id, e))) {
		err_kind(e, IPC_E_NOTFOUND, "device", _("%s is not on the roster: refuse the request "
			 "instead"), who.officer);
		goto out;
	}
	if (roster_declared(d, k.actor, db_self(d)->office, admin) && strcmp(admin, who.actor) == 0) {
		err_kind(e, IPC_E_RULE, "device", "%s", _("the device that holds the office key cannot "
			 "be revoked: it signs the roster"));
		goto out;
	}
	if (db_begin(d, e))
		goto out;
	/* the parts first: when the revocation folds, the ops it accepts are all named */
	if (accepted_parts(d, &k, id, who.actor, &n, e)
	    || member_write(d, &k, who.actor, jtext(m, "officer"), jtext(m, "cert"),
			    json_object_get(m, "roles"), "revoked", reason, n, id, e)
	    || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(k.sk, sizeof k.sk);
	json_decref(m);
	return rc;
}

int roster_verify(db *d, const char *code, const char *fingerprint, ipc_err *e)
{
	sqlite3_stmt *st;
	struct officekey_pin p;
	char digits[33], key[65] = "";
	long retried;
	int seen = 0;

	if (!validate_region_name(code))
		return err_kind(e, IPC_E_USAGE, "office", _("%.16s is not a division code of Beijing, "
				"Tianjin or Hebei"), code);
	if (!officekey_digits(fingerprint, digits))
		return err_kind(e, IPC_E_USAGE, "fingerprint", "%s", _("a fingerprint is 32 digits, as "
				"that office's `ipcase office show` prints them (8 groups of 4)"));
	if (officekey_pin_get(d, code, &p))
		return strcmp(p.fingerprint, digits) == 0 ? 0
			: err_kind(e, IPC_E_CONFLICT, "fingerprint", _("office %s is pinned here to "
				   "another key (fingerprint %.4s…): a pinned key is never replaced; if "
				   "that office really made a new key, call it"), code, p.fingerprint);
	if (!(st = db_stmt(d, "SELECT creator FROM t_office WHERE code = ?", e)))
		return -1;
	db_bind_text(st, 1, code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		seen++;
		if (officekey_matches((const char *)sqlite3_column_text(st, 0), digits))
			snprintf(key, sizeof key, "%s", sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	if (seen && !key[0])
		return err_kind(e, IPC_E_RULE, "fingerprint", _("the key of office %s in the channel has "
				"another fingerprint: do not trust it, and call that office again"), code);
	if (officekey_pin_set(d, code, digits, key, "verified", e))
		return -1;
	if (!key[0])
		return 0;
	/* its members' refused ops may now be theirs; its revocations now count */
	if (!(st = db_stmt(d, "SELECT id FROM t_member WHERE creator = ? AND state = 'revoked'", e)))
		return -1;
	db_bind_text(st, 1, key);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char id[37];
		snprintf(id, sizeof id, "%s", sqlite3_column_text(st, 0));
		if (roster_revocation_enforce(d, id, e)) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return db_quarantine_retry(d, &retried, e);
}

/* ---- reading ---- */

static json_t *roles_of(const unsigned char *json)
{
	json_t *r = json ? json_loads((const char *)json, 0, NULL) : NULL;
	return r ? r : json_array();
}


json_t *roster_office(db *d, ipc_err *e)
{
	const struct db_identity *me = db_self(d);
	struct authority a;
	struct db_key k = {0};
	struct officekey_pin p;
	char fp[40], dfp[40];
	bool pinned = officekey_pin_get(d, me->office, &p);
	int held = officekey_read(d, &k, e);
	json_t *roles;

	sodium_memzero(k.sk, sizeof k.sk);
	if (held < 0)
		return NULL;
	if (!(roles = json_array()))
		return err_nomem(e), NULL;
	officekey_grouped(p.fingerprint, fp);
	officekey_fingerprint(me->actor, dfp);
	roster_authority(d, me->actor, NULL, &a);
	for (int i = 0; roster_roles[i].id; i++)
		if (a.verified && (a.roles & (1u << i)))
			json_array_append_new(roles, json_string(roster_roles[i].id));
	json_t *o = json_pack("{s:s,s:s,s:s?,s:b,s:b,s:b,s:o,s:s,s:s,s:s}", "code", me->office,
			      "name", me->office_name, "fingerprint", pinned ? fp : NULL,
			      "verified", pinned && p.key[0], "holds_key", held == 1,
			      "admitted", a.verified, "roles", roles, "device", me->actor,
			      "device_fingerprint", dfp, "why", pinned && !a.verified ? a.why : "");
	if (!o)
		err_nomem(e);
	return o;
}

static int member_row(json_t *list, sqlite3_stmt *st)
{
	const char *key = (const char *)sqlite3_column_text(st, 0);
	char fp[40];

	officekey_fingerprint(key, fp);
	return json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s}",
		"device", key, "fingerprint", fp, "officer", sqlite3_column_text(st, 1),
		"cert", sqlite3_column_text(st, 2), "roles", roles_of(sqlite3_column_text(st, 3)),
		"state", sqlite3_column_text(st, 4),
		"reason", sqlite3_column_text(st, 5), "since", sqlite3_column_text(st, 6)));
}

json_t *roster_members(db *d, ipc_err *e)
{
	/* the roster's members, then the join requests of devices it does not name yet */
	sqlite3_stmt *st = db_stmt(d, "SELECT m.device, m.officer, m.cert, m.roles, m.state,"
				   " coalesce(m.reason, ''), coalesce(m.since, ''), 0, m.created_hlc"
				   " FROM t_member m JOIN office_pins p ON p.code = m.office"
				   " AND p.key = m.creator WHERE m.office = ?1"
				   " UNION ALL SELECT j.device, j.officer, j.cert, '[]', 'requested',"
				   " coalesce(j.note, ''), '', 1, min(j.created_hlc) FROM t_join j"
				   " WHERE j.office = ?1 AND NOT EXISTS(SELECT 1 FROM t_member m"
				   " JOIN office_pins p ON p.code = m.office AND p.key = m.creator"
				   " WHERE m.device = j.device) GROUP BY j.device"
				   " ORDER BY 8, 5, 2, 9, 1", e);
	json_t *list = json_array();
	bool nomem = !list;

	if (!st || nomem) {
		json_decref(list);
		return st ? (err_nomem(e), NULL) : NULL;
	}
	db_bind_text(st, 1, db_self(d)->office);
	while (!nomem && sqlite3_step(st) == SQLITE_ROW)
		nomem = member_row(list, st) != 0;
	sqlite3_reset(st);
	if (nomem) {
		json_decref(list);
		err_nomem(e);
		return NULL;
	}
	return list;
}

json_t *roster_offices(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT o.code, o.name, o.creator, p.key IS NOT NULL"
				   " AND p.key = o.creator, (SELECT count(*) FROM t_member m WHERE"
				   " m.creator = o.creator AND m.state = 'admitted') FROM t_office o"
				   " LEFT JOIN office_pins p ON p.code = o.code"
				   " UNION ALL SELECT p.code, '', '', 0, 0 FROM office_pins p"
				   " WHERE p.key IS NULL ORDER BY 1, 3", e);
	json_t *list = json_array();
	bool nomem = !list;

	if (!st || nomem) {
		json_decref(list);
		return st ? (err_nomem(e), NULL) : NULL;
	}
	while (!nomem && sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 2);
		char fp[40];
		struct officekey_pin p;
		if (*key) {
			officekey_fingerprint(key, fp);
		} else {
			officekey_pin_get(d, (const char *)sqlite3_column_text(st, 0), &p);
			officekey_grouped(p.fingerprint, fp);
		}
		nomem = json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:b,s:b,s:I}", "code",
			sqlite3_column_text(st, 0), "name", sqlite3_column_text(st, 1), "fingerprint",
			fp, "verified", sqlite3_column_int(st, 3), "seen", *key != '\0', "members",
			(json_int_t)sqlite3_column_int64(st, 4))) != 0;
	}
	sqlite3_reset(st);
	if (nomem) {
		json_decref(list);
		err_nomem(e);
		return NULL;
	}
	return list;
}

json_t *roster_recipients(db *d, const char *code, ipc_err *e)
{
	sqlite3_stmt *st;
	json_t *keys;
	struct officekey_pin p;

	if (!officekey_pin_get(d, code, &p) || !p.key[0])
		return err_kind(e, IPC_E_RULE, "to_office", _("office %s is not verified here, so "
				"nothing confidential can be sealed to it. Call that office, have its "
				"administrator read the fingerprint from `ipcase office show`, compare it "
				"with `ipcase office keys`, then run: ipcase office verify %s "
				"FINGERPRINT"), code, code), NULL;
	if (!(st = db_stmt(d, "SELECT device FROM t_member WHERE creator = ? AND office = ?"
			   " AND state = 'admitted' ORDER BY device", e)))
		return NULL;
	if (!(keys = json_array())) {
		err_nomem(e);
		return NULL;
	}
	db_bind_text(st, 1, p.key);
	db_bind_text(st, 2, code);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (json_array_append_new(keys, json_string((const char *)sqlite3_column_text(st, 0)))) {
			sqlite3_reset(st); /* a member left out could not open what is sealed */
			json_decref(keys);
			err_nomem(e);
			return NULL;
		}
	sqlite3_reset(st);
	if (!json_array_size(keys)) {
		json_decref(keys);
		err_kind(e, IPC_E_RULE, "to_office", _("the roster of office %s admits no device yet, "
			 "so no one could open what is sealed: ask its administrator to admit its "
			 "officers, then sync the collaboration channel"), code);
		return NULL;
	}
	return keys;
}

