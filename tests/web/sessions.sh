#!/usr/bin/env bash
# sessions.sh — sessions and rate limits live in the register: a session
# outlives a restart of the server; two server processes on one register
# share a session (logged in on one, used on the other), its CSRF token
# and its flash, its end (logout on one ends it on the other) and the
# failed-login budget (failures on both count together); the register
# holds the SHA-256 of the cookie's token, never the token.
# Usage: sessions.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

start_demo
db=$tmp/demo.db

# ## A restart logs nobody out
stop main
start main --db "$db" --post-rate 0
B=$base_main
req edu GET "$B/api/session"; want 200 "the session after a restart"
json 'j["user"]["login"] == "jiaoyu"'

# ## Two servers, one register
start two --db "$db" --post-rate 0
B2=$base_two
req edu GET "$B2/api/session"; want 200 "a session made on one server, used on the other"
[ "$(jget 'j["csrf"]')" = "$tok_edu" ] && ok || fail "the same CSRF token on both"
# a write on the second server with the token the first handed out; its
# flash is shown once, by the first
req edu POST "$B2/cases" --data-urlencode "csrf=$tok_edu" \
  --data-urlencode "channel=网络" --data-urlencode "received=2026-11-19" \
  --data-urlencode "category=natural_person" --data-urlencode "name=某甲" \
  --data-urlencode "content=会话测试"
want 303 "a form posted to the other server"
req edu GET "$B/cases"; want 200 "the next page"; has "已登记申请" "the flash, on the first server"
req edu GET "$B/cases"; hasnt "已登记申请" "the flash, shown once"

# ## The cookie's token is not in the register, its SHA-256 is
token=$(awk '$6 == "xxgk_session" { print $7 }' "$tmp/edu.jar" | tail -1)
[ ${#token} = 64 ] && ok || fail "the session cookie: '$token'"
hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM web_session WHERE token_hash = '$hash'")" = 1 ] &&
  ok || fail "the session's row by the token's SHA-256"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM web_session WHERE token_hash = '$token' OR csrf = '$token'")" = 0 ] &&
  ok || fail "the token itself stored"

# ## Logout on one server ends the session on both
req land GET "$B/api/session"; want 200 "land logged in"
req land POST "$B2/api/logout" -H "X-CSRF-Token: $tok_land"; want 200 "logout on the second server"
req land GET "$B/api/session"; want 401 "the session ended on the first"
req land GET "$B2/api/session"; want 401 "and on the second"

# ## Failed logins on both servers count together: ten wrong passwords
# for one account from one address, five on each, and the right one then
# waits on either server
req anon GET "$B/login"; T=$(csrf_of_body)
for base in "$B" "$B2"; do
  for i in 1 2 3 4 5; do
    req anon POST "$base/login" -d "csrf=$T&login=jiaoyu&password=wrong-pass"
    want 401 "wrong password $i on $base"
  done
done
req anon POST "$B/login" -d "csrf=$T&login=jiaoyu&password=demo-2026"
want 429 "the eleventh try, on the first server"
head_has "Retry-After: [0-9]" "Retry-After"
req anon POST "$B2/login" -d "csrf=$T&login=jiaoyu&password=demo-2026"
want 429 "and on the second"
# another account of that address is not held back
req anon POST "$B2/login" -d "csrf=$T&login=ziyuan&password=demo-2026"
want 303 "another account from the same address"
# the budget survives a restart too
stop two
start two --db "$db" --post-rate 0
req stranger GET "$base_two/login"; T=$(csrf_of_body)
req stranger POST "$base_two/login" -d "csrf=$T&login=jiaoyu&password=demo-2026"
want 429 "the budget after a restart"

stop main
stop two
pids=()
summary
