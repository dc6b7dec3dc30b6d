/* opt — the one option parser of the batch commands: each command lists the options it takes
 * in a table; "--name value" and "--name=value" both work, and positional arguments may come
 * before, between or after the options. */
#ifndef IPCASE_OPT_H
#define IPCASE_OPT_H

#include <stdbool.h>

#include "cli/cmd.h"

struct opt {
	const char *name;   /* "--channel" */
	const char **value; /* an option with a value: where it goes (the last one given wins) */
	bool *set;          /* a flag: set to true when given */
};

/* Table entries: an option with a value, a flag, the end. */
#define OPT_VALUE(name, where) {(name), (where), NULL}
#define OPT_FLAG(name, where)  {(name), NULL, (where)}
#define OPT_END                {NULL, NULL, NULL}

/* Parses argv against opts (ended by an entry without a name). Arguments that are no option
 * go into pos, at most maxpos of them, their number into *npos (pos and npos may be NULL when
 * maxpos is 0). Returns 0, or 2 after printing the command's usage with what was wrong: an
 * unknown option, an option without its value, one argument too many. */
int opt_parse(const struct cmd *c, int argc, char **argv, const struct opt *opts,
	      const char **pos, int maxpos, int *npos);

#endif
