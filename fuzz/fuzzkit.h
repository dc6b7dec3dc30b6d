/* fuzzkit — what the fuzz harnesses share: the fuzz input read piece by piece, fixed test
 * keys, any JSON object signed as an op line or a device key file (so mutated content gets
 * past the signature to the checks behind it), a throwaway workspace per process, and the
 * assertion that stops a run. Linked into every harness (Makefile: build/fuzz/fuzz_%). */
#ifndef IPCASE_FUZZKIT_H
#define IPCASE_FUZZKIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* The rest of the input; reading past its end gives zeros and empty pieces. */
struct fk_in {
	const uint8_t *p;
	size_t n;
};

uint8_t fk_byte(struct fk_in *in);
unsigned fk_u16(struct fk_in *in);
/* Up to `want` bytes (fewer at the end); *got says how many. */
const uint8_t *fk_take(struct fk_in *in, size_t want, size_t *got);

/* A signing key made from a fixed seed: the same key in every run. */
struct fk_key {
	unsigned char pk[32], sk[64];
	char hex[65];
};
void fk_key_make(struct fk_key *k, unsigned char seed);
/* The device key of workspace d (its device.key file). */
void fk_key_of(db *d, struct fk_key *k);

/* The op line of `body` signed by k: "id" and "sig" replaced, "actor" set to k, encoded the way
 * op.h specifies (canonical JSON; id = SHA-256 of the body, sig = Ed25519 of it), built apart
 * from db/op.c so that a mistake there shows. NULL when jansson cannot encode it. */
char *fk_op_line(json_t *body, const struct fk_key *k);
/* The device key file of `body` signed by k ("actor" set to k, "sig" replaced). */
char *fk_key_text(json_t *body, const struct fk_key *k);

/* Seeds name the harness's keys and records by placeholders ("@office", "@self"…), since those
 * are made anew in every process: each string of v (member values and array elements, at any
 * depth) equal to a name becomes its value. */
struct fk_name {
	const char *name, *value;
};
void fk_bind(json_t *v, const struct fk_name *names, size_t n);

/* The input of a parser's harness, by its first byte: even, the rest is parsed as it is
 * (parse(text, len, false)); odd, the rest is read as a JSON object, signed with k by sign
 * (fk_op_line, fk_key_text) and parsed (parse(signed, len, true)). */
void fk_raw_or_signed(const uint8_t *data, size_t size, const struct fk_key *k,
		      char *(*sign)(json_t *body, const struct fk_key *k),
		      void (*parse)(const char *text, size_t len, bool ours));

/* A fresh workspace of an officer of `office`, opened; removed when the process exits. With
 * create_office, its device made the office key (ipcase office create). */
db *fk_workspace(const char *office, bool create_office);
/* `data` as the file <workspace>/fuzz-input (what a path-taking reader gets); its path. */
const char *fk_file(db *d, const uint8_t *data, size_t n);

/* The office the import harnesses feed (fuzz_roster, fuzz_tree): a workspace of office 130100
 * whose device made the office key and admitted a colleague (role handler); the device of an
 * officer of 110108 and that office's roster, signed by its key, unverified here. Each signer
 * has a key (and an identity for its key file); seeds name them by placeholder. */
enum fk_signer { FK_OFFICE, FK_SELF, FK_COLLEAGUE, FK_STRANGER, FK_OFFICE2, FK_UNKNOWN, FK_NSIGNERS };
#define FK_NAMES 9
struct fk_office {
	db *d;
	struct fk_key keys[FK_NSIGNERS];      /* the office key of 130100, this device, … */
	struct db_identity who[FK_NSIGNERS];
	char office_rec[37], self_rec[37], colleague_rec[37]; /* the roster's records */
	struct fk_name names[FK_NAMES];       /* "@office", "@self", "@colleague", "@stranger",
					       * "@office2", "@unknown", "@office-record",
					       * "@self-member", "@colleague-member" */
};
void fk_office_make(struct fk_office *o);
/* The op line of the JSON object `json` (len bytes) with its placeholders bound, signed by
 * signer (enum fk_signer); NULL when it is not a JSON object. */
char *fk_office_op(struct fk_office *o, const char *json, size_t len, int signer);

/* A broken property is a crash libFuzzer records with its input. */
#define FK_ASSERT(cond, ...) \
	((cond) ? (void)0 : fk_fail(__FILE__, __LINE__, #cond, __VA_ARGS__))
_Noreturn void fk_fail(const char *file, int line, const char *cond, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
