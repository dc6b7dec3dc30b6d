/* docissue — issuing documents and verifying them (db/rules/docissue.h). */
#include "db/rules/docissue.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cndate.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/paths.h"
#include "db/caseview.h"
#include "db/db_internal.h"
#include "db/rules/archive.h"
#include "db/op.h"
#include "db/rules/case_terms.h"
#include "db/rules/caseno.h"
#include "db/rules/document.h"
#include "db/store.h"
#include "doc/docx.h"
#include "doc/pdf.h"
#include "doc/template.h"

static const struct enum_value formats[] = {
	{"pdf", "PDF", "PDF"},
	{"docx", "DOCX", "DOCX"},
	{NULL, NULL, NULL},
};

static const struct field issued_fields[] = {
	{"case_id", FK_REF, FF_REQUIRED | FF_SYSTEM, NULL, "case", "案件", "case", 0},
	{"kind", FK_TEXT, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "文书", "document", 40},
	{"number", FK_TEXT, FF_SYSTEM | FF_SEARCH, NULL, NULL, "文号", "number", 160},
	{"issued_on", FK_DATE, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "制作日期", "issued on", 0},
	{"format", FK_ENUM, FF_REQUIRED | FF_SYSTEM, formats, NULL, "格式", "format", 0},
	{"content_sha256", FK_SHA256, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "内容摘要",
	 "content SHA-256", 0},
	{"subject", FK_TEXT, FF_SYSTEM, NULL, NULL, "依据记录", "made from", 40},
	{"replaces", FK_REF, FF_SYSTEM, NULL, "issued", "更正的文书", "corrects", 0},
	/* the file made: named, not attached (it stays on the issuing device, see docissue.h) */
	{"file_name", FK_TEXT, FF_SYSTEM, NULL, NULL, "文件名", "file name", 255},
	{"sha256", FK_SHA256, FF_REQUIRED | FF_SYSTEM, NULL, NULL, "文件SHA-256", "file SHA-256", 0},
	{"size", FK_INT, FF_SYSTEM, NULL, NULL, "大小", "size", 0},
	/* deleted with its case (db/trash), never on its own: a correction replaces it */
	{"deleted", FK_BOOL, FF_SYSTEM, NULL, NULL, "已删除", "deleted", 0},
};

/* An issue names a kind this program knows (a peer's too). */
static int issued_check(const json_t *state, ipc_err *e)
{
	const char *kind = jstr(state, "kind");

	if (kind && !document_kind(kind))
		return err_kind(e, IPC_E_RULE, "kind", _("no document kind \"%s\""), kind);
	return 0;
}

static int issued_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			json_t *set, ipc_err *e)
{
	return archive_check_write(d, t, old, state, set, e) || issued_check(state, e) ? -1 : 0;
}

static int issued_import(db *d, const struct rtype *t, const struct op *o, ipc_err *e)
{
	int rc = archive_check_import(d, t, o, e);
	return rc ? rc : issued_check(o->set, e);
}

const struct rtype issued_type = {
	.name = "issued", .zh = "已制作文书", .en = "issued document", .table = "t_issued",
	.fields = issued_fields, .nfields = sizeof issued_fields / sizeof *issued_fields,
	.parent = "case_id", .channel = "office", .check_write = issued_write,
	.check_import = issued_import,
};

/* ---- where templates are ---- */

void docissue_dirs(db *d, char office[PATH_MAX], char shipped[PATH_MAX])
{
	snprintf(office, PATH_MAX, "%s/templates", db_home(d));
	paths_templates(shipped, PATH_MAX);
}

/* The office's own values (office.txt in its template directory: `name = value` lines for
 * office.address, office.phone, office.payment, review.body, review.court) over the
 * defaults the law's own words give: the office's name; fines paid to 指定的银行 (行政处罚法
 * art. 67); review before the people's government of the office's level (行政复议法 2023
 * art. 24); suit before 有管辖权的人民法院. A line of another name is refused, naming the
 * file and line. Read once for all the documents a call makes or lists: {"office","review"}
 * into *out. */
