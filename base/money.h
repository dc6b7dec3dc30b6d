/* money — amounts of yuan, stored as decimal strings ("5000", "12.5"), in whole fen for
 * arithmetic. Pure functions, no I/O. */
#ifndef IPCASE_MONEY_H
#define IPCASE_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/* The amount in fen of a valid money string (validate_money); false when it is not one. */
bool money_fen(const char *yuan, int64_t *fen);

/* fen as yuan with two decimals: 150075 → "1500.75". */
void money_format(int64_t fen, char out[24]);

/* fen × percent × n / 100, rounded down to the fen, without overflow for any amount
 * money_fen accepts (n × percent below 10000). */
int64_t money_percent(int64_t fen, int percent, int n);

#endif
