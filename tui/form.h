/* form — the form engine and the screens other screens open on it. A form is labelled lines,
 * each a field of a record type (db/schema.h: label from its zh/en pair, required ones
 * marked) or a form's own item (a file to attach, an officer's name), one edited at a time:
 * text typed through get_wch (input-method text; left, right, home, end; backspace and delete
 * by whole characters; long text scrolls sideways by columns, never a half character), enums
 * chosen from a menu or typed, dates typed, booleans toggled, handlers in their own editor.
 * Each field is checked as it is left and again on save, the message next to it; a refusal of
 * the write shows on the form and keeps what was typed. Every change is kept as a draft
 * (tui/draft.h) until the form is saved or discarded, and offered back at the next start.
 * What a form holds and what saving does is its kind's: form_record.c (records, evidence with
 * a file, quick capture, a clue from it), form_status.c (the workflow step), form_handlers.c
 * (the officers of a case), form_police.c (a step of a transfer to the police),
 * form_remote.c (a remote of the sync screen), form_drafts.c (drafts kept, and offered back
 * at start). */
#ifndef IPCASE_FORM_H
#define IPCASE_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/schema.h"
#include "tui/draft.h"
#include "tui/screen.h"

/* ---- what other screens call ---- */

/* Edits record id, or (id NULL) makes a new record of type, child of case_id when the type
 * has a parent. Returns handler flags. */
int tui_form_record(struct tui *t, const char *type, const char *id, const char *case_id);
/* The same, the cursor on field `field` (what a document lacks) when the form has it; a new
 * record refers to `link` besides its case (an item to its measure: the type's other
 * reference) when not NULL. */
int tui_form_record_at(struct tui *t, const char *type, const char *id, const char *case_id,
		       const char *link, const char *field);
/* The quick capture of an inspection at a market; can open a clue from it. With a case
 * (case_id not NULL), an inspection of that case, at its place. */
int tui_form_capture(struct tui *t, const char *case_id);
/* The workflow steps allowed from the case's status, then what the chosen one needs. */
int tui_form_status(struct tui *t, const char *case_id);
/* New evidence of the case with a file attached (its SHA-256 shown once saved). */
int tui_form_attach(struct tui *t, const char *case_id);
/* The next step of the transfer to the police `id`: the fields that step records. */
int tui_form_police(struct tui *t, const char *id);
/* A new remote (the sync screen). */
int tui_form_remote(struct tui *t);

/* ---- the engine, for the kinds of form ---- */

/* Bytes a field's text holds (the longest schema field is 4000). */
#define FORM_TEXT_MAX 4096

/* Answer tags: the engine's own are below FORM_TAG_KIND; a kind's start there. */
enum {
	FORM_TAG_ENUM = 1, /* the menu of an enum field */
	FORM_TAG_CHECKS,   /* the checklist of a list of enum values */
	FORM_TAG_LEAVE,    /* discard what was typed? */
	FORM_TAG_CLOSED,   /* a form opened with notify_close has closed */
	FORM_TAG_KIND = 100,
};

struct form;

struct form_item {
	char key[32];             /* the field's name, or the form's own key ("file", "name3") */
	char label[128];          /* as shown */
	const struct field *f;    /* the schema field, NULL for the form's own items */
	enum field_kind kind;     /* how it is edited: f->kind, else FK_TEXT */
	bool required, readonly, conflict;
	const char *hint;         /* shown while the text is empty (translated) */
	const char *refuse;       /* characters that may not be typed (UTF-8), or NULL */
	/* The check of an own item (f NULL), after the engine's required check. */
	int (*check)(struct form *fm, struct form_item *it, ipc_err *e);
	/* A button rather than a field: what Enter on it does. Returns handler flags. */
	int (*press)(struct tui *t, struct form *fm, struct form_item *it);
	/* A button that opens a list to pick from may take typing: a character typed on it
	 * opens the list with that character as its filter (UTF-8). NULL: typing does nothing. */
	int (*typed)(struct tui *t, struct form *fm, struct form_item *it, const char *text);
	char text[FORM_TEXT_MAX];
	char *orig;               /* the text the form opened with: changed when different */
	size_t cur, scroll;       /* the cursor and the first character shown (bytes) */
	char err[512];
};

/* A kind of form: what it holds and what saving does. */
struct form_kind {
	const char *name; /* kept in drafts; NULL: never kept (its changes go to a parent) */
	/* Adds the items, their texts and the title; a draft's texts are laid over them after. */
	int (*build)(struct tui *t, struct form *fm, ipc_err *e);
	/* After the form is on screen (opens a menu…); optional. Returns handler flags. */
	int (*start)(struct tui *t, struct form *fm);
	/* Writes what the form holds, every item checked. Returns handler flags: form_done on
	 * success, form_refused when the write was refused. */
	int (*save)(struct tui *t, struct form *fm);
	/* Answers to what the kind asked (tags from FORM_TAG_KIND); optional. */
	int (*answer)(struct tui *t, struct form *fm, const struct tui_answer *a);
	/* After every change (the handlers editor writes into its parent); optional. */
	void (*changed)(struct tui *t, struct form *fm);
	/* The form is left without saving (the handlers editor puts the parent back); optional. */
	void (*discard)(struct tui *t, struct form *fm);
};

