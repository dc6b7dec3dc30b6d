/* merge — the union of two channel trees. Each ops file has one writer and only grows, so
 * two sides never change one file in different ways, except a workspace restored from a
 * backup or a peer that dropped lines: files are unioned line by line. Attachments are named
 * by their content and keys by their device: where the two sides differ, the one that is
 * what its name says wins, and if both or neither are, the smaller object id, on every
 * replica alike.
 * Invariants: nothing either side holds is dropped (a file missing on one side is kept from
 * the other, an ops file keeps every line of both); the result is the same whichever side is
 * `a`; when one side already holds everything of the other, the result is that side's very
 * tree (so a union that adds nothing is a fast-forward); only folders of the format are
 * entered (sync/format), so the merge is never deeper than the format, whatever a peer sent. */
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "sync/chan.h"
#include "sync/format.h"

struct lines {
	const char **v;
	size_t n, cap;
};

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The lines of text, sorted, each once. */
static int lines_split(struct lines *l, char *text, ipc_err *e)
{
	size_t n = 0;

	for (char *save = NULL, *s = strtok_r(text, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
		const char **v = grow(l->v, &l->cap, l->n, sizeof *v);
		if (!v)
			return err_nomem(e);
		l->v = v;
		l->v[l->n++] = s;
	}
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, cmp_line);
	for (size_t i = 0; i < l->n; i++)
		if (n == 0 || strcmp(l->v[i], l->v[n - 1]) != 0)
			l->v[n++] = l->v[i];
	l->n = n;
	return 0;
}

static int blob_text(git_repository *repo, const git_oid *id, char **out, size_t *len, ipc_err *e)
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
	if (len)
		*len = n;
	/* a NUL inside would cut lines short: such a file is quarantined on import anyway */
	git_blob_free(b);
	return 0;
}

/* Appends line and a newline to buf. */
static int put_line(char **buf, size_t *len, size_t *cap, const char *line, ipc_err *e)
{
	size_t n = strlen(line);
	char *more = grow(*buf, cap, *len + n, 1);

	if (!more)
		return err_nomem(e);
	*buf = more;
	memcpy(*buf + *len, line, n);
	*len += n;
	(*buf)[(*len)++] = '\n';
	return 0;
}

/* The union of two ops files: one side's blob when it holds every line of the other, else
 * the sorted union. */
int chan_union_lines(git_repository *repo, const git_oid *a, const git_oid *b, git_oid *out,
		     ipc_err *e)
{
	char *ta = NULL, *tb = NULL, *buf = NULL;
	struct lines la = {0}, lb = {0};
	size_t i = 0, j = 0, len = 0, cap = 0, only_a = 0, only_b = 0;
	int rc = -1;

	if (blob_text(repo, a, &ta, NULL, e) || blob_text(repo, b, &tb, NULL, e)
	    || lines_split(&la, ta, e) || lines_split(&lb, tb, e))
		goto out;
	while (i < la.n || j < lb.n) {
		int c = i == la.n ? 1 : j == lb.n ? -1 : strcmp(la.v[i], lb.v[j]);
		const char *line = c <= 0 ? la.v[i] : lb.v[j];
		only_a += c < 0;
		only_b += c > 0;
		i += c <= 0;
		j += c >= 0;
		if (put_line(&buf, &len, &cap, line, e))
			goto out;
	}
	if (!only_a || !only_b) {
		git_oid_cpy(out, only_a ? a : b);
		rc = 0;
	} else if (git_blob_create_from_buffer(out, repo, buf, len) != 0) {
		chan_giterr(e, "writing the merged channel");
	} else {
		rc = 0;
	}
out:
	free(ta);
	free(tb);
	free(buf);
	free(la.v);
	free(lb.v);
	return rc;
}

/* Is the blob what its path says (a key, an attachment)? */
static int blob_right(git_repository *repo, enum fmt_kind k, const char *path, const git_oid *id,
		      bool *right, ipc_err *e)
{
	struct db_identity who;
	size_t len;
	char *text;

	if (blob_text(repo, id, &text, &len, e))
		return -1;
	*right = fmt_blob_right(k, path, text, len, &who, NULL);
	free(text);
	return 0;
}

