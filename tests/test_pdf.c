/* Tests of doc/pdf: documents built in code are rendered, then read back by poppler-utils'
 * independent readers (pdftotext, pdffonts, pdfinfo): every text is found where it belongs,
 * a long table spans pages with its header on each, long Chinese text wraps without loss,
 * the fonts are embedded CJK faces, the page is A4, the QR code's square stays empty without
 * a QR text; a path that cannot be written and a machine without the fonts fail with a message
 * to act on. The QR code is read back by zbar-tools' zbarimg from pdftoppm's picture of page 1,
 * and the mark by pdf_mark_read, also from a changed file and not from crafted ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "doc/doc.h"
#include "doc/pdf.h"
#include "doc/qr.h"
#include "tests/doctest.h"
#include "tests/leak_env.h"

#define TABLE_ROWS 200
#define HASH "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define MARK PDF_MARK_PREFIX "v1:" HASH
#define QR_TEXT "石家庄市市场监督管理局\n石市监处罚〔2026〕21号\n" HASH

static char dir[64];
static char short_pdf[128], long_pdf[128]; /* sample() with 3 and TABLE_ROWS rows */
static char qr_pdf[128];                    /* sample() with 3 rows, QR_TEXT and MARK */

/* The whole output of a shell command; its exit status in *status. */
static char *run(int *status, const char *fmt, ...)
{
	char cmd[1024], *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len), *f;
	va_list ap;
	int c;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	assert_non_null(mem);
	assert_non_null(f);
	while ((c = fgetc(f)) != EOF)
		fputc(c, mem);
	*status = pclose(f);
	fclose(mem);
	return buf;
}

/* pdftotext's text of pages first..last (0: all) of path, with -layout. */
static char *pdf_text(const char *path, int first, int last)
{
	int st;
	char *s = first ? run(&st, "pdftotext -layout -f %d -l %d '%s' -", first, last, path)
			: run(&st, "pdftotext -layout '%s' -", path);
	assert_int_equal(st, 0);
	return s;
}

/* s without blanks and line ends: what a reader sees of text that wrapped. */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	assert_non_null(out);
	for (; *s; s++)
		if (!strchr(" \n\r\t\f", *s))
			*o++ = *s;
	*o = 0;
	return out;
}

static int pages_of(const char *path)
{
	int st, n = -1;
	char *info = run(&st, "pdfinfo '%s'", path);
	const char *p = strstr(info, "Pages:");

	assert_int_equal(st, 0);
	assert_non_null(p);
	n = atoi(p + strlen("Pages:"));
	free(info);
	return n;
}

static void path_of(char *path, size_t size, const char *name)
{
	snprintf(path, size, "%s/%s", dir, name);
}

static void render_ok(const struct doc *d, const char *path)
{
	ipc_err e = {0};

	if (pdf_render(d, path, &e) != 0)
		fail_msg("pdf_render: %s", e.msg);
}

static void test_texts(void **state)
{
	char *text, *flat;

	(void)state;
	text = pdf_text(short_pdf, 0, 0);
	flat = squeeze(text);
	for (const char *want[] = { "石家庄市市场监督管理局", "实施行政强制措施决定书",
				    "石市监强制〔2026〕21号", "当事人：石家庄某商贸有限公司",
				    "统一社会信用代码：91110108551385082Q", "一、违法事实",
				    "经查，当事人在南三条市场销售假冒注册商标的运动鞋。",
				    "物品名称", "存放地点", "运动鞋003号", "规格002", "仓库001",
				    "当事人签名：", "日期：", "（盖章）", "二〇二六年十二月四日", NULL },
			       **w = want; *w; w++)
		if (!strstr(flat, *w))
			fail_msg("\"%s\" not in the PDF's text:\n%s", *w, text);
	assert_non_null(strstr(flat, "第1页共1页")); /* pdftotext drops the blanks between CJK */
	assert_int_equal(pages_of(short_pdf), 1);
	free(flat);
	free(text);
}

/* Every cell of a 200-row table is found, on more than one page, the header row and the page
 * number "第 i 页 共 N 页" on each page. */
