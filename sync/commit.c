/* commit — writing this device's unsynced ops into the channel's tree, one file per record
 * and writer (ops/<type>/<id[34:36]>/<id>/<actor>.jsonl, append only), with the attachments
 * they name (files/<sha[0:2]>/<sha>), our key (keys/<actor>.json) and the format
 * (ipcase.json); and moving the records a channel still files as format 1 did (format.h).
 * Invariant of the move: a file moved is joined line by line to what its new path holds, so
 * no line is lost, and nothing else changes; the moves are commits of their own, made after
 * each import (sync.c). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "sync/chan.h"
#include "sync/format.h"
#include "sync/objbatch.h"
#include "sync/sync.h"

/* A commit takes about this many ops: a large backlog (a first sync of 100 000 cases) goes as
 * a chain of commits, each written to a pack before the next is read, so the memory a sync
 * needs is bounded by this batch, not by the channel. The ops come ordered by the shard folder
 * of their record (the last two characters of its id) and a commit ends where the folder
 * changes, so each shard folder is written by one commit of the chain: in storage order every
 * commit rewrote nearly all 256 folders of each type, most of a first sync's work.
 * IPCASE_SYNC_BATCH sets another size (tests cut small workspaces into many commits with it). */
#define COMMIT_SPAN 50000

int64_t chan_batch_ops(void)
{
	const char *env = getenv("IPCASE_SYNC_BATCH");
	long long n = env ? strtoll(env, NULL, 10) : 0;

	return n > 0 ? n : COMMIT_SPAN;
}

struct line {
	char *path, *text;
	int64_t seq;
};

struct batch {
	struct chan *c;
	struct line *lines;      /* ops to send, as collected */
	size_t nline, capline;
	git_tree *head;          /* tree of the branch, NULL when empty */
	char shard_path[FMT_PATH_MAX]; /* the shard folder (ops/<type>/<xx>) looked up last, */
	git_tree *shard;         /* its tree in head (NULL: none), for the files sorted after it */
	char cut[3];             /* the shard folder of the last op collected */
	size_t files;            /* files the lines go to */
	git_tree_update *up;     /* the tree updates we will apply */
	size_t nup, capup;
	char **attach;           /* SHA-256 of attachments named by the ops */
	size_t nattach, capattach;
	long ops, moved;         /* ops committed; files moved to format 2's folders */
	bool reformat;           /* ipcase.json rewritten to name format 2 */
	ipc_err *e;
};

/* Queues the blob oid at path, or the removal of path when oid is NULL. */
static int batch_update(struct batch *b, const char *path, const git_oid *oid)
{
	git_tree_update *u = grow(b->up, &b->capup, b->nup, sizeof *u);
	char *copy = strdup(path);

	if (!u || !copy) {
		free(copy);
		return err_nomem(b->e);
	}
	b->up = u;
	b->up[b->nup] = (git_tree_update){.action = oid ? GIT_TREE_UPDATE_UPSERT
							: GIT_TREE_UPDATE_REMOVE,
					  .filemode = GIT_FILEMODE_BLOB, .path = copy};
	if (oid)
		b->up[b->nup].id = *oid;
	b->nup++;
	return 0;
}

static bool in_head(struct batch *b, const char *path)
{
	git_tree_entry *te = NULL;
	bool found = b->head && git_tree_entry_bypath(&te, b->head, path) == 0;

	git_tree_entry_free(te);
	return found;
}

static int note_attachment(struct batch *b, const char *line)
{
	json_t *j = json_loads(line, 0, NULL);
	const char *sha = json_string_value(json_object_get(json_object_get(j, "set"), "file_sha256"));
	char **more;
	int rc = 0;

	if (sha && strlen(sha) == 64) {
		if ((more = grow(b->attach, &b->capattach, b->nattach, sizeof *more)))
			b->attach = more;
		if (!more || !(b->attach[b->nattach++] = strdup(sha)))
			rc = err_nomem(b->e);
	}
	json_decref(j);
	return rc;
}

