/* secret — the normal form confidential values are compared in, and the resident ID number
 * pattern. Pure functions, no I/O. */
#include "base/secret.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"
#include "base/validate.h"

/* Separators a number or a name is written with, and characters that show nothing: dropped.
 * (Full-width forms are folded to ASCII first, so "－" and "（" land here as '-' and '('.) */
static bool dropped(wchar_t c)
{
	static const char ascii[] = " \t\n\r\v\f-._/(),";

	if (c < 0x80)
		return c && strchr(ascii, (int)c);
	return c == 0x00a0 || c == 0x00ad || c == 0x00b7       /* no-break space, soft hyphen, · */
	       || (c >= 0x2000 && c <= 0x2015)                 /* spaces, zero widths, dashes */
	       || c == 0x2022 || c == 0x2027                   /* bullet, hyphenation point */
	       || (c >= 0x2028 && c <= 0x202f)                 /* line breaks, bidi, narrow space */
	       || (c >= 0x205f && c <= 0x206f)                 /* word joiner, invisible operators */
	       || c == 0x2212 || c == 0x3000 || c == 0x30fb    /* minus, ideographic space, ・ */
	       || c == 0xfe58 || c == 0xfe63 || c == 0xfeff    /* small dashes, byte order mark */
	       || c == 0xff65;                                 /* half-width ・ */
}

static wchar_t folded(wchar_t c)
{
	if (c >= 0xff01 && c <= 0xff5e) /* full-width ASCII */
		c -= 0xfee0;
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	return c;
}

char *secret_normal(const char *s)
{
	size_t len = strlen(s), n = 0;
	char *out = malloc(len * 3 + 1); /* an invalid byte grows into U+FFFD */

	if (!out)
		return NULL;
	while (len) {
		wchar_t c;
		size_t used = tui_utf8_decode(s, len, &c);
		s += used;
		len -= used;
		c = folded(c);
		if (!dropped(c))
			n += tui_utf8_encode(c, out + n);
	}
	out[n] = '\0';
	return out;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

bool secret_has_id_number(const char *normal)
{
	size_t run = 0; /* digits right before p */

	for (const char *p = normal; *p; p++) {
		char cand[19];
		if (digit(*p)) {
			run++;
			if (run != 18 || digit(p[1]) || p[1] == 'X')
				continue;
		} else if (!(*p == 'X' && run == 17) || digit(p[1])) {
			run = 0;
			continue;
		}
		memcpy(cand, p - 17, 18); /* 17 digits and this one, standing alone */
		cand[18] = '\0';
		if (validate_id_number(cand))
			return true;
		run = 0;
	}
	return false;
}

bool secret_digits(const char *normal)
{
	if (!*normal)
		return false;
	for (; *normal; normal++)
		if (!digit(*normal))
			return false;
	return true;
}
