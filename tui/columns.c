/* columns — rows laid out by priority; case numbers that keep their year and serial. */
#include "tui/columns.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"

static int cols_used(const struct col *c, int n)
{
	int used = -COLS_GAP;

	for (int i = 0; i < n; i++)
		if (c[i].shown)
			used += c[i].w + COLS_GAP;
	return used;
}

/* Hides the shown column that gives way first; false when none may. */
static bool cols_drop_one(const struct col_spec *specs, int n, struct col *c)
{
	int best = -1;

	for (int i = 0; i < n; i++)
		if (c[i].shown && specs[i].drop && (best < 0 || specs[i].drop < specs[best].drop))
			best = i;
	if (best < 0)
		return false;
	c[best].shown = false;
	return true;
}

static int cols_grow(struct col *c, int to, int spare)
{
	int by = to - c->w;

	if (by > spare)
		by = spare;
	if (by <= 0)
		return spare;
	c->w += by;
	return spare - by;
}

void cols_want(int *want, int col, const char *s)
{
	int w = tui_text_width(s);

	if (w > want[col])
		want[col] = w;
}

void cols_layout(const struct col_spec *specs, int n, int fill, int fill_first, int width,
		 const int *want, struct col *out)
{
	int spare, x = 0;

	for (int i = 0; i < n; i++)
		out[i] = (struct col){true, 0, specs[i].min};
	while (cols_used(out, n) + fill_first - specs[fill].min > width
	       && cols_drop_one(specs, n, out))
		;
	spare = cols_grow(&out[fill], fill_first, width - cols_used(out, n));
	for (int i = 0; i < n; i++) /* to the max, or to the widest cell when narrower */
		if (i != fill && out[i].shown)
			spare = cols_grow(&out[i], want && want[i] && want[i] < specs[i].max
					  ? want[i] : specs[i].max, spare);
	for (int i = 0; want && i < n; i++) /* the room left: to the widest cell */
		if (i != fill && out[i].shown)
			spare = cols_grow(&out[i], want[i], spare);
	if (spare > 0)
		out[fill].w += spare;
	for (int i = 0; i < n; i++) {
		if (!out[i].shown)
			continue;
		out[i].x = x;
		x += out[i].w + COLS_GAP;
	}
}

const char *cols_case_no_own(const char *no, const char *prefix)
{
	size_t n = strlen(prefix);

	return n && !strncmp(no, prefix, n) && no[n] ? no + n : no;
}

const char *cols_case_no(const char *no, int w, char *buf, size_t n)
{
	const char *open = strstr(no, "〔"), *dash = strrchr(no, '-'), *year;

	if (tui_text_width(no) <= w || !open || !dash)
		return tui_text_tail(no, w);
	year = open + strlen("〔");
	if (strspn(year, "0123456789") != 4)
		return tui_text_tail(no, w);
	snprintf(buf, n, "〔%.4s〕…%s", year, dash + 1);
	if (tui_text_width(buf) > w)
		snprintf(buf, n, "%.4s…%s", year, dash + 1);
	return tui_text_width(buf) <= w ? buf : tui_text_tail(no, w);
}

const char *cols_title(const char *title, int w, char *buf, size_t n)
{
	const char *open = strstr(title, "（"), *next;
	int tw;

	while (open && (next = strstr(open + 1, "（")))
		open = next;
	if (tui_text_width(title) <= w || !open || open == title)
		return title;
	tw = tui_text_width(open);
	if (tw + 3 > w) /* the head's first character and the ellipsis, at least */
		return title;
	/* the head cut to what is left beside the tail and the ellipsis */
	{
		char head[512];
		size_t hn = (size_t)(open - title) < sizeof head ? (size_t)(open - title) : sizeof head - 1;
		int room = w - tw - 1;
		memcpy(head, title, hn);
		head[hn] = '\0';
		while (hn && tui_text_width(head) > room) {
			do
				hn--;
			while (hn && (head[hn] & 0xC0) == 0x80); /* back to a character's start */
			head[hn] = '\0';
		}
		snprintf(buf, n, "%s…%s", head, open);
	}
	return buf;
}
