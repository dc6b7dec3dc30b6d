/* search — search text of cases, the two FTS5 indexes, and paged case lists. */
#include "db/search.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/canon.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/orgname.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/deadlines.h"
#include "db/op.h"
#include "db/opz.h"
#include "db/schema.h"

static void buf_str(struct jbuf *b, const char *s)
{
	jbuf_add(b, s, strlen(s));
}

/* Length in bytes of the UTF-8 sequence starting at s, and its code point. */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80)
		return *cp = s[0], 1;
	if ((s[0] & 0xe0) == 0xc0 && s[1])
		return *cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu), 2;
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2])
		return *cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu), 3;
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3])
		return *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6)
			| (s[3] & 0x3fu), 4;
	return *cp = 0xfffd, 1;
}

/* CJK and other scripts written without spaces: each character is a word of its own. */
static bool is_spaced_script(unsigned cp)
{
	return cp >= 0x2e80;
}

/* "耐克运动鞋 Nike" → "耐 克 运 动 鞋 Nike": what the unicode61 index sees. Written in place:
 * a byte grows to three at most (a stray byte is a character of its own). */
static void spaced(struct jbuf *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	char *more, *w;
	unsigned cp;

	if (out->failed || !(more = grow(out->s, &out->cap, out->n + 3 * strlen(text), 1))) {
		out->failed = true;
		return;
	}
	out->s = more;
	w = out->s + out->n;
	while (*p) {
		size_t n = utf8_next(p, &cp);
		bool cjk = is_spaced_script(cp);
		if (cjk)
			*w++ = ' ';
		memcpy(w, p, n);
		w += n;
		if (cjk)
			*w++ = ' ';
		p += n;
	}
	*w = '\0';
	out->n = (size_t)(w - out->s);
}

/* SELECT deleted, role, <searchable, non-confidential fields> FROM <table> WHERE <key> = ?
 * for each record type, built once from the schema. */
static const char *search_sql(const struct rtype *t)
{
	static char sql[SCHEMA_MAX_TYPES][512];
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* two threads' handles */
	size_t i, n;

	for (i = 0; i < schema_ntypes && schema_types[i] != t; i++)
		;
	pthread_mutex_lock(&lock);
	if (sql[i][0])
		goto out;
	n = (size_t)snprintf(sql[i], sizeof sql[i], "SELECT deleted, %s",
			     schema_field(t, "role") ? "role" : "NULL");
	for (size_t f = 0; f < t->nfields; f++)
		if ((t->fields[f].flags & FF_SEARCH) && !(t->fields[f].flags & FF_CONFIDENTIAL))
			n += (size_t)snprintf(sql[i] + n, sizeof sql[i] - n, ", \"%s\"",
					      t->fields[f].name);
	snprintf(sql[i] + n, sizeof sql[i] - n, " FROM %s WHERE %s = ?", t->table,
		 t->parent ? t->parent : "rowid");
out:
	pthread_mutex_unlock(&lock);
	return sql[i];
}

/* key without the company form a search may leave out: 恒信商贸（高新区） finds
 * 保定恒信商贸有限公司（高新区）. Returns whether there was one. */
static bool drop_company_form(char *key)
{
	static const char *const forms[] = {"股份有限公司", "有限责任公司", "有限公司"};
	char *at;

	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		if ((at = strstr(key, forms[i]))) {
			memmove(at, at + strlen(forms[i]), strlen(at + strlen(forms[i])) + 1);
			return true;
		}
	return false;
}

/* A party's name is also indexed by its key (base/orgname), with and without its company
 * form, so 华为技术有限公司（深圳）, 华为技术有限公司(深圳) and 华为技术（深圳） find it. */
static void add_name_key(struct jbuf *b, const struct field *fd, const char *s)
{
	char key[4 * SCHEMA_LINE_MAX];

	if (strcmp(fd->name, "name") != 0 || !orgname_key(s, key, sizeof key))
		return;
	if (strcmp(key, s) != 0) {
		buf_str(b, key);
		jbuf_add(b, "\n", 1);
	}
	if (drop_company_form(key)) {
		buf_str(b, key);
		jbuf_add(b, "\n", 1);
	}
}

