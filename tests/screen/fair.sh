#!/usr/bin/env bash
# Screen test of trade fairs (展会) at 80x24 in zh_CN, dumps compared with
# tests/screen/expected/fair-*.txt: F opens the fairs, the current edition first; Enter opens
# it on its complaints (one late on its limit to pass it to the IP department, in the overdue
# colour, one passed with its outcome), the complainant's phone never drawn; Tab shows its
# exhibitors, the one found infringing at the last edition marked ⚠ 上届侵权; a registers an
# exhibitor through the record's form (the quick capture at a fair), and the same exhibitor
# by USCC comes back warned; on the deadlines screen, Enter on the late complaint's limit opens
# its form, and passed_at ends the limit.
# Usage: tests/screen/fair.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
uscc=914403001922038216
f24=$(A fair add --name 中国（石家庄）国际动漫博览会 --edition 第24届 --venue 石家庄国际会展中心 \
  --from 2025-05-09 --to 2025-05-11 --complaint-office 一号馆服务台)
c=$(A fair complaint "$f24" --exhibitor 某某动漫科技有限公司 --uscc $uscc --at 2025-05-10T18:30 \
  --subject 外观设计专利侵权)
A set "$c" passed_at=2025-05-11T09:00 outcome=撤展 outcome_on=2025-05-11 >/dev/null || bad "setup: passed"
x=$(A fair exhibitor "$f24" --name 某某动漫科技有限公司 --uscc $uscc --booth A-12 --finding 侵权 \
  --exhibits 仿冒玩偶)
A set "$x" found_on=2025-05-11 >/dev/null || bad "setup: found_on"
f25=$(A fair add --name 中国（石家庄）国际动漫博览会 --edition 第25届 --venue 石家庄国际会展中心 \
  --from 2026-02-27 --to 2026-03-03 --complaint-office 一号馆服务台)
A fair complaint "$f25" --exhibitor 石家庄某玩具商行 --booth C-7 --at 2026-02-28T10:00 \
  --complainant 北京某文化传媒有限公司 --phone 13900001111 --subject 销售盗版动漫周边 >/dev/null
A fair complaint "$f25" --exhibitor 某贸易公司 --booth D-2 --at 2026-03-02T08:30 --subject 假冒注册商标 >/dev/null
A fair exhibitor "$f25" --name 另一家展商有限公司 --booth B-1 >/dev/null
A fair exhibitor "$f25" --name 石家庄某动漫有限公司 --uscc $uscc --booth B-3 >/dev/null 2>&1
[ -n "$f24" ] && [ -n "$f25" ] || bad "setup: fairs"

screen_run "$tmp/a" "size 80 24
keys F
dump fair-list
keys <Enter>
dump fair-complaints
keys <Tab>
dump fair-exhibitors
keys a
type 某某动漫科技有限公司
keys <Tab>
type $uscc
keys <F2>
dump fair-added
keys <Esc><Esc>D
dump fair-due
keys <Enter><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>
type 2026-03-01T09:00
keys <F2>
dump fair-due-passed"

for s in list complaints exhibitors added due due-passed; do screen_same "fair-$s"; done
screen_quiet
check "the current edition comes first" grep -q "第25届" <(sed -n 3p "$tmp/fair-list")
check "the late complaint shows its limit (24 hours from the 28th at 10:00: 2026-03-01)" \
  grep -q "2026-03-01 移交" "$tmp/fair-complaints"
check "no complainant's phone is drawn" bash -c "! grep -q 13900001111 '$tmp/fair-complaints'"
check "the exhibitor found infringing at the last edition is marked" \
  grep -q "⚠ 上届侵权" "$tmp/fair-exhibitors"
check "the other exhibitor is not" bash -c "! grep -A1 另一家展商有限公司 '$tmp/fair-exhibitors' | grep -q ⚠"
check "the exhibitor added through the form is registered" [ "$(A fair show "$f25" --json | \
  /usr/bin/python3 -c 'import json,sys; print(sum(x["name"]=="某某动漫科技有限公司" for x in json.load(sys.stdin)["exhibitors"]))')" = 1 ]
check "… and comes back warned" [ "$(grep -c "⚠ 上届侵权" "$tmp/fair-added")" = 2 ]
check "the deadlines screen lists the late complaint's limit, by its exhibitor" \
  grep -q "^2026-03-01 .*移交知识产权部门.*石家庄某" "$tmp/fair-due"
check "Enter there opened its form, where passed_at ended the limit" \
  bash -c "! grep -q '^2026-03-01 ' '$tmp/fair-due-passed'"
check "… recorded on the complaint" [ "$(A fair show "$f25" --json | /usr/bin/python3 -c \
  'import json,sys; print(json.load(sys.stdin)["complaints"][0].get("passed_at"))')" = 2026-03-01T09:00 ]

screen_finish
