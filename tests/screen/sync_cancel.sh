#!/usr/bin/env bash
# Screen test of a sync that hangs (scripted in-memory terminal at 80x24, dumps compared with
# tests/screen/expected/sync-cancel-*.txt): a real server on 127.0.0.1 that accepts and never
# answers, reached over http. (a) The sync runs on the screen's worker thread: the screen
# shows it fetching, keys still work (? opens the help over it and Esc closes it), Esc
# cancels, the screen says cancelled, and the program goes on (the case list after). (b) With
# IPCASE_NET_TIMEOUT=1 the timeout is the sync screen's error with what to do, and the
# program goes on. (c) Waiting and cancelled in Chinese. Nothing on stderr (the process ending on the timeout would leave the dumps
# after it unwritten).
# Usage: tests/screen/sync_cancel.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
t=$tmp
# shellcheck source=../fixtures/net.sh
. "$root/tests/fixtures/net.sh"

screen_officers
hole=$(free_port)
blackhole "$hole"
hole_pid=$!
trap 'kill $hole_pid 2>/dev/null; rm -rf "$tmp"' EXIT
wait_listen "$hole" 5 || bad "the silent server listens on 127.0.0.1:$hole"
A remote add hole "http://127.0.0.1:$hole/remote.git"
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

for s in waiting help cancelled after timeout timeout-after zh-waiting zh-cancelled; do
  [ -f "$tmp/sync-cancel-$s" ] && sed -i "s/127.0.0.1:$hole/127.0.0.1:PORT/" "$tmp/sync-cancel-$s"
  screen_same "sync-cancel-$s"
done
screen_quiet
check "the case is still there, unsynced" grep -q 耐克运动鞋商标侵权案 <<<"$(A case list)"

screen_finish
