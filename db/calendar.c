/* calendar — calendar files (the shipped one and imports), the day table of a db handle, and
 * working-day arithmetic on day numbers (days since 1970-01-01). */
#include "db/calendar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "base/validate.h"
#include "db/db_internal.h"

/* data/calendar.txt, compiled in by the Makefile (build/calendar_data.c). */
extern const char cal_shipped[];
#define SHIPPED_NAME "data/calendar.txt"

#define YEAR_MIN 1900       /* the years validate_date accepts */
#define YEAR_MAX 2199
#define FILE_YEARS 64       /* years one calendar file may declare */
#define FILE_MAX (1 << 20)  /* bytes of a calendar file */
#define NAME_MAX_ 60        /* bytes of a holiday's name */
#define WORKDAYS_MAX 100000 /* far beyond any statutory limit; bounds the loops */

enum { DAY_WORK = 1, DAY_COVERED = 2 };

struct calendar {
	int32_t first;        /* day number of the table's first day (1 January of a year) */
	int32_t ndays;
	unsigned char *flags; /* DAY_* of each day from `first`; outside: weekends, unconfirmed */
};

/* ---- day numbers (H. Hinnant's civil-date algorithms) ---- */

static int32_t day_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

static void civil_from_day(int32_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (*m <= 2);
}

