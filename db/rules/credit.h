/* credit — the rules of credit disclosure and repair (FACTS.md §12): the display period of a
 * published penalty, the date its display ends, the earliest date a repair can be asked, the
 * repair conditions and the state of them a case's records show. The limits marked
 * unverified (and the province's "low fine") are the workspace's. */
#ifndef IPCASE_CREDIT_H
#define IPCASE_CREDIT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/err.h"
#include "db/db.h"

/* The configurable limits (信息公示规定, 信用修复管理办法; unverified in FACTS.md). */
struct credit_limits {
	int short_months;     /* display of 通报批评 or a low fine */
	int long_months;      /* display of any other penalty */
	int64_t low_fine_fen; /* a fine below this is low; 0: the province set none, none is low */
	int repair_months;    /* display before a repair can be asked */
};

/* The workspace's limits (ipcase due limits: credit_short_months, credit_long_months,
 * credit_low_fine_yuan, credit_repair_months). */
void credit_limits_read(db *d, struct credit_limits *l);

/* The display period in months of a penalty: reprimand (通报批评 alone) or a fine (yuan,
 * a money string; NULL or "" when none) below the low threshold → short, else long. -1 with
 * e set when fine is not a money amount. */
int credit_display_months(const struct credit_limits *l, bool reprimand, const char *fine,
			  ipc_err *e);

/* The last day of display of a publication on `published` lasting `months`. */
int credit_display_end(const char *published, int months, char out[11], ipc_err *e);

/* The earliest date a repair can be asked for a publication on `published`. */
int credit_repair_earliest(const struct credit_limits *l, const char *published, char out[11],
			   ipc_err *e);

/* The conditions of a repair, in the order they are shown. */
enum credit_cond {
	CREDIT_EXECUTED,    /* the decision carried out (executed_on or fine_paid_on) */
	CREDIT_NOT_AGAIN,   /* no later penalty of the same USCC for the same IP type */
	CREDIT_HARM_REMOVED,/* attested by the officer */
	CREDIT_NOT_LISTED,  /* on no abnormal-operation or serious-violation list: attested */
	CREDIT_DISPLAYED,   /* displayed at least repair_months on the application date */
	CREDIT_NCONDS
};

/* The condition's name, translated. */
const char *credit_cond_name(enum credit_cond c);

/* The credit of a published case on `today`: {"case","published","months","display_ends",
 * "repair_earliest","withdrawn","conditions":[{"name","met"}…]} — met true or false as the
 * office's records say (the decision carried out, no later penalty of the same USCC for the
 * same IP type, displayed long enough), null for what the officer attests. An error (field
 * disclosed_on) when the case is not published. */
int credit_case(db *d, const char *case_id, const char *today, json_t **out, ipc_err *e);

#endif
