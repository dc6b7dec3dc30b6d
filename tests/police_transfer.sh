#!/usr/bin/env bash
# The transfer to the police (行刑衔接, Order No. 310, FACTS.md §11; issue 17 part 2): a
# transfer report by one officer is refused, two with certificates make it; approved_on must be
# the day of an approved police_transfer approval; a police decision before the sending, a
# handover after a refusal to open and dates out of order are refused naming their field; the
# steps to a return; each step's limit in `due --json` (calendar days, not working days: one
# across 国庆) until its date is recorded; `police show` and `police list` (each step done in
# order, the state, the next step and its limit, in Chinese too); the 涉嫌犯罪案件移送书 filled
# from the record; a colleague's forged transfer, approved without an approval and pushed with
# the git command line, waits in the quarantine. Usage: tests/police_transfer.sh BIN
set -u
bin=${1:?usage: police_transfer.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-police-transfer-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export HOME=$tmp IPCASE_TODAY=2026-11-02
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
py=/usr/bin/python3

ipc() { "$bin" --home "$tmp/ws" "$@"; }
# shellcheck source=fixtures/procedure.sh
. "$(dirname "$0")/fixtures/procedure.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
quietly() { "$@" >/dev/null; }
# limit KIND: the due date of the case's deadline of that kind ("" when none)
limit() {
  ipc due --json --days 400 --case "$c" | $py -c 'import json,sys
print("".join(x["due"] for x in json.load(sys.stdin) if x["kind"]==sys.argv[1]))' "$1"
}
# refused FIELD ARGS…: `set` is refused and the message names FIELD
refused() {
  local field=$1 out
  shift
  out=$(ipc set "$t" "$@" 2>&1) && return 1
  grep -q "$field" <<<"$out"
}

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null
c=$(ipc case add --title 假冒注册商标案 --ip-type trademark)
out=$(ipc police transfer "$c" --reported-on 2026-11-01 --reporters 王建国:13010001 2>&1) \
  && bad "a report by one officer is refused"
check "… naming reporters" grep -q reporters <<<"$out"
t=$(ipc police transfer "$c" --reported-on 2026-11-01 --reporters "$OFFICERS" --offence counterfeit_mark)
check "a report by two officers is recorded" [ -n "$t" ]
check "the head answers within 3 days of the report" [ "$(limit police_approve)" = 2026-11-04 ]
check "approved_on without an approval is refused" refused approved_on approved_on=2026-11-02
check "a police decision before the sending is refused" \
  refused police_decision police_decision=opened police_decision_on=2026-11-02
approve "$c" police_transfer
check "approved_on another day than the approval's is refused" refused approved_on approved_on=2026-11-01
check "approved_on the day of the approval" quietly ipc set "$t" approved_on=2026-11-02
check "the answer's limit is gone" [ -z "$(limit police_approve)" ]
check "sending within 24 hours: the next day" [ "$(limit police_send)" = 2026-11-03 ]
check "a sending before the approval is refused" refused sent_at sent_at=2026-11-01T09:00
check "sent and received" quietly ipc set "$t" sent_at=2026-11-03T09:30 police=石家庄市公安局 \
  police_received_on=2026-11-03
check "the police decide within 3 days of receipt" [ "$(limit police_decide)" = 2026-11-06 ]
check "the decision's limit is a workspace setting" quietly ipc due limits police_decision_days=7
check "… and moves with it" [ "$(limit police_decide)" = 2026-11-10 ]
check "the police do not open a case" quietly ipc set "$t" police_decision=not_opened \
  police_decision_on=2026-11-05
check "reconsideration within 3 days of the refusal notice" [ "$(limit police_reconsider)" = 2026-11-08 ]
check "a handover after a refusal to open is refused" refused handover_on handover_on=2026-11-06
check "a reconsideration before the refusal is refused" refused reconsideration_on reconsideration_on=2026-11-04
check "reconsideration asked" quietly ipc set "$t" reconsideration_on=2026-11-06 reconsideration_result=维持不予立案
check "its limit is gone" [ -z "$(limit police_reconsider)" ]
check "the case is returned" quietly ipc set "$t" returned_on=2026-11-09
check "case show --json carries the transfer and its steps" [ "$(ipc case show "$c" --json | $py -c \
  'import json,sys; t=json.load(sys.stdin)["police_transfer"][0]; print(t["police_decision"], t["returned_on"])')" \
  = "not_opened 2026-11-09" ]
check "no limit is left once returned" [ -z "$(limit police_decide)$(limit police_reconsider)" ]

# a case the police open, across 国庆: calendar days, not the working days after the holiday
c=$(ipc case add --title 国庆期间移送案 --ip-type trademark)
t=$(IPCASE_TODAY=2026-09-29 ipc police transfer "$c" --reported-on 2026-09-29 --reporters "$OFFICERS")
check "the head's answer by 10-02, in the holiday" [ "$(limit police_approve)" = 2026-10-02 ]
IPCASE_TODAY=2026-09-30 approve "$c" police_transfer
check "a return after an opening is refused" refused returned_on approved_on=2026-09-30 \
  sent_at=2026-09-30T16:00 police_received_on=2026-09-30 police_decision=opened \
  police_decision_on=2026-10-01 returned_on=2026-10-02
check "opened on 10-01" quietly ipc set "$t" approved_on=2026-09-30 sent_at=2026-09-30T16:00 \
  police_received_on=2026-09-30 police_decision=opened police_decision_on=2026-10-01
check "the handover by 10-04, in the holiday" [ "$(limit police_handover)" = 2026-10-04 ]
check "handed over" quietly ipc set "$t" handover_on=2026-10-03
check "no limit is left" [ -z "$(limit police_handover)$(limit police_decide)" ]

out=$(LANG=zh_CN.UTF-8 ipc set "$t" police_decision_on=2026-09-01 2>&1) && bad "a decision before receipt is refused"
check "the refusal is in Chinese" grep -qP '[\x{4e00}-\x{9fff}]' <<<"$out"

# police list and police show: the office's transfers, each step in order, the next limit
# show FIELD…: the values of `police show T --json` at those keys (a.b for nested), one line
pshow() {
  ipc police show "$t" --json | $py -c 'import json,sys
x=json.load(sys.stdin)
def get(o,k):
  for p in k.split("."): o=None if o is None else o[int(p)] if isinstance(o,list) else o[p]
  return o
print(" ".join(str(get(x,k)) for k in sys.argv[1:]))' "$@"
}
check "police show --json: the opened transfer's steps in order" [ "$(ipc police show "$t" --json \
  | $py -c 'import json,sys; print(",".join(s["step"] for s in json.load(sys.stdin)["steps"]))')" \
  = report,approval,sending,receipt,decision,handover ]
check "… its state, the decision, no step left" [ "$(pshow state state_on steps.4.decision next)" \
  = "handover 2026-10-03 opened None" ]
c2=$(ipc case add --title 待审批移送案 --ip-type trademark)
t=$(ipc police transfer "$c2" --reported-on 2026-11-02 --reporters "$OFFICERS")
check "a new transfer waits for the approval, by the 3rd day" \
  [ "$(pshow state next.step next.kind next.due next.fields)" \
  = "report approval police_approve 2026-11-05 approved_on" ]
approve "$c2" police_transfer
quietly ipc set "$t" approved_on=2026-11-02 sent_at=2026-11-02T15:00 police=石家庄市公安局
check "once sent, the receipt is next, without a limit" \
  [ "$(pshow state next.step next.kind next.due)" = "sending receipt None None" ]
quietly ipc set "$t" police_received_on=2026-11-03 police_decision=dropped police_decision_on=2026-11-04
check "a dropped case is returned next, without a limit" \
  [ "$(pshow next.step next.fields next.due)" = "return returned_on None" ]
check "police list --json: the three transfers, the latest report first, with their cases" \
  [ "$(ipc police list --json | $py -c 'import json,sys
print(" ".join(x["case_title"]+":"+x["state"] for x in json.load(sys.stdin)))')" \
  = "待审批移送案:decision 假冒注册商标案:return 国庆期间移送案:handover" ]
out=$(LANG=zh_CN.UTF-8 ipc police show "$t")
check "police show in Chinese: the steps by their names" grep -q '审批 *2026-11-02' <<<"$out"
check "… the police decision by its Chinese name" grep -q '公安决定 *2026-11-04  撤销案件' <<<"$out"
check "… the next step" grep -q '下一步：退回' <<<"$out"
out=$(LANG=zh_CN.UTF-8 ipc police list)
check "police list in Chinese: the transfer waiting for its return" grep -q '待审批移送案.*下一步：退回' <<<"$out"
check "… the opened one: no step left" grep -q '国庆期间移送案.*移交物品.*无待办环节' <<<"$out"
out=$(ipc police show "$c2" 2>&1) && bad "police show of a case is refused"
check "… saying it is not a transfer" grep -q "not a transfer to the police" <<<"$out"

# the 涉嫌犯罪案件移送书 filled from the case's transfer record: its police, offence, reporters
# and approval day
d=$(ipc case add --title 销售假冒白酒案 --ip-type trademark --handlers "$OFFICERS")
quietly ipc party add "$d" --role respondent --name 孙某 --address 石家庄市桥西区某村
quietly ipc set "$d" cause=销售假冒注册商标的商品 facts='孙某销售假冒白酒60瓶，涉嫌犯罪。'
quietly ipc case advance "$d" verifying && approve "$d" file && quietly ipc case advance "$d" filed
t=$(ipc police transfer "$d" --reported-on 2026-11-01 --reporters "$OFFICERS" --offence sell_counterfeit)
approve "$d" police_transfer
quietly ipc set "$t" approved_on=2026-11-02 sent_at=2026-11-02T10:00 police=石家庄市公安局桥西分局
pdf=$(deep_run ipc doc make "$d" police_transfer -o "$tmp/transfer.pdf")
letter=$(pdftotext "$pdf" - 2>/dev/null | tr -d ' \n\f')
check "the 移送书 is addressed to the record's police" grep -q '^.*石家庄市公安局桥西分局：' <<<"$letter"
check "… names the offence in Chinese" grep -q '涉嫌罪名：销售假冒注册商标的商品' <<<"$letter"
check "… the reporting officers" grep -q '移送报告人：王建国（执法证号13010001）、李敏' <<<"$letter"
check "… and the day of the approval" grep -q '批准移送日期：二〇二六年十一月二日' <<<"$letter"

# ---- a hostile colleague: a transfer approved on a day without approval, pushed by hand ----
export GIT_CONFIG_NOSYSTEM=1
e=$(ipc case add --title 伪造移送案 --ip-type trademark)
if forge_build "$tmp/forge" && forge_colleague "$bin" "$tmp/ws" "$tmp/mate" "$tmp/office.git" \
     130100 石家庄市市场监督管理局; then
  rec=$(forge_push "$tmp/office.git" "$tmp/mate/device.key" police_transfer "{\"case_id\":\"$e\",\
\"reported_on\":\"2026-11-01\",\"reporters\":[{\"name\":\"王建国\",\"cert\":\"13010001\"},\
{\"name\":\"李敏\",\"cert\":\"13010002\"}],\"approved_on\":\"2026-11-02\"}")
  quietly ipc sync 2>&1
  check "a peer's transfer approved without an approval waits in the quarantine, saying why" \
    bash -c '"$0" --home "$1" quarantine --json | /usr/bin/python3 -c "
import json,sys
sys.exit(not any(sys.argv[1] in x[\"path\"] and \"approved_on\" in x[\"reason\"] for x in json.load(sys.stdin)))" "$2"' \
    "$bin" "$tmp/ws" "$rec"
  check "… and the case has no transfer" [ "$(ipc police list --json | $py -c 'import json,sys
print(sum(x["case_id"]==sys.argv[1] for x in json.load(sys.stdin)))' "$e")" = 0 ]
else
  bad "the forged colleague could not be set up"
fi

echo "police_transfer: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
