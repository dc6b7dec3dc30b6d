/* office — the office screen: this office (code, name, the office key's fingerprint or what to
 * do while it has none, whether this device holds the key, this device's fingerprint, whether
 * the roster admits it and with which roles, or why not), its members and join requests, and
 * the keys of the other offices seen or pinned here. Enter acts on the selected one: a join
 * request is admitted (a prompt of roles) or refused (a reason), a member's roles change or it
 * is revoked (y/n, then a reason), an unverified office is verified by the fingerprint read
 * over the phone. db/rules/roster decides every change; its refusal (on a device without the
 * office key, a wrong fingerprint) is shown on the bottom line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "db/rules/roster.h"
#include "tui/screens.h"
#include "tui/wrap.h"

enum { TAG_MEMBER = 1, TAG_ADMIT, TAG_ROLES, TAG_REFUSE, TAG_REVOKE_SURE, TAG_REVOKE, TAG_VERIFY };

#define LABEL_W 13 /* the label column of this office's lines */

struct office_screen {
	json_t *office;         /* roster_office */
	json_t *members;        /* roster_members: items 0 … n-1 */
	json_t *offices;        /* roster_offices without this office's own key: the items after */
	struct wrap lines;
	struct tui_rect r;
	const char *offered[2]; /* the actions of the open menu */
	char target[65];        /* the device key or the office code acted on */
	char who[200];          /* "李明 (11010802)": the question's and the messages' */
	char roles[200];        /* the member's roles as the roles prompt takes them */
};

/* What Enter offers on a member or join request, by its state. */
static const struct {
	const char *state, *action, *label;
} member_actions[] = {
	{"requested", "admit", N_("Admit (give the roles)")},
	{"requested", "refuse", N_("Refuse (give the reason)")},
	{"refused", "admit", N_("Admit (give the roles)")},
	{"admitted", "roles", N_("Change the roles")},
	{"admitted", "revoke", N_("Revoke (cannot be undone)")},
};

#define NACTIONS (sizeof member_actions / sizeof member_actions[0])

static int rows_of(const struct office_screen *s)
{
	return s->r.h > 0 ? s->r.h : 1;
}

static const json_t *sel_member(const struct office_screen *s)
{
	return s->lines.sel >= 0 ? json_array_get(s->members, (size_t)s->lines.sel) : NULL;
}

static const json_t *sel_office(const struct office_screen *s)
{
	size_t nm = json_array_size(s->members);

	return s->lines.sel >= (int)nm ? json_array_get(s->offices, (size_t)s->lines.sel - nm)
				       : NULL;
}

/* The roles as labels ("handler, legal reviewer"), or as the roles prompt takes them back
 * (ids in English, the Chinese names in Chinese). */
static const char *roles_text(struct tui *t, const json_t *roles, bool typed, char *buf, size_t n)
{
	const char *sep = tui_zh(t) ? "、" : typed ? "," : ", ";
	const json_t *r;
	size_t i, len = 0;

	buf[0] = '\0';
	json_array_foreach(roles, i, r) {
		const char *id = json_string_value(r);
		if (!id || len >= n)
			continue;
		len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? sep : "", typed && !tui_zh(t)
					? id : schema_enum_label(roster_roles, id, tui_zh(t)));
	}
	return buf;
}

/* ---- layout ---- */

static void add_label(struct office_screen *s, const char *label, const char *text,
		      enum tui_elem el)
{
	wrap_add_label(&s->lines, 1, LABEL_W, label, text, el, -1, false);
}

static void lay_out_office(struct tui *t, struct office_screen *s)
{
	const json_t *o = s->office;
	const char *fp = jstr(o, "fingerprint");
	char buf[800], roles[200];

	snprintf(buf, sizeof buf, _(" Office %s %s"), jtext(o, "code"), jtext(o, "name"));
	wrap_add(&s->lines, 0, buf, TUI_E_TITLE, -1, false);
	if (fp) {
		snprintf(buf, sizeof buf, "%s  %s", fp,
			 json_is_true(json_object_get(o, "holds_key")) ? _("held by this device")
			 : json_is_true(json_object_get(o, "verified")) ? _("held by its administrator")
			 : _("not seen yet: sync"));
		add_label(s, _("Office key"), buf, TUI_E_NORMAL);
	} else {
		add_label(s, _("Office key"), _("unverified: no office key yet"), TUI_E_WARN);
		add_label(s, NULL, _("Its administrator's device makes it (ipcase office create) and "
				     "reads its fingerprint to the officers, whose devices join with it "
				     "(ipcase office join FINGERPRINT)."), TUI_E_NORMAL);
	}
	add_label(s, _("This device"), jtext(o, "device_fingerprint"), TUI_E_NORMAL);
	if (json_is_true(json_object_get(o, "admitted"))) {
		snprintf(buf, sizeof buf, _("admitted: %s"),
			 roles_text(t, json_object_get(o, "roles"), false, roles, sizeof roles));
		add_label(s, _("Roster"), buf, TUI_E_NORMAL);
	} else if (fp) {
		snprintf(buf, sizeof buf, _("not admitted: %s"), jtext(o, "why"));
		add_label(s, _("Roster"), buf, TUI_E_WARN);
	} else {
		add_label(s, _("Roster"), _("none: the office's officers are not verified"), TUI_E_WARN);
	}
}

