#!/usr/bin/env bash
# Screen test of a working day's screens at 80x24 and at 120x35 (issue 19, "Done means"), in
# zh_CN and in English, on 300 demo cases, dumps compared with
# tests/screen/expected/sizes-LANG-COLS-*.txt: the case list, the deadlines (D), a case
# (Enter), its edit form (e), the new-case form (a) and its IP-type menu filtered by what is
# typed, a sync cancelled (Esc) and a sync that times out (IPCASE_NET_TIMEOUT=1) on a server
# of 127.0.0.1 that accepts and never answers. At 80 columns case numbers keep their year and
# serial and counts stay whole; at 120 the width is used: case numbers whole, statuses in
# their long form, each deadline's kind whole, no status-bar field dropped while it fits.
# Usage: tests/screen/sizes.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
t=$tmp
# shellcheck source=../fixtures/net.sh
. "$root/tests/fixtures/net.sh"

screen_officers
A demo --cases 300 >/dev/null || bad "ipcase demo --cases 300"
screen_silent_remote
# a first sync writes the demo's 1540 ops into the repository, then times out: the screens'
# syncs below wait on the server at once, whatever the machine's speed
IPCASE_NET_TIMEOUT=1 A sync hole >/dev/null 2>&1

# screens LANG NAME COLS LINES FILTER: every screen at COLSxLINES in LANG, dumps
# sizes-NAME-COLS-*; FILTER is typed on the IP-type menu of the new-case form.
screens() {
  local n=$2-$3
  LANG=$1 screen_run "$tmp/a" "size $3 $4
dump sizes-$n-list
keys D
dump sizes-$n-deadlines
keys <Esc><Enter>
dump sizes-$n-case
keys e
dump sizes-$n-edit
keys <Esc>y<Esc>a
type 阿迪达斯运动服装商标侵权案
dump sizes-$n-new
keys <Tab><Enter>
type $5
dump sizes-$n-picker
keys <Esc><Esc><Esc>y
keys S<Enter>
wait 2000
dump sizes-$n-sync-waiting
keys <Esc>
wait 10000
dump sizes-$n-sync-cancelled"
  LANG=$1 IPCASE_NET_TIMEOUT=1 screen_run "$tmp/a" "size $3 $4
keys S<Enter>
wait 10000
dump sizes-$n-sync-timeout
keys <Esc>
dump sizes-$n-sync-after"
  local d=$tmp/sizes-$n-deadlines last=$(($4 - 2))
  check "$n: the deadlines soonest first" bash -c 'sed -n "3,$2p" "$1" | cut -c1-10 | sort -c' _ "$d" "$last"
  # deadlines due the same day come in the order of their cases' ids, which differ from run
  # to run: their rows sorted for the comparison
  { sed -n 1,2p "$d"; sed -n "3,${last}p" "$d" | sort; sed -n "$((last + 1)),\$p" "$d"; } >"$d.rows" &&
    mv "$d.rows" "$d"
  for s in list deadlines case edit new picker sync-waiting sync-cancelled sync-timeout sync-after; do
    [ -f "$tmp/sizes-$n-$s" ] && sed -i "s/127.0.0.1:$hole/127.0.0.1:PORT/" "$tmp/sizes-$n-$s"
    screen_same "sizes-$n-$s"
  done
  check "$n: the picker narrowed to the patent types" \
    bash -c '! grep -Eq "│ (trademark|商标) " "$1" && grep -Eq "(3 of 12|2 / 12)" "$1"' _ "$tmp/sizes-$n-picker"
  check "$n: the sync cancelled, the program went on" grep -Eq "cancelled|已取消" "$tmp/sizes-$n-sync-cancelled"
  check "$n: the timeout is reported on the sync screen" \
    grep -Eq "timeout: no answer|超时" "$tmp/sizes-$n-sync-timeout"
  check "$n: the case list after the timeout" grep -Eq "^(Case no\.|案号) " "$tmp/sizes-$n-sync-after"
  check "$n: the status bar's counts whole" \
    grep -Eq "(unsynced|未同步) 1000\+  (overdue|逾期) 152" <(sed -n "$(($4 - 1))p" "$tmp/sizes-$n-list")
}

