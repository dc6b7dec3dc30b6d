/* pdf — owns the page layout of a doc: pango lays the text out, cairo draws it into a PDF.
 *
 * The document is laid out twice with the same fonts and widths: the first pass only counts
 * the pages (nothing is drawn), so that the second can print "第 N 页 共 M 页". Text flows
 * line by line (flow), so a paragraph or a field breaks across pages between its lines; a
 * table breaks between rows and repeats its header row at the top of each page. */
#include "doc/pdf.h"

#include "base/i18n.h"
#include "doc/qr.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <malloc.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W 595.276 /* A4: 210 × 297 mm */
#define PAGE_H 841.890
#define TOP MM(30)
#define BOTTOM (PAGE_H - MM(28))
#define LEFT MM(28)
#define TEXT_W (PAGE_W - LEFT - MM(26))
#define FOOT_Y (PAGE_H - MM(18)) /* the page number's top, in the bottom margin */
#define QR_GAP MM(4)

const struct pdf_rect pdf_qr_rect = { LEFT + TEXT_W - MM(25), TOP, MM(25), MM(25) };

/* The faces and sizes (points): 二号 title, 三号 office, 四号 body, 小四 tables, 五号 foot.
 * Emphasis is the sans face bold (黑体, as official papers set it), never the serif bold: each
 * face a page uses costs cairo two reads of its whole CFF table (16–24 MB for a CJK face), so
 * a third face would add a third of a document's time in a fresh process. */
#define SERIF "Noto Serif CJK SC"
#define SANS "Noto Sans CJK SC"
#define TITLE_PT 22.0
#define OFFICE_PT 16.0
#define BODY_PT 14.0
#define TABLE_PT 12.0
#define FOOT_PT 10.5
#define LINE_SPACING 1.4
#define CELL_PAD 4.0
#define RULE_W 0.6

struct pdf {
	cairo_t *cr;
	PangoContext *pc;
	int draw;  /* 0 in the first pass: lay out and count pages, draw nothing */
	int page;  /* the current page, from 1 */
	int pages; /* the page count found by the first pass */
	double y;  /* where the next line goes on this page */
};

/* A layout of s at pt, wrapped at width points (< 0: one unwrapped paragraph): the serif face,
 * or the sans face bold. */
static PangoLayout *text_layout(struct pdf *p, const char *s, double pt, int bold, double width)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, bold ? SANS : SERIF);
	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width >= 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_line_spacing(l, LINE_SPACING);
	pango_layout_set_text(l, s ? s : "", -1);
	return l;
}

/* The layout's width (!tall) or height, in points. */
static double layout_size(PangoLayout *l, int tall)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)(tall ? h : w) / PANGO_SCALE;
}

/* The page number, centred in the bottom margin. Not translated: the document is Chinese
 * whatever the language of the screen. */
