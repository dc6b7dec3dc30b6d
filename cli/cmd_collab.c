/* cmd_collab — batch commands of cross-region collaboration: office list, collab new, list,
 * show, send, accept, decline, reply, close, verify, and handoff. Thin over db/rules/collab,
 * db/rules/handoff and db/rules/office. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/case_terms.h"
#include "db/rules/collab.h"
#include "db/rules/collab_rules.h"
#include "db/rules/handoff.h"
#include "db/rules/office.h"

/* An enumeration's label in the messages' language (the schema's Chinese name in Chinese). */
static const char *label(const struct enum_value *values, const char *id)
{
	return schema_enum_label(values, id ?: "", i18n_zh());
}

/* The arguments every collab command shares. */
struct collab_args {
	const char *pos[2];
	int npos;
	bool json, answer, draft, overdue, inbox, outbox, all;
	int days;
	const char *kind, *to, *case_id, *subject, *body, *summary, *text, *office, *status;
	struct collab_attachment att[32];
	size_t natt;
};

static int att_add(const struct cmd *c, struct collab_args *a, struct collab_attachment att)
{
	if (a->natt == sizeof a->att / sizeof a->att[0])
		return cmd_bad_usage(c, _("at most %zu attachments"), a->natt);
	a->att[a->natt++] = att;
	return 0;
}

/* "--evidence ID…" and "--file PATH…" */
static int att_evidence(const struct cmd *c, void *a, const char *id)
{
	return att_add(c, a, (struct collab_attachment){.evidence_id = id});
}

static int att_file(const struct cmd *c, void *a, const char *path)
{
	return att_add(c, a, (struct collab_attachment){.path = path});
}

static int args_parse(struct cmd_ctx *c, int argc, char **argv, struct collab_args *a)
{
	const char *days = NULL;
	const struct opt opts[] = {
		OPT_VALUE("--kind", &a->kind), OPT_VALUE("--to", &a->to),
		OPT_VALUE("--case", &a->case_id), OPT_VALUE("--subject", &a->subject),
		OPT_VALUE("--body", &a->body), OPT_VALUE("--summary", &a->summary),
		OPT_VALUE("--text", &a->text), OPT_VALUE("--reason", &a->text),
		OPT_VALUE("--office", &a->office), OPT_VALUE("--status", &a->status),
		OPT_VALUE("--days", &days), OPT_FLAG("--json", &a->json),
		OPT_FLAG("--answer", &a->answer), OPT_FLAG("--draft", &a->draft),
		OPT_FLAG("--overdue", &a->overdue), OPT_FLAG("--inbox", &a->inbox),
		OPT_FLAG("--outbox", &a->outbox), OPT_FLAG("--all", &a->all),
		OPT_LIST("--evidence", att_evidence, a), OPT_LIST("--file", att_file, a), OPT_END,
	};
	char *end;
	int rc;

	memset(a, 0, sizeof *a);
	if ((rc = opt_parse(c->cmd, argc, argv, opts, a->pos, 2, &a->npos)))
		return rc;
	if (days && ((a->days = (int)strtol(days, &end, 10)), *end || a->days < 1 || a->days > 60))
		return cmd_bad_usage(c->cmd, _("--days takes 1 to 60 working days"));
	return 0;
}

/* Parses the arguments and resolves the request id the command takes first. */
static int with_id(struct cmd_ctx *c, int argc, char **argv, struct collab_args *a, char id[37])
{
	ipc_err e;
	int rc = args_parse(c, argc, argv, a);

	if (rc)
		return rc;
	if (a->npos != 1)
		return cmd_bad_usage(c->cmd, _("give the id of the request"));
	return collab_resolve(c->d, a->pos[0], id, &e) ? cmd_fail(&e) : 0;
}

/* ---- office list ---- */

static void office_row(const json_t *o)
{
	json_t *p;
	size_t k;

	printf("%s  %s  ", jstr(o, "code"), jstr(o, "region"));
	cmd_print_text(jstr(o, "name"));
	puts(json_is_true(json_object_get(o, "verified")) ? _("  verified") : _("  unverified"));
	json_array_foreach(json_object_get(o, "officers"), k, p) {
		fputs("        ", stdout);
		cmd_print_text(jstr(p, "name"));
		printf(" (%s", _("certificate "));
		cmd_print_text(jstr(p, "cert"));
		printf(")  %s %.16s…\n", _("key"), jstr(p, "key"));
	}
}

int cmd_office_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, office_list, office_row, NULL);
}

/* ---- collab new, list, show ---- */

/* What was written waits for a remote of the collaboration channel when there is none: say so
 * (the screen says it in its status bar). */
