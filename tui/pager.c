/* pager — the selection and the visible page of a list screen. */
#include "tui/pager.h"

void pager_clamp(struct tui_pager *p)
{
	int64_t last_top = p->total - p->page;

	if (p->sel >= p->total)
		p->sel = p->total - 1;
	if (p->sel < 0)
		p->sel = 0;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->page > 0 && p->sel >= p->top + p->page)
		p->top = p->sel - p->page + 1;
	if (p->top > last_top)
		p->top = last_top;
	if (p->top < 0)
		p->top = 0;
}

bool pager_move(struct tui_pager *p, enum tui_action a)
{
	switch (a) {
	case TUI_ACT_UP:
		p->sel--;
		break;
	case TUI_ACT_DOWN:
		p->sel++;
		break;
	case TUI_ACT_PAGE_UP:
		p->sel -= p->page;
		p->top -= p->page;
		break;
	case TUI_ACT_PAGE_DOWN:
		p->sel += p->page;
		p->top += p->page;
		break;
	case TUI_ACT_FIRST:
		p->sel = p->top = 0;
		break;
	case TUI_ACT_LAST:
		p->sel = p->total - 1;
		p->top = p->total - p->page;
		break;
	default:
		return false;
	}
	pager_clamp(p);
	return true;
}
