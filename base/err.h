/* err — the error value every layer fills: one message a person can act on, what kind of
 * failure it is (the exit status of a command comes from it) and the field at fault when
 * there is one (a form puts the message under it). Functions return 0 on success and -1
 * (after err_set or err_kind) on failure. */
#ifndef IPCASE_ERR_H
#define IPCASE_ERR_H

enum ipc_err_kind {
	IPC_E_FAILED,   /* failed, no more precise kind: what err_set gives */
	IPC_E_RULE,     /* a value or a step the rules refuse */
	IPC_E_USAGE,    /* the command line is wrong */
	IPC_E_NOTFOUND, /* no record, remote… with that name or id */
	IPC_E_CONFLICT, /* an id prefix matching several records, a name taken */
	IPC_E_IO,       /* reading or writing a file */
	IPC_E_CORRUPT,  /* stored data damaged, a signature or checksum that does not verify */
	IPC_E_NETWORK,  /* reaching a remote */
	IPC_E_INTERNAL, /* out of memory, a broken invariant */
};

typedef struct ipc_err {
	char msg[512]; /* first, so that (ipc_err){"message"} is a plain failure */
	enum ipc_err_kind kind;
	char field[64]; /* the field at fault, "" when none */
} ipc_err;

/* Formats the message into e (if e is not NULL), with kind IPC_E_FAILED and no field, and
 * returns -1, so callers can `return err_set(e, "...")`. */
int err_set(ipc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same with the kind and the field at fault (NULL: none). */
int err_kind(ipc_err *e, enum ipc_err_kind kind, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The error already in e is about field (NULL: none) and, when it was a plain failure
 * (IPC_E_FAILED), of this kind: for a layer that knows what its callee's message is about.
 * Returns -1. */
int err_field(ipc_err *e, enum ipc_err_kind kind, const char *field);

/* "out of memory", kind IPC_E_INTERNAL. */
int err_nomem(ipc_err *e);

/* Prefixes an existing message with context: "opening X: <old message>"; kind and field
 * stay. */
int err_wrap(ipc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
