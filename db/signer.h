/* signer — signing the ops of a bulk transaction on worker threads. Ed25519 signing is over
 * half the cost of a write (libsodium signs ~41000 a second on one core), so while the
 * writer goes on with the next records, workers sign; at commit the writer helps with what
 * is left and stores the signatures. */
#ifndef IPCASE_SIGNER_H
#define IPCASE_SIGNER_H

#include <stdint.h>

#include "base/err.h"

struct signer;

/* A pool of `workers` threads (0: signing happens in signer_drain) signing with sk. */
struct signer *signer_new(const unsigned char sk[64], int workers, ipc_err *e);
void signer_free(struct signer *s);

/* Queues the op stored as row `seq` with this id; takes ownership of body (malloc'd). */
int signer_submit(struct signer *s, int64_t seq, const char *id, char *body, ipc_err *e);

/* Waits until every queued op is signed, signing alongside the workers, then calls store
 * with each op's body and signature (in submission order); stops at the first non-zero
 * return, which it returns. Jobs are consumed either way. */
int signer_drain(struct signer *s, int (*store)(int64_t seq, const char *id, const char *body,
						 const unsigned char sig[64], void *arg), void *arg);

/* Drops every queued job without storing it (the transaction rolled back). */
void signer_discard(struct signer *s);

#endif
