#!/usr/bin/env bash
# ipcase stats on 200 demo cases and hand-made ones with known fines: the totals equal sums
# computed here from `export` (money in exact decimals), also after a case changed IP type and
# one was deleted; the groups of each dimension sum to the total (a case counts under each of
# its handlers), a campaign's group holds its cases; the aggregate kept write by write equals
# one rebuilt from nothing; period forms and their errors. Then
# respondents across cases in `case list --query`: a USCC (18 characters) finds every case
# whose respondent has it (not a reporter's), and a respondent's name finds its cases whether
# written with full-width or ASCII brackets, with spaces, or without 有限公司.
set -u
bin=${1:?usage: stats.sh IPCASE_BINARY}
home=$(mktemp -d /tmp/ipcase-stats-XXXXXX)
trap 'rm -rf "$home"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
ipc() { "$bin" --home "$home/ws" "$@"; }
export IPCASE_TODAY=2026-03-02

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null || { bad "init"; exit 1; }
ipc demo --cases 200 >/dev/null || bad "demo"

# hand-made decisions of 2025 whose fines sum to 1234.56 + 0.44 + 99999999.99 (a float would drift)
mk() { # title fine confiscated decision: prints the case's id
  local id
  id=$(ipc case add --title "$1" --ip-type 商标) || { bad "case add $1"; return; }
  ipc case set "$id" clue_on=2025-01-02 filed_on=2025-01-05 decided_on=2025-03-10 \
    fine="$2" confiscated="$3" decision_type="$4" campaign=2025年测试专项行动 >/dev/null ||
    bad "case set $1"
  echo "$id"
}
mk 罚款一 1234.56 0.5 penalty >/dev/null
gone=$(mk 罚款二 0.44 0 penalty)
moved=$(mk 罚款三 99999999.99 12 transfer_judicial)
mk 罚款四 7.77 0 penalty >/dev/null
# the figures follow a case that changes group, and one deleted leaves them
ipc case set "$moved" ip_type=counterfeit_patent fine=99999999.98 >/dev/null || bad "case set"
ipc case delete "$gone" >/dev/null || bad "case delete"

ipc export --format json >"$home/export.json" || bad "export"
ipc due --overdue --json >"$home/overdue.json" || bad "due --overdue"
check_period() { # PERIOD FROM TO
  local out
  out=$(ipc stats --period "$1" --json) || { bad "stats --period $1"; return; }
  check "stats $1 equals the sums of export" /usr/bin/python3 - "$home/export.json" \
    "$home/overdue.json" "$2" "$3" "$out" <<'PY'
import json, sys
from decimal import Decimal
recs = json.load(open(sys.argv[1]))["records"]
overdue = json.load(open(sys.argv[2]))
lo, hi, s = sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
cases = [r for r in recs if "ip_type" in r and "title" in r and not r.get("deleted")]
inp = lambda v: v is not None and lo <= v <= hi
dec = [c for c in cases if inp(c["decided_on"])]
def money(k):
    return str(sum((Decimal(c[k]) for c in dec if c[k]), Decimal(0)).quantize(Decimal("0.01")))
from datetime import date
timed = [c for c in dec if c["filed_on"] and c["filed_on"] <= c["decided_on"]]
days = sum((date.fromisoformat(c["decided_on"]) - date.fromisoformat(c["filed_on"])).days for c in timed)
live = {c["id"] for c in cases}
want = {
    "received": sum(inp(c["clue_on"]) for c in cases),
    "filed": sum(inp(c["filed_on"]) for c in cases),
    "decided": len(dec),
    "closed": sum(inp(c["closed_on"]) for c in cases),
    "transferred_police": sum(c["decision_type"] == "transfer_judicial" for c in dec),
    "transferred_other": sum(c["decision_type"] == "transfer_other" for c in dec),
    "fines": money("fine"), "confiscated": money("confiscated"),
    "decided_after_filing": len(timed),
    "avg_days_to_decision": round(days / len(timed) + 1e-9, 1) if timed else None,
    "overdue": len({o.get("case_id") for o in overdue} & live),  # cases, not deadlines
}
got = s["total"]
assert s["period"] == {"from": lo, "to": hi}, s["period"]
assert got == want, (got, want)
assert got["overdue"] > 0, got
PY
}
check_period 2025 2025-01-01 2025-12-31
check_period 2025Q1 2025-01-01 2025-03-31
check_period 2024-02 2024-02-01 2024-02-29
check_period 2025-03-10..2026-02-28 2025-03-10 2026-02-28

check "2025 holds the hand-made decisions" /usr/bin/python3 -c '
import json,sys; t=json.loads(sys.argv[1])["total"]; assert t["decided"] >= 3 and t["transferred_police"] >= 1, t' \
  "$(ipc stats --period 2025 --json)"

