/* Tests of document templates as data (doc/template): every kind of db/rules/document has its
 * shipped template, which loads against the product's vocabulary (document_vocab) and carries
 * the kind's title; a context holding every name of the vocabulary fills each one completely,
 * prints as a PDF that pdftotext reads back, and never shows the reporter in a document that
 * leaves the office; an unknown placeholder or a malformed line is refused with file:line;
 * filling gives the blocks of the document (dates in Chinese, a table row an item) and names
 * every missing required field; an office's own template overrides the shipped one. Run from
 * the top of the tree (tests/run.sh does). */
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "db/rules/document.h"
#include "doc/pdf.h"
#include "doc/template.h"
#include "tests/leak_env.h"

#define SHIPPED "data/templates"
#define CONTEXT "tests/fixtures/doc_context.json"
#define REPORTER "举报人王某" /* the fixture's reporter, only under reporter.* */

/* A small vocabulary of the format's own tests (the shipped templates use document_vocab). */
static const struct template_var vars[] = {
	{"office.name", TEMPLATE_TEXT, NULL},
	{"doc.number", TEMPLATE_TEXT, NULL},
	{"doc.issued_on", TEMPLATE_TEXT, NULL},
	{"case.source", TEMPLATE_TEXT, NULL},
	{"case.cause", TEMPLATE_TEXT, NULL},
	{"party.name", TEMPLATE_TEXT, NULL},
	{"party.id_code", TEMPLATE_TEXT, NULL},
	{"party.address", TEMPLATE_TEXT, NULL},
	{"party.legal_rep", TEMPLATE_TEXT, NULL},
	{"party.phone", TEMPLATE_TEXT, NULL},
	{"measure.kind", TEMPLATE_TEXT, NULL},
	{"measure.reason", TEMPLATE_TEXT, NULL},
	{"measure.basis", TEMPLATE_TEXT, NULL},
	{"measure.days", TEMPLATE_TEXT, NULL},
	{"measure.start_on", TEMPLATE_TEXT, NULL},
	{"measure.end_on", TEMPLATE_TEXT, NULL},
	{"review.body", TEMPLATE_TEXT, NULL},
	{"review.court", TEMPLATE_TEXT, NULL},
	{"items", TEMPLATE_LIST, "item"},
	{"item.name", TEMPLATE_TEXT, NULL},
	{"item.spec", TEMPLATE_TEXT, NULL},
	{"item.quantity", TEMPLATE_TEXT, NULL},
	{"item.unit", TEMPLATE_TEXT, NULL},
	{"item.place", TEMPLATE_TEXT, NULL},
	{"approvals", TEMPLATE_LIST, "approval"},
	{"approval.step", TEMPLATE_TEXT, NULL},
	{"approval.officer", TEMPLATE_TEXT, NULL},
	{"approval.opinion", TEMPLATE_TEXT, NULL},
	{"approval.decided_on", TEMPLATE_TEXT, NULL},
};
static const struct template_vocab vocab = {vars, sizeof vars / sizeof *vars};

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/ipcase-tmpl-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* Writes text as the template <dir>/<name>.tmpl; its path in path. */
static void write_tmpl(const char *name, const char *text, char path[128])
{
	FILE *f;

	snprintf(path, 128, "%s/%s.tmpl", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static struct template *load(const char *path, const struct template_vocab *vo)
{
	struct template *t = NULL;
	ipc_err e = {0};

	if (template_load(path, vo, &t, &e))
		fail_msg("%s", e.msg);
	return t;
}

/* The template text is refused with "<file>:<line>: <message>". */
static void refused(const char *text, int line, const char *message)
{
	struct template *t = NULL;
	ipc_err e = {0};
	char path[128], want[512];

	write_tmpl("bad", text, path);
	assert_int_equal(template_load(path, &vocab, &t, &e), -1);
	assert_null(t);
	snprintf(want, sizeof want, "%s:%d: %s", path, line, message);
	assert_string_equal(e.msg, want);
}

static json_t *ctx_parse(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);

	if (!j)
		fail_msg("ctx: %s", je.text);
	return j;
}

static const struct doc_block *block_find(const struct doc *d, enum doc_block_kind kind,
					  const char *label, size_t nth)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == kind && (!label || !strcmp(d->v[i].label, label)) && !nth--)
			return &d->v[i];
	fail_msg("no block %d %s", kind, label ? label : "");
	return NULL;
}

