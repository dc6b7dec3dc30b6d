/* cmd_ledger — `ipcase ledger`: the case ledger (台账) as XLSX (the cases, their collaboration
 * requests and investigator assignments, one tab each, and the statistics of the period when
 * only dates narrow it) or as CSV (the cases only), written to FILE.part and renamed when
 * complete. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/csv.h"
#include "base/disk.h"
#include "base/i18n.h"
#include "base/validate.h"
#include "db/calendar.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "db/rules/ledger.h"
#include "db/rules/stats.h"
#include "doc/sheet.h"

struct xlsx {
	sheet *s;
	int tab[LEDGER_NTABLES];
};

static int xlsx_row(void *ctx, enum ledger_table t, const struct sheet_cell *cells, size_t n,
		    ipc_err *e)
{
	struct xlsx *x = ctx;

	return sheet_row(x->s, x->tab[t], cells, n, e);
}

/* The statistics of the ledger's period by IP type, as a tab: from --from (or the first day
 * anything happened) to --to (or today). Figures count every case of the period, so the tab
 * is written only when no other filter narrows the rows. */
static int stats_tab(struct cmd_ctx *c, const struct case_query *q, sheet *sh, ipc_err *e)
{
	char first[11], today[11], period[32];
	const char *from = q->from ? q->from : first, *to = q->to ? q->to : today;
	json_t *s;
	int rc;

	if (q->status || q->ip_type || q->region || q->text)
		return 0;
	if (stats_first_day(c->d, first, e))
		return -1;
	cal_today(today);
	if (!from[0] || strcmp(from, to) > 0) /* nothing yet, or nothing before --to */
		from = to;
	snprintf(period, sizeof period, "%s..%s", from, to);
	if (stats_compute(c->d, &(struct stats_query){period, "ip_type"}, &s, e))
		return -1;
	rc = stats_sheet_tab(sh, s, e);
	json_decref(s);
	return rc;
}

static int ledger_xlsx(struct cmd_ctx *c, const struct case_query *q, const char *path, ipc_err *e)
{
	struct xlsx x = {0};
	const char *headers[LEDGER_COLS];
	size_t n;

	if (!(x.s = sheet_open(path, e)))
		return -1;
	for (int t = 0; t < LEDGER_NTABLES; t++) {
		const char *name = ledger_headers(t, headers, &n);
		if ((x.tab[t] = sheet_tab(x.s, name, headers, n, e)) < 0)
			goto fail;
	}
	if (ledger_each(c->d, q, xlsx_row, &x, e) || stats_tab(c, q, x.s, e))
		goto fail;
	return sheet_close(x.s, e);
fail:
	sheet_abort(x.s);
	return -1;
}

/* The CSV holds the cases only: a CSV file has one table. */
static int csv_row(void *ctx, enum ledger_table t, const struct sheet_cell *cells, size_t n,
		   ipc_err *e)
{
	const char *fields[LEDGER_COLS];

	(void)e;
	if (t != LEDGER_CASES)
		return 0;
	for (size_t i = 0; i < n; i++)
		fields[i] = cells[i].s;
	csv_write(ctx, fields, n);
	return 0;
}

static int ledger_csv(struct cmd_ctx *c, const struct case_query *q, const char *path, ipc_err *e)
{
	const char *headers[LEDGER_COLS];
	char part[4096];
	size_t n;
	FILE *out;
	int rc;

	if ((size_t)snprintf(part, sizeof part, "%s.part", path) >= sizeof part)
		return err_kind(e, IPC_E_USAGE, NULL, _("the path %.80s… is too long"), path);
	if (!(out = fopen(part, "wb")))
		return disk_write_err(e, part);
	fputs("\xef\xbb\xbf", out); /* Excel and WPS read UTF-8 only after a byte-order mark */
	ledger_headers(LEDGER_CASES, headers, &n);
	csv_write(out, headers, n);
	rc = ledger_each(c->d, q, csv_row, out, e);
	if (!rc && (fflush(out) == EOF || ferror(out)))
		rc = disk_stream_err(e, out);
	if (fclose(out) && !rc)
		rc = disk_write_err(e, part);
	if (!rc && rename(part, path))
		rc = err_kind(e, IPC_E_IO, NULL, _("cannot rename %s to %s: %s"), part, path,
			      strerror(errno));
	if (rc)
		unlink(part);
	return rc;
}

int cmd_ledger(struct cmd_ctx *c, int argc, char **argv)
{
	struct case_query q = {0};
	const char *status = NULL, *ip_type = NULL, *format = NULL, *path = NULL;
	const struct opt opts[] = {OPT_VALUE("--from", &q.from), OPT_VALUE("--to", &q.to),
				   OPT_VALUE("--status", &status), OPT_VALUE("--ip-type", &ip_type),
				   OPT_VALUE("--region", &q.region), OPT_VALUE("--query", &q.text),
				   OPT_VALUE("--format", &format), OPT_VALUE("-o", &path),
				   OPT_VALUE("--output", &path), OPT_END};
	bool xlsx;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL))
	    || (rc = cmd_case_filters(c->cmd, status, ip_type, &q)))
		return rc;
	if (!format || (strcmp(format, "xlsx") && strcmp(format, "csv")))
		return cmd_bad_usage(c->cmd, _("--format takes xlsx or csv"));
	if (!path)
		return cmd_bad_usage(c->cmd, _("-o FILE: where to write the ledger"));
	if ((q.from && !validate_date(q.from)) || (q.to && !validate_date(q.to)))
		return cmd_bad_usage(c->cmd, _("--from and --to take a date, YYYY-MM-DD"));
	if (q.from && q.to && strcmp(q.from, q.to) > 0)
		return cmd_bad_usage(c->cmd, _("--from %s is after --to %s"), q.from, q.to);
	if (q.region && !validate_region_name(q.region))
		return cmd_bad_usage(c->cmd, _("--region takes a division code of Beijing, Tianjin or "
					       "Hebei (e.g. 130100)"));
	xlsx = !strcmp(format, "xlsx");
	if (xlsx ? ledger_xlsx(c, &q, path, &e) : ledger_csv(c, &q, path, &e))
		return cmd_fail(&e);
	return 0;
}