for by in ip_type region source status decision handler campaign; do
  out=$(ipc stats --period 2025 --by "$by" --json) || { bad "stats --by $by"; continue; }
  check "--by $by: the groups sum to the total" /usr/bin/python3 - "$by" "$out" <<'PY'
import json, sys
from decimal import Decimal
by, s = sys.argv[1], json.loads(sys.argv[2])
g, t = s["groups"], s["total"]
assert len(g) >= 2 and all(x["label"] for x in g), g
for k in ("received", "filed", "decided", "closed", "transferred_police", "overdue"):
    n = sum(x[k] for x in g)
    assert (n >= t[k]) if by == "handler" else (n == t[k]), (k, n, t[k])
if by != "handler":
    assert sum(Decimal(x["fines"]) for x in g) == Decimal(t["fines"]), g
PY
done
out=$(LANGUAGE=zh_CN LANG=zh_CN.UTF-8 ipc stats --period 2025 --by ip_type)
check "labels in Chinese" grep -q "^商标 " <<<"$out"
check "the total row" grep -q "^合计 " <<<"$out"
head=$(sed -n 2p <<<"$out"); row=$(grep "^合计" <<<"$out")
check "columns aligned by display width" [ "$(wc -L <<<"$head")" = "$(wc -L <<<"$row")" ]

# ---- the same figures as a sheet, read by openpyxl ----
LANGUAGE=zh_CN LANG=zh_CN.UTF-8 ipc stats --period 2025 --by ip_type --json >"$home/stats.json"
LANGUAGE=zh_CN LANG=zh_CN.UTF-8 ipc stats --period 2025 --by ip_type --format xlsx -o "$home/stats.xlsx"
check "stats as XLSX: groups, total and money equal stats --json (openpyxl)" /usr/bin/python3 -c '
import json, sys, decimal, openpyxl
j = json.load(open(sys.argv[1]))
ws = openpyxl.load_workbook(sys.argv[2]).worksheets[0]
rows = list(ws.iter_rows(values_only=True))
body, total = rows[1:-1], rows[-1]
assert [r[0] for r in body] == [g["label"] for g in j["groups"]], (rows[0], [r[0] for r in body])
assert total[0] == "合计", total
assert total[1] == j["total"]["received"] and total[2] == j["total"]["filed"], total
fines = rows[0].index("罚款(元)")
assert decimal.Decimal(str(total[fines])).quantize(decimal.Decimal("0.01")) == decimal.Decimal(j["total"]["fines"]), (total[fines], j["total"]["fines"])
assert isinstance(total[fines], (int, float)), "money is a number cell"
' "$home/stats.json" "$home/stats.xlsx"
err=$(ipc stats --period 2025 --format xlsx 2>&1); rc=$?
check "--format xlsx without -o is a usage error (exit 2)" [ "$rc" = 2 ]

for p in 2025Q5 2025-13 25 2025-02-30..2025-03-01 2025-03-01..2025-02-01 2025x ""; do
  err=$(ipc stats --period "$p" 2>&1 >/dev/null); rc=$?
  check "period \"$p\" refused (exit 2) naming it" [ "$rc" = 2 ] && grep -qF "\"$p\"" <<<"$err"
done
check "--by campaign: the hand-made campaign holds its three live cases and their fines" \
  /usr/bin/python3 -c '
import json, sys
g = {x["key"]: x for x in json.loads(sys.argv[1])["groups"]}["2025年测试专项行动"]
assert (g["decided"], g["fines"], g["transferred_police"]) == (3, "100001242.31", 1), g' \
  "$(ipc stats --period 2025 --by campaign --json)"
