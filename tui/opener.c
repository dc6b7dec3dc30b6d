/* opener — a file handed to the desktop's viewer (see opener.h). */
#include "tui/opener.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

bool opener_display(void)
{
	const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");

	return (x && *x) || (wl && *wl);
}

/* A grandchild in a session of its own, away from the terminal (stdin, stdout and stderr on
 * /dev/null); the child between them ends at once and is reaped here. */
void opener_start(const char *path)
{
	pid_t pid = fork();

	if (pid < 0)
		return;
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (setsid() < 0 || fd < 0 || fork() != 0)
			_exit(0);
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		closefrom(STDERR_FILENO + 1); /* the workspace's files are not the viewer's */
		execlp("xdg-open", "xdg-open", path, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

const char *opener_home_short(const char *path, char *buf, size_t size)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;

	if (!n || strncmp(path, home, n) || path[n] != '/')
		return path;
	snprintf(buf, size, "~%s", path + n);
	return buf;
}
