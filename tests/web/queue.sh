#!/usr/bin/env bash
# queue.sh — the staff's landing page through a real HTTP client, on the
# demo register: a logged-in user lands on the work queue; its counts
# equal its rows, class by class; a clerk is assigned from the case page
# (CSRF, the agency's own staff only) and the queue filters by clerk; the
# CSV export's rows are the page's rows, in its order, for the same
# filters, and the XLSX holds the same applications.
# Usage: queue.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

start_demo

req edu GET "$B/"; want 303 "home of the staff"
head_has "Location: /queue" "lands on the queue"
req anon GET "$B/queue"; want 303 "anon: to the login"
req anon GET "$B/api/queue"; want 401 "anon API"

# the counts and the rows agree, class by class
req over GET "$B/api/queue?class=all"; want 200 "all open"
cp "$tmp/body" "$tmp/all.json"
"$PY" - "$tmp/all.json" <<'PY' && ok || fail "counts = rows of each class"
import json, sys
j = json.load(open(sys.argv[1]))
n = {}
for c in j["cases"]:
    n[c["class"]] = n.get(c["class"], 0) + 1
assert all(j["counts"][k] == n.get(k, 0) for k in j["counts"]), (j["counts"], n)
assert sum(j["counts"].values()) > 0
# by deadline: the due dates never go back among the running ones
due = [c["due"] for c in j["cases"] if c["due"]]
assert due == sorted(due), due
PY
req over GET "$B/api/queue"; want 200 "due ones"
json "all(c['class'] in ('overdue','today','soon','expired','unknown') for c in j['cases'])"
req over GET "$B/api/queue?class=late"; want 400 "unknown class"
req over GET "$B/api/queue?sort=random"; want 400 "unknown sort"

# assigning from the case page
req edu GET "$B/api/queue?class=all"; want 200 "edu queue"
CASE=$(jget 'j["cases"][0]["id"]')
req edu GET "$B/cases/$CASE"; want 200 "case page"
has "/cases/$CASE/assign" "assign form on the case page"
t=$(csrf_of_body)
req edu POST "$B/cases/$CASE/assign" --data-urlencode "csrf=$t" --data-urlencode "clerk=李静"
want 303 "assign by form"
req edu POST "$B/cases/$CASE/assign" --data-urlencode "clerk=李静"; want 403 "no CSRF token"
req land POST "$B/api/cases/$CASE/assign" -H "X-CSRF-Token: $tok_land" \
  --data-urlencode "clerk=张伟"; want 403 "another unit's application"
req edu POST "$B/api/cases/$CASE/assign" -H "X-CSRF-Token: $tok_edu" \
  --data-urlencode "clerk=张伟"; want 422 "another unit's clerk"
has "xxgk agency user" "refusal says how"
req edu GET "$B/api/cases/$CASE"; want 200 "case API"
json "j['case']['clerk'] == '李静'"
req edu GET "$B/cases?state=open&per=200"; want 200 "list"
has "<td>李静</td>" "clerk in the list"
req edu GET "$B/api/queue?class=all&clerk=李静"; want 200 "one clerk's queue"
json "[c['id'] for c in j['cases']] == [$CASE] and sum(j['counts'].values()) == 1"
req edu GET "$B/api/queue?class=all&clerk=-"; want 200 "the unassigned"
json "$CASE not in [c['id'] for c in j['cases']] and all(c['clerk'] is None for c in j['cases'])"

# the export is the page: same filters, same rows, same order
for f in "class=all" "class=all&sort=deadline-desc" "" "clerk=-&sort=received&class=all"; do
  req over GET "$B/queue?$f"; want 200 "page $f"
  grep -o 'href="/cases/[0-9]*">[^<]*</a>' "$tmp/body" | sed 's/.*">//;s/<.*//' >"$tmp/page.rows"
  grep -q 'href="/queue/export?format=csv' "$tmp/body" && ok || fail "export link on the page"
  req over GET "$B/queue/export?format=csv&$f"; want 200 "CSV $f"
  head_has "text/csv" "CSV type"
  "$PY" -c "
import csv,sys
rows=list(csv.reader(open('$tmp/body',encoding='utf-8-sig').read().splitlines()))
print('\n'.join(r[0] for r in rows[1:]))" >"$tmp/csv.rows"
  [ -s "$tmp/page.rows" ] || [ "$f" = "" ] || fail "page $f lists nothing"
  cmp -s "$tmp/page.rows" "$tmp/csv.rows" && ok || fail "CSV rows differ from the page's for '$f': $(diff "$tmp/page.rows" "$tmp/csv.rows" | head -5)"
done
req over GET "$B/queue/export?format=xlsx&class=all"; want 200 "XLSX"
head_has "spreadsheetml" "XLSX type"
"$PY" - "$tmp/body" "$tmp/all.json" <<'PY' && ok || fail "XLSX holds every listed application"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
j = json.load(open(sys.argv[2]))
assert all(c["tracking"] in s for c in j["cases"])
PY
req over GET "$B/queue/export?format=pdf"; want 400 "unknown format"
req edu GET "$B/api/queue/export?format=csv&agency=$LAND"; want 403 "another unit's export"

stop main
summary
