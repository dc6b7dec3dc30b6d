/* import — what changed in the channel since the last imported commit, found by walking both
 * trees and skipping subtrees whose ids are equal (O(changes), not O(records)), imported
 * through db_import; what cannot be imported is quarantined with its reason, once.
 * Invariants, against a hostile tree:
 * - the walk (sync/treewalk) enters only the folders of the format (sync/format), so it is at
 *   most 5 deep; an object met twice and everything outside the format is one quarantine row
 *   and is never entered;
 * - the entries visited are capped (IMPORT_ENTRIES_MAX) and so are the rows of bad paths
 *   (BAD_PATHS_MAX, the rest counted in one row);
 * - the paths gathered before their import and the contents of their ops files (their sizes
 *   read from the objects' headers) hold at most IMPORT_CHUNK_BYTES: the walk stops, what it
 *   gathered is read (in the walk's order) and imported (in records' order), the walk goes
 *   on; an ops file larger than OPS_FILE_MAX is never read. Rosters first: a first walk
 *   takes the channel description, the keys and the types signed by their own (office) key,
 *   a second the rest, so who may write what is known before their writers' ops are. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "db/op.h"
#include "db/rules/case.h"
#include "db/schema.h"
#include "db/search.h"
#include "db/store.h"
#include "sync/chan.h"
#include "sync/format.h"
#include "sync/treewalk.h"

enum kind { K_FORMAT, K_KEY, K_FILE, K_OPS, K_OTHER, K_NKINDS };

struct item {
	char *path;
	git_oid id;
	const char *why; /* K_OTHER: why it is outside the format */
	size_t off, len; /* K_OPS: where its content is in the chunk's text; len SIZE_MAX: too large */
};

#define VERIFY_BATCH 2048  /* lines whose signatures are checked together */

/* Lines waiting for their signature check (in the chunk's text), and the results. */
struct batch {
	const char *path[VERIFY_BATCH], *line[VERIFY_BATCH];
	size_t len[VERIFY_BATCH], n;
	struct op ops[VERIFY_BATCH];
	int rc[VERIFY_BATCH];
	ipc_err errs[VERIFY_BATCH];
	pthread_t thread;
	bool checking;     /* thread runs op_parse_many over it */
};

struct imp {
	struct chan *c;
	struct sync_stats *st;
	ipc_err *e;
	struct item *items[K_NKINDS];
	size_t n[K_NKINDS], cap[K_NKINDS];
	char (*records)[37]; /* records that received ops, to count them */
	size_t nrec, caprec;
	long since_commit;   /* imports in the current transaction */
	double chunk_began;  /* when it began, ms */
	/* two batches: one being filled while the other's signatures are checked */
	struct batch batch[2];
	int cur;
	size_t chunk_bytes;  /* memory the gathered items and their ops files' contents take */
	size_t chunk_max;    /* and at most (chunk_max) */
	git_odb *odb;        /* the channel's objects, for the sizes of ops files */
	char *text;          /* the contents of the chunk's ops files, read in the walk's order */
	size_t ntext, captext; /* their size in all; the room of text, kept from chunk to chunk
				* (freed and allocated again, 20-60 MB blocks left holes in the heap) */
	long entries;        /* tree entries visited */
	long bad_paths;      /* paths outside the format met */
};

#define IMPORT_TX_OPS 2000 /* ops per transaction: the screen never waits long for the store */

static int quarantine(struct imp *im, const char *path, const char *line, size_t len,
		      const char *reason, const char *actor)
{
	bool fresh;

	if (db_quarantine_add(im->c->d, im->c->channel, path, line, len, reason, actor, &fresh, im->e))
		return -1;
	im->st->quarantined += fresh;
	return 0;
}

/* Peers' channels hold a few million entries at the most (100 000 cases are ~600 000); more
 * is an attempt to keep the import busy forever. */
#define IMPORT_ENTRIES_MAX 20000000L
/* A chunk: its items and their ops files' contents, some 50 000 files of a first sync at
 * 100 000 cases. A larger one sorts more of the channel into records' order (an index's
 * inserts touch fewer pages a transaction); this one keeps a colleague's first sync at the
 * memory it took before contents were read ahead (216-226 MB at 100 000 cases; 64 MB: 261). */
#define IMPORT_CHUNK_BYTES ((size_t)40 << 20)

/* IMPORT_CHUNK_BYTES, or the bytes IPCASE_IMPORT_CHUNK says (tests cut small channels into
 * many chunks with it). */
