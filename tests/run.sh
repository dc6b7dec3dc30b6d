#!/usr/bin/env bash
# Runs every test: the cmocka binaries given as arguments, then the shell tests (tests/*.sh,
# tests/screen/*.sh) against the sanitised binary, IPCASE_TEST_JOBS at a time (default: the
# number of cores). Each test's output is kept whole and printed, in the order of the list,
# once every test is done; a line per finished test says how long it took. Closes with
# "N passed, M failed"; exits non-zero on a failure. Every test makes its own temporary
# directory and takes free ports, so two never meet.
set -u
cd "$(dirname "$0")/.."
export IPCASE_BIN=${IPCASE_BIN:-$PWD/build/ipcase-san}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=${IPCASE_TEST_JOBS:-$(nproc)}
work=$(mktemp -d /tmp/ipcase-run-XXXXXX)
trap 'rm -rf "$work"' EXIT

# one N TEST: runs test number N into $work/N.out, its exit code into $work/N.rc.
one() {
  local n=$1 t=$2 start=$SECONDS rc
  case $t in
    *.sh) bash "$t" "$IPCASE_BIN" >"$work/$n.out" 2>&1 ;;
    *) "$t" >"$work/$n.out" 2>&1 ;; # cmocka prints its summary on stderr
  esac
  rc=$?
  echo "$rc" >"$work/$n.rc"
  echo "finished $t in $((SECONDS - start)) s (exit $rc)"
}
export -f one
export work

# The sync tests first: they are the longest, and the lanes then end nearly together.
list=()
for t in tests/sync_*.sh "$@" tests/*.sh tests/screen/*.sh; do
  [ -f "$t" ] && [ "$t" != tests/run.sh ] && [[ " ${list[*]} " != *" $t "* ]] && list+=("$t")
done
for i in "${!list[@]}"; do printf '%s\0%s\0' "$i" "${list[$i]}"; done |
  xargs -0 -n 2 -P "$jobs" bash -c 'one "$@"' _

passed=0 failed=0 failures=()
for i in "${!list[@]}"; do
  t=${list[$i]}
  echo "== $t"
  cat "$work/$i.out"
  rc=$(cat "$work/$i.rc" 2>/dev/null || echo 1)
  # A shell test passes when it exits 0 and printed its closing "N passed, 0 failed" summary:
  # a script that stops early without saying so has not passed.
  if [ "$rc" -eq 0 ] && { [[ $t != *.sh ]] ||
       grep -Eq '^([a-z_]+: )?[0-9]+ passed, 0 failed' "$work/$i.out"; }; then
    passed=$((passed + 1))
  else
    [ "$rc" -eq 0 ] && echo "FAIL $t exited 0 without its closing summary"
    failed=$((failed + 1)); failures+=("$t")
  fi
done
echo
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "test programs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
