#!/usr/bin/env bash
# The watch lists (重点关注市场, 重点商标): Shijiazhuang (130100) lists key markets and key
# trademarks; what is refused names its field (a market kind not in the list, an interval of 0,
# class 46, a region outside 京津冀); a market's next inspection is its listing day plus the
# interval, and moves to its last inspection plus the interval when one naming it is recorded,
# back when that inspection is deleted (due --json, market list), and moves when a colleague's
# inspection arrives through the office remote; a case whose marks name a key
# trademark of its region says so in case show (text and --json), one of another region does
# not; both lists reach Beijing Haidian (110108) through the collaboration remote, where they
# are listed too, and a key market with an interval of 0 that Haidian's device signs and pushes
# past ipcase is quarantined by Shijiazhuang, never listed.
# Usage: tests/watch.sh path/to/ipcase
set -u
bin=${1:?usage: watch.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-watch-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp TZ=UTC
export GIT_AUTHOR_NAME=stranger GIT_AUTHOR_EMAIL=stranger@example.invalid
export GIT_COMMITTER_NAME=stranger GIT_COMMITTER_EMAIL=stranger@example.invalid
export IPCASE_TODAY=2026-03-02 IPCASE_FAKE_NOW_MS=1772442000000 # 2026-03-02 09:00 UTC
forge_build "$tmp/forge" || { echo "watch: 0 passed, 1 failed"; exit 1; }

# refused ERROR_RE CMD…: CMD fails with exit 1 and says ERROR_RE
refused() {
  local re=$1 out rc
  shift
  out=$("$@" 2>&1); rc=$?
  [ $rc -eq 1 ] && grep -qE -- "$re" <<<"$out" || { echo "     exit $rc: $out"; return 1; }
}
# due_of WS ID: the due date of ID's row in WS's due --json ("" when none)
due_of() { w "$1" due --days 400 --json | json "([r['due'] for r in j if r.get('market_id')=='$2'] or [''])[0]"; }

git init -q --bare "$tmp/collab.git"
git init -q --bare "$tmp/office.git"
w s init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
w h init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 >/dev/null
w s2 init --office 130100 --office-name 石家庄市市场监督管理局 --officer 赵强 --cert 13010003 >/dev/null
for o in s s2 h; do w $o remote add collab "$tmp/collab.git" --channel collab >/dev/null; done
for o in s s2; do w $o remote add office "$tmp/office.git" >/dev/null; done
quiet_sync s s2 h s # each officer's key published

# ---- refusals, each naming its field ----
check "a market kind not in the list is refused, with the kinds" \
  refused "kind: unknown value \"market\".*specialised_market" w s market add --name 某市场 --kind market --interval 30
check "an interval of 0 days is refused" \
  refused "interval_days" w s market add --name 某市场 --kind 专业市场 --interval 0
check "an interval of 367 days is refused" \
  refused "interval_days" w s market add --name 某市场 --kind 专业市场 --interval 367
check "a market needs its interval" \
  refused "interval_days is required" w s market add --name 某市场 --kind 专业市场
check "a market region outside 京津冀 is refused" \
  refused "region: \"310000\" is not a division code" w s market add --name 某市场 --kind 展会 --interval 30 --region 310000
check "class 46 is refused" \
  refused "\"46\" is not a Nice class" w s trademark add --mark NIKE --holder 耐克 --classes 25,46
check "a class given twice is refused" \
  refused "class 25 is given twice" w s trademark add --mark NIKE --holder 耐克 --classes 25,35,25
check "a trademark region outside 京津冀 is refused" \
  refused "regions: \"990000\" is not a division code" w s trademark add --mark NIKE --holder 耐克 --regions 130100,990000
check "nothing refused was listed" [ "$(w s market list --json | json 'len(j)'):$(w s trademark list --json | json 'len(j)')" = 0:0 ]

# ---- a market's next inspection ----
m=$(w s market add --name 新华路服装批发市场 --kind 专业市场 --interval 30 --region 130105 --address 新华路100号)
check "a new market is due 30 days after its listing (2026-04-01)" [ "$(due_of s "$m")" = 2026-04-01 ]
check "… as kind market_inspect with its name in due" \
  grep -qP "^2026-04-01\tmarket_inspect\t$m\t新华路服装批发市场\t30$" <<<"$(w s due --days 60)"
i=$(w s inspection add --place-kind 市场 --place 新华路服装批发市场 --at 2026-03-10T09:30 \
  --inspectors 王建国:13010001,赵强:13010003 --market "$m")
check "an inspection naming it moves it to 30 days after the inspection (2026-04-09)" \
  [ "$(due_of s "$m")" = 2026-04-09 ]
check "market list: its last inspection and next date" \
  [ "$(w s market list --json | json "[(x['last_inspected'], x['next_inspection'], x['days_left']) for x in j if x['id']=='$m'][0]")" = "('2026-03-10', '2026-04-09', 38)" ]
w s inspection add --place-kind 市场 --place 新华路服装批发市场 --at 2026-01-05T09:30 \
  --inspectors 王建国:13010001,赵强:13010003 --market "$m" >/dev/null
check "an older inspection does not move it back" [ "$(due_of s "$m")" = 2026-04-09 ]
out=$(w s inspection add --place-kind 市场 --place 某市场 --at 2026-03-11T09:00 \
  --inspectors 王建国:13010001,赵强:13010003 --market 019cade2-0000-7000-8000-000000000000 2>&1); rc=$?
check "an inspection naming no key market is refused (exit 3), saying where to look" \
  [ "$rc:$out" = "3:ipcase: no key market with id 019cade2-0000-7000-8000-000000000000: see ipcase market list" ]
quietly w s set "$m" interval_days=7
check "a shorter interval brings it forward (2026-03-17)" [ "$(due_of s "$m")" = 2026-03-17 ]
quietly w s delete "$i"
check "the latest inspection deleted: 7 days after the one before, overdue (2026-01-12)" \
  [ "$(due_of s "$m")" = 2026-01-12 ]
f=$(w s market add --name 石家庄国际会展中心 --kind trade_fair --interval 90 --region 130100)
check "market list: the overdue one first" \
  [ "$(w s market list --json | json '[x["name"] for x in j]')" = "['新华路服装批发市场', '石家庄国际会展中心']" ]
check "market list text: overdue, its kind in words" \
  grep -qP "^2026-01-12\t-49\toverdue\t$m\tspecialised market\t新华路服装批发市场\t2026-01-05$" <<<"$(w s market list)"
quietly w s delete "$f"
check "a deleted market leaves due" [ -z "$(due_of s "$f")" ]

# ---- a colleague's inspection, synced, moves it too ----
quiet_sync s s2
w s2 inspection add --place-kind 市场 --place 新华路服装批发市场 --at 2026-02-27T15:00 \
  --inspectors 赵强:13010003,王建国:13010001 --market "$m" >/dev/null
check "the colleague's own due moves (2026-03-06)" [ "$(due_of s2 "$m")" = 2026-03-06 ]
quiet_sync s2 s
check "the colleague's inspection, synced, moves it here (2026-03-06)" [ "$(due_of s "$m")" = 2026-03-06 ]

# ---- key trademarks and the cases that carry them ----
t1=$(w s trademark add --mark NIKE --holder 耐克创新有限合伙公司 --reg-no 1234567 --classes 25,35 --regions 130100)
w s trademark add --mark 同仁堂 --holder 中国北京同仁堂（集团）有限责任公司 --classes 5 --regions 110000 >/dev/null
w s trademark add --mark 老干妈 --holder 贵阳南明老干妈风味食品有限责任公司 >/dev/null
check "trademark list: by mark, with classes and regions" \
  grep -qP "^$t1\tNIKE\t耐克创新有限合伙公司\t1234567\t25,35\t130100$" <<<"$(w s trademark list)"
c1=$(w s case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --region 130105 --marks " nike ，阿迪达斯")
check "a case of a Shijiazhuang district carrying nike (any case, trimmed) names NIKE" \
  [ "$(w s case show "$c1" --json | json 'j["key_trademarks"]')" = "[{'holder': '耐克创新有限合伙公司', 'mark': 'NIKE', 'reg_no': '1234567'}]" ]
check "… and says so in text" grep -qP "^  key trademark +NIKE \(耐克创新有限合伙公司, 1234567\)$" <<<"$(w s case show "$c1")"
c2=$(w s case add --title 销售假冒同仁堂药品案 --ip-type 商标 --region 130102 --marks 同仁堂)
check "a Shijiazhuang case carrying a mark protected in Beijing only names none" \
  [ "$(w s case show "$c2" --json | json 'j["key_trademarks"]')" = "[]" ]
quietly w s set "$c2" marks=同仁堂、老干妈
check "a mark listed for every region is named wherever the case is" \
  [ "$(w s case show "$c2" --json | json '[m["mark"] for m in j["key_trademarks"]]')" = "['老干妈']" ]
c3=$(w s case add --title 无区划的案件 --ip-type 商标 --marks NIKE)
check "a case without a region is judged in the office's (130100)" \
  [ "$(w s case show "$c3" --json | json 'len(j["key_trademarks"])')" = 1 ]

# ---- both lists in the collaboration channel ----
quiet_sync s h
check "Haidian receives the key markets (the deleted one not listed)" \
  [ "$(w h market list --json | json '[x["name"] for x in j]')" = "['新华路服装批发市场']" ]
check "… never inspected in Haidian: due from its listing, 7 days (2026-03-09)" \
  [ "$(due_of h "$m")" = 2026-03-09 ]
check "Haidian receives the key trademarks" \
  [ "$(w h trademark list --json | json '[x["mark"] for x in j]')" = "['NIKE', '同仁堂', '老干妈']" ]
c4=$(w h case add --title 销售假冒同仁堂药品案 --ip-type 商标 --region 110108 --marks 同仁堂)
check "a Haidian case carrying 同仁堂 names it" \
  [ "$(w h case show "$c4" --json | json '[m["mark"] for m in j["key_trademarks"]]')" = "['同仁堂']" ]
check "no case or inspection travelled: Haidian sees no Shijiazhuang case" [ "$(titles h)" = 销售假冒同仁堂药品案 ]

# ---- a hostile key market: Haidian's device signs an interval of 0 and pushes it ----
{ read -r hkey; read -r bad_id; read -r line; } < <(forge "$tmp/h/device.key" same key_market new \
  '{"name":"伪造的市场","kind":"specialised_market","interval_days":0}')
git clone -q "$tmp/collab.git" "$tmp/clone"
path="ops/key_market/${bad_id: -2}/$bad_id/$hkey.jsonl"
mkdir -p "$(dirname "$tmp/clone/$path")" && printf '%s\n' "$line" >"$tmp/clone/$path"
git -C "$tmp/clone" add -A && git -C "$tmp/clone" commit -qm forged && git -C "$tmp/clone" push -q origin HEAD:main
# forge signs with the real clock: Shijiazhuang syncs on it too, or the op would wait as ahead
check "Shijiazhuang's sync quarantines it" \
  grep -q " 1 quarantined" <<<"$(IPCASE_FAKE_NOW_MS='' w s sync collab 2>&1)"
check "… saying why: the interval" qhas s "$bad_id" "interval_days"
check "… and never lists it nor makes it due" \
  [ "$(w s market list --json | json "len([x for x in j if x['id']=='$bad_id'])")$(due_of s "$bad_id")" = 0 ]

echo "watch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
