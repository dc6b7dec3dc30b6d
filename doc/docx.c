/* docx — owns the WordprocessingML of a doc: the package's parts, their XML and the zip.
 *
 * Each part is written by its own function into an xmlTextWriter (struct xw keeps the first
 * failure, so the writers read as the XML they make); the parts' bytes go into a libzip
 * archive that zip_close writes beside the path and renames over it. Formatting lives in
 * styles.xml (one style per kind of line), so document.xml holds only text and structure.
 * Word checks the order of child elements against the schema: pPr, rPr, tblPr… children are
 * written in the schema's order. */
#include "doc/docx.h"

#include "base/i18n.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* A4 and the margins of doc/pdf, in twips (1/20 point). */
#define TWIPS_MM(x) ((long)((x) * 1440 / 25.4 + 0.5))
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TOP TWIPS_MM(30)
#define MARGIN_BOTTOM TWIPS_MM(28)
#define MARGIN_LEFT TWIPS_MM(28)
#define MARGIN_RIGHT TWIPS_MM(26)
#define FOOTER_DIST TWIPS_MM(13) /* the page number's foot; doc/pdf puts its top 18 mm up */
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)

/* doc/pdf's faces and sizes, in half points: 二号 title, 三号 office, 四号 body, 小四 tables,
 * 五号 foot; its line spacing 1.4 (in 240ths). */
#define SERIF "Noto Serif CJK SC"
#define SANS "Noto Sans CJK SC"
#define TITLE_HPT 44
#define OFFICE_HPT 32
#define BODY_HPT 28
#define TABLE_HPT 24
#define FOOT_HPT 21
#define BODY_TW (BODY_HPT * 10) /* one body character's width, in twips */
#define LINE_240 336
#define CELL_PAD 80 /* 4 pt */
#define BLANK "____________"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_DOC NS_R "/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* The paragraph styles: one per kind of line of doc/pdf. */
static const struct style {
	const char *id, *name, *jc; /* jc NULL: left */
	int sans_bold, half_pt;     /* half_pt 0: the body's */
	int first_line;             /* the first line's indent, in hundredths of a character */
	int keep_next, before, after; /* space in twips */
	int outline;                /* 1: a heading level 1 of the navigation pane */
} styles[] = {
	{ "Normal", "Normal", NULL, 0, 0, 0, 0, 0, 0, 0 },
	{ "Office", "Office", "center", 0, OFFICE_HPT, 0, 0, 0, 0, 0 },
	{ "Title", "Title", "center", 1, TITLE_HPT, 0, 0, 0, 0, 0 },
	{ "Number", "Number", "right", 0, 0, 0, 0, 0, BODY_TW, 0 },
	{ "Heading1", "heading 1", NULL, 1, 0, 0, 1, BODY_TW / 2, BODY_TW / 4, 1 },
	{ "Para", "Body Text", NULL, 0, 0, 200, 0, 0, BODY_TW / 2, 0 },
	{ "Field", "Field", NULL, 0, 0, 0, 0, 0, BODY_TW / 4, 0 },
	{ "Cell", "Table Cell", NULL, 0, TABLE_HPT, 0, 0, 0, 0, 0 },
	{ "Sign", "Signature", NULL, 0, 0, 0, 0, BODY_TW, BODY_TW / 2, 0 },
	{ "Right", "Right", "right", 0, 0, 0, 0, 0, 0, 0 },
	{ "Date", "Date", "right", 0, 0, 0, 0, BODY_TW, 0, 0 },
	{ "Footer", "footer", "center", 0, FOOT_HPT, 0, 0, 0, 0, 0 },
};

/* An XML writer that remembers whether any call failed. */
struct xw {
	xmlTextWriterPtr w;
	int bad;
};

static void check(struct xw *x, int rc)
{
	if (rc < 0)
		x->bad = 1;
}

