/* pack — housekeeping of a channel's repository: libgit2 never garbage-collects, every
 * commit leaves a pack or loose objects, every fetch a pack. When they pile up, a sync rolls
 * the loose objects and the small packs into one (git's geometric repack): only the smallest
 * packs, as many as ROLL_MAX objects hold, may roll, so a roll's time and memory are bounded by
 * a batch, not by the channel, and the packs above stay as they are; among those, what stays
 * keeps each pack at least twice the size of the one below it. `ipcase gc` writes everything
 * reachable from a ref into one pack and drops the rest. We hold the channel lock: nothing
 * else writes there. The repository stays ordinary git. */
#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2/sys/odb_backend.h>

#include "base/grow.h"
#include "sync/chan.h"
#include "sync/objbatch.h"

#define LOOSE_MAX 2000 /* loose objects tolerated before packing */
#define PACKS_MAX 12   /* packs tolerated before rolling */
#define ROLL_FACTOR 2  /* each pack that stays is at least this times the one below it */
/* objects of the packs a roll takes at most: about one pack of a first sync's chain of
 * commits (an op is a blob and its share of the trees), so a roll's memory is bounded by a
 * batch, not by the channel */
#define ROLL_MAX ((uint64_t)chan_batch_ops() * 2)

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
static long packs_each(const char *objects, const char *keep,
		       int (*fn)(const char *base, void *arg), void *arg)
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
			if (fn(base, arg)) {
				n = -1;
				break;
			}
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

static int drop_pack(const char *base, void *arg)
{
	static const char *const ext[] = {".idx", ".pack", ".keep", ".rev", ".mtimes"};
	char path[1500];

	/* the index first: a pack without one is invisible, an index without its pack is not */
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(path, sizeof path, "%s%s", base, ext[i]);
		unlink(path);
	}
	(void)arg;
	return 0;
}

/* A pack a roll may take: its path without .pack and its object count. */
struct pack_info {
	char *base;
	uint32_t count;
};

struct pack_list {
	struct pack_info *p;
	size_t n, cap;
};

/* The header and fan-out table of a pack index (version 2, what git and libgit2 write). */
#define IDX_HEAD (8 + 256 * 4)

/* The object count a pack's index gives, checked against the index's size; 0 when it is not
 * an index we can read (that pack stays as it is). */
static uint32_t idx_count(const char *base)
{
	unsigned char h[IDX_HEAD];
	char path[1500];
	struct stat st;
	uint32_t n = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s.idx", base);
	if (!(f = fopen(path, "rb")))
		return 0;
	if (fstat(fileno(f), &st) == 0 && fread(h, 1, sizeof h, f) == sizeof h
	    && memcmp(h, "\377tOc\0\0\0\2", 8) == 0) {
		n = (uint32_t)h[IDX_HEAD - 4] << 24 | (uint32_t)h[IDX_HEAD - 3] << 16
		    | (uint32_t)h[IDX_HEAD - 2] << 8 | h[IDX_HEAD - 1];
		/* then each object's id, checksum and offset, then two checksums */
		if ((uint64_t)st.st_size < IDX_HEAD + (uint64_t)n * 28 + 40)
			n = 0;
	}
	fclose(f);
	return n;
}

static int pack_note(const char *base, void *arg)
{
	struct pack_list *l = arg;
	uint32_t n = idx_count(base);
	struct pack_info *p;

	if (!n)
		return 0;
	if (!(p = grow(l->p, &l->cap, l->n, sizeof *p)))
		return -1;
	l->p = p;
	if (!(p[l->n].base = strdup(base)))
		return -1;
	p[l->n++].count = n;
	return 0;
}

static int count_cmp(const void *a, const void *b)
{
	const struct pack_info *x = a, *y = b;

	return (x->count > y->count) - (x->count < y->count);
}

/* How many of the packs (smallest first) roll up with the loose objects. Only the smallest,
 * as many as ROLL_MAX objects hold with the loose ones, may roll: the others stay whatever
 * their sizes, or every sync would roll the same ones again to stay under the cap. Among those:
 * the packs below the highest one that is not at least ROLL_FACTOR times the one under it,
 * then those the new pack would not be ROLL_FACTOR times smaller than. */
static size_t roll_split(const struct pack_info *p, size_t n, uint64_t loose)
{
	uint64_t total = loose, cap = ROLL_MAX;
	size_t m = 0, i, split;

	while (m < n && total + p[m].count <= cap)
		total += p[m++].count;
	for (i = m ? m - 1 : 0; i > 0; i--)
		if (p[i].count < ROLL_FACTOR * (uint64_t)p[i - 1].count)
			break;
	split = i ? i + 1 : 0;
	for (total = loose, i = 0; i < split; i++)
		total += p[i].count;
	while (split < m && p[split].count < ROLL_FACTOR * total)
		total += p[split++].count;
	return split;
}

struct noting {
	git_odb_backend *batch;
	git_odb *src;
};

static int note_object(void *arg, const git_oid *id, git_object_t type)
{
	struct noting *n = arg;

	return objbatch_note(n->batch, n->src, id, type);
}

static void noting_free(struct noting *n)
{
	if (n->batch)
		n->batch->free(n->batch);
	git_odb_free(n->src);
}

/* Notes every object a pack's index lists. */
static int note_indexed(struct noting *n, const struct pack_info *p)
{
	unsigned char raw[GIT_OID_RAWSZ];
	char path[1500];
	git_oid id;
	int rc = -1;
	FILE *f;

	snprintf(path, sizeof path, "%s.idx", p->base);
	if ((f = fopen(path, "rb")) && fseek(f, IDX_HEAD, SEEK_SET) == 0) {
		rc = 0;
		for (uint32_t i = 0; i < p->count && !rc; i++) {
			if (fread(raw, 1, sizeof raw, f) != sizeof raw) {
				rc = -1;
				break;
			}
			git_oid_fromraw(&id, raw);
			/* its type is read with it (sync/objbatch) */
			rc = note_object(n, &id, GIT_OBJECT_ANY) < 0 ? -1 : 0;
		}
	}
	if (f)
		fclose(f);
	if (rc && !git_error_last())
		git_error_set_str(GIT_ERROR_ODB, "cannot read a pack index");
	return rc;
}

