#!/usr/bin/env bash
# Screen test of the collaboration screens (scripted in-memory terminal, 80x24, dumps compared
# with tests/screen/expected/collab-*.txt): two offices, Shijiazhuang (130100) and Beijing
# Haidian (110108), each with its office remote, sharing one collaboration remote. Haidian's
# inbox shows Shijiazhuang's request; opening it acknowledges it; Haidian accepts it on the
# screen; Shijiazhuang replies from its outbox with an evidence file of the case, whose SHA-256
# the thread shows as checking; and Shijiazhuang hands a case off from its detail screen (H)
# to Haidian, whose office key it verified: the outbox then holds the case_transfer request. Usage: tests/screen/collab.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

S() { "$bin" --home "$tmp/s" "$@"; }
H() { "$bin" --home "$tmp/h" "$@"; }
# office W CODE NAME OFFICER CERT: workspace W of an office, with its office remote and the
# shared collaboration remote.
office() {
  "$1" init --office "$2" --office-name "$3" --officer "$4" --cert "$5" >/dev/null
  git init -q --bare "$tmp/office-$2.git"
  "$1" remote add office "$tmp/office-$2.git"
  "$1" remote add collab "$tmp/collab.git" --channel collab
}
quiet_sync() { for w in "$@"; do "$w" sync >/dev/null 2>&1 || bad "setup: $w sync"; done; }

git init -q --bare "$tmp/collab.git"
office S 130100 石家庄市市场监督管理局 王建国 13010001
office H 110108 北京市海淀区市场监督管理局 李明 11010801
H office create >/dev/null # Haidian's office key: a roster Shijiazhuang verifies for the handoff
quiet_sync S H S # both officers' keys published in the collaboration channel
S office verify 110108 "$(H office show --json | json 'j["fingerprint"]')" >/dev/null || bad "setup: verify"

c1=$(S case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --place 南三条市场)
S party add "$c1" --role 当事人 --name 石家庄某商贸有限公司 >/dev/null
printf 'photo of the shoes\n' >"$tmp/photo.jpg"
S evidence add "$c1" --kind 照片 --desc 现场照片 --file "$tmp/photo.jpg" >/dev/null
printf 'receipt of the purchase\n' >"$tmp/receipt.jpg"
e2=$(S evidence add "$c1" --kind 书证 --desc 进货票据 --file "$tmp/receipt.jpg")
S collab new --kind 协助调查 --to 110108 --case "$c1" --subject 请协助调查海淀区供货商 \
  --body 请核查供货仓库 >/dev/null
quiet_sync S H

# Haidian: the inbox, the request (received once opened), accepted on the screen
screen_run "$tmp/h" "size 80 24
keys C
dump collab-inbox
keys <Enter>
dump collab-request
keys <Enter>
dump collab-steps
keys <Enter>
dump collab-accepted"
screen_same collab-inbox
screen_same collab-request
screen_same collab-steps
screen_same collab-accepted
check "Haidian's workspace holds it accepted" [ "$(H collab list --inbox --json | json 'j[0]["status"]')" = accepted ]

# Shijiazhuang: the outbox, a reply with the receipt of the case attached
quiet_sync H S
screen_run "$tmp/s" "size 80 24
keys C<Tab>
dump collab-outbox
keys <Enter><Enter><Enter>
type 附上进货票据
keys <Enter>
dump collab-evidence
keys jj<Enter>
keys <End>
dump collab-thread"
screen_same collab-outbox
screen_same collab-evidence
screen_same collab-thread
sha=$(sha256sum "$tmp/receipt.jpg" | cut -c1-64)
check "the thread shows the receipt's SHA-256" grep -q "$sha" "$tmp/collab-thread"
check "the reply's attachment is the receipt" [ "$(S collab list --outbox --json | json 'j[0]["id"]' | xargs -I{} "$bin" --home "$tmp/s" collab show {} --json | json '[a["file_sha256"] for a in j["attachments"] if a["description"]=="进货票据"][0]')" = "$sha" ]
: "$e2"

# Shijiazhuang: a case handed off to Haidian from its detail screen
S case add --title 举报销售假冒商标服装案 --ip-type 商标 --place 新华集贸市场 >/dev/null
screen_run "$tmp/s" "size 80 24
keys /
type 服装
keys <Enter><Enter>
keys H
dump collab-handoff-offices
keys jjjjjj<Enter>
dump collab-handoff-ask
keys y
dump collab-handoff-done"
screen_same collab-handoff-offices
screen_same collab-handoff-ask
screen_same collab-handoff-done
out=$(S collab list --outbox --json)
check "the outbox holds the case transfer to Haidian" [ "$(json '[x["to"] for x in j if x["kind"]=="case_transfer"]' <<<"$out")" = "['110108']" ]
screen_quiet
screen_finish
