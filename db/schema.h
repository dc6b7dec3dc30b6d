/* schema — the record types of ipcase and their fields: kinds, enumerations (snake_case ids
 * with Chinese names accepted on input), flags (required, confidential, searchable), and the
 * parsing and checking of field values. One table drives storage, validation, the batch
 * commands, JSON output and the screens. */
#ifndef IPCASE_SCHEMA_H
#define IPCASE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#include <stdint.h>

#include "base/err.h"
#include "db/db.h"

enum field_kind {
	FK_TEXT,      /* free text, one line or more */
	FK_ENUM,      /* one of field->values */
	FK_DATE,      /* YYYY-MM-DD */
	FK_DATETIME,  /* YYYY-MM-DDTHH:MM[:SS] */
	FK_MONEY,     /* yuan, as a decimal string */
	FK_INT,       /* non-negative integer */
	FK_BOOL,
	FK_USCC,      /* unified social credit code, check digit verified */
	FK_REGION,    /* GB/T 2260 division code of 京津冀 */
	FK_IDNUM,     /* resident ID number */
	FK_SHA256,    /* 64 lowercase hex digits */
	FK_REF,       /* id of another record (field->ref_type) */
	FK_HANDLERS,  /* list of {"name","cert"}: officers handling a case */
	FK_ENUMS,     /* a list of distinct values of field->values */
	FK_ORGS,      /* list of organisations {"name","uscc"} (one of them at least) */
};

/* Default lengths in bytes: a free-text field, a one-line field (names, places). */
#define SCHEMA_TEXT_MAX 4000
#define SCHEMA_LINE_MAX 300

enum field_flag {
	FF_REQUIRED     = 1 << 0, /* must be set when the record is created */
	FF_CONFIDENTIAL = 1 << 1, /* never leaves the office channel in clear */
	FF_SEARCH       = 1 << 2, /* goes into the case's full-text index */
	FF_SYSTEM       = 1 << 3, /* set by ipcase (workflow, attachments), not by `set` */
	FF_REPORTER     = 1 << 4, /* confidential when the party's role is reporter or
				   * complainant (DESIGN.md; FACTS.md §10) */
	FF_OPEN         = 1 << 5, /* FK_ENUM(S): field->values are the built-in ones; other
				   * snake_case codes are extensions the type's write rules check */
	FF_LATER        = 1 << 6, /* recorded as the record's life goes on (a deadline's stop or
				   * extension), never when it is created: a new record's form
				   * leaves it out */
	FF_CIPHER       = 1 << 7, /* ciphertext (a handoff's sealed part): the guard of the
				   * collaboration channel (db/guard) reads nothing in it */
};

struct enum_value {
	const char *id;  /* snake_case English, stored in ops */
	const char *zh;  /* Chinese name, accepted on input and shown on screen */
	const char *en;  /* English label */
};

struct field {
	const char *name;
	enum field_kind kind;
	unsigned flags;
	const struct enum_value *values; /* FK_ENUM: terminated by an entry with id == NULL */
	const char *ref_type;            /* FK_REF: the type of the referenced record */
	const char *zh, *en;             /* labels */
	size_t max_len;                  /* bytes; 0 = the default for its kind */
};

struct op;
struct deadline_set; /* db/rules/deadline.h */

/* A record type: its fields and the hooks of its rules. A type is defined, with designated
 * initialisers, by the module that owns its rules (db/rules/…) and named once in
 * db/rules/registry.c; the store calls its hooks and never a rule module by name. Every hook
 * may be NULL. They run inside the write's transaction: a failure rolls the write back. */
