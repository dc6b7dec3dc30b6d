/* bench/investigator — the investigator pool at the size of 京津冀's: writing a pool of N (default
 * 5000; one in five declares two interests), making 10000 assignments over 1000 cases (each
 * with its recusal check), then the reads an officer waits for: suggestions for a case, its
 * conflicts, pages of the pool, one investigator's history, a case's assignments, and the
 * CSV export and import of the whole pool. Usage: build/bench-investigator [N]. Prints figures;
 * asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/rules/assign.h"
#include "db/rules/investigator.h"
#include "db/rules/investigator_csv.h"
#include "db/rules/recusal.h"
#include "db/rules/techfield.h"
#include "db/store.h"
#include "db/workspace.h"

#define CASES 1000
#define ASSIGNMENTS 10000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

static void die(const char *what, const ipc_err *e)
{
	fprintf(stderr, "bench-investigator: %s: %s\n", what, e->msg);
	exit(1);
}

static db *workspace(char home[32])
{
	struct db_identity id = {.office = "130100", .office_name = "石家庄市市场监督管理局",
				 .officer = "王建国", .cert = "13010001", .case_prefix = "冀石市监处罚"};
	ipc_err e;
	db *d;

	strcpy(home, "/tmp/ipcase-bench-XXXXXX");
	if (!mkdtemp(home) || db_init(home, &id, &e) || db_open(home, &d, &e))
		die("workspace", &e);
	return d;
}

static const char *const regions[] = {"130100", "130200", "130600", "110108", "110105",
				      "120113", "120101", "131000"};

static void investigators_write(db *d, long n, char (*ids)[37], unsigned *s)
{
	ipc_err e;

	if (db_begin(d, &e))
		die("begin", &e);
	for (long i = 0; i < n; i++) {
		json_t *set = json_pack("{s:s,s:s,s:[s,s],s:s}", "name", "调查官", "organisation",
					"某研究院", "fields", techfield_builtin[i % 12].id,
					techfield_builtin[(i * 5 + 1) % 12].id, "region", regions[rnd(s) % 8]);
		char name[32];
		snprintf(name, sizeof name, "调查官%05ld", i);
		json_object_set_new(set, "name", json_string(name));
		if (i % 5 == 0)
			json_object_set_new(set, "interests", json_pack("[{s:s},{s:s}]", "name",
				i % 10 ? "北京某科技有限公司" : "河北某电子有限公司", "name", "某集团"));
		if (db_write(d, "investigator", NULL, set, ids[i], &e))
			die("investigator", &e);
		json_decref(set);
	}
	if (db_commit(d, &e))
		die("commit", &e);
}

static void cases_write(db *d, char (*ids)[37], unsigned *s)
{
	static const char *const parties[] = {"河北某电子有限公司", "天津某半导体有限公司",
					      "石家庄某贸易公司", "北京某科技有限公司"};
	ipc_err e;

	if (db_begin(d, &e))
		die("begin", &e);
	for (int i = 0; i < CASES; i++) {
		json_t *set = json_pack("{s:s,s:s,s:s,s:s}", "title", "布图设计侵权案", "ip_type",
					"layout_design", "region", regions[rnd(s) % 8], "tech_field",
					techfield_builtin[rnd(s) % 12].id);
		if (db_write(d, "case", NULL, set, ids[i], &e))
			die("case", &e);
		json_decref(set);
		for (int k = 0; k < 3; k++) {
			set = json_pack("{s:s,s:s,s:s}", "case_id", ids[i], "role", "respondent", "name",
					parties[rnd(s) % 4]);
			if (db_write(d, "party", NULL, set, NULL, &e))
				die("party", &e);
			json_decref(set);
		}
	}
	if (db_commit(d, &e))
		die("commit", &e);
}

/* Median of 15 runs of fn, in milliseconds. */
static double median_ms(void (*fn)(db *, const void *), db *d, const void *arg)
{
	double t[15];

	for (int i = 0; i < 15; i++) {
		double t0 = now();
		fn(d, arg);
		t[i] = (now() - t0) * 1000;
	}
	for (int i = 1; i < 15; i++)
		for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
			double x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[7];
}

