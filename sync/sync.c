/* sync — one sync run: commit local ops, fetch, merge, import, move what format 1 filed, push
 * (again after a rejection), housekeeping, and the summary. */
#include "sync/sync.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db/channel.h"
#include "db/rules/handoff.h"
#include "sync/chan.h"

#define PUSH_TRIES 5

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Brings the local branch to the union of itself and the remote's. The union also when the
 * remote's commit descends from ours: a peer's commit that deletes files or lines must not
 * delete them here (nothing a peer removes is removed), so a fast-forward is taken only when
 * the union is the remote's tree itself; otherwise a merge commit restores what it dropped,
 * and the push sends it back. */
static int merge_remote(struct chan *c, const struct db_remote *r, struct sync_stats *st,
			ipc_err *e)
{
	git_oid ours, theirs, merged_tree, id;
	git_commit *co = NULL, *ct = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	char name[160], msg[256];
	int has_ours, has_theirs, ahead, rc = -1;

	snprintf(name, sizeof name, "refs/remotes/%s/main", r->name);
	if ((has_ours = chan_ref(c, CHAN_BRANCH, &ours, e)) < 0
	    || (has_theirs = chan_ref(c, name, &theirs, e)) < 0)
		return -1;
	if (!has_theirs || (has_ours && (git_oid_equal(&ours, &theirs)
					 || git_graph_descendant_of(c->repo, &ours, &theirs) == 1)))
		return 0;
	if (!has_ours)
		return chan_branch_move(c, &theirs, NULL, "ipcase sync: fast-forward", e);
	if (git_commit_lookup(&co, c->wrepo, &ours) || git_commit_lookup(&ct, c->wrepo, &theirs)) {
		chan_giterr(e, "reading the channel");
		goto out;
	}
	if (chan_merge_trees(c->wrepo, git_commit_tree_id(co), git_commit_tree_id(ct), &merged_tree, e))
		goto out;
	ahead = git_graph_descendant_of(c->repo, &theirs, &ours) == 1;
	if (ahead && git_oid_equal(&merged_tree, git_commit_tree_id(ct))) {
		rc = chan_branch_move(c, &theirs, &ours, "ipcase sync: fast-forward", e);
		goto out;
	}
	st->restored += ahead;
	snprintf(msg, sizeof msg, ahead ? "%s: restore what %s dropped\n" : "%s: merge %s\n",
		 db_self(c->d)->officer, r->name);
	if (chan_signature(c, &sig, e))
		goto out;
	if (git_tree_lookup(&tree, c->wrepo, &merged_tree)
	    || git_commit_create_v(&id, c->wrepo, NULL, sig, sig, "UTF-8", msg, tree, 2, co, ct)) {
		chan_giterr(e, "merging the channel");
		goto out;
	}
	rc = chan_branch_move(c, &id, &ours, "ipcase sync: merge", e);
out:
	git_signature_free(sig);
	git_tree_free(tree);
	git_commit_free(co);
	git_commit_free(ct);
	return rc;
}

/* Imports what the branch gained since the commit imported last. */
static int import_new(struct chan *c, struct sync_stats *st, ipc_err *e)
{
	char key[64], hex[GIT_OID_HEXSZ + 1];
	git_oid head, last;
	int has;

	if ((has = chan_ref(c, CHAN_BRANCH, &head, e)) <= 0)
		return has;
	snprintf(key, sizeof key, "sync.%s.imported", c->channel);
	db_meta_get(c->d, key, hex, sizeof hex);
	/* a commit we no longer have (a channel repository recreated) means: import everything */
	has = hex[0] && git_oid_fromstr(&last, hex) == 0
	      && chan_has(c, &last);
	if (has && git_oid_equal(&last, &head)) {
		/* nothing new, but an op waiting in the quarantine may be due (a clock ahead) */
		long retried;
		if (db_quarantine_retry(c->d, &retried, e))
			return -1;
		st->ops_received += retried;
		return 0;
	}
	return chan_import(c, has ? &last : NULL, &head, st, e);
}

