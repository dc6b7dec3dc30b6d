/* cmd_record — batch commands on records: case add/list/show/advance, set, resolve, party,
 * evidence and inspection add. Options map onto schema fields through small tables. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "base/typed.h"
#include "base/validate.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/calendar.h"
#include "db/caseview.h"
#include "db/rules/case_terms.h"
#include "db/rules/deadline.h"
#include "db/rules/inspection.h"
#include "db/rules/threshold.h"
#include "db/rules/watch.h"
#include "db/schema.h"
#include "db/search.h"
#include "db/store.h"

/* An option's value is the field's text, the text of the file it names, or a flag that
 * sets a yes/no field. */
enum optmap_how { MAP_VALUE, MAP_FILE, MAP_FLAG };

struct optmap {
	const char *opt, *field;
	enum optmap_how how;
};

/* The most options a map has: the tables are sized by it, so one more does not compile. */
#define MAP_MAX 14
#define V(opt, field) {(opt), (field), MAP_VALUE}
#define END {NULL, NULL, MAP_VALUE}

static const struct optmap case_opts[MAP_MAX + 1] = {
	V("--title", "title"), V("--ip-type", "ip_type"), V("--source", "source"),
	V("--region", "region"), V("--place", "place"), V("--place-kind", "place_kind"),
	V("--handlers", "handlers"), V("--notes", "notes"), V("--marks", "marks"), END,
};
static const struct optmap party_opts[MAP_MAX + 1] = {
	V("--role", "role"), V("--name", "name"), V("--uscc", "uscc"),
	V("--id-number", "id_number"), V("--phone", "phone"), V("--address", "address"), END,
};
static const struct optmap evidence_opts[MAP_MAX + 1] = {
	V("--kind", "kind"), V("--desc", "description"), V("--at", "collected_at"),
	V("--place", "collected_place"), V("--by", "collected_by"), END,
};
static const struct optmap inspection_opts[MAP_MAX + 1] = {
	V("--case", "case_id"), V("--place-kind", "place_kind"), V("--place", "place_name"),
	V("--address", "address"), V("--region", "region"), V("--at", "inspected_at"),
	V("--inspectors", "inspectors"), V("--findings", "findings"),
	V("--gi-product", "gi_product"), V("--gi-findings", "gi_findings"),
	V("--campaign", "campaign"), V("--market", "market_id"), END,
};

static const struct optmap pause_opts[MAP_MAX + 1] = {
	V("--kind", "kind"), V("--from", "started_on"), V("--to", "ended_on"),
	V("--note", "note"), END,
};
static const struct optmap measure_opts[MAP_MAX + 1] = {
	V("--kind", "kind"), V("--on", "taken_on"), V("--items", "items"),
	V("--officers", "officers"), V("--reason", "reason"), V("--basis", "basis"), END,
};
static const struct optmap item_opts[MAP_MAX + 1] = {
	V("--measure", "measure_id"), V("--name", "name"), V("--spec", "spec"),
	V("--quantity", "quantity"), V("--unit", "unit"), V("--place", "place"), END,
};
static const struct optmap interview_opts[MAP_MAX + 1] = {
	V("--interviewee", "interviewee"), V("--role", "relation"),
	V("--id-number", "id_number"), V("--phone", "phone"), V("--address", "address"),
	V("--at", "started_at"), V("--ended", "ended_at"), V("--place", "place"),
	V("--officers", "officers"), V("--recorder", "recorder"), V("--qa", "qa"),
	{"--qa-file", "qa", MAP_FILE}, {"--read-back", "read_back", MAP_FLAG}, END,
};
static const struct optmap discussion_opts[MAP_MAX + 1] = {
	V("--purpose", "purpose"), V("--on", "held_on"), V("--participants", "participants"),
	V("--conclusion", "conclusion"), V("--extended-to", "extended_to"), END,
};

static const struct optmap police_opts[MAP_MAX + 1] = {
	V("--reported-on", "reported_on"), V("--reporters", "reporters"), V("--offence", "offence"),
	END,
};

static const struct optmap mediation_opts[MAP_MAX + 1] = {
	V("--case", "case_id"), V("--parties", "parties"), V("--mediator", "mediator"),
	V("--on", "mediated_on"), V("--outcome", "outcome"), V("--agreement", "agreement"),
	V("--effective-on", "effective_on"), V("--document-no", "document_no"),
	V("--notes", "notes"), END,
};

