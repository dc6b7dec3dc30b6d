/* grow — doubling a growable array. */
#include "base/grow.h"

#include <stdlib.h>

void *grow(void *array, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *p;

	if (n < *cap)
		return array;
	if (!(p = realloc(array, want * size)))
		return NULL;
	*cap = want;
	return p;
}
