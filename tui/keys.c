/* keys — actions, default and configured key bindings, key names, the help and man lists. */
#include "tui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/text.h"

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)
#define BINDINGS_MAX 128

struct action_info {
	const char *name; /* in the config file */
	const char *help; /* N_(): translated where shown */
};

static const struct action_info actions[TUI_NACTIONS] = {
	[TUI_ACT_UP] = {"up", N_("move up")},
	[TUI_ACT_DOWN] = {"down", N_("move down")},
	[TUI_ACT_PAGE_UP] = {"page-up", N_("previous page")},
	[TUI_ACT_PAGE_DOWN] = {"page-down", N_("next page")},
	[TUI_ACT_FIRST] = {"first", N_("first row")},
	[TUI_ACT_LAST] = {"last", N_("last row")},
	[TUI_ACT_OPEN] = {"open", N_("open, choose; an evidence item's file")},
	[TUI_ACT_BACK] = {"back", N_("back, cancel, clear the search")},
	[TUI_ACT_NEXT_TAB] = {"next-tab", N_("next tab")},
	[TUI_ACT_PREV_TAB] = {"prev-tab", N_("previous tab")},
	[TUI_ACT_SEARCH] = {"search", N_("search as you type (Enter keeps, Esc clears)")},
	[TUI_ACT_NEXT] = {"search-next", N_("next result")},
	[TUI_ACT_PREV] = {"search-prev", N_("previous result")},
	[TUI_ACT_NEW] = {"new", N_("new case, record in this tab, investigator or remote")},
	[TUI_ACT_EDIT] = {"edit", N_("edit the selected record")},
	[TUI_ACT_STATUS] = {"status", N_("next step of the case (allowed transitions)")},
	[TUI_ACT_CAPTURE] = {"capture", N_("quick capture of an inspection")},
	[TUI_ACT_ATTACH] = {"attach", N_("attach an evidence file")},
	[TUI_ACT_RESOLVE] = {"resolve", N_("resolve the selected conflict")},
	[TUI_ACT_SORT] = {"sort", N_("sort by another column")},
	[TUI_ACT_FILTER] = {"filter", N_("filter by status, IP type, handler, region or dates")},
	[TUI_ACT_MINE] = {"mine", N_("only my cases, or all")},
	[TUI_ACT_OVERDUE] = {"overdue", N_("only overdue cases, or all")},
	[TUI_ACT_SAVE] = {"save", N_("save the form")},
	[TUI_ACT_SYNC] = {"sync", N_("sync with a remote")},
	[TUI_ACT_DEADLINES] = {"deadlines", N_("what is due")},
	[TUI_ACT_COLLAB] = {"collab", N_("collaboration requests")},
	[TUI_ACT_REQUEST] = {"request", N_("ask another office for assistance with this case")},
	[TUI_ACT_HANDOFF] = {"handoff", N_("hand this case off to another office")},
	[TUI_ACT_INVESTIGATORS] = {"investigators", N_("technical investigators")},
	[TUI_ACT_ASSIGN] = {"assign", N_("assign a technical investigator to the case")},
	[TUI_ACT_OFFICE] = {"office", N_("the office: its key, members, join requests; other offices")},
	[TUI_ACT_APPROVALS] = {"approvals", N_("what waits for my approval")},
	[TUI_ACT_ASK_APPROVAL] = {"ask-approval", N_("ask for the approval of a step of this case")},
	[TUI_ACT_APPROVE] = {"approve", N_("approve the selected approval, with an opinion")},
	[TUI_ACT_REFUSE] = {"refuse", N_("refuse the selected approval, saying why")},
	[TUI_ACT_DOCUMENTS] = {"documents", N_("the case's documents: make one, fill what it lacks")},
	[TUI_ACT_DOCX] = {"docx", N_("make the selected document as DOCX rather than PDF")},
	[TUI_ACT_DELETED] = {"deleted", N_("the deleted cases and records: restore one")},
	[TUI_ACT_RESPONDENT] = {"respondent", N_("the cases of this case's respondent (by USCC)")},
	[TUI_ACT_STATISTICS] = {"statistics", N_("the office's figures for a period, as bars")},
	[TUI_ACT_PERIOD_KIND] = {"period-kind", N_("statistics: a year, a quarter or a month")},
	[TUI_ACT_STATS_BY] = {"stats-by", N_("statistics: group by IP type, region, source, status, decision, handler, campaign")},
	[TUI_ACT_STATS_FIGURE] = {"stats-figure", N_("statistics: the next figure (received, filed, decided…)")},
	[TUI_ACT_INTAKES] = {"intakes", N_("complaints and reports (投诉举报): those waiting, their limits")},
	[TUI_ACT_CLUE] = {"clue", N_("make the selected complaint or report a clue (a case) linked to it")},
	[TUI_ACT_POLICE] = {"police-step", N_("record the next step of the case's transfer to the police")},
	[TUI_ACT_FAIRS] = {"fairs", N_("trade fairs (展会): complaints received, exhibitors, warnings")},
	[TUI_ACT_WATCH] = {"watch", N_("key markets and key trademarks")},
	[TUI_ACT_IMPORT] = {"import", N_("import investigators from a CSV file (the pool)")},
	[TUI_ACT_REMOVE] = {"remove", N_("remove the selected remote (sync screen)")},
	[TUI_ACT_REFRESH] = {"refresh", N_("reload and redraw")},
	[TUI_ACT_HELP] = {"help", N_("this help")},
	[TUI_ACT_QUIT] = {"quit", N_("close this screen; quit from the case list")},
	[TUI_ACT_CLICK] = {"click", NULL},
};