/* Appends the searchable text of the rows st yields; a reporter's identity stays out. */
static void add_rows(struct jbuf *b, const struct rtype *t, sqlite3_stmt *st)
{
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 1);
		bool reporter = role && strcmp(role, "reporter") == 0;
		int col = 2;

		if (sqlite3_column_int(st, 0)) /* deleted */
			continue;
		for (size_t f = 0; f < t->nfields; f++) {
			const struct field *fd = &t->fields[f];
			const char *s;
			if (!(fd->flags & FF_SEARCH) || (fd->flags & FF_CONFIDENTIAL))
				continue;
			s = (const char *)sqlite3_column_text(st, col++);
			if (s && !(reporter && (fd->flags & FF_REPORTER))) {
				buf_str(b, s);
				jbuf_add(b, "\n", 1);
				if (sqlite3_column_type(st, 1) != SQLITE_NULL) /* a party */
					add_name_key(b, fd, s);
			}
		}
	}
	sqlite3_reset(st);
}

static bool searchable(const struct rtype *t)
{
	for (size_t f = 0; f < t->nfields; f++)
		if ((t->fields[f].flags & FF_SEARCH) && !(t->fields[f].flags & FF_CONFIDENTIAL))
			return true;
	return false;
}

/* The search text of a case: its own fields and those of the records that belong to it. */
static int case_text(db *d, int64_t rowid, struct jbuf *b, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM t_case WHERE rowid = ?", e);
	char id[37] = "";

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(id, sizeof id, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	for (size_t i = 0; i < schema_ntypes; i++) {
		const struct rtype *t = schema_types[i];
		if (!(t->parent ? searchable(t) : strcmp(t->name, "case") == 0))
			continue; /* not part of a case, or nothing of it is searched */
		if (!(st = db_stmt(d, search_sql(t), e)))
			return -1;
		if (t->parent)
			db_bind_text(st, 1, id);
		else
			sqlite3_bind_int64(st, 1, rowid);
		if (!t->parent && !b->n) {
			size_t before = b->n;
			add_rows(b, t, st);
			if (b->n == before) /* a deleted case: nothing of it is found */
				return 0;
		} else {
			add_rows(b, t, st);
		}
	}
	return 0;
}

/* Runs sql with the rowid and, when it takes one, a text bound (?1, ?2). */
static int fts_run(db *d, const char *sql, int64_t rowid, const char *text, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, sql, e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "updating the search index");
}

/* The word index of a text: spaced CJK. Both indexes are contentless: their 'delete' must be
 * given the very text that was inserted, which is the case's search_text. */
static int words_put(db *d, int64_t rowid, const char *text, bool del, ipc_err *e)
{
	struct jbuf words = {0};
	int rc = -1;

	spaced(&words, text);
	if (words.failed) {
		err_nomem(e);
		goto out;
	}
	rc = fts_run(d, del ? "INSERT INTO fts_word(fts_word, rowid, text) VALUES('delete', ?1, ?2)"
			    : "INSERT INTO fts_word(rowid, text) VALUES(?1, ?2)",
		     rowid, words.s ? words.s : "", e);
out:
	free(words.s);
	return rc;
}

/* The text both indexes hold for the case into *old (NULL: none; the caller frees it). */
static int indexed_text(db *d, int64_t rowid, char **old, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT z FROM search_text WHERE rowid = ?", e);
	size_t n;
	int rc;

	*old = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
		if (!(*old = strdup((const char *)sqlite3_column_text(st, 0))))
			rc = err_nomem(e);
	} else if (rc == SQLITE_ROW && !(*old = opz_inflate(sqlite3_column_blob(st, 0),
							      (size_t)sqlite3_column_bytes(st, 0), &n))) {
		rc = err_kind(e, IPC_E_CORRUPT, NULL, _("the search index of a case is damaged "
			      "(not its changes: `ipcase verify` checks them)"));
	}
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "reading the search index");
}

/* Keeps the case's text, deflated (TEXT when that does not shrink it); none: the case is
 * deleted. */
