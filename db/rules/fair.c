/* fair — the record types of a trade fair, its complaints and exhibitors, their rules, the
 * limit of a complaint and the warning of an exhibitor found infringing before. */
#include "db/rules/fair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/op.h"
#include "db/rules/limits.h"
#include "db/rules/procedure.h"
#include "db/store.h"

#define LINE SCHEMA_LINE_MAX

/* A fair lasting this many days or more keeps an IP complaint office (展会知识产权保护办法). */
#define FAIR_OFFICE_DAYS 3

const struct enum_value fair_outcomes[] = {
	{"withdrawn", "撤展", N_("exhibits withdrawn")},
	{"not_infringing", "不构成侵权", N_("not infringing")},
	{"case_opened", "立案查处", N_("case opened")},
	{"settled", "和解", N_("settled")},
	{NULL, NULL, NULL},
};

const struct enum_value fair_findings[] = {
	{"infringing", "侵权", N_("infringing")},
	{"withdrawn", "撤展", N_("exhibits withdrawn")},
	{NULL, NULL, NULL},
};

static const struct field fair_fields[] = {
	{"name", FK_TEXT, FF_REQUIRED, NULL, NULL, "展会名称", "name", LINE},
	{"series", FK_TEXT, 0, NULL, NULL, "展会系列", "series", LINE},
	{"edition", FK_TEXT, 0, NULL, NULL, "届次", "edition", 80},
	{"venue", FK_TEXT, FF_REQUIRED, NULL, NULL, "展馆", "venue", LINE},
	{"region", FK_REGION, 0, NULL, NULL, "行政区划", "region", 0},
	{"starts_on", FK_DATE, FF_REQUIRED, NULL, NULL, "开始日期", "starts on", 0},
	{"ends_on", FK_DATE, FF_REQUIRED, NULL, NULL, "结束日期", "ends on", 0},
	{"organiser", FK_TEXT, 0, NULL, NULL, "主办方", "organiser", LINE},
	{"complaint_office", FK_TEXT, 0, NULL, NULL, "知识产权投诉机构", "IP complaint office",
	 LINE},
	{"notes", FK_TEXT, 0, NULL, NULL, "备注", "notes", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field complaint_fields[] = {
	{"fair_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "fair", "展会", "fair", 0},
	{"received_at", FK_DATETIME, FF_REQUIRED, NULL, NULL, "收到时间", "received at", 0},
	{"complainant", FK_TEXT, 0, NULL, NULL, "投诉人", "complainant", LINE},
	{"complainant_phone", FK_TEXT, FF_CONFIDENTIAL, NULL, NULL, "投诉人电话",
	 "complainant's phone", 40},
	{"right", FK_TEXT, 0, NULL, NULL, "权利", "patent or trademark no.", LINE},
	{"exhibitor", FK_TEXT, FF_REQUIRED, NULL, NULL, "被投诉展商", "exhibitor complained of",
	 LINE},
	{"exhibitor_uscc", FK_USCC, 0, NULL, NULL, "统一社会信用代码", "USCC", 0},
	{"booth", FK_TEXT, 0, NULL, NULL, "展位号", "booth", 80},
	{"subject", FK_TEXT, 0, NULL, NULL, "投诉事由", "subject", LINE},
	{"passed_at", FK_DATETIME, FF_LATER, NULL, NULL, "移交知识产权部门时间",
	 "passed to IP department at", 0},
	{"outcome", FK_ENUM, FF_LATER, fair_outcomes, NULL, "处理结果", "outcome", 0},
	{"outcome_on", FK_DATE, FF_LATER, NULL, NULL, "处理日期", "outcome on", 0},
	{"case_id", FK_REF, FF_LATER, NULL, "case", "关联案件", "case", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field exhibitor_fields[] = {
	{"fair_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "fair", "展会", "fair", 0},
	{"name", FK_TEXT, FF_REQUIRED, NULL, NULL, "参展商", "exhibitor", LINE},
	{"uscc", FK_USCC, 0, NULL, NULL, "统一社会信用代码", "USCC", 0},
	{"booth", FK_TEXT, 0, NULL, NULL, "展位号", "booth", 80},
	{"finding", FK_ENUM, 0, fair_findings, NULL, "检查结论", "finding", 0},
	{"exhibits", FK_TEXT, 0, NULL, NULL, "涉嫌侵权展品", "suspected exhibits", SCHEMA_TEXT_MAX},
	{"found_on", FK_DATE, 0, NULL, NULL, "认定日期", "found on", 0},
	{"case_id", FK_REF, FF_LATER, NULL, "case", "关联案件", "case", 0},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

/* ---- the rules ---- */

/* The fair `id` (NULL with e when there is none: a peer's child before its fair waits). */
static json_t *fair_of(db *d, const char *id, ipc_err *e)
{
	json_t *f = id ? db_get(d, id, NULL) : NULL;

	if (f && !strcmp(jtext(f, "type"), "fair"))
		return f;
	json_decref(f);
	err_kind(e, IPC_E_NOTFOUND, "fair_id", _("no trade fair with id %s"), id ? id : "-");
	return NULL;
}

static int fair_shape(const json_t *s, ipc_err *e)
{
	const char *from = jstr(s, "starts_on"), *to = jstr(s, "ends_on");
	int days;

	if (!from || !to || cal_days_between(from, to, &days))
		return 0; /* the required-field check says what is missing */
	if (days < 0)
		return err_kind(e, IPC_E_RULE, "ends_on", _("ends_on: the fair ends (%s) before it starts "
				"(%s)"), to, from);
	if (days + 1 >= FAIR_OFFICE_DAYS && !jstr(s, "complaint_office"))
		return err_kind(e, IPC_E_RULE, "complaint_office", _("complaint_office: a fair of %d days "
				"keeps an IP complaint office during the fair (展会知识产权保护办法: %d "
				"days or more): give where it is and who holds it"), days + 1,
				FAIR_OFFICE_DAYS);
	return 0;
}

/* A date or time of a complaint or finding (its first 10 characters) not before its fair
 * starts, nor after it ends when `to_end`. */
static int within(const json_t *s, const char *field, const json_t *fair, bool to_end, ipc_err *e)
{
	const char *v = jstr(s, field), *from = jstr(fair, "starts_on"), *to = jstr(fair, "ends_on");

	if (!v || !from || !to)
		return 0;
	if (to_end && (strncmp(v, from, 10) < 0 || strncmp(v, to, 10) > 0))
		return err_kind(e, IPC_E_RULE, field, _("%s: %s is outside the fair's dates (%s to "
				"%s)"), field, v, from, to);
	if (strncmp(v, from, 10) < 0)
		return err_kind(e, IPC_E_RULE, field, _("%s: %s is before the fair starts (%s)"), field,
				v, from);
	return 0;
}

/* Field `field` of s (a date or a time) is not before field `after`'s day. */
static int not_before(const json_t *s, const char *field, const char *after, ipc_err *e)
{
	const char *v = jstr(s, field), *a = jstr(s, after);

	if (v && a && strncmp(v, a, strlen(v) < strlen(a) ? strlen(v) : strlen(a)) < 0)
		return err_kind(e, IPC_E_RULE, field, _("%s: %s is before %s %s"), field, v, after, a);
	return 0;
}

static int complaint_shape(db *d, const json_t *s, ipc_err *e)
{
	json_t *fair = fair_of(d, jstr(s, "fair_id"), e);
	int rc;

	if (!fair)
		return -1;
	if (jstr(s, "outcome") && !jstr(s, "outcome_on"))
		rc = err_kind(e, IPC_E_RULE, "outcome_on", _("outcome_on: an outcome needs its date"));
	else
		rc = within(s, "received_at", fair, true, e)
		     || not_before(s, "passed_at", "received_at", e)
		     || not_before(s, "outcome_on", "received_at", e) ? -1 : 0;
	json_decref(fair);
	return rc;
}

static int exhibitor_shape(db *d, const json_t *s, ipc_err *e)
{
	json_t *fair = fair_of(d, jstr(s, "fair_id"), e);
	int rc;

	if (!fair)
		return -1;
	if (jstr(s, "finding") && !jstr(s, "found_on"))
		rc = err_kind(e, IPC_E_RULE, "found_on", _("found_on: a finding needs its date"));
	else
		rc = within(s, "found_on", fair, false, e);
	json_decref(fair);
	return rc;
}

/* A link set locally names a case this workspace holds (a peer's may come before its case). */
static int link_check(db *d, const json_t *set, ipc_err *e)
{
	const char *kase = jstr(set, "case_id");

	if (kase && !db_count(d, "SELECT count(*) FROM t_case WHERE id = ?", kase))
		return err_kind(e, IPC_E_NOTFOUND, "case_id", _("case_id: no case with id %s"), kase);
	return 0;
}

/* The judges of the three types: on the state a write or a peer's op leads to. */
static int fair_judge(db *d, const struct rtype *t, const json_t *old, const json_t *state,
		      const json_t *set, ipc_err *e)
{
	(void)d, (void)t, (void)old, (void)set;
	return fair_shape(state, e);
}

static int complaint_judge(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			   const json_t *set, ipc_err *e)
{
	(void)t, (void)old, (void)set;
	return complaint_shape(d, state, e);
}

static int exhibitor_judge(db *d, const struct rtype *t, const json_t *old, const json_t *state,
			   const json_t *set, ipc_err *e)
{
	(void)t, (void)old, (void)set;
	return exhibitor_shape(d, state, e);
}

/* A new fair's series is its name unless given. */
static int fair_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
		      json_t *set, ipc_err *e)
{
	if (!jstr(state, "series") && jstr(state, "name")
	    && (json_object_set(set, "series", json_object_get(state, "name"))
		|| json_object_set(state, "series", json_object_get(state, "name"))))
		return err_nomem(e);
	return fair_judge(d, t, old, state, set, e);
}

static int complaint_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			   json_t *set, ipc_err *e)
{
	return complaint_judge(d, t, old, state, set, e) || link_check(d, set, e) ? -1 : 0;
}

/* A finding recorded without its date is dated today. */
static int exhibitor_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			   json_t *set, ipc_err *e)
{
	char today[11];

	if (jstr(state, "finding") && !jstr(state, "found_on")) {
		cal_today(today);
		if (json_object_set_new(set, "found_on", json_string(today))
		    || json_object_set_new(state, "found_on", json_string(today)))
			return err_nomem(e);
	}
	return exhibitor_judge(d, t, old, state, set, e) || link_check(d, set, e) ? -1 : 0;
}

/* A peer's op (the gate has checked its writer's office); a refused one waits. */
static int fair_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	return procedure_judge_import(d, t, o, fair_judge, e);
}

static int complaint_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	return procedure_judge_import(d, t, o, complaint_judge, e);
}

static int exhibitor_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	return procedure_judge_import(d, t, o, exhibitor_judge, e);
}

/* ---- the limit fair_pass ---- */

int fair_pass_due(const char *received_at, int hours, char due[11])
{
	char day[11];
	int h, m;

	if (!received_at || strlen(received_at) < 16 || received_at[10] != 'T'
	    || sscanf(received_at + 11, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59 || hours < 0)
		return -1;
	snprintf(day, sizeof day, "%.10s", received_at);
	return cal_add_days(day, (h * 60 + m + hours * 60) / (24 * 60), due);
}

/* The limits of the complaints of the fair with this rowid (0: of every fair), open while a
 * complaint is not passed, it and its fair not deleted. */
static int refresh_where(db *d, int64_t fair, ipc_err *e)
{
	sqlite3_stmt *del = db_stmt(d, "DELETE FROM deadlines WHERE kind = 'fair_pass' AND (?1 = 0"
		" OR owner IN (SELECT c.id FROM t_fair_complaint c JOIN t_fair f ON f.id = c.fair_id"
		" WHERE f.rowid = ?1))", e);
	int hours = limits_get(d, "fair_pass_hours"), rc;
	sqlite3_stmt *st;

	if (!del)
		return -1;
	sqlite3_bind_int64(del, 1, fair);
	rc = sqlite3_step(del);
	sqlite3_reset(del);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("saving deadlines"));
	/* prepared here: the inserts run a cached statement while it steps */
	if (sqlite3_prepare_v2(d->sql, "SELECT c.id, c.received_at FROM t_fair_complaint c"
		" JOIN t_fair f ON f.id = c.fair_id WHERE c.passed_at IS NULL"
		" AND coalesce(c.deleted, 0) = 0 AND coalesce(f.deleted, 0) = 0"
		" AND (?1 = 0 OR f.rowid = ?1)", -1, &st, NULL) != SQLITE_OK)
		return db_sqlerr(d, e, _("reading the complaints of trade fairs"));
	sqlite3_bind_int64(st, 1, fair);
	rc = 0;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		sqlite3_stmt *add;
		char due[11];

		if (fair_pass_due((const char *)sqlite3_column_text(st, 1), hours, due))
			continue; /* a malformed time is refused on write */
		if (!(add = db_stmt(d, "INSERT OR REPLACE INTO deadlines(owner, kind, ref, due,"
				    " confirmed) VALUES(?1, 'fair_pass', ?1, ?2, 1)", e))) {
			rc = -1;
			break;
		}
		db_bind_text(add, 1, id);
		db_bind_text(add, 2, due);
		if (sqlite3_step(add) != SQLITE_DONE)
			rc = db_sqlerr(d, e, _("saving deadlines"));
		sqlite3_reset(add);
	}
	sqlite3_finalize(st);
	return rc;
}

