/* template — one document kind (文书) as data: a text file that names its title, its number
 * series and its blocks with placeholders, checked against the caller's vocabulary when it is
 * loaded, and filled from a JSON context into a struct doc (doc/doc.h). It knows no case
 * fields: which placeholders exist is the caller's table.
 *
 * The file, data/templates/<kind>.tmpl (an office's own directory overrides the shipped one):
 * UTF-8, one directive a line, `keyword rest`; blank lines and lines opening with `#` are
 * comments; leading blanks are ignored. Where a directive takes several parts they are
 * separated by `|` (blanks around a part are dropped).
 *
 *   title 立案审批表                the document's title (required, once)
 *   series 立                       the word of its number series: 石市监立〔2026〕3号 (at most
 *                                   once; none for a document without a number: 询问笔录, 送达回证)
 *   office {office.name}            the page's first line; number, date likewise (each at most once)
 *   number {doc.number}
 *   date {doc.issued_on}
 *   require party.name items item.quantity …   names that must have a value (any number of lines)
 *   heading 一、当事人基本情况       DOC_HEADING
 *   para 本局于{case.filed_on}对……   DOC_PARA
 *   field 案由 | {case.cause}        DOC_FIELD: label | text
 *   table items                     DOC_TABLE whose rows repeat over the list `items`, its
 *   column 序号 | {#}                columns on the `column` lines that follow: header | cell;
 *   column 物品名称 | {item.name}    {#} is the row's number (1, 2, …)
 *   sign 当事人 | 执法人员 | 印章     DOC_SIGN: the labels of the blanks
 *
 * A placeholder is {name} with a name of the vocabulary; `{{` and `}}` write a brace. A list's
 * elements are named by the list's `each` word ({item.name} in a table over `items`), and only
 * inside a table over that list. An unknown name, a list where text belongs, an element outside
 * its table, an unknown keyword, a missing part, a column outside a table, a table without
 * columns or a byte that is not UTF-8 text refuse the file with "file:line: message".
 *
 * Filling: ctx is a JSON object; {case.title} is ctx["case"]["title"], {item.name} is the
 * current element's "name". A string is written as it is, a number as a number; a value under a
 * name ending in `_on` (or a field named `on`: service.on) is a date (YYYY-MM-DD) written in
 * Chinese (base/cndate: 二〇二六年十二月四日).
 * A placeholder without a value writes nothing (the blank is filled by hand); a table over an
 * empty list gets one empty row for the same reason. `require` names a text (it must be a
 * non-empty string or a number), a list (it must have an element) or an element's field (every
 * element must have it). */
#ifndef IPCASE_TEMPLATE_H
#define IPCASE_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"
#include "doc/doc.h"

enum template_var_kind {
	TEMPLATE_TEXT, /* a value written as text: case.title, item.quantity */
	TEMPLATE_LIST, /* an array of objects a table repeats over: items */
};

struct template_var {
	const char *name;  /* "case.title", "items", "item.name" */
	enum template_var_kind kind;
	const char *each;  /* a list's element name ("item" for items); NULL for a text */
};

/* What the caller's context offers; an element's fields are named "<each>.<field>". */
struct template_vocab {
	const struct template_var *v;
	size_t n;
};

struct template;

/* Reads and checks the template file at path against vocab into *out (template_free frees
 * it; vocab, a static table, must outlive it). -1 with "path:line: message" in e for a file that is not a valid template, or
 * "cannot read path" when it cannot be read. */
int template_load(const char *path, const struct template_vocab *vocab, struct template **out,
		  ipc_err *e);

/* Fills t from ctx into *out (a zeroed doc on entry; the caller doc_frees it on success).
 * When required data is missing: -1 (kind IPC_E_RULE, every name in the message) and *missing
 * an array of every missing name ("party.name", "items", "items[2].quantity": the second item,
 * counted from 1), which the caller json_decrefs; otherwise *missing is NULL. A value under a
 * date's name (_on, .on) that is not a date fails with that name as the field. */
int template_fill(const struct template *t, const json_t *ctx, struct doc *out, json_t **missing,
		  ipc_err *e);

/* The word of the template's number series ("立", "强制"); NULL for a document without a
 * number (no `series` line). */
const char *template_series(const struct template *t);

void template_free(struct template *t);

/* The file of document `kind` (lower-case letters, digits and _): <office_dir>/<kind>.tmpl
 * when office_dir (may be NULL) holds one, else <shipped_dir>/<kind>.tmpl. -1 (IPC_E_NOTFOUND,
 * naming where it looked) when neither exists, IPC_E_USAGE for a kind that is no such name. */
int template_path(const char *kind, const char *office_dir, const char *shipped_dir,
		  char out[4096], ipc_err *e);

#endif
