/* err — formatting of error messages, with their kind and field. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static int err_vkind(ipc_err *e, enum ipc_err_kind kind, const char *field, const char *fmt,
		     va_list ap)
{
	if (!e)
		return -1;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	e->kind = kind;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	return -1;
}

int err_set(ipc_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vkind(e, IPC_E_FAILED, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int err_kind(ipc_err *e, enum ipc_err_kind kind, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vkind(e, kind, field, fmt, ap);
	va_end(ap);
	return -1;
}

int err_field(ipc_err *e, enum ipc_err_kind kind, const char *field)
{
	if (!e)
		return -1;
	if (e->kind == IPC_E_FAILED)
		e->kind = kind;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	return -1;
}

int err_nomem(ipc_err *e)
{
	return err_kind(e, IPC_E_INTERNAL, NULL, "%s", _("out of memory"));
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
