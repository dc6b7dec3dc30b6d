/* casefile — the records of a case file its documents are made from beyond the case's own
 * fields: the interview record (询问笔录: who was asked, when, where, by which two officers,
 * the questions and answers, the read-back) and the items a measure holds (物品清单: name,
 * specification, quantity, unit, where kept). */
#ifndef IPCASE_CASEFILE_H
#define IPCASE_CASEFILE_H

#include "db/schema.h"

extern const struct rtype interview_type;
extern const struct rtype item_type;

#endif
