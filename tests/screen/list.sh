#!/usr/bin/env bash
# Screen test of the case list: drives the real binary in tmux (80x24, C.UTF-8) and reads the
# screen back with capture-pane. Usage: tests/screen/list.sh path/to/ipcase
set -u

bin=${1:?usage: $0 path/to/ipcase}
if [ ! -x "$bin" ]; then
	echo "FAIL - no executable $bin"
	echo "0 passed, 1 failed"
	exit 1
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
export LANG=C.UTF-8 LC_ALL=C.UTF-8 # wc -L measures display columns only in a UTF-8 locale
unset LANGUAGE LC_MESSAGES

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	[ -f "$tmp/screen" ] && sed 's/^/    | /' "$tmp/screen"
}
check() { # description, command…
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}

tmp=$(mktemp -d)
sock=ipcase-screen-$$
T() { tmux -u -L "$sock" "$@"; }
cleanup() {
	T kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock" # kill-server leaves the socket file
	rm -rf "$tmp"
}
trap cleanup EXIT

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	finish
fi

# ---- helpers reading the screen ----

width() { printf '%s' "$1" | wc -L; }
snap() { T capture-pane -p -t main >"$tmp/screen" 2>/dev/null; }
row() { sed -n "$1p" "$tmp/screen"; }              # 1-based screen row
has() { grep -qF -- "$1" "$tmp/screen"; }
lacks() { ! grep -qF -- "$1" "$tmp/screen"; }
wait_snap() { # until the command holds on a fresh snapshot (5 s)
	for _ in $(seq 50); do
		snap && "$@" && return 0
		sleep 0.1
	done
	return 1
}
row_is() { [ "$(row "$1")" = "$2" ]; }
row_like() { like "$(row "$1")" "$2"; }
wait_row() { wait_snap row_is "$@"; } # until row $1 is exactly $2
wait_for() { wait_snap has "$@"; }      # until the screen shows $1
wait_gone() { wait_snap lacks "$@"; }   # until the screen no longer shows $1
keys() { T send-keys -t main "$@"; }
like() { [[ "$1" == $2 ]]; } # string, glob pattern

# ---- a workspace with cases ----

home=$tmp/home
nike=耐克运动鞋商标侵权案
long=关于石家庄市新华区某商贸有限公司销售侵犯注册商标专用权商品案件的调查处理
long1=3家${long}  # one column later: whatever the title column's width, one of the two is
                 # cut where a double-width character would straddle its last column
esc_title=$'清屏\e[2J测试\u009b2J尾'
esc_shown='清屏?[2J测试?2J尾'

"$bin" --home "$home" init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 \
	--cert 13010001 --case-prefix 冀石市监处罚 >/dev/null || { not_ok "init"; finish; }
add() { "$bin" --home "$home" case add --title "$1" --ip-type trademark 2>"$tmp/add.err"; }
add "$nike" >/dev/null && add "$long" >/dev/null && add "$long1" >/dev/null \
	|| { not_ok "case add: $(cat "$tmp/add.err")"; finish; }

# The title with ESC [ 2 J and a C1 CSI: the batch command refuses control characters, so the
# row is written the way a damaged or foreign database would hold it, past the checks.
esc_check=inject
if esc_id=$(add "$esc_title"); then
	esc_check=batch
elif command -v sqlite3 >/dev/null && esc_id=$(add "ESC placeholder"); then
	hex=$(printf '%s' "$esc_title" | od -An -tx1 | tr -d ' \n')
	sqlite3 "$home/ipcase.db" "UPDATE t_case SET title = CAST(X'$hex' AS TEXT) WHERE id = '$esc_id'" \
		|| esc_check=none
else
	esc_check=none
fi
ncases=4
[ "$esc_check" = none ] && ncases=3
echo "# control-character title: $esc_check (batch: written by case add; inject: by sqlite3; none: skipped)"

# ---- the list ----

T new-session -d -s main -x 80 -y 24 \
	"'$bin' --home '$home' 2>'$tmp/stderr'; echo \$? >'$tmp/rc'"
check "the list opens" wait_for "Case no."
header=$(row 1)
check "header names every column" like "$header" "*Title*IP type*Status*Respond*"
check "short title shown" has "$nike"
check "status bar: officer, office, case count" \
	like "$(row 23)" "*王建国*石家庄市市场监督管理局*$ncases cases*"
check "IP type label shown" has trademark
check "status label shown" has clue

