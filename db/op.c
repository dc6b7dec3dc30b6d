/* op — canonical encoding, hashing, signing and checking of ops; record ids; the clock. */
#include "db/op.h"
#include "base/canon.h"
#include "base/i18n.h"

#include <openssl/sha.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void op_clear(struct op *o)
{
	json_decref(o->deps);
	json_decref(o->set);
	o->deps = o->set = NULL;
}

/* The op's body in canonical form (base/canon.h), its members in their sorted order; NULL when
 * a text is not UTF-8 or memory runs out. */
static char *op_body(const struct op *o)
{
	struct jbuf b = {0};
	char num[64];

	if (!json_is_array(o->deps) || !json_is_object(o->set))
		return NULL;
	JBUF_LIT(&b, "{\"actor\":");
	jcanon_str(&b, o->actor, strlen(o->actor));
	JBUF_LIT(&b, ",\"deps\":");
	jcanon_put(&b, o->deps);
	jbuf_add(&b, num, (size_t)snprintf(num, sizeof num, ",\"hlc\":%lld,\"record\":",
					   (long long)o->hlc));
	jcanon_str(&b, o->record, strlen(o->record));
	JBUF_LIT(&b, ",\"set\":");
	jcanon_put(&b, o->set);
	JBUF_LIT(&b, ",\"type\":");
	jcanon_str(&b, o->type, strlen(o->type));
	jbuf_add(&b, num, (size_t)snprintf(num, sizeof num, ",\"v\":%d}", OP_VERSION));
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* An op's id: OpenSSL's SHA-256 uses the processor's SHA instructions, 0.7 µs a line of 520
 * bytes against libsodium's portable 2.0 µs (paid for every op written and every op read). */
static void sha256_hex(const char *s, size_t n, char out[65])
{
	unsigned char h[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)s, n, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* The line is the body with "id" and "sig" in their sorted places: "id" right before
 * ,"record": (only hex and an integer precede it) and "sig" right before the last ,"type":
 * (only the type name and the version follow it). Splicing saves a second encoding; op_parse
 * re-encodes every line it reads, so a wrong splice could not go unnoticed. */
static char *op_splice(const char *body, const char *id, const char *sig)
{
	const char *rec = strstr(body, ",\"record\":"), *type = NULL, *p;
	size_t n = strlen(body);
	char *line;

	for (p = body; (p = strstr(p, ",\"type\":")); p++)
		type = p;
	if (!rec || !type || type < rec || !(line = malloc(n + 64 + 128 + 32)))
		return NULL;
	sprintf(line, "%.*s,\"id\":\"%s\"%.*s,\"sig\":\"%s\"%s", (int)(rec - body), body, id,
		(int)(type - rec), rec, sig, type);
	return line;
}

/* The body of a canonical line: the line without its "id" and "sig" members (the inverse of
 * op_splice: "id" is the first ,"id":" and "sig" the last ,"sig":" — the envelope's members
 * around them are hex, integers and names). */
static char *op_unsplice(const char *line, size_t len)
{
	const char *id = memmem(line, len, ",\"id\":\"", 7), *sig = NULL, *p = line;
	const char *end = line + len;
	char *body;
	size_t n = 0;

	while ((p = memmem(p, (size_t)(end - p), ",\"sig\":\"", 8)))
		sig = p++;
	if (!id || !sig || sig < id || end - sig < 8 + 128 + 1 || id + 7 + 64 + 1 > sig
	    || !(body = malloc(len + 1)))
		return NULL;
	memcpy(body, line, (size_t)(id - line));
	n = (size_t)(id - line);
	memcpy(body + n, id + 7 + 64 + 1, (size_t)(sig - (id + 7 + 64 + 1)));
	n += (size_t)(sig - (id + 7 + 64 + 1));
	memcpy(body + n, sig + 8 + 128 + 1, (size_t)(end - (sig + 8 + 128 + 1)));
	n += (size_t)(end - (sig + 8 + 128 + 1));
	body[n] = '\0';
	return body;
}

/* What "id" and "sig" add to a body in its line: both have a fixed length. */
#define OP_SEAL_BYTES (sizeof ",\"id\":\"\"" - 1 + 64 + sizeof ",\"sig\":\"\"" - 1 + 128)

char *op_encode(struct op *o, ipc_err *e)
{
	char *canon = op_body(o);

	if (!canon) {
		err_set(e, _("cannot encode the change (invalid text?)"));
		return NULL;
	}
	if (strlen(canon) + OP_SEAL_BYTES > OP_LINE_MAX) {
		free(canon);
		err_set(e, _("the change is too large (at most %d bytes)"), OP_LINE_MAX);
		return NULL;
	}
	sha256_hex(canon, strlen(canon), o->id);
	return canon;
}

void op_sign(const char *body, const unsigned char sk[64], unsigned char sig[64])
{
	crypto_sign_detached(sig, NULL, (const unsigned char *)body, strlen(body), sk);
}

char *op_seal(struct op *o, const unsigned char sk[64], ipc_err *e)
{
	char *body = op_encode(o, e), *line = NULL;
	unsigned char sig[crypto_sign_BYTES];

	if (!body)
		return NULL;
	op_sign(body, sk, sig);
	sodium_bin2hex(o->sig, sizeof o->sig, sig, sizeof sig);
	if (!(line = op_splice(body, o->id, o->sig)))
		err_nomem(e);
	free(body);
	return line;
}

static int hex_copy(char *dst, size_t len, const json_t *v)
{
	const char *s = json_string_value(v);

	if (!s || strlen(s) != len)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

/* Values may nest (handlers) but hold no reals: a float has no single canonical text. */
static int value_plain(const json_t *v, int depth)
{
	size_t i;
	const char *k;
	json_t *x;

	if (depth > 4 || json_is_real(v))
		return -1;
	if (json_is_array(v))
		json_array_foreach(v, i, x)
			if (value_plain(x, depth + 1))
				return -1;
	if (json_is_object(v))
		json_object_foreach((json_t *)v, k, x)
			if (value_plain(x, depth + 1))
				return -1;
	return 0;
}

static int op_shape(json_t *j, struct op *o, ipc_err *e)
{
	json_t *v = json_object_get(j, "v"), *deps = json_object_get(j, "deps"),
	       *set = json_object_get(j, "set"), *hlc = json_object_get(j, "hlc"), *x;
	const char *type = json_string_value(json_object_get(j, "type")),
		   *rec = json_string_value(json_object_get(j, "record"));
	size_t i;

	if (!json_is_integer(v))
		return err_set(e, _("no format version"));
	if (json_integer_value(v) != OP_VERSION)
		return err_set(e, _("format version %lld is newer than this program knows (%d)"),
			       (long long)json_integer_value(v), OP_VERSION);
	if (json_object_size(j) != 9)
		return err_set(e, _("unexpected or missing keys"));
	if (hex_copy(o->actor, 64, json_object_get(j, "actor")))
		return err_set(e, _("bad actor key"));
	if (hex_copy(o->id, 64, json_object_get(j, "id")))
		return err_set(e, _("bad op id"));
	if (hex_copy(o->sig, 128, json_object_get(j, "sig")))
		return err_set(e, _("missing or malformed signature"));
	/* a UUID as op_uuid7 writes it, and a type's name (db/rules): the store frames them back
	 * into the line as they are (op_line_spans), which holds for no character JSON escapes;
	 * fuzz_op found a type with a carriage return */
	if (!rec || strlen(rec) != 36 || strspn(rec, "0123456789abcdef-") != 36)
		return err_set(e, _("bad record id"));
	memcpy(o->record, rec, 37);
	if (!type || !*type || strlen(type) >= sizeof o->type
	    || strspn(type, "abcdefghijklmnopqrstuvwxyz_") != strlen(type))
		return err_set(e, _("bad record type"));
	strcpy(o->type, type);
	if (!json_is_integer(hlc) || json_integer_value(hlc) <= 0)
		return err_set(e, _("bad clock value"));
	o->hlc = json_integer_value(hlc);
	if (!json_is_array(deps) || json_array_size(deps) > OP_DEPS_MAX)
		return err_set(e, _("bad deps"));
	json_array_foreach(deps, i, x) {
		char dep[65];
		if (hex_copy(dep, 64, x))
			return err_set(e, _("bad dep id"));
	}
	if (!json_is_object(set) || json_object_size(set) == 0 || value_plain(set, 0))
		return err_set(e, _("bad field values"));
	o->deps = json_incref(deps);
	o->set = json_incref(set);
	return 0;
}

int op_parse(const char *line, size_t len, struct op *o, ipc_err *e)
{
	unsigned char pk[32], sig[64];
	json_error_t je;
	json_t *j = NULL;
	char *canon = NULL, id[65];
	int rc = -1;

	memset(o, 0, sizeof *o);
	if (len > OP_LINE_MAX)
		return err_set(e, _("op line longer than %d bytes"), OP_LINE_MAX);
	/* jansson rejects invalid UTF-8 and NUL in strings by default */
	j = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(j)) {
		err_set(e, _("not JSON: %s"), j ? "not an object" : je.text);
		goto out;
	}
	if (op_shape(j, o, e))
		goto out;
	/* the line itself must be canonical, so every replica stores the same bytes */
	canon = jcanon(j);
	if (!canon || strlen(canon) != len || memcmp(canon, line, len) != 0) {
		err_set(e, _("not in canonical form"));
		goto out;
	}
	free(canon);
	if (!(canon = op_unsplice(line, len))) {
		err_set(e, _("not in canonical form"));
		goto out;
	}
	sha256_hex(canon, strlen(canon), id);
	if (strcmp(id, o->id) != 0) {
		err_set(e, _("hash mismatch: content does not match op id %.12s"), o->id);
		goto out;
	}
	sodium_hex2bin(pk, sizeof pk, o->actor, 64, NULL, NULL, NULL);
	sodium_hex2bin(sig, sizeof sig, o->sig, 128, NULL, NULL, NULL);
	if (crypto_sign_verify_detached(sig, (const unsigned char *)canon, strlen(canon), pk) != 0) {
		err_set(e, _("bad signature on op %.12s"), o->id);
		goto out;
	}
	rc = 0;
out:
	if (rc) { /* a line that does not parse or verify is damaged data */
		op_clear(o);
		err_field(e, IPC_E_CORRUPT, NULL);
	}
	free(canon);
	json_decref(j);
	return rc;
}

/* Random bytes from a buffer refilled 4 KiB at a time: one system call per 400 ids. */
static void random_bytes(unsigned char *out, size_t n)
{
	static _Thread_local unsigned char pool[4096];
	static _Thread_local size_t left;

	if (left < n) {
		randombytes_buf(pool, sizeof pool);
		left = sizeof pool;
	}
	memcpy(out, pool + sizeof pool - left, n);
	sodium_memzero(pool + sizeof pool - left, n);
	left -= n;
}

static json_t *key_body(const struct db_identity *id)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "actor", id->actor, "cert", id->cert,
			 "office", id->office, "office_name", id->office_name, "officer",
			 id->officer, "v", OP_VERSION);
}

