/* schema — the record types of ipcase and their fields: kinds, enumerations (snake_case ids
 * with Chinese names accepted on input), flags (required, confidential, searchable), and the
 * parsing and checking of field values. One table drives storage, validation, the batch
 * commands, JSON output and the screens. */
#ifndef IPCASE_SCHEMA_H
#define IPCASE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#include "base/err.h"

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

enum field_flag {
	FF_REQUIRED     = 1 << 0, /* must be set when the record is created */
	FF_CONFIDENTIAL = 1 << 1, /* never leaves the office channel in clear */
	FF_SEARCH       = 1 << 2, /* goes into the case's full-text index */
	FF_SYSTEM       = 1 << 3, /* set by ipcase (workflow, attachments), not by `set` */
	FF_REPORTER     = 1 << 4, /* confidential when the party's role is reporter */
	FF_OPEN         = 1 << 5, /* FK_ENUM(S): field->values are the built-in ones; other
				   * snake_case codes are extensions the type's write rules check */
	FF_LATER        = 1 << 6, /* recorded as the record's life goes on (a deadline's stop or
				   * extension), never when it is created: a new record's form
				   * leaves it out */
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

struct rtype {
	const char *name;    /* "case", "party", "evidence", "inspection" */
	const char *zh, *en;
	const char *table;   /* materialised table: "t_case" … */
	const struct field *fields;
	size_t nfields;
	const char *parent;  /* FK_REF field naming the case it belongs to, or NULL */
	const char *channel; /* the sync channel its ops travel in: "office" or "collab" */
	/* When set, the record's `status` follows this state machine (from is NULL for a new
	 * record): the fold ignores an op whose status change it refuses, so a peer's invalid
	 * transition has no effect on any replica. */
	bool (*status_ok)(const char *from, const char *to);
};

/* Room the modules that keep something per record type reserve. */
#define SCHEMA_MAX_TYPES 32

extern const struct rtype *const schema_types[];
extern const size_t schema_ntypes;

const struct rtype *schema_type(const char *name);
const struct field *schema_field(const struct rtype *t, const char *name);
/* Index of the field in t->fields, or -1. */
int schema_field_index(const struct rtype *t, const char *name);

/* The enum entry whose id or Chinese name is text; NULL when none. */
const struct enum_value *schema_enum_find(const struct enum_value *values, const char *text);
/* The Chinese (zh) or English label of an enum id; the id itself when unknown. */
const char *schema_enum_label(const struct enum_value *values, const char *id, bool zh);

/* Is a value of this kind stored as JSON text in its column (a list)? */
bool schema_kind_json(enum field_kind kind);

/* Text typed by a person (CLI `field=value`, a form) → the JSON value stored in an op.
 * Accepts Chinese enum names; an empty text means "unset" (JSON null). On error fills e with
 * what is wrong and what is expected, kind IPC_E_RULE, field f. The caller owns *out. */
int schema_value_parse(const struct field *f, const char *text, json_t **out, ipc_err *e);

/* Checks a JSON value (from an op, local or a peer's) against the field: kind, enum ids,
 * check digits, length limits, no control characters in one-line fields. Errors as
 * schema_value_parse's. */
int schema_value_check(const struct field *f, const json_t *v, ipc_err *e);

/* Is field f of a record in state `state` confidential? (FF_CONFIDENTIAL, or FF_REPORTER
 * when the party's role is reporter.) */
bool schema_confidential(const struct rtype *t, const struct field *f, const json_t *state);

/* Enumerations other modules name directly. */
extern const struct enum_value schema_ip_types[];
extern const struct enum_value schema_case_statuses[];
extern const struct enum_value schema_decision_types[];
extern const struct enum_value schema_party_roles[];
extern const struct enum_value schema_evidence_kinds[];

#endif
