#!/usr/bin/env bash
# dbcopy_pg.sh — `xxgk db copy` into PostgreSQL and back, in the cluster
# XXGK_TEST_PG names (tests/pg/cluster.sh; skipped without one): a register
# with a corpus copied SQLite → PostgreSQL → SQLite comes back with every
# table's rows as they were (read with sqlite3, not through xxgk), and the
# copy's triggers, suspended for the load, keep the tallies again; a row the
# target refuses in the middle of a table (a CHECK constraint on one audit
# row) fails the copy naming the table and the constraint, and leaves every
# table of the target empty and its triggers on.
#   dbcopy_pg.sh XXGK DATA_DIR
xxgk=$1
data=$2
if [ -z "${XXGK_TEST_PG:-}" ]; then
  echo "skipped: no PostgreSQL (set XXGK_TEST_PG, see tests/pg/cluster.sh)"
  exit 77
fi
. "$(dirname "$0")/../lib.sh"
fixtures=$(cd "$(dirname "$0")/../fixtures" && pwd)
export XXGK_USER=测试 XXGK_TODAY=2024-11-20
unset XXGK_DB XXGK_CALENDAR
# newdb N: a new database in the cluster, its URI (N names it: newdb runs
# in a subshell, where a counter would not count)
newdb() {
  local name="copy_$$_$1"
  psql "$XXGK_TEST_PG" -qAt -c "CREATE DATABASE $name" >/dev/null
  echo "${XXGK_TEST_PG/\/xxgk\?//$name?}"
}
src=$tmp/src.db
sqlite3 "$src" <"$fixtures/register-v3.sql"
mkdir -p "$tmp/in"
cp "$data"/*.txt "$tmp/in/"
"$xxgk" import -q --db "$src" "$tmp/in" >/dev/null 2>&1
tables="agency agency_user application event event_void review review_application
  record figure application_code narrative holiday round round_unit round_version
  round_note attachment delivery audit web_session web_throttle corpus_agencies corpus_names
  corpus_reports corpus_cells corpus_findings"

# ## There and back
pg=$(newdb 1)
expect_rc 0 "copy into PostgreSQL" "$xxgk" db copy --from "$src" --to "$pg"
expect_in "$tmp/out" "核对一致" "verified"
expect_rc 0 "copy back" "$xxgk" db copy --from "$pg" --to "$tmp/back.db"
for t in $tables; do
  sqlite3 -separator '|' "$src" "SELECT * FROM $t ORDER BY 1" >"$tmp/s.rows"
  sqlite3 -separator '|' "$tmp/back.db" "SELECT * FROM $t ORDER BY 1" >"$tmp/t.rows"
  cmp -s "$tmp/s.rows" "$tmp/t.rows" && ok || fail "table $t differs after the round trip"
done

# the load's suspended triggers back at work: a new application counted
disabled() { psql "$1" -qAt -c "SELECT COUNT(*) FROM pg_trigger WHERE tgenabled = 'D'"; }
[ "$(disabled "$pg")" = 0 ] && ok || fail "triggers left disabled after the copy"
# the copy leaves the planner statistics of what it loaded
[ "$(psql "$pg" -qAt -c "SELECT COUNT(*) FROM pg_stats WHERE tablename = 'application'")" -gt 0 ] &&
  ok || fail "no planner statistics for application after the copy"
"$xxgk" case new --db "$pg" --agency 2 --channel 网络 --received 2024-11-04 \
  --category natural_person --name 乙 --content 复制后登记 >/dev/null 2>&1 ||
  fail "an application registered in the copy"
[ "$(psql "$pg" -qAt -c "SELECT applications FROM agency_tally WHERE agency_id = 2")" = \
  "$(psql "$pg" -qAt -c "SELECT COUNT(*) FROM application WHERE agency_id = 2")" ] &&
  ok || fail "the tally of agency 2 after a registration in the copy"

# ## A row refused in the middle of a table
pg=$(newdb 2)
"$xxgk" db version --db "$pg" >/dev/null 2>&1 # the schema, no rows
audits=$(sqlite3 "$src" "SELECT COUNT(*) FROM audit")
mid=$(sqlite3 "$src" "SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET $((audits / 2))")
[ "$audits" -gt 2 ] && [ -n "$mid" ] && ok || fail "the source's audit log is too short"
psql "$pg" -qAt -c "ALTER TABLE audit ADD CONSTRAINT not_this_row CHECK (id <> $mid)"
expect_rc 2 "a copy with a row refused" "$xxgk" db copy --from "$src" --to "$pg"
expect_in "$tmp/err" "复制表 audit 失败（目标库）" "the table named"
expect_in "$tmp/err" "not_this_row" "the constraint named"
expect_in "$tmp/err" "目标库没有写入任何数据" "nothing written, said"
written=0
for t in $tables; do
  written=$((written + $(psql "$pg" -qAt -c "SELECT COUNT(*) FROM $t")))
done
[ "$written" = 0 ] && ok || fail "a refused copy left $written rows in the target"
[ "$(disabled "$pg")" = 0 ] && ok || fail "triggers left disabled after a refused copy"
summary