static void row_check(const struct doc_block *b, size_t row, const char *const *want)
{
	assert_true(row < b->nrows);
	for (size_t c = 0; c < b->ncols; c++)
		if (!want[c])
			assert_null(b->cells[row * b->ncols + c]);
		else
			assert_string_equal(b->cells[row * b->ncols + c], want[c]);
}

/* Every shipped template is a kind's and loads with the product's vocabulary (so uses nothing
 * else); every kind has one; a numbered kind has its series word, a record none. */
static void test_shipped(void **state)
{
	static const struct {
		const char *kind, *series;
	} series[] = {
		{"file_approval", "立"}, {"seizure_decision", "强制"}, {"decision", "处罚"},
		{"interview_record", NULL}, {"service_receipt", NULL},
	};
	DIR *d = opendir(SHIPPED);
	struct dirent *de;
	size_t n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[512], kind[256];
		struct template *t;
		if (len < 5 || strcmp(de->d_name + len - 5, ".tmpl"))
			continue;
		snprintf(kind, sizeof kind, "%.*s", (int)(len - 5), de->d_name);
		if (!document_kind(kind))
			fail_msg("%s: no kind %s in document_kinds[]", de->d_name, kind);
		snprintf(path, sizeof path, SHIPPED "/%s", de->d_name);
		t = load(path, &document_vocab);
		for (size_t i = 0; i < sizeof series / sizeof *series; i++)
			if (!strcmp(series[i].kind, kind) && !series[i].series)
				assert_null(template_series(t));
			else if (!strcmp(series[i].kind, kind))
				assert_string_equal(template_series(t), series[i].series);
		template_free(t);
		n++;
	}
	closedir(d);
	for (size_t i = 0; i < document_nkinds; i++) {
		char path[4096];
		ipc_err e = {0};
		if (template_path(document_kinds[i].kind, NULL, SHIPPED, path, &e))
			fail_msg("%s", e.msg);
	}
	assert_int_equal(n, document_nkinds);
}

/* The context every shipped template is filled from: a value for every name of the vocabulary. */
static json_t *context_load(void)
{
	json_error_t je;
	json_t *ctx = json_load_file(CONTEXT, 0, &je);

	if (!ctx)
		fail_msg("%s:%d: %s", CONTEXT, je.line, je.text);
	return ctx;
}

/* The value at the dotted path name of obj ("party.name"), NULL when absent. */
static const json_t *path_get(const json_t *obj, const char *name)
{
	char key[128];

	while (obj && *name) {
		size_t seg = strcspn(name, ".");
		snprintf(key, sizeof key, "%.*s", (int)seg, name);
		obj = json_object_get(obj, key);
		name += seg + (name[seg] == '.');
	}
	return obj;
}

static bool present(const json_t *v)
{
	return json_is_number(v) || (json_is_string(v) && *json_string_value(v));
}

/* The fixture names every name of document_vocab: a list with elements, each with every field. */
static void test_context_complete(void **state)
{
	json_t *ctx = context_load();

	(void)state;
	for (size_t i = 0; i < document_vocab.n; i++) {
		const struct template_var *v = &document_vocab.v[i];
		const char *dot = strchr(v->name, '.');
		const struct template_var *list = NULL;
		for (size_t j = 0; dot && j < document_vocab.n; j++)
			if (document_vocab.v[j].each &&
			    !strncmp(document_vocab.v[j].each, v->name, (size_t)(dot - v->name)) &&
			    !document_vocab.v[j].each[dot - v->name])
				list = &document_vocab.v[j];
		if (v->kind == TEMPLATE_LIST) {
			if (json_array_size(path_get(ctx, v->name)) < 2)
				fail_msg("%s: the fixture needs two elements or more", v->name);
		} else if (list) {
			size_t k;
			json_t *el;
			json_array_foreach(path_get(ctx, list->name), k, el)
				if (!present(path_get(el, dot + 1)))
					fail_msg("%s[%zu].%s: no value in %s", list->name, k + 1, dot + 1, CONTEXT);
		} else if (!present(path_get(ctx, v->name))) {
			fail_msg("%s: no value in %s", v->name, CONTEXT);
		}
	}
	json_decref(ctx);
}

