/* grow — the out-of-memory policy, and the one growable-array step every module uses.
 *
 * Out of memory, everywhere in base/ db/ sync/ cli/ tui/:
 * - Growth goes through grow(), which keeps the old block on failure: no `p = realloc(p, …)`.
 * - An allocation that fails (malloc, calloc, strdup, strndup, json_dumps, a jansson container
 *   or a json_pack result that is used or returned) makes the function fail as it fails for any
 *   other reason — -1 or NULL with err_nomem(e) (base/err.h) — after freeing what it owns. Nothing writes through
 *   or reads from an unchecked pointer.
 * - A jansson value made inline and handed to json_object_set_new or json_array_append_new
 *   needs no check of its own: both take NULL (and a NULL container) and return -1, touching
 *   nothing. Where a silently missing member would be stored or signed (an op's `set`, its
 *   `deps`), the return of the setter is checked; where it only shortens what is shown or
 *   printed, it is not.
 * - A screen that cannot allocate says "out of memory" and stays as it was. */
#ifndef IPCASE_GROW_H
#define IPCASE_GROW_H

#include <stddef.h>

#include "base/err.h"

/* Returns `array` with room for element n (doubling *cap until n fits; moved by realloc), or
 * NULL when memory runs out or the size overflows — then `array` and *cap are unchanged and
 * the array is still the caller's. A byte buffer of len bytes gets room for n more and a NUL
 * with grow(buf, &cap, len + n, 1). */
void *grow(void *array, size_t *cap, size_t n, size_t size);

#endif
