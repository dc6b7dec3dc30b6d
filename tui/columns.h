/* columns — the columns of a row laid out by priority, as htop and tig do: each column
 * declares its minimum and maximum width and when it gives way; at a narrow width whole
 * columns drop before any is cut below its minimum, and one column (a title) takes what is
 * left. Also the cells that must not lose their meaning when narrow: a case number keeps its
 * year and serial. */
#ifndef IPCASE_COLUMNS_H
#define IPCASE_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

/* A column: its label (N_(), translated where drawn), its width in terminal columns from min
 * to max (max 0: the filling column), and its drop rank (1 gives way first; 0 never). */
struct col_spec {
	const char *label;
	int min, max, drop;
};

/* Where a column went: shown or not, its x from the row's start, its width. */
struct col {
	bool shown;
	int x, w;
};

#define COLS_GAP 1 /* blank columns between two columns */

/* Lays out n columns in `width`: column `fill` grows to `fill_first` before the others grow
 * to their max, then takes what is left; columns drop in their rank's order while the row
 * does not fit with the filling column at fill_first. With `want` (NULL: none; each
 * column's widest cell as cols_want measures it, 0 for a column not measured), a measured
 * column grows to its widest cell instead when that is narrower than its max (never below
 * its min), and past its max to it while room is left (a wide terminal shows its cells
 * whole), before the filling column takes the rest. */
void cols_layout(const struct col_spec *specs, int n, int fill, int fill_first, int width,
		 const int *want, struct col *out);

/* Widens want[col] to the width of cell s. */
void cols_want(int *want, int col, const char *s);

/* A case number without `prefix`, this office's own, which every one of its cases shares
 * (no itself when it does not start with it). */
const char *cols_case_no_own(const char *no, const char *prefix);

/* A case number for a cell `w` columns wide: whole when it fits, else its year and serial
 * (〔2025〕13010001-1101号 → 〔2025〕…1101号, narrower 2025…1101号), else its end. Returns no
 * or buf. */
const char *cols_case_no(const char *no, int w, char *buf, size_t n);

/* A title for a cell `w` columns wide: whole when it fits, else its head cut and its last
 * parenthesised part kept, which names the brand or the goods (销售侵犯注册商标专用权商品案
 * （耐克运动鞋） → 销售侵犯注册…（耐克运动鞋）). Returns title or buf; the caller cuts what
 * still does not fit. */
const char *cols_title(const char *title, int w, char *buf, size_t n);

#endif
