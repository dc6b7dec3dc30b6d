/* Tests of offices as trust (db/rules/roster): the fingerprint's format, the office key file
 * (0600, refused when others can read it), one key per office, the authority of a device
 * (admitted with its roles, revoked with the ops its revocation accepts and no other,
 * refused, not on the roster of a pinned office, a device of an office with no pinned key),
 * ops withdrawn from a replica that held them before the revocation (the record, its heads,
 * its deadlines and search text), the administrator's device that never loses admin, roster
 * ops signed by another key than the pinned one, and a collaboration step withdrawn when an
 * office's roster is verified, before or after it arrives; and the blocks of case numbers the
 * roster gives each device. */
#include "tests/testutil.h"

#include <sodium.h>
#include <sys/stat.h>

#include "db/db_internal.h"
#include "db/rules/caseno.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/rules/roster.h"

/* ---- fingerprints ---- */

static bool fingerprint_shape(const char *fp)
{
	if (strlen(fp) != 39)
		return false;
	for (int i = 0; i < 39; i++)
		if (i % 5 == 4 ? fp[i] != ' ' : (fp[i] < '0' || fp[i] > '9'))
			return false;
	return true;
}

static void test_fingerprint(void **state)
{
	const char *k1 = "2f3ae5b518f2fa4545c25ed0d9a5d4de4fb4d4a0705d7459f61c4087cf2c7277";
	const char *k2 = "2f3ae5b518f2fa4545c25ed0d9a5d4de4fb4d4a0705d7459f61c4087cf2c7276";
	char a[40], b[40], c[40];

	(void)state;
	officekey_fingerprint(k1, a);
	officekey_fingerprint(k1, b);
	officekey_fingerprint(k2, c);
	assert_true(fingerprint_shape(a));
	assert_true(fingerprint_shape(c));
	assert_string_equal(a, b);    /* deterministic */
	assert_string_not_equal(a, c); /* one bit of the key changes it */
	/* the same key gives the same digits on every device and in every release (computed
	 * apart with Python: sha512 of the key, 8 groups of 40 bits, each mod 10000) */
	assert_string_equal(a, "9568 4733 6463 5668 9813 6497 5348 2636");
	/* many keys: always the shape, never the same digits */
	for (int i = 0; i < 200; i++) {
		unsigned char pk[32], sk[64];
		char hex[65], fp[40];
		crypto_sign_keypair(pk, sk);
		sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
		officekey_fingerprint(hex, fp);
		assert_true(fingerprint_shape(fp));
		assert_string_not_equal(fp, a);
	}
}

/* ---- an office of three devices in one process ---- */

struct office {
	db *admin, *member, *other; /* 130100: the administrator's device, two more */
	char ha[64], hm[64], ho[64];
	char fp[40];                /* the office key's fingerprint */
};

static void copy_all(db *from, db *to)
{
	struct tu_lines l = {0};
	ipc_err e = {0};

	assert_int_equal(db_ops_each(from, tu_collect, &l, &e), 0);
	for (size_t i = 0; i < l.n; i++)
		db_import(to, l.v[i], strlen(l.v[i]), &e); /* what is refused, each test looks at */
	tu_lines_free(&l);
}

