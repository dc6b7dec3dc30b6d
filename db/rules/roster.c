/* roster — office keys, signed rosters, join requests, pins and the authority of writers. */
#include "db/rules/roster.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/validate.h"
#include "db/channel.h"
#include "db/db_internal.h"
#include "db/op.h"
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

#define IDS_PER_PART 1500 /* accepted op ids (32 hex digits each) in one revoked_ops op */
#define PREFIX_LEN 32     /* 128 bits of an op id: no one finds a second op with the same */

static const struct field office_fields[] = {
	{"code", FK_REGION, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构代码", "office", 0},
	{"name", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "机构名称", "name", 128},
	{"admin_device", FK_SHA256, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "持有机构密钥的设备",
	 "device holding the office key", 0},
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

/* ---- fingerprints and keys ---- */

void roster_fingerprint(const char *key_hex, char out[40])
{
	unsigned char pk[32], h[crypto_hash_sha512_BYTES];
	size_t n = 0;

	memset(pk, 0, sizeof pk);
	if (key_hex)
		sodium_hex2bin(pk, sizeof pk, key_hex, strlen(key_hex), NULL, NULL, NULL);
	crypto_hash_sha512(h, pk, sizeof pk);
	/* 8 groups of 40 bits, each read as 4 decimal digits (as Signal's safety numbers) */
	for (int g = 0; g < 8; g++) {
		uint64_t v = 0;
		for (int i = 0; i < 5; i++)
			v = v << 8 | h[g * 5 + i];
		n += (size_t)snprintf(out + n, 40 - n, "%s%04u", g ? " " : "", (unsigned)(v % 10000));
	}
}

/* The 32 digits of a fingerprint as typed ("1234 5678…", "1234-5678…"); false when not. */
static bool fingerprint_digits(const char *text, char out[33])
{
	size_t n = 0;

	for (const char *c = text; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (n == 32)
				return false;
			out[n++] = *c;
		} else if (*c != ' ' && *c != '-' && *c != ':') {
			return false;
		}
	}
	out[n] = '\0';
	return n == 32;
}

static bool fingerprint_matches(const char *key_hex, const char *digits)
{
	char fp[40], mine[33];

	roster_fingerprint(key_hex, fp);
	return fingerprint_digits(fp, mine) && strcmp(mine, digits) == 0;
}

static int office_key_path(db *d, char *out, size_t n, ipc_err *e)
{
	int len = snprintf(out, n, "%s/office.key", db_home(d));
	return len < 0 || (size_t)len >= n ? err_set(e, _("workspace path too long")) : 0;
}

/* The office key, when this device holds it: 1 read, 0 none, -1 damaged. */
static int office_key_read(db *d, struct db_key *k, ipc_err *e)
{
	char path[1100];
	struct stat st;
	unsigned char pk[32];
	ssize_t n;
	int fd;

	if (office_key_path(d, path, sizeof path, e))
		return -1;
	if ((fd = open(path, O_RDONLY)) < 0)
		return errno == ENOENT ? 0 : err_kind(e, IPC_E_IO, NULL, _("cannot open %s: %s"), path,
						       strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & 077)) {
		close(fd);
		return err_kind(e, IPC_E_IO, NULL, _("the office key %s is readable by others: chmod "
						     "600 it"), path);
	}
	n = read(fd, k->sk, sizeof k->sk);
	close(fd);
	if (n != (ssize_t)sizeof k->sk)
		return err_kind(e, IPC_E_CORRUPT, NULL, _("the office key %s is damaged"), path);
	crypto_sign_ed25519_sk_to_pk(pk, k->sk);
	sodium_bin2hex(k->actor, sizeof k->actor, pk, sizeof pk);
	return 1;
}

static int office_key_make(db *d, struct db_key *k, ipc_err *e)
{
	char path[1100];
	unsigned char pk[32];
	int fd;

	if (office_key_path(d, path, sizeof path, e))
		return -1;
	crypto_sign_keypair(pk, k->sk);
	sodium_bin2hex(k->actor, sizeof k->actor, pk, sizeof pk);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot create %s: %s"), path, strerror(errno));
	if (write(fd, k->sk, sizeof k->sk) != (ssize_t)sizeof k->sk || fsync(fd) != 0) {
		close(fd);
		unlink(path);
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, strerror(errno));
	}
	close(fd);
	return 0;
}

