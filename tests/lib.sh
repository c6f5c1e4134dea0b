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
summary() {
  [ ! -s "$tmp/wrap-errors" ] || fail "errors under XXGK_WRAP in: $(cat "$tmp/wrap-errors")"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# XXGK_WRAP: a command line (valgrind and its options: scripts/valgrind.sh)
# that the command under test, $xxgk, runs through. A run in which it found
# errors (exit 99) fails the test even where the exit status is not checked.
if [ -n "${XXGK_WRAP:-}" ] && [ -n "${xxgk:-}" ]; then
  printf '#!/bin/sh\n%s %q "$@"\nrc=$?\n[ $rc -ne 99 ] || echo "$*" >>%q\nexit $rc\n' \
    "$XXGK_WRAP" "$xxgk" "$tmp/wrap-errors" >"$tmp/wrapped-xxgk"
  chmod +x "$tmp/wrapped-xxgk"
  xxgk=$tmp/wrapped-xxgk
fi
