/* pager — where a list screen is: its selected row and first visible row among `total` rows
 * shown `page` at a time, and how the movement keys change them. Shared by the list screens,
 * which read only the page the pager says is visible. */
#ifndef IPCASE_PAGER_H
#define IPCASE_PAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/keys.h"

struct tui_pager {
	int64_t top, sel, total; /* first visible row, selected row, rows in the list */
	int page;                /* rows that fit on the screen */
};

/* Keeps the selection inside the list and on the page, and the page inside the list. */
void pager_clamp(struct tui_pager *p);

/* Moves for up, down, page up and down (the page turns with them), first and last; false
 * for any other action. */
bool pager_move(struct tui_pager *p, enum tui_action a);

#endif
