/* caseno — numbers per office, document kind and year; blocks per device; duplicates. */
#include "db/rules/caseno.h"
#include "base/i18n.h"

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/validate.h"
#include "db/db_internal.h"
#include "db/rules/officekey.h"

#define PREFIX_MAX 48 /* bytes: the number, with a certificate, stays within case_no's 80 */
#define BLOCK_MIN 10
#define BLOCK_MAX 1000000

static const struct kind {
	const char *id, *word, *what;
} KINDS[CASENO_KINDS] = {
	[CASENO_PENALTY] = {"penalty", "处罚", N_("penalty cases, numbered at filing")},
	[CASENO_SEIZURE] = {"seizure", "强制", N_("seizure decisions (measures of kind seizure)")},
	[CASENO_FILING] = {"filing", "立", N_("filing approval forms")},
	/* FACTS.md gives no patent dispute number: 专裁 (专利纠纷裁决) is a guess */
	[CASENO_PATENT] = {"patent", "专裁", N_("patent disputes, numbered at acceptance "
						"(default word unverified)")},
};

/* The penalty prefix is the identity's case_prefix (set by init); the others are settings. */
static void prefix_key(enum caseno_kind kind, char key[48])
{
	if (kind == CASENO_PENALTY)
		snprintf(key, 48, "case_prefix");
	else
		snprintf(key, 48, "caseno.prefix.%s", KINDS[kind].id);
}

int caseno_default_prefix(const char *office, char *out, size_t n, ipc_err *e)
{
	const char *abbr = validate_region_abbrev(office);

	if (!abbr)
		return err_kind(e, IPC_E_USAGE, "office", _("%s is not a division code of Beijing, "
				"Tianjin or Hebei"), office);
	if ((size_t)snprintf(out, n, "%s市监%s", abbr, KINDS[CASENO_PENALTY].word) >= n)
		return err_set(e, _("case number prefix too long"));
	return 0;
}

/* The office's stem: the penalty prefix without its word (冀石市监处罚 → 冀石市监) when it ends
 * in 处罚, else the office's abbreviation + 市监. */
static int stem_of(db *d, char *out, size_t n, ipc_err *e)
{
	const char *word = KINDS[CASENO_PENALTY].word;
	size_t len;

	snprintf(out, n, "%s", d->self.case_prefix);
	len = strlen(out);
	if (len > strlen(word) && strcmp(out + len - strlen(word), word) == 0)
		out[len - strlen(word)] = '\0';
	else if (caseno_default_prefix(d->self.office, out, n, e))
		return -1;
	else
		out[strlen(out) - strlen(word)] = '\0';
	return 0;
}

/* An unset kind follows the stem (冀石市监 + 强制). */
static int prefix_of(db *d, enum caseno_kind kind, char *out, size_t n, ipc_err *e)
{
	char key[48], stem[160];

	prefix_key(kind, key);
	db_meta_get(d, key, out, n);
	if (out[0])
		return 0;
	if (stem_of(d, stem, sizeof stem, e))
		return -1;
	if ((size_t)snprintf(out, n, "%s%s", stem, KINDS[kind].word) >= n)
		return err_set(e, _("case number prefix too long"));
	return 0;
}

long caseno_block_size(db *d)
{
	char value[32];
	long b;

	db_meta_get(d, "caseno.block", value, sizeof value);
	b = strtol(value, NULL, 10);
	return b >= BLOCK_MIN && b <= BLOCK_MAX ? b : CASENO_BLOCK_DEFAULT;
}

/* This device's block k and the office's block size B, from the roster pinned here: false
 * with no roster, before admission, or when admitted by a version that gave no blocks. */
static bool block_of(db *d, long *k, long *size)
{
	struct officekey_pin p;
	sqlite3_stmt *st;
	bool found;

	if (!officekey_pin_get(d, d->self.office, &p) || !p.key[0])
		return false;
	if (!(st = db_stmt(d, "SELECT m.block, o.number_block FROM t_member m LEFT JOIN t_office o"
			   " ON o.creator = m.creator AND o.code = m.office WHERE m.creator = ?"
			   " AND m.device = ? AND m.state = 'admitted' AND m.block IS NOT NULL", NULL)))
		return false;
	db_bind_text(st, 1, p.key);
	db_bind_text(st, 2, d->self.actor);
	if ((found = sqlite3_step(st) == SQLITE_ROW)) {
		*k = (long)sqlite3_column_int64(st, 0);
		*size = sqlite3_column_type(st, 1) == SQLITE_NULL ? CASENO_BLOCK_DEFAULT
								   : (long)sqlite3_column_int64(st, 1);
		found = *k >= 0 && *size >= BLOCK_MIN && *size <= BLOCK_MAX && *k < LONG_MAX / *size - 1;
	}
	sqlite3_reset(st);
	return found;
}

