/* fuzz_package — feeds the checks of a handoff's parts, chosen by the first byte (modulo 3):
 *   0: the rest as a case package to package_check (db/rules/package.h), as a peer's
 *      collab_request carries it in clear;
 *   1: the rest as a collab_request's JSON: its "package" to package_check, its "sealed" to
 *      seal_check (db/seal.h), and the whole to handoff_view, which opens the seal when this
 *      device is a recipient;
 *   2: a seal made here for this device: the next byte picks a member to replace (none,
 *      nonce, data, our key's box, alg) by the next byte's worth of text; the rest is the text
 *      sealed.
 * It asserts that a seal opens to exactly the text sealed, and that a seal with any member
 * replaced by other text never opens. */
#include <stdlib.h>
#include <string.h>

#include "db/rules/handoff.h"
#include "db/rules/package.h"
#include "db/seal.h"
#include "fuzz/fuzzkit.h"

#define AD "ipcase-handoff/1 130100>110108 case fuzz"

static db *d;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	d = fk_workspace("110108", false);
	return 0;
}

static void package(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size);
	ipc_err e = {0};

	if (text)
		package_check(text, &e);
	free(text);
}

static void request(const uint8_t *data, size_t size)
{
	json_t *req = json_loadb((const char *)data, size, 0, NULL), *seal, *view;
	const char *sealed = json_string_value(json_object_get(req, "sealed"));
	const char *text = json_string_value(json_object_get(req, "package"));
	ipc_err e = {0};

	if (!json_is_object(req)) {
		json_decref(req);
		return;
	}
	if (text)
		package_check(text, &e);
	seal = sealed ? json_loads(sealed, 0, NULL) : NULL;
	seal_check(seal, &e);
	json_decref(seal);
	view = handoff_view(d, req, &e);
	json_decref(view);
	json_decref(req);
}

/* The member of seal s that `which` names, replaced by `text` (which 0: none). */
static bool tamper(json_t *s, uint8_t which, const char *text)
{
	json_t *keys = json_object_get(s, "keys");
	const char *self = db_self(d)->actor, *member = NULL;
	json_t *in = s;

	switch (which % 5) {
	case 1: member = "nonce"; break;
	case 2: member = "data"; break;
	case 3: member = self, in = keys; break;
	case 4: member = "alg"; break;
	default: return false;
	}
	if (strcmp(json_string_value(json_object_get(in, member)) ?: "", text) == 0)
		return false;
	json_object_set_new(in, member, json_string(text));
	return true;
}

static void seal_round(struct fk_in *in)
{
	uint8_t which = fk_byte(in);
	size_t tlen, plen;
	const uint8_t *t = fk_take(in, fk_byte(in), &tlen);
	char *text = strndup((const char *)t, tlen), *plain = NULL, *dumped = NULL;
	const uint8_t *p = fk_take(in, in->n, &plen);
	json_t *to = json_pack("[s]", db_self(d)->actor), *s = NULL, *back = NULL, *utf8;
	ipc_err e = {0};
	size_t len = 0;
	bool changed;
	int rc;

	if (!text || !(utf8 = json_string(text))) /* not UTF-8: no JSON text holds it */
		goto out;
	json_decref(utf8);
	if (!to || !(s = seal_make(to, (const char *)p, plen, AD, &e)))
		goto out;
	changed = tamper(s, which, text);
	/* through text, as a peer's seal arrives */
	if (!(dumped = json_dumps(s, 0)) || !(back = json_loads(dumped, 0, NULL)))
		goto out;
	rc = seal_open(d, back, AD, &plain, &len, &e);
	FK_ASSERT(changed ? rc != 1 : rc == 1 && len == plen && memcmp(plain, p, plen) == 0,
		  "seal_open gave %d (%s) for a seal %s", rc, rc < 0 ? e.msg : "",
		  changed ? "tampered with" : "as made");
out:
	free(text);
	free(plain);
	free(dumped);
	json_decref(to);
	json_decref(s);
	json_decref(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fk_in in = {data, size};

	switch (fk_byte(&in) % 3) {
	case 0: package(in.p, in.n); break;
	case 1: request(in.p, in.n); break;
	default: seal_round(&in); break;
	}
	return 0;
}
