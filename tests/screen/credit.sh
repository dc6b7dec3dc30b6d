#!/usr/bin/env bash
# Screen test of the respondent's credit on the case screen (scripted in-memory terminal at
# 80×24 in zh_CN, dumps compared with tests/screen/expected/credit-case.txt): the overview lists
# the respondent's penalties of the last five years as `ipcase credit history` gives them —
# one whose display a granted repair ended, one displayed with a repair not yet decided.
# Usage: tests/screen/credit.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
uscc=911310001CNDQ5F9RT
# add TITLE [DECIDED PUBLISHED]: a trademark case of the respondent, decided as a penalty and
# published when the dates are given; its id in $id
add() {
  id=$(A case add --title "$1" --ip-type trademark) &&
    A party add "$id" --role 当事人 --name 廊坊佳和贸易有限公司 --uscc "$uscc" >/dev/null ||
    bad "add $1"
  [ -z "${2:-}" ] && return
  A case set "$id" clue_on="${2:0:4}-01-02" filed_on="${2:0:4}-01-05" decided_on="$2" \
    decision_type=penalty fine=30000 fine_paid_on="$3" >/dev/null || bad "decide $1"
  A credit publish "$id" --on "$3" >/dev/null || bad "publish $1"
}
add 前年商标侵权案 2024-03-01 2024-03-05
r=$(A credit repair "$id" --applied-on 2024-09-10 --harm-removed --not-listed) &&
  A credit decide "$r" granted --reason 条件均已满足 --on 2024-09-20 >/dev/null || bad "repair"
add 去年商标侵权案 2025-05-10 2025-05-12
A credit repair "$id" --applied-on 2025-12-01 --harm-removed >/dev/null || bad "repair 2"
add 本次商标侵权案

screen_run "$tmp/a" "size 80 24
keys jj<Enter>
dump credit-case"
screen_same credit-case
check "the screen names both penalties with their display" \
  grep -q "2025-05-10 罚款 30000 元，公示至 2028-05-12，信用修复：尚未决定" "$tmp/credit-case"

echo "credit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
