#!/usr/bin/env bash
# Screen test of the inbox of complaints and reports (投诉举报) at 80x24 in zh_CN, dumps
# compared with tests/screen/expected/intakes-*.txt: M opens it with the open limits first (a
# 12345 complaint late on its acceptance, then a real-name report waiting for nothing yet), the
# complainant's name never drawn; L makes the report a clue of the chosen IP type and opens
# the new case; back in the inbox the report shows its case; ! shows every intake.
# Usage: tests/screen/intakes.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
late=$(A intake add --channel hotline_12345 --received 2026-02-10 --kind complaint \
  --subject 某商场销售假冒耐克运动鞋 --name 张秘密 --phone 13900001111 --respondent 某商场)
report=$(A intake add --channel letter --received 2026-02-27 --kind report \
  --subject 网店销售盗版教材 --name 钱某某 --respondent 某网店 --uscc 91130100MA0CUL6X88)
done_=$(A intake add --channel phone --received 2026-01-05 --kind complaint \
  --subject 超市销售侵权玩具 --anonymous)
A intake accept "$done_" --on 2026-01-06 >/dev/null || bad "setup: accept"
[ -n "$late" ] && [ -n "$report" ] || bad "setup: intakes"

screen_run "$tmp/a" "size 80 24
keys M
dump intakes-waiting
keys jL
dump intakes-menu
keys jjj<Enter>
dump intakes-clue
keys <Esc>
dump intakes-linked
keys !
dump intakes-all"

for s in waiting menu clue linked all; do screen_same "intakes-$s"; done
screen_quiet
check "the late complaint comes first, in the list of waiting ones" \
  grep -q "某商场销售假冒耐克运动鞋" <(sed -n 3p "$tmp/intakes-waiting")
check "its limit is shown with its date (7 working days after 春节)" \
  grep -q "2026-02-26" <(sed -n 4p "$tmp/intakes-waiting")
nobody() { ! grep -q -e 张秘密 -e 钱某某 -e 13900001111 "$@"; }
check "no complainant or reporter is drawn in the inbox" nobody "$tmp/intakes-waiting" \
  "$tmp/intakes-all"
check "the accepted anonymous complaint is not waiting" \
  bash -c "! grep -q 超市销售侵权玩具 '$tmp/intakes-waiting'"
check "! shows it" grep -q 超市销售侵权玩具 "$tmp/intakes-all"
check "L opened the new case of the report" grep -q 网店销售盗版教材 <(head -2 "$tmp/intakes-clue")
kase=$(A intake show "$report" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin).get("case_id",""))')
check "the report is linked to a case" test -n "$kase"
check "the case is of the IP type chosen (商标)" \
  grep -q '"ip_type": "trademark"' <(A case show "$kase" --json)
check "its reporter is a confidential party of the case" \
  grep -q '"role": "reporter"' <(A case show "$kase" --json)
check "back in the inbox the report waits no more (no limit until the case is filed)" \
  bash -c "! grep -q 网店销售盗版教材 '$tmp/intakes-linked'"
check "! shows the report with its case" grep -q "案件 网店销售盗版教材" "$tmp/intakes-all"

screen_finish
