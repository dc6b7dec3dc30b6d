#!/usr/bin/env bash
# Screen tests of the forms, in the scripted in-memory terminal (IPCASE_SCRIPT, 80x24): each
# dump is compared with tests/screen/expected/forms-NAME.txt, and what the forms wrote is read
# back with the batch commands. UPDATE=1 rewrites the expected screens (read them before
# committing). Usage: tests/screen/forms.sh path/to/ipcase
set -u
bin=${1:?usage: forms.sh IPCASE_BINARY}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/expected
# shellcheck source=../fixtures/verdict.sh
. "$here/../fixtures/verdict.sh"
tmp=$(mktemp -d /tmp/ipcase-forms-XXXXXX)
trap 'exec 3>&- 2>/dev/null; [ -n "${kpid:-}" ] && kill -9 "$kpid" 2>/dev/null; rm -rf "$tmp"' EXIT

export LANG=C.UTF-8 LC_ALL=C.UTF-8 IPCASE_CONFIG=/dev/null TZ=UTC IPCASE_TODAY=2026-03-02
export IPCASE_FAKE_NOW_MS=1772443800000 # 2026-03-02T09:30Z: the capture's "now"
unset LANGUAGE LC_MESSAGES
home=$tmp/home
ipc() { "$bin" --home "$home" "$@"; }
# shellcheck source=../fixtures/procedure.sh
. "$here/../fixtures/procedure.sh"

# screen NAME: runs the script on stdin; its dumps go to $tmp/NAME-*.txt (dump lines name
# the part after NAME-).
screen() {
	sed "s|^dump |dump $tmp/$1-|; s|^\\(dump .*\\)\$|\\1.txt|" >"$tmp/$1.script"
	IPCASE_SCRIPT=$tmp/$1.script ipc 2>"$tmp/$1.err"
	check "$1: the screen ran and exited 0" [ $? -eq 0 ]
	check "$1: nothing on stderr (sanitizer reports land there)" [ ! -s "$tmp/$1.err" ]
	[ -s "$tmp/$1.err" ] && sed 's/^/    stderr| /' "$tmp/$1.err" | head -20
}
# same NAME-PART what: the dump equals the expected screen.
same() {
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/$1.txt" "$expected/forms-$1.txt"
	fi
	if diff -u "$expected/forms-$1.txt" "$tmp/$1.txt" >"$tmp/diff"; then
		ok "$2"
	else
		bad "$2"
		sed 's/^/    /' "$tmp/diff"
	fi
}
row() { sed -n "$2p" "$tmp/$1.txt"; } # dump, 1-based row
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
drafts() { ls "$home/drafts" 2>/dev/null | grep -c '\.json$'; }

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
	--case-prefix 冀石市监处罚 >/dev/null || { bad "init"; exit 1; }
nike=$(ipc case add --title 耐克运动鞋商标侵权案 --ip-type trademark --handlers 王建国:13010001)

# ---- a new case typed in Chinese ----
screen new <<'EOF'
size 80 24
keys a
type 阿迪达斯运动服装商标侵权案
keys <Tab><Enter>jjj<Enter>
keys <Enter>jj<Enter>
type 130105
keys <Tab><Tab>
type 南三条小商品市场
dump filled
keys <F2>
dump saved
EOF
same new-filled "new case: Chinese title, enums chosen from menus, region typed"
same new-saved "new case saved: first in the list, 'Saved'"
adidas=$(ipc case list --json | json 'd[0]["id"]')
check "the new case is stored as typed" [ "$(ipc case show "$adidas" --json \
	| json 'd["title"], d["ip_type"], d["source"], d["region"], d["place"], d["status"]')" \
	= "阿迪达斯运动服装商标侵权案 trademark complaint 130105 南三条小商品市场 clue" ]
check "saving removed the form's draft" [ "$(drafts)" = 0 ]

# ---- backspace over a Chinese character; Esc asks before dropping what was typed ----
screen bs <<'EOF'
size 80 24
keys a
type 耐克鞋
keys <BS>
dump backspace
keys <Esc>
dump leave
keys y
EOF
check "backspace removed one whole character: 耐克鞋 → 耐克" [ "$(row bs-backspace 3)" = "> title *            耐克" ]

# ---- a title wider than its field scrolls sideways by whole characters (odd width: 39) ----
long=关于石家庄市新华区某商贸有限公司销售侵犯注册商标专用权商品案件的调查处理
screen scroll <<EOF
size 61 16
keys a
type $long
dump end
keys <Home>
dump home
keys <Right><Right><Del>
dump del
keys <Esc>y
EOF
same scroll-end "typing at the end: the field shows the text's tail, the cursor's column free"
same scroll-home "Home: the field shows the head, the column a character would straddle blank"
check "Del removed the whole character under the cursor (石)" [ "$(row scroll-del 3)" \
	= "> title *            关于家庄市新华区某商贸有限公司销售侵犯" ]
