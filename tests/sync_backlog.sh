#!/usr/bin/env bash
# A large backlog, as a first sync of an office that worked offline for months sends it: the
# local work (committing, packing) outlasts the network timeout and must not trip it; the
# backlog goes as a chain of commits of about IPCASE_SYNC_BATCH ops by shard folder (sync/commit.c), each written
# before the next is read; the remote is ordinary git, a colleague imports every op, and a
# server that stops answering still times out. The packs are ipcase's own (sync/objbatch):
# git's fsck reads them.
set -u
bin=${1:?usage: sync_backlog.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-backlog-XXXXXX)
trap 'kill $hole_pid 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
A() { "$bin" --home "$tmp/a" "$@"; }
B() { "$bin" --home "$tmp/b" "$@"; }
nops() { "$bin" --home "$tmp/$1" verify | sed -n 's/^\([0-9]*\) ops verified.*/\1/p'; }

git init -q --bare "$tmp/remote.git"
A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
B init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
A remote add origin "$tmp/remote.git"
B remote add origin "file://$tmp/remote.git"
A demo --cases 1500 >/dev/null
ops=$(nops a)

# one second of network silence allowed; the commit of the backlog takes longer than that
start=$(date +%s.%N)
out=$(IPCASE_NET_TIMEOUT=1 IPCASE_SYNC_BATCH=2500 A sync 2>&1); rc=$?
took=$(echo "$(date +%s.%N) - $start" | bc)
check "a first sync of $ops ops with IPCASE_NET_TIMEOUT=1 completes (took $took s)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "$out"
check "it says it sent them all" grep -q "sent $ops," <<<"$out"
commits=$(git --git-dir="$tmp/remote.git" rev-list --count main)
want=$(( (ops + 2499) / 2500 ))
check "the backlog went as $want commits of about 2500 ops (the remote has $commits)" \
  [ "$commits" -ge "$want" ]
# by shard folder: a folder's tree is written once in the chain, again only where a commit was
# cut inside it (at most once a commit); in storage order every commit rewrote every folder
versions=$(for c in $(git --git-dir="$tmp/remote.git" rev-list main); do
  git --git-dir="$tmp/remote.git" ls-tree "$c:ops/case" 2>/dev/null; done | sort -u | wc -l)
shards=$(git --git-dir="$tmp/remote.git" ls-tree main:ops/case | wc -l)
check "each shard folder of ops/case written by one commit of the chain ($versions versions of $shards folders)" \
  [ "$versions" -le $((shards + commits)) ]
check "the remote is whole (git fsck)" git --git-dir="$tmp/remote.git" fsck --strict
check "and so is the channel, its packs written by ipcase (git fsck)" \
  git --git-dir="$tmp/a/channels/office.git" fsck --strict
files=$(git --git-dir="$tmp/remote.git" ls-tree -r main --name-only | grep -c '^ops/')
records=$(A case list --json --limit 100000 | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "every case is a file of the channel ($records cases, $files op files)" [ "$files" -gt "$records" ]
out=$(IPCASE_SYNC_BATCH=2500 B sync 2>&1); rc=$?
check "a colleague's first sync imports them all" grep -q "received $ops ops" <<<"$out"
check "and holds the same ops" [ "$(nops b)" = "$ops" ]
found() { "$bin" --home "$tmp/$1" case list --query "$2" --limit 100000 --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
for q in 运动鞋 有限公司 耐克; do   # the import indexed them all at its end
  na=$(found a "$q"); nb=$(found b "$q")
  check "search for $q finds the same cases ($na) on the colleague's workspace ($nb)" [ "$na" = "$nb" ]
done
# a pack cut short by a kill (its temporary file) is swept by the next run, under the lock
: >"$tmp/a/channels/office.git/objects/pack/tmp_ipcase_1_cutshort"
# nothing left to send: a second sync commits nothing and the remote does not move
A sync >/dev/null 2>&1   # takes B's key
tip=$(git --git-dir="$tmp/remote.git" rev-parse main)
A sync >/dev/null 2>&1
check "a second sync moves nothing" [ "$(git --git-dir="$tmp/remote.git" rev-parse main)" = "$tip" ]
check "the temporary file of a cut-short pack is gone" \
  [ ! -e "$tmp/a/channels/office.git/objects/pack/tmp_ipcase_1_cutshort" ]

# the timeout still counts the network's silence: a server that accepts and never answers
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(5); print(s.getsockname()[1], flush=True)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' >"$tmp/port" &
hole_pid=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
A remote add hole "http://127.0.0.1:$(cat "$tmp/port")/office.git"
A case add --title "断网前的新案件" --ip-type 商标 >/dev/null
start=$(date +%s)
out=$(IPCASE_NET_TIMEOUT=2 timeout 60 "$bin" --home "$tmp/a" sync hole 2>&1); rc=$?
took=$(( $(date +%s) - start ))
check "a silent server still times out (exit 7, after $took s)" [ $rc -eq 7 ]
check "and says so" grep -q "timeout: no answer for 2 s" <<<"$out"
echo "sync_backlog: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
