/* opz — an op's set packed against a frozen dictionary (invariants in opz.h); search text
 * deflated.
 *
 * At 100 000 demo cases a set took 304 bytes as text, much of it field names and enum values
 * that every set repeats. deflate against the same dictionary packed a little tighter, but
 * took 9 µs a set (its setup and trees, whatever the size), more than the rest of the op's
 * row; this takes 0.65 µs for a set of 311 bytes: a packed set is the set's bytes with runs
 * found in the dictionary replaced by references.
 *
 * Format (after the version byte): a byte of 0x20 or more is itself; a byte b in 1..31 is a
 * reference to the b + 3 bytes (4..34) at the dictionary offset in the next two bytes (big
 * endian). Canonical JSON holds no byte below 0x20 (its strings escape them), so the two
 * never meet; a set that holds one is kept as text. */
#include "db/opz.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "db/opz_dict.h"

#define OPZ_V1 1
#define REF_MIN 4
#define REF_MAX 34
#define REF_BYTES 3
#define CHAIN_MAX 32 /* candidates tried at a position: enough for the dictionary's few repeats */
#define HASH_BITS 12
#define DICT_LEN (sizeof opz_dict1 - 1)
/* a set is at most a line (OP_LINE_MAX, 64 KB), and a longer search text is kept as text: a
 * damaged blob unpacks to no more than this */
#define OPZ_TEXT_MAX (1u << 20)

_Static_assert(DICT_LEN <= INT16_MAX, "dictionary offsets: two bytes, and int16_t in its index");

/* The room for an unpacked text after cap: twice as much, up to OPZ_TEXT_MAX; 0 past it. */
static size_t room_after(size_t cap)
{
	if (cap >= OPZ_TEXT_MAX)
		return 0;
	return cap > OPZ_TEXT_MAX / 2 ? OPZ_TEXT_MAX : 2 * cap;
}

/* Where each 4-byte run of the dictionary starts, chained by hash: made once. */
static struct {
	pthread_once_t once;
	int16_t head[1 << HASH_BITS], next[DICT_LEN];
} dict_index = {.once = PTHREAD_ONCE_INIT};

