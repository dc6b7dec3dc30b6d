#!/usr/bin/env bash
# Screen test of adding and importing technical investigators on the pool screen (scripted
# in-memory terminal, 80x24, in English and in Chinese; dumps compared with
# tests/screen/expected/investigator-add-*.txt and investigator-import-*.txt). I then a opens
# the form of a new investigator; saved, `ipcase investigator list` lists it and `show` has
# this office's contact. i asks for a CSV file (~/ is the home folder): the good rows are
# imported, the bad one is refused with its line number in the text screen, and a file that
# cannot be read is said so.
# Usage: tests/screen/investigator_add.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers
# line 3 names a region outside 京津冀: refused
printf 'name,organisation,fields,region\n周工,北京大学,集成电路,110108\n郑工,清华大学,集成电路,999999\n吴工,天津大学,集成电路,120113\n' \
  >"$tmp/pool.csv"

# ---- English ----
screen_run "$tmp/a" "size 80 24
keys Ia
type 孙工
keys <Tab>
type 河北大学
keys <Tab>
type integrated circuits
keys <Tab>
type 130100
keys <Tab><Tab><Tab><Tab><Tab>
type 13900000009
dump investigator-add-form
keys <F2>
dump investigator-add-saved
keys i
type ~/pool.csv
keys <Enter>
dump investigator-import-report
keys <Esc>
dump investigator-import-pool
keys i
type $tmp/nosuch.csv
keys <Enter>
dump investigator-import-unreadable"

list=$(A investigator list)
check "the investigator added on screen is listed" grep -q "孙工  河北大学  \[integrated circuits\]  130100" <<<"$list"
check "with this office's contact" grep -q "13900000009" \
  <<<"$(A investigator show "$(A investigator list --json | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["name"] == "孙工"][0])')")"
check "the import says what it did" grep -q "^ 2 added, 0 updated, 0 unchanged, 1 rejected" "$tmp/investigator-import-report"
check "the refused row is shown with its line number" grep -q "line 3: region: \"999999\"" "$tmp/investigator-import-report"
check "the good rows are imported, the refused one is not" \
  bash -c 'grep -q 周工 <<<"$1" && grep -q 吴工 <<<"$1" && ! grep -q 郑工 <<<"$1"' _ "$(A investigator list)"
check "a file that cannot be read is said so" grep -q "cannot read /TMP/nosuch.csv\|cannot read $tmp/nosuch.csv" \
  "$tmp/investigator-import-unreadable"
for s in add-form add-saved import-report import-pool import-unreadable; do screen_same "investigator-$s"; done
screen_quiet

# ---- Chinese ----
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  LANG=zh_CN.UTF-8 screen_run "$tmp/b" "size 80 24
keys Ia
type 钱工
keys <Tab>
type 河北科技大学
keys <Tab>
type 集成电路
keys <F2>
dump investigator-add-saved-zh
keys i
type $tmp/pool.csv
keys <Enter>
dump investigator-import-report-zh"
  check "zh: the investigator added on screen is listed" grep -q "钱工  河北科技大学" <<<"$(B investigator list)"
  check "zh: the refused row is shown with its line number" grep -q "第 3 行：" "$tmp/investigator-import-report-zh"
  screen_same investigator-add-saved-zh
  screen_same investigator-import-report-zh
  screen_quiet
else
  bad "zh_CN.UTF-8 is generated (make deps does it as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
fi
screen_finish
