/* typed — typed text into the stored form of dates, moments, amounts, codes and regions. */
#include "base/typed.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/validate.h"

/* Reads 1..max digits at *p into *v, moving *p past them. */
static bool digits(const char **p, int max, unsigned *v)
{
	int n = 0;

	*v = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (unsigned)(**p - '0');
		(*p)++, n++;
	}
	return n > 0;
}

/* Skips the separator `sep` (any of "-", "/", ".", or the UTF-8 text given) at *p. */
static bool skip(const char **p, const char *sep)
{
	size_t n = strlen(sep);

	if (strncmp(*p, sep, n))
		return false;
	*p += n;
	return true;
}

/* A date at *p, moving *p past it. */
static bool date_at(const char **p, char out[11])
{
	const char *s = *p;
	unsigned y, m, d;

	if (strspn(s, "0123456789") == 8) { /* YYYYMMDD */
		const char *q = s;
		if (!digits(&q, 4, &y) || !digits(&q, 2, &m) || !digits(&q, 2, &d))
			return false;
		s = q;
	} else {
		const char *seps[][2] = {{"-", "-"}, {"/", "/"}, {".", "."}, {"年", "月"}};
		size_t k;
		if (!digits(&s, 4, &y) || s - *p != 4)
			return false;
		for (k = 0; k < sizeof seps / sizeof seps[0]; k++)
			if (!strncmp(s, seps[k][0], strlen(seps[k][0])))
				break;
		if (k == sizeof seps / sizeof seps[0] || !skip(&s, seps[k][0]) || !digits(&s, 2, &m)
		    || !skip(&s, seps[k][1]) || !digits(&s, 2, &d))
			return false;
		if (k == 3)
			skip(&s, "日");
	}
	snprintf(out, 11, "%04u-%02u-%02u", y % 10000, m % 100, d % 100);
	*p = s;
	return true;
}

bool typed_date(const char *in, char out[11])
{
	const char *p = in;

	return date_at(&p, out) && !*p;
}

bool typed_datetime(const char *in, char out[20])
{
	const char *p = in;
	char date[11];
	unsigned h, mi, sec = 100; /* 100: none */

	if (!date_at(&p, date))
		return false;
	if (!skip(&p, "T") && *p != ' ')
		return false;
	while (*p == ' ')
		p++;
	if (!digits(&p, 2, &h) || !(skip(&p, ":") || skip(&p, "：")) || !digits(&p, 2, &mi))
		return false;
	if ((skip(&p, ":") || skip(&p, "：")) && !digits(&p, 2, &sec))
		return false;
	if (*p)
		return false;
	if (sec == 100)
		snprintf(out, 20, "%.10sT%02u:%02u", date, h % 100, mi % 100);
	else
		snprintf(out, 20, "%.10sT%02u:%02u:%02u", date, h % 100, mi % 100, sec % 100);
	return true;
}

/* The amount's characters that mean nothing: separators and spaces, the yuan signs. */
static size_t noise(const char *p)
{
	static const char *const drop[] = {",", "，", " ", "¥", "￥", "元"};

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		if (!strncmp(p, drop[i], strlen(drop[i])))
			return strlen(drop[i]);
	return 0;
}

bool typed_money(const char *in, char *out, size_t n)
{
	char num[64], whole[64], frac[64];
	size_t len = 0, skipn, dot;
	bool wan = false;

	for (const char *p = in; *p; p += skipn ? skipn : 1) {
		if ((skipn = noise(p)))
			continue;
		if (!strncmp(p, "万", strlen("万")) && !wan) {
			wan = true, skipn = strlen("万");
			continue;
		}
		if (wan || len + 1 >= sizeof num || !(isdigit((unsigned char)*p) || *p == '.'))
			return false; /* nothing may follow 万 but 元 */
		num[len++] = *p;
	}
	num[len] = '\0';
	dot = strcspn(num, ".");
	if (!len || strchr(num + dot + (num[dot] != '\0'), '.') || !dot)
		return false;
	snprintf(whole, sizeof whole, "%.*s", (int)dot, num);
	snprintf(frac, sizeof frac, "%s", num[dot] ? num + dot + 1 : "");
	if (wan) { /* the point moves four places right */
		char f4[5] = "0000";
		memcpy(f4, frac, strlen(frac) < 4 ? strlen(frac) : 4);
		if (strlen(whole) + 4 >= sizeof whole)
			return false;
		strcat(whole, f4);
		memmove(frac, frac + (strlen(frac) < 4 ? strlen(frac) : 4), strlen(frac) + 1);
		while (whole[0] == '0' && whole[1])
			memmove(whole, whole + 1, strlen(whole));
		for (size_t k = strlen(frac); k && frac[k - 1] == '0';)
			frac[--k] = '\0';
	}
	return (size_t)snprintf(out, n, "%s%s%s", whole, *frac ? "." : "", frac) < n;
}

bool typed_code(const char *in, char *out, size_t n)
{
	size_t len = 0;

	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (len + 1 >= n)
			return false;
		out[len++] = (char)toupper((unsigned char)*p);
	}
	out[len] = '\0';
	return len > 0;
}

bool typed_region(const char *in, char out[7])
{
	static const char *const suffixes[] = {"", "市", "省", "区", "县", "新区"};
	char code[7], want[96];

	for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
		int found = 0;
		if ((size_t)snprintf(want, sizeof want, "%s%s", in, suffixes[s]) >= sizeof want)
			return false;
		for (size_t i = 0; validate_region_at(i, code); i++)
			if (!strcmp(validate_region_name(code), want) && found++ == 0)
				memcpy(out, code, 7);
		if (found)
			return found == 1;
	}
	return false;
}