char *op_key_encode(const struct db_identity *id, const unsigned char sk[64], ipc_err *e)
{
	unsigned char sig[crypto_sign_BYTES];
	char hex[129], *canon, *text = NULL;
	json_t *body = key_body(id);

	if (!body || !(canon = jcanon(body))) {
		json_decref(body);
		err_set(e, _("cannot encode the device key"));
		return NULL;
	}
	crypto_sign_detached(sig, NULL, (const unsigned char *)canon, strlen(canon), sk);
	sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
	json_object_set_new(body, "sig", json_string(hex));
	text = jcanon(body);
	free(canon);
	json_decref(body);
	return text;
}

static int key_string(char *dst, size_t n, json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));
	size_t len = s ? strlen(s) : 0;

	if (!s || !len || len >= n)
		return -1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

int op_key_parse(const char *text, size_t len, struct db_identity *out, ipc_err *e)
{
	unsigned char pk[32], sig[64];
	char sighex[129], *canon = NULL;
	json_t *j = len <= 4096 ? json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL) : NULL, *body;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!json_is_object(j) || json_object_size(j) != 7
	    || json_integer_value(json_object_get(j, "v")) != OP_VERSION
	    || hex_copy(out->actor, 64, json_object_get(j, "actor"))
	    || hex_copy(sighex, 128, json_object_get(j, "sig"))
	    || key_string(out->cert, sizeof out->cert, j, "cert")
	    || key_string(out->office, sizeof out->office, j, "office")
	    || key_string(out->office_name, sizeof out->office_name, j, "office_name")
	    || key_string(out->officer, sizeof out->officer, j, "officer")) {
		err_kind(e, IPC_E_CORRUPT, NULL, "%s", _("not a device key file"));
		goto out;
	}
	body = key_body(out);
	canon = jcanon(body);
	json_decref(body);
	sodium_hex2bin(pk, sizeof pk, out->actor, 64, NULL, NULL, NULL);
	sodium_hex2bin(sig, sizeof sig, sighex, 128, NULL, NULL, NULL);
	if (!canon || crypto_sign_verify_detached(sig, (const unsigned char *)canon, strlen(canon), pk)) {
		err_kind(e, IPC_E_CORRUPT, NULL, "%s", _("device key file with a bad signature"));
		goto out;
	}
	rc = 0;