check "Esc on a changed form asks first" [ "$(row bs-leave 24)" = "Discard what you typed in this form? (y/n)" ]
check "a confirmed discard removes the draft" [ "$(drafts)" = 0 ]

# ---- checks next to the field: a bad USCC on a party, a bad date; then corrected ----
# The list shows the Adidas case first (the newest change): its form, the New party button
# (the last but twelve), the party's form.
screen check <<'EOF'
size 80 24
keys e<S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><Enter>
keys <Enter><Enter>
type 石家庄某商贸有限公司
keys <Tab>
type 91130100MA0000000X
keys <Tab>
dump uscc-bad
keys <Up><BS>
type Y
keys <Tab>
dump uscc-fixed
keys <C-o>
keys <Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><C-u>
type 2026-02-30
keys <Tab>
dump date-bad
keys <Up><C-u>
type 2026-02-28
keys <F2>
dump date-saved
EOF
same check-uscc-bad "a wrong USCC check character: the message next to the field"
same check-uscc-fixed "the corrected USCC: the message is gone"
same check-date-bad "an impossible date: the message next to the field"
check "the corrected date saved" [ "$(row check-date-saved 24)" = "Changes saved" ]
check "the party was saved with its corrected USCC" [ "$(ipc case show "$adidas" --json \
	| json 'd["parties"][0]["name"], d["parties"][0]["uscc"], d["parties"][0]["role"]')" \
	= "石家庄某商贸有限公司 91130100MA0000000Y respondent" ]
check "the case's date is the corrected one" [ "$(ipc case show "$adidas" --json \
	| json 'd["clue_on"]')" = 2026-02-28 ]

# ---- the workflow: only the allowed steps; a refusal on the form; filing ----
ipc set "$nike" notes=最新 >/dev/null # the Nike case first in the list
approve "$nike" file # the head's approval of the filing (tests/procedure.sh asks on screen)
screen status <<'EOF'
size 80 24
keys s
dump menu
keys <Enter>y
dump verifying
keys s<Enter>
keys <F2>
dump refused
keys <Enter><Down><Down>
type 李明
keys <Tab>
type 13010007
keys <F2>
dump handlers
keys <F2>
dump filed
EOF
same status-menu "status menu of a clue: only verifying and transferred"
check "the step needing nothing asked, then moved the case" [ "$(row status-verifying 24)" = 'Now "verifying"' ]
same status-refused "filing with one handler: the workflow's refusal next to the handlers"
same status-handlers "the handlers editor wrote both officers into the field"
same status-filed "filed: the case number in the list and the message"
check "case show --json agrees: filed, with its number and two handlers" [ "$(ipc case show "$nike" \
	--json | json 'd["status"], d["case_no"], len(d["handlers"]), d["filed_on"]')" \
	= "filed 冀石市监处罚〔2026〕13010001-1号 2 2026-03-02" ]

# ---- the quick capture opens a clue ----
screen capture <<'EOF'
size 80 24
keys c
type 新华区南三条小商品市场
keys <Tab>
type 石家庄市新华区南三条街
keys <Tab>
type 摊位销售疑似假冒耐克运动鞋 30 双
keys <F2>
dump one-officer
type 李明:13010007
keys <F2>
dump ask
keys y
dump clue
keys <Tab><Enter>jjj<Enter>
keys <F2>
dump saved
EOF
check "capture by one officer refused under the inspectors" grep -q "at least two officers" "$tmp/capture-one-officer.txt"
same capture-ask "capture saved: the inspection, and the question"
same capture-clue "the clue's form filled from the inspection"
same capture-saved "the clue in the list"
clue=$(ipc case list --json | json 'd[0]["id"]')
check "the clue: status clue, source inspection, linked inspection" [ "$(ipc case show "$clue" \
	--json | json 'd["status"], d["source"], d["inspection"][0]["place_name"], d["inspection"][0]["inspected_at"]')" \
	= "clue inspection 新华区南三条小商品市场 2026-03-02T09:30" ]

# ---- evidence with a file: its SHA-256 on screen ----
printf 'photo of the stall, fixed bytes\n' >"$tmp/stall.jpg"
sha=$(sha256sum "$tmp/stall.jpg" | cut -c1-64)
screen attach <<EOF
size 80 24
keys A
type $tmp/stall.jpg
keys <Tab><Enter><Enter>
type 摊位照片
keys <F2>
dump saved
EOF
check "the SHA-256 sha256sum computes is on the bottom line" [ "$(row attach-saved 24 | cut -c1-72)" = "SHA-256 $sha" ]
check "and stored with the evidence of the selected case" [ "$(ipc case show "$clue" --json \
	| json 'd["evidence"][0]["file_sha256"], d["evidence"][0]["description"]')" = "$sha 摊位照片" ]

