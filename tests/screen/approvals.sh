#!/usr/bin/env bash
# Screen test of approvals (scripted in-memory terminal, 80x24, dumps compared with
# tests/screen/expected/approvals-*.txt): a case being verified, whose filing needs the head's
# approval; p on the case asks for it (a menu of the steps, the reason prompted); the
# approvals tab lists it; W shows what waits for my approval (this workspace has no roster:
# every role is its own), one asked before by the batch command too; x without an opinion is
# refused by the rules (the message on the bottom line); y with an opinion approves; the
# case then says its filing is approved; a in the approvals tab records a collective
# discussion through the record form. Usage: tests/screen/approvals.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

screen_officers
c=$(A case add --title 销售假冒耐克运动鞋案 --ip-type trademark --handlers 王建国:13010001)
A case advance "$c" verifying >/dev/null || bad "setup: verifying"
# asked an hour before the screen runs: the waiting list's order (date, then id) is fixed
IPCASE_FAKE_NOW_MS=1772438400000 A approval ask "$c" not_file --reason 当事人已自行整改 >/dev/null \
  || bad "setup: ask not_file"

screen_run "$tmp/a" "size 80 24
keys <Enter>p
dump approvals-ask-menu
keys <Enter>
type 证据确凿，建议立案
keys <Enter>
dump approvals-asked
keys [
dump approvals-tab
keys W
dump approvals-waiting
keys x<Enter>
dump approvals-refuse-no-opinion
keys jy
type 同意立案
keys <Enter>
dump approvals-approved
keys <Esc>
dump approvals-tab-answered
keys a<Enter><Enter><Tab><C-u>
type 王建国:13010001,李敏:13010002
keys <Tab>
type 同意按重大案件办理
keys <F2>
dump approvals-discussed"

screen_same approvals-ask-menu
screen_same approvals-asked
screen_same approvals-tab
screen_same approvals-waiting
screen_same approvals-refuse-no-opinion
screen_same approvals-approved
screen_same approvals-tab-answered
screen_same approvals-discussed
screen_quiet

# what the screen wrote, as the batch commands read it
show=$(A case show "$c" --json)
check "the filing was asked from the screen with its reason, and approved with the opinion" \
  [ "$(json '[(a["status"],a["reason"],a["opinion"]) for a in j["approval"] if a["step"]=="file"]' <<<"$show")" \
    = "[('approved', '证据确凿，建议立案', '同意立案')]" ]
check "the refusal without an opinion left the other one asked" \
  [ "$(json '[a["status"] for a in j["approval"] if a["step"]=="not_file"]' <<<"$show")" = "['asked']" ]
check "the discussion was recorded with its participants, today" \
  [ "$(json '[(x["purpose"],x["held_on"],len(x["participants"]),x["conclusion"]) for x in j["discussion"]]' <<<"$show")" \
    = "[('major_case', '2026-03-02', 2, '同意按重大案件办理')]" ]
check "approvals lists the one still waiting" [ "$(A approvals --json | json '[a["step"] for a in j]')" = "['not_file']" ]

screen_finish
