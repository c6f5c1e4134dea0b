#!/usr/bin/env bash
# migrate.sh — registers written by previous schemas (version 2:
# tests/fixtures/register-v2.sql; version 3: register-v3.sql) opened by
# this xxgk: each is migrated, and prints the same reports, lists and due
# dates as the release that wrote it (register-vN.expected holds their
# SHA-256); the final events copied onto the applications equal the
# events, the per-agency tallies equal counts, the trigram index of
# schema 4 equals the applications' texts, and the filtered lists equal a
# plain reference (test_reg_filter FILE); then it takes new events and
# keeps all that right.
#   migrate.sh XXGK TEST_REG_FILTER
xxgk=$1
filter=$2
. "$(dirname "$0")/../lib.sh"
fixtures=$(cd "$(dirname "$0")/../fixtures" && pwd)
export XXGK_DB=$tmp/v2.db XXGK_USER=测试 XXGK_TODAY=2024-11-20
unset XXGK_CALENDAR

sqlite3 "$XXGK_DB" <"$fixtures/register-v2.sql"
[ "$(sqlite3 "$XXGK_DB" "pragma user_version")" = 2 ] && ok || fail "fixture not at version 2"
expect_rc 0 "db version migrates" "$xxgk" db version --json
expect_in "$tmp/out" '"schema": 15' "migrated to version 15"

run() { # NAME CMD...: the command's output under NAME, for the hashes
  local name=$1
  shift
  "$@" >"$tmp/$name.json" 2>"$tmp/err" || [ "$name" = due ] ||
    fail "$name: exit $?: $(cat "$tmp/err")"
  # The canonical JSON gained the list of inferred cells after those
  # releases; a report built from a register has none, `"inferred": []`,
  # which the hashes of what they printed cannot hold.
  python3 - "$tmp/$name.json" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(s.replace('\n  },\n  "inferred": []\n}\n', '\n  }\n}\n'))
PY
}
outputs() { # what both releases print: reports, lists, due dates
  for a in 1 2 3; do
    for y in 2023 2024; do
      run "report-$a-$y" "$xxgk" report --agency $a --year $y
    done
  done
  run list "$xxgk" case list --json
  run list-open "$xxgk" case list --open --json
  run due "$xxgk" case due --within 30 --json
}
outputs
same_as() { # VERSION: the outputs against register-vVERSION.expected
  while read -r sum name; do
    case $sum in '#'*) continue ;; esac
    got=$(sha256sum <"$tmp/$name.json" | cut -d' ' -f1)
    [ "$got" = "$sum" ] && ok || fail "$name differs from what schema $1 printed (output in $tmp/$name.json)"
  done <"$fixtures/register-v$1.expected"
}
same_as 2

