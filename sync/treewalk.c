/* treewalk — the bounded, non-recursive walk of channel trees (see treewalk.h). */
#include "sync/treewalk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"

/* A subtree being walked: its entries from i on are still to come. */
struct frame {
	git_tree *now, *before[TW_BEFORE_MAX];
	size_t i;
	size_t prefix; /* bytes of the path before its entries' names */
};

/* The object ids met: open addressing, at most half full (the null id is kept aside, as it
 * marks an empty slot). */
struct oidset {
	git_oid *v;
	size_t n, cap;
	bool has_null;
};

struct treewalk {
	git_repository *repo;
	size_t nbefore;
	struct frame *stack;
	size_t depth, cap;
	struct oidset seen;
	const git_tree_entry *last; /* the entry tw_next gave last, in the top frame */
	size_t last_len;            /* its path's length */
	char path[TW_PATH_MAX + 1];
};

static size_t slot_of(const struct oidset *s, const git_oid *id)
{
	uint64_t h;

	memcpy(&h, id->id, sizeof h);
	return (size_t)h & (s->cap - 1);
}

static void set_put(struct oidset *s, const git_oid *id)
{
	size_t i = slot_of(s, id);

	while (!git_oid_is_zero(&s->v[i]))
		i = (i + 1) & (s->cap - 1);
	s->v[i] = *id;
	s->n++;
}

static int set_grow(struct oidset *s, ipc_err *e)
{
	struct oidset bigger = {.cap = s->cap ? s->cap * 2 : 1024, .has_null = s->has_null};

	if (!(bigger.v = calloc(bigger.cap, sizeof *bigger.v)))
		return err_nomem(e);
	for (size_t i = 0; i < s->cap; i++)
		if (!git_oid_is_zero(&s->v[i]))
			set_put(&bigger, &s->v[i]);
	free(s->v);
	*s = bigger;
	return 0;
}

/* Adds id: 1 when it is new, 0 when it was there, -1 out of memory. */
static int set_add(struct oidset *s, const git_oid *id, ipc_err *e)
{
	size_t i;

	if (git_oid_is_zero(id)) {
		bool had = s->has_null;
		s->has_null = true;
		return !had;
	}
	if ((s->n + 1) * 2 > s->cap && set_grow(s, e))
		return -1;
	for (i = slot_of(s, id); !git_oid_is_zero(&s->v[i]); i = (i + 1) & (s->cap - 1))
		if (git_oid_equal(&s->v[i], id))
			return 0;
	set_put(s, id);
	return 1;
}

static void frame_free(struct frame *f)
{
	git_tree_free(f->now);
	for (size_t k = 0; k < TW_BEFORE_MAX; k++)
		git_tree_free(f->before[k]);
}

/* Pushes the tree `now` (with the befores' trees at its place, NULL: none) whose entries'
 * paths start after `prefix` bytes of w->path. Takes the trees, freed with the frame. */
static int push(struct treewalk *w, git_tree *now, git_tree *const *before, size_t prefix,
		ipc_err *e)
{
	struct frame *f = grow(w->stack, &w->cap, w->depth, sizeof *f);

	if (!f) {
		git_tree_free(now);
		for (size_t k = 0; k < w->nbefore; k++)
			git_tree_free(before[k]);
		return err_nomem(e);
	}
	w->stack = f;
	f = &w->stack[w->depth++];
	*f = (struct frame){.now = now, .prefix = prefix};
	for (size_t k = 0; k < w->nbefore; k++)
		f->before[k] = before[k];
	return 0;
}

static int lookup(git_tree **out, git_repository *repo, const git_oid *id, ipc_err *e)
{
	const git_error *g;

	*out = NULL;
	if (git_tree_lookup(out, repo, id) == 0)
		return 0;
	g = git_error_last();
	return err_set(e, _("reading the channel: %s"), g && g->message ? g->message : "?");
}

