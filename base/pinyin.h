/* pinyin — the initials of the pinyin of the Chinese characters in the names of the offices
 * and regions of 京津冀 (base/validate's list, 市场监督管理局), for pickers filtered by them:
 * 石家庄市市场监督管理局 → sjzsscjdglj. A small table, not a dictionary: other characters
 * have no initial here. Pure functions, no I/O. */
#ifndef IPCASE_PINYIN_H
#define IPCASE_PINYIN_H

#include <stddef.h>

/* The initials of s (UTF-8) into out (n bytes, NUL-terminated): a letter for a character of
 * the table, ASCII letters (lower case) and digits as they are, a blank for anything else. */
void pinyin_initials(const char *s, char *out, size_t n);

#endif
