#!/usr/bin/env bash
# Renders the pages kept for review (issue 15): page 1 of a 行政处罚决定书 and of a 询问笔录
# of a sample trademark case, as PNG beside this script. Run by `make doc-samples`; read the
# pictures before committing them. Usage: make.sh IPCASE_BINARY
set -eu
bin=${1:?usage: make.sh IPCASE_BINARY}
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/ipcase-samples-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp IPCASE_TODAY=2026-12-04 LANG=C.UTF-8
ipc() { "$bin" --home "$tmp/ws" "$@"; }
. "$(dirname "$0")/../../tests/fixtures/procedure.sh"

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 >/dev/null
mkdir -p "$tmp/ws/templates"
printf 'review.court = 石家庄市长安区人民法院\noffice.payment = 中国工商银行石家庄分行（账号见缴款书）\n' \
  >"$tmp/ws/templates/office.txt"
c=$(ipc case add --title 销售假冒耐克运动鞋案 --ip-type 商标 --source report --handlers "$OFFICERS")
ipc party add "$c" --role respondent --name 石家庄某商贸有限公司 --uscc 91130100MA0CUL6X88 \
  --address 石家庄市长安区中山东路1号 >/dev/null
ipc set "$c" cause=销售侵犯注册商标专用权的商品 \
  facts='当事人于2026年11月在其经营场所销售标有"NIKE"商标的运动鞋120双，经商标权利人鉴定为侵权商品，违法经营额36000元。' \
  provisions_violated='《中华人民共和国商标法》第五十七条第（三）项' \
  provisions_applied='《中华人民共和国商标法》第六十条第二款' \
  penalty='没收侵权商品120双，罚款人民币20000元' fine=20000 illegal_turnover=36000 >/dev/null
ipc case advance "$c" verifying >/dev/null
approve "$c" file
ipc case advance "$c" filed >/dev/null
printf '%s\n' '问：我们是石家庄市市场监督管理局的执法人员，这是我们的执法证件，你是否看清楚？' \
  '答：看清楚了。' '问：你店内销售的耐克运动鞋从何处进货？有无票据？' \
  '答：从广州一个批发市场进的货，共150双，没有票据。' '问：已经卖出多少双？售价多少？' \
  '答：卖出30双，每双300元。' >"$tmp/qa.txt"
ipc interview add "$c" --interviewee 张某 --role 店长 --at '2026-12-04 10:30' \
  --ended '2026-12-04 11:10' --place 石家庄市长安区中山东路1号 --officers "$OFFICERS" \
  --recorder 李敏 --qa-file "$tmp/qa.txt" --read-back >/dev/null
interview=$(ipc doc make "$c" interview_record)
ipc evidence add "$c" --kind physical --desc '标有"NIKE"商标的运动鞋120双，证明当事人销售侵权商品' \
  >/dev/null
ipc evidence add "$c" --kind statement --desc '张某询问笔录，证明进货来源及销售情况' >/dev/null
for s in investigating investigation_closed legal_review; do ipc case advance "$c" "$s" >/dev/null; done
ipc case advance "$c" notified notified_on=2026-12-04 >/dev/null
ipc set "$c" statement_on=2026-12-04 >/dev/null
approve "$c" decision
ipc case advance "$c" decided decision_type=penalty >/dev/null
decision=$(ipc doc make "$c" decision)
for f in decision:"$decision" interview_record:"$interview"; do
  pdftoppm -r 60 -png -f 1 -l 1 -singlefile "${f#*:}" "$out/${f%%:*}-page1"
done
echo "written: $out/decision-page1.png $out/interview_record-page1.png"
