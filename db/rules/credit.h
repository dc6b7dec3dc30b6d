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

/* A case's publication (FACTS.md §12). The disclosure records of the case are its source when
 * it has any (the live one, else the latest withdrawn); the case's own disclosed_on and
 * disclosure_withdrawn_on only when it has none: a record's fold sets nothing on the case.
 * A granted repair ends the display on its decision date. */
struct credit_pub {
	char id[37];        /* the disclosure record; "" when read from the case's fields */
	char published[11];
	char withdrawn[11]; /* the end of display before its term (withdrawn, repaired); "" if none */
	char platform[24];  /* a disclosure_platforms id; "" when read from the case */
	int months;         /* the record's display period; 0: the rule's */
};

/* Fills *p for the case `kase` (its state, with "id"): 1 published, 0 not, -1 on failure. */
int credit_publication(db *d, const json_t *kase, struct credit_pub *p, ipc_err *e);

/* The display period credit_display_months gives the case `kase`. */
int credit_case_months(db *d, const json_t *kase, ipc_err *e);

/* The credit of a published case on `on`: {"case","published","platform","disclosure",
 * "months","display_ends","repair_earliest","withdrawn","conditions":[{"name","met"}…],
 * "repairs":[the case's credit_repair records…]} — met true or false as the office's records
 * say on that date (the decision carried out, no penalty of the same USCC for the same IP type
 * decided after this one, displayed long enough), and for what the officer attests as the
 * repair application `repair` says (a credit_repair state; NULL: the case's latest, null when
 * it has none). An error (field disclosed_on) when the case is not published. */
int credit_case_on(db *d, const char *case_id, const char *on, const json_t *repair,
		   json_t **out, ipc_err *e);

/* credit_case_on with the case's latest repair application. */
int credit_case(db *d, const char *case_id, const char *today, json_t **out, ipc_err *e);

/* The credit history of the respondent with USCC `uscc` on `today`: every penalty of the
 * office's cases naming it (respondent_penalties), the latest first, as
 * [{"case","case_no","title","decided_on","ip_type","fine","penalty","credit"}…] where credit
 * is credit_case's answer, null when the penalty is not published. NULL with e on failure. */
json_t *credit_history(db *d, const char *uscc, const char *today, ipc_err *e);

#endif