struct binding {
	struct tui_keycode key;
	enum tui_action act;
};

#define K(c) {false, (wint_t)(c)}
#define F(c) {true, (wint_t)(c)}

static const struct binding defaults[] = {
	{F(KEY_UP), TUI_ACT_UP},          {K('k'), TUI_ACT_UP},
	{F(KEY_DOWN), TUI_ACT_DOWN},      {K('j'), TUI_ACT_DOWN},
	{F(KEY_PPAGE), TUI_ACT_PAGE_UP},  {K(KEY_CTRL('b')), TUI_ACT_PAGE_UP},
	{F(KEY_NPAGE), TUI_ACT_PAGE_DOWN}, {K(' '), TUI_ACT_PAGE_DOWN},
	{K(KEY_CTRL('f')), TUI_ACT_PAGE_DOWN},
	{F(KEY_HOME), TUI_ACT_FIRST},     {K('g'), TUI_ACT_FIRST},
	{F(KEY_END), TUI_ACT_LAST},       {K('G'), TUI_ACT_LAST},
	{K('\n'), TUI_ACT_OPEN},          {K('\r'), TUI_ACT_OPEN},
	{F(KEY_ENTER), TUI_ACT_OPEN},
	{K(KEY_ESC), TUI_ACT_BACK},       {F(KEY_LEFT), TUI_ACT_BACK},
	{K('\t'), TUI_ACT_NEXT_TAB},      {F(KEY_RIGHT), TUI_ACT_NEXT_TAB},
	{K(']'), TUI_ACT_NEXT_TAB},
	{F(KEY_BTAB), TUI_ACT_PREV_TAB},  {K('['), TUI_ACT_PREV_TAB},
	{K('/'), TUI_ACT_SEARCH},
	{K('n'), TUI_ACT_NEXT},           {K('N'), TUI_ACT_PREV},
	{K('a'), TUI_ACT_NEW},            {K('e'), TUI_ACT_EDIT},
	{K('s'), TUI_ACT_STATUS},         {K('c'), TUI_ACT_CAPTURE},
	{K('A'), TUI_ACT_ATTACH},         {K('r'), TUI_ACT_RESOLVE},
	{K('o'), TUI_ACT_SORT},           {K('f'), TUI_ACT_FILTER},
	{K('m'), TUI_ACT_MINE},           {K('!'), TUI_ACT_OVERDUE},
	{F(KEY_F(2)), TUI_ACT_SAVE},      {K(KEY_CTRL('o')), TUI_ACT_SAVE},
	{K('S'), TUI_ACT_SYNC},           {K('D'), TUI_ACT_DEADLINES},
	{K('C'), TUI_ACT_COLLAB},         {K('I'), TUI_ACT_INVESTIGATORS},
	{K('R'), TUI_ACT_REQUEST},        {K('H'), TUI_ACT_HANDOFF},
	{K('T'), TUI_ACT_ASSIGN},         {K('O'), TUI_ACT_OFFICE},
	{K('W'), TUI_ACT_APPROVALS},      {K('p'), TUI_ACT_ASK_APPROVAL},
	{K('y'), TUI_ACT_APPROVE},        {K('x'), TUI_ACT_REFUSE},
	{K('d'), TUI_ACT_DOCUMENTS},      {K('w'), TUI_ACT_DOCX},
	{K('X'), TUI_ACT_DELETED},        {K('P'), TUI_ACT_RESPONDENT},
	{K('B'), TUI_ACT_STATISTICS},     {K('t'), TUI_ACT_PERIOD_KIND},
	{K('b'), TUI_ACT_STATS_BY},       {K('v'), TUI_ACT_STATS_FIGURE},
	{K('M'), TUI_ACT_INTAKES},        {K('L'), TUI_ACT_CLUE},
	{K('J'), TUI_ACT_POLICE},         {K('F'), TUI_ACT_FAIRS},
	{K('K'), TUI_ACT_WATCH},
	{K('i'), TUI_ACT_IMPORT},         {F(KEY_DC), TUI_ACT_REMOVE},
	{K(KEY_CTRL('l')), TUI_ACT_REFRESH},
	{K('?'), TUI_ACT_HELP},           {F(KEY_F(1)), TUI_ACT_HELP},
	{K('q'), TUI_ACT_QUIT},
};

