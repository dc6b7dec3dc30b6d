#!/usr/bin/env bash
# Runs each fuzzer given (build/fuzz/fuzz_X) for SECONDS from its seeds (fuzz/corpus/X/) with its
# dictionary (fuzz/dict/X.dict, else json.dict), two at a time, growing build/fuzz/corpus/X/;
# logs in build/fuzz/log/X.log.
#   bash fuzz/run.sh SECONDS build/fuzz/fuzz_X…
# Prints each fuzzer's runs and coverage, and for a crash (or a leak, a timeout, memory beyond
# the limits) the input that reproduces it: build/fuzz/crash/X-…; run `build/fuzz/fuzz_X FILE`
# to see it again. Exits non-zero when one failed. FUZZ_JOBS (default 2) runs that many at once.
set -u
cd "$(dirname "$0")/.."
seconds=$1; shift
jobs=${FUZZ_JOBS:-2}
mkdir -p build/fuzz/log build/fuzz/crash
# libgit2 and libpcre2 leaks the tests suppress too (tests/fixtures/lsan-libgit2-1.5.supp)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$PWD/tests/fixtures/lsan-libgit2-1.5.supp:print_suppressions=0"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# ASan keeps freed memory out of use up to 256 MB by default: RSS would say little of what the
# code under test holds (-rss_limit_mb)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=32"

# Its workspaces in a folder of its own, in memory when there is a tmpfs, removed however the
# fuzzer ends (a crash leaves its workspace behind).
one() {
  local bin=$1 name rc=0 tmp dict; name=$(basename "$1"); name=${name#fuzz_}
  dict=fuzz/dict/$name.dict; [ -f "$dict" ] || dict=fuzz/dict/json.dict
  tmp=$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp )/ipcase-fuzz-$name.XXXXXX")
  mkdir -p "build/fuzz/corpus/$name"
  TMPDIR=$tmp "$bin" "build/fuzz/corpus/$name" "fuzz/corpus/$name" -max_total_time="$seconds" \
    -dict="$dict" -rss_limit_mb=512 -malloc_limit_mb=512 -timeout=20 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/crash/$name-" >"build/fuzz/log/$name.log" 2>&1 || rc=$?
  rm -rf "$tmp"
  return "$rc"
}

# "runs, coverage" of a finished log, or where it failed
verdict() {
  local name=$1 rc=$2 log="build/fuzz/log/$1.log" runs cov artifact
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "ok   fuzz_$name: ${runs:-?} runs in ${seconds} s, $cov"
    return 0
  fi
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
  echo "FAIL fuzz_$name (exit $rc) after ${runs:-?} runs; the last lines of $log:"
  tail -n 40 "$log" | sed 's/^/     /'
  [ -n "$artifact" ] && echo "     reproduce: build/fuzz/fuzz_$name $artifact"
  return 1
}

declare -A pid_of=()
passed=0 failed=0
finish() { # PID EXIT_STATUS
  local name=${pid_of[$1]} rc=$2
  unset "pid_of[$1]"
  if verdict "$name" "$rc"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
for bin in "$@"; do
  while [ "${#pid_of[@]}" -ge "$jobs" ]; do
    rc=0; wait -n -p done_pid "${!pid_of[@]}" || rc=$?
    finish "$done_pid" "$rc"
  done
  name=$(basename "$bin"); one "$bin" & pid_of[$!]=${name#fuzz_}
done
for pid in "${!pid_of[@]}"; do rc=0; wait "$pid" || rc=$?; finish "$pid" "$rc"; done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