static void test_long_table(void **state)
{
	const char *path = long_pdf;
	char *all, *flat, want[64];
	int n;

	(void)state;
	n = pages_of(path);
	assert_true(n > 2);
	all = pdf_text(path, 0, 0);
	flat = squeeze(all);
	for (size_t r = 1; r <= TABLE_ROWS; r++) {
		snprintf(want, sizeof want, "运动鞋%03zu号", r);
		assert_non_null(strstr(flat, want));
		snprintf(want, sizeof want, "规格%03zu", r);
		assert_non_null(strstr(flat, want));
		snprintf(want, sizeof want, "仓库%03zu", r);
		assert_non_null(strstr(flat, want));
		snprintf(want, sizeof want, "%zu", r * 7);
		assert_non_null(strstr(flat, want));
	}
	for (int i = 1; i <= n; i++) {
		char *page = pdf_text(path, i, i), *pflat = squeeze(page);
		snprintf(want, sizeof want, "第%d页共%d页", i, n);
		if (!strstr(pflat, want) || !strstr(pflat, "序号物品名称规格数量存放地点"))
			fail_msg("page %d lacks its number or the table's header:\n%s", i, page);
		free(pflat);
		free(page);
	}
	free(flat);
	free(all);
}

/* In pdftotext -layout's text, the field beginning `head` continues on lines that start
 * with blanks (under its text, not under its label) down to the one holding `last`. */
static int under_label(const char *text, const char *head, const char *last)
{
	const char *line = strstr(text, head);
	int continued = 0;

	if (!line || strchrnul(line, '\n') - strstr(line, last) > 0)
		return 0; /* no field, or it did not wrap */
	while ((line = strchr(line, '\n')) != NULL) {
		const char *end = strchrnul(++line, '\n');
		const char *hit = strstr(line, last);

		if (line == end)
			continue; /* the blank line between two of pdftotext's lines */
		if (strspn(line, " ") < 4)
			return 0;
		continued++;
		if (hit && hit < end)
			return continued;
	}
	return 0;
}

/* A long Chinese paragraph and a long field wrap over several lines and lose nothing. */
static void test_wrap(void **state)
{
	struct doc d = {0};
	char path[128], para[4096] = "", *text, *flat, *line;
	int lines = 0;

	(void)state;
	for (int i = 1; i <= 30; i++) {
		size_t len = strlen(para);
		snprintf(para + len, sizeof para - len, "第%d句说明当事人的违法事实，", i);
	}
	d.office = strdup("天津市滨海新区市场监督管理局");
	d.title = strdup("询问笔录");
	add(&d, DOC_PARA, NULL, para);
	add(&d, DOC_FIELD, "被询问人住址", "天津市滨海新区某某街道某某路一百二十三号院五号楼二单元"
		       "六百零一室，另有经营场所位于某某市场东区三排十五号摊位");
	path_of(path, sizeof path, "wrap.pdf");
	render_ok(&d, path);
	text = pdf_text(path, 0, 0);
	flat = squeeze(text);
	if (!strstr(flat, para))
		fail_msg("the paragraph lost text:\n%s", text);
	assert_non_null(strstr(flat, "被询问人住址：天津市滨海新区某某街道"));
	assert_non_null(strstr(flat, "三排十五号摊位"));
	assert_true(under_label(text, "被询问人住址：", "摊位"));
	for (line = text; (line = strstr(line, "句")) != NULL; lines++)
		line = strchr(line, '\n') ? strchr(line, '\n') : line + 1;
	assert_true(lines >= 5); /* 30 sentences of ~14 characters: at least 5 lines */
	assert_null(d.number);
	free(flat);
	free(text);
	doc_free(&d);
}

