/* cmd — the command table, shared argument helpers, and the workspace-wide commands (init,
 * log, verify, export, demo). Record commands live in cmd_record.c. */
#include "cli/cmd.h"
#include "base/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "db/workspace.h"
#include "tui/keys.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/json.h"
#include "base/text.h"
#include "cli/demo.h"
#include "db/rules/setup.h"
#include "db/schema.h"
#include "db/store.h"

const struct cmd cmd_table[] = {
	{"init", cmd_init, false, "--office CODE --office-name NAME --officer NAME --cert CERTNO"
	 " [--case-prefix PREFIX] [--create-office]", N_("create a workspace for this officer and device")},
	{"case add", cmd_case_add, true, "--title T --ip-type TYPE [--source S] [--region CODE]"
	 " [--place P] [--place-kind K] [--handlers NAME:CERT,…] [--notes N] [--marks M,…] [--json]",
	 N_("register a new case (clue); prints its id")},
	{"case list", cmd_case_list, true, "[--status S] [--ip-type T] [--query Q] [--mine] [--overdue]"
	 " [--handler NAME] [--region R] [--from DATE] [--to DATE] [--by-due] [--limit N] [--json]",
	 N_("list cases, newest change first (--by-due: the next deadline first); --from and --to "
	    "bound the date the clue was registered")},
	{"case show", cmd_case_show, true, "ID [--json]",
	 N_("a case with its parties, evidence, inspections, paused periods, measures and conflicts")},
	{"case set", cmd_set, true, "ID FIELD=VALUE…", N_("change fields of a case")},
	{"case advance", cmd_case_advance, true, "ID STATUS [FIELD=VALUE…]",
	 N_("move a case to the next stage of the procedure")},
	{"party add", cmd_party_add, true, "CASE_ID --role ROLE --name NAME [--uscc CODE]"
	 " [--id-number N] [--phone P] [--address A] [--json]", N_("add a party to a case")},
	{"evidence add", cmd_evidence_add, true, "CASE_ID --kind K --desc D [--file PATH]"
	 " [--at YYYY-MM-DDTHH:MM] [--place P] [--by NAME] [--json]",
	 N_("log evidence, copying an attached file into the workspace")},
	{"inspection add", cmd_inspection_add, true, "--place-kind K --place NAME --at"
	 " YYYY-MM-DDTHH:MM --inspectors NAME:CERT,NAME:CERT [--case ID] [--address A] [--region CODE] [--findings F]"
	 " [--gi-product NAME --gi-findings USE,…] [--campaign NAME] [--market ID] [--json]",
	 N_("record an on-site inspection; --gi-findings ticks the checklist of the ten forbidden"
	    " uses of a geographical indication (Taiyuan art. 12)")},
	{"inspection clue", cmd_inspection_clue, true, "ID [--ip-type TYPE] [--title T] [--json]",
	 N_("open a clue (a new case) from an inspection, linked to it: its place, campaign and "
	    "findings; from GI findings the IP type geographical indication")},
	{"case delete", cmd_delete, true, "ID",
	 N_("delete a case (with what belongs to it); says what went and how to restore it")},
	{"set", cmd_set, true, "ID FIELD=VALUE…", N_("change fields of any record")},
	{"delete", cmd_delete, true, "ID", N_("delete a record; says what went with it")},
	{"restore", cmd_restore, true, "ID", N_("restore a deleted record")},
	{"deleted", cmd_deleted, true, "[--json]",
	 N_("the deleted cases and records: who deleted them, when")},
	{"resolve", cmd_resolve, true, "ID FIELD [VALUE]",
	 N_("settle a conflicted field (keeps the shown value unless VALUE is given)")},
	{"log", cmd_log, true, "ID [--json]", N_("a record's history: who changed what, when")},
	{"verify", cmd_verify, true, "", N_("re-hash and re-verify the signature of every op")},
	{"export", cmd_export, true, "--format json", N_("every record, sorted, as JSON on stdout")},
	{"ledger", cmd_ledger, true, "--format xlsx|csv -o FILE [--from DATE] [--to DATE] [--status S]"
	 " [--ip-type T] [--region CODE] [--query Q]",
	 N_("the case ledger (台账) of the cases whose clue was registered from --from to --to, with "
	 "case no., title, cause, IP type, source, dates, handlers, party and USCC, status, "
	 "decision, fine, confiscated, illegal turnover and gains, police transfer, cross-region "
	 "work, technical investigator and overdue state; XLSX adds tabs of the collaboration "
	 "requests and investigator assignments, CSV (UTF-8 with a BOM) holds the cases only")},
	{"demo", cmd_demo, true, "[--cases N] [--seed S]", N_("write N realistic demo cases")},
	{"remote add", cmd_remote_add, true, "NAME URL [--channel office|collab] [--key SSH_KEY]",
	 N_("sync a channel with a git repository (path, file://, ssh://, user@host:path, https://)")},
	{"remote list", cmd_remote_list, true, "[--json]", N_("the remotes and their channels")},
	{"remote remove", cmd_remote_remove, true, "NAME", N_("forget a remote")},
	{"sync", cmd_sync, true, "[NAME]", N_("exchange changes with a remote (every remote without NAME)")},
	{"quarantine", cmd_quarantine, true, "[--json]",
	 N_("what peers sent that could not be imported, and why")},
	{"keys", cmd_keys, false, "[--man]", N_("the screen's default keys (--man: as the man page lists them)")},
	{"gc", cmd_gc, true, "", N_("pack the channel repositories into one pack each now, and give "
	 "the database's free room back to the disk")},
	{"pause add", cmd_pause_add, true, "CASE_ID --kind KIND --from DATE [--to DATE] [--note N]"
	 " [--json]", N_("record a period a case's clocks do not count (suspension, hearing, "
	 "public_notice, testing, appraisal, identification); end it with set ID ended_on=DATE")},
	{"intake add", cmd_intake_add, true, "--channel C --received DATE --kind complaint|report"
	 " --subject T [--ticket N] [--name N --phone P --id-number ID --address A | --anonymous]"
	 " [--respondent NAME] [--uscc CODE] [--goods G] [--place P] [--json]",
	 N_("record a complaint or report (投诉举报) received; its identity stays in the office")},
	{"intake clue", cmd_intake_clue, true, "ID --ip-type TYPE [--json]",
	 N_("make a complaint or report a clue (a case), linked to it; its author a confidential party")},
	{"intake link", cmd_intake_link, true, "ID CASE_ID",
	 N_("link a complaint or report to a case (several may point to one case)")},
	{"intake list", cmd_intake_list, true, "[--all] [--json]",
	 N_("the complaints and reports waiting: open limits first, then those not yet handled "
	 "(--all: every one)")},
	{"intake show", cmd_intake_show, true, "ID [--json]",
	 N_("a complaint or report whole: who made it (confidential), its outcome and open limits")},
	{"intake accept", cmd_intake_step, true, "ID [--on DATE]",
	 N_("accept a complaint (受理) on DATE (today)")},
	{"intake refuse", cmd_intake_step, true, "ID --reason R [--on DATE]",
	 N_("refuse a complaint (不予受理) with its reason")},
	{"intake told", cmd_intake_step, true, "ID [--on DATE]",
	 N_("the complainant or real-name reporter was told of the outcome on DATE (today)")},
	{"intake feedback", cmd_intake_step, true, "ID --text T [--on DATE]",
	 N_("the result answered to a 12345 transfer (办结反馈)")},
	{"measure add", cmd_measure_add, true, "CASE_ID --kind seizure|preservation --on DATE"
	 " --officers NAME:CERT,NAME:CERT [--items T] [--reason T] [--basis T] [--json]",
	 N_("record a seizure or preserved evidence; extend it with set ID "
	 "extended=true, end it with set ID ended_on=DATE")},
	{"item add", cmd_item_add, true, "CASE_ID --name N --quantity Q --unit U [--measure ID]"
	 " [--spec S] [--place P] [--json]",
	 N_("list an item a seizure or preservation holds (物品清单), under its measure")},
	{"interview add", cmd_interview_add, true, "CASE_ID --interviewee NAME --at DATETIME"
	 " --place P --officers NAME:CERT,NAME:CERT (--qa TEXT | --qa-file FILE) [--role R]"
	 " [--id-number N] [--phone P] [--address A] [--ended DATETIME] [--recorder NAME]"
	 " [--read-back] [--json]",
	 N_("record an interview (询问笔录): its questions and answers as lines 问：… 答：…")},
	{"doc list", cmd_doc_list, true, "CASE_ID [--json]",
	 N_("the documents the case can issue at its stage, what each still lacks, those issued")},
	{"doc make", cmd_doc_make, true, "CASE_ID KIND [--from RECORD] [--format pdf|docx] [-o FILE]"
	 " [--json]", N_("make and issue a document (a correction keeps its number and both "
	 "issues); prints where it went")},
	{"doc verify", cmd_doc_verify, true, "FILE [--json]",
	 N_("was this file issued here, and is it unchanged since?")},
	{"doc templates", cmd_doc_templates, true, "",
	 N_("where the templates are: this office's own (used first) and the shipped ones")},
	{"approval ask", cmd_approval_ask, true, "CASE_ID STEP [--reason T] [--json]",
	 N_("ask the office's head (the legal reviewer for legal_review) to approve a step: file, "
	 "not_file, extend_verify, extend_decision, seizure, police_transfer, decision, close, "
	 "reopen, legal_review")},
	{"approval answer", cmd_approval_answer, true, "APPROVAL_ID approve|refuse [--opinion T]",
	 N_("answer an approval asked of you, with your opinion")},
	{"approvals", cmd_approvals, true, "[--all] [--json]",
	 N_("the approvals waiting for this device's answer (--all: every one waiting)")},
	{"discussion add", cmd_discussion_add, true, "CASE_ID --purpose major_case|complex_case|"
	 "extension --on DATE --participants NAME:CERT,… --conclusion T [--extended-to DATE] [--json]",
	 N_("record a collective discussion of the heads (major cases; extending beyond 90+30 "
	 "days)")},
	{"calendar import", cmd_calendar_import, true, "FILE",
	 N_("load years of the State Council's holiday notice (format of data/calendar.txt)")},
	{"calendar add-workdays", cmd_calendar_add_workdays, true, "DATE N [--json]",
	 N_("the date N working days after DATE")},
	{"calendar workdays", cmd_calendar_workdays, true, "FROM TO [--json]",
	 N_("working days after FROM up to and including TO")},
	{"calendar years", cmd_calendar_years, true, "[--json]", N_("the years the calendar covers")},
	{"numbering", cmd_numbering, true, "[KIND=PREFIX…] [block=N] [--json]",
	 N_("show or set the office's case-number prefixes per kind (penalty, seizure, filing, "
	 "patent) and this device's block of numbers")},
	{"credit show", cmd_credit_show, true, "CASE [--json]",
	 N_("a published case's credit: how long it is displayed, the earliest date a repair can "
	 "be asked, and the repair's conditions as the office's records show them")},
	{"credit publish", cmd_credit_publish, true, "CASE --on DATE [--platform gsxt|office_site|"
	 "other] [--months N --reason T] [--json]",
	 N_("record the publication of a case's penalty (公示): the display period is the rule's "
	 "unless --months with its reason; one live publication a case")},
	{"credit repair", cmd_credit_repair, true, "CASE --applied-on DATE [--applicant NAME] "
	 "[--harm-removed] [--not-listed] [--json]",
	 N_("record a credit repair application with the officer's attestations; prints its id")},
	{"credit decide", cmd_credit_decide, true, "REPAIR_ID granted|refused --reason T [--on DATE]",
	 N_("decide a credit repair application: granted only when every condition is met, and it "
	 "ends the display")},
	{"credit withdraw", cmd_credit_withdraw, true, "DISCLOSURE_ID [--on DATE]",
	 N_("end a publication before its period (a revoked decision); today unless --on")},
	{"credit history", cmd_credit_history, true, "USCC|CASE [--json]",
	 N_("every penalty of a respondent in this office's cases, with its publication, the end of "
	 "its display and its repairs")},
	{"mediation add", cmd_mediation_add, true, "[--case CASE_ID] --parties NAME,NAME… --mediator M"
	 " --on DATE --outcome agreed|failed [--agreement T] [--effective-on DATE] [--document-no N]"
	 " [--notes N] [--json]",
	 N_("record a mediation (调解) of an IP dispute, of a case or on its own; prints its id. "
	 "Record the judicial confirmation later with set ID confirmation_applied_on=, "
	 "confirmation_result=confirmed|refused, confirmation_on=")},
	{"mediation list", cmd_mediation_list, true, "[--json]",
	 N_("the mediations, the latest first, with the limit to seek judicial confirmation (30 "
	 "days from the agreement taking effect)")},
	{"police thresholds", cmd_police_thresholds, true, "[NAME=YUAN…] [--json]",
	 N_("show or set the amounts at or above which a case is flagged for transfer to the "
	 "police, with their source")},
	{"police transfer", cmd_police_transfer, true, "CASE_ID --reported-on DATE"
	 " --reporters NAME:CERT,NAME:CERT [--offence O] [--json]",
	 N_("record a transfer report to the police (移送公安机关, Order No. 310); record its "
	 "later steps with set ID approved_on=, sent_at=, police=, police_received_on=, "
	 "police_decision=, police_decision_on=, reconsideration_on=, handover_on=, returned_on=")},
	{"police list", cmd_police_list, true, "[--json]",
	 N_("the office's transfers to the police: the case, the last step done, the next step "
	 "and its limit")},
	{"police show", cmd_police_show, true, "ID [--json]",
	 N_("a transfer to the police: each step done with its date, the next step and its "
	 "limit")},
	{"due limits", cmd_deadline_limits, true, "[NAME=NUMBER…] [--json]",
	 N_("show or set the workspace's configurable limits (patent disputes)")},
	{"due", cmd_deadlines, true, "[--days N] [--mine] [--overdue] [--case ID] [--json]",
	 N_("open deadlines due within N days (7) and those overdue, soonest first")},
	{"stats", cmd_stats, true, "--period 2026|2026Q3|2026-11|FROM..TO [--by DIMENSION] [--json]"
	 " [--format xlsx -o FILE]",
	 N_("cases received, filed, decided, closed and transferred, fines and confiscations, days "
	 "to decision and overdue deadlines of a period, by ip_type, region, source, status, "
	 "decision or handler")},
	{"office list", cmd_office_list, true, "[--json]",
	 N_("the offices of 京津冀 a request can go to, with their officers' published keys")},
	{"office create", cmd_office_create, true, "[--roles R,…]",
	 N_("make this office's key on the administrator's device; this device joins with every role")},
	{"office show", cmd_office_show, true, "[--json]",
	 N_("this office's key fingerprint, this device's fingerprint, its roles")},
	{"office members", cmd_office_members, true, "[--json]",
	 N_("the roster: members, roles, revoked and refused devices, join requests")},
	{"office join", cmd_office_join, true, "FINGERPRINT [--note T]",
	 N_("pin this office's key by the fingerprint the administrator reads out, and ask to join")},
	{"office admit", cmd_office_member, true, "DEVICE_FINGERPRINT [--roles R,…]",
	 N_("admit a device, or change its roles: handler, reviewer, head, admin")},
	{"office refuse", cmd_office_member, true, "DEVICE_FINGERPRINT --reason T",
	 N_("refuse a join request")},
	{"office revoke", cmd_office_member, true, "DEVICE_FINGERPRINT --reason T",
	 N_("revoke a lost device: its ops after those this workspace holds are refused everywhere")},
	{"office verify", cmd_office_verify, true, "CODE FINGERPRINT",
	 N_("pin another office's key after comparing its fingerprint by phone or on paper")},
	{"office keys", cmd_office_keys, true, "[--json]",
	 N_("the office keys seen or pinned, verified or not, with their fingerprints")},
	{"collab new", cmd_collab_new, true, "--kind KIND --to OFFICE --subject S [--case ID]"
	 " [--body B] [--summary T] [--days N] [--evidence ID…] [--file PATH…] [--draft]",
	 N_("make a collaboration request and send it (unless --draft); prints its id")},
	{"collab list", cmd_collab_list, true, "[--inbox|--outbox|--all] [--kind K] [--office CODE]"
	 " [--status S] [--overdue] [--json]", N_("collaboration requests, latest change first")},
	{"collab show", cmd_collab_step, true, "ID [--json]",
	 N_("a request with its thread and files (the receiving office's opening acknowledges it)")},
	{"collab send", cmd_collab_step, true, "ID", N_("send a draft request")},
	{"collab accept", cmd_collab_step, true, "ID",
	 N_("accept a request; a handoff becomes a new case of this office")},
	{"collab decline", cmd_collab_step, true, "ID --reason TEXT", N_("decline a request")},
	{"collab reply", cmd_collab_step, true, "ID [--text T] [--evidence ID…] [--file PATH…]"
	 " [--answer]", N_("a message with attachments; --answer answers the request")},
	{"collab close", cmd_collab_step, true, "ID [--text T]", N_("close a request this office sent")},
	{"collab verify", cmd_collab_step, true, "ID [--json]",
	 N_("check every attached file against its SHA-256 (exit 6 when one fails)")},
	{"handoff", cmd_handoff, true, "CASE_ID --to OFFICE [--body B]",
	 N_("hand a case to another office: shared fields in clear, confidential ones sealed")},
	{"investigator add", cmd_investigator_add, true, "--name N --org O --fields F,… [--region CODE]"
	 " [--interests USCC_OR_NAME,…] [--qualification Q] [--pool P] [--availability A]"
	 " [--contact C] [--json]", N_("add a technical investigator to the shared pool; prints the id")},
	{"investigator list", cmd_investigator_list, true, "[--field F] [--region CODE]"
	 " [--availability A] [--query Q] [--limit N] [--json]",
	 N_("investigators of the pool with their open assignments")},
	{"investigator show", cmd_investigator_show, true, "ID [--json]",
	 N_("an investigator with contact, workload and assignment history")},
	{"investigator set", cmd_investigator_set, true, "ID FIELD=VALUE… [contact=C]",
	 N_("change an investigator (the contact stays in this office)")},
	{"investigator import", cmd_investigator_import, true, "FILE.csv [--json]",
	 N_("import the pool from CSV; rejected rows are reported by line")},
	{"investigator export", cmd_investigator_export, true, "[--output FILE] [--bom]",
	 N_("the pool as CSV")},
	{"techfield add", cmd_techfield_add, true, "CODE --zh NAME [--en NAME]",
	 N_("add a technical field to the list every office shares")},
	{"techfield list", cmd_techfield_list, true, "[--json]", N_("the technical fields")},
	{"assign", cmd_assign, true, "CASE_ID INVESTIGATOR_ID --tasks T,… [--due DATE]"
	 " [--override-reason R] [--replaces ASSIGNMENT_ID [--reason R]] [--json]",
	 N_("assign an investigator to a case after the recusal check; prints the id")},
	{"suggest", cmd_suggest, true, "CASE_ID [--limit N] [--json]",
	 N_("investigators for a case, best first, with the reasons of each rank")},
	{"assignment list", cmd_assignment_list, true, "[--case ID] [--investigator ID]"
	 " [--status S] [--open] [--json]", N_("assignments, newest first")},
	{"assignment show", cmd_assignment_show, true, "ID [--json]",
	 N_("an assignment with its opinion and recusal override")},
	{"assignment advance", cmd_assignment_advance, true, "ID STATUS [--reason R] [--on DATE]",
	 N_("notified, accepted, declined, in_progress or closed")},
	{"assignment opinion", cmd_assignment_opinion, true, "ID --text T|--text-file PATH"
	 " [--file PATH]", N_("submit the technical opinion of an assignment in progress")},
	{"fair add", cmd_fair_add, true, "--name N --venue V --from DATE --to DATE [--series S]"
	 " [--edition E] [--organiser O] [--complaint-office WHERE_AND_WHO] [--region CODE]"
	 " [--notes T] [--json]",
	 N_("record a trade fair (展会); one of 3 days or more names its IP complaint office")},
	{"fair list", cmd_fair_list, true, "[--json]",
	 N_("the trade fairs, current and coming ones first, with their complaints, exhibitors "
	 "and the soonest limit")},
	{"fair show", cmd_fair_show, true, "ID [--json]",
	 N_("a trade fair with its complaints (and their limit) and exhibitors (with findings and "
	 "warnings)")},
	{"fair complaint", cmd_fair_complaint, true, "FAIR --exhibitor NAME [--at DATETIME]"
	 " [--complainant NAME] [--phone P] [--right NO] [--uscc CODE] [--booth B] [--subject T]"
	 " [--json]",
	 N_("record a complaint received at a fair (now unless --at); pass it to the IP department "
	 "within the limit: set ID passed_at=, outcome=, outcome_on=, case_id=")},
	{"fair exhibitor", cmd_fair_exhibitor, true, "FAIR --name N [--uscc CODE] [--booth B]"
	 " [--finding infringing|withdrawn] [--exhibits T] [--json]",
	 N_("register an exhibitor of a fair; warns when it was found infringing at an earlier "
	 "edition of the series (the organiser decides whether to admit it)")},
	{"market add", cmd_market_add, true, "--name N --kind K --interval DAYS [--address A]"
	 " [--region CODE] [--notes N] [--json]",
	 N_("add a key market (重点关注市场) to the watch list every office shares; prints its id")},
	{"market list", cmd_market_list, true, "[--json]",
	 N_("the key markets with their last and next inspection, overdue first")},
	{"trademark add", cmd_trademark_add, true, "--mark M --holder H [--reg-no N]"
	 " [--classes 25,35] [--regions CODE,…] [--notes N] [--json]",
	 N_("add a key trademark (重点商标) to the watch list every office shares; prints its id")},
	{"trademark list", cmd_trademark_list, true, "[--json]", N_("the key trademarks")},
	{NULL, NULL, false, NULL, NULL},
};

