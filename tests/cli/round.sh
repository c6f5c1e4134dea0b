#!/usr/bin/env bash
# round.sh — `xxgk round` end to end: an office opens the round of 2024,
# one unit submits from its register, one uploads a DOCX with an error,
# answers it, is returned and resubmits; the board's states and its
# filters, the late unit in the reminders (exit 1), mistakes refused with
# exit 2, and publication into the corpus.
#   round.sh XXGK DATA_DIR
xxgk=$1
data=$2
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/round_setup.sh"
expect_rc 2 "due before the year ends refused" "$xxgk" round open --office 1 --year 2024 --due 2024-12-31
expect_rc 0 "round opened" "$xxgk" round open --office 1 --year 2024 --due 2025-01-31
expect_rc 2 "a second round of the year refused" "$xxgk" round open --office 1 --year 2024 --due 2025-02-28
expect_rc 2 "submit needs a source" "$xxgk" round submit --round 1 --agency 2
expect_rc 0 "submitted from the register" "$xxgk" round submit --round 1 --agency 2 --from-register

sed 's/2023/2024/g; s/^(七) 总计\t\t126\t0/(七) 总计\t\t127\t0/' "$data/laocheng-2023.txt" >"$tmp/bad.txt"
"$xxgk" render "$tmp/bad.txt" --to docx -o "$tmp/bad.docx" 2>/dev/null
expect_rc 0 "a DOCX with an error put as a draft" "$xxgk" round submit --round 1 --agency 3 --file "$tmp/bad.docx" --draft
expect_in "$tmp/out" "错误 3" "its errors counted"
expect_rc 0 "the unit answers finding 1" "$xxgk" round note --round 1 --agency 3 --finding 1 --text 按签发原件填写
expect_rc 2 "no finding 50" "$xxgk" round note --round 1 --agency 3 --finding 50 --text x
expect_rc 0 "the office notes a cell" "$xxgk" round note --round 1 --agency 3 --as-office \
  --cell applications.total.natural_person --text 请核对总计
expect_rc 2 "a cell the dictionary has not" "$xxgk" round note --round 1 --agency 3 --cell applications.total.nobody --text x
expect_in "$tmp/err" "applications.total.nobody" "the unknown key named"
expect_rc 2 "a finding and a cell at once" "$xxgk" round note --round 1 --agency 3 --finding 1 \
  --cell applications.total.natural_person --text x
expect_rc 0 "submitted with errors" "$xxgk" round submit --round 1 --agency 3 --file "$tmp/bad.docx"
expect_rc 0 "board" "$xxgk" round board --round 1 --json
expect_in "$tmp/out" '"state": "errors"' "有错误 on the board"
expect_in "$tmp/out" '"state": "submitted"' "已报送 on the board"
expect_in "$tmp/out" '"state": "pending"' "未报送 on the board"
expect_rc 2 "return needs a reason" "$xxgk" round return --round 1 --agency 3
expect_rc 0 "returned" "$xxgk" round return --round 1 --agency 3 --text 总计有误
expect_rc 0 "filter by state" "$xxgk" round board --round 1 --state returned
[ "$(wc -l <"$tmp/out")" = 1 ] && grep -q 已退回 "$tmp/out" && ok || fail "one returned row: $(cat "$tmp/out")"
sed 's/2023/2024/g' "$data/laocheng-2023.txt" >"$tmp/good.txt"
expect_rc 0 "resubmitted" "$xxgk" round submit --round 1 --agency 3 --file "$tmp/good.txt"
expect_in "$tmp/out" "127 → 126" "the change from the version before"
# The version's change, version to version (上一版/本版, the findings it
# resolved) against its golden file; as JSON; what has no version before.
expect_rc 0 "the latest version's change" "$xxgk" round versions --round 1 --agency 3 --diff
expect_golden "$(dirname "$0")/../golden/round-versions.txt" "the versions' comparison"
expect_rc 0 "the same pair by number, as JSON" "$xxgk" round versions --round 1 --agency 3 --diff --version 3 --json
cp "$tmp/out" "$tmp/v.json"
expect_rc 0 "versions JSON parses" python3 -c "
import json; d = json.load(open('$tmp/v.json'))
assert d['previous']['file'] == '第 2 版（bad.docx）' and d['current']['file'] == '第 3 版（good.txt）', d
assert [c['key'] for c in d['changes']] == ['applications.total.natural_person'], d
assert sorted(f['rule'] for f in d['resolved']) == ['A1', 'A2', 'A3'] and d['new'] == [], d
assert d['errors'] == 0, d"
expect_rc 0 "a draft and its submission: nothing changed" "$xxgk" round versions --round 1 --agency 3 --diff --version 2
expect_in "$tmp/out" "变化的数字（0项）" "no figure changed"
expect_in "$tmp/out" "已解决0条检查意见，新出现0条" "no finding changed"
expect_rc 2 "the first version has none before" "$xxgk" round versions --round 1 --agency 3 --diff --version 1
expect_in "$tmp/err" "没有上一版" "said why"
expect_rc 2 "no version 9" "$xxgk" round versions --round 1 --agency 3 --diff --version 9
expect_rc 0 "approved" "$xxgk" round approve --round 1 --agency 3
expect_rc 2 "approved twice refused" "$xxgk" round approve --round 1 --agency 3
expect_rc 2 "no version after the approval" "$xxgk" round submit --round 1 --agency 3 --from-register
expect_in "$tmp/err" "不能再交新的版本" "refused with its reason, not a crash"
expect_rc 0 "no one late before the due date" "$xxgk" round late --round 1
XXGK_TODAY=2025-02-03 expect_rc 1 "the late unit reminded" "$xxgk" round late --round 1 --json
expect_in "$tmp/out" '"late_days": 3' "late by 3 days"
expect_in "$tmp/out" "某区民政局" "the late unit named"

