/* cndate — dates in Chinese for documents. */
#include "base/cndate.h"

#include <string.h>

#include "base/validate.h"

static const char *const digit[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1–31 as a Chinese number: 四, 十, 十二, 二十, 二十一, 三十一. */
static void number_append(char *out, int n)
{
	if (n >= 20)
		strcat(out, digit[n / 10]);
	if (n >= 10)
		strcat(out, "十");
	if (n % 10)
		strcat(out, digit[n % 10]);
}

bool cndate_format(const char *iso_date, char out[64])
{
	int month, day;

	out[0] = '\0';
	if (!iso_date || !validate_date(iso_date))
		return false;
	for (int i = 0; i < 4; i++)
		strcat(out, digit[iso_date[i] - '0']);
	strcat(out, "年");
	month = (iso_date[5] - '0') * 10 + (iso_date[6] - '0');
	day = (iso_date[8] - '0') * 10 + (iso_date[9] - '0');
	number_append(out, month);
	strcat(out, "月");
	number_append(out, day);
	strcat(out, "日");
	return true;
}
