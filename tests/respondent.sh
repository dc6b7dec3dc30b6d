#!/usr/bin/env bash
# Respondents across cases in `case list --query`: a USCC (18 characters) finds every case
# whose respondent has it, and a respondent's name finds its cases whether written with
# full-width or ASCII brackets, with spaces, or without 有限公司; a reporter's USCC is not
# searchable; other cases stay out.
set -u
bin=${1:?usage: respondent.sh IPCASE_BINARY}
home=$(mktemp -d /tmp/ipcase-resp-XXXXXX)
trap 'rm -rf "$home"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
ipc() { "$bin" --home "$home/ws" "$@"; }
export IPCASE_TODAY=2026-03-02

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null || { bad "init"; exit 1; }
ipc demo --cases 50 >/dev/null || bad "demo"
uscc=911310001CNDQ5F9RT
add() { # TITLE ROLE NAME
  local id
  id=$(ipc case add --title "$1" --ip-type trademark) &&
    ipc party add "$id" --role "$2" --name "$3" --uscc "$uscc" >/dev/null || bad "add $1"
}
add 甲案 当事人 "保定恒信商贸有限公司（高新区）"
add 乙案 当事人 "保定恒信商贸有限公司 (高新区)"
add 丙案 举报人 "保定恒信商贸有限公司（高新区）"

titles() { ipc case list --query "$1" --json | /usr/bin/python3 -c '
import json,sys; print(" ".join(sorted(r["title"] for r in json.load(sys.stdin))))'; }
got=$(titles "$uscc")
check "the USCC finds the respondent's two cases, not the reporter's" /usr/bin/python3 -c '
import sys; t=sys.argv[1].split(); assert "丙案" not in t and "甲案" in t and "乙案" in t, t' "$got"
check "the USCC in lower case too" [ "$(titles "${uscc,,}")" = "$got" ]
for q in "保定恒信商贸有限公司（高新区）" "保定恒信商贸有限公司(高新区)" "保定恒信商贸有限公司 (高新区)" \
         "保定恒信商贸" "恒信商贸（高新区）"; do
  check "the name \"$q\" finds both" /usr/bin/python3 -c '
import sys; t=sys.argv[1].split(); assert "甲案" in t and "乙案" in t, t' "$(titles "$q")"
done
check "a USCC nobody has finds nothing" [ -z "$(titles 91110000600037341L)" ]

echo "respondent: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
