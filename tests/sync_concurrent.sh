#!/usr/bin/env bash
# A batch sync importing thousands of ops while the officer keeps writing on the same
# workspace (as the screen would): every write succeeds, nothing is corrupted or lost.
set -u
bin=${1:?usage: sync_concurrent.sh IPCASE_BINARY}
dir=$(mktemp -d /tmp/ipcase-conc-XXXXXX)
trap 'rm -rf "$dir"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
ipc() { "$bin" --home "$dir/$1" "${@:2}"; }

git init -q --bare "$dir/r.git"
ipc A init --office 130100 --office-name 石家庄局 --officer 王建国 --cert 13010001 >/dev/null
ipc B init --office 130100 --office-name 石家庄局 --officer 李敏 --cert 13010002 >/dev/null
ipc A remote add o "$dir/r.git"; ipc B remote add o "$dir/r.git"
ipc A demo --cases 600 >/dev/null
ipc A sync >/dev/null
ipc B sync >"$dir/sync.out" 2>&1 &   # imports ~3000 ops in short transactions
syncpid=$!
writes=0 failed=0
while kill -0 "$syncpid" 2>/dev/null || [ "$writes" -lt 5 ]; do
  if ipc B case add --title "并发写入$writes" --ip-type trademark >/dev/null 2>"$dir/err"; then
    writes=$((writes + 1))
  else
    failed=$((failed + 1)); cat "$dir/err"
  fi
  [ "$writes" -ge 60 ] && break
done
wait "$syncpid"; rc=$?; cat "$dir/sync.out"
check "the sync finished (exit 0)" [ "$rc" -eq 0 ]
check "every write beside it succeeded ($writes written, $failed refused)" [ "$failed" -eq 0 ]
check "the writes are there" [ "$(ipc B case list --query 并发写入 --limit 0 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -eq "$writes" ]
check "verify is clean" grep -q " 0 failed" <<<"$(ipc B verify)"
ipc B sync >/dev/null && ipc A sync >/dev/null
ipc A export --format json >"$dir/a.json"; ipc B export --format json >"$dir/b.json"
check "after one more round both hold the same" cmp -s "$dir/a.json" "$dir/b.json"
echo "sync_concurrent: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
