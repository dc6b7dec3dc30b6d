#!/usr/bin/env bash
# Clocks at the edge, through a real bare repository: a colleague whose clock says the year 6000
# and one whose clock is at the last millisecond the hybrid clock holds (hlc near 2^63-1).
#  - their ops wait in the quarantine ("ahead") instead of dragging this device's clock: what
#    this device writes next keeps a clock of today and passes verify;
#  - good ops beside them import;
#  - when the time comes (here: this device's clock moved on), they are imported;
#  - the writer at the edge writes again without its clock overflowing (verify passes).
set -u
bin=${1:?usage: clock.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-clock-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
hlc_of() { sqlite3 "$tmp/$1/ipcase.db" "SELECT max(hlc) FROM ops WHERE actor = (SELECT value FROM meta WHERE key = 'actor')"; }

now_ms=$(($(date +%s) * 1000))
year6000_ms=127090000000000            # 6000-04-..
edge_ms=140737488355327                # 2^47-1 ms: the hlc's wall part at its largest

git init -q --bare "$tmp/remote.git"
for h in a b c; do
  quietly w $h init --office 130100 --office-name 石家庄市市场监督管理局 --officer "官$h" --cert "1301000${#h}$h"
  quietly w $h remote add origin "$tmp/remote.git"
done
quietly w a case add --title 正常时钟的案件 --ip-type trademark
IPCASE_FAKE_NOW_MS=$year6000_ms quietly w b case add --title 六千年的案件 --ip-type trademark
IPCASE_FAKE_NOW_MS=$edge_ms quietly w c case add --title 时钟尽头的案件 --ip-type trademark
check "the writer at the edge writes again: its clock saturates, no overflow" \
  quietly env IPCASE_FAKE_NOW_MS=$edge_ms "$bin" --home "$tmp/c" case add --title 尽头之后 --ip-type trademark
check "... and its ops still verify" grep -q " 0 failed" <<<"$(w c verify)"
check "... with a clock that is not negative" [ "$(hlc_of c)" -gt 0 ]
for h in a b c; do quietly w $h sync; done
quietly w a sync

check "a imports its colleague's good case" grep -q 正常时钟的案件 <<<"$(titles a)"
check "the year-6000 case waits: not imported" bash -c '! grep -q 六千年 <<<"$1"' _ "$(titles a)"
check "... nor the cases at the clock's edge" bash -c '! grep -q 尽头 <<<"$1"' _ "$(titles a)"
q=$(w a quarantine --json)
check "... each waits in the quarantine as ahead of this device's clock" \
  [ "$(json 'sum("more than a day ahead" in r["reason"] for r in j)' <<<"$q")" -ge 3 ]
quietly w a case add --title 之后写的案件 --ip-type trademark
check "a's next write keeps today's clock (not dragged to the year 6000)" \
  [ $(( $(hlc_of a) >> 16 )) -lt $((now_ms + 86400000 * 2)) ]
check "a's ops verify" grep -q " 0 failed" <<<"$(w a verify)"

# the time comes: a's clock in the year 6000, the next sync takes the waiting case in
IPCASE_FAKE_NOW_MS=$year6000_ms quietly w a sync
check "when the time comes, the year-6000 case is imported" grep -q 六千年的案件 <<<"$(titles a)"
check "... and the edge's cases still wait" bash -c '! grep -q 尽头 <<<"$1"' _ "$(titles a)"

echo "clock: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