int fair_deadlines_refresh(db *d, ipc_err *e)
{
	return refresh_where(d, 0, e);
}

/* At commit, for a fair written or one of whose complaints or exhibitors was: the limits of
 * its complaints (a fair deleted or restored takes them away or back). */
static int fair_refresh(db *d, int64_t rowid, ipc_err *e)
{
	return refresh_where(d, rowid, e);
}

/* ---- the warning ---- */

json_t *fair_warning(db *d, const char *fair_id, const char *name, const char *uscc, ipc_err *e)
{
	/* the findings against exhibitors and the complaints that ended against them, of the
	 * earlier editions of this fair's series; by USCC when both have one, else by name */
	sqlite3_stmt *st = db_stmt(d, "SELECT f.id, f.name, f.edition, f.starts_on, x.finding, x.found_on,"
		" x.src FROM (SELECT fair_id, finding, found_on, 'exhibitor' AS src, name, uscc"
		"  FROM t_fair_exhibitor WHERE finding IN ('infringing', 'withdrawn')"
		"  AND coalesce(deleted, 0) = 0"
		" UNION ALL SELECT fair_id, outcome, outcome_on, 'complaint', exhibitor, exhibitor_uscc"
		"  FROM t_fair_complaint WHERE outcome IN ('withdrawn', 'case_opened')"
		"  AND coalesce(deleted, 0) = 0) x"
		" JOIN t_fair f ON f.id = x.fair_id AND coalesce(f.deleted, 0) = 0"
		" JOIN t_fair this ON this.id = ?1"
		" WHERE f.id <> this.id AND f.starts_on < this.starts_on"
		" AND coalesce(f.series, f.name) = coalesce(this.series, this.name)"
		" AND CASE WHEN ?3 IS NOT NULL AND x.uscc IS NOT NULL THEN x.uscc = ?3"
		" ELSE x.name = ?2 END ORDER BY f.starts_on DESC, x.found_on DESC LIMIT 1", e);
	json_t *w;
	int rc;

	if (!st)
		return NULL;
	db_bind_text(st, 1, fair_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, uscc);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w = json_pack("{s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}",
			      "fair_id", sqlite3_column_text(st, 0), "fair", sqlite3_column_text(st, 1),
			      "edition", sqlite3_column_text(st, 2),
			      "starts_on", sqlite3_column_text(st, 3),
			      "finding", sqlite3_column_text(st, 4), "on", sqlite3_column_text(st, 5),
			      "from", sqlite3_column_text(st, 6));
		if (!w)
			err_nomem(e);
	} else {
		w = rc == SQLITE_DONE ? json_null() : (db_sqlerr(d, e, _("reading the exhibitors of "
			"trade fairs")), NULL);
	}
	sqlite3_reset(st);
	return w;
}

