#!/usr/bin/env bash
# attach.sh — through a real HTTP client, on the demo register: a case's
# files upload (form and API, off the request threads), come back byte for
# byte with their media type and a UTF-8 download name, and reach only the
# agency's users (another unit: 403, a file of another case: 404, anonymous:
# login); a write without its CSRF token is refused and stores nothing;
# malformed and refused uploads answer with a message; a delivery of a fee
# notice moves its period to pay; the citizen's application and the clerk's
# registration carry a proof of identity (条例第二十九条), a refused one
# registering nothing; the office enters a year's holiday notice on
# /calendar, a unit may not.
# Usage: attach.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

start_demo
printf '%%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' >"$tmp/回证.pdf"
SHA=$(sha256sum <"$tmp/回证.pdf" | cut -c1-64)
req edu GET "$B/api/cases?per=200&state=open"; want 200 "open cases"
CASE=$(jget 'j["cases"][0]["id"]')
OTHER=$(jget 'j["cases"][1]["id"]')
count() { req edu GET "$B/api/cases/$CASE"; jget 'len(j["attachments"])'; }

# ## Upload: the page's form and the API
req edu GET "$B/cases/$CASE"; want 200 "case page"
has 'action="/cases/'"$CASE"'/attachments"' "upload form on the case page"
has 'enctype="multipart/form-data"' "a multipart form"
has 'id="delivery-form"' "delivery form on the case page"
req edu POST "$B/cases/$CASE/attachments" -F "csrf=$tok_edu" -F kind=receipt \
  -F "file=@$tmp/回证.pdf"
want 303 "upload by the form"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" \
  -F kind=signed -F "file=@$tmp/回证.pdf;filename=答复书 \"签章\".pdf"
want 200 "upload by the API"
json "j['sha256'] == '$SHA' and j['media_type'] == 'application/pdf'"
ATT=$(jget 'j["attachment_id"]')
[ "$(count)" = 2 ] && ok || fail "two files listed"
json "j['attachments'][1]['sha256'] == '$SHA' and j['attachments'][1]['kind'] == 'signed'"

# ## CSRF: refused, nothing stored
req edu POST "$B/cases/$CASE/attachments" -F kind=receipt -F "file=@$tmp/回证.pdf"
want 403 "upload without the token"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $(printf '0%.0s' $(seq 64))" \
  -F "file=@$tmp/回证.pdf"
want 403 "upload with a wrong token"
req edu POST "$B/api/cases/$CASE/deliveries" -d "event=1&method=当面&date=$TODAY"
want 403 "delivery without the token"
[ "$(count)" = 2 ] && ok || fail "nothing stored by the refused writes"

# ## Download: bytes, type, name; the agency's users only
req edu GET "$B/cases/$CASE/attachments/$ATT"; want 200 "download"
cmp -s "$tmp/body" "$tmp/回证.pdf" && ok || fail "the file comes back byte for byte"
head_has "Content-Type: application/pdf" "its media type"
head_has "filename=\"___ ____.pdf\"" "an ASCII fallback name"
head_has "filename\*=UTF-8''%E7%AD%94%E5%A4%8D%E4%B9%A6%20%22%E7%AD%BE%E7%AB%A0%22.pdf" "the UTF-8 name"
head_has "Cache-Control: no-store" "not cached"
req over GET "$B/api/cases/$CASE/attachments/$ATT"; want 200 "the office above may read it"
req land GET "$B/cases/$CASE/attachments/$ATT"; want 403 "another unit's user"
req land GET "$B/api/cases/$CASE/attachments/$ATT"; want 403 "another unit's user (API)"
hasnt "PDF" "no byte of it"
req edu GET "$B/cases/$OTHER/attachments/$ATT"; want 404 "a file of another case"
req edu GET "$B/cases/$CASE/attachments/99999"; want 404 "no such file"
req anon GET "$B/api/cases/$CASE/attachments/$ATT"; want 401 "anonymous"
req anon GET "$B/cases/$CASE/attachments/$ATT"; want 303 "anonymous page: to the login"

# ## Malformed and refused uploads, each with a message
echo "纯文本" >"$tmp/a.txt"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" -F "file=@$tmp/a.txt"
want 422 "a text file"; has "只收 PDF" "says which types"
req edu POST "$B/cases/$CASE/attachments" -F "csrf=$tok_edu" -F "file=@$tmp/a.txt"
want 422 "a text file by the form"; has "只收 PDF" "the message on the case page"
has 'id="attach-form"' "the form shown again"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" -F "file=@/dev/null;filename=x.pdf"
want 422 "an empty file"; has "空文件" "says empty"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" -F kind=receipt
want 400 "no file part"; has "请选择要上传的文件" "says choose a file"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" \
  -H "Content-Type: multipart/form-data" --data-binary "garbage"
