/* cmd — the batch commands (ipcase init, case, party, evidence, log, verify, export, demo…):
 * thin argument parsing over the same db/ calls the screens use. Each command returns the
 * process exit status: 0 done, else cmd_exit of the kind of failure (message on stderr). */
#ifndef IPCASE_CMD_H
#define IPCASE_CMD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "db/db.h"

struct cmd_ctx {
	const struct cmd *cmd; /* the command running */
	const char *home; /* resolved workspace folder */
	db *d;            /* open workspace; NULL for init and help */
};

struct cmd_ctx;
struct cmd {
	const char *name;   /* "case add" */
	int (*run)(struct cmd_ctx *c, int argc, char **argv);
	bool needs_db;
	const char *usage;  /* arguments */
	const char *help;   /* one line */
};

extern const struct cmd cmd_table[];

/* Finds the command named by argv[0] (and argv[1] for two-word commands); sets *used to the
 * number of words it took. NULL when none. */
const struct cmd *cmd_find(int argc, char **argv, int *used);

/* Prints the list of commands (for `ipcase --help`). */
void cmd_usage(FILE *out);

/* Shared by the command files. */
/* The exit status of a kind of failure: 1 refused or failed, 2 bad usage, 3 not found,
 * 4 conflict, 5 file I/O, 6 damaged data, 7 network, 70 internal error. */
