#!/usr/bin/env bash
# Screen test of the first start (issue 19, item 3) at 80x24 and 120x35, in zh_CN and in
# English, dumps compared with tests/screen/expected/first_start-*.txt: the screen started on
# an empty --home opens the setup with the list of offices, which typing part of a name
# narrows (or its pinyin initials: sjz; Backspace widens, Esc clears the filter before it
# closes the menu); a certificate
# number holding ":" is refused under its field; the office is created and the case list
# opens on the new, empty workspace with the office's name; `office show` reports the office
# and its key on this device. Esc leaves no workspace behind; a join with a fingerprint that
# is not 32 digits is refused under the fingerprint, nothing made; with the administrator's
# fingerprint the device joins (its own fingerprint shown). On the new workspace the
# list's filter menu narrows to what is typed, and its IP types are found by their ids.
# Usage: tests/screen/first_start.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"

# What differs from run to run besides screen_mask: the keys' fingerprints.
mask_keys() { sed -E -i 's/([0-9]{4} ){7}[0-9]{4}/NNNN NNNN NNNN NNNN NNNN NNNN NNNN NNNN/g' "$1"; }

# first_start LANG NAME COLS LINES: the setup run from an empty home to the case list.
first_start() {
  local lang=$1 name=$2 home=$tmp/ws-$2
  LANG=$lang screen_run "$home" "size $3 $4
type 石家
dump first_start-$name-menu
keys <Enter><Down>
type 王建国
keys <Down>
type 1301:0001
keys <Down><Down><Enter><Enter><F2>
dump first_start-$name-bad-cert
keys <C-u>
type 13010001
keys <F2>
dump first_start-$name-list"
  mask_keys "$tmp/first_start-$name-list"
  for s in menu bad-cert list; do screen_same "first_start-$name-$s"; done
  check "$name: typing 石家 leaves one office of the list" \
    bash -c 'grep -q "130100 石家庄市市场监督管理局" "$1" && ! grep -q 北京市 "$1"' _ "$tmp/first_start-$name-menu"
  check "$name: the certificate with a colon refused under its field" \
    grep -q "13010001" <(sed -n '/1301:0001/,$p' "$tmp/first_start-$name-bad-cert" | sed -n 2,4p)
  check "$name: the case list opens on the new workspace with the office's name" \
    grep -q "王建国 · 石家庄市市场监督管理局" "$tmp/first_start-$name-list"
  LANG=$lang "$bin" --home "$home" office show >"$tmp/show-$name" 2>&1
  check "$name: office show reports the office, its key on this device" \
    bash -c 'grep -q "130100  石家庄市市场监督管理局" "$1" && grep -Eq "held by this device|密钥在本设备上" "$1"' _ "$tmp/show-$name"
}

first_start zh_CN.UTF-8 zh-80 80 24
first_start zh_CN.UTF-8 zh-120 120 35
first_start C.UTF-8 en-80 80 24
first_start C.UTF-8 en-120 120 35
check "zh: the setup speaks Chinese" grep -q "首次启动" "$tmp/first_start-zh-80-bad-cert"
check "en: the setup speaks English" grep -q "First start" "$tmp/first_start-en-80-bad-cert"

# ---- the picker: pinyin initials, Backspace widens, Esc clears the filter, then Esc closes;
# Esc leaves ----
screen_run "$tmp/gone" "size 80 24
type sjz
dump first_start-initials
keys <Esc>
type 石家x
dump first_start-none
keys <BS>
dump first_start-widened
keys <Esc>
dump first_start-cleared
keys <Esc>
type 13010
dump first_start-typed-on-button
keys <Enter><Esc>
dump first_start-discard
keys y"
check "the initials sjz: 石家庄 (and 天津市蓟州区), no other" \
  bash -c 'grep -q "130100 石家庄市市场监督管理局" "$1" && [ "$(grep -c 市场监督管理局 "$1")" = 2 ]' _ "$tmp/first_start-initials"
check "a filter matching nothing says so" grep -q "nothing matches" "$tmp/first_start-none"
check "Backspace widens it again" grep -q "130100 石家庄市市场监督管理局" "$tmp/first_start-widened"
check "Esc clears the filter: the whole list again" \
  bash -c '[ "$(grep -c "市场监督管理局" "$1")" -ge 18 ] && grep -q "type to filter" "$1"' _ "$tmp/first_start-cleared"
check "typed on the office button: the list opens, filtered by what was typed" \
  bash -c 'grep -q "filter: 13010. (1 of 52)" "$1" && grep -q "│ 130100 石家庄市市场监督管理局" "$1"' _ "$tmp/first_start-typed-on-button"
check "Esc on the form asks before leaving what was typed" grep -q "Discard what you typed" "$tmp/first_start-discard"
check "Esc leaves no workspace behind" test ! -e "$tmp/gone/ipcase.db"

# join FINGERPRINT DUMP: 李敏 joins the office of 石家庄 with the fingerprint typed.
join() {
  screen_run "$tmp/join" "size 80 24
type 石家
keys <Enter><Down>
type 李敏
keys <Down>
type 13010002
keys <Down><Down><Enter><Down><Enter><Down>
type $1
keys <F2>
dump $2"
}

# ---- a join with a fingerprint that is not one: refused under it, nothing made ----
join "1234 5678" first_start-bad-fingerprint
check "a fingerprint of 8 digits refused under its field" \
  grep -q "a fingerprint is 32 digits" "$tmp/first_start-bad-fingerprint"
check "… and no workspace made" test ! -e "$tmp/join/ipcase.db"

# ---- joining the office zh-80 created, by the fingerprint its administrator reads ----
fp=$("$bin" --home "$tmp/ws-zh-80" office show --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')
join "$fp" first_start-joined
check "joined: the case list opens, the bottom line gives this device's fingerprint" \
  bash -c 'grep -q "李敏 · 石家庄市市场监督管理局" "$1" && grep -Eq "^Join requested; device fingerprint ([0-9]{4} ){7}[0-9]{4}" "$1"' _ "$tmp/first_start-joined"
"$bin" --home "$tmp/join" office show --json >"$tmp/join.json" 2>&1
check "joined: the office's key pinned by that fingerprint, this device not admitted yet" \
  python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["fingerprint"] == sys.argv[2] and not o["admitted"], o' "$tmp/join.json" "$fp"

# ---- a menu of the new workspace narrows to what is typed ----
LANG=zh_CN.UTF-8 screen_run "$tmp/ws-zh-80" "size 80 24
keys f
type 承办
dump first_start-list-filter
keys <Esc><Esc>f<Down><Enter>
type trademark
dump first_start-list-ip-type"
screen_same first_start-list-filter
check "the list's filter menu typed 承办: only the handler left" \
  bash -c 'grep -q "承办人" "$1" && ! grep -q "状态" <(sed -n 3,12p "$1")' _ "$tmp/first_start-list-filter"
check "the IP types under zh found by their id: trademark is 商标" \
  bash -c 'grep -q "│ 商标 " "$1" && ! grep -q "著作权" "$1" && grep -q "筛选：trademark" "$1"' _ "$tmp/first_start-list-ip-type"
screen_quiet
screen_finish