static int office_values(db *d, json_t **out, ipc_err *e)
{
	static const char *const names[] = {"office.address", "office.phone", "office.payment",
					    "review.body", "review.court"};
	const char *name = db_self(d)->office_name, *bureau = strstr(name, "市场监督管理局");
	char dir[PATH_MAX], shipped[PATH_MAX], path[PATH_MAX + 16], line[1024], gov[160];
	json_t *office = json_pack("{s:s,s:s}", "name", name, "payment", "指定的银行");
	json_t *review = json_pack("{s:s}", "court", "有管辖权的人民法院");
	FILE *f;
	int rc = 0, no = 0;

	if (!(*out = json_pack("{s:o*,s:o*}", "office", office, "review", review))
	    || !office || !review) {
		json_decref(*out);
		*out = NULL;
		return err_nomem(e);
	}
	if (bureau) {
		snprintf(gov, sizeof gov, "%.*s人民政府", (int)(bureau - name), name);
		json_object_set_new(review, "body", json_string(gov));
	}
	docissue_dirs(d, dir, shipped);
	snprintf(path, sizeof path, "%s/office.txt", dir);
	if (!(f = fopen(path, "r"))) {
		if (errno == ENOENT)
			return 0;
		rc = err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	while (!rc && fgets(line, sizeof line, f)) {
		char *eq = strchr(line, '='), *k = line, *v, *end;
		size_t i;
		no++;
		line[strcspn(line, "\r\n")] = '\0';
		k += strspn(k, " \t");
		if (!*k || *k == '#')
			continue;
		for (i = 0; eq && i < sizeof names / sizeof *names; i++)
			if (!strncmp(k, names[i], strlen(names[i]))
			    && strspn(k + strlen(names[i]), " \t") == (size_t)(eq - k - strlen(names[i])))
				break;
		if (!eq || i == sizeof names / sizeof *names) {
			rc = err_kind(e, IPC_E_RULE, NULL, _("%s:%d: expected NAME = VALUE, NAME one of "
				      "office.address, office.phone, office.payment, review.body, "
				      "review.court"), path, no);
			break;
		}
		v = eq + 1 + strspn(eq + 1, " \t");
		end = v + strlen(v);
		while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (json_object_set_new(names[i][0] == 'o' ? office : review,
					strchr(names[i], '.') + 1, json_string(v)))
			rc = err_kind(e, IPC_E_RULE, NULL, _("%s:%d: not UTF-8 text"), path, no);
	}
	fclose(f);
out:
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- making a document ---- */

static int template_of(db *d, const struct doc_kind *k, struct template **t, ipc_err *e)
{
	char office[PATH_MAX], shipped[PATH_MAX], path[4096];

	docissue_dirs(d, office, shipped);
	return template_path(k->kind, office, shipped, path, e)
	       || template_load(path, &document_vocab, t, e) ? -1 : 0;
}

/* The case's context with the office's values (office_values) and the issue date. */
static json_t *context_of(db *d, const struct doc_kind *k, const json_t *bundle,
			  const json_t *subject, const json_t *office, const char *today,
			  ipc_err *e)
{
	json_t *ctx = document_context(d, k, bundle, subject, e), *values = json_deep_copy(office);

	if (ctx && (!values || json_object_update(ctx, values)
		    || json_object_set_new(json_object_get(ctx, "doc"), "issued_on",
					   json_string(today)))) {
		json_decref(ctx);
		ctx = NULL;
		err_nomem(e);
	}
	json_decref(values);
	return ctx;
}

/* The latest issue of this kind made from the same record (or from the case alone) into
 * *out, NULL for none. */
static int previous_issue(db *d, const char *case_id, const char *kind, const char *subject,
			  json_t **out, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM t_issued WHERE case_id = ? AND kind = ?"
				   " AND coalesce(subject, '') = ? ORDER BY created_hlc DESC LIMIT 1",
				   e);
	char id[37] = "";

	*out = NULL;
	if (!st)
		return -1;
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, subject ?: "");
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(id, sizeof id, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return id[0] && !(*out = db_get(d, id, e)) ? -1 : 0;
}

/* The document's number: a reissue keeps its predecessor's; the penalty series is the
 * case's own number, a seizure decision's its measure's; other series are allocated. */
static int number_of(db *d, const struct template *t, const json_t *ctx, const json_t *prev,
		     const char *today, char *out, size_t n, ipc_err *e)
{
	const char *word = template_series(t), *has;

	out[0] = '\0';
	if (!word)
		return 0;
	if (prev && jstr(prev, "number")) {
		snprintf(out, n, "%s", jstr(prev, "number"));
		return 0;
	}
	if (!strcmp(word, "处罚")) {
		if (!(has = jstr(json_object_get(ctx, "case"), "case_no")))
			return err_kind(e, IPC_E_RULE, "case_no", _("the case has no case number yet: "
					"it gets one when it is filed"));
		snprintf(out, n, "%s", has);
		return 0;
	}
	if (!strcmp(word, "强制") && (has = jstr(json_object_get(ctx, "measure"), "number"))) {
		snprintf(out, n, "%s", has);
		return 0;
	}
	return caseno_allocate_word(d, word, today, out, n, e);
}

/* The SHA-256 of the filled document (its header and every block, as canonical JSON): what
 * the page's QR code and mark carry. */
static int content_digest(const struct doc *doc, char hex[65], ipc_err *e)
{
	json_t *j = json_pack("{s:s?,s:s?,s:s?,s:s?,s:[]}", "office", doc->office, "title",
			      doc->title, "number", doc->number, "date", doc->date, "blocks");
	json_t *blocks = json_object_get(j, "blocks");
	unsigned char digest[32];
	char *text = NULL;
	int rc = -1;

	for (size_t i = 0; j && i < doc->n; i++) {
		const struct doc_block *b = &doc->v[i];
		json_t *cells = json_array();
		for (size_t c = 0; cells && c < b->nrows * b->ncols; c++)
			json_array_append_new(cells, b->cells[c] ? json_string(b->cells[c])
							      : json_null());
		if (json_array_append_new(blocks, json_pack("{s:i,s:s?,s:s?,s:I,s:o*}", "kind",
					  (int)b->kind, "label", b->label, "text", b->text, "cols",
					  (json_int_t)b->ncols, "cells", cells)))
			goto out;
	}
	if (!j || !(text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT)))
		goto out;
	crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(hex, 65, digest, sizeof digest);
	rc = 0;
out:
	free(text);
	json_decref(j);
	return rc ? err_nomem(e) : 0;
}

