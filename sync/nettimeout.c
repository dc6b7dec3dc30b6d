/* nettimeout — SIGALRM-based timeout of a sync that makes no progress. */
#include "sync/nettimeout.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"

static char timeout_msg[512];
static unsigned timeout_s;
static void (*timeout_restore)(void);

static void on_timeout(int sig)
{
	(void)sig;
	if (timeout_restore)
		timeout_restore();
	/* the exit status of a network failure (cmd_exit in cli/cmd.c, the man page's EXIT STATUS) */
	if (write(STDERR_FILENO, timeout_msg, strlen(timeout_msg)) < 0)
		_exit(7);
	_exit(7);
}

void nettimeout_arm(const char *remote, void (*restore)(void))
{
	const char *env = getenv("IPCASE_NET_TIMEOUT");

	timeout_s = env && *env ? (unsigned)strtoul(env, NULL, 10) : 120;
	timeout_restore = restore;
	snprintf(timeout_msg, sizeof timeout_msg,
		 _("\nipcase: remote %s: timeout: no answer for %u s (set IPCASE_NET_TIMEOUT to wait "
		   "longer)\n"), remote, timeout_s);
	signal(SIGALRM, on_timeout);
	alarm(timeout_s);
}

void nettimeout_touch(void)
{
	alarm(timeout_s);
}

void nettimeout_disarm(void)
{
	alarm(0);
}
