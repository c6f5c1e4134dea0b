#!/usr/bin/env bash
# http.sh — the web application through a real HTTP client: `xxgk serve`
# on a demo register at 127.0.0.1 and a free port, curl for every route and
# role, access across agencies, CSRF, bad input, size and rate limits,
# escaping, the audit log; the server must then stop cleanly on SIGTERM
# (under ASan that is also the leak check).
# Usage: http.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
data=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/serve.sh"

. "$(dirname "$0")/client.sh"

start main --demo --db "$tmp/demo.db" --post-rate 0
B=$base_main

# ## Public pages, assets, unknown routes, headers
for p in / /login /apply /status /checker; do
  req anon GET "$B$p"; want 200 "GET $p"
done
head_has "Content-Security-Policy: default-src 'self'" "CSP"
head_has "X-Content-Type-Options: nosniff" "nosniff"
head_has "X-Frame-Options: DENY" "no framing"
req anon GET "$B/assets/style.css"; want 200 "css"; head_has "text/css" "css type"
req anon GET "$B/assets/app.js"; want 200 "js"; head_has "text/javascript" "js type"
req anon GET "$B/assets/nope.js"; want 404 "unknown asset"
req anon GET "$B/nope"; want 404 "unknown page"
req anon GET "$B/api/nope"; want 404 "unknown api"; json 'j["status"] == 404'
req anon DELETE "$B/cases"; want 405 "DELETE /cases"
req anon PUT "$B/api/cases"; want 405 "PUT /api/cases"

# ## Not logged in: pages redirect, the API says 401
for p in /cases /cases/new /cases/1 /records /reviews /report "/report/download?format=json"; do
  req anon GET "$B$p"; want 303 "anon $p"
done
head_has "Location: /login?next=%2Freport%2Fdownload" "next kept"
for p in /api/cases /api/cases/1 /api/session /api/agencies /api/records /api/reviews /api/report; do
  req anon GET "$B$p"; want 401 "anon $p"
done

# ## Login: CSRF, wrong password, cookies
req fresh GET "$B/login"
head_has "Set-Cookie: xxgk_csrf=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict" "anon csrf cookie"
req anon GET "$B/login"; T=$(csrf_of_body)
req anon POST "$B/login" -d "login=jiaoyu&password=demo-2026"; want 403 "login without csrf"
req anon POST "$B/login" -d "csrf=$T&login=jiaoyu&password=wrong-pass"; want 401 "wrong password"
has "用户名或密码不对" "wrong password message"
req anon POST "$B/login" -d "csrf=$T&login=nobody&password=wrong-pass"; want 401 "unknown login"
req anon POST "$B/login" -d "csrf=$T&login=&password="; want 400 "empty login"
req anon POST "$B/login" -d "csrf=$T&login=jiaoyu&password=demo-2026&next=//evil.example/"
want 303 "login"
head_has "Location: /cases" "open redirect refused"
for evil in "/%09/evil.example" "/%0A/evil.example" "/%7F/evil.example" "/%5Cevil.example" "/x%5C..%5C%5Cevil.example" "/%01/evil.example"; do
  rm -f "$tmp/ev.jar"; req ev GET "$B/login"; T2=$(csrf_of_body)
  req ev POST "$B/login" -d "csrf=$T2&login=jiaoyu&password=demo-2026&next=$evil"
  want 303 "login with next=$evil"
  if grep -qi "^Location: /cases" "$tmp/head"; then ok; else fail "next=$evil: $(grep -i ^Location "$tmp/head")"; fi
  req anon GET "$B/login?next=$evil"
  hasnt 'evil.example' "login form drops next=$evil"
done
rm -f "$tmp/ev.jar"; req ev GET "$B/login"; T2=$(csrf_of_body)
req ev POST "$B/login" -d "csrf=$T2&login=jiaoyu&password=demo-2026&next=/records%3Fyear%3D2025"
head_has "Location: /records?year=2025" "a local next kept"
head_has "Set-Cookie: xxgk_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Lax" "session cookie"
if grep -qi "Secure" "$tmp/head"; then fail "no Secure without TLS"; else ok; fi
req anon POST "$B/api/login" -H 'Content-Type: application/json' -d '{"login":"jiaoyu","password":"demo-2026"}'
want 403 "API login without X-Requested-With"
req apiu POST "$B/api/login" -H 'X-Requested-With: xxgk' -H 'Content-Type: application/json' \
  -d '{"login":"jiaoyu","password":"demo-2026"}'
want 200 "API login"; json 'j["user"]["agency"] == "示例市教育局" and len(j["csrf"]) == 64'
req apiu POST "$B/api/login" -H 'X-Requested-With: xxgk' -H 'Content-Type: application/json' \
  -d '{"login":"jiaoyu","password":"demo-2026\u0000garbage"}'
want 400 "a NUL in a JSON password"; has "NUL" "the NUL named"
req anon GET "$B/login"; T=$(csrf_of_body)
req anon POST "$B/login" -d "csrf=$T&login=jiaoyu&password=demo-2026%00garbage"; want 400 "a NUL in a form password"
req apiu POST "$B/api/login" -H 'X-Requested-With: xxgk' -H 'Content-Type: application/json' -d '{"login":'
want 400 "broken JSON"

