#!/usr/bin/env bash
# fuzz.sh — builds the libFuzzer targets of tests/fuzz (clang, ASan+UBSan)
# and runs each for a while from its seed corpus (tests/fuzz/seeds.c) and
# the corpus earlier runs grew. A crash, leak, timeout or broken invariant
# is copied into tests/fuzz/regress/TARGET/ (replayed by ctest from then on)
# and makes the script fail. Ends with one line per target of executions
# and CPU seconds, also appended to BUILD/fuzz-stats.tsv, and
# "fuzz: N passed, N failed" (a target passes when it found nothing).
#
#   scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]
#     FUZZ_BUILD (build-fuzz)  the build directory; BUILD/corpus/TARGET
#                              keeps what the fuzzer found interesting
#     FUZZ_JOBS  (1)           fuzzing processes per target (-fork)
#     FUZZ_RUNS                instead of a time, this many executions from
#                              a fixed seed: the same inputs every run
#
# `make fuzz` runs it for 10 minutes a target, to find bugs. CI runs a fixed
# 1,000 executions per target from seed 1: a test must not pass or fail by
# luck, and what the long runs find comes to CI through tests/fuzz/regress.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
jobs=${FUZZ_JOBS:-1}

if ! command -v clang >/dev/null; then
  echo "fuzz: clang is missing (scripts/setup.sh installs it)" >&2
  exit 2
fi
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$flags" \
  -DXXGK_FUZZ=ON >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
fz=$build/tests/fuzz
seeds=$fz/seeds
rm -rf "$seeds"
"$fz/fuzz_seeds" tests/data tests/fixtures data/cn-holidays.tsv "$seeds" >/dev/null

if [ $# -eq 0 ]; then
  set -- $(sed -n 's/^set(XXGK_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
fi
failed=0 # targets that found something
summary=()
for t in "$@"; do
  corpus=$build/corpus/$t
  artifacts=$build/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [ -f "$seeds/$t.dict" ] && dict=(-dict="$seeds/$t.dict")
  log=$build/$t.log
  how="${seconds}s"
  [ -n "${FUZZ_RUNS:-}" ] && how="$FUZZ_RUNS runs from seed 1"
  echo "== $t: $how" >&2
  start=$(date +%s)
  rc=0
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak or
  # an unbounded allocation. Fuzzer messages go to the log.
  par=()
  [ "$jobs" -gt 1 ] && par=(-fork="$jobs")
  limit=(-max_total_time="$seconds")
  [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS" -seed=1)
  "$fz/$t" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${par[@]}" "${dict[@]}" \
    -artifact_prefix="$artifacts/" "$corpus" "$seeds/$t" >"$log" 2>&1 || rc=$?
  end=$(date +%s)
  execs=$( (grep -h 'stat::number_of_executed_units' "$log" || true) | awk '{s += $2} END {print s + 0}')
  line="$t	$(date -u +%Y-%m-%d)	$((end - start))s	$execs execs	$(((end - start) * jobs)) cpu-s	rc=$rc"
  summary+=("$line")
  echo "$line" >>"$build/fuzz-stats.tsv"
  if [ "$rc" -ne 0 ] || [ -n "$(ls -A "$artifacts")" ]; then
    failed=$((failed + 1))
    mkdir -p "tests/fuzz/regress/$t"
    for a in "$artifacts"/*; do
      [ -f "$a" ] || continue
      mv "$a" "tests/fuzz/regress/$t/"
      echo "fuzz: $t: $(basename "$a") -> tests/fuzz/regress/$t/ (fix, then commit it)" >&2
    done
    grep -E -A30 '^==[0-9]+==ERROR|^fuzz: |SUMMARY' "$log" | head -60 >&2 || tail -20 "$log" >&2
  fi
done
printf '%s\n' "${summary[@]}"
echo "fuzz: $(($# - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
