/* err — formatting of error messages. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(ipc_err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int err_wrap(ipc_err *e, const char *fmt, ...)
{
	char prefix[256], old[sizeof e->msg];
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	e->msg[0] = '\0';
	strncat(e->msg, prefix, sizeof e->msg - 1);
	strncat(e->msg, ": ", sizeof e->msg - 1 - strlen(e->msg));
	strncat(e->msg, old, sizeof e->msg - 1 - strlen(e->msg));
	return -1;
}
