/* cmd_doc — the documents of a case (issue 15): which it can issue and what each lacks (doc
 * list), making one (doc make), checking a file (doc verify), and where the templates are
 * (doc templates). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/docissue.h"
#include "db/rules/document.h"

static void names_print(const json_t *names)
{
	size_t i;
	json_t *v;

	json_array_foreach(names, i, v) {
		fputs(i ? ", " : "", stdout);
		cmd_print_text(json_string_value(v));
	}
}

static void kind_print(const json_t *k)
{
	const json_t *missing = json_object_get(k, "missing"), *issued = json_object_get(k, "issued");
	size_t i;
	json_t *r;

	printf("%-20s ", jtext(k, "kind"));
	cmd_print_text(jtext(k, "title"));
	if (!json_is_true(json_object_get(k, "fits")))
		fputs(_("  (not at this stage)"), stdout);
	else if (jstr(k, "problem")) {
		fputs("  ", stdout);
		cmd_print_text(jstr(k, "problem"));
	} else if (json_array_size(missing)) {
		fputs(_("  lacks: "), stdout);
		names_print(missing);
	} else {
		fputs(_("  ready"), stdout);
	}
	putchar('\n');
	json_array_foreach(issued, i, r) {
		fputs(_("    issued "), stdout);
		cmd_print_text(jtext(r, "issued_on"));
		putchar(' ');
		cmd_print_text(jstr(r, "number") ?: "-");
		putchar(' ');
		cmd_print_text(jtext(r, "id"));
		if (jstr(r, "replaces"))
			printf(_(" (corrects %s)"), jstr(r, "replaces"));
		putchar('\n');
	}
}

int cmd_doc_list(struct cmd_ctx *c, int argc, char **argv)
{
	const char *arg = NULL;
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	char case_id[37];
	json_t *list;
	size_t i;
	json_t *k;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return rc;
	if (!arg)
		return cmd_bad_usage(c->cmd, _("give the id of the case"));
	if ((rc = cmd_id(c, arg, case_id)))
		return rc;
	if (!(list = docissue_list(c->d, case_id, &e)))
		return cmd_fail(&e);
	if (as_json)
		cmd_print_json(list);
	else
		json_array_foreach(list, i, k)
			kind_print(k);
	json_decref(list);
	return 0;
}

int cmd_doc_make(struct cmd_ctx *c, int argc, char **argv)
{
	const char *args[2] = {0}, *format = NULL, *path = NULL, *from = NULL;
	bool as_json = false;
	const struct opt opts[] = {OPT_VALUE("--format", &format), OPT_VALUE("-o", &path),
				   OPT_VALUE("--from", &from), OPT_FLAG("--json", &as_json),
				   OPT_END};
	struct docissue_out out;
	char case_id[37], subject[37];
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, args, 2, NULL)))
		return rc;
	if (!args[0] || !args[1])
		return cmd_bad_usage(c->cmd, _("give the case and the kind of document"));
	if (format && strcmp(format, "pdf") && strcmp(format, "docx"))
		return cmd_bad_usage(c->cmd, _("--format is pdf or docx, not %s"), format);
	if ((rc = cmd_id(c, args[0], case_id)) || (from && (rc = cmd_id(c, from, subject))))
		return rc;
	if (docissue_make(c->d, &(struct docissue_req){.case_id = case_id, .kind = args[1],
			  .subject = from ? subject : NULL, .format = format, .path = path},
			  &out, &e)) {
		json_decref(out.missing);
		return cmd_fail(&e);
	}
	if (as_json) {
		json_t *j = json_pack("{s:s,s:s,s:s,s:s?}", "id", out.id, "path", out.path, "number",
				      out.number, "replaces", out.replaces[0] ? out.replaces : NULL);
		cmd_print_json(j);
		json_decref(j);
	} else {
		printf("%s\n", out.path);
	}
	return 0;
}

int cmd_doc_verify(struct cmd_ctx *c, int argc, char **argv)
{
	const char *path = NULL;
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	const char *state;
	json_t *v;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, &path, 1, NULL)))
		return rc;
	if (!path)
		return cmd_bad_usage(c->cmd, _("give the file to check"));
	if (docissue_verify(c->d, path, &v, &e))
		return cmd_fail(&e);
	state = jtext(v, "state");
	if (as_json) {
		cmd_print_json(v);
	} else if (!strcmp(state, "unknown")) {
		puts(_("not issued here: no document this workspace issued is this file"));
	} else {
		printf(!strcmp(state, "unchanged")
		       ? _("issued by %s on %s for case %s: %s %s, unchanged\n")
		       : _("CHANGED since issue: issued by %s on %s for case %s: %s %s\n"),
		       jtext(v, "office"), jtext(v, "issued_on"),
		       jstr(v, "case_no") ?: jtext(v, "case_id"), jtext(v, "title"),
		       jstr(v, "number") ?: "");
	}
	rc = !strcmp(state, "unchanged") ? 0 : 1;
	json_decref(v);
	return rc;
}

int cmd_doc_templates(struct cmd_ctx *c, int argc, char **argv)
{
	char office[PATH_MAX], shipped[PATH_MAX], path[PATH_MAX * 2];
	struct stat st;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, (const struct opt[]){OPT_END}, NULL, 0, NULL)))
		return rc;
	docissue_dirs(c->d, office, shipped);
	printf(_("this office's templates (used first): %s\n"), office);
	printf(_("shipped templates: %s\n"), shipped);
	printf(_("office values (office.address, office.phone, office.payment, review.body, "
		 "review.court): %s/office.txt\n"), office);
	for (size_t i = 0; i < document_nkinds; i++) {
		const struct doc_kind *k = &document_kinds[i];
		snprintf(path, sizeof path, "%s/%s.tmpl", office, k->kind);
		printf("  %-20s %s  %s\n", k->kind, stat(path, &st) ? _("shipped") : _("office's own"),
		       k->zh);
	}
	return 0;
}
