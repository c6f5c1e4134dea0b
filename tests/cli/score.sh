#!/usr/bin/env bash
# score.sh — `xxgk score` as a user meets it: the quality score of every
# sample report against its golden file (tests/golden/quality.txt, each
# point explained; scripts/update-golden.sh rewrites it), JSON that parses,
# the publication date and the organ, --previous, --min, and bad input.
xxgk=$1
data=$2
golden=$3
. "$(dirname "$0")/../lib.sh"
nankai=$data/tianjin-nankai-2023.txt

expect_rc 0 "help" "$xxgk" score --help
expect_in "$tmp/out" "示例" "help has examples"
expect_in "$tmp/out" "--published" "help lists --published"

# The golden file: every sample, run from the data folder so that the
# names printed are the files' own.
(cd "$data" && "$xxgk" score *.txt huaian-2024.pdf) >"$tmp/quality.txt" 2>"$tmp/err"
if diff -u "$golden/quality.txt" "$tmp/quality.txt" >"$tmp/diff"; then ok; else
  fail "quality scores differ from tests/golden/quality.txt:"; cat "$tmp/diff" >&2
fi

expect_rc 0 "json" "$xxgk" score --json "$nankai" "$data/laocheng-2023.txt"
cp "$tmp/out" "$tmp/s.json"
expect_rc 0 "json parses" python3 -c "
import json; a = json.load(open('$tmp/s.json'))
assert len(a) == 2 and a[0]['agency'] == '天津市南开区政府', a
q = a[0]['quality']
assert len(q['points']) == 13 and all(p['why'] for p in q['points'])
assert q['got'] == sum(p['got'] for p in q['points'] if p['state'] not in ('unknown', 'n/a'))"
expect_rc 0 "jsonl" "$xxgk" score --jsonl "$nankai" "$data/laocheng-2023.txt"
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || fail "jsonl: one line per file"

expect_rc 0 "published in time" "$xxgk" score --published 2024-03-20 "$nankai"
expect_in "$tmp/out" "on_time  符合 15/15" "on time"
expect_rc 0 "late department" "$xxgk" score --published 2024-02-02 --organ department "$nankai"
expect_in "$tmp/out" "晚于法定期限2024-01-31" "late named"
expect_rc 2 "bad date" "$xxgk" score --published 2024-13-01 "$nankai"
expect_in "$tmp/err" "不是日历上的日期" "bad date named"
expect_rc 2 "bad organ" "$xxgk" score --organ ministry "$nankai"
expect_rc 2 "previous with two files" "$xxgk" score --previous "$nankai" "$nankai" "$nankai"
expect_rc 0 "previous" "$xxgk" score --previous "$data/tianjin-jinghai-office-2019.txt" "$nankai"
expect_in "$tmp/out" "Y1 " "Y1 judged"
expect_rc 1 "below --min (late: 80 of 95)" "$xxgk" score --published 2024-05-01 --min 90 "$nankai"
expect_in "$tmp/out" "质量得分：84" "late report scored"
expect_rc 0 "above --min" "$xxgk" score --min 50 "$nankai"
expect_rc 2 "bad --min" "$xxgk" score --min lots "$nankai"
expect_rc 2 "missing file" "$xxgk" score "$tmp/none.txt"
printf '会议纪要\n' >"$tmp/notes.txt"
expect_rc 2 "not a report" "$xxgk" score "$tmp/notes.txt"
expect_in "$tmp/err" "未找到年度报告的统计表" "reason given"
expect_rc 2 "no file" "$xxgk" score
summary
