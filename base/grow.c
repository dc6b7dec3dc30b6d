/* grow — doubling a growable array; the message of a failed allocation. */
#include "base/grow.h"

#include <stdint.h>
#include <stdlib.h>


void *grow(void *array, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap : 16;
	void *p;

	if (n < *cap)
		return array;
	while (want <= n) {
		if (want > SIZE_MAX / 2)
			return NULL;
		want *= 2;
	}
	if (size && want > SIZE_MAX / size)
		return NULL;
	if (!(p = realloc(array, want * size)))
		return NULL;
	*cap = want;
	return p;
}
