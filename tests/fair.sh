#!/usr/bin/env bash
# Trade fairs (展会, db/rules/fair; issue 18 item 2): a fair from its setup to a warned
# exhibitor at the next edition — edition 24 of a series with a complaint passed to the IP
# department and an exhibitor found infringing; at edition 25 the same exhibitor by USCC under
# another name is warned, another exhibitor is not, nor is the same one at a fair of another
# series. Refused, naming the field: a 3-day fair without its complaint office, a complaint
# outside the fair's dates, a fair ending before it starts. `due` lists the 24-hour limit
# (configurable) until passed_at is set. A second replica synced through a bare office
# repository sees the warning too; a colleague's forged 5-day fair without a complaint office,
# pushed with the git command line, waits in the quarantine. Usage: tests/fair.sh BIN
set -u
bin=${1:?usage: fair.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-fair-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/workspaces.sh
. "$(dirname "$0")/fixtures/workspaces.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
libgit2_leak_env
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
export IPCASE_TODAY=2026-05-10
# refused WHAT TEXT CMD…: a failure with a message saying TEXT (the field and the rule)
refused() {
  local what=$1 text=$2 out rc; shift 2
  out=$("$@" 2>&1); rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$text" <<<"$out"; then ok "refused: $what"
  else bad "refused: $what (exit $rc: $out)"; fi
}
# due_of ID: the due date `due` lists for that complaint's limit, "" when none
due_of() { w ws due --days 800 --json | json '([r["due"] for r in j if r.get("fair_complaint_id")=="'"$1"'" and r["kind"]=="fair_pass"]+[""])[0]'; }
# warning_of FAIR NAME: "edition finding" of the warning of exhibitor NAME in `fair show`, "-"
# when none
warning_of() { w ws fair show "$1" --json | json '[(x["warning"] or {}).get("edition","-")+" "+(x["warning"] or {}).get("finding","") for x in j["exhibitors"] if x["name"]=="'"$2"'"][0].strip()'; }
uscc=914403001922038216

w ws init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null
forge_build "$tmp/forge" && forge_colleague "$bin" "$tmp/ws" "$tmp/mate" "$tmp/office.git" \
  130100 石家庄市市场监督管理局 || bad "the colleague and the office repository could not be set up"

# ---- edition 24: the complaint office, a complaint passed, an exhibitor found infringing ----
refused "a 3-day fair without its complaint office" "complaint_office: a fair of 3 days keeps an IP complaint office" \
  w ws fair add --name 中国（石家庄）国际动漫博览会 --venue 石家庄国际会展中心 --from 2025-05-09 --to 2025-05-11
refused "a fair ending before it starts" "ends_on: the fair ends (2025-05-08) before it starts" \
  w ws fair add --name 某展 --venue 某馆 --from 2025-05-09 --to 2025-05-08
check "a 2-day fair needs no complaint office" quietly w ws fair add --name 某洽谈会 --venue 某酒店 \
  --from 2025-06-01 --to 2025-06-02
f24=$(w ws fair add --name 中国（石家庄）国际动漫博览会 --edition 第24届 --venue 石家庄国际会展中心 \
  --from 2025-05-09 --to 2025-05-11 --organiser 石家庄市贸促会 --complaint-office "一号馆服务台，张某 13800000000")
check "the 3-day fair with its complaint office is recorded" grep -qE '^[0-9a-f-]{36}$' <<<"$f24"
check "its series is its name when not given" [ "$(w ws fair show "$f24" --json | json 'j["series"]')" = 中国（石家庄）国际动漫博览会 ]
refused "a complaint after the fair ended" "received_at: 2025-05-12T10:00 is outside the fair's dates (2025-05-09 to 2025-05-11)" \
  w ws fair complaint "$f24" --exhibitor 某某公司 --at 2025-05-12T10:00
refused "a complaint without the exhibitor complained of" "exhibitor" \
  w ws fair complaint "$f24" --at 2025-05-10T10:00
c1=$(w ws fair complaint "$f24" --exhibitor 某某动漫科技有限公司 --uscc $uscc --booth A-12 \
  --at 2025-05-10T18:30 --complainant 北京某文化传媒有限公司 --phone 13900001111 --right ZL202130123456.7 \
  --subject 展出外观设计专利侵权玩偶)
check "a complaint received at the fair is recorded" grep -qE '^[0-9a-f-]{36}$' <<<"$c1"
check "due lists the 24-hour limit, due the day it ends (18:30 + 24 h)" [ "$(due_of "$c1")" = 2025-05-11 ]
check "… under the exhibitor complained of" grep -q "fair_pass.*某某动漫科技有限公司" <<<"$(w ws due --days 800)"
w ws due limits fair_pass_hours=6 >/dev/null
check "the limit follows the workspace's setting (6 h from 18:30: the next day)" [ "$(due_of "$c1")" = 2025-05-11 ]
w ws due limits fair_pass_hours=2 >/dev/null
check "… (2 h from 18:30: the same day)" [ "$(due_of "$c1")" = 2025-05-10 ]
w ws due limits fair_pass_hours=24 >/dev/null
refused "passed before it was received" "passed_at: 2025-05-10T09:00 is before received_at" \
  w ws set "$c1" passed_at=2025-05-10T09:00
check "the complaint is passed to the IP department and its exhibits withdrawn" \
  w ws set "$c1" passed_at=2025-05-11T09:00 outcome=撤展 outcome_on=2025-05-11
check "the limit leaves due once passed_at is set" [ -z "$(due_of "$c1")" ]
c2=$(w ws fair complaint "$f24" --exhibitor 某侵权商行 --at 2025-05-11T09:00 --subject 销售假冒注册商标商品)
check "a complaint against an exhibitor without a USCC ends with a case opened" \
  w ws set "$c2" passed_at="2025-05-11 15:00" outcome=立案查处 outcome_on=2025-05-12
x1=$(w ws fair exhibitor "$f24" --name 某某动漫科技有限公司 --uscc $uscc --booth A-12 --finding 侵权 \
  --exhibits 仿冒玩偶 2>&1)
check "an exhibitor found infringing is registered" grep -qE '^[0-9a-f-]{36}$' <<<"$x1"
w ws set "$x1" found_on=2025-05-11 >/dev/null
refused "a finding dated before the fair" "found_on: 2025-05-01 is before the fair starts" \
  w ws set "$x1" found_on=2025-05-01
show=$(w ws fair show "$f24" --json)
check "fair show has the complaint (its phone kept in the office) and the exhibitor" [ "$(json \
  'j["complaints"][0]["complainant_phone"]+" "+j["exhibitors"][0]["finding"]+" "+str(j["exhibitors"][0]["warning"])' <<<"$show")" = \
  "13900001111 infringing None" ]

# ---- edition 25: the same exhibitor by USCC is warned, another is not ----
f25=$(w ws fair add --name "中国（石家庄）国际动漫博览会 2026" --series 中国（石家庄）国际动漫博览会 \
  --edition 第25届 --venue 石家庄国际会展中心 --from 2026-05-09 --to 2026-05-11 \
  --complaint-office 一号馆服务台)
out=$(w ws fair exhibitor "$f25" --name 石家庄某动漫有限公司 --uscc $uscc --booth B-3 2>"$tmp/err")
check "the same exhibitor under another name is registered (ipcase never refuses it)" grep -qE '^[0-9a-f-]{36}$' <<<"$out"
check "… with a warning naming the earlier edition and its finding" \
  grep -q "found infringing before: 第24届 (2025-05-09) infringing 2025-05-11" "$tmp/err"
check "… and that the organiser decides" grep -q "organiser's call" "$tmp/err"
j=$(w ws fair exhibitor "$f25" --name 另一家展商有限公司 --booth C-1 --json 2>"$tmp/err2")
check "another exhibitor has no warning (--json: null)" [ "$(json 'str(j["warning"])' <<<"$j")" = None ]
check "… and nothing on stderr" [ ! -s "$tmp/err2" ]
check "a complaint that ended with a case opened warns too, by name without a USCC (--json)" \
  [ "$(w ws fair exhibitor "$f25" --name 某侵权商行 --json 2>/dev/null \
  | json 'j["warning"]["edition"]+" "+j["warning"]["from"]+" "+j["warning"]["finding"]')" = "第24届 complaint case_opened" ]
check "fair show marks the warned row" grep -q "石家庄某动漫有限公司.*⚠ found infringing before: 第24届" \
  <<<"$(w ws fair show "$f25")"
check "… (⚠ 上届侵权 in Chinese)" grep -q "石家庄某动漫有限公司.*⚠ 上届侵权" <<<"$(LANG=zh_CN.UTF-8 w ws fair show "$f25")"
check "… and not the other exhibitor" [ "$(warning_of "$f25" 另一家展商有限公司)" = - ]
fo=$(w ws fair add --name 中国（北京）国际服务贸易交易会 --venue 首钢园 --from 2026-05-20 --to 2026-05-21)
w ws fair exhibitor "$fo" --name 某某动漫科技有限公司 --uscc $uscc >/dev/null 2>"$tmp/err3"
check "the same exhibitor at a fair of another series is not warned" [ "$(warning_of "$fo" 某某动漫科技有限公司)" = - ]
check "… and nothing on stderr" [ ! -s "$tmp/err3" ]
check "fair list puts the current and coming fairs first" [ "$(w ws fair list --json | json \
  '" ".join(x["id"] for x in j[:2])')" = "$f25 $fo" ]
check "… with their counts" [ "$(w ws fair list --json | json \
  '[str(x["complaints"])+"/"+str(x["exhibitors"]) for x in j if x["id"]=="'"$f24"'"][0]')" = 2/1 ]
zh=$(LANG=zh_CN.UTF-8 w ws fair complaint "$f24" --exhibitor 某 --at 2025-05-12T10:00 2>&1)
check "a refusal in Chinese for a Chinese user" grep -q '展会日期' <<<"$zh"

# ---- a second replica sees the warning; a forged fair waits ----
quietly w ws sync 2>&1
quietly w mate sync 2>&1
check "the colleague's replica has the complaint, its phone too (the office channel carries it among the office's officers)" \
  [ "$(w mate fair show "$f24" --json | json 'j["complaints"][0]["complainant_phone"]')" = 13900001111 ]
check "the colleague's replica sees the warning too" [ "$(w mate fair show "$f25" --json | json \
  '[x["warning"]["edition"] for x in j["exhibitors"] if x["name"]=="石家庄某动漫有限公司"][0]')" = 第24届 ]
rec=$(forge_push "$tmp/office.git" "$tmp/mate/device.key" fair '{"name":"某博览会","series":"某博览会",'\
'"venue":"某馆","starts_on":"2026-06-01","ends_on":"2026-06-05"}')
quietly w ws sync 2>&1
check "a peer's 5-day fair without a complaint office waits in the quarantine, saying why" \
  qhas ws "$rec" complaint_office
check "… and is not among the fairs" [ "$(w ws fair list --json | json \
  'sum(x["id"]=="'"$rec"'" for x in j)')" = 0 ]

echo "fair: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
