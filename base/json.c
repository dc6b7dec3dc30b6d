/* json — reading members of JSON objects. */
#include "base/json.h"

const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *jtext(const json_t *o, const char *key)
{
	const char *s = jstr(o, key);

	return s ? s : "";
}
