#!/usr/bin/env bash
# Hostile trees, made of crafted objects written straight into the shared bare repository
# (tests/fixtures/gitobj.py) or with the git command line, each beside good data:
#  - a fast-forward that deletes: a commit that `git rm`s a case's ops, a device's key, the
#    office's roster and a line of an ops file (first: git's own checkout cannot take the deep
#    trees that follow);
#  - a tree nested 20 000 levels deep (at the root, and where the format has folders), then a
#    second one at the same place while this device's branch has moved on (a real merge);
#  - a tree bomb: 5 objects naming each other 100 times (10^8 paths), at the root and below
#    ops/, and one in the format's own shape (ops/<type>/<xx>/<id>/<actor>.jsonl).
# Each: sync exits 0 in bounded time and memory (RSS under 256 MB, from /usr/bin/time), the
# bad part is quarantined with its reason, the good data beside it is imported, nothing local
# is lost, and what a peer deleted comes back (sent again by the devices that hold it).
set -u
bin=${1:?usage: sync_trees.sh IPCASE_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/ipcase-trees-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$here/fixtures/verdict.sh"
libgit2_leak_env
# RSS is measured on the sanitised binary: ASan's quarantine of freed blocks (256 MB by
# default) would be counted as ours, so it is kept small here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=stranger GIT_AUTHOR_EMAIL=stranger@example.invalid
export GIT_COMMITTER_NAME=stranger GIT_COMMITTER_EMAIL=stranger@example.invalid
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
has_title() { grep -q "$2" <<<"$(titles "$1")"; }
remote=$tmp/remote.git
obj() { /usr/bin/python3 "$here/fixtures/gitobj.py" "$remote" "$@"; }
# attack MESSAGE TREE: a commit of TREE on top of the remote's branch, as a peer's push
attack() {
  local c
  c=$(git --git-dir "$remote" commit-tree "$2" -p main -m "$1") && git --git-dir "$remote" update-ref refs/heads/main "$c"
}
# measured NAME: syncs NAME; sets $out, $rc, $rss_mb (peak RSS of the sync) and $secs
measured() {
  local t0=$SECONDS
  out=$(/usr/bin/time -f 'rss_kb=%M' -o "$tmp/time" "$bin" --home "$tmp/$1" sync 2>&1); rc=$?
  secs=$((SECONDS - t0))
  rss_mb=$(( $(sed -n 's/^rss_kb=//p' "$tmp/time") / 1024 ))
}
bounded() { # WHAT: the last measured sync ended well, in bounded time and memory
  check "$1: sync exits 0" [ "$rc" -eq 0 ]
  [ "$rc" -eq 0 ] || echo "     said: ${out:0:400}"
  check "$1: peak RSS ${rss_mb} MB < 256 MB" [ "$rss_mb" -lt 256 ]
  check "$1: done in ${secs} s (< 120 s)" [ "$secs" -lt 120 ]
}
qhas() { # NAME PATH_RE REASON_RE
  w "$1" quarantine --json | /usr/bin/python3 -c '
import json,re,sys
q=json.JSONDecoder().raw_decode(sys.stdin.read())[0]
if any(re.search(sys.argv[1],x["path"]) and re.search(sys.argv[2],x["reason"]) for x in q): sys.exit(0)
for x in q: print("     quarantined:",x["path"][:100],"->",x["reason"][:160])
sys.exit(1)' "$2" "$3"
}
qsize() { w "$1" quarantine --json | /usr/bin/python3 -c '
import json,sys; print(len(json.JSONDecoder().raw_decode(sys.stdin.read())[0]))'; }

# ---- an office of two devices (a: the head, b: admitted), a third (c) joins later ----
git init -q --bare "$remote"
quietly w a init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 --create-office
fp=$(w a office show --json | json 'j["fingerprint"]')
quietly w b init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002
for h in a b; do quietly w $h remote add origin "$remote"; done
quietly w b office join "$fp"
quietly w b sync; quietly w a sync
quietly w a office admit "$(w b office show --json | json 'j["device_fingerprint"]')" --roles handler
for t in 甲一 甲二; do quietly w a case add --title "$t" --ip-type 商标; done
quietly w b case add --title 乙一 --ip-type 著作权
quietly w a sync; quietly w b sync; quietly w a sync
check "setup: b holds a's cases" has_title b 甲二
check "setup: a holds b's case" has_title a 乙一

# ---- a fast-forward that deletes ----
quietly w a case set "$(w a case list --json | json '[c["id"] for c in j if c["title"]=="甲一"][0]')" place=第二行
quietly w a sync; quietly w b sync
git clone -q "$remote" "$tmp/evil"
a_key=$(w a office show --json | json 'j["device"]')
b_key=$(w b office show --json | json 'j["device"]')
g1=$(w a case list --json | json '[c["id"] for c in j if c["title"]=="甲二"][0]')
e1=$(w a case list --json | json '[c["id"] for c in j if c["title"]=="甲一"][0]')
f1=ops/case/${e1: -2}/$e1/$a_key.jsonl
(cd "$tmp/evil" && git rm -rq "ops/case/${g1: -2}/$g1" "keys/$a_key.json" ops/member \
  && sed -i '$d' "$f1" && git commit -qam "drop a case, a key, the roster and a line" \
  && git push -q origin HEAD:main)
check "delete: the remote's tip lacks the case" bash -c '! git --git-dir "$1" cat-file -e "main:ops/case/${2: -2}/$2" 2>/dev/null' _ "$remote" "$g1"
measured b
bounded "delete, b"
check "delete: b says it sends again what the remote lost" grep -q 'sent again' <<<"$out"
check "delete: b still holds the case" has_title b 甲二
for p in "ops/case/${g1: -2}/$g1/$a_key.jsonl" "keys/$a_key.json" ops/member; do
  check "delete: the remote holds $p again" git --git-dir "$remote" cat-file -e "main:$p"
done
check "delete: the dropped line is back" \
  [ "$(git --git-dir "$remote" show "main:$f1" | wc -l)" = "$(git -C "$tmp/evil" show "HEAD~1:$f1" | wc -l)" ]
# the author, whose next sync sends it again had b not done so
(cd "$tmp/evil" && git fetch -q && git reset -q --hard origin/main && git rm -rq "ops/case/${g1: -2}/$g1" \
  && git commit -qm "drop it again" && git push -q origin HEAD:main)
measured a
bounded "delete, the author"
check "delete: the author sends it again" grep -q 'sent again' <<<"$out"
check "delete: the author's case is on the remote again" git --git-dir "$remote" cat-file -e "main:ops/case/${g1: -2}/$g1/$a_key.jsonl"
# a device that joins now receives everything
quietly w c init --office 130100 --office-name 石家庄市市场监督管理局 --officer 赵新 --cert 13010003
quietly w c remote add origin "$remote"
quietly w c office join "$fp"
quietly w c sync; quietly w a sync
quietly w a office admit "$(w c office show --json | json 'j["device_fingerprint"]')" --roles handler
quietly w a sync
measured c
bounded "delete, a new device"
check "delete: the new device receives the dropped case" has_title c 甲二
check "delete: ... and b's case" has_title c 乙一
check "delete: ... with the dropped line" \
  [ "$(w c case show "$e1" --json | json 'j["place"]')" = 第二行 ]
check "delete: nothing of b's was lost on b" [ "$(titles b)" = "$(titles a)" ]

# ---- a tree 20 000 levels deep ----
quietly w a case add --title 深树旁的好案件 --ip-type 商标
quietly w a sync
deep=$(obj deep 20000 d)
root=$(git --git-dir "$remote" rev-parse 'main^{tree}')
t=$(obj graft "$root" deep "$deep")
t=$(obj graft "$t" ops/deep "$deep")
t=$(obj graft "$t" ops/case/zz "$deep")
attack "a tree 20000 deep" "$t"
measured b
bounded "deep tree"
check "deep tree: the good case beside it is imported" has_title b 深树旁的好案件
check "deep tree: quarantined as outside the format" qhas b '^deep$' 'outside the format'
check "deep tree: ... below ops/ as well" qhas b '^ops/deep$' 'outside the format|same object again'
measured b
bounded "deep tree, the next sync"
check "deep tree, the next sync: nothing new quarantined" grep -q ' 0 quarantined' <<<"$out"
measured a
bounded "deep tree, the other device"
# a second deep tree at the same place while b's branch has moved on: a merge of the two
quietly w b case add --title 乙在深树后 --ip-type 商标
deep2=$(obj deep 20000 e)
attack "another tree 20000 deep" "$(obj graft "$(git --git-dir "$remote" rev-parse 'main^{tree}')" deep "$deep2")"
measured b
bounded "deep tree, merged with local work"
measured a
bounded "deep tree, merged: the other device"
check "deep tree: b's later case reaches a" has_title a 乙在深树后 || titles a
check "deep tree: a's ops verify" grep -q ' 0 failed' <<<"$(w a verify)"

# ---- tree bombs ----
quietly w a case add --title 炸弹旁的好案件 --ip-type 商标
quietly w a sync
bomb=$(obj bomb 4 100)
fbomb=$(obj fbomb 100)
before=$(qsize b)
t=$(obj graft "$(git --git-dir "$remote" rev-parse 'main^{tree}')" bomb "$bomb")
t=$(obj graft "$t" ops/bomb "$bomb")
t=$(obj graft "$t" ops/case/ab/ab0000000000000000000000000000000000 "$bomb")
t=$(obj graft "$t" ops/casebomb "$fbomb")
attack "tree bombs" "$t"
check "bombs: what was pushed is small (the bomb is 10^8 paths in 5 objects)" \
  [ "$(du -cb "$remote"/objects/pack/crafted-*.pack | tail -1 | cut -f1)" -lt 3000000 ]
measured b
bounded "tree bomb"
check "tree bomb: the good case beside it is imported" has_title b 炸弹旁的好案件
check "tree bomb: the root's bomb is quarantined" qhas b '^bomb$' 'outside the format'
check "tree bomb: the bomb in the format's shape is quarantined" qhas b '^ops/casebomb/' 'outside the format|same object again'
added=$(( $(qsize b) - before ))
check "tree bomb: a bounded number of quarantine rows ($added)" [ "$added" -le 105 ]
check "tree bomb: the rest counted in one row" qhas b '^$' 'more paths outside the format'
measured a
bounded "tree bomb, the other device"
measured b
bounded "tree bomb, the next sync"

echo "sync_trees: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
