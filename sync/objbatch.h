/* objbatch — the objects a sync creates (files, trees, commits), gathered in memory as a
 * libgit2 object database backend, and written as one pack with its index by us: each object
 * deflated once, at zlib's fastest level, its name already known. libgit2's way (a
 * packbuilder reading every object back, then an indexer inflating and hashing each again)
 * took most of a first sync's time.
 *
 * Invariant: a pack and its index are written whole (temporary names, fsync, rename, the
 * index last: a pack without its index is invisible) before the batch is emptied; the pack
 * holds every object of the batch, so what a ref will point at is on disk first. */
#ifndef IPCASE_OBJBATCH_H
#define IPCASE_OBJBATCH_H

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <stdbool.h>

#include "base/err.h"

/* A new, empty batch; its free callback (the odb that holds it calls it) frees it all. */
int objbatch_new(git_odb_backend **out);

/* Adds an object to the batch, named by its SHA-1 here (base/sha1) into *id: what
 * git_odb_write does, without libgit2's collision-detecting SHA-1, three times slower, over
 * the most bytes a first sync writes, its files. -1 (a libgit2 error set) when memory runs
 * out. */
int objbatch_put(git_odb_backend *b, const void *data, size_t len, git_object_t type,
		 git_oid *id);

/* Does the batch hold this object? */
bool objbatch_has(git_odb_backend *b, const git_oid *id);

/* Notes an object of src by its name, to be read from src when the batch is written (for a
 * batch no odb holds: its reads do not find noted objects). 1 when noted, 0 when the batch
 * has it already, -1 when memory runs out (a libgit2 error set). A note takes some 75 bytes
 * with its slot: a pack of a million objects is written in memory that grows with their
 * names, not their bytes. */
int objbatch_note(git_odb_backend *b, git_odb *src, const git_oid *id, git_object_t type);

/* Writes every object of the batch as pack-<sha>.pack and .idx into `packdir`, then empties
 * the batch; name (when not NULL) gets the pack's <sha>. Nothing to write: nothing done. */
int objbatch_flush(git_odb_backend *b, const char *packdir, char name[GIT_OID_HEXSZ + 1],
		   ipc_err *e);

/* Removes the temporary files a flush cut short (a kill) left in `packdir`; only for the one
 * who holds the channel's lock. */
void objbatch_sweep(const char *packdir);

#endif
