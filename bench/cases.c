/* bench/cases — the speed targets of the foundation, measured on 100000 demo cases: time to write
 * them, ops per second, database size, the first page of the case list, searches, and the
 * deadlines (calendar arithmetic, the overdue count, the due list, recomputing every case),
 * statistics of a year and the respondent line of the case screen.
 * Usage: build/bench-cases [CASES] (default 100000). Prints figures; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/demo.h"
#include "db/calendar.h"
#include "db/db_internal.h"
#include "db/deadlines.h"
#include "db/guard.h"
#include "db/rules/deadline.h"
#include "db/rules/respondent.h"
#include "db/rules/stats.h"
#include "db/schema.h"
#include "db/search.h"
#include "db/store.h"
#include "db/workspace.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long file_size(const char *home, const char *name)
{
	char path[1200];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", home, name);
	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

static double median(double *t, int runs)
{
	for (int i = 1; i < runs; i++) /* insertion sort: tiny */
		for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
			double x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[runs / 2];
}

/* Median of `runs` timings of one page of the case list for query q, in milliseconds. */
static double time_page(db *d, struct case_query *q, int runs, size_t *rows)
{
	double t[32];
	ipc_err e;

	for (int i = 0; i < runs; i++) {
		double t0 = now();
		json_t *page = db_case_list(d, q, &e);
		t[i] = (now() - t0) * 1000;
		if (!page) {
			fprintf(stderr, "bench: %s\n", e.msg);
			exit(1);
		}
		*rows = json_array_size(page);
		json_decref(page);
	}
	return median(t, runs);
}

/* The figures of issue 7: what the status bar, the deadlines screen and a calendar import
 * cost at this size. */
static void bench_deadlines(db *d)
{
	struct deadline_query week = {.limit = 50};
	char today[11], until[11], out[11];
	bool confirmed;
	json_t *rows;
	int64_t n = 0;
	double t0;
	ipc_err e;

	t0 = now();
	for (int i = 0; i < 1000000; i++)
		cal_add_workdays(d, "2026-02-10", 15 + i % 16, out, &confirmed, &e);
	/* seconds for a million calls = microseconds a call */
	printf("  cal_add_workdays, 15-30 days %8.3f us a call\n", now() - t0);
	t0 = now();
	n = deadline_overdue_count(d, false, &e);
	printf("  overdue count (status bar)   %8.2f ms (%lld overdue; target < 20 ms)\n",
	       (now() - t0) * 1000, (long long)n);
	cal_today(today);
	cal_add_days(today, 7, until);
	week.until = until;
	t0 = now();
	rows = deadline_list(d, &week, &e);
	printf("  due list, first page (50)    %8.2f ms (target < 20 ms)\n", (now() - t0) * 1000);
	json_decref(rows);
	t0 = now();
	if (db_begin(d, &e) || deadline_refresh_all(d, &n, &e) || db_commit(d, &e))
		fprintf(stderr, "bench: %s\n", e.msg);
	printf("  recompute every case's deadlines %6.2f s (%lld cases; a calendar import)\n",
	       now() - t0, (long long)n);
}

/* Median of 15 checks of a collaboration request whose body is `body` by the guard, in ms. */
static double time_guard(db *d, const char *body, int *refused)
{
	const struct rtype *t = schema_type("collab_request");
	json_t *set = json_pack("{s:s,s:s}", "subject", "协查", "body", body);
	double ms[15];
	ipc_err e;

	for (int i = 0; i < 15; i++) {
		double t0 = now();
		*refused = guard_write(d, t, set, set, &e);
		ms[i] = (now() - t0) * 1000;
	}
	json_decref(set);
	return median(ms, 15);
}

/* The guard of the collaboration channel against every confidential value of the workspace:
 * a request's body of a few lines and one of the longest text a field takes (4000 bytes,
 * digits among Chinese: a window a character), and the tables refilled at open. */
