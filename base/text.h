/* text — the one sanitiser of text shown on screen or printed, and its measurement in terminal
 * columns (wcwidth): UTF-8 from data → printable wide characters, cut and padded to a cell
 * width (the screen), or → UTF-8 without controls (what the command line prints). */
#ifndef IPCASE_TEXT_H
#define IPCASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* What stands for a byte or character that must not reach the terminal: a control
 * character, an escape, a C1 control, a bidi override, invalid UTF-8. '?' rather than
 * U+FFFD because U+FFFD is ambiguous-width (two columns in some Chinese terminals), which
 * would shift every column after it. */
#define TUI_REPLACEMENT L'?'

/* Longest cell the drawing functions handle, in columns. */
#define TUI_COLS_MAX 1024

/* A wide-character buffer for one cell of up to `cols` columns: each column may carry a base
 * character and two combining marks, plus the terminator. */
#define TUI_WBUF(cols) ((size_t)(cols) * 3 + 1)

/* Decodes one UTF-8 character from s (at most len bytes, len > 0) into *wc and returns the
 * bytes it used. Invalid, overlong, surrogate or truncated sequences use one byte and give
 * U+FFFD. Returns 0 only when len is 0. */
size_t tui_utf8_decode(const char *s, size_t len, wchar_t *wc);

/* Encodes a code point as UTF-8 into out (4 bytes at most, not terminated); returns the
 * length, 0 for a value that is not a Unicode scalar value. */
size_t tui_utf8_encode(wchar_t wc, char out[4]);

/* Offset of the first byte of the last character of s[0..len) (len when len is 0): what a
 * backspace removes, a whole Chinese character rather than one byte of it. */
size_t tui_utf8_prev(const char *s, size_t len);

/* What a character from data shows as: itself, or a space for tab, newline and the line
 * separators, or TUI_REPLACEMENT for a C0 or C1 control, DEL (so every escape sequence loses
 * its ESC or CSI), U+FFFD (what invalid UTF-8 decodes to) and a format character — Unicode's
 * Cf: the bidi controls, which reorder what follows, and the invisible ones (zero-width space
 * and joiners, word joiner, byte-order mark, tags), which hide data between visible letters.
 * The one classification: the sanitisers below and the JSON writer (base/json) use it. */
wchar_t tui_char_shown(wchar_t c);

/* The sanitiser. Writes the printable characters of the UTF-8 string s into out (at most
 * n - 1 of them, then L'\0'), each as tui_char_shown shows it; invalid UTF-8 and characters
 * the locale cannot print become TUI_REPLACEMENT; other zero-width characters stay only as at
 * most two combining marks after a printable one. s may be NULL. Returns the number of wide
 * characters written. Needs a UTF-8 LC_CTYPE. */
size_t tui_sanitize(const char *s, wchar_t *out, size_t n);

/* The sanitiser for bytes: the UTF-8 text s[0..len) as tui_char_shown shows it, UTF-8 into
 * out, invalid UTF-8 a TUI_REPLACEMENT a byte; with `lines`, newline and tab stay as they are.
 * Nothing is measured: marks stay, and characters the locale cannot print pass. Nothing grows,
 * so out needs len bytes and may be s itself. Returns the bytes written (not terminated). */
size_t tui_sanitize_utf8(const char *s, size_t len, char *out, bool lines);

/* Text that comes in pieces cut anywhere (a stream's buffer, a JSON writer's chunks), handed
 * on in whole characters: a character cut at the end of a piece waits for the next one. */
struct tui_utf8_pieces {
	/* gets whole characters in the feeder's own buffer, which it may rewrite; 0 or -1 */
	int (*whole)(char *s, size_t len, void *arg);
	void *arg;
	char held[3]; /* the start of a character cut at the end of the last piece */
	size_t nheld;
};

/* Hands s[0..len) on; 0, or -1 when `whole` failed. */
int tui_utf8_feed(struct tui_utf8_pieces *p, const char *s, size_t len);

/* Hands on a character left unfinished (invalid UTF-8 now); 0, or -1 when `whole` failed. */
int tui_utf8_flush(struct tui_utf8_pieces *p);

/* Columns the sanitised s takes on the terminal. */
int tui_text_width(const char *s);

/* Fills out with the sanitised s cut to at most `cols` columns, never cutting a double-width
 * character (a column it would straddle becomes a space), then padded with spaces to exactly
 * `cols` columns. out must hold TUI_WBUF(cols) characters (n); with less, the text is cut
 * earlier and still padded. Returns the columns of text before the padding. */
int tui_text_fit(const char *s, int cols, wchar_t *out, size_t n);

/* The longest suffix of s that fits in `cols` columns (a pointer into s): what a one-line
 * prompt shows when the typed text is wider than its line. */
const char *tui_text_tail(const char *s, int cols);

/* Wraps s into lines of at most `cols` columns: returns the bytes of s the first line takes
 * and sets *next to where the next line starts, NULL when s ends with this line. A line ends at
 * a newline, or before the character that would pass `cols` — after the line's last blank
 * instead when that would cut a word of narrow characters (Chinese breaks between any two
 * characters), never inside a character. A line holds at least one character, so a column
 * too narrow for one still moves on. Blanks at a break are skipped. */
size_t tui_text_wrap(const char *s, int cols, const char **next);

/* The lines of a text wrapped by tui_text_wrap, one by one: what every wrapped text on screen
 * is made of. */
struct tui_lines {
	const char *next; /* where the next line starts, NULL after the last */
	int cols;
};

/* Starts on s (NULL is ""), wrapped at `cols` columns (at least 1). */
void tui_lines_start(struct tui_lines *it, const char *s, int cols);

/* Sets *line and *len to the next line (not terminated); false after the last. An empty text is
 * one empty line; a newline that ends the text starts no line of its own. */
bool tui_lines_next(struct tui_lines *it, const char **line, size_t *len);

#endif
