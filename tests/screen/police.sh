#!/usr/bin/env bash
# Screen test of the flag of a suspected crime (行刑衔接, FACTS.md §11) at 80x24 in zh_CN,
# dumps compared with tests/screen/expected/police-*.txt: a case whose illegal turnover is
# ¥50,000 opens with the flag at the title's right end, in Chinese; a case one fen below
# opens without it. Usage: tests/screen/police.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
below=$(A case add --title 销售假冒耐克运动鞋案 --ip-type trademark --handlers 王建国:13010001)
A set "$below" offence=counterfeit_mark illegal_turnover=49999.99 >/dev/null || bad "setup: below"
flagged=$(A case add --title 假冒注册商标阿迪达斯案 --ip-type trademark --handlers 王建国:13010001)
A set "$flagged" offence=counterfeit_mark illegal_turnover=50000 >/dev/null || bad "setup: flagged"

# the list is newest first: the flagged case, then the one below
screen_run "$tmp/a" "size 80 24
keys <Enter>
dump police-flagged
keys <Esc>j<Enter>
dump police-below"

screen_same police-flagged
screen_same police-below
screen_quiet
check "the flagged case carries the flag on its first line" grep -q "涉嫌犯罪" <(head -1 "$tmp/police-flagged")
unflagged() { ! grep -q "涉嫌犯罪" "$1"; }
check "the case below carries none" unflagged "$tmp/police-below"

screen_finish
