#!/usr/bin/env bash
# A case walked from clue to archive through every approval the procedure asks (FACTS.md §9),
# on three devices of one office syncing through a real bare repository: the handler (h) asks,
# the head (a, who also holds the office key) answers, the legal reviewer (r) gives the legal
# review's opinion. Each step refused before its approval says how to ask; a handler cannot
# answer; a too-early decision is refused with the statement period; every replica ends with
# the same case and nothing in its quarantine.
set -u
bin=${1:?usage: procedure.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-procedure-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8

w() { local h=$1; shift; "$bin" --home "$tmp/$h" "$@"; }
json() { /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
device_fp() { w "$1" office show --json | json 'j["device_fingerprint"]'; }
sync_all() {
  local h out
  for h in "$@"; do out=$(w "$h" sync 2>&1) || { bad "sync of $h"; echo "     said: $out"; }; done
}
# waiting DEVICE STEP: the id of the approval of STEP waiting for DEVICE's answer
waiting() { w "$1" approvals --json | json "[a['id'] for a in j if a['step']=='$2'][0]"; }
quietly() { "$@" >/dev/null; }
field() { w "$1" case show "$2" --json | json "j.get('$3')"; }

git init -q --bare "$tmp/office.git"
export IPCASE_TODAY=2026-03-02
w a init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王局长 --cert 13010000 \
  --create-office >/dev/null
fp=$(w a office show --json | json 'j["fingerprint"]')
w h init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
w r init --office 130100 --office-name 石家庄市市场监督管理局 --officer 法制科 --cert 13010009 >/dev/null
for d in a h r; do w "$d" remote add office "$tmp/office.git"; done
w h office join "$fp" >/dev/null 2>&1
w r office join "$fp" >/dev/null 2>&1
sync_all h r a
w a office admit "$(device_fp h)" --roles handler >/dev/null
w a office admit "$(device_fp r)" --roles reviewer >/dev/null
sync_all a h r

# ---- clue → filed: the head approves the filing ----
c=$(w h case add --title 销售假冒注册商标商品案 --ip-type 商标 \
  --handlers 王建国:13010001,李敏:13010002)
w h case advance "$c" verifying >/dev/null
out=$(w h case advance "$c" filed 2>&1); rc=$?
check "filing before the head's approval is refused (exit 1)" [ $rc -eq 1 ]
check "… saying how to ask for it" grep -q "approval ask ${c:0:8} file" <<<"$out"
aid=$(w h approval ask "$c" file --reason 证据确凿)
out=$(w h approval answer "$aid" approve --opinion 同意 2>&1); rc=$?
check "the handler cannot answer its own request (exit 1)" [ $rc -eq 1 ]
check "… the role named" grep -qi "head" <<<"$out"
check "nothing waits for the handler" grep -q "nothing waits" <<<"$(w h approvals)"
sync_all h a
check "the head sees it waiting, with the reason" grep -q 证据确凿 <<<"$(w a approvals)"
check "the head approves" w a approval answer "$(waiting a file)" approve --opinion 同意立案
sync_all a h
check "the handler files once the approval arrived" quietly w h case advance "$c" filed
check "… with a case number" [ "$(field h "$c" case_no)" != None ]

# ---- investigation, legal review, notice ----
for s in investigating investigation_closed legal_review; do w h case advance "$c" "$s" >/dev/null; done
w h case set "$c" major=true >/dev/null
export IPCASE_TODAY=2026-03-10
w h case advance "$c" notified notified_on=2026-03-10 >/dev/null
export IPCASE_TODAY=2026-03-11
out=$(w h case advance "$c" decided decision_type=penalty fine=20000 2>&1); rc=$?
check "a decision one day after the notice is refused (exit 1)" [ $rc -eq 1 ]
check "… naming the end of the statement period" grep -q "until 2026-03-17" <<<"$out"
w h case set "$c" statement_on=2026-03-11 >/dev/null
w h approval ask "$c" decision >/dev/null
w h approval ask "$c" legal_review --reason 重大案件 >/dev/null
sync_all h a r
check "the reviewer sees the legal review waiting" grep -q "legal review" <<<"$(w r approvals)"
check "… and not the decision, which is the head's" \
  bash -c '! grep -q "the decision" <<<"$1"' _ "$(w r approvals)"
out=$(w r approval answer "$(waiting r legal_review)" approve 2>&1); rc=$?
check "a legal review without the reviewer's opinion is refused" [ $rc -eq 1 ]
check "the reviewer gives the opinion" \
  w r approval answer "$(waiting r legal_review)" approve --opinion 事实清楚，证据确凿，同意
check "the head approves the decision" w a approval answer "$(waiting a decision)" approve --opinion 同意
sync_all r a h
out=$(w h case advance "$c" decided decision_type=penalty fine=20000 2>&1); rc=$?
check "a major case without the heads' discussion is refused" [ $rc -eq 1 ]
check "… saying what to record" grep -q "discussion add" <<<"$out"
check "the head records the collective discussion" quietly w a discussion add "$c" --purpose major_case \
  --on 2026-03-11 --participants 王局长:13010000,张副局长:13010005 --conclusion 同意处罚
sync_all a h
check "the decision is made" w h case advance "$c" decided decision_type=penalty fine=20000

# ---- service, execution, closing, archive ----
export IPCASE_TODAY=2026-03-12
w h case advance "$c" served >/dev/null
w h approval ask "$c" close >/dev/null
sync_all h a
w a approval answer "$(waiting a close)" approve --opinion 同意结案 >/dev/null
sync_all a h
out=$(w h case advance "$c" closed 2>&1); rc=$?
check "closing with the fine unpaid is refused" [ $rc -eq 1 ] && grep -q "not paid" <<<"$out"
w h case set "$c" fine_paid_on=2026-03-20 >/dev/null
out=$(w h case advance "$c" closed 2>&1); rc=$?
check "closing with the penalty unpublished is refused" [ $rc -eq 1 ] && grep -q "not published" <<<"$out"
w h case set "$c" disclosed_on=2026-03-25 >/dev/null
export IPCASE_TODAY=2026-03-26
check "closing once paid and published" w h case advance "$c" closed
check "archiving" w h case advance "$c" archived
sync_all h a r

for d in a r; do
  check "$d holds the case archived" [ "$(field "$d" "$c" status)" = archived ]
  check "$d holds the same case as the handler" \
    [ "$(w "$d" case show "$c" --json | json 'j["case_no"], j["decided_on"], j["closed_on"]')" = \
      "$(w h case show "$c" --json | json 'j["case_no"], j["decided_on"], j["closed_on"]')" ]
  check "$d's quarantine is empty" [ "$(w "$d" quarantine --json | json 'len(j)')" = 0 ]
done
check "the approvals are on record: asked, answered, by whom" \
  [ "$(w a case show "$c" --json | json "sorted((x['step'], x['status'], x['approver']) for x in j['approval'])")" = \
    "[('close', 'approved', '王局长'), ('decision', 'approved', '王局长'), ('file', 'approved', '王局长'), ('legal_review', 'approved', '法制科')]" ]

echo "procedure: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