#define NDEFAULTS (sizeof defaults / sizeof defaults[0])

static struct binding bindings[BINDINGS_MAX];
static size_t nbindings;
static bool loaded;

void keys_reset(void)
{
	memcpy(bindings, defaults, sizeof defaults);
	nbindings = NDEFAULTS;
	loaded = true;
}

static void keys_load(void)
{
	if (!loaded)
		keys_reset();
}

static bool key_eq(struct tui_keycode a, struct tui_keycode b)
{
	return a.fn == b.fn && a.code == b.code;
}

enum tui_action keys_action(struct tui_keycode k)
{
	keys_load();
	for (size_t i = 0; i < nbindings; i++)
		if (key_eq(bindings[i].key, k))
			return bindings[i].act;
	return TUI_ACT_NONE;
}

int keys_bind(struct tui_keycode k, enum tui_action a, ipc_err *e)
{
	size_t i;

	keys_load();
	for (i = 0; i < nbindings && !key_eq(bindings[i].key, k); i++)
		;
	if (a == TUI_ACT_NONE) { /* unbind: keep the table's order */
		if (i < nbindings)
			memmove(&bindings[i], &bindings[i + 1], (nbindings-- - i - 1) * sizeof *bindings);
		return 0;
	}
	if (i == BINDINGS_MAX)
		return err_set(e, _("too many key bindings (at most %d)"), BINDINGS_MAX);
	bindings[i] = (struct binding){k, a};
	if (i == nbindings)
		nbindings++;
	return 0;
}

enum tui_action keys_action_named(const char *name)
{
	for (int a = 1; a < TUI_NACTIONS; a++)
		if (actions[a].name && !strcmp(actions[a].name, name))
			return (enum tui_action)a;
	return TUI_ACT_NONE;
}

/* ---- key names ---- */

static const struct {
	const char *name;
	struct tui_keycode key;
} named[] = {
	{"Up", F(KEY_UP)},       {"Down", F(KEY_DOWN)},   {"Left", F(KEY_LEFT)},
	{"Right", F(KEY_RIGHT)}, {"PgUp", F(KEY_PPAGE)},  {"PgDn", F(KEY_NPAGE)},
	{"Home", F(KEY_HOME)},   {"End", F(KEY_END)},     {"Enter", K('\n')},
	{"Esc", K(KEY_ESC)},     {"Tab", K('\t')},        {"S-Tab", F(KEY_BTAB)},
	{"BS", F(KEY_BACKSPACE)}, {"Del", F(KEY_DC)},     {"Space", K(' ')},
	{"Resize", F(KEY_RESIZE)},
};

#define NNAMED (sizeof named / sizeof named[0])

