/* treewalk — the one walk over a channel's trees: the entries of a tree `now` that none of
 * the trees `before` holds at the same place, one at a time, the caller deciding which
 * subtrees to enter. Peers' trees are hostile, so:
 * - no recursion: the subtrees being walked are an explicit stack (a tree 20 000 levels deep
 *   costs 20 000 small frames on the heap, not the C stack);
 * - each object once: an object met a second time (a tree naming one subtree 100 times, a
 *   tree bomb of 10^8 paths in a 200 KB push) is reported with `repeated` set and never
 *   entered again, so the work is bounded by the distinct objects, i.e. by what was sent;
 * - subtrees equal to a before's at the same place are skipped unseen: O(changes).
 * Memory: the stack (one tree a level) and the set of object ids met. */
#ifndef IPCASE_TREEWALK_H
#define IPCASE_TREEWALK_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define TW_BEFORE_MAX 2
#define TW_PATH_MAX 512 /* longer paths are cut (`path_cut`): the format's are under 160 bytes */

struct treewalk;

/* One entry of `now` that the befores lack or hold otherwise. `te` and `path` stay valid
 * until the next tw_next. */
struct tw_entry {
	const git_tree_entry *te;
	const char *path;  /* from the root, '/'-separated */
	size_t depth;      /* 0: an entry of the root tree */
	bool repeated;     /* the object was met before in this walk (at another place) */
	bool path_cut;     /* path is longer than TW_PATH_MAX and was cut */
};

/* Starts a walk of tree `now` against up to TW_BEFORE_MAX trees `before` (NULL entries: none). */
int tw_start(struct treewalk **out, git_repository *repo, const git_oid *const *before, size_t n,
	     const git_oid *now, ipc_err *e);

/* The next entry: 1 with *out set, 0 at the end, -1 on error. The root tree itself is not
 * an entry. */
int tw_next(struct treewalk *w, struct tw_entry *out, ipc_err *e);

/* Enters the tree entry tw_next just gave (not repeated): its entries come next. */
int tw_enter(struct treewalk *w, ipc_err *e);

/* Objects met so far (each counted once). */
size_t tw_objects(const struct treewalk *w);

void tw_free(struct treewalk *w);

#endif