const struct cmd *cmd_find(int argc, char **argv, int *used)
{
	for (const struct cmd *c = cmd_table; c->name; c++) {
		const char *space = strchr(c->name, ' ');
		if (!space && strcmp(argv[0], c->name) == 0) {
			*used = 1;
			return c;
		}
		if (space && argc > 1 && strncmp(argv[0], c->name, (size_t)(space - c->name)) == 0
		    && !argv[0][space - c->name] && strcmp(argv[1], space + 1) == 0) {
			*used = 2;
			return c;
		}
	}
	return NULL;
}

int cmd_print_new(json_t *set, const char *id, bool as_json)
{
	if (as_json) {
		json_object_set_new(set, "id", json_string(id));
		cmd_print_json(set);
	} else {
		puts(id);
	}
	return 0;
}

static void keys_print_line(const char *keys, const char *what, void *arg)
{
	fprintf(arg, "  %-22s %s\n", keys, what);
}

int cmd_keys(struct cmd_ctx *c, int argc, char **argv)
{
	bool man = false;
	const struct opt opts[] = {OPT_FLAG("--man", &man), OPT_END};
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (man)
		keys_print_man(stdout);
	else
		keys_each_help(keys_print_line, stdout);
	return 0;
}

void cmd_usage(FILE *out)
{
	fprintf(out, "%s", _("usage: ipcase [--home DIR] [COMMAND [ARGS]]\n"
			     "Without a command, opens the case file on screen.\n\ncommands:\n"));
	for (const struct cmd *c = cmd_table; c->name; c++)
		fprintf(out, "  %-16s %s\n", c->name, _(c->help));
	fprintf(out, "%s", _("\n`ipcase COMMAND --help` shows a command's arguments.\n"
			     "The workspace is --home DIR, else $IPCASE_HOME, else $XDG_DATA_HOME/ipcase.\n"));
}

