/* opz — packed text as the store keeps it: an op's set against a frozen dictionary of the
 * schema's field names and values, and the SQL functions that read and write it; a case's
 * search text deflated.
 *
 * Invariants:
 * 1. op_set(packed) gives back the very bytes that were packed: the op_lines view frames its
 *    line with them, and the line's hash and signature are checked over those bytes.
 * 2. A packed set is a BLOB whose first byte names its dictionary; a set kept as it was (not
 *    smaller packed) is TEXT. Dictionaries are never changed, only added. */
#ifndef IPCASE_OPZ_H
#define IPCASE_OPZ_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* The set's bytes packed into out (malloc'd, *outn bytes), or false when packing would not
 * make it smaller or fails: keep the text then. */
bool opz_pack(const char *set, size_t n, unsigned char **out, size_t *outn);

/* The text of a packed set (malloc'd, NUL-terminated, *outn bytes), or NULL when the blob is
 * not one of ours. */
char *opz_unpack(const unsigned char *blob, size_t n, size_t *outn);

/* A text deflated (raw deflate, malloc'd into *out), or false when that fails or would not
 * make it smaller. */
bool opz_deflate(const char *text, size_t n, unsigned char **out, size_t *outn);

/* The text of a deflated blob (malloc'd, NUL-terminated), or NULL when it is not one. */
char *opz_inflate(const unsigned char *blob, size_t n, size_t *outn);

/* Registers op_set(fields) (the text of a set, packed or not; NULL for a blob that does not
 * unpack) and op_pack(text) (the packed BLOB, or the text when packing does not pay) on a
 * connection. */
int opz_register(sqlite3 *sql);

#endif
