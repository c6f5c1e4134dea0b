#!/usr/bin/env bash
# round.sh — the office's round of annual reports through a real HTTP
# client, on the demo register (its round of last year: 教育局 submitted
# from its register, 自然资源局 uploaded a DOCX with an error, 卫生健康委员会
# late): the board's states and filters; a unit sees only its own row,
# versions and files (403 on another's, 404 on a round that is not there)
# and cannot do the office's steps; every write refused without its CSRF
# token; the office returns, the unit resubmits, the office approves and
# publishes; the office opens a round, a unit cannot.
# Usage: round.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
fixtures=$(cd "$(dirname "$0")/../fixtures" && pwd)
data=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

start_demo
login health weijian
req health GET "$B/api/session"; HEALTH=$(jget 'j["user"]["agency_id"]')
# an API write as JAR: its session's CSRF header
api() { local jar=$1; shift; local t; eval "t=\$tok_$jar"; req "$jar" "$@" -H "X-CSRF-Token: $t"; }

# ## The demo round: each state on the board
req over GET "$B/api/rounds"; want 200 "rounds of the office"
R=$(jget 'j["rounds"][0]["id"]')
json 'len(j["rounds"]) == 1 and j["rounds"][0]["units"] == 3 and j["rounds"][0]["due"] == "2026-01-31"'
req over GET "$B/api/rounds/$R"; want 200 "the board"
json "[(r['agency_id'], r['state']) for r in j['rows']] == [($EDU, 'submitted'), ($LAND, 'errors'), ($HEALTH, 'pending')]"
json "[r['late_days'] > 0 for r in j['rows']] == [False, False, True] and j['rows'][1]['errors'] > 0"
req over GET "$B/api/rounds/$R?late=1"; json "[r['agency_id'] for r in j['rows']] == [$HEALTH]"
req over GET "$B/api/rounds/$R?state=errors"; json "[r['agency_id'] for r in j['rows']] == [$LAND]"
req over GET "$B/api/rounds/$R?errors=1"; json "[r['agency_id'] for r in j['rows']] == [$LAND]"
req over GET "$B/api/rounds/$R?state=done"; want 400 "an unknown state"
req over GET "$B/api/rounds/$R/late"; want 200 "late units"
json "[r['agency_id'] for r in j['late']] == [$HEALTH] and j['late'][0]['late_days'] == 293"
req over GET "$B/rounds/$R/export?format=csv&state=errors"; want 200 "the board exported as filtered"
head_has "Content-Disposition: attachment; filename=\"round-$R-2025.csv\"" "the export's name"
has "示例市自然资源局" "the filtered unit"; hasnt "示例市教育局" "not the others"
req over GET "$B/rounds/$R/export?format=xlsx"; want 200 "the board as a workbook"
[ "$(head -c 2 "$tmp/body")" = "PK" ] && ok || fail "an XLSX workbook"
req over GET "$B/rounds/$R/export?format=pdf"; want 400 "an unknown format"
req edu GET "$B/rounds/$R/export?format=csv"; want 403 "a unit exports the board"
req over GET "$B/rounds/$R"; want 200 "board page"
has "/rounds/$R/export?format=xlsx" "the export linked"
has "有错误" "errors state shown"; has "未报送" "pending state shown"; has "已逾期未报 293 天" "lateness shown"
has "<a href=\"/rounds/$R?state=errors\">有错误 <b>1</b></a>" "the units in each state counted"
has "<a href=\"/rounds/$R?late=1\">逾期 <b>1</b></a>" "the late ones counted"
has '<time datetime="2026-01-27T15:10:00Z">2026-01-27 23:10</time>' "the submission time in Beijing time"
req over GET "$B/rounds/$R/units/$LAND"; want 200 "a unit's page for the office"
has "自然资源局2025年度报告.docx" "the uploaded file's name"; has "表三按签发原件填写" "the unit's answer"

# ## A unit sees its own row, versions and files only
req edu GET "$B/api/rounds"; want 200 "a unit's rounds"; json "[r['id'] for r in j['rounds']] == [$R]"
req edu GET "$B/api/rounds/$R"; want 200 "a unit's board"
json "[r['agency_id'] for r in j['rows']] == [$EDU]"
req edu GET "$B/api/rounds/$R?state=errors"; json "j['rows'] == []"
req edu GET "$B/rounds/$R"; want 303 "a unit's board page is its own page"
head_has "Location: /rounds/$R/units/$EDU" "to its own page"
for p in "/rounds/$R/units/$LAND" "/api/rounds/$R/units/$LAND" "/rounds/$R/units/$LAND/versions/1/file" \
         "/api/rounds/$R/units/$HEALTH"; do
  req edu GET "$B$p"; want 403 "edu GET $p"
