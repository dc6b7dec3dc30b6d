#!/usr/bin/env bash
# Screen test of the documents of a case (issue 15; scripted in-memory terminal, 80x24, dumps
# compared with tests/screen/expected/documents-*.txt): a case being verified, its filing
# approved, its facts not yet written; d on the case lists what it can issue; the filing form
# lacks the facts; e opens the case's form on them; saved, the list says ready; Enter makes
# the PDF: the file is where the bottom line says, `doc verify` accepts it, and with a
# display the (fake) xdg-open got its path as its one argument; w makes a DOCX, opened by
# nothing. The list in Chinese first. Usage: tests/screen/documents.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
deep_leak_env # the documents made on screen: cairo's leaks are suppressed below the allocation
ipc() { A "$@"; }
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
# shellcheck source=../fixtures/procedure.sh
. "$root/tests/fixtures/procedure.sh"

screen_officers
c=$(A case add --title 销售假冒耐克运动鞋案 --ip-type trademark --source report \
  --handlers "$OFFICERS")
A party add "$c" --role respondent --name 石家庄某商贸有限公司 --uscc 91130100MA0CUL6X88 \
  --address 石家庄市长安区中山东路1号 >/dev/null || bad "setup: party"
A set "$c" cause=销售侵犯注册商标专用权的商品 >/dev/null || bad "setup: cause"
A case advance "$c" verifying >/dev/null || bad "setup: verifying"
approve "$c" file || bad "setup: the filing approved"
pdf=$tmp/a/documents/${c: -8}/file_approval-2026-03-02.pdf
docx=$tmp/a/documents/${c: -8}/file_approval-2026-03-02.docx

# ---- in Chinese, before the facts: what it lacks by its Chinese label ----
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  LANG=zh_CN.UTF-8 screen_run "$tmp/a" "size 80 24
keys <Enter>dj
dump documents-zh"
  screen_same documents-zh
  screen_quiet
else
  bad "zh_CN.UTF-8 is generated (make deps does it as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
fi

# ---- in English: filled, made, opened ----
# a display, and an xdg-open that only writes down how it was called, a line a call
fake_xdg_open

DISPLAY=:99 PATH=$tmp/bin:$PATH screen_run "$tmp/a" "size 80 24
keys <Enter>d
dump documents-list
keys j
dump documents-lacks
keys e
dump documents-form
type 当事人于2026年2月在其经营场所销售标有NIKE商标的运动鞋120双。
keys <F2>
dump documents-ready
keys <Enter>
dump documents-made
keys w
dump documents-docx"
# the case's id is in the files' folder
for s in made docx; do sed -i "s#/${c: -8}/#/CASE/#" "$tmp/documents-$s"; done

screen_same documents-list
screen_same documents-lacks
screen_same documents-form
screen_same documents-ready
screen_same documents-made
screen_same documents-docx
screen_quiet

check "the facts typed on the form were saved" \
  grep -q 当事人于2026年2月 <<<"$(A case show "$c" --json)"
check "the PDF is where the bottom line said" test -s "$pdf"
A doc verify "$pdf" >"$tmp/verify"; rc=$?
check "… doc verify accepts it (exit 0, unchanged)" \
  bash -c '[ $1 -eq 0 ] && grep -q "立案审批表.*unchanged" "$2"' _ $rc "$tmp/verify"
check "… the DOCX too" test -s "$docx"
check "xdg-open was started with each file's path, its one argument" \
  [ "$(opened 2)" = "$(printf '1 %s\n1 %s' "$docx" "$pdf")" ]

# ---- without a display: made, said where, opened by nothing ----
(unset DISPLAY WAYLAND_DISPLAY; PATH=$tmp/bin:$PATH screen_run "$tmp/a" "size 80 24
keys <Enter>dj<Enter>
dump documents-nodisplay")
check "without a display the bottom line says where the file went" \
  grep -q "^Made 立案审批表: ~/a/documents/${c: -8}/file_approval-2026-03-02-2.pdf" \
  "$tmp/documents-nodisplay"
sleep 0.3
check "… and xdg-open was not started" [ "$(opened 2 | wc -l)" = 2 ]
screen_quiet

# ---- what a measure's items lack: a new item of the measure, then the item on its field ----
m=$(A measure add "$c" --kind preservation --on 2026-03-02 --officers "$OFFICERS" \
  --reason 涉嫌销售侵犯注册商标专用权的商品 --basis 《中华人民共和国行政处罚法》第五十六条) \
  || bad "setup: the preservation measure"
screen_run "$tmp/a" "size 80 24
keys <Enter>djjjjje
dump documents-item-new
type 运动鞋
keys <Tab><Tab>
type 120
keys <Tab>
type 双
keys <F2>
dump documents-item-lacks
keys e
dump documents-item-place
type 石家庄市市场监督管理局暂扣物品仓库
keys <F2>
dump documents-item-ready"
screen_same documents-item-new
screen_same documents-item-lacks
screen_same documents-item-place
screen_same documents-item-ready
screen_quiet
check "the item was made for the measure, and its place written on it" \
  [ "$(A case show "$c" --json | json '[(x["measure_id"],x["name"],x["quantity"],x["place"]) for x in j["item"]]')" \
    = "[('$m', '运动鞋', '120', '石家庄市市场监督管理局暂扣物品仓库')]" ]

screen_finish