static size_t chunk_max(void)
{
	const char *env = getenv("IPCASE_IMPORT_CHUNK");
	long long n = env ? strtoll(env, NULL, 10) : 0;

	return n > 0 ? (size_t)n : IMPORT_CHUNK_BYTES;
}

/* One record's ops by one writer: even thousands of edits stay far below this. A larger
 * file is a peer's attempt to exhaust our memory. */
#define OPS_FILE_MAX ((size_t)64 << 20)
#define BAD_PATHS_MAX 100 /* quarantine rows of their own; more are counted in one */

/* The size of an ops file: read from its object's header (in the walk's order, the packs'
 * order: cheap), before it is read into memory; SIZE_MAX when larger than a peer may send. */
static size_t ops_size(struct imp *im, const git_oid *id)
{
	git_object_t type;
	size_t size = 0;

	git_odb_read_header(&size, &type, im->odb, id);
	return size > OPS_FILE_MAX ? SIZE_MAX : size;
}

static int add_item(struct imp *im, enum kind k, const char *path, const git_oid *id,
		    const char *why)
{
	struct item *it = grow(im->items[k], &im->cap[k], im->n[k], sizeof *it);

	if (!it)
		return err_nomem(im->e);
	im->items[k] = it;
	it = &im->items[k][im->n[k]++];
	*it = (struct item){.path = strdup(path), .id = *id, .why = why};
	im->chunk_bytes += sizeof *it + strlen(path) + 1;
	if (k == K_OPS && (it->len = ops_size(im, id)) != SIZE_MAX) {
		it->off = im->ntext;
		im->ntext += it->len;
		im->chunk_bytes += it->len;
	}
	return it->path ? 0 : err_nomem(im->e);
}

/* An entry outside the format: its own quarantine row, up to BAD_PATHS_MAX of them. */
static int add_bad(struct imp *im, const struct tw_entry *en, const char *why)
{
	if (++im->bad_paths > BAD_PATHS_MAX)
		return 0;
	return add_item(im, K_OTHER, en->path, git_tree_entry_id(en->te), why);
}

static const enum kind kind_of[] = {
	[FMT_FORMAT] = K_FORMAT, [FMT_KEY] = K_KEY, [FMT_FILE] = K_FILE, [FMT_OPS] = K_OPS,
};

/* Does this walk (0: the description, keys and the types signed by their own key; 1: the
 * rest) take the entry of this kind at this path? */
static bool in_walk(int walk, const char *path, enum fmt_kind k)
{
	char type[32];
	const struct rtype *t;

	if (k == FMT_FORMAT || k == FMT_KEY || (k == FMT_DIR && strcmp(path, "keys") == 0))
		return walk == 0;
	if (k == FMT_DIR && strcmp(path, "ops") == 0)
		return true;
	if (!fmt_ops_type(path, type, sizeof type))
		return walk == 1; /* files/ */
	t = schema_type(type);
	return (t && t->own_key) == (walk == 0);
}

/* Gathers the entries of the walk until its end (returns 0) or until the chunk is full
 * (returns 1): what `to` holds and `from` lacks, paths of the format only. */
static int gather(struct imp *im, struct treewalk *w, int walk)
{
	struct tw_entry en;
	int more = 0, rc = 0;

	while (!rc && im->chunk_bytes < im->chunk_max && (more = tw_next(w, &en, im->e)) == 1) {
		enum fmt_kind k = en.path_cut ? FMT_BAD
				  : fmt_kind(en.path, git_tree_entry_filemode(en.te));
		if (++im->entries > IMPORT_ENTRIES_MAX)
			return quarantine(im, "", "", 0, "the channel holds more than 20 million "
					  "entries: the rest is not imported", NULL);
		if (k == FMT_BAD)
			rc = add_bad(im, &en, git_tree_entry_type(en.te) == GIT_OBJECT_COMMIT
						      ? "a submodule (gitlink), not a file"
						      : "path outside the format");
		else if (!in_walk(walk, en.path, k))
			continue;
		else if (en.repeated) /* a valid object has one place: a copy is a bomb's */
			rc = add_bad(im, &en, "the same object again at another path");
		else if (k == FMT_DIR)
			rc = tw_enter(w, im->e);
		else
			rc = add_item(im, kind_of[k], en.path, git_tree_entry_id(en.te), NULL);
	}
	if (rc || more < 0)
		return -1;
	return im->chunk_bytes >= im->chunk_max;
}