static void bench_guard(db **d, const char *home)
{
	static const char body[] = "请协助核查石家庄某商贸有限公司销售假冒注册商标运动鞋的供货来源，"
		"仓库位于北辰区某物流园，涉案金额12,800元，案发时间2026-03-02，联系人王建国。";
	char longest[4001] = "";
	int refused;
	double t0;
	ipc_err e;

	while (strlen(longest) + 40 < sizeof longest)
		strcat(longest, "第7批货物共计1,380件于2026年3月2日发往北辰"); /* 39 bytes */
	printf("  confidential values         %8lld (in %lld places)\n",
	       (long long)db_count(*d, "SELECT count(*) FROM secret_values", NULL),
	       (long long)db_count(*d, "SELECT count(*) FROM secret_refs", NULL));
	printf("  guard, a request's body    %8.3f ms", time_guard(*d, body, &refused));
	printf(" (%s; target: a few ms)\n", refused ? "refused" : "passed");
	printf("  guard, 4000 bytes of text  %8.3f ms", time_guard(*d, longest, &refused));
	printf(" (%s)\n", refused ? "refused" : "passed");
	db_meta_set(*d, "guard.form", "0", &e);
	db_close(*d);
	t0 = now();
	if (db_open(home, d, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		exit(1);
	}
	printf("  guard tables refilled at open %6.2f s\n", now() - t0);
}

/* ipcase stats of a year by IP type, and the case screen's respondent line for the case
 * whose respondent's USCC is in the most cases. */
static void bench_stats(db *d)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT p.case_id FROM t_party p JOIN (SELECT uscc,"
		" count(*) AS n FROM t_party WHERE role = 'respondent' AND uscc IS NOT NULL"
		" GROUP BY uscc ORDER BY n DESC LIMIT 1) u ON u.uscc = p.uscc LIMIT 1", NULL);
	struct respondent_history h = {0};
	char case_id[37] = "", today[11];
	double t[15], t0;
	json_t *out = NULL;
	ipc_err e;

	for (int i = 0; i < 5; i++) {
		t0 = now();
		if (stats_compute(d, &(struct stats_query){"2025", "ip_type"}, &out, &e))
			fprintf(stderr, "bench: %s\n", e.msg);
		t[i] = now() - t0;
		json_decref(out);
	}
	printf("  stats of a year by IP type  %8.2f ms (target < 100 ms)\n", median(t, 5) * 1000);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(case_id, sizeof case_id, "%s", sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	cal_today(today);
	for (int i = 0; i < 15; i++) {
		t0 = now();
		if (respondent_history(d, case_id, today, &h, &e))
			fprintf(stderr, "bench: %s\n", e.msg);
		t[i] = now() - t0;
	}
	printf("  respondent line (case screen) %6.3f ms (%lld other cases; target < 5 ms)\n",
	       median(t, 15) * 1000, (long long)h.others);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	struct db_identity id = {.office = "130100", .office_name = "石家庄市市场监督管理局",
				 .officer = "王建国", .cert = "13010001", .case_prefix = "冀石市监处罚"};
	char home[] = "/tmp/ipcase-bench-XXXXXX", cmd[64];
	struct {
		const char *label;
		struct case_query q;
	} queries[] = {
		{"case list, first page (50 rows, newest first)", {.limit = 50}},
		{"case list, status filter first page", {.status = "investigating", .limit = 50}},
		{"search 1 character  \"鞋\"", {.text = "鞋", .limit = 50}},
		{"search 2 characters \"张伟\"", {.text = "张伟", .limit = 50}},
		{"search 3+ common   \"注册商标专用权\"", {.text = "注册商标专用权", .limit = 50}},
		{"search 3+ rarer    \"阳澄湖\"", {.text = "阳澄湖", .limit = 50}},
		{"search two words   \"张伟 运动鞋\"", {.text = "张伟 运动鞋", .limit = 50}},
		{"case list, overdue filter first page", {.overdue = true, .limit = 50}},
		{"search a USCC       \"911310001CNDQ5F9RT\"", {.text = "911310001CNDQ5F9RT", .limit = 50}},
	};
	double t0, secs;
	int64_t ops;
	ipc_err e;
	db *d;

	if (!mkdtemp(home) || db_init(home, &id, &e) || db_open(home, &d, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 1;
	}
	printf("ipcase bench: %ld demo cases in %s\n", n, home);
	t0 = now();
	if (db_demo(d, n, 1, NULL, NULL, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 1;
	}
	secs = now() - t0;
	ops = db_op_count(d);
	printf("  create %ld cases          %8.2f s\n", n, secs);
	printf("  ops written               %8lld (%.0f ops/s; target >= 50000)\n", (long long)ops,
	       (double)ops / secs);
	printf("  database size             %8.1f MiB (+ WAL %.1f MiB)\n",
	       (double)file_size(home, "ipcase.db") / 1048576,
	       (double)file_size(home, "ipcase.db-wal") / 1048576);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		size_t rows = 0;
		double ms = time_page(d, &queries[i].q, 15, &rows);
		printf("  %-44s %7.2f ms (%zu rows; target < 20 ms)\n", queries[i].label, ms, rows);
	}
	bench_deadlines(d);
	bench_stats(d);
	bench_guard(&d, home);
	db_close(d);
	snprintf(cmd, sizeof cmd, "%s", getenv("BENCH_KEEP") ? "true" : "rm -rf");
	snprintf(cmd + strlen(cmd), sizeof cmd - strlen(cmd), " %s", home);
	return system(cmd) == 0 ? 0 : 1;
}