static int text_keep(db *d, int64_t rowid, const struct jbuf *text, ipc_err *e)
{
	sqlite3_stmt *st;
	unsigned char *z;
	size_t n;
	int rc;

	if (!text->n)
		return fts_run(d, "DELETE FROM search_text WHERE rowid = ?1", rowid, NULL, e);
	if (!(st = db_stmt(d, "INSERT OR REPLACE INTO search_text(rowid, z) VALUES(?, ?)", e)))
		return -1;
	sqlite3_bind_int64(st, 1, rowid);
	if (opz_deflate(text->s, text->n, &z, &n))
		sqlite3_bind_blob(st, 2, z, (int)n, free);
	else /* a short text does not shrink: kept as it is */
		sqlite3_bind_text(st, 2, text->s, (int)text->n, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "updating the search index");
}

int search_index_case(db *d, int64_t rowid, ipc_err *e)
{
	struct jbuf text = {0};
	char *old = NULL;
	int rc = -1;

	if (case_text(d, rowid, &text, e))
		goto out;
	if (text.failed) {
		err_nomem(e);
		goto out;
	}
	if (indexed_text(d, rowid, &old, e))
		goto out;
	/* most writes to a case's file leave its search text as it was */
	if (old ? text.s && !strcmp(old, text.s) : !text.n) {
		rc = 0;
		goto out;
	}
	if (old && (fts_run(d, "INSERT INTO fts_tri(fts_tri, rowid, text) VALUES('delete', ?1, ?2)",
			    rowid, old, e)
		    || words_put(d, rowid, old, true, e)))
		goto out;
	if (text.n && (fts_run(d, "INSERT INTO fts_tri(rowid, text) VALUES(?1, ?2)", rowid, text.s, e)
		       || words_put(d, rowid, text.s, false, e)))
		goto out;
	rc = text_keep(d, rowid, &text, e);
out:
	free(old);
	free(text.s);
	return rc;
}

int search_bulk(db *d, bool on, ipc_err *e)
{
	int n = on ? 16 : 4; /* 4: FTS5's own */
	char sql[160];

	snprintf(sql, sizeof sql, "INSERT INTO fts_tri(fts_tri, rank) VALUES('automerge', %d);"
		 "INSERT INTO fts_word(fts_word, rank) VALUES('automerge', %d)", n, n);
	return db_exec(d, sql, e);
}

int search_open(db *d, ipc_err *e)
{
	/* FTS5 keeps the setting in its own table: a kill or an error between the two calls of
	 * search_bulk left 16 there, and every later commit merging as in bulk. An open while
	 * another process imports puts 4 back under it too: the rest of that import merges 4 at
	 * a time, slower, never wrong. */
	if (!db_count(d, "SELECT EXISTS(SELECT 1 FROM fts_tri_config WHERE k = 'automerge' AND v <> 4)"
		      " OR EXISTS(SELECT 1 FROM fts_word_config WHERE k = 'automerge' AND v <> 4)",
		      NULL))
		return 0;
	return search_bulk(d, false, e);
}

/* ---- queries ---- */

/* A quoted FTS5 phrase: "…" with inner quotes doubled. */
static void phrase(struct jbuf *b, const char *s, size_t n)
{
	jbuf_add(b, "\"", 1);
	for (size_t i = 0; i < n; i++)
		jbuf_add(b, s[i] == '"' ? "\"\"" : s + i, 1 + (s[i] == '"'));
	jbuf_add(b, "\"", 1);
}

static size_t codepoints(const char *s, size_t n)
{
	size_t count = 0;
	unsigned cp;

	for (size_t i = 0; i < n; count++)
		i += utf8_next((const unsigned char *)s + i, &cp);
	return count;
}

/* A word for the trigram index; one that is an organisation's name spelt otherwise (full-width
 * brackets, spaces) also matches by its key, which the index holds for parties. */
static void tri_word(struct jbuf *tri, const char *p, size_t n)
{
	char *word = strndup(p, n), key[1024];

	if (!word) {
		tri->failed = true;
		return;
	}
	orgname_key(word, key, sizeof key);
	if (codepoints(key, strlen(key)) >= 3 && strcmp(key, word) != 0) {
		buf_str(tri, "(");
		phrase(tri, p, n);
		buf_str(tri, " OR ");
		phrase(tri, key, strlen(key));
		buf_str(tri, ")");
	} else {
		phrase(tri, p, n);
	}
	free(word);
}

/* Splits the words of a query between the two indexes: words of 3+ characters to the
 * trigram index, shorter ones to the word index (CJK spaced into a phrase, others as a
 * prefix). All words must match. */