static int collect(int64_t seq, const char *type, const char *record, const char *actor,
		   const char *line, void *arg)
{
	struct batch *b = arg;
	struct line *l = grow(b->lines, &b->capline, b->nline, sizeof *l);
	char path[FMT_PATH_MAX];

	if (!l)
		return err_nomem(b->e);
	b->lines = l;
	fmt_ops_path(type, record, actor, path);
	l = &b->lines[b->nline++];
	*l = (struct line){.path = strdup(path), .text = strdup(line), .seq = seq};
	if (!l->path || !l->text)
		return err_nomem(b->e);
	/* evidence, an opinion, their copies in a request */
	if (strstr(line, "\"file_sha256\":\"") && note_attachment(b, line))
		return -1;
	b->ops++;
	return 0;
}

static int line_cmp(const void *x, const void *y)
{
	const struct line *a = x, *b = y;
	int c = strcmp(a->path, b->path);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* The collected lines grouped by file, each file's lines in the order they were written. */
static void sort_lines(struct batch *b)
{
	if (b->nline) /* qsort wants a real array even for none */
		qsort(b->lines, b->nline, sizeof *b->lines, line_cmp);
}

/* The folder at path in tree (NULL: none there). */
static int subtree(git_repository *repo, git_tree *tree, const char *path, git_tree **out,
		   ipc_err *e)
{
	git_tree_entry *te = NULL;
	int rc = 0;

	*out = NULL;
	if (tree && git_tree_entry_bypath(&te, tree, path) == 0
	    && git_tree_entry_type(te) == GIT_OBJECT_TREE
	    && git_tree_lookup(out, repo, git_tree_entry_id(te)) != 0)
		rc = chan_giterr(e, "reading the channel");
	git_tree_entry_free(te);
	return rc;
}

/* The entry of an ops file in head. The files come sorted by path, so their shard folder is
 * looked up once for all the files under it: a lookup from the root for each file read the
 * shard's tree again whenever libgit2's cache had let it go (most of a first sync). */
static int ops_entry(struct batch *b, const char *path, git_tree_entry **te)
{
	const char *rest = path;
	size_t len;

	*te = NULL;
	for (int i = 0; i < 3 && rest; i++) /* ops/<type>/<xx>/ */
		if ((rest = strchr(rest, '/')))
			rest++;
	if (!rest || !b->head)
		return 0;
	len = (size_t)(rest - 1 - path);
	if (len >= sizeof b->shard_path || strncmp(b->shard_path, path, len) || b->shard_path[len]) {
		git_tree_free(b->shard);
		b->shard = NULL;
		snprintf(b->shard_path, sizeof b->shard_path, "%.*s", (int)len, path);
		if (subtree(b->c->wrepo, b->head, b->shard_path, &b->shard, b->e))
			return -1;
	}
	if (b->shard && git_tree_entry_bypath(te, b->shard, rest) != 0)
		*te = NULL;
	return 0;
}

/* The file's content after the append: what the branch has, plus the lines it lacks (a
 * crash after committing but before recording what was sent must not write a line twice). */
static int write_file(struct batch *b, const struct line *first, size_t n)
{
	git_tree_entry *te = NULL;
	git_blob *old = NULL;
	char *content = NULL;
	size_t len = 0, add = 0;
	git_oid oid;
	int rc = -1;

	if (ops_entry(b, first->path, &te))
		return -1;
	if (te && git_blob_lookup(&old, b->c->wrepo, git_tree_entry_id(te)) != 0) {
		chan_giterr(b->e, "reading the channel");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		add += strlen(first[i].text) + 1;
	len = old ? (size_t)git_blob_rawsize(old) : 0;
	if (!(content = malloc(len + add + 1))) {
		err_nomem(b->e);
		goto out;
	}
	if (old)
		memcpy(content, git_blob_rawcontent(old), len);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(first[i].text);
		if (old && memmem(content, len, first[i].text, k)) {
			b->ops--; /* committed before a crash: not again, nor counted */
			continue;
		}
		memcpy(content + len, first[i].text, k);
		len += k;
		content[len++] = '\n';
	}
	if (objbatch_put(b->c->batch, content, len, GIT_OBJECT_BLOB, &oid) != 0) {
		chan_giterr(b->e, "writing the channel");
		goto out;
	}
	rc = batch_update(b, first->path, &oid);
out:
	free(content);
	git_blob_free(old);
	git_tree_entry_free(te);
	return rc;
}

static int add_blob(struct batch *b, const char *path, const void *data, size_t len)
{
	git_oid oid;

	if (git_blob_create_from_buffer(&oid, b->c->wrepo, data, len) != 0)
		return chan_giterr(b->e, "writing the channel");
	return batch_update(b, path, &oid);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Each file once, though several records name it (a tree update may not repeat a path). */
static int add_attachments(struct batch *b)
{
	if (b->nattach)
		qsort(b->attach, b->nattach, sizeof *b->attach, cmp_str);
	for (size_t i = 0; i < b->nattach; i++) {
		char path[120], file[1200];
		git_oid oid;
		snprintf(path, sizeof path, "files/%.2s/%s", b->attach[i], b->attach[i]);
		if ((i && strcmp(b->attach[i], b->attach[i - 1]) == 0) || in_head(b, path))
			continue;
		db_file_path(b->c->d, b->attach[i], file, sizeof file);
		if (git_blob_create_from_disk(&oid, b->c->wrepo, file) != 0)
			return chan_giterr(b->e, "adding an attached file to the channel");
		if (batch_update(b, path, &oid))
			return -1;
	}
	return 0;
}

/* The channel's description, naming this program's format. */
static int add_format(struct batch *b)
{
	char format[96];
	int n = snprintf(format, sizeof format, "{\"channel\":\"%s\",\"format\":%d}\n",
			 b->c->channel, SYNC_FORMAT);

	return add_blob(b, "ipcase.json", format, (size_t)n);
}

/* ipcase.json and keys/<us>.json, when the branch lacks them. */
static int add_format_and_key(struct batch *b)
{
	const struct db_identity *me = db_self(b->c->d);
	char path[120], *key;
	int rc;

	if (!in_head(b, "ipcase.json") && add_format(b))
		return -1;
	snprintf(path, sizeof path, "keys/%s.json", me->actor);
	if (in_head(b, path))
		return 0;
	if (!(key = db_key_publish(b->c->d, b->e)))
		return -1;
	rc = add_blob(b, path, key, strlen(key));
	free(key);
	return rc;
}

/* How many of our ops the channel has ever carried: what each remote has been sent is counted
 * against it (sync.c), so "sent" means delivered, even when a push failed and a later run
 * delivered them. */
static int count_committed(struct chan *c, long ops, ipc_err *e)
{
	char key[64], value[32];

	snprintf(key, sizeof key, "sync.%s.committed", c->channel);
	db_meta_get(c->d, key, value, sizeof value);
	snprintf(value, sizeof value, "%lld", strtoll(value, NULL, 10) + ops);
	return db_meta_set(c->d, key, value, e);
}

/* Our commit adds only what the store already holds: when its parent was imported, so is it,
 * and the next import does not read our own ops back. */
static int imported_follows(struct chan *c, const git_oid *parent, const git_oid *id, ipc_err *e)
{
	char key[64], hex[GIT_OID_HEXSZ + 1], was[GIT_OID_HEXSZ + 1] = "";

	snprintf(key, sizeof key, "sync.%s.imported", c->channel);
	db_meta_get(c->d, key, hex, sizeof hex);
	if (parent)
		git_oid_tostr(was, sizeof was, parent);
	if (strcmp(hex, was) != 0)
		return 0;
	git_oid_tostr(hex, sizeof hex, id);
	return db_meta_set(c->d, key, hex, e);
}

static int commit_tree(struct batch *b, const git_oid *parent, ipc_err *e)
{
	const struct db_identity *me = db_self(b->c->d);
	git_signature *sig = NULL;
	git_commit *pc = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, id;
	char msg[512];
	int rc = -1;

	if (git_tree_create_updated(&tree_id, b->c->wrepo, b->head, b->nup, b->up) != 0) {
		chan_giterr(e, "building the channel's tree");
		goto out;
	}
	if (b->head && git_oid_equal(&tree_id, git_tree_id(b->head))) {
		rc = 0; /* lines the branch held already (a run cut short after its commit) */
		goto out;
	}
	if (git_tree_lookup(&tree, b->c->wrepo, &tree_id) != 0
	    || (parent && git_commit_lookup(&pc, b->c->wrepo, parent) != 0)) {
		chan_giterr(e, "building the channel's tree");
		goto out;
	}
	if (b->ops)
		snprintf(msg, sizeof msg, "%s (%s, %s): %ld change%s in %zu record%s\n", me->officer,
			 me->cert, me->office_name, b->ops, b->ops == 1 ? "" : "s", b->files,
			 b->files == 1 ? "" : "s");
	else if (b->moved || b->reformat)
		snprintf(msg, sizeof msg, "%s (%s, %s): files the channel as format %d (%ld file%s"
			 " moved)\n", me->officer, me->cert, me->office_name, SYNC_FORMAT, b->moved,
			 b->moved == 1 ? "" : "s");
	else
		snprintf(msg, sizeof msg, "%s (%s, %s): publishes the key of this device\n",
			 me->officer, me->cert, me->office_name);
	if (chan_signature(b->c, &sig, e))
		goto out;
	if (git_commit_create(&id, b->c->wrepo, NULL, sig, sig, "UTF-8", msg, tree,
				 pc ? 1 : 0, (const git_commit **)&pc) != 0) {
		chan_giterr(e, "committing to the channel");
		goto out;
	}
	if ((rc = chan_branch_move(b->c, &id, parent, "ipcase sync: commit", e)) == 0)
		rc = imported_follows(b->c, parent, &id, e);
out:
	git_signature_free(sig);
	git_commit_free(pc);
	git_tree_free(tree);
	return rc;
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->nline; i++) {
		free(b->lines[i].path);
		free(b->lines[i].text);
	}
	free(b->lines);
	for (size_t i = 0; i < b->nup; i++)
		free((char *)b->up[i].path);
	for (size_t i = 0; i < b->nattach; i++)
		free(b->attach[i]);
	free(b->up);
	free(b->attach);
	git_tree_free(b->head);
	git_tree_free(b->shard);
	*b = (struct batch){.c = b->c, .e = b->e};
}

/* The files of the sorted lines, each written once with all its new lines. */
static int write_files(struct batch *b)
{
	for (size_t i = 0, j; i < b->nline; i = j) {
		for (j = i + 1; j < b->nline && !strcmp(b->lines[j].path, b->lines[i].path); j++)
			;
		if ((b->files % 1000 == 0 && chan_progress(b->c, "committing", i, b->nline, b->e))
		    || write_file(b, &b->lines[i], j - i))
			return -1;
		b->files++;
	}
	return 0;
}

/* The branch's head commit and its tree (none: an empty channel). */
static int head_read(struct batch *b, git_oid *head, bool *has)
{
	git_commit *hc = NULL;
	int rc = chan_ref(b->c, CHAN_BRANCH, head, b->e);

	if (rc < 0)
		return -1;
	*has = rc == 1;
	if (*has && (git_commit_lookup(&hc, b->c->wrepo, head) || git_commit_tree(&b->head, hc)))
		rc = chan_giterr(b->e, "reading the channel's branch");
	else
		rc = 0;
	git_commit_free(hc);
	return rc;
}

/* The collected lines written into the branch: one commit, counted. */
static int batch_flush(struct batch *b)
{
	git_oid head;
	bool has_head;

	if (head_read(b, &head, &has_head))
		return -1;
	sort_lines(b);
	if (write_files(b) || add_attachments(b) || add_format_and_key(b))
		return -1;
	if (b->nup && commit_tree(b, has_head ? &head : NULL, b->e))
		return -1;
	return b->ops ? count_committed(b->c, b->ops, b->e) : 0;
}

/* Collects an op; once the batch is full, the ops before the next shard folder are committed
 * first. */
static int collect_by_shard(int64_t seq, const char *type, const char *record, const char *actor,
			    const char *line, void *arg)
{
	struct batch *b = arg;
	size_t n = strlen(record);
	const char *shard = record + (n > 2 ? n - 2 : 0);

	if (b->nline >= (size_t)chan_batch_ops() && strncmp(shard, b->cut, 2) != 0) {
		if (batch_flush(b))
			return -1;
		batch_free(b);
	}
	snprintf(b->cut, sizeof b->cut, "%.2s", shard);
	return collect(seq, type, record, actor, line, arg);
}

/* ---- records filed as format 1 put them, moved where format 2 files them ---- */

#define MOVE_SPAN 100000 /* files one commit moves: the updates of a batch stay bounded */
#define MOVES_MAX 5000000 /* files one sync moves (a tree bomb in format 1's shape is work
			      * bounded like the import's walk; the next sync goes on) */

/* Does `old` hold this entry, the same object? */
static bool same_in(git_tree *old, const git_tree_entry *te)
{
	const git_tree_entry *was = old ? git_tree_entry_byname(old, git_tree_entry_name(te)) : NULL;

	return was && git_oid_equal(git_tree_entry_id(was), git_tree_entry_id(te));
}

/* Queues the move of the files of record folder `rec`, found in ops/<type>/<xx>, to
 * ops/<type>/<id[34:36]>/<id>, each joined to the file already there. */
static int move_record(struct batch *b, const char *type, const char *xx, const git_tree_entry *rec)
{
	const char *id = git_tree_entry_name(rec);
	git_tree *files = NULL;
	int rc = -1;

	if (git_tree_lookup(&files, b->c->wrepo, git_tree_entry_id(rec)) != 0) {
		chan_giterr(b->e, "reading the channel");
		goto out;
	}
	for (size_t i = 0; i < git_tree_entrycount(files); i++) {
		const git_tree_entry *f = git_tree_entry_byindex(files, i);
		char from[FMT_PATH_MAX], to[FMT_PATH_MAX];
		git_tree_entry *there = NULL;
		git_oid joined = *git_tree_entry_id(f);
		int bad;

		snprintf(from, sizeof from, "ops/%s/%s/%s/%s", type, xx, id, git_tree_entry_name(f));
		snprintf(to, sizeof to, "ops/%s/%s/%s/%s", type, id + 34, id, git_tree_entry_name(f));
		if (fmt_kind(from, git_tree_entry_filemode(f)) != FMT_OPS)
			continue; /* outside the format: left where it is, never imported */
		if (git_tree_entry_bypath(&there, b->head, to) == 0)
			bad = chan_union_lines(b->c->wrepo, git_tree_entry_id(there),
					       git_tree_entry_id(f), &joined, b->e);
		else
			bad = 0;
		git_tree_entry_free(there);
		if (bad || batch_update(b, from, NULL) || batch_update(b, to, &joined))
			goto out;
		b->moved++;
	}
	rc = 0;
out:
	git_tree_free(files);
	return rc;
}

/* The records of one type's folder filed as format 1 put them, in the shards that changed
 * since `old` (NULL: all), up to MOVE_SPAN files. */
static int scan_type(struct batch *b, const char *type, git_tree *now, git_tree *old)
{
	for (size_t i = 0; i < git_tree_entrycount(now) && b->moved < MOVE_SPAN; i++) {
		const git_tree_entry *shard = git_tree_entry_byindex(now, i);
		const char *xx = git_tree_entry_name(shard);
		git_tree *recs = NULL;
		int rc = 0;

		if (strlen(xx) != 2 || git_tree_entry_type(shard) != GIT_OBJECT_TREE
		    || same_in(old, shard))
			continue;
		if (git_tree_lookup(&recs, b->c->wrepo, git_tree_entry_id(shard)) != 0)
			return chan_giterr(b->e, "reading the channel");
		for (size_t j = 0; !rc && j < git_tree_entrycount(recs) && b->moved < MOVE_SPAN; j++) {
			const git_tree_entry *rec = git_tree_entry_byindex(recs, j);
			const char *id = git_tree_entry_name(rec);
			if (git_tree_entry_type(rec) == GIT_OBJECT_TREE
			    && fmt_record_place(xx, id, strlen(id)) == FMT_PLACE_OLD)
				rc = move_record(b, type, xx, rec);
		}
		git_tree_free(recs);
		if (rc)
			return -1;
	}
	return 0;
}

/* Does the branch's ipcase.json name an older format than ours? */
static int format_old(struct batch *b, bool *old)
{
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;

	*old = false;
	if (git_tree_entry_bypath(&te, b->head, "ipcase.json") != 0)
		return 0; /* a commit of ops adds it */
	if (git_blob_lookup(&blob, b->c->wrepo, git_tree_entry_id(te)) != 0) {
		git_tree_entry_free(te);
		return chan_giterr(b->e, "reading the channel");
	}
	*old = fmt_format_of(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob)) < SYNC_FORMAT;
	git_blob_free(blob);
	git_tree_entry_free(te);
	return 0;
}