int cmd_exit(enum ipc_err_kind kind)
{
	/* docs/ipcase.1, EXIT STATUS; 70 is sysexits.h's EX_SOFTWARE */
	static const int status[] = {
		[IPC_E_FAILED] = 1,   [IPC_E_RULE] = 1,    [IPC_E_USAGE] = 2,
		[IPC_E_NOTFOUND] = 3, [IPC_E_CONFLICT] = 4, [IPC_E_IO] = 5,
		[IPC_E_CORRUPT] = 6,  [IPC_E_NETWORK] = 7, [IPC_E_INTERNAL] = 70,
	};

	return (size_t)kind < sizeof status / sizeof status[0] ? status[kind] : 1;
}

int cmd_fail(const ipc_err *e)
{
	fprintf(stderr, "ipcase: %s\n", e->msg);
	return cmd_exit(e->kind);
}

/* The line giving a command's arguments. */
static void cmd_print_usage(FILE *out, const struct cmd *c)
{
	fprintf(out, _("usage: ipcase %s %s\n"), c->name, c->usage);
}

int cmd_bad_usage(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ipcase %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cmd_print_usage(stderr, c);
	return cmd_exit(IPC_E_USAGE);
}

int cmd_apply_settings(struct cmd_ctx *c, char **argv, int n, const char *form,
		       int (*set)(db *d, const char *name, const char *value, ipc_err *e))
{
	ipc_err e;

	for (int a = 0; a < n; a++) {
		const char *v;
		char name[64];
		if (!opt_assign(argv[a], name, sizeof name, &v))
			return cmd_bad_usage(c->cmd, _("expected %s, not %s"), form, argv[a]);
		if (set(c->d, name, v, &e))
			return cmd_fail(&e);
	}
	return 0;
}

