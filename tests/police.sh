#!/usr/bin/env bash
# The flag of a suspected crime (行刑衔接, FACTS.md §11; issue 17): `case show --json` carries
# police_threshold, reached at and above a threshold and not below it (in fen: ¥49,999.99 is
# below, ¥50,000 reaches); the offence narrows which thresholds apply, an unset offence takes
# them all; a decided penalty leaves the flag; `police thresholds` shows the defaults with
# their source, sets a workspace value that then moves the flag, and refuses an unknown name
# or an amount that is not money, in the user's language. Usage: tests/police.sh BIN
set -u
bin=${1:?usage: police.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-police-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
export HOME=$tmp IPCASE_TODAY=2026-11-02
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
py=/usr/bin/python3

ipc() { "$bin" --home "$tmp/ws" "$@"; }
json() { $py -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
# flag CASE: the names of the thresholds CASE reaches, comma-separated ("" when none)
flag() { ipc case show "$1" --json | json '",".join(t["name"] for t in j["police_threshold"]["thresholds"])'; }
quietly() { "$@" >/dev/null; }
reached() { ipc case show "$1" --json | json 'j["police_threshold"]["reached"]'; }

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null
c=$(ipc case add --title 假冒注册商标案 --ip-type trademark)
check "a case without amounts is not flagged" [ "$(reached "$c")" = False ]
ipc set "$c" offence=counterfeit_mark illegal_turnover=49999.99 illegal_gains=29999.99 >/dev/null
check "just below both counterfeiting thresholds: not flagged" [ "$(reached "$c")" = False ]
ipc set "$c" illegal_turnover=50000 >/dev/null
check "turnover at ¥50,000 flags counterfeiting" [ "$(flag "$c")" = counterfeit_turnover ]
ipc set "$c" illegal_turnover=100 illegal_gains=30000 >/dev/null
check "gains at ¥30,000 flag counterfeiting" [ "$(flag "$c")" = counterfeit_gains ]
check "a penalty is decided" quietly ipc set "$c" clue_on=2026-10-20 filed_on=2026-10-21 \
  decision_type=penalty decided_on=2026-11-01 fine=10000
check "a penalty does not clear the flag" [ "$(reached "$c")" = True ]

s=$(ipc case add --title 销售假冒注册商标的商品案 --ip-type trademark)
ipc set "$s" offence=sell_counterfeit illegal_gains=90000 unsold_value=149999.99 >/dev/null
check "selling: gains are no threshold, unsold below ¥150,000 not flagged" [ "$(reached "$s")" = False ]
ipc set "$s" unsold_value=150000 >/dev/null
check "selling: unsold goods at ¥150,000 flag" [ "$(flag "$s")" = sale_unsold ]
ipc set "$s" illegal_turnover=50000 >/dev/null
check "selling: sales at ¥50,000 flag too" [ "$(flag "$s")" = sale_amount,sale_unsold ]

u=$(ipc case add --title 罪名未定案 --ip-type trademark)
ipc set "$u" illegal_gains=30000 >/dev/null
check "offence unset: every threshold applies" [ "$(flag "$u")" = counterfeit_gains ]

src=$(ipc police thresholds --json | json 'j[0]["source"]')
check "defaults name their source" [ "$src" = "2010 prosecution standards, unverified against the 2025 judicial interpretation" ]
check "the default sale_unsold is ¥150,000" \
  [ "$(ipc police thresholds --json | json '[t["yuan"] for t in j if t["name"]=="sale_unsold"][0]')" = 150000.00 ]
check "a workspace value is set" quietly ipc police thresholds counterfeit_gains=40000
check "its source says so" \
  [ "$(ipc police thresholds --json | json '[t["source"] for t in j if t["name"]=="counterfeit_gains"][0]')" = "workspace setting" ]
check "gains of ¥30,000 no longer reach ¥40,000" [ "$(reached "$u")" = False ]
out=$(ipc police thresholds nonsense=1 2>&1) && bad "an unknown threshold is refused"
check "the refusal names the thresholds" grep -q counterfeit_turnover <<<"$out"
out=$(LANG=zh_CN.UTF-8 ipc police thresholds sale_amount=abc 2>&1) && bad "an amount not money is refused"
check "the refusal is in Chinese" grep -q 元 <<<"$out"

echo "police: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