done
hasnt "示例市卫生健康委员会" "nothing of the other unit"
req edu GET "$B/api/rounds/$R/late"; want 403 "the late list is the office's"
req edu GET "$B/api/rounds/999"; want 404 "a round that is not there"
req edu GET "$B/api/rounds/$R/units/$EDU"; want 200 "its own versions"
json "j['row']['state'] == 'submitted' and len(j['versions']) == 1 and j['versions'][0]['source'] == '登记簿'"
req land GET "$B/rounds/$R/units/$LAND/versions/1/file"; want 200 "its own file"
head_has "Content-Disposition: attachment; filename=\"round$R-unit$LAND-v1.docx\"" "the file's name made here"
[ "$(head -c 2 "$tmp/body")" = "PK" ] && ok || fail "the DOCX as uploaded"
req over GET "$B/rounds/$R/units/$LAND/versions/1/file"; want 200 "the office gets the file"
req land GET "$B/rounds/$R/units/$LAND/versions/2/file"; want 404 "no such version"
req edu GET "$B/rounds/$R/units/$EDU/versions/1/file"; want 404 "built from the register: no file"

# the page's every form carries the session's token (the notes' forms too)
req land GET "$B/rounds/$R/units/$LAND"
[ "$(head -c 15 "$tmp/body")" = "<!DOCTYPE html>" ] && ok || fail "the page begins with its head"
[ "$(grep -o 'name="csrf" value="[0-9a-f]*"' "$tmp/body" | sort -u)" = "name=\"csrf\" value=\"$tok_land\"" ] && ok ||
  fail "every form's token is the session's"
[ "$(grep -o 'class="note"' "$tmp/body" | wc -l)" -ge 2 ] && ok || fail "a note form per finding"

# a unit's writes on another unit, and the office's steps, are refused
api edu POST "$B/api/rounds/$R/units/$LAND/notes" -d "version=1&finding=1&text=x"; want 403 "edu notes on land"
api edu POST "$B/api/rounds/$R/units/$LAND/submit"; want 403 "edu submits for land"
api edu POST "$B/api/rounds/$R/units/$LAND/register"; want 403 "edu builds for land"
api edu POST "$B/api/rounds/$R/units/$LAND/upload" -F "file=@$data/tianjin-nankai-2023.txt"; want 403 "edu uploads for land"
api land POST "$B/api/rounds/$R/units/$LAND/approve"; want 403 "a unit approves itself"
api land POST "$B/api/rounds/$R/units/$LAND/return" -d "why=x"; want 403 "a unit returns itself"
api land POST "$B/api/rounds/$R/publish"; want 403 "a unit publishes"
api over POST "$B/api/rounds/$R/units/$LAND/submit"; want 403 "the office submits for a unit"

# ## CSRF: every write refused without its token, nothing changed
req over POST "$B/api/rounds/$R/units/$LAND/approve"; want 403 "approve without the CSRF header"
req over POST "$B/rounds/$R/units/$LAND/return" -d "why=x"; want 403 "return without the form's token"
req land POST "$B/rounds/$R/units/$LAND/upload" -F "file=@$data/tianjin-nankai-2023.txt"; want 403 "upload without a token"
req land POST "$B/rounds/$R/units/$LAND/notes" -d "csrf=0000&version=1&finding=1&text=x"; want 403 "a wrong token"
req over POST "$B/rounds" -d "year=2026&due=2027-01-31"; want 403 "open without a token"
req over GET "$B/api/rounds/$R/units/$LAND"; json "j['row']['state'] == 'errors' and len(j['notes']) == 1"

# ## Return, resubmission, approval, publication
api over POST "$B/api/rounds/$R/units/$LAND/return" -d "why="; want 422 "a return needs its reason"
api over POST "$B/api/rounds/$R/units/$LAND/notes" -d "version=1&finding=1&text=请核对表三"; want 200 "office comment"
req over GET "$B/rounds/$R/units/$LAND"; T=$(csrf_of_body)
req over POST "$B/rounds/$R/units/$LAND/return" --data-urlencode "csrf=$T" --data-urlencode "why=表三合计与分项不符，请更正后重报"
want 303 "return through the form"
req land GET "$B/rounds/$R/units/$LAND"; has "表三合计与分项不符" "the unit reads why"; has "已退回" "returned"
has "请核对表三" "the office's comment on the finding"
# the office's comment on a cell, through the page's form, shown in that cell
req over GET "$B/rounds/$R/units/$LAND"; T=$(csrf_of_body)
has 'option value="applications.total.natural_person"' "the cells offered by their keys"
req over POST "$B/rounds/$R/units/$LAND/notes" --data-urlencode "csrf=$T" -d "version=1&cell=applications.total.natural_person" \
  --data-urlencode "text=总计应为126"; want 303 "a note on a cell through the form"