check "--by ip_type: the re-typed case counts under its new type" /usr/bin/python3 -c '
import json, sys
g = {x["key"]: x for x in json.loads(sys.argv[1])["groups"]}["counterfeit_patent"]
assert g["transferred_police"] >= 1, g' "$(ipc stats --period 2025 --by ip_type --json)"
# the aggregate kept write by write (a change moves only the rows it changes; a commit of many
# cases, as the demo's, adds their rows together) equals one rebuilt from nothing by a change
# of a limit, in every dimension
i=0
for id in $(ipc case list --limit 6 --json | /usr/bin/python3 -c 'import json, sys
print(" ".join(r["id"] for r in json.load(sys.stdin)))'); do
  i=$((i + 1))
  ipc case set "$id" campaign=重算专项 clue_on=2020-01-0$i >/dev/null || bad "case set $id"
done
all_stats() { for by in ip_type region source status decision handler campaign; do # WORKSPACE
  "$bin" --home "$home/$1" stats --period 2000-01-01..2099-12-31 --by "$by" --json; done; }
kept=$(all_stats ws)
sqlite3 "$home/ws/ipcase.db" "DELETE FROM case_facts; DELETE FROM stats_days" &&
  ipc due limits patent_accept_workdays=5 >/dev/null || bad "rebuilding the aggregate"
check "the aggregate kept write by write equals one rebuilt from nothing" \
  [ "$kept" = "$(all_stats ws)" ]
# a colleague's first sync owes the figures of the cases it refreshes and adds them together
# at its end (stats_owed); a crash that left them owed is settled by the next open
git init -q --bare "$home/remote.git"
ipc remote add origin "$home/remote.git" && ipc sync >/dev/null || bad "the writer's sync"
ipb() { "$bin" --home "$home/b" "$@"; }
ipb init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 \
  >/dev/null && ipb remote add origin "$home/remote.git" && ipb sync >/dev/null ||
  bad "a colleague's sync"
check "a colleague's figures after its first sync equal the writer's" \
  [ "$(all_stats b)" = "$kept" ]
check "... and it owes none" [ "$(sqlite3 "$home/b/ipcase.db" "SELECT count(*) FROM stats_owed")" = 0 ]
merging() { sqlite3 "$home/b/ipcase.db" "SELECT v FROM fts_tri_config WHERE k = 'automerge'
  UNION ALL SELECT v FROM fts_word_config WHERE k = 'automerge'" | tr '\n' ' '; }
check "... and its search indexes merge 4 segments at a time again (16 during the refresh)" \
  [ "$(merging)" = "4 4 " ]
sqlite3 "$home/b/ipcase.db" "INSERT INTO fts_tri(fts_tri, rank) VALUES('automerge', 16);
  INSERT INTO fts_word(fts_word, rank) VALUES('automerge', 16)" # a refresh killed half way
ipb case list --limit 1 >/dev/null || bad "an open after the kill"
check "... and a refresh cut short leaves them so only until the next open" \
  [ "$(merging)" = "4 4 " ]
ids_found() { "$bin" --home "$home/$1" case list --query 罚款 --json | /usr/bin/python3 -c \
  'import json,sys; print(" ".join(sorted(r["id"] for r in json.load(sys.stdin))))'; }
found=$(ids_found ws)
check "... and its search finds what the writer's finds" [ -n "$found" -a "$(ids_found b)" = "$found" ]
sqlite3 "$home/b/ipcase.db" "INSERT INTO stats_owed SELECT id FROM case_facts; DELETE FROM stats_days"
ipb sync >/dev/null || bad "a sync after the crash"
check "figures a crash left owed are settled by the next open" [ "$(all_stats b)" = "$kept" ]
check "... and has figures (the campaign's six cases)" grep -q '"key": "重算专项"' <<<"$kept"
err=$(ipc stats --period 2025 --by colour 2>&1)
check "--by an unknown dimension names it" grep -q '"colour"' <<<"$err"
err=$(ipc stats 2>&1); rc=$?
check "--period is needed" [ "$rc" = 2 ]

# ---- respondents across cases: case list --query by USCC and by the name spelt otherwise ----
uscc=911310001CNDQ5F9RT
party_case() { # TITLE ROLE NAME
  local id
  id=$(ipc case add --title "$1" --ip-type trademark) &&
    ipc party add "$id" --role "$2" --name "$3" --uscc "$uscc" >/dev/null || bad "add $1"
}
party_case 甲案 当事人 "保定恒信商贸有限公司（高新区）"
party_case 乙案 当事人 "保定恒信商贸有限公司 (高新区)"
party_case 丙案 举报人 "保定恒信商贸有限公司（高新区）"

titles() { ipc case list --query "$1" --json | /usr/bin/python3 -c '
import json,sys; print(" ".join(sorted(r["title"] for r in json.load(sys.stdin))))'; }
got=$(titles "$uscc")
check "the USCC finds the respondent's two cases, not the reporter's" /usr/bin/python3 -c '
import sys; t=sys.argv[1].split(); assert "丙案" not in t and "甲案" in t and "乙案" in t, t' "$got"
check "the USCC in lower case too" [ "$(titles "${uscc,,}")" = "$got" ]
for q in "保定恒信商贸有限公司（高新区）" "保定恒信商贸有限公司(高新区)" "保定恒信商贸有限公司 (高新区)" \
         "保定恒信商贸" "恒信商贸（高新区）"; do
  check "the name \"$q\" finds both" /usr/bin/python3 -c '
import sys; t=sys.argv[1].split(); assert "甲案" in t and "乙案" in t, t' "$(titles "$q")"
done
check "a USCC nobody has finds nothing" [ -z "$(titles 91110000600037341L)" ]

echo "stats: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
