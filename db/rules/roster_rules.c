/* roster_rules — the roster's record types, the authority of writers, and revocation. */
#include "db/rules/roster_rules.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/officekey.h"
#include "db/store.h"

/* Ids are stored in ops: never rename one. */
const struct enum_value roster_roles[] = {
	{"handler", "执法人员", N_("handler")},
	{"reviewer", "法制审核", N_("legal reviewer")},
	{"head", "负责人", N_("head")},
	{"admin", "管理员", N_("administrator")},
	{NULL, NULL, NULL},
};
const struct enum_value roster_states[] = {
	{"admitted", "已接纳", N_("admitted")},
	{"revoked", "已吊销", N_("revoked")},
	{"refused", "已拒绝", N_("refused")},
	{NULL, NULL, NULL},
};


static const struct field office_fields[] = {
	{"code", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构代码", "office", 0},
	{"name", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构名称", "name", 128},
	{"admin_device", FK_SHA256, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "持有机构密钥的设备",
	 "device holding the office key", 0},
	/* B of the case numbers' blocks (db/rules/caseno.h), fixed when the roster is made */
	{"number_block", FK_INT, FF_SYSTEM, NULL, NULL, "案号段大小", "numbers per block", 0},
};
static const struct field member_fields[] = {
	{"office", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构", "office", 0},
	{"device", FK_SHA256, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "设备密钥", "device key", 0},
	{"officer", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "执法人员", "officer", 64},
	{"cert", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "执法证号", "certificate", 48},
	{"roles", FK_ENUMS, FF_SYSTEM, roster_roles, NULL, "角色", "roles", 0},
	{"state", FK_ENUM, FF_REQUIRED | FF_SYSTEM, roster_states, NULL, "状态", "state", 0},
	{"reason", FK_TEXT, FF_SYSTEM, NULL, NULL, "原因", "reason", SCHEMA_LINE_MAX},
	{"accepted_n", FK_INT, FF_SYSTEM, NULL, NULL, "吊销前接受的操作数", "ops accepted", 0},
	{"since", FK_DATE, FF_SYSTEM, NULL, NULL, "日期", "since", 0},
	/* k of the device's block of case numbers, given at admission: the next unused one */
	{"block", FK_INT, FF_SYSTEM, NULL, NULL, "案号段", "number block", 0},
};
static const struct field revoked_ops_fields[] = {
	{"member", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "member", "成员", "member", 0},
	{"office", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构", "office", 0},
	{"ids", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "接受的操作", "accepted ops",
	 IDS_PER_PART * (PREFIX_LEN + 1)},
};
static const struct field join_fields[] = {
	{"office", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构", "office", 0},
	{"device", FK_SHA256, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "设备密钥", "device key", 0},
	{"officer", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "执法人员", "officer", 64},
	{"cert", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "执法证号", "certificate", 48},
	{"note", FK_TEXT, 0, NULL, NULL, "说明", "note", SCHEMA_LINE_MAX},
};

/* ---- authority ---- */

/* The enum roster_role bits of a list of role ids (as a member's `roles` holds them). */
static unsigned roles_bits(const json_t *list)
{
	const json_t *v;
	unsigned bits = 0;
	size_t k;

	json_array_foreach(list, k, v)
		for (int i = 0; roster_roles[i].id; i++)
			if (json_is_string(v) && strcmp(json_string_value(v), roster_roles[i].id) == 0)
				bits |= 1u << i;
	return bits;
}

/* Is op `op_id` among those the revocation of member `member` accepts? */
static bool accepted_op(db *d, const char *member, const char *op_id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT 1 FROM t_revoked_ops WHERE member = ?1"
				   " AND instr(' ' || ids || ' ', ' ' || substr(?2, 1, 32) || ' ') > 0", NULL);
	bool yes;

	if (!st || !op_id)
		return false;
	db_bind_text(st, 1, member);
	db_bind_text(st, 2, op_id);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

/* The office a device's key file claims ("" when unknown). */
static void claimed_office(db *d, const char *actor, char out[8])
{
	sqlite3_stmt *st = db_stmt(d, "SELECT office FROM actors WHERE key = ?", NULL);

	out[0] = '\0';
	if (!st)
		return;
	db_bind_text(st, 1, actor);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, 8, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

/* The last writer's authority, good while the transaction it was read in lasts and no roster
 * op arrives: an import judges thousands of ops by a handful of writers. A revoked member's is
 * not kept (it depends on the op). */
static struct {
	const db *d;
	uint64_t epoch;
	char actor[65];
	struct authority a;
} known;

static void authority_forget(void)
{
	known.d = NULL;
}

static bool authority_read(db *d, const char *actor, const char *op_id, struct authority *a);

void roster_authority(db *d, const char *actor, const char *op_id, struct authority *a)
{
	if (known.d == d && known.epoch == d->epoch && d->depth && strcmp(known.actor, actor) == 0) {
		*a = known.a;
		return;
	}
	if (authority_read(d, actor, op_id, a) && d->depth) {
		known.d = d;
		known.epoch = d->epoch;
		snprintf(known.actor, sizeof known.actor, "%s", actor);
		known.a = *a;
	}
}

/* The authority as the roster says it now; true when it depends on the writer alone (not on
 * the op: a revoked member's does). */
static bool authority_read(db *d, const char *actor, const char *op_id, struct authority *a)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT m.office, coalesce(m.roles, '[]'), m.state, m.id,"
				   " coalesce(m.reason, ''), coalesce(m.since, '') FROM t_member m"
				   " JOIN office_pins p ON p.code = m.office AND p.key = m.creator"
				   " WHERE m.device = ?", NULL);
	char fp[40], claimed[8];
	struct officekey_pin pin;

	memset(a, 0, sizeof *a);
	if (!st) {
		snprintf(a->why, sizeof a->why, "%s", _("the roster cannot be read"));
		return false;
	}
	db_bind_text(st, 1, actor);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *office = (const char *)sqlite3_column_text(st, 0);
		const char *state = (const char *)sqlite3_column_text(st, 2);
		bool revoked = strcmp(state, "revoked") == 0;
		char member[37];
		snprintf(member, sizeof member, "%s", sqlite3_column_text(st, 3));
		if (strcmp(state, "admitted") == 0
		    || (strcmp(state, "revoked") == 0 && accepted_op(d, member, op_id))) {
			snprintf(a->office, sizeof a->office, "%s", office);
			json_t *roles = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
			a->roles = roles_bits(roles);
			json_decref(roles);
			a->verified = true;
		} else if (strcmp(state, "revoked") == 0) {
			a->final = true;
			snprintf(a->why, sizeof a->why, _("device %.12s… was revoked by office %s on %s (%s);"
				 " ops it signed after that are refused"), actor, office,
				 sqlite3_column_text(st, 5), sqlite3_column_text(st, 4));
		} else {
			a->final = true;
			snprintf(a->why, sizeof a->why, _("office %s refused device %.12s… (%s)"), office,
				 actor, sqlite3_column_text(st, 4));
		}
		sqlite3_reset(st);
		return !revoked;
	}
	sqlite3_reset(st);
	claimed_office(d, actor, claimed);
	if (!claimed[0]) {
		snprintf(a->why, sizeof a->why, _("unknown device key %.12s…"), actor);
		return false; /* its key may come */
	}
	if (officekey_pin_get(d, claimed, &pin)) {
		officekey_fingerprint(actor, fp);
		snprintf(a->why, sizeof a->why, _("device %.12s… claims office %s but is not on its "
			 "roster: its administrator admits it with: ipcase office admit \"%s\""),
			 actor, claimed, fp);
		return true;
	}
	/* no key of that office is pinned here: the device's own word, unverified */
	snprintf(a->office, sizeof a->office, "%s", claimed);
	a->roles = ROLE_ALL;
	return true;
}

const char *roster_role_label(unsigned role)
{
	int i = 0;
	while (roster_roles[i].id && !(role & (1u << i)))
		i++;
	return roster_roles[i].id ? (i18n_zh() ? roster_roles[i].zh : _(roster_roles[i].en)) : "";
}

int roster_need_role(db *d, unsigned role, const char *step, ipc_err *e)
{
	struct authority a;

	roster_authority(d, db_self(d)->actor, NULL, &a);
	if (a.office[0] && (a.roles & role))
		return 0;
	if (!a.office[0])
		return err_kind(e, IPC_E_RULE, "roles", _("%s needs an admitted member of the office: %s"),
				step, a.why);
	return err_kind(e, IPC_E_RULE, "roles", _("%s needs the role %s, which the roster of office "
			"%s does not give this device: ask its administrator (ipcase office admit)"),
			step, roster_role_label(role), a.office);
}

/* ---- the checks of roster ops (signed by an office key) ---- */

static bool is_roster(const struct rtype *t)
{
	return t == &office_type || t == &member_type || t == &revoked_ops_type;
}

/* The office code a roster op speaks about. */
static const char *roster_code(const struct rtype *t, const json_t *set)
{
	return jstr(set, t == &office_type ? "code" : "office");
}

/* The creator (signing key) of a stored record of t, "" when none. */
static void creator_of(db *d, const struct rtype *t, const char *id, char out[65])
{
	char sql[96];
	sqlite3_stmt *st;

	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT creator FROM %s WHERE id = ?", t->table);
	if (sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, 65, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* Did key `actor` declare itself the key of office `code` (an office record it signed)? */
bool roster_declared(db *d, const char *actor, const char *code, char admin[65])
{
	sqlite3_stmt *st = db_stmt(d, "SELECT admin_device FROM t_office WHERE creator = ? AND code = ?",
				   NULL);
	bool yes;

	admin[0] = '\0';
	if (!st)
		return false;
	db_bind_text(st, 1, actor);
	db_bind_text(st, 2, code);
	if ((yes = sqlite3_step(st) == SQLITE_ROW))
		snprintf(admin, 65, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return yes;
}

/* A pinned office's key: the signer must be it; a pin by fingerprint alone takes the first key
 * that matches it. */
static int pinned_signer(db *d, const char *code, const char *actor, ipc_err *e)
{
	struct officekey_pin p;
	char fp[40];

	if (!officekey_pin_get(d, code, &p))
		return 0;
	if (p.key[0] && strcmp(p.key, actor) == 0)
		return 0;
	if (!p.key[0] && officekey_matches(actor, p.fingerprint)) {
		return officekey_pin_fill(d, code, actor, e);
	}
	officekey_fingerprint(actor, fp);
	return err_kind(e, IPC_E_RULE, NULL, _("OFFICE KEY CHANGED: office %s is pinned to the key "
			"with fingerprint %.4s…%s, but this roster is signed by a key with fingerprint "
			"%s. It is refused and never followed: call that office and compare"), code,
			p.fingerprint, p.fingerprint + 28, fp);
}

static int member_rules(db *d, const char *actor, const json_t *state, ipc_err *e)
{
	char admin[65];
	bool keeps;

	if (!roster_declared(d, actor, jtext(state, "office"), admin))
		return err_kind(e, IPC_E_RULE, NULL, _("a roster entry for office %s signed by a key "
				"that is not that office's"), jtext(state, "office"));
	if (strcmp(admin, jtext(state, "device")) != 0)
		return 0;
	keeps = strcmp(jtext(state, "state"), "admitted") == 0
		&& (roles_bits(json_object_get(state, "roles")) & ROLE_ADMIN);
	return keeps ? 0 : err_kind(e, IPC_E_RULE, "roles", _("the device that holds the office key "
				    "stays on the roster, admitted, with the admin role"));
}

/* A roster entry this device writes meets the rules its replicas apply on import: without
 * this, the administrator could demote its own device here and every replica would refuse the
 * op (invariant 5). */
static int member_check_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			      json_t *set, ipc_err *e)
{
	(void)t, (void)old, (void)set;
	return member_rules(d, d->as ? d->as->actor : d->self.actor, state, e);
}

static int roster_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	const char *code = roster_code(t, o->set);
	char creator[65], admin[65];

	if (!code)
		return err_set(e, _("a roster op that names no office"));
	claimed_office(d, o->actor, creator);
	if (creator[0])
		return err_kind(e, IPC_E_RULE, NULL, _("a roster entry of office %s signed by the device "
				"%.12s… of an officer: only the office key signs the roster"), code, o->actor);
	creator_of(d, t, o->record, creator);
	if (creator[0] && strcmp(creator, o->actor) != 0)
		return err_set(e, _("a roster entry changed by a key other than the one that wrote it"));
	if (pinned_signer(d, code, o->actor, e))
		return -1;
	if (t == &office_type)
		return 0;
	if (!roster_declared(d, o->actor, code, admin)) {
		err_kind(e, IPC_E_RULE, NULL, _("a roster entry of office %s whose office record is "
						"not here yet"), code);
		return DB_IMPORT_UNAUTHORISED;
	}
	if (t == &member_type) {
		json_t *state = NULL;
		int rc;
		if (!creator[0])
			state = json_incref(o->set);
		else if (!(state = db_get(d, o->record, e)))
			return -1;
		json_object_update(state, o->set);
		rc = member_rules(d, o->actor, state, e);
		json_decref(state);
		return rc;
	}
	return 0;
}

/* ---- the checks of ops signed by devices ---- */

/* The office a device belongs to, revoked or not: its roster's, else the one it claims. */
static void device_office(db *d, const char *actor, char out[8])
{
	sqlite3_stmt *st = db_stmt(d, "SELECT m.office FROM t_member m JOIN office_pins p"
				   " ON p.code = m.office AND p.key = m.creator WHERE m.device = ?", NULL);

	out[0] = '\0';
	if (st) {
		db_bind_text(st, 1, actor);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(out, 8, "%s", sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	}
	if (!out[0])
		claimed_office(d, actor, out);
}

/* The office whose officers wrote a stored record ("" when the record is new here). */
static void record_office(db *d, const struct rtype *t, const char *id, char out[8])
{
	char creator[65];

	out[0] = '\0';
	creator_of(d, t, id, creator);
	if (creator[0])
		device_office(d, creator, out);
}

static int join_import(db *d, const struct op *o, ipc_err *e)
{
	char claimed[8];

	claimed_office(d, o->actor, claimed);
	if (strcmp(jtext(o->set, "device"), o->actor) != 0)
		return err_kind(e, IPC_E_RULE, NULL, "%s", _("a join request for another device"));
	if (strcmp(claimed, jtext(o->set, "office")) != 0)
		return err_kind(e, IPC_E_RULE, NULL, _("a join request for office %s by a device of "
				"office %s"), jtext(o->set, "office"), claimed);
	return 0;
}

static int device_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	const char *self = db_self(d)->office;
	struct authority a;
	char owner[8];

	if (t == &join_type)
		return join_import(d, o, e);
	roster_authority(d, o->actor, o->id, &a);
	if (!a.office[0]) {
		err_kind(e, IPC_E_RULE, NULL, "%s", a.why);
		/* refused for now: an admission may come; a revocation does not go back */
		return a.final ? -1 : DB_IMPORT_UNAUTHORISED;
	}
	if (strcmp(t->channel, "office") == 0) {
		if (strcmp(a.office, self) == 0)
			return 0;
		return err_kind(e, IPC_E_RULE, NULL, _("a change to office %s's files signed by an "
				"officer of office %s"), self, a.office);
	}
	record_office(d, t, o->record, owner);
	if (owner[0] && strcmp(owner, a.office) != 0)
		return err_kind(e, IPC_E_RULE, NULL, _("this %s belongs to office %s; an officer of "
				"office %s may not change it"), t->name, owner, a.office);
	return 0;
}

static int gate_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	if (!is_roster(t))
		return device_import(d, t, o, e);
	authority_forget(); /* the roster changes, and a pin may take its key */
	return roster_import(d, t, o, e);
}

static int gate_write(db *d, const struct rtype *t, const char *actor, const char *record,
		      const json_t *old, ipc_err *e)
{
	char owner[8];

	if (is_roster(t))
		return strcmp(actor, db_self(d)->actor) != 0 ? 0
			: err_kind(e, IPC_E_RULE, NULL, "%s", _("the roster is signed with the office "
				   "key: ipcase office admit, refuse or revoke"));
	if (!old || strcmp(t->channel, "collab") != 0)
		return 0;
	record_office(d, t, record, owner);
	if (owner[0] && strcmp(owner, db_self(d)->office) != 0)
		return err_kind(e, IPC_E_RULE, NULL, _("this %s belongs to office %s: only its "
				"officers change it"), t->name, owner);
	return 0;
}

const struct schema_gate schema_gate = {.write = gate_write, .import = gate_import};

/* ---- revocation ---- */

static bool keep_accepted(db *d, const char *op_id, void *member)
{
	return accepted_op(d, member, op_id);
}

/* Once a revocation of a pinned roster is whole (all its parts here), every op of that
 * device it does not accept leaves the store for the quarantine. */
int roster_revocation_enforce(db *d, const char *member, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT m.device, coalesce(m.accepted_n, 0), m.office,"
				   " coalesce(m.reason, ''), coalesce(m.since, ''),"
				   " (SELECT coalesce(sum((length(r.ids) + 1) / 33), 0) FROM t_revoked_ops r"
				   "  WHERE r.member = m.id) FROM t_member m JOIN office_pins p"
				   " ON p.code = m.office AND p.key = m.creator"
				   " WHERE m.id = ? AND m.state = 'revoked'", e);
	char device[65], why[600];
	long withdrawn;
	bool whole;

	if (!st)
		return -1;
	db_bind_text(st, 1, member);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	snprintf(device, sizeof device, "%s", sqlite3_column_text(st, 0));
	whole = sqlite3_column_int64(st, 1) == sqlite3_column_int64(st, 5);
	snprintf(why, sizeof why, _("device %.12s… was revoked by office %s on %s (%s);"
		 " ops it signed after that are refused"), device, sqlite3_column_text(st, 2),
		 sqlite3_column_text(st, 4), sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	return whole ? db_ops_withdraw(d, device, keep_accepted, (void *)member, why, &withdrawn, e)
		     : 0;
}

static int member_folded(db *d, const struct rtype *t, const char *record, const json_t *state,
			 bool is_new, ipc_err *e)
{
	(void)t, (void)is_new;
	authority_forget();
	return strcmp(jtext(state, "state"), "revoked") == 0 ? roster_revocation_enforce(d, record, e) : 0;
}

static int revoked_ops_folded(db *d, const struct rtype *t, const char *record,
			      const json_t *state, bool is_new, ipc_err *e)
{
	(void)t, (void)record, (void)is_new;
	authority_forget();
	return roster_revocation_enforce(d, jtext(state, "member"), e);
}

/* The pins and the index the authority checks read; the office key's ops sent from here. */
static int roster_open(db *d, ipc_err *e)
{
	struct db_key k = {0};
	int held = officekey_read(d, &k, e);

	sodium_memzero(k.sk, sizeof k.sk);
	if (held < 0 || (held && db_send_as(d, k.actor, e)))
		return -1;
	if (officekey_open(d, e))
		return -1;
	return db_exec(d, "CREATE INDEX IF NOT EXISTS t_member_device ON t_member(device);"
		       "CREATE INDEX IF NOT EXISTS t_office_creator ON t_office(creator, code);"
		       "CREATE INDEX IF NOT EXISTS t_revoked_ops_member ON t_revoked_ops(member);", e);
}


#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype office_type = {
	.name = "office", .zh = "执法机构", .en = "office", .table = "t_office",
	.fields = office_fields, .nfields = NF(office_fields), .channel = "both", .own_key = true,
	.open = roster_open,
};
const struct rtype member_type = {
	.name = "member", .zh = "机构成员", .en = "roster member", .table = "t_member",
	.fields = member_fields, .nfields = NF(member_fields), .channel = "both", .own_key = true,
	.check_write = member_check_write, .folded = member_folded,
};
const struct rtype revoked_ops_type = {
	.name = "revoked_ops", .zh = "吊销前接受的操作", .en = "ops accepted at a revocation",
	.table = "t_revoked_ops", .fields = revoked_ops_fields, .nfields = NF(revoked_ops_fields),
	.parent = "member", .channel = "both", .own_key = true, .folded = revoked_ops_folded,
};
const struct rtype join_type = {
	.name = "join", .zh = "加入申请", .en = "join request", .table = "t_join",
	.fields = join_fields, .nfields = NF(join_fields), .channel = "office",
};