/* N of a number `no` of this series (series, digits, 号), or -1 when it is not one. */
static long series_n(const char *no, const char *series, size_t len)
{
	char *end;
	long n;

	if (strncmp(no, series, len) != 0 || !isdigit((unsigned char)no[len]))
		return -1;
	n = strtol(no + len, &end, 10);
	return strcmp(end, "号") == 0 ? n : -1;
}

/* The highest N in [lo, hi] of this series in the numbers we hold (cases, seizure
 * decisions, issued documents), 0 when none, so a workspace restored from its channel
 * continues after the numbers it handed out before. */
static long series_max_seen(db *d, const char *series, long lo, long hi, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT case_no FROM t_case WHERE case_no >= ?1"
				   " AND case_no < ?1 || x'ff' UNION ALL SELECT number FROM t_measure"
				   " WHERE number >= ?1 AND number < ?1 || x'ff' UNION ALL SELECT"
				   " number FROM t_issued WHERE number >= ?1 AND number < ?1 || x'ff'", e);
	size_t len = strlen(series);
	long max = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, series);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long n = series_n((const char *)sqlite3_column_text(st, 0), series, len);
		if (n >= lo && n <= hi && n > max)
			max = n;
	}
	sqlite3_reset(st);
	return max;
}

/* Does a case, a seizure decision or an issued document here hold this number (typed by
 * hand, say)? */
static int number_held(db *d, const char *series, long n, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM t_case WHERE case_no = ?1)"
				   " OR EXISTS(SELECT 1 FROM t_measure WHERE number = ?1)"
				   " OR EXISTS(SELECT 1 FROM t_issued WHERE number = ?1)", e);
	char no[300];
	int held;

	if (!st)
		return -1;
	snprintf(no, sizeof no, "%s%ld号", series, n);
	db_bind_text(st, 1, no);
	held = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return held < 0 ? db_sqlerr(d, e, "reading case numbers") : held;
}

/* The next N in [lo, hi] of this series that no record here holds: 0 when they are used up.
 * The last one given is kept in meta; it is read again from the numbers held when it is
 * missing or outside the block (a restored workspace, a new block). */
static long series_next(db *d, const char *series, long lo, long hi, ipc_err *e)
{
	char key[300], value[32];
	long last;
	int held = 1;

	snprintf(key, sizeof key, "caseno.last.%s", series);
	db_meta_get(d, key, value, sizeof value);
	last = value[0] ? strtol(value, NULL, 10) : -1;
	if (last < lo - 1 || last > hi) {
		if ((last = series_max_seen(d, series, lo, hi, e)) < 0)
			return -1;
		if (last < lo)
			last = lo - 1;
	}
	while (held > 0 && last < hi)
		held = number_held(d, series, ++last, e);
	if (held < 0)
		return -1;
	if (held)
		return 0;
	snprintf(value, sizeof value, "%ld", last);
	return db_meta_set(d, key, value, e) ? -1 : last;
}

/* The next number of the series of `prefix` for the year of year_date. */
static int allocate(db *d, const char *prefix, const char *year_date, char *out, size_t n,
		    ipc_err *e)
{
	char series[260];
	long k, size, no = 0;

	snprintf(series, sizeof series, "%s〔%.4s〕", prefix, year_date);
	if (block_of(d, &k, &size)
	    && (no = series_next(d, series, k ? k * size : 1, k * size + size - 1, e)) < 0)
		return -1;
	if (!no) { /* no block, or this year's is used up: the officer's own series */
		if (!d->self.cert[0])
			return err_set(e, _("this workspace has no certificate number: case numbers "
					    "need one"));
		snprintf(series + strlen(series), sizeof series - strlen(series), "%s-", d->self.cert);
		if ((no = series_next(d, series, 1, LONG_MAX - 1, e)) <= 0)
			return no ? -1 : err_set(e, _("case number series used up"));
	}
	if ((size_t)snprintf(out, n, "%s%ld号", series, no) >= n)
		return err_set(e, _("case number too long"));
	return 0;
}

