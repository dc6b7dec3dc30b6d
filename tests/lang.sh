#!/usr/bin/env bash
# The language test (issue 19, item 2): under LANG=zh_CN.UTF-8 every batch command `ipcase
# help` lists — its --help, a run with typical arguments on a demo workspace, and bad input (no
# arguments, a wrong id, an unknown status, a bad date) — and every screen a key of `ipcase
# keys` opens, from the case list and from a case, speak Chinese: tests/fixtures/english.py
# fails a line with an English word outside identifiers, codes and file names (its docstring
# has the rule). A check per command and per screen; the offending lines are printed.
# Usage: tests/lang.sh path/to/ipcase
set -u
bin=${1:?usage: $0 path/to/ipcase}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/tests/fixtures/verdict.sh"
tmp=$(mktemp -d /tmp/ipcase-lang-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp IPCASE_TODAY=2026-03-02 TZ=UTC IPCASE_CONFIG=/dev/null
export LANG=zh_CN.UTF-8 LANGUAGE=zh_CN
unset LC_ALL LC_MESSAGES
locale -a 2>/dev/null | grep -qix 'zh_CN.utf8' ||
  bad "zh_CN.UTF-8 is generated (make deps does it as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
cd "$tmp" || exit 1
mkdir out
n=0

# out LABEL CMD…: runs CMD, its stdout and stderr kept as one of LABEL's outputs.
out() {
  local label=$1; shift
  n=$((n + 1))
  "$@" >"out/$n" 2>&1
  printf '%s\t%s\n' "$label" "$tmp/out/$n" >>manifest
}
# I LABEL ARGS…: ipcase on the demo workspace.
I() { local label=$1; shift; out "$label" "$bin" --home "$tmp/ws" "$@"; }
# id ARGS…: the id a command that makes a record prints (its last line).
id() { "$bin" --home "$tmp/ws" "$@" 2>/dev/null | tail -1; }

out init "$bin" --home "$tmp/ws" init --office 130100 --office-name 石家庄市市场监督管理局 \
  --officer 王建国 --cert 13010001 --case-prefix 冀石市监处罚 --create-office
I demo demo --cases 50
out help "$bin" help
# every command: its --help (kept as its first output; the help's column is narrow, so a
# long name's help may follow one blank: the usage line says which words the command is)
mkdir help
i=0
"$bin" help | sed -n '/^命令/,$p' | grep -oE '^  [a-z][a-z-]*( [a-z][a-z-]*)?' | sed 's/^  //' |
  while read -r c; do
    read -ra w <<<"$c"
    h=help/$((++i))
    "$bin" "${w[@]}" --help >"$h" 2>&1
    [[ $(head -1 "$h") == *"ipcase $c "* ]] || { c=${w[0]}; "$bin" "$c" --help >"$h" 2>&1; }
    printf '%s\t%s\n' "$c" "$tmp/$h" >>manifest
    # one that needs arguments: its usage goes on with something not in brackets
    [[ $(head -1 "$h") == *"ipcase $c "[^[]* ]] && echo "$c" >>needs-arguments
    echo "$c"
  done >commands
check "help lists the commands (about a hundred)" test "$(wc -l <commands)" -gt 90

# ---- every command that needs arguments, with none ----
while read -r c; do
  read -ra w <<<"$c"
  I "$c" "${w[@]}"
done <needs-arguments

# ---- typical arguments ----
cases=$("$bin" --home ws case list --limit 200)
C=$(awk '$2 == "调查取证" {print $1; exit}' <<<"$cases")
D=$(awk '$2 == "决定" {print $1; exit}' <<<"$cases")
N=$(id case add --title 侵犯注册商标专用权案 --ip-type 商标 --region 130102 --place 新华路商店)
I "case add" case add --title 侵犯注册商标专用权案 --ip-type 商标 --region 长安 --handlers 王建国:13010001
I "case list" case list --status 立案 --query 耐克
I "case list" case list --overdue --by-due --limit 5
I "case show" case show "$C"
I "case show" case show "$D"
I "case set" case set "$N" notes=现场检查发现
I "case set" case set "$N" clue_on=2026-13-45
I "case advance" case advance "$N" 立案
I "case advance" case advance "$N" 不存在的状态
I "case advance" case advance "$C" 陈述申辩
P=$(id party add "$N" --role 当事人 --name 某某商贸有限公司 --uscc 91130100MA0CX4TD85)
I "party add" party add "$N" --role 权利人 --name 某某鞋业有限公司 --uscc 91130100MA0CX4TD8X
I "party add" party add "$N" --role 不存在 --name 某某
I "evidence add" evidence add "$N" --kind 书证 --desc 销售单据 --at 2026-03-01T09:30
I "evidence add" evidence add "$N" --kind 书证 --desc 照片 --file /nonexistent/照片.jpg
S=$(id inspection add --place-kind 商铺 --place 新华路商店 --at 2026-03-01T09:30 --findings 发现假冒运动鞋 \
  --inspectors 王建国:13010001,孙海涛:13010007)
I "inspection add" inspection add --place-kind 商铺 --place 新华路商店 --at 明天
I "inspection clue" inspection clue "$S" --ip-type 商标
X=$(id case add --title 待删除案 --ip-type 商标)
I "case delete" case delete "$X"
I "deleted" deleted
I "restore" restore "$X"
I "delete" delete "$P"
I "restore" restore "$P"
I "set" set "$N" place=胜利街商店
I "set" set "$N" status=不存在
I "resolve" resolve "$N" title
I "log" log "$N"
I "verify" verify
out "export" "$bin" --home ws export --format json -o /dev/null
I "export" export --format xml
I "ledger" ledger --format csv -o ledger.csv --from 2025-01-01 --to 2026-12-31
I "ledger" ledger --format csv -o ledger.csv --from 2026-02-30
I "demo" demo --cases 1
git init -q --bare remote.git
I "remote add" remote add x1 "$tmp/remote.git" # a remote name is data: two characters, no word
I "remote list" remote list
I "sync" sync
I "quarantine" quarantine
I "gc" gc
I "remote remove" remote remove x1
I "remote remove" remote remove x2
I "keys" keys
I "pause add" pause add "$N" --kind 听证 --from 2026-03-01
I "pause add" pause add "$N" --kind 听证 --from 2026-03-45
Q=$(id intake add --channel 12315平台 --received 2026-03-01 --kind 投诉 --subject 售假运动鞋 --name 张三 \
  --phone 13800000000 --respondent 某某商贸有限公司)
R=$(id intake add --channel 12345转办 --received 2026-03-01 --kind 举报 --subject 售假 --anonymous)
I "intake list" intake list --all
I "intake show" intake show "$Q"
I "intake accept" intake accept "$Q"
I "intake told" intake told "$Q"
I "intake feedback" intake feedback "$Q" --text 已立案调查
I "intake refuse" intake refuse "$R" --reason 不属于本部门职责
I "intake link" intake link "$Q" "$N"
I "intake clue" intake clue "$R" --ip-type 商标
I "measure add" measure add "$C" --kind 查封扣押 --on 2026-03-01 --officers 王建国:13010001,孙海涛:13010007 --items 运动鞋
I "measure add" measure add "$C" --kind 查封扣押 --on 2026-03-01 --officers 王建国:13010001
I "item add" item add "$C" --name 运动鞋 --quantity 10 --unit 双
I "interview add" interview add "$C" --interviewee 张三 --at 2026-03-01T10:00 --place 办公室 \
  --officers 王建国:13010001,孙海涛:13010007 --qa $'问：你的姓名？\n答：张三。'
I "doc list" doc list "$C"
I "doc make" doc make "$C" 询问笔录 -o interview.pdf
I "doc make" doc make "$C" 不存在的文书
I "doc verify" doc verify interview.pdf
I "doc verify" doc verify ledger.csv
I "doc templates" doc templates
A=$(id approval ask "$N" file --reason 证据充分)
I "approval ask" approval ask "$C" extend_verify
I "approvals" approvals --all
I "approval answer" approval answer "$A" approve --opinion 同意
I "approval answer" approval answer "$A" 也许
I "discussion add" discussion add "$C" --purpose major_case --on 2026-03-01 \
  --participants 王建国:13010001,孙海涛:13010007 --conclusion 同意处罚
printf '2026\n' >calendar.txt
I "calendar import" calendar import calendar.txt
I "calendar add-workdays" calendar add-workdays 2026-03-02 5
I "calendar workdays" calendar workdays 2026-03-01 2026-03-31
I "calendar years" calendar years
I "numbering" numbering
I "numbering" numbering 不存在=冀
W=$(id credit publish "$D" --on 2026-03-01)
I "credit show" credit show "$D"
I "credit publish" credit publish "$D" --on 2026-03-45
I "credit withdraw" credit withdraw "$W" --on 2026-03-02
I "credit decide" credit decide 0000dead granted --reason 已整改
I "credit repair" credit repair "$D" --applied-on 2026-03-02
I "credit history" credit history "$D"
I "mediation add" mediation add --parties 张三,李四 --mediator 王建国 --on 2026-03-01 --outcome agreed \
  --agreement 赔偿五千元
I "mediation list" mediation list
I "police thresholds" police thresholds
T=$(id police transfer "$C" --reported-on 2026-03-01 --reporters 王建国:13010001,孙海涛:13010007)
I "police transfer" police transfer "$C" --reported-on 2026-03-01 --reporters 王建国:13010001
I "police show" police show "$T"
I "police list" police list
I "due limits" due limits
I "due" due --days 30
I "due" due --case "$C"
I "due" due --days 三十
I "stats" stats --period 2025
I "stats" stats --period 2025Q4 --by status
I "stats" stats --period 2025-13
I "office list" office list
I "office show" office show
I "office members" office members
I "office keys" office keys
I "office create" office create
I "office verify" office verify 130100 0123456789abcdef
I "office join" office join 1234
I "office admit" office admit 0000
K=$(id collab new --kind 协助调查 --to 110108 --subject 请协助调查 --case "$C" --days 10 --draft)
I "collab new" collab new --kind 不存在 --to 110108 --subject 请协助调查
I "collab show" collab show "$K"
I "collab send" collab send "$K"
I "collab verify" collab verify "$K"
I "collab list" collab list --all
I "handoff" handoff "$C" --to 110108
I "techfield add" techfield add 0101 --zh 电路
I "techfield list" techfield list
V=$(id investigator add --name 赵工 --org 某研究所 --fields 电子信息 --contact 13900000000)
I "investigator list" investigator list
I "investigator show" investigator show "$V"
I "investigator export" investigator export --output investigators.csv
I "investigator set" investigator set "$V" contact=13900000001
I "investigator import" investigator import calendar.txt
I "suggest" suggest "$C"
G=$(id assign "$C" "$V" --tasks 分析,判断 --due 2026-03-30)
I "assign" assign "$C" "$V" --tasks 不存在
I "assignment list" assignment list
I "assignment show" assignment show "$G"
I "assignment advance" assignment advance "$G" 不存在
I "assignment opinion" assignment opinion "$G" --text 比对结论：一致
F=$(id fair add --name 石家庄商品交易会 --venue 国际会展中心 --from 2026-03-01 --to 2026-03-05 \
  --complaint-office 一号馆服务台王经理)
I "fair add" fair add --name 某展会 --venue 会展中心 --from 2026-03-01 --to 2026-03-05
I "fair list" fair list
I "fair show" fair show "$F"
I "fair complaint" fair complaint "$F" --exhibitor 某某公司 --booth A01
I "fair exhibitor" fair exhibitor "$F" --name 某某公司 --booth A01 --finding infringing
I "market add" market add --name 新华路市场 --kind 批发市场 --interval 30
I "market list" market list
I "trademark add" trademark add --mark 耐克 --holder 耐克国际有限公司 --classes 25
I "trademark list" trademark list
for v in C D N P S X Q R A W T K V G F; do # the records the commands above worked on
  [ -n "${!v}" ] || bad "setup: record $v was made"
done
# a wrong id, for every command whose first argument is one
for c in "case show" "case advance" "party add" "log" "intake show" "credit show" "fair show" \
  "investigator show" "assignment show" "police show" "collab show" "doc list" "restore"; do
  read -ra w <<<"$c"
  I "$c" "${w[@]}" 0000dead
done

# ---- every screen a key opens, from the list and from a case; the case's tabs and the form
# a opens on each ----
# screen LABEL KEYS…: the screen at 100x30 after the keys, its dump one of LABEL's outputs
screen() {
  local label=$1; shift
  rm -f dump
  { echo "size 100 30"; printf 'keys %s\n' "$@"; echo "dump $tmp/dump"; } >script
  out "$label" env IPCASE_SCRIPT=script "$bin" --home ws
  # what the screen showed; what the program printed stays in the output
  if [ -s dump ]; then cat dump >>"out/$n"; else echo "no dump" >>"out/$n"; fi
}
"$bin" --home ws case set "$C" notes=当事人称货品从外地进货 >/dev/null # on top: the fullest case
"$bin" keys | grep -oE '^  [^ ]+' | sed 's/^  //' | grep -vE '^(q|<C-l>)$' >keys
check "keys lists the screen's keys" test "$(wc -l <keys)" -gt 40
while read -r k; do
  screen "screen list $k" "$k"
  screen "screen case $k" "<Enter>" "$k"
done <keys
tabs=()
for i in 1 2 3 4 5 6 7; do
  screen "screen case tab $i" "<Enter>" "${tabs[@]}"
  screen "screen case tab $i form" "<Enter>" "${tabs[@]}" a
  tabs+=("<Tab>")
done

# ---- the verdict: a check per command and per screen ----
/usr/bin/python3 "$root/tests/fixtures/english.py" "$root" commands manifest >verdict
while IFS=$'\t' read -r label line words; do
  case $label in
  ok\ *) ok "${label#ok }" ;;
  bad\ *) bad "${label#bad }: $line  [$words]" ;;
  esac
done <verdict
# the rule itself fails an English sentence and passes the identifiers it names
printf 'x\t%s\n' "$tmp/probe" >probe-manifest
printf '用法：ipcase case add --title T\n见 `ipcase help`、--home、ended_on=日期、CASE_ID、01a24e1f-0b3d\n' >probe
check "the rule passes identifiers, options and placeholders" \
  grep -qx 'ok x' <(/usr/bin/python3 "$root/tests/fixtures/english.py" "$root" commands probe-manifest)
echo '案件 decision 已作出' >>probe
check "the rule fails an English word in a Chinese line" \
  grep -q '^bad x.*decision$' <(/usr/bin/python3 "$root/tests/fixtures/english.py" "$root" commands probe-manifest)
echo 'complaint_office：展期 5 天' >probe
check "the rule fails a field's name where its label belongs" \
  grep -q '^bad x.*complaint_office$' <(/usr/bin/python3 "$root/tests/fixtures/english.py" "$root" commands probe-manifest)
echo "lang: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