static void open_el(struct xw *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void close_el(struct xw *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

static void attr(struct xw *x, const char *name, const char *value)
{
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

static void attr_int(struct xw *x, const char *name, long value)
{
	check(x, xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST name, "%ld", value));
}

/* <name w:val="val"/>, or <name/> when val is NULL. */
static void val(struct xw *x, const char *name, const char *v)
{
	open_el(x, name);
	if (v)
		attr(x, "w:val", v);
	close_el(x);
}

static void val_int(struct xw *x, const char *name, long v)
{
	open_el(x, name);
	attr_int(x, "w:val", v);
	close_el(x);
}

/* <w:t> of s[0..len), blanks kept. */
static void text_span(struct xw *x, const char *s, size_t len)
{
	xmlChar *t = xmlStrndup(BAD_CAST s, (int)len);

	if (!t) {
		x->bad = 1;
		return;
	}
	open_el(x, "w:t");
	attr(x, "xml:space", "preserve");
	check(x, xmlTextWriterWriteString(x->w, t));
	close_el(x);
	xmlFree(t);
}

/* The text of a run: a line end becomes <w:br/>, a tab <w:tab/>; the other control
 * characters, which XML 1.0 cannot hold, are dropped. */
static void run_text(struct xw *x, const char *s)
{
	size_t start = 0;

	for (size_t i = 0;; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20)
			continue;
		if (i > start)
			text_span(x, s + start, i - start);
		if (c == '\n')
			val(x, "w:br", NULL);
		else if (c == '\t')
			val(x, "w:tab", NULL);
		if (!c)
			return;
		start = i + 1;
	}
}

static void run(struct xw *x, const char *s, int bold)
{
	open_el(x, "w:r");
	if (bold) {
		open_el(x, "w:rPr");
		val(x, "w:b", NULL);
		val(x, "w:bCs", NULL);
		close_el(x);
	}
	run_text(x, s ? s : "");
	close_el(x);
}

/* <w:p> in style, its pPr left open for what the caller adds. */
static void para_open(struct xw *x, const char *style)
{
	open_el(x, "w:p");
	open_el(x, "w:pPr");
	val(x, "w:pStyle", style);
}

/* A paragraph of one run. */
static void para(struct xw *x, const char *style, const char *s, int bold)
{
	para_open(x, style);
	close_el(x);
	run(x, s, bold);
	close_el(x);
}

static void fonts(struct xw *x, const char *family)
{
	open_el(x, "w:rFonts");
	attr(x, "w:ascii", family);
	attr(x, "w:hAnsi", family);
	attr(x, "w:eastAsia", family);
	attr(x, "w:cs", family);
	close_el(x);
}

static void size(struct xw *x, int half_pt)
{
	val_int(x, "w:sz", half_pt);
	val_int(x, "w:szCs", half_pt);
}

/* The width of "label：" in hundredths of a body character: a CJK character is one, an
 * ASCII one half (the hanging indent under which a field's later lines start). */
static long label_width(const char *label)
{
	long w = 100; /* the full-width colon */

	for (const unsigned char *p = (const unsigned char *)label; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w += *p < 0x80 ? 50 : 100;
	return w;
}

/* "label：text", the label bold, the later lines under the text's first. */
static void field(struct xw *x, const struct doc_block *b)
{
	const char *label = b->label ? b->label : "";
	long chars = label_width(label);
	char *head = malloc(strlen(label) + sizeof "：");

	if (!head) {
		x->bad = 1;
		return;
	}
	strcpy(head, label);
	strcat(head, "：");
	para_open(x, "Field");
	open_el(x, "w:ind");
	attr_int(x, "w:leftChars", chars);
	attr_int(x, "w:left", chars * BODY_TW / 100);
	attr_int(x, "w:hangingChars", chars);
	attr_int(x, "w:hanging", chars * BODY_TW / 100);
	close_el(x);
	close_el(x);
	run(x, head, 1);
	run(x, b->text, 0);
	close_el(x);
	free(head);
}

static void borders(struct xw *x, const char *kind)
{
	static const char *const sides[] = { "w:top", "w:left", "w:bottom", "w:right",
					     "w:insideH", "w:insideV" };

	open_el(x, "w:tblBorders");
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		open_el(x, sides[i]);
		attr(x, "w:val", kind);
		if (strcmp(kind, "nil") != 0) {
			attr(x, "w:sz", "4"); /* ½ pt, Word's width nearest doc/pdf's 0.6 pt */
			attr(x, "w:space", "0");
			attr(x, "w:color", "000000");
		}
		close_el(x);
	}
	close_el(x);
}

/* <w:tbl> across the text width, its properties and its grid of ncols equal columns (Word
 * and WPS then fit the columns to their content: tblLayout autofit). */
static void table_open(struct xw *x, size_t ncols, const char *border)
{
	open_el(x, "w:tbl");
	open_el(x, "w:tblPr");
	open_el(x, "w:tblW");
	attr_int(x, "w:w", TEXT_W);
	attr(x, "w:type", "dxa");
	close_el(x);
	borders(x, border);
	open_el(x, "w:tblLayout");
	attr(x, "w:type", "autofit");
	close_el(x);
	open_el(x, "w:tblCellMar");
	for (int side = 0; side < 2; side++) {
		open_el(x, side ? "w:right" : "w:left");
		attr_int(x, "w:w", CELL_PAD);
		attr(x, "w:type", "dxa");
		close_el(x);
	}
	close_el(x);
	close_el(x);
	open_el(x, "w:tblGrid");
	for (size_t c = 0; c < ncols; c++) {
		open_el(x, "w:gridCol");
		attr_int(x, "w:w", TEXT_W / (long)ncols);
		close_el(x);
	}
	close_el(x);
}

/* <w:tc> of ncols' equal share, shaded when fill is not NULL, holding one paragraph. */
static void cell(struct xw *x, size_t ncols, const char *fill, const char *style, const char *s,
		 int bold)
{
	open_el(x, "w:tc");
	open_el(x, "w:tcPr");
	open_el(x, "w:tcW");
	attr_int(x, "w:w", TEXT_W / (long)ncols);
	attr(x, "w:type", "dxa");
	close_el(x);
	if (fill) {
		open_el(x, "w:shd");
		attr(x, "w:val", "clear");
		attr(x, "w:color", "auto");
		attr(x, "w:fill", fill);
		close_el(x);
	}
	close_el(x);
	para(x, style, s, bold);
	close_el(x);
}

/* A bordered table; row 0, bold and shaded, repeats at the top of every page (tblHeader); no
 * row splits across pages. An empty paragraph after it: doc/pdf's space below a table. */
static void table(struct xw *x, const struct doc_block *b)
{
	if (!b->nrows || !b->ncols)
		return;
	table_open(x, b->ncols, "single");
	for (size_t r = 0; r < b->nrows; r++) {
		open_el(x, "w:tr");
		open_el(x, "w:trPr");
		val(x, "w:cantSplit", NULL);
		if (r == 0)
			val(x, "w:tblHeader", NULL);
		close_el(x);
		for (size_t c = 0; c < b->ncols; c++)
			cell(x, b->ncols, r == 0 ? "E6E6E6" : NULL, "Cell", b->cells[r * b->ncols + c],
			     r == 0);
		close_el(x);
	}
	close_el(x);
	para(x, "Normal", "", 0);
}

/* The signature blanks "签名：____________" side by side in a borderless table, then the seal
 * note (b->text, e.g. "（盖章）") at the right. */
static void signature(struct xw *x, const struct doc_block *b)
{
	if (b->ncols) {
		table_open(x, b->ncols, "nil");
		open_el(x, "w:tr");
		for (size_t c = 0; c < b->ncols; c++) {
			const char *label = b->cells && b->cells[c] ? b->cells[c] : "";
			char *s = malloc(strlen(label) + sizeof "：" BLANK);
			if (!s) {
				x->bad = 1;
				break;
			}
			strcpy(s, label);
			strcat(s, "：" BLANK);
			cell(x, b->ncols, NULL, "Sign", s, 0);
			free(s);
		}
		close_el(x);
		close_el(x);
	}
	/* always a paragraph: a table next to this one would merge with it */
	para(x, "Right", b->text ? b->text : "", 0);
}

static void section(struct xw *x)
{
	open_el(x, "w:sectPr");
	open_el(x, "w:footerReference");
	attr(x, "w:type", "default");
	attr(x, "r:id", "rIdFooter");
	close_el(x);
	open_el(x, "w:pgSz");
	attr_int(x, "w:w", PAGE_W);
	attr_int(x, "w:h", PAGE_H);
	close_el(x);
	open_el(x, "w:pgMar");
	attr_int(x, "w:top", MARGIN_TOP);
	attr_int(x, "w:right", MARGIN_RIGHT);
	attr_int(x, "w:bottom", MARGIN_BOTTOM);
	attr_int(x, "w:left", MARGIN_LEFT);
	attr_int(x, "w:header", TWIPS_MM(15));
	attr_int(x, "w:footer", FOOTER_DIST);
	attr(x, "w:gutter", "0");
	close_el(x);
	close_el(x);
}

/* The root element of a WordprocessingML part, its namespaces declared. */
static void wml_root(struct xw *x, const char *name)
{
	open_el(x, name);
	attr(x, "xmlns:w", NS_W);
	attr(x, "xmlns:r", NS_R);
}

/* word/document.xml: doc/pdf's order — office, title, number, the blocks, the date. */
static void part_document(struct xw *x, const struct doc *d)
{
	wml_root(x, "w:document");
	open_el(x, "w:body");
	if (d->office)
		para(x, "Office", d->office, 0);
	if (d->title)
		para(x, "Title", d->title, 0);
	if (d->number)
		para(x, "Number", d->number, 0);
	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->v[i];
		switch (b->kind) {
		case DOC_HEADING:
			para(x, "Heading1", b->text, 0);
			break;
		case DOC_PARA:
			para(x, "Para", b->text, 0);
			break;
		case DOC_FIELD:
			field(x, b);
			break;
		case DOC_TABLE:
			table(x, b);
			break;
		case DOC_SIGN:
			signature(x, b);
			break;
		}
	}
	if (d->date)
		para(x, "Date", d->date, 0);
	section(x);
	close_el(x);
	close_el(x);
}

