#!/usr/bin/env bash
# The investigator pool and assignments as officers of two offices use them: a generated pool
# of 500 imported from CSV with its bad rows reported by line, export → import round trip,
# recusal refusal and override, assignments made in two offices (each with its own office
# remote, one shared collab remote, bare repositories) converging through the collab remote,
# and the confidential opinion and contact never in the collab remote's objects.
set -u
bin=${1:?usage: investigator.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-investigator-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
A() { "$bin" --home "$tmp/a" "$@"; }
B() { "$bin" --home "$tmp/b" "$@"; }
C() { "$bin" --home "$tmp/c" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

A init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
B init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 陈静 --cert 11010801 >/dev/null
C init --office 120113 --office-name 天津市北辰区市场监督管理局 --officer 刘洋 --cert 12011301 >/dev/null

for c in "investigator add" "investigator list" "investigator show" "investigator set" \
         "investigator import" "investigator export" "techfield add" "techfield list" \
         "assign" "suggest" "assignment list" "assignment show" "assignment advance" \
         "assignment opinion"; do
  # shellcheck disable=SC2086
  out=$("$bin" $c --help 2>&1) && grep -q "^usage: ipcase $c" <<<"$out" || { bad "--help of $c"; continue; }
done
ok "every investigator command has --help"

# ---- a pool of 500 from a spreadsheet, with bad rows ----
python3 - "$tmp/pool.csv" <<'EOF'
import csv, sys
fields = ["集成电路", "electronics", "生物医药", "software_data", "新材料", "机械", "汽车", "化工"]
regions = ["130100", "130200", "130600", "110108", "110105", "120113", "120101", "131000"]
pools = ["provincial", "national", "judicial"]
alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def uscc(n):
    body = "9113010%010d" % n
    s = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + alphabet[(31 - s % 31) % 31]
rows = [["姓名", "工作单位", "技术领域", "区划", "来源库", "职称与资格", "联系方式", "利益关联单位"]]
for i in range(500):
    rows.append(["调查官%03d" % i, "某研究院第%d研究所" % (i % 37), fields[i % 8] + ";" + fields[(i * 3 + 1) % 8],
                 regions[i % 8], pools[i % 3], "高级工程师", "1390000%04d" % i,
                 "关联公司%03d:%s" % (i, uscc(i)) if i % 5 == 0 else ""])
bad = [["坏行甲", "某大学", "航天", "130100", "", "", "", ""],          # unknown field
       ["坏行乙", "某大学", "机械", "999999", "", "", "", ""],          # unknown region
       ["坏行丙", "某大学", "机械", "130100", "", "", "", "91440300192203821X"],  # USCC check
       ["", "某大学", "机械", "130100", "", "", "", ""]]                # no name
for k, row in enumerate(bad):  # after data rows 100, 200, 300, 400 (file lines 102, 203 …)
    rows.insert(101 * (k + 1), row)
with open(sys.argv[1], "w", newline="", encoding="utf-8-sig") as f:
    csv.writer(f).writerows(rows)
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write('坏行丁,"未闭合的引号,机械,130100,,,,\r\n')          # line 506
EOF
out=$(A investigator import "$tmp/pool.csv" 2>"$tmp/err"); rc=$?
check "import with bad rows exits 1" [ $rc -eq 1 ]
check "the 500 good rows are imported" grep -q "^500 added, 0 updated, 0 unchanged, 5 rejected$" <<<"$out"
check "unknown field reported at line 102" grep -q "^ipcase: line 102: fields: unknown value \"航天\"" "$tmp/err"
check "bad region reported at line 203" grep -q "^ipcase: line 203: region: \"999999\"" "$tmp/err"
check "bad USCC reported at line 304" grep -q "^ipcase: line 304: interests: check character" "$tmp/err"
check "missing name reported at line 405" grep -q "^ipcase: line 405: name is required" "$tmp/err"
check "unclosed quote reported at line 506" grep -q "^ipcase: line 506: a quoted field is not closed" "$tmp/err"
check "the pool holds 500" [ "$(A investigator list --limit 0 --json | json 'len(d)')" = 500 ]
check "list filters by field and city" [ "$(A investigator list --limit 0 --field 集成电路 --region 130100 --json | json 'len(d)')" -gt 0 ]
check "filter by field keeps only that field" python3 -c '
import json,sys; d=json.loads(sys.argv[1]); assert d and all("integrated_circuits" in x["fields"] for x in d)' \
  "$(A investigator list --limit 0 --field integrated_circuits --json)"

A investigator export --output "$tmp/a.csv"
out=$(A investigator import "$tmp/a.csv")
check "re-importing the export changes nothing" grep -q "^0 added, 0 updated, 500 unchanged, 0 rejected$" <<<"$out"
check "export → import into another workspace" grep -q "^500 added" <<<"$(C investigator import "$tmp/a.csv")"
C investigator export --bom --output "$tmp/c.csv"
check "export starts with a BOM when asked" [ "$(head -c3 "$tmp/c.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "round trip: the same pool, contacts and interests included" python3 -c '
import csv,sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return sorted(r[1:] for r in csv.reader(f))
a, c = rows(sys.argv[1]), rows(sys.argv[2])
assert a == c and len(a) == 501, (len(a), len(c))' "$tmp/a.csv" "$tmp/c.csv"

# ---- recusal in office A ----
inv_of() { "$bin" --home "$tmp/$1" investigator list --query "$2" --json | json 'd[0]["id"]'; }
x=$(inv_of a 调查官000)   # declares 关联公司000 and its USCC
y=$(inv_of a 调查官008)
ca=$(A case add --title "电路布图侵权案" --ip-type 集成电路布图设计 --region 130100)
A case set "$ca" tech_field=集成电路
A party add "$ca" --role 当事人 --name "关联公司000" >/dev/null
A assign "$ca" "$x" --tasks 调查,分析 >/dev/null 2>"$tmp/err"; rc=$?
check "a conflicted investigator is refused (exit 1)" [ $rc -eq 1 ]
check "the refusal names the matching party" grep -q "关联公司000, the respondent of this case" "$tmp/err"
out=$(A suggest "$ca" --json)
check "suggest puts the conflicted one last, refused" python3 -c '
import json,sys; d=json.loads(sys.argv[1]); x=sys.argv[2]
assert d[-1]["id"] == x and not d[-1]["eligible"], d[-1]
assert all(e["eligible"] for e in d[:-1]) and all("reasons" in e and e["reasons"] for e in d)
assert "integrated_circuits" in d[0]["fields"], d[0]' "$out" "$x"
a1=$(A assign "$ca" "$x" --tasks 调查,分析 --due 2099-12-31 --override-reason "该工艺仅此一人熟悉，当事人书面同意")
check "the override assigns" grep -Eq '^[0-9a-f-]{36}$' <<<"$a1"
check "the override reason is in the history" grep -q "override_reason = 该工艺仅此一人熟悉" \
  <<<"$(A log "$(A assignment show "$a1" --json | json 'd["recusal_id"]')")"
check "case show lists the case's assignment (its child types come from the schema)" \
  [ "$(A case show "$ca" --json | json '[a["id"] for a in d["assignment"]]')" = "['$a1']" ]
check "… and the text form names it" grep -q "^assignment $a1" <<<"$(A case show "$ca")"

# ---- two offices, one collab remote ----
for r in a-office b-office collab; do git init -q --bare "$tmp/$r.git"; done
A remote add office "$tmp/a-office.git" >/dev/null
A remote add collab "$tmp/collab.git" --channel collab >/dev/null
B remote add office "$tmp/b-office.git" >/dev/null
B remote add collab "$tmp/collab.git" --channel collab >/dev/null
out=$(A sync 2>&1)
check "A syncs its office and collab" grep -q "^collab: received 0 ops (0 records), sent 501," <<<"$out"
out=$(B sync collab 2>&1)
check "B receives the pool through collab" grep -q "^collab: received 501 ops (501 records)" <<<"$out"
check "B holds the pool A imported" [ "$(B investigator list --limit 0 --json | json 'len(d)')" = 500 ]
check "B never sees A's contacts" [ "$(B investigator show "$y" --json | json 'd["contact"]')" = None ]
check "A sees its own contact" [ "$(A investigator show "$y" --json | json 'd["contact"]')" = 13900000008 ]

cb=$(B case add --title "芯片专利侵权纠纷" --ip-type 发明专利 --region 110108)
B case set "$cb" tech_field=integrated_circuits
b1=$(B assign "$cb" "$x" --tasks 勘验)
b2=$(B assign "$cb" "$y" --tasks judge)
a2=$(A assign "$ca" "$y" --tasks 询问)
check "assignments made in both offices" [ -n "$b1" ] && [ -n "$b2" ] && [ -n "$a2" ]
A assignment advance "$a1" notified && A assignment advance "$a1" accepted && A assignment advance "$a1" in_progress
printf 'FILE-SECRET-91b2 布图比对表\n' >"$tmp/table.txt"
A assignment opinion "$a1" --text "OPINION-SECRET-7f3a 被控布图与登记布图实质相同" --file "$tmp/table.txt" >/dev/null
check "the opinion moves the assignment on" [ "$(A assignment show "$a1" --json | json 'd["status"]')" = opinion_submitted ]
B assignment advance "$b2" declined --reason 时间冲突
for s in A B A B; do "$s" sync >/dev/null 2>&1 || bad "sync of $s"; done
A assignment list --json >"$tmp/a.json"; B assignment list --json >"$tmp/b.json"
check "assignments converge in both offices" cmp -s "$tmp/a.json" "$tmp/b.json"
check "… all four of them" [ "$(json 'len(d)' <"$tmp/a.json")" = 4 ]
A investigator list --limit 0 --json >"$tmp/a.json"; B investigator list --limit 0 --json >"$tmp/b.json"
check "the pool and its workload converge" cmp -s "$tmp/a.json" "$tmp/b.json"
check "workload counts both offices' open assignments" [ "$(A investigator show "$x" --json | json 'd["open_assignments"]')" = 1 ]
check "… and B's declined one is not workload" [ "$(B investigator show "$y" --json | json 'd["open_assignments"]')" = 1 ]
check "B sees A's assignment, named by A's office" [ "$(B assignment show "$a1" --json | json 'd["office_name"]')" = 石家庄市市场监督管理局 ]
check "B sees its status" [ "$(B assignment show "$a1" --json | json 'd["status"]')" = opinion_submitted ]
check "B never holds A's opinion" [ "$(B assignment show "$a1" --json | json 'd["opinion"]')" = None ]
B assignment advance "$a1" closed >/dev/null 2>"$tmp/err"; rc=$?
check "B cannot act on A's assignment (exit 1)" [ $rc -eq 1 ]
check "… told it is A's office's" grep -q "belongs to office 130100: only its officers change it" "$tmp/err"

objects() { git -C "$1" cat-file --batch-all-objects --batch; }
check "the opinion text is in A's office remote" grep -q "OPINION-SECRET-7f3a" <(objects "$tmp/a-office.git")
check "… with its file" grep -q "FILE-SECRET-91b2" <(objects "$tmp/a-office.git")
check "the opinion text never reaches the collab remote" bash -c '! grep -q "OPINION-SECRET-7f3a" <(git -C "$1" cat-file --batch-all-objects --batch)' _ "$tmp/collab.git"
check "nor its file" bash -c '! grep -q "FILE-SECRET-91b2" <(git -C "$1" cat-file --batch-all-objects --batch)' _ "$tmp/collab.git"
check "nor a contact" bash -c '! grep -q "13900000008" <(git -C "$1" cat-file --batch-all-objects --batch)' _ "$tmp/collab.git"
check "nor the override reason" bash -c '! grep -q "当事人书面同意" <(git -C "$1" cat-file --batch-all-objects --batch)' _ "$tmp/collab.git"
types=$(git -C "$tmp/collab.git" ls-tree -r --name-only main | awk -F/ '$1=="ops"{print $2}' | sort -u | tr '\n' ' ')
check "the collab remote carries only pool and assignment records" [ "$types" = "assignment investigator " ]
check "git fsck of the collab remote is clean" git -C "$tmp/collab.git" fsck --strict --no-progress

# an office record pushed into the collab channel by hand is refused by every office
git clone -q -b main "$tmp/collab.git" "$tmp/w"
leak=$(git -C "$tmp/a-office.git" ls-tree -r --name-only main | grep '^ops/case/' | head -1)
mkdir -p "$tmp/w/$(dirname "$leak")"
git -C "$tmp/a-office.git" show "main:$leak" >"$tmp/w/$leak"
git -C "$tmp/w" add -A
git -C "$tmp/w" -c user.name=x -c user.email=x@example.org commit -qm "a case in collab"
git -C "$tmp/w" push -q origin HEAD:main
out=$(B sync collab 2>&1)
n=$(wc -l <"$tmp/w/$leak")
check "every op of a case in the collab channel is quarantined ($n)" grep -q ", $n quarantined," <<<"$out"
check "… saying it does not travel there" grep -q "does not travel in this channel" <<<"$(B quarantine)"
check "… and B holds no case of A's" bash -c '! grep -q 电路布图侵权案 <<<"$("$@" case list)"' _ "$bin" --home "$tmp/b"

echo "investigator: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