struct form {
	const struct form_kind *kind;
	const struct rtype *type;   /* the record type, NULL for a form of its own */
	char id[37];                /* the record edited, "" for a new one */
	char case_id[37];           /* the case a new child record belongs to */
	char link[37];              /* capture → clue: the inspection the new case links; a new
				     * record: what its other reference names */
	char step[32];              /* status form: the status chosen */
	char title[320];
	struct form_item *items;
	size_t n, cap, cur, top;    /* cur == n: no editable item */
	char err[512];              /* a refusal no single field explains */
	bool zh, changed, spacious, notify_close;
	char draft[DRAFT_NAME_MAX]; /* the draft file, "" until the first change */
	struct tui_rect r;
	struct form *parent;        /* the handlers editor: the form it edits a field of */
	size_t parent_item;
	char *parent_orig;
};

/* What opens a form. */
struct form_spec {
	const struct form_kind *kind;
	const char *type, *id, *case_id, *link, *step;
	struct form *parent;
	size_t parent_item;
	bool notify_close;        /* answer FORM_TAG_CLOSED to the screen below when it closes */
	const char *focus;        /* the item the cursor starts on (NULL: the first editable) */
	const char *draft;        /* restoring: the draft's name and texts */
	const json_t *texts;
};

/* Builds a form and opens it over the current screen. Returns handler flags; a form that
 * cannot be built says why on the bottom line (form_try_open: returns -1 with e filled). */
int form_open(struct tui *t, const struct form_spec *spec);
int form_try_open(struct tui *t, const struct form_spec *spec, ipc_err *e);

/* Empties the form and builds it again as `kind` (the capture becoming a clue, the status
 * form its step's form); closes it, saying why, when that fails. Returns handler flags. */
int form_become(struct tui *t, struct form *fm, const struct form_kind *kind);

/* Screens whose state is made before they open (a form built, the drafts listed): ops->open
 * is form_state_take, and form_state_push opens ops with st, freeing it with free_st when the
 * screen cannot open. Returns handler flags; *opened says whether it did. */
void *form_state_take(struct tui *t, void *arg, ipc_err *e);
int form_state_push(struct tui *t, const struct tui_screen_ops *ops, void *st,
		    void (*free_st)(void *), bool *opened);

/* Adds an item (NULL when out of memory). Pointers to items move when one is added. */
struct form_item *form_item_add(struct form *fm, const char *key, const char *label,
				const struct field *f);
/* Adds schema field f with the text of value v (NULL: empty): enums by their label, handlers
 * as NAME:CERT,NAME:CERT; system fields read-only. NULL when memory runs out. */
struct form_item *form_field_add(struct form *fm, const struct field *f, const json_t *v);
/* Sets a field item's text, as the text it opened with, from a stored value; -1 when memory
 * runs out. */
int form_item_load(const struct form *fm, struct form_item *it, const json_t *v);
/* The item with this key, or NULL. */
struct form_item *form_item(struct form *fm, const char *key);
/* Sets an item's text (cursor at its end); `as_orig` also makes it the text it opened with
 * (-1 when that copy cannot be made: the item would count as changed). */
int form_item_set(struct form_item *it, const char *text, bool as_orig);

/* The value of a field item's text as db_write takes it (enums by id or either label). */
int form_item_value(const struct form_item *it, json_t **out, ipc_err *e);
/* The fields of the form as a db_write `set`: every non-empty one, or with `changed_only`
 * those whose text changed (emptied ones as null). */
int form_values(struct form *fm, bool changed_only, json_t **set, ipc_err *e);

/* Does the item's text differ from the one the form opened with? */
bool form_item_changed(const struct form_item *it);
/* After a change of the texts: the draft is written (and the kind's changed hook runs). */
void form_changed(struct tui *t, struct form *fm);
/* The form was saved: its draft goes, msg (if any) shows, the form closes, data changed. */
int form_done(struct tui *t, struct form *fm, const char *msg);
/* The form closes (telling the screen below when it asked). */
int form_quit(struct tui *t, struct form *fm);
/* The write was refused: the message goes next to the field at fault (e->field), else on
 * the form. */
int form_refused(struct tui *t, struct form *fm, const ipc_err *e);
/* Shows msg (NULL: nothing) as the form's own message under its title: what a question on
 * the bottom line is about when it does not fit there. */
void form_note(struct form *fm, const char *msg);
/* Writes the form's draft (form_drafts.c; its first change names it). */
void form_draft_keep(struct tui *t, struct form *fm);
/* Drops the form's draft file. */
void form_draft_drop(struct tui *t, struct form *fm);

/* "New party", "Edit case" (translated; the type's zh or en label). */
void form_type_title(const struct rtype *type, bool zh, bool is_new, char *out, size_t n);

/* Opens the editor of a handlers item of fm (form_handlers.c). */
int form_handlers_open(struct tui *t, struct form *fm, size_t item);
/* Is this case field set only by a workflow step (form_status.c)? A new case's form leaves
 * those to the step. */
bool form_step_field(const char *name);

extern const struct form_kind form_record_kind, form_attach_kind, form_capture_kind,
	form_clue_kind, form_status_kind, form_handlers_kind, form_police_kind, form_remote_kind;

#endif