/* Does any text of d hold s? */
static bool doc_holds(const struct doc *d, const char *s)
{
	const char *head[] = {d->office, d->title, d->number, d->date, d->qr};

	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		if (head[i] && strstr(head[i], s))
			return true;
	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->v[i];
		if ((b->label && strstr(b->label, s)) || (b->text && strstr(b->text, s)))
			return true;
		for (size_t c = 0; c < b->nrows * b->ncols; c++)
			if (b->cells[c] && strstr(b->cells[c], s))
				return true;
	}
	return false;
}

/* pdftotext's text of path, blanks and line ends dropped (pdftotext spaces CJK at will). */
static char *pdf_flat(const char *path)
{
	char cmd[512], *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len), *f;
	int c;

	snprintf(cmd, sizeof cmd, "pdftotext '%s' -", path);
	assert_non_null(mem);
	assert_non_null(f = popen(cmd, "r"));
	while ((c = fgetc(f)) != EOF)
		if (c != ' ' && c != '\n' && c != '\f')
			fputc(c, mem);
	assert_int_equal(pclose(f), 0);
	fclose(mem);
	return buf;
}

/* Every kind filled from the full context: nothing missing, its title, no reporter outside the
 * office's own forms; printed as a PDF whose text shows the title and the party. */
static void test_fill_every_kind(void **state)
{
	json_t *ctx = context_load();
	size_t internal_with_reporter = 0;

	(void)state;
	for (size_t i = 0; i < document_nkinds; i++) {
		const struct doc_kind *k = &document_kinds[i];
		char path[4096], pdf[128], *text;
		struct template *t;
		struct doc d = {0};
		json_t *missing = NULL;
		ipc_err e = {0};
		assert_int_equal(template_path(k->kind, NULL, SHIPPED, path, &e), 0);
		t = load(path, &document_vocab);
		if (template_fill(t, ctx, &d, &missing, &e))
			fail_msg("%s: %s", k->kind, e.msg);
		assert_null(missing);
		assert_string_equal(d.title, k->zh);
		if (!strcmp(k->kind, "service_receipt")) /* service.on is a date too */
			assert_string_equal(block_find(&d, DOC_FIELD, "送达时间", 0)->text,
					    "二〇二六年十二月五日");
		if (k->audience != DOC_INTERNAL && doc_holds(&d, REPORTER))
			fail_msg("%s: addressed outside the office, shows the reporter", k->kind);
		internal_with_reporter += k->audience == DOC_INTERNAL && doc_holds(&d, REPORTER);
		snprintf(pdf, sizeof pdf, "%s/%s.pdf", dir, k->kind);
		if (pdf_render(&d, pdf, &e))
			fail_msg("%s: %s", k->kind, e.msg);
		text = pdf_flat(pdf);
		if (!strstr(text, k->zh) || !strstr(text, "石家庄某商贸有限公司"))
			fail_msg("%s: the PDF lacks its title or the party", k->kind);
		free(text);
		doc_free(&d);
		template_free(t);
	}
	assert_int_equal(internal_with_reporter, 1); /* the 案件来源登记表 does name the reporter */
	json_decref(ctx);
}

