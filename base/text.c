/* text — the one sanitiser of text shown on screen and its measurement in terminal columns.
 * Curses-free: everything here is pure and testable without a terminal. */
#include "base/text.h"

#include <stdbool.h>
#include <string.h>

/* Combining marks kept after one printable character: enough for real text, not for the
 * towers of marks that smear over neighbouring cells. */
#define MARKS_MAX 2

/* The length of the sequence a lead byte begins: 1 for ASCII, 2 to 4, 0 for a byte that
 * begins none (a continuation byte, 0xc0, 0xc1, 0xf5 and above). */
static size_t utf8_len(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		return 2;
	if ((b & 0xf0) == 0xe0)
		return 3;
	return b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

size_t tui_utf8_decode(const char *s, size_t len, wchar_t *wc)
{
	static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
	static const unsigned char lead_bits[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t n;

	if (!len)
		return 0;
	if (!(n = utf8_len(p[0])) || len < n)
		goto bad;
	c = p[0] & lead_bits[n];
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3fu);
	}
	if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*wc = (wchar_t)c;
	return n;
bad:
	*wc = 0xfffd;
	return 1;
}

size_t tui_utf8_encode(wchar_t wc, char out[4])
{
	unsigned long c = (unsigned long)wc;

	if (wc < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

size_t tui_utf8_prev(const char *s, size_t len)
{
	size_t i = len;
	wchar_t wc;

	if (!len)
		return 0;
	/* step back over at most three continuation bytes, then check that what starts there is
	 * one whole character ending at len; otherwise remove a single (invalid) byte */
	while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i > 0 && len - i < 4)
		i--;
	if (tui_utf8_decode(s + i, len - i, &wc) == len - i)
		return i;
	return len - 1;
}

/* Unicode's format characters (category Cf, Unicode 15): the bidi controls reorder what
 * follows on terminals that implement bidi, so a record could show something other than what
 * it holds; the others are invisible and would hide data between visible letters. */
static bool is_format(wchar_t c)
{
	static const struct { wchar_t lo, hi; } cf[] = {
		{0x00ad, 0x00ad}, {0x0600, 0x0605}, {0x061c, 0x061c}, {0x06dd, 0x06dd},
		{0x070f, 0x070f}, {0x0890, 0x0891}, {0x08e2, 0x08e2}, {0x180e, 0x180e},
		{0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064}, {0x2066, 0x206f},
		{0xfeff, 0xfeff}, {0xfff9, 0xfffb}, {0x110bd, 0x110bd}, {0x110cd, 0x110cd},
		{0x13430, 0x1343f}, {0x1bca0, 0x1bca3}, {0x1d173, 0x1d17a}, {0xe0001, 0xe0001},
		{0xe0020, 0xe007f},
	};

	if (c < cf[0].lo)
		return false;
	for (size_t i = 0; i < sizeof cf / sizeof cf[0]; i++)
		if (c >= cf[i].lo && c <= cf[i].hi)
			return true;
	return false;
}

wchar_t tui_char_shown(wchar_t c)
{
	if (c == L'\t' || c == L'\n' || c == 0x2028 || c == 0x2029)
		return L' ';
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0xfffd || is_format(c))
		return TUI_REPLACEMENT;
	return c;
}

size_t tui_sanitize_utf8(const char *s, size_t len, char *out, bool lines)
{
	size_t k = 0, n;

	for (size_t i = 0; i < len; i += n) {
		wchar_t c, shown;
		if (s[i] >= 0x20 && s[i] < 0x7f) { /* printable ASCII, most of what is printed */
			out[k++] = s[i];
			n = 1;
			continue;
		}
		n = tui_utf8_decode(s + i, len - i, &c);
		shown = lines && (c == L'\n' || c == L'\t') ? c : tui_char_shown(c);
		if (shown == c) {
			memmove(out + k, s + i, n); /* out may be s: k never passes i */
			k += n;
		} else {
			out[k++] = (char)shown;
		}
	}
	return k;
}

/* Bytes at the end of s[0..len) that begin a character they do not finish (0 to 3). */
static size_t utf8_unfinished(const char *s, size_t len)
{
	size_t i = len, need;

	while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (!i)
		return 0;
	need = utf8_len((unsigned char)s[i - 1]);
	return need > len - i + 1 ? len - i + 1 : 0;
}

int tui_utf8_feed(struct tui_utf8_pieces *p, const char *s, size_t len)
{
	char piece[4096];

	while (len) {
		size_t n = p->nheld, take = len < sizeof piece - n ? len : sizeof piece - n;
		memcpy(piece, p->held, n);
		memcpy(piece + n, s, take);
		s += take, len -= take, n += take;
		p->nheld = utf8_unfinished(piece, n);
		memcpy(p->held, piece + n - p->nheld, p->nheld);
		if (n > p->nheld && p->whole(piece, n - p->nheld, p->arg))
			return -1;
	}
	return 0;
}

int tui_utf8_flush(struct tui_utf8_pieces *p)
{
	char piece[sizeof p->held];
	size_t n = p->nheld;

	memcpy(piece, p->held, n);
	p->nheld = 0;
	return n ? p->whole(piece, n, p->arg) : 0;
}