/* A field of the footer (PAGE, NUMPAGES), showing `shown` until the reader updates it. */
static void footer_field(struct xw *x, const char *instr, const char *shown)
{
	open_el(x, "w:fldSimple");
	attr(x, "w:instr", instr);
	run(x, shown, 0);
	close_el(x);
}

/* word/footer1.xml: "第 X 页 共 Y 页", centred. Not translated: the document is Chinese. */
static void part_footer(struct xw *x, const struct doc *d)
{
	(void)d;
	wml_root(x, "w:ftr");
	para_open(x, "Footer");
	close_el(x);
	run(x, "第 ", 0);
	footer_field(x, " PAGE ", "1");
	run(x, " 页 共 ", 0);
	footer_field(x, " NUMPAGES ", "1");
	run(x, " 页", 0);
	close_el(x);
	close_el(x);
}

static void style(struct xw *x, const struct style *s)
{
	open_el(x, "w:style");
	attr(x, "w:type", "paragraph");
	if (s == styles)
		attr(x, "w:default", "1");
	attr(x, "w:styleId", s->id);
	val(x, "w:name", s->name);
	if (s != styles)
		val(x, "w:basedOn", "Normal");
	val(x, "w:qFormat", NULL);
	open_el(x, "w:pPr");
	if (s->keep_next)
		val(x, "w:keepNext", NULL);
	if (s->before || s->after) {
		open_el(x, "w:spacing");
		attr_int(x, "w:before", s->before);
		attr_int(x, "w:after", s->after);
		close_el(x);
	}
	if (s->first_line) {
		open_el(x, "w:ind");
		attr_int(x, "w:firstLineChars", s->first_line);
		attr_int(x, "w:firstLine", (long)s->first_line * BODY_TW / 100);
		close_el(x);
	}
	if (s->jc)
		val(x, "w:jc", s->jc);
	if (s->outline)
		val_int(x, "w:outlineLvl", 0);
	close_el(x);
	open_el(x, "w:rPr");
	if (s->sans_bold) {
		fonts(x, SANS);
		val(x, "w:b", NULL);
		val(x, "w:bCs", NULL);
	}
	if (s->half_pt)
		size(x, s->half_pt);
	close_el(x);
	close_el(x);
}