static int blob_get(struct imp *im, const git_oid *id, git_blob **out)
{
	return git_blob_lookup(out, im->c->repo, id) ? chan_giterr(im->e, "reading the channel") : 0;
}

static int import_format(struct imp *im, struct item *it)
{
	git_blob *b;
	int v, rc;

	if (blob_get(im, &it->id, &b))
		return -1;
	v = fmt_format_of(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	if (v < 0)
		rc = quarantine(im, it->path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
				"ipcase.json is not a channel description", NULL);
	else if (v > SYNC_FORMAT)
		rc = quarantine(im, it->path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
				"channel format is newer than this program: upgrade ipcase", NULL);
	else
		rc = 0;
	git_blob_free(b);
	return rc;
}

static int import_key(struct imp *im, struct item *it)
{
	struct db_identity who;
	git_blob *b;
	ipc_err why;
	int rc;

	if (blob_get(im, &it->id, &b))
		return -1;
	if (!fmt_blob_right(FMT_KEY, it->path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
			    &who, &why))
		rc = quarantine(im, it->path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
				why.msg, NULL);
	else
		rc = db_actor_add(im->c->d, &who, im->e);
	git_blob_free(b);
	return rc;
}

static int import_file(struct imp *im, struct item *it)
{
	git_blob *b;
	ipc_err why;
	int rc = 0;

	if (blob_get(im, &it->id, &b))
		return -1;
	if (db_file_put(im->c->d, it->path + 9, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
			&why))
		rc = quarantine(im, it->path, "", 0, why.msg, NULL);
	git_blob_free(b);
	return rc;
}

/* Each transaction of the import is short: a writer beside us (the screen) waits on its busy
 * handler. SQLite queues no one, and a waiting writer tries again every 2 ms
 * (db/workspace.c): it would never find the store free if the next chunk began at once, hence
 * the pause, a few of its tries long (at 25 ms, with SQLite's 100 ms between tries, the pauses
 * were a tenth of a large import). */
#define CHUNK_MS 250
#define CHUNK_PAUSE_US 8000

static double ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Commits the transaction and begins the next, after the pause. */
static int chunk_next(struct imp *im)
{
	im->since_commit = 0;
	if (db_commit(im->c->d, im->e))
		return -1;
	usleep(CHUNK_PAUSE_US);
	im->chunk_began = ms_now();
	return db_begin(im->c->d, im->e);
}

static int commit_chunk(struct imp *im)
{
	if (++im->since_commit < IMPORT_TX_OPS && ms_now() - im->chunk_began < CHUNK_MS)
		return 0;
	return chunk_next(im);
}

static int note_record(struct imp *im, const char *record)
{
	char (*r)[37] = grow(im->records, &im->caprec, im->nrec, sizeof *r);

	if (!r)
		return err_nomem(im->e);
	im->records = r;
	memcpy(im->records[im->nrec++], record, 37);
	return 0;
}

/* What a verified op does to the store, or why it cannot. */
static int import_verified(struct imp *im, const char *path, struct op *o, const char *line,
			   size_t n)
{
	const struct rtype *t;
	ipc_err why;
	int got;

	if (!fmt_ops_filed(path, o->type, o->record, o->actor))
		return quarantine(im, path, line, n, "op filed under the path of another record, "
				  "type or writer", NULL);
	if ((t = schema_type(o->type)) && !schema_travels(t, im->c->channel))
		return quarantine(im, path, line, n, _("this record type does not travel in this "
						       "channel"), NULL);
	got = db_import_parsed(im->c->d, o, line, n, &why);
	if (DB_IMPORT_WAITS(got))
		return quarantine(im, path, line, n, why.msg, o->actor);
	if (got < 0)
		return quarantine(im, path, line, n, why.msg, NULL);
	if (got == 1) {
		im->st->ops_received++;
		return note_record(im, o->record) ? -1 : commit_chunk(im);
	}
	return 0;
}

static void *check_batch(void *arg)
{
	struct batch *b = arg;

	op_parse_many(b->line, b->len, b->ops, b->rc, b->errs, b->n);
	return NULL;
}

/* Waits for the batch's check, then imports it (or quarantines what failed) and frees it. */
static int import_batch(struct imp *im, struct batch *b)
{
	int rc = 0;

	if (b->checking)
		pthread_join(b->thread, NULL);
	else
		check_batch(b);
	b->checking = false;
	for (size_t i = 0; i < b->n; i++) {
		if (!rc)
			rc = b->rc[i] ? quarantine(im, b->path[i], b->line[i], b->len[i], b->errs[i].msg, NULL)
				      : import_verified(im, b->path[i], &b->ops[i], b->line[i], b->len[i]);
		if (!b->rc[i])
			op_clear(&b->ops[i]);
	}
	b->n = 0;
	return rc;
}

/* The current batch is full: its signatures are checked on other threads while this one
 * imports the previous batch (verification and the store's writes overlap). */
static int flush_batch(struct imp *im)
{
	struct batch *full = &im->batch[im->cur], *prev = &im->batch[!im->cur];

	full->checking = pthread_create(&full->thread, NULL, check_batch, full) == 0;
	im->cur = !im->cur;
	return prev->n ? import_batch(im, prev) : 0;
}

/* The end: both batches, in order; the last one's signatures are checked on other threads
 * while the one before it is imported. */
static int finish_batches(struct imp *im)
{
	if (im->batch[im->cur].n && flush_batch(im))
		return -1;
	return im->batch[!im->cur].n ? import_batch(im, &im->batch[!im->cur]) : 0;
}

/* Cheap checks first; what passes waits for the batch signature check. */
static int import_line(struct imp *im, const char *path, const char *line, size_t n)
{
	if (n > OP_LINE_MAX)
		return quarantine(im, path, line, 256, "op line longer than 64 KiB", NULL);
	if (db_op_has_line(im->c->d, line, n))
		return 0; /* this very line is already ours */
	struct batch *b = &im->batch[im->cur];

	b->path[b->n] = path;
	b->line[b->n] = line;
	b->len[b->n++] = n;
	return b->n == VERIFY_BATCH ? flush_batch(im) : 0;
}

/* Reads the chunk's ops files into its text, in the walk's order: that of the packs. Read in
 * records' order, a first sync's files jumped between packs larger than the windows libgit2
 * maps (sync/chan.c), 30-35 us a file instead of 9-11. */
static int ops_files_load(struct imp *im)
{
	git_blob *b;

	if (im->ntext > im->captext) {
		free(im->text);
		if (!(im->text = malloc(im->ntext))) {
			im->captext = 0;
			return err_nomem(im->e);
		}
		im->captext = im->ntext;
	}
	for (size_t i = 0; i < im->n[K_OPS]; i++) {
		struct item *it = &im->items[K_OPS][i];
		if (it->len == SIZE_MAX)
			continue;
		if (blob_get(im, &it->id, &b))
			return -1;
		/* what the header said, or the object changed under us: read no more than that */
		if ((size_t)git_blob_rawsize(b) < it->len)
			it->len = (size_t)git_blob_rawsize(b);
		memcpy(im->text + it->off, git_blob_rawcontent(b), it->len);
		git_blob_free(b);
	}
	return 0;
}

static int import_ops_file(struct imp *im, struct item *it)
{
	const char *p, *end;
	int rc = 0;

	if (it->len == SIZE_MAX)
		return quarantine(im, it->path, "", 0, "ops file larger than 64 MiB", NULL);
	p = im->text + it->off;
	end = p + it->len;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		if (n)
			rc = import_line(im, it->path, p, n);
		p += n + 1;
	}
	return rc;
}

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(a, b);
}

