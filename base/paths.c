/* paths — the program's shipped files at run time, a path as typed (base/paths.h). */
#include "base/paths.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void paths_beside(const char *env, const char *const *rel, const char *fallback, char *out,
		  size_t n)
{
	const char *set = env ? getenv(env) : NULL;
	char exe[PATH_MAX], dir[PATH_MAX + 64];
	ssize_t len;
	struct stat st;

	snprintf(out, n, "%s", set && *set ? set : fallback);
	if ((set && *set) || (len = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[len] = '\0';
	dirname(exe);
	for (; *rel; rel++) {
		snprintf(dir, sizeof dir, "%s/%s", exe, *rel);
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			snprintf(out, n, "%s", dir);
			return;
		}
	}
}

void paths_templates(char *out, size_t n)
{
	static const char *const rel[] = {"data/templates", "../data/templates",
					  "../share/ipcase/templates", NULL};

	paths_beside("IPCASE_TEMPLATES", rel, "/usr/local/share/ipcase/templates", out, n);
}

void paths_typed(const char *text, char *out, size_t n)
{
	const char *home = getenv("HOME");

	if (!strncmp(text, "~/", 2) && home)
		snprintf(out, n, "%s/%s", home, text + 2);
	else
		snprintf(out, n, "%s", text);
}