static void footer(struct pdf *p)
{
	char s[64];
	PangoLayout *l;

	snprintf(s, sizeof s, "第 %d 页 共 %d 页", p->page, p->pages);
	l = text_layout(p, s, FOOT_PT, 0, TEXT_W);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	cairo_move_to(p->cr, LEFT, FOOT_Y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	if (p->draw) {
		footer(p);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = TOP;
}

/* Draws l at x from p->y line by line, starting a new page before a line that would cross
 * the bottom margin (a line taller than a page is not cut). */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double origin = p->y; /* where the layout's top is on this page */
	double end = p->y;

	do {
		PangoRectangle logical;
		int y0, y1;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		if (origin + (double)y1 / PANGO_SCALE > BOTTOM && p->y > TOP) {
			new_page(p);
			origin = p->y - (double)y0 / PANGO_SCALE;
		}
		if (p->draw) {
			cairo_move_to(p->cr, x + (double)logical.x / PANGO_SCALE,
				      origin + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		end = origin + (double)y1 / PANGO_SCALE;
		p->y = end;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = end;
}

/* A line or paragraph of text across the text width, aligned, then `after` points of space. */
static void text_block(struct pdf *p, const char *s, double pt, int bold, PangoAlignment align,
		       double after)
{
	PangoLayout *l = text_layout(p, s, pt, bold, TEXT_W);

	pango_layout_set_alignment(l, align);
	flow(p, l, LEFT);
	g_object_unref(l);
	p->y += after;
}

/* The office, the title and the number, left of the QR code's square; the blocks begin
 * below both. */
static void header(struct pdf *p, const struct doc *d)
{
	double inset = pdf_qr_rect.w + QR_GAP;
	double width = TEXT_W - 2 * inset;
	const struct {
		const char *s;
		double pt;
		int bold;
		PangoAlignment align;
	} lines[] = {
		{ d->office, OFFICE_PT, 0, PANGO_ALIGN_CENTER },
		{ d->title, TITLE_PT, 1, PANGO_ALIGN_CENTER },
		{ d->number, BODY_PT, 0, PANGO_ALIGN_RIGHT },
	};

	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		PangoLayout *l;

		if (!lines[i].s)
			continue;
		l = text_layout(p, lines[i].s, lines[i].pt, lines[i].bold, width);
		pango_layout_set_alignment(l, lines[i].align);
		flow(p, l, LEFT + inset);
		g_object_unref(l);
	}
	if (p->y < pdf_qr_rect.y + pdf_qr_rect.h + QR_GAP)
		p->y = pdf_qr_rect.y + pdf_qr_rect.h + QR_GAP;
	p->y += BODY_PT;
}

/* A paragraph: the first line indented by two characters. */
static void paragraph(struct pdf *p, const char *s)
{
	PangoLayout *l = text_layout(p, s, BODY_PT, 0, TEXT_W);

	pango_layout_set_indent(l, (int)(2 * BODY_PT * PANGO_SCALE));
	flow(p, l, LEFT);
	g_object_unref(l);
	p->y += BODY_PT / 2;
}

/* "label：text", the label bold, the text's later lines under its first (a hanging indent as
 * wide as the label). */
static void field(struct pdf *p, const struct doc_block *b)
{
	const char *label = b->label ? b->label : "";
	char *s = g_strdup_printf("%s：%s", label, b->text ? b->text : "");
	PangoLayout *l = text_layout(p, s, BODY_PT, 0, TEXT_W);
	PangoAttrList *attrs = pango_attr_list_new();
	PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	PangoAttribute *sans = pango_attr_family_new(SANS);
	PangoRectangle pos;
	int head = (int)strlen(label) + (int)strlen("：");

	bold->start_index = sans->start_index = 0;
	bold->end_index = sans->end_index = (guint)head;
	pango_attr_list_insert(attrs, bold);
	pango_attr_list_insert(attrs, sans);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_index_to_pos(l, head, &pos);
	pango_layout_set_indent(l, -pos.x);
	flow(p, l, LEFT);
	g_object_unref(l);
	g_free(s);
	p->y += BODY_PT / 4;
}

/* The cell of row r, column c as a layout `width` wide (< 0: unwrapped); row 0 is bold. */
static PangoLayout *cell_layout(struct pdf *p, const struct doc_block *b, size_t r, size_t c,
				double width)
{
	return text_layout(p, b->cells[r * b->ncols + c], TABLE_PT, r == 0, width);
}

/* Column widths by content: each column's widest cell unwrapped; when they all fit they grow
 * in proportion to fill the text width, otherwise the columns narrower than a fair share keep
 * their width and the others share what is left equally (their cells wrap). */
static void column_widths(struct pdf *p, const struct doc_block *b, double *w)
{
	size_t n = b->ncols, wide = n;
	double sum = 0, rest = TEXT_W;
	int changed = 1;

	for (size_t c = 0; c < n; c++) {
		w[c] = 2 * TABLE_PT; /* room for one character at least */
		for (size_t r = 0; r < b->nrows; r++) {
			PangoLayout *l = cell_layout(p, b, r, c, -1);
			double lw = layout_size(l, 0) + 2 * CELL_PAD + 1;
			g_object_unref(l);
			if (lw > w[c])
				w[c] = lw;
		}
		sum += w[c];
	}
	if (sum <= TEXT_W) {
		for (size_t c = 0; c < n; c++)
			w[c] += (TEXT_W - sum) * w[c] / sum;
		return;
	}
	/* wide columns are marked negative until they get their share */
	for (size_t c = 0; c < n; c++)
		w[c] = -w[c];
	while (changed && wide) {
		changed = 0;
		for (size_t c = 0; c < n; c++) {
			if (w[c] < 0 && -w[c] <= rest / (double)wide) {
				w[c] = -w[c];
				rest -= w[c];
				wide--;
				changed = 1;
			}
		}
	}
	for (size_t c = 0; c < n; c++)
		if (w[c] < 0)
			w[c] = rest / (double)wide;
}

/* The height of row r: its tallest cell and the padding. */
static double row_height(struct pdf *p, const struct doc_block *b, size_t r, const double *w)
{
	double h = 0;

	for (size_t c = 0; c < b->ncols; c++) {
		PangoLayout *l = cell_layout(p, b, r, c, w[c] - 2 * CELL_PAD);
		double ch = layout_size(l, 1);
		g_object_unref(l);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD;
}

static void draw_row(struct pdf *p, const struct doc_block *b, size_t r, const double *w,
		     double h)
{
	double x = LEFT;

	for (size_t c = 0; c < b->ncols; c++) {
		PangoLayout *l = cell_layout(p, b, r, c, w[c] - 2 * CELL_PAD);
		cairo_rectangle(p->cr, x, p->y, w[c], h);
		if (r == 0) {
			cairo_set_source_rgb(p->cr, 0.9, 0.9, 0.9);
			cairo_fill_preserve(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
		cairo_set_line_width(p->cr, RULE_W);
		cairo_stroke(p->cr);
		cairo_move_to(p->cr, x + CELL_PAD, p->y + CELL_PAD);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
		x += w[c];
	}
}

/* Row r on this page, or on the next one after the header row again. The header row needs
 * the first body row below it, so that it never stands alone at the foot of a page. */
static void table_row(struct pdf *p, const struct doc_block *b, size_t r, const double *w)
{
	double h = row_height(p, b, r, w);
	double need = h + (r == 0 && b->nrows > 1 ? row_height(p, b, 1, w) : 0);

	if (p->y + need > BOTTOM && p->y > TOP) {
		new_page(p);
		if (r > 0)
			table_row(p, b, 0, w);
	}
	if (p->draw)
		draw_row(p, b, r, w, h);
	p->y += h;
}

static int table(struct pdf *p, const struct doc_block *b, ipc_err *e)
{
	double *w;

	if (!b->nrows || !b->ncols)
		return 0;
	w = calloc(b->ncols, sizeof *w);
	if (!w)
		return err_nomem(e);
	column_widths(p, b, w);
	for (size_t r = 0; r < b->nrows; r++)
		table_row(p, b, r, w);
	free(w);
	p->y += BODY_PT;
	return 0;
}

/* The signature blanks on a line ("签名：________　　日期：________", wrapping when long),
 * then the seal note (b->text, e.g. "（盖章）") at the right. */
static void signature(struct pdf *p, const struct doc_block *b)
{
	GString *s = g_string_new(NULL);

	p->y += BODY_PT;
	for (size_t c = 0; c < b->ncols; c++)
		g_string_append_printf(s, "%s%s：____________", c ? "　　" : "",
				       b->cells && b->cells[c] ? b->cells[c] : "");
	text_block(p, s->str, BODY_PT, 0, PANGO_ALIGN_LEFT, BODY_PT / 2);
	g_string_free(s, TRUE);
	if (b->text)
		text_block(p, b->text, BODY_PT, 0, PANGO_ALIGN_RIGHT, BODY_PT / 2);
}

/* One pass over the document: pages counted (p->draw 0) or drawn. */
static int lay_out(struct pdf *p, const struct doc *d, ipc_err *e)
{
	p->page = 1;
	p->y = TOP;
	header(p, d);
	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->v[i];
		switch (b->kind) {
		case DOC_HEADING:
			p->y += BODY_PT / 2;
			text_block(p, b->text, BODY_PT, 1, PANGO_ALIGN_LEFT, BODY_PT / 4);
			break;
		case DOC_PARA:
			paragraph(p, b->text);
			break;
		case DOC_FIELD:
			field(p, b);
			break;
		case DOC_TABLE:
			if (table(p, b, e) < 0)
				return -1;
			break;
		case DOC_SIGN:
			signature(p, b);
			break;
		}
	}
	if (d->date) {
		p->y += BODY_PT;
		text_block(p, d->date, BODY_PT, 0, PANGO_ALIGN_RIGHT, 0);
	}
	if (p->draw)
		footer(p);
	return 0;
}

/* Is `family` on this machine? fontconfig answers every request with its nearest face, so
 * the family of the face it gave is compared with the one asked for. */
static int font_check(PangoContext *pc, const char *family, ipc_err *e)
{
	PangoFontDescription *fd = pango_font_description_from_string(family);
	PangoFont *font = pango_context_load_font(pc, fd);
	PangoFontDescription *got = font ? pango_font_describe(font) : NULL;
	const char *name = got ? pango_font_description_get_family(got) : NULL;
	int rc = 0;

	if (!name || strcasecmp(name, family) != 0)
		rc = err_set(e, _("the font \"%s\" is not installed (it is in the Debian package "
				  "fonts-noto-cjk: apt-get install fonts-noto-cjk)"),
			     family);
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	pango_font_description_free(fd);
	return rc;
}

struct sink {
	FILE *f;
	int err; /* errno of the first failed write */
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;

	if (s->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, s->f) != len) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *surface, const struct doc *d)
{
	if (d->title)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d->title);
	if (d->office)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d->office);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ipcase");
	/* ASCII only: cairo writes it as a literal (…) string, found by pdf_mark_read */
	if (d->mark)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, d->mark);
}

/* Both passes onto surface's context: the page count, then the pages. */
static int render(cairo_surface_t *surface, const struct doc *d, ipc_err *e)
{
	struct pdf p = { .cr = cairo_create(surface) };
	/* one font map for the process, its fonts loaded by the first document and kept for the
	 * next (a batch); held by this static, so reachable (pango's own default map lives in a
	 * thread's private data, where LeakSanitizer reports its fontconfig patterns) */
	static PangoFontMap *fm;
	cairo_font_options_t *fo = cairo_font_options_create();
	int rc = -1;

	/* unhinted metrics: the widths a PDF viewer uses at every zoom */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	if (!fm) {
		/* cairo copies a face's whole CFF table (16–24 MB) twice a document into new
		 * memory; keeping freed blocks of that size in the heap lets the later copies
		 * reuse pages already mapped (a fresh process: 0.29 → 0.23 s a 决定书) */
		mallopt(M_MMAP_THRESHOLD, 32 << 20);
		mallopt(M_TRIM_THRESHOLD, 128 << 20);
		fm = pango_cairo_font_map_new();
	}
	p.pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(p.cr, p.pc);
	pango_cairo_context_set_font_options(p.pc, fo);
	pango_context_set_language(p.pc, pango_language_from_string("zh-cn"));
	if (font_check(p.pc, SERIF, e) < 0 || font_check(p.pc, SANS, e) < 0)
		goto out;
	set_metadata(surface, d);
	if (lay_out(&p, d, e) < 0)
		goto out;
	p.pages = p.page;
	p.draw = 1;
	if (d->qr && qr_draw(p.cr, d->qr, pdf_qr_rect.x, pdf_qr_rect.y, pdf_qr_rect.w, e) < 0)
		goto out;
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	rc = lay_out(&p, d, e);
out:
	cairo_font_options_destroy(fo);
	g_object_unref(p.pc);
	cairo_destroy(p.cr);
	return rc;
}

#define MARK_PLEN (sizeof PDF_MARK_PREFIX - 1)

/* A byte of a mark: [A-Za-z0-9:._-] (not isalnum: the locale must not widen it). */
static int mark_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ':' || c == '.' || c == '_' || c == '-';
}

