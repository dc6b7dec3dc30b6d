#!/usr/bin/env bash
# The calendar and deadline commands as a morning script uses them: calendar add-workdays,
# workdays, import and years; due with --days, --mine, --overdue, --case and --json; pause add
# and measure add moving a deadline; due limits. IPCASE_TODAY fixes the date.
set -u
bin=${1:?usage: deadline.sh IPCASE_BINARY}
home=$(mktemp -d /tmp/ipcase-due-XXXXXX)
trap 'rm -rf "$home"' EXIT
# shellcheck source=fixtures/verdict.sh
. "$(dirname "$0")/fixtures/verdict.sh"
ipc() { "$bin" --home "$home/ws" "$@"; }
# shellcheck source=fixtures/procedure.sh
. "$(dirname "$0")/fixtures/procedure.sh"
export IPCASE_TODAY=2026-03-02

ipc init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
  >/dev/null || { bad "init"; exit 1; }

for c in "calendar import" "calendar add-workdays" "calendar workdays" "calendar years" \
         "due" "due limits" "pause add" "measure add"; do
  # shellcheck disable=SC2086
  out=$(ipc $c --help 2>&1) && grep -q "^usage: ipcase $c" <<<"$out" || { bad "--help of $c"; continue; }
done
ok "the new commands have --help"

# ---- the calendar ----
check "春节 2026: Friday + 1 is the make-up Saturday" [ "$(ipc calendar add-workdays 2026-02-13 1)" = 2026-02-14 ]
check "春节 2026: the make-up Saturday + 1 is after the holiday" [ "$(ipc calendar add-workdays 2026-02-14 1)" = 2026-02-24 ]
check "国庆 2025: 09-30 + 1" [ "$(ipc calendar add-workdays 2025-09-30 1)" = 2025-10-09 ]
check "国庆 2026: 15 working days" [ "$(ipc calendar add-workdays 2026-09-24 15)" = 2026-10-22 ]
check "0 days on a holiday: the next working day" [ "$(ipc calendar add-workdays 2026-10-01 0)" = 2026-10-08 ]
check "working days across 春节 2025" [ "$(ipc calendar workdays 2025-01-24 2025-02-08)" = 6 ]
check "negative when TO is before FROM" [ "$(ipc calendar workdays 2025-02-08 2025-01-24)" = -6 ]
out=$(ipc calendar add-workdays 2026-12-30 3)
check "a date in 2027 is computed on weekends" grep -q "^2027-01-04" <<<"$out"
check "… and says it is unconfirmed" grep -q "unconfirmed" <<<"$out"
check "a confirmed answer says nothing more" [ "$(ipc calendar add-workdays 2026-12-01 5)" = 2026-12-08 ]
check "--json answer" python3 -c '
import json,sys; a=json.loads(sys.argv[1]); assert a=={"date":"2027-01-04","confirmed":False}, a' \
  "$(ipc calendar add-workdays 2026-12-30 3 --json)"
ipc calendar add-workdays 2026-02-30 1 >/dev/null 2>"$home/err"
check "an impossible date is refused (exit 1)" [ $? -eq 1 ]
check "… naming it" grep -q "2026-02-30" "$home/err"
ipc calendar add-workdays 2026-02-10 x >/dev/null 2>&1
check "N must be a number (exit 2)" [ $? -eq 2 ]
ipc calendar workdays 2026-02-10 >/dev/null 2>&1
check "workdays needs two dates (exit 2)" [ $? -eq 2 ]

cat >"$home/bad.txt" <<'EOF'
year 2027
2027-01-01 off 元旦
2027-01-04 work
EOF
ipc calendar import "$home/bad.txt" >/dev/null 2>"$home/err"
check "a make-up day on a Monday is refused (exit 1)" [ $? -eq 1 ]
check "… with FILE:LINE and the reason" grep -q "bad.txt:3: 2027-01-04 is a Monday" "$home/err"
check "… and nothing is imported" [ "$(ipc calendar years | cut -f1 | tr '\n' ' ')" = "2025 2026 " ]

