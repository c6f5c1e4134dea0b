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

# ## Failures on both servers count together, and outlive a restart. A
# budget earns a try back every 30 s of the real clock, so a count is
# checked only when its tries took less (a slow build, valgrind, may not).
# Status look-ups first (cheap): ten wrong codes from one address, five on
# each server, and the eleventh is limited on either.
fresh() { # JAR URL: an anonymous client's form token, in $T
  rm -f "$tmp/$1.jar"
  req "$1" GET "$2/status"; T=$(csrf_of_body)
}
quick() { # START DESC: checks $code = 429 if the tries took under 25 s
  if [ $((SECONDS - $1)) -lt 25 ]; then
    want 429 "$2"
  else
    echo "note: $2 not checked: the tries took $((SECONDS - $1)) s"
  fi
}
five_each() { # JAR PATH BODY CODE: five failures on each server
  for base in "$B" "$B2"; do
    for i in 1 2 3 4 5; do
      req "$1" POST "$base$2" -d "$3"
      want "$4" "failure $i of $2 on $base"
    done
  done
}
fresh anon "$B"
t0=$SECONDS
five_each anon /status "csrf=$T&tracking=2026-99999&code=AAAA" 403
req anon POST "$B/status" -d "csrf=$T&tracking=2026-99999&code=AAAA"
quick $t0 "the eleventh look-up, on the first server"
req anon POST "$B2/status" -d "csrf=$T&tracking=2026-99999&code=AAAA"
quick $t0 "and on the second"
stop two
start two --db "$db" --post-rate 0
B2=$base_two
req anon POST "$B2/status" -d "csrf=$T&tracking=2026-99999&code=AAAA"
quick $t0 "the budget after a restart"

# Logins: ten wrong passwords for one account from one address, five on
# each server, and the right one then waits on either; another account
# of that address does not.
fresh stranger "$B"
t0=$SECONDS
five_each stranger /login "csrf=$T&login=jiaoyu&password=wrong-pass" 401
req stranger POST "$B/login" -d "csrf=$T&login=jiaoyu&password=demo-2026"
quick $t0 "the eleventh login, on the first server"
req stranger POST "$B2/login" -d "csrf=$T&login=jiaoyu&password=demo-2026"
quick $t0 "and on the second"
fresh other "$B2"
req other POST "$B2/login" -d "csrf=$T&login=ziyuan&password=demo-2026"
want 303 "another account from the same address"

stop main
stop two
pids=()
summary
