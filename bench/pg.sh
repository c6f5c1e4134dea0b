#!/usr/bin/env bash
# bench/pg.sh BUILD — PostgreSQL beside SQLite, same machine, same run: the
# corpus import, `xxgk db copy` of a synthetic register and the annual
# report from it (the register written into SQLite, copied into
# PostgreSQL), and concurrent writers, each on both backends. PostgreSQL is a throw-away
# cluster (tests/pg/cluster.sh: Unix socket, fsync off) and SQLite writes
# on tmpfs when there is one, so neither times a disk's flushes. Prints a
# Markdown section; bench/run adds it to bench/results.md. Run alone:
#   bash bench/pg.sh build-bench
# Sizes: BENCH_PG_IMPORT (reports, default 10000), BENCH_PG_REGISTER
# (applications, default 100000), BENCH_PG_API (applications behind the
# servers, default 100000), 0 leaving any out; BENCH_PG_WRITERS
# ("P E": P processes × E events, default "4 10000"; P 0 leaves it out);
# BENCH_FULL=1 makes the first two 100000 and 1000000. BENCH_WRK_SECS:
# how long wrk runs against each backend (default 10).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "$1")
xxgk=$build/xxgk gen=$build/bench/bench_gen
reg=$build/bench/bench_register writers=$build/bench/bench_writers
full=${BENCH_FULL:-0}
import_n=${BENCH_PG_IMPORT:-$([ "$full" = 1 ] && echo 100000 || echo 10000)}
register_n=${BENCH_PG_REGISTER:-$([ "$full" = 1 ] && echo 1000000 || echo 100000)}
api_n=${BENCH_PG_API:-100000}
read -r procs events <<<"${BENCH_PG_WRITERS:-4 10000}"

echo "## PostgreSQL beside SQLite (bench/pg.sh)"
echo
if ! command -v psql >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "n/a: PostgreSQL is not installed (scripts/setup.sh)"
  exit 0
fi
tmp=$(mktemp -d "$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/xxgk-pg-bench.XXXXXX")
cluster=$(mktemp -d /tmp/xxgk-pg-bench-cluster.XXXXXX)
trap 'bash "$root/tests/pg/cluster.sh" stop "$cluster"; rm -rf "$tmp"' EXIT
base=$(bash "$root/tests/pg/cluster.sh" start "$cluster") || { echo "the cluster did not start"; exit 0; }
# newdb: a new PostgreSQL database's URI (named by the clock: it runs in
# a subshell, where a counter would not count).
newdb() {
  local name=bench$(date +%s%N)
  psql "$base" -qAt -c "CREATE DATABASE $name" >/dev/null
  echo "${base/\/xxgk\?//$name?}"
}
pgsize() { psql "$1" -qAt -c "SELECT round(pg_database_size(current_database()) / 1e6, 1)"; }
secs_of() { awk -v ns=$(($2 - $1)) 'BEGIN { printf "%.1f", ns / 1e9 }'; }
ok() { awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { r = (op == "<") ? a < b : a >= b; print r ? "met" : "**missed**" }'; }

echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; wall times are only as good as the load was low)."
echo
echo "| measure | SQLite | PostgreSQL | PostgreSQL / SQLite | target | met? (PostgreSQL) |"
echo "|---|---|---|---|---|---|"

# Concurrent writers: procs processes × events events on one register. (P 0: not run)
if [ "$procs" -gt 0 ]; then
declare -A w=()
for backend in sqlite pg; do
  db=$tmp/writers.db
  [ $backend = pg ] && db=$(newdb)
  w[$backend]=$("$writers" -p "$procs" -e "$events" "$db" 2>"$tmp/writers.err") || true
  [ -n "${w[$backend]}" ] || w[$backend]="failed: $(tail -1 "$tmp/writers.err")"
done
field() { sed -nE "s/.*$2=([0-9.]+).*/\1/p" <<<"$1"; }
cell() {
  local o=$1
  [ -n "$(field "$o" events_per_s)" ] || { echo "$o"; return; }
  echo "$(field "$o" events_per_s) events/s ($(field "$o" seconds) s), $(field "$o" duplicated) duplicated, $(field "$o" missing) missing, $(field "$o" replies_lost) lost, $(field "$o" retries) retries"
}
ratio=$(awk -v a="$(field "${w[pg]}" events_per_s)" -v b="$(field "${w[sqlite]}" events_per_s)" 'BEGIN { if (b > 0) printf "%.2f× the rate", a / b; else print "—" }')
# bench_writers checked the register it wrote: nothing lost, nothing twice
exact=$(grep -q "duplicated=0 missing=0 replies_lost=0" <<<"${w[pg]}" && echo met || echo "**missed**")
echo "| concurrent writers, $procs processes × $events events (bench_writers) | $(cell "${w[sqlite]}") | $(cell "${w[pg]}") | $ratio | 0 lost, 0 duplicated | $exact |"
fi

