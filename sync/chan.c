/* chan — opening a channel's repository under a lock, errors, references. */
#include "sync/chan.h"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int chan_giterr(ipc_err *e, const char *doing)
{
	const git_error *g = git_error_last();
	return err_set(e, "%s: %s", doing, g && g->message ? g->message : "unknown git error");
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

/* Commits and merges write through a second handle whose new objects stay in memory until
 * chan_objects_flush; fetches (which write packs of their own) go through the first. */
static int objects_in_memory(struct chan *c, ipc_err *e)
{
	git_odb *odb = NULL;
	int rc = git_repository_open_bare(&c->wrepo, c->path)
		 || git_repository_odb(&odb, c->wrepo) || git_mempack_new(&c->mempack)
		 || git_odb_add_backend(odb, c->mempack, 1000);

	git_odb_free(odb);
	if (rc) {
		chan_giterr(e, "opening the channel repository");
		chan_close(c);
		return -1;
	}
	return 0;
}

int chan_pack_new(git_repository *repo, git_packbuilder **out, const git_oid *tip,
		  const git_oid *const *hide, size_t nhide)
{
	git_revwalk *walk = NULL;
	int rc = git_packbuilder_new(out, repo) || git_revwalk_new(&walk, repo)
		 || git_revwalk_push(walk, tip);

	for (size_t i = 0; i < nhide && !rc; i++)
		rc = hide[i] && git_revwalk_hide(walk, hide[i]);
	if (!rc) {
		git_packbuilder_set_threads(*out, 0);
		rc = git_packbuilder_insert_walk(*out, walk);
	}
	git_revwalk_free(walk);
	if (rc) {
		git_packbuilder_free(*out);
		*out = NULL;
	}
	return rc ? -1 : 0;
}

/* Writes what commit `id` adds to its parents from memory into one pack, then empties the
 * memory. */
static int objects_flush(struct chan *c, const git_oid *id, ipc_err *e)
{
	const git_oid *parents[2] = {NULL, NULL};
	git_packbuilder *pb = NULL;
	git_commit *commit = NULL;
	char dir[1200];
	int rc = -1;

	if (git_commit_lookup(&commit, c->wrepo, id)) {
		chan_giterr(e, "reading the new commit");
		goto out;
	}
	for (unsigned i = 0; i < git_commit_parentcount(commit) && i < 2; i++)
		parents[i] = git_commit_parent_id(commit, i);
	snprintf(dir, sizeof dir, "%s/objects/pack", c->path);
	if (chan_pack_new(c->wrepo, &pb, id, parents, 2)
	    || git_packbuilder_write(pb, dir, 0, NULL, NULL)) {
		chan_giterr(e, "writing new objects");
		goto out;
	}
	rc = git_mempack_reset(c->mempack) ? chan_giterr(e, "writing new objects") : 0;
out:
	git_packbuilder_free(pb);
	git_commit_free(commit);
	return rc;
}

int chan_branch_move(struct chan *c, const git_oid *id, const git_oid *old, const char *why,
		     ipc_err *e)
{
	git_reference *ref = NULL;
	git_odb *odb = NULL;
	int rc;

	/* a fast-forward to a fetched commit has nothing in memory to write */
	rc = git_repository_odb(&odb, c->wrepo) == 0 && c->mempack->exists(c->mempack, id);
	git_odb_free(odb);
	if (rc && objects_flush(c, id, e))
		return -1;
	rc = old ? git_reference_create_matching(&ref, c->wrepo, CHAN_BRANCH, id, 1, old, why)
		 : git_reference_create(&ref, c->wrepo, CHAN_BRANCH, id, 0, why);
	git_reference_free(ref);
	return rc ? chan_giterr(e, "moving the channel's branch") : 0;
}

/* Delta search costs seconds per 10000 records and saves little on files that are mostly
 * distinct signed lines: objects are stored whole (zlib still compresses each). `git gc`
 * may delta them later; that stays compatible. */
static int repo_configure(git_repository *repo)
{
	git_config *cfg = NULL;
	int rc = git_repository_config(&cfg, repo)
		 || git_config_set_int64(cfg, "pack.bigFileThreshold", 1);

	git_config_free(cfg);
	return rc;
}

int chan_open(db *d, const char *channel, struct chan *c, ipc_err *e)
{
	git_repository_init_options opts;
	char lock[1200];

	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	memset(c, 0, sizeof *c);
	git_libgit2_init();
	/* big trees (a shard of 100000 records) stay cached between lookups */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)8 << 20);
	/* an office's own CA for its https server (replaces the system bundle) */
	if (getenv("IPCASE_CA_FILE") && *getenv("IPCASE_CA_FILE"))
		git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, getenv("IPCASE_CA_FILE"), NULL);
	c->d = d;
	c->lockfd = -1;
	/* what git writes in the workspace is the officer's alone, whoever calls us */
	c->umask_before = umask(077);
	snprintf(c->channel, sizeof c->channel, "%s", channel);
	snprintf(lock, sizeof lock, "%s/channels", db_home(d));
	if (mkdir(lock, 0700) != 0 && errno != EEXIST)
		return err_set(e, "cannot create %s: %s", lock, strerror(errno));
	snprintf(lock, sizeof lock, "%s/channels/%s.lock", db_home(d), channel);
	c->lockfd = open(lock, O_RDWR | O_CREAT, 0600);
	if (c->lockfd < 0)
		return err_set(e, "cannot open %s: %s", lock, strerror(errno));
	if (flock(c->lockfd, LOCK_EX | LOCK_NB) != 0) {
		close(c->lockfd);
		c->lockfd = -1;
		return err_set(e, "another sync of the %s channel is running; try again when it ends",
			       channel);
	}
	snprintf(c->path, sizeof c->path, "%s/channels/%s.git", db_home(d), channel);
	if (git_repository_open_bare(&c->repo, c->path) == 0) {
		remove_stale_locks(c->path, 0);
		return objects_in_memory(c, e);
	}
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	opts.mode = 0; /* our umask: files 0600, folders 0700 */
	opts.initial_head = "main";
	if (git_repository_init_ext(&c->repo, c->path, &opts) != 0 || repo_configure(c->repo)) {
		chan_giterr(e, "creating the channel repository");
		chan_close(c);
		return -1;
	}
	return objects_in_memory(c, e);
}

void chan_close(struct chan *c)
{
	git_repository_free(c->wrepo); /* frees the mempack with its odb */
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

int chan_ref(struct chan *c, const char *ref, git_oid *out, ipc_err *e)
{
	int rc = git_reference_name_to_id(out, c->repo, ref);

	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc)
		return chan_giterr(e, "reading the channel's branch");
	return 1;
}
