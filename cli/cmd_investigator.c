/* cmd_investigator — batch commands of the technical-investigator pool and assignments:
 * investigator add/list/show/set/import/export, techfield add/list, assign, suggest,
 * assignment list/show/advance/opinion. Thin over db/rules/investigator, investigator_csv,
 * recusal and assign. */
#include <stdlib.h>
#include <string.h>

#include "base/disk.h"
#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "db/rules/assign.h"
#include "db/rules/investigator.h"
#include "db/rules/investigator_csv.h"
#include "db/rules/investigator_rules.h"
#include "db/rules/investigator_terms.h"
#include "db/rules/recusal.h"
#include "db/rules/techfield.h"

/* ---- arguments ---- */

/* Up to this many positional arguments; FIELD=VALUE words are positional too. */
#define POS_MAX 4

/* The full id of the record a prefix names, when it is of `type`. */
static int id_of(struct cmd_ctx *c, const char *type, const char *arg, char out[37])
{
	ipc_err e;
	json_t *o;
	int rc;

	if ((rc = cmd_id(c, arg, out)))
		return rc;
	if (!(o = investigator_record(c->d, type, out, &e)))
		return cmd_fail(&e);
	json_decref(o);
	return 0;
}

/* text typed for field `name` of type t → set; "" unsets; NULL adds nothing. */
static int field_arg(const struct rtype *t, const char *name,
		     const char *text, json_t *set)
{
	json_t *v;
	ipc_err e;

	if (!text)
		return 0;
	if (schema_value_parse(schema_field(t, name), text, &v, &e))
		return cmd_fail(&e);
	json_object_set_new(set, name, v);
	return 0;
}

static void print_labels(struct cmd_ctx *c, const json_t *list, bool tech)
{
	size_t i;
	json_t *x;
	char label[128];

	json_array_foreach(list, i, x) {
		if (tech)
			techfield_label(c->d, json_string_value(x), i18n_zh(), label, sizeof label);
		else
			snprintf(label, sizeof label, "%s", schema_enum_label(assignment_tasks,
				 json_string_value(x), i18n_zh()));
		printf("%s", i ? ", " : "");
		cmd_print_text(label);
	}
}

/* NAME (USCC); NAME; USCC */
static void print_orgs(const json_t *list)
{
	size_t i;
	json_t *o;

	json_array_foreach(list, i, o) {
		const char *name = json_string_value(json_object_get(o, "name"));
		const char *uscc = json_string_value(json_object_get(o, "uscc"));
		printf("%s", i ? "; " : "");
		cmd_print_text(name ? name : uscc);
		if (name && uscc)
			printf(" (%s)", uscc);
	}
}

/* One field of a record as a line "label  value", skipped when unset. */
static void print_field(struct cmd_ctx *c, const struct field *f, const json_t *v)
{
	char *s;

	if (!v || json_is_null(v))
		return;
	cmd_print_label("  ", i18n_zh() ? f->zh : f->en, 16);
	if (f->kind == FK_ENUM && f->values == techfield_builtin) {
		char label[128];
		techfield_label(c->d, json_string_value(v), i18n_zh(), label, sizeof label);
		cmd_print_text(label);
	} else if (f->kind == FK_ENUM)
		cmd_print_text(schema_enum_label(f->values, json_string_value(v), i18n_zh()));
	else if (f->kind == FK_ENUMS)
		print_labels(c, v, f->values == techfield_builtin);
	else if (f->kind == FK_ORGS)
		print_orgs(v);
	else if (json_is_string(v))
		cmd_print_text(json_string_value(v));
	else if ((s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY))) {
		cmd_print_text(s);
		free(s);
	}
	putchar('\n');
}

static void print_record(struct cmd_ctx *c, const struct rtype *t, const json_t *o)
{
	for (size_t i = 0; i < t->nfields; i++)
		print_field(c, &t->fields[i], json_object_get(o, t->fields[i].name));
}

/* ---- technical fields ---- */

int cmd_techfield_add(struct cmd_ctx *c, int argc, char **argv)
{
	const char *zh = NULL, *en = NULL, *pos[POS_MAX];
	const struct opt opts[] = {OPT_VALUE("--zh", &zh), OPT_VALUE("--en", &en), OPT_END};
	char id[37];
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos != 1 || !zh)
		return cmd_bad_usage(c->cmd, _("give the code and its Chinese name (--zh)"));
	if (techfield_add(c->d, pos[0], zh, en, id, &e))
		return cmd_fail(&e);
	puts(id);
	return 0;
}

