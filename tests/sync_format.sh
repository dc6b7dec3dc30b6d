#!/usr/bin/env bash
# The move of a channel from format 1 to format 2 (sync/format.h; chan_move_old in
# sync/commit.c). The format 1 channel is a real one refiled by the git command line as
# format 1 filed it: every record under the first two characters of its id, ipcase.json
# naming format 1, one commit.
#  - the administrator A, whose own branch is format 2, is pointed at it: an unrelated
#    history holding every record at both places; its sync leaves one copy of each;
#  - Q moves its own copy of the format 1 channel, then meets A's: two moves of the same
#    channel, merged;
#  - P, a colleague's first sync, and new writes on all three: the three converge (the same
#    records, verify passes, nothing quarantined), the remote files no record where format 1
#    put it, no file twice, and its ipcase.json names format 2;
#  - a peer not yet upgraded adds a record where format 1 puts it: imported everywhere, moved.
set -u
bin=${1:?usage: sync_format.sh IPCASE_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/ipcase-format-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$here/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=ipcase-1 GIT_AUTHOR_EMAIL=v1@example.invalid
export GIT_COMMITTER_NAME=ipcase-1 GIT_COMMITTER_EMAIL=v1@example.invalid
# shellcheck source=fixtures/workspaces.sh
. "$here/fixtures/workspaces.sh"
# shellcheck source=fixtures/forge.sh
. "$here/fixtures/forge.sh"
forge_build "$tmp/forge" || { echo "sync_format: 0 passed, 1 failed"; exit 1; }

# places REPO: "RIGHT OLD OTHER", the ops files of REPO's main filed as format 2 files them,
# only as format 1 did, and neither
places() {
  git --git-dir="$1" ls-tree -r --name-only main | awk -F/ '$1 == "ops" {
    if (substr($4, 35, 2) == $3) r++; else if (substr($4, 1, 2) == $3) o++; else x++ }
    END { print r + 0, o + 0, x + 0 }'
}
# records REPO: "RECORDS FOLDERS", the records of REPO's main and the folders holding them
records() {
  git --git-dir="$1" ls-tree -r --name-only main | awk -F/ '$1 == "ops" {
    if (!(($2 "/" $4) in r)) { r[$2 "/" $4]; nr++ } if (!(($2 "/" $3 "/" $4) in f)) { f[$2 "/" $3 "/" $4]; nf++ } }
    END { print nr + 0, nf + 0 }'
}
# to_v1 FROM TO: FROM's channel as format 1 filed it, the one commit of TO's main
to_v1() {
  local from=$1 to=$2 idx=$tmp/v1.index fmt tree commit
  git init -q --bare "$to" && git --git-dir="$to" fetch -q "$from" main:src || return 1
  fmt=$(printf '{"channel":"office","format":1}\n' | git --git-dir="$to" hash-object -w --stdin)
  git --git-dir="$to" ls-tree -r src | while IFS=$'\t' read -r meta path; do
    read -r mode _ oid <<<"$meta"
    case $path in
      ipcase.json) printf '100644 %s\tipcase.json\n' "$fmt" ;;
      ops/*/*/*/*) IFS=/ read -r _ t _ id f <<<"$path"
                   printf '%s %s\tops/%s/%s/%s/%s\n' "$mode" "$oid" "$t" "${id:0:2}" "$id" "$f" ;;
      *) printf '%s %s\t%s\n' "$mode" "$oid" "$path" ;;
    esac
  done | GIT_INDEX_FILE=$idx git --git-dir="$to" update-index --add --index-info
  tree=$(GIT_INDEX_FILE=$idx git --git-dir="$to" write-tree) &&
    commit=$(git --git-dir="$to" commit-tree "$tree" -m "a channel of format 1") &&
    git --git-dir="$to" update-ref refs/heads/main "$commit" && git --git-dir="$to" update-ref -d refs/heads/src
}
# on NAME REPO: NAME's one remote is REPO
on() { w "$1" remote remove origin >/dev/null 2>&1; w "$1" remote add origin "$2" >/dev/null; }
same_everywhere() {
  local a p q
  a=$(titles A) p=$(titles P) q=$(titles Q)
  [ "$a" = "$p" ] && [ "$a" = "$q" ] && [ -n "$a" ] || { echo "     A: ${a:0:80}…"; echo "     P: ${p:0:80}…"; echo "     Q: ${q:0:80}…"; return 1; }
}
ops_of() { w "$1" verify | sed -n 's/^\([0-9]*\) ops verified, 0 failed.*/\1/p'; }

# ---- the office's channel, written by A, refiled as format 1 ----
git init -q --bare "$tmp/new.git"
w A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
quietly w A office create
quietly w A demo --cases 40
on A "$tmp/new.git"
quiet_sync A
to_v1 "$tmp/new.git" "$tmp/old.git"
cp -a "$tmp/old.git" "$tmp/old2.git"
n=$(records "$tmp/old.git" | cut -d' ' -f1)
# (an id ending with its first two characters is at both places at once: counted as format 1's)
check "the format 1 channel files all its $n records under the first two characters of their id" \
  [ "$(git --git-dir="$tmp/old.git" ls-tree -r --name-only main | awk -F/ '$1 == "ops" && substr($4, 1, 2) == $3' | wc -l)" \
    = "$(git --git-dir="$tmp/old.git" ls-tree -r --name-only main | grep -c ^ops/)" ]
