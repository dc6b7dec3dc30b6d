#!/usr/bin/env bash
# Offices as trust, through real bare repositories (git init --bare) and several workspaces:
#  - the story: an impostor device claims 海淀 (110108) without joining; the real 海淀 office has
#    a roster; 石家庄 (130100) verifies its fingerprint and hands off a case with a reporter:
#    the impostor gets nothing sealed, cannot accept, and its steps wait in the quarantine; the
#    real officer accepts; the collaboration remote holds none of the reporter's data in clear;
#  - a handoff to an unverified office is refused and says how to verify it;
#  - a second key made for a pinned office is refused loudly where the first was verified;
#  - a device admitted as handler only cannot accept a request, locally or by a forged op;
#  - a revoked device: its earlier cases stay, what it writes after (clock current or set
#    back) is refused by the administrator, by a colleague that held it first (withdrawn when
#    the revocation arrives) and by a device that joins later;
#  - a foreign office's change of an investigator or an assignment, an office-channel op by a
#    device of another office, a roster op signed by a member's device, a roster that demotes
#    the administrator: refused locally when they can be written, quarantined when forged;
#  - a workspace without a roster (as before offices) keeps working, shown as unverified.
set -u
bin=${1:?usage: office.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-office-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=stranger GIT_AUTHOR_EMAIL=stranger@example.invalid
export GIT_COMMITTER_NAME=stranger GIT_COMMITTER_EMAIL=stranger@example.invalid
export IPCASE_TODAY=2026-03-02

# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh" # English messages, w, json, office_fp, quiet_sync, qhas…
device_key() { w "$1" office show --json | json 'j["device"]'; }
# qcount NAME REASON_RE: how many quarantined items of NAME have a reason matching
qcount() {
  w "$1" quarantine --json | python3 -c '
import json,re,sys
q=json.JSONDecoder().raw_decode(sys.stdin.read())[0]
print(sum(1 for x in q if re.search(sys.argv[1],x["reason"])))' "$2"
}
# push_forged REPO PATH LINE…: commits op lines into a clone of a bare repository and pushes
push_forged() {
  local repo=$1 path=$2 clone
  shift 2
  clone=$tmp/clone-$RANDOM
  git clone -q "$repo" "$clone"
  mkdir -p "$(dirname "$clone/$path")"
  printf '%s\n' "$@" >>"$clone/$path"
  git -C "$clone" add -A && git -C "$clone" commit -qm "forged" && git -C "$clone" push -q origin HEAD:main
  rm -rf "$clone"
}
ops_path() { echo "ops/$1/${2: -2}/$2/$3.jsonl"; } # TYPE RECORD ACTOR

forge_build "$tmp/forge" || { echo "office: 0 passed, 1 failed"; exit 1; }
for r in collab office-s office-h office-t; do git init -q --bare "$tmp/$r.git"; done

# ==== the story ====
w s1 init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  --create-office >/dev/null
w h1 init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 \
  --create-office >"$tmp/out"
fp_h=$(office_fp h1)
check "init --create-office prints the office key's fingerprint" grep -q "$fp_h" "$tmp/out"
check "the fingerprint is 8 groups of 4 digits" grep -Eqx '[0-9]{4}( [0-9]{4}){7}' <<<"$fp_h"
w h2 init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 周红 --cert 11010802 >/dev/null
w x init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 冒充者 --cert 11019999 >/dev/null
w s1 remote add office "$tmp/office-s.git"
for h in h1 h2; do w "$h" remote add office "$tmp/office-h.git"; done
for h in s1 h1 h2 x; do w "$h" remote add collab "$tmp/collab.git" --channel collab; done
out=$(w h2 office join "$fp_h" --note 海淀二号机 2>&1); rc=$?
check "a colleague joins by the fingerprint read out (exit 0)" [ $rc -eq 0 ]
check "join prints the device's fingerprint to read back" grep -q "$(device_fp h2)" <<<"$out"
check "before admission: not admitted, told why" [ "$(w h2 office show --json | json 'j["admitted"]')" = False ]
early=$(w h2 case add --title 接纳前写的案件 --ip-type 商标)
out=$(w h2 sync 2>&1)
check "its sync says it is not admitted yet, with the fingerprint to read out" \
  grep -q "not admitted to the office's roster yet.*$(device_fp h2)" <<<"$out"
quiet_sync h1
check "the administrator sees the join request" \
  [ "$(w h1 office members --json | json '[m["state"] for m in j if m["officer"]=="周红"][0]')" = requested ]
check "what h2 wrote before its admission waits in the quarantine" qhas h1 "ops/case/.*/$early/" "not on its roster"
check "admit h2 as handler only" quietly w h1 office admit "$(device_fp h2)" --roles handler
check "… and comes out of it once admitted" [ "$(titles h1)" = 接纳前写的案件 ]
check "… leaving nothing in the quarantine" [ "$(qcount h1 .)" = 0 ]
quiet_sync h1 h2 x s1
check "h2 is admitted with its roles" \
  [ "$(w h2 office show --json | json 'str(j["admitted"])+" "+",".join(j["roles"])')" = "True handler" ]
check "the impostor's key is published in the collaboration channel" \
  git -C "$tmp/collab.git" cat-file -e "main:keys/$(device_key x).json"
check "130100 sees 110108's key, unverified" \
  [ "$(w s1 office keys --json | json '[(o["fingerprint"],o["verified"]) for o in j if o["code"]=="110108"]')" = "[('$fp_h', False)]" ]
listed_verified() { w "$1" office list --json | json "[o['verified'] for o in j if o['code']=='$2'][0]"; }
check "office list: 110108 unverified before" [ "$(listed_verified s1 110108)" = False ]
out=$(w s1 office verify 110108 "$fp_h" 2>&1); rc=$?
check "130100 verifies 110108 (exit 0)" [ $rc -eq 0 ]
check "office list: 110108 verified after" [ "$(listed_verified s1 110108)" = True ]
check "office keys: 110108 verified, 2 admitted" \
  [ "$(w s1 office keys --json | json '[(o["verified"],o["members"]) for o in j if o["code"]=="110108"]')" = "[(True, 2)]" ]
check "verifying again with the same fingerprint is fine" quietly w s1 office verify 110108 "$fp_h"

c=$(w s1 case add --title 举报销售假冒商标服装案 --ip-type 商标 --place 新华集贸市场)
w s1 party add "$c" --role 当事人 --name 石家庄某服饰店 >/dev/null
w s1 party add "$c" --role 举报人 --name 张秘密 --id-number 11010519491231002X --phone 13900001111 >/dev/null
h=$(w s1 handoff "$c" --to 110108 --body "涉嫌在贵辖区销售，请依法处理" 2>&1); rc=$?
check "handoff to the verified 110108: exit 0" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "     said: $h"
sealed=$(w s1 collab show "$h" --json | json '" ".join(sorted(j["handoff"]["sealed_for"]))')
check "sealed for the two admitted 110108 devices" \
  [ "$sealed" = "$(printf '%s\n' "$(device_key h1)" "$(device_key h2)" | sort | tr '\n' ' ' | sed 's/ $//')" ]
check "not for the impostor" bash -c '! grep -q "$1" <<<"$2"' _ "$(device_key x)" "$sealed"
quiet_sync s1 x
xv=$(w x collab show "$h" --json 2>&1)
check "impostor: collab show says not readable" [ "$(json 'j["handoff"]["readable"]' <<<"$xv")" = False ]
check "impostor: nothing it shows holds the reporter" bash -c '! grep -Eq "张秘密|11010519491231002X|13900001111" <<<"$1"' _ "$xv"
out=$(w x collab accept "$h" 2>&1); rc=$?
check "impostor: cannot accept (exit 1)" [ $rc -eq 1 ]
check "… told it was not sealed for it" grep -q "not among the officers of office 110108 the case was sealed for" <<<"$out"
quiet_sync x
# the impostor's device signs an acceptance and pushes it past ipcase
{ read -r xkey; read -r xrec; read -r xline; } < <(forge "$tmp/x/device.key" same collab_step new "{\"request_id\":\"$h\",\"action\":\"accept\"}")
push_forged "$tmp/collab.git" "$(ops_path collab_step "$xrec" "$xkey")" "$xline"
out=$(w s1 sync collab 2>&1)
check "130100: the impostor's steps are quarantined (receipt and acceptance)" grep -q " 2 quarantined" <<<"$out"
[ "$(qcount s1 'not on its roster')" = 2 ] || echo "     said: $out"
check "130100: the reason names the roster" [ "$(qcount s1 'claims office 110108 but is not on its roster')" = 2 ]
check "130100: the impostor's acceptance has no effect (still sent)" \
  [ "$(w s1 collab show "$h" --json | json 'j["status"]')" = sent ]
quiet_sync h1
check "110108: the impostor's steps are quarantined too" qhas h1 "$xkey" 'not on its roster'
check "110108 sees the request from 130100, which it has not verified, marked so" \
  grep -q "^  from .*(unverified: ipcase office verify)" <<<"$(w h1 collab show "$h")"
check "130100 sees its request to the verified 110108 unmarked" \
  bash -c '! grep -q "^  to .*unverified" <<<"$1"' _ "$(w s1 collab show "$h")"
out=$(w h1 collab accept "$h" 2>&1); rc=$?
check "the real 110108 officer accepts (exit 0)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "     said: $out"
nc=$(sed -n 's/^new case //p' <<<"$out")
nv=$(w h1 case show "$nc" --json 2>&1)
check "the new case has the reporter's name, ID number and phone" \
  [ "$(json '[p["name"]+" "+p["id_number"]+" "+p["phone"] for p in j["parties"] if p["role"]=="reporter"][0]' <<<"$nv")" = "张秘密 11010519491231002X 13900001111" ]
quiet_sync h1 s1
check "130100: the request is accepted, by 110108's officer" [ "$(w s1 collab show "$h" --json | json 'j["status"]')" = accepted ]
check "130100: the origin case is transferred" [ "$(w s1 case show "$c" --json | json 'j["status"]')" = transferred ]
git -C "$tmp/collab.git" cat-file --batch-all-objects --batch >"$tmp/objects" 2>&1
check "collab remote: read in clear (the shared respondent is found)" grep -q 石家庄某服饰店 "$tmp/objects"
for secret in 张秘密 11010519491231002X 13900001111; do
  check "collab remote: no object holds $secret" bash -c '! grep -q "$1" "$2"' _ "$secret" "$tmp/objects"
done
check "collab remote: nor the ID number or phone with spaces or dashes between digits" python3 -c '
import re,sys
data=open(sys.argv[1],"rb").read().decode("utf-8","replace")
for s in ("11010519491231002X","13900001111"):
    if re.search(r"[\s-]?".join(map(re.escape,s)), data, re.I): sys.exit(1)' "$tmp/objects"

# ==== a handoff to an unverified office ====
w t1 init --office 120113 --office-name 天津市北辰区市场监督管理局 --officer 赵强 --cert 12011301 \
  --create-office >/dev/null
w t1 remote add office "$tmp/office-t.git"
w t1 remote add collab "$tmp/collab.git" --channel collab
quiet_sync t1 s1
c2=$(w s1 case add --title 销售侵犯著作权图书案 --ip-type 著作权)
w s1 party add "$c2" --role 举报人 --name 李举报 --phone 13800002222 >/dev/null
out=$(w s1 handoff "$c2" --to 120113 2>&1); rc=$?
check "handoff to an unverified office: exit 1" [ $rc -eq 1 ]
check "… the message names office verify" grep -q "ipcase office verify 120113" <<<"$out"
check "… and the command that lists the fingerprints seen" grep -q "ipcase office keys" <<<"$out"
check "… nothing was sent: the case is not linked" [ "$(w s1 case show "$c2" --json | json 'j.get("transfer_out") or ""')" = "" ]
out=$(w s1 office verify 120113 "$fp_h" 2>&1); rc=$?
check "verify with a fingerprint that is not the key seen: exit 1" [ $rc -eq 1 ]
check "… told not to trust it" grep -q "another fingerprint" <<<"$out"
check "verify with the right fingerprint" quietly w s1 office verify 120113 "$(office_fp t1)"
out=$(w s1 handoff "$c2" --to 120113 2>&1); rc=$?
check "then the handoff goes (exit 0)" [ $rc -eq 0 ]

# ==== a second key for a pinned office ====
out=$(w x office create 2>&1); rc=$?
check "the impostor makes a key for 110108 on its own device (nothing stops it there)" [ $rc -eq 0 ]
fp_x=$(office_fp x)
check "… with another fingerprint" [ "$fp_x" != "$fp_h" ]
quiet_sync x
out=$(w s1 sync collab 2>&1)
check "130100 (verified the first): the new key's roster is quarantined" grep -q " 2 quarantined" <<<"$out"
check "… loudly: OFFICE KEY CHANGED" [ "$(qcount s1 'OFFICE KEY CHANGED: office 110108')" = 2 ]
check "office keys still shows the first key as 110108's, verified, alone" \
  [ "$(w s1 office keys --json | json '[(o["fingerprint"],o["verified"]) for o in j if o["code"]=="110108"]')" = "[('$fp_h', True)]" ]
quiet_sync h1
check "110108's own administrator refuses it too" [ "$(qcount h1 'OFFICE KEY CHANGED')" = 2 ]
quiet_sync t1
check "120113 (verified neither) sees two keys for 110108, both unverified" \
  [ "$(w t1 office keys --json | json 'sorted((o["fingerprint"],o["verified"]) for o in j if o["code"]=="110108")')" = "$(python3 -c 'import sys; print(sorted([(sys.argv[1],False),(sys.argv[2],False)]))' "$fp_h" "$fp_x")" ]
check "… and pins the one its phone call names" quietly w t1 office verify 110108 "$fp_h"
check "… which is then the verified one" \
  [ "$(w t1 office keys --json | json '[o["fingerprint"] for o in j if o["code"]=="110108" and o["verified"]]')" = "['$fp_h']" ]
out=$(w s1 office verify 110108 "$fp_x" 2>&1); rc=$?
check "a pinned office is never re-pinned to another key (exit 4)" [ $rc -eq 4 ]

# ==== a handler cannot accept ====
r=$(w s1 collab new --kind 协助调查 --to 110108 --subject 请协助调查海淀区供货商 --body 请核查供货仓库)
quiet_sync s1 h2
check "a handler acknowledges receipt" [ "$(w h2 collab show "$r" --json | json 'j["status"]')" = received ]
out=$(w h2 collab accept "$r" 2>&1); rc=$?
check "a handler cannot accept (exit 1)" [ $rc -eq 1 ]
check "… the message names the role" grep -Eq "needs the role head" <<<"$out"
[ $rc -eq 1 ] || echo "     said: $out"
quiet_sync h2
{ read -r h2key; read -r frec; read -r fline; } < <(forge "$tmp/h2/device.key" same collab_step new "{\"request_id\":\"$r\",\"action\":\"accept\"}")
push_forged "$tmp/collab.git" "$(ops_path collab_step "$frec" "$h2key")" "$fline"
out=$(w s1 sync collab 2>&1)
check "a handler's forged acceptance is quarantined" qhas s1 "$h2key" "does not give the device that signed this accept the role"
check "… and the request stays received" [ "$(w s1 collab show "$r" --json | json 'j["status"]')" = received ]
quiet_sync h1
check "the head of 110108 accepts it" quietly w h1 collab accept "$r"

# ==== a revoked device ====
git init -q --bare "$tmp/office-a.git"
w a1 init --office 130600 --office-name 保定市市场监督管理局 --officer 孙立 --cert 13060001 --create-office >/dev/null
fp_a=$(office_fp a1)
w a1 remote add office "$tmp/office-a.git"
for h in a2 a3; do
  w "$h" init --office 130600 --office-name 保定市市场监督管理局 --officer "官员$h" --cert "1306000${h:1}" >/dev/null
  w "$h" remote add office "$tmp/office-a.git"
  w "$h" office join "$fp_a" >/dev/null
done
quiet_sync a2 a3 a1
w a1 office admit "$(device_fp a2)" --roles handler >/dev/null
w a1 office admit "$(device_fp a3)" --roles handler,reviewer >/dev/null
quiet_sync a1 a2 a3
e1=$(w a2 case add --title 吊销前的案件一 --ip-type 商标)
e2=$(w a2 case add --title 吊销前的案件二 --ip-type 发明专利)
quiet_sync a2 a1 a3
check "a3 holds a2's cases" [ "$(titles a3)" = "吊销前的案件一 吊销前的案件二" ]
out=$(w a1 office revoke "$(device_fp a2)" --reason 设备遗失 2>&1); rc=$?
check "the administrator revokes a2 (exit 0)" [ $rc -eq 0 ]
# the thief: a new case now, the earlier case changed, and a case with the clock set back
t1=$(w a2 case add --title 失窃后写的案件 --ip-type 商标)
w a2 case set "$e1" title=被篡改的标题 >/dev/null
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE meta SET value=0 WHERE key=?", ("hlc",)); c.commit()' "$tmp/a2/ipcase.db"
t2=$(IPCASE_FAKE_NOW_MS=1735689600000 IPCASE_TODAY=2025-01-01 w a2 case add --title 倒填日期的案件 --ip-type 商标)
backdated=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT hlc>>16 FROM ops WHERE record=?", (sys.argv[2],)).fetchone()[0])' "$tmp/a2/ipcase.db" "$t2")
revoked_at=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT max(hlc>>16) FROM ops WHERE type=?", ("member",)).fetchone()[0])' "$tmp/a1/ipcase.db")
check "the thief's backdated op carries a clock before the revocation" [ "$backdated" -lt "$revoked_at" ]
quiet_sync a2
# a3 takes the thief's ops before the revocation reaches it
quiet_sync a3
check "a3 took the thief's ops first" [ "$(titles a3)" = "倒填日期的案件 吊销前的案件二 失窃后写的案件 被篡改的标题" ]
out=$(w a1 sync 2>&1)
check "a1: the thief's 3 ops are quarantined" grep -q " 3 quarantined" <<<"$out"
[ "$(qcount a1 设备遗失)" = 3 ] || echo "     said: $out"
check "a1: with the revocation's reason" [ "$(qcount a1 'revoked by office 130600 on 2026-03-02 \(设备遗失\)')" = 3 ]
check "a1: the earlier cases stay, the thief's are absent" [ "$(titles a1)" = "吊销前的案件一 吊销前的案件二" ]
out=$(w a1 case show "$t1" 2>&1); rc=$?
check "a1: the thief's case is not found (exit 3)" [ $rc -eq 3 ]
quiet_sync a3
check "a3: the thief's ops are withdrawn when the revocation arrives" [ "$(titles a3)" = "吊销前的案件一 吊销前的案件二" ]
check "a3: into the quarantine, with the reason" [ "$(qcount a3 设备遗失)" = 3 ]
check "a3: the thief's cases are not searchable" [ -z "$(w a3 case list --query 失窃后写的案件)" ]
check "… while the earlier ones are" grep -q "$e1" <<<"$(w a3 case list --query 吊销前的案件一)"
due_ids() { w "$1" due --days 3650 --json | json '" ".join(sorted(set(d["case_id"] for d in j)))'; }
check "a3: nor in the deadlines (only the earlier cases have some)" [ "$(due_ids a3)" = "$(printf '%s\n' "$e1" "$e2" | sort | tr '\n' ' ' | sed 's/ $//')" ]
check "a3: a2 is listed revoked, with the reason" \
  [ "$(w a3 office members --json | json '[m["state"]+" "+m["reason"] for m in j if m["officer"]=="官员a2"][0]')" = "revoked 设备遗失" ]
w a4 init --office 130600 --office-name 保定市市场监督管理局 --officer 官员a4 --cert 13060004 >/dev/null
w a4 remote add office "$tmp/office-a.git"
w a4 office join "$fp_a" >/dev/null
quiet_sync a4 a1
w a1 office admit "$(device_fp a4)" >/dev/null
quiet_sync a1 a4
check "a4 (joined later): the earlier cases, not the thief's" [ "$(titles a4)" = "吊销前的案件一 吊销前的案件二" ]
check "a4: the thief's ops are quarantined with the reason" [ "$(qcount a4 设备遗失)" = 3 ]
w a2 case add --title 再次写的案件 --ip-type 商标 >/dev/null
quiet_sync a2 a1 a3 a4
for h in a1 a3 a4; do
  check "$h: what the thief writes after syncing is refused as well" [ "$(qcount "$h" 设备遗失)" = 4 ]
done

# ==== foreign offices: investigators, assignments, office channel, roster ====
for r in collab-bc office-b office-c; do git init -q --bare "$tmp/$r.git"; done
w b1 init --office 110105 --office-name 北京市朝阳区市场监督管理局 --officer 陈静 --cert 11010501 --create-office >/dev/null
w b2 init --office 110105 --office-name 北京市朝阳区市场监督管理局 --officer 吴刚 --cert 11010502 >/dev/null
w c1 init --office 120101 --office-name 天津市和平区市场监督管理局 --officer 刘洋 --cert 12010101 --create-office >/dev/null
for h in b1 b2; do w "$h" remote add office "$tmp/office-b.git"; done
w c1 remote add office "$tmp/office-c.git"
for h in b1 b2 c1; do w "$h" remote add collab "$tmp/collab-bc.git" --channel collab; done
w b2 office join "$(office_fp b1)" >/dev/null
quiet_sync b2 b1
w b1 office admit "$(device_fp b2)" --roles handler >/dev/null
inv=$(w b1 investigator add --name 调查官甲 --org 某研究院 --fields 集成电路 --region 110105)
cb=$(w b1 case add --title 芯片布图侵权案 --ip-type 集成电路布图设计 --region 110105)
asg=$(w b1 assign "$cb" "$inv" --tasks 勘验)
check "110105 has an investigator and an assignment" [ -n "$inv" ] && [ -n "$asg" ]
quiet_sync b1 b2 c1
out=$(w c1 investigator set "$inv" deleted=true 2>&1); rc=$?
check "120101 cannot delete 110105's investigator (exit 1)" [ $rc -eq 1 ]
check "… told whose it is" grep -q "belongs to office 110105" <<<"$out"
out=$(w c1 assignment advance "$asg" notified 2>&1); rc=$?
check "120101 cannot advance 110105's assignment (exit 1)" [ $rc -eq 1 ]
mine=$(w c1 investigator add --name 调查官乙 --org 和平区某所 --fields 机械 --region 120101)
quiet_sync c1
c1key=$(device_key c1)
iline=$(forge "$tmp/c1/device.key" same investigator "$inv" '{"deleted":true}' | sed -n 3p)
aline=$(forge "$tmp/c1/device.key" same assignment "$asg" '{"status":"notified","notified_on":"2026-03-02"}' | sed -n 3p)
clone=$tmp/clone-bc
git clone -q "$tmp/collab-bc.git" "$clone"
for p in "$(ops_path investigator "$inv" "$c1key")" "$(ops_path assignment "$asg" "$c1key")"; do mkdir -p "$clone/$(dirname "$p")"; done
printf '%s\n' "$iline" >"$clone/$(ops_path investigator "$inv" "$c1key")"
printf '%s\n' "$aline" >"$clone/$(ops_path assignment "$asg" "$c1key")"
git -C "$clone" add -A && git -C "$clone" commit -qm forged && git -C "$clone" push -q origin HEAD:main
out=$(w b1 sync collab 2>&1)
check "110105: the forged deletion and advance are quarantined" grep -q " 2 quarantined" <<<"$out"
check "… the deletion, saying whose the investigator is" qhas b1 "ops/investigator/.*/$c1key" "belongs to office 110105"
check "… the advance, saying whose the assignment is" qhas b1 "ops/assignment/.*/$c1key" "belongs to office 110105"
check "… the investigator is not deleted" [ "$(w b1 investigator show "$inv" --json | json 'j.get("deleted") in (None, False, 0)')" = True ]
check "… the assignment is still proposed" [ "$(w b1 assignment show "$asg" --json | json 'j["status"]')" = proposed ]
check "… and 120101's own investigator beside them imports" [ "$(w b1 investigator show "$mine" --json | json 'j["name"]')" = 调查官乙 ]

# an office-channel op by a device of another office
{ read -r _; read -r crec; read -r cline; } < <(forge "$tmp/c1/device.key" same case new '{"title":"外单位写入的案件","ip_type":"trademark"}')
push_forged "$tmp/office-b.git" "$(ops_path case "$crec" "$c1key")" "$cline"
out=$(w b1 sync office 2>&1)
check "110105: a case in its office channel by 120101's device is quarantined" qhas b1 "ops/case/.*/$c1key" "signed by an officer of office 120101"
check "… and is not a case of 110105" bash -c '! grep -q 外单位写入的案件 <<<"$1"' _ "$(titles b1)"

# a roster op signed by a member's device key: b2 makes itself administrator
b2key=$(device_key b2)
{ read -r _; read -r mrec; read -r mline; } < <(forge "$tmp/b2/device.key" same member new "{\"office\":\"110105\",\"device\":\"$b2key\",\"officer\":\"吴刚\",\"cert\":\"11010502\",\"roles\":[\"handler\",\"reviewer\",\"head\",\"admin\"],\"state\":\"admitted\"}")
push_forged "$tmp/office-b.git" "$(ops_path member "$mrec" "$b2key")" "$mline"
out=$(w b1 sync office 2>&1)
check "110105: a roster op signed by a member's device is quarantined" qhas b1 "ops/member/.*/$b2key" "only the office key signs the roster"
check "… b2 is still a handler only" \
  [ "$(w b1 office members --json | json '[",".join(m["roles"]) for m in j if m["officer"]=="吴刚"][0]')" = handler ]

# a roster that removes the administrator
out=$(w b1 office admit "$(device_fp b1)" --roles handler 2>&1); rc=$?
check "the administrator's device cannot lose admin (exit 1)" [ $rc -eq 1 ]
check "… told why" grep -q "admin role" <<<"$out"
out=$(w b1 office revoke "$(device_fp b1)" --reason 试试 2>&1); rc=$?
check "nor be revoked (exit 1)" [ $rc -eq 1 ]
clone=$tmp/clone-b
git clone -q "$tmp/office-b.git" "$clone"
b1key=$(device_key b1)
mfile=$(grep -l "\"device\":\"$b1key\"" "$clone"/ops/member/*/*/*.jsonl | head -1)
arec=$(basename "$(dirname "$mfile")")
{ read -r okey; read -r _; read -r dline; } < <(forge "$tmp/b1/office.key" same member "$arec" "{\"office\":\"110105\",\"state\":\"revoked\",\"reason\":\"篡改\"}")
check "the crafted op is signed by 110105's office key" [ "$(basename "$mfile" .jsonl)" = "$okey" ]
rm -rf "$clone"
push_forged "$tmp/office-b.git" "$(ops_path member "$arec" "$okey")" "$dline"
quiet_sync b2
check "110105's member refuses a roster op that demotes the administrator" qhas b2 "ops/member/.*/$okey" "admin role"
check "… the administrator stays admitted, with admin" \
  [ "$(w b2 office members --json | json '[m["state"]+" "+str("admin" in m["roles"]) for m in j if m["officer"]=="陈静"][0]')" = "admitted True" ]

# ==== upgrade: a workspace without a roster keeps working ====
git init -q --bare "$tmp/office-l.git"
for h in l1 l2; do
  w "$h" init --office 131000 --office-name 廊坊市市场监督管理局 --officer "官员$h" --cert "1310000${h:1}" >/dev/null
  w "$h" remote add office "$tmp/office-l.git"
done
lc=$(w l1 case add --title 廊坊的案件 --ip-type 商标)
quiet_sync l1 l2
check "legacy: a case syncs between two devices of the office" [ "$(titles l2)" = 廊坊的案件 ]
w l2 case set "$lc" place=廊坊市广阳区 >/dev/null
quiet_sync l2 l1
check "legacy: and a change comes back" [ "$(w l1 case show "$lc" --json | json 'j["place"]')" = 廊坊市广阳区 ]
check "legacy: office show --json says unverified" \
  [ "$(w l1 office show --json | json 'str(j["verified"])+" "+str(j["fingerprint"])')" = "False None" ]
check "legacy: office show says unverified" grep -q unverified <<<"$(w l1 office show)"
check "legacy: nothing quarantined" [ "$(qcount l1 .)" = 0 ]

echo "office: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