out:
	free(canon);
	json_decref(j);
	return rc;
}

struct parse_job {
	const char *const *lines;
	const size_t *lens;
	struct op *ops;
	int *rc;
	ipc_err *errs;
	size_t from, to;
};

static void *parse_range(void *arg)
{
	struct parse_job *j = arg;

	for (size_t i = j->from; i < j->to; i++)
		j->rc[i] = op_parse(j->lines[i], j->lens[i], &j->ops[i], &j->errs[i]);
	return NULL;
}

/* Checking a signature costs ~60 µs: a first sync of 100000 records checks them on every
 * core. Each thread takes a contiguous slice; the caller's thread takes the first. */
void op_parse_many(const char *const *lines, const size_t *lens, struct op *ops, int *rc,
		   ipc_err *errs, size_t n)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = cores < 1 ? 1 : cores > 16 ? 16 : (size_t)cores, started = 0;
	struct parse_job jobs[16];
	pthread_t threads[16];

	if (n < 64)
		nt = 1;
	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct parse_job){lines, lens, ops, rc, errs, n * t / nt, n * (t + 1) / nt};
	for (size_t t = 1; t < nt; t++)
		if (pthread_create(&threads[t], NULL, parse_range, &jobs[t]) == 0)
			started = t;
		else
			parse_range(&jobs[t]);
	parse_range(&jobs[0]);
	for (size_t t = 1; t <= started; t++)
		pthread_join(threads[t], NULL);
}

