/* json — reading members of the JSON objects records and requests travel in. */
#ifndef IPCASE_JSON_H
#define IPCASE_JSON_H

#include <jansson.h>

/* The string member `key` of o; NULL when o is NULL, or the member is absent or no string. */
const char *jstr(const json_t *o, const char *key);

/* The same for showing or comparing text: "" where jstr gives NULL. */
const char *jtext(const json_t *o, const char *key);

#endif