# The corpus import: the same generated reports into a new database of each.
if [ "$import_n" -gt 0 ]; then
dir=$tmp/import
"$gen" -n "$import_n" -s 2 -x -r text "$dir" >/dev/null
declare -A t=() size=()
for backend in sqlite pg; do
  db=$tmp/import.db
  [ $backend = pg ] && db=$(newdb)
  s=$(date +%s%N)
  rc=0
  "$xxgk" import --db "$db" -q "$dir/mixed" >/dev/null 2>"$tmp/import.err" || rc=$?
  e=$(date +%s%N)
  t[$backend]=$(secs_of "$s" "$e")
  [ "$rc" -gt 1 ] && t[$backend]="failed ($(tail -1 "$tmp/import.err"))"
  if [ $backend = pg ]; then size[$backend]=$(pgsize "$db"); else
    size[$backend]=$(du -cb "$db"* | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }'); fi
done
ratio=$(awk -v a="${t[pg]}" -v b="${t[sqlite]}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')
target="100,000 in < 120 s"
met=$([ "$import_n" -ge 100000 ] && ok "${t[pg]}" "<" 120 || echo "— (the target is for 100,000)")
echo "| \`xxgk import\` of $import_n reports | ${t[sqlite]} s, ${size[sqlite]} MB | ${t[pg]} s, ${size[pg]} MB | $ratio | $target | $met |"
fi

# The annual report from a synthetic register of register_n applications:
# written once through the API into SQLite (bench_register), and into
# PostgreSQL by `xxgk db copy` of that file (the bulk path), so that both
# backends report from the same rows. The copy is timed too, beside a copy
# of the same file into a new SQLite file.
if [ "$register_n" -gt 0 ]; then
declare -A ms=() took=()
lite=$tmp/reg.db
if out=$("$reg" -n "$register_n" "$lite"); then
  ms[sqlite]=$(sed -E 's/.*report_ms_median=([0-9.]+).*/\1/' <<<"$out")
  written=$(sed -E 's/.*build_s=([0-9.]+).*/\1/' <<<"$out")
  rows=—
  for backend in sqlite pg; do
    db=$tmp/copy.db
    [ $backend = pg ] && db=$(newdb)
    s=$(date +%s%N)
    if "$xxgk" db copy --from "$lite" --to "$db" --json >"$tmp/copy.out" 2>"$tmp/copy.err"; then
      took[$backend]="$(secs_of "$s" "$(date +%s%N)") s"
      rows=$(sed -nE 's/.*"rows": ([0-9]+).*/\1/p' "$tmp/copy.out")
    else
      took[$backend]="failed ($(tail -1 "$tmp/copy.err"))"
    fi
  done
  if [ "${took[pg]#failed}" = "${took[pg]}" ] && out=$("$reg" -R "$db"); then
    ms[pg]=$(sed -E 's/.*report_ms_median=([0-9.]+).*/\1/' <<<"$out")
  else
    ms[pg]=failed
  fi
  echo "| \`xxgk db copy\` of a register of $register_n applications ($rows rows), into a new database, verified | ${took[sqlite]} | ${took[pg]} | $(awk -v a="${took[pg]% s}" -v b="${took[sqlite]% s}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }') | minutes, not hours | — |"
else
  ms[sqlite]=failed ms[pg]=— written=—