int tw_start(struct treewalk **out, git_repository *repo, const git_oid *const *before, size_t n,
	     const git_oid *now, ipc_err *e)
{
	struct treewalk *w = calloc(1, sizeof *w);
	git_tree *tn = NULL, *tb[TW_BEFORE_MAX] = {NULL, NULL};
	size_t k;

	*out = NULL;
	if (!w)
		return err_nomem(e);
	w->repo = repo;
	w->nbefore = n < TW_BEFORE_MAX ? n : TW_BEFORE_MAX;
	for (k = 0; k < w->nbefore; k++)
		if (before[k] && git_oid_equal(before[k], now))
			break;
	if (k < w->nbefore) { /* nothing differs */
		*out = w;
		return 0;
	}
	if (lookup(&tn, repo, now, e))
		goto fail;
	for (k = 0; k < w->nbefore; k++)
		if (before[k] && lookup(&tb[k], repo, before[k], e))
			goto fail;
	if (set_add(&w->seen, now, e) < 0)
		goto fail;
	if (push(w, tn, tb, 0, e)) { /* it freed the trees */
		tw_free(w);
		return -1;
	}
	*out = w;
	return 0;
fail:
	git_tree_free(tn);
	for (k = 0; k < TW_BEFORE_MAX; k++)
		git_tree_free(tb[k]);
	tw_free(w);
	return -1;
}

/* Does a before hold this very entry at this place? */
static bool unchanged(const struct frame *f, size_t nbefore, const git_tree_entry *te)
{
	for (size_t k = 0; k < nbefore; k++) {
		const git_tree_entry *eb = f->before[k]
			? git_tree_entry_byname(f->before[k], git_tree_entry_name(te)) : NULL;
		if (eb && git_oid_equal(git_tree_entry_id(eb), git_tree_entry_id(te)))
			return true;
	}
	return false;
}

int tw_next(struct treewalk *w, struct tw_entry *out, ipc_err *e)
{
	w->last = NULL;
	while (w->depth) {
		struct frame *f = &w->stack[w->depth - 1];
		const git_tree_entry *te;
		const char *name;
		size_t len;
		int fresh;

		if (f->i == git_tree_entrycount(f->now)) {
			frame_free(f);
			w->depth--;
			continue;
		}
		te = git_tree_entry_byindex(f->now, f->i++);
		if (unchanged(f, w->nbefore, te))
			continue;
		if ((fresh = set_add(&w->seen, git_tree_entry_id(te), e)) < 0)
			return -1;
		name = git_tree_entry_name(te);
		len = strlen(name);
		*out = (struct tw_entry){.te = te, .path = w->path, .depth = w->depth - 1,
					 .repeated = !fresh,
					 .path_cut = f->prefix + len > TW_PATH_MAX};
		if (out->path_cut)
			len = f->prefix < TW_PATH_MAX ? TW_PATH_MAX - f->prefix : 0;
		memcpy(w->path + f->prefix, name, len);
		w->path[f->prefix + len] = '\0';
		w->last = te;
		w->last_len = f->prefix + len;
		return 1;
	}
	return 0;
}

int tw_enter(struct treewalk *w, ipc_err *e)
{
	struct frame *f = &w->stack[w->depth - 1];
	const char *name = git_tree_entry_name(w->last);
	git_tree *sub = NULL, *before[TW_BEFORE_MAX] = {NULL, NULL};
	size_t prefix = w->last_len;

	if (lookup(&sub, w->repo, git_tree_entry_id(w->last), e))
		return -1;
	for (size_t k = 0; k < w->nbefore; k++) {
		const git_tree_entry *eb = f->before[k] ? git_tree_entry_byname(f->before[k], name) : NULL;
		if (eb && git_tree_entry_type(eb) == GIT_OBJECT_TREE
		    && lookup(&before[k], w->repo, git_tree_entry_id(eb), e)) {
			git_tree_free(sub);
			git_tree_free(before[0]);
			return -1;
		}
	}
	if (prefix < TW_PATH_MAX)
		w->path[prefix++] = '/';
	w->path[prefix] = '\0';
	w->last = NULL;
	return push(w, sub, before, prefix, e);
}

size_t tw_objects(const struct treewalk *w)
{
	return w->seen.n + w->seen.has_null;
}

void tw_free(struct treewalk *w)
{
	if (!w)
		return;
	while (w->depth)
		frame_free(&w->stack[--w->depth]);
	free(w->stack);
	free(w->seen.v);
	free(w);
}
