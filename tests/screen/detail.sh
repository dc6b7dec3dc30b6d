#!/usr/bin/env bash
# Screen test of the case detail (scripted in-memory terminal, 80x24, dumps compared with
# tests/screen/expected/detail-*.txt): every tab of a case with Chinese parties (a reporter's
# identity marked confidential), evidence whose file is intact, damaged or absent, an
# inspection, a long note wrapped by columns, the history (who changed what, when) scrolled
# to its end; a title cut at an odd column; a conflict made by two officers offline, synced
# through a bare repository and resolved on the screen, which the other officer then sees
# resolved too. Usage: tests/screen/detail.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)'"$1"')'; }

screen_officers remote

id=$(A case add --title 耐克运动鞋商标侵权案 --ip-type 商标 --source 举报 --region 130102 \
  --place-kind 市场 --place 南三条市场 --handlers "王建国:13010001,李敏:13010002" \
  --notes $'当事人在南三条市场销售标有耐克商标的运动鞋，经权利人鉴定为假冒产品，货值约两万元。\nThe rights holder confirmed in writing that the shoes are counterfeit.')
pid=$(A party add "$id" --role 当事人 --name 石家庄市新华区某商贸有限公司 --uscc 91110108551385082Q \
  --phone 0311-12345678 --address 石家庄市新华区中华北大街1号)
A party add "$id" --role 举报人 --name 李四 --phone 13900000000 --address 石家庄市长安区 >/dev/null
A party add "$id" --role 权利人 --name 耐克创新有限合伙公司 >/dev/null
printf 'photo of the shoes on the shelf\n' >"$tmp/shoes.jpg"
printf 'invoice of the shop\n' >"$tmp/invoice.pdf"
A evidence add "$id" --kind 照片 --desc 现场照片：货架上的运动鞋 --at "2026-03-01 10:30" \
  --place 南三条市场 --by 王建国 --file "$tmp/shoes.jpg" >/dev/null
A evidence add "$id" --kind 书证 --desc 进货发票 --file "$tmp/invoice.pdf" >/dev/null
A evidence add "$id" --kind 证人证言 --desc 摊主的陈述 >/dev/null
sha=$(sha256sum "$tmp/invoice.pdf" | cut -c1-64)
printf 'x' >>"$tmp/a/files/${sha:0:2}/$sha" # the workspace's copy of the invoice is damaged
A inspection add --case "$id" --place-kind 市场 --place 南三条市场 --at "2026-03-01 10:00" \
  --inspectors "王建国:13010001,李敏:13010002" --findings 发现标有耐克商标的运动鞋20双，无合法来源。 \
  >/dev/null
# 42 characters, 84 columns: the header's 79 columns end in the middle of the 40th
long=关于石家庄市新华区某商贸有限公司销售侵犯注册商标专用权商品案件的调查处理意见书初稿
A case add --title "$long" --ip-type trademark >/dev/null

# offline, both officers change the title and the respondent's address: two conflicts
A sync >/dev/null 2>&1 && B sync >/dev/null 2>&1
A case set "$id" title=耐克运动鞋侵权案（甲） >/dev/null
B case set "$id" title=耐克运动鞋侵权案（乙） >/dev/null
A set "$pid" address=甲核实的地址 >/dev/null
B set "$pid" address=乙核实的地址 >/dev/null
A sync >/dev/null 2>&1 && B sync >/dev/null 2>&1 && A sync >/dev/null 2>&1
check "setup: the title is in conflict on A" grep -q title <<<"$(A case show "$id" --json | json_field '["conflicts"]')"

screen_run "$tmp/a" "size 80 24
keys /
type 耐克
keys <Enter><Enter>
dump detail-overview
keys <PgDn>
dump detail-overview-end
keys <Tab>
dump detail-parties
keys j
dump detail-parties-next
keys <Tab>
dump detail-evidence
keys <PgDn>
dump detail-evidence-end
keys <Tab>
dump detail-inspections
keys <Tab>
dump detail-history
keys G
dump detail-history-end
keys <Tab>
dump detail-conflicts
keys r
dump detail-resolve-menu
keys j<Enter>
dump detail-resolved
keys <Esc><Esc>/
type 关于
keys <Enter><Enter>
dump detail-title-cut"

for s in overview overview-end parties parties-next evidence evidence-end inspections history history-end \
  conflicts resolve-menu resolved title-cut; do
  screen_same "detail-$s"
done
screen_quiet
# the header has 79 columns after its margin: 39 characters fill 78, the 40th would straddle
# the edge and is left out (its column stays blank), never half drawn
check "the title is cut at an odd column without a half character" \
  [ "$(head -1 "$tmp/detail-title-cut")" = " ${long:0:39}" ]

# the resolution is an ordinary signed write: it holds locally and settles the peer too
show=$(A case show "$id" --json)
check "resolved: the title A chose" [ "$(json_field '["title"]' <<<"$show")" = 耐克运动鞋侵权案（甲） ]
check "resolved: no conflict on the title any more" \
  [ "$(json_field '.get("conflicts", [])' <<<"$show")" = "[]" ]
A sync >/dev/null 2>&1 && B sync >/dev/null 2>&1
show=$(B case show "$id" --json)
check "the colleague receives the resolution" [ "$(json_field '["title"]' <<<"$show")" = 耐克运动鞋侵权案（甲） ]
check "... and has no title conflict either" [ "$(json_field '.get("conflicts", [])' <<<"$show")" = "[]" ]

screen_finish