static void stranded_note(db *d)
{
	int64_t n = collab_stranded(d);

	if (n > 0)
		fprintf(stderr, _("ipcase: %lld collaboration changes wait and cannot go out: no remote "
				  "of the collab channel (add one: ipcase remote add NAME URL --channel "
				  "collab)\n"), (long long)n);
}

int cmd_collab_new(struct cmd_ctx *c, int argc, char **argv)
{
	struct collab_args a;
	char id[37];
	ipc_err e;
	int rc = args_parse(c, argc, argv, &a);

	if (rc)
		return rc;
	if (!a.kind || !a.to || !a.subject || a.npos)
		return cmd_bad_usage(c->cmd, _("--kind, --to and --subject are required"));
	struct collab_draft r = {.kind = a.kind, .to = a.to, .case_id = a.case_id,
				 .subject = a.subject, .body = a.body, .summary = a.summary,
				 .limit_days = a.days, .att = a.att, .natt = a.natt, .draft = a.draft};
	if (collab_create(c->d, &r, id, &e))
		return cmd_fail(&e);
	puts(id);
	stranded_note(c->d);
	return 0;
}

static void print_row(const json_t *r)
{
	printf("%s  ", jstr(r, "id"));
	cmd_print_label("", label(collab_statuses, jstr(r, "status")), 10);
	cmd_print_label("", label(collab_kinds, jstr(r, "kind")), 10);
	printf("%s→%s  %s%s%s  ", jstr(r, "from"), jstr(r, "to"),
	       jstr(r, "due") ?: "-", json_is_false(json_object_get(r, "due_confirmed"))
	       ? _(" (counted on weekends only)") : "",
	       json_is_true(json_object_get(r, "overdue")) ? _(" OVERDUE") : "");
	cmd_print_text(jstr(r, "subject"));
	putchar('\n');
}

int cmd_collab_list(struct cmd_ctx *c, int argc, char **argv)
{
	struct collab_args a;
	json_t *list, *r;
	size_t i;
	ipc_err e;
	int rc = args_parse(c, argc, argv, &a);

	if (rc)
		return rc;
	if (a.npos)
		return cmd_bad_usage(c->cmd, _("unexpected argument %s"), a.pos[0]);
	int box = (a.inbox ? COLLAB_INBOX : 0) | (a.outbox ? COLLAB_OUTBOX : 0);
	/* --all wins; neither box given is both */
	struct collab_query q = {.box = a.all ? 0 : box ? box : COLLAB_INBOX | COLLAB_OUTBOX,
				 .kind = a.kind, .office = a.office, .status = a.status,
				 .overdue = a.overdue};
	if (!(list = collab_list(c->d, &q, &e)))
		return cmd_fail(&e);
	if (a.json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, r)
			print_row(r);
	json_decref(list);
	return 0;
}

/* "  label   text" when the text is set. */
static void print_field(const char *name, const char *text)
{
	if (!text)
		return;
	cmd_print_label("  ", name, 12);
	cmd_print_text(text);
	putchar('\n');
}

/* An office's name, and "unverified" when its key is not pinned here. */
static void print_office(const char *label, const json_t *r, const char *end)
{
	char key[32];

	snprintf(key, sizeof key, "%s_name", end);
	if (!jstr(r, key))
		return;
	cmd_print_label("  ", label, 12);
	cmd_print_text(jstr(r, key));
	snprintf(key, sizeof key, "%s_verified", end);
	puts(json_is_true(json_object_get(r, key)) ? "" : _("  (unverified: ipcase office verify)"));
}

static void print_attachment(const json_t *s)
{
	const char *v = jstr(s, "verified");

	printf("      %s ", _("file"));
	cmd_print_text(jstr(s, "file_name") ?: "-");
	printf("  sha256 %s  %s\n", jstr(s, "file_sha256") ?: "-",
	       !v ? "" : !strcmp(v, "ok") ? _("hash verified") : !strcmp(v, "missing")
	       ? _("NOT ARRIVED (sync again)") : _("HASH MISMATCH"));
}

static void print_thread(const json_t *thread)
{
	const json_t *s;
	size_t i;

	json_array_foreach(thread, i, s) {
		printf("  %s  %s  ", jstr(s, "time"), jstr(s, "office") ?: "?");
		cmd_print_text(jstr(s, "officer") ?: "?");
		printf("  %s", label(collab_actions, jstr(s, "action")));
		if (jstr(s, "due"))
			printf("  %s %s", _("due"), jstr(s, "due"));
		putchar('\n');
		if (jstr(s, "text") || jstr(s, "description")) {
			fputs("      ", stdout);
			cmd_print_text(jstr(s, "text") ?: jstr(s, "description"));
			putchar('\n');
		}
		if (jstr(s, "file_sha256"))
			print_attachment(s);
	}
}