/* ---- pins ---- */

struct pin {
	char fingerprint[33]; /* digits */
	char key[65];         /* "" until a roster signed by a key of that fingerprint is seen */
};

static bool pin_get(db *d, const char *code, struct pin *p)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT fingerprint, coalesce(key, '') FROM office_pins"
				   " WHERE code = ?", NULL);
	bool found;

	memset(p, 0, sizeof *p);
	if (!st)
		return false;
	db_bind_text(st, 1, code);
	if ((found = sqlite3_step(st) == SQLITE_ROW)) {
		snprintf(p->fingerprint, sizeof p->fingerprint, "%s", sqlite3_column_text(st, 0));
		snprintf(p->key, sizeof p->key, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return found;
}

static int pin_set(db *d, const char *code, const char *digits, const char *key, const char *how,
		   ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT OR REPLACE INTO office_pins(code, fingerprint, key,"
				   " how, at) VALUES(?, ?, nullif(?, ''), ?, ?)", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, digits);
	db_bind_text(st, 3, key ? key : "");
	db_bind_text(st, 4, how);
	sqlite3_bind_int64(st, 5, db_wall_ms() / 1000);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "pinning an office key");
}

bool roster_verified(db *d, const char *code)
{
	struct pin p;
	return pin_get(d, code, &p) && p.key[0];
}

/* ---- authority ---- */

static unsigned roles_bits(const char *json)
{
	unsigned bits = 0;
	int i = 0;

	for (const struct enum_value *r = roster_roles; r->id; r++, i++) {
		char quoted[32];
		snprintf(quoted, sizeof quoted, "\"%s\"", r->id);
		if (json && strstr(json, quoted))
			bits |= 1u << i;
	}
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

void roster_authority(db *d, const char *actor, const char *op_id, struct authority *a)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT m.office, coalesce(m.roles, '[]'), m.state, m.id,"
				   " coalesce(m.reason, ''), coalesce(m.since, '') FROM t_member m"
				   " JOIN office_pins p ON p.code = m.office AND p.key = m.creator"
				   " WHERE m.device = ?", NULL);
	char fp[40], claimed[8];
	struct pin pin;

	memset(a, 0, sizeof *a);
	if (!st) {
		snprintf(a->why, sizeof a->why, "%s", _("the roster cannot be read"));
		return;
	}
	db_bind_text(st, 1, actor);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *office = (const char *)sqlite3_column_text(st, 0);
		const char *state = (const char *)sqlite3_column_text(st, 2);
		char member[37];
		snprintf(member, sizeof member, "%s", sqlite3_column_text(st, 3));
		if (strcmp(state, "admitted") == 0
		    || (strcmp(state, "revoked") == 0 && accepted_op(d, member, op_id))) {
			snprintf(a->office, sizeof a->office, "%s", office);
			a->roles = roles_bits((const char *)sqlite3_column_text(st, 1));
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
		return;
	}
	sqlite3_reset(st);
	claimed_office(d, actor, claimed);
	if (!claimed[0]) {
		snprintf(a->why, sizeof a->why, _("unknown device key %.12s…"), actor);
		return;
	}
	if (pin_get(d, claimed, &pin)) {
		roster_fingerprint(actor, fp);
		snprintf(a->why, sizeof a->why, _("device %.12s… claims office %s but is not on its "
			 "roster: its administrator admits it with: ipcase office admit \"%s\""),
			 actor, claimed, fp);
		return;
	}
	/* no key of that office is pinned here: the device's own word, unverified */
	snprintf(a->office, sizeof a->office, "%s", claimed);
	a->roles = ROLE_ALL;
}

