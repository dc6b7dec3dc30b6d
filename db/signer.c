/* signer — a queue of op bodies and worker threads that sign them. */
#include "db/signer.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "db/op.h"

#define SIGNER_BATCH 64

struct job {
	int64_t seq;
	char id[65];
	char *body;
	unsigned char sig[64]; /* once state is 2 */
	int state;             /* 0 queued, 1 signing, 2 done */
};

struct signer {
	unsigned char sk[64];
	pthread_mutex_t lock;
	pthread_cond_t work, done; /* a job was queued / a job was finished */
	struct job *jobs;
	size_t n, cap, next;       /* jobs[next..n) are queued */
	size_t busy;               /* jobs being signed */
	int stop;
	pthread_t *threads;
	int nthreads;
};

/* Signs jobs[i] outside the lock. */
static void job_sign(struct signer *s, size_t i)
{
	unsigned char sig[64];
	struct job j;

	pthread_mutex_lock(&s->lock);
	j = s->jobs[i]; /* the array may move while we sign: work on a copy */
	pthread_mutex_unlock(&s->lock);
	op_sign(j.body, s->sk, sig);
	pthread_mutex_lock(&s->lock);
	memcpy(s->jobs[i].sig, sig, sizeof sig);
	s->jobs[i].state = 2;
	s->busy--;
	pthread_cond_broadcast(&s->done);
	pthread_mutex_unlock(&s->lock);
}

/* Under the lock: the next queued job, marked as being signed; -1 when none. */
static long job_take(struct signer *s)
{
	if (s->next == s->n)
		return -1;
	s->jobs[s->next].state = 1;
	s->busy++;
	return (long)s->next++;
}

static void *worker(void *arg)
{
	struct signer *s = arg;
	long i;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (!s->stop && (i = job_take(s)) < 0)
			pthread_cond_wait(&s->work, &s->lock);
		if (s->stop)
			break;
		pthread_mutex_unlock(&s->lock);
		job_sign(s, (size_t)i);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

struct signer *signer_new(const unsigned char sk[64], int workers, ipc_err *e)
{
	struct signer *s = calloc(1, sizeof *s);

	if (!s || (workers && !(s->threads = calloc((size_t)workers, sizeof *s->threads)))) {
		free(s);
		err_nomem(e);
		return NULL;
	}
	memcpy(s->sk, sk, sizeof s->sk);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->work, NULL);
	pthread_cond_init(&s->done, NULL);
	for (; s->nthreads < workers; s->nthreads++)
		if (pthread_create(&s->threads[s->nthreads], NULL, worker, s) != 0)
			break; /* fewer workers: drain signs the rest */
	return s;
}

static void jobs_clear(struct signer *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->jobs[i].body);
	}
	s->n = s->next = 0;
}

void signer_free(struct signer *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_cond_broadcast(&s->work);
	pthread_mutex_unlock(&s->lock);
	for (int i = 0; i < s->nthreads; i++)
		pthread_join(s->threads[i], NULL);
	jobs_clear(s);
	free(s->jobs);
	free(s->threads);
	sodium_memzero(s->sk, sizeof s->sk);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->work);
	pthread_cond_destroy(&s->done);
	free(s);
}

int signer_submit(struct signer *s, int64_t seq, const char *id, char *body, ipc_err *e)
{
	int rc = 0;

	pthread_mutex_lock(&s->lock);
	/* while a worker signs, it holds no pointer into the array, so it may move */
	struct job *j = grow(s->jobs, &s->cap, s->n, sizeof *j);

	if (!j) {
		rc = err_nomem(e);
		free(body);
		goto out;
	}
	s->jobs = j;
	s->jobs[s->n] = (struct job){.seq = seq, .body = body};
	memcpy(s->jobs[s->n].id, id, 65);
	s->n++;
	/* wake a worker for a batch, not for every op: each wake-up is a context switch */
	if ((s->n - s->next) % SIGNER_BATCH == 0)
		pthread_cond_signal(&s->work);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int signer_drain(struct signer *s, int (*store)(int64_t seq, const char *id, const char *body,
						 const unsigned char sig[64], void *arg), void *arg)
{
	long i;
	int rc = 0;

	pthread_mutex_lock(&s->lock);
	while ((i = job_take(s)) >= 0) { /* help the workers */
		pthread_mutex_unlock(&s->lock);
		job_sign(s, (size_t)i);
		pthread_mutex_lock(&s->lock);
	}
	while (s->busy)
		pthread_cond_wait(&s->done, &s->lock);
	pthread_mutex_unlock(&s->lock);
	/* no worker touches the jobs now: store them without the lock */
	for (size_t k = 0; k < s->n && !rc; k++)
		rc = store(s->jobs[k].seq, s->jobs[k].id, s->jobs[k].body, s->jobs[k].sig, arg);
	jobs_clear(s);
	return rc;
}

void signer_discard(struct signer *s)
{
	pthread_mutex_lock(&s->lock);
	s->next = s->n; /* nobody starts on them */
	while (s->busy)
		pthread_cond_wait(&s->done, &s->lock);
	jobs_clear(s);
	pthread_mutex_unlock(&s->lock);
}
