/* office — the directory of 京津冀 offices a collaboration request can go to: the offices of
 * FACTS.md §6, shipped with the program, and every office whose officers published their
 * device keys in a channel (the actors table), with those officers and their keys. */
#ifndef IPCASE_OFFICE_H
#define IPCASE_OFFICE_H

#include <jansson.h>

#include "db/db.h"

/* Every office by code: [{"code","name","region","preloaded","verified","officers":[{"name",
 * "cert","key"}…]}…]. region is 京, 津 or 冀; verified when its key is pinned here
 * (db/rules/roster.h). */
json_t *office_list(db *d, ipc_err *e);

/* The same offices as an object, code → office. */
json_t *office_directory(db *d, ipc_err *e);

/* The market-regulation bureau of a division code of the directory: 石家庄市市场监督管理局,
 * 北京市海淀区市场监督管理局. */
void office_name(const char *code, char *out, size_t n);

/* One office of the directory; NULL with e filled when the code is none. */
json_t *office_get(db *d, const char *code, ipc_err *e);

#endif