static const char *role_label(unsigned role)
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
			step, role_label(role), a.office);
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
static bool declared(db *d, const char *actor, const char *code, char admin[65])
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
	sqlite3_stmt *st;
	struct pin p;
	char fp[40];
	int rc;

	if (!pin_get(d, code, &p))
		return 0;
	if (p.key[0] && strcmp(p.key, actor) == 0)
		return 0;
	if (!p.key[0] && fingerprint_matches(actor, p.fingerprint)) {
		if (!(st = db_stmt(d, "UPDATE office_pins SET key = ? WHERE code = ?", e)))
			return -1;
		db_bind_text(st, 1, actor);
		db_bind_text(st, 2, code);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "pinning an office key");
	}
	roster_fingerprint(actor, fp);
	return err_kind(e, IPC_E_RULE, NULL, _("OFFICE KEY CHANGED: office %s is pinned to the key "
			"with fingerprint %.4s…%s, but this roster is signed by a key with fingerprint "
			"%s. It is refused and never followed: call that office and compare"), code,
			p.fingerprint, p.fingerprint + 28, fp);
}

static int member_rules(db *d, const char *actor, const json_t *state, ipc_err *e)
{
	char admin[65];
	char *roles;
	bool keeps;

	if (!declared(d, actor, jtext(state, "office"), admin))
		return err_kind(e, IPC_E_RULE, NULL, _("a roster entry for office %s signed by a key "
				"that is not that office's"), jtext(state, "office"));
	if (strcmp(admin, jtext(state, "device")) != 0)
		return 0;
	roles = json_dumps(json_object_get(state, "roles"), JSON_COMPACT);
	keeps = strcmp(jtext(state, "state"), "admitted") == 0 && (roles_bits(roles) & ROLE_ADMIN);
	free(roles);
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
	if (!declared(d, o->actor, code, admin)) {
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
	return is_roster(t) ? roster_import(d, t, o, e) : device_import(d, t, o, e);
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
static int revocation_enforce(db *d, const char *member, ipc_err *e)
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
	return strcmp(jtext(state, "state"), "revoked") == 0 ? revocation_enforce(d, record, e) : 0;
}

static int revoked_ops_folded(db *d, const struct rtype *t, const char *record,
			      const json_t *state, bool is_new, ipc_err *e)
{
	(void)t, (void)record, (void)is_new;
	return revocation_enforce(d, jtext(state, "member"), e);
}

/* The pins and the index the authority checks read; the office key's ops sent from here. */
static int roster_open(db *d, ipc_err *e)
{
	struct db_key k = {0};
	int held = office_key_read(d, &k, e);

	sodium_memzero(k.sk, sizeof k.sk);
	if (held < 0 || (held && db_send_as(d, k.actor, e)))
		return -1;
	return db_exec(d, "CREATE TABLE IF NOT EXISTS office_pins(code TEXT PRIMARY KEY,"
		       " fingerprint TEXT NOT NULL, key TEXT, how TEXT NOT NULL, at INTEGER NOT NULL);"
		       "CREATE INDEX IF NOT EXISTS t_member_device ON t_member(device);"
		       "CREATE INDEX IF NOT EXISTS t_office_creator ON t_office(creator, code);"
		       "CREATE INDEX IF NOT EXISTS t_revoked_ops_member ON t_revoked_ops(member);", e);
}

/* ---- this office: writing the roster ---- */

/* The office key, or a refusal naming who holds it. */
static int need_office_key(db *d, struct db_key *k, ipc_err *e)
{
	int got = office_key_read(d, k, e);

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

static int member_write(db *d, const struct db_key *k, const char *device, const char *officer,
			const char *cert, json_t *roles, const char *state, const char *reason,
			json_int_t accepted, char id[37], ipc_err *e)
{
	char today[11], existing[37];
	json_t *set;
	int rc;

	db_today(today);
	set = json_pack("{s:s,s:s,s:s,s:s,s:O?,s:s,s:s?,s:s}", "office", db_self(d)->office,
			"device", device, "officer", officer, "cert", cert, "roles", roles,
			"state", state, "reason", reason, "since", today);
	if (!set || (accepted >= 0 && json_object_set_new(set, "accepted_n", json_integer(accepted))))
		rc = err_nomem(e);
	else
		rc = db_write_as(d, k, "member", member_find(d, k->actor, device, existing) ? existing
											   : NULL, set, id, e);
	json_decref(set);
	return rc;
}

static const char *default_roles = "handler,reviewer,head,admin";

int roster_create(db *d, const char *roles, ipc_err *e)
{
	const struct db_identity *me = db_self(d);
	struct db_key k = {0};
	struct pin p;
	char fp[40], digits[33], id[37], path[1100];
	json_t *set = NULL, *r = NULL;
	int rc = -1;

	if (office_key_read(d, &k, e) != 0)
		return err_kind(e, IPC_E_CONFLICT, NULL, _("this device already holds the key of "
				"office %s (ipcase office show)"), me->office);
	if (pin_get(d, me->office, &p))
		return err_kind(e, IPC_E_CONFLICT, NULL, _("office %s already has its key (fingerprint "
				"%.4s…), pinned when this device joined: an office has one key"),
				me->office, p.fingerprint);
	if (!(r = roles_parse(roles ? roles : default_roles, e)))
		return -1;
	if (!(set = json_pack("{s:s,s:s,s:s}", "code", me->office, "name", me->office_name,
			      "admin_device", me->actor))) {
		err_nomem(e);
		goto out;
	}
	if (office_key_path(d, path, sizeof path, e) || office_key_make(d, &k, e))
		goto out;
	if (db_send_as(d, k.actor, e))
		goto gone;
	roster_fingerprint(k.actor, fp);
	fingerprint_digits(fp, digits);
	if (db_begin(d, e))
		goto gone;
	if (pin_set(d, me->office, digits, k.actor, "created", e)
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
	struct pin p;
	char digits[33];
	json_t *set;
	int rc;

	if (!fingerprint_digits(fingerprint, digits))
		return err_kind(e, IPC_E_USAGE, "fingerprint", "%s", _("a fingerprint is 32 digits, as "
				"the administrator's `ipcase office show` prints them (8 groups of 4)"));
	if (pin_get(d, me->office, &p) && strcmp(p.fingerprint, digits) != 0)
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
				if (fingerprint_matches((const char *)sqlite3_column_text(st, 0), digits))
					snprintf(key, sizeof key, "%s", sqlite3_column_text(st, 0));
			sqlite3_reset(st);
		}
		rc = !st || pin_set(d, me->office, digits, key, "joined", e)
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
	bool by_fp = fingerprint_digits(text, digits);
	int n = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, db_self(d)->office);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (by_fp ? fingerprint_matches(key, digits) : strcmp(key, text) == 0) {
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

int roster_refuse(db *d, const char *device, const char *reason, ipc_err *e)
{
	struct db_identity who = {0};
	struct db_key k = {0};
	char id[37], existing[37];
	int rc = -1;

	if (!reason || !*reason)
		return err_kind(e, IPC_E_USAGE, "reason", "%s", _("give the reason (--reason)"));
	if (need_office_key(d, &k, e) || device_resolve(d, device, &who, e))
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

	if (!reason || !*reason)
		return err_kind(e, IPC_E_USAGE, "reason", "%s", _("give the reason (--reason)"));
	if (need_office_key(d, &k, e) || device_resolve(d, device, &who, e))
		goto out;
	if (!member_find(d, k.actor, who.actor, id) || !(m = db_get(d, id, e))) {
		err_kind(e, IPC_E_NOTFOUND, "device", _("%s is not on the roster: refuse the request "
			 "instead"), who.officer);
		goto out;
	}
	if (declared(d, k.actor, db_self(d)->office, admin) && strcmp(admin, who.actor) == 0) {
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
	struct pin p;
	char digits[33], key[65] = "";
	long retried;
	int seen = 0;

	if (!validate_region_name(code))
		return err_kind(e, IPC_E_USAGE, "office", _("%.16s is not a division code of Beijing, "
				"Tianjin or Hebei"), code);
	if (!fingerprint_digits(fingerprint, digits))
		return err_kind(e, IPC_E_USAGE, "fingerprint", "%s", _("a fingerprint is 32 digits, as "
				"that office's `ipcase office show` prints them (8 groups of 4)"));
	if (pin_get(d, code, &p))
		return strcmp(p.fingerprint, digits) == 0 ? 0
			: err_kind(e, IPC_E_CONFLICT, "fingerprint", _("office %s is pinned here to "
				   "another key (fingerprint %.4s…): a pinned key is never replaced; if "
				   "that office really made a new key, call it"), code, p.fingerprint);
	if (!(st = db_stmt(d, "SELECT creator FROM t_office WHERE code = ?", e)))
		return -1;
	db_bind_text(st, 1, code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		seen++;
		if (fingerprint_matches((const char *)sqlite3_column_text(st, 0), digits))
			snprintf(key, sizeof key, "%s", sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	if (seen && !key[0])
		return err_kind(e, IPC_E_RULE, "fingerprint", _("the key of office %s in the channel has "
				"another fingerprint: do not trust it, and call that office again"), code);
	if (pin_set(d, code, digits, key, "verified", e))
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
		if (revocation_enforce(d, id, e)) {
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

/* "1234 5678 …" from the 32 digits of a pin. */
static void digits_grouped(const char *digits, char out[40])
{
	out[0] = '\0';
	for (int g = 0; g < 8; g++)
		snprintf(out + strlen(out), 40 - strlen(out), "%s%.4s", g ? " " : "", digits + 4 * g);
}

json_t *roster_office(db *d, ipc_err *e)
{
	const struct db_identity *me = db_self(d);
	struct authority a;
	struct db_key k = {0};
	struct pin p;
	char fp[40], dfp[40];
	bool pinned = pin_get(d, me->office, &p);
	int held = office_key_read(d, &k, e);
	json_t *roles;

	sodium_memzero(k.sk, sizeof k.sk);
	if (held < 0)
		return NULL;
	if (!(roles = json_array()))
		return err_nomem(e), NULL;
	digits_grouped(p.fingerprint, fp);
	roster_fingerprint(me->actor, dfp);
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

static int member_row(json_t *list, sqlite3_stmt *st, const char *state)
{
	const char *key = (const char *)sqlite3_column_text(st, 0);
	char fp[40];

	roster_fingerprint(key, fp);
	return json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s}",
		"device", key, "fingerprint", fp, "officer", sqlite3_column_text(st, 1),
		"cert", sqlite3_column_text(st, 2), "roles", roles_of(sqlite3_column_text(st, 3)),
		"state", state ? state : (const char *)sqlite3_column_text(st, 4),
		"reason", sqlite3_column_text(st, 5), "since", sqlite3_column_text(st, 6)));
}

json_t *roster_members(db *d, ipc_err *e)
{
	const char *office = db_self(d)->office;
	sqlite3_stmt *st = db_stmt(d, "SELECT m.device, m.officer, m.cert, m.roles, m.state,"
				   " coalesce(m.reason, ''), coalesce(m.since, '') FROM t_member m"
				   " JOIN office_pins p ON p.code = m.office AND p.key = m.creator"
				   " WHERE m.office = ? ORDER BY m.state, m.officer, m.device", e);
	json_t *list = json_array();
	bool nomem = !list;

	if (!st || nomem) {
		json_decref(list);
		return st ? (err_nomem(e), NULL) : NULL;
	}
	db_bind_text(st, 1, office);
	while (!nomem && sqlite3_step(st) == SQLITE_ROW)
		nomem = member_row(list, st, NULL) != 0;
	sqlite3_reset(st);
	/* join requests of devices the roster does not name yet */
	st = db_stmt(d, "SELECT j.device, j.officer, j.cert, '[]', '', coalesce(j.note, ''),"
		     " '' FROM t_join j WHERE j.office = ?1 AND NOT EXISTS(SELECT 1 FROM t_member m"
		     " JOIN office_pins p ON p.code = m.office AND p.key = m.creator"
		     " WHERE m.device = j.device) GROUP BY j.device ORDER BY j.created_hlc", e);
	if (!st) {
		json_decref(list);
		return NULL;
	}
	db_bind_text(st, 1, office);
	while (!nomem && sqlite3_step(st) == SQLITE_ROW)
		nomem = member_row(list, st, "requested") != 0;
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
		struct pin p;
		if (*key) {
			roster_fingerprint(key, fp);
		} else {
			pin_get(d, (const char *)sqlite3_column_text(st, 0), &p);
			digits_grouped(p.fingerprint, fp);
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
	struct pin p;

	if (!pin_get(d, code, &p) || !p.key[0])
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
