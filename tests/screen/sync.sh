#!/usr/bin/env bash
# Screen test of the sync screen (scripted in-memory terminal, dumps compared with
# tests/screen/expected/sync-*.txt): S opens it from the list with the remotes to choose
# from; a sync (on the screen's worker thread: `wait` until it ends) of two workspaces through a bare repository, each officer on the screen, with
# its summary; a line a colleague's repository holds that cannot be imported, counted in the
# quarantine; a remote that cannot be reached, with its error and what to do; back in the list
# the colleague's cases are there and the status bar's last sync is set.
# Usage: tests/screen/sync.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid

screen_officers remote
B remote add usb /nonexistent/ipcase-usb.git # a stick that is not plugged in
id=$(A case add --title 耐克运动鞋商标侵权案 --ip-type trademark)
A party add "$id" --role 当事人 --name 张三 >/dev/null
A case add --title 假冒专利标识案 --ip-type counterfeit_patent >/dev/null

screen_run "$tmp/a" "size 80 24
keys S
dump sync-remotes
keys <Enter>
wait 30000
dump sync-sent"

# a line that is not an op, in A's file of the case, pushed by someone with git
git clone -q "$tmp/remote.git" "$tmp/w"
printf 'this is not JSON at all\n' >>"$(ls "$tmp/w/ops/case/${id: -2}/$id/"*.jsonl)"
git -C "$tmp/w" commit -qam "a broken line" && git -C "$tmp/w" push -q origin HEAD:main

IPCASE_FAKE_NOW_MS=1772445600000 screen_run "$tmp/b" "size 80 24
dump sync-before
keys S<Enter>
wait 30000
dump sync-received
keys j<Enter>
wait 30000
dump sync-failed
keys <Esc>
dump sync-after"

for s in remotes sent before received failed after; do
  screen_same "sync-$s"
done
screen_quiet
check "B holds A's cases after the screen's sync" grep -q 耐克运动鞋商标侵权案 <<<"$(B case list)"
check "the broken line is in B's quarantine" grep -q "1 item in quarantine" <<<"$(B quarantine)"

screen_finish
