# lib.sh — shared by the shell tests: counters and the closing summary line.
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# expect_rc WANT DESC CMD...: runs CMD, compares its exit status.
expect_rc() {
  local want=$1 desc=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else fail "$desc: exit $rc, want $want"; cat "$tmp/err" >&2; fi
}
# expect_in FILE TEXT DESC: FILE contains TEXT.
expect_in() {
  if grep -qF -- "$2" "$1"; then ok; else fail "$3: no \"$2\" in $(head -c 400 "$1")"; fi
}
# expect_golden FILE DESC: the last command's output ($tmp/out) is FILE;
# with XXGK_UPDATE_GOLDEN=1 (scripts/update-golden.sh) it becomes FILE.
expect_golden() {
  if [ "${XXGK_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/out" "$1"; ok; return; fi
  if diff -u "$1" "$tmp/out" >"$tmp/diff"; then ok; else
    fail "$2 differs from $1:"; cat "$tmp/diff" >&2
  fi
}
# new_register FILE TODAY: the command ($xxgk) works on a new register
# $tmp/FILE, as the clerk 测试 on the day TODAY, without calendar additions.
new_register() {
  export XXGK_DB=$tmp/$1 XXGK_USER=测试 XXGK_TODAY=$2
  unset XXGK_CALENDAR
  expect_rc 0 "db init" "$xxgk" db init
}
summary() {
  local log
  for log in "$tmp"/valgrind.*.log; do
    [ -s "$log" ] && fail "valgrind: $(head -c 3000 "$log")"
  done
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# XXGK_WRAP: valgrind and its options (scripts/valgrind.sh), which the
# command under test, $xxgk, runs under. It replaces the wrapper (exec), so
# signals reach the command itself (a server stopped with SIGTERM exits
# through its own shutdown and valgrind's leak check); what valgrind finds
# goes to one log per process, and a log that is not empty fails the test
# (summary) even where the exit status is not checked.
if [ -n "${XXGK_WRAP:-}" ] && [ -n "${xxgk:-}" ]; then
  printf '#!/bin/sh\nexec %s --log-file=%q %q "$@"\n' \
    "$XXGK_WRAP" "$tmp/valgrind.%p.log" "$xxgk" >"$tmp/wrapped-xxgk"
  chmod +x "$tmp/wrapped-xxgk"
  xxgk=$tmp/wrapped-xxgk
fi