/* word/styles.xml: the body's face, size, language and line spacing as the defaults, then
 * the styles. */
static void part_styles(struct xw *x, const struct doc *d)
{
	(void)d;
	wml_root(x, "w:styles");
	open_el(x, "w:docDefaults");
	open_el(x, "w:rPrDefault");
	open_el(x, "w:rPr");
	fonts(x, SERIF);
	size(x, BODY_HPT);
	open_el(x, "w:lang");
	attr(x, "w:val", "en-US");
	attr(x, "w:eastAsia", "zh-CN");
	close_el(x);
	close_el(x);
	close_el(x);
	open_el(x, "w:pPrDefault");
	open_el(x, "w:pPr");
	open_el(x, "w:spacing");
	attr(x, "w:after", "0");
	attr_int(x, "w:line", LINE_240);
	attr(x, "w:lineRule", "auto");
	close_el(x);
	close_el(x);
	close_el(x);
	close_el(x);
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
		style(x, &styles[i]);
	close_el(x);
}

/* word/settings.xml: Chinese punctuation compressed as Word does for a Chinese document. */
static void part_settings(struct xw *x, const struct doc *d)
{
	(void)d;
	wml_root(x, "w:settings");
	val_int(x, "w:defaultTabStop", 2 * BODY_TW);
	val(x, "w:characterSpacingControl", "compressPunctuation");
	close_el(x);
}

