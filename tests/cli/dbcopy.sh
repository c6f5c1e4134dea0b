#!/usr/bin/env bash
# dbcopy.sh — `xxgk db copy`: a register written by an earlier release
# (tests/fixtures/register-v3.sql, migrated on open) with a corpus in the
# same file, copied to a new database: every table's rows equal the
# source's (read here with sqlite3, not through xxgk), the audit log still
# refuses changes, and the copy serves the same reports; a non-empty target
# is refused, --force adds to one and refuses clashing ids without writing
# anything; a target that stores something else than it was given (a
# trigger that rewrites a row) is caught by the verification, exit 2 naming
# the table; bad arguments exit 2.
#   dbcopy.sh XXGK DATA_DIR
xxgk=$1
data=$2
. "$(dirname "$0")/../lib.sh"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
fixtures=$(cd "$(dirname "$0")/../fixtures" && pwd)
export XXGK_USER=测试 XXGK_TODAY=2024-11-20
unset XXGK_DB XXGK_CALENDAR
src=$tmp/src.db
sqlite3 "$src" <"$fixtures/register-v3.sql"
mkdir -p "$tmp/in"
cp "$data"/*.txt "$tmp/in/"
"$xxgk" import -q --db "$src" "$tmp/in" >/dev/null 2>&1
[ "$(sqlite3 "$src" "SELECT COUNT(*) FROM corpus_reports")" -gt 0 ] && ok ||
  fail "the source has no corpus"

# a file with NUL bytes attached: copied byte for byte
printf '%%PDF-1.4\n\0\0\0' >"$tmp/scan.bin"
head -c 3000 /dev/urandom >>"$tmp/scan.bin"
printf '\n%%%%EOF\n' >>"$tmp/scan.bin"
"$xxgk" case attach --db "$src" 1 "$tmp/scan.bin" --as 回证.pdf >/dev/null 2>&1 ||
  fail "attach: $("$xxgk" case attach --db "$src" 1 "$tmp/scan.bin" 2>&1 | head -2)"

# rows TABLE DB: the table's rows, in key order, as sqlite3 prints them
rows() { sqlite3 -separator '|' "$2" "SELECT * FROM $1 ORDER BY 1"; }
tables="agency agency_user application event event_void review review_application
  record figure application_code narrative holiday round round_unit round_version
  round_note attachment delivery audit web_session web_throttle corpus_agencies corpus_names
  corpus_reports corpus_cells corpus_findings"

# ## A copy to a new database
expect_rc 0 "copy" "$xxgk" db copy --from "$src" --to "$tmp/a.db" --json
"$PY" - "$tmp/out" <<'PY' && ok || fail "the summary: $(cat "$tmp/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["tables"] == 26 and j["rows"] > 100 and j["reports"] > 0 and j["corpus"] is True, j
PY
total=0
for t in $tables; do
  rows "$t" "$src" >"$tmp/s.rows"
  rows "$t" "$tmp/a.db" >"$tmp/t.rows"
  cmp -s "$tmp/s.rows" "$tmp/t.rows" && ok || fail "table $t differs after the copy"
  total=$((total + $(wc -l <"$tmp/s.rows")))
done
"$xxgk" case file --db "$tmp/a.db" 1 -o "$tmp/scan.out" >/dev/null 2>&1
cmp -s "$tmp/scan.bin" "$tmp/scan.out" && ok || fail "the attached file, read from the copy"
[ "$(grep -o '"rows": [0-9]*' "$tmp/out" | grep -o '[0-9]*$')" -le "$total" ] && ok ||
  fail "more rows said copied than the tables hold"
sqlite3 "$tmp/a.db" "UPDATE audit SET who = 'x'" 2>/dev/null &&
  fail "the copy's audit log took an UPDATE" || ok
for a in 1 2 3; do
  "$xxgk" report --db "$src" --agency $a --year 2024 --json >"$tmp/r1" 2>&1
  "$xxgk" report --db "$tmp/a.db" --agency $a --year 2024 --json >"$tmp/r2" 2>&1
  cmp -s "$tmp/r1" "$tmp/r2" && ok || fail "agency $a: another report from the copy"
done
expect_rc 0 "the copy copied back to a third database" \
  "$xxgk" db copy --from "$tmp/a.db" --to "$tmp/b.db"
expect_in "$tmp/out" "核对一致" "verified"

# ## A source written to during the copy: the copy and its verification
# read one snapshot, so a clerk registering applications meanwhile makes
# no difference
( for i in $(seq 1 30); do
    "$xxgk" case new --db "$src" --agency 2 --channel 网络 --received 2024-11-0$((i % 9 + 1)) \
      --category natural_person --name "甲$i" --content "写入$i" >/dev/null 2>&1
  done ) &
writer=$!
for k in 1 2 3; do
  expect_rc 0 "copy $k while the source is written to" "$xxgk" db copy --from "$src" --to "$tmp/live$k.db"
done
wait $writer
[ "$(sqlite3 "$src" "SELECT COUNT(*) FROM application WHERE content LIKE '写入%'")" = 30 ] &&
  ok || fail "the writer's applications"

# ## A target that holds rows
sum() { sqlite3 "$1" "SELECT COUNT(*) FROM application; SELECT COUNT(*) FROM audit"; }
before=$(sum "$tmp/a.db")
expect_rc 2 "copy into a register with rows" "$xxgk" db copy --from "$src" --to "$tmp/a.db"
expect_in "$tmp/err" "目标库不是空的（表 agency 已有" "the table named"
expect_in "$tmp/err" "--force" "the way out named"
expect_rc 2 "--force with the same ids" "$xxgk" db copy --from "$src" --to "$tmp/a.db" --force
expect_in "$tmp/err" "目标库没有写入任何数据" "nothing written"
[ "$(sum "$tmp/a.db")" = "$before" ] && ok || fail "a refused copy wrote rows"
# --force into a register with rows of its own and no clash
"$xxgk" db init --db "$tmp/own.db" >/dev/null
sqlite3 "$tmp/own.db" "INSERT INTO agency (id, name) VALUES (900, '另一机关');
  INSERT INTO holiday (id, date, kind, name) VALUES (900, '2030-01-02', 'holiday', '测试');"
expect_rc 0 "--force adds to a register with rows" \
  "$xxgk" db copy --from "$src" --to "$tmp/own.db" --force
[ "$(sqlite3 "$tmp/own.db" "SELECT COUNT(*) FROM agency")" = \
  "$(($(sqlite3 "$src" "SELECT COUNT(*) FROM agency") + 1))" ] && ok || fail "its own rows plus the source's"

# ## The verification catches a target that stores something else
"$xxgk" db init --db "$tmp/bad.db" >/dev/null
sqlite3 "$tmp/bad.db" "CREATE TRIGGER mangle AFTER INSERT ON figure BEGIN
  UPDATE figure SET value = value || '0' WHERE id = NEW.id; END;"
expect_rc 2 "a target that rewrites rows" "$xxgk" db copy --from "$src" --to "$tmp/bad.db"
expect_in "$tmp/err" "核对不一致：表 figure" "the table named"
"$xxgk" db init --db "$tmp/short.db" >/dev/null
sqlite3 "$tmp/short.db" "CREATE TRIGGER drop_record AFTER INSERT ON record
  WHEN NEW.id = 2 BEGIN DELETE FROM record WHERE id = NEW.id; END;"
expect_rc 2 "a target that loses rows" "$xxgk" db copy --from "$src" --to "$tmp/short.db"
expect_in "$tmp/err" "核对不一致：表 record 应有 2 行，目标库有 1 行" "the count named"

# ## Bad arguments
expect_rc 2 "no --to" "$xxgk" db copy --from "$src"
expect_in "$tmp/err" "--from 和 --to" "both asked for"
expect_rc 2 "one database twice" "$xxgk" db copy --from "$src" --to "$src"
expect_rc 2 "no such source" "$xxgk" db copy --from "$tmp/nope.db" --to "$tmp/c.db"
[ ! -e "$tmp/c.db" ] && ok || fail "a missing source made the target"
summary