/* <home>/documents/<case>/<kind>-<date>[-N].<format>: the first name not taken. <case> is
 * the last 8 digits of the case's id: random (the first ones are the time it was made,
 * shared by the cases of a minute). */
static int default_path(db *d, const char *case_id, const char *kind, const char *today,
			const char *format, char out[PATH_MAX], ipc_err *e)
{
	char dir[PATH_MAX];
	struct stat st;

	snprintf(dir, sizeof dir, "%s/documents", db_home(d));
	if (mkdir(dir, 0700) && errno != EEXIST)
		return err_kind(e, IPC_E_IO, NULL, _("cannot make %s: %s"), dir, strerror(errno));
	snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "/%s",
		 case_id + (strlen(case_id) > 8 ? strlen(case_id) - 8 : 0));
	if (mkdir(dir, 0700) && errno != EEXIST)
		return err_kind(e, IPC_E_IO, NULL, _("cannot make %s: %s"), dir, strerror(errno));
	for (int n = 1; n < 1000; n++) {
		char suffix[16] = "";
		if (n > 1)
			snprintf(suffix, sizeof suffix, "-%d", n);
		if ((size_t)snprintf(out, PATH_MAX, "%s/%s-%s%s.%s", dir, kind, today, suffix, format)
		    >= PATH_MAX)
			break;
		if (stat(out, &st) && errno == ENOENT)
			return 0;
	}
	return err_kind(e, IPC_E_IO, NULL, _("no free file name in %s"), dir);
}

/* The PDF's mark: ipcase-doc:v1:<content SHA-256> (doc/pdf.h). */
#define MARK_VERSION "v1:"

/* The QR code's text: the office, the document, its number and date, its content's hash. */
static char *qr_text(const struct doc *doc, const char *today, const char *digest)
{
	char *s = NULL;

	if (asprintf(&s, "%s\n%s\n%s\n%s\nSHA-256:%s", doc->office ?: "", doc->title ?: "",
		     doc->number ?: "", today, digest) < 0)
		return NULL;
	return s;
}

