#!/usr/bin/env bash
# Smoke test of the forms in a real terminal: the binary in tmux (80x24, send-keys,
# capture-pane) creates a case through the forms and quits, and `ipcase case list --json`
# finds it; then a form closed by a hang-up (tmux kill-session: SIGHUP) is offered back at the
# next start. Usage: tests/screen/smoke.sh path/to/ipcase
set -u
bin=${1:?usage: smoke.sh IPCASE_BINARY}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
# shellcheck source=../fixtures/verdict.sh
. "$(dirname "$0")/../fixtures/verdict.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 IPCASE_CONFIG=/dev/null TZ=UTC
unset LANGUAGE LC_MESSAGES

tmp=$(mktemp -d /tmp/ipcase-smoke-XXXXXX)
sock=ipcase-smoke-$$
T() { tmux -u -L "$sock" "$@"; }
cleanup() {
	T kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	rm -rf "$tmp"
}
trap cleanup EXIT
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
if ! command -v tmux >/dev/null; then
	bad "tmux is installed (apt-get install tmux)"
	finish
fi

home=$tmp/home
ipc() { "$bin" --home "$home" "$@"; }
ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
	--case-prefix 冀石市监处罚 >/dev/null || { bad "init"; finish; }

snap() { T capture-pane -p -t main >"$tmp/screen" 2>/dev/null; }
has() { grep -qF -- "$1" "$tmp/screen"; }
wait_for() { # until the screen shows $1 (5 s)
	for _ in $(seq 50); do
		snap && has "$1" && return 0
		sleep 0.1
	done
	sed 's/^/    | /' "$tmp/screen"
	return 1
}
keys() { T send-keys -t main "$@"; }
# start RUN: the program in a new session; its pid, stderr and exit status go to $tmp/RUN.*
start() {
	T new-session -d -s main -x 80 -y 24 \
		"echo \$\$ >'$tmp/$1.pid'; exec '$bin' --home '$home' 2>'$tmp/$1.err'"
}
gone() { # until process $1 has ended (5 s)
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

# ---- a case created through the forms ----
title=假冒注册商标运动鞋案
start first
check "the list opens on an empty workspace" wait_for "No cases yet"
keys a
check "a opens the new case form" wait_for "New case"
keys -l "$title"
check "typed Chinese shows in the title field" wait_for "title *            $title"
keys Tab Enter
check "Enter on the IP type opens its menu" wait_for "counterfeit patent"
keys j j j Enter
check "the menu's choice fills the field" wait_for "IP type *          trademark"
keys F2
check "F2 saves and the list shows the case" wait_for "Saved"
check "... with its title" has "$title"
pid=$(cat "$tmp/first.pid")
keys q
check "q quits" gone "$pid"
check "nothing on stderr (sanitizer reports land there)" [ ! -s "$tmp/first.err" ]
check "case list --json finds the case" python3 -c '
import json,sys; r=json.loads(sys.argv[1])
assert [(c["title"], c["ip_type"], c["status"]) for c in r] == [(sys.argv[2], "trademark", "clue")], r
' "$(ipc case list --json)" "$title"
T kill-server 2>/dev/null

# ---- a hang-up while typing: the draft survives and is offered back ----
typed=挂断前输入的标题
start hup
wait_for "Case no." >/dev/null
keys a
wait_for "New case" >/dev/null
keys -l "$typed"
check "typed into the form" wait_for "title *            $typed"
check "the form says its draft is kept" has "draft kept"
pid=$(cat "$tmp/hup.pid")
T kill-session -t main # the terminal goes away: SIGHUP
check "the hang-up ended the program" gone "$pid"
draft=$(ls "$home"/drafts/*.json 2>/dev/null | head -1)
check "the draft holds what was typed" grep -qs "$typed" "$draft"
check "... and is 0600" [ "$(stat -c %a "$draft" 2>/dev/null)" = 600 ]
T kill-server 2>/dev/null

start again
check "the next start offers the unsaved form" wait_for "Restore the unsaved form \"New case: $typed\"?"
keys y
check "y reopens it with the typed text" wait_for "title *            $typed"
keys Escape
check "Esc asks before dropping it" wait_for "Discard what you typed in this form?"
keys y
check "back in the list" wait_for "Case no."
pid=$(cat "$tmp/again.pid")
keys q
gone "$pid" >/dev/null
check "the discarded draft is gone" [ -z "$(ls "$home"/drafts/ 2>/dev/null)" ]
check "nothing on stderr after the restore" [ ! -s "$tmp/again.err" ]

finish
