/* orgname — the key two spellings of one organisation's name share, for matching an
 * investigator's declared interests against the parties of a case: full-width letters, digits
 * and brackets folded to ASCII, Latin letters lower-cased, spaces and punctuation dropped.
 * "华为技术有限公司（深圳）" and "华为技术有限公司 (深圳)" have the same key. */
#ifndef IPCASE_ORGNAME_H
#define IPCASE_ORGNAME_H

#include <stddef.h>

/* Writes the key of name into out (always terminated, cut at n - 1 bytes on a character
 * boundary); returns its length. */
size_t orgname_key(const char *name, char *out, size_t n);

#endif
