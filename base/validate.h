/* validate — checks of values that law and national standards define: the Unified Social
 * Credit Code (GB 32100-2015), administrative division codes (GB/T 2260), resident ID numbers
 * (GB 11643), calendar dates, money amounts. Pure functions, no I/O. */
#ifndef IPCASE_VALIDATE_H
#define IPCASE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* True when s is an 18-character USCC whose check character is right. When the length and
 * alphabet are right but the check is wrong, *expected (if not NULL) gets the right check
 * character; otherwise it gets '\0'. */
bool validate_uscc(const char *s, char *expected);

/* The name of a division code of 京津冀 ("海淀区", "石家庄市", "北京市"), or NULL when the code
 * is unknown. County-level codes under a known Hebei prefecture (e.g. 130102) are accepted
 * with a name derived from the prefecture ("石家庄市辖区县"). */
const char *validate_region_name(const char *code);

/* The i-th division code FACTS §6 names (its listed codes, then the Hebei prefectures), for
 * walking the list: false past the end. */
bool validate_region_at(size_t i, char out[7]);

/* What the case numbers of an office of this division open with (FACTS §7): 京顺 (顺义区), 津北辰
 * (北辰区), 保 (保定市, and a county below it), 冀 (河北省); NULL when the code is unknown. */
const char *validate_region_abbrev(const char *code);

/* The region letter of a known division code: "京", "津" or "冀"; NULL when unknown. */
const char *validate_region_province(const char *code);

/* YYYY-MM-DD naming a real day (leap years counted), years 1900–2199. */
bool validate_date(const char *s);

/* YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (a space may replace the T), a real moment. */
bool validate_datetime(const char *s);

/* A non-negative amount of yuan: digits, optionally '.' and one or two digits. */
bool validate_money(const char *s);

/* An 18-character resident ID number (GB 11643): 17 digits and a check digit or X, with a
 * valid birth date and the ISO 7064 MOD 11-2 check. */
bool validate_id_number(const char *s);

#endif
