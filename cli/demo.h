/* demo — realistic demo data written as ops like any other (ipcase demo). */
#ifndef IPCASE_DEMO_H
#define IPCASE_DEMO_H

#include "db/db.h"

/* Called every 1000 cases and once at the end with the cases written so far. */
typedef void (*demo_progress)(long done, long total, void *arg);

/* Writes ncases cases of 京津冀 IP enforcement (with their parties, evidence and, for about a
 * third, an on-site inspection) through the one write path, in transactions of 5000 cases.
 * The same seed (and the same workspace identity) gives the same data. Every status and every
 * IP type occurs once ncases reaches 17. On failure the batch being written is rolled back
 * (earlier batches stay) and e says which case failed and why. */
int db_demo(db *d, long ncases, unsigned seed, demo_progress progress, void *arg, ipc_err *e);

#endif
