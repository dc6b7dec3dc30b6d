/* Tests of doc/docx: a document with every kind of block is rendered, then read back by
 * independent readers — python-docx (Debian's python3-docx, run by /usr/bin/python3), Python's
 * zipfile and XML parser, unzip -t: the package is a sound zip of well-formed parts, every text
 * comes back exactly (XML's special characters, line ends), the table has all its rows and a
 * repeating header row, the section is A4 with doc/pdf's margins, the footer counts pages; a
 * path that cannot be written fails with a message to act on and leaves nothing. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <cmocka.h>

#include "doc/doc.h"
#include "doc/docx.h"
#include "tests/doctest.h"

#define TABLE_ROWS 20
#define USCC "91130100MA0XXXXX0X"
#define SPECIAL "甲<乙> & \"丙\" 'x' </w:t>]]>&amp;"

static char dir[64], sample_docx[128], report[128];

/* What the readers say about a .docx, one fact a line, for the C side to check: "zip:…",
 * "xml:<part>", "page:W×H", "margins:…", "para:<text>" (line ends as \n), "bold:<text of the
 * bold runs>", "indent:<text>:<left>:<first line>" (twips, for a paragraph indented itself),
 * "table:<i>:<rows>×<cols>:<rows marked tblHeader>", "cell:<i>:<r>:<c>:<text>", "style:…",
 * "footer:…", "core:…". */
static const char reader[] =
	"import sys, zipfile, docx, xml.dom.minidom\n"
	"from docx.oxml.ns import qn\n"
	"path = sys.argv[1]\n"
	"z = zipfile.ZipFile(path)\n"
	"print('zip:%s' % ('ok' if z.testzip() is None else 'bad'))\n"
	"for n in z.namelist():\n"
	"    xml.dom.minidom.parseString(z.read(n))\n"
	"    print('xml:' + n)\n"
	"d = docx.Document(path)\n"
	"tw = lambda l: round(l.emu / 635)\n"
	"s = d.sections[0]\n"
	"print('page:%d×%d' % (tw(s.page_width), tw(s.page_height)))\n"
	"print('margins:%d,%d,%d,%d' % (tw(s.top_margin), tw(s.right_margin),\n"
	"      tw(s.bottom_margin), tw(s.left_margin)))\n"
	"line = lambda t: t.replace('\\n', '\\\\n')\n"
	"for p in d.paragraphs:\n"
	"    print('para:' + line(p.text))\n"
	"    pf = p.paragraph_format\n"
	"    if pf.left_indent is not None:\n"
	"        print('indent:%s:%d:%d' % (line(p.text), tw(pf.left_indent), tw(pf.first_line_indent)))\n"
	"    b = ''.join(r.text for r in p.runs if r.bold)\n"
	"    if b: print('bold:' + b)\n"
	"for i, t in enumerate(d.tables):\n"
	"    heads = sum(1 for r in t.rows if r._tr.trPr is not None\n"
	"                and r._tr.trPr.find(qn('w:tblHeader')) is not None)\n"
	"    print('table:%d:%d×%d:%d' % (i, len(t.rows), len(t.columns), heads))\n"
	"    for r, row in enumerate(t.rows):\n"
	"        for c, cell in enumerate(row.cells):\n"
	"            print('cell:%d:%d:%d:%s' % (i, r, c, line(cell.text)))\n"
	"for name in ('Title', 'Heading1', 'Para'):\n"
	"    st = [x for x in d.styles if x.style_id == name][0]\n"
	"    f = st.font\n"
	"    ind = st.paragraph_format.first_line_indent\n"
	"    print('style:%s:%s:%s:%s:%s' % (name, st.element.rPr.rFonts.get(qn('w:eastAsia'))\n"
	"          if st.element.rPr is not None and st.element.rPr.rFonts is not None else '-',\n"
	"          f.bold, f.size.pt if f.size else '-', tw(ind) if ind else '-'))\n"
	"rf = d.styles.element.find(qn('w:docDefaults')).find('.//' + qn('w:rFonts'))\n"
	"print('style:default:%s' % rf.get(qn('w:eastAsia')))\n"
	"f = s.footer\n"
	"print('footer:' + ''.join(t.text for t in f._element.iter(qn('w:t'))) + ':' + ','.join(\n"
	"      x.get(qn('w:instr')).strip() for x in f._element.iter(qn('w:fldSimple'))))\n"
	"print('core:%s:%s' % (d.core_properties.title, d.core_properties.author))\n";

