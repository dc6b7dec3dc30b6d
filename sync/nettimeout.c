/* nettimeout — the network timeout of a sync (SIGALRM for the batch command), and the
 * signal that breaks a sync thread's blocking read. */
#include "sync/nettimeout.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"

/* The interrupting signal: ignored by default, so one that strays does nothing. */
#define INTERRUPT_SIGNAL SIGURG

static char timeout_msg[512];
static unsigned timeout_s;

unsigned nettimeout_seconds(void)
{
	const char *env = getenv("IPCASE_NET_TIMEOUT");

	return env && *env ? (unsigned)strtoul(env, NULL, 10) : 120;
}

void nettimeout_message(const char *remote, unsigned secs, char *out, size_t n)
{
	snprintf(out, n, _("remote %s: timeout: no answer for %u s (set IPCASE_NET_TIMEOUT to wait "
			   "longer)"), remote, secs);
}

static void on_timeout(int sig)
{
	(void)sig;
	/* the exit status of a network failure (cmd_exit in cli/cmd.c, the man page's EXIT STATUS) */
	if (write(STDERR_FILENO, timeout_msg, strlen(timeout_msg)) < 0)
		_exit(7);
	_exit(7);
}

void nettimeout_arm(const char *remote)
{
	char msg[400];

	timeout_s = nettimeout_seconds();
	nettimeout_message(remote, timeout_s, msg, sizeof msg);
	snprintf(timeout_msg, sizeof timeout_msg, "\nipcase: %s\n", msg);
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

static void on_interrupt(int sig)
{
	(void)sig; /* only the EINTR it causes matters */
}

static void interrupt_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt; /* no SA_RESTART: the interrupted call fails */
	sigemptyset(&sa.sa_mask);
	sigaction(INTERRUPT_SIGNAL, &sa, NULL);
}

void nettimeout_interrupt(pthread_t th)
{
	static pthread_once_t installed = PTHREAD_ONCE_INIT;

	pthread_once(&installed, interrupt_install);
	pthread_kill(th, INTERRUPT_SIGNAL);
}
