#!/usr/bin/env bash
# A published case's credit (FACTS.md §12; issue 17): `credit show` gives the display period
# from the penalty (3 years for a fine, 3 months for a fine below the workspace's low fine),
# its last day, the earliest date a repair can be asked (6 months after publication) and the
# repair's conditions from the office's records — the decision carried out, no later penalty
# of the same USCC for the same IP type (another case of the respondent turns it false), long
# enough displayed on today — with the attested ones unknown; an unpublished case is refused
# naming disclosed_on, in the user's language. The disclosure record (`credit publish`: after
# the decision, the rule's period unless a reason, one live a case), the repair application
# (refused before the earliest date naming it; granted only with every condition met, each
# unmet one named, in Chinese too; a granted one ends the display), `credit history` by USCC
# and by case over the respondent's cases, and a colleague's forged granted repair with an
# unmet condition held back in the quarantine. Usage: tests/credit.sh BIN
set -u
bin=${1:?usage: credit.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-credit-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export HOME=$tmp IPCASE_TODAY=2026-06-30
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
py=/usr/bin/python3

ipc() { "$bin" --home "$tmp/ws" "$@"; }
# credit EXPR: EXPR over `credit show $a --json` (c), the conditions' met by name (m)
credit() {
  ipc credit show "$a" --json | $py -c '
import json, sys
c = json.load(sys.stdin); m = {x["name"]: x["met"] for x in c["conditions"]}
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1"
}
uscc=91130100MA0CUL6X88
mk() { # title dates…: a trademark case whose respondent has the USCC
  local id
  id=$(ipc case add --title "$1" --ip-type trademark) || { bad "case add $1"; return; }
  ipc party add "$id" --role respondent --name 某商贸有限公司 --uscc $uscc >/dev/null
  shift
  ipc case set "$id" "$@" >/dev/null || bad "case set"
  echo "$id"
}

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null || { bad "init"; exit 1; }
a=$(mk 甲案 clue_on=2025-12-01 filed_on=2025-12-05 decided_on=2026-01-10 decision_type=penalty \
  fine=20000)

err=$(ipc credit show "$a" 2>&1); rc=$?
check "an unpublished case is refused naming disclosed_on" [ "$rc" != 0 ] && grep -q disclosed_on <<<"$err"
err=$(LANG=zh_CN.UTF-8 LANGUAGE=zh_CN ipc credit show "$a" 2>&1)
check "… in Chinese" grep -q 未公示 <<<"$err"

ipc case set "$a" disclosed_on=2026-01-20 >/dev/null
check "a fine is displayed 3 years, to the same day" \
  credit 'c["months"] == 36 and c["display_ends"] == "2029-01-20" and c["published"] == "2026-01-20"'
check "a repair can be asked 6 months after publication" credit 'c["repair_earliest"] == "2026-07-20"'
check "on 2026-06-30: not displayed long enough, the fine unpaid" \
  credit 'm["displayed long enough"] is False and m["the decision carried out"] is False'
check "the officer's attestations are unknown" \
  credit 'm["the harm removed"] is None and len(m) == 5'
ipc case set "$a" fine_paid_on=2026-01-30 >/dev/null
IPCASE_TODAY=2026-07-20 check "paid, and on 2026-07-20 displayed long enough" \
  credit 'm["the decision carried out"] and m["displayed long enough"]'
check "no later penalty of the respondent" credit 'm["not penalised again for the same kind of violation"]'
mk 乙案 clue_on=2026-02-01 filed_on=2026-02-05 decided_on=2026-03-10 decision_type=penalty >/dev/null
check "a later penalty of the same USCC for the same IP type fails it" \
  credit 'm["not penalised again for the same kind of violation"] is False'
ipc due limits credit_low_fine_yuan=50000 >/dev/null || bad "due limits"
check "below the low fine the workspace sets: 3 months" \
  credit 'c["months"] == 3 and c["display_ends"] == "2026-04-20"'
out=$(ipc credit show "$a")
check "the text: period, repair date, conditions marked" \
  grep -q '^  ✗ not penalised again' <<<"$out"

# ---- the disclosure record, the repair application and its decision, the history ----
b=$(mk 丙案 clue_on=2026-01-05 filed_on=2026-01-08 decided_on=2026-04-10 decision_type=penalty \
  fine=80000 fine_paid_on=2026-04-20)
ipc due limits credit_low_fine_yuan=0 >/dev/null || bad "due limits"
err=$(ipc credit publish "$b" --on 2026-02-01 2>&1)
check "a publication before the decision is refused" grep -q "before the decision" <<<"$err"
ipc credit publish "$b" --on 2026-04-12 --platform 国家企业信用信息公示系统 >/dev/null \
  || bad "credit publish"
a_=$a; a=$b
check "credit show reads the record: its platform, the rule's 36 months" \
  credit 'c["platform"] == "gsxt" and c["months"] == 36 and c["published"] == "2026-04-12"'
err=$(ipc credit publish "$b" --on 2026-04-13 2>&1)
check "a second live disclosure is refused" grep -q "already has a disclosure" <<<"$err"
err=$(ipc credit publish "$b" --on 2026-04-13 --months 12 2>&1)
check "a period other than the rule's without a reason is refused" grep -q "give the reason" <<<"$err"
err=$(ipc credit repair "$b" --applied-on 2026-09-01 --harm-removed --not-listed 2>&1)
check "a repair asked before the earliest date is refused, naming it" grep -q 2026-10-12 <<<"$err"
err=$(LANG=zh_CN.UTF-8 LANGUAGE=zh_CN ipc credit repair "$b" --applied-on 2026-09-01 2>&1)
check "… in Chinese" grep -q "自 2026-10-12 起方可申请" <<<"$err"
r=$(ipc credit repair "$b" --applied-on 2026-10-20 --harm-removed) || bad "credit repair"
err=$(ipc credit decide "$r" granted --reason 已履行 --on 2026-10-25 2>&1)
check "granted with a condition unmet is refused, naming it" \
  grep -q "not met: .*on no abnormal-operation" <<<"$err"
err=$(LANG=zh_CN.UTF-8 LANGUAGE=zh_CN ipc credit decide "$r" granted --reason 已履行 --on 2026-10-25 2>&1)
check "… in Chinese" grep -q "未满足：.*经营异常名录" <<<"$err"
ipc credit decide "$r" 不予修复 --reason 未提交未列入名单的证明 --on 2026-10-25 >/dev/null \
  || bad "refused"
r2=$(ipc credit repair "$b" --applied-on 2026-11-01 --harm-removed --not-listed) || bad "repair 2"
ipc credit decide "$r2" granted --reason 条件均已满足 --on 2026-11-05 >/dev/null || bad "granted"
check "a granted repair ends the display" credit 'c["withdrawn"] == "2026-11-05"'
a=$a_
hist() { ipc credit history "$1" --json | $py -c '
import json, sys
h = json.load(sys.stdin); p = h["penalties"]
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2"; }
check "history by USCC: every penalty of the respondent, the latest first" \
  hist $uscc 'len(p) == 3 and p[0]["decided_on"] == "2026-04-10" and p[1]["decided_on"] == "2026-03-10" and p[2]["credit"]["published"] == "2026-01-20"'
check "… with the repairs and the display's end" \
  hist $uscc 'p[0]["credit"]["withdrawn"] == "2026-11-05" and [r["decision"] for r in p[0]["credit"]["repairs"]] == ["refused", "granted"]'
check "history by a case of the respondent is the same" hist "$b" 'len(p) == 3'
keep=$a; a=$(mk 丁案 clue_on=2026-01-05 filed_on=2026-01-08 decided_on=2026-04-10 decision_type=penalty fine=80000)
d=$(ipc credit publish "$a" --on 2026-04-12) || bad "credit publish 丁案"
err=$(ipc credit withdraw "$d" --on 2026-04-11 2>&1)
check "a withdrawal before the publication is refused, saying so" grep -q "before its publication on 2026-04-12" <<<"$err"
check "credit withdraw ends the display on its date" eval \
  'ipc credit withdraw "$d" --on 2026-05-01 && credit '"'"'c["withdrawn"] == "2026-05-01"'"'"
a=$keep

# ---- a hostile colleague: a granted repair with an unmet condition, signed and pushed by hand ----
forge_build "$tmp/forge" || { echo "credit: 0 passed, 1 failed"; exit 1; }
export GIT_CONFIG_NOSYSTEM=1
forge_colleague "$bin" "$tmp/ws" "$tmp/mate" "$tmp/office.git" 130100 石家庄市市场监督管理局 \
  || bad "the office repository and the colleague"
rec=$(forge_push "$tmp/office.git" "$tmp/mate/device.key" credit_repair \
  "{\"case_id\":\"$a\",\"applied_on\":\"2026-08-01\",\"harm_removed\":true,\"not_listed\":true,\"decision\":\"granted\",\"decided_on\":\"2026-08-02\",\"reason\":\"伪造\"}")
ipc sync >/dev/null 2>&1
check "a peer's granted repair with an unmet condition is held back, saying which" \
  bash -c '"$0" --home "$1" quarantine --json | /usr/bin/python3 -c "
import json,sys
q=json.load(sys.stdin)
sys.exit(0 if any(sys.argv[1] in x[\"path\"] and \"not penalised again\" in x[\"reason\"] for x in q) else 1)" "$2"' \
  "$bin" "$tmp/ws" "$rec"
check "… and the case's display is not ended by it" credit 'c["withdrawn"] is None and c["repairs"] == []'

echo "credit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
