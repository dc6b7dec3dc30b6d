#!/usr/bin/env bash
# Screen test of the geographical-indication checklist (Taiyuan art. 12; issue 18, item 3) at
# 80x24 in zh_CN, dumps compared with tests/screen/expected/gi-*.txt: the quick capture (c) of
# an inspection names the GI product, Enter on its findings opens the ten forbidden uses as a
# checklist, two are ticked (each choice toggles and keeps the list open), "done" closes it;
# saved, the inspection keeps the two findings and the clue opened from it is of IP type 地理标志
# with the findings in its notes.
# Usage: tests/screen/gi.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8 IPCASE_FAKE_NOW_MS=1772443800000 # 2026-03-02T09:30Z

screen_officers
screen_run "$tmp/a" "size 80 24
keys c
type 赵县梨果批发市场
keys <Tab><Tab><Tab><Tab><Tab>
type 李敏:13010002
keys <Tab>
type 赵州雪花梨
keys <Tab><Enter>
dump gi-checklist
keys jjjjj<Enter>jj<Enter>
dump gi-ticked
keys G<Enter>
dump gi-form
keys <F2>
dump gi-ask
keys y
dump gi-clue
keys <F2>
dump gi-saved"

for s in checklist ticked form ask clue saved; do screen_same "gi-$s"; done
screen_quiet
check "the checklist offers the ten forbidden uses of art. 12" \
  test "$(grep -c '\[[ x]\]' "$tmp/gi-checklist")" -eq 10
check "two of them are ticked" test "$(grep -c '\[x\]' "$tmp/gi-ticked")" -eq 2
kase=$(A case list --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
check "the inspection keeps the product and the two findings, linked to the clue" \
  test "$(A case show "$kase" --json | /usr/bin/python3 -c '
import json, sys
i = json.load(sys.stdin)["inspection"][0]
print(i["gi_product"], ",".join(i["gi_findings"]))')" = "赵州雪花梨 mark_misused,selling"
check "the clue is of IP type geographical indication, found at the inspection" \
  test "$(A case show "$kase" --json | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["ip_type"], d["source"], d["status"])')" = "geographical_indication inspection clue"
check "its notes name the findings in Chinese" \
  grep -q "冒用专用标志" <(A case show "$kase" --json)

screen_finish