static const struct optmap intake_opts[MAP_MAX + 1] = {
	V("--channel", "channel"), V("--ticket", "ticket"), V("--received", "received_on"),
	V("--kind", "kind"), {"--anonymous", "anonymous", MAP_FLAG}, V("--name", "person_name"),
	V("--phone", "person_phone"), V("--id-number", "person_id_number"),
	V("--address", "person_address"), V("--subject", "subject"), V("--respondent", "respondent"),
	V("--uscc", "respondent_uscc"), V("--goods", "goods"), V("--place", "place"), END,
};

static const struct optmap fair_opts[MAP_MAX + 1] = {
	V("--name", "name"), V("--venue", "venue"), V("--from", "starts_on"), V("--to", "ends_on"),
	V("--series", "series"), V("--edition", "edition"), V("--organiser", "organiser"),
	V("--complaint-office", "complaint_office"), V("--region", "region"), V("--notes", "notes"),
	END,
};

static const struct optmap fair_complaint_opts[MAP_MAX + 1] = {
	V("--at", "received_at"), V("--complainant", "complainant"),
	V("--phone", "complainant_phone"), V("--right", "right"), V("--exhibitor", "exhibitor"),
	V("--uscc", "exhibitor_uscc"), V("--booth", "booth"), V("--subject", "subject"), END,
};

static const struct optmap fair_exhibitor_opts[MAP_MAX + 1] = {
	V("--name", "name"), V("--uscc", "uscc"), V("--booth", "booth"), V("--finding", "finding"),
	V("--exhibits", "exhibits"), END,
};

/* the watch lists (db/rules/watch.c) */
static const struct optmap market_opts[MAP_MAX + 1] = {
	V("--name", "name"), V("--kind", "kind"), V("--interval", "interval_days"),
	V("--address", "address"), V("--region", "region"), V("--notes", "notes"), END,
};
static const struct optmap trademark_opts[MAP_MAX + 1] = {
	V("--mark", "mark"), V("--holder", "holder"), V("--reg-no", "reg_no"),
	V("--classes", "classes"), V("--regions", "regions"), V("--notes", "notes"), END,
};

static int parse_field(struct cmd_ctx *c, const struct rtype *t, const char *name,
		       const char *value, bool from_option, json_t *set)
{
	const struct field *f = schema_field(t, name);
	json_t *v;
	ipc_err e;

	if (!f)
		return cmd_bad_usage(c->cmd, _("a %s has no field \"%s\""), t->name, name);
	if ((f->flags & FF_SYSTEM) && !from_option)
		return strcmp(name, "status") == 0
		       ? cmd_bad_usage(c->cmd, _("%s is set by ipcase: change it with `ipcase case advance "
						 "ID STATUS`"), i18n_zh() ? f->zh : name)
		       : cmd_bad_usage(c->cmd, _("%s is set by ipcase"), i18n_zh() ? f->zh : name);
	if (schema_value_parse(f, value, &v, &e))
		return cmd_fail(&e);
	json_object_set_new(set, name, v);
	return 0;
}

/* A field's text from a file (an interview's questions and answers typed elsewhere). */
static int parse_file(struct cmd_ctx *c, const struct rtype *t, const char *name,
		      const char *path, json_t *set)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");
	ipc_err e;
	int rc;

	if (!f) {
		err_kind(&e, IPC_E_IO, name, _("cannot read %s: %m"), path);
		return cmd_fail(&e);
	}
	text = calloc(1, SCHEMA_TEXT_MAX * 4 + 2);
	if (text)
		len = fread(text, 1, SCHEMA_TEXT_MAX * 4 + 1, f);
	fclose(f);
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (text)
		rc = parse_field(c, t, name, text, true, set);
	else
		rc = cmd_fail((err_nomem(&e), &e));
	free(text);
	return rc;
}

/* What prints a record made: its id, or the fields it set and the id (cmd_print_new). */
typedef int (*add_done)(struct cmd_ctx *c, json_t *set, const char *id, bool as_json);

