#!/usr/bin/env bash
# register.sh — the register commands as a clerk meets them: help, a day's
# work from db init to the year's report, refusals (exit 2, nothing
# written), masking in lists, due dates, export → import identity.
xxgk=$1
. "$(dirname "$0")/../lib.sh"
export XXGK_DB=$tmp/r.db XXGK_USER=王五 XXGK_TODAY=2024-10-16
unset XXGK_CALENDAR

for cmd in db agency case calendar review doc report; do
  expect_rc 0 "help $cmd" "$xxgk" $cmd --help
  expect_in "$tmp/out" "示例" "help $cmd has examples"
done
expect_rc 2 "no database yet" "$xxgk" case list
expect_in "$tmp/err" "xxgk db init" "no database: says what to do"
expect_rc 0 "db init" "$xxgk" db init
expect_rc 0 "agency add" "$xxgk" agency add --name 某市人民政府办公室
expect_rc 0 "unit add" "$xxgk" agency add --name 某市生态环境局 --parent 1
expect_rc 2 "duplicate agency" "$xxgk" agency add --name 某市生态环境局
expect_rc 0 "user with a login" sh -c "printf 'long-enough-1\n' | \"$xxgk\" agency user --agency 2 --name 王敏 --login wangmin"
expect_in "$tmp/out" "登录名 wangmin" "login set"
expect_rc 2 "short password refused" sh -c "printf 'short\n' | \"$xxgk\" agency user --agency 2 --name 李华 --login lihua"
expect_rc 0 "agency list" "$xxgk" agency list --json
cp "$tmp/out" "$tmp/agencies.json"
expect_rc 0 "agency json" python3 -c "import json; a=json.load(open('$tmp/agencies.json')); assert a[1]['parent_id']==1"

expect_rc 0 "case new" "$xxgk" case new --agency 2 --received 2024-09-20 --channel 网络 \
  --category natural_person --name 张三 --id-number 110101199001011234 \
  --contact 13812345678 --content 某项目环评批复
expect_in "$tmp/out" "2024-00001" "tracking number"
expect_in "$tmp/out" "答复期限 2024-10-23" "due across 国庆 with 调休"
expect_rc 0 "case new 2" "$xxgk" case new --agency 2 --received 2024-09-23 \
  --channel 当面 --category commercial --name 某某科技有限公司 --content 某数据
expect_rc 0 "case new 3" "$xxgk" case new --agency 1 --received 2023-12-28 \
  --channel 邮寄 --category research --name 某研究所 --content 某规划

# refusals write nothing: the audit log keeps its length
n0=$(sqlite3 "$XXGK_DB" "select count(*) from audit")
expect_rc 2 "missing agency" "$xxgk" case new --agency 9 --received 2024-09-23 \
  --channel 当面 --category commercial --name x --content y
expect_in "$tmp/err" "机关 9 不存在" "missing agency message"
expect_rc 2 "outside calendar" "$xxgk" case new --agency 2 --received 2031-01-05 \
  --channel 当面 --category commercial --name x --content y
expect_in "$tmp/err" "晚于今天（2024-10-16）" "a receipt after today is refused"
expect_rc 2 "bad category" "$xxgk" case new --agency 2 --received 2024-09-23 \
  --channel 当面 --category company --name x --content y
expect_rc 2 "reply before receipt" "$xxgk" case reply 2024-00001 --date 2024-09-19 --outcome granted
expect_in "$tmp/err" "早于申请收到日期" "before receipt message"
expect_rc 2 "unknown outcome" "$xxgk" case reply 2024-00001 --date 2024-10-10 --outcome yes
expect_rc 2 "unknown event" "$xxgk" case event 2024-00001 frobnicate --date 2024-10-10
expect_rc 2 "unknown case" "$xxgk" case show 2099-00001
n1=$(sqlite3 "$XXGK_DB" "select count(*) from audit")
[ "$n0" = "$n1" ] && ok || fail "refusals wrote to the audit log ($n0 → $n1)"

expect_rc 0 "consult" "$xxgk" case event 2024-00001 consult-started --date 2024-09-25
expect_rc 0 "show paused" "$xxgk" case show 2024-00001
expect_in "$tmp/out" "暂停计时" "paused while consulting"
expect_in "$tmp/out" "110101199001011234" "show prints personal data in full"
expect_rc 0 "answered" "$xxgk" case event 2024-00001 consult-answered --date 2024-10-15
expect_rc 0 "fee" "$xxgk" case event 2 fee-notice --date 2024-09-25 --pages 150
expect_in "$tmp/out" "1700 元" "fee by pages"
expect_rc 2 "fee twice" "$xxgk" case event 2 fee-notice --date 2024-09-26 --pages 150
expect_rc 0 "extend" "$xxgk" case event 2024-00001 extended --date 2024-10-16
expect_rc 2 "extend twice" "$xxgk" case event 2024-00001 extended --date 2024-10-16
expect_in "$tmp/err" "只能延长一次" "extension message"

