/* watch — the watch lists every office shares (K): the key markets (重点关注市场), next
 * inspection soonest, an overdue one in the overdue colour; Tab shows the key trademarks
 * (重点商标). a adds one and e (or Enter) edits the selected one through the record's form.
 * Read whole on open and reload: the lists hold tens of entries, not thousands. */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/validate.h"
#include "db/calendar.h"
#include "db/rules/watch.h"
#include "tui/form.h"
#include "tui/rowlist.h"
#include "tui/screens.h"

enum { TAB_MARKETS, TAB_TRADEMARKS };

struct watch {
	struct rowlist list; /* watch_market_list or watch_trademark_list */
	int tab;
	char today[11];
};

static const char *const watch_types[] = {"key_market", "key_trademark"};

static json_t *watch_read(struct tui *t, void *st, ipc_err *e)
{
	struct watch *u = st;

	cal_today(u->today);
	return u->tab == TAB_MARKETS ? watch_market_list(tui_db(t), e)
				     : watch_trademark_list(tui_db(t), e);
}

static void *watch_open(struct tui *t, void *arg, ipc_err *e)
{
	static const struct rowlist shape = {.read = watch_read, .head_lines = 2, .row_lines = 1};

	(void)arg;
	return rowlist_open(t, sizeof(struct watch), &shape, e);
}

/* The name of a division code ("石家庄市"), "" when unset, the code when unknown. */
static const char *region_label(const char *code)
{
	const char *name = *code ? validate_region_name(code) : "";

	return name ? name : code;
}

/* "2026-04-01 +30   专业市场   南三条市场                石家庄市辖区县 2026-03-02" */
static void market_draw_row(struct tui *t, struct watch *u, WINDOW *w, int y, struct tui_rect r,
			    const json_t *row, bool sel)
{
	const char *next = jtext(row, "next_inspection");
	int cmp = *next ? strcmp(next, u->today) : 1, x = r.x + 1, name_w = r.w - 55;
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : cmp < 0 ? theme_attr(TUI_E_OVERDUE)
		   : cmp == 0 ? theme_attr(TUI_E_WARN) : A_NORMAL;
	char days[16] = "";

	if (json_is_integer(json_object_get(row, "days_left")))
		snprintf(days, sizeof days, "%+lld",
			 (long long)json_integer_value(json_object_get(row, "days_left")));
	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, 10, next, a);
	tui_draw_text(w, y, x + 11, 5, days, a);
	tui_draw_text(w, y, x + 17, 10, schema_enum_label(watch_market_kinds, jtext(row, "kind"),
							   tui_zh(t)), a);
	tui_draw_text(w, y, x + 28, name_w, jtext(row, "name"), a);
	tui_draw_text(w, y, x + 29 + name_w, 14, region_label(jtext(row, "region")), a);
	tui_draw_text(w, y, x + 44 + name_w, 10, jtext(row, "last_inspected"), a);
}

/* "NIKE             耐克创新有限合伙公司   1234567      25,35       130100" */
static void trademark_draw_row(WINDOW *w, int y, struct tui_rect r, const json_t *row, bool sel)
{
	attr_t a = sel ? theme_attr(TUI_E_CURSOR) : A_NORMAL;
	int x = r.x + 1, holder_w = r.w - 58;

	tui_draw_text(w, y, r.x, r.w, "", a);
	tui_draw_text(w, y, x, 16, jtext(row, "mark"), a);
	tui_draw_text(w, y, x + 17, holder_w, jtext(row, "holder"), a);
	tui_draw_text(w, y, x + 18 + holder_w, 12, jtext(row, "reg_no"), a);
	tui_draw_text(w, y, x + 31 + holder_w, 11, jtext(row, "classes"), a);
	tui_draw_text(w, y, x + 43 + holder_w, 14, jtext(row, "regions"), a);
}

static void watch_draw_row(struct tui *t, void *st, WINDOW *w, int y, struct tui_rect r,
			   const json_t *row, bool sel)
{
	struct watch *u = st;

	if (u->tab == TAB_MARKETS)
		market_draw_row(t, u, w, y, r, row, sel);
	else
		trademark_draw_row(w, y, r, row, sel);
}

static void watch_draw(struct tui *t, void *st, WINDOW *w, struct tui_rect r)
{
	struct watch *u = st;
	char line[256];

	snprintf(line, sizeof line, u->tab == TAB_MARKETS
		 ? _(" Key markets: %lld   (Tab: key trademarks)")
		 : _(" Key trademarks: %lld   (Tab: key markets)"), (long long)u->list.pg.total);
	tui_draw_text(w, r.y, r.x, r.w, line, theme_attr(TUI_E_TITLE));
	tui_draw_text(w, r.y + 1, r.x, r.w, u->tab == TAB_MARKETS
		      ? _(" Next       Days  Kind       Name                      Region         Last")
		      : _(" Mark             Holder                 Reg. no.     Classes     Regions"),
		      theme_attr(TUI_E_HEADER));
	if (!u->list.pg.total) {
		tui_draw_text(w, r.y + 3, r.x + 2, r.w - 2, u->tab == TAB_MARKETS
			      ? _("No key market listed: a to add one.")
			      : _("No key trademark listed: a to add one."), A_NORMAL);
		return;
	}
	rowlist_draw_rows(t, st, w, r, watch_draw_row);
}

static int watch_action(struct tui *t, void *st, enum tui_action a)
{
	struct watch *u = st;
	const json_t *row = rowlist_selected(u);

	if (pager_move(&u->list.pg, a))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case TUI_ACT_NEXT_TAB:
	case TUI_ACT_PREV_TAB:
		u->tab = u->tab == TAB_MARKETS ? TAB_TRADEMARKS : TAB_MARKETS;
		u->list.pg.sel = u->list.pg.top = 0;
		return rowlist_reload(t, u);
	case TUI_ACT_OPEN:
	case TUI_ACT_EDIT:
		return row ? tui_form_record(t, watch_types[u->tab], jtext(row, "id"), NULL)
			   : TUI_HANDLED;
	case TUI_ACT_NEW:
		return tui_form_record(t, watch_types[u->tab], NULL, NULL);
	case TUI_ACT_BACK:
		return TUI_HANDLED | TUI_QUIT;
	default:
		return 0;
	}
}

const struct tui_screen_ops tui_watch_screen = {
	.name = "watch",
	.hint = N_("Tab: markets/trademarks  a: add  e: edit  q: back"),
	.open = watch_open,
	.draw = watch_draw,
	.action = watch_action,
	.resize = rowlist_resize,
	.reload = rowlist_reload,
	.close = rowlist_close,
};