/* "李明 (11010802)  join request", then its roles, fingerprint and date, reason or note. */
static void lay_out_member(struct tui *t, struct office_screen *s, const json_t *m, int item)
{
	const char *state = jtext(m, "state"), *reason = jtext(m, "reason");
	bool request = !strcmp(state, "requested");
	char buf[800], roles[200];
	int n;

	n = snprintf(buf, sizeof buf, "%s (%s)  %s", jtext(m, "officer"), jtext(m, "cert"),
		     request ? _("join request") : schema_enum_label(roster_states, state, tui_zh(t)));
	if (!strcmp(jtext(m, "device"), jtext(s->office, "device")))
		snprintf(buf + n, sizeof buf - (size_t)n, "%s", _("  (this device)"));
	wrap_add(&s->lines, 2, buf, request ? TUI_E_WARN : !strcmp(state, "admitted") ? TUI_E_LABEL
									   : TUI_E_HINT,
		 item, true);
	if (*roles_text(t, json_object_get(m, "roles"), false, roles, sizeof roles)) {
		snprintf(buf, sizeof buf, _("roles: %s"), roles);
		wrap_add(&s->lines, 4, buf, TUI_E_NORMAL, item, false);
	}
	n = snprintf(buf, sizeof buf, _("fingerprint %s"), jtext(m, "fingerprint"));
	if (*jtext(m, "since"))
		snprintf(buf + n, sizeof buf - (size_t)n, _("  since %s"), jtext(m, "since"));
	wrap_add(&s->lines, 4, buf, TUI_E_NORMAL, item, false);
	if (*reason) {
		snprintf(buf, sizeof buf, request ? _("note: %s") : _("reason: %s"), reason);
		wrap_add(&s->lines, 4, buf, TUI_E_NORMAL, item, false);
	}
}

/* "130100 石家庄市市场监督管理局  unverified  1 admitted", then its fingerprint. */
static void lay_out_other(struct office_screen *s, const json_t *o, int item)
{
	bool verified = json_is_true(json_object_get(o, "verified"));
	bool seen = json_is_true(json_object_get(o, "seen"));
	char buf[800];

	snprintf(buf, sizeof buf, _("%s %s  %s  %lld admitted"), jtext(o, "code"), jtext(o, "name"),
		 verified ? _("verified") : seen ? _("unverified") : _("compared, key not seen yet"),
		 (long long)json_integer_value(json_object_get(o, "members")));
	wrap_add(&s->lines, 2, buf, verified ? TUI_E_LABEL : TUI_E_WARN, item, true);
	snprintf(buf, sizeof buf, _("fingerprint %s"), jtext(o, "fingerprint"));
	wrap_add(&s->lines, 4, buf, TUI_E_NORMAL, item, false);
}

static void lay_out(struct tui *t, struct office_screen *s)
{
	size_t i, nm = json_array_size(s->members);
	const json_t *x;

	wrap_reset(&s->lines, s->r.w);
	lay_out_office(t, s);
	wrap_add(&s->lines, 0, "", TUI_E_NORMAL, -1, false);
	wrap_add(&s->lines, 0, _(" Members and join requests"), TUI_E_HEADER, -1, false);
	json_array_foreach(s->members, i, x)
		lay_out_member(t, s, x, (int)i);
	if (!nm)
		wrap_add(&s->lines, 2, _("None yet."), TUI_E_HINT, -1, false);
	wrap_add(&s->lines, 0, "", TUI_E_NORMAL, -1, false);
	wrap_add(&s->lines, 0, _(" Other offices"), TUI_E_HEADER, -1, false);
	json_array_foreach(s->offices, i, x)
		lay_out_other(s, x, (int)(nm + i));
	if (!json_array_size(s->offices))
		wrap_add(&s->lines, 2, _("None seen yet: their keys come with the collaboration "
					 "channel's sync."), TUI_E_HINT, -1, false);
}

/* ---- reading ---- */

