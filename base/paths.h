/* paths — where the program's shipped files are at run time: beside the binary as built in
 * the source tree (./ipcase, build/ipcase-san), or under an installed prefix; and a path as
 * a person types it on screen. */
#ifndef IPCASE_PATHS_H
#define IPCASE_PATHS_H

#include <stddef.h>

/* The first of the directories `rel` (NULL-terminated, relative to the running binary's
 * directory) that exists, into out; else `fallback`. An environment variable `env` that is
 * set and not empty wins over both. */
void paths_beside(const char *env, const char *const *rel, const char *fallback, char *out,
		  size_t n);

/* The shipped document templates (data/templates): $IPCASE_TEMPLATES, else beside the
 * binary, else /usr/local/share/ipcase/templates. */
void paths_templates(char *out, size_t n);

/* A path typed on screen (a file to attach or import, an ssh key, a remote's folder), with a
 * leading ~/ for the home folder ($HOME), into out. */
void paths_typed(const char *text, char *out, size_t n);

#endif