/* A finding of fair_warning (an exhibitor's finding or a complaint's outcome) in words. */
static const char *finding_label(const char *finding)
{
	const struct enum_value *v = schema_enum_find(fair_findings, finding);

	if (!v)
		v = schema_enum_find(fair_outcomes, finding);
	return v ? (i18n_zh() ? v->zh : _(v->en)) : finding;
}

void fair_warning_text(const json_t *w, char *buf, size_t n)
{
	/* the edition names it within its series; the fair's own name when it has none */
	snprintf(buf, n, _("⚠ found infringing before: %s (%s) %s %s"),
		 jstr(w, "edition") ? jstr(w, "edition") : jtext(w, "fair"), jtext(w, "starts_on"),
		 finding_label(jtext(w, "finding")), jtext(w, "on"));
}

/* ---- lists ---- */

/* A row of fair_list's statement: the record, then its counts and soonest limit. */
static json_t *fair_row(db *d, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);
	json_t *r = db_row_json(&fair_type, st);

	(void)d;
	if (!r || json_object_set_new(r, "complaints", json_integer(sqlite3_column_int(st, n - 3)))
	    || json_object_set_new(r, "exhibitors", json_integer(sqlite3_column_int(st, n - 2)))
	    || (sqlite3_column_text(st, n - 1) && json_object_set_new(r, "due",
			json_string((const char *)sqlite3_column_text(st, n - 1))))) {
		json_decref(r);
		return NULL;
	}
	return r;
}