/* Rows of `table` whose `column` is `value`; `column` LIKE: those whose text holds it. */
static int64_t rows(db *d, const char *table, const char *column, const char *value)
{
	char sql[160];

	if (strcmp(column, "LIKE") == 0 && strcmp(table, "fts_tri") == 0) /* contentless */
		snprintf(sql, sizeof sql, "SELECT count(*) FROM fts_tri WHERE fts_tri MATCH"
			 " '\"' || ? || '\"'");
	else if (strcmp(column, "LIKE") == 0)
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE reason LIKE '%%' || ? || '%%'",
			 table);
	else
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?", table, column);
	/* prepared here: db_count's statement cache is keyed by the address of a literal */
	int64_t n = -1;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(d->sql, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void device_fp(db *d, char fp[40])
{
	officekey_fingerprint(db_self(d)->actor, fp);
}

static void office_fp(db *d, char fp[40])
{
	ipc_err e = {0};
	json_t *o = roster_office(d, &e);

	assert_non_null(o);
	snprintf(fp, 40, "%s", json_string_value(json_object_get(o, "fingerprint")));
	json_decref(o);
}

/* The administrator makes the office; the member joins by fingerprint and is admitted with
 * `roles`; the other device publishes its key and joins but is not admitted. */
static void office_make(struct office *o, const char *roles)
{
	char fp[40];
	ipc_err e = {0};

	o->admin = tu_workspace_of("130100", "王建国", "13010001", o->ha);
	o->member = tu_workspace_of("130100", "李敏", "13010002", o->hm);
	o->other = tu_workspace_of("130100", "张伟", "13010003", o->ho);
	tu_introduce((db *[]){o->admin, o->member, o->other}, 3);
	if (roster_create(o->admin, NULL, &e))
		fail_msg("create: %s", e.msg);
	office_fp(o->admin, o->fp);
	if (roster_join(o->member, o->fp, NULL, &e) || roster_join(o->other, o->fp, "新设备", &e))
		fail_msg("join: %s", e.msg);
	copy_all(o->member, o->admin);
	copy_all(o->other, o->admin);
	device_fp(o->member, fp);
	if (roster_admit(o->admin, fp, roles, &e))
		fail_msg("admit: %s", e.msg);
	copy_all(o->admin, o->member);
	copy_all(o->admin, o->other);
}

static void office_close(struct office *o)
{
	tu_close(o->admin, o->ha);
	tu_close(o->member, o->hm);
	tu_close(o->other, o->ho);
}

static void test_office_key_file(void **state)
{
	struct office o;
	struct stat st;
	char path[128], fp[40];
	ipc_err e = {0};

	(void)state;
	office_make(&o, "handler");
	snprintf(path, sizeof path, "%s/office.key", o.ha);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 64);
	/* only the administrator's device holds it */
	snprintf(path, sizeof path, "%s/office.key", o.hm);
	assert_int_not_equal(access(path, F_OK), 0);
	/* a key others can read is not used */
	snprintf(path, sizeof path, "%s/office.key", o.ha);
	assert_int_equal(chmod(path, 0644), 0);
	device_fp(o.other, fp);
	assert_int_equal(roster_admit(o.admin, fp, "handler", &e), -1);
	assert_non_null(strstr(e.msg, "chmod 600"));
	assert_int_equal(chmod(path, 0600), 0);
	office_close(&o);
}

static void test_one_key_per_office(void **state)
{
	struct office o;
	json_t *members;
	ipc_err e = {0};

	(void)state;
	office_make(&o, "handler");
	/* the administrator's device makes it once */
	assert_int_equal(roster_create(o.admin, NULL, &e), -1);
	assert_int_equal(e.kind, IPC_E_CONFLICT);
	assert_non_null(strstr(e.msg, "already holds the key"));
	/* a device that joined has pinned the office's key: it makes no second one */
	assert_int_equal(roster_create(o.member, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "already has its key"));
	/* a member cannot write the roster with its own key */
	members = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:s}", "office", "130100", "device",
			    db_self(o.other)->actor, "officer", "张伟", "cert", "13010003", "roles",
			    "admin", "state", "admitted");
	assert_int_equal(db_write(o.member, "member", NULL, members, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "office key"));
	json_decref(members);
	/* nor admit anyone: it does not hold the office key */
	assert_int_equal(roster_admit(o.member, o.fp, "handler", &e), -1);
	assert_non_null(strstr(e.msg, "does not hold the key"));
	office_close(&o);
}

/* An op of d's device setting a case's title (a new case when rec is ""), stored in d; its id
 * in `id`, the case in `rec`, its line returned. */
static char *case_op(db *d, const char *title, char id[65], char rec[37])
{
	struct tu_lines l = {0};
	char json[160];
	ipc_err e = {0};
	char *line = NULL;

	if (*rec)
		snprintf(json, sizeof json, "{\"title\":\"%s\"}", title);
	else
		snprintf(json, sizeof json, "{\"title\":\"%s\",\"ip_type\":\"trademark\"}", title);
	assert_int_equal(tu_write(d, "case", *rec ? rec : NULL, json, *rec ? NULL : rec, &e), 0);
	assert_int_equal(db_ops_each(d, tu_collect, &l, &e), 0);
	for (size_t i = 0; i < l.n; i++)
		if (strstr(l.v[i], rec) && strstr(l.v[i], title)) {
			struct op p;
			line = strdup(l.v[i]);
			assert_int_equal(op_parse(line, strlen(line), &p, &e), 0);
			snprintf(id, 65, "%s", p.id);
			op_clear(&p);
		}
	tu_lines_free(&l);
	assert_non_null(line);
	return line;
}

