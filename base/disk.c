/* disk — a full disk in words: which filesystem to free space on. */
#include "base/disk.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/i18n.h"

bool disk_full(int errnum)
{
	return errnum == ENOSPC || errnum == EDQUOT;
}

bool disk_nearly_full(const char *path)
{
	struct statvfs v;

	if (statvfs(path, &v) != 0)
		return false;
	/* root may use the blocks reserved for it */
	return (unsigned long long)(geteuid() == 0 ? v.f_bfree : v.f_bavail) * v.f_frsize
	       < (1u << 20);
}

/* The nearest folder of path (itself included) that exists, resolved. */
static bool existing_real(const char *path, char out[PATH_MAX])
{
	char buf[PATH_MAX], *slash;

	snprintf(buf, sizeof buf, "%s", path);
	while (!realpath(buf, out)) {
		if (!(slash = strrchr(buf, '/')))
			return realpath(".", out) != NULL;
		if (slash == buf)
			return snprintf(out, PATH_MAX, "/") > 0;
		*slash = '\0';
	}
	return true;
}

/* Where the filesystem holding path is mounted: the highest folder above it on the same
 * device. The path itself when it cannot be found. */
static void mount_point(const char *path, char *out, size_t n)
{
	char dir[PATH_MAX], *slash;
	struct stat st, up;

	if (!existing_real(path, dir) || stat(dir, &st) != 0) {
		snprintf(out, n, "%s", path);
		return;
	}
	while ((slash = strrchr(dir, '/')) && dir[1]) {
		char *cut = slash == dir ? slash + 1 : slash; /* "/x" → "/" */
		char saved = *cut;
		*cut = '\0';
		if (stat(dir, &up) != 0 || up.st_dev != st.st_dev) {
			*cut = saved;
			break;
		}
	}
	snprintf(out, n, "%s", dir);
}

int disk_full_err(ipc_err *e, const char *path)
{
	char real[PATH_MAX], mount[PATH_MAX];

	if (!realpath(path, real))
		snprintf(real, sizeof real, "%s", path);
	mount_point(real, mount, sizeof mount);
	return err_kind(e, IPC_E_IO, NULL, _("disk full: no space left to write %s; free space on "
			"the filesystem mounted at %s, then try again"), real, mount);
}

int disk_write_err(ipc_err *e, const char *path)
{
	int errnum = errno;
	char real[PATH_MAX];

	if (disk_full(errnum))
		return disk_full_err(e, path);
	if (!realpath(path, real))
		snprintf(real, sizeof real, "%s", path);
	return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), real, strerror(errnum));
}

int disk_stream_err(ipc_err *e, FILE *f)
{
	char fd[32];

	snprintf(fd, sizeof fd, "/proc/self/fd/%d", fileno(f));
	return disk_write_err(e, fd);
}