bool cmd_wants_help(int argc, char **argv, const struct cmd *c)
{
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cmd_print_usage(stdout, c);
			printf("%s\n", _(c->help));
			return true;
		}
	}
	return false;
}

/* The list a command read: as JSON with --json, else each entry by row, then foot(list) when
 * given, else `none` (when given) if there is no entry. */
static void cmd_print_rows(json_t *list, bool as_json, void (*row)(const json_t *),
		    void (*foot)(const json_t *), const char *none)
{
	json_t *x;
	size_t i;

	if (as_json) {
		cmd_print_json(list);
		return;
	}
	json_array_foreach(list, i, x)
		row(x);
	if (foot)
		foot(list);
	else if (none && !json_array_size(list))
		printf("%s\n", none);
}

int cmd_list(struct cmd_ctx *c, int argc, char **argv, json_t *(*get)(db *, ipc_err *),
	     void (*row)(const json_t *), void (*foot)(const json_t *))
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	json_t *list;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (!(list = get(c->d, &e)))
		return cmd_fail(&e);
	cmd_print_rows(list, as_json, row, foot, NULL);
	json_decref(list);
	return 0;
}

int cmd_list_all(struct cmd_ctx *c, int argc, char **argv,
		 json_t *(*get)(db *, bool all, ipc_err *), void (*row)(const json_t *),
		 const char *none, const char *none_all)
{
	bool all = false, as_json = false;
	const struct opt opts[] = {OPT_FLAG("--all", &all), OPT_FLAG("--json", &as_json), OPT_END};
	json_t *list;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (!(list = get(c->d, all, &e)))
		return cmd_fail(&e);
	cmd_print_rows(list, as_json, row, NULL, all ? none_all : none);
	json_decref(list);
	return 0;
}


