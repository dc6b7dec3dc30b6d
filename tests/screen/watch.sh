#!/usr/bin/env bash
# Screen test of the watch lists at 80x24 in zh_CN, dumps compared with
# tests/screen/expected/watch-*.txt: the deadlines screen (D) lists the markets' next
# inspections and Enter on one opens the watch lists (K from anywhere): the key markets, next
# inspection soonest (one overdue first, in the overdue colour; one inspected; one never
# inspected, due from its listing),
# Tab shows the key trademarks, a opens the form of a new key market and F2 saves it into the
# list, e opens the selected trademark's form; a case whose goods carry a key trademark of its
# region says so first in its overview.
# Usage: tests/screen/watch.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
late=$(A market add --name 新华路服装批发市场 --kind specialised_market --interval 7 --region 130105)
fair=$(A market add --name 石家庄国际会展中心 --kind trade_fair --interval 30 --region 130100)
A market add --name 某电商平台石家庄店铺 --kind ecommerce_platform --interval 90 >/dev/null
A inspection add --place-kind 市场 --place 新华路服装批发市场 --at 2026-02-20T09:30 \
  --inspectors 王建国:13010001,李敏:13010002 --market "$late" >/dev/null
A inspection add --place-kind 展会 --place 石家庄国际会展中心 --at 2026-03-01T10:00 \
  --inspectors 王建国:13010001,李敏:13010002 --market "$fair" >/dev/null
A trademark add --mark NIKE --holder 耐克创新有限合伙公司 --reg-no 1234567 --classes 25,35 \
  --regions 130100 >/dev/null
A trademark add --mark 同仁堂 --holder 中国北京同仁堂（集团）有限责任公司 --classes 5 \
  --regions 110000 >/dev/null
A case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --region 130105 --marks "nike, 阿迪达斯" \
  >/dev/null || bad "setup: case"

screen_run "$tmp/a" "size 80 24
keys D
dump watch-due
keys <Enter>
dump watch-markets
keys a
dump watch-new
type 南三条小商品市场
keys <Tab><Enter>jj<Enter><Tab>
type 130102
keys <Tab>
type 14
keys <F2>
dump watch-added
keys <Tab>
dump watch-trademarks
keys je
dump watch-edit
keys <Esc>qq<Enter>
dump watch-case"

for s in due markets new added trademarks edit case; do screen_same "watch-$s"; done
screen_quiet
check "the deadlines screen lists the overdue market as a key market's" \
  grep -q "2026-02-27.*巡查重点关注市场 *重点市场 *新华路服" "$tmp/watch-due"
check "the overdue market comes first" grep -q 新华路服装批发市场 <(sed -n 3p "$tmp/watch-markets")
check "its next inspection is 7 days after the last (2026-02-27, 3 days late)" \
  grep -q "2026-02-27 -3" <(sed -n 3p "$tmp/watch-markets")
check "the market never inspected is due 90 days after its listing (2026-05-31)" \
  grep -q "2026-05-31" <(grep 某电商平台 "$tmp/watch-markets")
check "the new market is saved with its interval from today (2026-03-16)" \
  grep -q "2026-03-16" <(grep 南三条小商品市场 "$tmp/watch-added")
check "the trademarks tab lists both marks" grep -q 同仁堂 "$tmp/watch-trademarks"
check "the case's overview names its key trademark" grep -q "NIKE" "$tmp/watch-case"
check "but not the trademark of another region" bash -c "! grep -q 同仁堂 '$tmp/watch-case'"

screen_finish
