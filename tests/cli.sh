#!/usr/bin/env bash
# The batch commands as a script uses them: exit codes, messages, --help, --json, files.
set -u
bin=${1:?usage: cli.sh IPCASE_BINARY}
home=$(mktemp -d /tmp/ipcase-cli-XXXXXX)
trap 'rm -rf "$home" "$home.f"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
ipc() { "$bin" --home "$home/ws" "$@"; }

out=$(ipc case list 2>&1); rc=$?
check "no workspace: exit 1" [ $rc -eq 1 ]
check "no workspace: says how to create one" grep -q "ipcase --home $home/ws init" <<<"$out"

ipc init --office 999999 --office-name X --officer Y --cert 1 >/dev/null 2>&1
check "init refuses an unknown office code" [ $? -eq 2 ]
check "init" ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 \
  --cert 13010001 --case-prefix 冀石市监处罚
ipc init --office 130100 --office-name A --officer B --cert 2 >/dev/null 2>&1
check "init refuses to overwrite a workspace" [ $? -eq 1 ]
check "workspace folder is 0700" [ "$(stat -c %a "$home/ws")" = 700 ]
check "database is 0600" [ "$(stat -c %a "$home/ws/ipcase.db")" = 600 ]

for c in "init" "case add" "case list" "case show" "case set" "case advance" "party add" \
         "evidence add" "inspection add" "set" "resolve" "log" "verify" "export" "demo"; do
  # shellcheck disable=SC2086
  out=$("$bin" $c --help 2>&1) && grep -q "^usage: ipcase $c" <<<"$out" || { bad "--help of $c"; continue; }
done
ok "every command has --help"

id=$(ipc case add --title "销售假冒耐克运动鞋案" --ip-type 商标 --region 130100 --place 南三条市场)
check "case add prints a uuid" grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-' <<<"$id"
ipc case add --title x --ip-type 专利 >/dev/null 2>&1
check "unknown IP type refused" [ $? -eq 1 ]
ipc case add --title x >/dev/null 2>&1
check "missing ip type refused" [ $? -eq 1 ]
ipc party add "$id" --role respondent --name 某公司 --uscc 914403001922038217 2>"$home/err"
check "bad USCC check digit refused" [ $? -eq 1 ]
check "and the message names the right check character" grep -q "should be 6" "$home/err"
check "party with a valid USCC" ipc party add "$id" --role 当事人 --name 张三 --uscc 914403001922038216

printf 'photo bytes\n' >"$home.f"
eid=$(ipc evidence add "$id" --kind photo --desc "现场照片" --file "$home.f" --at "2026-03-14 10:30")
want=$(sha256sum "$home.f" | cut -c1-64)
got=$(ipc case show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["evidence"][0]["file_sha256"])')
check "evidence file hashed" [ "$got" = "$want" ]
check "evidence file copied into the workspace" cmp -s "$home.f" "$home/ws/files/${want:0:2}/$want"
check "evidence file is 0600" [ "$(stat -c %a "$home/ws/files/${want:0:2}/$want")" = 600 ]

json=$(ipc case list --json)
check "case list --json has the documented keys" python3 -c '
import json,sys; r=json.loads(sys.argv[1])[0]
assert all(k in r for k in ("id","title","status","ip_type","region")), r
assert r["title"]=="销售假冒耐克运动鞋案" and r["status"]=="clue"' "$json"
check "JSON keeps Chinese unescaped" grep -q "销售假冒" <<<"$json"
check "search of two characters" grep -q "$id" <<<"$(ipc case list --query 张三)"
check "search by status" [ -z "$(ipc case list --status filed)" ]

ipc case advance "$id" filed >/dev/null 2>&1
check "clue cannot jump to filed" [ $? -eq 1 ]
check "advance to verifying" ipc case advance "$id" 核查
ipc case advance "$id" filed 2>"$home/err"
check "filing without two handlers refused" grep -q "two or more handlers" "$home/err"
check "set handlers" ipc case set "$id" handlers=王建国:13010001,李敏:13010002
ipc case advance "$id" filed 2>"$home/err"
check "filing without the head's approval refused, saying how to ask" grep -q "approval ask" "$home/err"
aid=$(ipc approval ask "$id" file --reason 证据确凿)
check "the head sees the approval waiting" grep -q 证据确凿 <<<"$(ipc approvals)"
check "the head approves" ipc approval answer "$aid" approve --opinion 同意立案
check "... and nothing waits any more" grep -q "nothing waits" <<<"$(ipc approvals)"
out=$(ipc case advance "$id" filed)
check "filing allocates a case number" grep -q "冀石市监处罚〔20[0-9][0-9]〕13010001-1号" <<<"$out"
ipc case set "$id" status=closed >/dev/null 2>&1
check "status cannot be set directly" [ $? -eq 2 ]
check "log shows who changed what" grep -q "status = filed" <<<"$(ipc log "$id")"
check "verify" grep -q "0 failed" <<<"$(ipc verify)"
ipc export --format json >"$home/a.json"
ipc export --format json >"$home/b.json"
check "export is stable" cmp -s "$home/a.json" "$home/b.json"
check "export is valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$home/a.json"
ipc export --format csv >/dev/null 2>&1
check "unknown export format refused" [ $? -eq 2 ]

