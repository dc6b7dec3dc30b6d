/* objbatch — a sync's new objects in memory, written by us as one pack and its index (the
 * formats of git's Documentation/gitformat-pack: pack version 2, index version 2), deflated
 * on two threads. */
#include "sync/objbatch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>

#include "base/disk.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/sha1.h"

struct object {
	git_oid id;
	git_object_t type;
	size_t len;
	unsigned char *data;
	/* filled while the pack is written */
	uint64_t offset;
	uint32_t crc;
};

struct batch {
	git_odb_backend parent;
	git_odb *src;        /* where the noted objects (data NULL until written) are read */
	struct object *obj;  /* in the order written: a pack may hold them in any order */
	size_t n, cap;
	size_t *slot;        /* open addressing over obj: index + 1, 0 for empty */
	size_t nslot;        /* a power of two, at least twice n */
};

static size_t hash_of(const git_oid *id, size_t nslot)
{
	size_t h;

	memcpy(&h, id->id, sizeof h); /* an object name is already uniformly random */
	return h & (nslot - 1);
}

/* The slot of `id`: where it is, or the empty slot where it would go. */
static size_t *slot_find(struct batch *b, const git_oid *id)
{
	size_t i = hash_of(id, b->nslot);

	while (b->slot[i] && !git_oid_equal(&b->obj[b->slot[i] - 1].id, id))
		i = (i + 1) & (b->nslot - 1);
	return &b->slot[i];
}

static struct object *find(struct batch *b, const git_oid *id)
{
	size_t *s = b->nslot ? slot_find(b, id) : NULL;

	return s && *s ? &b->obj[*s - 1] : NULL;
}

static int rehash(struct batch *b, size_t nslot)
{
	size_t *slot = calloc(nslot, sizeof *slot);

	if (!slot)
		return -1;
	free(b->slot);
	b->slot = slot;
	b->nslot = nslot;
	for (size_t i = 0; i < b->n; i++)
		*slot_find(b, &b->obj[i].id) = i + 1;
	return 0;
}

/* Adds an object (its bytes copied, or none: noted), unless the batch has it. 1 when added,
 * 0 when it had it, -1 when memory runs out (a libgit2 error set). */
static int batch_add(struct batch *b, const git_oid *id, const void *data, size_t len,
		     git_object_t type)
{
	struct object *more;

	if (find(b, id))
		return 0;
	if (2 * (b->n + 1) > b->nslot && rehash(b, b->nslot ? 2 * b->nslot : 1024))
		goto nomem;
	if (!(more = grow(b->obj, &b->cap, b->n, sizeof *more)))
		goto nomem;
	b->obj = more;
	more = &b->obj[b->n];
	*more = (struct object){.id = *id, .type = type, .len = len};
	if (data) {
		if (!(more->data = malloc(len ? len : 1)))
			goto nomem;
		memcpy(more->data, data, len);
	}
	*slot_find(b, id) = ++b->n;
	return 1;
nomem:
	git_error_set_oom();
	return -1;
}

static int batch_write(git_odb_backend *be, const git_oid *id, const void *data, size_t len,
		       git_object_t type)
{
	return batch_add((struct batch *)be, id, data, len, type) < 0 ? -1 : 0;
}

int objbatch_note(git_odb_backend *be, git_odb *src, const git_oid *id, git_object_t type)
{
	struct batch *b = (struct batch *)be;

	b->src = src;
	return batch_add(b, id, NULL, 0, type);
}

int objbatch_put(git_odb_backend *be, const void *data, size_t len, git_object_t type,
		 git_oid *id)
{
	char head[64];
	int n = snprintf(head, sizeof head, "%s %zu", git_object_type2string(type), len);
	struct sha1 s;

	sha1_init(&s);
	sha1_update(&s, head, (size_t)n + 1); /* with its NUL */
	sha1_update(&s, data, len);
	sha1_final(&s, id->id);
	return batch_write(be, id, data, len, type);
}

static int batch_read(void **data, size_t *len, git_object_t *type, git_odb_backend *be,
		      const git_oid *id)
{
	struct object *o = find((struct batch *)be, id);

	if (!o || !o->data) /* noted: a batch given to an odb holds none */
		return GIT_ENOTFOUND;
	if (!(*data = git_odb_backend_data_alloc(be, o->len ? o->len : 1))) {
		git_error_set_oom();
		return -1;
	}
	memcpy(*data, o->data, o->len);
	*len = o->len;
	*type = o->type;
	return 0;
}

static int batch_read_header(size_t *len, git_object_t *type, git_odb_backend *be,
			     const git_oid *id)
{
	struct object *o = find((struct batch *)be, id);

	if (!o)
		return GIT_ENOTFOUND;
	*len = o->len;
	*type = o->type;
	return 0;
}