/* One pass: the moves of the folders that changed since the tree last found in order (meta
 * sync.<channel>.layout, a tree id), committed; *done when nothing was left to move. */
static int move_pass(struct batch *b, git_tree *old_root, bool *done)
{
	git_tree *ops = NULL, *old_ops = NULL;
	git_oid head;
	bool has_head;
	int rc = -1;

	*done = true;
	if (head_read(b, &head, &has_head))
		return -1;
	if (!has_head)
		return 0;
	if (subtree(b->c->wrepo, b->head, "ops", &ops, b->e)
	    || subtree(b->c->wrepo, old_root, "ops", &old_ops, b->e)
	    || format_old(b, &b->reformat))
		goto out;
	for (size_t i = 0; ops && i < git_tree_entrycount(ops) && b->moved < MOVE_SPAN; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(ops, i);
		const char *type = git_tree_entry_name(te);
		git_tree *now = NULL, *was = NULL;
		int bad;
		if (git_tree_entry_type(te) != GIT_OBJECT_TREE || same_in(old_ops, te)
		    || strlen(type) > 32) /* no type's name: outside the format, never entered */
			continue;
		bad = subtree(b->c->wrepo, ops, type, &now, b->e)
		      || subtree(b->c->wrepo, old_ops, type, &was, b->e)
		      || (chan_progress(b->c, "committing", 0, 0, b->e) != 0)
		      || scan_type(b, type, now, was);
		git_tree_free(now);
		git_tree_free(was);
		if (bad)
			goto out;
	}
	if (b->reformat && add_format(b))
		goto out;
	*done = !b->nup;
	rc = b->nup ? commit_tree(b, &head, b->e) : 0;
out:
	git_tree_free(ops);
	git_tree_free(old_ops);
	return rc;
}

