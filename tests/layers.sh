#!/usr/bin/env bash
# The layering rules and include circles of tests/layers.py, as a test: fails when a circle
# holds more than two modules or a layer includes what it may not.
cd "$(dirname "$0")/.."
. tests/fixtures/verdict.sh
out=$(/usr/bin/python3 tests/layers.py); rc=$?
echo "$out"
check "no include circle of more than two modules" bash -c "! grep -q 'include circle of \([3-9]\|[1-9][0-9]\)' <<<\"\$1\"" _ "$out"
check "no layering fault" bash -c "! grep -q '^layering:' <<<\"\$1\"" _ "$out"
check "layers.py agrees (exit 0)" [ "$rc" = 0 ]
echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
