#!/usr/bin/env bash
# Screen test of a patent dispute on the case screen (scripted in-memory terminal at 80×24 in
# zh_CN, dumps compared with tests/screen/expected/patent-*.txt): the next-step key s offers
# a request the dispute's steps (受理, 不予受理), not the penalty procedure's; acceptance asks
# for the panel and takes the case number; the mediations tab lists an agreed mediation, and
# a opens the mediation form. Usage: tests/screen/patent.sh path/to/ipcase
set -u
# shellcheck source=../fixtures/screen.sh
. "$(dirname "$0")/../fixtures/screen.sh"
export LANG=zh_CN.UTF-8

screen_officers
id=$(A case add --title 发明专利侵权纠纷（甲公司诉乙公司） --ip-type 发明专利 \
  --handlers 王建国:13010001,李敏:13010002,赵强:13010003)
A case set "$id" procedure=patent_dispute >/dev/null || bad "setup: the procedure"
A mediation add --case "$id" --parties 甲公司,乙公司 --mediator 王建国 --on 2026-03-02 \
  --outcome agreed --agreement 乙公司停止制造并赔偿五万元 --effective-on 2026-03-02 >/dev/null ||
  bad "setup: the mediation"

screen_run "$tmp/a" "size 80 24
keys <Enter>
dump patent-overview
keys s
dump patent-steps
keys <Enter>
dump patent-accept
keys <F2>
dump patent-accepted
keys <S-Tab>
dump patent-mediations
keys a
dump patent-mediation-form"
for s in overview steps accept accepted mediations mediation-form; do
  screen_same "patent-$s"
done
screen_quiet
check "the request's steps are the dispute's, not verification" \
  eval 'grep -q 不予受理 "$tmp/patent-steps" && ! grep -q 核查 "$tmp/patent-steps"'
check "accepted: the dispute's number" grep -q "专裁" <<<"$(A case show "$id" --json)"

screen_finish