/* Without the party's name, exactly the kinds that require it refuse, naming it alone. */
static void test_fill_without_party(void **state)
{
	static const char refusing[] = " file_approval inspection_record preservation_notice "
		"seizure_decision penalty_notice hearing_notice decision service_receipt close_approval "
		"transfer_letter police_transfer disclosure_summary patent_ruling ";
	json_t *ctx = context_load();

	(void)state;
	json_object_del(json_object_get(ctx, "party"), "name");
	for (size_t i = 0; i < document_nkinds; i++) {
		const struct doc_kind *k = &document_kinds[i];
		char path[4096], word[64];
		struct template *t;
		struct doc d = {0};
		json_t *missing = NULL;
		ipc_err e = {0};
		int rc;
		assert_int_equal(template_path(k->kind, NULL, SHIPPED, path, &e), 0);
		t = load(path, &document_vocab);
		rc = template_fill(t, ctx, &d, &missing, &e);
		snprintf(word, sizeof word, " %s ", k->kind);
		if (!strstr(refusing, word)) {
			if (rc)
				fail_msg("%s: %s", k->kind, e.msg);
			doc_free(&d);
		} else {
			assert_int_equal(rc, -1);
			assert_int_equal(json_array_size(missing), 1);
			assert_string_equal(json_string_value(json_array_get(missing, 0)), "party.name");
			json_decref(missing);
		}
		template_free(t);
	}
	json_decref(ctx);
}

static void test_unknown_placeholder(void **state)
{
	(void)state;
	refused("title T\nseries 立\n# a comment\n\npara 当事人{party.name}，案由{case.nosuch}。\n", 5,
		"unknown placeholder {case.nosuch}");
	refused("title T\nseries 立\nfield 名称 | {party.name}\nrequire party.name party.age\n", 4,
		"unknown name \"party.age\" in require");
	refused("title {doc.nosuch}\nseries 立\n", 1, "unknown placeholder {doc.nosuch}");
	refused("title T\nseries 立\nsign 当事人 | {office.nosuch}\n", 3,
		"unknown placeholder {office.nosuch}");
}

static void test_malformed(void **state)
{
	(void)state;
	refused("title T\nseries 立\nparagraph x\n", 3,
		"unknown keyword \"paragraph\" (title, series, office, number, date, require, heading, "
		"para, field, table, column, sign)");
	refused("title T\nseries 立\nfield 案由 {case.cause}\n", 3,
		"a field line is \"field label | text\"");
	refused("title T\nseries 立\nfield  | {case.cause}\n", 3, "a field line is \"field label | text\"");
	refused("title T\nseries 立\nheading 物品\ncolumn 名称 | {item.name}\n", 4,
		"a column line belongs right after a table line or another column");
	refused("title T\nseries 立\ntable items\nheading 下一节\n", 3, "a table needs its column lines");
	refused("title T\nseries 立\ntable items\n", 3, "a table needs its column lines");
	refused("title T\nseries 立\ntable case.cause\ncolumn a | b\n", 3,
		"\"table case.cause\": no list of that name");
	refused("title T\nseries 立\npara {item.name}\n", 3, "{item.name} belongs in a column of \"table items\"");
	refused("title T\nseries 立\ntable approvals\ncolumn 物品 | {item.name}\n", 4,
		"{item.name} belongs in a column of \"table items\"");
	refused("title T\nseries 立\npara {items}\n", 3,
		"{items} is a list: write its elements in the columns of \"table items\"");
	refused("title T\nseries 立\npara 第{#}项\n", 3, "{#} (the row number) belongs in a table's column");
	refused("title T\nseries 立\npara {party.name\n", 3,
		"a '{' without its placeholder name and '}' (write '{{' for a brace)");
	refused("title T\nseries 立\npara {}\n", 3,
		"a '{' without its placeholder name and '}' (write '{{' for a brace)");
	refused("title T\nseries 立\npara a}b\n", 3, "a lone '}' (write '}}' for a brace)");
	refused("title T\ntitle U\nseries 立\n", 2, "a second \"title\" line");
	refused("title T\nseries {doc.number}\n", 2,
		"the series is a word such as 立 or 强制, without placeholders");
	refused("title T\nseries 立\nheading\n", 3, "\"heading\" needs its text");
	refused("title T\nseries 立\nsign 当事人 || 印章\n", 3,
		"a sign line is \"sign label | label …\" (at most 8 labels)");
	refused("title T\nseries 立\npara \xe4\xb8\n", 3, "a byte that is not UTF-8 text");
	refused("title T\nseries 立\r\npara a\x1b[2Jb\n", 3, "a control character");
}

