#!/usr/bin/env bash
# Runs the test suite in each build directory given (normal, ASan+UBSan) and
# ends with one line CI reads: "N passed, N failed".
set -u
passed=0
failed=0
for dir in "$@"; do
  echo "== ctest in $dir"
  # In parallel, one test per core; the tests that must run alone say so
  # (RUN_SERIAL in tests/CMakeLists.txt).
  out=$(cd "$dir" && ctest -j "$(nproc 2>/dev/null || echo 2)" --output-on-failure 2>&1)
  echo "$out"
  line=$(echo "$out" | grep -E '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' | tail -1)
  if [ -z "$line" ]; then
    failed=$((failed + 1))
    continue
  fi
  total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
  bad=$(echo "$line" | sed -E 's/.*, ([0-9]+) tests failed.*/\1/')
  passed=$((passed + total - bad))
  failed=$((failed + bad))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
