#!/usr/bin/env bash
# Screen test of a transfer to the police (行刑衔接, Order No. 310) on the case screen at 80×24
# in zh_CN, dumps compared with tests/screen/expected/police-transfer-*.txt: after the report
# and the head's approval the overview's section 移送公安机关 lists both steps and the sending's
# limit; J opens the form of the next step (the sending: its time now, the police typed); the
# receipt; a decision dated before the receipt is refused on the form, in Chinese; the
# decision and the return, after which the section lists every step and none is left; J on a
# case without a transfer says how to record one. The values written are read back with
# `ipcase police show --json`.
# Usage: tests/screen/police_transfer.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8
py=/usr/bin/python3

screen_officers
A case add --title 销售假冒耐克运动鞋案 --ip-type trademark >/dev/null || bad "setup: a case without"
c=$(A case add --title 假冒注册商标阿迪达斯案 --ip-type trademark --handlers 王建国:13010001)
t=$(A police transfer "$c" --reported-on 2026-02-28 --reporters 王建国:13010001,李敏:13010002 \
  --offence counterfeit_mark) || bad "setup: the report"
aid=$(A approval ask "$c" police_transfer) && A approval answer "$aid" approve --opinion 同意 \
  >/dev/null && A set "$t" approved_on=2026-03-02 >/dev/null || bad "setup: the approval"

screen_run "$tmp/a" "size 80 24
keys <Enter>
dump police-transfer-approved
keys J<Tab>
type 石家庄市公安局
dump police-transfer-sending
keys <F2>
dump police-transfer-sent
keys J<F2>J
type 不予立案
keys <Tab><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>
type 2026-03-01
keys <F2>
dump police-transfer-refused
keys <BS><BS>
type 02
keys <F2>J<Tab><Tab>
type 2026-03-02
keys <F2>
dump police-transfer-returned
keys <Esc>j<Enter>J
dump police-transfer-none"

screen_same police-transfer-approved
screen_same police-transfer-sending
screen_same police-transfer-sent
screen_same police-transfer-refused
screen_same police-transfer-returned
screen_quiet
check "the approved transfer's section names its next step and limit" \
  grep -q "下一步：移送，期限 2026-03-03" "$tmp/police-transfer-approved"
check "J on a case without a transfer says how to record one" \
  grep -q "本案没有移送公安机关记录" "$tmp/police-transfer-none"
check "the refusal is on the form, in Chinese" grep -q "2026-03-01.*早于" "$tmp/police-transfer-refused"
check "the form wrote each step: police show --json" [ "$(A police show "$t" --json | $py -c '
import json,sys; x=json.load(sys.stdin)
print(x["sent_at"], x["police"], x["police_received_on"], x["police_decision"],
      x["police_decision_on"], x["returned_on"], x["state"], x["next"])')" \
  = "2026-03-02T09:00 石家庄市公安局 2026-03-02 not_opened 2026-03-02 2026-03-02 return None" ]

echo "police_transfer: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
