#!/usr/bin/env bash
# Cross-region collaboration as three offices use it: Shijiazhuang (130100), Beijing Haidian
# (110108, two officers) and Tianjin Beichen (120113), each with its own office remote and all
# sharing one collaboration remote (bare repositories). A request goes out, is received,
# accepted, answered with a file whose hash the sender verifies, and closed; a forged step (the
# wrong office accepting) is refused on import; a case with a reporter is handed off to Haidian,
# whose roster Shijiazhuang verified: the receiving officers read the reporter, the third
# office cannot, and no object of the collaboration remote holds the reporter's name, ID
# number or phone in clear. (tests/office.sh tests the rosters themselves.)
set -u
bin=${1:?usage: collab.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-collab-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=stranger GIT_AUTHOR_EMAIL=stranger@example.invalid
export GIT_COMMITTER_NAME=stranger GIT_COMMITTER_EMAIL=stranger@example.invalid
export IPCASE_TODAY=2026-03-02 # a Monday: 15 working days later is 2026-03-23
S()  { "$bin" --home "$tmp/s" "$@"; }
H()  { "$bin" --home "$tmp/h" "$@"; }
H2() { "$bin" --home "$tmp/h2" "$@"; }
T()  { "$bin" --home "$tmp/t" "$@"; }
# json EXPR: evaluates a python expression over `j`, the JSON on stdin, and prints it.
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
# row ID: the element of the JSON list on stdin whose id is ID, as JSON ({} when none).
row() { python3 -c 'import json,sys; print(json.dumps(([x for x in json.load(sys.stdin) if x["id"]==sys.argv[1]] or [{}])[0]))' "$1"; }
quiet_sync() { for w in "$@"; do "$w" sync >/dev/null 2>&1 || { echo "     $w: sync failed"; "$w" sync; }; done; }

forge_build "$tmp/forge" || { echo "collab: 0 passed, 1 failed"; exit 1; }
git init -q --bare "$tmp/collab.git"
for o in s h t; do git init -q --bare "$tmp/office-$o.git"; done
S  init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
H  init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 --create-office >/dev/null
H2 init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 周红 --cert 11010802 >/dev/null
T  init --office 120113 --office-name 天津市北辰区市场监督管理局 --officer 赵强 --cert 12011301 >/dev/null
for w in S H H2 T; do
  o=$(tr 'A-Z' 'a-z' <<<"${w:0:1}")
  "$w" remote add office "$tmp/office-$o.git"
  "$w" remote add collab "$tmp/collab.git" --channel collab
done
quiet_sync S H H2 T S   # every officer's key published in the collaboration channel
# Haidian has a roster: its second officer joins by the office key's fingerprint and is
# admitted; Shijiazhuang compares that fingerprint (read out by phone) and verifies it
fp_h=$(H office show --json | json 'j["fingerprint"]')
H2 office join "$fp_h" >/dev/null
quiet_sync H2 H
H office admit "$(H2 office show --json | json 'j["device_fingerprint"]')" --roles handler,head >/dev/null
quiet_sync H H2 S
check "Shijiazhuang verifies Haidian's office key" bash -c '"$@" >/dev/null' _ "$bin" --home "$tmp/s" office verify 110108 "$fp_h"

# ---- the office directory ----
dir=$(S office list --json)
check "office list: Haidian with its two officers' keys" [ "$(json '[len(o["officers"]) for o in j if o["code"]=="110108"][0]' <<<"$dir")" = 2 ]
check "office list: Beichen is 天津市北辰区市场监督管理局, region 津" [ "$(json '[o["name"]+o["region"] for o in j if o["code"]=="120113"][0]' <<<"$dir")" = "天津市北辰区市场监督管理局津" ]
check "office list: preloaded offices without keys (唐山 130200)" [ "$(json '[o["preloaded"] and not o["officers"] for o in j if o["code"]=="130200"][0]' <<<"$dir")" = True ]

# ---- a request: out, received, accepted, answered with a file, closed ----
c1=$(S case add --title "销售假冒耐克运动鞋案" --ip-type 商标 --place 南三条市场)
S party add "$c1" --role 当事人 --name 石家庄某商贸有限公司 --uscc 914403001922038216 >/dev/null
printf 'photo of the shoes\n' >"$tmp/photo.jpg"
e1=$(S evidence add "$c1" --kind 照片 --desc 现场照片 --file "$tmp/photo.jpg")
out=$(S collab new --kind 协助调查 --to 110108 --case "$c1" --subject "请协助调查海淀区供货商" --body "请核查供货仓库" --evidence "$e1" 2>&1); rc=$?
check "collab new (kind given by its Chinese name): exit 0" [ $rc -eq 0 ]
r1=$out
row=$(S collab list --outbox --json | row "$r1")
check "outbox: kind, status, from, to, subject" [ "$(json '" ".join([j["kind"],j["status"],j["from"],j["to"],j["subject"]])' <<<"$row")" = "investigation_assistance sent 130100 110108 请协助调查海淀区供货商" ]
check "outbox: due in 15 working days (2026-03-23)" [ "$(json 'j["due"]' <<<"$row")" = 2026-03-23 ]
check "outbox: the summary shares the case's respondent" grep -q 石家庄某商贸有限公司 <<<"$(S collab show "$r1" --json)"

quiet_sync S H T
check "Haidian's inbox holds it, sent" [ "$(H collab list --inbox --json | row "$r1" | json 'j.get("status")')" = sent ]
check "Beichen's inbox is empty" [ "$(T collab list --inbox --json | json 'len(j)')" = 0 ]
check "Beichen sees it with --all (the channel is shared)" grep -q "$r1" <<<"$(T collab list --all)"
check "opening it in Haidian acknowledges receipt" [ "$(H collab show "$r1" --json | json 'j["status"]')" = received ]
check "Haidian's due lists the reply date (no case of its own: the request stands for it)" \
  grep -qP "^2026-03-23\tcollab_reply\t$r1\t请协助调查海淀区供货商\t21$" <<<"$(H due --days 30)"
check "… with the request's id in --json" [ "$(H due --days 30 --json | json '[r["request_id"] for r in j if r["kind"]=="collab_reply"][0]')" = "$r1" ]
check "the requesting office has no reply to give" bash -c '! grep -q collab_reply <<<"$1"' _ "$(S due --days 30)"
out=$(T collab accept "$r1" 2>&1); rc=$?
check "Beichen may not accept it (exit 1)" [ $rc -eq 1 ]
check "Beichen is told it takes no part" grep -q "takes no part" <<<"$out"

# a forged step: Beichen's device signs an acceptance and pushes it past ipcase
{ read -r actor_t; read -r fid; read -r fline; } < <(forge "$tmp/t/device.key" same collab_step new "{\"request_id\":\"$r1\",\"action\":\"accept\"}")
git clone -q "$tmp/collab.git" "$tmp/w"
fpath="ops/collab_step/${fid: -2}/$fid/$actor_t.jsonl"
mkdir -p "$(dirname "$tmp/w/$fpath")" && printf '%s\n' "$fline" >"$tmp/w/$fpath"
git -C "$tmp/w" add -A && git -C "$tmp/w" commit -qm "forged acceptance" && git -C "$tmp/w" push -q origin HEAD:main
out=$(S sync collab 2>&1)
check "forged acceptance: Shijiazhuang's sync quarantines it" grep -q " 1 quarantined" <<<"$out"
check "forged acceptance: the reason names the wrong office" grep -q "office 120113 may not accept" <<<"$(S quarantine)"
check "forged acceptance: the request is still not accepted" [ "$(S collab show "$r1" --json | json 'j["status"]')" = sent ]

check "Haidian accepts" H collab accept "$r1"
printf 'inspection report of the warehouse\n' >"$tmp/report.pdf"
check "Haidian answers with a file" H collab reply "$r1" --text "已查明供货来源" --file "$tmp/report.pdf" --answer
check "answered: the reply date leaves Haidian's due" bash -c '! grep -q collab_reply <<<"$1"' _ "$(H due --days 30)"
quiet_sync H S
shown=$(S collab show "$r1" --json)
check "Shijiazhuang sees it answered" [ "$(json 'j["status"]' <<<"$shown")" = answered ]
sha=$(sha256sum "$tmp/report.pdf" | cut -c1-64)
check "the answer's file carries its SHA-256" [ "$(json '[a["file_sha256"] for a in j["attachments"] if a["office"]=="110108"][0]' <<<"$shown")" = "$sha" ]
check "the file arrived and matches its hash" [ "$(json '[a["verified"] for a in j["attachments"] if a["office"]=="110108"][0]' <<<"$shown")" = ok ]
check "collab verify: exit 0" bash -c '"$@" >/dev/null' _ "$bin" --home "$tmp/s" collab verify "$r1"
check "the arrived file is the file sent" cmp -s "$tmp/report.pdf" "$tmp/s/files/${sha:0:2}/$sha"
check "Shijiazhuang closes it" S collab close "$r1" --text 谢谢协助
quiet_sync S H
check "Haidian sees it closed" [ "$(H collab show "$r1" --json | json 'j["status"]')" = closed ]
check "the thread holds every step in order" [ "$(H collab show "$r1" --json | json '",".join(s["action"] for s in j["thread"])')" = "attach,send,receive,accept,attach,answer,close" ]

# ---- what the guard keeps out of the shared channel ----
c2=$(S case add --title "举报销售假冒商标服装案" --ip-type 商标 --place 新华集贸市场 --notes "举报人张秘密称仓库在北辰")
S party add "$c2" --role 当事人 --name 石家庄某服饰店 >/dev/null
S party add "$c2" --role 举报人 --name 张秘密 --id-number 11010519491231002X --phone 13900001111 >/dev/null
printf 'receipt of the purchase\n' >"$tmp/receipt.jpg"
S evidence add "$c2" --kind 书证 --desc 购货票据 --file "$tmp/receipt.jpg" >/dev/null
out=$(S collab new --kind 案情通报 --to 120113 --case "$c2" --subject "举报人张秘密反映的情况" 2>&1); rc=$?
check "guard: a reporter's name in a request is refused (exit 1)" [ $rc -eq 1 ]
check "guard: the refusal says why" grep -q "confidential" <<<"$out"
out=$(S collab new --kind 案情通报 --to 120113 --subject "核查" --body "身份证号11010519491231002X" 2>&1); rc=$?
check "guard: an ID number in a request is refused (exit 1)" [ $rc -eq 1 ]
out=$(S collab new --kind 案件移送 --to 110108 --subject "移送" 2>&1); rc=$?
check "a case transfer is made by handoff, not collab new (exit 1)" [ $rc -eq 1 ]

# ---- a handoff: sealed to Haidian's officers ----
h1=$(S handoff "$c2" --to 110108 --body "涉嫌在贵辖区销售，请依法处理" 2>&1); rc=$?
check "handoff: exit 0" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "     said: $h1"
check "handoff: the origin case keeps the link" [ "$(S case show "$c2" --json | json 'j["transfer_out"]')" = "$h1" ]
quiet_sync S H H2 T
hv=$(H collab show "$h1" --json)
check "handoff: Haidian reads the sealed part" [ "$(json 'j["handoff"]["readable"]' <<<"$hv")" = True ]
check "handoff: Haidian sees the reporter's name" grep -q 张秘密 <<<"$hv"
check "handoff: sealed for both Haidian officers" [ "$(json 'len(j["handoff"]["sealed_for"])' <<<"$hv")" = 2 ]
check "handoff: Haidian's second officer reads it too" grep -q 张秘密 <<<"$(H2 collab show "$h1" --json)"
tv=$(T collab show "$h1" --json)
check "handoff: Beichen holds the request" [ "$(json 'j["kind"]' <<<"$tv")" = case_transfer ]
check "handoff: Beichen cannot read the sealed part" [ "$(json 'j["handoff"]["readable"]' <<<"$tv")" = False ]
check "handoff: nothing Beichen shows holds the name" bash -c '! grep -q 张秘密 <<<"$1"' _ "$tv"
check "handoff: nor the ID number" bash -c '! grep -q 11010519491231002X <<<"$1"' _ "$tv"
out=$(T collab accept "$h1" 2>&1); rc=$?
check "handoff: Beichen cannot accept it (exit 1)" [ $rc -eq 1 ]

out=$(H collab accept "$h1" 2>&1); rc=$?
check "handoff: Haidian accepts it (exit 0)" [ $rc -eq 0 ]
nc=$(sed -n 's/^new case //p' <<<"$out")
nv=$(H case show "$nc" --json 2>&1)
check "handoff: a new case of Haidian, linked to the request" [ "$(json 'j["transfer_in"]+" "+j["source"]+" "+j["status"]' <<<"$nv")" = "$h1 transfer_in clue" ]
check "handoff: the new case has the reporter, with name and ID number" [ "$(json '[p["name"]+p["id_number"] for p in j["parties"] if p["role"]=="reporter"][0]' <<<"$nv")" = "张秘密11010519491231002X" ]
check "handoff: the sealed notes arrived" grep -q 举报人张秘密称仓库在北辰 <<<"$nv"
rsha=$(sha256sum "$tmp/receipt.jpg" | cut -c1-64)
check "handoff: the evidence arrived with its hash" [ "$(json 'j["evidence"][0]["file_sha256"]' <<<"$nv")" = "$rsha" ]
check "handoff: and its file" cmp -s "$tmp/receipt.jpg" "$tmp/h/files/${rsha:0:2}/$rsha"
H sync office >/dev/null 2>&1; H2 sync office >/dev/null 2>&1
check "handoff: Haidian's second officer gets the new case by the office channel" grep -q 张秘密 <<<"$(H2 case show "$nc" --json 2>&1)"

quiet_sync H S
check "handoff: the origin case is transferred once accepted" [ "$(S case show "$c2" --json | json 'j["status"]')" = transferred ]
check "handoff: and still links the request" [ "$(S case show "$c2" --json | json 'j["transfer_out"]')" = "$h1" ]
check "handoff: the origin's office sees the request accepted" [ "$(S collab show "$h1" --json | json 'j["status"]')" = accepted ]
out=$(S handoff "$c2" --to 120113 2>&1); rc=$?
check "handoff: a transferred case is not handed off again (exit 1)" [ $rc -eq 1 ]

# nothing confidential in clear anywhere in the shared repository
git -C "$tmp/collab.git" cat-file --batch-all-objects --batch >"$tmp/objects" 2>&1
check "collab remote: its objects are read in clear (the shared respondent is found)" grep -q 石家庄某服饰店 "$tmp/objects"
for secret in 张秘密 11010519491231002X 13900001111 举报人张秘密称仓库在北辰; do
  check "collab remote: no object holds $secret in clear" bash -c '! grep -q "$1" "$2"' _ "$secret" "$tmp/objects"
done
check "collab remote: ordinary git (fsck)" git -C "$tmp/collab.git" fsck --strict --no-progress

# ---- decline, overdue, filters ----
r2=$(S collab new --kind 线索移送 --to 120113 --subject "线索：北辰某仓库")
quiet_sync S T
out=$(T collab decline "$r2" 2>&1); rc=$?
check "decline without a reason: bad usage (exit 2)" [ $rc -eq 2 ]
check "Beichen declines with a reason" T collab decline "$r2" --reason "不属本辖区"
quiet_sync T S
check "Shijiazhuang sees it declined" [ "$(S collab list --status declined --json | json '[x["id"] for x in j]')" = "['$r2']" ]
check "kind filter by Chinese name" [ "$(S collab list --kind 线索移送 --json | json 'len(j)')" = 1 ]
r3=$(S collab new --kind 案件会商 --to 120113 --subject "会商" --days 5)
quiet_sync S T
check "not overdue before its date" [ "$(IPCASE_TODAY=2026-03-09 T collab list --overdue --json | json 'len(j)')" = 0 ]
check "overdue after its date (5 working days: 2026-03-09)" [ "$(IPCASE_TODAY=2026-03-10 T collab list --overdue --json | json '[x["id"] for x in j]')" = "['$r3']" ]
check "office filter" [ "$(S collab list --office 110108 --json | json 'len(j)')" = 2 ]

# every workspace agrees on the collaboration records
quiet_sync S H H2 T S H H2 T
for w in S H H2 T; do "$w" export --format json | python3 -c '
import json,sys; print(json.dumps([r for r in json.load(sys.stdin)["records"] if r["type"].startswith("collab")], sort_keys=True))' >"$tmp/$w.collab"; done
check "the four workspaces hold the same collaboration records" bash -c 'cmp -s "$1/S.collab" "$1/H.collab" && cmp -s "$1/S.collab" "$1/H2.collab" && cmp -s "$1/S.collab" "$1/T.collab"' _ "$tmp"

# an office with no remote of the collaboration channel: what it writes there cannot go out,
# and the command says so (with a remote, as above, it says nothing: r1 was the id alone)
L() { "$bin" --home "$tmp/l" "$@"; }
L init --office 130200 --office-name 唐山市市场监督管理局 --officer 孙丽 --cert 13020001 >/dev/null
L remote add office "$tmp/office-s.git"
out=$(L collab new --kind 案情通报 --to 120113 --subject "通报" 2>&1 >/dev/null); rc=$?
check "no collab remote: collab new still keeps the request (exit 0)" [ $rc -eq 0 ]
check "and says it cannot go out, and how to add the remote" \
  grep -q "cannot go out: no remote of the collab channel (add one: ipcase remote add NAME URL --channel collab)" <<<"$out"
L remote add collab "$tmp/collab.git" --channel collab
out=$(L collab new --kind 案情通报 --to 120113 --subject "通报二" 2>&1 >/dev/null)
check "with a collab remote it says nothing" [ -z "$out" ]

echo "collab: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
