/* qr — owns encoding a text as a QR code and drawing its modules (doc/qr.h). */
#include "doc/qr.h"

#include "base/i18n.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#define QUIET 4 /* modules of white around the code (ISO/IEC 18004) */

/* The code of text at level M, or NULL with e filled. */
static QRcode *encode(const char *text, ipc_err *e)
{
	QRcode *q;

	errno = 0;
	q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (q && q->version <= QR_MAX_VERSION)
		return q;
	if (!q && errno == ENOMEM) {
		err_nomem(e);
		return NULL;
	}
	if (q)
		QRcode_free(q);
	err_kind(e, IPC_E_RULE, "qr",
		 _("the QR code's text is %zu bytes: a printable QR code holds 1 to %d"),
		 strlen(text), QR_MAX_BYTES);
	return NULL;
}

int qr_draw(cairo_t *cr, const char *text, double x, double y, double size, ipc_err *e)
{
	QRcode *q = encode(text, e);
	double m;

	if (!q)
		return -1;
	m = size / (q->width + 2 * QUIET);
	cairo_save(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	cairo_set_source_rgb(cr, 0, 0, 0);
	/* one path of every dark module, filled once: no seams between neighbours */
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				cairo_rectangle(cr, x + (c + QUIET) * m, y + (r + QUIET) * m, m, m);
	cairo_fill(cr);
	cairo_restore(cr);
	QRcode_free(q);
	return 0;
}
