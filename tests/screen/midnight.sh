#!/usr/bin/env bash
# Screen test of "today follows the clock" (issue 19, item 6) at 80x24: a screen left open
# while the day turns loads again at the next tick (the keyboard's wait gives one every
# TUI_TICK_MS; the script's `day` command turns the clock and gives it): a clue registered on
# 2026-03-02 is due for its verification on 2026-03-23 (15 working days), not overdue on
# 2026-03-02, overdue once the clock reads 2026-03-24 — in the list's deadline column, on
# the deadlines screen and in the status bar's count — with no key pressed in between.
# Usage: tests/screen/midnight.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers
A case add --title 跨夜的线索 --ip-type trademark >/dev/null || bad "setup: the clue"
screen_run "$tmp/a" "size 80 24
dump midnight-before
day 2026-03-24
dump midnight-after
keys D
dump midnight-deadlines"

screen_quiet
check "before: the clue's limit is shown, nothing overdue" \
  bash -c "grep -q 跨夜的线索 '$tmp/midnight-before' && ! grep -qi overdue '$tmp/midnight-before'"
check "after the day turned, with no key pressed: the status bar counts it overdue" \
  grep -qi "overdue 1" "$tmp/midnight-after"
check "the deadlines screen lists it overdue by a day" grep -q "Overdue 1 .*2026-03-23  -1" <(tr "\n" " " <"$tmp/midnight-deadlines")
screen_finish