static void query_split(const char *text, struct jbuf *tri, struct jbuf *word)
{
	const char *p = text;

	while (*p) {
		size_t n;
		while (*p == ' ' || *p == '\t')
			p++;
		for (n = 0; p[n] && p[n] != ' ' && p[n] != '\t'; n++)
			;
		if (!n)
			break;
		if (codepoints(p, n) >= 3) {
			if (tri->n)
				buf_str(tri, " AND ");
			tri_word(tri, p, n);
		} else {
			struct jbuf sp = {0};
			char *one = strndup(p, n);
			unsigned cp;
			if (!one) {
				word->failed = true;
				return;
			}
			spaced(&sp, one);
			if (word->n)
				buf_str(word, " AND ");
			phrase(word, sp.s, sp.n);
			utf8_next((const unsigned char *)p, &cp);
			if (!is_spaced_script(cp))
				buf_str(word, "*");
			word->failed |= sp.failed;
			free(sp.s);
			free(one);
		}
		p += n;
	}
}

/* Builds "FROM … WHERE …" and binds its parameters after preparing. A search is driven by
 * an FTS index walked newest first (rowid descending), so its first page costs the page, not
 * every match: the word index when the query has short words, else the trigram index; the
 * other index filters. Another order sorts every match. */
struct where {
	struct jbuf sql, tri, word;
	char mine[200], today[11], region[8];
	const char *driver; /* "fts_word" or "fts_tri" when a search drives the query */
};

/* The sort key of each order, on the case row c: the next deadline is the one the
 * statistics keep per case (case_facts, db/rules/stats), looked up by its primary key; a
 * case without one sorts after every date. */
static const char *const order_keys[] = {
	[ORDER_UPDATED] = "c.updated_hlc", [ORDER_CASE_NO] = "c.case_no",
	[ORDER_TITLE] = "c.title", [ORDER_STATUS] = "c.status",
	[ORDER_DUE] = "coalesce((SELECT x.next_due FROM case_facts x WHERE x.id = c.id), '9999')",
};

static void order_sql(struct jbuf *b, const struct case_query *q, const struct where *w)
{
	const char *dir = q->ascending ? "ASC" : "DESC";
	char sql[160];

	if (w->driver)
		snprintf(sql, sizeof sql, " ORDER BY f.rowid %s", dir);
	else
		snprintf(sql, sizeof sql, " ORDER BY %s %s, c.rowid %s", order_keys[q->order], dir, dir);
	buf_str(b, sql);
}

/* The code of a region without its trailing "00" pairs (130100 → 1301, 130000 → 13): what
 * the codes of the regions under it begin with. */
static void region_prefix(const char *code, char out[8])
{
	size_t n;

	snprintf(out, 8, "%s", code);
	for (n = strlen(out); n > 2 && n % 2 == 0 && out[n - 1] == '0' && out[n - 2] == '0'; n -= 2)
		out[n - 2] = '\0';
}

/* The SQL of a statistics dimension's key: what db/rules/stats groups by ('' when not set). */
static const char *group_sql(const char *dim)
{
	static const struct {
		const char *dim, *sql;
	} dims[] = {
		{"ip_type", " AND coalesce(c.ip_type, '') = :gkey"},
		{"region", " AND coalesce(c.region, '') = :gkey"},
		{"source", " AND coalesce(c.source, '') = :gkey"},
		{"status", " AND coalesce(c.status, '') = :gkey"},
		{"decision", " AND coalesce(c.decision_type, '') = :gkey"},
		{"campaign", " AND coalesce(c.campaign, '') = :gkey"},
		{"handler", " AND EXISTS (SELECT 1 FROM json_each(c.handlers) h"
			    " WHERE coalesce(json_extract(h.value, '$.name'), '') = :gkey)"},
	};

	for (size_t i = 0; i < sizeof dims / sizeof *dims; i++)
		if (!strcmp(dims[i].dim, dim))
			return dims[i].sql;
	return " AND 0"; /* no such dimension: no such group */
}

