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
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