/* Walks a string of data, giving the characters to show. */
struct san {
	const char *p, *end;
	int marks;  /* combining marks after the last printable character; -1: none shown yet */
};

static void san_init(struct san *it, const char *s)
{
	it->p = s ? s : "";
	it->end = it->p + strlen(it->p);
	it->marks = -1;
}

/* What one decoded character becomes: itself, a space, the replacement, or 0 (dropped). */
static wchar_t san_map(struct san *it, wchar_t c, int *w)
{
	c = tui_char_shown(c);
	*w = wcwidth(c);
	if (*w < 0) {
		c = TUI_REPLACEMENT;
		*w = 1;
	}
	if (*w == 0) {
		if (it->marks < 0 || it->marks >= MARKS_MAX)
			return 0;
		it->marks++;
		return c;
	}
	it->marks = 0;
	return c;
}

/* The next character to show and its width in columns; false at the end. */
static bool san_next(struct san *it, wchar_t *wc, int *w)
{
	while (it->p < it->end) {
		wchar_t c;
		it->p += tui_utf8_decode(it->p, (size_t)(it->end - it->p), &c);
		if ((*wc = san_map(it, c, w)))
			return true;
	}
	return false;
}

size_t tui_sanitize(const char *s, wchar_t *out, size_t n)
{
	struct san it;
	size_t k = 0;
	wchar_t wc;
	int w;

	if (!n)
		return 0;
	san_init(&it, s);
	while (k + 1 < n && san_next(&it, &wc, &w))
		out[k++] = wc;
	out[k] = L'\0';
	return k;
}

int tui_text_width(const char *s)
{
	struct san it;
	wchar_t wc;
	int w, cols = 0;

	san_init(&it, s);
	while (san_next(&it, &wc, &w))
		cols += w;
	return cols;
}

int tui_text_fit(const char *s, int cols, wchar_t *out, size_t n)
{
	struct san it;
	size_t k = 0;
	wchar_t wc;
	int w, used = 0, text;

	if (!n)
		return 0;
	if (cols < 0)
		cols = 0;
	san_init(&it, s);
	/* a character goes in only if it fits in the columns left and the buffer keeps room
	 * for it, the padding of the columns after it and the terminator */
	while (san_next(&it, &wc, &w)) {
		if (used + w > cols || k + 1 + (size_t)(cols - used - w) + 1 > n)
			break;
		out[k++] = wc;
		used += w;
	}
	text = used;
	for (; used < cols && k + 1 < n; used++)
		out[k++] = L' ';
	out[k] = L'\0';
	return text;
}

const char *tui_text_tail(const char *s, int cols)
{
	size_t len;

	if (!s)
		return "";
	len = strlen(s);
	while (*s && tui_text_width(s) > cols) {
		wchar_t wc;
		s += tui_utf8_decode(s, len, &wc);
		len = strlen(s);
	}
	return s;
}

/* Is the break before a narrow character c, after a narrow `prev`, inside a word? */
static bool wrap_in_word(wchar_t prev, int prev_w, wchar_t c, int w)
{
	return prev_w == 1 && w == 1 && prev != L' ' && c != L' ';
}

/* Chinese punctuation no line may begin with (GB/T 15834): the character before it goes down
 * with it. */
static bool no_line_start(wchar_t c)
{
	return c && wcschr(L"，。、；：！？）》」』】〕”’", c);
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return *p ? p : NULL;
}

size_t tui_text_wrap(const char *s, int cols, const char **next)
{
	struct san it;
	const char *base, *start, *blank = NULL; /* blank: just after the line's last blank */
	const char *prev_at = NULL;               /* where prev starts */
	wchar_t wc, prev = 0;
	int w, prev_w = 0, used = 0;

	san_init(&it, s);
	base = it.p;
	for (;;) {
		start = it.p;
		if (*start == '\n') {
			*next = start + 1;
			return (size_t)(start - base);
		}
		if (!san_next(&it, &wc, &w)) {
			*next = NULL;
			return (size_t)(it.end - base);
		}
		if (used > 0 && used + w > cols) {
			if (no_line_start(wc) && prev_w == 2 && prev_at > base)
				start = prev_at;
			else if (wrap_in_word(prev, prev_w, wc, w) && blank)
				start = blank;
			*next = skip_blanks(start);
			return (size_t)(start - base);
		}
		used += w;
		if (wc == L' ')
			blank = it.p;
		if (w > 0)
			prev = wc, prev_w = w, prev_at = start;
	}
}

void tui_lines_start(struct tui_lines *it, const char *s, int cols)
{
	it->next = s ? s : "";
	it->cols = cols < 1 ? 1 : cols;
}

bool tui_lines_next(struct tui_lines *it, const char **line, size_t *len)
{
	if (!it->next)
		return false;
	*line = it->next;
	*len = tui_text_wrap(*line, it->cols, &it->next);
	if (it->next && !*it->next) /* the text ended with its newline */
		it->next = NULL;
	return true;
}
