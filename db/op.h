/* op — one signed change: its canonical JSON encoding (sorted keys, no white space, UTF-8),
 * its id (SHA-256 of that encoding), its Ed25519 signature, and the parsing and checking of
 * an op line from anywhere (this workspace, a peer, a file). This is the sync format: never
 * change an encoding without a new format version.
 *
 * A line is the canonical JSON of
 *   {"actor":hex pk,"deps":[op ids, sorted],"hlc":int,"id":hex,"record":uuid,
 *    "set":{field:value…},"sig":hex,"type":"case"|…,"v":1}
 * where id = sha256(canonical JSON of the same object without "id" and "sig") and sig =
 * Ed25519(that same body) by the key named in actor. */
#ifndef IPCASE_OP_H
#define IPCASE_OP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "db/db.h"

#define OP_VERSION 1
#define OP_LINE_MAX (64 * 1024) /* bytes of one op line; longer lines are refused */
#define OP_DEPS_MAX 64

struct op {
	char id[65];
	char actor[65];
	char record[37];
	char type[24];
	int64_t hlc;
	json_t *deps; /* array of op id strings, sorted */
	json_t *set;  /* object: field → value */
	char sig[129];
};

/* Fills id and sig for an op whose other members are set, and returns its line (malloc'd,
 * caller frees) or NULL with e filled. op_encode + op_sign. */
char *op_seal(struct op *o, const unsigned char sk[64], ipc_err *e);

/* The canonical body of an op (malloc'd), filling o->id; NULL with e filled, also when its
 * line would exceed OP_LINE_MAX. */
char *op_encode(struct op *o, ipc_err *e);

/* The Ed25519 signature of a body. Thread-safe: the signer pool calls it. */
void op_sign(const char *body, const unsigned char sk[64], unsigned char sig[64]);

/* Parses and checks one line: JSON, shape, canonical form, hash, signature. On success o
 * holds new references the caller releases with op_clear. Every failure names its reason,
 * kind IPC_E_CORRUPT. */
int op_parse(const char *line, size_t len, struct op *o, ipc_err *e);

void op_clear(struct op *o);

/* op_parse of n lines at once on every core: rc[i] is 0 or -1 with errs[i] filled. */
void op_parse_many(const char *const *lines, const size_t *lens, struct op *ops, int *rc,
		   ipc_err *errs, size_t n);

/* The value of a top-level key of an op line (a string of exactly want bytes: "id", 64;
 * "record", 36) into out, without parsing it: the first occurrence of "key":" is the key of
 * a canonical line (keys sorted: only hex ids come before "record", and a quote inside a
 * value is escaped). A line that is not canonical may give a wrong value: callers use it to
 * find a row, which the line itself is then compared with or checked against. */
bool op_line_peek(const char *line, size_t len, const char *key, size_t want, char *out);

/* The store keeps an op as the columns of its row (actor, hlc, id, record, sig, type, v) and
 * the two spans of its line that are not columns: deps and set. The view op_lines
 * (db/workspace.c) frames them again into
 *   {"actor":A,"deps":DEPS,"hlc":H,"id":I,"record":R,"set":SET,"sig":S,"type":T,"v":V}
 * op_line_spans finds DEPS and SET in a line (sealed) or in a body without id and sig, and
 * says whether the rest is exactly that frame around o's members (sig lowercase hex): only
 * then does the view give back the same bytes. */
struct op_spans {
	size_t deps_at, deps_len, set_at, set_len;
};
bool op_line_spans(const struct op *o, const char *text, size_t len, bool sealed,
		   struct op_spans *sp);

/* An officer's device as published in a channel's keys/<actor>.json: the canonical JSON of
 * {"actor","cert","office","office_name","officer","v"} plus "sig", the device's own signature
 * of it (whoever publishes a key proves they hold it). */
char *op_key_encode(const struct db_identity *id, const unsigned char sk[64], ipc_err *e);
int op_key_parse(const char *text, size_t len, struct db_identity *out, ipc_err *e);

/* A new record id: UUIDv7 (time-ordered), lowercase text. */
void op_uuid7(char out[37], int64_t wall_ms);

/* The hybrid logical clock: 48 bits of wall-clock milliseconds, 16 bits of counter. It
 * saturates at INT64_MAX rather than overflow (a peer's op at the edge cannot make ours
 * negative), and a peer's op more than HLC_AHEAD_MAX_MS ahead of this device's wall clock
 * waits in the quarantine (db/store.c), so a peer never drags our clock further than that. */
#define HLC_AHEAD_MAX_MS (24LL * 3600 * 1000)
int64_t hlc_next(int64_t last, int64_t wall_ms);
/* Wall-clock time of an hlc, as "YYYY-MM-DD HH:MM:SS" in local time. */
void hlc_format(int64_t hlc, char out[32]);

#endif