static void where_build(db *d, const struct case_query *q, struct where *w)
{
	static const char *const on[][2] = {
		[ON_CLUE] = {" AND c.clue_on >= :from", " AND c.clue_on <= :to"},
		[ON_FILED] = {" AND c.filed_on >= :from", " AND c.filed_on <= :to"},
		[ON_DECIDED] = {" AND c.decided_on >= :from", " AND c.decided_on <= :to"},
		[ON_CLOSED] = {" AND c.closed_on >= :from", " AND c.closed_on <= :to"},
	};

	if (q->text && *q->text)
		query_split(q->text, &w->tri, &w->word);
	if ((w->tri.n || w->word.n) && q->order == ORDER_UPDATED)
		w->driver = w->word.n ? "fts_word" : "fts_tri";
	if (w->driver) {
		buf_str(&w->sql, " FROM ");
		buf_str(&w->sql, w->driver);
		buf_str(&w->sql, " f JOIN t_case c ON c.rowid = f.rowid WHERE f.");
		buf_str(&w->sql, w->driver);
		buf_str(&w->sql, w->word.n ? " MATCH :word AND" : " MATCH :tri AND");
	} else {
		buf_str(&w->sql, " FROM t_case c WHERE");
	}
	buf_str(&w->sql, " coalesce(c.deleted, 0) = 0");
	if (q->status)
		buf_str(&w->sql, " AND c.status = :status");
	if (q->ip_type)
		buf_str(&w->sql, " AND c.ip_type = :ip_type");
	if (q->region) {
		region_prefix(q->region, w->region);
		buf_str(&w->sql, " AND c.region LIKE :region || '%'");
	}
	if (q->from)
		buf_str(&w->sql, on[q->on][0]);
	if (q->to)
		buf_str(&w->sql, on[q->on][1]);
	if (q->decision)
		buf_str(&w->sql, " AND c.decision_type = :decision");
	if (q->group_by)
		buf_str(&w->sql, group_sql(q->group_by));
	if (q->mine) {
		db_mine_sql(d, "c.", w->mine, sizeof w->mine);
		buf_str(&w->sql, " AND ");
		buf_str(&w->sql, w->mine);
	}
	if (q->overdue) {
		cal_today(w->today);
		/* few overdue cases: fetch them and sort; many: walk the list's order, test each */
		buf_str(&w->sql, deadline_overdue_many(d, w->today)
			? " AND EXISTS (SELECT 1 FROM deadlines o WHERE o.owner = c.id AND o.due < :today)"
			: " AND c.id IN (SELECT owner FROM deadlines WHERE due < :today)");
	}
	if (w->tri.n && !(w->driver && strcmp(w->driver, "fts_tri") == 0))
		buf_str(&w->sql, " AND c.rowid IN (SELECT rowid FROM fts_tri WHERE fts_tri MATCH :tri)");
	if (w->word.n && !w->driver)
		buf_str(&w->sql, " AND c.rowid IN (SELECT rowid FROM fts_word WHERE fts_word MATCH :word)");
}

static void where_bind(sqlite3_stmt *st, const struct case_query *q, struct where *w)
{
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":status"), q->status);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":ip_type"), q->ip_type);
	if (q->region)
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":region"), w->region);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":from"), q->from);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":to"), q->to);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":decision"), q->decision);
	if (q->group_by)
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":gkey"),
			     q->group_key ? q->group_key : "");
	if (q->overdue)
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), w->today);
	if (w->tri.n)
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":tri"), w->tri.s);
	if (w->word.n)
		db_bind_text(st, sqlite3_bind_parameter_index(st, ":word"), w->word.s);
}

/* Did the query's text run out of memory along the way (sql: the statement built on it)? */
static bool where_failed(const struct where *w, const struct jbuf *sql)
{
	return w->sql.failed || w->tri.failed || w->word.failed || sql->failed;
}

static void where_free(struct where *w)
{
	free(w->sql.s);
	free(w->tri.s);
	free(w->word.s);
}

/* The first respondent's name, copied into out ("" when none). */
static void first_respondent(db *d, const char *case_id, char *out, size_t n)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT name FROM t_party WHERE case_id = ?"
				   " AND role = 'respondent' AND coalesce(deleted, 0) = 0"
				   " ORDER BY created_hlc LIMIT 1", NULL);

	out[0] = '\0';
	if (!st)
		return;
	db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