req over POST "$B/rounds/$R/units/$LAND/notes" -d "csrf=0000&version=1&cell=applications.total.natural_person&text=x"
want 403 "a cell note without the token"
api over POST "$B/api/rounds/$R/units/$LAND/notes" -d "version=1&cell=applications.nope&text=x"; want 422 "a cell not in the dictionary"
req land GET "$B/api/rounds/$R/units/$LAND"
json "[n['text'] for n in j['notes'] if n['cell'] == 'applications.total.natural_person'] == ['总计应为126']"
req land GET "$B/rounds/$R/units/$LAND"
python3 - "$tmp/body" <<'PY' && ok || fail "the cell's note inside the cell of the table"
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
cells = re.findall(r'<td[^>]*id="cell-[0-9]+-[0-9]+"[^>]*>(.*?)</td>', html, re.S)
assert [c for c in cells if '总计应为126' in c], 'no cell holds the note'
PY
api land POST "$B/api/rounds/$R/units/$LAND/upload" -F "file=@/dev/null;filename=empty.txt"; want 400 "an empty upload"
printf 'not a report at all\n' >"$tmp/junk.txt"
api land POST "$B/api/rounds/$R/units/$LAND/upload" -F "file=@$tmp/junk.txt"; want 422 "not a report"
api land POST "$B/api/rounds/$R/units/$LAND/register" -d "draft=1"; want 200 "a draft from the register"
json "j['ok'] and j['warning'] is None"
req land GET "$B/api/rounds/$R/units/$LAND"
json "j['row']['state'] == 'returned' and j['row']['version'] == 2 and j['versions'][0]['changes']"
api land POST "$B/api/rounds/$R/units/$LAND/submit"; want 200 "resubmitted"
json "'逾期' in j['warning']"
req land GET "$B/api/rounds/$R/units/$LAND"; json "j['row']['state'] == 'submitted' and j['row']['late_days'] == 293"
api over POST "$B/api/rounds/$R/units/$LAND/approve"; want 200 "approved"
api land POST "$B/api/rounds/$R/units/$LAND/register"; want 422 "nothing after the approval"
api over POST "$B/api/rounds/$R/publish"; want 200 "published"; json "j['published'] == 1"
req over GET "$B/api/rounds/$R"
json "[r['state'] for r in j['rows']] == ['submitted', 'published', 'pending'] and j['rows'][1]['corpus_id'] > 0"

# ## A unit without a register uploads a draft, answers, submits late
req health GET "$B/rounds/$R/units/$HEALTH"; want 200 "its page"
hasnt 'action="/rounds/'"$R"'/units/'"$HEALTH"'/register"' "no build from a register it does not keep"
has 'action="/rounds/'"$R"'/units/'"$HEALTH"'/upload"' "the upload offered"
api health POST "$B/api/rounds/$R/units/$HEALTH/register" -d "draft=1"; want 422 "the library refuses it"
has "不使用登记簿" "and says why"
api health POST "$B/api/rounds/$R/units/$HEALTH/upload" -F "draft=1" -F "file=@$fixtures/chongqing-nanan-2023.docx"
want 200 "upload a draft"; json "'草稿' in j['message'] and '2023' in j['warning']"
api health POST "$B/api/rounds/$R/units/$HEALTH/notes" -d "version=1&finding=0&text=按签发原件报送"; want 200 "an answer"
api health POST "$B/api/rounds/$R/units/$HEALTH/notes" -d "version=1&finding=x&text=y"; want 400 "a finding not a number"
api health POST "$B/api/rounds/$R/units/$HEALTH/submit"; want 200 "submitted"
req health GET "$B/api/rounds/$R/units/$HEALTH"
json "j['row']['state'] in ('submitted', 'errors') and j['row']['late_days'] == 293 and j['notes'][0]['side'] == 'unit'"
req over GET "$B/api/rounds/$R/late"; json "j['late'] == []"

# ## Opening a round: the office only, once a year
api edu POST "$B/api/rounds" -d "year=2026&due=2027-01-31"; want 403 "a unit opens a round"
api over POST "$B/api/rounds" -d "year=2026&due=2026-01-31"; want 422 "due before the year ends"
api over POST "$B/api/rounds" -d "year=2026&due=2027-01-31"; want 200 "a new round"; R2=$(jget 'j["id"]')
api over POST "$B/api/rounds" -d "year=2026&due=2027-01-31"; want 422 "one round a year"
req over GET "$B/rounds"; T=$(csrf_of_body)
req over POST "$B/rounds" -d "csrf=$T&year=2026&due=2027-01-30"; want 422 "refused on the form"
has 'value="2027-01-30"' "what was typed kept"
# on time: submitted before the due date of the new round
api edu POST "$B/api/rounds/$R2/units/$EDU/register"; want 200 "submit from the register"
req over GET "$B/api/rounds/$R2?late=1"; json "[r['agency_id'] for r in j['rows']] == []"
req over GET "$B/api/rounds/$R2"; json "j['rows'][0]['state'] == 'submitted' and j['rows'][0]['late_days'] == 0"
# last year's report beside this year's: the version of the round before
req edu GET "$B/rounds/$R2/units/$EDU"; want 200 "a unit's page of the next year"
has "2025 年度报送的第 1 版" "last year's version beside"; has 'class="compare two"' "two years side by side"
req edu GET "$B/rounds/$R/units/$EDU"; hasnt 'class="compare two"' "no year before the first round"
has "上年没有经本办报送的报告" "said so"

stop main

# --demo on a register that is not the demo's: served as it is, no round
"$xxgk" db init --db "$tmp/other.db" >/dev/null && "$xxgk" agency add --db "$tmp/other.db" --name 某县人民政府办公室 >/dev/null || fail "a register of another agency"
start other --demo --db "$tmp/other.db"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base_other/login")" = 200 ] && ok || fail "another register served with --demo"
stop other
summary
