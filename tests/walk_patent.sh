#!/usr/bin/env bash
# Issue 18's patent disputes (items 4, 5) across two replicas of one office (海淀 110108)
# syncing through a bare repository: A (周红, a handler) and B (李明, the head) take turns.
# Dispute 1 goes request → accepted by a panel of three → copy served → answered → oral
# hearing notified and held → mediated on an agreed mediation, whose judicial-confirmation
# limit shows in `due` on both replicas until B records the application; dispute 2 goes to its
# hearing once the time to answer has passed, then ruling (处理决定) → served → closed. The
# refusals: a panel of two or four, a ruling before the hearing notice, a penalty step on a
# dispute and a dispute's step on a penalty case, the hearing before the time to answer, and
# mediated without an agreed mediation. A hostile op — A's device accepting a dispute with a
# panel of two, pushed by the git command line — waits in B's quarantine. After every sync
# both replicas hold the same records and `ipcase verify` passes on both.
# Usage: tests/walk_patent.sh IPCASE_BINARY
set -u
bin=${1:?usage: walk_patent.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-walk-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
export IPCASE_TODAY=2026-03-02 # a Monday
panel=周红:11010802,李明:11010801,王伟:11010803

# walk NAME: the walk's cases and their records (mediations) in NAME's export, as JSON
walk() { walk_records "$1" "$p1" "${p2:-none}"; }
# due_of NAME CASE KIND: the due date of KIND for CASE in NAME's `due --json` ("" when none)
due_of() {
  w "$1" due --days 400 --json | json \
    '"".join(r["due"] for r in j if r["kind"]=="'"$3"'" and r.get("case_id")=="'"$2"'")'
}
status_of() { w "$1" case show "$2" --json | json 'j["status"]'; }
# refused WHAT PATTERN CMD…: the command fails (exit 1) saying PATTERN
refused() {
  local what=$1 pattern=$2 out
  shift 2
  out=$("$@" 2>&1 >/dev/null)
  if [ $? -eq 1 ] && grep -q -- "$pattern" <<<"$out"; then ok "$what"
  else bad "$what"; echo "     said: $out"; fi
}
# dispute TITLE: a patent dispute's request received today by A; prints its id
dispute() {
  local c
  c=$(w A case add --title "$1" --ip-type 发明专利 --handlers 周红:11010802,李明:11010801) &&
    quietly w A case set "$c" procedure=patent_dispute && echo "$c"
}

git init -q --bare "$tmp/office.git"
w B init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 \
  --create-office >/dev/null
w A init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 周红 --cert 11010802 >/dev/null
for h in A B; do w "$h" remote add office "$tmp/office.git"; done
quietly w A office join "$(office_fp B)"
quiet_sync A B
quietly w B office admit "$(device_fp A)" --roles handler
quiet_sync B A

# ---- the requests and their acceptance ----
p1=$(dispute 发明专利侵权纠纷（甲公司诉乙公司）)
p2=$(dispute 发明专利侵权纠纷（丙公司诉丁公司）)
check "A registers two requests" grep -qE '^[0-9a-f-]{36} [0-9a-f-]{36}$' <<<"$p1 $p2"
check "to accept or refuse within 5 working days" [ "$(due_of A "$p1" patent_accept)" = 2026-03-09 ]
check "the screen's next steps of a request are the dispute's" \
  grep -q "allowed: accepted, refused" <<<"$(w A case advance "$p1" closed 2>&1)"
refused "a panel of two is refused at acceptance" "three or more" w A case advance "$p1" accepted
refused "… and of four" "an odd number" \
  w A case advance "$p1" accepted handlers="$panel",赵强:11010804
refused "a penalty step on a dispute is refused, naming the procedure" "penalty procedure" \
  w A case advance "$p1" verifying
check "A accepts both with a panel of three: numbered in the dispute series" eval \
  'grep -q "^case number 京海市监专裁〔2026〕[0-9]*号$" <<<"$(w A case advance "$p1" accepted handlers="$panel")" &&
   quietly w A case advance "$p2" accepted handlers="$panel"'
refused "a ruling before the hearing notice is refused" "allowed: copy_sent" \
  w A case advance "$p2" ruled ruling=order_stop
synced "the acceptance"
check "B sees the copy to send within 5 working days of acceptance" \
  [ "$(due_of B "$p1" patent_send)" = 2026-03-09 ]
check "… and the dispute closed within 3 months" [ "$(due_of B "$p1" patent_close)" = 2026-06-02 ]
refused "B's change to a panel of two is refused" "three or more" \
  w B case set "$p1" handlers=周红:11010802,李明:11010801

# ---- dispute 1: copy, answer, hearing, mediation ----
export IPCASE_TODAY=2026-03-04
check "B serves the copies" eval 'quietly w B case advance "$p1" copy_sent &&
  quietly w B case advance "$p2" copy_sent'
synced "the copies served"
check "A sees the answer due 15 days after" [ "$(due_of A "$p1" patent_answer)" = 2026-03-19 ]
export IPCASE_TODAY=2026-03-10
check "A records the answer" quietly w A case advance "$p1" answered
check "… and the answer limit is gone" [ -z "$(due_of A "$p1" patent_answer)" ]
refused "dispute 2's hearing before the time to answer has passed is refused" "may answer until 2026-03-19" \
  w A case advance "$p2" hearing_set
check "A notifies dispute 1's oral hearing for 03-17 and holds it" eval \
  'quietly w A case advance "$p1" hearing_set hearing_on=2026-03-17 &&
   IPCASE_TODAY=2026-03-17 quietly w A case advance "$p1" heard'
export IPCASE_TODAY=2026-03-18
refused "mediated without an agreed mediation is refused" "mediation add" \
  w A case advance "$p1" mediated
m=$(w A mediation add --case "$p1" --parties 甲公司,乙公司 --mediator 周红 --on 2026-03-18 \
  --outcome agreed --agreement 乙公司停止制造并赔偿五万元 --effective-on 2026-03-18 --document-no 京海专调〔2026〕1号)
check "A records the agreed mediation" grep -qE '^[0-9a-f-]{36}$' <<<"$m"
check "… whose judicial confirmation is due in 30 days" [ "$(due_of A "$p1" judicial_confirm)" = 2026-04-17 ]
check "… listed with its limit" grep -q "京海市监专裁〔2026〕[0-9]*号 .*agreed .*甲公司、乙公司 .*2026-04-17" \
  <<<"$(w A mediation list)"
check "the dispute is mediated" quietly w A case advance "$p1" mediated
synced "the mediation"
check "B sees the limit of the judicial confirmation" [ "$(due_of B "$p1" judicial_confirm)" = 2026-04-17 ]
check "… and the dispute's own limits have ended" [ -z "$(due_of B "$p1" patent_close)" ]
check "B records the application to the court" \
  quietly w B set "$m" confirmation_applied_on=2026-04-02
synced "the application"
check "A no longer sees the limit" [ -z "$(due_of A "$p1" judicial_confirm)" ]
check "the mediation list on A has it applied" \
  [ "$(w A mediation list --json | json '[x["confirmation_applied_on"] for x in j][0]')" = 2026-04-02 ]

# ---- dispute 2: the time to answer passed, the hearing, the ruling, service, closing ----
export IPCASE_TODAY=2026-03-20
check "dispute 2's hearing is notified once the time to answer has passed" \
  quietly w A case advance "$p2" hearing_set hearing_on=2026-03-27
check "… and held" eval 'IPCASE_TODAY=2026-03-27 quietly w A case advance "$p2" heard'
export IPCASE_TODAY=2026-03-30
refused "a ruling says what was decided" "ruling=order_stop" w A case advance "$p2" ruled
check "A rules: stop infringing" quietly w A case advance "$p2" ruled ruling=责令停止侵权
refused "a penalty's execution is not a dispute's step" "penalty procedure" \
  w A case advance "$p2" executing
check "A serves the ruling" eval 'IPCASE_TODAY=2026-03-31 quietly w A case advance "$p2" served'
synced "the ruling"
check "B approves the closing and closes" eval \
  'approve_in B "$p2" close && IPCASE_TODAY=2026-03-31 quietly w B case advance "$p2" closed'
synced "the closing"
check "A sees dispute 2 closed with its ruling, dispute 1 mediated" \
  [ "$(status_of A "$p2") $(w A case show "$p2" --json | json 'j["ruling"]') $(status_of A "$p1")" = "closed order_stop mediated" ]

# ---- the other way round: a penalty case takes no step of a dispute ----
k=$(w A case add --title 销售假冒商标商品案 --ip-type 商标 --handlers 周红:11010802,李明:11010801)
refused "a dispute's step on a penalty case is refused" "procedure=patent_dispute" \
  w A case advance "$k" accepted

# ---- a hostile op: A's device accepts a dispute with a panel of two, pushed by hand ----
p3=$(dispute 外观设计专利侵权纠纷)
quiet_sync A B
if forge_build "$tmp/forge"; then
  { read -r akey; read -r _; read -r line; } < <(forge "$tmp/A/device.key" same case "$p3" \
    '{"status":"accepted","handlers":[{"name":"周红","cert":"11010802"},{"name":"李明","cert":"11010801"}]}')
  git clone -q "$tmp/office.git" "$tmp/clone"
  path="ops/case/${p3: -2}/$p3/$akey.jsonl"
  mkdir -p "$(dirname "$tmp/clone/$path")"
  printf '%s\n' "$line" >>"$tmp/clone/$path"
  git -C "$tmp/clone" add -A && git -C "$tmp/clone" commit -qm forged &&
    git -C "$tmp/clone" push -q origin HEAD:main
  quiet_sync B
  check "the forged acceptance by two waits in B's quarantine, saying why" \
    qhas B "$p3" "three or more"
  check "… and the dispute stays a request on B" [ "$(status_of B "$p3")" = clue ]
else
  bad "the forge could not be built"
fi

echo "walk_patent: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