static void test_authority(void **state)
{
	struct office o;
	struct authority a;
	char before[65], after[65], changed[65], fp[40], hl[64], rec[37] = "", rec2[37] = "";
	char *early, *late, *change;
	ipc_err e = {0};
	db *legacy;

	(void)state;
	office_make(&o, "handler,reviewer");

	/* admitted: its office, its roles, verified */
	roster_authority(o.admin, db_self(o.member)->actor, NULL, &a);
	assert_string_equal(a.office, "130100");
	assert_int_equal(a.roles, ROLE_HANDLER | ROLE_REVIEWER);
	assert_true(a.verified);
	/* the administrator's device: every role */
	roster_authority(o.admin, db_self(o.admin)->actor, NULL, &a);
	assert_int_equal(a.roles, ROLE_ALL);
	/* the replica that joined follows the same roster */
	roster_authority(o.member, db_self(o.member)->actor, NULL, &a);
	assert_string_equal(a.office, "130100");
	assert_int_equal(a.roles, ROLE_HANDLER | ROLE_REVIEWER);
	assert_true(a.verified);
	assert_int_equal(roster_need_role(o.member, ROLE_HANDLER, "accept", &e), 0);
	assert_int_equal(roster_need_role(o.member, ROLE_HEAD, "accept", &e), -1);
	assert_string_equal(e.field, "roles");
	assert_non_null(strstr(e.msg, "head"));

	/* not on the roster of its pinned office: speaks for no one, told how to be admitted */
	roster_authority(o.admin, db_self(o.other)->actor, NULL, &a);
	assert_string_equal(a.office, "");
	assert_false(a.verified);
	assert_non_null(strstr(a.why, "not on its roster"));
	device_fp(o.other, fp);
	assert_non_null(strstr(a.why, fp));
	assert_int_equal(roster_need_role(o.other, ROLE_HANDLER, "a request", &e), -1);
	{ /* and what it writes waits on import */
		char id[65], rec[37] = "";
		char *line = case_op(o.other, "未接纳设备的案件", id, rec);
		assert_int_equal(db_import(o.admin, line, strlen(line), &e), DB_IMPORT_UNAUTHORISED);
		free(line);
	}

	/* refused: speaks for no one, the reason given */
	assert_int_equal(roster_refuse(o.admin, fp, "不认识此人", &e), 0);
	roster_authority(o.admin, db_self(o.other)->actor, NULL, &a);
	assert_string_equal(a.office, "");
	assert_non_null(strstr(a.why, "refused"));
	assert_non_null(strstr(a.why, "不认识此人"));

	/* revoked: the ops the administrator's workspace held stay its; any other is refused */
	early = case_op(o.member, "吊销前的案件", before, rec);
	assert_int_equal(db_import(o.admin, early, strlen(early), &e), 1);
	device_fp(o.member, fp);
	assert_int_equal(roster_revoke(o.admin, fp, "设备遗失", &e), 0);
	late = case_op(o.member, "吊销后的案件", after, rec2);
	change = case_op(o.member, "篡改的标题", changed, rec); /* its earlier case, changed */
	roster_authority(o.admin, db_self(o.member)->actor, before, &a);
	assert_string_equal(a.office, "130100");
	assert_true(a.verified);
	roster_authority(o.admin, db_self(o.member)->actor, after, &a);
	assert_string_equal(a.office, "");
	assert_non_null(strstr(a.why, "revoked"));
	assert_non_null(strstr(a.why, "设备遗失"));
	roster_authority(o.admin, db_self(o.member)->actor, NULL, &a); /* a write it would make now */
	assert_string_equal(a.office, "");
	/* a revocation does not go back: refused for good, not waiting */
	assert_int_equal(db_import(o.admin, late, strlen(late), &e), -1);
	assert_non_null(strstr(e.msg, "设备遗失"));
	/* a third replica that held the later ops first gives them back when the revocation
	 * comes: the new case goes, the earlier one has its title again */
	assert_int_equal(db_import(o.other, late, strlen(late), &e), 1);
	assert_int_equal(db_import(o.other, early, strlen(early), &e), 1);
	assert_int_equal(db_import(o.other, change, strlen(change), &e), 1);
	assert_int_equal(rows(o.other, "t_case", "title", "篡改的标题"), 1);
	assert_int_equal(rows(o.other, "deadlines", "owner", rec2), 1);
	copy_all(o.admin, o.other);
	assert_int_equal(rows(o.other, "ops", "id", after), 0);
	assert_int_equal(rows(o.other, "ops", "id", changed), 0);
	assert_int_equal(rows(o.other, "ops", "id", before), 1);
	assert_int_equal(rows(o.other, "t_case", "id", rec2), 0);
	assert_int_equal(rows(o.other, "t_case", "title", "吊销前的案件"), 1);
	/* the record's head is its op left: the next write depends on it alone */
	assert_int_equal(tu_write(o.other, "case", rec, "{\"place\":\"南三条市场\"}", NULL, &e), 0);
	{
		char deps[80];
		snprintf(deps, sizeof deps, "[\"%s\"]", before);
		assert_int_equal(rows(o.other, "ops", "deps", deps), 1);
	}
	/* nothing derived from the case withdrawn stays: no deadline, nothing found by search */
	assert_int_equal(rows(o.other, "deadlines", "owner", rec2), 0);
	assert_int_equal(rows(o.other, "fts_tri", "LIKE", "吊销后的案件"), 0);
	assert_int_equal(rows(o.other, "fts_tri", "LIKE", "篡改的标题"), 0);
	assert_int_equal(rows(o.other, "fts_tri", "LIKE", "吊销前的案件"), 1);
	assert_int_equal(rows(o.other, "quarantine", "LIKE", "设备遗失"), 2);
	free(early);
	free(late);
	free(change);

	/* an office with no pinned key: the device's own word, every role, unverified */
	legacy = tu_workspace_of("120113", "赵强", "12011301", hl);
	tu_introduce((db *[]){o.admin, legacy}, 2);
	roster_authority(o.admin, db_self(legacy)->actor, NULL, &a);
	assert_string_equal(a.office, "120113");
	assert_int_equal(a.roles, ROLE_ALL);
	assert_false(a.verified);
	/* in its own workspace too: a legacy office writes as before */
	roster_authority(legacy, db_self(legacy)->actor, NULL, &a);
	assert_string_equal(a.office, "120113");
	assert_int_equal(roster_need_role(legacy, ROLE_HEAD, "accept", &e), 0);
	assert_false(officekey_verified(o.admin, "120113"));
	assert_true(officekey_verified(o.admin, "130100"));
	/* a key nobody published */
	roster_authority(o.admin, "00000000000000000000000000000000000000000000000000000000000000aa",
			 NULL, &a);
	assert_string_equal(a.office, "");
	assert_non_null(strstr(a.why, "unknown device"));
	tu_close(legacy, hl);
	office_close(&o);
}

