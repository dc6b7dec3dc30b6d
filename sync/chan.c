/* chan — opening a channel's repository under a lock, errors, references. */
#include "sync/chan.h"
#include "base/disk.h"
#include "base/i18n.h"
#include "sync/objbatch.h"
#include "sync/treewalk.h"

#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* libgit2 says a write failed as "… '<path>': <strerror>": a full disk, and where. */
static int giterr_full(ipc_err *e, const char *doing, const char *m)
{
	const char *q = strstr(m, "'/"), *end = q ? strchr(q + 1, '\'') : NULL;
	char path[1200];

	if (!strstr(m, strerror(ENOSPC)) && !strstr(m, strerror(EDQUOT)))
		return 0;
	if (!end || end - q - 1 >= (long)sizeof path)
		return err_kind(e, IPC_E_IO, NULL, _("disk full while %s (%s): free space where the "
				"workspace or the remote is, then sync again"), doing, m);
	snprintf(path, sizeof path, "%.*s", (int)(end - q - 1), q + 1);
	return disk_full_err(e, path);
}

int chan_giterr(ipc_err *e, const char *doing)
{
	const git_error *g = git_error_last();
	const char *m = g && g->message ? g->message : "unknown git error";

	return giterr_full(e, doing, m) ? -1 : err_set(e, _("%s: %s"), doing, m);
}

/* Only a sync writes the channel's repository, and only under the channel lock: a git lock
 * file found while we hold it was left by a crash. */
static void remove_stale_locks(const char *dir, int depth)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char path[1400];
	struct stat st;

	if (!dp)
		return;
	while ((de = readdir(dp))) {
		size_t n = strlen(de->d_name);
		if (de->d_name[0] == '.' || strcmp(de->d_name, "objects") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < 6)
			remove_stale_locks(path, depth + 1);
		else if (n > 5 && strcmp(de->d_name + n - 5, ".lock") == 0)
			unlink(path);
	}
	closedir(dp);
}

/* The packs we write hold a channel's new files and trees: ops of different records, which
 * share no runs worth a delta, and libgit2 packs no thin deltas against what the receiver
 * has. Its delta search (a window of ten objects, each compared byte by byte) took half of a
 * first sync's time for nothing, so it is off: objects larger than the "big file" threshold
 * are never deltified, and libgit2 1.5 reads that threshold from pack.deltaCacheSize (a slip
 * in its packbuilder_config; git reads pack.bigFileThreshold): both keys say 1 byte. */
static int delta_search_off(git_repository *repo)
{
	static const char *const keys[] = {"pack.deltaCacheSize", "pack.bigFileThreshold"};
	git_config *cfg = NULL;
	int64_t v;
	int rc = git_repository_config(&cfg, repo);

	for (size_t i = 0; !rc && i < sizeof keys / sizeof keys[0]; i++)
		if (git_config_get_int64(&v, cfg, keys[i]) || v != 1)
			rc = git_config_set_int64(cfg, keys[i], 1);
	git_config_free(cfg);
	return rc;
}

/* The objects already on disk, as the writing handle sees them: read through the first
 * handle's object database, never rescanned for an object it lacks. libgit2 looks for every
 * object it is asked to write and, not finding it (a new object: all of them), rereads the
 * pack folder and stats the loose file — five system calls an object, most of a large
 * commit's time. What this view misses is written again, harmlessly; chan_disk_refresh
 * shows it the packs a flush adds. */
struct disk_view {
	git_odb_backend parent;
	git_odb *disk;
};

static int view_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b,
		     const git_oid *id)
{
	git_odb_object *o = NULL;
	int rc = git_odb_read(&o, ((struct disk_view *)b)->disk, id);

	if (rc)
		return rc;
	*len = git_odb_object_size(o);
	*type = git_odb_object_type(o);
	if ((*data = git_odb_backend_data_alloc(b, *len ? *len : 1)))
		memcpy(*data, git_odb_object_data(o), *len);
	git_odb_object_free(o);
	return *data ? 0 : -1;
}

static int view_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	return git_odb_read_header(len, type, ((struct disk_view *)b)->disk, id);
}

static int view_exists(git_odb_backend *b, const git_oid *id)
{
	return git_odb_exists_ext(((struct disk_view *)b)->disk, id, GIT_ODB_LOOKUP_NO_REFRESH);
}

static void view_free(git_odb_backend *b)
{
	git_odb_free(((struct disk_view *)b)->disk);
	free(b);
}

