/* draft — the drafts/ folder of the workspace: atomic writes, listing, reading, removal. */
#include "tui/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/grow.h"
#include "db/op.h"

#define DRAFT_DIR "drafts"
#define DRAFT_EXT ".json"
#define DRAFT_SIZE_MAX (1 << 20) /* a form's texts are a few KB; anything bigger is not ours */

/* Only names draft_name_new makes: a lowercase UUID and ".json". Nothing else is read,
 * written or removed, so a name never leaves the folder. */
static bool draft_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n != 36 + strlen(DRAFT_EXT) || strcmp(name + 36, DRAFT_EXT) != 0)
		return false;
	for (size_t i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		char c = name[i];
		if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

void draft_name_new(char out[DRAFT_NAME_MAX])
{
	struct timespec ts;
	char id[37];

	/* the real clock, not the tests' fixed one: names order drafts by when they began */
	clock_gettime(CLOCK_REALTIME, &ts);
	op_uuid7(id, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
	snprintf(out, DRAFT_NAME_MAX, "%s%s", id, DRAFT_EXT);
}

/* <workspace>/drafts[/name[suffix]] */
static int draft_path(db *d, const char *name, const char *suffix, char *out, size_t n,
		      ipc_err *e)
{
	int len;

	if (name && !draft_name_ok(name))
		return err_set(e, "\"%.60s\" is not a draft name", name);
	len = name ? snprintf(out, n, "%s/%s/%s%s", db_home(d), DRAFT_DIR, name, suffix)
		   : snprintf(out, n, "%s/%s", db_home(d), DRAFT_DIR);
	return len < 0 || (size_t)len >= n ? err_set(e, "workspace path too long") : 0;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The folder's own entry is synced once, when a draft first appears in it. */
static void dir_sync(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int draft_write(db *d, const char *name, const json_t *doc, ipc_err *e)
{
	char dir[1100], path[1200], tmp[1200];
	char *text = NULL;
	bool fresh;
	int fd = -1, rc = -1;

	if (draft_path(d, NULL, "", dir, sizeof dir, e) || draft_path(d, name, "", path, sizeof path, e)
	    || draft_path(d, name, ".tmp", tmp, sizeof tmp, e))
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(e, "cannot create folder %s: %s", dir, strerror(errno));
	if (!(text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS)))
		return err_nomem(e);
	fresh = access(path, F_OK) != 0;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600) || write_all(fd, text, strlen(text)) || fsync(fd)) {
		err_set(e, "cannot write the draft %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (close(fd)) {
		fd = -1;
		err_set(e, "cannot write the draft %s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path)) {
		err_set(e, "cannot keep the draft as %s: %s", path, strerror(errno));
		goto out;
	}
	if (fresh)
		dir_sync(dir);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
	free(text);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

json_t *draft_list(db *d, ipc_err *e)
{
	json_t *names = json_array(), **v = NULL;
	char dir[1100];
	struct dirent *de;
	size_t n;
	DIR *dh;

	if (!names || draft_path(d, NULL, "", dir, sizeof dir, e))
		goto fail;
	if (!(dh = opendir(dir))) {
		if (errno == ENOENT) /* no draft was ever written */
			return names;
		err_set(e, "cannot read the folder %s: %s", dir, strerror(errno));
		goto fail;
	}
	while ((de = readdir(dh)))
		if (draft_name_ok(de->d_name))
			json_array_append_new(names, json_string(de->d_name));
	closedir(dh);
	/* sort through a copy of the element pointers: jansson has no sort */
	n = json_array_size(names);
	if (n > 1 && (v = calloc(n, sizeof *v))) {
		for (size_t i = 0; i < n; i++)
			v[i] = json_incref(json_array_get(names, i));
		qsort(v, n, sizeof *v, name_cmp);
		json_array_clear(names);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(names, v[i]);
		free(v);
	}
	return names;
fail:
	json_decref(names);
	return NULL;
}

json_t *draft_read(db *d, const char *name, ipc_err *e)
{
	char path[1200];
	json_error_t je;
	struct stat st;
	json_t *doc = NULL;
	FILE *f = NULL;
	int fd;

	if (draft_path(d, name, "", path, sizeof path, e))
		return NULL;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		err_set(e, "cannot read the draft %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > DRAFT_SIZE_MAX) {
		err_set(e, "the draft %s is not a small regular file", path);
		close(fd);
		return NULL;
	}
	if (!(f = fdopen(fd, "r"))) {
		err_set(e, "cannot read the draft %s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	doc = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
	fclose(f);
	if (!json_is_object(doc)) {
		err_set(e, "the draft %s is damaged (%s)", path, doc ? "not an object" : je.text);
		json_decref(doc);
		return NULL;
	}
	return doc;
}

int draft_remove(db *d, const char *name, ipc_err *e)
{
	char path[1200], tmp[1200];

	if (draft_path(d, name, "", path, sizeof path, e)
	    || draft_path(d, name, ".tmp", tmp, sizeof tmp, e))
		return -1;
	unlink(tmp);
	if (unlink(path) != 0 && errno != ENOENT)
		return err_set(e, "cannot remove the draft %s: %s", path, strerror(errno));
	return 0;
}