#define FAIR_SELECT "SELECT f.*," \
	" (SELECT count(*) FROM t_fair_complaint c WHERE c.fair_id = f.id" \
	"  AND coalesce(c.deleted, 0) = 0)," \
	" (SELECT count(*) FROM t_fair_exhibitor x WHERE x.fair_id = f.id" \
	"  AND coalesce(x.deleted, 0) = 0)," \
	" (SELECT min(d.due) FROM deadlines d JOIN t_fair_complaint c ON c.id = d.owner" \
	"  WHERE c.fair_id = f.id AND d.kind = 'fair_pass')" \
	" FROM t_fair f WHERE coalesce(f.deleted, 0) = 0"

json_t *fair_list(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, FAIR_SELECT " ORDER BY f.ends_on < ?1,"
				   " CASE WHEN f.ends_on < ?1 THEN '' ELSE f.starts_on END,"
				   " f.starts_on DESC, f.id", e);
	char today[11];

	if (!st)
		return NULL;
	cal_today(today);
	db_bind_text(st, 1, today);
	return db_rows(d, st, fair_row, e);
}

/* A complaint with its open limit. */
static json_t *complaint_row(db *d, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);
	json_t *r = db_row_json(&fair_complaint_type, st);

	(void)d;
	if (r && sqlite3_column_text(st, n - 1)
	    && json_object_set_new(r, "due", json_string((const char *)sqlite3_column_text(st, n - 1)))) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* An exhibitor with its warning. */
