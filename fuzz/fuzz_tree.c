/* fuzz_tree — feeds chan_import (sync/chan.h: the tree walk and import of sync/import.c) git
 * trees built from the input, in the channel repositories of fuzzkit's office (objects kept in
 * memory and dropped after each run; the import's transaction is rolled back). The input is a
 * small program; each instruction is a byte (modulo 10) and its operands:
 *   0 BLOB len:u16 bytes               a blob of those bytes
 *   1 OPS signer len:u16 lines         a blob of op lines: each line of the JSON objects given,
 *                                      signed by the signer (fuzzkit's placeholders bound)
 *   2 KEY signer                       a blob: the signer's device key file
 *   3 PLACE obj                        adds blob obj to the index at the path its content has
 *                                      in the format (ops/<type>/<id[34:36]>/<id>/<actor>.jsonl,
 *                                      keys/<actor>.json, ipcase.json, files/<sha[0:2]>/<sha>)
 *   4 PATH obj len:u8 path             adds blob obj to the index at that path
 *   5 INDEX                            the index as a tree (then emptied)
 *   6 TREE n:u8 {mode name obj}…       a tree written as raw bytes: any mode of a table, names
 *                                      (NAME: a byte naming a word of a table, or 0xff, a
 *                                      length and bytes), duplicates and disorder allowed
 *   7 NEST depth:u16 NAME              the last object wrapped in depth trees
 *   8 FAN width:u8 depth:u8            1 to 8 levels of 1 to 256 entries each naming the
 *                                      level below (a tree bomb)
 *   9 FROM                             the last tree is the tree imported before (`from`)
 * obj is a byte: the object made that many back, modulo their count (none: a missing one).
 * The first byte picks the channel (even: office, odd: collab). At the end the last tree (or
 * the index, when it holds something) is committed and imported since `from`.
 * It asserts nothing beyond the sanitizers and libFuzzer's limits: whatever the tree, the
 * import ends without a crash, a leak, or memory past -rss_limit_mb / -malloc_limit_mb. */
#include <ftw.h>
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/json.h"
#include "db/op.h"
#include "sync/chan.h"
#include "sync/format.h"
#include "fuzz/fuzzkit.h"

#define OBJS 256        /* objects a program keeps at hand (the oldest go) */
#define BLOB_MAX 16384  /* bytes of one blob */

static struct fk_office o;
static struct chan chans[2];
static git_odb_backend *mem[2]; /* the objects of a run, in memory */

struct prog {
	struct fk_in in;
	struct chan *c;
	git_odb_backend *mem;
	git_index *index;
	git_oid objs[OBJS];
	git_object_t kinds[OBJS];
	size_t n;
	git_oid from;
	bool has_from;
};

/* ---- objects ---- */

static void push(struct prog *p, const git_oid *id, git_object_t kind)
{
	if (p->n == OBJS) { /* the oldest go */
		memmove(p->objs, p->objs + 1, (OBJS - 1) * sizeof *p->objs);
		memmove(p->kinds, p->kinds + 1, (OBJS - 1) * sizeof *p->kinds);
		p->n--;
	}
	p->objs[p->n] = *id;
	p->kinds[p->n++] = kind;
}

/* Straight into memory: git_odb_write would first look for the object on disk ("freshen":
 * a stat, a utime and a read of the pack folder for each), 99% of a run's time. */
static int mem_write(struct prog *p, const void *data, size_t len, git_object_t kind, git_oid *id)
{
	return git_odb_hash(id, data, len, kind) || p->mem->write(p->mem, id, data, len, kind);
}

static void write_obj(struct prog *p, const void *data, size_t len, git_object_t kind)
{
	git_oid id;

	if (mem_write(p, data, len, kind, &id) == 0)
		push(p, &id, kind);
}

/* Object `back` places before the last; a missing one when there is none. */
static const git_oid *obj(struct prog *p, uint8_t back, git_object_t *kind)
{
	static const git_oid missing = {{0x5a}};

	if (!p->n) {
		*kind = GIT_OBJECT_BLOB;
		return &missing;
	}
	size_t i = p->n - 1 - back % p->n;
	*kind = p->kinds[i];
	return &p->objs[i];
}

