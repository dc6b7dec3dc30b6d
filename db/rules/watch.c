/* watch — key markets (重点关注市场) and key trademarks (重点商标): their fields and rules, a
 * market's next inspection in the deadlines table, the key trademarks a case's goods carry.
 *
 * Invariants:
 *  1. A market's inspection interval is 1 to 366 days; a trademark's classes are Nice classes
 *     (1 to 45, each once) and its regions division codes of 京津冀 (none: all of them). One
 *     function judges a record's whole state, for a local write as for a peer's op, whose
 *     breach waits (procedure_judge_import).
 *  2. A market not deleted has exactly one deadline row (owner the market, kind
 *     market_inspect): its last inspection here (inspections naming it, not deleted) plus the
 *     interval, or the day it was created plus the interval when never inspected here. The row's
 *     ref is that last inspection (the market itself when none), so an inspection moved to
 *     another market, or deleted, finds the market it leaves.
 *  3. An inspection written here names a listed key market, or none. */
#include "db/rules/watch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "db/db_internal.h"
#include "db/rules/procedure.h"

#define LINE SCHEMA_LINE_MAX

/* Ids are stored in ops: never rename one. */
const struct enum_value watch_market_kinds[] = {
	{"ecommerce_platform", "电商平台", N_("e-commerce platform")},
	{"trade_fair", "展会", N_("trade fair")},
	{"specialised_market", "专业市场", N_("specialised market")},
	{NULL, NULL, NULL},
};

static const struct field market_fields[] = {
	{"name", FK_TEXT, FF_REQUIRED, NULL, NULL, "名称", "name", LINE},
	{"kind", FK_ENUM, FF_REQUIRED, watch_market_kinds, NULL, "类型", "kind", 0},
	{"address", FK_TEXT, 0, NULL, NULL, "地址", "address", LINE},
	{"region", FK_REGION, 0, NULL, NULL, "区划", "region", 0},
	{"interval_days", FK_INT, FF_REQUIRED, NULL, NULL, "巡查间隔(天)", "inspection interval (days)",
	 0},
	{"notes", FK_TEXT, 0, NULL, NULL, "备注", "notes", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

static const struct field trademark_fields[] = {
	{"mark", FK_TEXT, FF_REQUIRED, NULL, NULL, "商标", "mark", LINE},
	{"holder", FK_TEXT, FF_REQUIRED, NULL, NULL, "权利人", "holder", LINE},
	{"reg_no", FK_TEXT, 0, NULL, NULL, "注册号", "registration no.", 40},
	{"classes", FK_TEXT, 0, NULL, NULL, "类别", "classes", LINE},
	{"regions", FK_TEXT, 0, NULL, NULL, "保护区划", "regions", LINE},
	{"notes", FK_TEXT, 0, NULL, NULL, "备注", "notes", SCHEMA_TEXT_MAX},
	{"deleted", FK_BOOL, 0, NULL, NULL, "已删除", "deleted", 0},
};

/* ---- lists typed by a person: "25,35", "130100，110000", "耐克、NIKE" ---- */

/* The length of the separator at p (",", "，" or "、"); 0 when there is none. */
static size_t sep_len(const char *p)
{
	if (*p == ',')
		return 1;
	return strncmp(p, "，", 3) == 0 || strncmp(p, "、", 3) == 0 ? 3 : 0;
}

/* s[0..len) without the spaces around it, into out. */
static void trim_copy(const char *s, size_t len, char out[LINE + 1])
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	len = len > LINE ? LINE : len;
	memcpy(out, s, len);
	out[len] = '\0';
}

/* The next item of the list at *p into out (trimmed, maybe empty); false past its end. */
static bool list_item(const char **p, char out[LINE + 1])
{
	const char *s = *p, *end;

	if (!s)
		return false;
	for (end = s; *end && !sep_len(end); end++)
		;
	trim_copy(s, (size_t)(end - s), out);
	*p = *end ? end + sep_len(end) : NULL;
	return true;
}

/* ---- the rules ---- */

static int market_shape(const json_t *s, ipc_err *e)
{
	json_t *v = json_object_get(s, "interval_days");

	if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 366)
		return err_kind(e, IPC_E_RULE, "interval_days", _("a key market is inspected every 1 "
				"to 366 days: give interval_days in that range"));
	return 0;
}

static int classes_check(const char *list, ipc_err *e)
{
	char item[LINE + 1], *end = item;
	bool seen[46] = {0};
	long n;

	for (const char *p = list; list_item(&p, item);) {
		n = isdigit((unsigned char)item[0]) ? strtol(item, &end, 10) : 0;
		if (n < 1 || n > 45 || *end)
			return err_kind(e, IPC_E_RULE, "classes", _("\"%s\" is not a Nice class: give "
					"classes from 1 to 45, comma separated (25,35)"), item);
		if (seen[n])
			return err_kind(e, IPC_E_RULE, "classes", _("class %ld is given twice"), n);
		seen[n] = true;
	}
	return 0;
}