# the derived columns and tallies against the events and the rows
consistent() {
  local bad
  bad=$(sqlite3 "$XXGK_DB" "
    SELECT COUNT(*) FROM application a LEFT JOIN event f
      ON f.application_id = a.id AND f.kind IN ('reply', 'withdrawn', 'fee_lapsed')
    WHERE a.final_kind IS NOT f.kind OR a.final_date IS NOT f.date
      OR a.final_outcome IS NOT f.outcome;
    SELECT COUNT(*) FROM (SELECT agency_id, COUNT(*) n,
      SUM(final_date IS NULL) o FROM application GROUP BY agency_id) c
      FULL JOIN agency_tally t USING (agency_id)
    WHERE t.applications IS NOT c.n OR t.open IS NOT c.o;
    SELECT COUNT(*) FROM (SELECT agency_id, category,
      COALESCE(final_outcome, '') outcome, COUNT(*) n, SUM(final_date IS NULL) o
      FROM application GROUP BY 1, 2, 3) c
      FULL JOIN (SELECT * FROM application_mix WHERE applications > 0) m
      USING (agency_id, category, outcome)
    WHERE m.applications IS NOT c.n OR m.open IS NOT c.o;
    WITH RECURSIVE t(a, d) AS (SELECT id, id FROM agency UNION ALL
      SELECT t.a, c.id FROM agency c JOIN t ON c.parent_id = t.d)
    SELECT COUNT(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM agency_tree
      UNION ALL SELECT * FROM agency_tree EXCEPT SELECT * FROM t);
    SELECT COUNT(*) FROM (SELECT t.ancestor agency_id, COUNT(*) n,
      SUM(a.final_date IS NULL) o FROM application a JOIN agency_tree t
      ON t.descendant = a.agency_id GROUP BY t.ancestor) c
      FULL JOIN (SELECT * FROM agency_tree_tally WHERE applications > 0) s
      USING (agency_id)
    WHERE s.applications IS NOT c.n OR s.open IS NOT c.o;" | tr '\n' ' ')
  [ "$bad" = "0 0 0 0 0 " ] && ok || fail "$1: rows off (final, tally, mix, tree, tree tally): $bad"
  # the trigram index against the texts (FTS5's own comparison)
  if sqlite3 "$XXGK_DB" "INSERT INTO application_text (application_text, rank)
      VALUES ('integrity-check', 1)" 2>"$tmp/err"; then ok; else
    fail "$1: the trigram index differs from the applications: $(cat "$tmp/err")"
  fi
  expect_rc 0 "$1: filtered lists against the reference" "$filter" 300 "$XXGK_DB"
}
consistent "after the migration"
[ "$(sqlite3 "$XXGK_DB" "select count(*) from application where final_date is null")" -gt 0 ] &&
  ok || fail "the fixture has open applications"

# new work after the migration
expect_rc 0 "a unit's unit" "$xxgk" agency add --name 示例市教育局某科 --parent 2
if sqlite3 "$XXGK_DB" "update agency set parent_id = 3 where id = 4" 2>"$tmp/err"; then
  fail "an agency moved"
else
  ok
fi
expect_in "$tmp/err" "上级单位不能修改" "moving an agency: the trigger's message"
# schema 6: a migrated register refuses rows that would replace others
for sql in "REPLACE INTO audit (id, at, who, action, entity) SELECT id, at, 'x', 'x', 'x' FROM audit WHERE id = (SELECT min(id) FROM audit)" \
  "INSERT OR REPLACE INTO event (application_id, kind, date, outcome) SELECT application_id, 'reply', date, 'granted' FROM event WHERE kind = 'reply' LIMIT 1" \
  "INSERT OR REPLACE INTO application (id, agency_id, tracking, channel, received, category, applicant_name, content) SELECT id, agency_id, tracking, channel, received, category, 'x', 'x' FROM application LIMIT 1"; do
  if sqlite3 "$XXGK_DB" "$sql" 2>"$tmp/err"; then fail "migrated register took: $sql"; else ok; fi
  expect_in "$tmp/err" "不能覆盖" "the guard's message for: $sql"
done
open=$(sqlite3 "$XXGK_DB" "select tracking from application where final_date is null order by id limit 1")
expect_rc 0 "reply to an open one" "$xxgk" case reply "$open" --date 2024-11-20 --outcome granted
expect_rc 0 "new case" "$xxgk" case new --agency 3 --received 2024-11-20 --channel 网络 \
  --category natural_person --name 新申请人 --content 某文件
new=$(grep -o '20[0-9][0-9]-[0-9]\{5\}' "$tmp/out" | head -1)
expect_rc 0 "withdraw it" "$xxgk" case event "$new" withdrawn --date 2024-11-20
consistent "after new events"

# schema 3, with texts that search '%', '_', '"' and letters' case
export XXGK_DB=$tmp/v3.db
sqlite3 "$XXGK_DB" <"$fixtures/register-v3.sql"
[ "$(sqlite3 "$XXGK_DB" "pragma user_version")" = 3 ] && ok || fail "fixture not at version 3"
outputs
run list-dates "$xxgk" case list --from 2024-01-01 --to 2024-06-30 --json
run list-agency "$xxgk" case list --agency 2 --json
run lists-filtered "$filter" print "$XXGK_DB"
same_as 3
[ "$(sqlite3 "$XXGK_DB" "pragma user_version")" = 15 ] && ok || fail "v3 not migrated to 15"
consistent "schema 3 after the migration"
expect_rc 0 "new case on 4" "$xxgk" case new --agency 2 --received 2024-11-20 --channel 网络 \
  --category research --name 'Wang_Li%' --content '某"项目"的ROAD立项批复'
"$filter" print "$XXGK_DB" | grep -F 'search ROAD category - outcome - from - to - offset 0:' |
  head -1 >"$tmp/road"
expect_in "$tmp/road" "total 2" "a new application is found by the index"
consistent "schema 4 after a new case"
summary
