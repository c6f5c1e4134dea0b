#!/usr/bin/env bash
# valgrind.sh — the whole ctest suite of a normal build under valgrind's
# memcheck: no invalid access, no use of uninitialised memory, no definite
# or indirect leak. The C test programs run under ctest's memcheck; the
# shell tests (whose command is bash) run normally, with the xxgk command
# they drive wrapped in valgrind through XXGK_WRAP (tests/lib.sh). Ends
# with "N passed, N failed" like scripts/test.sh.
#
#   scripts/valgrind.sh [BUILD]    (default build; `make valgrind`)
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
vg=$(command -v valgrind) || { echo "valgrind: not installed" >&2; exit 2; }
# 99 is no exit status of xxgk's own: it means valgrind found an error.
opts="-q --error-exitcode=99 --suppressions=$PWD/scripts/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --num-callers=30"

# The shell tests, by their command (ctest's JSON listing).
shell_tests=$(cd "$build" && ctest --show-only=json-v1 | python3 -c '
import json, sys, os
for t in json.load(sys.stdin)["tests"]:
    cmd = t.get("command") or [""]
    if os.path.basename(cmd[0]) in ("bash", "sh"):
        print(t["name"])')
regex="^($(echo $shell_tests | tr ' ' '|'))\$"
# The tests that scale with their input (register_big's 100,000
# applications, malformed.sh's 100 MB) take smaller counts under valgrind:
# the same code paths at memcheck's pace.
export XXGK_UNDER_VALGRIND=1

passed=0
failed=0
count() { # count CTEST-OUTPUT: adds its "N tests failed out of M"
  local line total bad
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$1" | tail -1)
  if [ -z "$line" ]; then
    failed=$((failed + 1))
    return
  fi
  total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
  bad=$(echo "$line" | sed -E 's/.*, ([0-9]+) tests failed.*/\1/')
  passed=$((passed + total - bad))
  failed=$((failed + bad))
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== valgrind: C tests in $build (ctest -T memcheck)"
# Not web_browser: it drives Chromium from node, none of it ours (the
# server's side of those flows is web_http's). Not the suites run again on
# PostgreSQL (*_pg): the same library code as their SQLite runs here, and
# the backend's own is test_pg's, which does run (pg).
# One test per core: memcheck runs each process on one thread.
jobs=$(nproc 2>/dev/null || echo 2)
(cd "$build" && ctest -j "$jobs" -T memcheck --output-on-failure \
  -E "$regex|^web_browser\$|_pg\$" \
  --overwrite "MemoryCheckCommand=$vg" \
  --overwrite "MemoryCheckCommandOptions=$opts") 2>&1 | grep -v DartConfiguration | tee "$log"
count "$log"
# Defects ctest saw but no exit status showed (belt and braces).
if grep -q 'Defects: [1-9]' "$log"; then
  echo "valgrind: defects reported (see $build/Testing/Temporary/MemoryChecker.*.log)"
  failed=$((failed + 1))
fi

echo "== valgrind: shell tests, xxgk under valgrind (XXGK_WRAP)"
(cd "$build" && XXGK_WRAP="$vg $opts" ctest -j "$jobs" --output-on-failure -R "$regex") 2>&1 | tee "$log"
count "$log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
