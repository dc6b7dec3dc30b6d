#!/usr/bin/env bash
# The housekeeping of a channel's repository (sync/pack.c): each sync leaves a pack; once they
# pile up, a sync rolls the small ones into one and leaves the big ones as they are (a roll's
# work is what it rolls, not the channel); nothing is lost (git fsck, a colleague imports
# every op); `ipcase gc` packs everything into one. The first sync goes as a chain of commits
# of 150 ops (IPCASE_SYNC_BATCH), so a roll takes at most 300 objects of packs and the chain's
# packs are too big to roll, as a first sync's are at 100 000 cases.
set -u
bin=${1:?usage: sync_pack.sh IPCASE_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/ipcase-pack-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$here/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$here/fixtures/workspaces.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp IPCASE_SYNC_BATCH=150
nops() { w "$1" verify | sed -n 's/^\([0-9]*\) ops verified.*/\1/p'; }
packdir=$tmp/a/channels/office.git/objects/pack
packs() { find "$packdir" -name 'pack-*.pack' | wc -l; }
# objects PACK.idx: how many objects a pack holds
objects() { git show-index <"$packdir/$1" | wc -l; }
in_packs() { git --git-dir="$tmp/a/channels/office.git" count-objects -v | sed -n 's/^in-pack: //p'; }

git init -q --bare "$tmp/remote.git"
w a init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
w b init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
w a remote add origin "$tmp/remote.git"
w b remote add origin "$tmp/remote.git"
w a demo --cases 400 >/dev/null
w a sync >/dev/null
big=() small=0
for f in $(cd "$packdir" && ls pack-*.idx); do
  if [ "$(objects "$f")" -gt 300 ]; then big+=("$f"); else small=$((small + 1)); fi
done
check "the first sync left a chain of packs too big to roll (${#big[@]})" [ ${#big[@]} -ge 12 ]
before=$(in_packs)
# a loose object, as an older ipcase or git itself leaves them: a roll takes it in
loose=$(echo "松散的对象" | git --git-dir="$tmp/a/channels/office.git" hash-object -w --stdin)
id=$(w a case list --limit 1 --json | json 'j[0]["id"]')

# a sync a day, each leaving a pack of one small commit; a roll writes the packs it rolls again
most=$small rolled=0 written=0 prev=$(cd "$packdir" && ls pack-*.idx)
for day in $(seq 1 30); do
  w a case set "$id" notes="第 $day 天" >/dev/null
  w a sync >/dev/null || bad "sync of day $day"
  now=$(cd "$packdir" && ls pack-*.idx)
  for f in $(comm -13 <(echo "$prev") <(echo "$now")); do written=$((written + $(objects "$f"))); done
  [ "$(wc -l <<<"$now")" -lt "$(wc -l <<<"$prev")" ] && rolled=$((rolled + 1))
  n=$(($(packs) - ${#big[@]}))
  [ "$n" -gt "$most" ] && most=$n
  prev=$now
done
added=$(($(in_packs) - before))
check "30 syncs of one edit each: the packs were rolled up ($rolled times)" [ "$rolled" -ge 5 ]
check "beside the chain's, never more than 12 packs ($most at most)" [ "$most" -le 12 ]
missing=0
for f in "${big[@]}"; do [ -f "$packdir/$f" ] || missing=$((missing + 1)); done
check "the chain's packs were left as they were ($missing of ${#big[@]} gone)" [ "$missing" -eq 0 ]
check "each object was written a few times, not each sync ($written written for $added added)" \
  [ "$written" -le $((6 * added)) ]
check "a roll took the loose object in: none is left" \
  [ "$(git --git-dir="$tmp/a/channels/office.git" count-objects -v | sed -n 's/^count: //p')" = 0 ]
check "and it is in a pack" git --git-dir="$tmp/a/channels/office.git" cat-file -e "$loose"
check "the channel is whole (git fsck)" git --git-dir="$tmp/a/channels/office.git" fsck --strict
check "every commit and file of the branch can be read" \
  eval 'git --git-dir="$tmp/a/channels/office.git" rev-list --objects --all --missing=error >/dev/null'
ops=$(nops a)
out=$(w b sync 2>&1); rc=$?
check "a colleague's first sync succeeds (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "$out"
check "and imports every op ($ops)" [ "$(nops b)" = "$ops" ]
notes=$(w b case show "$id" --json | json 'j["notes"]')
check "down to the last day's edit ($notes)" [ "$notes" = "第 30 天" ]
# record by record in the order they were made (their ids), not shard folder by shard folder:
# so the store's indexes keyed by record grow at their end
late=$(sqlite3 "$tmp/b/ipcase.db" "SELECT count(*) FROM (SELECT record, lag(record) OVER
  (PARTITION BY type ORDER BY seq) AS prev FROM ops WHERE type IN ('case', 'party')) WHERE prev > record")
check "the cases and parties were imported in the order they were made ($late out of it)" [ "$late" = 0 ]
# an import read ahead in small chunks (IPCASE_IMPORT_CHUNK: each chunk's files read in the
# packs' order, then taken in records' order) imports every op just the same
w c init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李四 --cert 13010003 >/dev/null
w c remote add origin "$tmp/remote.git" >/dev/null
# on a terminal (script(1)), with its progress: the refresh of the cases it brought says so
out=$(IPCASE_IMPORT_CHUNK=65536 script -qec "$(printf '%q ' "$bin" --home "$tmp/c" sync)" /dev/null \
  2>&1 | tr '\r' '\n'); rc=${PIPESTATUS[0]}
check "a first sync in chunks of 64 KB succeeds (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "$out"
check "and imports every op ($ops)" [ "$(nops c)" = "$ops" ]
check "and shows the refresh of the cases as it goes" grep -qE '^refreshing [0-9]+/[1-9][0-9]*' <<<"$out"
check "down to the last day's edit" [ "$(w c case show "$id" --json | json 'j["notes"]')" = "第 30 天" ]
late=$(sqlite3 "$tmp/c/ipcase.db" "SELECT count(*) FROM (SELECT record, lag(record) OVER
  (PARTITION BY type ORDER BY seq) AS prev FROM ops WHERE type IN ('case', 'party')) WHERE prev > record")
check "chunk by chunk: each in records' order, not the whole ($late records before the one above)" \
  [ "$late" -gt 0 ]

# objects read a few bytes at a time: every chunk of the new pack holds one object
out=$(IPCASE_PACK_READ=1 w a gc 2>&1)
check "ipcase gc packs everything into one pack ($out)" [ "$(packs)" -eq 1 ]
check "after which the channel is still whole" git --git-dir="$tmp/a/channels/office.git" fsck --strict
w a case set "$id" notes="gc 之后" >/dev/null
check "and syncs" quietly w a sync
# gc reads every object it packs (sync/objbatch): a branch whose tree names an object the
# repository lacks fails it, naming the object, and nothing is dropped
ga() { git --git-dir="$tmp/a/channels/office.git" "$@"; }
hole=$(printf '100644 blob %s\tgone\n' 0123456789abcdef0123456789abcdef01234567 | ga mktree --missing)
ga update-ref refs/heads/holed "$(ga -c user.name=t -c user.email=t@t commit-tree "$hole" -m holed)" &&
  ok "a branch whose tree names an object the repository lacks" || bad "making a holed branch"
before=$(find "$packdir" -name 'pack-*' | sort)
out=$(w a gc 2>&1); rc=$?
check "gc of a channel that lacks an object its tree names fails (exit $rc)" [ $rc -ne 0 ]
check "... naming the object ($out)" grep -q "0123456789abcdef0123456789abcdef01234567" <<<"$out"
check "... and drops no pack" [ "$(find "$packdir" -name 'pack-*' | sort)" = "$before" ]
ga update-ref -d refs/heads/holed
check "... nor any object (git fsck)" ga fsck --strict --no-dangling
# free pages as an upgrade that rewrote the changes leaves them (a quarter of the file or more)
# go back to the disk at gc; the database keeps every op, and a second gc finds nothing to do
size() { stat -c %s "$tmp/$1/ipcase.db"; }
sqlite3 "$tmp/c/ipcase.db" "CREATE TABLE junk AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
  SELECT i + 1 FROM n WHERE i < 4000) SELECT randomblob(3000) FROM n; DROP TABLE junk;
  PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
grown=$(size c)
out=$(w c gc 2>&1)
check "gc gives the free pages back: $grown bytes, then $(size c) ($out)" \
  [ "$(size c)" -lt $((grown - 4000 * 3000)) ]
check "and says so with the sizes" grep -qE '^database: [0-9.]+ MB before, [0-9.]+ MB after$' <<<"$out"
check "every op is still there and verifies" [ "$(nops c)" = "$ops" ]
before=$(size c)
out=$(w c gc 2>&1)
check "a second gc leaves the database as it is ($out)" [ "$(size c)" = "$before" ]
echo "sync_pack: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