static long distinct_records(struct imp *im)
{
	long n = 0;

	if (im->nrec)
		qsort(im->records, im->nrec, sizeof *im->records, cmp_rec);
	for (size_t i = 0; i < im->nrec; i++)
		n += i == 0 || strcmp(im->records[i], im->records[i - 1]) != 0;
	return n;
}

/* The pass that imports an ops file (ops/<type>/…): the types signed by their own (office)
 * key first, in the order of the registry (an office before its roster), then the rest. */
static size_t pass_of(const char *path)
{
	char type[32];
	const struct rtype *t;

	if (!fmt_ops_type(path, type, sizeof type) || !(t = schema_type(type)) || !t->own_key)
		return schema_ntypes;
	for (size_t i = 0; i < schema_ntypes; i++)
		if (schema_types[i] == t)
			return i;
	return schema_ntypes;
}

static int item_cmp(const void *a, const void *b)
{
	return fmt_ops_cmp(((const struct item *)a)->path, ((const struct item *)b)->path);
}

/* The chunk's ops files in the order of their records' creation, not the walk's (shard by
 * shard): at 100 000 cases, in the walk's order, every insert into an index keyed by record
 * landed on a page of its own, and the import wrote 18 GB for a store of 1.2 GB. */
static int import_ops(struct imp *im)
{
	/* each own-key type its own pass (its fold done before the next is judged) */
	unsigned char *pass_of_item = malloc(im->n[K_OPS] + 1);
	int rc = 0;

	if (!pass_of_item)
		return err_nomem(im->e);
	rc = ops_files_load(im);
	if (!rc && im->n[K_OPS] > 1)
		qsort(im->items[K_OPS], im->n[K_OPS], sizeof *im->items[K_OPS], item_cmp);
	for (size_t i = 0; i < im->n[K_OPS]; i++)
		pass_of_item[i] = (unsigned char)pass_of(im->items[K_OPS][i].path);
	for (size_t pass = 0; pass <= schema_ntypes && !rc; pass++) {
		if (pass < schema_ntypes && !schema_types[pass]->own_key)
			continue;
		for (size_t i = 0; i < im->n[K_OPS] && !rc; i++) {
			if (pass_of_item[i] != pass)
				continue;
			if ((i % 500 == 0 || i + 1 == im->n[K_OPS])
			    && (rc = chan_progress(im->c, "importing", i + 1, im->n[K_OPS], im->e)))
				break;
			rc = import_ops_file(im, &im->items[K_OPS][i]);
		}
		rc = rc ? rc : finish_batches(im);
	}
	free(pass_of_item);
	return rc;
}

