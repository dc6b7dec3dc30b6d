/* main — ipcase's entry point: global options, then a batch command or the screen. */
#include <langinfo.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/paths.h"
#include "db/workspace.h"

#include "cli/cmd.h"
#include "cli/out.h"
#include "tui/tui.h"

#define IPCASE_VERSION "0.1.0"

static int run_command(const struct cmd *cmd, const char *home, int argc, char **argv)
{
	struct cmd_ctx c = {.cmd = cmd, .home = home};
	ipc_err e;
	int rc;

	if (out_start_stdout()) {
		err_nomem(&e);
		return cmd_fail(&e);
	}
	if (cmd_wants_help(argc, argv, cmd))
		return 0;
	if (cmd->needs_db && db_open(home, &c.d, &e))
		return cmd_fail(&e);
	rc = cmd->run(&c, argc, argv);
	db_close(c.d);
	return rc;
}

static int run_screen(const char *home, const struct timespec *started)
{
	ipc_err e;
	db *d = NULL;
	int rc;

	/* no workspace yet: the screen's first-start setup makes it */
	if (db_exists(home) && db_open(home, &d, &e))
		return cmd_fail(&e);
	rc = tui_run(home, &d, started, &e) ? cmd_fail(&e) : 0;
	db_close(d);
	return rc;
}

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* Where the message catalogues are: $IPCASE_LOCALEDIR, else beside the program as built in
 * the source tree (./build/locale) or installed (../share/locale), else LOCALEDIR. */
static void locale_dir(char *out, size_t n) /* n: PATH_MAX + 32 */
{
	static const char *const rel[] = {"build/locale", "locale", "../share/locale", NULL};

	paths_beside("IPCASE_LOCALEDIR", rel, LOCALEDIR, out, n);
}

/* Did the environment ask for Chinese messages? */
static bool env_zh(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "zh", 2);
	}
	return false;
}

/* The locale the environment names; when it is not installed, C.UTF-8 with the messages
 * still in the language asked for (gettext honours LANGUAGE under C.UTF-8). Text is always
 * read and written as UTF-8: under a non-UTF-8 locale Chinese would print as blanks. */
static void locale_setup(void)
{
	char dir[PATH_MAX + 32];

	if (!setlocale(LC_ALL, "")) {
		setlocale(LC_ALL, "C.UTF-8");
		if (env_zh())
			setenv("LANGUAGE", "zh_CN", 0);
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	locale_dir(dir, sizeof dir);
	bindtextdomain(IPCASE_TEXTDOMAIN, dir);
	bind_textdomain_codeset(IPCASE_TEXTDOMAIN, "UTF-8");
	textdomain(IPCASE_TEXTDOMAIN);
}

/* Takes --home DIR (or --home=DIR) out of argv wherever it stands, before the command or
 * among its options (up to a "--"), so `ipcase case list --home DIR` means what it says.
 * Returns the new argc; *home is the last one given. */
static int home_take(int argc, char **argv, const char **home)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--home") && i + 1 < argc)
			*home = argv[++i];
		else if (!strncmp(argv[i], "--home=", 7))
			*home = argv[i] + 7;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

/* Before a long pause at the first open after an upgrade (stderr: the screen is not up yet). */
static void say_migrating(int from, int to)
{
	fprintf(stderr, _("ipcase: bringing the workspace up to date (schema %d to %d); a large "
			  "one takes a few seconds\n"), from, to);
}

int main(int argc, char **argv)
{
	const char *opt_home = NULL;
	char home[1024];
	const struct cmd *cmd;
	int i = 1, used;
	ipc_err e;

	struct timespec started;

	clock_gettime(CLOCK_MONOTONIC, &started);
	if (out_start()) {
		err_nomem(&e);
		return cmd_fail(&e);
	}
	locale_setup();
	umask(077); /* workspace files are the officer's alone */
	db_on_migrate(say_migrating);
	argc = home_take(argc, argv, &opt_home);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cmd_usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("ipcase " IPCASE_VERSION);
			return 0;
		} else {
			fprintf(stderr, "ipcase: unknown option %s\n", argv[i]);
			cmd_usage(stderr);
			return cmd_exit(IPC_E_USAGE);
		}
	}
	if (db_home_resolve(opt_home, home, sizeof home, &e))
		return cmd_fail(&e);
	if (i == argc)
		return run_screen(home, &started);
	if (strcmp(argv[i], "help") == 0) {
		cmd_usage(stdout);
		return 0;
	}
	if (!(cmd = cmd_find(argc - i, argv + i, &used))) {
		fprintf(stderr, "ipcase: unknown command \"%s\"\n", argv[i]);
		cmd_usage(stderr);
		return cmd_exit(IPC_E_USAGE);
	}
	return run_command(cmd, home, argc - i - used, argv + i + used);
}