static int mark_check(const char *mark, ipc_err *e)
{
	size_t len = 0;

	while (mark_byte((unsigned char)mark[len])) /* the NUL is not one */
		len++;
	if (!mark[len] && len > MARK_PLEN && len < PDF_MARK_MAX &&
	    !strncmp(mark, PDF_MARK_PREFIX, MARK_PLEN))
		return 0;
	return err_kind(e, IPC_E_RULE, "mark",
			_("the document's mark \"%s\" is not %s followed by 1 to %zu of "
			  "A-Z a-z 0-9 : . _ -"),
			mark, PDF_MARK_PREFIX, PDF_MARK_MAX - 1 - MARK_PLEN);
}

/* The mark being matched in a file's bytes: its first len bytes so far, of at most max - 1. */
struct mark_scan {
	char buf[PDF_MARK_MAX];
	size_t len, max;
};

/* Feeds byte c to the scan; 1 when c is the ')' that ends a whole mark (in s->buf). A byte
 * that breaks a match may begin the next one: the prefix's first byte occurs in it once, so
 * nothing else can. */
static int mark_step(struct mark_scan *s, unsigned char c)
{
	int more = s->len < MARK_PLEN ? c == (unsigned char)PDF_MARK_PREFIX[s->len]
				      : mark_byte(c) && s->len + 1 < s->max;

	if (more) {
		s->buf[s->len++] = (char)c;
		return 0;
	}
	if (c == ')' && s->len > MARK_PLEN) {
		s->buf[s->len] = 0;
		return 1;
	}
	s->len = 0;
	if (c == (unsigned char)PDF_MARK_PREFIX[0])
		s->buf[s->len++] = (char)c;
	return 0;
}

