/* test_sha1 — SHA-1 against the FIPS 180 examples and against libgit2's object names (git's
 * SHA-1 of "blob N\0" and the data), across block boundaries, fed in pieces and over a
 * megabyte; run with the processor's SHA instructions where it has them, then again with the
 * portable block (IPCASE_SHA1_PORTABLE=1). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha1.h"

static void hex(const unsigned char *sum, char out[2 * SHA1_LEN + 1])
{
	for (int i = 0; i < SHA1_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", sum[i]);
}

static void sum_of(const void *data, size_t n, size_t piece, char out[2 * SHA1_LEN + 1])
{
	struct sha1 s;
	unsigned char sum[SHA1_LEN];
	const unsigned char *p = data;

	sha1_init(&s);
	for (size_t at = 0; at < n; at += piece)
		sha1_update(&s, p + at, n - at < piece ? n - at : piece);
	sha1_final(&s, sum);
	hex(sum, out);
}

static void test_fips_examples(void **state)
{
	static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char out[2 * SHA1_LEN + 1];

	(void)state;
	sum_of("", 0, 1, out);
	assert_string_equal(out, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	sum_of("abc", 3, 3, out);
	assert_string_equal(out, "a9993e364706816aba3e25717850c26c9cd0d89d");
	for (size_t piece = 1; piece <= 64; piece++) {
		sum_of(two_blocks, strlen(two_blocks), piece, out);
		assert_string_equal(out, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	}
}

/* Every length around the padding's edges (55, 56, 63, 64 … bytes), as git names a blob. */
static void test_as_git_names_blobs(void **state)
{
	unsigned char data[300];
	char head[32], ours[2 * SHA1_LEN + 1], theirs[GIT_OID_HEXSZ + 1];

	(void)state;
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	for (size_t n = 0; n < 200; n++) {
		struct sha1 s;
		unsigned char sum[SHA1_LEN];
		git_oid id;
		int hn = snprintf(head, sizeof head, "blob %zu", n) + 1; /* with its NUL */
		sha1_init(&s);
		sha1_update(&s, head, (size_t)hn);
		sha1_update(&s, data, n);
		sha1_final(&s, sum);
		hex(sum, ours);
		assert_int_equal(git_odb_hash(&id, data, n, GIT_OBJECT_BLOB), 0);
		git_oid_tostr(theirs, sizeof theirs, &id);
		assert_string_equal(ours, theirs);
	}
}

/* A megabyte, fed in pieces of every size from 1 to 1000 bytes in turn. */
static void test_long_input(void **state)
{
	size_t n = 1 << 20, at = 0, piece = 1;
	unsigned char *data = malloc(n), sum[SHA1_LEN];
	char head[32], ours[2 * SHA1_LEN + 1], theirs[GIT_OID_HEXSZ + 1];
	struct sha1 s;
	git_oid id;

	(void)state;
	assert_non_null(data);
	for (size_t i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
	sha1_init(&s);
	sha1_update(&s, head, (size_t)snprintf(head, sizeof head, "blob %zu", n) + 1);
	for (; at < n; at += piece, piece = piece % 1000 + 1)
		sha1_update(&s, data + at, n - at < piece ? n - at : piece);
	sha1_final(&s, sum);
	hex(sum, ours);
	assert_int_equal(git_odb_hash(&id, data, n, GIT_OBJECT_BLOB), 0);
	git_oid_tostr(theirs, sizeof theirs, &id);
	assert_string_equal(ours, theirs);
	free(data);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_examples),
		cmocka_unit_test(test_as_git_names_blobs),
		cmocka_unit_test(test_long_input),
	};

	int failed;

	(void)argc;
	git_libgit2_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (failed || getenv("IPCASE_SHA1_PORTABLE"))
		return failed;
	setenv("IPCASE_SHA1_PORTABLE", "1", 1); /* once more, with the portable block */
	execv("/proc/self/exe", argv);
	perror("test_sha1: running again");
	return 1;
}
