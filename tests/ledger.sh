#!/usr/bin/env bash
# The case ledger (issue 16): `ipcase ledger` on the demo's cases plus a hand-made one titled
# =HYPERLINK(…), read back by independent readers. openpyxl finds the Chinese headers, the
# frozen header row, the autofilter over every row, date cells as dates and money as numbers,
# as many rows as `case list` has under the same filter, the hostile title as plain text and
# the collaboration and assignment tabs with their rows; Python's csv module finds the BOM,
# the same rows and the title neutralised with a leading '; the overdue column agrees with
# `case list --overdue`; a statistics tab counts the ledger's cases (only when dates alone narrow
# it). Filters (--ip-type, --from/--to, --region, --query) keep only their
# cases; the complaints and reports tab lists those of the period without who made them; bad
# options are refused and leave no file behind.
set -u
bin=${1:?usage: ledger.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-ledger-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
export HOME=$tmp IPCASE_TODAY=2026-12-04
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
py=/usr/bin/python3
hostile='=HYPERLINK("http://x","y")'

ipc() { "$bin" --home "$tmp/ws" "$@"; }
# count [FILTERS…]: how many cases `case list` has under the filters
count() { ipc case list --limit 0 --json "$@" | $py -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null
ipc demo --cases 40 >/dev/null
c=$(ipc case add --title "$hostile" --ip-type trademark --source report)
ipc party add "$c" --role respondent --name 石家庄某商贸有限公司 --uscc 91130100MA0CUL6X88 >/dev/null
ipc set "$c" clue_on=2026-11-01 filed_on=2026-11-05 decided_on=2026-11-30 fine=12345.6 >/dev/null
ipc collab new --kind investigation_assistance --to 120101 --subject 协查销售渠道 --case "$c" \
  --draft >/dev/null
i=$(ipc investigator add --name 李工 --org 某研究院 --fields electronics)
ipc assign "$c" "$i" --tasks investigate,inquire --due 2026-12-20 >/dev/null
# police transfers: a judicial transfer decision, a transfer record sent (db/rules/police.c),
# one approved but not sent, one only asked
j=$(ipc case add --title 移送司法机关案 --ip-type trademark)
ipc set "$j" decision_type=transfer_judicial >/dev/null
p=$(ipc case add --title 公安移送已批案 --ip-type trademark)
ipc approval answer "$(ipc approval ask "$p" police_transfer --reason 涉嫌犯罪)" approve >/dev/null
pt=$(ipc police transfer "$p" --reported-on 2026-12-03 --reporters 王建国:13010001,李敏:13010002)
ipc set "$pt" approved_on=$IPCASE_TODAY sent_at=${IPCASE_TODAY}T15:00 >/dev/null
n=$(ipc case add --title 公安移送未送案 --ip-type trademark)
ipc approval answer "$(ipc approval ask "$n" police_transfer --reason 涉嫌犯罪)" approve >/dev/null
w=$(ipc case add --title 公安移送待批案 --ip-type trademark)
ipc approval ask "$w" police_transfer --reason 涉嫌犯罪 >/dev/null

# complaints and reports: a report in the first half of 2026, a complaint late on its acceptance
ipc intake add --channel letter --received 2026-03-03 --kind report --subject 举报销售假冒商品 \
  --name 赵秘密 --phone 13911112222 >/dev/null
ipc intake add --channel platform_12315 --received 2026-11-02 --kind complaint \
  --subject 投诉网店售假 --anonymous >/dev/null

check "ledger --format xlsx exits 0" ipc ledger --format xlsx -o "$tmp/all.xlsx"
check "… no .part left behind" test ! -e "$tmp/all.xlsx.part"
all=$(count)
out=$($py - "$tmp/all.xlsx" "$all" "$hostile" <<'PY' 2>&1
import datetime, sys, openpyxl
path, want, hostile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
print("tabs", wb.sheetnames[:4] == ["案件台账", "协作请求", "技术调查官指派", "投诉举报"]
      and len(wb.sheetnames) == 5 and wb.sheetnames[4].startswith("统计 "))
st = list(wb.worksheets[4].iter_rows(values_only=True))
# every case of the ledger was received in the statistics' period: their count is the total's
# (the tab is in the officer's language, English here)
print("stats", st[0][:2] == ("group", "clues received") and st[-1][0] == "total" and st[-1][1] == want
      and sum(r[1] for r in st[1:-1]) == want)
print("headers", head[:4] == ["案号", "案件名称", "案由", "知识产权类型"]
      and all(h in head for h in ["统一社会信用代码", "罚款(元)", "移送公安机关", "跨区域协作",
                                  "技术调查官参与", "逾期", "线索登记日期", "结案日期",
                                  "专项行动"]))
print("frozen", ws.freeze_panes == "A2")
print("filter", ws.auto_filter.ref == "A1:%s%d" % (openpyxl.utils.get_column_letter(len(head)), want + 1))
rows = list(ws.iter_rows(min_row=2, values_only=True))
print("rows", len(rows) == want)
col = {h: i for i, h in enumerate(head)}
dates = [r[col["线索登记日期"]] for r in rows if r[col["线索登记日期"]] is not None]
print("dates", len(dates) == want and all(isinstance(d, datetime.datetime) for d in dates))
cells = [ws.cell(row=n, column=col["罚款(元)"] + 1) for n in range(2, want + 2)]
fines = [x for x in cells if x.value is not None]
print("money", len(fines) > 0 and all(isinstance(x.value, (int, float)) and x.number_format == "#,##0.00"
                                      for x in fines))
mine = [n for n in range(2, want + 2) if ws.cell(row=n, column=2).value == hostile]
t = ws.cell(row=mine[0], column=2) if mine else None
print("hostile", t is not None and t.data_type == "s" and t.value == hostile)
r = rows[mine[0] - 2] if mine else {}
print("party", mine and r[col["统一社会信用代码"]] == "91130100MA0CUL6X88" and r[col["罚款(元)"]] == 12345.6
      and r[col["决定日期"]] == datetime.datetime(2026, 11, 30) and r[col["跨区域协作"]] == "协作请求1件"
      and r[col["技术调查官参与"]] == "是")
widths = ws.column_dimensions["B"].width
print("width", widths is not None and widths > 20)
co = wb.worksheets[1]
print("collab", [c.value for c in co[2]][1:5] == ["协助调查", "石家庄市", "和平区", "协查销售渠道"]
      and co.freeze_panes == "A2")
asg = list(wb.worksheets[2].iter_rows(min_row=2, values_only=True))
print("assign", len(asg) == 1 and asg[0][1:3] == ("李工", "调查、询问") and asg[0][5] == datetime.datetime(2026, 12, 20))
PY
)
for k in tabs stats headers frozen filter rows dates money hostile party width collab assign; do
  check "xlsx: $k" grep -qx "$k True" <<<"$out"
done
[ "$fail" -eq 0 ] || echo "$out"

check "ledger --format csv exits 0" ipc ledger --format csv -o "$tmp/all.csv"
out=$($py - "$tmp/all.csv" "$all" "$hostile" <<'PY' 2>&1
import csv, sys
path, want, hostile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
raw = open(path, "rb").read()
print("bom", raw.startswith(b"\xef\xbb\xbf"))
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
print("header", rows[0][:2] == ["案号", "案件名称"])
print("rows", len(rows) - 1 == want)
print("neutralised", ["'" + hostile in r[1:2] for r in rows].count(True) == 1
      and not any(r[1] == hostile for r in rows))
PY
)
for k in bom header rows neutralised; do check "csv: $k" grep -qx "$k True" <<<"$out"; done

# ---- filters ----
ipc ledger --format xlsx --ip-type trademark -o "$tmp/tm.xlsx"
tm=$(count --ip-type trademark)
check "--ip-type trademark: as many rows as case list --ip-type trademark, all 商标" \
  $py -c 'import sys, openpyxl
rows = list(openpyxl.load_workbook(sys.argv[1]).worksheets[0].iter_rows(min_row=2, values_only=True))
sys.exit(not (len(rows) == int(sys.argv[2]) > 0 and all(r[3] == "商标" for r in rows)))' "$tmp/tm.xlsx" "$tm"
check "… fewer than all" [ "$tm" -lt "$all" ]
ipc ledger --format csv --from 2026-01-01 --to 2026-06-30 -o "$tmp/h1.csv"
check "--from/--to: every case's clue registered in the period, and some" \
  $py -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
sys.exit(not (rows and all("2026-01-01" <= r["线索登记日期"] <= "2026-06-30" for r in rows)))' "$tmp/h1.csv"
ipc ledger --format xlsx --from 2026-01-01 --to 2026-06-30 -o "$tmp/h1.xlsx"
ipc ledger --format xlsx --ip-type trademark -o "$tmp/tm.xlsx"
check "xlsx: the statistics tab covers --from..--to, and is left out under another filter" \
  $py -c 'import sys, openpyxl
a, b = (openpyxl.load_workbook(p).sheetnames for p in sys.argv[1:3])
sys.exit(not (a[4] == "统计 2026-01-01..2026-06-30" and len(b) == 4))' "$tmp/h1.xlsx" "$tmp/tm.xlsx"
check "xlsx: the complaints and reports of --from..--to, without who made them" \
  $py -c 'import datetime, sys, openpyxl
rows = list(openpyxl.load_workbook(sys.argv[1])["投诉举报"].iter_rows(values_only=True))
flat = " ".join(str(v) for r in rows for v in r)
sys.exit(not (rows[0][:2] == ("收到日期", "来源渠道") and len(rows) == 2
              and rows[1][0] == datetime.datetime(2026, 3, 3) and rows[1][3] == "举报"
              and rows[1][4] == "是" and rows[1][12] is None
              and "赵秘密" not in flat and "13911112222" not in flat))' "$tmp/h1.xlsx"
check "xlsx: every intake without a period, the late one overdue" \
  $py -c 'import sys, openpyxl
rows = list(openpyxl.load_workbook(sys.argv[1])["投诉举报"].iter_rows(values_only=True))
sys.exit(not (len(rows) == 3 and [r[13] for r in rows[1:]] == ["否", "是"]))' "$tmp/all.xlsx"
ipc ledger --format csv --region 130100 -o "$tmp/sjz.csv"
check "--region 130100: only 石家庄's divisions (the city and its districts)" \
  $py -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
allr = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
sys.exit(not (0 < len(rows) < len(allr)))' "$tmp/sjz.csv" "$tmp/all.csv"

ipc ledger --format csv --query HYPERLINK -o "$tmp/q.csv"
check "--query: the cases case list --query finds (the hostile one)" \
  $py -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
sys.exit(not (len(rows) == int(sys.argv[2]) == 1))' "$tmp/q.csv" "$(count --query HYPERLINK)"
overdue=$(count --overdue)
check "逾期: as many 是 as case list --overdue has, and some" \
  $py -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
n = sum(r["逾期"] == "是" for r in rows)
sys.exit(not (n == int(sys.argv[2]) > 0 and n < len(rows)))' "$tmp/all.csv" "$overdue"
check "移送公安机关: 是 for a judicial transfer decision and a transfer sent, 否 for one approved not sent, one only asked and the rest" \
  $py -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
police = {r["案件名称"]: r["移送公安机关"] for r in rows}
sys.exit(not (police.pop("移送司法机关案") == police.pop("公安移送已批案") == "是"
              and police.pop("公安移送待批案") == police.pop("公安移送未送案") == "否"
              and set(police.values()) == {"否"}))' \
  "$tmp/all.csv"

# ---- refusals ----
ipc ledger --format ods -o "$tmp/x.ods" 2>/dev/null; rc=$?
check "--format ods is refused (exit 2)" [ "$rc" = 2 ]
ipc ledger --format xlsx --from 2026-13-01 -o "$tmp/x.xlsx" 2>/dev/null; rc=$?
check "a bad --from is refused (exit 2), nothing written" [ "$rc" = 2 ] && [ ! -e "$tmp/x.xlsx" ]
err=$(ipc ledger --format xlsx --from 2026-02-01 --to 2026-01-01 -o "$tmp/x.xlsx" 2>&1); rc=$?
check "--from after --to is refused (exit 2) naming both" [ "$rc" = 2 ] && grep -q '2026-02-01.*2026-01-01' <<<"$err"
err=$(ipc ledger --format xlsx -o "$tmp/nodir/x.xlsx" 2>&1); rc=$?
check "an unwritable path fails as I/O (exit 5) naming the file" [ "$rc" = 5 ] && grep -q 'nodir/x.xlsx' <<<"$err"

echo "ledger: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
