/* orgname — normalised organisation names. */
#include "base/orgname.h"

#include <stdint.h>
#include <string.h>

/* One UTF-8 character of s: its code point in *cp and its length; an invalid byte is taken
 * alone, as itself. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
		 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			n = 0;
	if (n <= 1) {
		*cp = s[0];
		return 1;
	}
	*cp = s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++)
		*cp = *cp << 6 | (s[i] & 0x3f);
	return n;
}

/* Characters that differ between two spellings of one name without changing it. */
static int dropped(uint32_t cp)
{
	static const char ascii[] = " \t()[]{}<>.,;:'\"-_/\\&+*#!?";
	static const uint32_t wide[] = {0x3000, 0x3001, 0x3002, 0x00b7, 0x30fb, 0x2014, 0x2013,
					0x2018, 0x2019, 0x201c, 0x201d, 0x3008, 0x3009, 0x300a,
					0x300b, 0x300c, 0x300d, 0x3010, 0x3011, 0x3014, 0x3015};

	if (cp < 0x80)
		return cp && strchr(ascii, (int)cp) != NULL;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (wide[i] == cp)
			return 1;
	return 0;
}

size_t orgname_key(const char *name, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len = 0;

	if (!n)
		return 0;
	while (*p) {
		uint32_t cp;
		size_t k = utf8_next(p, &cp);
		if (cp >= 0xff01 && cp <= 0xff5e) /* full-width ASCII */
			cp -= 0xfee0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (!dropped(cp)) {
			const unsigned char *src = cp < 0x80 ? (const unsigned char[]){(unsigned char)cp} : p;
			size_t m = cp < 0x80 ? 1 : k;
			if (len + m >= n)
				break;
			memcpy(out + len, src, m);
			len += m;
		}
		p += k;
	}
	out[len] = '\0';
	return len;
}
