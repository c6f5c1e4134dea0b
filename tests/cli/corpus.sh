#!/usr/bin/env bash
# corpus.sh — the corpus commands as a user meets them: import twice (the
# second a no-op), a changed file becomes a new version, --jsonl, findings
# with their exit codes, statistics as CSV, an XLSX workbook that opens, SVG
# charts that parse, agencies and their correction.
xxgk=$1
data=$2
. "$(dirname "$0")/../lib.sh"
db=$tmp/c.db
mkdir -p "$tmp/in/sub"
cp "$data"/*.txt "$tmp/in/"
cp "$data/huaian-2024.pdf" "$tmp/in/sub/"
printf '会议纪要\n' >"$tmp/in/sub/notes.txt"

expect_rc 1 "import (one file is no report)" "$xxgk" import -q --db "$db" "$tmp/in"
expect_in "$tmp/err" "新导入 6，未变 0，新版本 0，失败 1" "import counts"
expect_in "$tmp/err" "notes.txt: 未找到年度报告的统计表" "failure reason"
expect_rc 1 "import again" "$xxgk" import -q --db "$db" "$tmp/in"
expect_in "$tmp/err" "新导入 0，未变 6，新版本 0，失败 1" "re-import is a no-op"

# A path that does not exist: refused before the database is created.
expect_rc 2 "import: no such path" "$xxgk" import -q --db "$tmp/new.db" "$tmp/in" "$tmp/nope"
expect_in "$tmp/err" "$tmp/nope: 不存在" "missing path named"
[ ! -e "$tmp/new.db" ] && ok || fail "import of a missing path created the database"

# A changed file: a new version of that report.
sed -i 's/^\t929$/\t930/' "$tmp/in/tianjin-nankai-2023.txt"
rm "$tmp/in/sub/notes.txt"
expect_rc 0 "import changed" "$xxgk" import --db "$db" --jsonl "$tmp/in"
expect_in "$tmp/err" "新导入 0，未变 5，新版本 1，失败 0" "new version counted"
expect_in "$tmp/out" '"status": "new_version"' "jsonl says new_version"
[ "$(wc -l <"$tmp/out")" -eq 6 ] && ok || fail "jsonl: one line per file"
cp "$tmp/out" "$tmp/log.jsonl"
expect_rc 0 "jsonl parses" python3 -c "import json; [json.loads(l) for l in open('$tmp/log.jsonl')]"

# Findings: the changed report (930 received) breaks A1 and A3, and only
# its newest version counts.
expect_rc 1 "findings" "$xxgk" findings --db "$db"
expect_in "$tmp/out" "error A1" "A1 found"
expect_in "$tmp/out" "applications.received.total" "cell named"
expect_rc 1 "findings --rule A3 --json" "$xxgk" findings --db "$db" --rule A3 --json
cp "$tmp/out" "$tmp/a3.json"
expect_rc 0 "one A3 finding" python3 -c "
import json,sys; d=json.load(open('$tmp/a3.json'))
assert len(d)==1 and d[0]['rule']=='A3' and d[0]['year']==2023, d"
expect_rc 0 "findings: none for R1" "$xxgk" findings --db "$db" --rule R1
expect_rc 0 "findings: filter by region" "$xxgk" findings --db "$db" --region 重庆市
expect_rc 2 "findings: no database" "$xxgk" findings --db "$tmp/none.db"
expect_in "$tmp/err" "数据库不存在" "missing db message"
expect_rc 2 "bad year" "$xxgk" findings --db "$db" --year 12

# Statistics.
expect_rc 0 "stats csv" "$xxgk" stats --db "$db" --by year,kind --format csv
expect_in "$tmp/out" "year,kind,reports,received,handled,share.granted" "csv header"
expect_in "$tmp/out" "2024,government,1,3119,3050,0.4466" "huaian 2024 row"
expect_rc 0 "stats xlsx" "$xxgk" stats --db "$db" --format xlsx -o "$tmp/s.xlsx"
expect_rc 0 "xlsx opens" python3 - "$tmp/s.xlsx" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
for name in ("按年度", "按省份", "按机关类型"):
    assert name in book, name
sheet = z.read("xl/worksheets/sheet1.xml").decode()
shared = z.read("xl/sharedStrings.xml").decode()
assert "报告数" in shared and "（一）予以公开 占比" in shared
# numbers stored as numbers: 2024 and 3119 as <v> of non-string cells
assert re.search(r'<c r="A\d+"[^>]*><v>2024</v>', sheet), "year as a number"
assert "<v>3119</v>" in sheet
PY
expect_rc 0 "svg" "$xxgk" stats --db "$db" --svg "$tmp/charts"
expect_rc 0 "svg parses" python3 -c "
import xml.etree.ElementTree as E
for n in ('trend', 'outcomes', 'regions'):
    E.parse('$tmp/charts/%s.svg' % n)
assert '2024' in open('$tmp/charts/trend.svg').read()"
# 淮安市 is in 江苏省, 老城区 and 顺河回族区 in 河南省: no report's province
# is unknown.
expect_rc 0 "stats by province" "$xxgk" stats --db "$db" --by province --format csv
expect_in "$tmp/out" "江苏省,1," "淮安市 counted in 江苏省"
expect_in "$tmp/out" "河南省,2," "老城区 and 顺河回族区 in 河南省"
expect_rc 0 "no unknown province" python3 -c "
import sys; rows=open('$tmp/out').read().splitlines()[1:]
assert all(not r.startswith(',') for r in rows), rows"

# A corpus made before names were read against the divisions: its
# agencies are read again once, when the division column is added.
sqlite3 "$db" "ALTER TABLE corpus_agencies DROP COLUMN division;
  UPDATE corpus_agencies SET province = '', city = '' WHERE name = '淮安市人民政府'"
expect_rc 0 "migrated agencies" "$xxgk" agencies --db "$db" --region 江苏省 --json
expect_in "$tmp/out" '"division": "320800"' "淮安市 read again"

# The ranking by quality score, as CSV and as a workbook.
expect_rc 0 "ranking csv" "$xxgk" stats --db "$db" --by quality --format csv
expect_in "$tmp/out" "rank,score,got,judged,year,agency,province" "ranking header"
expect_in "$tmp/out" ",淮安市人民政府,江苏省,320800,government," "huaian ranked"
[ "$(wc -l <"$tmp/out")" -eq 7 ] && ok || fail "ranking: one row per report"
expect_rc 0 "ranking xlsx" "$xxgk" stats --db "$db" --format xlsx -o "$tmp/r.xlsx"
expect_rc 0 "ranking xlsx opens" python3 -c "
import zipfile; z = zipfile.ZipFile('$tmp/r.xlsx')
assert '质量排名' in z.read('xl/workbook.xml').decode()
assert '失分项' in z.read('xl/sharedStrings.xml').decode()"

# Agencies and a correction.
expect_rc 0 "agencies" "$xxgk" agencies --db "$db" --json
expect_in "$tmp/out" '"key": "南开区政府"' "agency key"
expect_in "$tmp/out" '"division": "120104"' "division code stored"
expect_rc 0 "agency set" "$xxgk" agencies --db "$db" set 1 province 河南省
# A user decides the place by its code: province, city and county with it.
expect_rc 0 "agency set division" "$xxgk" agencies --db "$db" set 1 division 220104
expect_rc 0 "agencies --region code" "$xxgk" agencies --db "$db" --region 220104 --json
expect_in "$tmp/out" '"province": "吉林省"' "province from the code"
expect_in "$tmp/out" '"city": "长春市"' "city from the code"
expect_rc 2 "agency set bad division" "$xxgk" agencies --db "$db" set 1 division 999999
expect_in "$tmp/err" "没有代码为“999999”的行政区划" "bad division message"
expect_rc 2 "agency set bad field" "$xxgk" agencies --db "$db" set 1 colour red
expect_in "$tmp/err" "只能修改" "bad field message"
summary
