/* cndate — calendar dates as official documents write them: 二〇二六年十二月四日 (GB/T 9704:
 * the year digit by digit with 〇, the month and the day as Chinese numbers). */
#ifndef IPCASE_CNDATE_H
#define IPCASE_CNDATE_H

#include <stdbool.h>

/* Writes the YYYY-MM-DD date iso_date (validate_date: a real day, 1900–2199) into out as
 * 二〇二六年十二月四日; false, with out "", when iso_date is not such a date. */
bool cndate_format(const char *iso_date, char out[64]);

#endif
