/* json — reading members of JSON objects; JSON written with invisible characters escaped. */
#include "base/json.h"

#include "base/text.h"

const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *jtext(const json_t *o, const char *key)
{
	const char *s = jstr(o, key);

	return s ? s : "";
}

static void escape(FILE *out, unsigned long c)
{
	if (c > 0xffff) {
		c -= 0x10000;
		fprintf(out, "\\u%04lX\\u%04lX", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
	} else {
		fprintf(out, "\\u%04lX", c);
	}
}

/* Whole characters of jansson's text: those it left raw inside strings that must not reach a
 * terminal are escaped. Raw newlines and tabs are the indentation (jansson escapes those in
 * strings); nothing else tui_char_shown changes occurs outside strings. */
static int escape_piece(char *s, size_t len, void *arg)
{
	FILE *out = arg;
	size_t i = 0, run = 0, n;

	for (; i < len; i += n) {
		wchar_t c;
		n = 1;
		if (s[i] >= 0x20 && s[i] < 0x7f) /* printable ASCII: the bulk, kept */
			continue;
		n = tui_utf8_decode(s + i, len - i, &c);
		if (c == L'\n' || c == L'\t' || tui_char_shown(c) == c)
			continue;
		fwrite(s + run, 1, i - run, out);
		escape(out, (unsigned long)c);
		run = i + n;
	}
	if (len > run)
		fwrite(s + run, 1, len - run, out);
	return 0; /* a write error is out's, read once at the end */
}

static int feed(const char *buf, size_t size, void *data)
{
	return tui_utf8_feed(data, buf, size);
}

int jdumpf(const json_t *j, FILE *out, size_t flags)
{
	struct tui_utf8_pieces p = {.whole = escape_piece, .arg = out};

	return json_dump_callback(j, feed, &p, flags) || tui_utf8_flush(&p) || ferror(out) ? -1 : 0;
}
