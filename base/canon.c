/* canon — JSON in the canonical form ops are signed in, and the growable string it is written
 * into.
 *
 * jansson 2.14's dump.c with JSON_COMPACT | JSON_SORT_KEYS, without what costs it most: a
 * table of the containers above (against cycles, which a value parsed or built by us cannot
 * have), a callback per piece and a copy at the end. Keys sort by their bytes (memcmp, then
 * length: NUL-free keys sort as strcmp does); strings escape \ " and controls as jansson does
 * (\b \f \n \r \t, others \u00XX) and keep the rest, DEL and non-ASCII included, as UTF-8; a
 * real is left to jansson's own dtostr. tests/test_text.c and fuzz/fuzz_op.c hold the two
 * to the same bytes. */
#include "base/canon.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

void jbuf_add(struct jbuf *b, const char *s, size_t n)
{
	char *more;

	if (b->failed || !(more = grow(b->s, &b->cap, b->n + n, 1))) {
		b->failed = true;
		return;
	}
	b->s = more;
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* The length of the UTF-8 sequence at s (of n bytes) as jansson's utf8_iterate accepts it:
 * no overlong form, no surrogate, nothing above U+10FFFF; 0 for none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0xc2 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] < 0xf5 ? 4 : 0;
	uint32_t v;

	if (!len || len > n)
		return 0;
	v = s[0] & (0x7fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3fu);
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) || (len == 3 && v < 0x800)
	    || (len == 4 && v < 0x10000))
		return 0;
	return len;
}

void jcanon_str(struct jbuf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0, i = 0, n;

	jbuf_add(b, "\"", 1);
	while (i < len) {
		char esc[8];
		if (p[i] >= 0x20 && p[i] != '"' && p[i] != '\\' && p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0x80) {
			if (!(n = utf8_len(p + i, len - i))) {
				b->failed = true;
				return;
			}
			i += n;
			continue;
		}
		jbuf_add(b, s + run, i - run);
		switch (p[i]) {
		case '"': case '\\': snprintf(esc, sizeof esc, "\\%c", p[i]); break;
		case '\b': snprintf(esc, sizeof esc, "\\b"); break;
		case '\f': snprintf(esc, sizeof esc, "\\f"); break;
		case '\n': snprintf(esc, sizeof esc, "\\n"); break;
		case '\r': snprintf(esc, sizeof esc, "\\r"); break;
		case '\t': snprintf(esc, sizeof esc, "\\t"); break;
		default: snprintf(esc, sizeof esc, "\\u%04X", p[i]);
		}
		jbuf_add(b, esc, strlen(esc));
		run = ++i;
	}
	jbuf_add(b, s + run, len - run);
	jbuf_add(b, "\"", 1);
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void canon_object(struct jbuf *b, const json_t *j)
{
	size_t n = json_object_size(j), i = 0;
	const char *one[16], **keys = n <= 16 ? one : malloc(n * sizeof *keys);
	const char *k;
	json_t *v;

	if (!keys) {
		b->failed = true;
		return;
	}
	json_object_foreach((json_t *)j, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof *keys, key_cmp);
	jbuf_add(b, "{", 1);
	for (i = 0; i < n; i++) {
		if (i)
			jbuf_add(b, ",", 1);
		jcanon_str(b, keys[i], strlen(keys[i]));
		jbuf_add(b, ":", 1);
		jcanon_put(b, json_object_get(j, keys[i]));
	}
	jbuf_add(b, "}", 1);
	if (keys != one)
		free(keys);
}

void jcanon_put(struct jbuf *b, const json_t *j)
{
	char num[32], *real;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		canon_object(b, j);
		break;
	case JSON_ARRAY:
		jbuf_add(b, "[", 1);
		for (size_t i = 0; i < json_array_size(j); i++) {
			if (i)
				jbuf_add(b, ",", 1);
			jcanon_put(b, json_array_get(j, i));
		}
		jbuf_add(b, "]", 1);
		break;
	case JSON_STRING:
		jcanon_str(b, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		jbuf_add(b, num, strlen(num));
		break;
	case JSON_REAL:
		if (!(real = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT))) {
			b->failed = true;
			break;
		}
		jbuf_add(b, real, strlen(real));
		free(real);
		break;
	case JSON_TRUE:
		jbuf_add(b, "true", 4);
		break;
	case JSON_FALSE:
		jbuf_add(b, "false", 5);
		break;
	case JSON_NULL:
		jbuf_add(b, "null", 4);
		break;
	}
}

char *jcanon(const json_t *j)
{
	struct jbuf b = {0};

	if (j)
		jcanon_put(&b, j);
	if (!j || b.failed || !b.s) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
