#!/usr/bin/env bash
# casedocs.sh — through a real HTTP client, on the demo register: every
# figure of the report links to what it counts and /api/report/cell lists
# exactly that many items; an application's documents download from its
# page; both within the user's agency only.
# Usage: casedocs.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

start_demo

# ## Which cases? Every figure of the report page is a link; each list
# has as many items as its figure.
req anon GET "$B/api/report/cell?year=2026&key=applications.total.total"; want 401 "anon cell"
req edu GET "$B/report?year=2026"; want 200 "report page"
has "/report/cell?year=2026&amp;agency=$EDU&amp;key=applications.received.total" "figure linked"
req over GET "$B/api/report?year=2026"; want 200 "office report"
cp "$tmp/body" "$tmp/report.json"
for key in applications.received.total applications.carried_forward.total \
  applications.total.natural_person applications.granted.total \
  reviews.administrative_review.total processing_fees.notices; do
  want_v=$("$PY" -c "import json; j=json.load(open('$tmp/report.json'))['tables']['report']; t,*k=('$key').split('.'); v=j[t]
for p in k: v=v[p]
print(v)")
  req over GET "$B/api/report/cell?year=2026&key=$key"; want 200 "cell $key"
  json "j['value'] == $want_v and j['count'] == len(j['items']) and (j['money'] or len(j['items']) == $want_v)"
done
req over GET "$B/report/cell?year=2026&key=applications.received.total"; want 200 "cell page"
has "共计入" "cell page text"
has 'href="/cases/' "cell page links to cases"
req edu GET "$B/api/report/cell?year=2026&agency=$LAND&key=applications.total.total"; want 403 "other unit's cell"
req edu GET "$B/api/report/cell?year=2026&key=applications.nothing"; want 422 "unknown key"
req edu GET "$B/api/report/cell?year=2020&key=applications.total.total"; want 400 "year before 2021"

# ## Documents: buttons on the case page, downloads for the agency only
req edu GET "$B/api/cases?per=200&state=closed"; want 200 "closed cases"
CASE=$(jget '[c["id"] for c in j["cases"] if c["final_kind"] == "reply"][0]')
req edu GET "$B/cases/$CASE"; want 200 "case page"
has "/cases/$CASE/doc/reply?format=docx" "reply button"
has "/cases/$CASE/doc/receipt?format=docx" "receipt button"
req edu GET "$B/cases/$CASE/doc/reply?format=docx"; want 200 "reply DOCX"
head_has "wordprocessingml" "DOCX type"
head_has "attachment; filename=\"reply-$CASE.docx\"" "DOCX download"
[ "$(head -c 2 "$tmp/body")" = "PK" ] && ok || fail "DOCX is a zip"
req edu GET "$B/cases/$CASE/doc/reply?format=html"; want 200 "reply HTML"
has "政府信息公开申请答复书" "reply title"
has "六十日内依法申请行政复议" "remedies"
req edu GET "$B/api/cases/$CASE/doc/receipt?format=html"; want 200 "receipt by API"
req land GET "$B/cases/$CASE/doc/reply"; want 403 "other unit's document"
req anon GET "$B/cases/$CASE/doc/reply"; want 303 "anon document"
req edu GET "$B/api/cases/$CASE/doc/letter"; want 404 "unknown document"
req edu GET "$B/api/cases/$CASE/doc/reply?format=pdf"; want 400 "unknown format"
req edu GET "$B/api/cases/$CASE/doc/extension"; want 422 "no extension recorded"

stop main
summary
