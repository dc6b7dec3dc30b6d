/* doc — the document model shared by the template filler and the renderers. */
#include "doc/doc.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct doc_block *doc_add(struct doc *d, enum doc_block_kind kind, const char *label,
			  const char *text)
{
	struct doc_block *b;

	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		struct doc_block *v = realloc(d->v, cap * sizeof *v);
		if (!v)
			return NULL;
		d->v = v;
		d->cap = cap;
	}
	b = &d->v[d->n];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->label = dup_or_null(label);
	b->text = dup_or_null(text);
	if ((label && !b->label) || (text && !b->text)) {
		free(b->label);
		free(b->text);
		return NULL;
	}
	d->n++;
	return b;
}

int doc_add_row(struct doc_block *b, const char *const *cells, size_t ncols)
{
	char **v;

	if (b->nrows && ncols != b->ncols)
		return -1;
	v = realloc(b->cells, (b->nrows + 1) * ncols * sizeof *v);
	if (!v)
		return -1;
	b->cells = v;
	b->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		v[b->nrows * ncols + i] = dup_or_null(cells[i]);
		if (cells[i] && !v[b->nrows * ncols + i]) {
			while (i--)
				free(v[b->nrows * ncols + i]);
			return -1;
		}
	}
	b->nrows++;
	return 0;
}

void doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct doc_block *b = &d->v[i];
		for (size_t c = 0; c < b->nrows * b->ncols; c++)
			free(b->cells[c]);
		free(b->cells);
		free(b->label);
		free(b->text);
	}
	free(d->v);
	free(d->office);
	free(d->title);
	free(d->number);
	free(d->date);
	free(d->qr);
	free(d->mark);
	memset(d, 0, sizeof *d);
}
