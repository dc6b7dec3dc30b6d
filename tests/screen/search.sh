#!/usr/bin/env bash
# Screen test of finding cases in the list (scripted in-memory terminal, dumps compared with
# tests/screen/expected/search-*.txt): a search as it is typed, one and two Chinese
# characters (the word index), n and N round the results, a sort from the `o` menu, filters
# from the `f` menus and `m`, shown in the status bar; the selection kept on its case when a
# filter changes; a double click opening a case (mouse on); a resize in the middle of the
# case screen, below the minimum size and back. Usage: tests/screen/search.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers
# add TITLE IP_TYPE RESPONDENT [HANDLERS]: oldest first, so the list shows them newest first
add() {
  local id
  id=$(A case add --title "$1" --ip-type "$2" ${4:+--handlers "$4"}) &&
    A party add "$id" --role 当事人 --name "$3" >/dev/null
}
add 耐克运动鞋商标侵权案 trademark 张三 "王建国:13010001"
add 假冒专利标识案 counterfeit_patent 李四
add 盗版图书销售案 copyright 张三丰 "李敏:13010002"
add 阿迪达斯运动服案 trademark 王五 "王建国:13010001"
add 外观设计专利侵权纠纷 design_patent 张伟
add 张三商贸公司商标案 trademark 钱七
printf 'mouse on\n' >"$tmp/config"

IPCASE_CONFIG=$tmp/config screen_run "$tmp/a" "size 100 20
keys /
type 张
dump search-typed-1
type 三
dump search-typed-2
keys <Enter>n<Enter>
dump search-next
keys <Esc>NN<Enter>
dump search-prev-wraps
keys <Esc><Esc>o
dump search-sort-menu
keys jjjj<Enter>
dump search-sorted
keys jjjjjf
dump search-filter-menu
keys j<Enter>
dump search-filter-types
keys jjjj<Enter>
dump search-filtered
keys m
dump search-mine
keys <Enter>
dump search-kept
keys <Esc>fjjjjj<Enter>
dclick 40 5
dump search-double-click
size 60 16
dump search-resize-small
size 50 10
dump search-too-small
size 100 30
dump search-resize-big"

for s in typed-1 typed-2 next prev-wraps sort-menu sorted filter-menu filter-types filtered \
  mine kept double-click resize-small too-small resize-big; do
  screen_same "search-$s"
done
screen_quiet
screen_finish