screens zh_CN.UTF-8 zh 80 24 专利
screens zh_CN.UTF-8 zh 120 35 专利
screens C.UTF-8 en 80 24 pat
screens C.UTF-8 en 120 35 pat

# A case number of the demo (the office's prefix left out, as the list shows it).
A case list --json --limit 0 >"$tmp/cases.json"
no=$(python3 -c 'import json,sys
print(next(c["case_no"] for c in json.load(open(sys.argv[1])) if c["case_no"]).replace("冀石市监处罚", "", 1))' "$tmp/cases.json")

for l in zh en; do
  check "$l-80: case numbers keep their year and serial" \
    grep -Eq "^〔20[0-9]{2}〕…[0-9]+号 " "$tmp/sizes-$l-80-list"
  check "$l-120: the list shows whole case numbers ($no)" grep -qF -- "$no " "$tmp/sizes-$l-120-list"
  check "$l-120: no case number of the list is cut" \
    bash -c '! sed -n 2,32p "$1" | grep -q "…[0-9]*号"' _ "$tmp/sizes-$l-120-list"
  check "$l-120: the deadlines show whole case numbers" \
    grep -Eq '〔20[0-9]{2}〕13010001-[0-9]+号' "$tmp/sizes-$l-120-deadlines"
  check "$l-120: every deadline row has its date, days, group, kind, case number and title" \
    bash -c '[ "$(sed -n 3,33p "$1" | grep -Ec "^20[0-9]{2}-[0-9]{2}-[0-9]{2}\?? +[-+][0-9]+ +[^ ]+ +[^ ].* +(-|〔20[0-9]{2}〕[0-9]+-[0-9]+号) +[^ ]+）$")" = 31 ]' \
    _ "$tmp/sizes-$l-120-deadlines"
  check "$l-120: the deadlines' status bar: its own part, two blanks, the counts" \
    grep -Eq "(mine/office|我的/本单位)  +(unsynced|未同步) 1000\+  (overdue|逾期) 152" <(sed -n 34p "$tmp/sizes-$l-120-deadlines")
  check "$l-120: the list's status bar keeps every field" \
    grep -Eq "(office unverified|机构未验证).*(synced never|同步于 从未) *$" <(sed -n 34p "$tmp/sizes-$l-120-list")
done
check "zh-120: the deadlines' status bar keeps the last sync once the hint of Enter made room" \
  grep -Eq "待我审批 16  同步于 从未 *$" <(sed -n 34p "$tmp/sizes-zh-120-deadlines")
check "en-80: statuses short and distinct (invest., inv.done)" \
  bash -c 'grep -q " invest\. " "$1" && grep -q " inv\.done " "$1"' _ "$tmp/sizes-en-80-list"
check "en-120: statuses in their long form (investigation closed, investigating)" \
  bash -c 'grep -q " investigation closed " "$1" && grep -q " investigating " "$1" && ! grep -Eq " (invest\.|inv\.done) " "$1"' _ "$tmp/sizes-en-120-list"
check "en-120: the deadline kinds whole (verify the clue, decide on filing)" \
  grep -q "verify the clue, decide on filing " "$tmp/sizes-en-120-deadlines"
check "zh-120: statuses in their long form (调查终结, 不予立案)" \
  bash -c 'grep -q " 调查终结 " "$1" && grep -q " 不予立案 " "$1"' _ "$tmp/sizes-zh-120-list"
check "the new case left with Esc was not saved" \
  bash -c '! "$@" case list | grep -q 阿迪达斯运动服装商标侵权案' _ "$bin" --home "$tmp/a"
screen_quiet
screen_finish