/* docProps/core.xml: the title, the office as the author. */
static void part_core(struct xw *x, const struct doc *d)
{
	open_el(x, "cp:coreProperties");
	attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	if (d->title) {
		open_el(x, "dc:title");
		check(x, xmlTextWriterWriteString(x->w, BAD_CAST d->title));
		close_el(x);
	}
	if (d->office) {
		open_el(x, "dc:creator");
		check(x, xmlTextWriterWriteString(x->w, BAD_CAST d->office));
		close_el(x);
	}
	close_el(x);
}

static void relation(struct xw *x, const char *id, const char *type, const char *target)
{
	open_el(x, "Relationship");
	attr(x, "Id", id);
	attr(x, "Type", type);
	attr(x, "Target", target);
	close_el(x);
}

static void relations_open(struct xw *x)
{
	open_el(x, "Relationships");
	attr(x, "xmlns", NS_PKG_REL);
}

/* _rels/.rels: the main document and the core properties. */
static void part_rels(struct xw *x, const struct doc *d)
{
	(void)d;
	relations_open(x);
	relation(x, "rIdDocument", REL_DOC "officeDocument", "word/document.xml");
	relation(x, "rIdCore", NS_PKG_REL "/metadata/core-properties", "docProps/core.xml");
	close_el(x);
}

/* word/_rels/document.xml.rels: the parts the document refers to. */
static void part_document_rels(struct xw *x, const struct doc *d)
{
	(void)d;
	relations_open(x);
	relation(x, "rIdStyles", REL_DOC "styles", "styles.xml");
	relation(x, "rIdSettings", REL_DOC "settings", "settings.xml");
	relation(x, "rIdFooter", REL_DOC "footer", "footer1.xml");
	close_el(x);
}