/* The administrator's device signs the roster: it is never revoked, never loses admin. */
static void test_admin_stays(void **state)
{
	struct office o;
	struct tu_lines l = {0};
	struct authority a;
	char fp[40], member_id[37] = "", key[65] = "", *line;
	unsigned char sk[64];
	ipc_err e = {0};

	(void)state;
	office_make(&o, "handler");
	device_fp(o.admin, fp);
	assert_int_equal(roster_revoke(o.admin, fp, "误操作", &e), -1);
	assert_non_null(strstr(e.msg, "cannot be revoked"));
	assert_int_equal(roster_admit(o.admin, fp, "handler", &e), -1);
	assert_non_null(strstr(e.msg, "admin role"));
	assert_int_equal(roster_create(o.admin, NULL, &e), -1);
	roster_authority(o.admin, db_self(o.admin)->actor, NULL, &a);
	assert_int_equal(a.roles, ROLE_ALL);
	/* an office made without the admin role for its own device would be refused everywhere */
	{
		char h[64];
		db *d = tu_workspace_of("120113", "赵强", "12011301", h);
		assert_int_equal(roster_create(d, "handler", &e), -1);
		assert_non_null(strstr(e.msg, "admin role"));
		assert_int_equal(roster_create(d, "handler,admin", &e), 0); /* no key left behind */
		tu_close(d, h);
	}

	/* a roster op signed by the office key that demotes its administrator: refused on import */
	assert_int_equal(db_ops_each(o.admin, tu_collect, &l, &e), 0);
	for (size_t i = 0; i < l.n; i++) {
		struct op p;
		assert_int_equal(op_parse(l.v[i], strlen(l.v[i]), &p, &e), 0);
		if (strcmp(p.type, "member") == 0
		    && strcmp(json_string_value(json_object_get(p.set, "device")),
			      db_self(o.admin)->actor) == 0) {
			snprintf(member_id, sizeof member_id, "%s", p.record);
			snprintf(key, sizeof key, "%s", p.actor);
		}
		op_clear(&p);
	}
	tu_lines_free(&l);
	assert_int_equal(strlen(member_id), 36);
	{
		char path[128];
		FILE *f;
		struct op p = {0};
		snprintf(path, sizeof path, "%s/office.key", o.ha);
		assert_non_null(f = fopen(path, "rb"));
		assert_int_equal(fread(sk, 1, 64, f), 64);
		fclose(f);
		snprintf(p.actor, sizeof p.actor, "%s", key);
		snprintf(p.record, sizeof p.record, "%s", member_id);
		snprintf(p.type, sizeof p.type, "member");
		p.hlc = ((int64_t)time(NULL) * 1000 + 60000) << 16;
		p.deps = json_array();
		p.set = json_pack("{s:s,s:s,s:s}", "office", "130100", "state", "revoked", "reason",
				  "篡改");
		assert_non_null(line = op_seal(&p, sk, &e));
		op_clear(&p);
		sodium_memzero(sk, sizeof sk);
	}
	assert_int_equal(db_import(o.member, line, strlen(line), &e), -1);
	if (!strstr(e.msg, "admin role"))
		fail_msg("refused for another reason: %s", e.msg);
	roster_authority(o.member, db_self(o.admin)->actor, NULL, &a);
	assert_int_equal(a.roles, ROLE_ALL);
	free(line);
	office_close(&o);
}