static void test_whole_file(void **state)
{
	struct template *t = NULL;
	ipc_err e = {0};
	char path[128], want[256];

	(void)state;
	write_tmpl("notitle", "series 立\npara x\n", path);
	assert_int_equal(template_load(path, &vocab, &t, &e), -1);
	snprintf(want, sizeof want, "%s: a template needs a \"title\" line", path);
	assert_string_equal(e.msg, want);

	/* a document without a number has no series */
	write_tmpl("record", "title 询问笔录\npara x\n", path);
	t = load(path, &vocab);
	assert_null(template_series(t));
	template_free(t);
	t = NULL;

	{
		static const char nul[] = "title T\nseries 立\npara a\0b\n";
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		assert_int_equal(fwrite(nul, 1, sizeof nul - 1, f), sizeof nul - 1);
		assert_int_equal(fclose(f), 0);
	}
	assert_int_equal(template_load(path, &vocab, &t, &e), -1);
	snprintf(want, sizeof want, "%s:3: a NUL byte", path);
	assert_string_equal(e.msg, want);

	snprintf(path, sizeof path, "%s/absent.tmpl", dir);
	assert_int_equal(template_load(path, &vocab, &t, &e), -1);
	assert_int_equal(e.kind, IPC_E_IO);
	assert_non_null(strstr(e.msg, path));
}

static const char seizure_ctx[] =
	"{\"office\":{\"name\":\"石家庄市市场监督管理局\"},"
	" \"doc\":{\"number\":\"石市监强制〔2026〕7号\",\"issued_on\":\"2026-12-04\"},"
	" \"party\":{\"name\":\"石家庄某商贸有限公司\",\"id_code\":\"91130100MA0XXXXX0X\","
	"   \"address\":\"石家庄市长安区中山东路1号\",\"legal_rep\":\"张三\"},"
	" \"measure\":{\"kind\":\"扣押\",\"reason\":\"涉嫌销售侵犯注册商标专用权的商品\","
	"   \"basis\":\"《中华人民共和国商标法》第六十二条第一款\",\"days\":30,"
	"   \"start_on\":\"2026-12-04\",\"end_on\":\"2027-01-02\"},"
	" \"review\":{\"body\":\"石家庄市人民政府\",\"court\":\"石家庄市长安区人民法院\"},"
	" \"items\":[{\"name\":\"运动鞋\",\"spec\":\"42码\",\"quantity\":20,\"unit\":\"双\",\"place\":\"本局暂扣物品仓库\"},"
	"            {\"name\":\"T恤\",\"quantity\":\"150\",\"unit\":\"件\",\"place\":\"本局暂扣物品仓库\"}]}";

static void test_fill_seizure(void **state)
{
	struct template *t = load(SHIPPED "/seizure_decision.tmpl", &document_vocab);
	json_t *ctx = ctx_parse(seizure_ctx), *missing = NULL;
	struct doc d = {0};
	ipc_err e = {0};
	const struct doc_block *b;

	(void)state;
	if (template_fill(t, ctx, &d, &missing, &e))
		fail_msg("%s", e.msg);
	assert_null(missing);
	assert_string_equal(d.title, "实施行政强制措施决定书");
	assert_string_equal(d.office, "石家庄市市场监督管理局");
	assert_string_equal(d.number, "石市监强制〔2026〕7号");
	assert_string_equal(d.date, "二〇二六年十二月四日");
	assert_string_equal(block_find(&d, DOC_FIELD, "当事人", 0)->text, "石家庄某商贸有限公司");
	assert_string_equal(block_find(&d, DOC_FIELD, "法定代表人（负责人、经营者）", 0)->text, "张三");
	assert_string_equal(block_find(&d, DOC_PARA, NULL, 1)->text,
			    "扣押的期限为30日，自二〇二六年十二月四日起至二〇二七年一月二日止。"
			    "期限内本局将对有关财物依法作出处理决定；情况复杂的，经本局负责人批准，"
			    "可以延长，但延长期限不超过三十日。");
	b = block_find(&d, DOC_TABLE, NULL, 0);
	assert_int_equal(b->ncols, 6);
	assert_int_equal(b->nrows, 3);
	row_check(b, 0, (const char *const[]){"序号", "物品名称", "规格型号", "数量", "单位", "存放地点"});
	row_check(b, 1, (const char *const[]){"1", "运动鞋", "42码", "20", "双", "本局暂扣物品仓库"});
	row_check(b, 2, (const char *const[]){"2", "T恤", "", "150", "件", "本局暂扣物品仓库"});
	b = block_find(&d, DOC_SIGN, NULL, 0);
	assert_int_equal(b->nrows, 1);
	row_check(b, 0, (const char *const[]){"当事人", "执法人员", "执法人员", "石家庄市市场监督管理局（印章）"});
	doc_free(&d);
	json_decref(ctx);
	template_free(t);
}

