/* caseno — official numbers (案号, 文号; FACTS.md §7): one series per office, document kind and
 * year, allocated offline without collisions, and the detection of duplicates that arrive
 * from elsewhere.
 *
 * Why two officers of one office cannot collide (docs/ARCHITECTURE.md "Case numbers"): a
 * number is PREFIX〔YEAR〕N号, and N comes from this device's block of the series, N = k·B + i
 * (0 ≤ i < B, N ≥ 1). k is given to the device by the office roster when it is admitted (the
 * member record, signed by the office key: one writer hands out every block, the next unused
 * one), B by the office record (fixed when the roster is made). Two devices never share a
 * block; one device never repeats N (a counter in `meta`, never below the highest N of its
 * block already held). A device with no block — no roster here, not admitted yet, or its
 * block of a year used up — numbers PREFIX〔YEAR〕CERT-N号 instead: CERT is its officer's
 * enforcement certificate number, unique by issuance. A number typed by hand or imported that
 * equals another case's is flagged on both cases as "duplicate_case_no". */
#ifndef IPCASE_CASENO_H
#define IPCASE_CASENO_H

#include <jansson.h>
#include <stddef.h>

#include "db/db.h"
#include "db/schema.h"

enum caseno_kind {
	CASENO_PENALTY, /* 处罚: a case of the penalty procedure, at filing */
	CASENO_SEIZURE, /* 强制: a seizure decision (a measure of kind seizure) */
	CASENO_FILING,  /* 立: a filing approval form */
	CASENO_PATENT,  /* a patent dispute, at acceptance: its word is unverified (专裁) */
	CASENO_KINDS
};

#define CASENO_BLOCK_DEFAULT 1000

/* The next number of `kind` for the year of `year_date` (YYYY-MM-DD). */
int caseno_allocate(db *d, enum caseno_kind kind, const char *year_date, char *out, size_t n,
		    ipc_err *e);

/* The next number of the series whose word is `word` (立, 强制, 罚告…) for the year of
 * year_date: a kind's own series when one has that word, else the office's stem + word
 * (石市监罚告〔2026〕3号), from this device's block like every series. */
int caseno_allocate_word(db *d, const char *word, const char *year_date, char *out, size_t n,
			 ipc_err *e);

/* The number a case gets when it is filed (its state): a patent dispute's series or the
 * penalty series. */
int caseno_for_case(db *d, const json_t *state, const char *year_date, char *out, size_t n,
		    ipc_err *e);

/* The write rule of a measure: a seizure decision gets its number (field "number"). */
int caseno_measure_write(db *d, const struct rtype *t, const json_t *old, json_t *state,
			 json_t *set, ipc_err *e);

/* The penalty prefix a new workspace of office `office` gets: its division's abbreviation
 * (validate_region_abbrev) + 市监处罚, e.g. 保市监处罚, 京顺市监处罚. */
int caseno_default_prefix(const char *office, char *out, size_t n, ipc_err *e);

/* 0 when prefix can open case numbers (printable, short, without 〔 or 【); else -1 with e
 * naming field. */
int caseno_prefix_check(const char *field, const char *prefix, ipc_err *e);

/* The block size B the office record gets when this device makes the roster. */
long caseno_block_size(db *d);

/* The numbering of this workspace, for `ipcase numbering`: {"block":{"source","index","size",
 * "from","to"},"kinds":[{"kind","word","prefix","default","example"}…]}. */
json_t *caseno_settings(db *d, ipc_err *e);

/* Sets KIND's prefix ("" back to the default; KIND an id or its word: penalty/处罚,
 * seizure/强制, filing/立, patent/专裁) or, as `block`, B before the roster is made. */
int caseno_setting_set(db *d, const char *name, const char *value, ipc_err *e);

/* Flags `record` and every other case holding `case_no` as duplicates, and clears the flag of
 * cases whose number has become unique. */
int caseno_check_duplicates(db *d, const char *record, const char *case_no, ipc_err *e);

#endif