bool op_line_peek(const char *line, size_t len, const char *key, size_t want, char *out)
{
	char pat[32];
	int n = snprintf(pat, sizeof pat, "\"%s\":\"", key);
	const char *at = n > 0 && (size_t)n < sizeof pat ? memmem(line, len, pat, (size_t)n) : NULL;

	if (!at || (size_t)(line + len - at) < (size_t)n + want + 1 || at[n + want] != '"')
		return false;
	memcpy(out, at + n, want);
	out[want] = '\0';
	return true;
}

static bool hex_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

bool op_line_spans(const struct op *o, const char *text, size_t len, bool sealed,
		   struct op_spans *sp)
{
	char head[96], mid[160], tail[200];
	int nh = snprintf(head, sizeof head, "{\"actor\":\"%s\",\"deps\":", o->actor), nm, nt;
	const char *m;

	if (sealed) {
		nm = snprintf(mid, sizeof mid, ",\"hlc\":%lld,\"id\":\"%s\",\"record\":\"%s\",\"set\":",
			      (long long)o->hlc, o->id, o->record);
		nt = snprintf(tail, sizeof tail, ",\"sig\":\"%s\",\"type\":\"%s\",\"v\":%d}", o->sig,
			      o->type, OP_VERSION);
	} else {
		nm = snprintf(mid, sizeof mid, ",\"hlc\":%lld,\"record\":\"%s\",\"set\":",
			      (long long)o->hlc, o->record);
		nt = snprintf(tail, sizeof tail, ",\"type\":\"%s\",\"v\":%d}", o->type, OP_VERSION);
	}
	if ((sealed && (strlen(o->sig) != 128 || !hex_lower(o->sig, 128)))
	    || (size_t)nh + (size_t)nm + (size_t)nt > len || memcmp(text, head, (size_t)nh) != 0
	    || memcmp(text + len - nt, tail, (size_t)nt) != 0)
		return false;
	/* the first one: before it, deps hold only hex ids */
	if (!(m = memmem(text + nh, len - (size_t)nh - (size_t)nt, mid, (size_t)nm)))
		return false;
	sp->deps_at = (size_t)nh;
	sp->deps_len = (size_t)(m - text) - sp->deps_at;
	sp->set_at = (size_t)(m - text) + (size_t)nm;
	sp->set_len = len - (size_t)nt - sp->set_at;
	return true;
}

void op_uuid7(char out[37], int64_t wall_ms)
{
	unsigned char b[16];

	random_bytes(b, sizeof b);
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)((uint64_t)wall_ms >> (40 - 8 * i));
	b[6] = (unsigned char)(0x70 | (b[6] & 0x0f));
	b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
}

int64_t hlc_next(int64_t last, int64_t wall_ms)
{
	const int64_t wall_max = INT64_MAX >> 16; /* 48 bits of milliseconds: the year 6429 */
	int64_t wall = (wall_ms < 0 ? 0 : wall_ms > wall_max ? wall_max : wall_ms) << 16;

	if (wall > last)
		return wall;
	return last < INT64_MAX ? last + 1 : INT64_MAX;
}

void hlc_format(int64_t hlc, char out[32])
{
	time_t t = (time_t)((hlc >> 16) / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}
