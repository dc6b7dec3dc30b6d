#!/usr/bin/env bash
# The man pages (issue 19, item 2): docs/ipcase.1 and its Chinese version docs/zh_CN/ipcase.1
# render with no warning (man at 80 columns under zh_CN, groff -k -ww), and the Chinese page
# keeps in step with the English one: as many .SH and .SS sections, every command of
# `ipcase help` named, the key list `ipcase keys --man` writes in each language (`make man`),
# and its prose in Chinese. Each measure is also shown to fail on a page that breaks it.
# Usage: tests/man.sh path/to/ipcase
set -u
bin=${1:?usage: man.sh IPCASE_BINARY}
root=$(cd "$(dirname "$0")/.." && pwd)
en=$root/docs/ipcase.1 zh=$root/docs/zh_CN/ipcase.1
tmp=$(mktemp -d /tmp/ipcase-man-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
export HOME=$tmp

# What man and groff say on stderr while rendering a page (preconv reads its UTF-8, as man's
# pipeline does). The English page's two JSON shapes too long for a line (`due`, `numbering`)
# are left unjustified, "cannot adjust line": a break point (\:) there is the coordinator's
# to add; every other warning counts.
warnings() {
  local out
  out=$(MANWIDTH=80 LANG=zh_CN.UTF-8 man -l "$1" 2>&1 >/dev/null; groff -k -man -Tutf8 -ww -z "$1" 2>&1)
  if [ "$1" = "$en" ]; then grep -v ': cannot adjust line$' <<<"$out"; else printf '%s' "$out"; fi
}
w=$(warnings "$zh")
check "the Chinese page renders with no warning${w:+: $w}" [ -z "$w" ]
w=$(warnings "$en")
check "the English page renders with no other warning${w:+: $w}" [ -z "$w" ]
# A Chinese sentence with no space is too long to break: the measure sees it.
{ cat "$zh"; printf '%.0s执法人员在市场检查时发现假冒注册商标的商品' {1..4}; echo; } >"$tmp/long.1"
check "a Chinese line with nowhere to break is a warning" [ -n "$(warnings "$tmp/long.1")" ]

count() { grep -c "^\\.$1 " "$2"; }
check "as many .SH sections in Chinese as in English ($(count SH "$en"))" \
  [ "$(count SH "$zh")" = "$(count SH "$en")" ]
check "as many .SS sections in Chinese as in English ($(count SS "$en"))" \
  [ "$(count SS "$zh")" = "$(count SS "$en")" ]

# The commands of `ipcase help` ("  %-16s %s": a name longer than 16 fills the column and is
# two words), each named in bold in the Chinese page (a .B line or \fB; "-" written \-).
help=$(LC_ALL=C "$bin" help)
cmds=$(sed -n '/^commands:/,/^$/p' <<<"$help" | awk 'NF && /^  [a-z]/ {
  print (substr($0, 19, 1) == " " ? substr($0, 3, 16) : $1 " " $2) }' | sed 's/ *$//')
check "ipcase help lists commands ($(wc -l <<<"$cmds"))" [ "$(wc -l <<<"$cmds")" -gt 50 ]
named() { # PAGE: the commands of $cmds the page does not name
  local c re
  while read -r c; do
    re=${c//-/'\\?-'}
    grep -qE "^\\.B $re( |\\\\|$)|\\\\fB$re( |\\\\)" "$1" || echo "$c"
  done <<<"$cmds"
}
missing=$(named "$zh" | tr '\n' ' ')
check "the Chinese page names every command${missing:+; it lacks: $missing}" [ -z "$missing" ]
sed '/^\.B calendar years/d' "$zh" >"$tmp/lacking.1"
check "... and a page without calendar years lacks it" [ "$(named "$tmp/lacking.1")" = "calendar years" ]

# The key lists: what `keys --man` writes in each language, between the markers.
keys_block() { sed -n '/^\.\\" keys: begin/,/^\.\\" keys: end/p' "$1" | sed '1d;$d'; }
en_keys=$(LC_ALL=C LANGUAGE='' "$bin" keys --man)
zh_keys=$(LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$bin" keys --man)
check "keys --man lists keys ($(grep -c '^\.B ' <<<"$en_keys"))" [ "$(grep -c '^\.B ' <<<"$en_keys")" -gt 40 ]
check "the English page holds keys --man's list under C (make man)" [ "$(keys_block "$en")" = "$en_keys" ]
check "the Chinese page holds keys --man's list under zh_CN (make man)" [ "$(keys_block "$zh")" = "$zh_keys" ]
check "under zh_CN the same keys and actions" \
  [ "$(grep '^\.' <<<"$zh_keys")" = "$(grep '^\.' <<<"$en_keys")" ]
check "... and every help text Chinese" \
  [ -z "$(grep -v '^\.' <<<"$zh_keys" | LC_ALL=C.UTF-8 grep -vP '\p{Han}')" ]

# Prose: the text outside requests (.B, .TP…), no-fill blocks, bold, italic and quotes (what
# is typed stays as typed). A prose line without a Chinese character but with three plain
# English words (not snake_case, not CAPITALS) is English; so are plain words beyond one for
# every 40 of the English page's.
prose() {
  sed -e '/^\.nf/,/^\.fi/d' -e "/^[.']/d" "$1" |
    sed -E -e 's/\\f[BI]([^\\]|\\[^f])*(\\f[RP])?//g' -e 's/"[^"]*"//g'
}
english_lines() {
  prose "$1" | LC_ALL=C.UTF-8 grep -vP '\p{Han}' |
    LC_ALL=C.UTF-8 grep -P '((?<![\w-])[A-Za-z][a-z]{2,}(?![\w-]).*){3}'
}
words() { prose "$1" | LC_ALL=C.UTF-8 grep -oP '(?<![\w-])[A-Za-z][a-z]{2,}(?![\w-])' | wc -l; }
lines=$(english_lines "$zh")
check "no prose line of the Chinese page is English${lines:+: $lines}" [ -z "$lines" ]
check "the measure finds the English page English ($(english_lines "$en" | wc -l) lines)" \
  [ "$(english_lines "$en" | wc -l)" -gt 100 ]
zw=$(words "$zh") ew=$(words "$en")
check "plain English words in the Chinese prose: $zw, fewer than $ew/40" [ $((zw * 40)) -lt "$ew" ]
# An English paragraph put back into the Chinese page is seen.
{ cat "$zh"; sed -n '/^\.SH DESCRIPTION/,/^\.SH OPTIONS/p' "$en" | sed '1d;$d'; } >"$tmp/mixed.1"
check "... and an English paragraph in it is seen" [ -n "$(english_lines "$tmp/mixed.1")" ]

echo "man: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
