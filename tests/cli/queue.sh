#!/usr/bin/env bash
# queue.sh — `xxgk case assign` and `xxgk case queue`: a clerk assigned
# only when registered for the application's agency or one above it, the
# assignment audited and shown; the queue's classes, counts, order by
# deadline and clerk filter on a hand-made register whose deadlines were
# counted by hand; its CSV export the same rows as its list.
#   queue.sh XXGK
xxgk=$1
. "$(dirname "$0")/../lib.sh"
new_register q.db 2024-11-20
expect_rc 0 "office" "$xxgk" agency add --name 某区政府办公室
expect_rc 0 "unit" "$xxgk" agency add --name 某区教育局 --parent 1
expect_rc 0 "office clerk" "$xxgk" agency user --agency 1 --name 王敏
expect_rc 0 "unit clerk" "$xxgk" agency user --agency 2 --name 李华
# Receipts and their deadlines (20 working days, 2024 calendar with 国庆
# 10-01..07 and the 10-12 workday): 10-01 → 11-01, 10-20 → 11-15,
# 10-24 → 11-21, 11-01 → 11-29, 11-15 → 12-13; 10-23 → 11-20 (today).
for d in 2024-10-01 2024-10-20 2024-10-24 2024-11-01 2024-11-15 2024-10-23; do
  expect_rc 0 "new $d" "$xxgk" case new --agency 2 --received $d --channel 网络 \
    --category natural_person --name 张三 --content "文件$d"
done
expect_rc 0 "consultation: paused" "$xxgk" case event 2024-00004 consult-started --date 2024-11-04

expect_rc 0 "assign the unit's clerk" "$xxgk" case assign 2024-00001 --clerk 李华
expect_in "$tmp/out" "承办人：李华" "assign message"
expect_rc 0 "assign the office's clerk" "$xxgk" case assign 2024-00002 --clerk 王敏
expect_rc 2 "an unregistered clerk is refused" "$xxgk" case assign 2024-00003 --clerk 赵六
expect_in "$tmp/err" "xxgk agency user --agency 2 --name 赵六" "refusal says how to register"
expect_rc 2 "no --clerk" "$xxgk" case assign 2024-00003
expect_rc 2 "unknown application" "$xxgk" case assign 2099-00001 --clerk 李华
[ "$(sqlite3 "$XXGK_DB" "select count(*) from audit where action = 'case.assign'")" = 2 ] &&
  ok || fail "two assignments audited"
[ "$(sqlite3 "$XXGK_DB" "select json_extract(before, '$.clerk') is null and json_extract(after, '$.clerk') = '李华' from audit where action = 'case.assign' order by id limit 1")" = 1 ] &&
  ok || fail "the audit holds the row before and after"
expect_rc 0 "show" "$xxgk" case show 2024-00001
expect_in "$tmp/out" "承办人    李华" "shown on the application"
expect_rc 0 "list" "$xxgk" case list --json
expect_in "$tmp/out" '"clerk": "李华"' "shown in the list"

# due now: 00001 and 00002 overdue, 00006 today, 00003 soon (1 day)
expect_rc 1 "queue: overdue ones exit 1" "$xxgk" case queue --json
python3 - "$tmp/out" <<'PY' && ok || fail "queue: classes, counts, order"
import json, sys
j = json.load(open(sys.argv[1]))
got = [(c["tracking"], c["class"]) for c in j["cases"]]
want = [("2024-00001", "overdue"), ("2024-00002", "overdue"),
        ("2024-00006", "today"), ("2024-00003", "soon")]
assert got == want, got
assert j["counts"] == {"overdue": 2, "today": 1, "soon": 1, "expired": 0,
                       "unknown": 0, "running": 1, "paused": 1}, j["counts"]
PY
expect_rc 1 "queue --all, farthest first" "$xxgk" case queue --all --sort deadline-desc --json
python3 -c "
import json,sys; j=json.load(open('$tmp/out'))
t=[c['tracking'] for c in j['cases']]
assert t==['2024-00005','2024-00004','2024-00003','2024-00006','2024-00002','2024-00001'], t" &&
  ok || fail "--sort deadline-desc: paused one by its limit 11-25"
expect_rc 1 "one clerk's queue" "$xxgk" case queue --clerk 李华 --json
python3 -c "
import json; j=json.load(open('$tmp/out'))
assert [c['tracking'] for c in j['cases']]==['2024-00001'] and j['counts']['overdue']==1 and j['counts']['soon']==0" &&
  ok || fail "--clerk: only that clerk's, counted alone"
expect_rc 0 "the unassigned" "$xxgk" case queue --unassigned --json
python3 -c "
import json; j=json.load(open('$tmp/out'))
assert [c['tracking'] for c in j['cases']]==['2024-00006','2024-00003'], j" &&
  ok || fail "--unassigned"
expect_rc 2 "--clerk with --unassigned" "$xxgk" case queue --clerk 李华 --unassigned
expect_rc 2 "bad sort" "$xxgk" case queue --sort nearest

# the export: the list's rows, in its order
expect_rc 0 "CSV" "$xxgk" case queue --all --export csv -o "$tmp/q.csv"
expect_rc 1 "list" "$xxgk" case queue --all --json
python3 - "$tmp/q.csv" "$tmp/out" <<'PY' && ok || fail "CSV rows = the queue's rows"
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
assert rows[0][:3] == ["受理编号", "机关", "收到日期"], rows[0]
j = json.load(open(sys.argv[2]))
assert [r[0] for r in rows[1:]] == [c["tracking"] for c in j["cases"]]
assert rows[1][3] == "张*" and rows[1][6] == "李华" and rows[1][7] == "已逾期", rows[1]
PY
expect_rc 0 "XLSX" "$xxgk" case queue --export xlsx -o "$tmp/q.xlsx"
[ "$(head -c 2 "$tmp/q.xlsx")" = PK ] && ok || fail "XLSX is a zip"

# withdrawing the assignment
expect_rc 0 "unassign" "$xxgk" case assign 2024-00001 --clerk ''
expect_in "$tmp/out" "已撤销" "unassign message"
expect_rc 0 "no one's now" "$xxgk" case queue --clerk 李华
expect_in "$tmp/out" "没有需要处理的申请" "empty queue said so"
summary