fi
ratio=$(awk -v a="${ms[pg]}" -v b="${ms[sqlite]}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')
met=$([ "$register_n" -ge 1000000 ] && ok "${ms[pg]}" "<" 1000 || echo "— (the target is for 1,000,000)")
echo "| annual report (xxgk_reg_report, median of 3) from $register_n applications | ${ms[sqlite]} ms (written through the API in $written s) | ${ms[pg]} ms (copied from that SQLite file) | $ratio | 1,000,000 in < 1 s | $met |"
fi

# The API as bench/run measures it on SQLite (wrk, 2 threads, 16
# connections, `/api/cases` logged in as the city), on a register of
# api_n applications: one `xxgk serve` on the SQLite file, then two on
# the same register copied into PostgreSQL (`xxgk db copy`), wrk's
# threads split between them (bench/two_servers.lua: 8 connections
# each, one latency distribution). The session is made once, on the first
# PostgreSQL server, and sent to both: every answer that is not 200 (a
# session the other server did not know) is counted and fails the row.
if [ "$api_n" -gt 0 ]; then
secs=${BENCH_WRK_SECS:-10}
db=$tmp/api.db
"$reg" -n "$api_n" -L bench:bench-password "$db" >/dev/null
pgdb=$(newdb)
s=$(date +%s%N)
copied=$("$xxgk" db copy --from "$db" --to "$pgdb" 2>&1 >/dev/null) &&
  copy_s=$(secs_of "$s" "$(date +%s%N)") || copy_s="failed: $(tail -1 <<<"$copied")"
# What autovacuum does about a minute after a load this size (it vacuums
# the tables the copy wrote; the copy itself ends with ANALYZE), done
# before the timing, so that the figure is the running system's, not the
# minute after a migration's (docs/deploy.md). The copy's WAL has also
# started a checkpoint that PostgreSQL spreads over the next minutes
# (checkpoint_completion_target); it is finished here for the same reason.
psql "$pgdb" -qc "VACUUM (ANALYZE)" -c "CHECKPOINT"
pids=()
# serve DB: starts `xxgk serve` on DB (not in a subshell: wait and kill
# need it as this shell's child); sets port once it answers.
serve() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$xxgk" serve --db "$1" --listen "127.0.0.1:$port" --quiet --post-rate 0 >/dev/null 2>>"$tmp/serve.err" &
  pids+=($!)
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
}
login() {
  curl -s -i -X POST -H 'Content-Type: application/json' -H 'X-Requested-With: xxgk' \
    -d '{"login":"bench","password":"bench-password"}' "http://127.0.0.1:$1/api/login" |
    grep -o 'xxgk_session=[0-9a-f]*'
}
# wrk_cell PORTS COOKIE: wrk against the ports (one or more); sets cell
# ("R requests/s, p50 A, p99 B"), rps (0 when an answer was not 200),
# p99ms and load (the 1-minute load average at the end).
wrk_cell() {
  # Two seconds untimed first: the servers' connections, PostgreSQL's
  # plans and buffers are made on the first requests, as in any server
  # that has run for a while.
  WRK_PORTS=$1 wrk -t 2 -c 16 -d 2s -s "$root/bench/two_servers.lua" \
    -H "Cookie: $2" "http://127.0.0.1:${1%% *}/api/cases" >/dev/null 2>&1
  WRK_PORTS=$1 wrk -t 2 -c 16 -d "${secs}s" --latency -s "$root/bench/two_servers.lua" \
    -H "Cookie: $2" "http://127.0.0.1:${1%% *}/api/cases" >"$tmp/wrk.out" 2>&1
  load=$(cut -d' ' -f1 /proc/loadavg)
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$tmp/wrk.out")
  local p50 p99 bad
  p50=$(awk '$1 == "50%" { print $2 }' "$tmp/wrk.out")
  p99=$(awk '$1 == "99%" { print $2 }' "$tmp/wrk.out")
  bad=$(awk '/Non-2xx/ { print $NF }' "$tmp/wrk.out")
  p99ms=$(awk -v v="$p99" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }')
  cell="${rps:-?} requests/s, p50 ${p50:-?}, p99 ${p99:-?}${bad:+, **$bad answers not 200**} (load $load)"
  [ -n "$bad" ] && rps=0
}
declare -A api=() r=()
serve "$db"
wrk_cell "$port" "$(login "$port")"
api[sqlite]=$cell r[sqlite]=${rps:-0}
serve "$pgdb"
a=$port
serve "$pgdb"
b=$port
cookie=$(login "$a")
other=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$b/api/cases")
if [ "$other" != 200 ]; then
  api[pg]="the session made on one server was refused by the other (HTTP $other)"
  rps=0 p99ms=1000000
else
  wrk_cell "$a $b" "$cookie"
  api[pg]=$cell
fi
r[pg]=${rps:-0}
kill "${pids[@]}" 2>/dev/null
wait "${pids[@]}" 2>/dev/null
ratio=$(awk -v a="${r[pg]}" -v b="${r[sqlite]}" 'BEGIN { if (b > 0) printf "%.2f× the rate", a / b; else print "—" }')
met="$(ok "${r[pg]:-0}" ">=" 10000) / p99 $(ok "$p99ms" "<" 10)"
[ "$api_n" -ge 100000 ] || met="— (the target is for 100,000)"
echo "| API \`/api/cases\` (wrk, 16 connections, ${secs} s, logged in), $api_n applications; PostgreSQL: two \`xxgk serve\` on one database (copied by \`xxgk db copy\` in $copy_s s), 8 connections each, one session | ${api[sqlite]} | ${api[pg]} | $ratio | ≥ 10,000 requests/s, p99 < 10 ms | $met |"
fi

echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
