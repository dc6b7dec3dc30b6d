/* format — which path of a channel's repository may name what (see format.h). */
#include "sync/format.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "db/channel.h"
#include "db/op.h"

#define TYPE_MAX 23 /* longest record type name in a path */

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool is_type_name(const char *s, size_t n)
{
	if (n == 0 || n > TYPE_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

enum fmt_place fmt_record_place(const char *xx, const char *id, size_t n)
{
	if (n != 36 || memchr(id, '/', n))
		return FMT_PLACE_BAD;
	if (memcmp(xx, id + 34, 2) == 0)
		return FMT_PLACE_RIGHT;
	return memcmp(xx, id, 2) == 0 ? FMT_PLACE_OLD : FMT_PLACE_BAD;
}

void fmt_ops_path(const char *type, const char *record, const char *actor, char *out)
{
	size_t n = strlen(record);

	snprintf(out, FMT_PATH_MAX, "ops/%s/%.2s/%s/%s.jsonl", type, record + (n > 2 ? n - 2 : 0),
		 record, actor);
}

bool fmt_ops_filed(const char *path, const char *type, const char *record, const char *actor)
{
	char want[FMT_PATH_MAX];

	fmt_ops_path(type, record, actor, want);
	if (strcmp(want, path) == 0)
		return true;
	snprintf(want, sizeof want, "ops/%s/%.2s/%s/%s.jsonl", type, record, record, actor);
	return strcmp(want, path) == 0;
}

/* The names of path, split at '/' (at most 6: one more than the format's depth). */
static size_t split(const char *path, const char *name[6], size_t len[6])
{
	size_t n = 0;

	for (const char *p = path; n < 6; n++) {
		const char *slash = strchr(p, '/');
		name[n] = p;
		len[n] = slash ? (size_t)(slash - p) : strlen(p);
		if (!slash)
			return n + 1;
		p = slash + 1;
	}
	return n + 1; /* deeper than any path of the format */
}

static bool is(const char *name, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(name, word, len) == 0;
}

static enum fmt_kind dir_kind(const char *const name[6], const size_t len[6], size_t n)
{
	if (n == 1)
		return is(name[0], len[0], "ops") || is(name[0], len[0], "keys")
			       || is(name[0], len[0], "files") ? FMT_DIR : FMT_BAD;
	if (is(name[0], len[0], "files"))
		return n == 2 && len[1] == 2 && is_hex(name[1], 2) ? FMT_DIR : FMT_BAD;
	if (!is(name[0], len[0], "ops") || !is_type_name(name[1], len[1]))
		return FMT_BAD;
	if (n == 2)
		return FMT_DIR;
	if (len[2] != 2)
		return FMT_BAD;
	return n == 3 || (n == 4 && fmt_record_place(name[2], name[3], len[3]) != FMT_PLACE_BAD)
		       ? FMT_DIR : FMT_BAD;
}

static enum fmt_kind file_kind(const char *const name[6], const size_t len[6], size_t n)
{
	if (n == 1)
		return is(name[0], len[0], "ipcase.json") ? FMT_FORMAT : FMT_BAD;
	if (n == 2 && is(name[0], len[0], "keys"))
		return len[1] == 64 + 5 && is_hex(name[1], 64) && memcmp(name[1] + 64, ".json", 5) == 0
			       ? FMT_KEY : FMT_BAD;
	if (n == 3 && is(name[0], len[0], "files"))
		return len[1] == 2 && len[2] == 64 && is_hex(name[2], 64)
			       && memcmp(name[1], name[2], 2) == 0 ? FMT_FILE : FMT_BAD;
	if (n == 5 && dir_kind(name, len, 4) == FMT_DIR)
		return len[4] == 64 + 6 && is_hex(name[4], 64) && memcmp(name[4] + 64, ".jsonl", 6) == 0
			       ? FMT_OPS : FMT_BAD;
	return FMT_BAD;
}

enum fmt_kind fmt_kind(const char *path, git_filemode_t mode)
{
	const char *name[6];
	size_t len[6], n = split(path, name, len);

	if (n > 5)
		return FMT_BAD;
	if (mode == GIT_FILEMODE_TREE)
		return dir_kind(name, len, n);
	if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE)
		return file_kind(name, len, n);
	return FMT_BAD; /* a symbolic link, a gitlink */
}

int fmt_format_of(const void *data, size_t len)
{
	json_t *j = json_loadb(data, len, 0, NULL), *v = json_object_get(j, "format");
	json_int_t f = json_is_integer(v) ? json_integer_value(v) : -1;

	json_decref(j);
	return f < 0 || f > 1000 ? -1 : (int)f;
}

bool fmt_ops_type(const char *path, char *type, size_t n)
{
	const char *name[6];
	size_t len[6], k = split(path, name, len);

	if (k < 2 || !is(name[0], len[0], "ops") || len[1] >= n)
		return false;
	snprintf(type, n, "%.*s", (int)len[1], name[1]);
	return true;
}

int fmt_ops_cmp(const char *a, const char *b)
{
	const char *na[6], *nb[6];
	size_t la[6], lb[6], ka = split(a, na, la), kb = split(b, nb, lb);
	int c;

	if (ka < 4 || kb < 4) /* not below a shard folder: as they are */
		return strcmp(a, b);
	if ((c = memcmp(na[1], nb[1], la[1] < lb[1] ? la[1] : lb[1])) || la[1] != lb[1])
		return c ? c : la[1] < lb[1] ? -1 : 1;
	return strcmp(na[3], nb[3]); /* the record, then the writer */
}

bool fmt_blob_right(enum fmt_kind k, const char *path, const void *data, size_t len,
		    struct db_identity *who, ipc_err *why)
{
	if (k == FMT_KEY) {
		if (op_key_parse(data, len, who, why))
			return false;
		if (strncmp(path + 5, who->actor, 64) != 0)
			return err_set(why, "key file named after another device"), false;
	}
	if (k == FMT_FILE && !db_file_matches(path + 9, data, len))
		return err_set(why, _("attachment content does not match its SHA-256 %.12s"), path + 9),
		       false;
	return true;
}