# ---- deadlines ----
mk() { # CLUE_ON [handlers]: a new case registered on CLUE_ON
  IPCASE_TODAY=$1 ipc case add --title "销售假冒注册商标商品案$1" --ip-type 商标 \
    --handlers "${2:-王建国:13010001,李敏:13010002}"
}
late=$(mk 2026-01-05)                  # verification due 2026-01-26
soon=$(mk 2026-02-27)                  # due 2026-03-19
other=$(mk 2026-02-10 张伟:13010009)   # due 2026-03-09, another officer's
done_=$(mk 2026-02-10)
ipc case advance "$done_" transferred >/dev/null

out=$(ipc due --days 30)
check "due lists every open deadline within the window" [ "$(wc -l <<<"$out")" = 3 ]
check "soonest first" [ "$(cut -f1 <<<"$out" | tr '\n' ' ')" = "2026-01-26 2026-03-09 2026-03-19 " ]
check "a line: date, kind, case, title, days left" grep -qP "^2026-01-26\tverification\t$late\t销售假冒注册商标商品案2026-01-05\t-35$" <<<"$out"
check "days left count calendar days" grep -qP "\t17$" <<<"$(grep "$soon" <<<"$out")"
check "a case whose step ended has none" bash -c '! grep -q "$1" <<<"$2"' _ "$done_" "$out"
check "--days 7 leaves the later one out" [ "$(ipc due --days 7 | wc -l)" = 2 ]
check "--overdue" [ "$(ipc due --overdue | cut -f3)" = "$late" ]
check "--mine leaves another officer's case out" bash -c '! grep -q "$1" <<<"$2"' _ "$other" "$(ipc due --days 30 --mine)"
check "--case" [ "$(ipc due --days 30 --case "$soon" | cut -f3)" = "$soon" ]
check "--json has the documented keys" python3 -c '
import json,sys; rows=json.loads(sys.argv[1]); r=rows[0]
assert [x["due"] for x in rows]==sorted(x["due"] for x in rows)
for k in ("due","kind","case_id","case_no","title","days_left","confirmed"): assert k in r, k
assert r["days_left"]==-35 and r["confirmed"] is True and r["case_no"] is None, r' "$(ipc due --days 30 --json)"
check "case list --overdue" [ "$(ipc case list --overdue | cut -c1-36)" = "$late" ]
check "case list --json has next_due" python3 -c '
import json,sys; rows={r["id"]:r for r in json.loads(sys.argv[1])}
assert rows[sys.argv[2]]["next_due"]=="2026-03-19" and rows[sys.argv[2]]["next_due_kind"]=="verification"
assert rows[sys.argv[3]]["next_due"] is None' "$(ipc case list --json)" "$soon" "$done_"

# an extension and a paused period move the deadline; the case number replaces the id
approve "$soon" extend_verify
ipc case set "$soon" verify_extended=true
check "an extension moves it" grep -q "^2026-04-10" <<<"$(ipc due --days 60 --case "$soon")"
pid=$(ipc pause add "$soon" --kind 鉴定 --from 2026-03-03 --to 2026-03-05)
check "a paused period moves it by its working days" grep -q "^2026-04-15" <<<"$(ipc due --days 60 --case "$soon")"
ipc set "$pid" ended_on= >/dev/null
check "an open paused period stops the clock" [ -z "$(ipc due --days 60 --case "$soon")" ]
ipc set "$pid" deleted=true
ipc pause add "$soon" --kind holiday --from 2026-03-03 >/dev/null 2>&1
check "unknown pause kind refused" [ $? -eq 1 ]
check "case show lists the paused period" grep -q "^pause $pid" <<<"$(ipc case show "$soon")"

ipc case advance "$late" verifying >/dev/null
approve "$late" file seizure
out=$(ipc case advance "$late" filed filed_on=2026-03-02)
no=$(sed -n 's/^case number //p' <<<"$out")
mid=$(ipc measure add "$late" --kind seizure --on 2026-03-02 --officers "$OFFICERS" --items 假冒运动鞋120双)
out=$(ipc due --days 90 --case "$late")
check "filing ends the verification deadline" bash -c '! grep -q verification <<<"$1"' _ "$out"
check "a seizure: 30 days" grep -qP "^2026-04-01\tseizure\t" <<<"$out"
check "the case number names the case" grep -qF "$no" <<<"$out"
check "the decision: 90 days from filing" grep -qP "^2026-05-31\tdecision\t" <<<"$(ipc due --days 120 --case "$late")"
ipc set "$mid" extended=true
check "an extended seizure: 60 days" grep -qP "^2026-05-01\tseizure\t" <<<"$(ipc due --days 90 --case "$late")"
ipc set "$mid" ended_on=2026-03-20
check "a lifted seizure has no deadline" bash -c '! grep -q seizure <<<"$1"' _ "$(ipc due --days 90 --case "$late")"