login edu jiaoyu
login land ziyuan
login over dubanshi
EDU=$(jget 'j["user"]["agency_id"]' <<<"" 2>/dev/null)
req edu GET "$B/api/session"; EDU=$(jget 'j["user"]["agency_id"]')
req land GET "$B/api/session"; LAND=$(jget 'j["user"]["agency_id"]')
req over GET "$B/api/session"; OFFICE=$(jget 'j["user"]["agency_id"]')
json 'j["user"]["oversight"] is True'
req over GET "$B/api/agencies"; want 200 "agencies"; json 'len(j["agencies"]) == 4'
req edu GET "$B/api/agencies"; json 'len(j["agencies"]) == 1'

# ## The list: filters, paging, masking, due states
req edu GET "$B/cases"; want 200 "cases page"
has "申请登记" "cases title"
req edu GET "$B/api/cases?per=5"; want 200 "api cases"
json 'len(j["cases"]) == 5 and j["total"] > 50 and all(c["agency_id"] == '"$EDU"' for c in j["cases"])'
json 'all(c["id_number"] is None or "*" in c["id_number"] for c in j["cases"]) and all("****" in c["contact"] for c in j["cases"])'
TOTAL=$(jget 'j["total"]')
req edu GET "$B/api/cases?per=200&page=1"; json 'len(j["cases"]) == min(200, '"$TOTAL"')'
req edu GET "$B/api/cases?state=overdue&per=200"; want 200 "overdue"
json 'all(c["due"]["state"] == "overdue" and c["due"]["left"] < 0 for c in j["cases"])'
req edu GET "$B/api/cases?state=soon&per=200"; want 200 "soon"
json 'all(c["due"]["state"] == "soon" and 0 <= c["due"]["left"] <= 3 for c in j["cases"])'
req edu GET "$B/api/cases?state=closed&outcome=granted&per=200"; want 200 "granted"
json 'j["total"] > 0 and all(c["outcome"] == "granted" for c in j["cases"])'
req edu GET "$B/api/cases?category=commercial&per=200"
json 'all(c["category"] == "commercial" for c in j["cases"])'
req edu GET "$B/api/cases?from=2026-01-01&to=2026-03-31&per=200"
json 'j["total"] > 0 and all("2026-01-01" <= c["received"] <= "2026-03-31" for c in j["cases"])'
req edu GET "$B/api/cases?q=%E6%95%99%E5%B8%88%E6%8B%9B%E8%81%98"
json 'j["total"] > 0 and all("教师招聘" in c["content"] for c in j["cases"])'
req edu GET "$B/cases?category=natural_person&page=2"; want 200 "page 2"; has "上一页" "pager"
has "category=natural_person" "pager keeps the filters"
for bad in "state=bogus" "outcome=bogus" "category=bogus" "from=2025-13-01" "to=x" "per=0" "per=201" "page=0" "agency=abc"; do
  req edu GET "$B/api/cases?$bad"; want 400 "bad filter $bad"
done
req edu GET "$B/cases?state=bogus"; want 400 "bad filter page"
has "状态“bogus”不对" "bad filter message"

# ## Across agencies: a clerk sees only his own; oversight sees the units
req over GET "$B/api/cases?agency=$LAND&per=1"; want 200 "oversight sees a unit"
LAND_CASE=$(jget 'j["cases"][0]["id"]')
req over GET "$B/api/cases?per=200"; json 'len({c["agency_id"] for c in j["cases"]}) >= 2'
req edu GET "$B/cases/$LAND_CASE"; want 403 "clerk: other unit's case"
req edu GET "$B/api/cases/$LAND_CASE"; want 403 "clerk: other unit's case API"
req edu GET "$B/api/cases?agency=$LAND"; want 403 "clerk: other unit's list"
has "无权查看或处理机关 $LAND 的数据" "the refusal names the agency"
req edu GET "$B/api/cases?agency=$OFFICE"; want 403 "clerk: the office's list"
req edu GET "$B/api/report?year=2025&agency=$LAND"; want 403 "clerk: other unit's report"
has "无权查看机关 $LAND 的报告" "the report's own refusal"
req edu GET "$B/report?agency=$LAND"; want 403 "clerk: other unit's report page"
has "无权查看机关 $LAND 的报告" "the report page's refusal"
req edu GET "$B/api/report/download?agency=x1"; want 400 "a report of a bad agency number"
has "机关编号“x1”不对" "the bad number named"
req edu POST "$B/api/cases/$LAND_CASE/events" -H "X-CSRF-Token: $tok_edu" \
  -d "kind=reply&date=$TODAY&outcome=granted"
want 403 "clerk: event on other unit's case"
req edu POST "$B/api/cases" -H "X-CSRF-Token: $tok_edu" \
  -d "agency_id=$LAND&channel=当面&received=$TODAY&category=natural_person&name=甲&content=乙"
want 403 "clerk: register for other unit"
req edu POST "$B/api/records" -H "X-CSRF-Token: $tok_edu" \
  -d "agency_id=$LAND&kind=rules&title=x&issued=2026-01-05"