static bool day_parse(const char *s, int32_t *day)
{
	int y, m, d;

	if (!validate_date(s) || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	*day = day_from_civil(y, (unsigned)m, (unsigned)d);
	return true;
}

static int day_format(int32_t day, char out[11])
{
	int y;
	unsigned m, d;

	civil_from_day(day, &y, &m, &d);
	if (y < YEAR_MIN || y > YEAR_MAX)
		return -1;
	snprintf(out, 11, "%04d-%02u-%02u", y, m, d);
	return 0;
}

/* 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday. */
static int weekday(int32_t day)
{
	return (int)(((day + 3) % 7 + 7) % 7);
}

static int year_of(int32_t day)
{
	int y;
	unsigned m, d;

	civil_from_day(day, &y, &m, &d);
	return y;
}

static int date_bad(const char *s, ipc_err *e)
{
	return err_set(e, _("\"%.40s\" is not a date (YYYY-MM-DD)"), s);
}

/* ---- calendar files ---- */

struct entry {
	int32_t day;
	bool work;
	int line;
	char name[NAME_MAX_ + 1];
};

struct calfile {
	int years[FILE_YEARS];
	int nyears;
	struct entry *v;
	size_t n, cap;
};

static void calfile_clear(struct calfile *f)
{
	free(f->v);
	memset(f, 0, sizeof *f);
}

static bool calfile_has_year(const struct calfile *f, int y)
{
	for (int i = 0; i < f->nyears; i++)
		if (f->years[i] == y)
			return true;
	return false;
}

static int calfile_add(struct calfile *f, int32_t day, bool work, int line, const char *name,
		       ipc_err *e)
{
	struct entry *v = grow(f->v, &f->cap, f->n, sizeof *v);

	if (!v)
		return err_nomem(e);
	f->v = v;
	v[f->n].day = day;
	v[f->n].work = work;
	v[f->n].line = line;
	snprintf(v[f->n].name, sizeof v[f->n].name, "%s", name);
	f->n++;
	return 0;
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* A holiday's name: printable UTF-8 of at most NAME_MAX_ bytes. */
static const char *name_problem(const char *s)
{
	json_t *utf8;

	if (strlen(s) > NAME_MAX_)
		return N_("the holiday name is longer than 60 bytes");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return N_("control character in the holiday name");
	if (!(utf8 = json_string(s)))
		return N_("the holiday name is not valid UTF-8");
	json_decref(utf8);
	return NULL;
}

static const char *const weekday_names[] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday")};

/* One line without its comment. Returns 0, or -1 with e = "FILE:LINE: reason". */
static int parse_line(struct calfile *f, char *s, const char *file, int line, ipc_err *e)
{
	char *kind, *name, *save = NULL;
	const char *why;
	int32_t day;
	int y;

	if (!(s = strtok_r(s, " \t", &save)))
		return 0;
	if (strcmp(s, "year") == 0) {
		char *arg = strtok_r(NULL, " \t", &save), *end = NULL;
		long v = arg ? strtol(arg, &end, 10) : 0;
		if (!arg || *end || strlen(arg) != 4 || v < YEAR_MIN || v > YEAR_MAX
		    || strtok_r(NULL, " \t", &save))
			return err_set(e, _("%s:%d: expected `year YYYY` (1900-2199)"), file, line);
		if (calfile_has_year(f, (int)v))
			return err_set(e, _("%s:%d: year %ld is declared twice"), file, line, v);
		if (f->nyears == FILE_YEARS)
			return err_set(e, _("%s:%d: more than %d years in one file"), file, line,
				       FILE_YEARS);
		f->years[f->nyears++] = (int)v;
		return 0;
	}
	if (!day_parse(s, &day))
		return err_set(e, _("%s:%d: \"%.40s\" is neither `year YYYY` nor a date (YYYY-MM-DD)"),
			       file, line, s);
	if (!calfile_has_year(f, y = year_of(day)))
		return err_set(e, _("%s:%d: %s comes before `year %d`: declare the year first"),
			       file, line, s, y);
	kind = strtok_r(NULL, " \t", &save);
	if (!kind || (strcmp(kind, "off") && strcmp(kind, "work")))
		return err_set(e, _("%s:%d: after the date comes `off` (a day off) or `work` (a "
				    "make-up working day)"), file, line);
	if (strcmp(kind, "work") == 0 && weekday(day) < 5)
		return err_set(e, _("%s:%d: %s is a %s: a make-up working day falls on a Saturday or "
				    "Sunday"), file, line, s, _(weekday_names[weekday(day)]));
	name = trim(save ? save : (char *)"");
	if ((why = name_problem(name)))
		return err_set(e, "%s:%d: %s", file, line, _(why));
	return calfile_add(f, day, kind[0] == 'w', line, name, e);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->line - y->line;
}

/* Parses a whole calendar file; on error f is cleared. */
static int calfile_parse(const char *text, size_t len, const char *file, struct calfile *f,
			 ipc_err *e)
{
	size_t at = 0;
	int line = 0;

	memset(f, 0, sizeof *f);
	if (memchr(text, '\0', len))
		return err_set(e, _("%s: not a text file"), file);
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		char buf[512], *hash;

		line++;
		if (n >= sizeof buf) {
			calfile_clear(f);
			return err_set(e, _("%s:%d: line longer than %zu bytes"), file, line,
				       sizeof buf - 1);
		}
		memcpy(buf, text + at, n);
		buf[n] = '\0';
		if ((hash = strchr(buf, '#')))
			*hash = '\0';
		if (parse_line(f, buf, file, line, e)) {
			calfile_clear(f);
			return -1;
		}
		at += n + 1;
	}
	if (f->n)
		qsort(f->v, f->n, sizeof *f->v, entry_cmp);
	for (size_t i = 1; i < f->n; i++) {
		char date[11];
		if (f->v[i].day != f->v[i - 1].day)
			continue;
		day_format(f->v[i].day, date);
		err_set(e, _("%s:%d: %s is listed twice (first on line %d)"), file, f->v[i].line, date,
			f->v[i - 1].line);
		calfile_clear(f);
		return -1;
	}
	return 0;
}

static int shipped_parse(struct calfile *f, ipc_err *e)
{
	if (calfile_parse(cal_shipped, strlen(cal_shipped), SHIPPED_NAME, f, e))
		return err_wrap(e, _("the calendar built into ipcase is damaged"));
	return 0;
}

/* The years and dates imported into the workspace. */
static int imported_read(db *d, struct calfile *f, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT year FROM calendar_years ORDER BY year", e);
	int rc;

	memset(f, 0, sizeof *f);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && f->nyears < FILE_YEARS)
		f->years[f->nyears++] = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return err_set(e, _("the workspace holds more than %d imported calendar years"),
			       FILE_YEARS);
	if (rc != SQLITE_DONE)
		return db_sqlerr(d, e, _("reading the calendar"));
	if (!(st = db_stmt(d, "SELECT day, kind, name FROM calendar_days ORDER BY day", e)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t day;
		if (!day_parse((const char *)sqlite3_column_text(st, 0), &day))
			continue; /* written by cal_import, which checked it */
		if (calfile_add(f, day, strcmp((const char *)sqlite3_column_text(st, 1), "work") == 0,
				0, (const char *)sqlite3_column_text(st, 2), e)) {
			sqlite3_reset(st);
			calfile_clear(f);
			return -1;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		calfile_clear(f);
		return db_sqlerr(d, e, _("reading the calendar"));
	}
	return 0;
}

/* Both sources of a workspace's calendar: a year imported replaces the shipped one. */
struct sources {
	struct calfile shipped, imported;
};

static int sources_read(db *d, struct sources *s, ipc_err *e)
{
	if (shipped_parse(&s->shipped, e))
		return -1;
	if (imported_read(d, &s->imported, e)) {
		calfile_clear(&s->shipped);
		return -1;
	}
	return 0;
}

static void sources_clear(struct sources *s)
{
	calfile_clear(&s->shipped);
	calfile_clear(&s->imported);
}

/* Which source covers year y: the imported file, the shipped one, or none. */
static const struct calfile *source_of(const struct sources *s, int y)
{
	if (calfile_has_year(&s->imported, y))
		return &s->imported;
	return calfile_has_year(&s->shipped, y) ? &s->shipped : NULL;
}

static void years_range(const struct sources *s, int *lo, int *hi)
{
	const struct calfile *fs[] = {&s->shipped, &s->imported};

	*lo = YEAR_MAX + 1;
	*hi = YEAR_MIN - 1;
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < fs[k]->nyears; i++) {
			if (fs[k]->years[i] < *lo)
				*lo = fs[k]->years[i];
			if (fs[k]->years[i] > *hi)
				*hi = fs[k]->years[i];
		}
}

/* The day table from 1 January of the first covered year to 31 December of the last. */
static int table_build(const struct sources *s, struct calendar *c, ipc_err *e)
{
	int lo, hi;

	years_range(s, &lo, &hi);
	if (lo > hi)
		return 0;
	c->first = day_from_civil(lo, 1, 1);
	c->ndays = day_from_civil(hi + 1, 1, 1) - c->first;
	if (!(c->flags = malloc((size_t)c->ndays)))
		return err_nomem(e);
	for (int32_t i = 0; i < c->ndays; i++) {
		int32_t day = c->first + i;
		c->flags[i] = (unsigned char)((weekday(day) < 5 ? DAY_WORK : 0)
					      | (source_of(s, year_of(day)) ? DAY_COVERED : 0));
	}
	for (int k = 0; k < 2; k++) {
		const struct calfile *f = k ? &s->imported : &s->shipped;
		for (size_t i = 0; i < f->n; i++) {
			if (source_of(s, year_of(f->v[i].day)) != f)
				continue; /* a shipped year an import replaced */
			c->flags[f->v[i].day - c->first] = (unsigned char)(DAY_COVERED
				| (f->v[i].work ? DAY_WORK : 0));
		}
	}
	return 0;
}

void cal_free(struct calendar *c)
{
	if (c)
		free(c->flags);
	free(c);
}

void cal_forget(db *d)
{
	cal_free(d->cal);
	d->cal = NULL;
}

static const struct calendar *cal_get(db *d, ipc_err *e)
{
	struct sources s;
	struct calendar *c;

	if (d->cal)
		return d->cal;
	if (!(c = calloc(1, sizeof *c))) {
		err_nomem(e);
		return NULL;
	}
	if (sources_read(d, &s, e)) {
		free(c);
		return NULL;
	}
	if (table_build(&s, c, e)) {
		cal_free(c);
		c = NULL;
	}
	sources_clear(&s);
	return d->cal = c;
}

static unsigned char day_flags(const struct calendar *c, int32_t day)
{
	int32_t i = day - c->first;

	if (i >= 0 && i < c->ndays)
		return c->flags[i];
	return weekday(day) < 5 ? DAY_WORK : 0;
}

/* ---- arithmetic ---- */

void cal_today(char out[11])
{
	db_today(out);
}

int cal_add_days(const char *date, int n, char out[11])
{
	int32_t day;

	if (!day_parse(date, &day) || n > 1000000 || n < -1000000)
		return -1;
	return day_format(day + n, out);
}

int cal_add_months(const char *date, int n, char out[11])
{
	int y, m, d, last;
	long months;

	if (!validate_date(date) || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3
	    || n > 12 * 300 || n < -12 * 300)
		return -1;
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	last = (int)(day_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : (unsigned)m + 1, 1)
		     - day_from_civil(y, (unsigned)m, 1));
	return day_format(day_from_civil(y, (unsigned)m, (unsigned)(d < last ? d : last)), out);
}