static void techfield_row(const json_t *x)
{
	printf("%-28s ", jstr(x, "code"));
	cmd_print_text(jstr(x, "zh"));
	printf("%s\n", json_is_true(json_object_get(x, "builtin")) ? "" : _("  (added)"));
}

int cmd_techfield_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, techfield_list, techfield_row, NULL);
}

/* ---- investigators ---- */

/* The options of `investigator add` and the fields they set. */
static const struct {
	const char *opt, *field;
} inv_opts[] = {
	{"--name", "name"}, {"--org", "organisation"}, {"--fields", "fields"},
	{"--region", "region"}, {"--qualification", "qualification"}, {"--pool", "pool"},
	{"--availability", "availability"}, {"--interests", "interests"},
};
#define NINV (sizeof inv_opts / sizeof inv_opts[0])

int cmd_investigator_add(struct cmd_ctx *c, int argc, char **argv)
{
	const char *vals[NINV] = {0}, *contact = NULL;
	struct opt opts[NINV + 3];
	bool json = false;
	json_t *set = json_object();
	char id[37];
	ipc_err e;
	int rc;

	for (size_t i = 0; i < NINV; i++)
		opts[i] = (struct opt)OPT_VALUE(inv_opts[i].opt, &vals[i]);
	opts[NINV] = (struct opt)OPT_VALUE("--contact", &contact);
	opts[NINV + 1] = (struct opt)OPT_FLAG("--json", &json);
	opts[NINV + 2] = (struct opt)OPT_END;
	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		goto out;
	for (size_t i = 0; i < NINV && !rc; i++)
		rc = field_arg(&investigator_type, inv_opts[i].field, vals[i], set);
	if (rc)
		goto out;
	if (investigator_add(c->d, set, contact, id, &e)) {
		rc = cmd_fail(&e);
		goto out;
	}
	cmd_print_new(set, id, json);
out:
	json_decref(set);
	return rc;
}

int cmd_investigator_set(struct cmd_ctx *c, int argc, char **argv)
{
	const char *contact = NULL;
	const struct opt opts[] = {OPT_END};
	json_t *set = json_object();
	char id[37];
	ipc_err e;
	int npos, rc;

	/* any number of FIELD=VALUE: they stay in argv, at its front */
	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, argc, &npos)))
		goto out;
	if (npos < 2) {
		rc = cmd_bad_usage(c->cmd, _("give the investigator's id and FIELD=VALUE"));
		goto out;
	}
	if ((rc = id_of(c, "investigator", argv[0], id)))
		goto out;
	for (int i = 1; i < npos && !rc; i++) {
		const char *v;
		char name[64];
		if (!opt_assign(argv[i], name, sizeof name, &v))
			rc = cmd_bad_usage(c->cmd, _("expected FIELD=VALUE, not %s"), argv[i]);
		else if (!strcmp(name, "contact"))
			contact = v;
		else if (!schema_field(&investigator_type, name))
			rc = cmd_bad_usage(c->cmd, _("an investigator has no field \"%s\""), name);
		else
			rc = field_arg(&investigator_type, name, v, set);
	}
	if (!rc && investigator_update(c->d, id, set, contact, NULL, &e))
		rc = cmd_fail(&e);
out:
	json_decref(set);
	return rc;
}

static void print_investigator_line(struct cmd_ctx *c, const json_t *o)
{
	printf("%s  ", json_string_value(json_object_get(o, "id")));
	cmd_print_text(json_string_value(json_object_get(o, "name")));
	printf("  ");
	cmd_print_text(json_string_value(json_object_get(o, "organisation")));
	printf("  [");
	print_labels(c, json_object_get(o, "fields"), true);
	printf("]  %s  %s  %s %lld\n", json_string_value(json_object_get(o, "region")) ?: "-",
	       schema_enum_label(investigator_availability, json_string_value(json_object_get(o,
				 "availability")) ?: "available", i18n_zh()),
	       _("open:"), (long long)json_integer_value(json_object_get(o, "open_assignments")));
}

