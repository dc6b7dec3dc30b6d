#!/usr/bin/env bash
# Issue 17's walk across two replicas of one office (海淀 110108) syncing through real bare
# repositories: A (周红, a handler) and B (李明, the head who approves) take turns. A records a
# real-name complaint and a real-name report, makes the complaint a clue and files the case; B
# sees the link; the transfer to the police goes report → approval → sending → not opened →
# reconsideration → returned, each limit in `due --json` on both replicas until its step is
# recorded on the other one; the case goes on to a penalty, its disclosure, a repair
# application and its decision. After every sync both replicas hold the same records of the
# walk and `ipcase verify` passes on both. Then the identity: the guard refuses a request
# naming the reporter or the complainant's ID number; a request about the case goes to 天津北辰
# (120113), and no object of the collaboration repository holds the complainant's or the
# reporter's name, phone or ID number (the case's respondent is there); nor do the
# 行政处罚告知书, 行政处罚决定书 and 送达回证 (PDF by pdftotext, DOCX by python-docx, which find
# the party), the intake inbox, the ledger or the statistics.
# Usage: tests/walk_intake.sh IPCASE_BINARY
set -u
bin=${1:?usage: walk_intake.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-walk-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
export IPCASE_TODAY=2026-03-02 # a Monday

# The identity the walk must keep inside the office: the complainant's and the reporter's.
identity=(钱投诉人 13711112222 130102199001011237 吴举报人 13822223333 11010519491231002X)
identity_re=$(IFS='|'; echo "${identity[*]}")
# holds / none_of TEXT: TEXT holds a part of the identity / none
holds() { grep -qE "$identity_re" <<<"$1"; }
none_of() { ! holds "$1"; }

# walk NAME: the records of the walk in NAME's export (the intakes, the case, every record of
# the case), sorted by id, as JSON
walk() { walk_records "$1" "$c1" "$r1" "${k:-none}"; }
# due_of NAME KIND: the due date NAME's `due --json` gives the walk's limit of KIND ("" when
# none)
due_of() {
  w "$1" due --days 400 --json | json \
    '"".join(r["due"] for r in j if r["kind"]=="'"$2"'" and (r.get("case_id")=="'"${k:-}"'" or r.get("intake_id") in ("'"$c1"'","'"$r1"'")))'
}
# made FILE…: each file was made and is not empty
made() { local f; for f in "$@"; do [ -s "$f" ] || return 1; done; }
# set_on NAME DATE ID FIELD=VALUE…: `ipcase set` in NAME on DATE
set_on() { local h=$1 d=$2; shift 2; IPCASE_TODAY=$d quietly w "$h" set "$@"; }

git init -q --bare "$tmp/office.git"
git init -q --bare "$tmp/collab.git"
git init -q --bare "$tmp/office-t.git"
w B init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 \
  --create-office >/dev/null
w A init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 周红 --cert 11010802 >/dev/null
w T init --office 120113 --office-name 天津市北辰区市场监督管理局 --officer 赵强 --cert 12011301 >/dev/null
for h in A B; do w "$h" remote add office "$tmp/office.git"; done
w T remote add office "$tmp/office-t.git"
for h in A B T; do w "$h" remote add collab "$tmp/collab.git" --channel collab; done
quietly w A office join "$(office_fp B)"
quiet_sync A B
quietly w B office admit "$(device_fp A)" --roles handler
quiet_sync B A T
check "A is a handler, B the head" \
  [ "$(w A office show --json | json '",".join(j["roles"])')/$(w B office show --json | json '"head" in j["roles"]')" = handler/True ]

# ---- A: a complaint and a report with their identity; the complaint a clue, the report linked ----
c1=$(w A intake add --channel 12315平台 --ticket 1231520260302001 --received 2026-03-02 --kind 投诉 \
  --name 钱投诉人 --phone 13711112222 --id-number 130102199001011237 --subject 购买到假冒商标运动鞋 \
  --respondent 北京某商贸有限公司 --uscc 914403001922038216 --goods 运动鞋 --place 中关村大街1号)
r1=$(w A intake add --channel 来信 --received 2026-03-02 --kind 举报 --name 吴举报人 \
  --phone 13822223333 --id-number 11010519491231002X --subject 同一商户销售假冒运动鞋 \
  --respondent 北京某商贸有限公司)
check "A records a complaint and a report" grep -qE '^[0-9a-f-]{36} [0-9a-f-]{36}$' <<<"$c1 $r1"
k=$(w A intake clue "$c1" --ip-type 商标)
check "A makes the complaint a clue" grep -qE '^[0-9a-f-]{36}$' <<<"$k"
check "A links the report to the same case" quietly w A intake link "$r1" "$k"
synced "the intakes"
check "B sees both intakes linked to the case" [ "$(w B intake list --all --json | json \
  '" ".join(sorted(x["case_id"] for x in j if x["id"] in ("'"$c1"'","'"$r1"'")))')" = "$k $k" ]
check "B sees the clue from a complaint, the complainant a party" [ "$(w B case show "$k" --json | json \
  'j["source"]+" "+[p["name"] for p in j["parties"] if p["role"]=="complainant"][0]')" = "complaint 钱投诉人" ]
check "the complaint's decision is due on B: 7 working days" [ "$(due_of B intake_accept)" = 2026-03-11 ]
export IPCASE_TODAY=2026-03-03
check "B accepts the complaint and tells the complainant" \
  eval 'quietly w B intake accept "$c1" --on 2026-03-03 && quietly w B intake told "$c1" --on 2026-03-03'
check "… on A until then" [ "$(due_of A intake_accept)" = 2026-03-11 ]
synced "the complaint accepted on B"
check "… gone on A once B accepted it and told the complainant" [ -z "$(due_of A intake_accept)" ]
check "A holds B's acceptance (an op setting the outcome alone), nothing quarantined" \
  [ "$(w A intake show "$c1" --json | json 'j["outcome"]+" "+j["outcome_on"]')/$(w A quarantine --json | json 'len(j)')" = "accepted 2026-03-03/0" ]

# ---- the filing: A asks, B approves, A files ----
export IPCASE_TODAY=2026-03-04
quietly w A set "$k" facts=举报反映当事人销售假冒耐克运动鞋。 cause=销售侵犯注册商标专用权的商品 \
  handlers=周红:11010802,李明:11010801
quietly w A case advance "$k" verifying
aid=$(w A approval ask "$k" file --reason 证据确凿)
synced "the filing asked"
check "B approves the filing" quietly w B approval answer "$aid" approve --opinion 同意立案
synced "the filing approved"
check "A files the case" quietly w A case advance "$k" filed
check "no reporter to tell on B before it sees the filing" [ -z "$(due_of B intake_tell)" ]
synced "the filing"
check "the report's reporter is to be told within 5 working days of the filing, on B" \
  [ "$(due_of B intake_tell)" = 2026-03-11 ]
check "B tells the reporter" eval 'IPCASE_TODAY=2026-03-05 quietly w B intake told "$r1" --on 2026-03-05'
synced "the reporter told on B"
check "… gone on A" [ -z "$(due_of A intake_tell)" ]

# ---- the transfer to the police: each step on the other replica than the one before ----
export IPCASE_TODAY=2026-03-09
t=$(w A police transfer "$k" --reported-on 2026-03-09 --reporters 周红:11010802,李明:11010801 \
  --offence sell_counterfeit)
check "A records the transfer report by two officers" grep -qE '^[0-9a-f-]{36}$' <<<"$t"
aid=$(w A approval ask "$k" police_transfer --reason 涉嫌销售假冒注册商标的商品罪)
check "the head's answer is due in 3 days, on A" [ "$(due_of A police_approve)" = 2026-03-12 ]
synced "the transfer reported"
check "… and on B" [ "$(due_of B police_approve)" = 2026-03-12 ]
export IPCASE_TODAY=2026-03-10
check "B approves the transfer" quietly w B approval answer "$aid" approve --opinion 同意移送
check "B records the day of the approval" set_on B 2026-03-10 "$t" approved_on=2026-03-10
check "the approval's limit is still on A before the sync" [ "$(due_of A police_approve)" = 2026-03-12 ]
synced "the transfer approved on B"
check "… gone on A after it" [ -z "$(due_of A police_approve)" ]
check "the sending within 24 hours, on A" [ "$(due_of A police_send)" = 2026-03-11 ]
check "A sends it and the police receive it" set_on A 2026-03-10 "$t" sent_at=2026-03-10T15:00 \
  police=北京市公安局海淀分局 police_received_on=2026-03-10
synced "the transfer sent on A"
check "the sending's limit is gone on B" [ -z "$(due_of B police_send)" ]
check "the police decide within 3 days of receipt, on B" [ "$(due_of B police_decide)" = 2026-03-13 ]
check "B records the police's refusal to open a case" set_on B 2026-03-12 "$t" \
  police_decision=not_opened police_decision_on=2026-03-12
synced "the police's decision on B"
check "the decision's limit is gone on A" [ -z "$(due_of A police_decide)" ]
check "reconsideration within 3 days of the refusal, on A" [ "$(due_of A police_reconsider)" = 2026-03-15 ]
check "A asks for reconsideration" set_on A 2026-03-13 "$t" reconsideration_on=2026-03-13 \
  reconsideration_result=维持不予立案
synced "the reconsideration on A"
check "the reconsideration's limit is gone on B" [ -z "$(due_of B police_reconsider)" ]
check "B records the case returned" set_on B 2026-03-16 "$t" returned_on=2026-03-16
synced "the return on B"
check "A holds the returned transfer, and no police limit is left on either" [ "$(w A case show "$k" --json | json \
  'j["police_transfer"][0]["police_decision"]+" "+j["police_transfer"][0]["returned_on"]')/$(due_of A police_decide)$(due_of A police_reconsider)$(due_of B police_decide)$(due_of B police_reconsider)" \
  = "not_opened 2026-03-16/" ]

# ---- the returned case continues to a penalty, its approval on B ----
export IPCASE_TODAY=2026-03-17
for s in investigating investigation_closed legal_review; do quietly w A case advance "$k" "$s"; done
party=$(w A case show "$k" --json | json '[p["id"] for p in j["parties"] if p["role"]=="respondent"][0]')
quietly w A set "$party" address=北京市海淀区中关村大街1号
quietly w A set "$k" provisions_violated='《中华人民共和国商标法》第五十七条第（三）项' \
  provisions_applied='《中华人民共和国商标法》第六十条第二款' \
  penalty='没收侵权商品120双，罚款人民币20000元' fine=20000 illegal_turnover=36000
quietly w A evidence add "$k" --kind physical --desc 'Nike运动鞋120双，证明当事人销售侵权商品' \
  --at '2026-03-17 10:00' --place 中关村大街1号 --by 周红
notice_pdf=$(deep_run w A doc make "$k" penalty_notice -o "$tmp/notice.pdf")
notice_docx=$(deep_run w A doc make "$k" penalty_notice --format docx -o "$tmp/notice.docx")
check "A makes the 行政处罚告知书 as PDF and DOCX" made "$notice_pdf" "$notice_docx"
export IPCASE_TODAY=2026-03-18
quietly w A case advance "$k" notified notified_on=2026-03-18
quietly w A set "$k" statement_on=2026-03-19
aid=$(w A approval ask "$k" decision --reason 事实清楚，证据确凿)
synced "the decision asked"
export IPCASE_TODAY=2026-03-20
check "B approves the decision" quietly w B approval answer "$aid" approve --opinion 同意处罚
synced "the decision approved"
check "A decides the penalty" quietly w A case advance "$k" decided decision_type=penalty
decision_pdf=$(deep_run w A doc make "$k" decision -o "$tmp/decision.pdf")
decision_docx=$(deep_run w A doc make "$k" decision --format docx -o "$tmp/decision.docx")
check "A makes the 行政处罚决定书 as PDF and DOCX" made "$decision_pdf" "$decision_docx"
quietly w A set "$k" service_method=direct
check "A serves the decision" quietly w A case advance "$k" served served_on=2026-03-20
receipt_pdf=$(deep_run w A doc make "$k" service_receipt -o "$tmp/receipt.pdf")
receipt_docx=$(deep_run w A doc make "$k" service_receipt --format docx -o "$tmp/receipt.docx")
check "A makes the 送达回证 as PDF and DOCX" made "$receipt_pdf" "$receipt_docx"
synced "the penalty decided on A"
check "B holds the case decided with a penalty and served, nothing left to serve" [ "$(w B case show "$k" --json | json \
  'j["status"]+" "+j["decision_type"]+" "+j["decided_on"]+" "+j["served_on"]')/$(due_of B service)" = "served penalty 2026-03-20 2026-03-20/" ]
check "the disclosure is due in 20 working days of the decision (清明 off), on B" [ "$(due_of B disclosure)" = 2026-04-20 ]

# ---- credit: the disclosure on B, the repair asked on A and decided on B ----
export IPCASE_TODAY=2026-03-23
check "B publishes the penalty" quietly w B credit publish "$k" --on 2026-03-23 --platform 国家企业信用信息公示系统
check "the disclosure's limit is gone on B" [ -z "$(due_of B disclosure)" ]
check "… still on A before the sync" [ "$(due_of A disclosure)" = 2026-04-20 ]
synced "the disclosure on B"
check "… gone on A after it" [ -z "$(due_of A disclosure)" ]
check "A reads the disclosure: 36 months, a repair from 2026-09-23" [ "$(w A credit show "$k" --json | json \
  'j["published"]+" "+str(j["months"])+" "+j["repair_earliest"]')" = "2026-03-23 36 2026-09-23" ]
check "A records the fine paid" set_on A 2026-03-30 "$k" fine_paid_on=2026-03-30
export IPCASE_TODAY=2026-09-24
rep=$(w A credit repair "$k" --applied-on 2026-09-24 --harm-removed --not-listed)
check "A records the repair application after the earliest date" grep -qE '^[0-9a-f-]{36}$' <<<"$rep"
synced "the repair asked on A"
export IPCASE_TODAY=2026-09-28
check "B grants it, every condition met" quietly w B credit decide "$rep" granted --reason 条件均已满足 --on 2026-09-28
synced "the repair decided on B"
check "A sees the display ended by the granted repair" [ "$(w A credit show "$k" --json | json \
  'j["withdrawn"]+" "+j["repairs"][0]["decision"]')" = "2026-09-28 granted" ]

# ---- the identity: nowhere in the collaboration repository ----
export IPCASE_TODAY=2026-09-29
# guarded WHAT BODY: a request about the case whose body is BODY is refused as confidential
guarded() {
  local out
  out=$(w A collab new --kind 协助调查 --to 120113 --case "$k" --subject 核查 --body "$2" 2>&1) &&
    { bad "refused: $1 (it was sent)"; return; }
  check "refused: $1, naming the kind of value and not the value" \
    eval 'grep -q "confidential value.*complaint or report" <<<"$out" && none_of "$out"'
}
guarded "the reporter's name, known only from the report linked to the case" 举报人吴举报人称供货商在北辰
guarded "the complainant's ID number, spaced" "身份证 130102 19900101 1237"
req=$(w A collab new --kind 协助调查 --to 120113 --case "$k" --subject 请协助核查运动鞋供货商 \
  --body 当事人称货源来自天津北辰区某仓库，请协助核查。)
check "A asks 北辰 (another region) to help about the case" grep -qE '^[0-9a-f-]{36}$' <<<"$req"
quiet_sync A T
synced "the request to 北辰"
check "北辰 holds the request" [ "$(w T collab list --inbox --json | json '[r["id"] for r in j]')" = "['$req']" ]
git --git-dir "$tmp/collab.git" cat-file --batch-all-objects --batch >"$tmp/collab-objects"
check "the collaboration repository holds the request and the case's respondent, in clear" \
  eval 'grep -q "$req" "$tmp/collab-objects" && grep -q 北京某商贸有限公司 "$tmp/collab-objects"'
git --git-dir "$tmp/office.git" cat-file --batch-all-objects --batch >"$tmp/office-objects"
check "the same search finds the identity in the office's own repository (its officers' channel)" \
  grep -qF -e 钱投诉人 -e 11010519491231002X "$tmp/office-objects"
for x in "${identity[@]}"; do
  check "no object of the collaboration repository holds $x" bash -c '! grep -qF "$1" "$2"' _ "$x" "$tmp/collab-objects"
done

# ---- nor any document addressed to the party ----
# text FILE: what an independent reader finds in a PDF (pdftotext) or a DOCX (python-docx)
text() {
  case $1 in
  *.pdf) pdftotext "$1" - 2>/dev/null | tr -d ' \n\f' ;;
  *.docx) /usr/bin/python3 -c 'import sys, docx
