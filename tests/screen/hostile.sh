#!/usr/bin/env bash
# Screen test of hostile text (scripted in-memory terminal, dumps compared with
# tests/screen/expected/hostile-*.txt). Two ways it can reach a workspace:
#  - from a colleague, through sync: control characters (ESC, C1) never pass the import
#    checks (tests/sync_hostile.sh quarantines such an op), but bidi controls do, and would
#    reorder what the terminal shows: a case whose title and party name hold U+202E [2J and
#    U+2066 is imported from a peer;
#  - past the checks, in a damaged or foreign database: ESC [ 2 J, a C1 CSI and an OSC title
#    sequence written into the title with sqlite3.
# The list and every part of the case screen show them as '?' and text: the dump holds ?[2J,
# no escape reached curses (no ESC byte, no ^[), and nothing was cleared (header and status
# bar in place). Usage: tests/screen/hostile.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers remote

bidi_title=$'清屏\u202e[2J测试\u2066尾'
id=$(A case add --title "$bidi_title" --ip-type trademark --notes $'第一行\t制表\n\u202e反向')
A party add "$id" --role 当事人 --name $'张\u202e三' >/dev/null
A sync >/dev/null 2>&1 && B sync >/dev/null 2>&1
check "setup: B imported the colleague's case" grep -q 清屏 <<<"$(B case list)"

esc=none
if command -v sqlite3 >/dev/null; then
  esc_id=$(B case add --title 占位 --ip-type copyright)
  hex=$(printf '转义\e[2J\e]0;pwned\a\xc2\x9b2J尾' | od -An -tx1 | tr -d ' \n')
  sqlite3 "$tmp/b/ipcase.db" "UPDATE t_case SET title = CAST(X'$hex' AS TEXT) WHERE id = '$esc_id'" \
    && esc=sqlite3
fi

screen_run "$tmp/b" "size 80 24
dump hostile-list
keys G<Enter>
dump hostile-peer-overview
keys <Tab>
dump hostile-peer-parties
keys ]]]
dump hostile-peer-history"
for s in list peer-overview peer-parties peer-history; do
  screen_same "hostile-$s"
done
if [ "$esc" = sqlite3 ]; then
  screen_run "$tmp/b" "size 80 24
keys <Enter>
dump hostile-esc-overview"
  screen_same hostile-esc-overview
else
  skip "ESC in the database: no sqlite3 to write it past the checks (apt-get install sqlite3)"
fi
screen_quiet

for f in "$tmp"/hostile-*; do
  n=$(basename "$f")
  check "$n: no escape character reached the screen" eval "! grep -q \$'\\e' '$f'"
  check "$n: no caret notation of curses' own" eval "! grep -qF '^[' '$f'"
  check "$n: nothing cleared (status bar in place)" grep -q "李敏 · 石家庄市市场监督管理局" "$f"
done
check "the list shows the peer's title as text: ?[2J" grep -qF "清屏?[2J测试?尾" "$tmp/hostile-list"
[ "$esc" = sqlite3 ] &&
  check "the case screen shows ESC [ 2 J as ?[2J" grep -qF "转义?[2J?]0;pwned??2J尾" "$tmp/hostile-esc-overview"

screen_finish