int cmd_exit(enum ipc_err_kind kind);
/* Prints e's message; returns the exit status of its kind. */
int cmd_fail(const ipc_err *e);
int cmd_bad_usage(const struct cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool cmd_wants_help(int argc, char **argv, const struct cmd *c);
/* The NAME=VALUE settings opt_parse left at argv's front (n of them), each given to set in
 * turn: one without '=' is a usage error saying the form it takes ("NAME=YUAN"). */
int cmd_apply_settings(struct cmd_ctx *c, char **argv, int n, const char *form,
		       int (*set)(db *d, const char *name, const char *value, ipc_err *e));
/* j as indented JSON on stdout, invisible characters escaped (jdumpf). */
void cmd_print_json(json_t *j);
/* A command that lists what `get` reads: with --json the list as JSON, else `row` prints each
 * entry and `foot` (when not NULL) what follows them. */
int cmd_list(struct cmd_ctx *c, int argc, char **argv, json_t *(*get)(db *, ipc_err *),
	     void (*row)(const json_t *), void (*foot)(const json_t *));
/* A command listing what `get` reads, the handled ones too with --all: as JSON with --json,
 * else each by `row`, or `none` (none_all under --all) when there is nothing. */
int cmd_list_all(struct cmd_ctx *c, int argc, char **argv,
		 json_t *(*get)(db *, bool all, ipc_err *), void (*row)(const json_t *),
		 const char *none, const char *none_all);
/* A command that shows one record (ID [--json]): `get` reads it by its full id, then with
 * --json it is printed as JSON, else `print` prints it; `missing` says what to give. */
int cmd_show(struct cmd_ctx *c, int argc, char **argv, const char *missing,
	     json_t *(*get)(db *, const char *, ipc_err *), void (*print)(const json_t *));
/* What a command that made a record prints: its id, or with --json the fields it set and
 * the id. Returns 0. */
int cmd_print_new(json_t *set, const char *id, bool as_json);
/* Prints text from data within a line: newlines and tabs become spaces, what no terminal
 * should get '?' (stdout itself sanitises the rest of what commands print: cli/out). */
void cmd_print_text(const char *s);
/* Text from data in a column `cols` wide on the terminal (by display width), then two spaces. */
void cmd_print_col(const char *s, int cols);
/* A record's fields a line each, "label value" (labels in the officer's language, enums by
 * their label), the case it belongs to left out, then its conflicts. */
struct rtype;
struct field;
void cmd_print_record(const struct rtype *t, const json_t *o, const char *indent);
/* A label of ours (not data) after indent, padded to `cols` columns on the terminal (a
 * Chinese character takes two), then a blank. */
void cmd_print_label(const char *indent, const char *label, int cols);
/* A record type as a line names it: its id under C, its Chinese name in Chinese. */
const char *cmd_type_name(const char *type);
/* A field's value as cmd_print_record shows it: an enum by its label, a list of officers or
 * organisations by their names and codes, in Chinese a yes or no as 是 or 否, text from data
 * sanitised. */
void cmd_print_value(const struct field *f, const json_t *v);
int cmd_id(struct cmd_ctx *c, const char *arg, char out[37]);
/* --status and --ip-type of a case list (ids or labels) into q; 0, or 2 after the usage. */
struct case_query;
int cmd_case_filters(const struct cmd *cmd, const char *status, const char *ip_type,
		     struct case_query *q);

/* The command implementations, by file. */
int cmd_init(struct cmd_ctx *c, int argc, char **argv);
int cmd_log(struct cmd_ctx *c, int argc, char **argv);
int cmd_verify(struct cmd_ctx *c, int argc, char **argv);
int cmd_export(struct cmd_ctx *c, int argc, char **argv);
int cmd_demo(struct cmd_ctx *c, int argc, char **argv);
int cmd_case_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_case_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_ledger(struct cmd_ctx *c, int argc, char **argv);
int cmd_case_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_case_advance(struct cmd_ctx *c, int argc, char **argv);
int cmd_set(struct cmd_ctx *c, int argc, char **argv);
int cmd_resolve(struct cmd_ctx *c, int argc, char **argv);
int cmd_delete(struct cmd_ctx *c, int argc, char **argv);
int cmd_restore(struct cmd_ctx *c, int argc, char **argv);
int cmd_deleted(struct cmd_ctx *c, int argc, char **argv);
int cmd_party_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_evidence_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_inspection_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_inspection_clue(struct cmd_ctx *c, int argc, char **argv);
int cmd_remote_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_remote_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_remote_remove(struct cmd_ctx *c, int argc, char **argv);
int cmd_sync(struct cmd_ctx *c, int argc, char **argv);
int cmd_quarantine(struct cmd_ctx *c, int argc, char **argv);
int cmd_gc(struct cmd_ctx *c, int argc, char **argv);
int cmd_keys(struct cmd_ctx *c, int argc, char **argv);
int cmd_pause_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake_clue(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake_link(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake_step(struct cmd_ctx *c, int argc, char **argv);
int cmd_measure_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_item_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_interview_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_doc_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_doc_make(struct cmd_ctx *c, int argc, char **argv);
int cmd_doc_verify(struct cmd_ctx *c, int argc, char **argv);
int cmd_doc_templates(struct cmd_ctx *c, int argc, char **argv);
int cmd_discussion_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_approval_ask(struct cmd_ctx *c, int argc, char **argv);
int cmd_approval_answer(struct cmd_ctx *c, int argc, char **argv);
int cmd_approvals(struct cmd_ctx *c, int argc, char **argv);
int cmd_calendar_import(struct cmd_ctx *c, int argc, char **argv);
int cmd_calendar_add_workdays(struct cmd_ctx *c, int argc, char **argv);
int cmd_calendar_workdays(struct cmd_ctx *c, int argc, char **argv);
int cmd_calendar_years(struct cmd_ctx *c, int argc, char **argv);
int cmd_stats(struct cmd_ctx *c, int argc, char **argv);
int cmd_deadlines(struct cmd_ctx *c, int argc, char **argv);
int cmd_deadline_limits(struct cmd_ctx *c, int argc, char **argv);
int cmd_mediation_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_mediation_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_police_thresholds(struct cmd_ctx *c, int argc, char **argv);
int cmd_police_transfer(struct cmd_ctx *c, int argc, char **argv);
int cmd_police_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_police_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_credit_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_credit_publish(struct cmd_ctx *c, int argc, char **argv);
int cmd_credit_repair(struct cmd_ctx *c, int argc, char **argv);
int cmd_credit_decide(struct cmd_ctx *c, int argc, char **argv);
int cmd_credit_withdraw(struct cmd_ctx *c, int argc, char **argv);
int cmd_credit_history(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_create(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_members(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_keys(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_join(struct cmd_ctx *c, int argc, char **argv);
int cmd_office_verify(struct cmd_ctx *c, int argc, char **argv);
/* admit, refuse, revoke */
int cmd_office_member(struct cmd_ctx *c, int argc, char **argv);
int cmd_numbering(struct cmd_ctx *c, int argc, char **argv);
int cmd_collab_new(struct cmd_ctx *c, int argc, char **argv);
int cmd_collab_list(struct cmd_ctx *c, int argc, char **argv);
/* show, send, accept, decline, reply, close, verify: a step on one request */
int cmd_collab_step(struct cmd_ctx *c, int argc, char **argv);
int cmd_handoff(struct cmd_ctx *c, int argc, char **argv);
int cmd_techfield_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_techfield_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_investigator_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_investigator_set(struct cmd_ctx *c, int argc, char **argv);
int cmd_investigator_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_investigator_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_investigator_import(struct cmd_ctx *c, int argc, char **argv);
int cmd_investigator_export(struct cmd_ctx *c, int argc, char **argv);
int cmd_assign(struct cmd_ctx *c, int argc, char **argv);
int cmd_suggest(struct cmd_ctx *c, int argc, char **argv);
int cmd_assignment_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_assignment_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_assignment_advance(struct cmd_ctx *c, int argc, char **argv);
int cmd_assignment_opinion(struct cmd_ctx *c, int argc, char **argv);
/* trade fairs: add, complaint and exhibitor in cmd_record.c, the rest in cmd_fair.c */
int cmd_fair_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_fair_complaint(struct cmd_ctx *c, int argc, char **argv);
int cmd_fair_exhibitor(struct cmd_ctx *c, int argc, char **argv);
int cmd_fair_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_fair_show(struct cmd_ctx *c, int argc, char **argv);
/* What `fair exhibitor` prints of the exhibitor it registered: its id (with --json the fields
 * and "warning"), and on stderr the warning when it was found infringing at an earlier
 * edition of the series. Returns 0. */
int cmd_fair_warned(struct cmd_ctx *c, json_t *set, const char *id, bool as_json);
/* the watch lists: key markets and key trademarks (cmd_record.c adds, cmd_watch.c lists) */
int cmd_market_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_market_list(struct cmd_ctx *c, int argc, char **argv);
int cmd_trademark_add(struct cmd_ctx *c, int argc, char **argv);
int cmd_trademark_list(struct cmd_ctx *c, int argc, char **argv);

#endif