struct rtype {
	const char *name;    /* "case", "party", "evidence", "inspection" … */
	const char *zh, *en;
	const char *table;   /* materialised table: "t_case" … */
	const struct field *fields;
	size_t nfields;
	const char *parent;  /* FK_REF field naming the record it belongs to (a case), or NULL */
	const char *channel; /* the sync channel its ops travel in: "office", "collab" or "both" */
	/* Its ops are signed by a key its own records declare (an office key), not by a device
	 * whose key file is published: the store imports them before the writer is known, and
	 * the type's rules say whose signature counts. */
	bool own_key;
	/* When set, the record's `status` follows this state machine (from is NULL for a new
	 * record): the fold ignores an op whose status change it refuses, so a peer's invalid
	 * transition has no effect on any replica. */
	bool (*status_ok)(const char *from, const char *to);
	/* A local write, after its fields passed their checks: old is the state before (NULL for
	 * a new record), state the state after. It may add to `set` what the rules fill in
	 * (status, dates, a case number), or refuse. */
	int (*check_write)(db *d, const struct rtype *t, const json_t *old, json_t *state,
			   json_t *set, ipc_err *e);
	/* A peer's op whose fields passed their checks, before it is stored. */
	int (*check_import)(db *d, const struct rtype *t, const struct op *o, ipc_err *e);
	/* After the fold wrote a record's row (a local write or a peer's op alike); is_new when
	 * this was its first op. */
	int (*folded)(db *d, const struct rtype *t, const char *record, const json_t *state,
		      bool is_new, ipc_err *e);
	/* At commit, once for each record of this type that the transaction wrote or one of whose
	 * children (records whose parent field names it) it wrote: derived data (search text,
	 * deadlines) brought up to date. */
	int (*refresh)(db *d, int64_t rowid, ipc_err *e);
	/* Instead of refresh, for a type whose records gain by being refreshed together (the
	 * statistics of cases): the same records, ascending, each once, in one call. */
	int (*refresh_rows)(db *d, const int64_t *rowids, size_t n, ipc_err *e);
	/* When a workspace opens, after its tables are made: derived data a new program version
	 * computes differently is rebuilt here. */
	int (*open)(db *d, ipc_err *e);
	/* The deadlines this type's records give the case `kase` (its state, with "id"): added to
	 * `out` with deadline_add. db/rules/deadline.c asks every type each time it computes a
	 * case's deadlines; a record whose parent is the case already refreshes them. */
	int (*deadlines)(db *d, const json_t *kase, struct deadline_set *out, ipc_err *e);
};

/* Who may write what: the authority checks, called by the store for every local write
 * (signed by `actor`; old is NULL for a new record) and every peer's op, before the type's
 * own hooks. db/rules/registry.c defines it. import returns 0, -1, or
 * DB_IMPORT_UNAUTHORISED (db/store.h) when a later roster may allow the op. */
struct schema_gate {
	int (*write)(db *d, const struct rtype *t, const char *actor, const char *record,
		     const json_t *old, ipc_err *e);
	int (*import)(db *d, const struct rtype *t, const struct op *o, ipc_err *e);
};
extern const struct schema_gate schema_gate;

/* Does a type's data travel in this channel? */
bool schema_travels(const struct rtype *t, const char *channel);

/* Room the modules that keep something per record type reserve. */
#define SCHEMA_MAX_TYPES 48

/* Every record type: the built-in ones (db/rules/registry.c), then those schema_register
 * added. */
extern const struct rtype *schema_types[SCHEMA_MAX_TYPES];
extern size_t schema_ntypes;

/* Adds a record type (a test's fixture type, a module of its own) before the first workspace
 * opens: db_open makes its table. Refuses a name already taken or a full table. */
int schema_register(const struct rtype *t, ipc_err *e);

const struct rtype *schema_type(const char *name);
const struct field *schema_field(const struct rtype *t, const char *name);
/* The type of the record a child's parent field names (the case of a party); NULL when t
 * has no parent. */
const struct rtype *schema_parent_type(const struct rtype *t);
/* Index of the field in t->fields, or -1. */
int schema_field_index(const struct rtype *t, const char *name);

/* The enum entry whose id or Chinese name is text; NULL when none. */
const struct enum_value *schema_enum_find(const struct enum_value *values, const char *text);
/* The values a person may type, "id (中文名), …" (in Chinese the names they also take,
 * "中文名、…"), in out (cut to n bytes); returns out. */
const char *schema_enum_choices(const struct enum_value *values, char *out, size_t n);

/* The Chinese (zh) or English label of an enum id; the id itself when unknown. */
const char *schema_enum_label(const struct enum_value *values, const char *id, bool zh);

/* Is a value of this kind stored as JSON text in its column (a list)? */
bool schema_kind_json(enum field_kind kind);

/* Text typed by a person (CLI `field=value`, a form) → the JSON value stored in an op.
 * Accepts Chinese enum names; an empty text means "unset" (JSON null). On error fills e with
 * what is wrong and what is expected, kind IPC_E_RULE, field f. The caller owns *out. */
int schema_value_parse(const struct field *f, const char *text, json_t **out, ipc_err *e);

/* schema_value_parse of field `name` of t into set[name]; "" or NULL adds nothing. */
int schema_parse_into(const struct rtype *t, const char *name, const char *text, json_t *set,
		      ipc_err *e);

/* Checks a JSON value (from an op, local or a peer's) against the field: kind, enum ids,
 * check digits, length limits, no control characters in one-line fields. Errors as
 * schema_value_parse's. */
int schema_value_check(const struct field *f, const json_t *v, ipc_err *e);

/* Is field f of a record in state `state` confidential? (FF_CONFIDENTIAL, or FF_REPORTER
 * when the party's role is reporter or complainant.) */
bool schema_confidential(const struct rtype *t, const struct field *f, const json_t *state);

#endif
