#!/usr/bin/env bash
# Sync figures for `make bench`: a channel holding N demo cases (default 100000) in a bare
# remote: the figures of issue 20, each beside its target, with the peak memory (RSS, from
# /usr/bin/time) of the command that made it — bulk writes, the writer's first sync (commit
# and push), a colleague's first sync (fetch and import) beside `ipcase verify` of the same
# ops, an incremental sync bringing 10 changed cases, a no-op sync beside `git fetch` of the
# same remote (the floor), the database's size; then bytes on disk before and after packing,
# and the time and memory of that packing (`ipcase gc`).
# Prints figures; asserts nothing.
set -eu
bin=${1:?usage: bench/sync.sh IPCASE_BINARY [CASES]}
n=${2:-100000}
dir=$(mktemp -d /tmp/ipcase-syncbench-XXXXXX)
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT
ipc() { "$bin" --home "$dir/$1" "${@:2}"; }
secs() { local t0; t0=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $t0" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

git init -q --bare "$dir/remote.git"
ipc A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
ipc B init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
ipc A remote add origin "$dir/remote.git"
ipc B remote add origin "$dir/remote.git"
# A holds the office key and B pinned it, so B's import checks every op's writer against the
# roster (a program without offices skips this: the figures before and after them)
if ipc A office create >/dev/null 2>&1; then
  ipc B office join "$(ipc A office show --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')" >/dev/null
  echo "  (office roster: A admitted with every role, B pinned the office key)"
fi
echo "ipcase sync bench: $n demo cases through a bare remote in $dir"
echo "  figure                                 measured              target (issue 20)"
# run FILE WS ARGS...: runs ipcase on workspace WS, its output dropped, and leaves
# "SECONDS MAX_RSS_KB" in FILE
run() { local f=$1 w=$2; shift 2; /usr/bin/time -f "%e %M" -o "$f" "$bin" --home "$dir/$w" "$@" >/dev/null; }
t_of() { cut -d' ' -f1 "$1"; }
mb_of() { echo "$(cut -d' ' -f2 "$1") / 1024" | bc; }
run "$dir/t.demo" A demo --cases "$n"
ops=$(ipc A verify | sed -n 's/^\([0-9]*\) ops verified.*/\1/p')
printf '  bulk writes (demo)                 %8.0f ops/s  RSS %4d MB   >= 40000 ops/s\n' \
  "$(echo "$ops / $(t_of "$dir/t.demo")" | bc -l)" "$(mb_of "$dir/t.demo")"
run "$dir/t.a" A sync
printf '  first sync of the writer (push)    %8.2f s      RSS %4d MB   <= 30 s, RSS <= 256 MB\n' \
  "$(t_of "$dir/t.a")" "$(mb_of "$dir/t.a")"
run "$dir/t.verify" A verify
run "$dir/t.b" B sync
printf '  first sync of a colleague (import) %8.2f s      RSS %4d MB   <= 1.7 x verify (%.2f s: %.2f s), RSS <= 256 MB\n' \
  "$(t_of "$dir/t.b")" "$(mb_of "$dir/t.b")" "$(t_of "$dir/t.verify")" \
  "$(echo "1.7 * $(t_of "$dir/t.verify")" | bc -l)"
printf '    (%d ops, %.0f ops/s; verify alone %.0f ops/s)\n' "$ops" \
  "$(echo "$ops / $(t_of "$dir/t.b")" | bc -l)" "$(echo "$ops / $(t_of "$dir/t.verify")" | bc -l)"
ipc A case list --status investigating --limit 10 --json | /usr/bin/python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)]' |
  while read -r id; do ipc A case set "$id" notes="bench $RANDOM" >/dev/null; done
ipc A sync >/dev/null
run "$dir/t.inc" B sync
printf '  incremental sync, 10 cases         %8.3f s      RSS %4d MB   <= 0.3 s\n' \
  "$(t_of "$dir/t.inc")" "$(mb_of "$dir/t.inc")"
noop=$(for i in 1 2 3 4 5; do secs ipc B sync; done | median)
floor=$(for i in 1 2 3 4 5; do secs git --git-dir="$dir/B/channels/office.git" fetch -q "$dir/remote.git" main; done | median)
printf '  no-op sync (median of 5)           %8.3f s                    <= 2 x git fetch (%.3f s): ratio %.1f\n' \
  "$noop" "$floor" "$(echo "$noop / $floor" | bc -l)"
db=$(stat -c %s "$dir/A/ipcase.db")
printf '  database size                      %8.1f KB a case              <= 5 KB a case (%.0f MB in all)\n' \
  "$(echo "$db / 1024 / $n" | bc -l)" "$(echo "$db / 1048576" | bc -l)"
before=$(du -sb "$dir/B/channels" | cut -f1)
for i in 1 2 3 4 5 6; do   # a week of small syncs leaves many small packs
  id=$(ipc A case list --status investigating --limit 1 --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  ipc A case set "$id" notes="day $i" >/dev/null; ipc A sync >/dev/null; ipc B sync >/dev/null
done
mid=$(du -sb "$dir/B/channels" | cut -f1)
run "$dir/t.gc" B gc
after=$(du -sb "$dir/B/channels" | cut -f1)
printf '  bytes on disk of B'"'"'s channels       %8.1f MiB after first sync, %.1f after 6 more, %.1f packed\n' \
  "$(echo "$before / 1048576" | bc -l)" "$(echo "$mid / 1048576" | bc -l)" "$(echo "$after / 1048576" | bc -l)"
printf '  packing them (ipcase gc)           %8.2f s      RSS %4d MB\n' "$(t_of "$dir/t.gc")" "$(mb_of "$dir/t.gc")"
