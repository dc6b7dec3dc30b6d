/* typed — what a person types for a value, in the one form ipcase stores: dates written
 * 2026/12/3, 2026.12.3, 20261203 or 2026年12月3日; times 9:30; amounts 50,000, ¥5万元;
 * codes in lower case or with spaces; a region by its name (石家庄). Pure functions, no I/O:
 * a form, a command's option and `set` read through them (db/schema), and what they cannot
 * read is left as typed, for the check to say what is expected. */
#ifndef IPCASE_TYPED_H
#define IPCASE_TYPED_H

#include <stdbool.h>
#include <stddef.h>

/* A date as YYYY-MM-DD: from Y-M-D, Y/M/D, Y.M.D (one- or two-digit month and day),
 * YYYYMMDD or Y年M月D日. Whether the day exists is validate_date's to say. */
bool typed_date(const char *in, char out[11]);

/* A moment as YYYY-MM-DDTHH:MM[:SS]: a date as typed_date reads it, then a T or spaces, then
 * H:MM or H:MM:SS (a full-width colon too). */
bool typed_datetime(const char *in, char out[20]);

/* An amount of yuan as digits with an optional fraction: thousands separators (, ，) and
 * spaces dropped, a leading ¥ or ￥ and a trailing 元 dropped, 万 multiplying by 10 000
 * exactly (1.25万 → 12500). False when what is left is not a decimal number or does not fit. */
bool typed_money(const char *in, char *out, size_t n);

/* A code (USCC, ID number) with spaces and dashes dropped and letters in capitals. */
bool typed_code(const char *in, char *out, size_t n);

/* The division code of a region of 京津冀 by its name, with or without 市, 省, 区 or 县
 * (石家庄 → 130100, 海淀 → 110108); false when no name or more than one matches. */
bool typed_region(const char *in, char out[7]);

#endif