int chan_move_old(struct chan *c, ipc_err *e)
{
	char key[64], hex[GIT_OID_HEXSZ + 1] = "";
	struct batch bb = {.c = c, .e = e}, *b = &bb;
	git_tree *old_root = NULL;
	git_oid old_id;
	bool done = false;
	int rc = 0;

	snprintf(key, sizeof key, "sync.%s.layout", b->c->channel);
	db_meta_get(b->c->d, key, hex, sizeof hex);
	if (git_oid_fromstr(&old_id, hex) == 0 && git_tree_lookup(&old_root, b->c->wrepo, &old_id))
		old_root = NULL; /* gone (a channel made again): look at everything */
	for (long moved = 0; !rc && !done && moved < MOVES_MAX; moved += MOVE_SPAN) {
		rc = move_pass(b, old_root, &done);
		if (!rc && done && b->head) {
			git_oid_tostr(hex, sizeof hex, git_tree_id(b->head));
			rc = db_meta_set(b->c->d, key, hex, b->e);
		}
		batch_free(b);
	}
	git_tree_free(old_root);
	return rc;
}

int chan_commit_local(struct chan *c, ipc_err *e)
{
	struct batch b = {.c = c, .e = e};
	char key[64], value[32];
	int64_t sent, seen;
	int rc;

	snprintf(key, sizeof key, "sync.%s.sent", c->channel);
	db_meta_get(c->d, key, value, sizeof value);
	sent = strtoll(value, NULL, 10);
	/* every op not sent, by shard folder, a commit each time a batch is full; the mark moves
	 * once all are committed (after a crash the next run writes again only the lines the
	 * branch lacks) */
	rc = db_ops_unsent(c->d, c->channel, sent, &seen, collect_by_shard, &b, e)
	     || batch_flush(&b) ? -1 : 0;
	if (!rc && seen != sent) {
		snprintf(value, sizeof value, "%lld", (long long)seen);
		rc = db_meta_set(c->d, key, value, e);
	}
	batch_free(&b);
	return rc;
}