static int disk_view_new(git_odb_backend **out, git_repository *repo)
{
	struct disk_view *v = calloc(1, sizeof *v);

	if (!v || git_odb_init_backend(&v->parent, GIT_ODB_BACKEND_VERSION)
	    || git_repository_odb(&v->disk, repo)) {
		free(v);
		return -1;
	}
	v->parent.read = view_read;
	v->parent.read_header = view_read_header;
	v->parent.exists = view_exists;
	v->parent.free = view_free;
	*out = &v->parent;
	return 0;
}

/* Gives the backend b to odb, which frees it from then on (b is freed here if it cannot). */
static int backend_give(git_odb *odb, git_odb_backend *b, int priority)
{
	if (git_odb_add_backend(odb, b, priority)) {
		b->free(b);
		return -1;
	}
	return 0;
}

/* Commits and merges write through a second handle whose new objects stay in memory until
 * chan_branch_move writes them as one pack; fetches and reads go through the first. */
static int objects_in_memory(struct chan *c, ipc_err *e)
{
	git_odb_backend *view;
	git_odb *odb = NULL;
	int rc = delta_search_off(c->repo) || git_repository_open_bare(&c->wrepo, c->path)
		 || git_odb_new(&odb) || objbatch_new(&c->batch)
		 || backend_give(odb, c->batch, 1000) || disk_view_new(&view, c->repo)
		 || backend_give(odb, view, 1) || git_repository_set_odb(c->wrepo, odb);

	git_odb_free(odb);
	if (rc) {
		chan_giterr(e, "opening the channel repository");
		chan_close(c);
		return -1;
	}
	return 0;
}

/* Gives add() the objects of tree `now` that none of the trees `before` (n of them, NULL
 * entries: none) has at the same place, skipping subtrees equal to a before's: O(changes).
 * Every object the tree reaches is given, also what the format does not know (a receiver's
 * repository must be whole), each once; add() returns 1 to have a tree entered, 0 not to (it
 * was given before), -1 to stop. */
static int tree_diff_each(git_repository *repo, const git_oid *const *before, size_t n,
			  const git_oid *now, chan_object_fn add, void *arg)
{
	struct treewalk *w;
	struct tw_entry en;
	ipc_err e;
	int rc, more = 0;

	if (tw_start(&w, repo, before, n, now, &e))
		return -1;
	rc = tw_objects(w) && add(arg, now, GIT_OBJECT_TREE) < 0 ? -1 : 0;
	while (!rc && (more = tw_next(w, &en, &e)) == 1) {
		git_object_t type = git_tree_entry_type(en.te);
		if (en.repeated || type == GIT_OBJECT_COMMIT) /* a gitlink names no object of ours */
			continue;
		if ((rc = add(arg, git_tree_entry_id(en.te), type)) < 0)
			break;
		rc = rc == 1 && type == GIT_OBJECT_TREE ? tw_enter(w, &e) : 0;
	}
	tw_free(w);
	return rc || more < 0 ? -1 : 0;
}

int chan_objects_each(git_repository *src, git_revwalk *walk, chan_object_fn add, void *arg)
{
	git_oid id;
	int rc = 0, next;

	/* each commit brings what its tree adds to its parents' (git's marking of uninteresting
	 * trees would read every tree of the channel) */
	while (!rc && (next = git_revwalk_next(&id, walk)) == 0) {
		const git_oid *before[2] = {NULL, NULL};
		git_commit *commit = NULL, *parent[2] = {NULL, NULL};
		if (git_commit_lookup(&commit, src, &id) || add(arg, &id, GIT_OBJECT_COMMIT) < 0) {
			git_commit_free(commit);
			return -1;
		}
		for (unsigned k = 0; k < 2 && k < git_commit_parentcount(commit); k++)
			if (git_commit_parent(&parent[k], commit, k) == 0)
				before[k] = git_commit_tree_id(parent[k]);
		rc = tree_diff_each(src, before, 2, git_commit_tree_id(commit), add, arg);
		git_commit_free(parent[0]);
		git_commit_free(parent[1]);
		git_commit_free(commit);
	}
	return rc || next != GIT_ITEROVER ? -1 : 0;
}

