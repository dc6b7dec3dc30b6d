/* qr — a QR code of a UTF-8 text (libqrencode: byte mode, error correction level M, the
 * smallest version that holds the text), drawn into a cairo context as black squares.
 * libqrencode is included only here (tests/layers.py). */
#ifndef IPCASE_QR_H
#define IPCASE_QR_H

#include "base/err.h"

#include <cairo.h>

/* The largest version drawn: its 77 modules and the quiet zone in 25 mm are 0.29 mm a module,
 * as small as an office printer and a phone camera handle reliably; it holds QR_MAX_BYTES in
 * byte mode at level M. */
#define QR_MAX_VERSION 15
#define QR_MAX_BYTES 412

/* Draws the QR code of text (its bytes, no character set conversion) in the square of side
 * `size` at x, y (user units, y down), the code centred with a quiet zone of 4 modules inside
 * the square; antialiasing off, so a raster output has crisp module edges. Fails with
 * IPC_E_RULE (field "qr") when the text is empty or longer than QR_MAX_BYTES, naming its
 * length. */
int qr_draw(cairo_t *cr, const char *text, double x, double y, double size, ipc_err *e);

#endif