/* Fills the template (doc.number set when number is not NULL) into doc; a missing datum
 * gives IPC_E_RULE with the names in *missing. */
static int fill(const struct template *t, json_t *ctx, const char *number, struct doc *doc,
		json_t **missing, ipc_err *e)
{
	if (number && number[0]
	    && json_object_set_new(json_object_get(ctx, "doc"), "number", json_string(number)))
		return err_nomem(e);
	return template_fill(t, ctx, doc, missing, e);
}

/* The SHA-256 of a file and its size. */
static int file_sha256(const char *path, char hex[65], json_int_t *size, ipc_err *e)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], digest[32];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	*size = 0;
	if (!f)
		return err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		crypto_hash_sha256_update(&h, buf, n);
		*size += (json_int_t)n;
	}
	if (ferror(f))
		rc = err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
	fclose(f);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, 65, digest, sizeof digest);
	return rc;
}

/* Renders and records the issue, inside the caller's transaction. */
static int issue(db *d, const struct docissue_req *r, const struct doc_kind *k, struct doc *doc,
		 const char *today, const json_t *prev, struct docissue_out *out, ipc_err *e)
{
	const char *format = r->format ?: "pdf", *base;
	char digest[65], sha[65], part[PATH_MAX + 8];
	json_int_t size;
	json_t *set = NULL;
	int rc = -1;

	if (content_digest(doc, digest, e))
		return -1;
	if (!(doc->qr = qr_text(doc, today, digest))
	    || asprintf(&doc->mark, "%s%s%s", PDF_MARK_PREFIX, MARK_VERSION, digest) < 0) {
		doc->mark = NULL;
		return err_nomem(e);
	}
	snprintf(part, sizeof part, "%s.part", out->path);
	if (!strcmp(format, "docx") ? docx_render(doc, part, e) : pdf_render(doc, part, e))
		return -1;
	base = strrchr(out->path, '/');
	if (!(set = json_pack("{s:s,s:s,s:s,s:s,s:s}", "case_id", r->case_id, "kind", k->kind,
			      "issued_on", today, "format", format, "content_sha256", digest))
	    || (out->number[0] && json_object_set_new(set, "number", json_string(out->number)))
	    || (r->subject && json_object_set_new(set, "subject", json_string(r->subject)))
	    || (prev && json_object_set_new(set, "replaces", json_string(jstr(prev, "id")))))
		goto nomem;
	if (file_sha256(part, sha, &size, e))
		goto out;
	if (json_object_set_new(set, "file_name", json_string(base ? base + 1 : out->path))
	    || json_object_set_new(set, "sha256", json_string(sha))
	    || json_object_set_new(set, "size", json_integer(size)))
		goto nomem;
	if (db_write(d, "issued", NULL, set, out->id, e))
		goto out;
	if (rename(part, out->path)) {
		err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), out->path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
nomem:
	err_nomem(e);
out:
	if (rc)
		unlink(part);
	json_decref(set);
	return rc;
}

/* "a 行政处罚决定书 belongs to 告知, …: this case is 调查取证" */
static int stage_check(const struct doc_kind *k, const char *status, ipc_err *e)
{
	char stages[512] = "";
	size_t len = 0;

	if (document_fits(k, status))
		return 0;
	for (const char *p = k->statuses; *p && len < sizeof stages;) {
		size_t n = strcspn(p, " ");
		char id[32];
		snprintf(id, sizeof id, "%.*s", (int)n, p);
		len += snprintf(stages + len, sizeof stages - len, "%s%s", len ? "、" : "",
				schema_enum_label(case_statuses, id, i18n_zh()));
		p += n;
		p += strspn(p, " ");
	}
	return err_kind(e, IPC_E_RULE, "status", _("a %s is made at the stages %s; this case is at "
			"%s"), k->zh, stages, schema_enum_label(case_statuses, status, i18n_zh()));
}

/* The kind, its stage, its subject and the case's bundle: what every use of a kind starts
 * with. */
