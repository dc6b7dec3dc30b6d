/* merge — the union of two channel trees. Each ops file has one writer and only grows, so
 * two sides never change one file in different ways, except a workspace restored from a
 * backup: files are unioned line by line (sorted, each line once). Attachments are named by
 * their content and keys by their device, so for any other file both sides hold the same
 * bytes; if not, the smaller object id wins on every replica alike. */
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "sync/chan.h"

struct lines {
	const char **v;
	size_t n, cap;
};

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int lines_split(struct lines *l, char *text, ipc_err *e)
{
	for (char *save = NULL, *s = strtok_r(text, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
		const char **v = grow(l->v, &l->cap, l->n, sizeof *v);
		if (!v)
			return err_nomem(e);
		l->v = v;
		l->v[l->n++] = s;
	}
	return 0;
}

static int blob_text(git_repository *repo, const git_oid *id, char **out, ipc_err *e)
{
	git_blob *b;
	size_t n;

	if (git_blob_lookup(&b, repo, id) != 0)
		return chan_giterr(e, "reading the channel");
	n = (size_t)git_blob_rawsize(b);
	if (!(*out = malloc(n + 1))) {
		git_blob_free(b);
		return err_nomem(e);
	}
	memcpy(*out, git_blob_rawcontent(b), n);
	(*out)[n] = '\0';
	/* a NUL inside would cut lines short: such a file is quarantined on import anyway */
	git_blob_free(b);
	return 0;
}

static int merge_lines(git_repository *repo, const git_oid *a, const git_oid *b, git_oid *out,
		       ipc_err *e)
{
	char *ta = NULL, *tb = NULL, *buf = NULL, *more;
	struct lines l = {0};
	size_t len = 0, cap = 0;
	int rc = -1;

	if (blob_text(repo, a, &ta, e) || blob_text(repo, b, &tb, e))
		goto out;
	if (lines_split(&l, ta, e) || lines_split(&l, tb, e))
		goto out;
	if (l.n)
		qsort(l.v, l.n, sizeof *l.v, cmp_line);
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i]);
		if (i && strcmp(l.v[i], l.v[i - 1]) == 0)
			continue;
		if (!(more = grow(buf, &cap, len + n, 1))) { /* the line and its \n */
			err_nomem(e);
			goto out;
		}
		buf = more;
		memcpy(buf + len, l.v[i], n);
		len += n;
		buf[len++] = '\n';
	}
	if (git_blob_create_from_buffer(out, repo, buf ? buf : "", len) != 0) {
		chan_giterr(e, "writing the merged channel");
		goto out;
	}
	rc = 0;
out:
	free(ta);
	free(tb);
	free(buf);
	free(l.v);
	return rc;
}

static bool is_jsonl(const char *name)
{
	size_t n = strlen(name);
	return n > 6 && strcmp(name + n - 6, ".jsonl") == 0;
}

/* Merges entry eb (from b) into the builder holding a's entries. */
static int merge_entry(git_repository *repo, git_treebuilder *tb, const git_tree_entry *ea,
		       const git_tree_entry *eb, ipc_err *e)
{
	const char *name = git_tree_entry_name(eb);
	git_object_t ta, tbk;
	git_oid merged;

	if (!ea)
		return git_treebuilder_insert(NULL, tb, name, git_tree_entry_id(eb),
					      git_tree_entry_filemode(eb)) ? chan_giterr(e, "merging") : 0;
	if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
		return 0;
	ta = git_tree_entry_type(ea);
	tbk = git_tree_entry_type(eb);
	if (ta == GIT_OBJECT_TREE && tbk == GIT_OBJECT_TREE) {
		if (chan_merge_trees(repo, git_tree_entry_id(ea), git_tree_entry_id(eb), &merged, e))
			return -1;
		return git_treebuilder_insert(NULL, tb, name, &merged, GIT_FILEMODE_TREE)
			? chan_giterr(e, "merging") : 0;
	}
	if (ta == GIT_OBJECT_BLOB && tbk == GIT_OBJECT_BLOB && is_jsonl(name)) {
		if (merge_lines(repo, git_tree_entry_id(ea), git_tree_entry_id(eb), &merged, e))
			return -1;
		return git_treebuilder_insert(NULL, tb, name, &merged, GIT_FILEMODE_BLOB)
			? chan_giterr(e, "merging") : 0;
	}
	if (git_oid_cmp(git_tree_entry_id(eb), git_tree_entry_id(ea)) < 0)
		return git_treebuilder_insert(NULL, tb, name, git_tree_entry_id(eb),
					      git_tree_entry_filemode(eb)) ? chan_giterr(e, "merging") : 0;
	return 0;
}

int chan_merge_trees(git_repository *repo, const git_oid *a, const git_oid *b, git_oid *out,
		     ipc_err *e)
{
	git_tree *ta = NULL, *tb = NULL;
	git_treebuilder *bld = NULL;
	int rc = -1;

	if (git_oid_equal(a, b)) {
		*out = *a;
		return 0;
	}
	if (git_tree_lookup(&ta, repo, a) || git_tree_lookup(&tb, repo, b)
	    || git_treebuilder_new(&bld, repo, ta)) {
		chan_giterr(e, "merging the channel");
		goto out;
	}
	for (size_t i = 0; i < git_tree_entrycount(tb); i++) {
		const git_tree_entry *eb = git_tree_entry_byindex(tb, i);
		if (merge_entry(repo, bld, git_tree_entry_byname(ta, git_tree_entry_name(eb)), eb, e))
			goto out;
	}
	if (git_treebuilder_write(out, bld)) {
		chan_giterr(e, "merging the channel");
		goto out;
	}
	rc = 0;
out:
	git_treebuilder_free(bld);
	git_tree_free(ta);
	git_tree_free(tb);
	return rc;
}
