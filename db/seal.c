/* seal — hybrid sealing to several officers' published keys (libsodium). */
#include "db/seal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "db/db_internal.h"

#define SEAL_ALG "xchacha20poly1305-ietf+box_seal"
#define SEAL_DATA_MAX 12000 /* bytes of sealed data: a case's confidential fields */
#define KEYBYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCEBYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES

static json_t *b64(const unsigned char *bin, size_t n)
{
	size_t cap = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
	char *s = malloc(cap);
	json_t *j;

	if (!s)
		return NULL;
	sodium_bin2base64(s, cap, bin, n, sodium_base64_VARIANT_ORIGINAL);
	j = json_string(s);
	free(s);
	return j;
}

/* Decodes base64 text into a malloc'd buffer; NULL when it is not base64 or too long. */
static unsigned char *unb64(const json_t *v, size_t max, size_t *n)
{
	const char *s = json_string_value(v);
	unsigned char *bin;

	if (!s || strlen(s) > sodium_base64_encoded_len(max, sodium_base64_VARIANT_ORIGINAL)
	    || !(bin = malloc(strlen(s) + 1)))
		return NULL;
	if (sodium_base642bin(bin, strlen(s) + 1, s, strlen(s), NULL, n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0) {
		free(bin);
		return NULL;
	}
	return bin;
}

/* The sealed copy of `key` for one device key (hex Ed25519). */
static json_t *seal_key(const char *actor, const unsigned char key[KEYBYTES])
{
	unsigned char ed[32], x[32], boxed[crypto_box_SEALBYTES + KEYBYTES];

	if (!actor || strlen(actor) != 64
	    || sodium_hex2bin(ed, sizeof ed, actor, 64, NULL, NULL, NULL) != 0
	    || crypto_sign_ed25519_pk_to_curve25519(x, ed) != 0
	    || crypto_box_seal(boxed, key, KEYBYTES, x) != 0)
		return NULL;
	return b64(boxed, sizeof boxed);
}

json_t *seal_make(const json_t *actors, const char *plain, size_t len, const char *ad,
		  ipc_err *e)
{
	unsigned char key[KEYBYTES], nonce[NONCEBYTES], *ct = NULL;
	unsigned long long ctlen;
	json_t *out = NULL, *keys = json_object(), *a;
	size_t i;

	if (len > SEAL_DATA_MAX) {
		err_set(e, _("the confidential part is %zu bytes; at most %d can be sealed"), len,
			SEAL_DATA_MAX);
		goto out;
	}
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	randombytes_buf(nonce, sizeof nonce);
	json_array_foreach(actors, i, a) {
		json_t *boxed = seal_key(json_string_value(a), key);
		if (!boxed) {
			err_set(e, _("device key %.12s… is not a valid public key"), json_string_value(a));
			goto out;
		}
		json_object_set_new(keys, json_string_value(a), boxed);
	}
	if (!(ct = malloc(len + crypto_aead_xchacha20poly1305_ietf_ABYTES))) {
		err_nomem(e);
		goto out;
	}
	crypto_aead_xchacha20poly1305_ietf_encrypt(ct, &ctlen, (const unsigned char *)plain, len,
		(const unsigned char *)ad, strlen(ad), NULL, nonce, key);
	out = json_pack("{s:i,s:s,s:o,s:o,s:O}", "v", 1, "alg", SEAL_ALG, "nonce",
			b64(nonce, sizeof nonce), "data", b64(ct, (size_t)ctlen), "keys", keys);
out:
	sodium_memzero(key, sizeof key);
	free(ct);
	json_decref(keys);
	return out;
}

int seal_check(const json_t *sealed, ipc_err *e)
{
	const json_t *keys = json_object_get(sealed, "keys"), *v;
	const char *actor;

	if (!json_is_object(sealed) || json_integer_value(json_object_get(sealed, "v")) != 1
	    || !json_is_string(json_object_get(sealed, "alg"))
	    || strcmp(json_string_value(json_object_get(sealed, "alg")), SEAL_ALG) != 0
	    || !json_is_string(json_object_get(sealed, "nonce"))
	    || !json_is_string(json_object_get(sealed, "data")) || !json_is_object(keys)
	    || json_object_size(keys) == 0)
		return err_set(e, _("sealed part: not a seal of format 1"));
	json_object_foreach((json_t *)keys, actor, v)
		if (strlen(actor) != 64 || !json_is_string(v))
			return err_set(e, _("sealed part: a recipient is not a device key"));
	return 0;
}

int seal_open(db *d, const json_t *sealed, const char *ad, char **plain, size_t *len,
	      ipc_err *e)
{
	unsigned char xpk[32], xsk[32], key[KEYBYTES], *boxed = NULL, *nonce = NULL, *ct = NULL;
	size_t nboxed = 0, nnonce = 0, nct = 0;
	unsigned long long n;
	const json_t *mine;
	int rc = -1;

	*plain = NULL;
	if (seal_check(sealed, e))
		return -1;
	if (!(mine = json_object_get(json_object_get(sealed, "keys"), d->self.actor)))
		return 0;
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, d->pk) != 0
	    || crypto_sign_ed25519_sk_to_curve25519(xsk, d->sk) != 0) {
		err_set(e, _("this device key cannot open seals"));
		goto out;
	}
	boxed = unb64(mine, crypto_box_SEALBYTES + KEYBYTES, &nboxed);
	nonce = unb64(json_object_get(sealed, "nonce"), NONCEBYTES, &nnonce);
	ct = unb64(json_object_get(sealed, "data"),
		   SEAL_DATA_MAX + crypto_aead_xchacha20poly1305_ietf_ABYTES, &nct);
	if (!boxed || !nonce || !ct || nboxed != sizeof key + crypto_box_SEALBYTES
	    || nnonce != NONCEBYTES || nct < crypto_aead_xchacha20poly1305_ietf_ABYTES
	    || crypto_box_seal_open(key, boxed, nboxed, xpk, xsk) != 0
	    || !(*plain = malloc(nct + 1))
	    || crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)*plain, &n, NULL, ct, nct,
		(const unsigned char *)ad, strlen(ad), nonce, key) != 0) {
		free(*plain);
		*plain = NULL;
		err_set(e, _("the sealed part is damaged or belongs to another handoff"));
		goto out;
	}
	(*plain)[n] = '\0';
	*len = (size_t)n;
	rc = 1;
out:
	sodium_memzero(xsk, sizeof xsk);
	sodium_memzero(key, sizeof key);
	free(boxed);
	free(nonce);
	free(ct);
	return rc;
}
