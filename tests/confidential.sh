#!/usr/bin/env bash
# The guard of the collaboration channel (db/guard, issue 13 item 4) on a scripted day of every
# collaboration record kind between three offices — Shijiazhuang (130100) and Beijing Haidian
# (110108), each with its office key and roster, and Tianjin Beichen (120113) — sharing one
# collaboration remote (bare repositories). Both first two hold cases with reporters and
# complainants (names, ID numbers, phones, addresses). Every request kind, accept, decline,
# reply, answer, attach and close steps, investigators, a technical field, assignments
# declined and replaced with their reasons, and a handoff are written; before each, an attempt
# carries a secret — of another case too, spaced, dashed, in full-width digits, in a file's
# name, in an evidence description, in a case title going out in a package — and is refused
# with a message naming the field and the kind of value, never the value. Then every object of
# the collaboration remote, uncompressed, holds none of the secrets, in any of their forms.
set -u
bin=${1:?usage: confidential.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-confidential-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export IPCASE_TODAY=2026-03-02
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8 # the messages this test reads are the English ones
S() { "$bin" --home "$tmp/s" "$@"; }
H() { "$bin" --home "$tmp/h" "$@"; }
T() { "$bin" --home "$tmp/t" "$@"; }
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
quiet() { "$@" >/dev/null; }
quiet_sync() { for w in "$@"; do "$w" sync >/dev/null 2>&1 || { echo "     $w: sync failed"; "$w" sync; }; done; }

# Every secret of the day, as written in the cases (the forms tried on the way out differ).
secrets=(张秘密 11010519491231002X 13900001111 石家庄市长安区建设北大街18号
         赵投诉 130102199001011237 0311-8765-4321 石家庄市桥西区中山路99号院
         孙保密 120101198512124564 186-1234-5678
         周投诉人 北京市海淀区中关村大街27号 13600001234)
secret_re=$(IFS='|'; echo "${secrets[*]}")

# leak WHAT FIELD KIND CMD…: refused (exit 1), the message names the field and the kind of
# value, and echoes no secret.
leak() {
  local what=$1 field=$2 kind=$3 out rc; shift 3
  out=$("$@" 2>&1); rc=$?
  if [ $rc -eq 1 ] && grep -qE "(^|: )$field (would carry|holds|is confidential)" <<<"$out" \
     && grep -qF "$kind" <<<"$out" && ! grep -qE "$secret_re" <<<"$out"; then
    ok "refused: $what"
  else
    bad "refused: $what (exit $rc: $out)"
  fi
}
# new VAR CMD…: a write that must pass; VAR gets the id it printed.
new() {
  local var=$1 out; shift
  if out=$("$@" 2>&1); then printf -v "$var" '%s' "$(tail -n1 <<<"$out")"; ok "written: ${*:1:3}"
  else bad "written: $* ($out)"; fi
}

git init -q --bare "$tmp/collab.git"
for o in s h t; do git init -q --bare "$tmp/office-$o.git"; done
S init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 --create-office >/dev/null
H init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 --create-office >/dev/null
T init --office 120113 --office-name 天津市北辰区市场监督管理局 --officer 赵强 --cert 12011301 >/dev/null
for w in S H T; do
  o=$(tr 'A-Z' 'a-z' <<<"$w")
  "$w" remote add office "$tmp/office-$o.git"
  "$w" remote add collab "$tmp/collab.git" --channel collab
done
quiet_sync S H T S H
S office verify 110108 "$(H office show --json | json 'j["fingerprint"]')" >/dev/null
H office verify 130100 "$(S office show --json | json 'j["fingerprint"]')" >/dev/null

# ---- the cases: a reporter in one, a complainant in another (and so in Haidian) ----
ca=$(S case add --title "销售假冒运动鞋案" --ip-type 商标 --place 南三条市场)
S party add "$ca" --role 当事人 --name 石家庄某商贸有限公司 --uscc 914403001922038216 >/dev/null
S party add "$ca" --role 举报人 --name 张秘密 --id-number 11010519491231002X --phone 13900001111 \
  --address 石家庄市长安区建设北大街18号 >/dev/null
cb=$(S case add --title "网店销售侵权商品案" --ip-type 商标 --place 某电商平台)
S party add "$cb" --role 当事人 --name 石家庄某网络科技有限公司 >/dev/null
S party add "$cb" --role 投诉人 --name 赵投诉 --id-number 130102199001011237 --phone 0311-8765-4321 \
  --address 石家庄市桥西区中山路99号院 >/dev/null
printf 'receipt\n' >"$tmp/receipt.jpg"
S evidence add "$cb" --kind 书证 --desc 购货票据 --file "$tmp/receipt.jpg" >/dev/null
eleak=$(S evidence add "$ca" --kind 证人证言 --desc 举报人张秘密的证言)
hc=$(H case add --title "销售侵权软件案" --ip-type 著作权 --place 中关村)
H party add "$hc" --role 举报人 --name 孙保密 --id-number 120101198512124564 --phone 186-1234-5678 >/dev/null
H party add "$hc" --role 投诉人 --name 周投诉人 --address 北京市海淀区中关村大街27号 --phone 13600001234 >/dev/null

# ---- requests: every kind, each after a leak in one of its fields ----
leak "clue transfer: a reporter's name in the subject" subject "reporter's name" \
  S collab new --kind 线索移送 --to 110108 --case "$ca" --subject "举报人张秘密反映的线索"
new r_clue S collab new --kind 线索移送 --to 110108 --case "$ca" --subject "线索：运动鞋仓库"
leak "investigation: ANOTHER case's reporter phone, spaced" body "reporter's phone" \
  S collab new --kind 协助调查 --to 110108 --case "$cb" --subject 协查 --body "请联系 139 0000 1111"
new r_inv S collab new --kind 协助调查 --to 110108 --case "$cb" --subject 协查 --body "请核查网店发货地"
leak "execution: a complainant's name in the summary" summary "complainant's name" \
  S collab new --kind 协助执行 --to 110108 --subject 协助执行 --summary "投诉人赵投诉的网店"
new r_exe S collab new --kind 协助执行 --to 110108 --subject 协助执行 --summary "网店的执行"
leak "joint enforcement: a complainant's ID number in full-width digits" body "complainant's ID number" \
  S collab new --kind 联合执法 --to 110108 --subject 联合执法 --body "身份证１３０１０２１９９００１０１１２３７"
new r_joint S collab new --kind 联合执法 --to 110108 --subject 联合执法 --body "三月联合检查"
leak "evidence recognition: a complainant's address, spaced" body "complainant's address" \
  S collab new --kind 证据互认 --to 110108 --subject 证据互认 --body "地址：石家庄市桥西区 中山路 99 号院"
new r_ev S collab new --kind 证据互认 --to 110108 --subject 证据互认 --body "互认购货票据"
leak "notification: a complainant's phone without its dashes" body "complainant's phone" \
  S collab new --kind 案情通报 --to 120113 --subject 通报 --body "电话（0311）87654321"
new r_note S collab new --kind 案情通报 --to 120113 --subject 通报 --body "案情简况"
leak "consultation: a reporter's ID number with dashes and a small x" body "reporter's ID number" \
  S collab new --kind 案件会商 --to 110108 --subject 会商 --body "ID 110105-19491231-002x"
leak "consultation: an ID number of no party, spaced" body "resident ID number" \
  S collab new --kind 案件会商 --to 110108 --subject 会商 --body "另有 120 101 1985 1212 4564"
leak "a request's evidence: a reporter's name in its description" description "reporter's name" \
  S collab new --kind 案件会商 --to 110108 --subject 会商 --case "$ca" --evidence "$eleak"
new r_cons S collab new --kind 案件会商 --to 110108 --subject 会商 --days 5 --body "会商时间另定"
quiet_sync S H T

# ---- steps in Haidian, which holds its own secrets ----
H collab show "$r_clue" >/dev/null   # received
leak "decline: a reporter's name in the reason" text "reporter's name" \
  H collab decline "$r_clue" --reason "与举报人孙保密相识，回避"
check "decline with a clean reason" H collab decline "$r_clue" --reason "不属本辖区"
check "accept" H collab accept "$r_inv"
leak "reply: a reporter's phone in full-width digits" text "reporter's phone" \
  H collab reply "$r_inv" --text "请回电１８６１２３４５６７８"
printf 'notes\n' >"$tmp/孙保密询问笔录.pdf"
leak "reply: a reporter's name in a file's name" file_name "reporter's name" \
  H collab reply "$r_inv" --file "$tmp/孙保密询问笔录.pdf"
check "reply" H collab reply "$r_inv" --text "已派员核查"
leak "answer: a complainant's address" text "complainant's address" \
  H collab reply "$r_inv" --answer --text "发货地为北京市海淀区中关村大街27号"
printf 'report\n' >"$tmp/report.pdf"
check "answer with a file" H collab reply "$r_inv" --answer --text "发货地已查明" --file "$tmp/report.pdf"
check "accept another" H collab accept "$r_exe"
leak "reply: a complainant's name and phone" text "complainant's" \
  H collab reply "$r_exe" --text "周投诉人 136 0000 1234 来电"
quiet_sync H S
leak "close: a reporter's name in the text" text "reporter's name" \
  S collab close "$r_inv" --text "谢谢，张秘密反映属实"
check "close" S collab close "$r_inv" --text 谢谢协助
leak "reply with evidence: a reporter's name in its description" description "reporter's name" \
  S collab reply "$r_exe" --evidence "$eleak"

# ---- investigators, a technical field, assignments and their reasons ----
leak "investigator: a reporter's phone in the qualification" qualification "reporter's phone" \
  S investigator add --name 调查官甲 --org 某研究院 --fields 机械 --qualification "高工 13900001111"
leak "investigator: a complainant's name as the organisation" organisation "complainant's name" \
  S investigator add --name 调查官甲 --org "赵投诉工作室" --fields 机械
new inv S investigator add --name 调查官甲 --org 某研究院 --fields 机械 --contact 13512345678
new inv2 S investigator add --name 调查官乙 --org 某大学 --fields 机械
leak "investigator set: this office's own contact of an investigator" qualification "contact" \
  S investigator set "$inv" qualification="联系 135-1234-5678"
leak "technical field: a reporter's name" zh "reporter's name" S techfield add secret_craft --zh 张秘密工艺
check "technical field" quiet S techfield add shoe_craft --zh 制鞋工艺
new a1 S assign "$ca" "$inv" --tasks 调查,分析
S assignment advance "$a1" notified >/dev/null
leak "assignment declined: a reporter's name and ID number in the reason" reason "reporter's" \
  S assignment advance "$a1" declined --reason "与举报人张秘密（11010519491231002X）相识"
check "assignment declined with a clean reason" S assignment advance "$a1" declined --reason 时间冲突
new a2 S assign "$cb" "$inv" --tasks 调查
leak "assignment replaced: a complainant's phone in the reason" reason "complainant's phone" \
  S assign "$cb" "$inv2" --tasks 调查 --replaces "$a2" --reason "投诉人来电 0311 8765 4321 要求更换"
check "assignment replaced with a clean reason" quiet S assign "$cb" "$inv2" --tasks 调查 --replaces "$a2" --reason 专业不符

# ---- a handoff: the complainant sealed; a title naming one refused ----
cc=$(S case add --title "赵投诉所涉另一网店案" --ip-type 商标 --place 某电商平台)
leak "handoff: another case's complainant in the title, its subject and package" subject "complainant's name" \
  S handoff "$cc" --to 110108
leak "handoff: a reporter's name in the body" body "reporter's name" \
  S handoff "$cb" --to 110108 --body "张秘密也反映过"
new h1 S handoff "$cb" --to 110108 --body "涉嫌在贵辖区发货，请依法处理"
quiet_sync S H T
hv=$(H collab show "$h1" --json)
check "handoff: Haidian reads the sealed part" [ "$(json 'j["handoff"]["readable"]' <<<"$hv")" = True ]
check "handoff: the complainant's name is in the sealed part" grep -q 赵投诉 <<<"$hv"
tv=$(T collab show "$h1" --json)
check "handoff: Beichen cannot read it" [ "$(json 'j["handoff"]["readable"]' <<<"$tv")" = False ]
check "handoff: nothing Beichen shows holds the complainant" bash -c '! grep -qE "赵投诉|中山路|87654321|8765-4321" <<<"$1"' _ "$tv"
out=$(H collab accept "$h1" 2>&1)
nc=$(sed -n 's/^new case //p' <<<"$out")
check "handoff: the new case in Haidian has the complainant, whole" [ "$(H case show "$nc" --json | json '[p["name"]+p["address"]+p["phone"] for p in j["parties"] if p["role"]=="complainant"][0]')" = "赵投诉石家庄市桥西区中山路99号院0311-8765-4321" ]
leak "Haidian now guards the complainant it received" text "complainant's name" \
  H collab reply "$h1" --text "赵投诉已联系"

quiet_sync S H T S H T
check "the three offices hold the same collaboration requests" bash -c '
  for w in s h t; do "$1" --home "$2/$w" collab list --all --json | python3 -c "import json,sys; print(sorted(r[\"id\"] for r in json.load(sys.stdin)))"; done | uniq | wc -l | grep -qx 1' _ "$bin" "$tmp"

# ---- nothing of it in the collaboration remote, in any form ----
git -C "$tmp/collab.git" cat-file --batch-all-objects --batch >"$tmp/objects"
check "collab remote: its objects are read in clear (a shared respondent is there)" grep -q 石家庄某网络科技有限公司 "$tmp/objects"
check "collab remote: every kind of record reached it" bash -c 'for t in collab_request collab_step investigator tech_field assignment; do grep -q "\"type\":\"$t\"" "$1" || exit 1; done' _ "$tmp/objects"
for s in "${secrets[@]}"; do
  check "collab remote: no object holds $s" bash -c '! grep -qF "$1" "$2"' _ "$s" "$tmp/objects"
done
# the same, on the normal form of both (full-width folded, separators dropped, upper case)
out=$(python3 - "$tmp/objects" "${secrets[@]}" <<'EOF'
import re, sys
def normal(s):
    s = "".join(chr(ord(c) - 0xfee0) if 0xff01 <= ord(c) <= 0xff5e else c for c in s)
    return re.sub(r"[\s\-._/(),\u00a0\u00ad\u00b7\u2000-\u202f\u205f-\u206f\u2212\u3000\u30fb\ufeff]", "", s).upper()
text = normal(open(sys.argv[1], "rb").read().decode("utf-8", "replace"))
print(" ".join(s for s in sys.argv[2:] if normal(s) in text) or "none")
EOF
)
check "collab remote: no secret in normal form either (found: $out)" [ "$out" = none ]
check "collab remote: ordinary git (fsck)" git -C "$tmp/collab.git" fsck --strict --no-progress

echo "confidential: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