static int prepare(db *d, const char *case_id, const char *kind, const char *subject_id,
		   const struct doc_kind **k, json_t **bundle, json_t **subject, ipc_err *e)
{
	*bundle = *subject = NULL;
	if (!(*k = document_kind(kind)))
		return err_kind(e, IPC_E_USAGE, "kind", _("no document kind \"%s\": `ipcase doc "
				"list CASE` shows them"), kind);
	if (!(*bundle = db_bundle(d, case_id, 0, e)))
		return -1;
	return document_subject(d, *k, case_id, subject_id, subject, e);
}

int docissue_make(db *d, const struct docissue_req *r, struct docissue_out *out, ipc_err *e)
{
	const struct doc_kind *k;
	struct docissue_req req = *r;
	struct template *t = NULL;
	struct doc probe = {0}, doc = {0};
	json_t *bundle = NULL, *subject = NULL, *ctx = NULL, *prev = NULL, *office = NULL;
	char today[11];
	int rc = -1;

	memset(out, 0, sizeof *out);
	db_today(today);
	if (prepare(d, r->case_id, r->kind, r->subject, &k, &bundle, &subject, e)
	    || stage_check(k, jtext(json_object_get(bundle, "record"), "status"), e)
	    || template_of(d, k, &t, e) || office_values(d, &office, e)
	    || !(ctx = context_of(d, k, bundle, subject, office, today, e)))
		goto out;
	req.subject = subject ? jstr(subject, "id") : NULL;
	/* every missing datum named before a number is taken */
	if (fill(t, ctx, NULL, &probe, &out->missing, e))
		goto out;
	if (previous_issue(d, r->case_id, k->kind, req.subject, &prev, e))
		goto out;
	snprintf(out->replaces, sizeof out->replaces, "%s", prev ? jstr(prev, "id") : "");
	if (r->path)
		snprintf(out->path, sizeof out->path, "%s", r->path);
	else if (default_path(d, r->case_id, k->kind, today, r->format ?: "pdf", out->path, e))
		goto out;
	if (db_begin(d, e))
		goto out;
	if (number_of(d, t, ctx, prev, today, out->number, sizeof out->number, e)
	    || fill(t, ctx, out->number, &doc, &out->missing, e)
	    || issue(d, &req, k, &doc, today, prev, out, e) || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	rc = 0;
out:
	doc_free(&probe);
	doc_free(&doc);
	template_free(t);
	json_decref(prev);
	json_decref(ctx);
	json_decref(office);
	json_decref(subject);
	json_decref(bundle);
	return rc;
}

/* ---- what a case can issue ---- */

/* What kind k still lacks in this case: the names its template requires and the context
 * lacks, or the reason it cannot be made (problem). */
static void kind_needs(db *d, const struct doc_kind *k, const json_t *bundle,
		       const json_t *office, json_t *entry, const char *today)
{
	const char *case_id = jstr(json_object_get(bundle, "record"), "id");
	struct template *t = NULL;
	struct doc probe = {0};
	json_t *subject = NULL, *ctx = NULL, *missing = NULL;
	ipc_err e = {0};

	if (!document_subject(d, k, case_id, NULL, &subject, &e) && !template_of(d, k, &t, &e)
	    && (ctx = context_of(d, k, bundle, subject, office, today, &e)))
		fill(t, ctx, NULL, &probe, &missing, &e);
	if (missing)
		json_object_set_new(entry, "missing", missing);
	else if (e.msg[0])
		json_object_set_new(entry, "problem", json_string(e.msg));
	doc_free(&probe);
	template_free(t);
	json_decref(ctx);
	json_decref(subject);
}

static json_t *issues_of(const json_t *issued, const char *kind)
{
	json_t *list = json_array(), *r;
	size_t i;

	json_array_foreach(issued, i, r)
		if (!strcmp(jtext(r, "kind"), kind))
			json_array_append_new(list, json_pack("{s:s,s:s?,s:s,s:s,s:s?,s:s?}", "id",
					jtext(r, "id"), "number", jstr(r, "number"), "issued_on",
					jtext(r, "issued_on"), "format", jtext(r, "format"), "replaces",
					jstr(r, "replaces"), "file", jstr(r, "file_name")));
	return list;
}

json_t *docissue_list(db *d, const char *case_id, ipc_err *e)
{
	static const char *const audiences[] = {"internal", "party", "outside"};
	json_t *bundle = db_bundle(d, case_id, 0, e), *issued, *list = json_array(), *office;
	const char *status = jtext(json_object_get(bundle, "record"), "status");
	char today[11];

	if (!bundle || !list || office_values(d, &office, e)) {
		json_decref(list);
		json_decref(bundle);
		return bundle && !list ? (err_nomem(e), NULL) : NULL;
	}
	db_today(today);
	issued = json_object_get(json_object_get(bundle, "children"), "issued");
	for (size_t i = 0; list && i < document_nkinds; i++) {
		const struct doc_kind *k = &document_kinds[i];
		json_t *entry = json_pack("{s:s,s:s,s:s,s:b,s:[],s:o}", "kind", k->kind, "title",
					  k->zh, "audience", audiences[k->audience], "fits",
					  document_fits(k, status), "missing", "issued",
					  issues_of(issued, k->kind));
		if (entry)
			kind_needs(d, k, bundle, office, entry, today);
		if (!entry || json_array_append_new(list, entry)) {
			json_decref(list);
			list = NULL;
		}
	}
	json_decref(office);
	json_decref(bundle);
	if (!list)
		err_nomem(e);
	return list;
}

/* ---- verifying a file ---- */

#define ISSUE_BY_FILE "SELECT id FROM t_issued WHERE sha256 = ? ORDER BY created_hlc DESC"
#define ISSUE_BY_CONTENT "SELECT id FROM t_issued WHERE content_sha256 = ?" \
	" ORDER BY created_hlc DESC"

/* The latest issue that `sql` (ISSUE_BY_…) finds for sha, described for docissue_verify into
 * *out; *out NULL when there is none. */
static int issue_by(db *d, const char *sql, const char *sha, json_t **out, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, sql, e);
	json_t *r, *kase, *log;
	const struct doc_kind *k;
	char id[37] = "";

	*out = NULL;
	if (!st)
		return -1;
	db_bind_text(st, 1, sha);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(id, sizeof id, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (!id[0])
		return 0;
	if (!(r = db_get(d, id, e)))
		return -1;
	kase = db_get(d, jtext(r, "case_id"), NULL);
	log = db_log(d, id, NULL);
	k = document_kind(jtext(r, "kind"));
	*out = json_pack("{s:s,s:s,s:s,s:s?,s:s,s:s,s:s?,s:s,s:s?}", "id", id, "kind",
			 jtext(r, "kind"), "title", k ? k->zh : jtext(r, "kind"), "number",
			 jstr(r, "number"), "issued_on", jtext(r, "issued_on"), "case_id",
			 jtext(r, "case_id"), "case_no", jstr(kase, "case_no"), "office",
			 db_self(d)->office_name, "officer",
			 jstr(json_array_get(log, 0), "officer"));
	json_decref(log);
	json_decref(kase);
	json_decref(r);
	return *out ? 0 : err_nomem(e);
}

int docissue_verify(db *d, const char *path, json_t **out, ipc_err *e)
{
	char sha[65];
	json_int_t size;

	char mark[PDF_MARK_MAX];
	const char *state = "unchanged";
	size_t head = strlen(PDF_MARK_PREFIX MARK_VERSION);
	int found;

	*out = NULL;
	if (file_sha256(path, sha, &size, e) || issue_by(d, ISSUE_BY_FILE, sha, out, e))
		return -1;
	if (!*out) { /* not this file: does its mark name the content of an issue? */
		state = "changed";
		if ((found = pdf_mark_read(path, mark, sizeof mark, e)) < 0)
			return -1;
		if (!found && !strncmp(mark, PDF_MARK_PREFIX MARK_VERSION, head)
		    && strlen(mark) == head + 64 && issue_by(d, ISSUE_BY_CONTENT, mark + head, out, e))
			return -1;
	}
	if (!*out) {
		*out = json_pack("{s:s}", "state", "unknown");
		return *out ? 0 : err_nomem(e);
	}
	return json_object_set_new(*out, "state", json_string(state)) ? err_nomem(e) : 0;
}
