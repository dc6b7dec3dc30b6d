#!/usr/bin/env bash
# Screen test of the list's filters and order (issue 19, item 5) at 80x24 in zh_CN, dumps
# compared with tests/screen/expected/filters-*.txt: f offers the handler, the region and the
# date range besides status and IP type; a handler typed, a region by its name, a range of
# the clue's registration each narrow the list and say so in the status bar; a region that is
# not of 京津冀 is refused on the bottom line; o sorts by the next deadline, soonest first.
# Usage: tests/screen/filters.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
a=$(A case add --title 保定甲案 --ip-type 商标 --region 130600 --handlers 赵六:13069999,钱七:13069998)
A case set "$a" clue_on=2026-01-05 >/dev/null
b=$(A case add --title 石家庄乙案 --ip-type 商标 --region 130100)
A case set "$b" clue_on=2026-02-20 >/dev/null
c=$(A case add --title 北京丙案 --ip-type 著作权 --region 110108)
A case set "$c" clue_on=2026-02-25 >/dev/null
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] || bad "setup: the cases"

screen_run "$tmp/a" "size 80 24
keys f
dump filters-menu
keys jj<Enter>
type 钱七
keys <Enter>
dump filters-handler
keys fjj<Enter>
keys <C-u><Enter>fjjj<Enter>
type 上海
keys <Enter>
dump filters-bad-region
keys fjjj<Enter>
type 石家庄
keys <Enter>
dump filters-region
keys fjjjjj<Enter>fjjjj<Enter>
type 2026/2/1..2026.2.28
keys <Enter>
dump filters-dates
keys fjjjjj<Enter>oG<Enter>
dump filters-by-due"

for s in menu handler bad-region region dates by-due; do screen_same "filters-$s"; done
screen_quiet
check "the menu offers handler, region and the registration dates" \
  grep -q "承办人" "$tmp/filters-menu"
check "a handler typed: only that officer's case" \
  bash -c 'grep -q 保定甲案 "$1" && ! grep -q 石家庄乙案 "$1"' _ "$tmp/filters-handler"
check "… and the status bar says so" grep -q "钱七" <(tail -2 "$tmp/filters-handler")
check "a region outside 京津冀 is refused on the bottom line" \
  grep -q "上海 不是京津冀的区划" <(tail -1 "$tmp/filters-bad-region")
check "a region by its name: its cases" \
  bash -c 'grep -q 石家庄乙案 "$1" && ! grep -q 北京丙案 "$1" && ! grep -q 保定甲案 "$1"' _ "$tmp/filters-region"
check "dates as typed: the clues registered in February" \
  bash -c 'grep -q 石家庄乙案 "$1" && grep -q 北京丙案 "$1" && ! grep -q 保定甲案 "$1"' _ "$tmp/filters-dates"
check "… shown as a range in the status bar" grep -q "2026-02-01..2026-02-28" <(tail -2 "$tmp/filters-dates")
check "sorted by the next deadline, soonest first (the earliest clue on top)" \
  grep -q "保定甲案" <(sed -n 2p "$tmp/filters-by-due")
screen_finish
