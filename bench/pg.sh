#!/usr/bin/env bash
# bench/pg.sh BUILD — PostgreSQL beside SQLite, same machine, same run: the
# corpus import, the annual report from a synthetic register and
# concurrent writers, each on both backends. PostgreSQL is a throw-away
# cluster (tests/pg/cluster.sh: Unix socket, fsync off) and SQLite writes
# on tmpfs when there is one, so neither times a disk's flushes. Prints a
# Markdown section; bench/run adds it to bench/results.md. Run alone:
#   bash bench/pg.sh build-bench
# Sizes: BENCH_PG_IMPORT (reports, default 10000), BENCH_PG_REGISTER
# (applications, default 100000), 0 leaving either out; BENCH_PG_WRITERS
# ("P E": P processes × E events, default "4 10000"; P 0 leaves it out);
# BENCH_FULL=1 makes
# the first two 100000 and 1000000.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "$1")
xxgk=$build/xxgk gen=$build/bench/bench_gen
reg=$build/bench/bench_register writers=$build/bench/bench_writers
full=${BENCH_FULL:-0}
import_n=${BENCH_PG_IMPORT:-$([ "$full" = 1 ] && echo 100000 || echo 10000)}
register_n=${BENCH_PG_REGISTER:-$([ "$full" = 1 ] && echo 1000000 || echo 100000)}
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

# The annual report from a synthetic register of register_n applications.
if [ "$register_n" -gt 0 ]; then
declare -A ms=() built=()
for backend in sqlite pg; do
  db=$tmp/reg.db
  [ $backend = pg ] && db=$(newdb)
  if out=$("$reg" -n "$register_n" "$db"); then
    ms[$backend]=$(sed -E 's/.*report_ms_median=([0-9.]+).*/\1/' <<<"$out")
    built[$backend]=$(sed -E 's/.*build_s=([0-9.]+).*/\1/' <<<"$out")
  else
    ms[$backend]="failed"
    built[$backend]="—"
  fi
done
ratio=$(awk -v a="${ms[pg]}" -v b="${ms[sqlite]}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')
met=$([ "$register_n" -ge 1000000 ] && ok "${ms[pg]}" "<" 1000 || echo "— (the target is for 1,000,000)")
echo "| annual report (xxgk_reg_report, median of 3) from $register_n applications | ${ms[sqlite]} ms (written in ${built[sqlite]} s) | ${ms[pg]} ms (written in ${built[pg]} s) | $ratio | 1,000,000 in < 1 s | $met |"
fi

echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
