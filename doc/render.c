/* render — the program's side of doc/render.h: the writers' entry points, each loading the
 * renderer library on first use and calling through its table. A member of the program's
 * archive that the tests and benchmarks never pull in: they link the writers themselves. */
#include "doc/render.h"

#include <dlfcn.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "doc/docx.h"
#include "doc/pdf.h"

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct render_api *render_loaded; /* kept for the process: never unloaded */

/* Where the library is (doc/render.h). */
static void render_path(char *out, size_t n)
{
	const char *set = getenv("IPCASE_RENDER");
	char exe[PATH_MAX];
	ssize_t len;

	if (set && *set) {
		snprintf(out, n, "%s", set);
		return;
	}
	snprintf(out, n, "ipcase-render.so"); /* the loader's own search, last */
	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[len] = '\0';
	snprintf(out, n, "%s-render.so", exe);
	if (access(out, R_OK) == 0)
		return;
	snprintf(out, n, "%s/../lib/ipcase/ipcase-render.so", dirname(exe));
}

static const struct render_api *render_get(ipc_err *e)
{
	char path[PATH_MAX + 64];
	const struct render_api *api;
	void *lib;

	pthread_mutex_lock(&render_lock);
	if ((api = render_loaded))
		goto out;
	render_path(path, sizeof path);
	if (!(lib = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
		err_kind(e, IPC_E_IO, NULL,
			 _("cannot load the document writers (%s; `make` builds them beside the"
			   " program, IPCASE_RENDER names another file)"), dlerror());
		goto out;
	}
	api = dlsym(lib, RENDER_SYMBOL);
	if (!api || api->version != RENDER_VERSION) {
		err_kind(e, IPC_E_IO, NULL,
			 _("%s is not the document writers of this ipcase (rebuild both with `make`)"),
			 path);
		dlclose(lib);
		api = NULL;
		goto out;
	}
	render_loaded = api;
out:
	pthread_mutex_unlock(&render_lock);
	return api;
}

int pdf_render(const struct doc *d, const char *path, ipc_err *e)
{
	const struct render_api *api = render_get(e);
	return api ? api->pdf_render(d, path, e) : -1;
}

int pdf_mark_read(const char *path, char *out, size_t n, ipc_err *e)
{
	const struct render_api *api = render_get(e);
	return api ? api->pdf_mark_read(path, out, n, e) : -1;
}

int docx_render(const struct doc *d, const char *path, ipc_err *e)
{
	const struct render_api *api = render_get(e);
	return api ? api->docx_render(d, path, e) : -1;
}

sheet *sheet_open(const char *path, ipc_err *e)
{
	const struct render_api *api = render_get(e);
	return api ? api->sheet_open(path, e) : NULL;
}

/* A sheet exists only once sheet_open loaded the library. */
int sheet_tab(sheet *s, const char *name, const char *const *headers, size_t n, ipc_err *e)
{
	return render_loaded->sheet_tab(s, name, headers, n, e);
}

int sheet_row(sheet *s, int tab, const struct sheet_cell *cells, size_t n, ipc_err *e)
{
	return render_loaded->sheet_row(s, tab, cells, n, e);
}

int sheet_close(sheet *s, ipc_err *e)
{
	return render_loaded->sheet_close(s, e);
}

void sheet_abort(sheet *s)
{
	if (s)
		render_loaded->sheet_abort(s);
}
