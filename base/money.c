/* money — yuan as decimal strings and whole fen: parsing, formatting, percentages. */
#include "base/money.h"

#include <stdio.h>

#include "base/validate.h"

bool money_fen(const char *yuan, int64_t *fen)
{
	int64_t v = 0;
	int decimals = -1;

	if (!validate_money(yuan))
		return false;
	for (const char *p = yuan; *p; p++) {
		if (*p == '.') {
			decimals = 0;
			continue;
		}
		v = v * 10 + (*p - '0');
		decimals += decimals >= 0;
	}
	for (int scale = decimals < 0 ? 2 : 2 - decimals; scale > 0; scale--)
		v *= 10;
	*fen = v;
	return true;
}

void money_format(int64_t fen, char out[24])
{
	snprintf(out, 24, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

int64_t money_percent(int64_t fen, int percent, int n)
{
	int64_t k = (int64_t)percent * n;

	/* fen = 100q + r: q·k exactly, then the remainder's share rounded down */
	return fen / 100 * k + fen % 100 * k / 100;
}
