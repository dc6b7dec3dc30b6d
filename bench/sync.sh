#!/usr/bin/env bash
# Sync figures for `make bench`: a channel holding N demo cases (default 100000) in a bare
# remote; a second workspace's first sync (clone and import); an incremental sync bringing
# 10 changed cases; a no-op sync beside `git fetch` of the same remote (the floor); bytes on
# disk before and after packing. Prints figures; asserts nothing.
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
t=$(secs ipc A demo --cases "$n"); printf '  demo data on A                     %8.2f s\n' "$t"
t=$(secs ipc A sync);                printf '  A sends the channel (setup)       %8.2f s\n' "$t"
ops=$(ipc A verify | sed -n 's/^\([0-9]*\) ops verified.*/\1/p')
t=$(secs ipc B sync)
printf '  first sync of B (clone + import)  %8.2f s  %d ops, %.0f ops/s (target >= 50000)\n' \
  "$t" "$ops" "$(echo "$ops / $t" | bc -l)"
ipc A case list --limit 10 --json | python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)]' |
  while read -r id; do ipc A case set "$id" notes="bench $RANDOM" >/dev/null; done
ipc A sync >/dev/null
t=$(secs ipc B sync);                printf '  incremental sync, 10 cases        %8.3f s  (target < 0.5 s)\n' "$t"
noop=$(for i in 1 2 3 4 5; do secs ipc B sync; done | median)
floor=$(for i in 1 2 3 4 5; do secs git --git-dir="$dir/B/channels/office.git" fetch -q "$dir/remote.git" main; done | median)
printf '  no-op sync (median of 5)          %8.3f s  git fetch %.3f s, ratio %.1f (target <= 2)\n' \
  "$noop" "$floor" "$(echo "$noop / $floor" | bc -l)"
before=$(du -sb "$dir/B/channels" | cut -f1)
for i in 1 2 3 4 5 6; do   # a week of small syncs leaves many small packs
  id=$(ipc A case list --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  ipc A case set "$id" notes="day $i" >/dev/null; ipc A sync >/dev/null; ipc B sync >/dev/null
done
mid=$(du -sb "$dir/B/channels" | cut -f1)
ipc B gc >/dev/null
after=$(du -sb "$dir/B/channels" | cut -f1)
printf '  bytes on disk of B'"'"'s channels       %8.1f MiB after first sync, %.1f after 6 more, %.1f packed\n' \
  "$(echo "$before / 1048576" | bc -l)" "$(echo "$mid / 1048576" | bc -l)" "$(echo "$after / 1048576" | bc -l)"