/* The approval form before any approval: an empty row to sign by hand, no number yet. */
static void test_fill_approval(void **state)
{
	struct template *t = load(SHIPPED "/file_approval.tmpl", &document_vocab);
	json_t *ctx = ctx_parse(
		"{\"case\":{\"source\":\"投诉举报\",\"clue_on\":\"2026-11-21\",\"cause\":\"涉嫌销售假冒注册商标的商品\","
		" \"facts\":\"经查……\",\"handlers\":\"王建国、李四\"},"
		" \"party\":{\"name\":\"某商贸有限公司\",\"address\":\"石家庄市\"},"
		" \"approvals\":[]}"), *missing = NULL;
	struct doc d = {0};
	ipc_err e = {0};
	const struct doc_block *b;

	(void)state;
	if (template_fill(t, ctx, &d, &missing, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(d.title, "立案审批表");
	assert_null(d.number);
	assert_null(d.date);
	assert_null(d.office);
	assert_string_equal(block_find(&d, DOC_FIELD, "案源登记时间", 0)->text, "二〇二六年十一月二十一日");
	assert_string_equal(block_find(&d, DOC_FIELD, "联系电话", 0)->text, "");
	assert_string_equal(block_find(&d, DOC_HEADING, NULL, 0)->text, "当事人");
	b = block_find(&d, DOC_TABLE, NULL, 0);
	assert_int_equal(b->nrows, 2);
	row_check(b, 0, (const char *const[]){"审批环节", "审批人", "审批意见", "日期"});
	row_check(b, 1, (const char *const[]){NULL, NULL, NULL, NULL});
	doc_free(&d);

	/* with the head's approval of step 4 */
	json_object_set_new(ctx, "approvals", ctx_parse(
		"[{\"step\":\"立案\",\"officer\":\"赵局长\",\"opinion\":\"同意立案\",\"decided_on\":\"2026-11-23\"}]"));
	if (template_fill(t, ctx, &d, &missing, &e))
		fail_msg("%s", e.msg);
	b = block_find(&d, DOC_TABLE, NULL, 0);
	assert_int_equal(b->nrows, 2);
	row_check(b, 1, (const char *const[]){"立案", "赵局长", "同意立案", "二〇二六年十一月二十三日"});
	doc_free(&d);

	/* a date that is not one */
	json_object_set_new(json_object_get(ctx, "case"), "clue_on", json_string("2026-11-31"));
	assert_int_equal(template_fill(t, ctx, &d, &missing, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "case.clue_on");
	assert_null(missing);
	assert_int_equal(d.n, 0);
	json_decref(ctx);
	template_free(t);
}

static void test_missing(void **state)
{
	struct template *t = load(SHIPPED "/seizure_decision.tmpl", &document_vocab);
	json_t *ctx = ctx_parse(seizure_ctx), *missing = NULL, *items;
	struct doc d = {0};
	ipc_err e = {0};
	const char *want[] = {"party.address", "measure.basis", "review.court",
			      "items[2].quantity", "items[2].place"};
	size_t i;
	json_t *n;

	(void)state;
	json_object_del(json_object_get(ctx, "party"), "address");
	json_object_set_new(json_object_get(ctx, "measure"), "basis", json_string(""));
	json_object_set_new(json_object_get(ctx, "review"), "court", json_null());
	items = json_object_get(ctx, "items");
	json_object_del(json_array_get(items, 1), "quantity");
	json_object_del(json_array_get(items, 1), "place");
	assert_int_equal(template_fill(t, ctx, &d, &missing, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, "party.address");
	assert_string_equal(e.msg, "the document lacks: party.address, measure.basis, review.court, "
				   "items[2].quantity, items[2].place");
	assert_int_equal(json_array_size(missing), 5);
	json_array_foreach(missing, i, n)
		assert_string_equal(json_string_value(n), want[i]);
	assert_int_equal(d.n, 0);
	json_decref(missing);

	json_array_clear(items);
	assert_int_equal(template_fill(t, ctx, &d, &missing, &e), -1);
	assert_int_equal(json_array_size(missing), 4);
	assert_string_equal(json_string_value(json_array_get(missing, 3)), "items");
	json_decref(missing);
	json_decref(ctx);
	template_free(t);
}

static void test_braces_and_rows(void **state)
{
	struct template *t;
	json_t *ctx = ctx_parse("{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"},7]}"), *missing;
	struct doc d = {0};
	ipc_err e = {0};
	char path[128];

	(void)state;
	write_tmpl("braces", "\xef\xbb\xbftitle {{T}} {party.name}\r\nseries 处罚\n"
		   "  table items\n  column {{#}} | {#}.{item.name}\n", path);
	t = load(path, &vocab);
	assert_string_equal(template_series(t), "处罚");
	assert_int_equal(template_fill(t, ctx, &d, &missing, &e), 0);
	assert_string_equal(d.title, "{T} ");
	row_check(&d.v[0], 0, (const char *const[]){"{#}"});
	row_check(&d.v[0], 1, (const char *const[]){"1.a"});
	row_check(&d.v[0], 3, (const char *const[]){"3."});
	doc_free(&d);
	json_decref(ctx);
	template_free(t);
}

static void test_path(void **state)
{
	char office[128], path[4096], mine[128];
	ipc_err e = {0};

	(void)state;
	snprintf(office, sizeof office, "%s", dir);
	assert_int_equal(template_path("seizure_decision", office, SHIPPED, path, &e), 0);
	assert_string_equal(path, SHIPPED "/seizure_decision.tmpl");
	assert_int_equal(template_path("seizure_decision", NULL, SHIPPED, path, &e), 0);
	assert_string_equal(path, SHIPPED "/seizure_decision.tmpl");

	write_tmpl("seizure_decision", "title 扣押决定书\nseries 强制\n", mine);
	assert_int_equal(template_path("seizure_decision", office, SHIPPED, path, &e), 0);
	assert_string_equal(path, mine);

	assert_int_equal(template_path("no_such_kind", office, SHIPPED, path, &e), -1);
	assert_int_equal(e.kind, IPC_E_NOTFOUND);
	assert_non_null(strstr(e.msg, office));
	assert_non_null(strstr(e.msg, SHIPPED));
	assert_int_equal(template_path("../seizure_decision", office, SHIPPED, path, &e), -1);
	assert_int_equal(e.kind, IPC_E_USAGE);
	assert_int_equal(template_path("", office, SHIPPED, path, &e), -1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_context_complete),
		cmocka_unit_test(test_fill_every_kind),
		cmocka_unit_test(test_fill_without_party),
		cmocka_unit_test(test_unknown_placeholder),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_whole_file),
		cmocka_unit_test(test_fill_seizure),
		cmocka_unit_test(test_fill_approval),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_braces_and_rows),
		cmocka_unit_test(test_path),
	};
	(void)argc;
	leak_env(argv);
	return cmocka_run_group_tests(tests, setup, teardown);
}