static unsigned run_hash(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

static void dict_index_make(void)
{
	const unsigned char *d = (const unsigned char *)opz_dict1;

	memset(dict_index.head, 0xff, sizeof dict_index.head); /* -1: none */
	/* each chain starts at its run's last place: the end holds the most frequent words */
	for (size_t i = 0; i + REF_MIN <= DICT_LEN; i++) {
		unsigned h = run_hash(d + i);
		dict_index.next[i] = dict_index.head[h];
		dict_index.head[h] = (int16_t)i;
	}
}

/* The longest run of the dictionary that starts s (n bytes left), at *at; 0 below REF_MIN. */
static size_t longest_run(const unsigned char *s, size_t n, size_t *at)
{
	const unsigned char *d = (const unsigned char *)opz_dict1;
	size_t best = 0;
	int tries = 0;

	if (n < REF_MIN || s[0] >= 0x80) /* the dictionary is ASCII: no run starts in a character */
		return 0;
	for (int p = dict_index.head[run_hash(s)]; p >= 0 && tries < CHAIN_MAX;
	     p = dict_index.next[p], tries++) {
		size_t max = n < REF_MAX ? n : REF_MAX, len = 0;
		if (max > DICT_LEN - (size_t)p)
			max = DICT_LEN - (size_t)p;
		while (len < max && d[p + len] == s[len])
			len++;
		if (len > best) {
			best = len;
			*at = (size_t)p;
		}
	}
	return best >= REF_MIN ? best : 0;
}

bool opz_pack(const char *set, size_t n, unsigned char **out, size_t *outn)
{
	const unsigned char *s = (const unsigned char *)set;
	unsigned char *buf;
	size_t w = 1, i = 0;

	*out = NULL;
	if (n < 2 * REF_MIN || !(buf = malloc(n))) /* no bigger than the text, or it stays text */
		return false;
	pthread_once(&dict_index.once, dict_index_make);
	buf[0] = OPZ_V1;
	while (i < n) {
		size_t at = 0, len = longest_run(s + i, n - i, &at);
		if (len) {
			if (w + REF_BYTES >= n)
				goto keep_text;
			buf[w++] = (unsigned char)(len - (REF_MIN - 1));
			buf[w++] = (unsigned char)(at >> 8);
			buf[w++] = (unsigned char)at;
			i += len;
			continue;
		}
		if (s[i] < 0x20 || w + 1 >= n)
			goto keep_text; /* a byte the format cannot carry, or no gain */
		buf[w++] = s[i++];
	}
	*out = buf;
	*outn = w;
	return true;
keep_text:
	free(buf);
	return false;
}

char *opz_unpack(const unsigned char *blob, size_t n, size_t *outn)
{
	size_t cap = n < OPZ_TEXT_MAX / 2 ? 2 * n + 64 : OPZ_TEXT_MAX, w = 0;
	char *text, *more;

	if (n < 1 || blob[0] != OPZ_V1 || !(text = malloc(cap)))
		return NULL;
	for (size_t r = 1; r < n;) {
		const char *from = (const char *)blob + r;
		size_t len = 1;
		if (blob[r] == 0) {
			goto fail;
		} else if (blob[r] < 0x20) {
			size_t at;
			if (n - r < REF_BYTES)
				goto fail; /* cut short */
			len = blob[r] + (REF_MIN - 1);
			at = (size_t)blob[r + 1] << 8 | blob[r + 2];
			if (at + len > DICT_LEN)
				goto fail;
			from = opz_dict1 + at;
			r += REF_BYTES;
		} else {
			r++;
		}
		if (w + len + 1 > cap) {
			if (!(cap = room_after(cap)) || !(more = realloc(text, cap)))
				goto fail;
			text = more;
		}
		memcpy(text + w, from, len);
		w += len;
	}
	text[w] = '\0';
	*outn = w;
	return text;
fail:
	free(text);
	return NULL;
}

/* A search text is some hundreds of bytes of Chinese: deflate halves it (657 bytes to 52 %
 * at 100 000 demo cases), paid when a case's text changes. libdeflate's fastest level takes
 * 7.8 µs there, against zlib's 17.5 µs to 51 %; its levels 6 and 9 took 10.5 µs for 51.7 %.
 * Texts zlib wrote (schema v13 before) read the same: both are raw deflate. Each thread keeps
 * its own compressor (some 2.5 µs to make, a third of the work) and decompressor. */
#define ZLEVEL 1

struct zwork {
	struct libdeflate_compressor *c;
	struct libdeflate_decompressor *d;
};

static struct {
	pthread_once_t once;
	pthread_key_t key;
	bool ok;
} zkey = {.once = PTHREAD_ONCE_INIT};

static void zwork_free(void *arg)
{
	struct zwork *z = arg;

	libdeflate_free_compressor(z->c);
	libdeflate_free_decompressor(z->d);
	free(z);
}

static void zkey_make(void)
{
	zkey.ok = pthread_key_create(&zkey.key, zwork_free) == 0;
}

/* This thread's compressor and decompressor, made at its first use; NULL without memory. */
static struct zwork *zwork(void)
{
	struct zwork *z;

	pthread_once(&zkey.once, zkey_make);
	if (!zkey.ok)
		return NULL;
	if ((z = pthread_getspecific(zkey.key)))
		return z;
	if (!(z = calloc(1, sizeof *z)))
		return NULL;
	if (!(z->c = libdeflate_alloc_compressor(ZLEVEL)) || !(z->d = libdeflate_alloc_decompressor())
	    || pthread_setspecific(zkey.key, z) != 0) {
		zwork_free(z);
		return NULL;
	}
	return z;
}

bool opz_deflate(const char *text, size_t n, unsigned char **out, size_t *outn)
{
	struct zwork *z = zwork();
	unsigned char *buf;

	*out = NULL;
	if (!z || n == 0 || n > OPZ_TEXT_MAX || !(buf = malloc(n)))
		return false;
	/* 0: it would not fit in n bytes, so it would not be smaller */
	if (!(*outn = libdeflate_deflate_compress(z->c, text, n, buf, n))) {
		free(buf);
		return false;
	}
	*out = buf;
	return true;
}

char *opz_inflate(const unsigned char *blob, size_t n, size_t *outn)
{
	struct zwork *z = zwork();
	size_t cap = n < OPZ_TEXT_MAX / 3 ? 3 * n + 64 : OPZ_TEXT_MAX, used;
	char *text = NULL, *more;
	enum libdeflate_result rc;

	if (!z || n == 0 || n > OPZ_TEXT_MAX)
		return NULL;
	for (;;) {
		if (!(more = realloc(text, cap + 1))) /* + 1: the NUL */
			goto fail;
		text = more;
		rc = libdeflate_deflate_decompress_ex(z->d, blob, n, text, cap, &used, outn);
		if (rc == LIBDEFLATE_SUCCESS)
			break;
		if (rc != LIBDEFLATE_INSUFFICIENT_SPACE || !(cap = room_after(cap)))
			goto fail;
	}
	if (used != n) /* bytes after the stream's end */
		goto fail;
	text[*outn] = '\0';
	return text;
fail:
	free(text);
	return NULL;
}

/* op_set(fields): the text of a set, kept as text or packed; NULL when damaged */
static void sql_op_set(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *blob;
	size_t n;
	char *text;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	blob = sqlite3_value_blob(argv[0]);
	/* damaged: NULL, not an error, which would end a reader's loop as if the rows had run out
	 * (a fold would miss the record's later ops); the line framed with it is not JSON, as
	 * with a damaged set kept as text, and `ipcase verify` names the op */
	if (!(text = opz_unpack(blob, (size_t)sqlite3_value_bytes(argv[0]), &n))) {
		sqlite3_result_null(cx);
		return;
	}
	sqlite3_result_text64(cx, text, n, free, SQLITE_UTF8);
}

/* op_pack(text): the set as the ops table keeps it */
static void sql_op_pack(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	unsigned char *blob;
	size_t n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_TEXT
	    || !opz_pack((const char *)sqlite3_value_text(argv[0]),
			 (size_t)sqlite3_value_bytes(argv[0]), &blob, &n)) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	sqlite3_result_blob64(cx, blob, n, free);
}

int opz_register(sqlite3 *sql)
{
	/* deterministic and innocuous: op_set is in a partial index's condition (db/rules/clock) */
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(sql, "op_set", 1, flags, NULL, sql_op_set, NULL, NULL) != SQLITE_OK
	    || sqlite3_create_function(sql, "op_pack", 1, flags, NULL, sql_op_pack, NULL, NULL)
		       != SQLITE_OK)
		return -1;
	return 0;
}