static void run_suggest(db *d, const void *kase)
{
	ipc_err e;
	json_t *l = recusal_suggest(d, kase, 20, &e);
	if (!l)
		die("suggest", &e);
	json_decref(l);
}

static void run_conflicts(db *d, const void *kase)
{
	ipc_err e;
	json_t *l = recusal_conflicts(d, kase, NULL, &e);
	if (!l)
		die("conflicts", &e);
	json_decref(l);
}

static void run_list(db *d, const void *q)
{
	ipc_err e;
	json_t *l = investigator_list(d, q, &e);
	if (!l)
		die("list", &e);
	json_decref(l);
}

static void run_get(db *d, const void *id)
{
	ipc_err e;
	json_t *o = investigator_get(d, id, &e);
	if (!o)
		die("get", &e);
	json_decref(o);
}

static void run_case_assignments(db *d, const void *kase)
{
	struct assign_query q = {.case_id = kase};
	ipc_err e;
	json_t *l = assign_list(d, &q, &e);
	if (!l)
		die("assignments", &e);
	json_decref(l);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 5000, made = 0, refused = 0;
	char (*inv)[37] = calloc((size_t)n, 37), (*cases)[37] = calloc(CASES, 37);
	char home[32], home2[32], csv[64], cmd[96];
	struct investigator_query all = {.limit = 50}, some = {.field = "integrated_circuits",
						       .region = "130000", .limit = 50};
	struct investigator_import r;
	json_t *tasks = json_pack("[s]", "analyse");
	unsigned s = 7;
	double t0;
	ipc_err e;
	FILE *f;
	db *d = workspace(home), *d2;

	printf("ipcase bench-investigator: a pool of %ld, %d cases, %d assignments\n", n, CASES, ASSIGNMENTS);
	t0 = now();
	investigators_write(d, n, inv, &s);
	printf("  write the pool                 %8.2f s\n", now() - t0);
	cases_write(d, cases, &s);
	t0 = now();
	if (db_begin(d, &e))
		die("begin", &e);
	for (int i = 0; i < ASSIGNMENTS; i++) {
		struct assign_req q = {.case_id = cases[rnd(&s) % CASES],
				       .investigator_id = inv[rnd(&s) % n], .tasks = tasks};
		char id[37];
		if (assign_make(d, &q, id, &e))
			refused++;
		else if (++made % 3 && assign_advance(d, id, "notified", NULL, NULL, &e))
			die("advance", &e);
	}
	if (db_commit(d, &e))
		die("commit", &e);
	printf("  assign, with the recusal check %8.2f ms each (%ld made, %ld refused)\n",
	       (now() - t0) * 1000 / ASSIGNMENTS, made, refused);
	printf("  suggest for a case (top 20)    %8.2f ms\n", median_ms(run_suggest, d, cases[0]));
	printf("  conflicts of a case, all pool  %8.2f ms\n", median_ms(run_conflicts, d, cases[0]));
	printf("  pool, first page               %8.2f ms\n", median_ms(run_list, d, &all));
	printf("  pool, field + province page    %8.2f ms\n", median_ms(run_list, d, &some));
	printf("  one investigator with history  %8.2f ms\n", median_ms(run_get, d, inv[0]));
	printf("  a case's assignments           %8.2f ms\n", median_ms(run_case_assignments, d, cases[0]));
	snprintf(csv, sizeof csv, "%s/pool.csv", home);
	t0 = now();
	if (!(f = fopen(csv, "wb")) || investigator_export_csv(d, f, false, &e) || fclose(f))
		die("export", &e);
	printf("  export the pool as CSV         %8.2f s\n", now() - t0);
	d2 = workspace(home2);
	t0 = now();
	if (investigator_import_csv(d2, csv, &r, &e))
		die("import", &e);
	printf("  import it into a new workspace %8.2f s (%ld added, %zu rejected)\n", now() - t0,
	       r.added, json_array_size(r.rejected));
	json_decref(r.rejected);
	json_decref(tasks);
	db_close(d2);
	db_close(d);
	free(inv);
	free(cases);
	snprintf(cmd, sizeof cmd, "%s %s %s", getenv("BENCH_KEEP") ? "echo kept" : "rm -rf", home,
		 home2);
	return system(cmd) == 0 ? 0 : 1;
}