int cal_days_between(const char *from, const char *to, int *n)
{
	int32_t a, b;

	if (!day_parse(from, &a) || !day_parse(to, &b))
		return -1;
	*n = b - a;
	return 0;
}

int cal_is_workday(db *d, const char *date, bool *workday, bool *confirmed, ipc_err *e)
{
	const struct calendar *c;
	int32_t day;
	unsigned char f;

	if (!day_parse(date, &day))
		return date_bad(date, e);
	if (!(c = cal_get(d, e)))
		return -1;
	f = day_flags(c, day);
	*workday = f & DAY_WORK;
	*confirmed = f & DAY_COVERED;
	return 0;
}

int cal_add_workdays(db *d, const char *date, int n, char out[11], bool *confirmed, ipc_err *e)
{
	const struct calendar *c;
	int32_t day;
	unsigned char f;
	bool covered = true;

	if (!day_parse(date, &day))
		return date_bad(date, e);
	if (n < 0 || n > WORKDAYS_MAX)
		return err_set(e, _("the number of working days must be 0 to %d"), WORKDAYS_MAX);
	if (!(c = cal_get(d, e)))
		return -1;
	for (; n == 0; day++) { /* the date itself when a working day, else the next one */
		f = day_flags(c, day);
		covered &= (f & DAY_COVERED) != 0;
		if (f & DAY_WORK)
			break;
	}
	while (n > 0) {
		f = day_flags(c, ++day);
		covered &= (f & DAY_COVERED) != 0;
		n -= f & DAY_WORK;
	}
	if (day_format(day, out))
		return err_set(e, _("%s plus the working days lies beyond the year %d"), date, YEAR_MAX);
	*confirmed = covered;
	return 0;
}

