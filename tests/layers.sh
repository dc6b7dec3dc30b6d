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
# The checker itself can fail: on a copy of the tree with a screen that includes SQLite, the
# store naming a rule module, a command including pango, a screen including libxml2 and sync
# including libqrencode and a rule module including libxlsxwriter, it must report each and exit 1.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tests" && cp tests/layers.py "$tmp/tests/" && cp -r base db sync tui cli "$tmp/"
sed -i '1a #include <sqlite3.h>' "$tmp/tui/pager.c"
sed -i '1a #include "db/rules/case.h"' "$tmp/db/store.c"
sed -i '1a #include <pango/pangocairo.h>' "$tmp/cli/cmd.c"
sed -i '1a #include <libxml/xmlwriter.h>' "$tmp/tui/list.c"
sed -i '1a #include <qrencode.h>' "$tmp/sync/merge.c"
sed -i '1a #include <xlsxwriter.h>' "$tmp/db/rules/case.c"
bad=$(/usr/bin/python3 "$tmp/tests/layers.py"); brc=$?
check "a screen that includes SQLite is reported" grep -q '^layering: tui/pager.c: includes sqlite3.h' <<<"$bad"
check "the store naming a rule module is reported" grep -q '^layering: db/store.c: includes db/rules/case.h' <<<"$bad"
check "a command that includes pango is reported" grep -q '^layering: cli/cmd.c: includes pango/pangocairo.h: cairo or pango outside doc/' <<<"$bad"
check "a screen that includes libxml2 is reported" grep -q '^layering: tui/list.c: includes libxml/xmlwriter.h: libzip or libxml2 outside doc/' <<<"$bad"
check "sync including libqrencode is reported" grep -q '^layering: sync/merge.c: includes qrencode.h: libqrencode outside doc/' <<<"$bad"
check "a rule module including libxlsxwriter is reported" grep -q '^layering: db/rules/case.c: includes xlsxwriter.h: libxlsxwriter outside doc/' <<<"$bad"
check "... and the checker exits 1" [ "$brc" = 1 ]

echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
