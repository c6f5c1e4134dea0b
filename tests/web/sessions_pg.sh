#!/usr/bin/env bash
# sessions_pg.sh — two servers on one PostgreSQL database keep the
# sessions they read (server/srv_auth.c), and what changes a session on
# one server, or by the command line, holds on the other all the same: a
# session made on one is used on the other; logged out on one, the other
# refuses it; an agency given a unit by `xxgk agency add` shows its user
# the oversight on both. Both servers keep a session read for 60 s here
# ($XXGK_SESSION_KEEP_MS), so only the database's notice (schema 13's
# triggers, LISTEN) can end it in time: each change is polled for with a
# generous deadline, never timed.
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

stop main
stop two
pids=()
summary