/* The case's soonest open deadline, from the deadlines table. */
static void next_deadline(db *d, const char *case_id, json_t *row)
{
	char due[11], kind[DEADLINE_KIND_MAX];
	bool confirmed;

	if (!deadline_next(d, case_id, due, kind, &confirmed)) {
		json_object_set_new(row, "next_due", json_null());
		json_object_set_new(row, "next_due_kind", json_null());
		return;
	}
	json_object_set_new(row, "next_due", json_string(due));
	json_object_set_new(row, "next_due_kind", json_string(kind));
	if (!confirmed)
		json_object_set_new(row, "next_due_unconfirmed", json_true());
}

/* The list row of one case: its summary columns. */
static json_t *list_row(db *d, sqlite3_stmt *st)
{
	static const char *const keep[] = {"id", "case_no", "title", "status", "ip_type", "region"};
	json_t *full = db_row_json(schema_type("case"), st), *row = json_object();
	json_t *handlers = json_object_get(full, "handlers");
	char resp[320], updated[32];

	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		json_object_set(row, keep[i], json_object_get(full, keep[i]));
	json_object_set(row, "handler", json_array_size(handlers)
			? json_object_get(json_array_get(handlers, 0), "name") : json_null());
	first_respondent(d, json_string_value(json_object_get(full, "id")), resp, sizeof resp);
	json_object_set_new(row, "respondent", resp[0] ? json_string(resp) : json_null());
	hlc_format(sqlite3_column_int64(st, 3), updated);
	json_object_set_new(row, "updated", json_string(updated));
	if (sqlite3_column_int(st, 5))
		json_object_set_new(row, "conflict", json_true());
	next_deadline(d, json_string_value(json_object_get(full, "id")), row);
	json_decref(full);
	return row;
}

/* The list q describes as a prepared SELECT c.*, in its order, a page of it when paged (the
 * values are bound as copies); NULL with e filled. */
static sqlite3_stmt *list_prepare(db *d, const struct case_query *q, bool paged, ipc_err *e)
{
	struct where w = {0};
	struct jbuf sql = {0};
	sqlite3_stmt *st = NULL;

	where_build(d, q, &w);
	buf_str(&sql, "SELECT c.*");
	buf_str(&sql, w.sql.s);
	order_sql(&sql, q, &w);
	if (paged)
		buf_str(&sql, " LIMIT :limit OFFSET :offset");
	if (where_failed(&w, &sql)) {
		err_nomem(e);
	} else if (sqlite3_prepare_v2(d->sql, sql.s, -1, &st, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, "listing cases");
	} else {
		where_bind(st, q, &w);
		if (paged) {
			sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"),
					 q->limit > 0 ? q->limit : -1);
			sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":offset"), q->offset);
		}
	}
	where_free(&w);
	free(sql.s);
	return st;
}

json_t *db_case_list(db *d, const struct case_query *q, ipc_err *e)
{
	sqlite3_stmt *st = list_prepare(d, q, true, e);
	json_t *rows = NULL;
	int rc;

	if (!st)
		return NULL;
	if (!(rows = json_array())) {
		err_nomem(e);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (json_array_append_new(rows, list_row(d, st))) /* a row short of memory */
			break;
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_ROW)
			err_nomem(e);
		else
			db_sqlerr(d, e, "listing cases");
		json_decref(rows);
		rows = NULL;
	}
out:
	sqlite3_finalize(st);
	return rows;
}

int64_t db_case_count(db *d, const struct case_query *q, ipc_err *e)
{
	struct where w = {0};
	struct jbuf sql = {0};
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	where_build(d, q, &w);
	/* deleted cases have no search text, so when only the words filter, the index counts */
	if (w.driver && !q->status && !q->ip_type && !q->region && !q->from && !q->to && !q->mine
	    && !q->overdue && !q->decision && !q->group_by && !(w.tri.n && w.word.n))
		buf_str(&sql, w.word.n ? "SELECT count(*) FROM fts_word WHERE fts_word MATCH :word"
				       : "SELECT count(*) FROM fts_tri WHERE fts_tri MATCH :tri");
	else {
		buf_str(&sql, "SELECT count(*)");
		buf_str(&sql, w.sql.s);
	}
	if (where_failed(&w, &sql)) {
		err_nomem(e);
		goto out;
	}
	if (sqlite3_prepare_v2(d->sql, sql.s, -1, &st, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, "counting cases");
		goto out;
	}
	where_bind(st, q, &w);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_sqlerr(d, e, "counting cases");
out:
	sqlite3_finalize(st);
	where_free(&w);
	free(sql.s);
	return n;
}

