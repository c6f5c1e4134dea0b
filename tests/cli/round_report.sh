#!/usr/bin/env bash
# round_report.sh — the office's own report (`xxgk round report`): from its
# register alone (its units' applications not in it), and with its units'
# approved reports added (--sum-units) against its golden file; a unit not
# yet approved and a unit already inside its parent's register report
# named, not counted; checked like any other report (an approved report
# with errors makes the sum's exit 1, --previous runs Y1–Y3).
#   round_report.sh XXGK DATA_DIR
xxgk=$1
data=$2
golden=$(dirname "$0")/../golden
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/round_setup.sh"
"$xxgk" agency add --name 某区教育局附属学校 --parent 2 >/dev/null
case_new() { # AGENCY RECEIVED CATEGORY [OUTCOME DATE]
  local id
  id=$("$xxgk" case new --agency "$1" --received "$2" --channel 网络 --category "$3" \
    --name 申请人 --content 某文件 2>/dev/null | sed -E 's/.*（编号 ([0-9]+)）.*/\1/')
  [ -z "${4:-}" ] || "$xxgk" case reply "$id" --date "$5" --outcome "$4" >/dev/null 2>&1
}
case_new 1 2024-03-01 natural_person granted 2024-03-10
case_new 1 2024-12-20 natural_person
case_new 2 2024-04-01 commercial unable_not_held 2024-04-10
case_new 5 2024-05-06 research granted 2024-05-20
"$xxgk" round open --office 1 --year 2024 --due 2025-01-31 >/dev/null

expect_rc 0 "the office alone" "$xxgk" round report --round 1 --json
cp "$tmp/out" "$tmp/own.json"
expect_rc 0 "its own applications only" python3 -c "
import json; d = json.load(open('$tmp/own.json'))
t = d['applications']
assert d['agency'] == '某区政务公开办' and d['year'] == 2024, d
assert t['received']['total'] == 2 and t['granted']['total'] == 1, t['received']
assert t['carried_forward']['total'] == 1 and t['received']['commercial'] == 0, t" 

# 教育局 from its register (its school's application in it), the school
# too, 卫健委 by upload; all approved; 民政局 not.
expect_rc 0 "unit from its register" "$xxgk" round submit --round 1 --agency 2 --from-register
expect_rc 0 "its school from its register" "$xxgk" round submit --round 1 --agency 5 --from-register
sed 's/2023/2024/g' "$data/laocheng-2023.txt" >"$tmp/good.txt"
expect_rc 0 "a unit uploads" "$xxgk" round submit --round 1 --agency 3 --file "$tmp/good.txt"
for u in 2 3 5; do "$xxgk" round approve --round 1 --agency $u >/dev/null 2>&1; done
expect_rc 0 "the office and its units" "$xxgk" round report --round 1 --sum-units --to txt
expect_golden "$golden/round-office-report.txt" "the office's report"
expect_in "$tmp/err" "加 2 个单位" "two units' reports added"
expect_in "$tmp/err" "尚未通过，未计入汇总：某区民政局" "the unit not approved named"
expect_in "$tmp/err" "未再计入：某区教育局附属学校" "the school, inside 教育局's report, named"

# Checked like any other: an approved report with errors passes into the
# sum (exit 1, the unit named); last year's report runs Y1–Y3.
sed 's/^(七) 总计\t\t126\t0/(七) 总计\t\t127\t0/' "$tmp/good.txt" >"$tmp/bad.txt"
expect_rc 0 "民政局 submits with an error" "$xxgk" round submit --round 1 --agency 4 --file "$tmp/bad.txt"
expect_rc 0 "approved all the same" "$xxgk" round approve --round 1 --agency 4
expect_rc 1 "the sum has the error" "$xxgk" round report --round 1 --sum-units
expect_in "$tmp/err" "本身有3个错误" "the unit's errors named"
expect_rc 1 "Y1 against last year" "$xxgk" round report --round 1 --previous "$data/laocheng-2023.txt"
expect_in "$tmp/err" "Y1" "the cross-year rule ran"
expect_rc 2 "no round 9" "$xxgk" round report --round 9
expect_rc 2 "unreadable previous" "$xxgk" round report --round 1 --previous "$tmp/none.txt"
summary
