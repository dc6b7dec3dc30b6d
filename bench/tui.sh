#!/usr/bin/env bash
# Screen figures for `make bench`: the real binary on N demo cases (default 100000) drawing
# into the scripted in-memory terminal (IPCASE_SCRIPT, `stats`): time from start to the first
# painted screen, one page down, each keystroke of a search typed into `/`, Esc back to the
# whole list, opening a case, sorting by title and a page down in that order, and the maximum
# resident memory. Each figure is the median of
# 5 runs. Targets: first paint < 100 ms, each keystroke < 16 ms, RSS < 64 MB.
# BENCH_TUI_HOME=DIR reuses (or keeps) the workspace there instead of building a new one.
set -eu
bin=${1:?usage: bench/tui.sh IPCASE_BINARY [CASES]}
n=${2:-100000}
runs=5
if [ -n "${BENCH_TUI_HOME:-}" ]; then
  home=$BENCH_TUI_HOME
else
  dir=$(mktemp -d /tmp/ipcase-tuibench-XXXXXX)
  trap 'rm -rf "$dir"' EXIT
  home=$dir/ws
fi
export LANG=C.UTF-8 IPCASE_CONFIG=/dev/null
unset LC_ALL LANGUAGE
ipc() { "$bin" --home "$home" "$@"; }

# shellcheck source=demo_ws.sh
. "$(dirname "$0")/demo_ws.sh"
demo_ws tui "$bin" "$home" "$n"

stats=$(mktemp /tmp/ipcase-tuistats-XXXXXX)
script=$(mktemp /tmp/ipcase-tuiscript-XXXXXX)
trap 'rm -rf "${dir:-}" "$stats" "$script" "$stats".*' EXIT
cat >"$script" <<EOF
size 120 40
keys <PgDn>
keys /
type 张伟
keys <Esc>
keys <Enter>
dump $stats.case
keys q
keys ojjjj<Enter>
keys <C-f>
stats $stats
EOF
for i in $(seq $runs); do
  IPCASE_SCRIPT=$script ipc
  cp "$stats" "$stats.run$i"
done
grep -q "Overview" "$stats.case" || { echo "bench/tui.sh: Enter did not open a case"; exit 1; }

# median VALUES…
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# figure NAME [N]: the median over the runs of the Nth line (default 1) of the stats that
# starts with NAME ("first_paint_ms", "key <PgDn>")
figure() { local name=$1 nth=${2:-1} f; median $(for f in "$stats".run*; do
  awk -v k="$name" -v n="$nth" 'index($0, k " ") == 1 && ++seen == n { print $NF; exit }' "$f"
  done); }
verdict() { if [ "$(echo "$1 < $2" | bc)" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
line() { # label value unit target
  printf '  %-36s %8.2f %s  (target < %s %s: %s)\n' "$1" "$2" "$3" "$4" "$3" "$(verdict "$2" "$4")"; }

line "first paint" "$(figure first_paint_ms)" ms 100
line "page down" "$(figure 'key <PgDn>')" ms 16
line "/ opens the search prompt" "$(figure 'key /')" ms 16
line "search keystroke 1 (\"张\")" "$(figure 'key 张')" ms 16
line "search keystroke 2 (\"张伟\")" "$(figure 'key 伟')" ms 16
line "Esc: back to every case" "$(figure 'key <Esc>')" ms 16
line "Enter: open a case" "$(figure 'key <Enter>')" ms 16
line "sort by title (Enter in the menu)" "$(figure 'key <Enter>' 2)" ms 16
line "page down, by title" "$(figure 'key <C-f>')" ms 16
line "max RSS" "$(echo "$(figure maxrss_kb) / 1024" | bc -l)" MB 64
