/* sha1 — SHA-1 (FIPS 180-4) of a stream of bytes: the names of the files a sync commits and
 * the checksums git puts at the end of a pack and of its index, for the packs sync writes
 * itself (sync/objbatch). Not for security: git names objects by it; ipcase signs with Ed25519
 * and hashes files with SHA-256. */
#ifndef IPCASE_SHA1_H
#define IPCASE_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_LEN 20

struct sha1 {
	uint32_t h[5];
	uint64_t len;          /* bytes taken so far */
	unsigned char buf[64]; /* a block not yet full */
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *data, size_t n);
void sha1_final(struct sha1 *s, unsigned char out[SHA1_LEN]);

#endif