struct loose_note {
	struct noting *n;
	int rc;
};

/* Notes a loose object, named by its path's last two parts (xx/38 hex digits). */
static void note_loose(const char *path, void *arg)
{
	struct loose_note *ln = arg;
	size_t len = strlen(path);
	char hex[GIT_OID_HEXSZ + 1];
	git_oid id;

	if (ln->rc)
		return;
	memcpy(hex, path + len - GIT_OID_HEXSZ - 1, 2);
	memcpy(hex + 2, path + len - GIT_OID_HEXSZ + 2, GIT_OID_HEXSZ - 2);
	hex[GIT_OID_HEXSZ] = '\0';
	ln->rc = git_oid_fromstr(&id, hex) || note_object(ln->n, &id, GIT_OBJECT_ANY) < 0 ? -1 : 0;
}

/* Rolls the loose objects and the small packs into one pack (see the header). */
static int pack_roll(struct chan *c, const char *objects, long loose, ipc_err *e)
{
	char dir[1300], name[GIT_OID_HEXSZ + 1];
	struct noting n = {0};
	struct loose_note ln = {&n, 0};
	struct pack_list l = {0};
	size_t split = 0;
	int rc = -1;

	if (packs_each(objects, NULL, pack_note, &l) < 0) {
		err_nomem(e);
		goto out;
	}
	qsort(l.p, l.n, sizeof *l.p, count_cmp);
	split = roll_split(l.p, l.n, (uint64_t)loose);
	if (loose < LOOSE_MAX && split + (loose > 0) < 2) { /* nothing to put together */
		rc = 0;
		goto out;
	}
	if (chan_progress(c, "packing", 0, 0, e))
		goto out;
	if (objbatch_new(&n.batch) || git_repository_odb(&n.src, c->repo))
		goto git;
	loose_each(objects, note_loose, &ln);
	for (size_t i = 0; i < split && !ln.rc; i++)
		ln.rc = note_indexed(&n, &l.p[i]);
	if (ln.rc)
		goto git;
	name[0] = '\0';
	snprintf(dir, sizeof dir, "%s/pack", objects);
	if (objbatch_flush(n.batch, dir, name, e))
		goto out;
	if (!name[0]) { /* nothing written: nothing may go */
		rc = 0;
		goto out;
	}
	/* what rolled up is in the new pack now (which may bear the name of one it replaces) */
	loose_each(objects, drop_loose, NULL);
	for (size_t i = 0; i < split; i++)
		if (!strstr(l.p[i].base, name))
			drop_pack(l.p[i].base, NULL);
	rc = 0;
	goto out;
git:
	chan_giterr(e, "packing the channel");
out:
	noting_free(&n);
	for (size_t i = 0; i < l.n; i++)
		free(l.p[i].base);
	free(l.p);
	return rc;
}

/* Everything a ref reaches into one pack; the rest goes. The objects are noted by name, then
 * read, deflated and written a chunk at a time (sync/objbatch): memory grows with their count
 * (some 75 bytes an object), not with their bytes. At 100 000 demo cases: 162 MB, 11.7 s;
 * libgit2's packbuilder took 766 MB, 31 s. */
static int pack_all(struct chan *c, const char *objects, long *after, ipc_err *e)
{
	char dir[1300], name[GIT_OID_HEXSZ + 1];
	struct noting n = {0};
	git_revwalk *walk = NULL;
	int rc = -1;

	if (chan_progress(c, "packing", 0, 0, e))
		return -1;
	if (objbatch_new(&n.batch) || git_repository_odb(&n.src, c->repo)
	    || git_revwalk_new(&walk, c->repo) || git_revwalk_push_glob(walk, "refs/*")
	    || chan_objects_each(c->repo, walk, note_object, &n)) {
		chan_giterr(e, "packing the channel");
		goto out;
	}
	name[0] = '\0';
	snprintf(dir, sizeof dir, "%s/pack", objects);
	if (objbatch_flush(n.batch, dir, name, e))
		goto out;
	if (!name[0]) { /* no ref yet: nothing to keep */
		rc = 0;
		goto out;
	}
	/* everything a ref reaches is in the new pack now */
	loose_each(objects, drop_loose, NULL);
	packs_each(objects, name, drop_pack, NULL);
	*after = 1;
	rc = 0;
out:
	git_revwalk_free(walk);
	noting_free(&n);
	return rc;
}

int chan_repack(struct chan *c, bool force, long *before, long *after, ipc_err *e)
{
	char objects[1200];
	long loose, packs, left;
	int rc;

	snprintf(objects, sizeof objects, "%sobjects", git_repository_path(c->repo));
	loose = loose_each(objects, NULL, NULL);
	packs = packs_each(objects, NULL, NULL, NULL);
	left = loose + packs;
	if (before)
		*before = left;
	if (after)
		*after = left;
	if (!force && loose < LOOSE_MAX && packs < PACKS_MAX)
		return 0;
	/* packing reads each object once: libgit2's cache (64 MB counted in raw bytes) held some
	 * 330 MB of parsed trees in gc's walk at 100 000 demo cases, and 67 MB of trees read back
	 * in its writing */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	rc = force ? pack_all(c, objects, after ? after : &left, e) : pack_roll(c, objects, loose, e);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	return rc;
}
