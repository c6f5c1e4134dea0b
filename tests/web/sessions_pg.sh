#!/usr/bin/env bash
# sessions_pg.sh — two servers on one PostgreSQL database keep the
# sessions they read (server/srv_auth.c), and what changes a session on
# one server, or by the command line, holds on the other all the same: a
# session made on one is used on the other; logged out on one, the other
# refuses it; an agency given a unit by `xxgk agency add` shows its user
# the oversight on both; an agency's name changed shows in both's lists. Both servers keep a session read for 60 s here
# ($XXGK_SESSION_KEEP_MS), so only the database's notice (schema 13's
# triggers, LISTEN) can end it in time: each change is polled for with a
# generous deadline, never timed. Then, the notices off, one server sees
# its own writes of sessions at once, and its other writes (a public
# check, a record) leave the sessions kept alone.
# Usage: sessions_pg.sh path/to/xxgk  (exit 77 without $XXGK_TEST_PG)
xxgk=$1
[ -n "${XXGK_TEST_PG:-}" ] || { echo "skipped: XXGK_TEST_PG is not set"; exit 77; }
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

name=sessions$(date +%s%N)
psql "$XXGK_TEST_PG" -qAt -c "CREATE DATABASE $name" >/dev/null ||
  { echo "could not create a database in $XXGK_TEST_PG"; exit 1; }