int caseno_allocate(db *d, enum caseno_kind kind, const char *year_date, char *out, size_t n,
		    ipc_err *e)
{
	char prefix[160];

	return prefix_of(d, kind, prefix, sizeof prefix, e)
	       || allocate(d, prefix, year_date, out, n, e) ? -1 : 0;
}

int caseno_allocate_word(db *d, const char *word, const char *year_date, char *out, size_t n,
			 ipc_err *e)
{
	char prefix[160];

	for (int k = 0; k < CASENO_KINDS; k++)
		if (!strcmp(KINDS[k].word, word))
			return caseno_allocate(d, k, year_date, out, n, e);
	if (stem_of(d, prefix, sizeof prefix, e))
		return -1;
	if (strlen(prefix) + strlen(word) >= sizeof prefix)
		return err_set(e, _("case number prefix too long"));
	strcat(prefix, word);
	return allocate(d, prefix, year_date, out, n, e);
}

int caseno_for_case(db *d, const json_t *state, const char *year_date, char *out, size_t n,
		    ipc_err *e)
{
	const char *procedure = jstr(state, "procedure");
	bool patent = procedure && strcmp(procedure, "patent_dispute") == 0;

	return caseno_allocate(d, patent ? CASENO_PATENT : CASENO_PENALTY, year_date, out, n, e);
}

int caseno_measure_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			 json_t *set, ipc_err *e)
{
	const char *kind = jstr(state, "kind"), *taken = jstr(state, "taken_on");
	char no[160];

	(void)t, (void)old;
	if (!kind || strcmp(kind, "seizure") != 0 || !taken || jstr(state, "number")
	    || json_is_true(json_object_get(state, "deleted")))
		return 0;
	if (caseno_allocate(d, CASENO_SEIZURE, taken, no, sizeof no, e))
		return -1;
	return json_object_set_new(set, "number", json_string(no)) ? err_nomem(e) : 0;
}

/* ---- settings (ipcase numbering) ---- */

static json_t *block_json(db *d)
{
	long k, size;

	if (!block_of(d, &k, &size))
		return json_pack("{s:s,s:s,s:I}", "source", "certificate", "cert", d->self.cert,
				 "size", (json_int_t)caseno_block_size(d));
	return json_pack("{s:s,s:I,s:I,s:I,s:I}", "source", "roster", "index", (json_int_t)k,
			 "size", (json_int_t)size, "from", (json_int_t)(k ? k * size : 1),
			 "to", (json_int_t)(k * size + size - 1));
}

json_t *caseno_settings(db *d, ipc_err *e)
{
	json_t *kinds = json_array(), *o = NULL;
	char prefix[160], key[48], set[8];

	if (!kinds)
		goto nomem;
	for (int i = 0; i < CASENO_KINDS; i++) {
		if (prefix_of(d, i, prefix, sizeof prefix, e))
			goto fail;
		prefix_key(i, key);
		db_meta_get(d, key, set, sizeof set);
		if (json_array_append_new(kinds, json_pack("{s:s,s:s,s:s,s:s,s:b}", "kind", KINDS[i].id,
					  "word", KINDS[i].word, "what", _(KINDS[i].what),
					  "prefix", prefix, "default", i != CASENO_PENALTY && !set[0])))
			goto nomem;
	}
	if ((o = json_pack("{s:o,s:O}", "block", block_json(d), "kinds", kinds)))
		goto out;
nomem:
	err_nomem(e);
fail:
	json_decref(o);
	o = NULL;
out:
	json_decref(kinds);
	return o;
}

static int kind_parse(const char *name, enum caseno_kind *kind)
{
	for (int i = 0; i < CASENO_KINDS; i++)
		if (strcmp(name, KINDS[i].id) == 0 || strcmp(name, KINDS[i].word) == 0) {
			*kind = i;
			return 0;
		}
	return -1;
}