# ---- a script that ends mid-form leaves a draft, offered at the next start ----
screen left <<'EOF'
size 80 24
keys a
type 未保存的假冒专利案
keys <Tab>
type 假冒专利
EOF
check "one draft left" [ "$(drafts)" = 1 ]
draft=$(ls "$home"/drafts/*.json 2>/dev/null | head -1)
check "the draft is 0600 in a 0700 folder" [ "$(stat -c %a "$draft" 2>/dev/null)/$(stat -c %a "$home/drafts")" = 600/700 ]
check "the draft holds the type and the typed text" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
t=d["texts"]
assert d["form"]=="record" and d["type"]=="case" and t["title"]=="未保存的假冒专利案", d
assert t["ip_type"]=="假冒专利", d # typed, by its Chinese name' "$draft"
screen restore <<'EOF'
size 80 24
dump offer
keys y
dump form
keys <F2>
dump saved
EOF
same restore-offer "the next start offers the draft"
same restore-form "restored: the form as it was typed"
check "saved from the draft: the case exists, the typed IP type taken" [ "$(ipc case list --json | json 'd[0]["title"], d[0]["ip_type"]')" \
	= "未保存的假冒专利案 counterfeit_patent" ]
check "and the draft is gone" [ "$(drafts)" = 0 ]

# ---- killed (-9) while typing: the draft is on disk; the next start offers it ----
mkfifo "$tmp/fifo"
IPCASE_SCRIPT=$tmp/fifo "$bin" --home "$home" 2>"$tmp/kill.err" &
kpid=$!
exec 3<>"$tmp/fifo" # read-write: never blocks, even if the program died before reading
printf 'size 80 24\nkeys a\ntype 被中断的案件\n' >&3 # the script stays open: the program waits
for _ in $(seq 100); do
	grep -qs 被中断的案件 "$home"/drafts/*.json && break
	sleep 0.05
done
kill -9 "$kpid"
wait "$kpid" 2>/dev/null
kpid=
exec 3>&-
draft=$(ls "$home"/drafts/*.json 2>/dev/null | head -1)
check "killed mid-form: the draft holds what was typed" grep -qs 被中断的案件 "$draft"
check "... and is 0600" [ "$(stat -c %a "$draft" 2>/dev/null)" = 600 ]
screen killed <<'EOF'
size 80 24
dump offer
keys n
dump discard
keys y
EOF
same killed-offer "after the kill, the next start offers the draft"
check "not restoring asks whether to discard it" [ "$(row killed-discard 24)" = "Discard it for good? (no: offered again at the next start) (y/n)" ]
check "discarded for good" [ "$(drafts)" = 0 ]

# ---- an edit's draft keeps only what was changed: a colleague's change meanwhile stays ----
top=$(ipc case list --json | json 'd[0]["id"]')
screen edit <<'EOF'
size 80 24
keys e<Down><End>
type （续）
EOF
draft=$(ls "$home"/drafts/*.json 2>/dev/null | head -1)
check "the edit's draft holds only the changed title" python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
assert d["form"]=="record" and d["id"]==sys.argv[2] and list(d["texts"])==["title"], d' "$draft" "$top"
ipc set "$top" place=南三条市场二楼 >/dev/null # meanwhile, another change of the case
screen editback <<'EOF'
size 80 24
keys y<F2>
EOF
check "restored and saved: the title changed, the other change kept" [ "$(ipc case show "$top" \
	--json | json 'd["title"], d["place"]')" = "未保存的假冒专利案（续） 南三条市场二楼" ]

# ---- in Chinese: the workflow's refusal still lands under the field it names ----
zh=$(ipc case add --title 中文界面案 --ip-type trademark --handlers 王建国:13010001)
ipc case advance "$zh" verifying >/dev/null
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 screen zh-refused <<'EOF'
size 80 24
keys s<Enter><F2>
dump refused
keys <Esc>y
EOF
under=$(grep -A1 "^> 承办人 \* *王建国:13010001" "$tmp/zh-refused-refused.txt" | sed -n 2p)
check "zh_CN: filing with one handler, the refusal under the handlers field" \
	grep -q "^ *立案需要两名以上" <<<"$under"
grep -q "立案需要" <<<"$under" || sed 's/^/    /' "$tmp/zh-refused-refused.txt"

# ---- a decision one day after the notice: the statement period's refusal on the form ----
early=$(ipc case add --title 早决定案 --ip-type trademark --handlers 王建国:13010001,李敏:13010002)
approve "$early" file decision
for s in verifying filed investigating investigation_closed legal_review; do
	ipc case advance "$early" "$s" >/dev/null
done
ipc case advance "$early" notified notified_on=2026-03-02 >/dev/null
ipc case set "$early" decision_type=penalty fine=5000 >/dev/null
screen decide <<'EOF'
size 80 24
keys s<Down><Enter>
keys <F2>
dump refused
EOF
check "decide: the refusal names the end of the statement period" \
	grep -q "until 2026-03-09" "$tmp/decide-refused.txt"
same decide-refused "decide: the refusal under the decision's date, saying what satisfies it"
check "decide: nothing decided" [ "$(ipc case show "$early" --json | json 'd["status"]')" = notified ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