/* Roster ops signed by another key than the pinned one are refused, and never followed. */
static void test_other_keys(void **state)
{
	struct office o;
	struct authority a;
	char hx[64], *line;
	ipc_err e = {0};
	db *x;

	(void)state;
	office_make(&o, "handler");
	/* a member's device signing a roster op that makes it administrator */
	{
		char set[400];
		snprintf(set, sizeof set, "{\"office\":\"130100\",\"device\":\"%s\",\"officer\":\"李敏\","
			 "\"cert\":\"13010002\",\"roles\":[\"admin\"],\"state\":\"admitted\"}",
			 db_self(o.member)->actor);
		line = tu_forge_op(o.member, "member", "01890000-0000-7000-8000-000000000001", "[]", set);
	}
	assert_int_equal(db_import(o.admin, line, strlen(line), &e) < 0, 1);
	assert_int_equal(db_import(o.other, line, strlen(line), &e) < 0, 1);
	free(line);
	roster_authority(o.admin, db_self(o.member)->actor, NULL, &a);
	assert_int_equal(a.roles, ROLE_HANDLER);

	/* another device makes a second key for the same office: the replicas that pinned the
	 * first refuse its roster, loudly, and keep the first */
	x = tu_workspace_of("130100", "冒充者", "13019999", hx);
	tu_introduce((db *[]){o.admin, o.member, x}, 3);
	assert_int_equal(roster_create(x, NULL, &e), 0);
	{
		struct tu_lines l = {0};
		long refused = 0;
		assert_int_equal(db_ops_each(x, tu_collect, &l, &e), 0);
		for (size_t i = 0; i < l.n; i++)
			if (strstr(l.v[i], "\"type\":\"office\"") || strstr(l.v[i], "\"type\":\"member\"")) {
				if (db_import(o.member, l.v[i], strlen(l.v[i]), &e) == -1) {
					refused++;
					assert_non_null(strstr(e.msg, "OFFICE KEY CHANGED"));
				}
			}
		assert_int_equal(refused, 2);
		tu_lines_free(&l);
	}
	roster_authority(o.member, db_self(x)->actor, NULL, &a);
	assert_string_equal(a.office, "");
	assert_true(officekey_verified(o.member, "130100"));
	{
		char fp[40];
		office_fp(o.member, fp);
		assert_string_equal(fp, o.fp);
	}
	/* verifying another fingerprint for a pinned office is refused */
	{
		char other[40];
		office_fp(x, other);
		assert_int_equal(roster_verify(o.member, "130100", other, &e), -1);
		assert_int_equal(e.kind, IPC_E_CONFLICT);
	}
	tu_close(x, hx);
	office_close(&o);
}

