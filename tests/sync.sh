#!/usr/bin/env bash
# Sync as an officer uses it: two workspaces and a bare remote made by `git init --bare`,
# both ways, the remote as ordinary git (clone, fsck, log), no-op syncs, unreachable remotes,
# no remote at all, and the permissions of what sync writes.
set -u
bin=${1:?usage: sync.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-sync-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp  # the git command line sees no one's settings
A() { "$bin" --home "$tmp/a" "$@"; }
B() { "$bin" --home "$tmp/b" "$@"; }

git init -q --bare "$tmp/remote.git"
A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
B init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
check "remote add (plain path)" A remote add origin "$tmp/remote.git"
check "remote add (file:// URL)" B remote add origin "file://$tmp/remote.git"
check "remote list shows it" grep -q "origin.*office.*remote.git" <<<"$(A remote list)"

id=$(A case add --title "销售假冒耐克运动鞋案" --ip-type 商标 --place 南三条市场)
A party add "$id" --role 当事人 --name 张三 >/dev/null
out=$(A sync 2>&1); rc=$?
check "first sync of A: exit 0" [ $rc -eq 0 ]
check "first sync of A says it sent 2 ops" grep -Eq "^origin: received 0 ops \(0 records\), sent 2, 0 conflicts, 0 quarantined, [0-9.]+ s$" <<<"$out"
[ $rc -eq 0 ] || echo "$out"
out=$(B sync 2>&1); rc=$?
check "B receives A's ops" grep -q "received 2 ops (2 records), sent 0" <<<"$out"
[ $rc -eq 0 ] || echo "$out"
check "B shows A's case" grep -q "销售假冒耐克运动鞋案" <<<"$(B case list)"
check "B shows A's party" grep -q "张三" <<<"$(B case show "$id" 2>&1)"

B case set "$id" notes=李敏补充 >/dev/null
id2=$(B case add --title "乙的案件" --ip-type 著作权)
out=$(B sync 2>&1)
check "B sends its 2 ops" grep -q "sent 2," <<<"$out"
out=$(A sync 2>&1)
check "A receives B's 2 ops" grep -q "received 2 ops (2 records), sent 0" <<<"$out"
check "A shows B's edit" grep -q "李敏补充" <<<"$(A case show "$id" --json)"
check "A shows B's case" grep -q "乙的案件" <<<"$(A case list)"
B sync >/dev/null 2>&1
A export --format json >"$tmp/a.json"; B export --format json >"$tmp/b.json"
check "exports of A and B are identical" cmp -s "$tmp/a.json" "$tmp/b.json"

# quiet now: a sync moves nothing and makes no commit
before=$(git -C "$tmp/remote.git" rev-parse refs/heads/main)
out=$(A sync 2>&1)
check "no-op sync: received 0 ops ... sent 0" grep -Eq "^origin: received 0 ops \(0 records\), sent 0, 0 conflicts, 0 quarantined" <<<"$out"
out=$(B sync origin 2>&1)
check "no-op sync by name: the same" grep -Eq "^origin: received 0 ops \(0 records\), sent 0," <<<"$out"
check "no-op sync makes no commit" [ "$(git -C "$tmp/remote.git" rev-parse refs/heads/main)" = "$before" ]

# the remote is ordinary git
git clone -q "$tmp/remote.git" "$tmp/clone" 2>"$tmp/err"
check "git clone of the remote works" [ -f "$tmp/clone/ipcase.json" ]
[ -f "$tmp/clone/ipcase.json" ] || cat "$tmp/err"
check "ipcase.json says format 2, channel office" python3 -c '
import json,sys; j=json.load(open(sys.argv[1])); assert j=={"channel":"office","format":2}, j' "$tmp/clone/ipcase.json"
actor_a=$(ls "$tmp/clone/keys" | head -1)
check "keys/ holds both officers' keys" [ "$(ls "$tmp/clone/keys" | grep -Ec '^[0-9a-f]{64}\.json$')" = 2 ]
check "the key files name the officers" grep -q 王建国 <<<"$(cat "$tmp/clone/keys/"*.json)"
check "ops/ is sharded by type and the end of the id" [ -f "$(echo "$tmp/clone/ops/case/${id: -2}/$id/"*.jsonl | cut -d' ' -f1)" ]
check "every ops file is one JSON object a line" python3 -c '
import json,sys,glob
files=glob.glob(sys.argv[1]+"/ops/*/*/*/*.jsonl"); assert len(files)==4, files
for f in files:
    for l in open(f,encoding="utf-8"):
        o=json.loads(l); assert f.endswith("/"+o["record"]+"/"+o["actor"]+".jsonl"), f' "$tmp/clone"
check "nothing else at the top" [ "$(ls "$tmp/clone" | tr '\n' ' ')" = "ipcase.json keys ops " ]
out=$(git -C "$tmp/remote.git" fsck --strict 2>&1); rc=$?
check "git fsck --strict is clean" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "$out"
out=$(git -C "$tmp/clone" fsck --strict 2>&1)
check "git fsck --strict of the clone is clean" [ $? -eq 0 ]
out=$(git -C "$tmp/a/channels/office.git" fsck --strict 2>&1)
check "git fsck --strict of the workspace's channel is clean" [ $? -eq 0 ]
authors=$(git -C "$tmp/remote.git" log --format=%an refs/heads/main | sort -u | tr '\n' ' ')
check "git log shows the officers' names" [ "$authors" = "李敏 王建国 " ]
check "git log says what changed" grep -q "王建国 (13010001, 石家庄市市场监督管理局): 2 changes in 2 records" <<<"$(git -C "$tmp/remote.git" log --format=%s)"

# remotes that cannot be reached
A remote add gone "$tmp/no-such-remote.git" >/dev/null
out=$(A sync gone 2>&1); rc=$?
check "missing remote (path): exit 1" [ $rc -eq 1 ]
check "missing remote (path): says there is no repository there" grep -Eiq "no repository|does not exist|no such" <<<"$out"
[ $rc -eq 1 ] && grep -Eiq "no repository|does not exist|no such" <<<"$out" || echo "   said: $out"
A remote add gone2 "file://$tmp/no-such-remote.git" >/dev/null
out=$(A sync gone2 2>&1); rc=$?
check "missing remote (file://): exit 1" [ $rc -eq 1 ]
check "missing remote (file://): says there is no repository there, not DNS" \
  bash -c 'grep -Eiq "no repository|does not exist|no such" <<<"$1" && ! grep -q DNS <<<"$1"' _ "$out"
grep -q DNS <<<"$out" && echo "   said: $out"
out=$(A sync nosuchname 2>&1); rc=$?
check "sync of an unknown remote name: exit 1 and says so" bash -c '[ $1 -ne 0 ] && grep -q "no remote named nosuchname" <<<"$2"' _ $rc "$out"
out=$(A sync 2>&1); rc=$?
check "sync of every remote fails when one cannot be reached" [ $rc -ne 0 ]
check "... yet the reachable one synced" grep -q "^origin: received" <<<"$out"
A remote remove gone >/dev/null; A remote remove gone2 >/dev/null

# no remote at all
"$bin" --home "$tmp/c" init --office 130100 --office-name 局 --officer 赵强 --cert 13010003 >/dev/null
out=$("$bin" --home "$tmp/c" sync 2>&1); rc=$?
check "sync without a remote: exit 1" [ $rc -eq 1 ]
check "sync without a remote: says how to add one" grep -q "ipcase remote add NAME URL" <<<"$out"

# what sync writes in the workspace is the officer's alone
check "channels/ is 0700" [ "$(stat -c %a "$tmp/a/channels")" = 700 ]
loose=$(find "$tmp/a/channels" "$tmp/b/channels" -perm /077 | head -3)
check "nothing in channels/ is open to group or others" [ -z "$loose" ]
[ -z "$loose" ] || ls -ld $loose
check "received evidence folder too" bash -c '! [ -d "$1/files" ] || [ -z "$(find "$1/files" -perm /077)" ]' _ "$tmp/b"

# the quarantine is empty, and its JSON is JSON
out=$(A quarantine 2>&1)
check "quarantine is empty" grep -q "^0 items in quarantine" <<<"$out"
check "quarantine --json prints JSON only" bash -c '"$1" --home "$2" quarantine --json | python3 -c "import json,sys; assert json.load(sys.stdin)==[]"' _ "$bin" "$tmp/a"

# a remote shared by a group of Unix users (git init --shared=group) stays usable by the
# group after a push: git writes 0444 packs and group-writable refs there
git init -q --bare --shared=group "$tmp/shared.git"
A remote add shared "$tmp/shared.git" >/dev/null
A sync shared >/dev/null 2>&1
closed=$(find "$tmp/shared.git/objects" "$tmp/shared.git/refs" -type f ! -perm -g+r | head -3)
check "push to a --shared=group remote leaves its files group-readable" [ -z "$closed" ]
[ -z "$closed" ] || ls -l $closed

# an attachment larger than the chunks a pack is written in (1 MiB), and not compressible
head -c $((3 << 20)) /dev/urandom >"$tmp/photo.bin"
A evidence add "$id" --kind photo --desc 现场照片 --file "$tmp/photo.bin" >/dev/null
sha=$(sha256sum "$tmp/photo.bin" | cut -c1-64)
A sync >/dev/null 2>&1; B sync >/dev/null 2>&1
check "a 3 MiB attachment reaches B whole" cmp -s "$tmp/photo.bin" "$tmp/b/files/${sha:0:2}/$sha"
check "… and the remote passes git fsck" git --git-dir "$tmp/remote.git" fsck --no-progress

echo "sync: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