# a date the calendar does not cover, then its notice imported
late27=$(mk 2026-12-21)
check "unconfirmed in the listing" grep -qP "^2027-01-11\tverification\t$late27\t.*\tunconfirmed$" <<<"$(ipc due --days 400)"
cat >"$home/2027.txt" <<'EOF'
# test data, not the real notice
year 2027
2027-01-01 off 元旦
2027-01-04 off 元旦
2027-01-05 off 元旦
EOF
check "calendar import" grep -q "2027" <<<"$(ipc calendar import "$home/2027.txt")"
check "calendar years shows the import" grep -qP "^2027\timported\t3 days off" <<<"$(ipc calendar years)"
check "the deadline moved and is confirmed" grep -qP "^2027-01-14\tverification\t$late27\t[^\t]*\t[0-9]+$" <<<"$(ipc due --days 400)"
check "add-workdays confirmed in 2027 now" [ "$(ipc calendar add-workdays 2026-12-31 1)" = 2027-01-06 ]

# patent dispute limits: configurable per workspace
pat=$(mk 2026-02-12)
ipc case set "$pat" procedure=patent_dispute ip_type=发明专利
check "patent dispute: accept within 5 working days" grep -qP "^2026-02-26\tpatent_accept\t" <<<"$(ipc due --case "$pat")"
check "due limits lists the defaults" grep -q "^patent_accept_workdays = 5 " <<<"$(ipc due limits)"
ipc due limits patent_accept_workdays=10 >/dev/null
check "a limit set moves the deadline" grep -qP "^2026-03-04\tpatent_accept\t" <<<"$(ipc due --days 30 --case "$pat")"
ipc due limits patent_accept_weeks=2 >/dev/null 2>"$home/err"
check "an unknown limit is refused (exit 1)" [ $? -eq 1 ]
check "… naming the limits there are" grep -q "patent_accept_workdays" "$home/err"
ipc due limits patent_accept_workdays >/dev/null 2>&1
check "NAME without a number is bad usage" [ $? -eq 2 ]
ipc due --days -1 >/dev/null 2>&1
check "--days takes 0 or more" [ $? -eq 2 ]

# ---- the limits of the procedure (issue 14) ----
to() { # CASE STATUS [FIELD=VALUE…]: one step of the procedure
  local id=$1 status=$2
  shift 2
  ipc case advance "$id" "$status" "$@" >/dev/null || bad "advance $id to $status $*"
}
filed() { # CLUE_ON FILED_ON: a case filed (on approval) and under investigation
  local id
  id=$(mk "$1")
  to "$id" verifying
  approve "$id" file
  to "$id" filed filed_on="$2"
  to "$id" investigating
  echo "$id"
}
due_of() { ipc due --days 400 --case "$1"; }

sus=$(filed 2026-01-05 2026-01-10)
check "decision: 90 days from filing" grep -qP "^2026-04-10\tdecision\t" <<<"$(due_of "$sus")"
to "$sus" suspended status_on=2026-01-20
check "a suspended case's decision clock stands" bash -c '! grep -q decision <<<"$1"' _ "$(due_of "$sus")"
to "$sus" investigating status_on=2026-01-30
check "resumed: the 10 days suspended are not counted" grep -qP "^2026-04-20\tdecision\t" <<<"$(due_of "$sus")"

