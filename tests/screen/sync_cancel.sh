#!/usr/bin/env bash
# Screen test of a sync that hangs (scripted in-memory terminal at 80x24, dumps compared with
# tests/screen/expected/sync-cancel-*.txt): a real server on 127.0.0.1 that accepts and never
# answers, reached over http. (a) The sync runs on the screen's worker thread: the screen
# shows it fetching, keys still work (? opens the help over it and Esc closes it), Esc
# cancels, the screen says cancelled, and the program goes on (the case list after). (b) With
# IPCASE_NET_TIMEOUT=1 the timeout is the sync screen's error with what to do, and the
# program goes on. (c) Waiting and cancelled in Chinese. (d) A sync with a local remote
# cancelled at once leaves nothing behind: the next one brings everything. Nothing on stderr (the process ending on the timeout would leave the dumps
# after it unwritten).
# Usage: tests/screen/sync_cancel.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
t=$tmp
# shellcheck source=../fixtures/net.sh
. "$root/tests/fixtures/net.sh"

screen_officers
screen_silent_remote
A case add --title 耐克运动鞋商标侵权案 --ip-type trademark >/dev/null

started=$(date +%s)
screen_run "$tmp/a" "size 80 24
keys S<Enter>
wait 3000
dump sync-cancel-waiting
keys ?
dump sync-cancel-help
keys <Esc><Esc>
wait 10000
dump sync-cancel-cancelled
keys <Esc>
dump sync-cancel-after"
check "the cancelled sync ended in under 30 s (not at a timeout)" [ $(($(date +%s) - started)) -lt 30 ]

IPCASE_NET_TIMEOUT=1 screen_run "$tmp/a" "size 80 24
keys S<Enter>
wait 10000
dump sync-cancel-timeout
keys <Esc>
dump sync-cancel-timeout-after"

# (c) in Chinese at 80x24: waiting, then cancelled
LANG=zh_CN.UTF-8 screen_run "$tmp/a" "size 80 24
keys S<Enter>
wait 3000
dump sync-cancel-zh-waiting
keys <Esc>
wait 10000
dump sync-cancel-zh-cancelled"

# (d) Esc at once on a sync with a local remote that has A's cases: cancelled before anything
# was imported; the run left nothing behind that blocks or spoils the next (the channel lock
# released, the imported mark not moved, every op stored verifies): the next sync brings all
count() { "$@" case list --limit 0 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
git init -q --bare "$tmp/big.git"
A demo --cases 20 >/dev/null
A remote add big "$tmp/big.git"
A sync big >/dev/null
B remote add big "$tmp/big.git"
IPCASE_FAKE_NOW_MS=1772445600000 screen_run "$tmp/b" "size 80 24
keys S<Enter><Esc>
wait 60000
dump sync-cancel-local"
check "B's screen says the sync was cancelled" grep -q "Sync with big cancelled" "$tmp/sync-cancel-local"
check "nothing of A's was imported" [ "$(count B)" -eq 0 ]
check "every op B stored verifies" bash -c "\"$bin\" --home \"$tmp/b\" verify >/dev/null"
B sync big >/dev/null
check "the next sync brings everything: B holds every case of A ($(count A))" [ "$(count B)" -eq "$(count A)" ]

for s in waiting help cancelled after timeout timeout-after zh-waiting zh-cancelled local; do
  [ -f "$tmp/sync-cancel-$s" ] && sed -i "s/127.0.0.1:$hole/127.0.0.1:PORT/" "$tmp/sync-cancel-$s"
  screen_same "sync-cancel-$s"
done
check "the case is still there, unsynced" grep -q 耐克运动鞋商标侵权案 <<<"$(A case list)"

screen_quiet

screen_finish