trap 'cleanup; psql "$XXGK_TEST_PG" -qAt -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1' EXIT
db=${XXGK_TEST_PG/\/xxgk\?//$name?}
export XXGK_SESSION_KEEP_MS=60000

start main --demo --db "$db" --post-rate 0
B=$base_main
start two --db "$db" --post-rate 0
B2=$base_two
login edu jiaoyu
req edu GET "$B/api/session"; EDU=$(jget 'j["user"]["agency_id"]')

# until JAR URL EXPR DESC: asks URL until the JSON answer meets EXPR (10 s
# at most; the notice comes in milliseconds)
until_json() {
  for _ in $(seq 100); do
    req "$1" GET "$2"
    "$PY" -c "import json,sys; j=json.load(open('$tmp/body')); sys.exit(0 if ($3) else 1)" 2>/dev/null && break
    sleep 0.1
  done
  json "$3"
}

# ## A session made on one server, kept by both
for b in "$B2" "$B" "$B2"; do
  req edu GET "$b/api/session"; want 200 "the session on $b"
done
json 'j["user"]["oversight"] == False'

# ## An agency given a unit by another process: its user oversees, on both
"$xxgk" agency add --db "$db" --name "会话测试科" --parent "$EDU" >/dev/null &&
  ok || fail "xxgk agency add"
until_json edu "$B2/api/session" 'j["user"]["oversight"] == True' "the unit, seen on the second server"
until_json edu "$B/api/session" 'j["user"]["oversight"] == True' "and on the first"

# ## An agency renamed around the register (SQL): each server thread's
# register handle keeps the agencies' names its lists show, and forgets
# them at the notice. Every thread has read them first (several requests
# to each server); then every answer after the change must carry the new
# name, not only the first.
for b in "$B" "$B2" "$B" "$B2" "$B" "$B2"; do
  req edu GET "$b/api/cases?per=5"; want 200 "the list on $b"
done
json 'len(j["cases"]) > 0'
AG=$(jget 'j["cases"][0]["agency_id"]')
psql "$db" -qAt -c "UPDATE agency SET name = '更名测试局' WHERE id = $AG" >/dev/null
for b in "$B2" "$B"; do
  until_json edu "$b/api/cases?per=5" 'j["cases"][0]["agency"] == "更名测试局"' "the new name in $b's list"
  for _ in 1 2 3 4 5 6; do
    req edu GET "$b/api/cases?per=5"
    json 'j["cases"][0]["agency"] == "更名测试局"' "and in every answer of $b after it"
  done
done

# ## Logged out on one server, refused by the other. The cookie is kept
# (curl drops it at the logout) and sent again.
cp "$tmp/edu.jar" "$tmp/kept.jar"
req edu POST "$B/api/logout" -H "X-CSRF-Token: $tok_edu"; want 200 "logout on the first server"
for _ in $(seq 100); do
  req kept GET "$B2/api/session"
  [ "$code" = 401 ] && break
  sleep 0.1
done
want 401 "the session ended on the first server, on the second"
req kept GET "$B/api/session"; want 401 "and on the first"

# ## One server's own writes, seen by it at once, and nothing else forgets
# The notices are turned off (the triggers' function dropped): sessions
# kept for a minute now end on the first server only by its own
# forgetting, after the routes of routes.tsv's `sessions forget` and a
# flash written. No polling here: each answer is the next request's.
psql "$db" -qAt -c "DROP FUNCTION xxgk_sessions_changed() CASCADE" >/dev/null &&
  ok || fail "the notices turned off"
login edu jiaoyu
login land ziyuan
login over dubanshi
req edu GET "$B/api/session"; EDU_NAME=$(jget 'j["user"]["name"]')
req land GET "$B/api/session"; LAND=$(jget 'j["user"]["agency_id"]')
json 'j["user"]["oversight"] == False'

# A public checker's upload and a clerk's record change no session: what
# the database says now (a user renamed behind the servers' backs) stays
# unseen while the session is kept.
psql "$db" -qAt -c "UPDATE agency_user SET name = '改名测试' WHERE login = 'ziyuan'" >/dev/null
req pub POST "$B/api/check" -H 'X-Requested-With: xxgk' \
  -F "file=@$(dirname "$0")/../data/tianjin-nankai-2023.txt"
want 200 "a report checked"
req edu POST "$B/api/records" -H "X-CSRF-Token: $tok_edu" --data-urlencode "title=会话测试文件" \
  -d "kind=normative_documents&issued=2026-03-02"
want 200 "a record"
req land GET "$B/api/session"; json 'j["user"]["name"] != "改名测试"'

# A unit added (POST /agencies): its parent's user oversees, at once
req over POST "$B/api/agencies" -H "X-CSRF-Token: $tok_over" \
  -d "parent_id=$LAND" --data-urlencode "name=会话测试股"
want 200 "a unit added"
req land GET "$B/api/session"
json 'j["user"]["oversight"] == True and j["user"]["name"] == "改名测试"'

# A user's login set by the office (POST /users): his session says so
req edu GET "$B/api/session"; json 'j["user"]["login"] == "jiaoyu"'
req over POST "$B/api/users" -H "X-CSRF-Token: $tok_over" -d "agency_id=$EDU" \
  --data-urlencode "name=$EDU_NAME" -d "login=jiaoyu2&password=demo-2027x"
want 200 "a login set"
req edu GET "$B/api/session"; json 'j["user"]["login"] == "jiaoyu2"'

# A holiday notice imported (POST /calendar): every thread uses it at
# once. A thread other than the importing one has its calendar from the
# session kept (its generation read with it), so several requests, that
# more than one thread answers, before and after (one core: one thread).
Y=$(($(date +%Y) + 2))
for _ in 1 2 3 4 5 6; do
  req over GET "$B/api/calendar"
  json "not [y for y in j['years'] if y['year'] == $Y][0]['published']"
done
printf '%s-01-01\tholiday\t元旦\n%s-10-01\tholiday\t国庆节\n' $Y $Y >"$tmp/notice.tsv"
req over POST "$B/api/calendar" -H "X-CSRF-Token: $tok_over" -F "file=@$tmp/notice.tsv"
want 200 "a holiday notice"
for _ in 1 2 3 4 5 6; do
  req over GET "$B/api/calendar"
  json "[y for y in j['years'] if y['year'] == $Y][0]['published']"
done

# A flash written after a page's form (POST /records is no `forget`
# route): the next page shows it
req edu GET "$B/records"; t=$(csrf_of_body)
req edu POST "$B/records" --data-urlencode "csrf=$t" --data-urlencode "title=会话提示文件" \
  -d "kind=normative_documents&issued=2026-03-03"
want 303 "a record from the form"
req edu GET "$B/records"; has "已登记文件“会话提示文件”" "the flash, on the same server"

# Logged out (POST /logout): the cookie kept is refused at once
cp "$tmp/edu.jar" "$tmp/kept.jar"
req edu POST "$B/api/logout" -H "X-CSRF-Token: $tok_edu"; want 200 "logout"
req kept GET "$B/api/session"; want 401 "the ended session, on the same server"

# Logged in again over a session (POST /login): the old one ends at once
cp "$tmp/land.jar" "$tmp/kept.jar"
req land POST "$B/api/login" -H "X-CSRF-Token: $tok_land" -d "login=ziyuan&password=demo-2026"
want 200 "a login over a session"
req kept GET "$B/api/session"; want 401 "the replaced session, on the same server"

stop main
stop two
pids=()
summary
