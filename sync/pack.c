/* pack — housekeeping of a channel's repository: libgit2 never garbage-collects, every
 * commit leaves a pack or loose objects, every fetch a pack. When they pile up, everything
 * reachable from a ref is written into one pack, and the loose objects and older packs go
 * (we hold the channel lock: nothing else writes there). The repository stays ordinary git. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <git2/sys/odb_backend.h>

#include "sync/chan.h"

#define LOOSE_MAX 2000 /* loose objects tolerated before packing */
#define PACKS_MAX 20   /* packs tolerated before packing */

static bool is_fanout(const char *name)
{
	return strlen(name) == 2 && isxdigit((unsigned char)name[0]) && isxdigit((unsigned char)name[1]);
}

/* Calls fn for each loose object file; returns how many there are. The fan-out folders are
 * found by reading objects/ once: trying all 256 cost a failed open each, most of a no-op
 * sync's system calls. */
static long loose_each(const char *objects, void (*fn)(const char *path, void *arg), void *arg)
{
	char dir[1300], path[1400];
	struct dirent *top, *de;
	DIR *tp, *dp;
	long n = 0;

	if (!(tp = opendir(objects)))
		return 0;
	while ((top = readdir(tp))) {
		if (!is_fanout(top->d_name))
			continue;
		snprintf(dir, sizeof dir, "%s/%s", objects, top->d_name);
		if (!(dp = opendir(dir)))
			continue;
		while ((de = readdir(dp))) {
			if (strlen(de->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			n++;
			if (fn) {
				snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
				fn(path, arg);
			}
		}
		closedir(dp);
	}
	closedir(tp);
	return n;
}

/* Calls fn for each pack (its path without .pack) other than `keep`; returns the count. */
static long packs_each(const char *objects, const char *keep, void (*fn)(const char *base))
{
	char dir[1300], base[1400];
	struct dirent *de;
	long n = 0;
	DIR *dp;

	snprintf(dir, sizeof dir, "%s/pack", objects);
	if (!(dp = opendir(dir)))
		return 0;
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".pack") != 0
		    || (keep && strncmp(de->d_name + 5, keep, len - 10) == 0))
			continue;
		n++;
		if (fn) {
			snprintf(base, sizeof base, "%s/%.*s", dir, (int)(len - 5), de->d_name);
			fn(base);
		}
	}
	closedir(dp);
	return n;
}

static void drop_loose(const char *path, void *arg)
{
	(void)arg;
	unlink(path);
}

static void drop_pack(const char *base)
{
	static const char *const ext[] = {".idx", ".pack", ".keep", ".rev", ".mtimes"};
	char path[1500];

	/* the index first: a pack without one is invisible, an index without its pack is not */
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(path, sizeof path, "%s%s", base, ext[i]);
		unlink(path);
	}
}

int chan_repack(struct chan *c, bool force, long *before, long *after, ipc_err *e)
{
	char objects[1200], dir[1300], name[GIT_OID_HEXSZ + 1];
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	long loose, packs;
	int rc = -1;

	snprintf(objects, sizeof objects, "%sobjects", git_repository_path(c->repo));
	loose = loose_each(objects, NULL, NULL);
	packs = packs_each(objects, NULL, NULL);
	if (before)
		*before = loose + packs;
	if (after)
		*after = loose + packs;
	if (!force && loose < LOOSE_MAX && packs < PACKS_MAX)
		return 0;
	if (chan_progress(c, "packing", 0, 0, e))
		return -1;
	if (git_packbuilder_new(&pb, c->repo) || git_revwalk_new(&walk, c->repo)
	    || git_revwalk_push_glob(walk, "refs/*")
	    || (git_packbuilder_set_threads(pb, 0), git_packbuilder_insert_walk(pb, walk))) {
		chan_giterr(e, "packing the channel");
		goto out;
	}
	if (git_packbuilder_object_count(pb) == 0) { /* no ref yet: nothing to keep */
		rc = 0;
		goto out;
	}
	snprintf(dir, sizeof dir, "%s/pack", objects);
	if (chan_pack_to_dir(pb, dir, name)) {
		chan_giterr(e, "packing the channel");
		goto out;
	}
	/* everything a ref reaches is in the new pack now */
	loose_each(objects, drop_loose, NULL);
	packs_each(objects, name, drop_pack);
	if (after)
		*after = 1;
	rc = 0;
out:
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return rc;
}