int cmd_investigator_list(struct cmd_ctx *c, int argc, char **argv)
{
	struct investigator_query q = {.limit = 50};
	const char *field = NULL, *avail = NULL, *limit = NULL;
	bool json = false;
	const struct opt opts[] = {OPT_VALUE("--field", &field), OPT_VALUE("--region", &q.region),
				   OPT_VALUE("--availability", &avail), OPT_VALUE("--query", &q.text),
				   OPT_VALUE("--limit", &limit), OPT_FLAG("--json", &json),
				   OPT_END};
	json_t *filters = json_object(), *list = NULL, *x;
	size_t i;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		goto out;
	if (limit && strspn(limit, "0123456789") != strlen(limit)) {
		rc = cmd_bad_usage(c->cmd, _("--limit takes a number (0 = all)"));
		goto out;
	}
	q.limit = limit ? (size_t)atoi(limit) : q.limit;
	/* Chinese names and ids alike, checked as the fields themselves */
	if ((rc = field_arg(&investigator_type, "fields", field, filters))
	    || (rc = field_arg(&investigator_type, "availability", avail, filters)))
		goto out;
	q.field = json_string_value(json_array_get(json_object_get(filters, "fields"), 0));
	q.availability = json_string_value(json_object_get(filters, "availability"));
	if (!(list = investigator_list(c->d, &q, &e))) {
		rc = cmd_fail(&e);
		goto out;
	}
	if (json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, x)
			print_investigator_line(c, x);
out:
	json_decref(list);
	json_decref(filters);
	return rc;
}

static void print_assignment_line(struct cmd_ctx *c, const json_t *a, bool with_investigator)
{
	(void)c;
	printf("%s  ", json_string_value(json_object_get(a, "id")));
	cmd_print_label("", schema_enum_label(assignment_statuses,
					      json_string_value(json_object_get(a, "status")) ?: "-",
					      i18n_zh()), 18);
	if (with_investigator) {
		cmd_print_text(json_string_value(json_object_get(a, "investigator_name")) ?: "?");
		printf("  ");
	}
	printf("%s %.8s  ", _("case"), json_string_value(json_object_get(a, "case_id")));
	cmd_print_text(json_string_value(json_object_get(a, "office_name")) ?: "");
	if (json_string_value(json_object_get(a, "due")))
		printf("  %s %s", _("due"), json_string_value(json_object_get(a, "due")));
	putchar('\n');
}

/* `… show ID [--json]` of a record of `type` read by get: the record, or NULL with *rc the
 * exit status; printed as JSON (and *json set) when asked. */
static json_t *show_read(struct cmd_ctx *c, int argc, char **argv, const char *type,
			 json_t *(*get)(db *, const char *, ipc_err *), bool *json, int *rc)
{
	const char *pos[POS_MAX];
	const struct opt opts[] = {OPT_FLAG("--json", json), OPT_END};
	json_t *o;
	char id[37];
	ipc_err e;
	int npos;

	if ((*rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return NULL;
	if (npos != 1) {
		*rc = cmd_bad_usage(c->cmd, _("give the id of the %s"),
				   i18n_zh() ? schema_type(type)->zh : schema_type(type)->en);
		return NULL;
	}
	if ((*rc = id_of(c, type, pos[0], id)))
		return NULL;
	if (!(o = get(c->d, id, &e)))
		*rc = cmd_fail(&e);
	else if (*json)
		cmd_print_json(o);
	return o;
}

int cmd_investigator_show(struct cmd_ctx *c, int argc, char **argv)
{
	bool json = false;
	int rc;
	json_t *o = show_read(c, argc, argv, "investigator", investigator_get, &json, &rc), *a;
	size_t i;

	if (o && !json) {
		printf("%s %s\n", _("investigator"), json_string_value(json_object_get(o, "id")));
		print_record(c, &investigator_type, o);
		print_field(c, &investigator_contact_type.fields[1], json_object_get(o, "contact"));
		cmd_print_label("  ", _("open assignments"), 16);
		printf("%lld\n", (long long)json_integer_value(json_object_get(o, "open_assignments")));
		json_array_foreach(json_object_get(o, "assignments"), i, a) {
			printf("  ");
			print_assignment_line(c, a, false);
		}
	}
	json_decref(o);
	return rc;
}

int cmd_investigator_import(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[POS_MAX];
	bool json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &json), OPT_END};
	struct investigator_import r;
	char line[1024];
	json_t *x;
	size_t i, rejected;
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos != 1)
		return cmd_bad_usage(c->cmd, _("give the CSV file"));
	if (investigator_import_csv(c->d, pos[0], &r, &e)) {
		json_decref(r.rejected);
		return cmd_fail(&e);
	}
	json_array_foreach(r.rejected, i, x) {
		investigator_import_refusal(x, line, sizeof line);
		fprintf(stderr, "ipcase: %s\n", line);
	}
	rejected = json_array_size(r.rejected);
	if (json) {
		x = json_pack("{s:i,s:i,s:i,s:O}", "added", (int)r.added, "updated", (int)r.updated,
			      "unchanged", (int)r.unchanged, "rejected", r.rejected);
		cmd_print_json(x);
		json_decref(x);
	} else {
		investigator_import_summary(&r, line, sizeof line);
		puts(line);
	}
	json_decref(r.rejected);
	return rejected ? cmd_exit(IPC_E_RULE) : 0;
}

