#!/usr/bin/env bash
# Documents (issue 15), read back by independent readers: a trademark case walked from its
# report to its decision issues the papers of each stage; pdftotext finds the case number,
# the party and its USCC, dates in Chinese and the provisions; pdffonts an embedded CJK font;
# no paper addressed to the party names the reporter; `doc verify` knows an issued file,
# refuses a copy with one byte changed, and does not know a stranger's; a document lacking
# data is refused with every missing name; a correction keeps the number and both issues; an
# office's own template wins, and one with an unknown name is refused with file:line.
set -u
bin=${1:?usage: documents.sh IPCASE_BINARY}
tmp=$(mktemp -d /tmp/ipcase-documents-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
# shellcheck source=fixtures/forge.sh
. "$(dirname "$0")/fixtures/forge.sh"
deep_leak_env
export HOME=$tmp IPCASE_TODAY=2026-12-04
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8

ipc() { "$bin" --home "$tmp/ws" "$@"; }
json() { /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
# text PDF: its text as one line, without the blanks and breaks of the layout
text() { pdftotext "$1" - 2>/dev/null | tr -d ' \n\f'; }
# make KIND [ARGS…]: issues a document of the case, its path on stdout
make_doc() { ipc doc make "$c" "$@"; }
# shellcheck source=fixtures/procedure.sh
forge_build "$tmp/forge" || { echo "documents: 0 passed, 1 failed"; exit 1; }
. "$(dirname "$0")/fixtures/procedure.sh"

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null
mkdir -p "$tmp/ws/templates"
printf 'review.court = 石家庄市长安区人民法院\noffice.payment = 中国工商银行石家庄分行（账号见缴款书）\n' \
  >"$tmp/ws/templates/office.txt"

c=$(ipc case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --source report \
  --handlers "$OFFICERS")
ipc party add "$c" --role respondent --name 石家庄某商贸有限公司 --uscc 91130100MA0CUL6X88 \
  --address 石家庄市长安区中山东路1号 >/dev/null
p=$(ipc case show "$c" --json | json '[x["id"] for x in j["parties"]][0]')
ipc set "$p" legal_rep=赵某 >/dev/null
ipc party add "$c" --role reporter --name 举报人钱某某 --phone 13900001111 \
  --address 石家庄市桥西区某小区 >/dev/null
ipc set "$c" cause=销售侵犯注册商标专用权的商品 facts=举报反映当事人销售假冒耐克运动鞋。 >/dev/null

# ---- what the stage can issue; the reporter only on the internal register ----
list=$(ipc doc list "$c")
check "doc list: the source register is ready at the clue" grep -q '^source_register .*ready' <<<"$list"
check "… the decision is not (not at this stage)" grep -q '^decision .*not at this stage' <<<"$list"
check "… the seizure decision names what it lacks: no measure yet" \
  grep -q '^preservation_notice .*no measure' <<<"$list"
reg=$(make_doc source_register)
check "the source register is a PDF where it said" test -s "$reg"
check "… naming the reporter (an internal form)" grep -q 举报人钱某某 <<<"$(text "$reg")"
check "… with an embedded CJK font" grep -Eq 'CJK.*yes +yes' <<<"$(pdffonts "$reg")"
check "… the file is the officer's alone (0600)" [ "$(stat -c %a "$reg")" = 600 ]

# ---- the filing: its approval form carries the head's approval ----
ipc case advance "$c" verifying >/dev/null
ipc set "$c" facts= handlers= >/dev/null
out=$(ipc doc make "$c" file_approval 2>&1); rc=$?
check "the filing form without the facts is refused (exit 1)" [ $rc -eq 1 ]
check "… naming every missing field" grep -q 'case.facts.*case.handlers' <<<"$out"
ipc set "$c" handlers="$OFFICERS" >/dev/null
ipc set "$c" facts='当事人于2026年11月在其经营场所销售标有"NIKE"商标的运动鞋120双，经商标权利人鉴定为侵权商品。' \
  >/dev/null
approve "$c" file
fa=$(make_doc file_approval)
t=$(text "$fa")
check "the filing form: its number in the filing series" grep -q '石市监立〔2026〕' <<<"$t"
check "… the approval: who and the opinion" grep -q '同意' <<<"$t"
check "… the date in Chinese" grep -q '二〇二六年十二月四日' <<<"$t"
ipc case advance "$c" filed >/dev/null
case_no=$(ipc case show "$c" --json | json 'j["case_no"]')

# ---- the interview: questions and answers, two officers ----
printf '问：你店内销售的耐克运动鞋从何处进货？\n答：从广州一个批发市场进的货，没有票据。\n' >"$tmp/qa.txt"
out=$(ipc interview add "$c" --interviewee 张某 --at '2026-12-04 10:30' --place 店内 \
  --officers 王建国:13010001 --qa-file "$tmp/qa.txt" 2>&1); rc=$?
check "an interview by one officer is refused (exit 1)" [ $rc -eq 1 ]
ipc interview add "$c" --interviewee 张某 --role 店长 --at '2026-12-04 10:30' \
  --place 石家庄市长安区中山东路1号 --officers "$OFFICERS" --qa-file "$tmp/qa.txt" \
  --read-back >/dev/null
iv=$(make_doc interview_record)
t=$(text "$iv")
check "the interview record: the answer as given" grep -q '从广州一个批发市场进的货' <<<"$t"
check "… its time in Chinese" grep -q '二〇二六年十二月四日10时30分' <<<"$t"
check "… the read-back" grep -q '与我所说的相符' <<<"$t"
check "… not the reporter" bash -c '! grep -q 钱某某 <<<"$1"' _ "$t"

# ---- the seizure: its decision and the list of items ----
approve "$c" seizure
m=$(ipc measure add "$c" --kind seizure --on 2026-12-04 --officers "$OFFICERS" \
  --reason 涉嫌销售侵犯注册商标专用权的商品 --basis 《中华人民共和国商标法》第六十二条第一款)
out=$(ipc item add "$c" --measure "$m" --name 运动鞋 --quantity 十 --unit 双 2>&1); rc=$?
check "an item whose quantity is no number is refused (exit 1)" [ $rc -eq 1 ]
check "… naming the field" grep -q quantity <<<"$out"
ipc item add "$c" --measure "$m" --name '运动鞋（标有"NIKE"标识）' --spec 42码 --quantity 120 \
  --unit 双 --place 石家庄市市场监督管理局暂扣物品仓库 >/dev/null
sz=$(make_doc seizure_decision)
t=$(text "$sz")
check "the seizure decision: its own number in the seizure series" grep -q '石市监强制〔2026〕' <<<"$t"
check "… the party and its USCC" grep -q 91130100MA0CUL6X88 <<<"$t"
check "… the legal representative" grep -q 赵某 <<<"$t"
check "… the basis" grep -q 商标法》第六十二条 <<<"$t"
check "… the item and its quantity in their row" \
  grep -q '42码 *120 *双' <<<"$(pdftotext -layout "$sz" - | grep 运动鞋)"
check "… 30 days, to the day the law counts" grep -q '二〇二七年一月三日' <<<"$t"
check "… the court of the office's values" grep -q 石家庄市长安区人民法院 <<<"$t"
check "… not the reporter" bash -c '! grep -q 钱某某 <<<"$1"' _ "$t"

# ---- the notice and the decision ----
for s in investigating investigation_closed legal_review; do ipc case advance "$c" "$s" >/dev/null; done
ipc set "$c" provisions_violated='《中华人民共和国商标法》第五十七条第（三）项' \
  provisions_applied='《中华人民共和国商标法》第六十条第二款' \
  penalty='没收侵权商品120双，罚款人民币20000元' fine=20000 illegal_turnover=36000 >/dev/null
nt=$(make_doc penalty_notice)
t=$(text "$nt")
check "the notice: the provisions violated" grep -q '第五十七条' <<<"$t"
check "… its number from the notice's own series (a word of the template)" \
  grep -q '石市监罚告〔2026〕' <<<"$t"
check "… the right to state and defend" grep -q '陈述' <<<"$t"
ipc case advance "$c" notified notified_on=2026-12-04 >/dev/null
ipc set "$c" statement_on=2026-12-04 >/dev/null
approve "$c" decision
ipc case advance "$c" decided decision_type=penalty >/dev/null
out=$(ipc doc make "$c" decision 2>&1); rc=$?
check "a decision without its evidence is refused (exit 1), naming it" \
  bash -c '[ $1 -eq 1 ] && grep -q evidence <<<"$2"' _ $rc "$out"
ipc evidence add "$c" --kind physical --desc 'Nike运动鞋120双，证明当事人销售侵权商品' \
  --at '2026-12-04 11:00' --place 店内 --by 王建国 >/dev/null
ipc set "$c" facts='当事人销售举报人钱某某所指认的运动鞋120双。' >/dev/null
out=$(ipc doc make "$c" decision 2>&1); rc=$?
check "a decision whose facts name the reporter is refused (exit 1)" [ $rc -eq 1 ]
check "… saying where" grep -q 'case.facts' <<<"$out"
ipc set "$c" facts='经核实，线索来自电话 139-0000 1111 的来电。' >/dev/null
out=$(ipc doc make "$c" decision 2>&1); rc=$?
check "… and so is the reporter's phone written with dashes and blanks (exit 1)" \
  bash -c '[ $1 -eq 1 ] && grep -q case.facts <<<"$2"' _ $rc "$out"
ipc set "$c" facts='当事人于2026年11月在其经营场所销售标有"NIKE"商标的运动鞋120双。' >/dev/null
dc=$(make_doc decision)
t=$(text "$dc")
check "the decision: the case number" grep -qF "$case_no" <<<"$t"
check "… the party and its USCC" grep -q 91130100MA0CUL6X88 <<<"$t"
check "… the provisions applied" grep -q '第六十条第二款' <<<"$t"
check "… the fine with its unit" grep -q '20000元' <<<"$t"
check "… review within 60 days, suit within 6 months" \
  bash -c 'grep -q 六十日 <<<"$1" && grep -q 六个月 <<<"$1"' _ "$t"
check "… the review body by default: the city's people's government" grep -q 石家庄市人民政府 <<<"$t"
check "… not the reporter" bash -c '! grep -q 钱某某 <<<"$1"' _ "$t"
check "… nor the reporter's phone" bash -c '! grep -q 13900001111 <<<"$1"' _ "$t"

# ---- the QR code of page 1, read by zbarimg: the office, the number, the content's hash ----
pdftoppm -r 200 -png -f 1 -l 1 -singlefile "$dc" "$tmp/page1"
qr=$(zbarimg --raw -q --nodbus -Sbinary "$tmp/page1.png")
content=$(ipc case show "$c" --json | json '[x["content_sha256"] for x in j["issued"] if x["kind"]=="decision"][-1]')
check "the decision's QR code names the office" grep -q '^石家庄市市场监督管理局$' <<<"$qr"
check "… its number" grep -qxF "$case_no" <<<"$qr"
check "… and the SHA-256 of its content as recorded" grep -qx "SHA-256:$content" <<<"$qr"

# ---- the same decision as DOCX, read by python3-docx ----
dx=$(make_doc decision --format docx -o "$tmp/decision.docx")
docx_text=$(/usr/bin/python3 - "$dx" <<'PY'
import sys, docx
d = docx.Document(sys.argv[1])
parts = [p.text for p in d.paragraphs]
parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
print("".join(parts).replace(" ", ""))
PY
)
check "the DOCX where -o said" [ "$dx" = "$tmp/decision.docx" ]
for want in "$case_no" 石家庄某商贸有限公司 91130100MA0CUL6X88 二〇二六年十二月四日 第六十条第二款; do
  check "… python-docx finds $want" grep -qF "$want" <<<"$docx_text"
done
check "… not the reporter" bash -c '! grep -q 钱某某 <<<"$1"' _ "$docx_text"
check "… and doc verify knows it" ipc doc verify "$dx" >/dev/null

# ---- the papers after the decision: proof of service, the published summary ----
ipc set "$c" service_method=direct >/dev/null
sr=$(make_doc service_receipt)
t=$(text "$sr")
check "the proof of service names the decision served and its number" \
  bash -c 'grep -q 行政处罚决定书 <<<"$1" && grep -qF "$2" <<<"$1"' _ "$t" "$case_no"
check "… and the method" grep -q 直接送达 <<<"$t"
ds=$(make_doc disclosure_summary)
t=$(text "$ds")
check "the published summary: the decision's number, the party, the penalty" \
  bash -c 'grep -qF "$2" <<<"$1" && grep -q 石家庄某商贸有限公司 <<<"$1" && grep -q 20000元 <<<"$1"' \
  _ "$t" "$case_no"
check "… not the reporter" bash -c '! grep -q 钱某某 <<<"$1"' _ "$t"

# ---- every kind made so far, as DOCX too: python3-docx opens each and finds its title ----
# (the filing form, the seizure decision and the notice are past their stage: checked below)
for k in source_register interview_record decision service_receipt disclosure_summary; do
  f=$(make_doc "$k" --format docx -o "$tmp/$k.docx")
  title=$(ipc doc list "$c" --json | json "[d['title'] for d in j if d['kind']=='$k'][0]")
  got=$(/usr/bin/python3 -c 'import sys, docx; print("".join(p.text for p in docx.Document(sys.argv[1]).paragraphs))' "$f" 2>&1)
  check "$k as DOCX: python-docx finds its title $title" grep -q "$title" <<<"$got"
  [ "$k" = source_register ] ||
    check "… and not the reporter" bash -c '! grep -q 钱某某 <<<"$1"' _ "$got"
done

# ---- a person's case transferred to the police: the transfer names the police, masks the ID ----
p2=$(ipc case add --title 个体户销售假冒商标白酒案 --ip-type 商标 --handlers "$OFFICERS")
ipc party add "$p2" --role respondent --name 孙某 --id-number 130102199001011237 \
  --address 石家庄市桥西区某村 >/dev/null
ipc set "$p2" cause=销售假冒注册商标的商品 facts='孙某销售假冒"茅台"白酒60瓶，涉嫌犯罪。' >/dev/null
ipc case advance "$p2" verifying >/dev/null
approve "$p2" file
ipc case advance "$p2" filed >/dev/null
out=$(ipc doc make "$p2" police_transfer 2>&1); rc=$?
check "a police transfer without the police named is refused, naming case.transferred_to" \
  bash -c '[ $1 -eq 1 ] && grep -q case.transferred_to <<<"$2"' _ $rc "$out"
ipc set "$p2" transferred_to=石家庄市公安局桥西分局 >/dev/null
t=$(text "$(ipc doc make "$p2" police_transfer)")
check "the transfer names the police" grep -q 石家庄市公安局桥西分局 <<<"$t"
check "… the person's ID number masked (it leaves the office)" grep -q '130102\*\*\*\*\*\*\*\*1237' <<<"$t"
check "… never in full" bash -c '! grep -q 130102199001011237 <<<"$1"' _ "$t"

# ---- verify: unchanged, changed, not issued here ----
out=$(ipc doc verify "$dc"); rc=$?
check "doc verify: the issued decision is unchanged (exit 0)" [ $rc -eq 0 ]
check "… by the office, on the day, for the case" \
  grep -q "issued by 石家庄市市场监督管理局 on 2026-12-04 for case $case_no.*unchanged" <<<"$out"
cp "$dc" "$tmp/changed.pdf"
size=$(stat -c %s "$tmp/changed.pdf")
printf '\x01' | dd of="$tmp/changed.pdf" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
out=$(ipc doc verify "$tmp/changed.pdf"); rc=$?
check "a copy with one byte changed is refused (exit 1)" [ $rc -eq 1 ]
check "… as changed since issue, naming the issue" \
  grep -q "CHANGED since issue: issued by 石家庄市市场监督管理局 on 2026-12-04 for case $case_no" <<<"$out"
cp "$reg" "$tmp/stranger.pdf"; printf 'x' >>"$tmp/stranger.pdf"
"$bin" --home "$tmp/other" init --office 130100 --office-name 石家庄市市场监督管理局 \
  --officer 李敏 --cert 13010002 >/dev/null
out=$("$bin" --home "$tmp/other" doc verify "$dc"); rc=$?
check "another workspace did not issue it: not issued here (exit 1)" \
  bash -c '[ $1 -eq 1 ] && grep -q "not issued here" <<<"$2"' _ $rc "$out"

# ---- a colleague of the office, synced through a bare repository, can check it too ----
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
git init -q --bare "$tmp/office.git"
ipc remote add office "$tmp/office.git"
"$bin" --home "$tmp/mate" init --office 130100 --office-name 石家庄市市场监督管理局 \
  --officer 李敏 --cert 13010002 >/dev/null
"$bin" --home "$tmp/mate" remote add office "$tmp/office.git"
ipc sync >/dev/null 2>&1; "$bin" --home "$tmp/mate" sync >/dev/null 2>&1
out=$("$bin" --home "$tmp/mate" doc verify "$dc"); rc=$?
check "a colleague's device, after sync, knows the issued decision (exit 0)" \
  bash -c '[ $1 -eq 0 ] && grep -q unchanged <<<"$2"' _ $rc "$out"
check "… without the file itself (not attached: only its hashes travel)" \
  bash -c '! find "$1/files" -type f 2>/dev/null | grep -q .' _ "$tmp/mate"

# ---- a correction keeps the number and both issues ----
n1=$(ipc doc list "$c" --json | json '[d for d in j if d["kind"]=="decision"][0]["issued"][0]["number"]')
dc2=$(ipc doc make "$c" decision --json)
check "a corrected decision keeps its number" [ "$(json 'j["number"]' <<<"$dc2")" = "$n1" ]
check "… says which issue it corrects" [ "$(json 'j["replaces"] is not None' <<<"$dc2")" = True ]
check "… every issue is in the case (the PDF, two DOCX, the correction)" \
  [ "$(ipc doc list "$c" --json | json 'len([d for d in j if d["kind"]=="decision"][0]["issued"])')" = 4 ]
check "… the first still verifies" ipc doc verify "$dc" >/dev/null

# ---- stage, kind, the office's own template ----
out=$(ipc doc make "$c" file_approval 2>&1); rc=$?
check "a filing form after the decision: not at this stage (exit 1)" [ $rc -eq 1 ]
out=$(ipc doc make "$c" no_such_kind 2>&1); rc=$?
check "an unknown kind is a usage error (exit 2)" [ $rc -eq 2 ]
tdir=$(ipc doc templates | sed -n 's/^shipped templates: //p')
sed 's/^title 行政处罚决定书$/title 行政处罚决定书（本局格式）/' "$tdir/decision.tmpl" \
  >"$tmp/ws/templates/decision.tmpl"
check "doc templates: the office's own template is used" \
  grep -q "decision .*office's own" <<<"$(ipc doc templates)"
check "… for the next decision" grep -q '行政处罚决定书（本局格式）' <<<"$(text "$(make_doc decision)")"
printf 'para {case.no_such}\n' >>"$tmp/ws/templates/decision.tmpl"
lines=$(wc -l <"$tmp/ws/templates/decision.tmpl")
out=$(ipc doc make "$c" decision 2>&1); rc=$?
check "an office template with an unknown name: refused (exit 1) with file:line" \
  bash -c '[ $1 -eq 1 ] && grep -q "decision.tmpl:$2: .*case.no_such" <<<"$3"' _ $rc "$lines" "$out"
check "… and in doc list" grep -q "decision.tmpl:$lines:" <<<"$(ipc doc list "$c")"

# ---- a hostile colleague: ops written by hand, correctly signed, pushed to the office ----
# push_forged TYPE SET: a new record of TYPE with SET, signed by the colleague's device
push_forged() {
  local clone=$tmp/clone-$RANDOM key rec line path
  { read -r key; read -r rec; read -r line; } < <(forge "$tmp/mate/device.key" same "$1" new "$2")
  git clone -q "$tmp/office.git" "$clone"
  path="ops/$1/${rec: -2}/$rec/$key.jsonl"
  mkdir -p "$(dirname "$clone/$path")"
  printf '%s\n' "$line" >"$clone/$path"
  git -C "$clone" add -A && git -C "$clone" commit -qm forged && git -C "$clone" push -q origin HEAD:main
  echo "$rec"
}
# quarantined RECORD REASON: the quarantine holds an op of RECORD for REASON
quarantined() {
  ipc quarantine --json | /usr/bin/python3 -c '
import json,re,sys
q=json.load(sys.stdin)
sys.exit(0 if any(sys.argv[1] in x["path"] and re.search(sys.argv[2], x["reason"]) for x in q) else 1)' "$1" "$2"
}
bad_item=$(push_forged item "{\"case_id\":\"$c\",\"name\":\"运动鞋\",\"quantity\":\"-5\",\"unit\":\"双\"}")
lone=$(push_forged interview "{\"case_id\":\"$c\",\"interviewee\":\"张某\",\"started_at\":\"2026-12-04T10:30\",\"place\":\"店内\",\"officers\":[{\"name\":\"李敏\",\"cert\":\"13010002\"}],\"qa\":\"问：？\\n答：。\"}")
fake=$(push_forged issued "{\"case_id\":\"$c\",\"kind\":\"fake_kind\",\"issued_on\":\"2026-12-04\",\"format\":\"pdf\",\"content_sha256\":\"$(printf %064d 0)\",\"sha256\":\"$(printf %064d 1)\"}")
ipc sync >/dev/null 2>&1
check "a peer's item with a quantity below zero is held back, saying why" quarantined "$bad_item" quantity
check "a peer's interview by one officer is held back" quarantined "$lone" "two officers"
check "a peer's issue of a kind that does not exist is refused" quarantined "$fake" "no document kind"
check "… none of them is in the case" \
  [ "$(ipc case show "$c" --json | json "len([x for x in j['item']+j['interview']+j['issued'] if x['id'] in ('$bad_item','$lone','$fake')])")" = 0 ]

# ---- the writers come from the renderer library, loaded when a document is made ----
check "the program itself does not link cairo (doc/render.h)" bash -c "! ldd '$bin' | grep -q libcairo"
issued() { ipc case show "$c" --json | json 'len(j["issued"])'; }
before=$(issued)
out=$(IPCASE_RENDER=$tmp/none.so ipc doc make "$c" source_register 2>&1); rc=$?
check "without the renderer library a document is refused, saying what is missing" \
  bash -c "[ $rc -ne 0 ] && grep -q 'cannot load the document writers' <<<'$out' && grep -q none.so <<<'$out'"
libz=$(ldd "$bin" | sed -n 's/.*libz.so.1 => \([^ ]*\).*/\1/p')
out=$(IPCASE_RENDER=$libz ipc doc make "$c" source_register 2>&1); rc=$?
check "a library that is not ours is refused by name" \
  bash -c "[ $rc -ne 0 ] && grep -q 'is not the document writers of this ipcase' <<<'$out'"
check "… and neither left an issue in the case" [ "$(issued)" = "$before" ]

echo "documents: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