int cal_workdays_between(db *d, const char *from, const char *to, int *n, bool *confirmed,
			 ipc_err *e)
{
	const struct calendar *c;
	int32_t a, b, lo, hi, count = 0;
	bool covered = true;

	if (!day_parse(from, &a))
		return date_bad(from, e);
	if (!day_parse(to, &b))
		return date_bad(to, e);
	if (!(c = cal_get(d, e)))
		return -1;
	lo = a < b ? a : b;
	hi = a < b ? b : a;
	for (int32_t day = lo + 1; day <= hi; day++) {
		unsigned char f = day_flags(c, day);
		covered &= (f & DAY_COVERED) != 0;
		count += f & DAY_WORK;
	}
	*n = b < a ? -count : count;
	*confirmed = covered;
	return 0;
}

/* ---- import and listing ---- */

static int file_read(const char *path, char **out, size_t *len, ipc_err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;

	if (!f)
		return err_set(e, _("cannot read %s: %m"), path);
	if (!(buf = malloc(FILE_MAX + 1))) {
		fclose(f);
		return err_nomem(e);
	}
	n = fread(buf, 1, FILE_MAX + 1, f);
	if (ferror(f) || n > FILE_MAX) {
		err_set(e, ferror(f) ? _("cannot read %s: %m") : _("%s is larger than 1 MiB: not a "
			"calendar"), path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int step(db *d, sqlite3_stmt *st, ipc_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, _("saving the calendar"));
}

static int year_store(db *d, const struct calfile *f, int y, const char *source, ipc_err *e)
{
	char lo[11], hi[11], today[11];
	sqlite3_stmt *st;

	snprintf(lo, sizeof lo, "%04d-01-01", y);
	snprintf(hi, sizeof hi, "%04d-12-31", y);
	if (!(st = db_stmt(d, "DELETE FROM calendar_days WHERE day BETWEEN ? AND ?", e)))
		return -1;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	if (step(d, st, e))
		return -1;
	if (!(st = db_stmt(d, "INSERT OR REPLACE INTO calendar_years(year, source, imported_on)"
			   " VALUES(?, ?, ?)", e)))
		return -1;
	db_today(today);
	sqlite3_bind_int(st, 1, y);
	db_bind_text(st, 2, source);
	db_bind_text(st, 3, today);
	if (step(d, st, e))
		return -1;
	for (size_t i = 0; i < f->n; i++) {
		char date[11];
		if (year_of(f->v[i].day) != y)
			continue;
		if (!(st = db_stmt(d, "INSERT INTO calendar_days(day, kind, name) VALUES(?, ?, ?)", e)))
			return -1;
		day_format(f->v[i].day, date);
		db_bind_text(st, 1, date);
		db_bind_text(st, 2, f->v[i].work ? "work" : "off");
		db_bind_text(st, 3, f->v[i].name);
		if (step(d, st, e))
			return -1;
	}
	return 0;
}

int cal_import(db *d, const char *path, int *years, int max, ipc_err *e)
{
	struct calfile f;
	const char *base = strrchr(path, '/');
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	if (file_read(path, &text, &len, e) || calfile_parse(text, len, path, &f, e)) {
		free(text);
		return -1;
	}
	if (!f.nyears) {
		err_set(e, _("%s declares no year: a calendar file starts with `year YYYY`"), path);
		goto out;
	}
	if (db_begin(d, e))
		goto out;
	for (int i = 0; i < f.nyears; i++)
		if (year_store(d, &f, f.years[i], base ? base + 1 : path, e)) {
			db_rollback(d);
			goto out;
		}
	if (db_commit(d, e))
		goto out;
	for (int i = 0; i < f.nyears && i < max; i++)
		years[i] = f.years[i];
	rc = f.nyears;
out:
	cal_forget(d); /* read again, with or without the import */
	calfile_clear(&f);
	free(text);
	return rc;
}

static json_t *year_json(const struct sources *s, int y)
{
	const struct calfile *f = source_of(s, y);
	json_int_t off = 0, work = 0;

	for (size_t i = 0; i < f->n; i++)
		if (year_of(f->v[i].day) == y)
			f->v[i].work ? work++ : off++;
	return json_pack("{s:i,s:s,s:I,s:I}", "year", y, "source",
			 f == &s->imported ? "imported" : "shipped", "off", off, "work", work);
}

json_t *cal_years(db *d, ipc_err *e)
{
	struct sources s;
	json_t *list;
	int lo, hi;

	if (sources_read(d, &s, e))
		return NULL;
	list = json_array();
	years_range(&s, &lo, &hi);
	for (int y = lo; y <= hi; y++)
		if (source_of(&s, y))
			json_array_append_new(list, year_json(&s, y));
	sources_clear(&s);
	return list;
}