static json_t *exhibitor_row(db *d, sqlite3_stmt *st)
{
	json_t *r = db_row_json(&fair_exhibitor_type, st), *w;
	ipc_err e;

	if (!r)
		return NULL;
	w = fair_warning(d, jstr(r, "fair_id"), jstr(r, "name"), jstr(r, "uscc"), &e);
	if (!w || json_object_set_new(r, "warning", w)) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* The fair's complaints and exhibitors into f. */
static int fair_children(db *d, json_t *f, ipc_err *e)
{
	sqlite3_stmt *cs = db_stmt(d, "SELECT c.*, (SELECT due FROM deadlines d WHERE d.owner = c.id"
				   " AND d.kind = 'fair_pass') FROM t_fair_complaint c WHERE c.fair_id = ?"
				   " AND coalesce(c.deleted, 0) = 0 ORDER BY c.received_at, c.id", e);
	sqlite3_stmt *xs = cs ? db_stmt(d, "SELECT * FROM t_fair_exhibitor WHERE fair_id = ?"
				       " AND coalesce(deleted, 0) = 0 ORDER BY created_hlc, id", e) : NULL;
	json_t *list;

	if (!xs)
		return -1;
	db_bind_text(cs, 1, jstr(f, "id"));
	if (!(list = db_rows(d, cs, complaint_row, e)) || json_object_set_new(f, "complaints", list))
		return -1;
	db_bind_text(xs, 1, jstr(f, "id"));
	if (!(list = db_rows(d, xs, exhibitor_row, e)) || json_object_set_new(f, "exhibitors", list))
		return -1;
	return 0;
}

json_t *fair_show(db *d, const char *id, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, FAIR_SELECT " AND f.id = ?", e);
	json_t *f = NULL;

	if (!st)
		return NULL;
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		f = fair_row(d, st);
	sqlite3_reset(st);
	if (!f)
		err_kind(e, IPC_E_NOTFOUND, "id", _("%.8s is not a trade fair: ipcase fair list shows "
						      "them"), id);
	else if (fair_children(d, f, e)) {
		json_decref(f);
		f = NULL;
	}
	return f;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype fair_type = {
	.name = "fair", .zh = "展会", .en = "trade fair", .table = "t_fair",
	.fields = fair_fields, .nfields = NF(fair_fields), .channel = "office",
	.check_write = fair_write, .check_import = fair_import, .refresh = fair_refresh,
};

const struct rtype fair_complaint_type = {
	.name = "fair_complaint", .zh = "展会投诉", .en = "complaint at a fair",
	.table = "t_fair_complaint", .fields = complaint_fields, .nfields = NF(complaint_fields),
	.parent = "fair_id", .channel = "office", .check_write = complaint_write,
	.check_import = complaint_import,
};

const struct rtype fair_exhibitor_type = {
	.name = "fair_exhibitor", .zh = "参展商", .en = "exhibitor",
	.table = "t_fair_exhibitor", .fields = exhibitor_fields, .nfields = NF(exhibitor_fields),
	.parent = "fair_id", .channel = "office", .check_write = exhibitor_write,
	.check_import = exhibitor_import,
};