static void blob(struct prog *p)
{
	size_t len;
	const uint8_t *b = fk_take(&p->in, fk_u16(&p->in) % BLOB_MAX, &len);

	write_obj(p, b, len, GIT_OBJECT_BLOB);
}

static void ops(struct prog *p)
{
	int signer = fk_byte(&p->in) % FK_NSIGNERS;
	size_t len, at = 0;
	const char *text = (const char *)fk_take(&p->in, fk_u16(&p->in) % BLOB_MAX, &len);
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	if (!f)
		return;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t k = nl ? (size_t)(nl - (text + at)) : len - at;
		char *line = fk_office_op(&o, text + at, k, signer);
		if (line)
			fprintf(f, "%s\n", line);
		else
			fprintf(f, "%.*s\n", (int)k, text + at);
		free(line);
		at += k + 1;
	}
	fclose(f);
	write_obj(p, out, n, GIT_OBJECT_BLOB);
	free(out);
}

static void key(struct prog *p)
{
	int signer = fk_byte(&p->in) % FK_NSIGNERS;
	ipc_err e = {0};
	char *text = op_key_encode(&o.who[signer], o.keys[signer].sk, &e);

	if (text)
		write_obj(p, text, strlen(text), GIT_OBJECT_BLOB);
	free(text);
}

/* ---- the index ---- */

static void add(struct prog *p, const git_oid *id, const char *path)
{
	git_index_entry entry = {.mode = GIT_FILEMODE_BLOB, .path = path, .id = *id};

	git_index_add(p->index, &entry);
}

/* The path a blob has in the format, from its content. */
static void place(struct prog *p)
{
	git_object_t kind;
	const git_oid *id = obj(p, fk_byte(&p->in), &kind);
	git_blob *b = NULL;
	const char *text, *nl;
	size_t size;
	json_t *j;
	char path[512], sha[65];
	unsigned char h[crypto_hash_sha256_BYTES];

	if (kind != GIT_OBJECT_BLOB || git_blob_lookup(&b, p->c->repo, id))
		return;
	text = git_blob_rawcontent(b);
	size = (size_t)git_blob_rawsize(b);
	nl = memchr(text, '\n', size);
	j = json_loadb(text, nl ? (size_t)(nl - text) : size, 0, NULL); /* the first line */
	if (jstr(j, "type") && jstr(j, "record") && jstr(j, "actor"))
		fmt_ops_path(jstr(j, "type"), jstr(j, "record"), jstr(j, "actor"), path);
	else if (jstr(j, "officer") && jstr(j, "actor"))
		snprintf(path, sizeof path, "keys/%s.json", jstr(j, "actor"));
	else if (json_object_get(j, "format"))
		snprintf(path, sizeof path, "ipcase.json");
	else {
		crypto_hash_sha256(h, (const unsigned char *)text, size);
		sodium_bin2hex(sha, sizeof sha, h, sizeof h);
		snprintf(path, sizeof path, "files/%.2s/%s", sha, sha);
	}
	json_decref(j);
	add(p, id, path);
	git_blob_free(b);
}

static void path(struct prog *p)
{
	git_object_t kind;
	const git_oid *id = obj(p, fk_byte(&p->in), &kind);
	size_t len;
	const uint8_t *s = fk_take(&p->in, fk_byte(&p->in), &len);
	char name[256];

	memcpy(name, s, len);
	name[len] = '\0';
	if (kind == GIT_OBJECT_BLOB)
		add(p, id, name);
}

static void index_tree(struct prog *p)
{
	git_oid id;

	if (git_index_write_tree_to(&id, p->index, p->c->repo) == 0)
		push(p, &id, GIT_OBJECT_TREE);
	git_index_clear(p->index);
}

/* ---- raw trees ---- */

static const char *const modes[] = {"100644", "100755", "40000", "120000", "160000", "100664",
	"644", "040000", "0", "1777777"};
