/* nettimeout — the network timeout of a sync, for the batch command and the sync screen.
 * libgit2 1.5 has none: a server that accepts and never answers would hang a sync for ever.
 * A sync that makes no progress for IPCASE_NET_TIMEOUT seconds (default 120; 0: never) ends
 * the process with a message; that is safe at any moment (the next run redoes what was cut). */
#ifndef IPCASE_NETTIMEOUT_H
#define IPCASE_NETTIMEOUT_H

/* Starts the clock for a sync with `remote`. `restore` (may be NULL) runs in the signal
 * handler before the message is written: the screen gives the terminal back there. */
void nettimeout_arm(const char *remote, void (*restore)(void));

/* Progress was made: the clock starts again. */
void nettimeout_touch(void);

/* The sync ended: no timeout any more. */
void nettimeout_disarm(void);

#endif