/* pdffonts: every font embedded, a CJK one among them; pdfinfo: A4. */
static void test_fonts_and_page(void **state)
{
	const char *path = short_pdf;
	char *fonts, *info, *line, *save;
	int st, cjk = 0, nfonts = 0;

	(void)state;
	fonts = run(&st, "pdffonts '%s' | tail -n +3", path);
	assert_int_equal(st, 0);
	for (line = strtok_r(fonts, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* name, type, encoding, emb, sub, uni, object id, generation: emb is 5th from the
		 * end (the name and the type may hold blanks) */
		char *copy = strdup(line), *tok[32], *tsave;
		int n = 0;

		assert_non_null(copy);
		for (char *t = strtok_r(copy, " ", &tsave); t && n < 32; t = strtok_r(NULL, " ", &tsave))
			tok[n++] = t;
		if (n < 6 || strcmp(tok[n - 5], "yes") != 0)
			fail_msg("a font not embedded: %s", line);
		free(copy);
		nfonts++;
		if (strstr(line, "CJK"))
			cjk++;
	}
	assert_true(nfonts >= 2); /* serif and sans */
	assert_true(cjk >= 2);
	free(fonts);
	info = run(&st, "pdfinfo '%s'", path);
	assert_int_equal(st, 0);
	if (!strstr(info, "595.276 x 841.89 pts (A4)") && !strstr(info, "595.28 x 841.89 pts (A4)"))
		fail_msg("not A4:\n%s", info);
	assert_non_null(strstr(info, "Title:           实施行政强制措施决定书"));
	free(info);
}

/* The QR code's square on page 1 holds no text; the same reader finds the title beside it. */
static void test_qr_room(void **state)
{
	const char *path = long_pdf;
	char *inside, *title;
	int st;

	(void)state;
	inside = run(&st, "pdftotext -f 1 -l 1 -x %d -y %d -W %d -H %d '%s' - | tr -d ' \\n\\f'",
		     (int)pdf_qr_rect.x, (int)pdf_qr_rect.y, (int)pdf_qr_rect.w + 1,
		     (int)pdf_qr_rect.h + 1, path);
	assert_int_equal(st, 0);
	assert_string_equal(inside, "");
	title = run(&st, "pdftotext -f 1 -l 1 -x 0 -y %d -W 595 -H %d '%s' -", (int)pdf_qr_rect.y,
		    (int)pdf_qr_rect.h, path);
	assert_non_null(strstr(title, "实施行政强制措施决定书"));
	free(title);
	free(inside);
}

/* zbarimg's text of the QR codes in pdftoppm's 200 dpi picture of page 1 of path, cut to the
 * rectangle r (points) when not NULL; its exit status in *st (4: no code found). -Sbinary:
 * the bytes as they are, not converted from a guessed character set (and no line end added);
 * --nodbus: no complaint about a missing system bus. */
static char *qr_of(const char *path, const struct pdf_rect *r, int *st)
{
	const double px = 200 / 72.0; /* pixels a point */
	char crop[128] = "";

	if (r)
		snprintf(crop, sizeof crop, "-x %d -y %d -W %d -H %d", (int)(r->x * px),
			 (int)(r->y * px), (int)(r->w * px) + 1, (int)(r->h * px) + 1);
	return run(st, "pdftoppm -r 200 -png -f 1 -l 1 -singlefile %s '%s' '%s.p1' && "
		   "zbarimg --raw -q --nodbus -Sbinary '%s.p1.png'", crop, path, path, path);
}

/* The QR code decodes to exactly the text given, and from the square alone (pdf_qr_rect);
 * no text, no code. */
static void test_qr_code(void **state)
{
	char *got;
	int st;

	(void)state;
	got = qr_of(qr_pdf, NULL, &st);
	assert_int_equal(st, 0);
	assert_string_equal(got, QR_TEXT);
	free(got);
	got = qr_of(qr_pdf, &pdf_qr_rect, &st);
	assert_int_equal(st, 0);
	assert_string_equal(got, QR_TEXT);
	free(got);
	got = qr_of(short_pdf, NULL, &st);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 4);
	assert_string_equal(got, "");
	free(got);
}

static void render_fails(const struct doc *d, const char *name, const char *field)
{
	char path[128];
	ipc_err e = {0};
	struct stat sb;

	path_of(path, sizeof path, name);
	assert_int_equal(pdf_render(d, path, &e), -1);
	assert_int_equal(e.kind, IPC_E_RULE);
	assert_string_equal(e.field, field);
	assert_int_not_equal(stat(path, &sb), 0);
}

/* A string of n bytes: `head`, then `fill` repeated. */
static char *filled(const char *head, int fill, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, fill, n);
	memcpy(s, head, strlen(head));
	s[n] = 0;
	return s;
}

/* A QR text no printable code holds and a mark not of the documented form are refused; the
 * longest of each is written, and the longest mark read back. */