int cmd_investigator_export(struct cmd_ctx *c, int argc, char **argv)
{
	const char *path = NULL;
	bool bom = false;
	const struct opt opts[] = {OPT_FLAG("--bom", &bom), OPT_VALUE("--output", &path),
				   OPT_END};
	FILE *out;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return rc;
	if (!(out = path ? fopen(path, "wb") : out_exact())) {
		disk_write_err(&e, path ? path : "/dev/stdout");
		return cmd_fail(&e);
	}
	rc = investigator_export_csv(c->d, out, bom, &e);
	if (path && fclose(out) && !rc)
		rc = disk_write_err(&e, path);
	return rc ? cmd_fail(&e) : 0;
}

/* ---- assignments ---- */

int cmd_assign(struct cmd_ctx *c, int argc, char **argv)
{
	const char *tasks = NULL, *due = NULL, *over = NULL, *replaces = NULL, *reason = NULL;
	const char *pos[POS_MAX];
	bool json = false;
	const struct opt opts[] = {OPT_VALUE("--tasks", &tasks), OPT_VALUE("--due", &due),
				   OPT_VALUE("--override-reason", &over), OPT_VALUE("--replaces", &replaces),
				   OPT_VALUE("--reason", &reason), OPT_FLAG("--json", &json),
				   OPT_END};
	struct assign_req r = {0};
	json_t *set = json_object(), *o;
	char case_id[37], inv[37], old[37], id[37];
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		goto out;
	if (npos != 2 || !tasks) {
		rc = cmd_bad_usage(c->cmd, _("give the case, the investigator and --tasks"));
		goto out;
	}
	if ((rc = id_of(c, "case", pos[0], case_id)) || (rc = id_of(c, "investigator", pos[1], inv))
	    || (replaces && (rc = id_of(c, "assignment", replaces, old)))
	    || (rc = field_arg(&assignment_type, "tasks", tasks, set))
	    || (rc = field_arg(&assignment_type, "due", due, set)))
		goto out;
	r = (struct assign_req){case_id, inv, json_object_get(set, "tasks"),
				json_string_value(json_object_get(set, "due")), over,
				replaces ? old : NULL, reason};
	if (assign_make(c->d, &r, id, &e)) {
		rc = cmd_fail(&e);
		goto out;
	}
	if (json && (o = assign_get(c->d, id, &e))) {
		cmd_print_json(o);
		json_decref(o);
	} else {
		puts(id);
	}
out:
	json_decref(set);
	return rc;
}

int cmd_suggest(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[POS_MAX], *limit = NULL;
	bool json = false;
	const struct opt opts[] = {OPT_VALUE("--limit", &limit), OPT_FLAG("--json", &json),
				   OPT_END};
	json_t *list, *x, *why;
	char case_id[37];
	size_t i, k;
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos != 1)
		return cmd_bad_usage(c->cmd, _("give the case's id"));
	if (limit && strspn(limit, "0123456789") != strlen(limit))
		return cmd_bad_usage(c->cmd, _("--limit takes a number (0 = all)"));
	if ((rc = id_of(c, "case", pos[0], case_id)))
		return rc;
	if (!(list = recusal_suggest(c->d, case_id, limit ? (size_t)atoi(limit) : 10, &e)))
		return cmd_fail(&e);
	if (json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, x) {
			bool ok = json_is_true(json_object_get(x, "eligible"));
			if (ok)
				printf("%2zu. ", i + 1);
			else
				printf("%s ", _("refused:"));
			cmd_print_text(json_string_value(json_object_get(x, "name")));
			printf(" (");
			cmd_print_text(json_string_value(json_object_get(x, "organisation")));
			printf(")  %s", json_string_value(json_object_get(x, "id")));
			if (ok)
				printf("  %s %lld", _("score"),
				       (long long)json_integer_value(json_object_get(x, "score")));
			putchar('\n');
			json_array_foreach(json_object_get(x, "reasons"), k, why) {
				printf("      ");
				cmd_print_text(json_string_value(why));
				putchar('\n');
			}
		}
	json_decref(list);
	return 0;
}