int db_case_each(db *d, const struct case_query *q,
		 int (*fn)(void *ctx, const json_t *kase, ipc_err *e), void *ctx, ipc_err *e)
{
	sqlite3_stmt *st = list_prepare(d, q, false, e);
	int rc = 0, step;

	if (!st)
		return -1;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *kase = db_row_json(schema_type("case"), st);
		rc = kase ? fn(ctx, kase, e) : err_nomem(e);
		json_decref(kase);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_sqlerr(d, e, "listing cases");
	sqlite3_finalize(st);
	return rc;
}

/* Is case `id` in the list? Then *key and *rowid get its sort key and rowid. */
static int position_target(db *d, const struct case_query *q, struct where *w, const char *col,
			   const char *id, sqlite3_value **key, int64_t *rowid, ipc_err *e)
{
	struct jbuf sql = {0};
	sqlite3_stmt *st = NULL;
	int rc;

	buf_str(&sql, "SELECT ");
	buf_str(&sql, col);
	buf_str(&sql, ", c.rowid");
	buf_str(&sql, w->sql.s);
	buf_str(&sql, " AND c.id = :id");
	if (where_failed(w, &sql)) {
		free(sql.s);
		return err_nomem(e);
	}
	if (sqlite3_prepare_v2(d->sql, sql.s, -1, &st, NULL) != SQLITE_OK) {
		free(sql.s);
		return db_sqlerr(d, e, "finding a case in the list");
	}
	where_bind(st, q, w);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":id"), id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*key = sqlite3_value_dup(sqlite3_column_value(st, 0));
		*rowid = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	free(sql.s);
	if (rc == SQLITE_ROW)
		return *key ? 1 : err_nomem(e);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "finding a case in the list");
}

/* SELECT the count of rows before (key, rowid) in the order of order_sql, as three counts
 * that each walk a range of the order's index (one OR of them would make SQLite scan the
 * smallest index and read every row): ascending puts NULLs first, descending last, as SQLite
 * sorts them. */
static void position_sql(struct jbuf *b, const struct where *w, const char *col, bool ascending)
{
	static const char *const asc[] = {"%s < :key", "%s IS :key AND c.rowid < :rowid",
					  "%s IS NULL AND :key IS NOT NULL"};
	static const char *const desc[] = {"%s > :key", "%s IS :key AND c.rowid > :rowid",
					   "%s IS NOT NULL AND :key IS NULL"};
	char cond[256];

	buf_str(b, "SELECT 0");
	for (int i = 0; i < 3; i++) {
		snprintf(cond, sizeof cond, ascending ? asc[i] : desc[i], col);
		buf_str(b, " + (SELECT count(*)");
		buf_str(b, w->sql.s);
		buf_str(b, " AND ");
		buf_str(b, cond);
		buf_str(b, ")");
	}
}

int64_t db_case_position(db *d, const struct case_query *q, const char *id, ipc_err *e)
{
	struct where w = {0};
	struct jbuf sql = {0};
	sqlite3_stmt *st = NULL;
	sqlite3_value *key = NULL;
	int64_t rowid = 0, n = -2;
	const char *col;
	int found;

	where_build(d, q, &w);
	col = w.driver ? "c.rowid" : order_keys[q->order]; /* a search: the index's rowid order */
	if ((found = position_target(d, q, &w, col, id, &key, &rowid, e)) <= 0) {
		n = found < 0 ? -2 : -1;
		goto out;
	}
	position_sql(&sql, &w, col, q->ascending);
	if (where_failed(&w, &sql)) {
		err_nomem(e);
		goto out;
	}
	if (sqlite3_prepare_v2(d->sql, sql.s, -1, &st, NULL) != SQLITE_OK) {
		db_sqlerr(d, e, "finding a case in the list");
		goto out;
	}
	where_bind(st, q, &w);
	sqlite3_bind_value(st, sqlite3_bind_parameter_index(st, ":key"), key);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":rowid"), rowid);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_sqlerr(d, e, "finding a case in the list");
out:
	sqlite3_finalize(st);
	sqlite3_value_free(key);
	where_free(&w);
	free(sql.s);
	return n;
}