static void test_limits(void **state)
{
	struct doc d = {0};
	char path[128], got[PDF_MARK_MAX];
	ipc_err e = {0};

	(void)state;
	sample(&d, 1);
	d.qr = filled("", 'x', QR_MAX_BYTES + 1);
	render_fails(&d, "long-qr.pdf", "qr");
	free(d.qr);
	d.qr = strdup("");
	render_fails(&d, "empty-qr.pdf", "qr");
	free(d.qr);
	for (const char *bad[] = { "ipcase-doc:", "ipcase-doc:v1 x", "other:v1:ab",
				   "ipcase-doc:v1:(x)", "ipcase-doc:v1:中文", NULL },
			       **b = bad; *b; b++) {
		d.mark = strdup(*b);
		render_fails(&d, "bad-mark.pdf", "mark");
		free(d.mark);
	}
	d.mark = filled(PDF_MARK_PREFIX, 'a', PDF_MARK_MAX);
	render_fails(&d, "long-mark.pdf", "mark");
	free(d.mark);
	d.qr = filled("", 'x', QR_MAX_BYTES);
	d.mark = filled(PDF_MARK_PREFIX, 'a', PDF_MARK_MAX - 1);
	path_of(path, sizeof path, "longest.pdf");
	render_ok(&d, path);
	assert_int_equal(pdf_mark_read(path, got, sizeof got, &e), 0);
	assert_string_equal(got, d.mark);
	assert_int_equal(pdf_mark_read(path, got, sizeof got - 1, &e), 1); /* does not fit */
	doc_free(&d);
}

