#!/usr/bin/env bash
# Approvals by role through a real bare repository: 海淀 (110108) with an administrator and
# head (h1) and a handler-only device (h2). The handler asks (approval ask), both see what is
# asked (approvals --all), only the head sees it as his (approvals); the handler cannot
# answer; the head refuses (an opinion is required), approves, and cannot answer twice; a
# forged answer signed by the handler's device, pushed into the office repository, is
# quarantined by the head's device and the approval stays asked. Usage: tests/approval.sh BIN
set -u
bin=${1:?usage: approval.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-approval-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
export IPCASE_TODAY=2026-03-02

status_of() { w "$1" case show "$2" --json | json "[a['status'] for a in j['approval'] if a['id']=='$3'][0]"; }
# run NAME ARGS…: ipcase in NAME; $out its output (both streams), $rc its exit status
run() { out=$(w "$@" 2>&1); rc=$?; }

forge_build "$tmp/forge" || { echo "approval: 0 passed, 1 failed"; exit 1; }
git init -q --bare "$tmp/office.git"
w h1 init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 \
  --create-office >/dev/null
w h2 init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 周红 --cert 11010802 >/dev/null
for h in h1 h2; do w "$h" remote add office "$tmp/office.git"; done
fp=$(w h1 office show --json | json 'j["fingerprint"]')
quietly w h2 office join "$fp"
quiet_sync h2 h1
quietly w h1 office admit "$(w h2 office show --json | json 'j["device_fingerprint"]')" --roles handler
quiet_sync h1 h2
check "h2 is admitted as a handler only" \
  [ "$(w h2 office show --json | json '",".join(j["roles"])')" = handler ]

# ---- the handler asks ----
c=$(w h2 case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --handlers 周红:11010802)
run h2 approval ask "$c" file --reason 证据确凿 --json
check "the handler asks for the filing's approval (exit 0)" [ $rc -eq 0 ]
a1=$(json 'j["id"]' <<<"$out")
a2=$(w h2 approval ask "$c" not_file --json | json 'j["id"]')
a3=$(w h2 approval ask "$c" extend_verify --reason 需要补充鉴定 --json | json 'j["id"]')
run h2 approval ask "$c" promotion
check "an unknown step is refused (exit 2)" [ $rc -eq 2 ]
quiet_sync h2 h1

# ---- the lists ----
check "approvals (mine) lists the three for the head" \
  [ "$(w h1 approvals --json | json 'sorted(a["id"] for a in j)')" = "$(python3 -c 'import sys; print(sorted(sys.argv[1:]))' "$a1" "$a2" "$a3")" ]
run h1 approvals
check "… each with its full id, step, case and who asked why" \
  grep -q "^$a1  2026-03-02  filing .*销售假冒耐克运动鞋案" <<<"$out"
check "… and the reason on the line below" grep -q "^    asked by 周红: 证据确凿$" <<<"$out"
run h2 approvals
check "nothing waits for the handler's approval" [ "$out" = "nothing waits for your approval" ]
check "approvals --all shows the handler what is asked" \
  [ "$(w h2 approvals --all --json | json 'len(j)')" = 3 ]
run h1 approvals
zh=$(LANG=zh_CN.UTF-8 "$bin" --home "$tmp/h1" approvals)
check "in Chinese: the step's label and who asked" grep -q "立案 .*销售假冒耐克运动鞋案" <<<"$zh"

# ---- answers ----
run h2 approval answer "$a1" approve --opinion 同意
check "the handler cannot answer (refused)" [ $rc -ne 0 ]
check "… told which role answers" grep -q "head" <<<"$out"
check "… and it stays asked" [ "$(status_of h2 "$c" "$a1")" = asked ]
run h1 approval answer "$a2" refuse
check "a refusal without an opinion is refused" [ $rc -ne 0 ]
check "… saying the reason is required" grep -q "a refusal gives its reason" <<<"$out"
run h1 approval answer "$a2" refuse --opinion 案件已有充分证据，应予立案
check "the head refuses with an opinion (exit 0)" [ $rc -eq 0 ]
run h1 approval answer "$a1" approve --opinion 同意立案
check "the head approves (exit 0)" [ $rc -eq 0 ]
run h1 approval answer "$a1" refuse --opinion 改变主意
check "answering twice is refused" [ $rc -ne 0 ]
check "… saying it has been answered" grep -q "has been answered" <<<"$out"
check "… and it stays approved" [ "$(status_of h1 "$c" "$a1")" = approved ]
check "approvals (mine) keeps only the one not answered" \
  [ "$(w h1 approvals --json | json '[a["id"] for a in j]')" = "['$a3']" ]
quiet_sync h1 h2
check "the handler's replica has both answers" \
  [ "$(status_of h2 "$c" "$a1") $(status_of h2 "$c" "$a2")" = "approved refused" ]
check "… with the head as approver and the opinion" \
  [ "$(w h2 case show "$c" --json | json "[(a['approver'],a['opinion']) for a in j['approval'] if a['id']=='$a1'][0]")" = "('李明', '同意立案')" ]

# ---- a forged answer ----
# push_forged RECORD SET: an approval op of RECORD signed by h2's device, naming no deps (as
# if it made the record), committed into the office repository by hand
push_forged() {
  local clone=$tmp/clone-$RANDOM path
  { read -r h2key; read -r _; read -r fline; } < <(forge "$tmp/h2/device.key" same approval "$1" "$2")
  git clone -q "$tmp/office.git" "$clone"
  path="ops/approval/${1: -2}/$1/$h2key.jsonl"
  mkdir -p "$(dirname "$clone/$path")"
  printf '%s\n' "$fline" >>"$clone/$path"
  git -C "$clone" add -A && git -C "$clone" commit -qm forged && git -C "$clone" push -q origin HEAD:main
}
push_forged "$a3" '{"status":"approved","opinion":"我自己批准"}'
push_forged "$a1" '{"opinion":"改写的意见"}'
quiet_sync h1
check "the handler's forged answer is quarantined by the head's device" \
  qhas h1 "$h2key" "without the role head"
check "… and the approval stays asked" [ "$(status_of h1 "$c" "$a3")" = asked ]
check "… and still waits for the head" [ "$(w h1 approvals --json | json '[a["id"] for a in j]')" = "['$a3']" ]
check "a forged change of an answered approval is quarantined too" \
  qhas h1 "$a1/$h2key" "has been answered"
check "… and the opinion stays the head's" \
  [ "$(w h1 case show "$c" --json | json "[a['opinion'] for a in j['approval'] if a['id']=='$a1'][0]")" = 同意立案 ]

echo "approval: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