static const char *const words[] = {"ipcase.json", "keys", "files", "ops", "case", "party",
	"member", "office", "revoked_ops", "join", "collab_request", "investigator", "01", "ab",
	"..", ".", ".git", "", "a/b", "x.jsonl", "x.json"};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* NAME into f. */
static void name_put(struct prog *p, FILE *f)
{
	uint8_t b = fk_byte(&p->in);
	size_t len;

	if (b == 0xff) {
		const uint8_t *s = fk_take(&p->in, fk_byte(&p->in), &len);
		fwrite(s, 1, len, f);
	} else if (b < N(words)) {
		fputs(words[b], f);
	} else {
		fprintf(f, "n%u", b);
	}
}

static void tree(struct prog *p)
{
	unsigned n = fk_byte(&p->in) % 64;
	char *raw = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&raw, &len);
	git_object_t kind;

	if (!f)
		return;
	for (unsigned i = 0; i < n; i++) {
		fprintf(f, "%s ", modes[fk_byte(&p->in) % N(modes)]);
		name_put(p, f);
		fputc('\0', f);
		fwrite(obj(p, fk_byte(&p->in), &kind)->id, 1, GIT_OID_RAWSZ, f);
	}
	fclose(f);
	write_obj(p, raw, len, GIT_OBJECT_TREE);
	free(raw);
}

/* A tree of one entry, `name`, naming `id` as a tree (whatever it is). */
static int wrap(struct prog *p, const git_oid *id, const char *name, size_t nlen, git_oid *out)
{
	char raw[300];
	int k = snprintf(raw, sizeof raw, "40000 %.*s", (int)nlen, name);

	raw[k] = '\0';
	memcpy(raw + k + 1, id->id, GIT_OID_RAWSZ);
	return mem_write(p, raw, (size_t)k + 1 + GIT_OID_RAWSZ, GIT_OBJECT_TREE, out);
}

static void nest(struct prog *p)
{
	unsigned depth = fk_u16(&p->in);
	char *name = NULL;
	size_t nlen = 0;
	FILE *f = open_memstream(&name, &nlen);
	git_object_t kind;
	git_oid id = *obj(p, 0, &kind);

	if (!f)
		return;
	name_put(p, f);
	fclose(f);
	nlen = nlen > 255 ? 255 : nlen;
	for (unsigned i = 0; i < depth && wrap(p, &id, name, nlen, &id) == 0; i++)
		;
	push(p, &id, GIT_OBJECT_TREE);
	free(name);
}

static void fan(struct prog *p)
{
	unsigned width = fk_byte(&p->in) + 1u, depth = fk_byte(&p->in) % 8 + 1;
	git_object_t kind;
	git_oid id = *obj(p, 0, &kind);
	char raw[256 * (8 + 4 + GIT_OID_RAWSZ)];

	for (unsigned l = 0; l < depth; l++) {
		size_t len = 0;
		for (unsigned i = 0; i < width; i++) { /* names in git's order: zero-padded */
			len += (size_t)sprintf(raw + len, "%s %03u", l || kind == GIT_OBJECT_TREE ? "40000"
					       : "100644", i) + 1;
			memcpy(raw + len, id.id, GIT_OID_RAWSZ);
			len += GIT_OID_RAWSZ;
		}
		if (mem_write(p, raw, len, GIT_OBJECT_TREE, &id))
			return;
	}
	push(p, &id, GIT_OBJECT_TREE);
}

static void from(struct prog *p)
{
	git_object_t kind;
	const git_oid *id = obj(p, 0, &kind);

	if (kind == GIT_OBJECT_TREE) {
		p->from = *id;
		p->has_from = true;
	}
}

/* ---- the run ---- */