/* A file of the n bytes at p in the test's folder; its path in path. */
static void write_bytes(char *path, size_t size, const char *name, const void *p, size_t n)
{
	FILE *f;

	path_of(path, size, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The whole file at path (tests' small PDFs), its size in *n. */
static char *read_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size > 0);
	rewind(f);
	buf = malloc((size_t)size);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*n = (size_t)size;
	return buf;
}

/* The mark is read back from the file written, and still after one byte in the middle of the
 * file (not in the mark) changed; a PDF without one has none; a missing file is an I/O error. */
static void test_mark(void **state)
{
	char got[PDF_MARK_MAX], path[128];
	ipc_err e = {0};
	size_t n, at;
	char *pdf = read_bytes(qr_pdf, &n);
	const char *mark = memmem(pdf, n, MARK, strlen(MARK));

	(void)state;
	assert_non_null(mark);
	assert_int_equal(pdf_mark_read(qr_pdf, got, sizeof got, &e), 0);
	assert_string_equal(got, MARK);
	at = n / 2;
	if (at + 1 >= (size_t)(mark - pdf) && at <= (size_t)(mark - pdf) + strlen(MARK))
		at = n / 4;
	pdf[at] ^= 0x20;
	write_bytes(path, sizeof path, "changed.pdf", pdf, n);
	memset(got, 0, sizeof got);
	assert_int_equal(pdf_mark_read(path, got, sizeof got, &e), 0);
	assert_string_equal(got, MARK);
	assert_int_equal(pdf_mark_read(short_pdf, got, sizeof got, &e), 1);
	assert_int_equal(pdf_mark_read("/nonexistent-ipcase-dir/x.pdf", got, sizeof got, &e), -1);
	assert_int_equal(e.kind, IPC_E_IO);
	assert_non_null(strstr(e.msg, "/nonexistent-ipcase-dir/x.pdf"));
	free(pdf);
}

/* Crafted files: the prefix followed by 1 MB of mark bytes, or of control bytes, or by
 * nothing gives no mark; a real mark after 64 KB of broken ones, right after a partial
 * prefix and across a read block's edge (64 KiB), is found. */
static void test_mark_hostile(void **state)
{
	enum { MB = 1 << 20, EDGE = 1 << 16 };
	static const char broken[] = PDF_MARK_PREFIX "\x07";
	static const char real[] = "ipcase-" PDF_MARK_PREFIX "v1:abc)"; /* after a partial one */
	char path[128], got[PDF_MARK_MAX];
	char *buf = malloc(MB + 64);
	ipc_err e = {0};

	(void)state;
	assert_non_null(buf);
	memset(buf, 'A', MB + 64);
	memcpy(buf, "(" PDF_MARK_PREFIX, strlen(PDF_MARK_PREFIX) + 1);
	buf[MB + 63] = ')';
	write_bytes(path, sizeof path, "long.bin", buf, MB + 64);
	assert_int_equal(pdf_mark_read(path, got, sizeof got, &e), 1);
	for (size_t i = strlen(PDF_MARK_PREFIX) + 1; i < MB + 63; i++)
		buf[i] = (char)(i % 32);
	write_bytes(path, sizeof path, "control.bin", buf, MB + 64);
	assert_int_equal(pdf_mark_read(path, got, sizeof got, &e), 1);
	write_bytes(path, sizeof path, "empty.bin", "(" PDF_MARK_PREFIX ")", strlen(PDF_MARK_PREFIX) + 2);
	assert_int_equal(pdf_mark_read(path, got, sizeof got, &e), 1);
	for (size_t i = 0; i + sizeof broken <= 4 * EDGE; i += sizeof broken - 1)
		memcpy(buf + i, broken, sizeof broken - 1);
	/* where a broken one begins, so that nothing but real's own partial prefix is before it */
	memcpy(buf + (EDGE - 7) / (sizeof broken - 1) * (sizeof broken - 1), real, strlen(real));
	write_bytes(path, sizeof path, "edge.bin", buf, 4 * EDGE);
	assert_int_equal(pdf_mark_read(path, got, sizeof got, &e), 0);
	assert_string_equal(got, PDF_MARK_PREFIX "v1:abc");
	free(buf);
}

static void test_unwritable(void **state)
{
	struct doc d = {0};

	(void)state;
	sample(&d, 1);
	check_unwritable(pdf_render, &d, "/nonexistent-ipcase-dir/out.pdf");
	doc_free(&d);
}

/* Without the fonts (fontconfig given a configuration that lists none) the render fails,
 * names the Debian package and leaves no file. Run in a child: fontconfig reads its
 * configuration once per process. */
static void test_no_fonts(void **state)
{
	char conf[128], out[128], *msg;
	FILE *f;
	int st;
	struct stat sb;

	(void)state;
	path_of(conf, sizeof conf, "empty-fonts.conf");
	path_of(out, sizeof out, "nofonts.pdf");
	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n", f);
	fclose(f);
	msg = run(&st, "FONTCONFIG_FILE='%s' ASAN_OPTIONS=detect_leaks=0 /proc/%d/exe --render '%s' 2>&1", conf, (int)getpid(),
		  out);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	if (!strstr(msg, "fonts-noto-cjk") || !strstr(msg, "Noto Serif CJK SC"))
		fail_msg("no package named: %s", msg);
	assert_int_not_equal(stat(out, &sb), 0);
	free(msg);
}

/* `test_pdf --render FILE`: one document to FILE, the error on stdout (test_no_fonts). */
static int render_only(const char *path)
{
	struct doc d = {0};
	ipc_err e = {0};
	int rc;

	sample(&d, 1);
	rc = pdf_render(&d, path, &e);
	if (rc)
		printf("%s\n", e.msg);
	doc_free(&d);
	return rc ? 1 : 0;
}

static int render_samples(void **state)
{
	struct doc d = {0};

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/ipcase-pdf-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	path_of(short_pdf, sizeof short_pdf, "short.pdf");
	path_of(long_pdf, sizeof long_pdf, "long.pdf");
	sample(&d, 3);
	render_ok(&d, short_pdf);
	doc_free(&d);
	sample(&d, TABLE_ROWS);
	render_ok(&d, long_pdf);
	doc_free(&d);
	path_of(qr_pdf, sizeof qr_pdf, "qr.pdf");
	sample(&d, 3);
	d.qr = strdup(QR_TEXT);
	d.mark = strdup(MARK);
	render_ok(&d, qr_pdf);
	doc_free(&d);
	return 0;
}

static int rm_dir(void **state)
{
	int st;
	char *out;

	(void)state;
	out = run(&st, "rm -rf '%s'", dir);
	free(out);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_long_table),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_fonts_and_page),
		cmocka_unit_test(test_qr_room),
		cmocka_unit_test(test_qr_code),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_mark_hostile),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_no_fonts),
	};

	if (argc == 3 && !strcmp(argv[1], "--render"))
		return render_only(argv[2]);
	leak_env(argv);
	return cmocka_run_group_tests(tests, render_samples, rm_dir);
}