/* Leaves out of roster_offices the entry of this office's own pinned key: another key
 * claiming this office's code stays, unverified, for everyone to see. */
static void others_only(const json_t *office, json_t *offices)
{
	const char *code = jtext(office, "code"), *fp = jstr(office, "fingerprint");

	for (size_t i = json_array_size(offices); i-- > 0;) {
		const json_t *o = json_array_get(offices, i);
		if (fp && !strcmp(jtext(o, "code"), code) && !strcmp(jtext(o, "fingerprint"), fp))
			json_array_remove(offices, i);
	}
}

/* What identifies item i across a reload: a member's device, an office's fingerprint. */
static const char *item_id(const struct office_screen *s, int i)
{
	size_t nm = json_array_size(s->members);

	if (i < 0)
		return "";
	return (size_t)i < nm ? jtext(json_array_get(s->members, (size_t)i), "device")
			      : jtext(json_array_get(s->offices, (size_t)i - nm), "fingerprint");
}

/* Reads the office, its roster and the other offices, and lays them out with the selection
 * kept on the same member or office (an admitted request moves among the members). */
static int office_read(struct tui *t, struct office_screen *s, ipc_err *e)
{
	db *d = tui_db(t);
	json_t *o = NULL, *m = NULL, *k = NULL, *old;
	char *was = NULL;
	int rc = -1, sel;

	if (!(o = roster_office(d, e)) || !(m = roster_members(d, e)) || !(k = roster_offices(d, e)))
		goto out;
	if (!(was = strdup(item_id(s, s->lines.sel)))) {
		err_nomem(e);
		goto out;
	}
	others_only(o, k);
	/* the new lists in, the old ones out */
	old = s->office, s->office = o, o = old;
	old = s->members, s->members = m, m = old;
	old = s->offices, s->offices = k, k = old;
	lay_out(t, s);
	sel = s->lines.sel;
	for (int i = 0; *was && i < s->lines.nitems; i++)
		if (!strcmp(item_id(s, i), was))
			sel = i;
	wrap_select(&s->lines, sel, rows_of(s));
	rc = 0;
out:
	free(was);
	json_decref(o);
	json_decref(m);
	json_decref(k);
	return rc;
}

static void office_close(void *st)
{
	struct office_screen *s = st;

	json_decref(s->office);
	json_decref(s->members);
	json_decref(s->offices);
	wrap_free(&s->lines);
	free(s);
}

static void *office_open(struct tui *t, void *arg, ipc_err *e)
{
	struct office_screen *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s) {
		err_nomem(e);
		return NULL;
	}
	s->r.w = 80;
	s->lines.sel = -1;
	if (office_read(t, s, e)) {
		office_close(s);
		return NULL;
	}
	s->lines.top = 0; /* scrolled to the selection by resize, which knows the rows */
	return s;
}