want 400 "multipart without a boundary"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" \
  -H "Content-Type: multipart/form-data; boundary=XX" --data-binary $'--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4'
want 400 "a part cut short"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" \
  -F kind=photo -F "file=@$tmp/回证.pdf"
want 400 "unknown kind"
{ cat "$tmp/回证.pdf"; head -c $((10 * 1024 * 1024)) /dev/zero; } >"$tmp/big.pdf"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" -F "file=@$tmp/big.pdf"
want 422 "just past 10 MB"; has "10 MB 的上限" "says the limit"
head -c $((11 * 1024 * 1024)) /dev/zero >"$tmp/huge.pdf"
req edu POST "$B/api/cases/$CASE/attachments" -H "X-CSRF-Token: $tok_edu" -F "file=@$tmp/huge.pdf"
want 413 "a body past the limit"; has "10 MB" "says the limit"
[ "$(count)" = 2 ] && ok || fail "nothing stored by the refusals"

# ## Void: kept, marked; another unit may not
req land POST "$B/api/cases/$CASE/attachments/$ATT/void" -H "X-CSRF-Token: $tok_land" -d "reason=x"
want 403 "another unit may not void"
req edu POST "$B/api/cases/$CASE/attachments/$ATT/void" -H "X-CSRF-Token: $tok_edu" -d "reason="
want 422 "a reason is needed"
req edu POST "$B/api/cases/$CASE/attachments/$ATT/void" -H "X-CSRF-Token: $tok_edu" \
  --data-urlencode "reason=签章不清，重新扫描"
want 200 "void"
req edu GET "$B/api/cases/$CASE"; json "j['attachments'][1]['voided'] == '签章不清，重新扫描'"
req edu GET "$B/cases/$CASE/attachments/$ATT"; want 200 "a voided file is still readable"

# ## A fee notice delivered: its 20 working days run from the delivery (109号)
req edu POST "$B/api/cases/$CASE/events" -H "X-CSRF-Token: $tok_edu" \
  -d "kind=fee_notice&date=$TODAY&method=by_page&quantity=150"
want 200 "fee notice"; FEE=$(jget 'j["event_id"]')
req edu GET "$B/api/cases/$CASE"; json "'未登记送达' in j['case']['due']['counted_from']"
req edu POST "$B/api/cases/$OTHER/deliveries" -H "X-CSRF-Token: $tok_edu" \
  -d "event=$FEE&method=当面&date=$TODAY"
want 422 "an event of another case"
req land POST "$B/api/cases/$CASE/deliveries" -H "X-CSRF-Token: $tok_land" \
  -d "event=$FEE&method=当面&date=$TODAY"
want 403 "another unit may not record it"
req edu POST "$B/api/cases/$CASE/deliveries" -H "X-CSRF-Token: $tok_edu" \
  -d "event=$FEE&method=快递&date=$TODAY"
want 422 "no such method"
req edu POST "$B/api/cases/$CASE/deliveries" -H "X-CSRF-Token: $tok_edu" \
  --data-urlencode "method=邮寄" -d "event=$FEE&number=1191234567890&date=$TODAY"
want 200 "delivery"; DEL=$(jget 'j["delivery_id"]')
req edu GET "$B/api/cases/$CASE"
json "'按送达记录' in j['case']['due']['counted_from'] and j['deliveries'][0]['number'] == '1191234567890'"
req edu GET "$B/cases/$CASE"; has "邮件号 1191234567890" "delivery on the page"
has "按送达记录" "the page says from which day"
req edu POST "$B/api/cases/$CASE/deliveries/$DEL/void" -H "X-CSRF-Token: $tok_edu" -d "reason=错登"
want 200 "void the delivery"

# ## Proof of identity: the citizen's application and the clerk's registration
req edu GET "$B/api/cases?per=1"; BEFORE=$(jget 'j["total"]')
req pub GET "$B/apply"; T=$(csrf_of_body)
has 'name="identity"' "the form asks for it"
convert -size 40x20 xc:white "$tmp/id.png" 2>/dev/null
req pub POST "$B/api/apply" -H 'X-Requested-With: xxgk' -F "agency_id=$EDU" \
  -F category=natural_person -F "name=公众乙" -F "contact=13700003333" \
  -F "content=学校校车采购合同" -F "identity=@$tmp/a.txt;filename=身份证.txt"
want 422 "a text file as proof"; has "只收 PDF" "says why"
req edu GET "$B/api/cases?per=1"; [ "$(jget 'j["total"]')" = "$BEFORE" ] && ok ||
  fail "a refused proof registers nothing"
