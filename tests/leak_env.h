/* leak_env — for a test that prints PDFs: runs the test binary again with the LeakSanitizer
 * suppressions of the leaks inside cairo and fontconfig (tests/fixtures/lsan-libgit2-1.5.supp),
 * so that ipcase's own leaks still fail it. Included by tests/test_pdf.c and
 * tests/test_template.c; call leak_env(argv) first thing in main. */
#ifndef IPCASE_TEST_LEAK_ENV_H
#define IPCASE_TEST_LEAK_ENV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs this program again with the suppressions of the leaks inside cairo and fontconfig
 * (tests/fixtures/lsan-libgit2-1.5.supp, beside this binary's build/test/) and the slow
 * unwinder that reaches their frames; ipcase's own leaks still fail the test. */
static inline void leak_env(char **argv)
{
	char exe[4096], supp[4200], asan[4400];
	const char *old = getenv("ASAN_OPTIONS");
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (getenv("IPCASE_PDF_LEAK_ENV") || n <= 0)
		return;
	exe[n] = 0;
	for (int up = 0; up < 3 && (slash = strrchr(exe, '/')); up++)
		*slash = 0; /* …/build/test/test_x → … */
	snprintf(supp, sizeof supp, "suppressions=%s/tests/fixtures/lsan-libgit2-1.5.supp:"
		 "print_suppressions=0", exe);
	snprintf(asan, sizeof asan, "%s%sfast_unwind_on_malloc=0:malloc_context_size=16", old ? old : "", old ? ":" : "");
	setenv("LSAN_OPTIONS", supp, 1);
	setenv("ASAN_OPTIONS", asan, 1);
	setenv("IPCASE_PDF_LEAK_ENV", "1", 1);
	execv("/proc/self/exe", argv);
}

#endif