want 403 "clerk: record for other unit"
req over GET "$B/api/cases/$LAND_CASE"; want 200 "oversight: unit's case"
json 'j["case"]["id_number"] is None or "*" not in j["case"]["id_number"]'
req edu GET "$B/api/cases/999999"; want 404 "no such case"
req edu GET "$B/cases/abc"; want 404 "bad case id"

# ## Register an application, record steps, see the table change
req edu GET "$B/api/report?year=2026"; want 200 "report before"
G0=$(jget 'j["tables"]["report"]["applications"]["granted"]["total"]')
R0=$(jget 'j["tables"]["report"]["applications"]["received"]["total"]')
req edu GET "$B/cases/new"; want 200 "new form"; T=$(csrf_of_body)
req edu POST "$B/cases" --data-urlencode "csrf=$T" -d "agency_id=$EDU" \
  --data-urlencode "channel=当面" -d "received=2026-11-02" -d "category=natural_person" \
  --data-urlencode "name=测试申请人" -d "id_number=110101199001011234" -d "contact=13900001111" \
  --data-urlencode "content=<script>alert(1)</script>某校招生计划"
want 303 "register by form"
NEW=$(grep -io 'Location: /cases/[0-9]*' "$tmp/head" | grep -o '[0-9]*$')
req edu GET "$B/cases/$NEW"; want 200 "detail"
has "&lt;script&gt;alert(1)&lt;/script&gt;" "escaped content"
hasnt "<script>alert(1)" "no raw script"
has "110101199001011234" "detail shows the whole ID number"
has "已登记申请" "flash after redirect"
req edu GET "$B/api/cases?q=%E6%B5%8B%E8%AF%95%E7%94%B3%E8%AF%B7%E4%BA%BA"
json 'j["cases"][0]["id_number"] == "110***********1234"'
req edu GET "$B/cases?q=%E6%B5%8B%E8%AF%95%E7%94%B3%E8%AF%B7%E4%BA%BA"
hasnt "110101199001011234" "list masks the ID number"
hasnt "13900001111" "list masks the phone"
# CSRF on writes
req edu POST "$B/cases/$NEW/events" -d "kind=extended&date=$TODAY"; want 403 "event without csrf"
req edu POST "$B/cases/$NEW/events" -d "csrf=$tok_land&kind=extended&date=$TODAY"; want 403 "event with another session's csrf"
req edu POST "$B/api/cases/$NEW/events" -d "kind=extended&date=$TODAY"; want 403 "API without X-CSRF-Token"
# bad input
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=bogus&date=$TODAY"; want 400 "bad kind"
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=reply&date=2026-10-01&outcome=granted"
want 422 "reply before receipt"
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=reply&date=$TODAY&outcome=bogus"
want 422 "bad outcome"
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=fee_notice&date=$TODAY"
want 400 "fee notice without quantity"
req edu POST "$B/api/cases" -H "X-CSRF-Token: $tok_edu" -d "agency_id=$EDU&channel=当面&received=2026-02-30&category=natural_person&name=甲&content=乙"
want 422 "bad date"
# the steps
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=consult_started&date=2026-11-05"
want 200 "consult"
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=consult_answered&date=2026-11-10"
want 200 "consult answered"
req edu GET "$B/cases/$NEW"; T=$(csrf_of_body)
req edu POST "$B/cases/$NEW/events" --data-urlencode "csrf=$T" -d "kind=reply&date=$TODAY&outcome=granted" \
  --data-urlencode "basis=《条例》第三十六条第（二）项"
want 303 "reply by form"
req edu GET "$B/api/cases/$NEW"; json 'j["case"]["outcome"] == "granted" and [e["kind"] for e in j["events"]] == ["consult_started", "consult_answered", "reply"]'
req edu POST "$B/api/cases/$NEW/events" -H "X-CSRF-Token: $tok_edu" -d "kind=withdrawn&date=$TODAY"
want 422 "nothing after the final step"
req edu GET "$B/api/report?year=2026"
json 'j["tables"]["report"]["applications"]["granted"]["total"] == '"$G0"' + 1'
json 'j["tables"]["report"]["applications"]["received"]["total"] == '"$R0"' + 1'
# corrections with history: the reply voided with a reason reopens the
# case and leaves the report's granted count where it was; an edit
req edu GET "$B/api/cases/$NEW"; REPLY=$(jget '[e["id"] for e in j["events"] if e["kind"] == "reply"][0]')
req edu POST "$B/api/events/$REPLY/void" -H "X-CSRF-Token: $tok_edu" -d "case=$NEW&reason="
want 422 "void without a reason"
req edu POST "$B/api/events/$REPLY/void" -H "X-CSRF-Token: $tok_edu" -d "case=$LAND_CASE&reason=x"
want 404 "void through another case"
req edu POST "$B/api/events/$REPLY/void" -H "X-CSRF-Token: $tok_edu" -d "case=$NEW&reason=误登记"
want 200 "void"
req edu GET "$B/api/cases/$NEW"; json 'j["case"]["outcome"] is None and [e["voided"] for e in j["events"]][-1] == "误登记"'
req edu GET "$B/api/report?year=2026"
json 'j["tables"]["report"]["applications"]["granted"]["total"] == '"$G0"
req edu POST "$B/api/cases/$NEW/edit" -H "X-CSRF-Token: $tok_edu" -d "category=research&reason=申请人为科研机构"
want 200 "edit"
req edu POST "$B/api/cases/$LAND_CASE/edit" -H "X-CSRF-Token: $tok_edu" -d "category=research&reason=x"
want 403 "edit of another unit's case"