check "… and names format 1" grep -q '"format":1' <(git --git-dir="$tmp/old.git" show main:ipcase.json)

# ---- A meets it: its own format 2 branch and the format 1 history, unrelated ----
quietly w A case add --title 迁移期间甲的新案 --ip-type 商标
on A "$tmp/old.git"
quiet_sync A
check "A's sync leaves every record once, where format 2 files it" \
  [ "$(places "$tmp/old.git")" = "$(git --git-dir="$tmp/old.git" ls-tree -r --name-only main | grep -c ^ops/) 0 0" ]
check "… no record lost or filed twice ($n and A's new one)" \
  [ "$(records "$tmp/old.git")" = "$((n + 1)) $((n + 1))" ]
check "… and ipcase.json names format 2" grep -q '"format":2' <(git --git-dir="$tmp/old.git" show main:ipcase.json)
check "the move is a commit of its own, saying so" \
  grep -q "files the channel as format 2" <(git --git-dir="$tmp/old.git" log --format=%s main)

# ---- P joins; Q moves its own copy of the format 1 channel, writes, then meets A's move ----
for h in P:13010002:old.git Q:13010003:old2.git; do
  IFS=: read -r name cert repo <<<"$h"
  quietly w "$name" init --office 130100 --office-name 石家庄市市场监督管理局 --officer "同事$name" \
    --cert "$cert"
  quietly w "$name" office join "$(office_fp A)"
  on "$name" "$tmp/$repo"
done
quietly w Q case add --title 迁移期间丙的新案 --ip-type 外观设计
quiet_sync P Q
check "Q moved its copy in its first sync" [ "$(places "$tmp/old2.git" | cut -d' ' -f2)" = 0 ]
on Q "$tmp/old.git"
quiet_sync Q A
for h in P Q; do quietly w A office admit "$(device_fp $h)"; done
quietly w P case add --title 迁移期间乙的新案 --ip-type 著作权
quiet_sync A P Q A P Q
check "A, P and Q hold the same records" same_everywhere
check "… among them the three written during the move" \
  bash -c 'for t in 迁移期间甲的新案 迁移期间乙的新案 迁移期间丙的新案; do grep -q "$t" <<<"$1" || exit 1; done' _ "$(titles A)"
check "… every op verifies, the same count on all three" \
  bash -c '[ -n "$1" ] && [ "$1" = "$2" ] && [ "$1" = "$3" ]' _ "$(ops_of A)" "$(ops_of P)" "$(ops_of Q)"
for h in A P Q; do
  check "… $h quarantined nothing" [ "$(w $h quarantine --json | json 'len(j)')" = 0 ]
done
check "the remote files nothing where format 1 put it, and nothing outside the format" \
  [ "$(places "$tmp/old.git" | cut -d' ' -f2-)" = "0 0" ]
check "… each record in one folder, none lost (the format 1 ones, three new cases, the roster's)" \
  bash -c 'read -r r f <<<"$1"; [ "$r" = "$f" ] && [ "$r" -ge $(($2 + 3)) ]' _ "$(records "$tmp/old.git")" "$n"
check "… every file's lines each once" bash -c "
  git --git-dir='$tmp/old.git' ls-tree -r main | awk '\$4 ~ /^ops\\// {print \$3}' | while read -r o; do
    git --git-dir='$tmp/old.git' cat-file blob \$o | sort | uniq -d; done | grep -q . && exit 1 || exit 0"

# ---- a peer not yet upgraded files a new record as format 1 did ----
clone=$tmp/clone
rec=xx
while [ "${rec:0:2}" = "${rec: -2}" ]; do # an id whose two places differ
  { read -r key; read -r rec; read -r line; } < <(forge "$tmp/P/device.key" same case new \
    '{"title":"旧版同事的新案","ip_type":"trademark","status":"clue"}')
done
git clone -q "$tmp/old.git" "$clone"
path="ops/case/${rec:0:2}/$rec/$key.jsonl"
mkdir -p "$(dirname "$clone/$path")" && printf '%s\n' "$line" >"$clone/$path"
git -C "$clone" add -A && git -C "$clone" commit -qm "an old peer's record" && git -C "$clone" push -q origin HEAD:main
check "the old peer's record is filed as format 1 did" \
  [ "$(places "$tmp/old.git" | cut -d' ' -f2)" = 1 ]
quiet_sync A Q P
for h in A Q; do
  check "$h has the old peer's record" grep -q 旧版同事的新案 <<<"$(titles $h)"
done
check "… moved where format 2 files it" [ "$(places "$tmp/old.git" | cut -d' ' -f2-)" = "0 0" ]
check "… P, whose key signed it, has it too" grep -q 旧版同事的新案 <<<"$(titles P)"
check "… and the three still agree" same_everywhere

echo "sync_format: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