# a workspace written before a record type or a field existed: its table and column appear at
# the next open, in schema order, and the new type can be written
# (the last field of an inspection is market_id, whose index goes first)
sqlite3 "$home/ws/ipcase.db" "DROP INDEX t_inspection_market;
  ALTER TABLE t_inspection DROP COLUMN market_id; DROP TABLE t_pause;"
ipc case list >/dev/null
check "an older workspace gets the new type's table at open" \
  [ "$(sqlite3 "$home/ws/ipcase.db" "SELECT count(*) FROM pragma_table_info('t_pause')")" -gt 6 ]
check "... and the new field's column, last" \
  [ "$(sqlite3 "$home/ws/ipcase.db" "SELECT name FROM pragma_table_info('t_inspection') ORDER BY cid DESC LIMIT 1")" = market_id ]
check "... and its index again (made by the key market's open hook, after the columns)" \
  [ "$(sqlite3 "$home/ws/ipcase.db" "SELECT count(*) FROM sqlite_master WHERE name = 't_inspection_market'")" = 1 ]
ipc pause add "$id" --kind 鉴定 --from 2026-03-03 >/dev/null
check "... and the new type is written" [ $? -eq 0 ]

# every command parses with cli/opt: "--x=V" as "--x V", positional arguments anywhere, an
# unknown option or a missing value is bad usage (exit 2) with the command's usage
id2=$(ipc case add --title=等号标题 --ip-type=商标 --notes=备注)
check "case add takes --title=V" [ "$(ipc case show --json "$id2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')" = 等号标题 ]
check "party add with its options before the case id" ipc party add --role=当事人 --name 李四 "$id2"
check "... the party is on that case" grep -q 李四 <<<"$(ipc case show "$id2")"
eid=$(ipc evidence add --file="$home.f" --kind=photo --desc 前置 "$id2")
check "evidence add --file=PATH before the case id" grep -Eq '^[0-9a-f]{8}-' <<<"$eid"
check "case list --status=V --limit=V" grep -q "$id" <<<"$(ipc case list --limit=0 --status=filed)"
check "case list --ip-type V --json" [ "$(ipc case list --ip-type 商标 --status clue --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -ge 1 ]
ipc case add --title x --ip-type 商标 --bogus 1 >/dev/null 2>"$home/err"; rc=$?
check "an unknown option: exit 2" [ $rc -eq 2 ]
check "... with what was wrong and the command's usage" \
  eval 'grep -q "unknown argument --bogus" "$home/err" && grep -q "^usage: ipcase case add --title" "$home/err"'
ipc case list --status 2>"$home/err"; rc=$?
check "an option without its value: exit 2" [ $rc -eq 2 ]
check "... says so" grep -q -- "--status needs a value" "$home/err"
ipc case show "$id2" "$id" >/dev/null 2>"$home/err"
check "case show with two ids: exit 2" [ $? -eq 2 ]
ipc party add "$id2" "$id" --role 当事人 --name 王五 >/dev/null 2>&1
check "party add with two case ids: exit 2" [ $? -eq 2 ]
check "set takes several FIELD=VALUE" ipc set "$id2" notes=一 place=二 source=report region=130100
check "... and sets them all" [ "$(ipc case show "$id2" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["notes"]+r["place"]+r["source"])')" = 一二report ]
inv=$(ipc investigator add --name 赵一 --org 某研究院 --fields integrated_circuits)
check "investigator set takes more than three FIELD=VALUE" \
  ipc investigator set "$inv" region=130100 qualification=高级工程师 contact=139 organisation=某大学
check "... and sets them all" [ "$(ipc investigator show "$inv" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["region"], d["qualification"], d["contact"], d["organisation"])')" = "130100 高级工程师 139 某大学" ]
ipc set "$id2" notes 2>"$home/err"
check "set: a word that is no FIELD=VALUE: exit 2" [ $? -eq 2 ]
check "... names it" grep -q "expected FIELD=VALUE, not notes" "$home/err"
ipc set --bogus "$id2" notes=x 2>/dev/null
check "set: an unknown option: exit 2" [ $? -eq 2 ]
ipc case advance "$id2" notes=x 2>"$home/err"
check "case advance without a status: exit 2" [ $? -eq 2 ]
check "... asks for it" grep -q "give the new status" "$home/err"
ipc case advance "$id2" 不存在 2>"$home/err"
check "case advance to an unknown status: exit 2" [ $? -eq 2 ]
check "case advance with FIELD=VALUE before the status" ipc case advance "$id2" notes=核查中 核查
check "... both applied" [ "$(ipc case show "$id2" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["status"], r["notes"])')" = "verifying 核查中" ]
ipc resolve "$id2" 2>"$home/err"
check "resolve without the field: exit 2" [ $? -eq 2 ]
ipc verify extra 2>"$home/err"; rc=$?
check "verify takes no argument: exit 2 with its usage" \
  eval '[ $rc -eq 2 ] && grep -q "^usage: ipcase verify" "$home/err"'
check "keys --man" grep -q '^\.TP' <<<"$(ipc keys --man)"
ipc keys --bogus 2>/dev/null
check "keys: an unknown option: exit 2" [ $? -eq 2 ]
ipc gc extra 2>"$home/err"; rc=$?
check "gc takes no argument: exit 2 with its usage" \
  eval '[ $rc -eq 2 ] && grep -q "^usage: ipcase gc" "$home/err"'
ipc sync a b 2>"$home/err"
check "sync with two names: exit 2" [ $? -eq 2 ]
ipc sync --bogus 2>"$home/err"; rc=$?
check "sync with an unknown option: exit 2 with its usage" \
  eval '[ $rc -eq 2 ] && grep -q "^usage: ipcase sync" "$home/err"'
ipc remote remove 2>"$home/err"
check "remote remove without a name: exit 2" [ $? -eq 2 ]
ipc remote remove a b 2>/dev/null
check "remote remove with two names: exit 2" [ $? -eq 2 ]
check "due limits: --json before NAME=NUMBER" [ "$(ipc due limits --json patent_accept_workdays=7 | python3 -c 'import json,sys; print([l["value"] for l in json.load(sys.stdin) if l["name"]=="patent_accept_workdays"][0])')" = 7 ]
ipc due limits --bogus 2>/dev/null
check "due limits: an unknown option: exit 2" [ $? -eq 2 ]
ipc office list --bogus 2>/dev/null
check "office list: an unknown option: exit 2" [ $? -eq 2 ]
check "collab list --outbox --json" [ "$(ipc collab list --outbox --json)" = "[]" ]
ipc collab list --bogus 2>/dev/null
check "collab list: an unknown option: exit 2" [ $? -eq 2 ]
ipc collab reply 00000000 --file 2>"$home/err"
check "collab reply --file without a path: exit 2" [ $? -eq 2 ]
check "... says so" grep -q -- "--file needs a value" "$home/err"
printf 'second file\n' >"$home/g"
rid=$(ipc collab new --file="$home.f" "$home/g" --kind 案情通报 --to 120113 --subject s --draft)
check "collab new --file=PATH PATH…: every path up to the next option is attached" \
  [ "$(ipc collab show "$rid" --json | python3 -c 'import json,sys; print(" ".join(s.get("file_name") or "-" for s in json.load(sys.stdin)["thread"]))')" = "${home##*/}.f g" ]
ipc collab new --kind 案情通报 --to 120113 --subject s --days 0 2>"$home/err"
check "collab new --days out of range: exit 2" [ $? -eq 2 ]

# the exit status says what kind of failure it was (docs/ipcase.1, EXIT STATUS)
ipc case add --ip-type 商标 2>"$home/err"; rc=$?
check "a rule refuses a case without a title: exit 1" [ $rc -eq 1 ]
check "... and says which field" grep -q "title is required" "$home/err"
ipc nosuchcommand >/dev/null 2>&1
check "an unknown command is bad usage: exit 2" [ $? -eq 2 ]
ipc case show 00000000 2>"$home/err"; rc=$?
check "no record with that id: exit 3" [ $rc -eq 3 ]
check "... and says so" grep -q "no record with id 00000000" "$home/err"
ipc log 0000000000000000 >/dev/null 2>&1
check "log of an id nobody wrote: exit 3" [ $? -eq 3 ]
ipc evidence add "$id" --kind photo --desc x --file "$home/no-such-file" >/dev/null 2>&1
check "a file that cannot be read: exit 5" [ $? -eq 5 ]
# two cases of the same millisecond share their first 12 id characters
a=$(IPCASE_FAKE_NOW_MS=1772443800000 ipc case add --title 甲 --ip-type 商标)
IPCASE_FAKE_NOW_MS=1772443800000 ipc case add --title 乙 --ip-type 商标 >/dev/null
ipc case show "${a:0:12}" >/dev/null 2>"$home/err"; rc=$?
check "an ambiguous id: exit 4" [ $rc -eq 4 ]
check "... and says to give more characters" grep -q "ambiguous" "$home/err"

# ---- the listing commands: --json, or a line each and what follows ----
git init -q --bare "$home/remote.git"
ipc remote add origin "$home/remote.git" >/dev/null
check "remote list: a line with name, channel and URL" \
  grep -Eq "^origin +office +$home/remote.git\$" <<<"$(ipc remote list)"
check "remote list --json: the same remote" \
  [ "$(ipc remote list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])')" = origin ]
check "quarantine: the count after the rows" [ "$(ipc quarantine)" = "0 items in quarantine" ]
check "techfield list: a built-in field on its own line" \
  grep -Eq '^biomedicine +生物医药$' <<<"$(ipc techfield list)"
check "techfield list --json: the built-in fields" \
  [ "$(ipc techfield list --json | python3 -c 'import json,sys; print(sum(f["builtin"] for f in json.load(sys.stdin)))')" = 12 ]
check "quarantine --json: an empty list" [ "$(ipc quarantine --json | tr -d ' \n')" = "[]" ]

# forgiving input (issue 19, item 4): dates, moments, amounts, codes and regions as officers
# write them, read into their stored form (base/typed); --home after the command
fid=$(ipc case add --title 宽容输入案 --ip-type 商标 --region 石家庄)
ipc case set "$fid" clue_on=2026/3/2 fine=5万元 confiscated=12,345.5 >/dev/null
ipc party add "$fid" --role 当事人 --name 某商行 --uscc 91130100ma0cul6x88 >/dev/null
ipc inspection add --case "$fid" --place-kind 市场 --place 某市场 --at "2026.3.2 9:05" \
  --inspectors 王建国:13010001,李敏:13010002 >/dev/null
check "2026/3/2, 5万元, 12,345.5, 石家庄, a lower-case USCC and 2026.3.2 9:05 are read" \
  [ "$(ipc case show "$fid" --json | python3 -c 'import json,sys; d=json.load(sys.stdin)
print(d["clue_on"], d["fine"], d["confiscated"], d["region"], d["parties"][0]["uscc"], d["inspection"][0]["inspected_at"])')" \
  = "2026-03-02 50000 12345.5 130100 91130100MA0CUL6X88 2026-03-02T09:05" ]
out=$(ipc case set "$fid" clue_on=2026/13/2 2>&1)
check "a month 13 is still refused, saying what a date is" grep -q "YYYY-MM-DD" <<<"$out"
out=$(ipc case set "$fid" fine=五万 2>&1)
check "an amount in words is refused, with an example" grep -q "5000" <<<"$out"
check "--home after the command is the workspace used" \
  grep -q 宽容输入案 <("$bin" case list --home "$home/ws")
check "... so is --home=DIR among the command's options" \
  grep -q 宽容输入案 <("$bin" case list --limit 5 --home="$home/ws")

# the list's filters and order (issue 19, item 5): a handler, a region by name, a date range
# of the clue's registration, the next deadline first
l1=$(ipc case add --title 过滤甲案 --ip-type 商标 --region 保定 --handlers 赵六:13069999,钱七:13069998)
ipc case set "$l1" clue_on=2026/1/5 >/dev/null
l2=$(ipc case add --title 过滤乙案 --ip-type 商标 --region 130100)
ipc case set "$l2" clue_on=2026-02-10 >/dev/null
titles() { ipc case list "$@" --limit 0 --json | python3 -c 'import json,sys; print(" ".join(sorted(r["title"] for r in json.load(sys.stdin) if r["title"].startswith("过滤"))))'; }
check "case list --handler: the cases that officer handles" [ "$(titles --handler 钱七)" = 过滤甲案 ]
check "case list --region by name: the cases of that region and below" [ "$(titles --region 保定)" = 过滤甲案 ]
check "case list --from/--to: the clues registered then (dates as typed)" \
  [ "$(titles --from 2026/2/1 --to 20260228)" = 过滤乙案 ]
out=$(ipc case list --region 上海 2>&1)
check "a region outside 京津冀 is refused, saying what is expected" grep -q "京津冀" <<<"$out"
by_due() {
  ipc case list --by-due --limit 0 --json | python3 -c 'import json,sys
d = [r["next_due"] or "9999" for r in json.load(sys.stdin)]
sys.exit(not (d == sorted(d) and len(set(d)) > 2))'
}
check "case list --by-due: the soonest next deadline first, cases without one last" by_due

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
