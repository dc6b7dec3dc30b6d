/* ckpt — the checkpointing thread of a bulk writer. */
#include "db/ckpt.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* A checkpoint once the log holds this many pages (128 MB): an import's commits touch pages
 * spread over the indexes, and a page copied early is copied again when touched again (at
 * 100 000 cases, checkpoints every 8192 pages took the import 8–11 % longer). */
#define CKPT_PAGES 32768

struct ckpt {
	sqlite3 *sql; /* the thread's own connection */
	int pages;    /* CKPT_PAGES, or what IPCASE_CKPT_PAGES says */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool due, stop;
};

static void *ckpt_run(void *arg)
{
	struct ckpt *c = arg;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->due && !c->stop)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->stop)
			break;
		c->due = false;
		pthread_mutex_unlock(&c->lock);
		/* SQLITE_BUSY (a reader's or the screen's checkpoint under way) is no failure: the
		 * next commit wakes the thread again, and the writer checkpoints after ckpt_stop */
		sqlite3_wal_checkpoint_v2(c->sql, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* The writer's commit hook (in the writer's thread): wakes the thread once the log is long.
 * SQLite starts the log again only at a transaction that finds every page of it copied, and
 * a writer whose transactions follow each other (the refresh of the cases) gives the thread
 * no such moment: the log grew without end, and every read of a page looked it up in more
 * of the log's index. So at twice the length the writer copies what the thread has not yet
 * copied itself, between its transactions, and the next one starts the log again. */
static int ckpt_hook(void *arg, sqlite3 *writer, const char *name, int pages)
{
	struct ckpt *c = arg;

	if (pages >= 2 * c->pages)
		sqlite3_wal_checkpoint_v2(writer, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	else if (pages >= c->pages) {
		pthread_mutex_lock(&c->lock);
		c->due = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
	}
	return SQLITE_OK;
}

static void ckpt_free(struct ckpt *c)
{
	sqlite3_close(c->sql);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->wake);
	free(c);
}

struct ckpt *ckpt_start(sqlite3 *writer, const char *path)
{
	struct ckpt *c = calloc(1, sizeof *c);
	const char *env = getenv("IPCASE_CKPT_PAGES"); /* tests: checkpoints during small imports */

	if (!c)
		return NULL;
	c->pages = env && atoi(env) > 0 ? atoi(env) : CKPT_PAGES;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	/* a connection knows its database is in WAL mode once it has read it: until then a
	 * checkpoint does nothing and says so only by a log of -1 pages */
	if (sqlite3_open_v2(path, &c->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
	    != SQLITE_OK
	    || sqlite3_exec(c->sql, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK
	    || pthread_create(&c->thread, NULL, ckpt_run, c) != 0) {
		ckpt_free(c);
		return NULL;
	}
	sqlite3_wal_hook(writer, ckpt_hook, c);
	return c;
}

void ckpt_stop(struct ckpt *c, sqlite3 *writer)
{
	if (!c)
		return;
	sqlite3_wal_hook(writer, NULL, NULL); /* no commit wakes c from now on */
	pthread_mutex_lock(&c->lock);
	c->stop = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	ckpt_free(c);
}
