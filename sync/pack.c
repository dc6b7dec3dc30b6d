/* pack — housekeeping of a channel's repository: libgit2 never garbage-collects, and every
 * commit leaves loose objects. When they pile up, everything reachable is written into one
 * pack and the loose objects that pack holds are deleted (unreachable ones stay: they may be
 * another process's work in progress). The repository stays ordinary git. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <git2/sys/odb_backend.h>

#include "sync/chan.h"

#define LOOSE_MAX 2000 /* loose objects tolerated before packing */

/* Calls fn for each loose object file; returns how many there are. */
static long loose_each(const char *objects, void (*fn)(const char *path, const git_oid *id,
							  void *arg), void *arg)
{
	char dir[1300], path[1400], hex[GIT_OID_HEXSZ + 1];
	long n = 0;

	for (int i = 0; i < 256; i++) {
		struct dirent *de;
		DIR *dp;
		snprintf(dir, sizeof dir, "%s/%02x", objects, i);
		if (!(dp = opendir(dir)))
			continue;
		while ((de = readdir(dp))) {
			git_oid id;
			if (strlen(de->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			snprintf(hex, sizeof hex, "%02x%s", i, de->d_name);
			if (git_oid_fromstr(&id, hex))
				continue;
			n++;
			if (fn) {
				snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
				fn(path, &id, arg);
			}
		}
		closedir(dp);
	}
	return n;
}

static void drop_if_packed(const char *path, const git_oid *id, void *arg)
{
	if (git_odb_exists(arg, id))
		unlink(path);
}

int chan_housekeep(struct chan *c, ipc_err *e)
{
	char objects[1200], idx[1400];
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_odb_backend *be = NULL;
	git_odb *packed = NULL;
	int rc = -1;

	snprintf(objects, sizeof objects, "%sobjects", git_repository_path(c->repo));
	if (loose_each(objects, NULL, NULL) < LOOSE_MAX)
		return 0;
	if (c->progress)
		c->progress("packing", 0, 0, c->arg);
	if (git_packbuilder_new(&pb, c->repo) || git_revwalk_new(&walk, c->repo)
	    || git_revwalk_push_glob(walk, "refs/*")
	    || (git_packbuilder_set_threads(pb, 0), git_packbuilder_insert_walk(pb, walk))) {
		chan_giterr(e, "packing the channel");
		goto out;
	}
	snprintf(idx, sizeof idx, "%s/pack", objects);
	if (git_packbuilder_write(pb, idx, 0, NULL, NULL)) {
		chan_giterr(e, "packing the channel");
		goto out;
	}
	/* only what the new pack holds may go */
	snprintf(idx, sizeof idx, "%s/pack/pack-%s.idx", objects, git_packbuilder_name(pb));
	if (git_odb_new(&packed) || git_odb_backend_one_pack(&be, idx)
	    || git_odb_add_backend(packed, be, 1)) {
		chan_giterr(e, "reading the new pack");
		goto out;
	}
	be = NULL; /* the odb owns it */
	loose_each(objects, drop_if_packed, packed);
	rc = 0;
out:
	if (be)
		be->free(be);
	git_odb_free(packed);
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return rc;
}
