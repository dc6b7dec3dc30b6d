/* form_remote — the form of a new remote on the sync screen: its name, URL (or folder),
 * channel and ssh key file, kept by sync_remote_add, which checks them as `ipcase remote add`
 * does; a refusal shows next to the field at fault. The channel starts as the collaboration
 * one while requests wait with no remote to carry them, else as the office's. */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/paths.h"
#include "db/channel.h"
#include "db/rules/collab.h"
#include "sync/sync.h"
#include "tui/form.h"

static const struct enum_value remote_channels[] = {
	{"office", "本局同步", "office (colleagues of this office)"},
	{"collab", "跨局协作", "collaboration (other offices)"},
	{NULL, NULL, NULL},
};

/* The fields, as struct db_remote holds them (a NUL left in each). */
static const struct field remote_fields[] = {
	{"name", FK_TEXT, FF_REQUIRED, NULL, NULL, "名称", "name",
	 sizeof ((struct db_remote *)0)->name - 1},
	{"url", FK_TEXT, FF_REQUIRED, NULL, NULL, "地址", "URL or folder",
	 sizeof ((struct db_remote *)0)->url - 1},
	{"channel", FK_ENUM, FF_REQUIRED, remote_channels, NULL, "通道", "channel", 0},
	{"key", FK_TEXT, 0, NULL, NULL, "ssh 私钥文件", "ssh key file",
	 sizeof ((struct db_remote *)0)->key_path - 1},
};

#define NFIELDS (sizeof remote_fields / sizeof remote_fields[0])

static int remote_build(struct tui *t, struct form *fm, ipc_err *e)
{
	const char *hints[NFIELDS] = {_("a word: letters, digits, - _ and ."),
				      _("ssh://host/path, https://host/path or a folder"), NULL,
				      _("empty: the keys of ssh-agent")};
	const struct enum_value *channel = &remote_channels[collab_stranded(tui_db(t)) > 0 ? 1 : 0];
	struct form_item *it;

	snprintf(fm->title, sizeof fm->title, "%s", _("New remote"));
	for (size_t i = 0; i < NFIELDS; i++) {
		if (!(it = form_field_add(fm, &remote_fields[i], NULL)))
			return err_nomem(e);
		it->hint = hints[i];
	}
	it = form_item(fm, "channel");
	if (form_item_set(it, fm->zh ? channel->zh : channel->en, true))
		return err_nomem(e);
	return 0;
}

static int remote_save(struct tui *t, struct form *fm)
{
	struct db_remote r = {0};
	char msg[200];
	ipc_err e = {0};
	json_t *set;

	if (form_values(fm, false, &set, &e))
		return form_refused(t, fm, &e);
	snprintf(r.name, sizeof r.name, "%s", jtext(set, "name"));
	paths_typed(jtext(set, "url"), r.url, sizeof r.url);
	snprintf(r.channel, sizeof r.channel, "%s", jtext(set, "channel"));
	paths_typed(jtext(set, "key"), r.key_path, sizeof r.key_path);
	json_decref(set);
	if (sync_remote_add(tui_db(t), &r, &e))
		return form_refused(t, fm, &e);
	snprintf(msg, sizeof msg, _("Remote %s added: Enter syncs with it"), r.name);
	return form_done(t, fm, msg);
}

const struct form_kind form_remote_kind = {
	.name = NULL, /* a few short fields: never kept as a draft */
	.build = remote_build,
	.save = remote_save,
};

int tui_form_remote(struct tui *t)
{
	return form_open(t, &(struct form_spec){.kind = &form_remote_kind});
}