static void status_is(db *d, const char *id, const char *want)
{
	char status[16], due[11];
	bool accepted;
	ipc_err e = {0};

	assert_int_equal(collab_status_get(d, id, status, due, &accepted, &e), 0);
	assert_string_equal(status, want);
}

/* A revoked device's step on another office's request, taken in by that office before it
 * verified the roster: verifying it enforces the revocation, and the request's status is
 * replayed without the step. */
static void test_withdrawn_step(void **state)
{
	struct office o;
	struct collab_draft r = {.kind = "协助调查", .to = "130100", .subject = "请协助调查供货商"};
	char hs[64], req[37], fp[40];
	ipc_err e = {0};
	db *s;

	(void)state;
	office_make(&o, "handler");
	s = tu_workspace_of("110108", "李明", "11010801", hs);
	tu_introduce((db *[]){s, o.admin, o.member}, 3);
	assert_int_equal(collab_create(s, &r, req, &e), 0);
	copy_all(s, o.member);
	device_fp(o.member, fp);
	assert_int_equal(roster_revoke(o.admin, fp, "设备遗失", &e), 0);
	assert_int_equal(collab_receive(o.member, req, &e), 0); /* the thief, not knowing */
	copy_all(o.member, s);
	status_is(s, req, "received"); /* 130100 is not verified at s: its device's own word */
	copy_all(o.admin, s);
	status_is(s, req, "received"); /* a roster nobody compared changes nothing */
	assert_int_equal(roster_verify(s, "130100", o.fp, &e), 0);
	status_is(s, req, "sent");
	assert_int_equal(rows(s, "quarantine", "LIKE", "设备遗失"), 1);

	/* an office verified before its roster arrives: the key is taken from the first roster
	 * whose fingerprint matches, and its revocations count from then on */
	{
		char h2[64];
		db *s2 = tu_workspace_of("120113", "赵强", "12011301", h2);
		struct tu_lines l = {0};
		struct authority a;
		tu_introduce((db *[]){s2, s, o.admin, o.member}, 4);
		assert_int_equal(roster_verify(s2, "130100", o.fp, &e), 0);
		assert_false(officekey_verified(s2, "130100"));
		roster_authority(s2, db_self(o.member)->actor, NULL, &a);
		assert_string_equal(a.office, ""); /* pinned: its roster, not its word, counts */
		copy_all(s, s2);
		copy_all(o.admin, s2);
		assert_true(officekey_verified(s2, "130100"));
		size_t steps = 0;
		assert_int_equal(db_ops_each(o.member, tu_collect, &l, &e), 0);
		for (size_t i = 0; i < l.n; i++)
			if (strstr(l.v[i], "\"action\":\"receive\"")) {
				steps++;
				assert_int_equal(db_import(s2, l.v[i], strlen(l.v[i]), &e), -1);
				assert_non_null(strstr(e.msg, "设备遗失"));
			}
		assert_int_equal(steps, 1);
		tu_lines_free(&l);
		status_is(s2, req, "sent");
		tu_close(s2, h2);
	}
	tu_close(s, hs);
	office_close(&o);
}

/* ---- case-number blocks (db/rules/caseno.h) ---- */