/* Creates a record of type `type` from the options of `map` (and --file when file_ok);
 * `case_arg` says whether it takes the record it belongs to (its parent: a case, a fair) as
 * its positional argument; `done` prints it. */
static int add_record_then(struct cmd_ctx *c, const char *type, const struct optmap *map,
			   bool case_arg, bool file_ok, add_done done, int argc, char **argv)
{
	const struct rtype *t = schema_type(type);
	const char *vals[MAP_MAX] = {0}, *file = NULL, *kase = NULL;
	struct opt opts[MAP_MAX + 3];
	bool as_json = false, flags[MAP_MAX] = {0};
	json_t *set = json_object();
	char id[37], case_id[37];
	size_t n = 0;
	ipc_err e;
	int rc;

	/* the table is built here: each option of the map writes its own slot of vals */
	for (; map[n].opt; n++)
		opts[n] = map[n].how == MAP_FLAG ? (struct opt)OPT_FLAG(map[n].opt, &flags[n])
						 : (struct opt)OPT_VALUE(map[n].opt, &vals[n]);
	opts[n] = (struct opt)OPT_FLAG("--json", &as_json);
	opts[n + 1] = file_ok ? (struct opt)OPT_VALUE("--file", &file) : (struct opt)OPT_END;
	opts[n + 2] = (struct opt)OPT_END;
	if ((rc = opt_parse(c->cmd, argc, argv, opts, &kase, case_arg ? 1 : 0, NULL)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++)
		if (flags[i])
			rc = parse_field(c, t, map[i].field, "true", true, set);
		else if (vals[i] && map[i].how == MAP_FILE)
			rc = parse_file(c, t, map[i].field, vals[i], set);
		else if (vals[i])
			rc = parse_field(c, t, map[i].field, vals[i], true, set);
	if (rc)
		goto out;
	if (case_arg && !kase)
		rc = cmd_bad_usage(c->cmd, _("give the id of the %s"), i18n_zh()
				   ? schema_parent_type(t)->zh : schema_parent_type(t)->en);
	else if (case_arg && !(rc = cmd_id(c, kase, case_id)))
		json_object_set_new(set, t->parent, json_string(case_id));
	if (rc)
		goto out;
	if ((strcmp(type, "evidence") == 0
		     ? db_evidence_add(c->d, case_id, set, file, id, &e)
		     : db_write(c->d, type, NULL, set, id, &e)))
		rc = cmd_fail(&e);
	else
		rc = done(c, set, id, as_json);
out:
	json_decref(set);
	return rc;
}

static int print_new(struct cmd_ctx *c, json_t *set, const char *id, bool as_json)
{
	(void)c;
	return cmd_print_new(set, id, as_json);
}

static int add_record(struct cmd_ctx *c, const char *type, const struct optmap *map,
		      bool case_arg, bool file_ok, int argc, char **argv)
{
	return add_record_then(c, type, map, case_arg, file_ok, print_new, argc, argv);
}

int cmd_case_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "case", case_opts, false, false, argc, argv);
}

int cmd_party_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "party", party_opts, true, false, argc, argv);
}

int cmd_evidence_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "evidence", evidence_opts, true, true, argc, argv);
}

int cmd_inspection_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "inspection", inspection_opts, false, false, argc, argv);
}

/* A clue from an inspection: what it carries (db/rules/inspection), with the IP type and title
 * the officer gives. */
int cmd_inspection_clue(struct cmd_ctx *c, int argc, char **argv)
{
	const char *ip_type = NULL, *title = NULL, *args[1] = {0};
	bool as_json = false;
	const struct opt opts[] = {OPT_VALUE("--ip-type", &ip_type), OPT_VALUE("--title", &title),
				   OPT_FLAG("--json", &as_json), OPT_END};
	const struct rtype *kase = schema_type("case");
	char id[37], case_id[37];
	json_t *over = json_object(), *made = NULL;
	ipc_err e;
	int rc;

	if (!over) {
		err_nomem(&e);
		return cmd_fail(&e);
	}
	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 1, NULL)))
		goto out;
	if (!args[0]) {
		rc = cmd_bad_usage(c->cmd, _("give the inspection"));
		goto out;
	}
	if ((rc = cmd_id(c, args[0], id)))
		goto out;
	if (schema_parse_into(kase, "ip_type", ip_type, over, &e)
	    || schema_parse_into(kase, "title", title, over, &e)
	    || inspection_clue(c->d, id, over, case_id, &e)) {
		rc = cmd_fail(&e);
		goto out;
	}
	made = json_pack("{s:s}", "inspection_id", id);
	rc = cmd_print_new(made, case_id, as_json);
