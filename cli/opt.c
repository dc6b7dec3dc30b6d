/* opt — parsing a batch command's arguments against its table of options. */
#include "cli/opt.h"

#include <string.h>

#include "base/i18n.h"

/* The option of the table argument a names ("--name" or "--name=…"), or NULL. */
static const struct opt *opt_find(const struct opt *opts, const char *a)
{
	for (; opts->name; opts++) {
		size_t n = strlen(opts->name);
		if (strncmp(a, opts->name, n) == 0 && (a[n] == '\0' || (a[n] == '=' && opts->value)))
			return opts;
	}
	return NULL;
}

int opt_parse(const struct cmd *c, int argc, char **argv, const struct opt *opts,
	      const char **pos, int maxpos, int *npos)
{
	int n = 0;

	for (int i = 0; i < argc; i++) {
		const struct opt *o = opt_find(opts, argv[i]);
		const char *eq;
		/* "-3" is a number, not an option */
		if (!o && argv[i][0] == '-' && argv[i][1] && !(argv[i][1] >= '0' && argv[i][1] <= '9'))
			return cmd_bad_usage(c, _("unknown argument %s"), argv[i]);
		if (!o) {
			if (n == maxpos)
				return cmd_bad_usage(c, _("unexpected argument %s"), argv[i]);
			pos[n++] = argv[i];
		} else if (!o->value) {
			*o->set = true;
		} else if ((eq = strchr(argv[i], '='))) {
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
