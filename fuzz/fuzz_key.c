/* fuzz_key — feeds op_key_parse (db/op.h) device key files, keys/<actor>.json of a channel,
 * chosen by the first byte:
 *   even: the rest as it is, as a peer's key file holds it;
 *   odd:  the rest read as a JSON object and signed with a fixed test key (fuzzkit), so
 *         mutated fields get past the signature to the checks of each field.
 * It asserts that a file signed this way is never refused for its signature, and that a key
 * op_key_parse accepts is written again by op_key_encode (same key) byte for byte. */
#include <stdlib.h>
#include <string.h>

#include "db/op.h"
#include "fuzz/fuzzkit.h"

static struct fk_key key;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fk_key_make(&key, 9);
	return 0;
}

static void parse(const char *text, size_t len, bool ours)
{
	struct db_identity who;
	ipc_err e = {0};
	char *again;

	if (op_key_parse(text, len, &who, &e)) {
		FK_ASSERT(!ours || !strstr(e.msg, "signature"), "%s: %.*s", e.msg, (int)len, text);
		return;
	}
	FK_ASSERT(!ours || strcmp(who.actor, key.hex) == 0, "actor %s", who.actor);
	if (ours) {
		again = op_key_encode(&who, key.sk, &e);
		FK_ASSERT(again && strlen(again) == len && memcmp(again, text, len) == 0,
			  "encoded again: %s\nwas: %.*s", again ? again : e.msg, (int)len, text);
		free(again);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fk_raw_or_signed(data, size, &key, fk_key_text, parse);
	return 0;
}
