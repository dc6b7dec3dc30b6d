/* fuzz_csv — feeds the input as a CSV file to the reader (base/csv.h) and to the investigator
 * import (investigator_import_csv, db/rules/investigator_csv.h) of a workspace, the import in
 * a transaction rolled back afterwards.
 * It asserts that what the reader reads, written again with csv_write, reads back as the same
 * records, field for field (malformed records are skipped as the import skips them); and that
 * the import reports every line it refused with a reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/json.h"
#include "db/rules/investigator_csv.h"
#include "fuzz/fuzzkit.h"

static db *d;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	d = fk_workspace("130100", false);
	return 0;
}

/* Every good record of a file as one JSON array of arrays of fields. */
static json_t *records(const char *path)
{
	struct csv c;
	struct csv_row row = {0};
	ipc_err e = {0};
	json_t *all = json_array(), *r;
	int got;

	if (!all || csv_open(path, &c, &e)) {
		json_decref(all);
		return NULL;
	}
	while ((got = csv_next(&c, &row, &e)))
		if (got > 0 && (r = json_array())) {
			for (size_t i = 0; i < row.n; i++)
				json_array_append_new(r, json_stringn_nocheck(row.field[i], strlen(row.field[i])));
			json_array_append_new(all, r);
		}
	csv_row_free(&row);
	csv_close(&c);
	return all;
}

/* The records written by csv_write after a byte-order mark (a field may begin with one). */
static char *written(const json_t *all, size_t *len)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, len);
	const json_t *r, *v;
	size_t i, k;

	if (!f)
		return NULL;
	fputs("\xef\xbb\xbf", f);
	json_array_foreach(all, i, r) {
		const char **fields = calloc(json_array_size(r) + 1, sizeof *fields);
		if (!fields)
			break;
		json_array_foreach(r, k, v)
			fields[k] = json_string_value(v);
		csv_write(f, fields, json_array_size(r));
		free(fields);
	}
	fclose(f);
	return out;
}

static void round_trip(const uint8_t *data, size_t size)
{
	json_t *first = records(fk_file(d, data, size)), *again = NULL;
	size_t len = 0;
	char *text = first ? written(first, &len) : NULL;

	if (text && (again = records(fk_file(d, (const uint8_t *)text, len))))
		FK_ASSERT(json_equal(first, again), "read %s\nwritten %s\nread back %s",
			  json_dumps(first, JSON_ENCODE_ANY), text, json_dumps(again, JSON_ENCODE_ANY));
	free(text);
	json_decref(first);
	json_decref(again);
}

static void import(const uint8_t *data, size_t size)
{
	struct investigator_import r = {0};
	ipc_err e = {0};
	const json_t *x;
	size_t i;

	if (db_begin(d, &e))
		return;
	if (investigator_import_csv(d, fk_file(d, data, size), &r, &e) == 0)
		json_array_foreach(r.rejected, i, x)
			FK_ASSERT(json_integer_value(json_object_get(x, "line")) > 0 && *jtext(x, "reason"),
				  "a refused line without its number or reason");
	json_decref(r.rejected);
	db_rollback(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	round_trip(data, size);
	import(data, size);
	return 0;
}
