# client.sh — sourced by the HTTP tests (after serve.sh): curl as a
# logged-in user or anonymous, one cookie jar per user, and checks of the
# answer. $B is the server's URL, $PY a python3.
# req JAR METHOD URL [curl args]: sets $code, body in $tmp/body, headers
# in $tmp/head.
req() {
  local jar=$1 method=$2 url=$3
  shift 3
  code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' \
    -b "$tmp/$jar.jar" -c "$tmp/$jar.jar" -X "$method" "$@" "$url")
}
# want CODE DESC
want() {
  if [ "$code" = "$1" ]; then ok; else fail "$2: HTTP $code, want $1 ($(head -c 300 "$tmp/body"))"; fi
}
has() { expect_in "$tmp/body" "$1" "$2"; }
hasnt() { if grep -qF -- "$1" "$tmp/body"; then fail "$2: \"$1\" present"; else ok; fi; }
head_has() { if grep -qi -- "$1" "$tmp/head"; then ok; else fail "$2: no \"$1\" in headers"; fi; }
# json EXPR: evaluates a Python expression over the body as `j`.
json() { "$PY" -c "import json,sys; j=json.load(open('$tmp/body')); sys.exit(0 if ($1) else 1)" && ok || fail "json: $1 ($(head -c 300 "$tmp/body"))"; }
jget() { "$PY" -c "import json; j=json.load(open('$tmp/body')); print($1)"; }
# csrf JAR: the token of the last page's form.
csrf_of_body() { grep -o 'name="csrf" value="[0-9a-f]*"' "$tmp/body" | head -1 | sed 's/.*value="//;s/"$//'; }
# login JAR LOGIN: logs in through the form.
login() {
  req "$1" GET "$B/login"
  local t
  t=$(csrf_of_body)
  req "$1" POST "$B/login" --data-urlencode "csrf=$t" --data-urlencode "login=$2" \
    --data-urlencode "password=demo-2026" --data-urlencode "next=/cases"
  want 303 "login $2"
  req "$1" GET "$B/api/session"
  want 200 "session $2"
  eval "tok_$1=\$(jget 'j[\"csrf\"]')"
}
# start_demo: the demo register served (serve.sh's `main`, $B its URL),
# its three users logged in (edu, land, over) and their agencies' ids in
# $EDU, $LAND and $OFFICE.
start_demo() {
  start main --demo --db "$tmp/demo.db" --post-rate 0
  B=$base_main
  login edu jiaoyu
  login land ziyuan
  login over dubanshi
  req edu GET "$B/api/session"; EDU=$(jget 'j["user"]["agency_id"]')
  req land GET "$B/api/session"; LAND=$(jget 'j["user"]["agency_id"]')
  req over GET "$B/api/session"; OFFICE=$(jget 'j["user"]["agency_id"]')
}