static int regions_check(const char *list, ipc_err *e)
{
	static const struct field region = {"regions", FK_REGION, 0, NULL, NULL, "保护区划",
					    "regions", 0};
	char item[LINE + 1];
	json_t *v;
	int rc = 0;

	for (const char *p = list; !rc && list_item(&p, item);) {
		if (!(v = json_string(item)))
			return err_nomem(e);
		rc = schema_value_check(&region, v, e);
		json_decref(v);
	}
	return rc ? err_field(e, IPC_E_RULE, "regions") : 0;
}

static int trademark_shape(const json_t *s, ipc_err *e)
{
	const char *classes = jstr(s, "classes"), *regions = jstr(s, "regions");

	return (classes && classes_check(classes, e)) || (regions && regions_check(regions, e))
	       ? -1 : 0;
}

/* Both types' rules on a record's whole state (a local write's, or the one a peer's op leads
 * to). */
static int watch_judge(db *d, const struct rtype *t, const json_t *old, const json_t *state,
		       const json_t *set, ipc_err *e)
{
	(void)d, (void)old, (void)set;
	return t == &key_market_type ? market_shape(state, e) : trademark_shape(state, e);
}

static int watch_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
		       json_t *set, ipc_err *e)
{
	return watch_judge(d, t, old, state, set, e);
}

static int watch_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	return procedure_judge_import(d, t, o, watch_judge, e);
}

/* ---- the next inspection of a market ---- */

/* A market m with its last inspection here, i (NULL columns when never inspected). */
#define MARKET_FROM \
	" FROM t_key_market m LEFT JOIN t_inspection i ON i.id = (SELECT x.id FROM t_inspection x" \
	" WHERE x.market_id = m.id AND coalesce(x.deleted, 0) = 0" \
	" ORDER BY x.inspected_at DESC, x.id DESC LIMIT 1)"

/* The deadline rows of the markets a filter picks: an id, a rowid (NULL or 0 when it does not
 * filter; every market when neither does). */
static int market_due(db *d, const char *market, int64_t rowid, ipc_err *e)
{
	sqlite3_stmt *del = db_stmt(d, "DELETE FROM deadlines WHERE kind = 'market_inspect'"
				    " AND (?1 IS NULL OR owner = ?1) AND (?2 = 0 OR owner IN"
				    " (SELECT id FROM t_key_market WHERE rowid = ?2))", e);
	/* calendar days; the creation day is the creating office's clock (the op's hlc) */
	sqlite3_stmt *add = del ? db_stmt(d, "INSERT INTO deadlines(owner, kind, ref, due, confirmed)"
		" SELECT m.id, 'market_inspect', coalesce(i.id, m.id), date(coalesce(substr("
		"i.inspected_at, 1, 10), date((m.created_hlc >> 16) / 1000, 'unixepoch', 'localtime')),"
		" '+' || m.interval_days || ' days'), 1" MARKET_FROM
		" WHERE (?1 IS NULL OR m.id = ?1) AND (?2 = 0 OR m.rowid = ?2)"
		" AND coalesce(m.deleted, 0) = 0 AND m.interval_days BETWEEN 1 AND 366", e) : NULL;
	int rc;

	if (!add)
		return -1;
	db_bind_text(del, 1, market);
	db_bind_text(add, 1, market);
	sqlite3_bind_int64(del, 2, rowid);
	sqlite3_bind_int64(add, 2, rowid);
	rc = sqlite3_step(del);
	sqlite3_reset(del);
	if (rc == SQLITE_DONE) {
		rc = sqlite3_step(add);
		sqlite3_reset(add);
	}
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, _("saving deadlines"));
}

int watch_deadlines_refresh(db *d, ipc_err *e)
{
	return market_due(d, NULL, 0, e);
}

/* At commit: a market written here or by a peer. */
static int market_refresh(db *d, int64_t rowid, ipc_err *e)
{
	return market_due(d, NULL, rowid, e);
}

int watch_market_check(db *d, const json_t *set, ipc_err *e)
{
	const char *market = jstr(set, "market_id");

	if (market && !db_count(d, "SELECT EXISTS(SELECT 1 FROM t_key_market WHERE id = ?"
				" AND coalesce(deleted, 0) = 0)", market))
		return err_kind(e, IPC_E_NOTFOUND, "market_id", _("no key market with id %s: see "
				"ipcase market list"), market);
	return 0;
}

