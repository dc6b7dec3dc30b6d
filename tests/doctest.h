/* doctest — what the tests of the renderers (test_pdf, test_docx) share: building a doc that
 * fails the test when memory runs out, the sample document both render, and the check that a
 * renderer refuses a path it cannot write. Header-only, like testutil.h; include after
 * cmocka.h. */
#ifndef IPCASE_DOCTEST_H
#define IPCASE_DOCTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/err.h"
#include "doc/doc.h"

static void add(struct doc *d, enum doc_block_kind kind, const char *label, const char *text)
{
	assert_non_null(doc_add(d, kind, label, text));
}

static void row(struct doc_block *b, const char *const *cells, size_t n)
{
	assert_int_equal(doc_add_row(b, cells, n), 0);
}

/* A 决定书-like document: header, fields, a heading, a paragraph, a table, signatures. */
static void sample(struct doc *d, size_t rows)
{
	static const char *const head[] = { "序号", "物品名称", "规格", "数量", "存放地点" };
	static const char *const sign[] = { "当事人签名", "日期" };
	struct doc_block *b;

	d->office = strdup("石家庄市市场监督管理局");
	d->title = strdup("实施行政强制措施决定书");
	d->number = strdup("石市监强制〔2026〕21号");
	d->date = strdup("二〇二六年十二月四日");
	add(d, DOC_FIELD, "当事人", "石家庄某商贸有限公司");
	add(d, DOC_FIELD, "统一社会信用代码", "91110108551385082Q");
	add(d, DOC_HEADING, NULL, "一、违法事实");
	add(d, DOC_PARA, NULL, "经查，当事人在南三条市场销售假冒注册商标的运动鞋。");
	b = doc_add(d, DOC_TABLE, NULL, NULL);
	assert_non_null(b);
	row(b, head, 5);
	for (size_t r = 1; r <= rows; r++) {
		char n[16], name[32], spec[32], qty[16], place[32];
		const char *const cells[] = { n, name, spec, qty, place };
		snprintf(n, sizeof n, "%zu", r);
		snprintf(name, sizeof name, "运动鞋%03zu号", r);
		snprintf(spec, sizeof spec, "规格%03zu", r);
		snprintf(qty, sizeof qty, "%zu", r * 7);
		snprintf(place, sizeof place, "仓库%03zu", r);
		row(b, cells, 5);
	}
	b = doc_add(d, DOC_SIGN, NULL, "（盖章）");
	assert_non_null(b);
	row(b, sign, 2);
}

/* render(d) into a folder that does not exist fails as a file error naming the path and the
 * reason, and leaves no file. */
static void check_unwritable(int (*render)(const struct doc *, const char *, ipc_err *),
			     const struct doc *d, const char *path)
{
	ipc_err e = {0};
	struct stat st;

	assert_int_equal(render(d, path, &e), -1);
	assert_int_equal(e.kind, IPC_E_IO);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "No such file or directory"));
	assert_int_not_equal(stat(path, &st), 0);
}

#endif
