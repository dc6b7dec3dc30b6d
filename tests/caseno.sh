#!/usr/bin/env bash
# Case numbers (db/rules/caseno.h), through real workspaces and a bare repository:
#  - the default prefix keeps the office's city or district (保定 130600 → 保市监处罚, 顺义 →
#    京顺, 北辰 → 津北辰), per kind (处罚, 强制, 立, 专裁), and `numbering` changes them;
#  - two admitted devices of one office, offline, file cases, seizures and patent disputes:
#    each numbers from its own block of the roster, and after they sync no number collides;
#  - a workspace with no roster numbers in its officer's certificate series; a device of an
#    office not admitted yet files nothing (the head's approval needs a member);
#  - an old-format number typed by hand is accepted, and a duplicate is flagged on both.
set -u
bin=${1:?usage: caseno.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-caseno-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export IPCASE_TODAY=2026-03-02

# new_case NAME [FIELD=VALUE…]: a clue in NAME with two handlers; prints its id
new_case() {
  local h=$1 c
  shift
  c=$(w "$h" case add --title 销售侵权商品案 --ip-type 商标 --handlers 王建国:13060001,李敏:13060002) \
    && { [ $# -eq 0 ] || quietly w "$h" case set "$c" "$@"; } && echo "$c"
}
# file NAME CASE: files the case on the head's approval; prints its number
file() {
  quietly w "$1" case advance "$2" verifying && approve_in "$1" "$2" file \
    && quietly w "$1" case advance "$2" filed && w "$1" case show "$2" --json | json 'j["case_no"]'
}
# accept NAME CASE: accepts the patent dispute (its panel set); prints its number
accept() {
  quietly w "$1" case advance "$2" accepted && w "$1" case show "$2" --json | json 'j["case_no"]'
}
# seize NAME CASE: records a seizure on the head's approval; prints its decision's number
seize() {
  approve_in "$1" "$2" seizure && w "$1" measure add "$2" --kind seizure --on 2026-03-03 \
    --officers 王建国:13060001,李敏:13060002 --json | json 'j["number"]'
}
prefix() { w "$1" numbering --json | json "[k['prefix'] for k in j['kinds'] if k['kind']=='$2'][0]"; }
block() { w "$1" numbering --json | json "j['block'].get('index', j['block']['source'])"; }

# ==== prefixes ====
w p init --office 130600 --office-name 保定市市场监督管理局 --officer 赵强 --cert 13060009 >/dev/null
check "保定 (130600): the default prefix keeps the city" [ "$(prefix p penalty)" = 保市监处罚 ]
check "… and so do the other kinds" \
  [ "$(w p numbering --json | json '" ".join(k["prefix"] for k in j["kinds"])')" = "保市监处罚 保市监强制 保市监立 保市监专裁" ]
w sy init --office 110113 --office-name 北京市顺义区市场监督管理局 --officer 孙 --cert 11011301 >/dev/null
check "顺义 (110113): 京顺市监处罚" [ "$(prefix sy penalty)" = 京顺市监处罚 ]
w bc init --office 120113 --office-name 天津市北辰区市场监督管理局 --officer 钱 --cert 12011301 >/dev/null
check "北辰 (120113): 津北辰市监强制 for seizures" [ "$(prefix bc seizure)" = 津北辰市监强制 ]
w hb init --office 130000 --office-name 河北省市场监督管理局 --officer 周 --cert 13000001 >/dev/null
check "河北省 (130000): 冀市监处罚" [ "$(prefix hb penalty)" = 冀市监处罚 ]
w cp init --office 130100 --office-name 石家庄市市场监督管理局 --officer 吴 --cert 13010009 \
  --case-prefix 冀石市监处罚 >/dev/null
check "a prefix given at init leads the other kinds (冀石市监强制)" [ "$(prefix cp seizure)" = 冀石市监强制 ]

check "numbering sets a kind by its word" quietly w p numbering 专裁=保市监知裁 seizure=保定市监强
check "… patent" [ "$(prefix p patent)" = 保市监知裁 ]
check "… seizure" [ "$(prefix p seizure)" = 保定市监强 ]
check "… and says it is no longer the default" \
  [ "$(w p numbering --json | json '[k["default"] for k in j["kinds"] if k["kind"]=="seizure"][0]')" = False ]
check "an empty value gives the default back" quietly w p numbering seizure=
check "… 保市监强制" [ "$(prefix p seizure)" = 保市监强制 ]
w p numbering seizure=保市监〔强制 >/dev/null 2>"$tmp/err"
check "a prefix with the year's bracket is refused (exit 2)" [ $? -eq 2 ]
check "… saying why" grep -q "without 〔" "$tmp/err"
w p numbering 罚款=保市监罚 >/dev/null 2>"$tmp/err"
check "an unknown kind is refused, naming the kinds" grep -q "penalty (处罚), seizure (强制)" "$tmp/err"
check "the text output lists each kind's pattern" grep -q "^penalty  处罚	保市监处罚〔YYYY〕N号" <<<"$(w p numbering)"

# ==== no roster: the officer's certificate series ====
c=$(new_case p)
check "no roster: the number carries the certificate" [ "$(file p "$c")" = 保市监处罚〔2026〕13060009-1号 ]
check "no roster: a seizure decision too" [ "$(seize p "$c")" = 保市监强制〔2026〕13060009-1号 ]
check "no roster: the block size may be set before the roster is made" quietly w p numbering block=500
check "… and is shown" [ "$(w p numbering --json | json 'j["block"]["size"]')" = 500 ]

# ==== an office with a roster: two devices, offline ====
git init -q --bare "$tmp/office.git"
w b1 init --office 130600 --office-name 保定市市场监督管理局 --officer 王建国 --cert 13060001 \
  --create-office >/dev/null
w b2 init --office 130600 --office-name 保定市市场监督管理局 --officer 李敏 --cert 13060002 >/dev/null
for h in b1 b2; do w "$h" remote add office "$tmp/office.git" >/dev/null; done
check "the administrator's device has block 0" [ "$(block b1)" = 0 ]
quietly w b2 office join "$(office_fp b1)"
early=$(new_case b2)
file b2 "$early" >/dev/null 2>"$tmp/err"
check "joined, not admitted yet: no filing, the head's approval needs an admitted member" \
  grep -q "needs an admitted member of the office" "$tmp/err"
quiet_sync b2 b1
quietly w b1 office admit "$(device_fp b2)" --roles handler,head
quiet_sync b1 b2
check "admitted: the next block, 1" [ "$(block b2)" = 1 ]
check "… of 1000 numbers, 1000 to 1999" \
  [ "$(w b2 numbering --json | json 'str(j["block"]["from"])+"-"+str(j["block"]["to"])')" = 1000-1999 ]
check "the block size is fixed once the roster exists (exit 1)" \
  bash -c '! "$1" --home "$2" numbering block=10 >/dev/null 2>&1' _ "$bin" "$tmp/b1"

# both offline: cases, seizures, patent disputes
: >"$tmp/numbers"
for i in 1 2 3 4 5; do
  for h in b1 b2; do
    c=$(new_case "$h")
    file "$h" "$c" >>"$tmp/numbers"
    [ "$i" -gt 3 ] || seize "$h" "$c" >>"$tmp/numbers"
    [ "$i" -gt 2 ] || { c=$(new_case "$h" procedure=patent_dispute ip_type=发明专利 \
                          handlers=王建国:13060001,李敏:13060002,赵强:13060009)
                        accept "$h" "$c" >>"$tmp/numbers"; }
  done
done
check "20 numbers given offline" [ "$(grep -c 号 "$tmp/numbers")" = 20 ]
check "… none twice" [ "$(sort "$tmp/numbers" | uniq -d | wc -l)" = 0 ]
check "b1's cases from 1 (block 0)" grep -qx 保市监处罚〔2026〕1号 "$tmp/numbers"
check "… to 5" grep -qx 保市监处罚〔2026〕5号 "$tmp/numbers"
check "b2's from 1000 (block 1): 1000 to 1004" \
  grep -qx 保市监处罚〔2026〕1004号 "$tmp/numbers"
check "seizures in their own series (b1: 1 to 3)" grep -qx 保市监强制〔2026〕3号 "$tmp/numbers"
check "… (b2: 1000 to 1002)" grep -qx 保市监强制〔2026〕1002号 "$tmp/numbers"
check "patent disputes in theirs (b1: 1, 2)" grep -qx 保市监专裁〔2026〕2号 "$tmp/numbers"
check "… (b2: 1000, 1001)" grep -qx 保市监专裁〔2026〕1001号 "$tmp/numbers"
check "no patent dispute took a penalty number" [ "$(grep -c 处罚 "$tmp/numbers")" = 10 ]
check "the case b2 could not file before its admission: the next of its block" \
  [ "$(file b2 "$early")" = 保市监处罚〔2026〕1005号 ]
quiet_sync b1 b2 b1
all() { w "$1" case list --limit 100 --json | json '"\n".join(sorted(c["case_no"] or "-" for c in j))'; }
check "after the sync b1 holds the 15 numbered cases of both" [ "$(all b1 | grep -c 号)" = 15 ]
check "… the same numbers" [ "$(all b1)" = "$(all b2)" ]
check "… none of them flagged as a duplicate" bash -c '! "$1" --home "$2" export --format json | grep -q duplicate_case_no' _ "$bin" "$tmp/b1"

# ==== numbers typed by hand ====
x=$(new_case b1)
y=$(new_case b2)
check "an old per-officer number is accepted" quietly w b1 case set "$x" case_no=保市监处罚〔2025〕13060001-7号
quietly w b2 case set "$y" case_no=保市监处罚〔2025〕13060001-7号
quiet_sync b2 b1
conflicts() { w "$1" case show "$2" --json | json '" ".join(j.get("conflicts") or [])'; }
check "the same number on two cases: flagged on the first" [ "$(conflicts b1 "$x")" = duplicate_case_no ]
check "… and on the second" [ "$(conflicts b1 "$y")" = duplicate_case_no ]
check "a number typed by hand inside the block is skipped by the next filing" \
  quietly w b1 case set "$x" case_no=保市监处罚〔2026〕6号
c=$(new_case b1)
check "… (7)" [ "$(file b1 "$c")" = 保市监处罚〔2026〕7号 ]

echo "caseno: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