static int office_reload(struct tui *t, void *st)
{
	ipc_err e = {0};

	if (office_read(t, st, &e))
		tui_error(t, "%s", e.msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static int office_resize(struct tui *t, void *st, struct tui_rect r)
{
	struct office_screen *s = st;

	s->r = r;
	lay_out(t, s);
	wrap_select(&s->lines, s->lines.sel, rows_of(s));
	return TUI_REDRAW;
}

static void office_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct office_screen *s = st;

	(void)t;
	wrap_draw(&s->lines, w, r);
}

/* ---- acting ---- */

/* After a roster function: its refusal, or the message and everything read again (the status
 * bar too). */
static int done(struct tui *t, int rc, const ipc_err *e, const char *fmt, const char *who)
{
	if (rc) {
		tui_error(t, "%s", e->msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_message(t, fmt, who);
	return TUI_HANDLED | TUI_CHANGED;
}

static int member_menu(struct tui *t, struct office_screen *s, const json_t *m)
{
	const char *labels[NACTIONS];
	int n = 0;

	for (size_t i = 0; i < NACTIONS; i++)
		if (!strcmp(member_actions[i].state, jtext(m, "state"))) {
			s->offered[n] = member_actions[i].action;
			labels[n++] = _(member_actions[i].label);
		}
	if (!n) {
		tui_message(t, "%s", _("A revocation cannot be undone: nothing to do."));
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(s->target, sizeof s->target, "%s", jtext(m, "device"));
	snprintf(s->who, sizeof s->who, "%s (%s)", jtext(m, "officer"), jtext(m, "cert"));
	roles_text(t, json_object_get(m, "roles"), true, s->roles, sizeof s->roles);
	return tui_menu_open(t, TAG_MEMBER, s->who, labels, n, 0);
}

static int roles_ask(struct tui *t, int tag, const char *initial)
{
	return tui_prompt_open(t, tag, _("Roles (handler, reviewer, head, admin): "), initial, false);
}

static int member_start(struct tui *t, struct office_screen *s, const char *action)
{
	char question[400];

	if (!strcmp(action, "admit"))
		return roles_ask(t, TAG_ADMIT, tui_zh(t) ? schema_enum_label(roster_roles, "handler", true)
							 : "handler");
	if (!strcmp(action, "roles"))
		return roles_ask(t, TAG_ROLES, s->roles);
	if (!strcmp(action, "refuse"))
		return tui_prompt_open(t, TAG_REFUSE, _("Reason for refusing: "), NULL, false);
	snprintf(question, sizeof question, _("Revoke the device of %s? It cannot be undone."),
		 s->who);
	return tui_ask(t, TAG_REVOKE_SURE, question);
}

static int office_verify_ask(struct tui *t, struct office_screen *s, const json_t *o)
{
	char label[200];

	if (json_is_true(json_object_get(o, "verified"))) {
		tui_message(t, _("Office %s is verified already."), jtext(o, "code"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	snprintf(s->target, sizeof s->target, "%s", jtext(o, "code"));
	snprintf(label, sizeof label, _("Fingerprint of %s read over the phone: "), s->target);
	return tui_prompt_open(t, TAG_VERIFY, label, NULL, false);
}

/* A refusal or a revocation needs its reason: the screen says so before the roster would. */
static bool reason_given(struct tui *t, const char *text)
{
	if (*text)
		return true;
	tui_error(t, "%s", _("No reason given: nothing changed."));
	return false;
}

static int office_answer(struct tui *t, void *st, const struct tui_answer *a)
{
	struct office_screen *s = st;
	db *d = tui_db(t);
	ipc_err e = {0};

	if (a->kind != TUI_ANSWER_ACCEPT)
		return TUI_REDRAW;
	switch (a->tag) {
	case TAG_MEMBER:
		return member_start(t, s, s->offered[a->index]);
	case TAG_ADMIT:
		return done(t, roster_admit(d, s->target, a->text, &e), &e,
			    _("%s: admitted; the roster reaches the others with the next sync."), s->who);
	case TAG_ROLES:
		return done(t, roster_admit(d, s->target, a->text, &e), &e,
			    _("%s: roles changed; the roster reaches the others with the next sync."),
			    s->who);
	case TAG_REFUSE:
		if (!reason_given(t, a->text))
			return TUI_HANDLED | TUI_REDRAW;
		return done(t, roster_refuse(d, s->target, a->text, &e), &e,
			    _("%s: join request refused."), s->who);
	case TAG_REVOKE_SURE:
		return tui_prompt_open(t, TAG_REVOKE, _("Reason for the revocation: "), NULL, false);
	case TAG_REVOKE:
		if (!reason_given(t, a->text))
			return TUI_HANDLED | TUI_REDRAW;
		return done(t, roster_revoke(d, s->target, a->text, &e), &e,
			    _("%s: revoked; the others refuse its later ops after the next sync."),
			    s->who);
	case TAG_VERIFY:
		return done(t, roster_verify(d, s->target, a->text, &e), &e,
			    _("Office %s verified: handoffs to it are sealed to its members."),
			    s->target);
	default:
		return TUI_REDRAW;
	}
}

static int office_action(struct tui *t, void *st, enum tui_action a)
{
	struct office_screen *s = st;
	const json_t *m = sel_member(s), *o = sel_office(s);

	switch (a) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
		wrap_select(&s->lines, s->lines.sel + (a == TUI_ACT_UP ? -1 : 1), rows_of(s));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_PAGE_UP:
	case TUI_ACT_PAGE_DOWN:
		wrap_scroll(&s->lines, a == TUI_ACT_PAGE_UP ? -rows_of(s) : rows_of(s), rows_of(s));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_FIRST: /* the first member, and this office's lines above it */
		wrap_select(&s->lines, 0, rows_of(s));
		wrap_scroll(&s->lines, -s->lines.top, rows_of(s));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_LAST:
		wrap_scroll(&s->lines, (int)s->lines.n, rows_of(s));
		wrap_select(&s->lines, s->lines.nitems - 1, rows_of(s));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_ACT_OPEN:
		return m ? member_menu(t, s, m) : o ? office_verify_ask(t, s, o) : TUI_HANDLED;
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

const struct tui_screen_ops tui_office_screen = {
	.name = "office",
	.hint = N_("Enter: act on the selected one  Esc: back  ?: help"),
	.open = office_open,
	.draw = office_draw,
	.action = office_action,
	.answer = office_answer,
	.resize = office_resize,
	.reload = office_reload,
	.close = office_close,
};