/* The format ipcase.json names (0 when it names none). */
static int format_of(git_repository *repo, const git_oid *id, ipc_err *e)
{
	size_t len;
	char *text;
	int v;

	if (blob_text(repo, id, &text, &len, e))
		return -1;
	v = fmt_format_of(text, len);
	free(text);
	return v < 0 ? 0 : v;
}

/* Of two different blobs at a key or attachment path, the one that is right; of two channel
 * descriptions, the newer format's (a channel moved to format 2 stays so when merged with a
 * peer not yet upgraded); else the smaller id. */
static int pick_blob(git_repository *repo, enum fmt_kind k, const char *path,
		     const git_tree_entry *ea, const git_tree_entry *eb, const git_tree_entry **out,
		     ipc_err *e)
{
	bool ra = false, rb = false;
	int fa = 0, fb = 0;

	if ((k == FMT_KEY || k == FMT_FILE)
	    && (blob_right(repo, k, path, git_tree_entry_id(ea), &ra, e)
		|| blob_right(repo, k, path, git_tree_entry_id(eb), &rb, e)))
		return -1;
	if (k == FMT_FORMAT && ((fa = format_of(repo, git_tree_entry_id(ea), e)) < 0
				|| (fb = format_of(repo, git_tree_entry_id(eb), e)) < 0))
		return -1;
	if (fa != fb)
		*out = fa > fb ? ea : eb;
	else if (ra != rb)
		*out = ra ? ea : eb;
	else
		*out = git_oid_cmp(git_tree_entry_id(eb), git_tree_entry_id(ea)) < 0 ? eb : ea;
	return 0;
}

static int merge_at(git_repository *repo, const git_oid *a, const git_oid *b, char *path,
		    size_t plen, git_oid *out, ipc_err *e);

/* Puts b's entry into the merged folder. */
static int take(git_treebuilder *tb, const git_tree_entry *eb, ipc_err *e)
{
	return git_treebuilder_insert(NULL, tb, git_tree_entry_name(eb), git_tree_entry_id(eb),
				      git_tree_entry_filemode(eb)) ? chan_giterr(e, "merging") : 0;
}

/* Merges entry eb (from b) into the builder holding a's entries; path holds the folder's
 * path (plen bytes) and room for the entry's name. */
static int merge_entry(git_repository *repo, git_treebuilder *tb, const git_tree_entry *ea,
		       const git_tree_entry *eb, char *path, size_t plen, ipc_err *e)
{
	const char *name = git_tree_entry_name(eb);
	git_filemode_t ma, mb = git_tree_entry_filemode(eb);
	const git_tree_entry *keep;
	enum fmt_kind ka, kb;
	git_oid merged;

	if (ea && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
		return 0;
	if (!ea)
		return take(tb, eb, e);
	ma = git_tree_entry_filemode(ea);
	snprintf(path + plen, FMT_PATH_MAX - plen, "%s%s", plen ? "/" : "", name);
	ka = fmt_kind(path, ma);
	kb = fmt_kind(path, mb);
	if ((ka == FMT_BAD) != (kb == FMT_BAD)) /* what the format names wins over what it does not */
		return ka == FMT_BAD ? take(tb, eb, e) : 0;
	if (ka == FMT_DIR || ka == FMT_OPS) {
		if (ka == FMT_DIR ? merge_at(repo, git_tree_entry_id(ea), git_tree_entry_id(eb), path,
					     strlen(path), &merged, e)
				  : chan_union_lines(repo, git_tree_entry_id(ea), git_tree_entry_id(eb), &merged, e))
			return -1;
		return git_treebuilder_insert(NULL, tb, name, &merged, mb) ? chan_giterr(e, "merging") : 0;
	}
	if (pick_blob(repo, ka, path, ea, eb, &keep, e))
		return -1;
	return keep == ea ? 0 : take(tb, eb, e);
}

static int merge_at(git_repository *repo, const git_oid *a, const git_oid *b, char *path,
		    size_t plen, git_oid *out, ipc_err *e)
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
		if (merge_entry(repo, bld, git_tree_entry_byname(ta, git_tree_entry_name(eb)), eb, path,
				plen, e))
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

int chan_merge_trees(git_repository *repo, const git_oid *a, const git_oid *b, git_oid *out,
		     ipc_err *e)
{
	char path[FMT_PATH_MAX] = "";

	return merge_at(repo, a, b, path, 0, out, e);
}
