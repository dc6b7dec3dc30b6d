/* detail — the state of the case detail screen, shared by its two files: detail.c (the
 * screen: reading, keys, drawing, resolving conflicts) and detail_tabs.c (each tab's content
 * laid out as lines wrapped to the screen's width). */
#ifndef IPCASE_DETAIL_H
#define IPCASE_DETAIL_H

#include <jansson.h>
#include <stdbool.h>

#include "db/caseview.h"
#include "db/rules/respondent.h"
#include "db/schema.h"
#include "tui/screen.h"
#include "tui/wrap.h"

enum detail_tab {
	TAB_OVERVIEW,
	TAB_PARTIES,
	TAB_EVIDENCE,
	TAB_INSPECTIONS,
	TAB_HISTORY,
	TAB_CONFLICTS,
	TAB_APPROVALS, /* late: at 80 columns the tab row cuts it, not the conflicts' warning */
	TAB_MEDIATIONS, /* a dispute's mediations (db/rules/mediation) */
	NTABS
};

/* A tab: its label and the record type its items are (what a new or edited record is; the
 * case for the overview, NULL for history and conflicts). */
struct detail_tab_spec {
	const char *label; /* N_() */
	const char *type;
};

extern const struct detail_tab_spec detail_tabs[NTABS];

/* The records that belong to the case, in the order of the tabs that list them: one tab each
 * for the first three, approvals and collective discussions together in the approvals tab,
 * then mediations. */
enum { KID_PARTY, KID_EVIDENCE, KID_INSPECTION, KID_APPROVAL, KID_DISCUSSION, KID_MEDIATION,
       NKIDS };
extern const char *const detail_kid_types[NKIDS];

/* The kind of record a tab of one kind lists (KID_…), -1 for the others. */
int detail_tab_kid(int tab);

/* The `n`th record of `records` not deleted, NULL when there are fewer. */
const json_t *detail_live_nth(const json_t *records, int n);

/* A conflicted field of the case or of one of its records, with its competing values. */
struct dconflict {
	const struct rtype *type;
	const json_t *record; /* borrowed from the detail's bundle */
	const struct field *field;
	json_t *values;       /* db_conflict_values, the current one first */
};

/* The check of an attachment, kept across reloads while it was intact (Ctrl-L checks again). */
struct dfile {
	char sha[65];
	enum db_file_state state;
};

struct detail {
	char case_id[37];
	json_t *bundle;            /* db_bundle of the case with its history: owns the next three */
	json_t *rec;               /* the case */
	json_t *kids[NKIDS];       /* its records the tabs list, deleted ones too */
	json_t *history;           /* newest first */
	json_t *assignments;       /* assign_list of the case: its investigators */
	json_t *deadlines;         /* deadline_list of the case: its open deadlines */
	struct respondent_history respondent; /* its respondent's other cases */
	json_t *credit;            /* credit_history of that respondent ([] without a USCC) */
	json_t *police;            /* police_transfers of the case (db/rules/police) */
	json_t *intakes;           /* intake_of_case: complaints and reports linked to it */
	json_t *key_marks;         /* watch_case_trademarks: the key trademarks its goods carry */
	struct dconflict *conf;
	size_t nconf;
	struct dfile *files;
	size_t nfiles;
	int counts[NTABS];         /* what each tab's label counts */
	int tab;
	struct tui_rect r;         /* the screen's area */
	struct wrap lines;         /* the current tab laid out for r.w; its items are the
				    * tab's records or conflicts */
	int resolving;             /* the conflict whose menu is open */
	bool crime;                /* an amount reaches a threshold of a transfer to the
				    * police (db/rules/threshold) */
	signed char next_approved[8]; /* per workflow_next step: -1 no approval needed, 0 not
				       * granted yet, 1 granted */
};

/* Lays out the current tab for the screen's width: d->lines. */
void detail_lay_out(struct tui *t, struct detail *d);

/* The shown state of an attachment (DB_FILE_MISSING when none is known). */
enum db_file_state detail_file_state(const struct detail *d, const char *sha);

/* A field's value as text for the screen (enum labels, officers, yes/no, region names); ""
 * when unset. Returns buf. */
const char *detail_value(struct tui *t, const struct field *f, const json_t *v, char *buf,
			 size_t n);

/* How a record is named in the history and conflicts: "party 张三", "the case". */
void detail_record_name(struct tui *t, const struct detail *d, const char *type,
			const char *id, char *buf, size_t n);

#endif