expect_rc 0 "list" "$xxgk" case list
expect_in "$tmp/out" "张*" "list masks the name"
if grep -q 张三 "$tmp/out"; then fail "list shows the name"; else ok; fi
expect_rc 0 "list json" "$xxgk" case list --json
expect_in "$tmp/out" '"110***********1234"' "list masks the ID number"

expect_rc 1 "due: overdue found" "$xxgk" case due --within 5
expect_in "$tmp/out" "2023-00001" "the 2023 application is overdue"
expect_in "$tmp/out" "已超期" "overdue marked"
expect_rc 0 "due json" "$xxgk" case due --json --agency 2 --within 40
cp "$tmp/out" "$tmp/due.json"
expect_rc 0 "due json parses" python3 -c "import json; d=json.load(open('$tmp/due.json')); assert d[0]['deadline']['due']=='2024-12-05', d"

# the clerk's work goes on to the year's end
export XXGK_TODAY=2024-12-31
expect_rc 0 "reply" "$xxgk" case reply 2024-00001 --date 2024-10-20 --outcome granted --basis 条例第三十六条第二项
expect_rc 2 "second reply" "$xxgk" case reply 2024-00001 --date 2024-10-21 --outcome granted
expect_in "$tmp/err" "只有一个最终结果" "second reply message"
expect_rc 0 "withdraw" "$xxgk" case event 2023-00001 withdrawn --date 2024-01-05
expect_rc 0 "review" "$xxgk" review add --agency 2 --kind administrative_review --filed 2024-11-01 --case 2024-00001
expect_rc 0 "decide" "$xxgk" review decide 1 --result corrected --date 2024-12-01
expect_rc 2 "decide twice" "$xxgk" review decide 1 --result upheld --date 2024-12-02
expect_rc 0 "doc add" "$xxgk" doc add --agency 2 --kind normative_documents --title 某办法 --issued 2024-02-01
expect_rc 0 "doc repeal" "$xxgk" doc repeal 1 --date 2024-11-01
expect_rc 0 "figure" "$xxgk" doc figure --agency 2 --year 2024 --item fees --value 1.5

expect_rc 0 "report" "$xxgk" report --agency 1 --year 2024
cp "$tmp/out" "$tmp/report.json"
expect_rc 0 "report checks" "$xxgk" check "$tmp/report.json"
expect_rc 0 "report cells" python3 -c "
import json; d=json.load(open('$tmp/report.json'))
a=d['applications']
assert a['received']['total']==2 and a['carried_over']['research']==1, a
assert a['granted']['natural_person']==1 and a['other_other']['research']==1
assert a['carried_forward']['commercial']==1
assert d['reviews']['administrative_review']['corrected']==1
assert d['active']['normative_documents']=={'issued':1,'repealed':1,'in_force':0}
assert d['active']['fees']['amount']==1.5
assert d['processing_fees']['notices']==1 and d['processing_fees']['amount_due']==1700"
expect_rc 2 "report 2019" "$xxgk" report --agency 1 --year 2019

# the audit log: append-only in the database itself
if sqlite3 "$XXGK_DB" "update audit set who='x'" 2>"$tmp/err"; then fail "audit update allowed"; else ok; fi
expect_in "$tmp/err" "审计日志只能追加" "audit trigger message"
[ "$(sqlite3 "$XXGK_DB" "select count(distinct who) from audit")" = 1 ] && ok || fail "audit who"

# a user's calendar file extends the bundled one
printf '2027-01-01\tholiday\t元旦\n2027-10-01\tholiday\t国庆节\n' >"$tmp/2027.tsv"
XXGK_TODAY=2027-02-01 expect_rc 0 "calendar extended" "$xxgk" case new --agency 2 --received 2027-01-05 \
  --channel 当面 --category commercial --name x --content y --calendar "$tmp/2027.tsv"
printf '2027-01-01\tholyday\n' >"$tmp/bad.tsv"
expect_rc 2 "bad calendar" "$xxgk" case list --calendar "$tmp/bad.tsv"
expect_in "$tmp/err" "第 1 行" "bad calendar line"

# today past the shipped schedule: a deadline into 2027 is 暂定, never unknown
XXGK_TODAY=2026-12-07 expect_rc 0 "case into 2027" "$xxgk" case new --agency 2 \
  --received 2026-12-07 --channel 网络 --category natural_person --name 赵六 \
  --content 某审批文件
