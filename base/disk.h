/* disk — what a failed write says about the disk, in words: a full filesystem (ENOSPC,
 * EDQUOT, SQLite's SQLITE_FULL) is named by where it is mounted, so the officer knows where
 * to free space. */
#ifndef IPCASE_DISK_H
#define IPCASE_DISK_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

/* Is errnum a full disk (no space left, or the user's quota used up)? */
bool disk_full(int errnum);

/* Has the filesystem holding path less than 1 MiB left for us? (SQLite reports a full disk
 * as an I/O error when it cannot grow its shared-memory file.) */
bool disk_nearly_full(const char *path);

/* "disk full: … free space on the filesystem mounted at M", kind IPC_E_IO, for a write of
 * `path` that failed for want of space (a symlink such as /proc/self/fd/1 names the file it
 * points to). Returns -1. */
int disk_full_err(ipc_err *e, const char *path);

/* A write of path failed with errno: disk_full_err when the disk is full, else "cannot write
 * PATH: reason", kind IPC_E_IO. Returns -1. */
int disk_write_err(ipc_err *e, const char *path);

/* The same for a stream whose write or flush failed (stdout redirected to a file: that file
 * is named). */
int disk_stream_err(ipc_err *e, FILE *f);

#endif
