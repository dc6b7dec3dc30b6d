#!/usr/bin/env bash
# Screen test of opening an evidence file from a case's evidence tab (scripted in-memory
# terminal, 80x24, in English and in Chinese; dumps compared with
# tests/screen/expected/evidence-open-*.txt). Without a display, Enter on an item with a file
# shows where the workspace keeps it and its SHA-256; on an item without a file it says so;
# with $DISPLAY set and a fake xdg-open first on PATH (it writes down its arguments), Enter
# hands it the file's path, and the bottom line says it was opened.
# Usage: tests/screen/evidence_open.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

screen_officers
c=$(A case add --title 销售假冒耐克运动鞋案 --ip-type trademark)
printf 'photo of the shoes on the shelf\n' >"$tmp/shoes.jpg"
A evidence add "$c" --kind 照片 --desc 现场照片：货架上的运动鞋 --file "$tmp/shoes.jpg" >/dev/null
A evidence add "$c" --kind 证人证言 --desc 摊主的陈述 >/dev/null
sha=$(sha256sum "$tmp/shoes.jpg" | cut -c1-64)
kept=$tmp/a/files/${sha:0:2}/$sha

# ---- without a display: the path and the hash ----
unset DISPLAY WAYLAND_DISPLAY
screen_run "$tmp/a" "size 80 24
keys <Enter><Tab><Tab><Enter>
dump evidence-open-nodisplay
keys <Esc>j<Enter>
dump evidence-open-nofile"
check "no display: the file's path is shown" grep -q "~/a/files/${sha:0:2}/$sha" "$tmp/evidence-open-nodisplay"
check "no display: its SHA-256 is shown" grep -q "SHA-256 $sha" "$tmp/evidence-open-nodisplay"
check "an item without a file says so" grep -q "No file attached to this evidence item" \
  "$tmp/evidence-open-nofile"
screen_same evidence-open-nodisplay
screen_same evidence-open-nofile
screen_quiet

if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  LANG=zh_CN.UTF-8 screen_run "$tmp/a" "size 80 24
keys <Enter><Tab><Tab><Enter>
dump evidence-open-nodisplay-zh"
  check "zh: the path and the hash are shown" \
    bash -c 'grep -q "文件保存在" "$1" && grep -q "SHA-256 $2" "$1"' _ "$tmp/evidence-open-nodisplay-zh" "$sha"
  screen_same evidence-open-nodisplay-zh
  screen_quiet
else
  bad "zh_CN.UTF-8 is generated (make deps does it as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
fi

# ---- with a display: xdg-open gets the file ----
fake_xdg_open
DISPLAY=:99 PATH=$tmp/bin:$PATH screen_run "$tmp/a" "size 80 24
keys <Enter><Tab><Tab><Enter>
dump evidence-open-display"
check "with a display: xdg-open got the file's path as its one argument" \
  test "$(opened 1)" = "1 $kept"
check "with a display: the bottom line says it was opened" grep -q "^Opened shoes.jpg" \
  "$tmp/evidence-open-display"
screen_same evidence-open-display
screen_quiet
screen_finish
