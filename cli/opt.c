/* opt — parsing a batch command's arguments against its table of options. */
#include "cli/opt.h"

#include <string.h>

#include "base/i18n.h"

/* The option of the table argument a names ("--name" or "--name=…"), or NULL. */
static const struct opt *opt_find(const struct opt *opts, const char *a)
{
	for (; opts->name; opts++) {
		size_t n = strlen(opts->name);
		if (strncmp(a, opts->name, n) == 0
		    && (a[n] == '\0' || (a[n] == '=' && (opts->value || opts->add))))
			return opts;
	}
	return NULL;
}

/* Whether a looks like an option; "-3" is a number and "-" a file name. */
static bool is_option(const char *a)
{
	return a[0] == '-' && a[1] && !(a[1] >= '0' && a[1] <= '9');
}

int opt_parse(const struct cmd *c, int argc, char **argv, const struct opt *opts,
	      const char **pos, int maxpos, int *npos)
{
	int n = 0, rc;

	for (int i = 0; i < argc; i++) {
		const struct opt *o = opt_find(opts, argv[i]);
		const char *eq = o ? strchr(argv[i], '=') : NULL;
		if (!o && is_option(argv[i]))
			return cmd_bad_usage(c, _("unknown argument %s"), argv[i]);
		if (!o) {
			if (n == maxpos)
				return cmd_bad_usage(c, _("unexpected argument %s"), argv[i]);
			/* in place: argument n is never one still to be read, as n <= i */
			if (pos)
				pos[n++] = argv[i];
			else
				argv[n++] = argv[i];
		} else if (o->add) {
			if (!eq && (i + 1 == argc || is_option(argv[i + 1])))
				return cmd_bad_usage(c, _("%s needs a value"), o->name);
			if (eq && (rc = o->add(c, o->arg, eq + 1)))
				return rc;
			while (i + 1 < argc && !is_option(argv[i + 1]))
				if ((rc = o->add(c, o->arg, argv[++i])))
					return rc;
		} else if (!o->value) {
			*o->set = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return cmd_bad_usage(c, _("%s needs a value"), argv[i]);
		}
	}
	if (npos)
		*npos = n;
	return 0;
}

bool opt_assign(const char *arg, char *name, size_t size, const char **value)
{
	const char *eq = strchr(arg, '=');

	if (!eq || (size_t)(eq - arg) >= size)
		return false;
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	*value = eq + 1;
	return true;
}