int cmd_show(struct cmd_ctx *c, int argc, char **argv, const char *missing,
	     json_t *(*get)(db *, const char *, ipc_err *), void (*print)(const json_t *))
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	const char *arg = NULL;
	char id[37];
	json_t *x;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, NULL)))
		return bad;
	if (!arg)
		return cmd_bad_usage(c->cmd, missing);
	if ((bad = cmd_id(c, arg, id)))
		return bad;
	if (!(x = get(c->d, id, &e)))
		return cmd_fail(&e);
	if (as_json)
		cmd_print_json(x);
	else
		print(x);
	json_decref(x);
	return 0;
}

void cmd_print_json(json_t *j)
{
	if (!jdumpf(j, stdout, JSON_INDENT(2) | JSON_SORT_KEYS))
		putchar('\n');
}

void cmd_print_text(const char *s)
{
	size_t n = (s ? strlen(s) : 0) + 1, k;
	wchar_t *w = malloc(n * sizeof *w);
	char u[4];

	if (!w)
		return;
	k = tui_sanitize(s, w, n);
	for (size_t i = 0; i < k; i++)
		fwrite(u, 1, tui_utf8_encode(w[i], u), stdout);
	free(w);
}

void cmd_print_col(const char *s, int cols)
{
	int pad = cols - tui_text_width(s);

	cmd_print_text(s);
	printf("%*s  ", pad > 0 ? pad : 0, "");
}

