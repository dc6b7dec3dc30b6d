/* chan — opening a channel's repository under a lock, errors, references. */
#include "sync/chan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

/* Git lock files older than this, found while we hold the channel lock, are left by a crash. */
#define STALE_LOCK_SECONDS 120

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
		else if (n > 5 && strcmp(de->d_name + n - 5, ".lock") == 0
			 && time(NULL) - st.st_mtime > STALE_LOCK_SECONDS)
			unlink(path);
	}
	closedir(dp);
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
		return 0;
	}
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	opts.mode = 0; /* our umask: files 0600, folders 0700 */
	opts.initial_head = "main";
	if (git_repository_init_ext(&c->repo, c->path, &opts) != 0) {
		chan_giterr(e, "creating the channel repository");
		chan_close(c);
		return -1;
	}
	return 0;
}

void chan_close(struct chan *c)
{
	git_repository_free(c->repo);
	c->repo = NULL;
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
