#!/usr/bin/env bash
# Ledger figures for `make bench`: the real binary on N demo cases (default 100000) writing
# the whole case ledger as XLSX (libxlsxwriter, constant memory) and as CSV: seconds and
# maximum resident memory of each (/usr/bin/time). Targets (issue 16): XLSX < 15 s and
# RSS < 128 MB. Then `ipcase stats` of a year by IP type as a command, the process started
# cold (bench/cases.c times it inside one process; the target is 100 ms). BENCH_LEDGER_HOME=DIR reuses (or keeps) the workspace there.
set -eu
bin=${1:?usage: bench/ledger.sh IPCASE_BINARY [CASES]}
n=${2:-100000}
dir=$(mktemp -d /tmp/ipcase-ledgerbench-XXXXXX)
trap 'rm -rf "$dir"' EXIT
home=${BENCH_LEDGER_HOME:-$dir/ws}
export LANG=C.UTF-8 IPCASE_CONFIG=/dev/null
unset LC_ALL LANGUAGE

# shellcheck source=demo_ws.sh
. "$(dirname "$0")/demo_ws.sh"
demo_ws ledger "$bin" "$home" "$n"

# one FORMAT: "<seconds> <max RSS in kB>" of writing the whole ledger
one() {
  /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" --home "$home" ledger --format "$1" \
    -o "$dir/ledger.$1" >/dev/null
  cat "$dir/time"
}
for f in xlsx csv; do
  read -r secs kb <<<"$(one "$f")"
  printf 'ledger %-4s of %d cases: %6.2f s, max RSS %6.1f MB, %.1f MB written%s\n' "$f" "$n" \
    "$secs" "$(echo "$kb / 1024" | bc -l)" "$(echo "$(stat -c %s "$dir/ledger.$f") / 1048576" | bc -l)" \
    "$([ "$f" = xlsx ] && echo ' (targets: < 15 s, < 128 MB)')"
done
read -r secs kb <<<"$(/usr/bin/time -f '%e %M' "$bin" --home "$home" stats --period 2026 \
  --by ip_type 2>&1 >/dev/null)"
printf 'stats of 2026 by IP type, the whole command: %6.3f s, max RSS %6.1f MB (target < 0.1 s)\n' \
  "$secs" "$(echo "$kb / 1024" | bc -l)"