void cmd_print_label(const char *indent, const char *label, int cols)
{
	int pad = cols - tui_text_width(label);

	printf("%s%s%*s ", indent, label, pad > 0 ? pad : 0, "");
}

const char *cmd_type_name(const char *type)
{
	const struct rtype *t = i18n_zh() ? schema_type(type) : NULL;

	return t ? t->zh : type;
}

int cmd_id(struct cmd_ctx *c, const char *arg, char out[37])
{
	ipc_err e;
	return db_resolve_id(c->d, arg, out, &e) ? cmd_fail(&e) : 0;
}

/* ---- init ---- */

static int copy_opt(char *dst, size_t n, const char *v, const struct cmd *c, const char *what)
{
	if (strlen(v) >= n || !*v)
		return cmd_bad_usage(c, _("%s must be 1 to %zu bytes"), what, n - 1);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

/* The option a field of the setup comes from, for a refusal that names it. */
static const char *init_option(const char *field)
{
	static const char *const map[][2] = {{"office", "--office"}, {"officer", "--officer"},
					     {"cert", "--cert"}, {"case_prefix", "--case-prefix"}};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], field))
			return map[i][1];
	return NULL;
}

int cmd_init(struct cmd_ctx *c, int argc, char **argv)
{
	struct setup s = {0};
	struct db_identity *id = &s.id;
	const char *office = NULL, *office_name = NULL, *officer = NULL, *cert = NULL, *prefix = NULL;
	bool create = false;
	const struct opt opts[] = {OPT_VALUE("--office", &office), OPT_VALUE("--office-name", &office_name),
				   OPT_VALUE("--officer", &officer), OPT_VALUE("--cert", &cert),
				   OPT_VALUE("--case-prefix", &prefix),
				   OPT_FLAG("--create-office", &create), OPT_END};
	json_t *o = NULL;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL))
	    || (office && (bad = copy_opt(id->office, sizeof id->office, office, c->cmd, "--office")))
	    || (office_name && (bad = copy_opt(id->office_name, sizeof id->office_name, office_name,
					       c->cmd, "--office-name")))
	    || (officer && (bad = copy_opt(id->officer, sizeof id->officer, officer, c->cmd, "--officer")))
	    || (cert && (bad = copy_opt(id->cert, sizeof id->cert, cert, c->cmd, "--cert")))
	    || (prefix && (bad = copy_opt(id->case_prefix, sizeof id->case_prefix, prefix, c->cmd,
					  "--case-prefix"))))
		return bad;
	if (!id->office[0] || !id->office_name[0] || !id->officer[0] || !id->cert[0])
		return cmd_bad_usage(c->cmd, _("--office, --office-name, --officer and --cert are required"));
	s.office = create ? SETUP_OFFICE_CREATE : SETUP_OFFICE_LATER;
	if (setup_run(c->home, &s, create ? &o : NULL, &e))
		return init_option(e.field) ? cmd_bad_usage(c->cmd, "%s: %s", init_option(e.field), e.msg)
					    : cmd_fail(&e);
	printf(_("workspace created in %s\nofficer %s (%s), office %s %s\ndevice key %.16s…\n"),
	       c->home, id->officer, id->cert, id->office, id->office_name, id->actor);
	if (o) /* the first device of an office: its administrator's, holding the office key */
		printf(_("office key made; its fingerprint: %s\n"), jstr(o, "fingerprint"));
	json_decref(o);
	return 0;
}

