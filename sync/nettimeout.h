/* nettimeout — the network timeout of a sync, and breaking a sync's wait on the network.
 * libgit2 1.5 has neither: a server that accepts and never answers would hang a sync for
 * ever. A sync whose network steps make no progress for IPCASE_NET_TIMEOUT seconds (default
 * 120; 0: never) gives up; local work (committing a large backlog, importing) never counts. The batch command ends the process with a message (SIGALRM); that is safe at any
 * moment (the next run redoes what was cut). The screen runs its sync in a thread of its own
 * and watches the silence itself: it stops the run (its progress callback says stop, and
 * nettimeout_interrupt breaks a blocking read) and reports the timeout on the screen. */
#ifndef IPCASE_NETTIMEOUT_H
#define IPCASE_NETTIMEOUT_H

#include <pthread.h>
#include <stddef.h>

/* IPCASE_NET_TIMEOUT: seconds of silence before a sync gives up; 0: never. */
unsigned nettimeout_seconds(void);

/* What a timeout says, for `remote` after `secs` seconds. */
void nettimeout_message(const char *remote, unsigned secs, char *out, size_t n);

/* The batch command: starts the clock for a sync with `remote`; when it runs out the message
 * goes to stderr and the process ends with status 7 (a network failure). */
void nettimeout_arm(const char *remote);

/* Progress was made on the network: the clock starts (again). */
void nettimeout_touch(void);

/* No clock: the sync ended, or does local work (committing, importing, packing) until
 * its next network step touches it. */
void nettimeout_disarm(void);

/* Breaks what thread `th` (running a sync) waits in: a signal whose handler does nothing,
 * installed without SA_RESTART, so a blocking network read or connect fails with EINTR and
 * libgit2 returns its error. Only for a run whose progress callback already says stop: a
 * signal that comes between two reads breaks nothing, so call it again until the thread
 * ends. Reads and writes of files are not broken (the kernel and libgit2 finish them). */
void nettimeout_interrupt(pthread_t th);

#endif