static int batch_exists(git_odb_backend *be, const git_oid *id)
{
	return find((struct batch *)be, id) != NULL;
}

static void batch_empty(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->obj[i].data);
	b->n = 0;
	if (b->nslot)
		memset(b->slot, 0, b->nslot * sizeof *b->slot);
}

static void batch_free(git_odb_backend *be)
{
	struct batch *b = (struct batch *)be;

	batch_empty(b);
	free(b->obj);
	free(b->slot);
	free(b);
}

int objbatch_new(git_odb_backend **out)
{
	struct batch *b = calloc(1, sizeof *b);

	if (!b || git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION)) {
		free(b);
		return -1;
	}
	b->parent.write = batch_write;
	b->parent.read = batch_read;
	b->parent.read_header = batch_read_header;
	b->parent.exists = batch_exists;
	b->parent.free = batch_free;
	*out = &b->parent;
	return 0;
}

bool objbatch_has(git_odb_backend *be, const git_oid *id)
{
	return find((struct batch *)be, id) != NULL;
}

/* ---- writing a pack ---- */

/* A file being written, with the SHA-1 of everything written so far. */
struct out {
	FILE *f;
	struct sha1 sum;
	uint64_t at;
	const char *path;
	ipc_err *e;
};

static int out_put(struct out *o, const void *p, size_t n)
{
	sha1_update(&o->sum, p, n);
	o->at += n;
	return fwrite(p, 1, n, o->f) == n ? 0 : disk_write_err(o->e, o->path);
}

static int out_u32(struct out *o, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 8), (unsigned char)v};

	return out_put(o, b, 4);
}

#define TMP_PREFIX "tmp_ipcase_"

void objbatch_sweep(const char *packdir)
{
	char path[1400];
	struct dirent *de;
	DIR *dp = opendir(packdir);

	if (!dp)
		return;
	while ((de = readdir(dp)))
		if (!strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX))) {
			snprintf(path, sizeof path, "%s/%s", packdir, de->d_name);
			unlink(path);
		}
	closedir(dp);
}

/* Opens a temporary file in dir for writing (read-only once written, as git's packs; the
 * workspace's owner's alone, as everything in it). */
static int out_open(struct out *o, char *path, size_t n, const char *dir, ipc_err *e)
{
	int fd;

	snprintf(path, n, "%s/" TMP_PREFIX "%d_XXXXXX", dir, (int)getpid());
	*o = (struct out){.path = path, .e = e};
	sha1_init(&o->sum);
	if ((fd = mkstemp(path)) < 0 || fchmod(fd, 0400) != 0 || !(o->f = fdopen(fd, "wb"))) {
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		return disk_write_err(e, path);
	}
	return 0;
}

/* Ends the file: its checksum last (when `sum` is given), flushed to the disk. */
static int out_close(struct out *o, unsigned char sum[SHA1_LEN])
{
	int rc = 0;

	if (sum) {
		sha1_final(&o->sum, sum);
		rc = fwrite(sum, 1, SHA1_LEN, o->f) == SHA1_LEN ? 0 : -1;
	}
	if (rc || fflush(o->f) != 0 || fsync(fileno(o->f)) != 0) {
		fclose(o->f);
		return disk_write_err(o->e, o->path);
	}
	return fclose(o->f) == 0 ? 0 : disk_write_err(o->e, o->path);
}

/* Objects are deflated a chunk at a time on two threads (deflate is most of a first sync's
 * work: a million objects at 100 000 cases), then written in order; a chunk's compressed
 * copies are all the memory this adds. libdeflate's fastest level: over the 203 784 objects
 * of a first sync of 20 000 demo cases (436 bytes on average) 7.4–7.9 µs an object, against
 * zlib's fastest 13.4–16.1 µs, both to 76 %. */
#define ZIP_CHUNK 4096

struct zip_job {
	struct object *obj;
	unsigned char **z;  /* each object's deflated data… */
	size_t *zlen;       /* …and its length */
	size_t from, n;     /* this job's objects: from, from + 2, … below n */
	bool failed;
};

static void *zip_run(void *arg)
{
	struct zip_job *j = arg;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);

	j->failed = !c;
	for (size_t i = j->from; i < j->n && !j->failed; i += 2) {
		size_t cap = libdeflate_zlib_compress_bound(c, j->obj[i].len);
		if (!(j->z[i] = malloc(cap))) {
			j->failed = true;
			break;
		}
		/* room for the bound: 0 only on a fault */
		j->zlen[i] = libdeflate_zlib_compress(c, j->obj[i].data, j->obj[i].len, j->z[i], cap);
		j->failed = j->zlen[i] == 0;
	}
	libdeflate_free_compressor(c);
	return NULL;
}