out:
	json_decref(over);
	json_decref(made);
	return rc;
}

int cmd_pause_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "pause", pause_opts, true, false, argc, argv);
}

int cmd_intake_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "intake", intake_opts, false, false, argc, argv);
}

int cmd_market_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "key_market", market_opts, false, false, argc, argv);
}

int cmd_trademark_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "key_trademark", trademark_opts, false, false, argc, argv);
}

int cmd_measure_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "measure", measure_opts, true, false, argc, argv);
}

int cmd_item_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "item", item_opts, true, false, argc, argv);
}

int cmd_interview_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "interview", interview_opts, true, false, argc, argv);
}

int cmd_discussion_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "discussion", discussion_opts, true, false, argc, argv);
}

int cmd_fair_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "fair", fair_opts, false, false, argc, argv);
}

/* A complaint received now unless --at says when: the --at given after this one wins. */
int cmd_fair_complaint(struct cmd_ctx *c, int argc, char **argv)
{
	char today[11], now[17], at[20], **args = calloc((size_t)argc + 3, sizeof *args);
	int rc;

	if (!args) {
		ipc_err e;
		return cmd_fail((err_nomem(&e), &e));
	}
	db_today(today);
	db_now(now);
	snprintf(at, sizeof at, "%sT%s", today, now + 11);
	args[0] = "--at";
	args[1] = at;
	memcpy(args + 2, argv, (size_t)argc * sizeof *argv);
	rc = add_record(c, "fair_complaint", fair_complaint_opts, true, false, argc + 2, args);
	free(args);
	return rc;
}

int cmd_fair_exhibitor(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record_then(c, "fair_exhibitor", fair_exhibitor_opts, true, false,
			       cmd_fair_warned, argc, argv);
}

/* ---- reading ---- */

static void print_cell(const char *s, int width)
{
	/* columns: only the list's short ids and codes are padded; text goes last */
	printf("%-*s  ", width, s ? s : "-");
}

int cmd_case_filters(const struct cmd *cmd, const char *status, const char *ip_type,
		     struct case_query *q)
{
	const struct enum_value *ev;

	char choices[1024];

	if (status) {
		if (!(ev = schema_enum_find(case_statuses, status)))
			return cmd_bad_usage(cmd, _("unknown status %s; one of: %s"), status,
					     schema_enum_choices(case_statuses, choices, sizeof choices));
		q->status = ev->id;
	}
	if (ip_type) {
		if (!(ev = schema_enum_find(case_ip_types, ip_type)))
			return cmd_bad_usage(cmd, _("unknown IP type %s; one of: %s"), ip_type,
					     schema_enum_choices(case_ip_types, choices, sizeof choices));
		q->ip_type = ev->id;
	}
	return 0;
}

