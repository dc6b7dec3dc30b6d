/* seal — data only a set of officers can read. The data is encrypted once with
 * XChaCha20-Poly1305 (IETF AEAD) under a fresh random key; that key is sealed with
 * crypto_box_seal (X25519, anonymous sender) to each officer's X25519 key, converted from the
 * Ed25519 device key they published in the channel. Converting keeps the permanent key-file
 * format as it is (a separate encryption key would need a new format version); the additional
 * data binds the ciphertext to its context, so a seal copied elsewhere does not open. Who sealed
 * it is proven by the signature of the op that carries it. */
#ifndef IPCASE_SEAL_H
#define IPCASE_SEAL_H

#include <jansson.h>
#include <stddef.h>

#include "db/db.h"

/* {"v":1,"alg":"xchacha20poly1305-ietf+box_seal","nonce":b64,"data":b64,"keys":{actor:b64}}
 * for the device keys (hex) in `actors`; NULL with e filled when a key is not a valid
 * Ed25519 public key. */
json_t *seal_make(const json_t *actors, const char *plain, size_t len, const char *ad,
		  ipc_err *e);

/* 1: opened, *plain (malloc'd, NUL-terminated, caller frees) holds *len bytes; 0: this
 * device is not among the recipients; -1 with e filled: damaged, or sealed for another
 * context. */
int seal_open(db *d, const json_t *sealed, const char *ad, char **plain, size_t *len,
	      ipc_err *e);

/* Is this the shape of a seal? (a peer's op is checked before it is stored) */
int seal_check(const json_t *sealed, ipc_err *e);

#endif
