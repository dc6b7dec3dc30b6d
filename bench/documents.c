/* bench/documents — issuing documents (issue 15): one 行政处罚决定书 as PDF in a fresh process
 * (its fonts loaded) and warm, then a batch of N documents of one case file (default 100:
 * decisions, disclosure summaries, source registers and proofs of service in turn), each
 * made from its template, numbered, rendered, hashed, copied into the workspace and recorded.
 * Usage: build/bench-documents [N]. Prints figures and the peak RSS; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "db/rules/docissue.h"
#include "db/store.h"
#include "db/workspace.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const ipc_err *e)
{
	fprintf(stderr, "bench-documents: %s: %s\n", what, e->msg);
	exit(1);
}

static void write_rec(db *d, const char *type, json_t *set, char id[37])
{
	ipc_err e;

	if (!set || db_write(d, type, NULL, set, id, &e))
		die(type, &e);
	json_decref(set);
}

/* A decided trademark case with its party, reporter and evidence. */
static db *case_file(char home[40], char case_id[37])
{
	struct db_identity me = {.office = "130100", .office_name = "石家庄市市场监督管理局",
				 .officer = "王建国", .cert = "13010001", .case_prefix = "石市监处罚"};
	char id[37], path[96];
	ipc_err e;
	FILE *f;
	db *d;

	strcpy(home, "/tmp/ipcase-bench-doc-XXXXXX");
	if (!mkdtemp(home) || db_init(home, &me, &e) || db_open(home, &d, &e))
		die("workspace", &e);
	snprintf(path, sizeof path, "%s/templates", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/templates/office.txt", home);
	if ((f = fopen(path, "w"))) {
		fputs("review.court = 石家庄市长安区人民法院\noffice.payment = 中国工商银行石家庄分行\n", f);
		fclose(f);
	}
	write_rec(d, "case", json_pack("{s:s,s:s,s:s,s:s,s:[{s:s,s:s},{s:s,s:s}],s:s,s:s,s:s,s:s,"
				       "s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
				       "title", "销售假冒耐克运动鞋案", "ip_type", "trademark", "source",
				       "report", "clue_on", "2026-11-02", "handlers", "name", "王建国",
				       "cert", "13010001", "name", "李敏", "cert", "13010002", "status",
				       "decided", "decision_type", "penalty", "fine", "20000",
				       "cause", "销售侵犯注册商标专用权的商品", "facts",
				       "当事人于2026年11月在其经营场所销售标有\"NIKE\"商标的运动鞋120双，经商标"
				       "权利人鉴定为侵权商品，违法经营额36000元。",
				       "provisions_violated", "《中华人民共和国商标法》第五十七条第（三）项",
				       "provisions_applied", "《中华人民共和国商标法》第六十条第二款",
				       "penalty", "没收侵权商品120双，罚款人民币20000元", "notified_on",
				       "2026-11-20", "statement_on", "2026-11-21", "decided_on", "2026-11-30",
				       "illegal_turnover",
				       "36000", "filed_on", "2026-11-05"), case_id);
	write_rec(d, "party", json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "case_id", case_id, "role",
					"respondent", "name", "石家庄某商贸有限公司", "uscc",
					"91130100MA0CUL6X88", "address", "石家庄市长安区中山东路1号",
					"legal_rep", "赵某"), id);
	write_rec(d, "party", json_pack("{s:s,s:s,s:s}", "case_id", case_id, "role", "reporter",
					"name", "举报人钱某某"), id);
	for (int i = 0; i < 12; i++) {
		char desc[96];
		snprintf(desc, sizeof desc, "现场检查照片第%d组，证明当事人销售侵权商品", i + 1);
		write_rec(d, "evidence", json_pack("{s:s,s:s,s:s}", "case_id", case_id, "kind",
						   "audio_video", "description", desc), id);
	}
	return d;
}

static double make(db *d, const char *case_id, const char *kind)
{
	struct docissue_out out;
	double t0 = now();
	ipc_err e;

	if (docissue_make(d, &(struct docissue_req){.case_id = case_id, .kind = kind}, &out, &e))
		die(kind, &e);
	return now() - t0;
}

int main(int argc, char **argv)
{
	static const char *const batch[] = {"decision", "disclosure_summary", "source_register",
					    "service_receipt"};
	long n = argc > 1 ? atol(argv[1]) : 100;
	char home[40], case_id[37], cmd[80];
	double cold, warm, total = 0, worst = 0;
	struct rusage ru;
	db *d = case_file(home, case_id);

	cold = make(d, case_id, "decision");
	warm = make(d, case_id, "decision");
	printf("one 决定书 as PDF, fonts loaded first: %.0f ms (target < 200 ms)\n", cold * 1000);
	printf("one 决定书 as PDF, warm:               %.0f ms\n", warm * 1000);
	for (long i = 0; i < n; i++) {
		double t = make(d, case_id, batch[i % 4]);
		total += t;
		worst = t > worst ? t : worst;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("%ld documents of one case file in a batch: %.2f s, %.0f ms each, slowest %.0f ms\n",
	       n, total, total * 1000 / (double)(n ? n : 1), worst * 1000);
	printf("max RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024);
	db_close(d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	return system(cmd) ? 1 : 0;
}