req pub POST "$B/apply" -F "csrf=$T" -F "agency_id=$EDU" -F category=natural_person \
  -F "name=公众乙" -F "contact=13700003333" -F "content=学校校车采购合同" \
  -F "identity=@$tmp/id.png;filename=身份证.png"
want 200 "apply with a proof"; TRACK=$(grep -o '<dd id="tracking">[^<]*' "$tmp/body" | sed 's/.*>//')
cp "$tmp/body" "$tmp/body.apply"
req edu GET "$B/api/cases?search=$TRACK"; NEWC=$(jget 'j["cases"][0]["id"]')
req edu GET "$B/api/cases/$NEWC"
json "j['attachments'][0]['kind'] == 'identity' and j['attachments'][0]['media_type'] == 'image/png' and j['attachments'][0]['who'] == 'web:public'"
IDF=$(jget 'j["attachments"][0]["id"]')
CODE2=$(grep -o '<dd id="code">[^<]*' "$tmp/body.apply" | sed 's/.*>//')
req pub POST "$B/api/status" -H 'X-Requested-With: xxgk' -d "tracking=$TRACK&code=$CODE2"
want 200 "status"; json "j['identity_proofs'] == 1"
req edu GET "$B/cases/$NEWC/attachments/$IDF"; want 200 "the clerk reads it"
cmp -s "$tmp/body" "$tmp/id.png" && ok || fail "the proof as sent"
req land GET "$B/cases/$NEWC/attachments/$IDF"; want 403 "another unit may not"
# one address keeps at most 10 proofs, then one every 6 minutes (429)
for i in 2 3 4 5 6 7 8 9 10; do
  req pub POST "$B/api/apply" -H 'X-Requested-With: xxgk' -F "agency_id=$EDU" \
    -F category=natural_person -F "name=公众$i" -F "contact=1370000$i" \
    -F "content=文件$i" -F "identity=@$tmp/id.png;filename=id.png"
  want 200 "proof $i"
done
req pub POST "$B/api/apply" -H 'X-Requested-With: xxgk' -F "agency_id=$EDU" \
  -F category=natural_person -F "name=公众十一" -F "contact=13700000011" \
  -F "content=文件11" -F "identity=@$tmp/id.png;filename=id.png"
want 429 "the 11th proof from one address"; head_has "Retry-After" "says when"
req pub POST "$B/api/apply" -H 'X-Requested-With: xxgk' -F "agency_id=$EDU" \
  -F category=natural_person -F "name=公众十二" -F "contact=13700000012" -F "content=文件12"
want 200 "an application without a proof still goes in"
req edu POST "$B/api/cases" -H "X-CSRF-Token: $tok_edu" -F "agency_id=$EDU" -F "channel=当面" \
  -F "received=$TODAY" -F category=natural_person -F "name=来访者丙" -F "content=招生计划" \
  -F "identity=@$tmp/回证.pdf;filename=证件.pdf"
want 200 "a clerk registers with a proof"; REG=$(jget 'j["id"]')
req edu GET "$B/api/cases/$REG"; json "j['attachments'][0]['kind'] == 'identity'"

# ## The year's holiday notice, entered by the office
req over GET "$B/calendar"; want 200 "calendar page"
has "暂定" "next year is computed"
has 'id="calendar-form"' "the office may enter it"
req edu GET "$B/calendar"; want 200 "a unit sees the years"; hasnt 'id="calendar-form"' "but no form"
printf '2027-01-01\tholiday\t元旦\n2027-10-01\tholiday\t国庆节\n' >"$tmp/2027.tsv"
req edu POST "$B/api/calendar" -H "X-CSRF-Token: $tok_edu" -F "file=@$tmp/2027.tsv"
want 403 "a unit may not enter it"
req over POST "$B/calendar" --data-urlencode "tsv=2027-01-01	holidays"
want 403 "the form without its token"
req over POST "$B/calendar" --data-urlencode "csrf=$tok_over" --data-urlencode "tsv=2027-01-01	holidays"
want 422 "a malformed line"; has "第 1 行" "names the line"
req over POST "$B/api/calendar" -H "X-CSRF-Token: $tok_over" -F "file=@$tmp/2027.tsv"
want 200 "entered"; json "'deadlines_moved' in j"
# every thread of the server sees it (several requests, so that more than
# one thread answers)
for i in 1 2 3 4 5 6; do
  req edu GET "$B/api/calendar"
  json "[y for y in j['years'] if y['year'] == 2027][0]['published']"
done
stop main
summary