int cmd_case_list(struct cmd_ctx *c, int argc, char **argv)
{
	struct case_query q = {.limit = 50};
	const struct field *fs = schema_field(schema_type("case"), "status");
	const struct field *ft = schema_field(schema_type("case"), "ip_type");
	bool as_json = false, by_due = false;
	const char *status = NULL, *ip_type = NULL, *limit = NULL;
	char region[7], from[11], to[11];
	const struct opt opts[] = {OPT_VALUE("--status", &status), OPT_VALUE("--ip-type", &ip_type),
				   OPT_VALUE("--query", &q.text), OPT_VALUE("--limit", &limit),
				   OPT_FLAG("--mine", &q.mine), OPT_FLAG("--overdue", &q.overdue),
				   OPT_VALUE("--handler", &q.group_key), OPT_VALUE("--region", &q.region),
				   OPT_VALUE("--from", &q.from), OPT_VALUE("--to", &q.to),
				   OPT_FLAG("--by-due", &by_due), OPT_FLAG("--json", &as_json), OPT_END};
	json_t *rows, *r;
	size_t i;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL))
	    || (bad = cmd_case_filters(c->cmd, status, ip_type, &q)))
		return bad;
	if (q.group_key) /* a handler: the statistics' handler group */
		q.group_by = "handler";
	if (q.region && !validate_region_name(q.region) && !typed_region(q.region, region))
		return cmd_bad_usage(c->cmd, _("--region takes a region of 京津冀, a name or a code"));
	if (q.region && !validate_region_name(q.region))
		q.region = region;
	if ((q.from && !typed_date(q.from, from)) || (q.to && !typed_date(q.to, to)))
		return cmd_bad_usage(c->cmd, _("--from and --to take dates (2026-01-01, 2026/1/1…)"));
	q.from = q.from ? from : NULL;
	q.to = q.to ? to : NULL;
	if (by_due)
		q.order = ORDER_DUE, q.ascending = true;
	if (limit && (q.limit = atoi(limit)) < 0)
		return cmd_bad_usage(c->cmd, _("--limit takes a number (0 = all)"));
	if (!(rows = db_case_list(c->d, &q, &e)))
		return cmd_fail(&e);
	if (as_json)
		cmd_print_json(rows);
	json_array_foreach(rows, i, r) {
		if (as_json)
			break;
		print_cell(json_string_value(json_object_get(r, "id")), 36);
		print_cell(schema_enum_label(fs->values, json_string_value(json_object_get(r, "status")),
					     i18n_zh()), 12);
		print_cell(schema_enum_label(ft->values, json_string_value(json_object_get(r, "ip_type")),
					     i18n_zh()), 12);
		cmd_print_text(json_string_value(json_object_get(r, "case_no")) ?: "-");
		fputs("  ", stdout);
		cmd_print_text(json_string_value(json_object_get(r, "title")));
		putchar('\n');
	}
	json_decref(rows);
	return 0;
}

/* A field's label in a column as wide on the terminal as the labels of a case (a Chinese
 * label's characters take two columns each): 14 for the field names under C, 16 for the
 * Chinese labels (统一社会信用代码). */
static void print_label(const char *indent, const char *label)
{
	cmd_print_label(indent, label, i18n_zh() ? 16 : 14);
}

/* A list field's entries joined by the language's list comma: each a label (FK_ENUMS), or a
 * name with its code (FK_HANDLERS: the certificate, FK_ORGS: the USCC). */
static void print_list(const struct field *f, const json_t *v)
{
	bool zh = i18n_zh();
	size_t i;
	json_t *x;

	json_array_foreach(v, i, x) {
		const char *code = jstr(x, f->kind == FK_HANDLERS ? "cert" : "uscc");
		if (i)
			fputs(zh ? "、" : ", ", stdout);
		if (f->kind == FK_ENUMS) {
			cmd_print_text(schema_enum_label(f->values, json_string_value(x), zh));
			continue;
		}
		cmd_print_text(jstr(x, "name"));
		if (!code)
			continue;
		fputs(zh ? "（" : " (", stdout);
		cmd_print_text(code);
		fputs(zh ? "）" : ")", stdout);
	}
}

void cmd_print_value(const struct field *f, const json_t *v)
{
	char *s;

	if (f->kind == FK_BOOL && json_is_boolean(v) && i18n_zh())
		fputs(json_is_true(v) ? "是" : "否", stdout);
	else if (f->kind == FK_ENUM && json_is_string(v))
		cmd_print_text(schema_enum_label(f->values, json_string_value(v), i18n_zh()));
	else if (schema_kind_json(f->kind) && json_is_array(v))
		print_list(f, v);
	else if (json_is_string(v))
		cmd_print_text(json_string_value(v));
	else if ((s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY))) {
		cmd_print_text(s);
		free(s);
	}
}

void cmd_print_record(const struct rtype *t, const json_t *o, const char *indent)
{
	for (size_t i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		json_t *v = json_object_get(o, f->name);
		if (!v || json_is_null(v) || (f->kind == FK_REF && strcmp(f->name, "case_id") == 0))
			continue;
		print_label(indent, i18n_zh() ? f->zh : f->name);
		cmd_print_value(f, v);
		putchar('\n');
	}
	if (json_array_size(json_object_get(o, "conflicts"))) {
		char *s = json_dumps(json_object_get(o, "conflicts"), JSON_COMPACT);
		print_label(indent, _("CONFLICT"));
		printf(_("%s (ipcase resolve %s FIELD [VALUE])\n"), s,
		       json_string_value(json_object_get(o, "id")));
		free(s);
	}
}

