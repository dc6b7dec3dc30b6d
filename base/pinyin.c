/* pinyin — initials of the characters of 京津冀 office and region names. */
#include "base/pinyin.h"

#include <ctype.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"

/* Each character and, at the same place, its initial (朝阳 cháo, 宝坻 dǐ, 蓟州 jì). */
static const wchar_t HAN[] = L"东丰丽义云京保兴冀北区南县口台和唐场坊坻城大天头宁安定宝家容密局"
			     L"山岛州市平庄庆廊延开张德怀房承新昌景朝柔桥武水沟沧河津海淀清滨理"
			     L"皇监省督石秦管红蓟衡西谷辖辛辰通邢邯郸门阳雄集青静顺";
static const char INITIAL[] = "dflyyjbxjbqnxkthtcfdcdttnadbjrmj"
			      "sdzspzqlykzdhfcxcjcrqwsgchjhdqbl"
			      "hjsdsqghjhxgxxctxhdmyxjqjs";

_Static_assert(sizeof HAN / sizeof HAN[0] == sizeof INITIAL, "a character without its initial");

void pinyin_initials(const char *s, char *out, size_t n)
{
	size_t len = strlen(s), used = 0;

	if (!n)
		return;
	for (size_t i = 0; i < len && used + 1 < n;) {
		wchar_t wc;
		const wchar_t *at;
		size_t k = tui_utf8_decode(s + i, len - i, &wc);
		if (!k)
			break;
		if (wc < 0x80 && isalnum((int)wc))
			out[used++] = (char)tolower((int)wc);
		else if (wc && (at = wcschr(HAN, wc)))
			out[used++] = INITIAL[at - HAN];
		else
			out[used++] = ' ';
		i += k;
	}
	out[used] = '\0';
}