int cmd_assignment_list(struct cmd_ctx *c, int argc, char **argv)
{
	struct assign_query q = {0};
	const char *kase = NULL, *inv = NULL, *status = NULL;
	bool json = false;
	const struct opt opts[] = {OPT_VALUE("--case", &kase), OPT_VALUE("--investigator", &inv),
				   OPT_VALUE("--status", &status), OPT_FLAG("--open", &q.open),
				   OPT_FLAG("--json", &json), OPT_END};
	const struct enum_value *ev = NULL;
	json_t *list, *a;
	char case_id[37], inv_id[37];
	size_t i;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return rc;
	if (status && !(ev = schema_enum_find(assignment_statuses, status)))
		return cmd_bad_usage(c->cmd, _("unknown status %s"), status);
	if ((kase && (rc = cmd_id(c, kase, case_id))) || (inv && (rc = id_of(c, "investigator", inv, inv_id))))
		return rc;
	q.case_id = kase ? case_id : NULL;
	q.investigator_id = inv ? inv_id : NULL;
	q.status = ev ? ev->id : NULL;
	if (!(list = assign_list(c->d, &q, &e)))
		return cmd_fail(&e);
	if (json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, a)
			print_assignment_line(c, a, true);
	json_decref(list);
	return 0;
}

int cmd_assignment_show(struct cmd_ctx *c, int argc, char **argv)
{
	bool json = false;
	int rc;
	json_t *o = show_read(c, argc, argv, "assignment", assign_get, &json, &rc), *x;

	if (!o || json) {
		json_decref(o);
		return rc;
	}
	printf("%s %s\n", _("assignment"), json_string_value(json_object_get(o, "id")));
	cmd_print_label("  ", _("investigator"), 16);
	cmd_print_text(json_string_value(json_object_get(o, "investigator_name")) ?: "?");
	putchar('\n');
	cmd_print_label("  ", _("office"), 16);
	cmd_print_text(json_string_value(json_object_get(o, "office_name")) ?: "?");
	putchar('\n');
	print_record(c, &assignment_type, o);
	if ((x = json_object_get(o, "recusal")) && json_is_object(x)) {
		printf("%s %s\n", _("recusal override"), json_string_value(json_object_get(x, "id")));
		print_record(c, &recusal_type, x);
	}
	if ((x = json_object_get(o, "opinion")) && json_is_object(x)) {
		printf("%s %s\n", _("opinion"), json_string_value(json_object_get(x, "id")));
		print_record(c, &opinion_type, x);
	}
	json_decref(o);
	return 0;
}

int cmd_assignment_advance(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[POS_MAX], *reason = NULL, *on = NULL;
	const struct opt opts[] = {OPT_VALUE("--reason", &reason), OPT_VALUE("--on", &on),
				   OPT_END};
	const struct enum_value *ev;
	char id[37];
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos != 2)
		return cmd_bad_usage(c->cmd, _("give the assignment's id and its new status"));
	if (!(ev = schema_enum_find(assignment_statuses, pos[1])))
		return cmd_bad_usage(c->cmd, _("unknown status %s"), pos[1]);
	if ((rc = id_of(c, "assignment", pos[0], id)))
		return rc;
	return assign_advance(c->d, id, ev->id, reason, on, &e) ? cmd_fail(&e) : 0;
}

/* The text of a file ("-": standard input); the opinion's own limit is checked on write. */
static char *file_text(const char *path, ipc_err *e)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin, *mem = NULL;
	char *buf = NULL, chunk[4096];
	size_t n = 0, got;

	if (!f || !(mem = open_memstream(&buf, &n))) {
		err_set(e, _("cannot read %s: %m"), path);
		goto out;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && n < ((size_t)1 << 20))
		fwrite(chunk, 1, got, mem);
	fclose(mem);
	if (ferror(f) || n >= ((size_t)1 << 20)) {
		err_set(e, ferror(f) ? _("cannot read %s") : _("%s is larger than 1 MiB"), path);
		free(buf);
		buf = NULL;
	}
out:
	if (f && f != stdin)
		fclose(f);
	return buf;
}

int cmd_assignment_opinion(struct cmd_ctx *c, int argc, char **argv)
{
	const char *pos[POS_MAX], *text = NULL, *text_file = NULL, *file = NULL;
	const struct opt opts[] = {OPT_VALUE("--text", &text), OPT_VALUE("--text-file", &text_file),
				   OPT_VALUE("--file", &file), OPT_END};
	char id[37], opinion[37], *owned = NULL;
	ipc_err e;
	int npos, rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, POS_MAX, &npos)))
		return rc;
	if (npos != 1 || !text == !text_file)
		return cmd_bad_usage(c->cmd, _("give the assignment's id and --text or --text-file"));
	if ((rc = id_of(c, "assignment", pos[0], id)))
		return rc;
	if (text_file && !(text = owned = file_text(text_file, &e)))
		return cmd_fail(&e);
	rc = assign_opinion(c->d, id, text, file, opinion, &e) ? cmd_fail(&e) : 0;
	if (!rc)
		puts(opinion);
	free(owned);
	return rc;
}
