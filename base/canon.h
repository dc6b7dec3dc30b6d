/* canon — JSON in the canonical form ops are signed in, and the growable string it is written
 * into. */
#ifndef IPCASE_CANON_H
#define IPCASE_CANON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* A growable string. Out of memory, it stops growing and says so in `failed`, which its owner
 * checks once before using the text (then s is NUL-terminated, or NULL when nothing was added). */
struct jbuf {
	char *s;
	size_t n, cap;
	bool failed;
};

void jbuf_add(struct jbuf *b, const char *s, size_t n);
#define JBUF_LIT(b, lit) jbuf_add((b), lit, sizeof lit - 1)

/* Appends j as json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) writes it, byte
 * for byte: the canonical form of ops and stored values. It fails (`failed`) where jansson
 * fails: a string that is not UTF-8. */
void jcanon_put(struct jbuf *b, const json_t *j);

/* The same for a string s of len bytes. */
void jcanon_str(struct jbuf *b, const char *s, size_t len);

/* jcanon_put into a new string (the caller frees it), or NULL. */
char *jcanon(const json_t *j);

#endif
