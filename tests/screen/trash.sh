#!/usr/bin/env bash
# Screen test of deleting and restoring (issue 14, item 5), in the scripted in-memory terminal
# (IPCASE_SCRIPT, 80x24): deleting a case from its edit form (Enter on "deleted", F2) asks
# first and says on the form what goes with it; n keeps it; y deletes it; the deleted view
# (X) lists it with who deleted it and when, and Enter, y restores it. Each dump is compared
# with tests/screen/expected/trash-NAME.txt (UPDATE=1 rewrites them: read them before
# committing). Usage: tests/screen/trash.sh path/to/ipcase
set -u
bin=${1:?usage: trash.sh IPCASE_BINARY}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/expected
# shellcheck source=../fixtures/verdict.sh
. "$here/../fixtures/verdict.sh"
tmp=$(mktemp -d /tmp/ipcase-trash-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

export LANG=C.UTF-8 LC_ALL=C.UTF-8 IPCASE_CONFIG=/dev/null TZ=UTC IPCASE_TODAY=2026-03-02
export IPCASE_FAKE_NOW_MS=1772443800000 # 2026-03-02T09:30Z: the deletion's time
unset LANGUAGE LC_MESSAGES
home=$tmp/home
ipc() { "$bin" --home "$home" "$@"; }
same() {
	[ "${UPDATE:-${IPCASE_UPDATE_SCREENS:-}}" = 1 ] && cp "$tmp/$1.txt" "$expected/trash-$1.txt"
	if diff -u "$expected/trash-$1.txt" "$tmp/$1.txt" >"$tmp/diff"; then
		ok "$2"
	else
		bad "$2"
		sed 's/^/    /' "$tmp/diff"
	fi
}
row() { sed -n "$2p" "$tmp/$1.txt"; } # dump, 1-based row

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
	>/dev/null || { bad "init"; exit 1; }
c=$(ipc case add --title 耐克运动鞋商标侵权案 --ip-type trademark --handlers 王建国:13010001)
ipc party add "$c" --role respondent --name 石家庄某商贸有限公司 >/dev/null
ipc party add "$c" --role respondent --name 石家庄某服饰店 >/dev/null
echo 进货单 >"$tmp/bill.jpg"
ipc evidence add "$c" --kind 书证 --desc 进货单 --file "$tmp/bill.jpg" >/dev/null

# the edit form: 18 rows down is "deleted"; Enter toggles it, F2 saves
cat >"$tmp/s" <<EOF
size 80 24
keys e<Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Down><Enter><F2>
dump $tmp/ask.txt
keys n
dump $tmp/kept.txt
keys <F2>y
dump $tmp/gone.txt
keys X
dump $tmp/view.txt
keys <Enter>
dump $tmp/restore-ask.txt
keys y
dump $tmp/restored.txt
keys <Esc>
dump $tmp/back.txt
EOF
IPCASE_SCRIPT=$tmp/s ipc 2>"$tmp/err"
check "the screen ran and exited 0" [ $? -eq 0 ]
check "nothing on stderr (sanitizer reports land there)" [ ! -s "$tmp/err" ]
same ask "F2 with deleted set asks, and the form says what goes with the case"
check "… the question names the deleted view's key" [ "$(row ask 24)" = \
	"Delete this case? It can be restored from the deleted view (X) (y/n)" ]
check "… the form: 2 parties, 1 evidence item, 1 file" grep -q "Deleting case 耐克运动鞋商标侵权案 and what belongs to it: party 2, evidence" "$tmp/ask.txt"
check "n: not deleted, the form stays" [ "$(row kept 24 | sed 's/ *$//')" = "Not deleted" ]
same gone "y: the case is gone from the list"
same view "the deleted view: when, by whom, what"
check "Enter asks before restoring" [ "$(row restore-ask 24)" = "Restore case 耐克运动鞋商标侵权案? (y/n)" ]
same restored "y: restored, the view empty"
same back "the case is back in the list"
check "history keeps both ops" [ "$(ipc log "$c" | grep -c "deleted = ")" = 2 ]
check "the case is live" [ "$(ipc case show "$c" --json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("deleted"))')" = False ]

echo "trash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