/* Forgets the lines an import that failed left in the batches, once their checks are done
 * (they read the chunk's text). */
static void batches_drop(struct imp *im)
{
	for (int k = 0; k < 2; k++) {
		struct batch *b = &im->batch[k];
		if (b->checking)
			pthread_join(b->thread, NULL);
		for (size_t i = 0; i < b->n; i++)
			if (b->checking && !b->rc[i])
				op_clear(&b->ops[i]);
		b->checking = false;
		b->n = 0;
	}
}

/* Gives back the room of the chunks' text. */
static void text_drop(struct imp *im)
{
	free(im->text);
	im->text = NULL;
	im->captext = 0;
}

/* Forgets the chunk's items and text, and the lines of the batches that point into them. */
static void items_clear(struct imp *im)
{
	batches_drop(im);
	for (int k = 0; k < K_NKINDS; k++) {
		for (size_t i = 0; i < im->n[k]; i++)
			free(im->items[k][i].path);
		im->n[k] = 0;
	}
	im->chunk_bytes = 0;
	im->ntext = 0;
}

/* Imports the items gathered, then forgets them. */
static int import_chunk(struct imp *im)
{
	long retried;
	int rc = 0;

	for (size_t i = 0; i < im->n[K_FORMAT] && !rc; i++)
		rc = import_format(im, &im->items[K_FORMAT][i]);
	for (size_t i = 0; i < im->n[K_KEY] && !rc; i++)
		rc = import_key(im, &im->items[K_KEY][i]);
	if (!rc && im->n[K_KEY] && db_quarantine_retry(im->c->d, &retried, im->e) == 0)
		im->st->ops_received += retried;
	for (size_t i = 0; i < im->n[K_FILE] && !rc; i++)
		rc = import_file(im, &im->items[K_FILE][i]);
	for (size_t i = 0; i < im->n[K_OTHER] && !rc; i++)
		rc = quarantine(im, im->items[K_OTHER][i].path, "", 0, im->items[K_OTHER][i].why, NULL);
	rc = rc ? rc : import_ops(im);
	items_clear(im);
	return rc;
}

static int commit_tree_id(git_repository *repo, const git_oid *commit, git_oid *out, ipc_err *e)
{
	git_commit *c;

	if (git_commit_lookup(&c, repo, commit))
		return chan_giterr(e, "reading the channel");
	git_oid_cpy(out, git_commit_tree_id(c));
	git_commit_free(c);
	return 0;
}

/* Both walks, each in chunks; then the paths beyond BAD_PATHS_MAX in one row, and the ops
 * refused for a writer not yet admitted whose admission this import brought. */
static int import_walks(struct imp *im, const git_oid *from, const git_oid *to)
{
	long retried;
	int more = 0;

	for (int walk = 0; walk < 2; walk++) {
		struct treewalk *w;
		if (tw_start(&w, im->c->repo, &from, 1, to, im->e))
			return -1;
		do {
			more = gather(im, w, walk);
			if (more >= 0 && import_chunk(im))
				more = -1;
		} while (more == 1);
		tw_free(w);
		if (more < 0)
			return -1;
	}
	if (im->bad_paths > BAD_PATHS_MAX) {
		char why[128];
		snprintf(why, sizeof why, "%ld more paths outside the format, or copies of an object",
			 im->bad_paths - BAD_PATHS_MAX);
		if (quarantine(im, "", "", 0, why, NULL))
			return -1;
	}
	if (db_quarantine_retry(im->c->d, &retried, im->e))
		return -1;
	im->st->ops_received += retried;
	return 0;
}

