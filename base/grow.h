/* grow — the one growable-array step every module uses: room for one more element. */
#ifndef IPCASE_GROW_H
#define IPCASE_GROW_H

#include <stddef.h>

/* Returns `array` with room for element n (doubling *cap when full; moved by realloc), or
 * NULL when memory runs out — then `array` is unchanged and still the caller's. */
void *grow(void *array, size_t *cap, size_t n, size_t size);

#endif