/* One object: its type and size header, then its deflated data; its offset and the CRC-32
 * of both, for the index. */
static int pack_object(struct out *o, struct object *ob, const unsigned char *z, size_t zlen)
{
	unsigned char head[16];
	size_t n = 0, len = ob->len;

	ob->offset = o->at;
	head[n++] = (unsigned char)((len > 15 ? 0x80 : 0) | (unsigned)ob->type << 4 | (len & 15));
	for (len >>= 4; len; len >>= 7)
		head[n++] = (unsigned char)((len > 127 ? 0x80 : 0) | (len & 127));
	ob->crc = libdeflate_crc32(libdeflate_crc32(0, head, n), z, zlen);
	return out_put(o, head, n) || out_put(o, z, zlen) ? -1 : 0;
}

/* Bytes of noted objects a chunk reads at most (one object at least): a channel's big trees
 * (its shards, in each commit of a first sync's chain) lie together in a walk's order, and
 * 4096 of the biggest at 100 000 demo cases (58 KB) would be 238 MB. */
#define ZIP_READ_MAX ((size_t)16 << 20)

/* ZIP_READ_MAX, or the bytes IPCASE_PACK_READ says (tests cut a small gc into many chunks). */
static size_t read_max(void)
{
	const char *env = getenv("IPCASE_PACK_READ");
	long long n = env ? strtoll(env, NULL, 10) : 0;

	return n > 0 ? (size_t)n : ZIP_READ_MAX;
}

/* Reads noted objects of a chunk from src (libgit2 checks each one's hash), held in held[]
 * while the chunk is written: of the n, as many as read_max() bytes of them hold. Returns
 * how many, or -1. */
static ssize_t chunk_read(git_odb *src, struct object *obj, size_t n, git_odb_object **held,
			  ipc_err *e)
{
	char hex[GIT_OID_HEXSZ + 1];
	size_t bytes = 0, most = read_max(), i;

	for (i = 0; i < n && (i == 0 || bytes < most); i++) {
		if (obj[i].data)
			continue;
		if (!src || git_odb_read(&held[i], src, &obj[i].id)) {
			git_oid_tostr(hex, sizeof hex, &obj[i].id);
			return err_kind(e, IPC_E_CORRUPT, NULL, _("cannot read object %s of the "
					"channel's repository"), hex);
		}
		obj[i].data = (void *)git_odb_object_data(held[i]);
		obj[i].len = git_odb_object_size(held[i]);
		obj[i].type = git_odb_object_type(held[i]); /* what it is, whatever its tree said */
		bytes += obj[i].len;
	}
	return (ssize_t)i;
}

/* Of the objects of a chunk (n at most; the noted ones read from src), deflates as many as
 * chunk_read holds, the odd ones on a thread of their own, and writes them. Returns how many,
 * or -1. */
static ssize_t pack_chunk(struct out *o, git_odb *src, struct object *obj, size_t n)
{
	unsigned char *z[ZIP_CHUNK] = {0};
	size_t zlen[ZIP_CHUNK];
	git_odb_object *held[ZIP_CHUNK] = {0};
	ssize_t got = chunk_read(src, obj, n, held, o->e);
	struct zip_job even = {obj, z, zlen, 0, 0, false}, odd = {obj, z, zlen, 1, 0, false};
	pthread_t t;
	bool threaded;
	int rc = got < 0 ? -1 : 0;

	if (rc)
		goto out;
	even.n = odd.n = (size_t)got;
	threaded = got > 1 && pthread_create(&t, NULL, zip_run, &odd) == 0;
	zip_run(&even);
	if (threaded)
		pthread_join(t, NULL);
	else
		zip_run(&odd);
	if (even.failed || odd.failed)
		rc = err_kind(o->e, IPC_E_INTERNAL, NULL, "%s", _("compressing an object failed"));
	for (ssize_t i = 0; !rc && i < got; i++)
		rc = pack_object(o, &obj[i], z[i], zlen[i]);
out:
	for (size_t i = 0; i < n; i++) {
		free(z[i]);
		if (held[i]) { /* noted again: the batch owns no bytes of it */
			git_odb_object_free(held[i]);
			obj[i].data = NULL;
		}
	}
	return rc ? -1 : got;
}

static int pack_write(struct batch *b, struct out *o, unsigned char sum[SHA1_LEN])
{
	unsigned char head[12] = {'P', 'A', 'C', 'K', 0, 0, 0, 2};
	ssize_t got;
	int rc = -1;

	for (int i = 0; i < 4; i++)
		head[8 + i] = (unsigned char)(b->n >> (24 - 8 * i));
	if (out_put(o, head, sizeof head))
		goto out;
	for (size_t i = 0; i < b->n; i += (size_t)got) {
		got = pack_chunk(o, b->src, &b->obj[i], b->n - i < ZIP_CHUNK ? b->n - i : ZIP_CHUNK);
		if (got < 0)
			goto out;
	}
	rc = 0;
out:
	if (out_close(o, rc ? NULL : sum))
		rc = -1;
	return rc;
}