int pdf_mark_read(const char *path, char *out, size_t n, ipc_err *e)
{
	struct mark_scan s = { .max = n < PDF_MARK_MAX ? n : PDF_MARK_MAX };
	unsigned char block[1 << 16];
	FILE *f = fopen(path, "rb");
	size_t got;
	int found = 0, rc = 1;

	if (!f)
		return err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
	while (!found && (got = fread(block, 1, sizeof block, f)) > 0)
		for (size_t i = 0; i < got && !found; i++)
			found = mark_step(&s, block[i]);
	if (found) {
		memcpy(out, s.buf, s.len + 1);
		rc = 0;
	} else if (ferror(f)) {
		rc = err_kind(e, IPC_E_IO, NULL, _("cannot read %s: %s"), path, strerror(errno));
	}
	fclose(f);
	return rc;
}

/* The mark pdf_mark_read finds in the file written is d's: a cairo that compressed the
 * metadata would make every issued document unverifiable. */
static int mark_written(const struct doc *d, const char *path, ipc_err *e)
{
	char got[PDF_MARK_MAX];
	int rc = pdf_mark_read(path, got, sizeof got, e);

	if (rc < 0 || (rc == 0 && !strcmp(got, d->mark)))
		return rc;
	return err_kind(e, IPC_E_INTERNAL, NULL,
			_("the mark of %s cannot be read back from the file written"), path);
}

int pdf_render(const struct doc *d, const char *path, ipc_err *e)
{
	struct sink s = { 0 };
	cairo_surface_t *surface;
	cairo_status_t st;
	int rc;

	if (d->mark && mark_check(d->mark, e) < 0)
		return -1;
	s.f = fopen(path, "wb");
	if (!s.f)
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, strerror(errno));
	surface = cairo_pdf_surface_create_for_stream(sink_write, &s, PAGE_W, PAGE_H);
	rc = render(surface, d, e);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (fclose(s.f) != 0 && !s.err)
		s.err = errno;
	if (rc == 0 && (s.err || st != CAIRO_STATUS_SUCCESS))
		rc = err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path,
			      s.err ? strerror(s.err) : cairo_status_to_string(st));
	if (rc == 0 && d->mark)
		rc = mark_written(d, path, e);
	if (rc < 0)
		unlink(path);
	return rc;
}
