#!/usr/bin/env bash
# kill -9 during sync at random moments (committing, fetching, importing, pushing, packing),
# about ten times on two workspaces that hold a few thousand ops, then sync to completion:
# no op lost, none duplicated (in either workspace or the remote), no lock left behind that
# blocks the next run. SYNC_CRASH_SEED=n repeats a run's delays.
set -u
bin=${1:?usage: sync_crash.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-crash-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
# a backlog goes as a chain of commits of this many seqs (sync/commit.c): kills land between them
export IPCASE_SYNC_BATCH=400
# an import reads ahead this many bytes of files (sync/import.c): kills land between its chunks
export IPCASE_IMPORT_CHUNK=65536
# the thread beside an import checkpoints the log every few pages (db/ckpt.c): kills land in them
export IPCASE_CKPT_PAGES=16
seed=${SYNC_CRASH_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$seed
echo "seed $seed (SYNC_CRASH_SEED=$seed repeats these delays)"
W() { local w=$1; shift; "$bin" --home "$tmp/$w" "$@"; }
nops() { W "$1" verify | sed -n 's/^\([0-9]*\) ops verified.*/\1/p'; }
declare -A wrote=([a]=0 [b]=0)
# Writes on workspace $1 with the rest of the arguments; counts the ops it added.
write() {
  local w=$1 before after; shift
  before=$(nops "$w")
  W "$w" "$@" >/dev/null || { bad "write on $w: $*"; return; }
  after=$(nops "$w")
  wrote[$w]=$(( ${wrote[$w]} + after - before ))
}

git init -q --bare "$tmp/remote.git"
W a init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
W b init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
W a remote add origin "$tmp/remote.git"
W b remote add origin "file://$tmp/remote.git"
write a demo --cases 300
write b demo --cases 60
echo "   A wrote ${wrote[a]} ops, B ${wrote[b]}"

killed=0 finished=0 blocked=0 i=0
# Kill points are drawn over the length of the run they interrupt: a run that finished before
# its kill tells, in its summary line, how long runs of that workspace take now.
declare -A range=([a]=3000 [b]=3000)
while [ $i -lt 10 ] || { [ $killed -lt 6 ] && [ $i -lt 24 ]; }; do
  i=$((i + 1))
  if [ $((i % 2)) = 1 ]; then w=a; else w=b; fi
  # fresh local work, so every run has something to commit and push
  if [ "$i" -gt 2 ]; then
    write $w case add --title "第${i}轮的案件" --ip-type 商标
    [ $((i % 3)) = 0 ] && write $w demo --cases 15
  fi
  ms=$((RANDOM % ${range[$w]}))
  "$bin" --home "$tmp/$w" sync >"$tmp/run$i.out" 2>&1 &  # not through a function: $! is ipcase
  pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -9 $pid 2>/dev/null
  { wait $pid; } 2>/dev/null; rc=$?
  case $rc in
    137) killed=$((killed + 1)); echo "   run $i ($w): killed after ${ms} ms" ;;
    0)   finished=$((finished + 1))
         took=$(sed -n 's/.*, \([0-9]*\)\.\([0-9]\) s$/\1\200/p' "$tmp/run$i.out")
         took=$(( 10#${took:-0} ))
         range[$w]=$(( took + 150 ))
         echo "   run $i ($w): finished within ${ms} ms (the sync took ${took} ms)" ;;
    *)   blocked=$((blocked + 1)); echo "   run $i ($w): FAILED by itself (exit $rc): $(tail -2 "$tmp/run$i.out")" ;;
  esac
done
check "every run after a kill either finished or was killed (none refused to run)" [ $blocked -eq 0 ]
check "at least 6 runs were killed in the middle ($killed of $i)" [ $killed -ge 6 ]

# to completion: the first run after the last kill must go ahead
for w in a b a b; do
  out=$(W $w sync 2>&1); rc=$?
  check "sync of $w to completion: exit 0" [ $rc -eq 0 ]
  [ $rc -eq 0 ] || echo "     said: $out"
done
out=$(W a sync 2>&1)
check "then quiet: received 0, sent 0" grep -q "received 0 ops (0 records), sent 0," <<<"$out"
[ -n "$(grep "received 0 ops (0 records), sent 0," <<<"$out")" ] || echo "     said: $out"

total=$(( ${wrote[a]} + ${wrote[b]} ))
na=$(nops a); nb=$(nops b)
check "A holds every op written ($total)" [ "$na" = "$total" ]
check "B holds every op written ($total)" [ "$nb" = "$total" ]
[ "$na" = "$total" ] && [ "$nb" = "$total" ] || echo "     A has $na, B has $nb, written ${wrote[a]} + ${wrote[b]}"
check "verify on A: 0 failed" grep -q " 0 failed" <<<"$(W a verify)"
check "verify on B: 0 failed" grep -q " 0 failed" <<<"$(W b verify)"
W a export --format json >"$tmp/a.json"; W b export --format json >"$tmp/b.json"
check "exports of A and B are identical" cmp -s "$tmp/a.json" "$tmp/b.json"
# an import puts the search index off until its end; a kill before then leaves cases queued,
# which the next open indexes: both find the same cases by a word of their titles and parties
found() { W "$1" case list --query "$2" --limit 100000 --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
for q in 运动鞋 有限公司; do
  na=$(found a "$q"); nb=$(found b "$q")
  check "search for $q finds the same cases on A and B ($na, $nb)" [ "$na" = "$nb" ] && [ "$na" -gt 0 ]
done
check "the quarantine is empty on both" bash -c '
  for w in a b; do "$1" --home "$2/$w" quarantine | grep -q "^0 items in quarantine" || exit 1; done' _ "$bin" "$tmp"

# the remote: every op once, ordinary git
git clone -q "$tmp/remote.git" "$tmp/clone"
lines=$(cat "$tmp/clone"/ops/*/*/*/*.jsonl | wc -l)
ids=$(cat "$tmp/clone"/ops/*/*/*/*.jsonl | python3 -c '
import json,sys; print(len({json.loads(l)["id"] for l in sys.stdin}))')
check "the remote holds every op ($total)" [ "$ids" = "$total" ]
check "the remote holds each op once" [ "$lines" = "$ids" ]
[ "$lines" = "$ids" ] && [ "$ids" = "$total" ] || echo "     $lines lines, $ids distinct ops, $total written"
out=$(git -C "$tmp/remote.git" fsck --strict --no-progress 2>&1)
check "git fsck --strict of the remote is clean" [ $? -eq 0 ]
out=$(git -C "$tmp/a/channels/office.git" fsck --strict --no-progress 2>&1)
check "git fsck --strict of A's channel is clean" [ $? -eq 0 ]
left=$(find "$tmp/remote.git" "$tmp/a/channels" "$tmp/b/channels" -name '*.lock' ! -name office.lock)
check "no git lock file left behind" [ -z "$left" ]
left=$(find "$tmp/a/channels" "$tmp/b/channels" -name 'tmp_ipcase_*' 2>/dev/null)
check "no pack cut short by a kill left behind (the next run sweeps them)" [ -z "$left" ]
[ -z "$left" ] || echo "     $left"

# kill -9 while git moves a ref leaves that ref's lock file. In the workspace's channel, under
# the channel lock we hold, it is certainly stale: the next run must go ahead. In the remote
# (shared with others) the run may stop, but must say which file blocks it.
W a case add --title 锁之前 --ip-type 商标 >/dev/null
: >"$tmp/a/channels/office.git/refs/heads/main.lock"
out=$(W a sync 2>&1); rc=$?
check "a git lock left in the workspace's channel does not block the next run" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "     said: $out"
rm -f "$tmp/a/channels/office.git/refs/heads/main.lock"
W a case add --title 远端锁 --ip-type 商标 >/dev/null
: >"$tmp/remote.git/refs/heads/main.lock"
out=$(W a sync 2>&1); rc=$?
check "a git lock left in the remote: the message names it" \
  bash -c '[ $1 -eq 0 ] || grep -q "refs/heads/main.lock" <<<"$2"' _ $rc "$out"
grep -q "refs/heads/main.lock" <<<"$out" || echo "     said: $out"
rm -f "$tmp/remote.git/refs/heads/main.lock"
out=$(W a sync 2>&1); rc=$?
check "once it is gone, the sync goes through" [ $rc -eq 0 ]
W b sync >/dev/null 2>&1
check "and B has both cases" bash -c 'grep -q 锁之前 <<<"$1" && grep -q 远端锁 <<<"$1"' _ "$(W b case list)"

echo "sync_crash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