/* The cases whose refresh the import put off, refreshed in the import's short transactions
 * (the first with the last ops imported: a small import takes no more), 500 at a time (some
 * 100 ms), with progress: 100 000 cases take some 20 s. Their figures are added together at
 * the end (db/rules/stats). */
#define REFRESH_STEP 500

static int refresh_pending(struct imp *im)
{
	size_t total = case_pending_count(im->c->d), done = 0;
	bool more = true;

	if (search_bulk(im->c->d, true, im->e))
		return -1;
	while (more) {
		if (chan_progress(im->c, "refreshing", done, total, im->e)
		    || case_flush_pending(im->c->d, REFRESH_STEP, &more, im->e)
		    || (ms_now() - im->chunk_began >= CHUNK_MS && chunk_next(im)))
			return -1;
		done = done + REFRESH_STEP < total ? done + REFRESH_STEP : total;
	}
	return search_bulk(im->c->d, false, im->e);
}

static int imported_mark(struct chan *c, const git_oid *to, ipc_err *e)
{
	char key[64], hex[GIT_OID_HEXSZ + 1];

	snprintf(key, sizeof key, "sync.%s.imported", c->channel);
	git_oid_tostr(hex, sizeof hex, to);
	return db_meta_set(c->d, key, hex, e);
}

int chan_import(struct chan *c, const git_oid *from, const git_oid *to, struct sync_stats *st,
		ipc_err *e)
{
	struct imp *im = calloc(1, sizeof *im); /* two batches of 2048 ops: too big for a stack */
	git_oid tfrom, tto;
	int64_t conflicts = db_conflict_count(c->d);
	int walked, rc = -1;

	if (!im)
		return err_nomem(e);
	im->c = c;
	im->st = st;
	im->e = e;
	im->chunk_max = chunk_max();
	if ((from && commit_tree_id(c->repo, from, &tfrom, e)) || commit_tree_id(c->repo, to, &tto, e))
		goto out;
	if (git_repository_odb(&im->odb, c->repo)) {
		chan_giterr(e, "reading the channel");
		goto out;
	}
	if (db_bulk(c->d, true, e) || db_begin(c->d, e))
		goto out;
	im->chunk_began = ms_now();
	/* the walk reads each tree once: libgit2's cache would keep every record's tree it met
	 * (the most of a large import's memory), so it is off meanwhile; so is the hash of every
	 * object read (a twentieth of a first sync's writer): a network fetch's indexer hashed
	 * each object it took in, and whatever a tree holds (also one from packs copied off a
	 * path, not hashed) each op is checked by its own hash and signature, each path against
	 * the format: a tree whose content is not its id can only show or hide files, as any
	 * tree a peer pushes can; the refresh of the cases waits for the end (a case would be
	 * refreshed again for each type of its records) */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	case_defer(c->d, true);
	walked = import_walks(im, from ? &tfrom : NULL, &tto);
	items_clear(im); /* the text's room, before the refresh's memory */
	text_drop(im);
	walked = walked || refresh_pending(im);
	case_defer(c->d, false);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	if (walked) {
		db_rollback(c->d);
		st->ops_received -= im->since_commit; /* the chunk rolled back is not received */
		goto out;
	}
	/* what was imported last, in a transaction of its own that flushes them all (a handle
	 * leaves bulk mode between transactions): a kill before it imports them again, each op
	 * found known */
	if (db_commit(c->d, e) || db_bulk(c->d, false, e) || db_begin(c->d, e)
	    || imported_mark(c, to, e) || db_commit(c->d, e)) {
		db_rollback(c->d);
		goto out;
	}
	st->records_received += distinct_records(im);
	st->conflicts += db_conflict_count(c->d) - conflicts;
	rc = 0;
out:
	if (rc)
		db_bulk(c->d, false, NULL);
	items_clear(im);
	text_drop(im);
	git_odb_free(im->odb);
	for (int k = 0; k < K_NKINDS; k++)
		free(im->items[k]);
	free(im->records);
	free(im);
	return rc;
}