expect_in "$tmp/out" "（暂定）" "deadline marked 暂定"
expect_in "$tmp/out" "2027 年放假安排尚未公布" "the reason for 暂定"
XXGK_TODAY=2026-12-07 expect_rc 0 "due json 暂定" "$xxgk" case show 2026-00001 --json
expect_in "$tmp/out" '"provisional": 2027' "JSON provisional field"
expect_rc 0 "calendar show provisional" "$xxgk" calendar show 2027
expect_in "$tmp/out" "暂定" "2027 shown 暂定"
expect_in "$tmp/out" "2027-02-05  放假" "除夕 2027 off by the 放假办法"
printf '2027-01-01\tholiday\t元旦\n2027-10-01\tholiday\t国庆节\n2027-02-06\tworkday\t春节\n' >"$tmp/n2027.tsv"
printf '2027-01-01\tholiday\n2027-13-01\tholiday\tx\n' >"$tmp/bad2027.tsv"
expect_rc 2 "calendar import without its file" "$xxgk" calendar import --json
expect_rc 2 "bad notice refused" "$xxgk" calendar import "$tmp/bad2027.tsv"
XXGK_TODAY=2026-12-07 expect_rc 0 "calendar import" "$xxgk" calendar import "$tmp/n2027.tsv"
expect_in "$tmp/out" "已登记放假安排" "import message"
[ "$(sqlite3 "$XXGK_DB" "select count(*) from audit where action='calendar.import'")" = 1 ] && ok || fail "import audited"
XXGK_TODAY=2026-12-07 expect_rc 0 "no longer 暂定" "$xxgk" case show 2026-00001
if grep -q 暂定 "$tmp/out"; then fail "still 暂定 after import"; else ok; fi

# corrections: void the latest event with a reason, edit a detail
ev=$(sqlite3 "$XXGK_DB" "select id from event where application_id=1 and kind='reply'")
expect_rc 2 "void needs a reason" "$xxgk" case void "$ev"
expect_rc 0 "void" "$xxgk" case void "$ev" --reason 答复日期登记错误
expect_rc 0 "show voided" "$xxgk" case show 2024-00001
expect_in "$tmp/out" "已作废：答复日期登记错误" "voided event shown"
expect_rc 0 "reply again" "$xxgk" case reply 2024-00001 --date 2024-10-21 --outcome granted --basis 条例第三十六条第二项
XXGK_TODAY=2026-12-07 expect_rc 2 "basis that does not fit" "$xxgk" case reply 2026-00001 --date 2026-12-07 --outcome withheld_internal_affairs --basis 条例第三十六条第二项
expect_in "$tmp/err" "与答复结果不符" "basis message"
expect_rc 0 "edit" "$xxgk" case edit 2024-00002 --category research --reason 申请人为科研机构
[ "$(sqlite3 "$XXGK_DB" "select count(*) from audit where action='case.edit' and reason='申请人为科研机构'")" = 1 ] && ok || fail "edit audited"
expect_rc 0 "late replies view" "$xxgk" case late --year 2024 --json
cp "$tmp/out" "$tmp/late.json"
expect_rc 0 "late replies counted" python3 -c "import json; d=json.load(open('$tmp/late.json')); assert sum(x['replies'] for x in d) == 1 and sum(x['late'] for x in d) == 0, d"

# export → import → export
expect_rc 0 "export" "$xxgk" db export -o "$tmp/one.json"
expect_rc 0 "init copy" "$xxgk" db init --db "$tmp/copy.db"
expect_rc 0 "import" "$xxgk" db import --db "$tmp/copy.db" "$tmp/one.json"
expect_rc 0 "export copy" "$xxgk" db export --db "$tmp/copy.db" -o "$tmp/two.json"
cmp -s "$tmp/one.json" "$tmp/two.json" && ok || fail "export → import → export differs"
# the trigram index of the texts (schema 4) is made again by the import,
# never carried in the file
if grep -q application_text "$tmp/one.json"; then fail "the export holds the trigram index"; else ok; fi
if sqlite3 "$tmp/copy.db" "INSERT INTO application_text (application_text, rank)
    VALUES ('integrity-check', 1)" 2>"$tmp/err"; then ok; else
  fail "the imported trigram index differs from the texts: $(cat "$tmp/err")"
fi
word=$(sqlite3 "$tmp/copy.db" "SELECT substr(content, 2, 3) FROM application ORDER BY id LIMIT 1")
found=$(sqlite3 "$tmp/copy.db" "SELECT COUNT(*) FROM application_text
    WHERE application_text MATCH '\"$word\"'; SELECT COUNT(*) FROM application
    WHERE instr(tracking, '$word') OR instr(applicant_name, '$word') OR instr(content, '$word')" | tr '\n' ' ')
case $found in "0 "*) fail "imported: \"$word\" not found by the index" ;; *) ok ;; esac
set -- $found
[ "$1" = "$2" ] && ok || fail "imported: the index finds $1 applications with \"$word\", instr() $2"
expect_rc 2 "import twice" "$xxgk" db import --db "$tmp/copy.db" "$tmp/one.json"
expect_in "$tmp/err" "不是空的" "import into a used register"
summary
