/* testutil — what the cmocka tests share: throwaway workspaces, export to a string, removal
 * of temp folders. Header-only so each test binary stays one file. */
#ifndef IPCASE_TESTUTIL_H
#define IPCASE_TESTUTIL_H

#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "db/db.h"
#include "db/op.h"
#include "db/rules/approval.h"
#include "db/store.h"
#include "db/workspace.h"

static int tu_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static inline void tu_rmtree(const char *dir)
{
	nftw(dir, tu_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A fresh workspace of an officer of `office` (division code) in a new temp folder. */
static inline db *tu_workspace_of(const char *office, const char *name, const char *cert,
				  char home[64])
{
	struct db_identity id = {.case_prefix = "冀石市监处罚"};
	ipc_err e = {0};
	db *d = NULL;

	snprintf(home, 64, "/tmp/ipcase-test-XXXXXX");
	assert_non_null(mkdtemp(home));
	snprintf(id.office, sizeof id.office, "%s", office);
	snprintf(id.office_name, sizeof id.office_name, "%s市场监督管理局", office);
	snprintf(id.officer, sizeof id.officer, "%s", name);
	snprintf(id.cert, sizeof id.cert, "%s", cert);
	if (db_init(home, &id, &e) || db_open(home, &d, &e))
		fail_msg("workspace: %s", e.msg);
	return d;
}

/* A fresh workspace of officer `name` with certificate `cert` of the Shijiazhuang office. */
static inline db *tu_workspace(const char *name, const char *cert, char home[64])
{
	return tu_workspace_of("130100", name, cert, home);
}

static inline void tu_close(db *d, const char *home)
{
	db_close(d);
	tu_rmtree(home);
}

/* The workspace of the limit tests: 王建国 (13010001) of Shijiazhuang on Monday 2026-03-02,
 * the start every limit test counts from; a cmocka setup and teardown pair. */
static char tu_home[64];

static inline int tu_setup_0302(void **state)
{
	setenv("IPCASE_TODAY", "2026-03-02", 1);
	*state = tu_workspace("王建国", "13010001", tu_home);
	return 0;
}

static inline int tu_teardown_0302(void **state)
{
	tu_close(*state, tu_home);
	unsetenv("IPCASE_TODAY");
	return 0;
}

/* Everything db_export writes, as a malloc'd string. */
static inline char *tu_export(db *d)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	ipc_err e = {0};

	if (db_export(d, f, &e))
		fail_msg("export: %s", e.msg);
	fclose(f);
	return buf;
}

/* Writes fields given as a JSON text; returns the new or given id in `id`. */
static inline int tu_write(db *d, const char *type, const char *id, const char *json,
			   char out[37], ipc_err *e)
{
	json_t *set = json_loads(json, 0, NULL);
	int rc;

	assert_non_null(set);
	rc = db_write(d, type, id, set, out, e);
	json_decref(set);
	return rc;
}

/* The write succeeds (its id in `out` when not NULL). */
static inline void tu_ok(db *d, const char *type, const char *id, const char *json, char out[37])
{
	ipc_err e = {0};

	if (tu_write(d, type, id, json, out, &e))
		fail_msg("%s: %s", json, e.msg);
}

/* The write is refused by a rule, under `field` (when not NULL), with a message holding
 * `words`. */
static inline void tu_refused(db *d, const char *type, const char *id, const char *json,
			      const char *field, const char *words)
{
	ipc_err e = {0};

	if (tu_write(d, type, id, json, NULL, &e) == 0)
		fail_msg("accepted: %s", json);
	if (!strstr(e.msg, words))
		fail_msg("%s: the message \"%s\" lacks \"%s\"", json, e.msg, words);
	assert_int_equal(e.kind, IPC_E_RULE);
	if (field)
		assert_string_equal(e.field, field);
}

/* Approves `step` of case `id` as the procedure asks (db/rules/approval): asked, then answered
 * by this workspace (which holds every role when no roster is pinned). */
static inline void tu_approve(db *d, const char *id, const char *step)
{
	char aid[37];
	ipc_err e = {0};

	if (approval_ask(d, id, step, NULL, aid, &e) || approval_answer(d, aid, true, "同意", &e))
		fail_msg("approving %s: %s", step, e.msg);
}

/* Every step's approval for a case but `except` (NULL: none), for tests about something
 * else than approvals. */
static inline void tu_approve_all(db *d, const char *id, const char *except)
{
	for (const struct enum_value *s = approval_steps; s->id; s++)
		if (!except || strcmp(s->id, except) != 0)
			tu_approve(d, id, s->id);
}

/* A db_ops_each callback: imports each line into the workspace `arg`, failing on a refusal. */
static inline int tu_import_into(const char *line, size_t len, void *arg)
{
	ipc_err e = {0};

	if (db_import(arg, line, len, &e) < 0)
		fail_msg("import: %s", e.msg);
	return 0;
}

/* Is `field` of record `id` flagged as a conflict? */
static inline bool tu_has_conflict(db *d, const char *id, const char *field)
{
	ipc_err e = {0};
	json_t *o = db_get(d, id, &e), *c = json_object_get(o, "conflicts"), *x;
	size_t i;
	bool found = false;

	json_array_foreach(c, i, x)
		found |= strcmp(json_string_value(x), field) == 0;
	json_decref(o);
	return found;
}

/* The ops table as a workspace before schema 9 had it (each op's line whole, ids UNIQUE), the
 * index on the line that clock.c made, and the tables of heads and dependencies (empty): for
 * tests that open a workspace of that age. */
#define TU_OPS_V8 \
	"CREATE TABLE ops_v8(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record TEXT NOT NULL," \
	" type TEXT NOT NULL, actor TEXT NOT NULL, hlc INTEGER NOT NULL, line TEXT NOT NULL);" \
	"INSERT INTO ops_v8 SELECT * FROM op_lines; DROP VIEW op_lines; DROP TABLE ops;" \
	"ALTER TABLE ops_v8 RENAME TO ops; CREATE INDEX ops_record ON ops(record, hlc);" \
	"CREATE INDEX ops_pausing ON ops(record) WHERE instr(line, '\"status\":\"hearing\"') > 0;" \
	"CREATE TABLE op_deps(op TEXT NOT NULL, dep TEXT NOT NULL, PRIMARY KEY(dep, op))" \
	" WITHOUT ROWID;" \
	"CREATE TABLE heads(record TEXT NOT NULL, op TEXT NOT NULL, PRIMARY KEY(record, op))" \
	" WITHOUT ROWID;"

/* Op lines collected by db_ops_each(…, tu_collect, &lines, …). */
struct tu_lines {
	char **v;
	size_t n;
};

static inline int tu_collect(const char *line, size_t len, void *arg)
{
	struct tu_lines *l = arg;
	l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = strndup(line, len);
	return 0;
}

static inline void tu_lines_free(struct tu_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Imports into `to` every op of `from` it lacks (in storage order). */
static inline void tu_pull(db *to, db *from)
{
	struct tu_lines l = {0};
	ipc_err e = {0};

	db_ops_each(from, tu_collect, &l, &e);
	for (size_t i = 0; i < l.n; i++)
		if (db_import(to, l.v[i], strlen(l.v[i]), &e) < 0)
			fail_msg("import: %s", e.msg);
	tu_lines_free(&l);
}

/* Every workspace accepts the others' ops. */
static inline void tu_introduce(db **ws, int n)
{
	ipc_err e = {0};
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (i != j)
				assert_int_equal(db_actor_add(ws[i], db_self(ws[j]), &e), 0);
}

/* An op of `type` on `record` with these deps (a JSON array) setting `set` (a JSON object),
 * signed with the device key of workspace d: what a peer with that key could write, whatever
 * the write rules say. The caller frees the line. */
static inline char *tu_forge_op(db *d, const char *type, const char *record, const char *deps,
				const char *set)
{
	unsigned char sk[64];
	char path[128];
	struct op o = {0};
	ipc_err e = {0};
	FILE *f;
	char *line;

	snprintf(path, sizeof path, "%s/device.key", db_home(d));
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fread(sk, 1, 64, f), 64);
	fclose(f);
	snprintf(o.actor, sizeof o.actor, "%s", db_self(d)->actor);
	snprintf(o.record, sizeof o.record, "%s", record);
	snprintf(o.type, sizeof o.type, "%s", type);
	o.hlc = ((int64_t)time(NULL) * 1000 + 60000) << 16; /* after everything written so far */
	assert_non_null(o.deps = json_loads(deps, 0, NULL));
	assert_non_null(o.set = json_loads(set, 0, NULL));
	if (!(line = op_seal(&o, sk, &e)))
		fail_msg("op_seal: %s", e.msg);
	op_clear(&o);
	return line;
}

#endif
