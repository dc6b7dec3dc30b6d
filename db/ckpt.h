/* ckpt — a thread that checkpoints the write-ahead log beside a bulk writer (an import), on a
 * connection of its own, so the writer's commits never copy the log into the database.
 *
 * While it runs, the writer's connection has no automatic checkpoint: a hook on its commits
 * wakes the thread once the log holds CKPT_PAGES pages, and the thread runs a PASSIVE
 * checkpoint, which takes no lock a writer or reader waits for. SQLite starts the log again
 * from its beginning at the first commit after a checkpoint that caught up with it. */
#ifndef IPCASE_CKPT_H
#define IPCASE_CKPT_H

#include <sqlite3.h>

struct ckpt;

/* Starts the thread on the database at path and hooks the commits of writer (whose automatic
 * checkpoints it replaces). NULL when it cannot (no memory, no thread, the file): nothing is
 * hooked then, and the writer's own checkpoints go on. */
struct ckpt *ckpt_start(sqlite3 *writer, const char *path);

/* Unhooks the writer's commits, stops and joins the thread. The writer has no automatic
 * checkpoint until it sets one again. NULL is nothing to stop. */
void ckpt_stop(struct ckpt *c, sqlite3 *writer);

#endif
