/* fuzz_op — feeds op_parse (db/op.h) lines of the signed op log, chosen by the first byte:
 *   even: the rest as it is, as a peer's ops file holds it;
 *   odd:  the rest read as a JSON object and signed with a fixed test key by fuzzkit's own
 *         encoder, so mutated content gets past the hash and signature to the shape checks.
 * It asserts that a line signed this way is refused only for its shape, never for its
 * encoding (fuzzkit writes it with jansson's json_dumps, op_parse checks it with base/json's
 * jcanon: the two agree on every value it reaches), hash or signature; and that an op op_parse accepts is sealed again (op_seal, with
 * the same key) into the very same line: op.c's encoder and splicing agree with the format;
 * and that every op it accepts is framed as the store keeps it (op_line_spans), so the
 * store's view gives back its very line. */
#include <stdlib.h>
#include <string.h>

#include "db/op.h"
#include "fuzz/fuzzkit.h"

static struct fk_key key;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fk_key_make(&key, 7);
	return 0;
}

/* Parses the line; when it was signed with the test key, checks the two properties. */
static void parse(const char *line, size_t len, bool ours)
{
	struct op o;
	struct op_spans sp;
	ipc_err e = {0};
	char *again;

	if (op_parse(line, len, &o, &e)) {
		FK_ASSERT(!ours || (!strstr(e.msg, "canonical") && !strstr(e.msg, "hash mismatch")
				    && !strstr(e.msg, "bad signature")), "%s: %.*s", e.msg, (int)len, line);
		return;
	}
	FK_ASSERT(op_line_spans(&o, line, len, true, &sp), "not framed: %.*s", (int)len, line);
	if (ours) {
		again = op_seal(&o, key.sk, &e);
		FK_ASSERT(again && strlen(again) == len && memcmp(again, line, len) == 0,
			  "sealed again: %s\nwas: %.*s", again ? again : e.msg, (int)len, line);
		free(again);
	}
	op_clear(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fk_raw_or_signed(data, size, &key, fk_op_line, parse);
	return 0;
}