static int keys_parse_named(const char *s, size_t len, struct tui_keycode *k, ipc_err *e)
{
	int n;

	for (size_t i = 0; i < NNAMED; i++)
		if (strlen(named[i].name) == len && !strncasecmp(named[i].name, s, len)) {
			*k = named[i].key;
			return 0;
		}
	if (len == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] >= 'a' && s[2] <= 'z') {
		*k = (struct tui_keycode)K(KEY_CTRL(s[2]));
		return 0;
	}
	if ((s[0] == 'F' || s[0] == 'f') && sscanf(s + 1, "%2d", &n) == 1 && n >= 1 && n <= 12
	    && len == (size_t)(n >= 10 ? 3 : 2)) {
		*k = (struct tui_keycode)F(KEY_F(n));
		return 0;
	}
	return err_set(e, _("unknown key <%.*s>: use a character or one of <Up> <Down> <Left> "
			    "<Right> <PgUp> <PgDn> <Home> <End> <Enter> <Esc> <Tab> <S-Tab> <BS> "
			    "<Del> <Space> <F1>…<F12> <C-a>…<C-z>"), (int)len, s);
}

int keys_parse(const char *s, struct tui_keycode *k, size_t *used, ipc_err *e)
{
	const char *end;
	wchar_t wc;
	size_t n;

	if (s[0] == '<' && s[1] && (end = strchr(s + 1, '>')) && end > s + 1) {
		*used = (size_t)(end - s) + 1;
		return keys_parse_named(s + 1, (size_t)(end - s) - 1, k, e);
	}
	if (!*s)
		return err_set(e, _("no key given"));
	n = tui_utf8_decode(s, strlen(s), &wc);
	*k = (struct tui_keycode){false, (wint_t)wc};
	*used = n;
	return 0;
}

void keys_name(struct tui_keycode k, char *buf, size_t n)
{
	char u[5] = "";

	for (size_t i = 0; i < NNAMED; i++)
		if (key_eq(named[i].key, k) && k.code != '\n') {
			snprintf(buf, n, "<%s>", named[i].name);
			return;
		}
	if (!k.fn && (k.code == '\n' || k.code == '\r'))
		snprintf(buf, n, "<Enter>");
	else if (k.fn && k.code >= (wint_t)KEY_F(1) && k.code <= (wint_t)KEY_F(12))
		snprintf(buf, n, "<F%d>", (int)(k.code - KEY_F0));
	else if (k.fn && k.code == KEY_ENTER)
		snprintf(buf, n, "<Enter>");
	else if (!k.fn && k.code >= 1 && k.code <= 26)
		snprintf(buf, n, "<C-%c>", (char)('a' + k.code - 1));
	else if (!k.fn && tui_utf8_encode((wchar_t)k.code, u))
		snprintf(buf, n, "%s", u);
	else
		snprintf(buf, n, "<0x%x>", (unsigned)k.code);
}

/* ---- help and man page ---- */

/* The keys of action a among the bindings, named and without repeats: "<Home> g". */
static void keys_of(const struct binding *b, size_t nb, enum tui_action a, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nb; i++) {
		char name[32];
		if (b[i].act != a)
			continue;
		keys_name(b[i].key, name, sizeof name);
		if (strstr(buf, name)) /* <Enter> is both \n and \r */
			continue;
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? " " : "", name);
	}
}

void keys_for(enum tui_action a, char *buf, size_t n)
{
	keys_load();
	keys_of(bindings, nbindings, a, buf, n);
}

int keys_each_help(void (*fn)(const char *keys, const char *what, void *arg), void *arg)
{
	char buf[128];
	int lines = 0;

	keys_load();
	for (int a = 1; a < TUI_NACTIONS; a++) {
		keys_of(bindings, nbindings, (enum tui_action)a, buf, sizeof buf);
		if (!buf[0] || !actions[a].help)
			continue;
		fn(buf, _(actions[a].help), arg);
		lines++;
	}
	return lines;
}

/* In the language of the environment: `make man` writes docs/ipcase.1's list under C and
 * docs/zh_CN/ipcase.1's under zh_CN. */
void keys_print_man(FILE *out)
{
	char buf[128];

	for (int a = 1; a < TUI_NACTIONS; a++) {
		keys_of(defaults, NDEFAULTS, (enum tui_action)a, buf, sizeof buf);
		if (!buf[0] || !actions[a].help)
			continue;
		fprintf(out, ".TP\n.B %s\n%s (\\fB%s\\fR)\n", buf, _(actions[a].help), actions[a].name);
	}
}
