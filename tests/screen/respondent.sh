#!/usr/bin/env bash
# Screen test of a respondent across cases (scripted in-memory terminal at 80×24 in zh_CN,
# dumps compared with tests/screen/expected/respondent-*.txt): the case screen says how many
# other cases the respondent's USCC has and how many penalties in five years; P opens the list
# searched by that USCC, which finds the cases whatever spelling of the name they use.
# Usage: tests/screen/respondent.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
uscc=911310001CNDQ5F9RT
# add TITLE NAME [decided as penalty on DATE]
add() {
  local id
  id=$(A case add --title "$1" --ip-type trademark) &&
    A party add "$id" --role 当事人 --name "$2" --uscc "$uscc" >/dev/null || bad "add $1"
  [ -z "${3:-}" ] || A case set "$id" clue_on="${3:0:4}-01-02" filed_on="${3:0:4}-01-05" decided_on="$3" \
    decision_type=penalty fine=30000 >/dev/null || bad "decide $1"
}
add 早年商标侵权案 廊坊佳和贸易有限公司 2020-06-01
add 去年商标侵权案 "廊坊佳和贸易有限公司（广阳）" 2025-04-10
add 本次商标侵权案 "廊坊佳和贸易有限公司 (广阳)"
other=$(A case add --title 无关案件 --ip-type copyright)
A party add "$other" --role 当事人 --name 别家公司 >/dev/null

screen_run "$tmp/a" "size 80 24
keys j<Enter>
dump respondent-case
keys P
dump respondent-list
keys <Esc>
dump respondent-back"
screen_same respondent-case
screen_same respondent-list
screen_same respondent-back

echo "respondent: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
