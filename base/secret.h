/* secret — the normal form in which confidential values and the texts that might carry them
 * are compared: full-width ASCII (０-９, Ａ-Ｚ, ｘ) folded to ASCII, Latin letters upper case,
 * and the separators a number is written with (blanks, dashes, dots, parentheses, slashes,
 * commas, middle dots) and invisible characters dropped. So 130 102 1990 0101 123x,
 * 138-0013-8000, (010) 6512.3456 and １３８００１３８０００ meet their plain digits, and 张 三
 * meets 张三. Pure functions, no I/O. */
#ifndef IPCASE_SECRET_H
#define IPCASE_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* The normal form of s (UTF-8; invalid bytes become U+FFFD), a new string the caller frees;
 * NULL when memory runs out. */
char *secret_normal(const char *s);

/* Does the normal form hold a resident ID number (GB 11643: 17 digits and a check digit or X,
 * a real birth date, the check right) with no digit right before or after it? */
bool secret_has_id_number(const char *normal);

/* Is the normal form digits only (a phone number, an ID number without its X)? */
bool secret_digits(const char *normal);

#endif
