#!/usr/bin/env bash
# The register generator's ctest: a small synthetic register (every event
# kind, reviews, records, figures) is accepted by the register's rules, and
# the annual report built from it passes xxgk_check; -R times the report of
# the register written. No timing is asserted.
# Usage: register-test.sh BENCH_REGISTER
set -euo pipefail
reg=$1
base=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm # no fsync per transaction
tmp=$(mktemp -d "$base/xxgk-register-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

out=$("$reg" -n 400 -k 1 -L bench:bench-password "$tmp/reg.db")
echo "$out"
grep -q 'applications=400 ' <<<"$out"
grep -q ' check_errors=0$' <<<"$out"
"$reg" -R -k 1 "$tmp/reg.db" | grep -q '^year=2024 report_ms_min=.* check_errors=0$'
if "$reg" -n 10 "$tmp/reg.db" 2>/dev/null; then
  echo "bench_register: wrote into an existing register" >&2
  exit 1
fi
echo "bench_register: 1 passed, 0 failed"