/* The renderers' 决定书 with a table of TABLE_ROWS rows, then what XML could get wrong:
 * its special characters in a label, a text and cells, line ends, a tab, a control character,
 * an empty cell. */
static void sample_xml(struct doc *d)
{
	static const char *const head[] = { "规格&型号", "说明" };
	static const char *const cells[] = { "A<B>&\"C\"\n第二行", NULL };
	struct doc_block *b;

	sample(d, TABLE_ROWS);
	add(d, DOC_FIELD, "委托人统一社会信用代码", USCC);
	add(d, DOC_FIELD, "备注<1>", SPECIAL);
	add(d, DOC_PARA, NULL, "现场查获：\n运动鞋120双\n手提袋30个");
	add(d, DOC_PARA, NULL, "甲\t乙\x01丙");
	b = doc_add(d, DOC_TABLE, NULL, NULL);
	assert_non_null(b);
	row(b, head, 2);
	row(b, cells, 2);
}

static void path_of(char *path, size_t size, const char *name)
{
	snprintf(path, size, "%s/%s", dir, name);
}

/* The whole of a file, NUL-terminated. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* The reader's report on path (the reader's exit status must be 0). */
static char *read_back(const char *path)
{
	char script[128], cmd[512];
	FILE *f;
	int st;

	path_of(script, sizeof script, "reader.py");
	f = fopen(script, "w");
	assert_non_null(f);
	fputs(reader, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s' '%s' >'%s' 2>&1", script, path, report);
	st = system(cmd);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		char *out = slurp(report);
		fail_msg("the reader failed on %s:\n%s", path, out);
	}
	return slurp(report);
}

