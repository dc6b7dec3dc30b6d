/* err — the error value every layer fills: one message a person can act on.
 * Functions return 0 on success and -1 (after err_set) on failure. */
#ifndef IPCASE_ERR_H
#define IPCASE_ERR_H

typedef struct ipc_err {
	char msg[512];
} ipc_err;

/* Formats the message into e (if e is not NULL) and returns -1, so callers can
 * `return err_set(e, "...")`. */
int err_set(ipc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefixes an existing message with context: "opening X: <old message>". */
int err_wrap(ipc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