static int commit(struct prog *p, const git_oid *tree, git_oid *out)
{
	char raw[256], hex[GIT_OID_HEXSZ + 1];
	int n = snprintf(raw, sizeof raw, "tree %s\nauthor f <f@example.invalid> 1770000000 +0000\n"
			 "committer f <f@example.invalid> 1770000000 +0000\n\nfuzz\n",
			 git_oid_tostr(hex, sizeof hex, tree));

	return mem_write(p, raw, (size_t)n, GIT_OBJECT_COMMIT, out);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

/* Runs the program, then imports its last tree. */
static void run(struct prog *p, struct sync_stats *st)
{
	static void (*const op[])(struct prog *) = {blob, ops, key, place, path, index_tree, tree,
		nest, fan, from};
	git_oid to, tree_to, before;
	git_object_t kind = GIT_OBJECT_INVALID;
	ipc_err e = {0};

	while (p->in.n)
		op[fk_byte(&p->in) % N(op)](p);
	if (git_index_entrycount(p->index))
		index_tree(p);
	if (p->n)
		tree_to = *obj(p, 0, &kind);
	if (kind != GIT_OBJECT_TREE && mem_write(p, "", 0, GIT_OBJECT_TREE, &tree_to))
		return;
	if (commit(p, &tree_to, &to) || (p->has_from && commit(p, &p->from, &before)))
		return;
	chan_import(p->c, p->has_from ? &before : NULL, &to, st, &e);
}

/* Runs the program of channel ch (0 office, 1 collab) in a transaction rolled back after,
 * then drops its objects and the files the import stored. */
static void run_rolled_back(int ch, const uint8_t *data, size_t size, struct sync_stats *st)
{
	struct prog *p = calloc(1, sizeof *p);
	char files[1100];
	ipc_err e = {0};

	if (!p)
		return;
	p->in = (struct fk_in){data, size};
	p->c = &chans[ch];
	p->mem = mem[ch];
	if (git_index_new(&p->index) == 0 && db_begin(o.d, &e) == 0) {
		run(p, st);
		db_rollback(o.d);
	}
	git_index_free(p->index);
	git_mempack_reset(mem[ch]);
	snprintf(files, sizeof files, "%s/files", db_home(o.d));
	nftw(files, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sync_stats st = {0};

	if (size)
		run_rolled_back(data[0] & 1, data + 1, size - 1, &st);
	return 0;
}

/* A valid op and its writer's key placed in a tree arrive: if a change of the import stopped
 * it from seeing the objects made here, every run would be wasted, so the setup says so. */
static void canary(void)
{
	static const char op_json[] = "{\"deps\":[],\"hlc\":115998720000000000,\"record\":"
		"\"019c2c5b-4800-7000-8000-0000000000aa\",\"set\":{\"ip_type\":\"trademark\","
		"\"title\":\"fuzz\"},\"type\":\"case\",\"v\":1}";
	/* KEY colleague; OPS colleague op_json; PLACE the ops; PLACE the key */
	uint8_t prog[sizeof op_json + 16] = {2, FK_COLLEAGUE, 1, FK_COLLEAGUE, 0, sizeof op_json - 1};
	struct sync_stats st = {0};
	size_t n = 6;

	memcpy(prog + n, op_json, sizeof op_json - 1);
	n += sizeof op_json - 1;
	memcpy(prog + n, "\x03\x00\x03\x01", 4);
	run_rolled_back(0, prog, n + 4, &st);
	FK_ASSERT(st.ops_received == 1 && st.quarantined == 0, "the canary op did not arrive: "
		  "%ld received, %ld quarantined", st.ops_received, st.quarantined);
}
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const names[] = {"office", "collab"};
	ipc_err e = {0};

	(void)argc, (void)argv;
	fk_office_make(&o);
	for (int i = 0; i < 2; i++) {
		git_odb *odb = NULL;
		FK_ASSERT(chan_open(o.d, names[i], &chans[i], &e) == 0, "%s", e.msg);
		FK_ASSERT(git_repository_odb(&odb, chans[i].repo) == 0 && git_mempack_new(&mem[i]) == 0
			  && git_odb_add_backend(odb, mem[i], 1000) == 0, "mempack");
		git_odb_free(odb);
	}
	canary();
	return 0;
}