/* Printable, short, and without the brackets that open the year. */
static bool prefix_ok(const char *p)
{
	if (strlen(p) > PREFIX_MAX || strstr(p, "〔") || strstr(p, "【"))
		return false;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

int caseno_prefix_check(const char *field, const char *prefix, ipc_err *e)
{
	if (prefix_ok(prefix))
		return 0;
	return err_kind(e, IPC_E_USAGE, field, _("a prefix is at most %d bytes of printable text "
			"without 〔 or 【 (the year follows it)"), PREFIX_MAX);
}

static int block_set(db *d, const char *value, ipc_err *e)
{
	struct officekey_pin p;
	char *end;
	long b = strtol(value, &end, 10);

	if (officekey_pin_get(d, d->self.office, &p))
		return err_kind(e, IPC_E_RULE, "block", "%s", _("this office has its roster: its block "
				"size was fixed when the roster was made, so numbers already given stay "
				"unique"));
	if (!isdigit((unsigned char)*value) || *end || b < BLOCK_MIN || b > BLOCK_MAX)
		return err_kind(e, IPC_E_USAGE, "block", _("block is a number of %d to %d"), BLOCK_MIN,
				BLOCK_MAX);
	return db_meta_set(d, "caseno.block", value, e);
}

int caseno_setting_set(db *d, const char *name, const char *value, ipc_err *e)
{
	enum caseno_kind kind;
	char key[48], def[96];

	if (strcmp(name, "block") == 0)
		return block_set(d, value, e);
	if (kind_parse(name, &kind))
		return err_kind(e, IPC_E_USAGE, name, _("%s is not a kind of number: penalty (处罚), "
				"seizure (强制), filing (立), patent (专裁), or block"), name);
	if (caseno_prefix_check(name, value, e))
		return -1;
	prefix_key(kind, key);
	if (kind != CASENO_PENALTY)
		return db_meta_set(d, key, value, e);
	/* the penalty prefix is always set: empty gives back the office's default */
	if (!value[0] && caseno_default_prefix(d->self.office, def, sizeof def, e))
		return -1;
	if (db_meta_set(d, key, value[0] ? value : def, e))
		return -1;
	snprintf(d->self.case_prefix, sizeof d->self.case_prefix, "%s", value[0] ? value : def);
	return 0;
}

int caseno_check_duplicates(db *d, const char *record, const char *case_no, ipc_err *e)
{
	static const char *const sql[] = {
		/* the flag follows the number: drop ours, then flag every holder of a shared one */
		"DELETE FROM conflicts WHERE record = ?1 AND field = 'duplicate_case_no'",
		"INSERT OR IGNORE INTO conflicts(record, field) SELECT id, 'duplicate_case_no'"
		" FROM t_case WHERE ?2 IS NOT NULL AND case_no = ?2"
		" AND (SELECT count(*) FROM t_case WHERE case_no = ?2) > 1",
		/* numbers that stopped being shared (ours changed) lose the flag */
		"DELETE FROM conflicts WHERE field = 'duplicate_case_no' AND record IN"
		" (SELECT c.id FROM conflicts f JOIN t_case c ON c.id = f.record"
		"  WHERE f.field = 'duplicate_case_no'"
		"  AND (SELECT count(*) FROM t_case x WHERE x.case_no = c.case_no) < 2)",
		"UPDATE t_case SET conflict = EXISTS(SELECT 1 FROM conflicts WHERE record = t_case.id)"
		" WHERE id = ?1 OR (?2 IS NOT NULL AND case_no = ?2) OR conflict <> EXISTS("
		" SELECT 1 FROM conflicts WHERE record = t_case.id)",
	};
	sqlite3_stmt *st;
	bool flagged_before, shared;

	/* the common case, a unique number and no flags anywhere, costs two index lookups */
	if (!(st = db_stmt(d, "SELECT EXISTS(SELECT 1 FROM conflicts WHERE field ="
			   " 'duplicate_case_no'), (SELECT count(*) FROM t_case WHERE case_no = ?)", e)))
		return -1;
	db_bind_text(st, 1, case_no);
	sqlite3_step(st);
	flagged_before = sqlite3_column_int(st, 0);
	shared = sqlite3_column_int(st, 1) > 1;
	sqlite3_reset(st);
	if (!flagged_before && !shared)
		return 0;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (!(st = db_stmt(d, sql[i], e)))
			return -1;
		db_bind_text(st, 1, record);
		if (i > 0)
			db_bind_text(st, 2, case_no);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_sqlerr(d, e, "checking case numbers");
		sqlite3_reset(st);
	}
	return 0;
}
