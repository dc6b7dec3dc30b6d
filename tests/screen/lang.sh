#!/usr/bin/env bash
# Languages and the framework: the zh_CN catalogue is complete for the sources (the man pages'
# key lists: tests/man.sh); the screen speaks Chinese under LANG=zh_CN.UTF-8, keeps
# Chinese under a zh locale that is not installed (C.UTF-8 fallback), speaks English under
# LANG=C while still drawing Chinese data; a config file rebinds a key and a bad line is
# reported. Usage: tests/screen/lang.sh path/to/ipcase
set -u
bin=${1:?usage: $0 path/to/ipcase}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/fixtures/verdict.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export IPCASE_TODAY=2026-03-02 TZ=UTC IPCASE_CONFIG=/dev/null
unset LANGUAGE LC_ALL LC_MESSAGES

# ---- the catalogue covers every string of the sources ----
if command -v xgettext >/dev/null; then
  (cd "$root" && xgettext --from-code=UTF-8 -k_ -kN_ --no-location -o "$tmp/now.pot" \
     base/i18n.h base/*.c db/*.c db/rules/*.c sync/*.c tui/*.c cli/*.c)
  msgmerge -q --no-location -o "$tmp/merged.po" "$root/po/zh_CN.po" "$tmp/now.pot"
  stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
  check "zh_CN.po translates every message of the sources ($stats)" \
    eval '[[ "$stats" != *untranslated* && "$stats" != *fuzzy* ]]'
  check "zh_CN.po passes msgfmt --check (format strings agree)" \
    msgfmt --check -o /dev/null "$root/po/zh_CN.po"
else
  bad "xgettext is installed (apt-get install gettext)"
fi

# ---- a workspace with a Chinese case ----
home=$tmp/ws
LANG=C.UTF-8 "$bin" --home "$home" init --office 110108 --office-name 海淀区市场监督管理局 \
  --officer 张三 --cert 11010001 >/dev/null
LANG=C.UTF-8 "$bin" --home "$home" case add --title "侵犯注册商标专用权案（耐克运动鞋）" \
  --ip-type trademark >/dev/null

run_screen() { # LANG value, output file
  printf 'size 80 12\ndump %s\n' "$2" >"$tmp/script"
  env LANG="$1" IPCASE_SCRIPT="$tmp/script" "$bin" --home "$home" 2>"$tmp/err"
}

if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  run_screen zh_CN.UTF-8 "$tmp/zh"
  check "LANG=zh_CN.UTF-8: Chinese column headers" grep -q "案号.*案件名称" "$tmp/zh"
  check "LANG=zh_CN.UTF-8: Chinese status bar" grep -q "共 1 件" "$tmp/zh"
  check "LANG=zh_CN.UTF-8: the title drawn (its brand kept)" grep -q "侵犯注册.*（耐克运动鞋）" "$tmp/zh"
  check "LANG=zh_CN.UTF-8: schema labels in Chinese too (IP type 商标)" \
    grep -q "（耐克运动鞋）.* 商标 " "$tmp/zh"
  LANG=zh_CN.UTF-8 "$bin" --home "$home" case list >"$tmp/zh-cli"
  check "LANG=zh_CN.UTF-8: the commands print Chinese labels (商标)" grep -q "商标" "$tmp/zh-cli"
else
  bad "zh_CN.UTF-8 is generated (make deps does it as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
fi

run_screen zh_HK.UTF-8 "$tmp/missing"
check "a zh locale that is not installed: still Chinese labels" grep -q "案号.*案件名称" "$tmp/missing"
check "... and Chinese data drawn, not blanks" grep -q "侵犯注册.*（耐克运动鞋）" "$tmp/missing"
check "... and Chinese schema labels (商标)" grep -q "（耐克运动鞋）.* 商标 " "$tmp/missing"
check "... and nothing on stderr" test ! -s "$tmp/err"

run_screen C "$tmp/c"
check "LANG=C: English labels" grep -q "Case no\..*Title" "$tmp/c"
check "LANG=C: Chinese data still drawn" grep -q "侵犯注册.*（耐克运动鞋）" "$tmp/c"

# ---- the config file ----
printf 'bind z help\nbogus line\n' >"$tmp/config"
printf 'size 80 24\nkeys z G\ndump %s\n' "$tmp/help" >"$tmp/script"
LANG=C.UTF-8 IPCASE_CONFIG="$tmp/config" IPCASE_SCRIPT="$tmp/script" "$bin" --home "$home"
check "config: z bound to help opens the help" grep -q "ipcase keys" "$tmp/help"
check "config: the help lists z for help" grep -qE "^ +\? <F1> z +this help" "$tmp/help"
printf 'size 80 12\ndump %s\n' "$tmp/bad" >"$tmp/script"
LANG=C.UTF-8 IPCASE_CONFIG="$tmp/config" IPCASE_SCRIPT="$tmp/script" "$bin" --home "$home"
check "config: the bad line is reported with its place" grep -q "config:2: unknown setting" "$tmp/bad"

printf 'lines ascii\n' >"$tmp/config"
printf 'size 80 16\nkeys o\ndump %s\n' "$tmp/ascii" >"$tmp/script"
LANG=C.UTF-8 IPCASE_CONFIG="$tmp/config" IPCASE_SCRIPT="$tmp/script" "$bin" --home "$home"
check "config: lines ascii draws the menu's frame with + and -" grep -q "+-Sort by" "$tmp/ascii"
check "... and no box-drawing character" bash -c "! grep -q '[┌─┐│└┘]' '$tmp/ascii'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