/* The pack's bytes gathered into chunks before the indexer takes them: libgit2 1.5's indexer
 * maps, writes and unmaps its pack file for every append, and git_packbuilder_write appends
 * each object's header and body apart — three mmap/munmap pairs an object, most of the time
 * of a fetch of many small trees (a 20 000-deep tree took 24 s under ASan). */
#define PACK_CHUNK ((size_t)1 << 20)

struct pack_sink {
	git_indexer *idx;
	git_indexer_progress stats;
	unsigned char *buf;
	size_t len;
};

static int sink_flush(struct pack_sink *k)
{
	int rc = k->len ? git_indexer_append(k->idx, k->buf, k->len, &k->stats) : 0;

	k->len = 0;
	return rc;
}

static int sink_feed(void *data, size_t size, void *payload)
{
	struct pack_sink *k = payload;

	if (k->len + size > PACK_CHUNK && sink_flush(k))
		return -1;
	if (size > PACK_CHUNK) /* an object larger than a chunk goes alone */
		return git_indexer_append(k->idx, data, size, &k->stats);
	memcpy(k->buf + k->len, data, size);
	k->len += size;
	return 0;
}

int chan_pack_to_dir(git_packbuilder *pb, const char *dir, char name[GIT_OID_HEXSZ + 1])
{
	struct pack_sink k = {0};
	int rc = -1;

	if (!(k.buf = malloc(PACK_CHUNK))) {
		git_error_set_oom();
		return -1;
	}
	if (git_indexer_new(&k.idx, dir, 0, NULL, NULL) || git_packbuilder_foreach(pb, sink_feed, &k)
	    || sink_flush(&k) || git_indexer_commit(k.idx, &k.stats))
		goto out;
	if (name)
		snprintf(name, GIT_OID_HEXSZ + 1, "%s", git_indexer_name(k.idx));
	rc = 0;
out:
	git_indexer_free(k.idx);
	free(k.buf);
	return rc;
}

static int packbuilder_add(void *pb, const git_oid *id, git_object_t type)
{
	(void)type;
	return git_packbuilder_insert(pb, id, NULL) ? -1 : 1; /* it keeps each object once */
}

int chan_pack_write(git_repository *src, const git_oid *tip, const git_oid *const *hide,
		    size_t nhide, const char *dir)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_odb *odb = NULL;
	int rc;

	if ((rc = git_packbuilder_new(&pb, src)) || (rc = git_revwalk_new(&walk, src))
	    || (rc = git_repository_odb(&odb, src)) || (rc = git_revwalk_push(walk, tip)))
		goto out;
	/* the receiver holds what it has reached: hide what the source knows of it */
	for (size_t i = 0; i < nhide && !rc; i++)
		if (hide[i] && git_odb_exists(odb, hide[i]))
			rc = git_revwalk_hide(walk, hide[i]);
	if (!rc)
		rc = chan_objects_each(src, walk, packbuilder_add, pb);
	if (!rc && git_packbuilder_object_count(pb)) {
		git_packbuilder_set_threads(pb, 0);
		rc = chan_pack_to_dir(pb, dir, NULL);
	}
out:
	git_odb_free(odb);
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return rc ? -1 : 0;
}

int chan_disk_refresh(struct chan *c)
{
	git_odb *odb = NULL;
	int rc = git_repository_odb(&odb, c->repo) || git_odb_refresh(odb);

	git_odb_free(odb);
	return rc;
}

/* Writes the new objects from memory into one pack, then empties the memory. */
static int objects_flush(struct chan *c, ipc_err *e)
{
	char dir[1200];

	snprintf(dir, sizeof dir, "%s/objects/pack", c->path);
	if (objbatch_flush(c->batch, dir, NULL, e))
		return -1;
	return chan_disk_refresh(c) ? chan_giterr(e, "reading the pack just written") : 0;
}

int chan_branch_move(struct chan *c, const git_oid *id, const git_oid *old, const char *why,
		     ipc_err *e)
{
	git_reference *ref = NULL;
	int rc;

	/* a fast-forward to a fetched commit has nothing in memory to write */
	if (objbatch_has(c->batch, id) && objects_flush(c, e))
		return -1;
	rc = old ? git_reference_create_matching(&ref, c->wrepo, CHAN_BRANCH, id, 1, old, why)
		 : git_reference_create(&ref, c->wrepo, CHAN_BRANCH, id, 0, why);
	git_reference_free(ref);
	return rc ? chan_giterr(e, "moving the channel's branch") : 0;
}

