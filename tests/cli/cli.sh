#!/usr/bin/env bash
# cli.sh — the command as a user meets it: help, stdin, output formats,
# exit codes.
xxgk=$1
data=$2
. "$(dirname "$0")/../lib.sh"
nankai=$data/tianjin-nankai-2023.txt

for cmd in "" parse check; do
  expect_rc 0 "help $cmd" "$xxgk" $cmd --help
  expect_in "$tmp/out" "示例" "help $cmd has examples"
done
expect_rc 2 "no command" "$xxgk"
expect_rc 2 "unknown command" "$xxgk" frobnicate
expect_in "$tmp/err" "未知命令" "unknown command message"
expect_rc 2 "unknown option" "$xxgk" parse --frob "$nankai"
expect_rc 2 "bad format" "$xxgk" parse --format xml "$nankai"

# stdin, and JSON in as well as out
expect_rc 0 "parse stdin" sh -c "\"$xxgk\" parse - < \"$nankai\""
expect_in "$tmp/out" '"agency": "天津市南开区政府"' "stdin agency"
expect_rc 0 "check canonical JSON" "$xxgk" check "$data/tianjin-nankai-2023.expected.json"

# several files: a JSON array; --jsonl: one line each
expect_rc 0 "parse two" "$xxgk" parse "$nankai" "$data/laocheng-2023.txt"
cp "$tmp/out" "$tmp/arr.json"
expect_rc 0 "array" python3 -c "import json,sys; d=json.load(open('$tmp/arr.json')); assert len(d)==2"
"$xxgk" parse --jsonl "$nankai" "$data/laocheng-2023.txt" >"$tmp/jl"
[ "$(wc -l <"$tmp/jl")" -eq 2 ] && ok || fail "jsonl lines"
expect_rc 0 "jsonl parses" python3 -c "import json; [json.loads(l) for l in open('$tmp/jl')]"

# CSV: a header of keys, one row per report, same width
"$xxgk" parse --format csv "$data"/*.txt >"$tmp/csv"
expect_in "$tmp/csv" "applications.received.natural_person" "csv header"
expect_rc 0 "csv shape" python3 -c "
import csv; rows=list(csv.reader(open('$tmp/csv')))
assert len(rows)==6, len(rows); assert len(set(map(len,rows)))==1
h=rows[0]; r=[x for x in rows if 'nankai' in x[0]][0]
assert r[h.index('active.fees.amount')]=='9872.3034'
assert r[h.index('applications.total.total')]=='935'"

# Markdown
expect_rc 0 "md" "$xxgk" parse --format md "$nankai"
expect_in "$tmp/out" "| （七）总计 | 927 | 8 | 0 | 0 | 0 | 0 | 935 |" "md total row"

# check: text, --json, exit codes
expect_rc 0 "check clean" "$xxgk" check "$data"/*.txt
expect_in "$tmp/out" "一致（0 个错误" "check summary"
expect_rc 0 "check --json" "$xxgk" check --json "$nankai"
cp "$tmp/out" "$tmp/check.json"
expect_rc 0 "check json parses" python3 -c "import json; d=json.load(open('$tmp/check.json')); assert d['errors']==0"
sed 's/^\t929$/\t930/' "$nankai" >"$tmp/bad.txt"
expect_rc 1 "check finds" "$xxgk" check "$tmp/bad.txt"
expect_in "$tmp/out" "error A1" "A1 reported"
expect_in "$tmp/out" "applications.received.total=930" "cell named"
expect_rc 1 "check -q" "$xxgk" check -q "$tmp/bad.txt"
[ ! -s "$tmp/out" ] && ok || fail "-q prints nothing"
expect_rc 2 "check missing + good" "$xxgk" check "$nankai" "$tmp/nope.txt"

# Output that cannot be written (a full device) is an error with a message.
for cmd in parse check; do
  expect_rc 2 "$cmd to /dev/full" sh -c "\"$xxgk\" $cmd \"$nankai\" > /dev/full"
  expect_in "$tmp/err" "无法写出结果" "$cmd to /dev/full message"
done
summary