d = docx.Document(sys.argv[1])
parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
print("".join(parts).replace(" ", ""))' "$1" ;;
  esac
}
check "the same reading finds the complainant in the 案件来源登记表 (internal, not addressed to the party)" \
  holds "$(text "$(deep_run w A doc make "$k" source_register -o "$tmp/register.pdf")")"
for f in "$notice_pdf" "$notice_docx" "$decision_pdf" "$decision_docx" "$receipt_pdf" "$receipt_docx"; do
  doc=$(text "$f")
  check "$(basename "$f") names the party" grep -q 北京某商贸有限公司 <<<"$doc"
  check "… and no part of the identity" none_of "$doc"
done

# ---- nor the inbox, the ledger or the statistics ----
for h in A B; do
  check "$h's intake inbox holds both intakes" [ "$(w $h intake list --all --json | json 'len(j)')" = 2 ]
  check "… without the identity" none_of "$(w $h intake list; w $h intake list --all; w $h intake list --all --json)"
done
quietly w A ledger --format csv -o "$tmp/ledger.csv"
quietly w A ledger --format xlsx -o "$tmp/ledger.xlsx"
check "the ledger (CSV) names the case's party" grep -q 北京某商贸有限公司 "$tmp/ledger.csv"
check "… and no part of the identity" none_of "$(cat "$tmp/ledger.csv")"
check "… from a complaint, transferred to the police, with a collaboration request" [ "$(/usr/bin/python3 -c '
import csv, sys
r = [x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")) if x["案件名称"] == "购买到假冒商标运动鞋"]
print(len(r), r[0]["案件来源"], r[0]["移送公安机关"], r[0]["跨区域协作"])' "$tmp/ledger.csv")" = "1 投诉 是 协作请求1件" ]
sheets=$(/usr/bin/python3 -c 'import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb:
    for row in ws.iter_rows(values_only=True):
        print(ws.title, *("" if v is None else v for v in row))' "$tmp/ledger.xlsx")
check "the ledger (XLSX) lists both intakes in its 投诉举报 tab" [ "$(grep -c "^投诉举报 .*运动鞋" <<<"$sheets")" = 2 ]
check "… and no part of the identity in any tab" none_of "$sheets"
check "the statistics count the two intakes" [ "$(w A stats --period 2026 --json | json 'j["intakes"]["received"]')" = 2 ]
check "… without the identity" none_of "$(w A stats --period 2026 --json; w A stats --period 2026)"

echo "walk_intake: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