static void override(struct xw *x, const char *part, const char *type)
{
	open_el(x, "Override");
	attr(x, "PartName", part);
	attr(x, "ContentType", type);
	close_el(x);
}

static void part_content_types(struct xw *x, const struct doc *d)
{
	(void)d;
	open_el(x, "Types");
	attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
	open_el(x, "Default");
	attr(x, "Extension", "rels");
	attr(x, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
	close_el(x);
	open_el(x, "Default");
	attr(x, "Extension", "xml");
	attr(x, "ContentType", "application/xml");
	close_el(x);
	override(x, "/word/document.xml", CT_WML "document.main+xml");
	override(x, "/word/styles.xml", CT_WML "styles+xml");
	override(x, "/word/settings.xml", CT_WML "settings+xml");
	override(x, "/word/footer1.xml", CT_WML "footer+xml");
	override(x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
	close_el(x);
}

/* The parts in the package's order ([Content_Types].xml first, as Word writes it). */
static const struct part {
	const char *name;
	void (*write)(struct xw *x, const struct doc *d);
} parts[] = {
	{ "[Content_Types].xml", part_content_types },
	{ "_rels/.rels", part_rels },
	{ "word/document.xml", part_document },
	{ "word/styles.xml", part_styles },
	{ "word/settings.xml", part_settings },
	{ "word/footer1.xml", part_footer },
	{ "word/_rels/document.xml.rels", part_document_rels },
	{ "docProps/core.xml", part_core },
};

/* The part's XML into the archive, dated `when` (the same for every part and render: equal
 * docs give equal bytes). */
static int add_part(zip_t *z, const struct part *p, const struct doc *d, time_t when,
		    ipc_err *e)
{
	xmlBufferPtr buf = xmlBufferCreate();
	struct xw x = { buf ? xmlNewTextWriterMemory(buf, 0) : NULL, 0 };
	zip_source_t *src = NULL;
	void *bytes = NULL;
	size_t len;
	zip_int64_t idx;
	int rc = -1;

	if (!x.w) {
		rc = err_nomem(e);
		goto out;
	}
	check(&x, xmlTextWriterStartDocument(x.w, NULL, "UTF-8", "yes"));
	p->write(&x, d);
	check(&x, xmlTextWriterEndDocument(x.w));
	xmlFreeTextWriter(x.w); /* flushes into buf */
	x.w = NULL;
	len = (size_t)xmlBufferLength(buf);
	if (x.bad || !(bytes = malloc(len))) {
		rc = err_kind(e, IPC_E_INTERNAL, NULL, _("cannot write the XML of %s"), p->name);
		goto out;
	}
	memcpy(bytes, xmlBufferContent(buf), len);
	src = zip_source_buffer(z, bytes, len, 1);
	if (!src) {
		free(bytes);
		goto zip_fail;
	}
	idx = zip_file_add(z, p->name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		goto zip_fail;
	}
	if (zip_file_set_mtime(z, (zip_uint64_t)idx, when, 0) < 0)
		goto zip_fail;
	rc = 0;
	goto out;
zip_fail:
	rc = err_set(e, _("cannot add %s to the document: %s"), p->name, zip_strerror(z));
out:
	if (x.w)
		xmlFreeTextWriter(x.w);
	if (buf)
		xmlBufferFree(buf);
	return rc;
}

int docx_render(const struct doc *d, const char *path, ipc_err *e)
{
	int code;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	zip_error_t ze;
	/* zip stores local time: 1980-01-01 00:00, the first time it can hold, in any zone */
	struct tm dos_epoch = { .tm_year = 80, .tm_mday = 1, .tm_isdst = -1 };
	time_t when = mktime(&dos_epoch);

	if (!z) {
		zip_error_init_with_code(&ze, code);
		err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (add_part(z, &parts[i], d, when, e) < 0) {
			zip_discard(z);
			return -1;
		}
	}
	if (zip_close(z) < 0) {
		err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, zip_strerror(z));
		zip_discard(z);
		return -1;
	}
	return 0;
}