/* ---- log, verify, export, demo ---- */

/* One change of a record: under C its field's name and the value as stored, else the field's
 * label and the value as case show prints it. */
static void log_change(const struct rtype *t, const char *name, json_t *v)
{
	const struct field *f = t && i18n_zh() ? schema_field(t, name) : NULL;
	char *s;

	if (f) {
		printf("    %s = ", f->zh);
		cmd_print_value(f, v);
		putchar('\n');
		return;
	}
	printf("    %s = ", name);
	s = json_is_string(v) ? NULL : json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	cmd_print_text(s ? s : json_string_value(v));
	free(s);
	putchar('\n');
}

/* The type of the record id, or NULL (a record gone from the store). */
static const struct rtype *log_type(db *d, const char *id)
{
	ipc_err e;
	json_t *o = db_get(d, id, &e);
	const struct rtype *t = o ? schema_type(jstr(o, "type")) : NULL;

	json_decref(o);
	return t;
}

int cmd_log(struct cmd_ctx *c, int argc, char **argv)
{
	bool as_json = false;
	const struct opt opts[] = {OPT_FLAG("--json", &as_json), OPT_END};
	const char *arg = NULL;
	char id[37];
	json_t *log, *entry, *v;
	const char *k;
	size_t i;
	ipc_err e;
	int bad, n, rc;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &arg, 1, &n)))
		return bad;
	if (!n)
		return cmd_bad_usage(c->cmd, _("which record? give its id"));
	if ((rc = cmd_id(c, arg, id)))
		return rc;
	if (!(log = db_log(c->d, id, &e)))
		return cmd_fail(&e);
	if (as_json) {
		cmd_print_json(log);
	} else {
		const struct rtype *t = log_type(c->d, id);
		json_array_foreach(log, i, entry) {
			printf("%s  ", json_string_value(json_object_get(entry, "time")));
			cmd_print_text(json_string_value(json_object_get(entry, "officer")));
			printf(_(" (%s)  op %.12s%s\n"),
			       json_string_value(json_object_get(entry, "cert")) ?: _("unknown device"),
			       json_string_value(json_object_get(entry, "op")),
			       json_array_size(json_object_get(entry, "deps")) > 1 ? _("  merges") : "");
			json_object_foreach(json_object_get(entry, "set"), k, v)
				log_change(t, k, v);
		}
	}
	json_decref(log);
	return 0;
}