static void print_handoff(const json_t *h)
{
	const json_t *conf = json_object_get(h, "confidential");
	char *s;

	cmd_print_label("  ", _("sealed for"), 12);
	printf("%zu %s, %s\n", json_array_size(json_object_get(h, "sealed_for")),
	       _("officers"), json_is_true(json_object_get(h, "readable")) ? _("readable by this device")
	       : _("not readable by this device"));
	if (conf && (s = json_dumps(conf, JSON_COMPACT | JSON_SORT_KEYS))) {
		print_field(_("confidential"), s);
		free(s);
	}
}

/* ---- the steps ---- */

/* Parses the arguments, resolves the request and runs `act` on it: a step's command. */
static int on_request(struct cmd_ctx *c, int argc, char **argv,
		      int (*act)(struct cmd_ctx *, const struct collab_args *, const char *, ipc_err *))
{
	struct collab_args a;
	char id[37];
	ipc_err e;
	int rc = with_id(c, argc, argv, &a, id);

	if (rc)
		return rc;
	if ((rc = act(c, &a, id, &e)) < 0)
		return cmd_fail(&e);
	stranded_note(c->d);
	return rc;
}

/* The receiving office opening a request acknowledges receipt. */
static int show_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	const json_t *lc;
	json_t *r;

	if (collab_receive(c->d, id, e) || !(r = collab_get(c->d, id, e)))
		return -1;
	if (a->json) {
		cmd_print_json(r);
		json_decref(r);
		return 0;
	}
	print_row(r);
	print_office(_("from"), r, "from");
	print_office(_("to"), r, "to");
	print_field(_("case no."), jstr(r, "origin_case_no"));
	print_field(_("asked"), jstr(r, "body"));
	print_field(_("summary"), jstr(r, "summary"));
	if (json_object_get(r, "handoff"))
		print_handoff(json_object_get(r, "handoff"));
	if (json_is_object(lc = json_object_get(r, "local_case"))) {
		cmd_print_label("  ", _("case here"), 12);
		printf("%s  %s\n", jstr(lc, "id"), label(case_statuses, jstr(lc, "status")));
	}
	print_thread(json_object_get(r, "thread"));
	json_decref(r);
	return 0;
}

static int send_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	(void)a;
	return collab_send(c->d, id, e);
}

static int accept_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	char made[37];

	(void)a;
	if (collab_accept(c->d, id, made, e))
		return -1;
	if (*made)
		printf("%s %s\n", _("new case"), made);
	return 0;
}

static int decline_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	if (!a->text)
		return cmd_bad_usage(c->cmd, _("give the reason: --reason TEXT"));
	return collab_decline(c->d, id, a->text, e);
}

static int reply_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	return collab_reply(c->d, id, a->text, a->att, a->natt, a->answer, e);
}

static int close_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	return collab_close(c->d, id, a->text, e);
}

static int verify_one(struct cmd_ctx *c, const struct collab_args *a, const char *id, ipc_err *e)
{
	json_t *files, *f;
	size_t i;
	int bad;

	if ((bad = collab_verify(c->d, id, &files, e)) < 0)
		return -1;
	if (a->json)
		cmd_print_json(files);
	else
		json_array_foreach(files, i, f)
			print_attachment(f);
	json_decref(files);
	if (bad)
		fprintf(stderr, "ipcase: %d %s\n", bad, _("attached files are missing or do not match "
							  "their SHA-256"));
	return bad ? cmd_exit(IPC_E_CORRUPT) : 0;
}

typedef int (*step_fn)(struct cmd_ctx *, const struct collab_args *, const char *, ipc_err *);

static const struct {
	const char *name;
	step_fn act;
} step_cmds[] = {
	{"collab show", show_one},     {"collab send", send_one},   {"collab accept", accept_one},
	{"collab decline", decline_one}, {"collab reply", reply_one}, {"collab close", close_one},
	{"collab verify", verify_one},
};

int cmd_collab_step(struct cmd_ctx *c, int argc, char **argv)
{
	for (size_t i = 0; i < sizeof step_cmds / sizeof step_cmds[0]; i++)
		if (strcmp(c->cmd->name, step_cmds[i].name) == 0)
			return on_request(c, argc, argv, step_cmds[i].act);
	return cmd_bad_usage(c->cmd, _("no such command"));
}

/* ---- handoff ---- */

int cmd_handoff(struct cmd_ctx *c, int argc, char **argv)
{
	struct collab_args a;
	char id[37];
	ipc_err e;
	int rc = args_parse(c, argc, argv, &a);

	if (rc)
		return rc;
	if (a.npos != 1 || !a.to)
		return cmd_bad_usage(c->cmd, _("give the case id and --to OFFICE"));
	if (handoff_send(c->d, a.pos[0], a.to, a.body, id, &e))
		return cmd_fail(&e);
	puts(id);
	stranded_note(c->d);
	return 0;
}