static int by_id(const void *x, const void *y)
{
	return git_oid_cmp(&(*(struct object *const *)x)->id, &(*(struct object *const *)y)->id);
}

/* The index: the fan-out table, the names sorted, their CRC-32s, their offsets (those past
 * 2 GiB in a table of 64-bit offsets), the pack's checksum, its own. */
static int idx_write(struct object **sorted, size_t n, struct out *o,
		     const unsigned char packsum[SHA1_LEN])
{
	static const unsigned char head[8] = {0xff, 't', 'O', 'c', 0, 0, 0, 2};
	unsigned char sum[SHA1_LEN];
	uint32_t large = 0;
	size_t i = 0;
	int rc = out_put(o, head, sizeof head);

	for (unsigned first = 0; !rc && first < 256; first++) {
		while (i < n && sorted[i]->id.id[0] <= first)
			i++;
		rc = out_u32(o, (uint32_t)i);
	}
	for (i = 0; !rc && i < n; i++)
		rc = out_put(o, sorted[i]->id.id, GIT_OID_RAWSZ);
	for (i = 0; !rc && i < n; i++)
		rc = out_u32(o, sorted[i]->crc);
	for (i = 0; !rc && i < n; i++)
		rc = out_u32(o, sorted[i]->offset < 0x80000000u ? (uint32_t)sorted[i]->offset
								: 0x80000000u | large++);
	for (i = 0; !rc && i < n; i++)
		if (sorted[i]->offset >= 0x80000000u)
			rc = out_u32(o, (uint32_t)(sorted[i]->offset >> 32))
			     || out_u32(o, (uint32_t)sorted[i]->offset);
	if (!rc)
		rc = out_put(o, packsum, SHA1_LEN);
	if (out_close(o, rc ? NULL : sum))
		rc = -1;
	return rc;
}

/* Gives the temporary file at `tmp` its name, pack-<sum>.<ext>, in dir. */
static int out_name(const char *tmp, const char *dir, const unsigned char sum[SHA1_LEN],
		    const char *ext, ipc_err *e)
{
	char path[1300], hex[2 * SHA1_LEN + 1];

	for (int i = 0; i < SHA1_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", sum[i]);
	snprintf(path, sizeof path, "%s/pack-%s.%s", dir, hex, ext);
	if (rename(tmp, path) != 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, strerror(errno));
	return 0;
}

int objbatch_flush(git_odb_backend *be, const char *packdir, char name[GIT_OID_HEXSZ + 1],
		   ipc_err *e)
{
	struct batch *b = (struct batch *)be;
	char packtmp[1300], idxtmp[1300];
	unsigned char sum[SHA1_LEN];
	struct object **sorted = NULL;
	struct out o;
	int rc = -1;

	if (!b->n)
		return 0;
	if (out_open(&o, packtmp, sizeof packtmp, packdir, e))
		return -1;
	if (pack_write(b, &o, sum)) {
		unlink(packtmp);
		return -1;
	}
	idxtmp[0] = '\0';
	if (!(sorted = malloc(b->n * sizeof *sorted))) {
		err_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < b->n; i++) {
		/* an object never written (offset 0 is the pack's header) would be lost with the
		 * packs a gc drops after this one */
		if (!b->obj[i].offset) {
			err_kind(e, IPC_E_INTERNAL, NULL, "%s", _("internal error: an object was "
				 "left out of the pack"));
			goto out;
		}
		sorted[i] = &b->obj[i];
	}
	qsort(sorted, b->n, sizeof *sorted, by_id);
	if (out_open(&o, idxtmp, sizeof idxtmp, packdir, e)
	    || idx_write(sorted, b->n, &o, sum))
		goto out;
	/* the pack first: an index without its pack would name objects that are not there */
	if (out_name(packtmp, packdir, sum, "pack", e))
		goto out;
	packtmp[0] = '\0';
	if (out_name(idxtmp, packdir, sum, "idx", e))
		goto out;
	idxtmp[0] = '\0';
	for (int i = 0; name && i < SHA1_LEN; i++)
		snprintf(name + 2 * i, 3, "%02x", sum[i]);
	batch_empty(b);
	rc = 0;
out:
	if (packtmp[0])
		unlink(packtmp);
	if (idxtmp[0])
		unlink(idxtmp);
	free(sorted);
	return rc;
}
