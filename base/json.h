/* json — reading members of the JSON objects records and requests travel in; writing JSON
 * that a terminal shows as it is. */
#ifndef IPCASE_JSON_H
#define IPCASE_JSON_H

#include <jansson.h>
#include <stdio.h>

/* The string member `key` of o; NULL when o is NULL, or the member is absent or no string. */
const char *jstr(const json_t *o, const char *key);

/* The same for showing or comparing text: "" where jstr gives NULL. */
const char *jtext(const json_t *o, const char *key);

/* json_dumpf for people and their terminals: every character of a string that the sanitiser
 * would not show as itself (tui_char_shown: controls, DEL, bidi controls, invisible format
 * characters, line separators) is written as \uXXXX, a surrogate pair above U+FFFF; Chinese
 * and other printable text stays UTF-8. A JSON reader gets back exactly the strings of j.
 * 0, or -1 when j could not be written. */
int jdumpf(const json_t *j, FILE *out, size_t flags);

#endif