/* The report holds the line "want" exactly. */
static void has_line(const char *out, const char *want)
{
	size_t n = strlen(want);

	for (const char *p = out; (p = strstr(p, want)) != NULL; p++)
		if ((p == out || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return;
	fprintf(stderr, "the reader's report:\n%s", out); /* longer than fail_msg's */
	fail_msg("no line \"%s\" in the reader's report", want);
}

static void test_package(void **state)
{
	char *out = read_back(sample_docx), cmd[256];

	(void)state;
	has_line(out, "zip:ok");
	for (const char *part[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml",
				    "word/styles.xml", "word/settings.xml", "word/footer1.xml",
				    "word/_rels/document.xml.rels", "docProps/core.xml", NULL },
			       **p = part; *p; p++) {
		char want[64];
		snprintf(want, sizeof want, "xml:%s", *p);
		has_line(out, want);
	}
	snprintf(cmd, sizeof cmd, "unzip -tq '%s' >/dev/null", sample_docx);
	assert_int_equal(system(cmd), 0);
	free(out);
}

/* Every line of the document in doc/pdf's order, every text exactly as given. */
static void test_texts(void **state)
{
	char *out = read_back(sample_docx);
	const char *order[] = { "para:石家庄市市场监督管理局", "para:实施行政强制措施决定书",
				"para:石市监强制〔2026〕21号", "para:当事人：石家庄某商贸有限公司",
				"para:统一社会信用代码：91110108551385082Q", "para:一、违法事实",
				"para:经查，当事人在南三条市场销售假冒注册商标的运动鞋。", "para:（盖章）",
				"para:委托人统一社会信用代码：" USCC, "para:备注<1>：" SPECIAL,
				"para:现场查获：\\n运动鞋120双\\n手提袋30个", "para:甲\t乙丙",
				"para:二〇二六年十二月四日", NULL };
	const char *at = out;

	(void)state;
	for (const char **w = order; *w; w++) {
		has_line(out, *w);
		at = strstr(at, *w);
		if (!at)
			fail_msg("\"%s\" is out of order:\n%s", *w, out);
	}
	has_line(out, "bold:统一社会信用代码：");
	has_line(out, "bold:备注<1>：");
	/* a field's later lines start under its text: 4 characters of 14 pt, 备注<1>： 4½ */
	has_line(out, "indent:当事人：石家庄某商贸有限公司:1120:-1120");
	has_line(out, "indent:备注<1>：" SPECIAL ":1260:-1260");
	has_line(out, "core:实施行政强制措施决定书:石家庄市市场监督管理局");
	free(out);
}

/* The table: 21 rows of 5 columns, only the first marked as the header that repeats, every
 * cell's text; the signature row's blanks; a two-line cell, an empty one. */
static void test_table(void **state)
{
	char *out = read_back(sample_docx), want[128];

	(void)state;
	has_line(out, "table:0:21×5:1");
	has_line(out, "cell:0:0:4:存放地点");
	for (size_t r = 1; r <= TABLE_ROWS; r++) {
		snprintf(want, sizeof want, "cell:0:%zu:1:运动鞋%03zu号", r, r);
		has_line(out, want);
		snprintf(want, sizeof want, "cell:0:%zu:4:仓库%03zu", r, r);
		has_line(out, want);
	}
	has_line(out, "table:1:1×2:0");
	has_line(out, "cell:1:0:0:当事人签名：____________");
	has_line(out, "cell:1:0:1:日期：____________");
	has_line(out, "table:2:2×2:1");
	has_line(out, "cell:2:0:0:规格&型号");
	has_line(out, "cell:2:1:0:A<B>&\"C\"\\n第二行");
	has_line(out, "cell:2:1:1:");
	free(out);
}

/* A4 with doc/pdf's margins (30, 26, 28, 28 mm), its faces and sizes, the paragraph's
 * two-character indent, "第 X 页 共 Y 页" from PAGE and NUMPAGES. */
static void test_layout(void **state)
{
	char *out = read_back(sample_docx);

	(void)state;
	has_line(out, "page:11906×16838");
	has_line(out, "margins:1701,1474,1587,1587");
	has_line(out, "style:Title:Noto Sans CJK SC:True:22.0:-");
	has_line(out, "style:Heading1:Noto Sans CJK SC:True:-:-");
	has_line(out, "style:Para:-:None:-:560");
	has_line(out, "style:default:Noto Serif CJK SC");
	has_line(out, "footer:第 1 页 共 1 页:PAGE,NUMPAGES");
	free(out);
}

/* The same doc rendered again gives the same bytes (in another time zone too): nothing of
 * the moment of the render is in the file. */
static void test_reproducible(void **state)
{
	struct doc d = {0};
	ipc_err e = {0};
	char again[128], cmd[320];

	(void)state;
	path_of(again, sizeof again, "again.docx");
	sample_xml(&d);
	setenv("TZ", "America/New_York", 1);
	tzset();
	assert_int_equal(docx_render(&d, again, &e), 0);
	unsetenv("TZ");
	tzset();
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", sample_docx, again);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(unlink(again), 0);
	doc_free(&d);
}

/* A second render replaces the file whole and leaves no temporary file beside it. */
static void test_replace(void **state)
{
	struct doc d = {0};
	ipc_err e = {0};
	char *out;
	DIR *dp;
	struct dirent *de;

	(void)state;
	d.title = strdup("第二份");
	add(&d, DOC_PARA, NULL, "替换后的正文");
	assert_int_equal(docx_render(&d, sample_docx, &e), 0);
	out = read_back(sample_docx);
	has_line(out, "para:替换后的正文");
	assert_null(strstr(out, "运动鞋"));
	free(out);
	dp = opendir(dir);
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.' && strcmp(de->d_name, "sample.docx") != 0 &&
		    strcmp(de->d_name, "reader.py") != 0 && strcmp(de->d_name, "report.txt") != 0)
			fail_msg("left beside the document: %s", de->d_name);
	closedir(dp);
	doc_free(&d);
}

/* A folder that does not exist, a folder where the file should be. */
static void test_unwritable(void **state)
{
	struct doc d = {0};
	ipc_err e = {0};

	(void)state;
	sample_xml(&d);
	check_unwritable(docx_render, &d, "/nonexistent-ipcase-dir/out.docx");
	assert_int_equal(docx_render(&d, dir, &e), -1);
	assert_int_equal(e.kind, IPC_E_IO);
	assert_non_null(strstr(e.msg, dir));
	doc_free(&d);
}

static int render_sample(void **state)
{
	struct doc d = {0};
	ipc_err e = {0};
	int rc;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/ipcase-docx-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	path_of(sample_docx, sizeof sample_docx, "sample.docx");
	path_of(report, sizeof report, "report.txt");
	sample_xml(&d);
	rc = docx_render(&d, sample_docx, &e);
	if (rc)
		fprintf(stderr, "docx_render: %s\n", e.msg);
	doc_free(&d);
	return rc;
}

static int rm_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_replace),
	};

	return cmocka_run_group_tests(tests, render_sample, rm_dir);
}
