#!/usr/bin/env bash
# Screen test of the deadlines view (D): cases whose clues came in on different days give
# verification deadlines that are overdue, due today, due this week and later; a seizure
# adds a calendar-day deadline; one case is another officer's (m: mine). The rows are the
# ones `ipcase due --json` lists, soonest first; Enter opens the case. Also the case list's
# next-deadline column and `!` (overdue only). Usage: tests/screen/deadlines.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers
# clue DATE TITLE [HANDLERS]: a case registered (its clue came in) on DATE
clue() {
  IPCASE_TODAY=$1 A case add --title "$2" --ip-type trademark ${3:+--handlers "$3"}
}
late=$(clue 2026-01-20 "销售假冒耐克运动鞋案（南三条市场）" "王建国:13010001")
today=$(clue 2026-02-03 "侵犯著作权案（盗版图书）" "王建国:13010001")
week=$(clue 2026-02-10 "假冒专利案（保温杯）" "李敏:13010002")
later=$(clue 2026-02-27 "擅自使用地理标志案（五常大米）" "王建国:13010001")
aid=$(A approval ask "$later" seizure --reason 涉嫌侵权的大米) &&
  A approval answer "$aid" approve --opinion 同意 >/dev/null &&
  A measure add "$later" --kind seizure --on 2026-02-27 --items 大米200袋 \
    --officers 王建国:13010001,李敏:13010002 >/dev/null || echo "FAIL the seizure was not recorded"

screen_run "$tmp/a" "size 100 16
keys D
dump deadlines-office
keys m
dump deadlines-mine
keys m<Down><Enter>
dump deadlines-open-case
keys <Esc><Esc>
dump deadlines-back-to-list
keys !
dump deadlines-list-overdue"

screen_same deadlines-office
screen_same deadlines-mine
screen_same deadlines-open-case
screen_same deadlines-list-overdue
screen_quiet

# the screen lists what the batch command lists, in its order
A due --days 10000 --json >"$tmp/due.json"
rows=$(python3 -c '
import json,sys
for d in json.load(open(sys.argv[1])): print(d["due"], "%+d" % d["days_left"])' "$tmp/due.json")
shown=$(sed -n '3,12p' "$tmp/deadlines-office" | awk 'NF >= 2 && $1 ~ /^20[0-9][0-9]-/ {print $1, $2}')
check "the rows are those of ipcase due, soonest first" [ "$rows" = "$shown" ]
check "an overdue deadline is listed as overdue" grep -q "^2026-02-.. *-[0-9]* *Overdue" "$tmp/deadlines-office"
check "one is due today" grep -q "^2026-03-02 *+0 *Today" "$tmp/deadlines-office"
check "mine leaves out 李敏's case" bash -c "! grep -q 保温杯 '$tmp/deadlines-mine'"
check "Enter opened the case of the selected deadline" grep -q "侵犯著作权案（盗版图书）" "$tmp/deadlines-open-case"
check "the list shows each case's next deadline" grep -q "侵犯著作权案.*2026-03-02" "$tmp/deadlines-back-to-list"
screen_finish