# Cut without a half character: the shown part of a long title is the longest prefix that fits
# the title column with "…" after it, and the columns after it stay aligned with the header.
tcol=$(width "${header%%Title*}")
icol=$(width "${header%%IP type*}")
W=$((icol - tcol - 1))
odd_cut=no
cut_ok() { # title
	local t=$1 line='' l k shown
	while IFS= read -r l; do # the row whose title column starts with this title
		[[ "$l" == *"${t:0:6}"* ]] && [ "$(width "${l%%"${t:0:6}"*}")" -eq "$tcol" ] && line=$l
	done <"$tmp/screen"
	[ -n "$line" ] || { echo "    no row shows ${t:0:6} at column $tcol"; return 1; }
	for ((k = ${#t}; k > 0; k--)); do [[ "$line" == *"${t:0:k}"* ]] && break; done
	shown=${t:0:k}
	[ "$(width "$shown")" -le $((W - 1)) ] && [ "$(width "${t:0:k+1}")" -gt $((W - 1)) ] \
		|| { echo "    title column $W wide shows '$shown' before its ellipsis"; return 1; }
	[[ "$line" == *"$shown…"* ]] || { echo "    no ellipsis after '$shown': $line"; return 1; }
	[ "$(width "${line%%trademark*}")" -eq "$icol" ] \
		|| { echo "    IP type column shifted in: $line"; return 1; }
	[ "$(width "$shown")" -eq $((W - 2)) ] && odd_cut=yes
	return 0
}
check "long title cut to the column, rest aligned" cut_ok "$long"
check "long title (one column later) cut to the column, rest aligned" cut_ok "$long1"
check "one long title was cut at an odd column, the column after its ellipsis padded" [ "$odd_cut" = yes ]

if [ "$esc_check" = none ]; then
	echo "# skipped: control-character title (no sqlite3 to write it past the checks)"
else
	check "control characters shown as '?', never sent to the terminal" has "$esc_shown"
	check "the screen was not cleared by ESC [ 2 J" like "$(row 1)$(row 23)" "Case no.*王建国*"
	check "no caret notation of curses' own" lacks "^["
fi

# ---- keys: G goes to the oldest case, Enter opens it (its title heads the case screen) ----

keys G Enter
check "G then Enter opens the last case" wait_row 1 " $nike"
keys Escape
check "Esc goes back to the list" wait_for "Case no."
first=$long1
[ "$esc_check" = none ] || first=$esc_shown
keys g Enter
# the list shows the title too: only row 1 tells the case screen is up
check "g then Enter opens the first case, its title heading the screen" wait_snap row_like 1 " ${first:0:12}*"
keys Escape
wait_for "Case no." >/dev/null

# ---- search ----

keys /
check "/ opens the prompt on the bottom line" wait_row 24 "/"
keys -l 耐克鞋
check "typed Chinese shows in the prompt" wait_row 24 "/耐克鞋"
keys BSpace
check "backspace removes a whole Chinese character" wait_row 24 "/耐克"
keys Enter
check "search filters the list" wait_gone "${long:0:6}"
check "the match stays" has "$nike"
check "status bar shows the filter and its count" like "$(row 23)" "*/耐克  1 of $ncases cases*"
keys Escape
check "Esc clears the search" wait_for "${long:0:6}"
check "all cases back in the count" like "$(row 23)" "* $ncases cases *"
keys /
keys -l 运动鞋
keys Enter
check "a 3-character search finds its case" wait_gone "${long:0:6}"
check "... and keeps the match" has "$nike"
keys Escape
wait_for "${long:0:6}" >/dev/null
keys /
keys -l 没有这个案件
keys Enter
check "a search without results says so" wait_for "No cases match: 没有这个案件"
keys Escape
wait_for "${long:0:6}" >/dev/null

# ---- help, written from the key table ----

keys '?'
check "? opens the help" wait_for "ipcase keys"
help_line() { grep -qE -- "^ +$1 +$2\$" "$tmp/screen"; }
check "help: <Up> k -> move up" wait_snap help_line "<Up> k" "move up"
check "help: <PgUp> <C-b> -> previous page" wait_snap help_line "<PgUp> <C-b>" "previous page"
check "help: <Home> g -> first row" wait_snap help_line "<Home> g" "first row"
check "help: / -> search" wait_snap help_line "/" "search.*"
check "help: n -> next result" wait_snap help_line "n" "next result"
keys G
check "G scrolls the help to its end" wait_for "this help"
check "help: q -> quit" wait_snap help_line "q" ".*quit.*"
keys q
check "q closes the help, back to the list" wait_for "Case no."
check "... the help is gone" lacks "ipcase keys"

# ---- resizing ----

T resize-window -t main -x 50 -y 10
check "50x10: the too-small message" wait_for "Terminal too small"
check "50x10: nothing else drawn" lacks "Case no."
T resize-window -t main -x 80 -y 24
check "80x24 again: the list" wait_for "Case no."
check "80x24 again: the cases" wait_for "$nike" # a snapshot may catch the redraw midway
T resize-window -t main -x 160 -y 30
wait_for "Case no." >/dev/null
check "160x30: the whole long title fits" wait_for "$long"
T resize-window -t main -x 80 -y 24
wait_for "Case no." >/dev/null

# ---- quit ----

keys q
gone=no
for _ in $(seq 30); do
	T has-session -t main 2>/dev/null || { gone=yes; break; }
	sleep 0.1
done
check "q quits and the tmux session is gone" [ "$gone" = yes ]
check "exit status 0" [ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ]
check "nothing on stderr (sanitizer reports land here)" [ ! -s "$tmp/stderr" ]
[ -s "$tmp/stderr" ] && sed 's/^/    stderr| /' "$tmp/stderr" | head -40

finish
