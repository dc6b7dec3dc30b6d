#!/usr/bin/env bash
# Screen test of the statistics screen (B) at 80×24 in zh_CN on 60 demo cases: one bar a
# group, its label and number beside it, the total below; b groups by another dimension, t
# makes the period a quarter, [ steps it back, v shows another figure; the numbers on screen
# are those of `ipcase stats --json`; `lines ascii` draws the bars with #; Enter opens the
# case list on the cases the bar counts, saying which. Usage: tests/screen/stats.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8 LANGUAGE=zh_CN

screen_officers
A demo --cases 60 --seed 7 >/dev/null || bad "ipcase demo --cases 60"
# two complaints and reports of 2026 (not cases: their own line under the total)
k=$(A intake add --channel 来信 --received 2026-03-02 --kind 投诉 --name 甲某 --subject 投诉售假) &&
  A intake accept "$k" --on 2026-03-03 &&
  A intake add --channel 来电 --received 2026-03-05 --kind 举报 --anonymous --subject 举报售假 \
  >/dev/null || bad "two intakes"

screen_run "$tmp/a" "size 80 24
keys B
dump stats-year
keys bt
dump stats-quarter-region
keys [v
dump stats-prev-quarter-filed
keys <Down><Enter>
dump stats-open-group"

screen_same stats-year
screen_same stats-quarter-region
screen_same stats-prev-quarter-filed
screen_same stats-open-group
screen_quiet

# shown DUMP PERIOD BY FIGURE: the rows and the total on screen equal ipcase stats --json's
shown() {
  A stats --period "$2" --by "$3" --json >"$tmp/s.json"
  python3 - "$1" "$tmp/s.json" "$4" <<'PY'
import json, re, sys
dump, s, fig = open(sys.argv[1]).read().split("\n"), json.load(open(sys.argv[2])), sys.argv[3]
rows = [re.match(r"^ (\S+)\s+(\d+(?:\.\d+)?)(?: |$)", l) for l in dump[2:21]]
got = [(m.group(1), m.group(2)) for m in rows if m]
total = got.pop() if got and got[-1][0] == "合计" else None
want = [(g["label"], str(g[fig])) for g in s["groups"]][:len(got)]
ok = got == want and len(got) > 3 and total == ("合计", str(s["total"][fig]))
if not ok:
    print("    screen:", got, total, "\n    stats: ", want, s["total"][fig])
sys.exit(0 if ok else 1)
PY
}
check "2026 by IP type: the clues received are those of ipcase stats" \
  shown "$tmp/stats-year" 2026 ip_type received
check "2026Q1 by region: the clues received are those of ipcase stats" \
  shown "$tmp/stats-quarter-region" 2026Q1 region received
check "2025Q4 by region: the cases filed are those of ipcase stats" \
  shown "$tmp/stats-prev-quarter-filed" 2025Q4 region filed
check "the last line: the period's complaints and reports, as ipcase stats counts them" [ "$(sed -n 22p \
  "$tmp/stats-year" | sed 's/ *$//')" = "$(A stats --period 2026 --json | python3 -c 'import json,sys
f = json.load(sys.stdin)["intakes"]
print(" 投诉举报 %d 件：受理 %d，不予受理 %d，转为或关联案件 %d，逾期 %d" % tuple(f[k] for k in
      ("received", "accepted", "refused", "linked", "overdue")))')" ]
check "the largest group's bar is the widest, in eighths of blocks" \
  grep -qE "█{40,}" "$tmp/stats-year"
check "a group of 0 has no bar" grep -qE "^ \S+ +0 *$" "$tmp/stats-year"
# the second group of 2025Q4 by region, cases filed: its cases, as many as its bar says
A stats --period 2025Q4 --by region --json >"$tmp/q4.json"
want=$(python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["groups"][1]; print(g["label"], g["filed"])' "$tmp/q4.json")
found=$(grep -c '^〔2025〕…[0-9]*号' "$tmp/stats-open-group")
check "Enter opened the list of the bar's cases (${want% *}: $found filed, the bar says ${want#* })" \
  test "$found" = "${want#* }" -a "$found" -ge 1
check "… saying which on its first line" grep -q "^立案 2025Q4 · ${want% *}" "$tmp/stats-open-group"

# lines ascii: the same bars in #
printf 'lines ascii\n' >"$tmp/ascii.conf"
IPCASE_CONFIG=$tmp/ascii.conf screen_run "$tmp/a" "size 80 24
keys B
dump stats-ascii"
check "lines ascii: the bars are #s" grep -qE "^ \S+ +[0-9]+ #{10,}" "$tmp/stats-ascii"
check "lines ascii: no block characters" bash -c "! grep -q '[█▏▎▍▌▋▊▉]' '$tmp/stats-ascii'"
screen_quiet
screen_finish
