/* out — standard output and error through the sanitiser; the progress line. */
#include "cli/out.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"

/* A standard stream's file descriptor and the FILE it had before it was filtered. */
struct out_fd {
	int fd;
	FILE *exact;
	struct tui_utf8_pieces text;
};

static struct out_fd out_err = {.fd = STDERR_FILENO}, out_std = {.fd = STDOUT_FILENO};

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		s += n, len -= (size_t)n;
	}
	return 0;
}

static int write_clean(char *s, size_t len, void *arg)
{
	const struct out_fd *o = arg;

	return write_all(o->fd, s, tui_sanitize_utf8(s, len, s, true));
}

/* The filtered FILE's write: whole characters go out sanitised, a cut one waits. */
static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
	struct out_fd *o = cookie;

	return tui_utf8_feed(&o->text, buf, size) ? 0 : (ssize_t)size;
}

static FILE *filtered(struct out_fd *o, FILE *exact)
{
	FILE *f;

	o->exact = exact;
	o->text = (struct tui_utf8_pieces){.whole = write_clean, .arg = o};
	if (!(f = fopencookie(o, "w", (cookie_io_functions_t){.write = cookie_write})))
		return NULL;
	fflush(exact);
	setvbuf(f, NULL, o->fd == STDERR_FILENO || isatty(o->fd) ? _IOLBF : _IOFBF, 0);
	return f;
}

/* glibc's stdout and stderr are variables a program may set (its manual, "Standard Streams") */
int out_start(void)
{
	FILE *f = filtered(&out_err, stderr);

	return f ? (stderr = f, 0) : -1;
}

int out_start_stdout(void)
{
	FILE *f = filtered(&out_std, stdout);

	return f ? (stdout = f, 0) : -1;
}

FILE *out_exact(void)
{
	if (!out_std.exact)
		return stdout;
	fflush(stdout);
	return out_std.exact;
}

void out_progress(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	size_t n;

	if (!isatty(STDERR_FILENO))
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = tui_sanitize_utf8(line, strlen(line), line, false);
	fflush(stderr);
	/* \r to the line's start, the text, ESC [ K: the rest of the line cleared */
	if (write_all(STDERR_FILENO, "\r", 1) == 0 && write_all(STDERR_FILENO, line, n) == 0)
		write_all(STDERR_FILENO, "\033[K", 3);
}

void out_progress_end(void)
{
	if (!isatty(STDERR_FILENO))
		return;
	fflush(stderr);
	write_all(STDERR_FILENO, "\r\033[K", 4);
}
