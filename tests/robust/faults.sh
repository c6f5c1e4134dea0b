#!/usr/bin/env bash
# faults.sh — allocation failure at any point is a clean abort with a
# message: never a crash, a hang or corrupted output. Needs a build with
# -DXXGK_FAULT_INJECTION=ON (the ASan+UBSan build of `make test`), where
# XXGK_FAIL_ALLOC=N fails every allocation after the first N (lib/util.c).
#
# For each command below: a reference run; a binary search for T, the
# number of allocations the command makes; then runs failing at N = 0..14
# and at 15 points spread over 15..T. Each must either succeed exactly like
# the reference (N >= T) or die of SIGABRT (exit 134) with "out of memory"
# on stderr, having written nothing but a prefix of the reference output.
xxgk=$1
data=$2
. "$(dirname "$0")/../lib.sh"
nankai=$data/tianjin-nankai-2023.txt

run() { # run N ARGS...: the command with allocations failing after N
  { XXGK_FAIL_ALLOC=$1 "${@:2}" >"$tmp/out" 2>"$tmp/err"; } 2>/dev/null
}

try() { # try DESC N ARGS...
  local desc=$1 n=$2
  shift 2
  run "$n" "$@"
  local rc=$?
  if [ "$rc" -eq "$ref_rc" ] && cmp -s "$tmp/out" "$tmp/ref"; then
    ok
    return 0
  fi
  if [ "$rc" -ne 134 ]; then
    fail "$desc: allocation $n failing: exit $rc, want 134 (abort) or $ref_rc"
    head -5 "$tmp/err" >&2
  elif ! grep -q "xxgk: out of memory" "$tmp/err"; then
    fail "$desc: allocation $n failing: no message"
  elif ! head -c "$(wc -c <"$tmp/out")" "$tmp/ref" | cmp -s - "$tmp/out"; then
    fail "$desc: allocation $n failing: output is not a prefix of the real one"
  else
    ok
  fi
}

faults() { # faults DESC ARGS...
  local desc=$1
  shift
  "$@" >"$tmp/ref" 2>/dev/null
  ref_rc=$?
  local lo=0 hi=1
  while ! run "$hi" "$@" || ! cmp -s "$tmp/out" "$tmp/ref"; do
    [ "$hi" -gt 100000000 ] && { fail "$desc: never succeeds"; return; }
    lo=$hi
    hi=$((hi * 2))
  done
  while [ $((hi - lo)) -gt 1 ]; do # the least N that succeeds
    local mid=$(((lo + hi) / 2))
    if run "$mid" "$@" && cmp -s "$tmp/out" "$tmp/ref"; then hi=$mid; else lo=$mid; fi
  done
  echo "$desc: $hi allocations" >&2
  local n
  for ((n = 0; n < 15 && n <= hi; n++)); do try "$desc" "$n" "$@"; done
  for ((k = 0; k <= 15; k++)); do
    n=$((15 + (hi - 15) * k / 15))
    [ "$n" -ge 15 ] && try "$desc" "$n" "$@"
  done
}

faults "parse text" "$xxgk" parse "$nankai"
faults "check text" "$xxgk" check "$nankai"
faults "parse md" "$xxgk" parse --format md "$nankai"
faults "check json" "$xxgk" check --json "$data/tianjin-jinghai-office-2019.expected.json"
faults "parse csv" "$xxgk" parse --format csv "$data/laocheng-2023.txt" "$data/shunhe-bigdata-2023.txt"
summary
