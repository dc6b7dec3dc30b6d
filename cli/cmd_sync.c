/* cmd_sync — batch commands of sync: remote add/list/remove, sync, quarantine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cmd.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "db/channel.h"
#include "db/rules/roster.h"
#include "db/workspace.h"
#include "sync/nettimeout.h"
#include "sync/sync.h"

/* A channel by its name in the officer's language ("office" and "collab" are what
 * --channel takes). */
static const char *channel_name(const char *id)
{
	if (!strcmp(id, "office"))
		return _("office");
	return !strcmp(id, "collab") ? _("collab") : id;
}

int cmd_remote_add(struct cmd_ctx *c, int argc, char **argv)
{
	struct db_remote r = {.channel = "office"};
	const char *pos[2], *channel = NULL, *key = NULL;
	const struct opt opts[] = {OPT_VALUE("--channel", &channel), OPT_VALUE("--key", &key), OPT_END};
	int npos, bad;
	ipc_err e;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, pos, 2, &npos)))
		return bad;
	if (channel)
		snprintf(r.channel, sizeof r.channel, "%s", channel);
	if (key)
		snprintf(r.key_path, sizeof r.key_path, "%s", key);
	if (npos != 2)
		return cmd_bad_usage(c->cmd, _("give a name and a URL"));
	if (strlen(pos[0]) >= sizeof r.name || strlen(pos[1]) >= sizeof r.url)
		return cmd_bad_usage(c->cmd, _("name or URL too long"));
	snprintf(r.name, sizeof r.name, "%s", pos[0]);
	snprintf(r.url, sizeof r.url, "%s", pos[1]);
	return sync_remote_add(c->d, &r, &e) ? cmd_fail(&e) : 0;
}

static void remote_row(const json_t *r)
{
	printf("%-12s ", jstr(r, "name"));
	cmd_print_label("", channel_name(jstr(r, "channel")), 8);
	cmd_print_text(jstr(r, "url"));
	putchar('\n');
}

int cmd_remote_list(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, db_remote_list, remote_row, NULL);
}

int cmd_remote_remove(struct cmd_ctx *c, int argc, char **argv)
{
	const struct opt opts[] = {OPT_END};
	const char *name = NULL;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, &name, 1, NULL)))
		return bad;
	if (!name)
		return cmd_bad_usage(c->cmd, _("give the remote's name"));
	return db_remote_remove(c->d, name, &e) ? cmd_fail(&e) : 0;
}

static int progress_line(const char *what, size_t done, size_t total, void *arg)
{
	(void)arg;
	if (sync_step_network(what))
		nettimeout_touch();
	else
		nettimeout_disarm();
	if (total)
		out_progress("%s %zu/%zu", what, done, total);
	else
		out_progress("%s…", what);
	return 0;
}

static int sync_one(struct cmd_ctx *c, const char *name)
{
	struct sync_stats st;
	char line[256];
	ipc_err e;
	int rc;

	nettimeout_arm(name);
	rc = sync_run(c->d, name, &st, progress_line, NULL, &e);
	nettimeout_disarm();

	out_progress_end();
	if (rc)
		return cmd_fail(&e);
	sync_summary(&st, line, sizeof line);
	printf("%s: %s\n", name, line);
	return 0;
}

/* What this device writes is refused by its colleagues until the administrator admits it:
 * say so after every sync, with what to read to the administrator. */
static void admission_note(db *d)
{
	ipc_err e;
	json_t *o = roster_office(d, &e);

	if (o && jstr(o, "fingerprint") && !json_is_true(json_object_get(o, "admitted"))) {
		fputs(_("this device is not admitted to the office's roster yet, so colleagues do not "
			"accept what it writes: read its fingerprint to the administrator: "), stdout);
		puts(jstr(o, "device_fingerprint"));
	}
	json_decref(o);
}

int cmd_sync(struct cmd_ctx *c, int argc, char **argv)
{
	const struct opt opts[] = {OPT_END};
	const char *name = NULL;
	json_t *list, *r;
	size_t i;
	ipc_err e;
	int rc;

	if ((rc = opt_parse(c->cmd, argc, argv, opts, &name, 1, NULL)))
		return rc;
	if (name)
		return sync_one(c, name);
	if (!(list = db_remote_list(c->d, &e)))
		return cmd_fail(&e);
	if (!json_array_size(list)) {
		err_set(&e, "%s", _("no remote to sync with: add one with ipcase remote add NAME URL"));
		rc = cmd_fail(&e);
	}
	json_array_foreach(list, i, r) { /* every remote is tried; the first failure tells */
		int one = sync_one(c, json_string_value(json_object_get(r, "name")));
		rc = rc ? rc : one;
	}
	json_decref(list);
	admission_note(c->d);
	return rc;
}

static void quarantine_row(const json_t *q)
{
	printf("%s  ", channel_name(jstr(q, "channel")));
	cmd_print_text(jstr(q, "path"));
	fputs("\n    ", stdout);
	cmd_print_text(jstr(q, "reason"));
	putchar('\n');
}

static void quarantine_count(const json_t *list)
{
	printf(ngettext("%zu item in quarantine\n", "%zu items in quarantine\n", json_array_size(list)),
	       json_array_size(list));
}

int cmd_quarantine(struct cmd_ctx *c, int argc, char **argv)
{
	return cmd_list(c, argc, argv, db_quarantine_list, quarantine_row, quarantine_count);
}

int cmd_gc(struct cmd_ctx *c, int argc, char **argv)
{
	static const char *const channels[] = {"office", "collab"};
	const struct opt opts[] = {OPT_END};
	long before, after;
	int64_t bytes_before, bytes_after;
	ipc_err e;
	int bad;

	if ((bad = opt_parse(c->cmd, argc, argv, opts, NULL, 0, NULL)))
		return bad;
	for (size_t i = 0; i < 2; i++) {
		if (sync_gc(c->d, channels[i], &before, &after, &e))
			return cmd_fail(&e);
		printf(_("%s: %ld loose objects and packs before, %ld after\n"), channel_name(channels[i]),
		       before, after);
	}
	if (db_compact(c->d, &bytes_before, &bytes_after, &e))
		return cmd_fail(&e);
	printf(_("database: %.1f MB before, %.1f MB after\n"), (double)bytes_before / 1e6,
	       (double)bytes_after / 1e6);
	return 0;
}
