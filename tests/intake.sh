#!/usr/bin/env bash
# Complaints and reports (投诉举报, db/rules/intake; issue 17 part 1): intakes recorded with
# Chinese names for channel and kind; a bad USCC, an acceptance decision on a report, a
# refusal without its reason, an anonymous intake carrying a name and a told date before the
# receipt are refused in the user's language, naming the field; a complaint accepted and its
# complainant told. Usage: tests/intake.sh IPCASE_BINARY
set -u
bin=${1:?usage: intake.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-intake-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export IPCASE_TODAY=2026-03-02
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
I() { "$bin" --home "$tmp/w" "$@"; }
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
# refused WHAT TEXT CMD…: a failure (usage, rule or not found) with a message saying TEXT
refused() {
  local what=$1 text=$2 out rc; shift 2
  out=$("$@" 2>&1); rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$text" <<<"$out"; then ok "refused: $what"
  else bad "refused: $what (exit $rc: $out)"; fi
}

I init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 \
  --create-office >/dev/null

c1=$(I intake add --channel 12315平台 --ticket 1231520260301001 --received 2026-03-02 --kind 投诉 \
  --name 钱投诉 --phone 13711112222 --subject 购买到假冒商标运动鞋 --respondent 北京某商贸有限公司 \
  --uscc 914403001922038216 --goods 运动鞋 --place 中关村大街1号 2>&1)
check "a complaint from the 12315 platform is recorded" grep -qE '^[0-9a-f-]{36}$' <<<"$c1"
r1=$(I intake add --channel 12345转办 --received 2026-03-02 --kind 举报 --anonymous \
  --subject 某店销售假冒手表 2>&1)
check "an anonymous report transferred by 12345 is recorded" grep -qE '^[0-9a-f-]{36}$' <<<"$r1"
check "the channel is stored by its id" [ "$(I export --format json | json \
  '[r["channel"] for r in j["records"] if r["id"]=="'"$r1"'"][0]')" = hotline_12345 ]

# due_of ID KIND: the due date `ipcase due` lists for that intake's limit, "" when none
due_of() { I due --days 400 --json | json '([r["due"] for r in j if r.get("intake_id")=="'"$1"'" and r["kind"]=="'"$2"'"]+[""])[0]'; }
check "a complaint's decision is due 7 working days from receipt" [ "$(due_of "$c1" intake_accept)" = 2026-03-11 ]
check "a 12345 transfer's answer is due in its default limit, 15 working days" \
  [ "$(due_of "$r1" intake_feedback)" = 2026-03-23 ]
check "an anonymous report has no one to tell" [ -z "$(due_of "$r1" intake_tell)" ]
I due limits hotline_12345_workdays=10 >/dev/null
check "the 12345 limit follows the workspace's setting" [ "$(due_of "$r1" intake_feedback)" = 2026-03-16 ]
check "ipcase due lists the intake by its subject" grep -q "购买到假冒商标运动鞋" <<<"$(I due --days 400)"

refused "a bad USCC" "respondent_uscc: check character" I intake add --channel 来信 --received 2026-03-02 --kind 举报 \
  --subject 侵权 --uscc 914403001922038217
refused "an unknown channel" "channel" I intake add --channel 微博 --received 2026-03-02 --kind 举报 \
  --subject 侵权
refused "an anonymous intake with a name" "anonymous intake carries no identity" I intake add --channel 来电 --received 2026-03-02 \
  --kind 举报 --anonymous --name 孙某 --subject 侵权
refused "a report accepted" "only a complaint is accepted" I set "$r1" outcome=受理 outcome_on=2026-03-03
refused "a refusal without its reason" "needs its reason" I set "$c1" outcome=不予受理 outcome_on=2026-03-03
refused "a told date before the receipt" "before the intake was received" I set "$c1" told_on=2026-03-01
refused "a 12345 feedback on a 12315 complaint" "only a 12345 transfer" I set "$c1" feedback_on=2026-03-05
check "a complaint accepted and its complainant told" I set "$c1" outcome=受理 outcome_on=2026-03-05 \
  told_on=2026-03-05
check "a 12345 transfer answered with its result" I set "$r1" feedback_on=2026-03-10 feedback=已立案调查
check "the complaint's limit ends once the complainant is told" [ -z "$(due_of "$c1" intake_accept)" ]
check "the transfer's limit ends with its feedback" [ -z "$(due_of "$r1" intake_feedback)" ]
# ---- clue and link ----
k=$(I intake clue "$c1" --ip-type 商标 2>&1)
check "the complaint becomes a clue" grep -qE '^[0-9a-f-]{36}$' <<<"$k"
show=$(I case show "$k" --json)
check "the clue is a case in status clue from a complaint, titled by the subject" [ "$(json \
  'j["status"]+" "+j["source"]+" "+j["title"]' <<<"$show")" = "clue complaint 购买到假冒商标运动鞋" ]
check "the respondent is a party with its USCC" [ "$(json \
  '[p["uscc"] for p in j["parties"] if p["role"]=="respondent"][0]' <<<"$show")" = 914403001922038216 ]
check "the complainant is a party of role complainant" [ "$(json \
  '[p["name"] for p in j["parties"] if p["role"]=="complainant"][0]' <<<"$show")" = 钱投诉 ]
refused "a second clue of the same intake" "already linked" I intake clue "$c1" --ip-type 商标
r2=$(I intake add --channel 来信 --received 2026-03-03 --kind 举报 --name 吴举报 --phone 13822223333 \
  --subject 同一商户销售假冒运动鞋 --respondent 北京某商贸有限公司)
check "a real-name report is linked to the same case" I intake link "$r2" "$k"
check "two intakes point to one case" [ "$(I export --format json | json \
  'len([r for r in j["records"] if r.get("type")=="intake" and r.get("case_id")=="'"$k"'"])')" = 2 ]
check "no reporter to tell before the filing decision" [ -z "$(due_of "$r2" intake_tell)" ]
refused "a link to a record that is not a case" "no case with id" I intake link "$r2" "$c1"

# ---- the inbox, one intake, its steps by command, its figures ----
c2=$(I intake add --channel 来电 --received 2026-03-02 --kind 投诉 --name 郑投诉 --phone 13933334444 \
  --subject 投诉超市销售假冒洗发水)
c3=$(I intake add --channel 12345转办 --received 2026-02-27 --kind 投诉 --name 冯投诉 \
  --subject 投诉网店售假)
inbox=$(I intake list --json)
check "the inbox lists the open ones, the soonest limit first, then the report not handled" [ "$(json \
  '" ".join(x["id"] for x in j)' <<<"$inbox")" = "$c3 $c2 $r1" ]
check "… with its limit's kind and date (7 working days)" [ "$(json \
  'j[1]["due_kind"]+" "+j[1]["due"]' <<<"$inbox")" = "intake_accept 2026-03-11" ]
nobody() { ! grep -q -e 郑投诉 -e 13933334444 -e 冯投诉 -e 钱投诉 -e 吴举报 <<<"$1"; }
check "the inbox holds no complainant or reporter" nobody "$inbox$(I intake list --all)"
check "intake list --all adds the handled ones" [ "$(I intake list --all --json | json 'len(j)')" = 5 ]
check "intake show has the complainant and every open limit" [ "$(I intake show "$c3" --json | json \
  'j["person_name"]+" "+",".join(d["kind"] for d in j["deadlines"])')" = "冯投诉 intake_accept,intake_feedback" ]
refused "a refusal by command without its reason" "--reason" I intake refuse "$c2"
refused "a reason given to accept" "--reason belongs to refuse" I intake accept "$c2" --reason x
refused "feedback on a complaint by phone" "only a 12345 transfer" I intake feedback "$c2" --text 已处理
check "intake refuse records the outcome, its date and reason" I intake refuse "$c2" --reason 不属于本机关管辖 \
  --on 2026-03-04
check "intake told, dated today by default" I intake told "$c2"
check "… both in the record" [ "$(I intake show "$c2" --json | json \
  'j["outcome"]+" "+j["outcome_on"]+" "+j["outcome_reason"]+" "+j["told_on"]')" = \
  "refused 2026-03-04 不属于本机关管辖 2026-03-02" ]
check "intake accept and feedback on the 12345 complaint" eval 'I intake accept "$c3" --on 2026-03-02 &&
  I intake told "$c3" --on 2026-03-02 && I intake feedback "$c3" --text 已立案调查 --on 2026-03-02'
check "only the report not yet a clue stays in the inbox then" [ "$(I intake list --json | json \
  '" ".join(x["id"] for x in j)')" = "$r1" ]
refused "intake show of an unknown id" "no record with id" I intake show 01a24c21-c5c2-724c-8d85-934b4448c204
refused "intake show of a case" "no complaint or report with id" I intake show "$k"
check "stats count the complaints and reports of the period" [ "$(I stats --period 2026 --json | json \
  '" ".join(str(j["intakes"][k]) for k in ("received","complaints","reports","accepted","refused","linked"))')" \
  = "5 3 2 2 1 2" ]
check "stats prints them under the table" grep -q "complaints and reports received 5; complaints 3; reports 2" \
  <<<"$(I stats --period 2026)"
check "stats --format xlsx writes them on a tab of their own" [ "$(I stats --period 2026 --format xlsx \
  -o "$tmp/stats.xlsx" && /usr/bin/python3 -c 'import openpyxl,sys
ws = openpyxl.load_workbook(sys.argv[1])["投诉举报 2026-01-01..2026-12-31"]
print(" ".join(str(r[1]) for r in ws.iter_rows(min_row=2, values_only=True)))' "$tmp/stats.xlsx")" = "5 3 2 2 1 2 0" ]

zh=$(LANG=zh_CN.UTF-8 I set "$c1" told_on=2026-03-01 2>&1)
check "a refusal in Chinese for a Chinese user" grep -q '收到' <<<"$zh"

echo "intake: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
