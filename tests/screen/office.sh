#!/usr/bin/env bash
# Screen test of the office screen (O) and the status bar's word on the roster (scripted
# in-memory terminal, 80x24, dumps compared with tests/screen/expected/office-*.txt, the
# fingerprints and key prefixes masked): Haidian's administrator (H, holding the office key),
# an officer of Haidian who joins (M) and Shijiazhuang (S, another office with its key). M's
# status bar says "office unverified" before joining and "not admitted" after, in English and
# Chinese; M's screen shows the office key's fingerprint and refuses to admit (no office key);
# H admits M's join request with two roles, M's status bar then says nothing of the roster; H
# revokes M after a no and a yes; H verifies Shijiazhuang's key, a wrong fingerprint refused
# first. Usage: tests/screen/office.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
json() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

H() { "$bin" --home "$tmp/h" "$@"; }
M() { "$bin" --home "$tmp/m" "$@"; }
S() { "$bin" --home "$tmp/s" "$@"; }
quiet_sync() { for w in "$@"; do "$w" sync >/dev/null 2>&1 || bad "setup: $w sync"; done; }
# The keys are made on every run: their fingerprints (whole, wrapped across lines, or their
# tail right of a menu's frame) and the key prefixes of the roster's messages are masked before
# comparing, as is the clock of the last sync in Chinese.
office_same() {
  [ -f "$tmp/$1" ] && perl -Mutf8 -CSD -pi -e 's/\b\d{4}(?: \d{4})+\b|(?<=│)\d+$/$& =~ s#\d#9#gr/ge;
    s/\b[0-9a-f]{12}…/xxxxxxxxxxxx…/g; s/同步于 \d\d-\d\d \d\d:\d\d/同步于 MM-DD hh:mm/g' "$tmp/$1"
  screen_same "$1"
}
# member DEVICE_FP FIELD: a field of a member of H's roster.
member() { H office members --json | json "[m['$2'] for m in j if m['fingerprint'] == '$1']"; }

git init -q --bare "$tmp/office.git"
git init -q --bare "$tmp/collab.git"
H init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 张海 --cert 11010801 \
  --create-office >/dev/null
M init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010802 >/dev/null
S init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  --create-office >/dev/null
H remote add origin "$tmp/office.git"
M remote add origin "$tmp/office.git"
H remote add collab "$tmp/collab.git" --channel collab
S remote add collab "$tmp/collab.git" --channel collab
quiet_sync H S H # Shijiazhuang's office key seen in Haidian through the collaboration channel
hfp=$(H office show --json | json 'j["fingerprint"]')
sfp=$(S office show --json | json 'j["fingerprint"]')
mfp=$(M office show --json | json 'j["device_fingerprint"]')

# M before joining: no office key known
screen_run "$tmp/m" "size 80 24
keys O
dump office-unverified"
office_same office-unverified
check "not joined: the status bar says the office is unverified" \
  grep -q "office unverified  unsynced" "$tmp/office-unverified"

# M joins by the fingerprint H reads out; after a sync M knows the key but is not admitted
M office join "$hfp" --note 新调入 >/dev/null
quiet_sync M H M
screen_run "$tmp/m" "size 80 24
dump office-m-list
keys O
dump office-joined
keys j<Enter><Enter><Enter>
dump office-m-refused"
check "joined: the status bar says not admitted" grep -q " not admitted  unsynced" "$tmp/office-m-list"
check "the screen shows the office key's fingerprint" grep -q "Office key   $hfp" "$tmp/office-joined"
check "admitting on a device without the office key: the roster's refusal" \
  grep -q "^this device does not hold the key of office 110108" "$tmp/office-m-refused"
office_same office-joined
office_same office-m-refused
LANG=zh_CN.UTF-8 screen_run "$tmp/m" "size 80 24
keys O
dump office-joined-zh"
office_same office-joined-zh
check "in Chinese: the status bar says 未加入机构名册" grep -q "未加入机构名册  未同步" "$tmp/office-joined-zh"

# H admits M's join request with two roles
screen_run "$tmp/h" "size 80 24
keys O
dump office-admin
keys j<Enter>
dump office-request-menu
keys <Enter><C-u>
type handler,reviewer
keys <Enter>
dump office-admitted"
office_same office-admin
office_same office-request-menu
office_same office-admitted
check "the join request is shown with its note" grep -q "note: 新调入" "$tmp/office-admin"
check "admitted from the screen" [ "$(member "$mfp" state)" = "['admitted']" ]
check "... with the roles typed" [ "$(member "$mfp" roles)" = "[['handler', 'reviewer']]" ]

quiet_sync H M
screen_run "$tmp/m" "size 80 24
dump office-m-admitted"
check "admitted: the status bar says nothing of the roster" \
  eval '! grep -Eq "not admitted|office unverified" "$tmp/office-m-admitted"'
check "... and still shows the counts" grep -q " unsynced 0  synced" "$tmp/office-m-admitted"

# H revokes M: no first, then yes and a reason
screen_run "$tmp/h" "size 80 24
keys Oj<Enter>j<Enter>
dump office-revoke-ask
keys n
dump office-revoke-no
keys <Enter>j<Enter>y
type 调离本局
keys <Enter>
dump office-revoked
keys <Enter>
dump office-revoked-again"
office_same office-revoke-ask
office_same office-revoked
check "the question says a revocation cannot be undone" \
  grep -q "^Revoke the device of 李明 (11010802)? It cannot be undone. (y/n)" "$tmp/office-revoke-ask"
check "no: nothing written" grep -q "李明 (11010802)  admitted" "$tmp/office-revoke-no"
check "revoked from the screen" [ "$(member "$mfp" state)" = "['revoked']" ]
check "... with its reason" [ "$(member "$mfp" reason)" = "['调离本局']" ]
check "a revoked device offers nothing" \
  grep -q "^A revocation cannot be undone: nothing to do." "$tmp/office-revoked-again"

# H verifies Shijiazhuang's key: a wrong fingerprint is refused, the one read out accepted
screen_run "$tmp/h" "size 80 24
keys Ojj
dump office-other
keys <Enter>
type 1111 2222 3333 4444 5555 6666 7777 8888
keys <Enter>
dump office-verify-wrong
keys <Enter>
type $sfp
keys <Enter>
dump office-verified"
office_same office-other
office_same office-verified
check "another office is listed unverified with its fingerprint" \
  grep -q "130100 石家庄市市场监督管理局  unverified" "$tmp/office-other"
check "a wrong fingerprint: the roster's refusal" \
  grep -q "^the key of office 130100 in the channel has another fingerprint" "$tmp/office-verify-wrong"
check "verified from the screen" \
  [ "$(H office keys --json | json '[o["verified"] for o in j if o["code"] == "130100"]')" = "[True]" ]
check "... and shown verified" grep -q "130100 石家庄市市场监督管理局  verified" "$tmp/office-verified"
screen_quiet
screen_finish