int cmd_verify(struct cmd_ctx *c, int argc, char **argv)
{
	const struct opt opts[] = {OPT_END};
	json_t *failures, *f;
	size_t nops, i;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (db_verify(c->d, &failures, &nops, &e))
		return cmd_fail(&e);
	json_array_foreach(failures, i, f)
		printf(_("FAILED op %s (#%lld): %s\n"), json_string_value(json_object_get(f, "op")),
		       (long long)json_integer_value(json_object_get(f, "seq")),
		       json_string_value(json_object_get(f, "reason")));
	printf(_("%zu ops verified, %zu failed\n"), nops, json_array_size(failures));
	i = json_array_size(failures);
	json_decref(failures);
	return i ? cmd_exit(IPC_E_CORRUPT) : 0;
}

int cmd_export(struct cmd_ctx *c, int argc, char **argv)
{
	const char *format = NULL;
	const struct opt opts[] = {OPT_VALUE("--format", &format), OPT_END};
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (!format || strcmp(format, "json") != 0)
		return cmd_bad_usage(c->cmd, _("--format json is the format there is"));
	/* its bytes exact (jdumpf already escapes what a terminal must not get), and a full disk
	 * named by the file stdout is */
	return db_export(c->d, out_exact(), &e) ? cmd_fail(&e) : 0;
}

static void demo_progress_line(long done, long total, void *arg)
{
	(void)arg;
	out_progress("demo: %ld/%ld cases", done, total);
}

int cmd_demo(struct cmd_ctx *c, int argc, char **argv)
{
	long n = 200;
	unsigned seed = 1;
	const char *cases = NULL, *seed_arg = NULL;
	const struct opt opts[] = {OPT_VALUE("--cases", &cases), OPT_VALUE("--seed", &seed_arg), OPT_END};
	char *end;
	struct timespec t0, t1;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	if (cases && ((n = strtol(cases, &end, 10)), *end || n < 1 || n > 10000000))
		return cmd_bad_usage(c->cmd, _("--cases takes a number from 1 to 10000000"));
	if (seed_arg && ((seed = (unsigned)strtoul(seed_arg, &end, 10)), *end))
		return cmd_bad_usage(c->cmd, _("--seed takes a number"));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bad = db_demo(c->d, n, seed, demo_progress_line, NULL, &e);
	out_progress_end();
	if (bad)
		return cmd_fail(&e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf(ngettext("%ld demo case written in %.1f s\n", "%ld demo cases written in %.1f s\n",
			(unsigned long)n), n,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