/* 加处罚款 (行政处罚法 art. 72) of a case whose fine is unpaid past its limit: added to the case
 * as "surcharge" {"yuan","days","capped"}, and its text to `text`; 1 when there is one. */
static int add_surcharge(json_t *kase, char *text, size_t n)
{
	struct deadline_surcharge s;
	char today[11];

	cal_today(today);
	if (!deadline_surcharge(kase, today, &s))
		return 0;
	deadline_surcharge_text(&s, text, n);
	json_object_set_new(kase, "surcharge", json_pack("{s:s,s:i,s:b}", "yuan", s.yuan, "days",
							  s.days, "capped", s.capped));
	return 1;
}

/* "  重点商标        NIKE (耐克创新有限合伙公司, 第1234567号)" for each key trademark the case's
 * goods carry. */
static void print_key_trademarks(const json_t *marks)
{
	size_t i;
	json_t *m;

	json_array_foreach(marks, i, m) {
		print_label("  ", i18n_zh() ? "重点商标" : "key trademark");
		cmd_print_text(jstr(m, "mark"));
		fputs(" (", stdout);
		cmd_print_text(jstr(m, "holder"));
		if (jstr(m, "reg_no")) {
			fputs(", ", stdout);
			cmd_print_text(jstr(m, "reg_no"));
		}
		puts(")");
	}
}

/* The key of a child type's records in `case show --json`: the type's name, but "parties"
 * for parties, as the first scripts read it. */
static const char *show_key(const char *type)
{
	return strcmp(type, "party") == 0 ? "parties" : type;
}

int cmd_case_show(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	const char *arg = NULL;
	char id[37];
	json_t *b = NULL, *o, *kids, *list, *x, *marks = NULL;
	const char *type;
	ipc_err e;
	size_t i;
	int rc, surcharge;
	char surcharge_text[160];

	if ((rc = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return rc;
	if (!arg)
		return cmd_bad_usage(c->cmd, _("give the id of the case"));
	if ((rc = cmd_id(c, arg, id)))
		return rc;
	if (!(b = db_bundle(c->d, id, 0, &e)))
		return cmd_fail(&e);
	o = json_object_get(b, "record");
	if (strcmp(jstr(o, "type"), "case")) {
		err_kind(&e, IPC_E_USAGE, NULL, "%s", _("that id is not a case: use ipcase log ID"));
		rc = cmd_fail(&e);
		goto out;
	}
	kids = json_object_get(b, "children");
	surcharge = add_surcharge(o, surcharge_text, sizeof surcharge_text);
	if (!(marks = watch_case_trademarks(c->d, o, &e))) {
		rc = cmd_fail(&e);
		goto out;
	}
	if (as_json) {
		json_object_foreach(kids, type, list)
			json_object_set(o, show_key(type), list);
		json_object_set_new(o, "police_threshold", threshold_flag(c->d, o));
		json_object_set_new(o, "key_trademarks", marks);
		marks = NULL;
		cmd_print_json(o);
		goto out;
	}
	printf(_("case %s\n"), id);
	cmd_print_record(schema_type("case"), o, "  ");
	if (surcharge) {
		print_label("  ", i18n_zh() ? "加处罚款" : "surcharge");
		cmd_print_text(surcharge_text);
		putchar('\n');
	}
	print_key_trademarks(marks);
	json_object_foreach(kids, type, list)
		json_array_foreach(list, i, x) {
			printf("%s %s\n", cmd_type_name(type), json_string_value(json_object_get(x, "id")));
			cmd_print_record(schema_type(type), x, "  ");
		}
out:
	json_decref(marks);
	json_decref(b);
	return rc;
}

/* ---- changing ---- */

static int record_type(struct cmd_ctx *c, const char *id, const struct rtype **t)
{
	ipc_err e;
	json_t *o = db_get(c->d, id, &e);

	if (!o)
		return cmd_fail(&e);
	*t = schema_type(json_string_value(json_object_get(o, "type")));
	json_decref(o);
	return 0;
}

/* set ID FIELD=VALUE… and case advance ID STATUS FIELD=VALUE… */
static int change(struct cmd_ctx *c, int argc, char **argv, bool advance)
{
	const struct rtype *t = NULL;
	const struct opt opts[] = {OPT_END};
	const struct enum_value *ev;
	const char *status = NULL;
	json_t *set = json_object();
	char id[37];
	ipc_err e;
	int rc, n;

	/* any number of FIELD=VALUE: they stay in argv, at its front */
	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, argc, &n)))
		goto out;
	if (!n) {
		rc = cmd_bad_usage(c->cmd, _("give the id of the record"));
		goto out;
	}
	if ((rc = cmd_id(c, argv[0], id)) || (rc = record_type(c, id, &t)))
		goto out;
	if (advance && strcmp(t->name, "case") != 0) {
		rc = cmd_bad_usage(c->cmd, _("%s is not a case"), id);
		goto out;
	}
	for (int i = 1; i < n && !rc; i++) {
		const char *v;
		char name[64];
		if (opt_assign(argv[i], name, sizeof name, &v))
			rc = parse_field(c, t, name, v, false, set);
		else if (advance && !status && !strchr(argv[i], '='))
			status = argv[i];
		else
			rc = cmd_bad_usage(c->cmd, _("expected FIELD=VALUE, not %s"), argv[i]);
	}
	if (rc)
		goto out;
	if (advance) {
		if (!status) {
			rc = cmd_bad_usage(c->cmd, _("give the new status"));
			goto out;
		}
		if (!(ev = schema_enum_find(case_statuses, status))) {
			rc = cmd_bad_usage(c->cmd, _("unknown status %s"), status);
			goto out;
		}
		json_object_set_new(set, "status", json_string(ev->id));
	}
	if (db_write(c->d, t->name, id, set, NULL, &e))
		rc = cmd_fail(&e);
	else if (advance && json_string_value(json_object_get(set, "case_no")))
		printf(_("case number %s\n"), json_string_value(json_object_get(set, "case_no")));
