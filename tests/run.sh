#!/usr/bin/env bash
# Runs every test: the cmocka binaries given as arguments (their summaries go to stderr, so
# 2>&1), then the shell tests (tests/*.sh, tests/screen/*.sh) against the sanitised binary.
# Prints each test's verdict and a closing "N passed, M failed"; exits non-zero on a failure.
set -u
cd "$(dirname "$0")/.."
export IPCASE_BIN=${IPCASE_BIN:-$PWD/build/ipcase-san}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0 failed=0 failures=()

for t in "$@"; do
  echo "== $t"
  if "$t" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$t"); fi
done
# A shell test passes when it exits 0 and printed its closing "N passed, 0 failed" summary: a
# script that stops early without saying so has not passed.
out=$(mktemp)
for t in tests/*.sh tests/screen/*.sh; do
  [ -f "$t" ] && [ "$t" != tests/run.sh ] || continue
  echo "== $t"
  bash "$t" "$IPCASE_BIN" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ] && grep -Eq '^([a-z_]+: )?[0-9]+ passed, 0 failed' "$out"; then
    passed=$((passed + 1))
  else
    [ "$rc" -eq 0 ] && echo "FAIL $t exited 0 without its closing summary"
    failed=$((failed + 1)); failures+=("$t")
  fi
done
rm -f "$out"
echo
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "test programs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