# The board and the ranking exported, read back with a real reader
# (openpyxl, Debian's python3-openpyxl: Debian's python3 is asked, as
# another python3 may come first on PATH): Chinese heads, the state labels, counts as numbers, lateness.
XXGK_TODAY=2025-02-03 expect_rc 0 "board as xlsx" "$xxgk" round board --round 1 --export xlsx -o "$tmp/board.xlsx"
expect_rc 0 "ranking as xlsx" "$xxgk" round ranking --round 1 --export xlsx -o "$tmp/rank.xlsx"
expect_rc 0 "the workbooks read" /usr/bin/python3 - "$tmp/board.xlsx" "$tmp/rank.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
assert ws.title == "报送情况", ws.title
assert rows[0] == ["单位", "状态", "版本", "错误", "警告", "提示", "质量得分",
                   "报送时间", "报送截止", "逾期天数", "按时情况"], rows[0]
by = {r[0]: r for r in rows[1:]}
assert sorted(by) == ["某区卫健委", "某区教育局", "某区民政局"], by
assert by["某区卫健委"][1:3] == ["已通过", 3] and by["某区卫健委"][3] == 0, by
assert by["某区教育局"][1] == "已报送" and by["某区教育局"][10] == "按时", by
assert by["某区民政局"][1:8] == ["未报送"] + [None] * 6, by
assert by["某区民政局"][8:] == ["2025-01-31", 3, "未报送，已逾期3天"], by
assert isinstance(by["某区卫健委"][6], (int, float)), "score as a number"
ws = openpyxl.load_workbook(sys.argv[2]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
assert ws.title == "质量排名" and rows[0][0] == "名次" and rows[0][-1] == "失分说明", rows[0]
assert rows[1][0] == 1 and rows[-1][1] == "某区民政局" and rows[-1][0] is None, rows
PY
expect_rc 0 "ranking as csv" "$xxgk" round ranking --round 1 --export csv
head -c 3 "$tmp/out" | od -An -tx1 | grep -q "ef bb bf" && ok || fail "csv without its byte-order mark"
expect_in "$tmp/out" "名次,单位,状态,版本,质量得分,得分,可评判分,失分说明" "csv heads"
expect_rc 0 "ranking" "$xxgk" round ranking --round 1 --json
cp "$tmp/out" "$tmp/rank.json"
expect_rc 0 "ranking json parses" python3 -c "
import json; a = json.load(open('$tmp/rank.json'))
assert [r['rank'] for r in a][-1] is None and a[0]['rank'] == 1, a
assert all(r['lost'] is None or '[' in r['lost'] for r in a), a"
expect_rc 2 "xlsx not to a terminal or file without -o" "$xxgk" round board --round 1 --export pdf
expect_rc 2 "export of no round" "$xxgk" round board --round 9 --export csv
expect_rc 0 "published" "$xxgk" round publish --round 1
expect_in "$tmp/out" "已发布 1 份" "the approved report published"
expect_rc 0 "the corpus has it" "$xxgk" agencies
expect_in "$tmp/out" "某区卫健委" "published under the unit's name"
expect_rc 0 "versions and notes" "$xxgk" round versions --round 1 --agency 3
expect_in "$tmp/out" "按签发原件填写" "the unit's answer kept"
expect_in "$tmp/out" "总计有误" "the office's note kept"
expect_in "$tmp/out" "单元格 applications.total.natural_person 政务公开办" "the note on the cell, named by its key"
versions=$(sqlite3 "$XXGK_DB" "SELECT count(*) FROM round_version")
bad=$(sqlite3 "$XXGK_DB" "UPDATE round_version SET doc = '{}'" 2>&1)
case $bad in *不能修改*) ok ;; *) fail "a version could be changed: $bad" ;; esac
# REPLACE deletes without the DELETE triggers: refused before it can.
for clause in "OR REPLACE" "OR IGNORE" "OR ABORT" "OR FAIL" "OR ROLLBACK"; do
  bad=$(sqlite3 "$XXGK_DB" "INSERT $clause INTO round_version SELECT * FROM round_version LIMIT 1" 2>&1)
  case $bad in *不能覆盖*) ok ;; *) fail "INSERT $clause INTO round_version: $bad" ;; esac
  bad=$(sqlite3 "$XXGK_DB" "INSERT $clause INTO round_note SELECT * FROM round_note LIMIT 1" 2>&1)
  case $bad in *不能覆盖*) ok ;; *) fail "INSERT $clause INTO round_note: $bad" ;; esac
done
[ "$(sqlite3 "$XXGK_DB" "SELECT count(*) FROM round_version")" = "$versions" ] && ok ||
  fail "the versions changed in number"

# a unit that keeps no register: in the round by name only, it uploads
expect_rc 0 "a unit added without a register" "$xxgk" agency add --name 某区气象局 --parent 1 --no-register
expect_rc 0 "listed so" "$xxgk" agency list
expect_in "$tmp/out" "某区气象局（不用登记簿）" "marked in the list"
expect_rc 0 "put into the round" "$xxgk" round unit --round 1 --agency 5
expect_rc 2 "no report from a register it does not keep" "$xxgk" round submit --round 1 --agency 5 --from-register --draft
expect_in "$tmp/err" "不使用登记簿" "the refusal says why"
expect_rc 0 "its upload taken" "$xxgk" round submit --round 1 --agency 5 --file "$tmp/bad.docx" --draft
summary