/* The remote now holds every op committed to the channel: what it had not been sent counts. */
static int count_sent(struct chan *c, const struct db_remote *r, long *sent, ipc_err *e)
{
	char key[96], committed[32], pushed[32];

	snprintf(key, sizeof key, "sync.%s.committed", c->channel);
	db_meta_get(c->d, key, committed, sizeof committed);
	snprintf(key, sizeof key, "sync.remote.%s.sent", r->name);
	db_meta_get(c->d, key, pushed, sizeof pushed);
	*sent = strtol(committed, NULL, 10) - strtol(pushed, NULL, 10);
	if (*sent < 0) /* the channel was recreated: count from here */
		*sent = 0;
	return *sent ? db_meta_set(c->d, key, committed, e) : 0;
}

/* When the last sync succeeded, for the status bar (sync.last, seconds since the epoch). */
static int sync_mark_done(db *d, ipc_err *e)
{
	char when[32];

	snprintf(when, sizeof when, "%lld", (long long)time(NULL));
	return db_meta_set(d, "sync.last", when, e);
}

bool sync_step_network(const char *what)
{
	static const char *const network[] = {"fetching", "receiving", "sending"};

	for (size_t i = 0; i < sizeof network / sizeof network[0]; i++)
		if (!strcmp(what, network[i]))
			return true;
	return false;
}

int sync_run(db *d, const char *remote, struct sync_stats *st, sync_progress progress,
	     void *arg, ipc_err *e)
{
	struct db_remote r;
	struct chan c;
	double t0 = now();
	bool rejected = true;
	int moved, rc = -1;

	memset(st, 0, sizeof *st);
	if (db_remote_get(d, remote, &r, e) || chan_open(d, r.channel, &c, e))
		return -1;
	c.progress = progress;
	c.arg = arg;
	if (chan_commit_local(&c, e))
		goto out;
	for (int i = 0; i < PUSH_TRIES && rejected; i++) {
		if (chan_fetch(&c, &r, e) || merge_remote(&c, &r, st, e) || import_new(&c, st, e)
		    || chan_move_old(&c, e) || chan_push(&c, &r, &rejected, e))
			goto out;
	}
	if (rejected) {
		err_set(e, _("remote %s kept changing while we pushed (%d tries): sync again"), r.name,
			PUSH_TRIES);
		goto out;
	}
	/* one transaction, one flush to the disk: a sync that brings little is mostly flushes */
	if (db_begin(d, e))
		goto out;
	if (count_sent(&c, &r, &st->ops_sent, e) || sync_mark_done(d, e) || db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	/* handoffs the receiving office accepted: their origin cases move to transferred */
	if (strcmp(c.channel, "collab") == 0 && handoff_settle(d, &moved, e))
		goto out;
	rc = chan_repack(&c, false, NULL, NULL, e);
out:
	chan_close(&c);
	st->seconds = now() - t0;
	return rc;
}

int sync_gc(db *d, const char *channel, long *before, long *after, ipc_err *e)
{
	struct chan c;
	int rc;

	char path[1200];
	struct stat st;

	*before = *after = 0;
	if (!channel_known(channel))
		return err_set(e, _("unknown channel \"%s\": office or collab"), channel);
	snprintf(path, sizeof path, "%s/channels/%s.git", db_home(d), channel);
	if (stat(path, &st) != 0) /* never synced: nothing to pack */
		return 0;
	if (chan_open(d, channel, &c, e))
		return -1;
	rc = chan_repack(&c, true, before, after, e);
	chan_close(&c);
	return rc;
}

void sync_summary(const struct sync_stats *st, char *out, size_t n)
{
	/* the nouns apart, for English plurals; Chinese counts them all alike */
	snprintf(out, n, _("received %ld %s (%ld %s), sent %ld, %ld %s, %ld quarantined, %.1f s%s"),
		 st->ops_received, st->ops_received == 1 ? _("op") : _("ops"), st->records_received,
		 st->records_received == 1 ? _("record") : _("records"), st->ops_sent, st->conflicts,
		 st->conflicts == 1 ? _("conflict") : _("conflicts"), st->quarantined, st->seconds,
		 st->restored ? _("; the remote had lost data this device holds: sent again") : "");
}