int chan_open(db *d, const char *channel, struct chan *c, ipc_err *e)
{
	git_repository_init_options opts;
	char lock[1200];

	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	memset(c, 0, sizeof *c);
	c->lockfd = -1;
	if (db_writable(d, e))
		return -1;
	git_libgit2_init();
	/* big trees (a shard of 100000 records) stay cached between lookups, but the cache as a
	 * whole is one batch's worth: libgit2's default (256 MB) let a large import keep every
	 * tree it met, the most of its memory */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)8 << 20);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)64 << 20);
	/* packs are read through one window of 32 MB at a time (libgit2 maps 1 GB windows up to
	 * 8 GB: a channel's whole pack, read once, stayed resident). Reads follow the packs'
	 * order: the import reads a chunk's files in the walk's order before it takes them in
	 * records' order (import.c); read in records' order they jumped between packs, 30-35 us a
	 * file instead of 9-11 at 100 000 cases, with two windows of 64 MB */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)32 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)32 << 20);
	/* an office's own CA for its https server (replaces the system bundle) */
	if (getenv("IPCASE_CA_FILE") && *getenv("IPCASE_CA_FILE"))
		git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, getenv("IPCASE_CA_FILE"), NULL);
	c->d = d;
	/* what git writes in the workspace is the officer's alone, whoever calls us */
	c->umask_before = umask(077);
	snprintf(c->channel, sizeof c->channel, "%s", channel);
	snprintf(lock, sizeof lock, "%s/channels", db_home(d));
	if (mkdir(lock, 0700) != 0 && errno != EEXIST)
		return err_kind(e, IPC_E_IO, NULL, _("cannot create %s: %s"), lock, strerror(errno));
	snprintf(lock, sizeof lock, "%s/channels/%s.lock", db_home(d), channel);
	c->lockfd = open(lock, O_RDWR | O_CREAT, 0600);
	if (c->lockfd < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot open %s: %s"), lock, strerror(errno));
	if (flock(c->lockfd, LOCK_EX | LOCK_NB) != 0) {
		close(c->lockfd);
		c->lockfd = -1;
		return err_set(e, _("another sync of the %s channel is running; try again when it ends"),
			       channel);
	}
	snprintf(c->path, sizeof c->path, "%s/channels/%s.git", db_home(d), channel);
	if (git_repository_open_bare(&c->repo, c->path) == 0) {
		char packdir[1200];
		remove_stale_locks(c->path, 0);
		snprintf(packdir, sizeof packdir, "%s/objects/pack", c->path);
		objbatch_sweep(packdir);
		return objects_in_memory(c, e);
	}
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	opts.mode = 0; /* our umask: files 0600, folders 0700 */
	opts.initial_head = "main";
	if (git_repository_init_ext(&c->repo, c->path, &opts) != 0) {
		chan_giterr(e, "creating the channel repository");
		chan_close(c);
		return -1;
	}
	return objects_in_memory(c, e);
}

void chan_close(struct chan *c)
{
	git_repository_free(c->wrepo); /* frees the batch with its odb */
	git_repository_free(c->repo);
	c->repo = c->wrepo = NULL;
	git_libgit2_shutdown();
	if (c->lockfd >= 0) {
		flock(c->lockfd, LOCK_UN);
		close(c->lockfd);
		umask(c->umask_before);
	}
	c->lockfd = -1;
}

int chan_progress(struct chan *c, const char *what, size_t done, size_t total, ipc_err *e)
{
	if (!c->progress || !c->progress(what, done, total, c->arg))
		return 0;
	return err_set(e, _("the sync was stopped"));
}

bool chan_has(struct chan *c, const git_oid *id)
{
	git_odb *odb = NULL;
	bool has = git_repository_odb(&odb, c->repo) == 0 && git_odb_exists(odb, id);

	git_odb_free(odb);
	return has;
}

int chan_signature(struct chan *c, git_signature **out, ipc_err *e)
{
	const struct db_identity *me = db_self(c->d);
	char email[128];

	snprintf(email, sizeof email, "%s@%s.ipcase", me->cert, me->office);
	return git_signature_now(out, me->officer, email) ? chan_giterr(e, "signing a commit") : 0;
}

int chan_ref(struct chan *c, const char *ref, git_oid *out, ipc_err *e)
{
	int rc = git_reference_name_to_id(out, c->repo, ref);

	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc)
		return chan_giterr(e, "reading the channel's branch");
	return 1;
}
