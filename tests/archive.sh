#!/usr/bin/env bash
# Archive and delete (issue 14, item 5): an archived case is read-only — `case set`, a new
# party, a pause, a handoff refused with the way to reopen it, an approval still asked — and a
# colleague's edit written after the archiving (offline, then synced through a bare
# repository) is quarantined on import with that reason. Deleting in a script asks nothing
# but says what went with the record; `restore` brings it back; `deleted` lists who deleted
# what and when; the history keeps both ops.
set -u
bin=${1:?usage: archive.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-archive-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp IPCASE_TODAY=2026-03-02

# archive NAME CASE: takes the case from clue to archived (not filed) in workspace NAME, with
# the head's approval of not filing that the procedure asks for.
archive() {
  w "$1" case advance "$2" verifying >/dev/null && approve_in "$1" "$2" not_file &&
  w "$1" case advance "$2" not_filed >/dev/null &&
  w "$1" case advance "$2" archived >/dev/null
}

git init -q --bare "$tmp/office.git"
w a init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
w b init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
w a remote add office "$tmp/office.git"
w b remote add office "$tmp/office.git"

# ---- deleting and restoring in a script ----
c=$(w a case add --title 耐克运动鞋商标侵权案 --ip-type 商标 --handlers 王建国:13010001,李敏:13010002)
p1=$(w a party add "$c" --role respondent --name 石家庄某商贸有限公司)
p2=$(w a party add "$c" --role complainant --name 耐克公司)
echo 进货单 >"$tmp/bill.jpg"
w a evidence add "$c" --kind 书证 --desc 进货单 --file "$tmp/bill.jpg" >/dev/null
out=$(w a case delete "$c"); rc=$?
check "case delete: exit 0, no question" [ $rc -eq 0 ]
check "… says what went with it" grep -qx "deleted case 耐克运动鞋商标侵权案 and what belongs to it: party 2, evidence 1, files 1" <<<"$out"
check "… and how to bring it back" grep -qx "to bring it back: ipcase restore $c" <<<"$out"
check "the case is gone from the list" [ -z "$(w a case list)" ]
out=$(w a deleted)
check "deleted: the case, by whom" grep -qP "^$c  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  王建国  case 耐克运动鞋商标侵权案$" <<<"$out"
check "deleted --json: type, name, deleted_by" [ "$(w a deleted --json | json '[(x["type"], x["name"], x["deleted_by"]) for x in j]')" = "[('case', '耐克运动鞋商标侵权案', '王建国')]" ]
w a case delete "$c" >/dev/null 2>"$tmp/err"
check "deleting it again: exit 1" [ $? -eq 1 ]
check "… saying it is deleted already" grep -q "is deleted already" "$tmp/err"
out=$(w a restore "$c"); rc=$?
check "restore: exit 0, says what came back" [ $rc -eq 0 ] && grep -q "^restored case 耐克运动鞋商标侵权案 and what belongs to it: party 2" <<<"$out"
check "the case is in the list again" grep -q 耐克运动鞋商标侵权案 <<<"$(w a case list)"
check "nothing is deleted now" [ "$(w a deleted)" = "nothing is deleted" ]
w a restore "$c" >/dev/null 2>"$tmp/err"
check "restoring a live record: exit 1, not deleted" grep -q "is not deleted" "$tmp/err"
w a delete "$p1" >/dev/null
check "delete of a party: deleted lists it with its case" grep -qP "^$p1  .*  王建国  party 石家庄某商贸有限公司  \(of case 耐克运动鞋商标侵权案\)$" <<<"$(w a deleted)"
w a delete "$p2" >/dev/null
check "… a complainant by its id: its name is confidential" grep -qP "^$p2  .*  party $p2  " <<<"$(w a deleted)"
w a case delete "$p1" >/dev/null 2>&1
check "case delete of a party: usage (exit 2)" [ $? -eq 2 ]
check "history keeps the deletion and the restoring" [ "$(w a log "$c" --json | json '[o["set"].get("deleted") for o in j if "deleted" in o["set"]]')" = "[True, False]" ]
w a restore "$p1" >/dev/null && w a restore "$p2" >/dev/null

# ---- an archived case is read-only ----
w a sync >/dev/null 2>&1 && w b sync >/dev/null 2>&1
check "archived (clue → verifying → not filed → archived)" archive a "$c"
w a case set "$c" fine=1 >/dev/null 2>"$tmp/err"
check "case set fine=1 on an archived case: exit 1" [ $? -eq 1 ]
check "… saying it is archived and read-only" grep -q "is archived and read-only" "$tmp/err"
check "… and how to reopen it" grep -q "ipcase approval ask $c reopen --reason WHY; once the head approves, ipcase case advance $c closed" "$tmp/err"
check "… and the fine is not set" [ "$(w a case show "$c" --json | json 'j.get("fine")')" = None ]
w a party add "$c" --role respondent --name 另一家店 >/dev/null 2>"$tmp/err"
check "a new party of an archived case: refused" grep -q "is archived and read-only" "$tmp/err"
w a set "$p2" name=耐克创新有限合伙 >/dev/null 2>"$tmp/err"
check "an edit of its party: refused" grep -q "is archived and read-only" "$tmp/err"
w a pause add "$c" --kind 鉴定 --from 2026-03-03 >/dev/null 2>"$tmp/err"
check "a paused period: refused" grep -q "is archived and read-only" "$tmp/err"
w a case delete "$c" >/dev/null 2>"$tmp/err"
check "deleting it: refused" grep -q "is archived and read-only" "$tmp/err"
w a handoff "$c" --to 110108 >/dev/null 2>"$tmp/err"
check "a handoff: refused, the case is archived" grep -q "an archived case is not handed off" "$tmp/err"
w a approval ask "$c" reopen --reason 发现新证据 >/dev/null 2>"$tmp/err"
check "asking to reopen is not refused as read-only" bash -c '! grep -q "read-only" "$1"' _ "$tmp/err"

# ---- a colleague's edit written after the archiving, offline ----
# b holds the case as it was before the archiving; its edit is later than the archive.
w b case set "$c" fine=1 >/dev/null
w b party add "$c" --role respondent --name 另一家店 >/dev/null
w a sync >/dev/null 2>&1
out=$(w b sync 2>&1)
out=$(w a sync 2>&1)
check "a's sync quarantines b's two later ops" grep -q " 2 quarantined" <<<"$out"
check "… with the reason" [ "$(w a quarantine | grep -c "is archived and read-only")" -ge 2 ]
check "a's copy is unchanged: no fine" [ "$(w a case show "$c" --json | json 'j.get("fine")')" = None ]
check "… and no new party" bash -c '! grep -q 另一家店 <<<"$1"' _ "$(w a case show "$c")"

echo "archive: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
