/* main — ipcase's entry point: global options, then a batch command or the screen. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tui/cmd.h"
#include "tui/tui.h"

#define IPCASE_VERSION "0.1.0"

static int run_command(const struct cmd *cmd, const char *home, int argc, char **argv)
{
	struct cmd_ctx c = {.cmd = cmd, .home = home};
	ipc_err e;
	int rc;

	if (cmd_wants_help(argc, argv, cmd))
		return 0;
	if (cmd->needs_db && db_open(home, &c.d, &e))
		return cmd_fail(&e);
	rc = cmd->run(&c, argc, argv);
	db_close(c.d);
	return rc;
}

static int run_screen(const char *home)
{
	ipc_err e;
	db *d;
	int rc;

	if (db_open(home, &d, &e))
		return cmd_fail(&e);
	rc = tui_run(d, &e) ? cmd_fail(&e) : 0;
	db_close(d);
	return rc;
}

int main(int argc, char **argv)
{
	const char *opt_home = NULL;
	char home[1024];
	const struct cmd *cmd;
	int i = 1, used;
	ipc_err e;

	setlocale(LC_ALL, "");
	/* under a non-UTF-8 locale Chinese would print as blanks: keep the messages' language
	 * but read and write text as UTF-8 */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	umask(077); /* workspace files are the officer's alone */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--home") == 0 && i + 1 < argc) {
			opt_home = argv[++i];
		} else if (strncmp(argv[i], "--home=", 7) == 0) {
			opt_home = argv[i] + 7;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cmd_usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("ipcase " IPCASE_VERSION);
			return 0;
		} else {
			fprintf(stderr, "ipcase: unknown option %s\n", argv[i]);
			cmd_usage(stderr);
			return 2;
		}
	}
	if (db_home_resolve(opt_home, home, sizeof home, &e))
		return cmd_fail(&e);
	if (i == argc)
		return run_screen(home);
	if (strcmp(argv[i], "help") == 0) {
		cmd_usage(stdout);
		return 0;
	}
	if (!(cmd = cmd_find(argc - i, argv + i, &used))) {
		fprintf(stderr, "ipcase: unknown command \"%s\"\n", argv[i]);
		cmd_usage(stderr);
		return 2;
	}
	return run_command(cmd, home, argc - i - used, argv + i + used);
}
