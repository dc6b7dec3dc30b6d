#!/usr/bin/env bash
# The geographical-indication checklist and campaigns of inspections (issue 18, items 3 and 6;
# Taiyuan art. 12, FACTS.md §13): an inspection ticks forbidden uses by id or Chinese name,
# only with the GI product named and only of the ten; `inspection clue` opens a case of IP type
# 地理标志 carrying the place, region, campaign and findings, linked to the inspection, once;
# `stats` counts the period's inspections, those with GI findings and those that opened a clue,
# by campaign (JSON, the text line, the XLSX tab read by openpyxl); a colleague's inspection
# with GI findings and no product, pushed with the git command line, waits in the quarantine.
# Usage: tests/gi.sh BIN
set -u
bin=${1:?usage: gi.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-gi-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export HOME=$tmp IPCASE_TODAY=2026-11-02 GIT_CONFIG_NOSYSTEM=1
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
py=/usr/bin/python3

ipc() { "$bin" --home "$tmp/ws" "$@"; }
# shellcheck source=fixtures/procedure.sh
. "$(dirname "$0")/fixtures/procedure.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
# field ID EXPR: a Python expression of the record d shown by `case show --json`
show() { ipc case show "$1" --json | $py -c "import json,sys; d=json.load(sys.stdin); print($2)"; }
inspect() {
  ipc inspection add --place-kind 市场 --place 赵县梨果批发市场 --region 130133 \
    --at 2026-10-2"$1"T10:00 --inspectors "$OFFICERS" "${@:2}"
}

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null || bad "init"

out=$(inspect 0 --gi-findings 冒用专用标志 2>&1)
check "GI findings without the product are refused, naming the field" \
  grep -q gi_product <<<"$out"
check "… and nothing was written" [ "$(ipc case list --json | $py -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 0 ]
out=$(inspect 0 --gi-product 赵州雪花梨 --gi-findings 冒用专用标志,假冒 2>&1)
check "a finding that is none of the ten is refused" grep -q "gi_findings" <<<"$out"

i1=$(inspect 1 --gi-product 赵州雪花梨 --gi-findings 冒用专用标志,selling --campaign 铁拳 \
  --findings "摊位销售标注“赵州雪花梨”专用标志的外地梨 200 箱")
i2=$(inspect 2 --campaign 铁拳 --findings 无异常)
i3=$(inspect 3 --campaign 龙腾 --gi-product 赵州雪花梨 --gi-findings name_as_trade_name)
inspect 4 >/dev/null
check "four inspections recorded" test -n "$i1" -a -n "$i2" -a -n "$i3"

c1=$(ipc inspection clue "$i1" --title 赵县某果品商行销售假冒地理标志产品案)
check "a clue opens from a GI inspection" test -n "$c1"
check "… of IP type geographical indication, found at an inspection, in status clue" \
  [ "$(show "$c1" 'd["ip_type"], d["source"], d["status"]')" = "geographical_indication inspection clue" ]
check "… with the title given, the place, region and campaign of the inspection" \
  [ "$(show "$c1" 'd["title"], d["place"], d["region"], d["campaign"]')" \
    = "赵县某果品商行销售假冒地理标志产品案 赵县梨果批发市场 130133 铁拳" ]
check "… its notes the findings then each GI finding" \
  [ "$(show "$c1" 'd["notes"].splitlines()[1:]')" = "['- the official GI mark used without right', '- selling such goods']" ]
check "… and the inspection linked to it" [ "$(show "$c1" 'd["inspection"][0]["id"]')" = "$i1" ]
out=$(ipc inspection clue "$i1" 2>&1)
check "an inspection opens one clue only" grep -q "already belongs to case" <<<"$out"
c3=$(LANG=zh_CN.UTF-8 ipc inspection clue "$i3")
check "without --title the title says what was found (in the user's language)" \
  [ "$(show "$c3" 'd["title"]')" = "赵县梨果批发市场涉嫌违法使用地理标志“赵州雪花梨”" ]
out=$(ipc inspection clue "$i2" 2>&1)
check "a clue from an inspection without GI findings needs its IP type" grep -q "ip_type is required" <<<"$out"
c2=$(ipc inspection clue "$i2" --ip-type 商标)
check "… given one (a Chinese name), it opens" [ "$(show "$c2" 'd["ip_type"], d["title"]')" = "trademark 赵县梨果批发市场" ]

stats() { ipc stats --period 2026-10 --json | $py -c "import json,sys; f=json.load(sys.stdin)['inspections']; print($1)"; }
check "stats count the period's inspections, those with GI findings, those that opened a clue" \
  [ "$(stats 'f["inspected"], f["gi"], f["clues"]')" = "4 2 3" ]
check "… by campaign, the largest first" \
  [ "$(stats '[(c["campaign"], c["inspected"], c["gi"], c["clues"]) for c in f["campaigns"]]')" \
    = "[('铁拳', 2, 1, 2), ('龙腾', 1, 1, 1)]" ]
check "… and not those of another period" \
  [ "$(ipc stats --period 2026-11 --json | $py -c 'import json,sys; f=json.load(sys.stdin)["inspections"]; print(f["inspected"], f["campaigns"])')" = "0 []" ]
check "the text names them under the table" \
  grep -q "Inspections 4: with GI findings 2, opened a clue 3. By campaign: 铁拳 2 (clues 2); 龙腾 1 (clues 1)" \
  <(ipc stats --period 2026-10)
ipc stats --period 2026-10 --format xlsx -o "$tmp/s.xlsx" >/dev/null
check "the workbook has a tab of the inspections by campaign (openpyxl)" \
  [ "$($py -c 'import openpyxl,sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = [wb[n] for n in wb.sheetnames if n.startswith("现场检查")][0]
print([[c.value for c in r] for r in ws.iter_rows(min_row=2)])' "$tmp/s.xlsx")" \
    = "[['铁拳', 2, 1, 2], ['龙腾', 1, 1, 1], ['total', 4, 2, 3]]" ]

if forge_build "$tmp/forge" && forge_colleague "$bin" "$tmp/ws" "$tmp/mate" "$tmp/office.git" \
     130100 石家庄市市场监督管理局; then
  rec=$(forge_push "$tmp/office.git" "$tmp/mate/device.key" inspection '{"place_kind":"market",
"place_name":"伪造检查","inspected_at":"2026-10-30T10:00","inspectors":[{"name":"王建国",
"cert":"13010001"},{"name":"李敏","cert":"13010002"}],"gi_findings":["selling"]}')
  ipc sync >/dev/null 2>&1
  check "a peer's GI findings without the product wait in the quarantine, saying why" \
    bash -c '"$0" --home "$1" quarantine --json | /usr/bin/python3 -c "
import json,sys
sys.exit(not any(sys.argv[1] in x[\"path\"] and \"gi_product\" in x[\"reason\"] for x in json.load(sys.stdin)))" "$2"' \
    "$bin" "$tmp/ws" "$rec"
  check "… and count nowhere" [ "$(stats 'f["inspected"]')" = 4 ]
else
  bad "the forged colleague could not be set up"
fi

echo "gi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