# ## Public form and status page
req pub GET "$B/apply"; want 200 "apply form"; T=$(csrf_of_body)
req pub POST "$B/apply" -d "agency_id=$EDU&category=natural_person&name=a&contact=b&content=c"
want 403 "apply without csrf"
req pub POST "$B/apply" --data-urlencode "csrf=$T" -d "agency_id=$EDU&category=natural_person" \
  --data-urlencode "name=公众甲" -d "contact=13700002222" --data-urlencode "content=学校食堂招标文件" \
  --data-urlencode "delivery=电子邮件"
want 200 "apply"
TRACK=$(grep -o 'id="tracking">[^<]*' "$tmp/body" | sed 's/.*>//')
CODE=$(grep -o 'id="code">[^<]*' "$tmp/body" | sed 's/.*>//')
[ ${#CODE} -eq 16 ] && ok || fail "code shown: '$CODE'"
req pub POST "$B/apply" --data-urlencode "csrf=$T" -d "agency_id=$EDU&category=natural_person&contact=x&content=y"
want 400 "apply without a name"
req pub POST "$B/api/apply" -H 'X-Requested-With: xxgk' -H 'Content-Type: application/json' \
  -d "{\"agency_id\": \"$LAND\", \"category\": \"commercial\", \"name\": \"某公司\", \"contact\": \"a@b.cn\", \"content\": \"规划条件\"}"
want 200 "apply by API"; json 'len(j["code"]) == 16 and j["tracking"].startswith("2026-")'
req pub GET "$B/status"; T=$(csrf_of_body)
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=$TRACK&code=$CODE"; want 200 "status"
has "$TRACK" "status shows the tracking number"
has "学校食堂招标文件" "status shows the request"
hasnt "13700002222" "status hides the phone"
hasnt "公众甲" "status hides the name"
# another code of the same alphabet, by its first character: a code with no
# letter of a range to shift (one in a hundred) would otherwise stay right
case $CODE in 2*) WRONG=3${CODE#?} ;; *) WRONG=2${CODE#?} ;; esac
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=$TRACK&code=$WRONG"; want 403 "wrong code"
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=2026-99999&code=$CODE"; want 403 "wrong number"
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=$TRACK"; want 400 "no code"
req pub POST "$B/api/status" -H 'X-Requested-With: xxgk' -d "tracking=$TRACK&code=$CODE"
want 200 "status API"; json 'j["open"] is True and j["due"] and "name" not in j and "contact" not in j'
# a long request (600 bytes of Chinese): shown whole, never cut inside a
# character (511 bytes fell in the middle of one)
LONG=$("$PY" -c "print('公开' * 100)")
req pub POST "$B/api/apply" -H 'X-Requested-With: xxgk' -H 'Content-Type: application/json' \
  -d "{\"agency_id\": \"$EDU\", \"category\": \"natural_person\", \"name\": \"某人\", \"contact\": \"a@b.cn\", \"content\": \"$LONG\"}"
want 200 "apply with a long request"
LT=$(jget 'j["tracking"]'); LC=$(jget 'j["code"]')
req pub POST "$B/api/status" -H 'X-Requested-With: xxgk' -d "tracking=$LT&code=$LC"
json 'j["content"] == "'"$LONG"'"'
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=$LT&code=$LC"
has "$LONG" "the status page shows the whole request"
# a wrong code: the form again, the error on it, the number kept
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=$TRACK&code=$WRONG"
has 'class="flash error"' "the error on the status form"; has "value=\"$TRACK\"" "the number kept"
# 纸质 needs a postal address: refused on the form with the input kept,
# then taken with the address beside the way of delivery
req pub POST "$B/apply" --data-urlencode "csrf=$T" -d "agency_id=$EDU&category=natural_person" \
  --data-urlencode "name=公众丙" -d "contact=13700003333" --data-urlencode "content=某校舍维修合同" \
  --data-urlencode "delivery=纸质"
want 400 "纸质 without an address"; has "请填写邮寄地址" "the address asked for"
has "某校舍维修合同" "the content kept"; has 'value="公众丙"' "the name kept"
req pub POST "$B/apply" --data-urlencode "csrf=$T" -d "agency_id=$EDU&category=natural_person" \
  --data-urlencode "name=公众丙" -d "contact=13700003333" --data-urlencode "content=某校舍维修合同" \
  --data-urlencode "delivery=纸质" --data-urlencode "address=示例市某路1号"
want 200 "纸质 with an address"
T3=$(grep -o 'id="tracking">[^<]*' "$tmp/body" | sed 's/.*>//'); C3=$(grep -o 'id="code">[^<]*' "$tmp/body" | sed 's/.*>//')
req edu GET "$B/api/cases?q=$T3"; json 'j["cases"][0]["delivery"] == "纸质（邮寄地址：示例市某路1号）"'
ID3=$(jget 'j["cases"][0]["id"]')
# a 补正: the citizen sees what it asks for, answers it online, then the
# reply and its basis online
req edu POST "$B/cases/$ID3/events" --data-urlencode "csrf=$tok_edu" -d "kind=correction_requested&date=$TODAY" \
  --data-urlencode "note=请写明合同的签订年份"
want 303 "补正 asked"
req pub POST "$B/status" --data-urlencode "csrf=$T" -d "tracking=$T3&code=$C3"; want 200 "status with a 补正"
has "请写明合同的签订年份" "what the 补正 asks for"; has "等待您补正" "awaiting the applicant"
has 'action="/status/correction"' "the answer form"
req pub POST "$B/status/correction" --data-urlencode "csrf=$T" -d "tracking=$T3&code=$WRONG"; want 403 "an answer with a wrong code"
req pub POST "$B/status/correction" --data-urlencode "csrf=$T" -d "tracking=$T3&code=$C3&text="; want 400 "an empty answer"
req pub POST "$B/status/correction" --data-urlencode "csrf=$T" -d "tracking=$T3&code=$C3" \
  --data-urlencode "text=2024年签订"
want 200 "the 补正 answered online"; has "补正已提交" "answer taken"; has "2024年签订" "the answer in the timeline"
hasnt 'action="/status/correction"' "no second answer form"
req pub POST "$B/api/status/correction" -H 'X-Requested-With: xxgk' -d "tracking=$T3&code=$C3&text=again"
want 422 "a second answer refused by the register"
req edu GET "$B/cases/$ID3"; has "2024年签订" "the clerk sees the answer"
# a refused step: the error on the case's form, the input kept
req edu POST "$B/cases/$ID3/events" --data-urlencode "csrf=$tok_edu" -d "kind=reply&date=2020-01-01&outcome=granted" \
  --data-urlencode "note=保留的说明"
want 422 "a reply before receipt"; has 'id="event-form"' "the form again"
has 'class="flash error wide"' "the error on the form"; has 'value="保留的说明"' "the note kept"; has 'value="2020-01-01"' "the date kept"
has "早于申请收到日期" "the register's reason in the error, not an empty box"

req edu POST "$B/cases/$ID3/events" --data-urlencode "csrf=$tok_edu" -d "kind=reply&date=$TODAY&outcome=granted" \
  --data-urlencode "basis=《条例》第三十六条第（二）项" --data-urlencode "note=合同复印件将按地址寄出"
want 303 "the reply"
req pub POST "$B/api/status" -H 'X-Requested-With: xxgk' -d "tracking=$T3&code=$C3"
json 'j["open"] is False and j["events"][-1]["kind"] == "reply" and j["events"][-1]["note"] == "合同复印件将按地址寄出" and "第三十六条" in j["events"][-1]["basis"]'
# the clerk sees it in his list
req edu GET "$B/api/cases?q=%E9%A3%9F%E5%A0%82"; json 'j["total"] == 1 and j["cases"][0]["channel"] == "网络"'
req land GET "$B/api/cases?q=%E9%A3%9F%E5%A0%82"; json 'j["total"] == 0'

# ## Records, figures, reviews
req edu POST "$B/api/records" -H "X-CSRF-Token: $tok_edu" --data-urlencode "title=招生工作实施办法" \
  -d "kind=normative_documents&number=&issued=2026-03-02"
want 200 "record"; REC=$(jget 'j["id"]')
req edu POST "$B/api/records/$REC/repeal" -H "X-CSRF-Token: $tok_edu" -d "date=2026-01-01"; want 422 "repeal before issue"
req land POST "$B/api/records/$REC/repeal" -H "X-CSRF-Token: $tok_land" -d "date=2026-09-01"; want 403 "repeal other's record"
req edu POST "$B/api/records/$REC/repeal" -H "X-CSRF-Token: $tok_edu" -d "date=2026-09-01"; want 200 "repeal"
req edu POST "$B/api/records" -H "X-CSRF-Token: $tok_edu" -d "kind=bogus&title=x&issued=2026-03-02"; want 422 "bad kind"
req edu POST "$B/api/figures" -H "X-CSRF-Token: $tok_edu" -d "year=2026&item=licensing&value=321"; want 200 "figure"
req edu POST "$B/api/figures" -H "X-CSRF-Token: $tok_edu" -d "year=2026&item=licensing&value=-1"; want 422 "bad figure"
req edu GET "$B/api/records?year=2026"; json 'any(r["id"] == '"$REC"' and r["repealed"] == "2026-09-01" for r in j["records"]) and {"item": "licensing", "value": "321"} in j["figures"]'
req edu GET "$B/records"; want 200 "records page"
req edu POST "$B/api/reviews" -H "X-CSRF-Token: $tok_edu" -d "kind=administrative_review&filed=$TODAY&cases=2026-99999"
want 422 "review of an unknown case"
TR_NEW=$("$PY" -c "print('x')" >/dev/null; req edu GET "$B/api/cases/$NEW"; jget 'j["case"]["tracking"]')
req edu POST "$B/api/reviews" -H "X-CSRF-Token: $tok_edu" -d "kind=administrative_review&filed=$TODAY&cases=$TR_NEW"
want 200 "review"; REV=$(jget 'j["id"]')
req land POST "$B/api/reviews/$REV/decide" -H "X-CSRF-Token: $tok_land" -d "result=upheld&date=$TODAY"; want 403 "decide other's review"
req edu POST "$B/api/reviews/$REV/decide" -H "X-CSRF-Token: $tok_edu" -d "result=bogus&date=$TODAY"; want 422 "bad result"
req edu POST "$B/api/reviews/$REV/decide" -H "X-CSRF-Token: $tok_edu" -d "result=corrected&date=$TODAY"; want 200 "decide"
req edu GET "$B/api/reviews"; json 'any(v["id"] == '"$REV"' and v["result"] == "corrected" for v in j["reviews"])'
req edu GET "$B/reviews"; want 200 "reviews page"

# ## The annual report: narrative, units and sum, downloads
req edu GET "$B/report?year=2025"; want 200 "report page"; T=$(csrf_of_body)
has "收到和处理政府信息公开申请情况" "table 3 heading"
req edu POST "$B/report/narrative" --data-urlencode "csrf=$T" -d "year=2025&section=problems" \
  --data-urlencode "text=存在的问题：<b>公开不及时</b>"
want 303 "narrative"
req edu GET "$B/report?year=2025"; has "存在的问题：&lt;b&gt;公开不及时&lt;/b&gt;" "narrative shown escaped"
req edu POST "$B/api/report/narrative" -H "X-CSRF-Token: $tok_edu" -d "year=2025&section=bogus&text=x"; want 400 "bad section"
req edu GET "$B/api/report?year=2020"; want 400 "year before 2021"
req over GET "$B/report?year=2025"; want 200 "oversight report"; has "合计（含本机关）" "units and sum"
has "示例市自然资源局" "unit listed"
req over GET "$B/api/report?year=2025"; want 200 "oversight report API"
json 'len(j["units"]) == 3 and j["sum"]["applications.received.total"] >= sum(u["applications.received.total"] for u in j["units"])'
for f in html docx md json csv; do
  req edu GET "$B/report/download?year=2025&format=$f"; want 200 "download $f"
  head_has "Content-Disposition: attachment; filename=\"xxgk-report-$EDU-2025.$f\"" "disposition $f"
done
req edu GET "$B/report/download?year=2025&format=docx"
[ "$(head -c 2 "$tmp/body")" = "PK" ] && ok || fail "docx is a zip"
req edu GET "$B/report/download?year=2025&format=csv"
expect_in "$tmp/body" "applications.received.total" "csv header"
req edu GET "$B/report/download?year=2025&format=xml"; want 400 "bad format"

# ## The checker (open to all): upload, paste, highlighted cell, limits
req pub GET "$B/checker"; T=$(csrf_of_body)
req pub POST "$B/check" -F "csrf=$T" -F "file=@$data/tianjin-nankai-2023.txt"; want 200 "check a clean report"
has "没有发现问题" "clean report"
"$PY" - "$data/tianjin-nankai-2023.txt" "$tmp/bad.txt" <<'PY'
import sys, re
s = open(sys.argv[1], encoding='utf-8').read()
i = s.index('总计')  # table 2's first total: one cell off by one
m = re.compile(r'\d+').search(s, i)
open(sys.argv[2], 'w', encoding='utf-8').write(s[:m.start()] + str(int(m.group()) + 1) + s[m.end():])
PY
req pub POST "$B/check" -F "csrf=$T" -F "file=@$tmp/bad.txt"; want 200 "check a broken report"
has 'class="num bad' "a highlighted cell"
has '<aside class="findings">' "findings beside the table"
req pub POST "$B/check" -F "csrf=$T" -F "text=<$tmp/bad.txt"; want 200 "check pasted text"
has 'class="num bad' "pasted: highlighted"
req pub POST "$B/api/check" -H 'X-Requested-With: xxgk' -F "file=@$tmp/bad.txt"; want 200 "check API"
json 'j["tables"]["errors"] >= 1 and any(f.get("cells") for f in j["tables"]["findings"]["findings"])' 
req pub POST "$B/api/check" -H 'X-Requested-With: xxgk' -F "file=@$data/../fixtures/chongqing-nanan-2023.docx"
want 200 "check a DOCX"; json 'j["input"] == "docx"'
req pub POST "$B/check" -F "csrf=$T" -F "text="; want 400 "nothing to check"
req pub POST "$B/api/check" -H 'X-Requested-With: xxgk' -F "file=@/dev/null;filename=x.txt"; want 400 "empty file"
printf 'hello\n' >"$tmp/hello.txt"
req pub POST "$B/api/check" -H 'X-Requested-With: xxgk' -F "file=@$tmp/hello.txt"; want 422 "not a report"
req pub POST "$B/check" -F "file=@$tmp/bad.txt"; want 403 "check without csrf"
head -c 9000000 /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
req pub POST "$B/api/check" -H 'X-Requested-With: xxgk' -F "file=@$tmp/big.txt"; want 413 "upload too large"
head -c 70000 /dev/zero | tr '\0' 'a' >"$tmp/form.txt"
req pub POST "$B/login" --data-binary "@$tmp/form.txt" -H 'Content-Type: application/x-www-form-urlencoded'
want 413 "form too large"
req pub POST "$B/login" -H 'Content-Type: text/plain' -d 'x'; want 400 "unknown body type"
many=$("$PY" -c "print('&'.join('f%d=1' % i for i in range(80)))")
req pub POST "$B/login" -d "$many"; want 400 "too many fields"

# ## The office: a unit filter, search by phone, each unit's deadlines
req over GET "$B/cases"; has 'name="agency"' "the unit filter"; has "全部单位" "the unit filter's all"
req over GET "$B/cases?agency=$LAND"; want 200 "the list of one unit"
req over GET "$B/api/cases?agency=$LAND&per=200"; json 'j["total"] > 0 and all(c["agency_id"] == '"$LAND"' for c in j["cases"])'
req over GET "$B/api/cases?phone=13700003333"; json 'j["total"] == 1 and j["cases"][0]["tracking"] == "'"$T3"'"'
req over GET "$B/cases?phone=3700003333"; has "$T3" "search by part of a phone number"
req edu GET "$B/api/cases?phone=13700003333&agency=$EDU"; json 'j["total"] == 1'
req land GET "$B/api/cases?phone=13700003333"; json 'j["total"] == 0'
req over GET "$B/overdue"; want 200 "the units' deadlines"; has "各单位办理期限" "overview title"
req over GET "$B/api/overdue"; want 200 "overview API"
json 'len(j["units"]) == 4 and sum(u["overdue"] for u in j["units"]) > 0 and all(u["open"] >= u["overdue"] + u["soon"] for u in j["units"])'
OVER=$(jget 'sum(u["overdue"] for u in j["units"])')
req over GET "$B/api/cases?state=overdue&per=200"; json 'j["total"] == '"$OVER"

# ## An empty corpus says so, rather than tables of dashes
req edu GET "$B/corpus"; want 200 "empty corpus"; has "语料库是空的" "the empty state"; hasnt "<svg" "no empty charts"
# ## Reports uploaded into the corpus, many at once, read off the request threads
req edu GET "$B/corpus"; T=$(csrf_of_body)
printf 'not a report\n' >"$tmp/junk.txt"
req edu POST "$B/corpus/upload" -F "csrf=$T" -F "files=@$data/tianjin-nankai-2023.txt" \
  -F "files=@$tmp/bad.txt;filename=nankai-changed.txt" -F "files=@$tmp/junk.txt"
want 200 "corpus upload"; has "共 3 个文件" "three files"; has "未能读取" "the junk one failed"
has 'href="/corpus/reports/' "links to the reports"
req edu POST "$B/api/corpus/upload" -H "X-CSRF-Token: $tok_edu" -F "files=@$data/tianjin-nankai-2023.txt"
want 200 "corpus upload API"; json 'j["files"][0]["result"] == "unchanged" and j["imported"] == 0'
req edu POST "$B/corpus/upload" -F "csrf=$T"; want 400 "an upload without files"
req edu GET "$B/corpus"; hasnt "语料库是空的" "no longer empty"; has "<svg" "charts now"

# ## Small things: a deadline today says so, a unit is not said twice,
# the icon is there, a company's name is not masked like a person's
req edu POST "$B/api/cases" -H "X-CSRF-Token: $tok_edu" --data-urlencode "name=今日公司" \
  -d "channel=当面&received=2026-10-23&category=commercial&contact=13811112222&content=due-today"
want 200 "a case due today"
req edu GET "$B/cases?q=due-today"; has "今日到期" "due today"; hasnt "0 个工作日内到期" "no 0 working days"
has "今日公司" "a company's name whole in the list"; has "138****2222" "its phone masked"
req edu GET "$B/api/cases?q=due-today"; json 'j["cases"][0]["applicant"] == "今日公司" and j["cases"][0]["due"]["left"] == 0'
req edu GET "$B/api/cases?category=natural_person&per=5"; json 'all("*" in c["applicant"] for c in j["cases"])'
req edu GET "$B/records"; hasnt "万元），万元" "the unit once"; has "（单位：万元））" "the fee item's label"
req anon GET "$B/favicon.ico"; want 200 "favicon"; head_has "Content-Type: image/svg+xml" "favicon type"

# ## Eleven wrong status codes from this address: look-ups wait, staff
# logins from the same address do not (their budgets are apart)
req pub GET "$B/status"; T=$(csrf_of_body)
for i in $(seq 1 11); do
  req pub POST "$B/status" -d "csrf=$T&tracking=2026-00001&code=WRONGCODE"
done
want 429 "the eleventh wrong status code"
head_has "Retry-After: [0-9]" "status Retry-After"
login late jiaoyu

# ## Users, units and passwords in the browser
req over GET "$B/users"; want 200 "users page"; has "jiaoyu" "the unit's user listed"; has "dubanshi" "the office's"
hasnt "argon2" "no hash on the page"
req edu GET "$B/api/users"; json 'all(u["agency_id"] == '"$EDU"' for u in j["users"]) and len(j["users"]) >= 1'
req edu POST "$B/users" -d "csrf=$tok_edu&agency_id=$EDU&name=新人&login=xinren&password=first-pass-1"
want 403 "a unit's clerk manages no users"
req over POST "$B/users" -d "csrf=$tok_over&agency_id=$LAND&name=新人&login=xinren&password=first-pass-1"
want 303 "the office gives a unit's user a login"
req over POST "$B/api/users" -H "X-CSRF-Token: $tok_over" -d "agency_id=$LAND&name=某人&login=jiaoyu&password=first-pass-1"
want 422 "a login taken"
rm -f "$tmp/xr.jar"; req xr GET "$B/login"; T2=$(csrf_of_body)
req xr POST "$B/login" -d "csrf=$T2&login=xinren&password=first-pass-1&next=/password"; want 303 "the new user logs in"
req xr GET "$B/password"; want 200 "password form"; T2=$(csrf_of_body)
req xr POST "$B/password" -d "csrf=$T2&current=wrong-pass-0&password=second-pass-2&again=second-pass-2"; want 403 "a wrong current password"
req xr POST "$B/password" -d "csrf=$T2&current=first-pass-1&password=second-pass-2&again=other-pass-3"; want 400 "two different new ones"
req xr POST "$B/password" -d "csrf=$T2&current=first-pass-1&password=second-pass-2&again=second-pass-2"; want 303 "password changed"
rm -f "$tmp/xr.jar"; req xr GET "$B/login"; T2=$(csrf_of_body)
req xr POST "$B/login" -d "csrf=$T2&login=xinren&password=first-pass-1"; want 401 "the old password no longer"
req xr POST "$B/login" -d "csrf=$T2&login=xinren&password=second-pass-2"; want 303 "the new password"
req over GET "$B/agencies"; want 200 "agencies page"; has "示例市自然资源局" "a unit listed"
req over POST "$B/api/agencies" -H "X-CSRF-Token: $tok_over" --data-urlencode "name=示例市自然资源局测绘科" -d "parent_id=$LAND"
want 200 "the office adds a unit"; SUB=$(jget 'j["id"]')
req over GET "$B/api/agencies"; json 'any(a["id"] == '"$SUB"' and a["parent_id"] == '"$LAND"' for a in j["agencies"])'
req land GET "$B/api/agencies"; json 'any(a["id"] == '"$SUB"' for a in j["agencies"])'
req edu POST "$B/api/agencies" -H "X-CSRF-Token: $tok_edu" --data-urlencode "name=x" -d "parent_id=$EDU"; want 403 "a clerk adds no unit"

# ## Logout ends the session
req edu POST "$B/logout" -d "csrf=$tok_edu"; want 303 "logout"
head_has "Set-Cookie: xxgk_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" "cookie cleared"
req edu GET "$B/api/session"; want 401 "after logout"

# ## Every write is audited with its user
"$xxgk" db export --db "$tmp/demo.db" >"$tmp/export.json" 2>"$tmp/export.err"
"$PY" - "$tmp/export.json" "$NEW" <<'PY' && ok || fail "audit log"
import json, sys
j = json.load(open(sys.argv[1]))
a = j["tables"]["audit"]
new = int(sys.argv[2])
assert any(r["who"] == "jiaoyu" and r["action"] == "case.new" and r["entity_id"] == new for r in a)
assert any(r["who"] == "jiaoyu" and r["action"] == "event.reply" for r in a), {r["action"] for r in a}
assert any(r["who"] == "jiaoyu" and r["action"].startswith("narrative") for r in a)
assert any(r["who"] == "web:public" and r["action"] == "case.code" for r in a)
assert not any("argon2" in (r["after"] or "") for r in a)
PY

# ## A second server: Secure cookies, and the rate limit on writes
start strict --db "$tmp/empty.db" --secure-cookies --post-rate 3
req s GET "$base_strict/login"; T=$(csrf_of_body)
head_has "Set-Cookie: xxgk_csrf=.*Secure" "Secure cookie"
for i in 1 2 3; do req s POST "$base_strict/login" -d "csrf=$T&login=x&password=yyyyyyyy"; done
want 401 "third write allowed"
req s POST "$base_strict/login" -d "csrf=$T&login=x&password=yyyyyyyy"; want 429 "fourth write limited"
head_has "Retry-After: [0-9]" "Retry-After"

# ## Behind a TLS proxy: Secure only when the proxy says https
start proxy --db "$tmp/proxy.db" --trust-proxy
req p1 GET "$base_proxy/login" -H 'X-Forwarded-Proto: https'
head_has "Set-Cookie: xxgk_csrf=.*; Secure" "Secure behind https"
req p2 GET "$base_proxy/login"
if grep -qi "Secure" "$tmp/head"; then fail "no Secure over plain http"; else ok; fi
# ten failed status look-ups from one address, then 429
req p3 GET "$base_proxy/status"; T=$(csrf_of_body)
for i in $(seq 1 10); do
  req p3 POST "$base_proxy/status" -H "X-Forwarded-For: 192.0.2.$i" -d "csrf=$T&tracking=2026-00001&code=AAAA"
done
want 403 "look-ups from ten addresses each allowed"
for i in $(seq 1 10); do
  req p3 POST "$base_proxy/status" -H 'X-Forwarded-For: 192.0.2.99' -d "csrf=$T&tracking=2026-00001&code=AAAA"
done
want 403 "the tenth failed look-up from one address"
req p3 POST "$base_proxy/status" -H 'X-Forwarded-For: 192.0.2.99' -d "csrf=$T&tracking=2026-00001&code=AAAA"
want 429 "the eleventh is limited"

# ## Both stop cleanly (and, under ASan, without leaks)
for name in main strict proxy; do stop $name; done
pids=()
summary
