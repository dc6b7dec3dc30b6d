/* chan — what the sync modules share: an open channel (its bare repository in the
 * workspace, held under a lock), libgit2 error messages, and the tree walks of the format. */
#ifndef IPCASE_CHAN_H
#define IPCASE_CHAN_H

#include <git2.h>
#include <stdbool.h>
#include <sys/types.h>

#include "db/channel.h"
#include "sync/sync.h"

#define CHAN_BRANCH "refs/heads/main"

struct chan {
	db *d;
	git_repository *repo;
	git_repository *wrepo;    /* the same repository, its new objects gathered in batch */
	char channel[16];
	char path[1100];   /* <home>/channels/<channel>.git */
	int lockfd;
	mode_t umask_before;
	git_odb_backend *batch;   /* wrepo's new objects gather here, written as one pack */
	sync_progress progress;
	void *arg;
};

/* Opens (creating when needed) the channel's bare repository and takes its lock: one sync
 * of a channel at a time; the lock dies with its process, so a crash never blocks the next
 * run. Git's own *.lock files and our cut-short pack files left by a crash are removed here,
 * under our lock. */
int chan_open(db *d, const char *channel, struct chan *c, ipc_err *e);

/* The first handle reads the packs written into the channel since it last looked (the
 * writing handle sees the disk through it, without rescanning on every new object). */
int chan_disk_refresh(struct chan *c);
void chan_close(struct chan *c);

/* Tells the run's caller how far it got: -1 with e saying so when the caller asked to stop. */
int chan_progress(struct chan *c, const char *what, size_t done, size_t total, ipc_err *e);

/* Fills e with libgit2's last error after `doing`, in words a person can act on. */
int chan_giterr(ipc_err *e, const char *doing);

/* Points the branch at commit `id` if it still points at `old` (NULL: if it does not exist
 * yet), after writing what `id` adds to its parents as one pack (a commit of 100000 records
 * as loose objects would be 100000 files). */
int chan_branch_move(struct chan *c, const git_oid *id, const git_oid *old, const char *why,
		     ipc_err *e);

/* Writes the objects of pb as one pack (and its index) into the pack folder `dir`, as
 * git_packbuilder_write does but feeding the indexer in chunks; name (when not NULL) gets the
 * pack's name. Returns 0, or -1 with libgit2's error set. */
int chan_pack_to_dir(git_packbuilder *pb, const char *dir, char name[GIT_OID_HEXSZ + 1]);

/* Called with each object of a walk: 1 to have a tree's entries come next, 0 not to (the
 * object was given before), -1 to stop. */
typedef int (*chan_object_fn)(void *arg, const git_oid *id, git_object_t type);

/* Gives add() each commit `walk` gives, then what its tree adds to its parents' trees
 * (subtrees equal to a parent's at the same place are skipped: O(changes)), each object of a
 * tree once. 0, or -1 (libgit2's error set, or add's). */
int chan_objects_each(git_repository *src, git_revwalk *walk, chan_object_fn add, void *arg);

/* Writes into the pack folder `dir` what the commits from `tip` back to `hide` (up to nhide
 * commits, NULL entries ignored, those `src` lacks too) add, found by comparing each commit's
 * tree with its first parent's and skipping equal subtrees: O(changes), not O(records). */
int chan_pack_write(git_repository *src, const git_oid *tip, const git_oid *const *hide,
		    size_t nhide, const char *dir);

/* Does the channel's repository hold this object? */
bool chan_has(struct chan *c, const git_oid *id);

/* The author of our commits: the officer, "<cert>@<office>.ipcase". */
int chan_signature(struct chan *c, git_signature **out, ipc_err *e);

/* The commit a reference points to: 1 found, 0 none, -1 error. */
int chan_ref(struct chan *c, const char *ref, git_oid *out, ipc_err *e);

/* commit.c: commits this device's unsynced ops of the channel (and the attachments they name,
 * and our key at first) onto the channel's branch, counting them in sync.<channel>.committed. */
int chan_commit_local(struct chan *c, ipc_err *e);

/* commit.c: about how many ops a commit of a first sync's chain takes (IPCASE_SYNC_BATCH). */
int64_t chan_batch_ops(void);

/* commit.c: moves the records the branch still files as format 1 did (sync/format.h) where
 * format 2 files them, in commits of their own, looking only at the folders that changed since
 * the branch was last found in order (meta sync.<channel>.layout); rewrites ipcase.json when it
 * names an older format. Run after each import: a peer not yet upgraded may add some. */
int chan_move_old(struct chan *c, ipc_err *e);

/* merge.c: the union of two ops files (a's or b's blob when it holds every line of the other). */
int chan_union_lines(git_repository *repo, const git_oid *a, const git_oid *b, git_oid *out,
		     ipc_err *e);

/* merge.c: the union of two trees of the format: per-writer files are unioned by line, other
 * files keep one side deterministically. */
int chan_merge_trees(git_repository *repo, const git_oid *a, const git_oid *b, git_oid *out,
		     ipc_err *e);

/* import.c: imports what changed between the tree of commit `from` (NULL: nothing) and the
 * tree of `to`, quarantining what cannot be imported; `to` is recorded as imported
 * (sync.<channel>.imported) in the transaction of the last chunk. */
int chan_import(struct chan *c, const git_oid *from, const git_oid *to, struct sync_stats *st,
		ipc_err *e);

/* transport.c */
int chan_fetch(struct chan *c, const struct db_remote *r, ipc_err *e);
/* *rejected is set when the remote moved on meanwhile (fetch, merge and push again). */
int chan_push(struct chan *c, const struct db_remote *r, bool *rejected, ipc_err *e);

/* pack.c: when loose objects or packs pile up, rolls them and the small packs into one; with
 * force, writes everything reachable into one pack. before/after (may be NULL) get the count
 * of loose objects and packs (after: once force has packed). */
int chan_repack(struct chan *c, bool force, long *before, long *after, ipc_err *e);

#endif
