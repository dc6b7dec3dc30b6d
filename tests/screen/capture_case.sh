#!/usr/bin/env bash
# Screen test of the quick capture inside a case (issue 19, item 5) at 80x24 in zh_CN, dumps
# compared with tests/screen/expected/capture-case-*.txt: on the case screen c opens the
# capture of an inspection of that case, its place, kind of place, region and campaign taken
# from the case; saved, it belongs to the case (no clue is offered: it has one); a new
# inspection from the inspections tab takes the case's place too.
# Usage: tests/screen/capture_case.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8 IPCASE_FAKE_NOW_MS=1772443800000 # 2026-03-02T09:30Z

screen_officers
kase=$(A case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --place 新华区南三条小商品市场 \
  --place-kind 市场 --region 130105)
A case set "$kase" campaign=铁拳 >/dev/null || bad "setup: the case"
screen_run "$tmp/a" "size 80 24
keys <Enter>c
dump capture-case-open
keys <Tab><Tab>
type 摊位销售疑似假冒耐克运动鞋 30 双
keys <Tab><Tab><Tab>
type 李敏:13010002
keys <F2>
dump capture-case-saved
keys ]]]a
dump capture-case-tab"

for s in open saved tab; do screen_same "capture-case-$s"; done
screen_quiet
insp() { A case show "$kase" --json | /usr/bin/python3 -c "import json,sys; i=json.load(sys.stdin)['inspection']; print($1)"; }
check "the capture's title names the case" grep -q "快速记录：现场检查: 销售假冒耐克运动鞋案" "$tmp/capture-case-open"
check "it starts at the case's place" grep -q "场所名称 \*  *新华区南三条小商品市场" "$tmp/capture-case-open"
check "the inspection belongs to the case, at its place, region and campaign" \
  [ "$(insp 'len(i), i[0]["place_name"], i[0]["place_kind"], i[0]["region"], i[0]["campaign"]')" \
    = "1 新华区南三条小商品市场 market 130105 铁拳" ]
check "… with what was found and both inspectors" \
  [ "$(insp 'i[0]["findings"], len(i[0]["inspectors"])')" = "摊位销售疑似假冒耐克运动鞋 30 双 2" ]
check "saved, no clue is offered (the case is there): the bottom line says where it went" \
  grep -q "检查记录已存入本案" "$tmp/capture-case-saved"
check "a new inspection in the inspections tab starts at the case's place too" \
  grep -q "场所名称 \*  *新华区南三条小商品市场" "$tmp/capture-case-tab"
check "no second case was opened" \
  [ "$(A case list --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ]

screen_finish
