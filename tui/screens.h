/* screens — every screen's ops, and the offer of drafts at start: what the framework
 * (tui/screen.c: its first screen, the screens a key opens from anywhere) and the screens
 * that open one another name, without including the modules that make them. */
#ifndef IPCASE_SCREENS_H
#define IPCASE_SCREENS_H

#include "db/search.h"
#include "tui/screen.h"

/* The case list's open argument (NULL: every case): the cases of q, whose strings the list
 * copies, and what they are in a few words for its status bar (NULL: nothing said). */
struct list_seed {
	struct case_query q;
	const char *what;
};

extern const struct tui_screen_ops tui_list_screen;          /* arg: a struct list_seed, or NULL */
extern const struct tui_screen_ops tui_detail_screen;        /* arg: the case id */
extern const struct tui_screen_ops tui_sync_screen;
extern const struct tui_screen_ops tui_help_screen;
extern const struct tui_screen_ops tui_deadlines_screen;
extern const struct tui_screen_ops tui_collab_screen;        /* inbox and outbox */
extern const struct tui_screen_ops tui_collab_view_screen;   /* arg: the request's id */
extern const struct tui_screen_ops tui_investigators_screen; /* the pool */
extern const struct tui_screen_ops tui_expert_show_screen;   /* arg: an investigator's id */
extern const struct tui_screen_ops tui_assign_screen;        /* arg: a case's id */
extern const struct tui_screen_ops tui_office_screen;        /* the office and its roster */
extern const struct tui_screen_ops tui_approvals_screen;     /* waiting for my approval */
extern const struct tui_screen_ops tui_trash_screen;         /* the deleted records */
extern const struct tui_screen_ops tui_documents_screen;     /* arg: a case's id */
extern const struct tui_screen_ops tui_stats_screen;         /* the figures of a period */
extern const struct tui_screen_ops tui_intakes_screen;       /* complaints and reports */
extern const struct tui_screen_ops tui_fairs_screen;         /* trade fairs */
extern const struct tui_screen_ops tui_watch_screen;         /* key markets and trademarks */

/* The text screen's open argument: a title line and a text of lines (copied). */
struct textview_arg {
	const char *title, *text;
};
extern const struct tui_screen_ops tui_textview_screen;      /* arg: a struct textview_arg */

/* Opens the first-start setup, when there is no workspace yet (tui/setup.c): the office from
 * the list, the officer, the certificate, then the office created or joined. */
int tui_setup_open(struct tui *t);

/* Offers the drafts left by an earlier run, one by one (at start; tui/form_drafts.c). */
int tui_form_drafts(struct tui *t);

#endif
