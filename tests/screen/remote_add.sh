#!/usr/bin/env bash
# Screen test of the remotes on the sync screen and of the warning while collaboration requests
# cannot go out (scripted in-memory terminal, 80x24, in English and in Chinese; dumps compared
# with tests/screen/expected/remote-*.txt). An office with only its office remote sends a
# request from a case (R): the message says it cannot go out, and so do the status bar, the
# collaboration screen (C) and the sync screen (S); a there opens the remote form, whose
# channel starts as the collaboration one; a bad name is refused next to its field; saved,
# `ipcase remote list` shows the remote and every warning is gone. Del removes a remote after
# a question. In Chinese the status bar says 协作请求无法发出：未设置协作远程仓库 (S), until a
# remote added on screen takes it away. Usage: tests/screen/remote_add.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers remote
git init -q --bare "$tmp/collab.git"
c=$(A case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --place 南三条市场)
check "setup: no collaboration remote" test "$(A remote list | grep -c collab)" = 0

# ---- English ----
screen_run "$tmp/a" "size 80 24
keys <Enter>R<Enter><Enter>
type 请协助调查海淀区供货商
keys <Enter><Enter>
dump remote-sent
keys <Esc>
dump remote-status
keys C
dump remote-collab
keys S
dump remote-sync
keys a
dump remote-form
type bad name
keys <Tab>
type $tmp/collab.git
keys <F2>
dump remote-refused
keys <C-u>
type collab
keys <F2>
dump remote-added
keys <Esc><Esc>
dump remote-cleared"

check "the message after the request says it cannot go out" \
  grep -q "cannot go out: no collaboration remote" "$tmp/remote-sent"
check "the status bar says the requests cannot go out" \
  grep -q "requests cannot go out: no collab remote (S)" "$tmp/remote-status"
check "the collaboration screen says so" grep -q "Requests cannot go out" "$tmp/remote-collab"
check "the sync screen says so" grep -q "Collaboration requests cannot go" "$tmp/remote-sync"
check "the form's channel starts as the collaboration one" \
  grep -q "channel \* *collaboration" "$tmp/remote-form"
check "a bad name is refused next to its field" grep -q "use letters, digits" "$tmp/remote-refused"
check "remote list shows the remote added on screen" \
  grep -qE "^collab +collab +$tmp/collab.git\$" <<<"$(A remote list)"
check "the status bar's warning is gone" bash -c '! grep -q "cannot go out" "$1"' _ "$tmp/remote-cleared"
check "the sync screen's warning is gone" bash -c '! grep -q "cannot go" "$1"' _ "$tmp/remote-added"
for s in sent status collab sync form refused added cleared; do screen_same "remote-$s"; done
screen_quiet

# Del on the selected remote (collab, the first by name), after a question
screen_run "$tmp/a" "size 80 24
keys S<Del>
dump remote-remove-ask
keys y
dump remote-removed"
check "Del asks first" grep -q "Remove the remote collab?" "$tmp/remote-remove-ask"
check "the remote is removed" test "$(A remote list | grep -c '^collab ')" = 0
check "removed, the warning is back" grep -q "Collaboration requests cannot go" "$tmp/remote-removed"
screen_same remote-removed
screen_quiet

# ---- Chinese ----
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  B collab new --kind 协助调查 --to 110108 --subject 请协助调查 --body 请核查 >/dev/null
  LANG=zh_CN.UTF-8 screen_run "$tmp/b" "size 80 24
dump remote-status-zh
keys Sa
type collab
keys <Tab>
type $tmp/collab.git
keys <F2><Esc>
dump remote-cleared-zh"
  check "zh: the status bar says 协作请求无法发出：未设置协作远程仓库 (S)" \
    grep -q "协作请求无法发出：未设置协作远程仓库 (S)" "$tmp/remote-status-zh"
  check "zh: the remote added on screen is listed" grep -q "^collab " <<<"$(B remote list)"
  check "zh: the warning is gone" bash -c '! grep -q "协作请求无法发出" "$1"' _ "$tmp/remote-cleared-zh"
  screen_same remote-status-zh
  screen_same remote-cleared-zh
  screen_quiet
else
  bad "zh_CN.UTF-8 is generated (make deps does it as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
fi
screen_finish
