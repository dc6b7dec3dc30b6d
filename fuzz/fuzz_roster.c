/* fuzz_roster — feeds db_import (db/store.h) signed ops of any record type, above all the
 * roster's (office, member, revoked_ops, join: db/rules/roster_rules.c, whose checks parse a
 * roster op's fields), into fuzzkit's office: a workspace of office 130100 whose device made
 * the office key and admitted a colleague, beside office 110108's device and roster. The first
 * byte picks the signer (enum fk_signer: the office key, this device, the colleague, the
 * device of 110108, the key of 110108, a key no one published); the rest is the op's JSON,
 * whose "actor", "id" and "sig" the harness makes, with placeholders for its keys and records
 * ("@office", "@self-member"…). Each import runs in a transaction rolled back afterwards, so
 * every input meets the same workspace.
 * It asserts the roster's invariants whatever is imported: office 130100 stays pinned to its
 * key; this device stays admitted with the admin role; and nothing but the office key changes
 * the roster (the colleague keeps its office and its one role). */
#include <stdlib.h>
#include <string.h>

#include "db/rules/roster.h"
#include "db/store.h"
#include "fuzz/fuzzkit.h"

static struct fk_office o;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fk_office_make(&o);
	return 0;
}

/* The invariants of db/rules/roster_rules.h that no imported op may break. */
static void roster_holds(int signer, const char *line)
{
	struct officekey_pin pin;
	struct authority a;

	FK_ASSERT(officekey_pin_get(o.d, "130100", &pin) && strcmp(pin.key, o.keys[FK_OFFICE].hex) == 0,
		  "office 130100 pinned to %s after %s", pin.key, line);
	roster_authority(o.d, o.keys[FK_SELF].hex, NULL, &a);
	FK_ASSERT(strcmp(a.office, "130100") == 0 && (a.roles & ROLE_ADMIN),
		  "this device speaks for \"%s\" with roles %u (%s) after %s", a.office, a.roles, a.why,
		  line);
	if (signer == FK_OFFICE)
		return;
	roster_authority(o.d, o.keys[FK_COLLEAGUE].hex, NULL, &a);
	FK_ASSERT(strcmp(a.office, "130100") == 0 && a.roles == ROLE_HANDLER,
		  "the colleague speaks for \"%s\" with roles %u (%s) after %s", a.office, a.roles,
		  a.why, line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fk_in in = {data, size};
	int signer = fk_byte(&in) % FK_NSIGNERS;
	char *line = fk_office_op(&o, (const char *)in.p, in.n, signer);
	ipc_err e = {0};

	if (line && db_begin(o.d, &e) == 0) {
		db_import(o.d, line, strlen(line), &e);
		roster_holds(signer, line);
		db_rollback(o.d);
	}
	free(line);
	return 0;
}
