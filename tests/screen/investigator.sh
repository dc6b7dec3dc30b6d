#!/usr/bin/env bash
# Screen test of the technical investigators (scripted in-memory terminal, dumps compared with
# tests/screen/expected/investigator-*.txt): the pool filtered by field and by availability, one
# investigator's detail (contact, interests, workload, history), the ranked suggestions of a
# case (a field match above a mismatch, the reasons shown, the conflicted one refused last),
# an assignment made on screen and shown in the case's overview, a refusal naming the
# matching party and its override with a written reason.
# Usage: tests/screen/investigator.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers
A investigator add --name 张工 --org 河北工业大学 --fields 集成电路,电子信息 --region 130100 \
  --contact 13900000001 --interests 华芯科技有限公司 >/dev/null
A investigator add --name 李研 --org 天津大学 --fields 生物医药 --region 120113 >/dev/null
A investigator add --name 赵博 --org 北京理工大学 --fields 集成电路 --region 110108 >/dev/null
w=$(A investigator add --name 王闲 --org 某研究院 --fields 集成电路 --region 130100)
A investigator set "$w" availability=unavailable >/dev/null
c=$(A case add --title 电路布图侵权案 --ip-type 集成电路布图设计 --region 130100)
A case set "$c" tech_field=集成电路 >/dev/null
A party add "$c" --role 当事人 --name 华芯科技有限公司 >/dev/null

screen_run "$tmp/a" "size 100 24
keys I
dump investigator-pool
keys f<Enter>jjj<Enter>
dump investigator-pool-field
keys fjj<Enter>jjj<Enter>
dump investigator-pool-unavailable
keys f<End><Enter><Esc><Enter>T
dump investigator-suggest
keys <Enter><C-u>
type 调查,分析
keys <Enter>
type 2026-04-01
keys <Enter>G
dump investigator-assigned
keys Tj<Enter><Enter><Enter>
dump investigator-refused
type 该工艺仅此一人熟悉，当事人书面同意
keys <Enter>G
dump investigator-overridden
keys I<Enter>
dump investigator-show"

for s in pool pool-field pool-unavailable suggest assigned refused overridden show; do
  screen_same "investigator-$s"
done
check "the override is recorded with its reason" grep -q "该工艺仅此一人熟悉" \
  <<<"$(A assignment show "$(A assignment list --case "$c" --json | python3 -c 'import json,sys; print([a for a in json.load(sys.stdin) if a["recusal_id"]][0]["id"])')")"
screen_quiet
screen_finish