out:
	json_decref(set);
	return rc;
}

int cmd_set(struct cmd_ctx *c, int argc, char **argv)
{
	return change(c, argc, argv, false);
}

int cmd_case_advance(struct cmd_ctx *c, int argc, char **argv)
{
	return change(c, argc, argv, true);
}

/* A conflict is settled by a new op that has seen both values: a write of the chosen value. */
int cmd_resolve(struct cmd_ctx *c, int argc, char **argv)
{
	const struct rtype *t;
	const struct field *f;
	const struct opt opts[] = {OPT_END};
	const char *pos[3];
	char id[37];
	json_t *o = NULL, *set = json_object(), *v = NULL;
	ipc_err e;
	int rc, n;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, pos, 3, &n)))
		goto out;
	if (n < 2) {
		rc = cmd_bad_usage(c->cmd, _("give the record id and the field"));
		goto out;
	}
	if ((rc = cmd_id(c, pos[0], id)))
		goto out;
	if (!(o = db_get(c->d, id, &e))) {
		rc = cmd_fail(&e);
		goto out;
	}
	t = schema_type(json_string_value(json_object_get(o, "type")));
	if (!(f = schema_field(t, pos[1]))) {
		rc = cmd_bad_usage(c->cmd, _("a %s has no field %s"), t->name, pos[1]);
		goto out;
	}
	if (n == 3 ? schema_value_parse(f, pos[2], &v, &e) : 0) {
		rc = cmd_fail(&e);
		goto out;
	}
	if (!v)
		v = json_incref(json_object_get(o, f->name) ?: json_null());
	json_object_set_new(set, f->name, v);
	rc = db_write(c->d, t->name, id, set, NULL, &e) ? cmd_fail(&e) : 0;
out:
	json_decref(set);
	json_decref(o);
	return rc;
}

/* mediation add: the confirmation's steps go through `set` (db/rules/mediation.c) */
int cmd_mediation_add(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "mediation", mediation_opts, false, false, argc, argv);
}

/* police transfer: the steps after the report go through `set` (db/rules/police.c) */
int cmd_police_transfer(struct cmd_ctx *c, int argc, char **argv)
{
	return add_record(c, "police_transfer", police_opts, true, false, argc, argv);
}