static long block_index(db *d)
{
	ipc_err e = {0};
	json_t *o = caseno_settings(d, &e);
	json_t *k;
	long n;

	assert_non_null(o);
	k = json_object_get(json_object_get(o, "block"), "index");
	n = k ? (long)json_integer_value(k) : -1;
	json_decref(o);
	return n;
}

static void number_is(db *d, enum caseno_kind kind, const char *want)
{
	char no[160];
	ipc_err e = {0};

	if (caseno_allocate(d, kind, "2026-05-01", no, sizeof no, &e))
		fail_msg("allocate: %s", e.msg);
	assert_string_equal(no, want);
}

/* The administrator's device gets block 0, each device admitted the next; a change of roles
 * keeps a block, a revoked device's is never given again, and a device with none (not
 * admitted) numbers in its certificate's series. */
static void test_number_blocks(void **state)
{
	struct office o;
	char fp[40];
	ipc_err e = {0};

	(void)state;
	office_make(&o, "handler");
	assert_int_equal(block_index(o.admin), 0);
	assert_int_equal(block_index(o.member), 1);
	assert_int_equal(block_index(o.other), -1);
	number_is(o.admin, CASENO_SEIZURE, "冀石市监强制〔2026〕1号");
	number_is(o.member, CASENO_SEIZURE, "冀石市监强制〔2026〕1000号");
	number_is(o.member, CASENO_SEIZURE, "冀石市监强制〔2026〕1001号");
	number_is(o.member, CASENO_FILING, "冀石市监立〔2026〕1000号");
	number_is(o.other, CASENO_SEIZURE, "冀石市监强制〔2026〕13010003-1号");
	device_fp(o.member, fp);
	assert_int_equal(roster_admit(o.admin, fp, "handler,reviewer", &e), 0);
	assert_int_equal(roster_revoke(o.admin, fp, "设备遗失", &e), 0);
	device_fp(o.other, fp);
	assert_int_equal(roster_admit(o.admin, fp, "handler", &e), 0);
	copy_all(o.admin, o.member);
	copy_all(o.admin, o.other);
	assert_int_equal(block_index(o.member), -1); /* revoked */
	assert_int_equal(block_index(o.other), 2);
	number_is(o.other, CASENO_SEIZURE, "冀石市监强制〔2026〕2000号");
	office_close(&o);
}

/* A block used up goes on in the certificate's series; a workspace whose counter is lost
 * continues after the highest number of its block that it holds. */
static void test_number_block_used_up(void **state)
{
	char h[64], id[37];
	ipc_err e = {0};
	db *d = tu_workspace_of("130100", "王建国", "13010001", h);

	(void)state;
	assert_int_equal(caseno_setting_set(d, "block", "10", &e), 0);
	assert_int_equal(roster_create(d, NULL, &e), 0);
	assert_int_equal(caseno_setting_set(d, "block", "20", &e), -1); /* fixed now */
	assert_int_equal(tu_write(d, "case", NULL, "{\"title\":\"案\",\"ip_type\":\"trademark\","
				  "\"case_no\":\"冀石市监处罚〔2026〕5号\"}", id, &e), 0);
	number_is(d, CASENO_PENALTY, "冀石市监处罚〔2026〕6号");
	assert_int_equal(db_meta_set(d, "caseno.last.冀石市监处罚〔2026〕", "", &e), 0);
	assert_int_equal(tu_write(d, "case", id, "{\"case_no\":\"冀石市监处罚〔2026〕7号\"}", NULL,
				  &e), 0);
	number_is(d, CASENO_PENALTY, "冀石市监处罚〔2026〕8号");
	number_is(d, CASENO_PENALTY, "冀石市监处罚〔2026〕9号");
	number_is(d, CASENO_PENALTY, "冀石市监处罚〔2026〕13010001-1号");
	number_is(d, CASENO_PATENT, "冀石市监专裁〔2026〕1号");
	tu_close(d, h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_office_key_file),
		cmocka_unit_test(test_one_key_per_office),
		cmocka_unit_test(test_authority),
		cmocka_unit_test(test_admin_stays),
		cmocka_unit_test(test_other_keys),
		cmocka_unit_test(test_withdrawn_step),
		cmocka_unit_test(test_number_blocks),
		cmocka_unit_test(test_number_block_used_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
