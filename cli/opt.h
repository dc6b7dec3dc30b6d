/* opt — the one option parser of the batch commands: each command lists the options it takes
 * in a table; "--name value" and "--name=value" both work, and positional arguments may come
 * before, between or after the options. */
#ifndef IPCASE_OPT_H
#define IPCASE_OPT_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cmd.h"

struct opt {
	const char *name;   /* "--channel" */
	const char **value; /* an option with a value: where it goes (the last one given wins) */
	bool *set;          /* a flag: set to true when given */
	/* an option with one or more values, every argument up to the next option: add takes
	 * each (with arg) and returns 0, or the exit status of its refusal */
	int (*add)(const struct cmd *c, void *arg, const char *value);
	void *arg;
};

/* Table entries: an option with a value, a flag, an option with a list of values, the end. */
#define OPT_VALUE(name, where)    {(name), (where), NULL, NULL, NULL}
#define OPT_FLAG(name, where)     {(name), NULL, (where), NULL, NULL}
#define OPT_LIST(name, add, arg)  {(name), NULL, NULL, (add), (arg)}
#define OPT_END                   {NULL, NULL, NULL, NULL, NULL}

/* Parses argv against opts (ended by an entry without a name). Arguments that are no option
 * go into pos, at most maxpos of them, their number into *npos (pos and npos may be NULL when
 * maxpos is 0). With pos NULL and maxpos argc, they are moved to the front of argv instead:
 * for commands that take any number of them (NAME=VALUE lists, left to the caller). Returns 0,
 * or 2 after printing the command's usage with what was wrong: an unknown option, an option
 * without its value, one argument too many (or the status add returned). */
int opt_parse(const struct cmd *c, int argc, char **argv, const struct opt *opts,
	      const char **pos, int maxpos, int *npos);

/* Splits a NAME=VALUE argument: NAME into name (size bytes with its NUL), *value to what
 * follows the '='. False when arg has no '=' or NAME does not fit. */
bool opt_assign(const char *arg, char *name, size_t size, const char **value);

#endif