int watch_inspection_folded(db *d, const struct rtype *t, const char *record,
			    const json_t *state, bool is_new, ipc_err *e)
{
	/* through the markets: the deadlines are keyed by owner */
	sqlite3_stmt *st = db_stmt(d, "SELECT owner FROM deadlines WHERE owner IN (SELECT id FROM"
				   " t_key_market) AND kind = 'market_inspect' AND ref = ?", e);
	const char *market = jstr(state, "market_id");
	char before[37] = "";

	(void)t, (void)is_new;
	if (!st)
		return -1;
	db_bind_text(st, 1, record);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(before, sizeof before, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (market && market_due(d, market, 0, e))
		return -1;
	return *before && !(market && strcmp(before, market) == 0) ? market_due(d, before, 0, e) : 0;
}

/* The last inspection of a market is found by its index. */
static int market_open(db *d, ipc_err *e)
{
	return db_exec(d, "CREATE INDEX IF NOT EXISTS t_inspection_market ON t_inspection("
		       "market_id, inspected_at) WHERE market_id IS NOT NULL", e);
}

/* ---- reading ---- */

/* A row as an object of its columns: integers and text; NULL ones left out. */
static json_t *row_object(db *d, sqlite3_stmt *st)
{
	json_t *row = json_object(), *v;

	(void)d;
	for (int i = 0; row && i < sqlite3_column_count(st); i++) {
		int type = sqlite3_column_type(st, i);
		v = type == SQLITE_INTEGER ? json_integer(sqlite3_column_int64(st, i))
		  : type == SQLITE_TEXT ? json_string((const char *)sqlite3_column_text(st, i)) : NULL;
		if (v)
			json_object_set_new(row, sqlite3_column_name(st, i), v);
	}
	return row;
}

json_t *watch_market_list(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT m.id, m.name, m.kind, m.address, m.region,"
		" m.interval_days, m.notes, substr(i.inspected_at, 1, 10) AS last_inspected,"
		" n.due AS next_inspection, CAST(julianday(n.due) - julianday(?1) AS INTEGER) AS days_left"
		MARKET_FROM " LEFT JOIN deadlines n ON n.owner = m.id AND n.kind = 'market_inspect'"
		" WHERE coalesce(m.deleted, 0) = 0 ORDER BY n.due IS NULL, n.due, m.name, m.id", e);
	char today[11];

	if (!st)
		return NULL;
	db_today(today);
	db_bind_text(st, 1, today);
	return db_rows(d, st, row_object, e);
}

json_t *watch_trademark_list(db *d, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, mark, holder, reg_no, classes, regions, notes"
				   " FROM t_key_trademark WHERE coalesce(deleted, 0) = 0"
				   " ORDER BY mark, id", e);

	return st ? db_rows(d, st, row_object, e) : NULL;
}

/* ---- a case's key trademarks ---- */

/* Equal, Latin letters in either case (other characters as they are). */
static bool mark_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a & 0x80 ? *a : tolower((unsigned char)*a))
		    != (*b & 0x80 ? *b : tolower((unsigned char)*b)))
			return false;
	return *a == *b;
}

/* Does one of the marks of the list name `mark`? */
static bool marks_name(const char *marks, const char *mark)
{
	char item[LINE + 1], want[LINE + 1];

	trim_copy(mark, strlen(mark), want);
	for (const char *p = marks; list_item(&p, item);)
		if (*item && mark_eq(item, want))
			return true;
	return false;
}

/* Does the area a division code names (130000 a province, 130100 a city) hold `code`? */
static bool region_covers(const char *area, const char *code)
{
	size_t n = strlen(area);

	while (n > 2 && strncmp(area + n - 2, "00", 2) == 0)
		n -= 2;
	return strncmp(area, code, n) == 0;
}

/* A trademark protected in `regions` (NULL: everywhere) covers the region `code`. */
static bool regions_cover(const char *regions, const char *code)
{
	char item[LINE + 1];

	if (!regions)
		return true;
	for (const char *p = regions; list_item(&p, item);)
		if (*item && region_covers(item, code))
			return true;
	return false;
}

json_t *watch_case_trademarks(db *d, const json_t *kase, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT mark, holder, reg_no, regions FROM t_key_trademark"
				   " WHERE coalesce(deleted, 0) = 0 ORDER BY mark, id", e);
	const char *marks = jstr(kase, "marks"), *region = jstr(kase, "region");
	json_t *out = json_array();

	if (!st || !out) {
		json_decref(out);
		if (st)
			err_nomem(e);
		return NULL;
	}
	if (!region)
		region = d->self.office;
	while (marks && sqlite3_step(st) == SQLITE_ROW) {
		const char *mark = (const char *)sqlite3_column_text(st, 0);
		if (mark && marks_name(marks, mark)
		    && regions_cover((const char *)sqlite3_column_text(st, 3), region))
			json_array_append_new(out, json_pack("{s:s,s:s,s:s?}", "mark", mark, "holder",
				(const char *)sqlite3_column_text(st, 1),
				"reg_no", (const char *)sqlite3_column_text(st, 2)));
	}
	sqlite3_reset(st);
	return out;
}

#define NF(a) (sizeof(a) / sizeof((a)[0]))

const struct rtype key_market_type = {
	.name = "key_market", .zh = "重点关注市场", .en = "key market", .table = "t_key_market",
	.fields = market_fields, .nfields = NF(market_fields), .channel = "collab",
	.check_write = watch_write, .check_import = watch_import, .refresh = market_refresh,
	.open = market_open,
};

const struct rtype key_trademark_type = {
	.name = "key_trademark", .zh = "重点商标", .en = "key trademark",
	.table = "t_key_trademark", .fields = trademark_fields, .nfields = NF(trademark_fields),
	.channel = "collab", .check_write = watch_write, .check_import = watch_import,
};
