#!/usr/bin/env bash
# Hostile or broken data written into the remote with the git command line (a clone of the
# remote, files added, commit, push), each kind beside a good op of the same sync: the bad
# data is quarantined with its reason, the good op imports, nothing local is lost, and the
# same bad data is not reported again. Correctly signed ops with bad fields (control
# character, oversize) are made by a small C helper built from db/op.c.
set -u
bin=${1:?usage: sync_hostile.sh IPCASE_BINARY}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/ipcase-hostile-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export GIT_AUTHOR_NAME=stranger GIT_AUTHOR_EMAIL=stranger@example.invalid
export GIT_COMMITTER_NAME=stranger GIT_COMMITTER_EMAIL=stranger@example.invalid
A() { "$bin" --home "$tmp/a" "$@"; }
B() { "$bin" --home "$tmp/b" "$@"; }

# forge KEY SIGNER TYPE RECORD SET: prints the actor, the record id and a sealed op line.
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
if ! forge_build "$tmp/forge"; then
  echo "sync_hostile: 0 passed, 1 failed"; exit 1
fi

git init -q --bare "$tmp/remote.git"
A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
B init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
A remote add origin "$tmp/remote.git"
B remote add origin "file://$tmp/remote.git"
mine=$(B case add --title "乙自己的案件" --ip-type 著作权)   # B's own work, never lost
A sync >/dev/null 2>&1
B sync >/dev/null 2>&1
A sync >/dev/null 2>&1
git clone -q "$tmp/remote.git" "$tmp/w"
actor_a=$(basename "$(grep -l 王建国 "$tmp/w/keys/"*.json)" .json)
check "setup: A's key is on the remote" [ ${#actor_a} = 64 ]

# The first JSON value of `quarantine --json` (what follows it is not our concern here).
qjson() { B quarantine --json | python3 -c '
import json,sys; print(json.dumps(json.JSONDecoder().raw_decode(sys.stdin.read())[0]))'; }
# Is there a quarantined item whose path and reason match these regular expressions?
qhas() {
  qjson | python3 -c '
import json,re,sys
q=json.load(sys.stdin)
if any(re.search(sys.argv[1],x["path"]) and re.search(sys.argv[2],x["reason"]) for x in q): sys.exit(0)
for x in q:
    if re.search(sys.argv[1],x["path"]): print("     quarantined:",x["path"][:90],"->",x["reason"])
sys.exit(1)' "$1" "$2"
}

n=0
# A writes a good case and syncs; the work tree follows the remote. Sets $good, $gpath (the
# path of A's ops file of that case), $gline (its line).
good_case() {
  n=$((n + 1))
  good=$(A case add --title "正常案件$n" --ip-type 商标)
  A sync >/dev/null 2>&1
  git -C "$tmp/w" fetch -q origin && git -C "$tmp/w" reset -q --hard origin/main
  gpath="ops/case/${good: -2}/$good/$actor_a.jsonl"
  gline=$(head -1 "$tmp/w/$gpath")
}
push_bad() { git -C "$tmp/w" add -A && git -C "$tmp/w" commit -qm "$1" && git -C "$tmp/w" push -q origin HEAD:main; }
# Derives a line from $gline with a python expression over `l` (bytes) and appends it to FILE.
derive() {
  python3 -c '
import sys
l=sys.argv[1].encode()
out=eval(sys.argv[3])
open(sys.argv[2],"ab").write(out+b"\n")' "$gline" "$tmp/w/$1" "$2"
}
# After the bad commit: B syncs; checks the count, the reason, the good op, a second sync.
expect() {
  local what=$1 count=$2 path_re=$3 reason_re=$4 out rc
  out=$(B sync 2>&1); rc=$?
  check "$what: sync goes on (exit 0)" [ $rc -eq 0 ]
  [ $rc -eq 0 ] || echo "     said: $out"
  check "$what: $count quarantined" grep -q " $count quarantined" <<<"$out"
  grep -q " $count quarantined" <<<"$out" || echo "     said: $out"
  check "$what: reason matches /$reason_re/" qhas "$path_re" "$reason_re"
  check "$what: the good op beside it imports" grep -q "正常案件$n" <<<"$(B case list 2>&1)"
  # A writes again in the same file (if it holds the bad line, B reads it again)
  A case set "$good" place=第二次 >/dev/null && A sync >/dev/null 2>&1
  out=$(B sync 2>&1)
  check "$what: the next sync reports 0 new quarantined" grep -q " 0 quarantined" <<<"$out"
  grep -q " 0 quarantined" <<<"$out" || echo "     said: $out"
}

good_case
printf 'this is not JSON at all\n' >>"$tmp/w/$gpath"
push_bad "a line that is not JSON"
expect "not JSON" 1 "$gpath" "not JSON"

good_case
derive "$gpath" 'l.replace("正常案件".encode(), "篡改案件".encode())'
push_bad "content changed, id kept"
expect "bad hash" 1 "$gpath" "hash mismatch"

good_case
rec=$(forge "$tmp/a/device.key" new case "$good" '{"place":"冒名"}' | sed -n 3p)
printf '%s\n' "$rec" >>"$tmp/w/$gpath"
push_bad "signed by another key"
expect "signature of another key" 1 "$gpath" "signature"

good_case
derive "$gpath" '__import__("re").sub(rb"\"sig\":\"[0-9a-f]{128}\",", b"", l)'
push_bad "signature removed"
expect "missing signature" 1 "$gpath" "sig|missing"

good_case
derive "$gpath" '__import__("re").sub(rb"\"sig\":\"[0-9a-f]{128}\"", b"\"sig\":\"\"", l)'
push_bad "signature emptied"
expect "empty signature" 1 "$gpath" "signature"

good_case
{ read -r stranger; read -r srec; read -r sline; } < <(forge new same case new '{"title":"陌生人的案件","ip_type":"trademark"}')
spath="ops/case/${srec: -2}/$srec/$stranger.jsonl"
mkdir -p "$(dirname "$tmp/w/$spath")" && printf '%s\n' "$sline" >"$tmp/w/$spath"
push_bad "an op of a device whose key nobody published"
expect "unknown actor key" 1 "$spath" "unknown actor"
check "unknown actor key: its op is not imported" bash -c '! grep -q 陌生人的案件 <<<"$1"' _ "$(B case list)"

good_case
derive "$gpath" 'l.replace("正常案件".encode(), b"\xff\xfe\xc3")'
push_bad "invalid UTF-8"
expect "invalid UTF-8" 1 "$gpath" "UTF-8|decode"

good_case
cline=$(forge "$tmp/a/device.key" same case "$good" '{"notes":"响铃\u0007在此"}' | sed -n 3p)
printf '%s\n' "$cline" >>"$tmp/w/$gpath"
push_bad "a control character, correctly signed"
expect "control character" 1 "$gpath" "control character"
check "control character: the field was not set" bash -c '! grep -q 响铃 <<<"$1"' _ "$(B case show "$good" --json)"

good_case
long=$(python3 -c 'print("长" * 1700)')   # 5100 bytes
oline=$(forge "$tmp/a/device.key" same case "$good" "{\"title\":\"$long\"}" | sed -n 3p)
printf '%s\n' "$oline" >>"$tmp/w/$gpath"
push_bad "a 5100-byte title, correctly signed"
expect "oversize field" 1 "$gpath" "title.*longer than"
check "oversize field: the title stayed" grep -q "正常案件$n" <<<"$(B case show "$good" --json)"

good_case
python3 -c 'print("{" + "x" * 70000 + "}")' >>"$tmp/w/$gpath"
push_bad "a 70000-byte line"
expect "oversize line" 1 "$gpath" "longer than"

good_case
big="ops/case/01/01934f2a-1b2c-7d3e-8f40-123456789abc/$actor_a.jsonl"
mkdir -p "$tmp/w/$(dirname "$big")"
head -c $((65 << 20)) /dev/zero | tr '\0' 'x' >"$tmp/w/$big"
push_bad "a 65 MiB ops file"
expect "oversize ops file" 1 "^$big$" "larger than 64 MiB"

good_case
printf 'hello\n' >"$tmp/w/notes.txt"
mkdir -p "$tmp/w/ops/case/zz" && printf 'x\n' >"$tmp/w/ops/case/zz/whatever.jsonl"
push_bad "files outside the format"
expect "path outside the format" 2 "^notes.txt$" "path outside the format"
check "path outside the format: the ops/ one too" qhas "^ops/case/zz/whatever.jsonl$" "path outside the format"

good_case
fake=$(forge new same case new '{"title":"x","ip_type":"trademark"}' | head -1)
cp "$tmp/w/keys/$actor_a.json" "$tmp/w/keys/$fake.json"
push_bad "a key file named after another device"
expect "key under another name" 1 "keys/$fake.json" "another device"

good_case
python3 -c '
import sys; p=sys.argv[1]; t=open(p,encoding="utf-8").read()
open(p,"w",encoding="utf-8").write(t.replace("王建国","冒充者"))' "$tmp/w/keys/$actor_a.json"
push_bad "A's key file altered"
# B holds A's signed key: the union keeps it (the one of the two that is what its name says)
# and sends it back.
good_key=$(git -C "$tmp/remote.git" rev-parse "HEAD~1:keys/$actor_a.json")
out=$(B sync 2>&1)
check "altered key file: sync goes on, nothing quarantined" grep -q " 0 quarantined" <<<"$out"
check "altered key file: B says it sends back what the remote lost" grep -q "sent again" <<<"$out"
check "altered key file: the remote holds A's signed key again" \
  [ "$(git -C "$tmp/remote.git" rev-parse "HEAD:keys/$actor_a.json")" = "$good_key" ]
check "altered key file: the good op beside it imports" grep -q "正常案件$n" <<<"$(B case list 2>&1)"
check "altered key file: A's ops still import" grep -q "正常案件$n" <<<"$(B case list)"

good_case
printf '{"channel":"office","format":3}\n' >"$tmp/w/ipcase.json"
push_bad "a channel of a future format"
expect "future channel format" 1 "^ipcase.json$" "newer"

good_case
derive "$gpath" 'l.replace(b"\"v\":1}", b"\"v\":2}")'
push_bad "an op of a future version"
expect "op version 2" 1 "$gpath" "version 2|newer"

good_case
actor_b=$(basename "$(grep -l 李敏 "$tmp/w/keys/"*.json)" .json)
fline=$(forge "$tmp/a/device.key" same case "$good" '{"notes":"放错了地方"}' | sed -n 3p)
printf '%s\n' "$fline" >"$tmp/w/ops/case/${good: -2}/$good/$actor_b.jsonl"
push_bad "A's op filed under B's name"
expect "op under another writer's path" 1 "$actor_b.jsonl" "another record, type or writer"

good_case
sha=$(printf 'the real photo' | sha256sum | cut -c1-64)
mkdir -p "$tmp/w/files/${sha:0:2}" && printf 'a forged photo' >"$tmp/w/files/${sha:0:2}/$sha"
push_bad "an attachment whose content does not match its name"
expect "bad attachment" 1 "^files/${sha:0:2}/$sha$" "does not match"
check "bad attachment: not stored in B's workspace" [ ! -e "$tmp/b/files/${sha:0:2}/$sha" ]

# someone force-pushes a history of their own: the next syncs put everything back
good_case
git -C "$tmp/w" checkout -q --orphan rewrite && git -C "$tmp/w" rm -rqf . && \
  printf '{"channel":"office","format":1}\n' >"$tmp/w/ipcase.json" && git -C "$tmp/w" add ipcase.json && \
  git -C "$tmp/w" commit -qm "history rewritten" && git -C "$tmp/w" push -qf origin rewrite:main
git -C "$tmp/w" checkout -qf main 2>/dev/null
out=$(B sync 2>&1)
check "forced push of another history: B's sync goes on" grep -q " 0 quarantined" <<<"$out"
A sync >/dev/null 2>&1; B sync >/dev/null 2>&1
rm -rf "$tmp/clone" && git clone -q "$tmp/remote.git" "$tmp/clone"
ids=$(cat "$tmp/clone"/ops/*/*/*/*.jsonl 2>/dev/null | python3 -c '
import json,sys
n=0
for l in sys.stdin:
    try: json.loads(l); n+=1
    except ValueError: pass
print(n)')
check "forced push of another history: the remote holds every op again" [ "$ids" -ge "$(A verify | cut -d" " -f1)" ]
check "forced push of another history: the good case imports" grep -q "正常案件$n" <<<"$(B case list)"

# nothing local was lost, and both sides agree on the rest
A sync >/dev/null 2>&1; B sync >/dev/null 2>&1; A sync >/dev/null 2>&1
check "B's own case reached A" grep -q "乙自己的案件" <<<"$(A case list)"
check "A holds all $n good cases" [ "$(A case list | grep -c 正常案件)" = "$n" ]
A export --format json >"$tmp/a.json"; B export --format json >"$tmp/b.json"
check "exports of A and B are identical" cmp -s "$tmp/a.json" "$tmp/b.json"
check "verify on B: 0 failed" grep -q " 0 failed" <<<"$(B verify)"
check "the remote is still clean git" git -C "$tmp/remote.git" fsck --strict --no-progress

# last, as it may stop every later sync: a submodule entry (gitlink) at the path of an ops file
good_case
git -C "$tmp/w" update-index --add --cacheinfo "160000,$(printf '%040d' 1),ops/case/${good: -2}/$good/$actor_b.jsonl"
git -C "$tmp/w" commit -qm "a gitlink where a file should be" && git -C "$tmp/w" push -q origin HEAD:main
expect "gitlink at an ops path" 1 "$actor_b.jsonl" "outside|not a file|submodule"

echo "sync_hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
