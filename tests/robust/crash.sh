#!/usr/bin/env bash
# crash.sh — SIGKILL in the middle of writing, then reopen: the
# database opens, passes SQLite's integrity and foreign-key checks, and
# holds every record whose command had acknowledged it; running the
# command again completes the work.
#
# Kill points are chosen by progress, never by delay:
#  - `xxgk import --jsonl` of N generated reports: killed once it has
#    acknowledged K reports (a --jsonl line is printed only after the
#    transaction holding that report has committed), for K = 1, N/3, 2N/3
#    (each time in the middle of the next batch's transaction) and N+1 (all
#    acknowledged: in the cross-year pass), one run after another on the
#    same database as a user would re-run it; then a last run completes and
#    the corpus equals a clean import's.
#  - `xxgk serve`: a client registers applications and their replies
#    through the JSON API, logging each one acknowledged (HTTP 200 with its
#    id); the server is killed after K acknowledgements, mid-stream; every
#    acknowledged record and its audit row is there, and a restarted server
#    goes on writing.
# With `faults` (builds with -DXXGK_FAULT_INJECTION=ON, lib/store/store_vfs.c),
# also at chosen writes of SQLite, counted on a first run (XXGK_COUNT_WRITES)
# and spread over it: inside a commit's WAL frames (whole, and torn in half)
# and inside a checkpoint's copy into the database file, for the import,
# the server and the register commands (case new, case reply).
#
# Usage: crash.sh XXGK BENCH_GEN N [faults]
xxgk=$1
gen=$2
n=${3:-2000}
faults=${4:-}
# xxgk itself, never under valgrind (make valgrind): a kill or a file-size
# limit must reach xxgk, not a wrapper, and memcheck would take hours.
unset XXGK_WRAP
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/crash_lib.sh"
. "$(dirname "$0")/../web/serve.sh"
TODAY=2024-10-16 # the client's applications' dates
cleanup() { # SIGKILL: every process here may be mid-kill already
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# kill_after K PID FIFO LOG: copies FIFO's lines to LOG, SIGKILLs PID after
# the K-th, then copies what it had written before it died but a line the
# kill cut short (no acknowledgement).
# Sets $killed to 1 if it killed, 0 if the lines ended first.
kill_after() {
  local k=$1 pid=$2 i=0 line
  killed=0
  exec 3<"$3"
  while IFS= read -r line <&3; do
    printf '%s\n' "$line" >>"$4"
    i=$((i + 1))
    if [ "$i" -ge "$k" ]; then
      kill -9 "$pid" 2>/dev/null
      killed=1
      break
    fi
  done
  cat <&3 >>"$4"
  exec 3<&-
  [ -z "$(tail -c 1 "$4")" ] || sed -i '$d' "$4"
}
# last_count FILE KIND: the last count of KIND (wal, db) in an
# XXGK_COUNT_WRITES file.
last_count() { tail -1 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# ## The corpus import

"$gen" -n "$n" -s 8 -r text -x "$tmp/gen" >/dev/null || { echo "bench_gen failed"; exit 1; }
corpus=$tmp/gen/mixed
printf '会议纪要\n' >"$corpus/notes.txt" # a failure is recorded too
expect_rc 1 "clean import" "$xxgk" import -q -j 2 --db "$tmp/ref.db" "$corpus"
check corpus-dump "$tmp/ref.db" >"$tmp/ref.dump"
total=$((n + 1))

# import_kill K DB LOG: imports, killed after its K-th acknowledgement.
import_kill() {
  rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
  "$xxgk" import -q --jsonl -j 2 --db "$2" "$corpus" >"$tmp/fifo" 2>"$tmp/err" &
  local pid=$!
  kill_after "$1" "$pid" "$tmp/fifo" "$3"
  wait "$pid" 2>/dev/null
  local rc=$?
  [ "$rc" -eq 137 ] || echo "note: import K=$1 ended (exit $rc) before the kill"
}
# import_done DB WHAT: a run to the end; the corpus equals a clean import's.
import_done() {
  expect_rc 1 "$2: import completes" "$xxgk" import -q -j 2 --db "$1" "$corpus"
  check corpus-dump "$1" >"$tmp/dump"
  if cmp -s "$tmp/ref.dump" "$tmp/dump"; then ok; else
    fail "$2: corpus differs from a clean import's"
    diff "$tmp/ref.dump" "$tmp/dump" | head -5 >&2
  fi
}

for k in 1 $((n / 3)) $((2 * n / 3)) $total; do
  import_kill "$k" "$tmp/w.db" "$tmp/acked.log"
  survived corpus "$tmp/w.db" "$tmp/acked.log" "import killed after $k"
  expect_rc 0 "import killed after $k: stats opens it" "$xxgk" stats --db "$tmp/w.db"
done
import_done "$tmp/w.db" "after kills"

if [ -n "$faults" ]; then
  rm -f "$tmp/count"
  XXGK_COUNT_WRITES=$tmp/count "$xxgk" import -q -j 2 --db "$tmp/count.db" "$corpus" 2>/dev/null
  W=$(last_count "$tmp/count" wal)
  D=$(last_count "$tmp/count" db)
  echo "import of $total files: $W WAL writes, $D database writes"
  for point in wal:1 wal:$((W / 3)):half wal:$((2 * W / 3)) wal:$W db:$((D / 2)); do
    db=$tmp/k-${point//:/-}.db
    rm -f "$tmp/acked.log"
    rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
    XXGK_KILL_WRITE=$point "$xxgk" import -q --jsonl -j 2 --db "$db" "$corpus" \
      >"$tmp/fifo" 2>"$tmp/err" &
    pid=$!
    cat "$tmp/fifo" >"$tmp/acked.log"
    [ -z "$(tail -c 1 "$tmp/acked.log")" ] || sed -i '$d' "$tmp/acked.log"
    wait "$pid" 2>/dev/null
    killed_rc $? "import at write $point"
    survived corpus "$db" "$tmp/acked.log" "import killed at write $point"
    import_done "$db" "import killed at write $point"
  done
fi

# ## Server writes

echo "[${SECONDS}s] server writes"

expect_rc 0 "register" "$xxgk" db init --db "$tmp/r.db"
expect_rc 0 "agency" "$xxgk" agency add --db "$tmp/r.db" --name 某市人民政府办公室
expect_rc 0 "login" sh -c "printf 'long-enough-1\n' | \"$xxgk\" agency user --db \"$tmp/r.db\" --agency 1 --name 王敏 --login clerk"

# serve: the server on the register, as the HTTP tests start it
# (web/serve.sh; environment as a prefix: `XXGK_KILL_WRITE=... serve`);
# sets $url, $spid.
serve() {
  start crash --db "$tmp/r.db" --post-rate 0
  url=$base_crash
  spid=$pid_crash
}
# client N LOG [K]: N applications with replies; the server is killed
# after the K-th acknowledgement (default: never).
client() {
  rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
  check client "$url" clerk long-enough-1 "$1" >"$tmp/fifo" &
  local cpid=$!
  kill_after "${3:-999999}" "$spid" "$tmp/fifo" "$2"
  wait "$cpid" 2>/dev/null
}

serve
for k in 7 30; do
  client 100 "$tmp/served.log" "$k"
  [ "$killed" = 1 ] || { fail "server: the client stopped before $k acknowledgements"; kill -9 "$spid"; }
  wait "$spid" 2>/dev/null
  killed_rc $? "server"
  survived register "$tmp/r.db" "$tmp/served.log" "server killed after $k"
  serve # and it goes on
done
client 5 "$tmp/last.log"
kill "$spid" && wait "$spid"
[ $? -eq 0 ] && ok || fail "server: no clean stop after the restarts"
[ "$(grep -c '^case' "$tmp/last.log")" = 5 ] && ok || fail "server after restarts: $(cat "$tmp/last.log")"
cat "$tmp/last.log" >>"$tmp/served.log"
expect_rc 0 "server: all stored" check register-acked "$tmp/r.db" "$tmp/served.log"

if [ -n "$faults" ]; then
  rm -f "$tmp/count"
  cp "$tmp/r.db" "$tmp/r0.db"
  XXGK_COUNT_WRITES="$tmp/count" serve
  client 20 "$tmp/count.log"
  kill "$spid" && wait "$spid"
  W=$(last_count "$tmp/count" wal)
  D=$(last_count "$tmp/count" db)
  echo "server, 20 applications and replies: $W WAL writes, $D database writes"
  for point in wal:$((W / 3)) wal:$((2 * W / 3)):half db:$((D / 2)); do
    cp "$tmp/r0.db" "$tmp/r.db"
    rm -f "$tmp/r.db-wal" "$tmp/r.db-shm" "$tmp/served.log"
    XXGK_KILL_WRITE="$point" serve
    client 20 "$tmp/served.log"
    # A checkpoint's writes come when the server stops (the WAL stays
    # under SQLite's 1,000 pages): stop it, to be killed there.
    kill "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
    killed_rc $? "server at write $point"
    survived register "$tmp/r.db" "$tmp/served.log" "server killed at write $point"
  done
fi

# ## Register commands (fault-injection builds: a short command has no
# progress to kill it by)

echo "[${SECONDS}s] register commands"

if [ -n "$faults" ]; then
  export XXGK_DB=$tmp/c.db
  "$xxgk" db init >/dev/null && "$xxgk" agency add --name 某市人民政府办公室 >/dev/null
  rm -f "$tmp/count"
  XXGK_COUNT_WRITES=$tmp/count new_case count >/dev/null
  W=$(last_count "$tmp/count" wal)
  D=$(last_count "$tmp/count" db)
  echo "case new: $W WAL writes, $D database writes"
  # Each command is killed at one of its writes: inside its commit (not
  # stored), at its last WAL write, in the checkpoint after its commit
  # (stored, though the command died before saying so).
  : >"$tmp/cases.log"
  for point in wal:1 wal:$((W / 2)) wal:$W:half wal:$W db:1 db:$D; do
    XXGK_KILL_WRITE=$point new_case "$point" >>"$tmp/cases.log" 2>"$tmp/err"
    killed_rc $? "case new at write $point"
    intact "$XXGK_DB" "case new killed at write $point"
    echo "case new killed at write $point: stored $(sqlite3 -readonly "$XXGK_DB" "SELECT count(*) FROM application WHERE content = '$point'")"
  done
  [ ! -s "$tmp/cases.log" ] && ok || fail "a killed case new acknowledged: $(cat "$tmp/cases.log")"
  [ "$(sqlite3 -readonly "$XXGK_DB" "SELECT group_concat(content, ' ') FROM application")" = "count db:1 db:$D" ] &&
    ok || fail "case new: stored after the kills: $(sqlite3 "$XXGK_DB" "SELECT group_concat(content, ' ') FROM application")"
  expect_rc 0 "case new after the kills" new_case after
  expect_in "$tmp/out" "已登记申请" "case new works after the kills"
  id=$(sed -n 's/.*编号 \([0-9]*\)）.*/\1/p' "$tmp/out")
  for point in wal:1 wal:3:half db:1; do
    XXGK_KILL_WRITE=$point "$xxgk" case reply "$id" --date 2024-10-10 \
      --outcome granted >/dev/null 2>&1
    killed_rc $? "case reply at write $point"
    intact "$XXGK_DB" "case reply killed at write $point"
  done
  # The reply is there once (db:1 came after its commit) and again refused.
  expect_rc 2 "reply once" "$xxgk" case reply "$id" --date 2024-10-11 --outcome granted
  [ "$(sqlite3 "$XXGK_DB" "SELECT count(*) FROM event WHERE application_id = $id")" = 1 ] &&
    ok || fail "case reply: not exactly one reply after the kills"
  [ "$(sqlite3 "$XXGK_DB" "SELECT count(*) FROM audit WHERE entity = 'event'")" = 1 ] &&
    ok || fail "case reply: not exactly one audit row"
  unset XXGK_DB
fi
echo "[${SECONDS}s] done"
summary