# legal review, notice, statement, hearing
to "$sus" investigation_closed
to "$sus" legal_review review_started_on=2026-02-02
check "legal review: 10 working days (the make-up Saturday 02-14 counts)" grep -qP "^2026-02-14\tlegal_review\t" <<<"$(due_of "$sus")"
check "due limits lists legal_review_workdays" grep -q "^legal_review_workdays = 10 " <<<"$(ipc due limits)"
ipc due limits legal_review_workdays=15 >/dev/null
check "… and it moves the limit" grep -qP "^2026-02-28\tlegal_review\t" <<<"$(due_of "$sus")"
approve "$sus" legal_review
check "the reviewer's answer ends it" bash -c '! grep -q legal_review <<<"$1"' _ "$(due_of "$sus")"
to "$sus" notified notified_on=2026-02-24
check "statement: 5 working days from the notice" grep -qP "^2026-03-02\tstatement\t" <<<"$(due_of "$sus")"
ipc case set "$sus" statement_on=2026-02-26 hearing_on=2026-03-12
out=$(due_of "$sus")
check "the party's statement ends the statement period" bash -c '! grep -qP "\tstatement\t" <<<"$1"' _ "$out"
check "the hearing notice: 7 days before the hearing" grep -qP "^2026-03-05\thearing_notice\t" <<<"$out"
check "the hearing itself is listed" grep -qP "^2026-03-12\thearing\t" <<<"$out"
ipc case set "$sus" hearing_notice_on=2026-03-03
to "$sus" hearing status_on=2026-03-12
out=$(due_of "$sus")
check "a notice served: no more reminder" bash -c '! grep -q hearing_notice <<<"$1"' _ "$out"
check "in hearing: the decision clock stands" bash -c '! grep -qP "\tdecision\t" <<<"$1"' _ "$out"

# the fine: surcharge, reminder and court enforcement
pen=$(filed 2025-11-20 2025-12-01)
to "$pen" investigation_closed
to "$pen" legal_review review_started_on=2025-12-20
to "$pen" notified notified_on=2026-01-05 waived_on=2026-01-06
approve "$pen" decision
to "$pen" decided decided_on=2026-01-20 decision_type=penalty fine=5000
to "$pen" served served_on=2026-02-10
out=$(ipc due --days 400 --case "$pen")
check "fine payment 15 days from service, with the surcharge of 5 days late (15 %)" \
  grep -qP "^2026-02-25\tfine_payment\t.*\t-5\tlate-payment surcharge 750.00 yuan" <<<"$out"
check "the reminder (催告) by the end of the 6 months for suit" grep -qP "^2026-08-10\treminder\t" <<<"$out"
check "court enforcement: 3 months after" grep -qP "^2026-11-10\tcourt_enforcement\t" <<<"$out"
check "due --json has the surcharge" python3 -c '
import json,sys; r=[x for x in json.loads(sys.argv[1]) if x["kind"]=="fine_payment"][0]
assert r["surcharge"]=="750.00" and r["fine"]=="5000", r' "$(ipc due --json --days 400 --case "$pen")"
check "case show: the surcharge" grep -qP "^  surcharge +late-payment surcharge 750.00 yuan \(5 days late" \
  <<<"$(ipc case show "$pen")"
check "case show --json: the surcharge" python3 -c '
import json,sys; s=json.loads(sys.argv[1])["surcharge"]; assert s=={"yuan":"750.00","days":5,"capped":False}, s' \
  "$(ipc case show --json "$pen")"
check "capped at the fine after 34 days" grep -q "surcharge 5000.00 yuan (40 days late: the fine itself" \
  <<<"$(IPCASE_TODAY=2026-04-06 ipc case show "$pen")"
ipc case set "$pen" reminder_on=2026-08-01
out=$(ipc due --days 400 --case "$pen")
check "a reminder served: no more reminder deadline" bash -c '! grep -qP "\treminder\t" <<<"$1"' _ "$out"
check "… the application still due" grep -qP "^2026-11-10\tcourt_enforcement\t" <<<"$out"
ipc case set "$pen" appealed_on=2026-03-01
check "review sought: no court enforcement" bash -c '! grep -q court_enforcement <<<"$1"' _ "$(due_of "$pen")"
ipc case set "$pen" appealed_on= fine_paid_on=2026-03-02
out=$(due_of "$pen")
check "the fine paid: nothing left of it" bash -c '! grep -qP "\t(fine_payment|court_enforcement)\t" <<<"$1"' _ "$out"
check "… and no surcharge shown" bash -c '! grep -q surcharge <<<"$1"' _ "$(ipc case show "$pen")"

# a revoked decision's publication, after the case is closed
ipc case set "$pen" disclosed_on=2026-02-20
approve "$pen" close
to "$pen" closed
ipc case set "$pen" revoked_on=2026-04-30
check "withdraw a revoked publication: 3 working days, even when closed" \
  grep -qP "^2026-05-08\twithdraw_disclosure\t" <<<"$(due_of "$pen")"
ipc case set "$pen" disclosure_withdrawn_on=2026-05-06
check "… until withdrawn" [ -z "$(due_of "$pen")" ]

echo "deadline: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
