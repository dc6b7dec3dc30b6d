/* fuzz_template — feeds the input as an office's own template file (doc/template.h) against
 * the product's vocabulary (db/rules/document.h), and fills what loads from the context of
 * every name (tests/fixtures/doc_context.json).
 * It asserts that a file is either refused with "path:line: message" or loaded; that filling a
 * loaded one either succeeds or names what is missing; and that every text of the document is
 * valid UTF-8 (doc/doc.h's invariant, which the renderers rely on). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/rules/document.h"
#include "doc/template.h"
#include "fuzz/fuzzkit.h"

static db *d;
static json_t *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	d = fk_workspace("130100", false);
	ctx = json_load_file("tests/fixtures/doc_context.json", 0, NULL);
	if (!ctx) {
		fprintf(stderr, "fuzz_template: run from the top of the tree (the context fixture)\n");
		abort();
	}
	return 0;
}

static void utf8_check(const char *s)
{
	json_t *j;

	if (!s)
		return;
	j = json_string(s); /* NULL for text that is not valid UTF-8 */
	if (!j) {
		fprintf(stderr, "fuzz_template: a document text is not UTF-8\n");
		abort();
	}
	json_decref(j);
}

static void doc_check(const struct doc *doc)
{
	utf8_check(doc->title);
	utf8_check(doc->office);
	utf8_check(doc->number);
	utf8_check(doc->date);
	for (size_t i = 0; i < doc->n; i++) {
		const struct doc_block *b = &doc->v[i];
		utf8_check(b->label);
		utf8_check(b->text);
		for (size_t c = 0; c < b->nrows * b->ncols; c++)
			utf8_check(b->cells[c]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fk_file(d, data, size);
	struct template *t = NULL;
	struct doc doc = {0};
	json_t *missing = NULL;
	ipc_err e = {0};

	if (template_load(path, &document_vocab, &t, &e)) {
		if (strncmp(e.msg, path, strlen(path)) != 0) {
			fprintf(stderr, "fuzz_template: a refusal without its file: %s\n", e.msg);
			abort();
		}
		return 0;
	}
	if (template_fill(t, ctx, &doc, &missing, &e) && !missing && !e.msg[0]) {
		fprintf(stderr, "fuzz_template: a fill refused without a reason\n");
		abort();
	}
	doc_check(&doc);
	json_decref(missing);
	doc_free(&doc);
	template_free(t);
	return 0;
}
