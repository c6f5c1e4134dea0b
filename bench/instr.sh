#!/usr/bin/env bash
# Instructions per byte and per report of parse + check, counted by
# callgrind: reproducible on a loaded machine, unlike wall-clock time, so
# it is the measure for before/after comparisons of a library change.
#   bench/instr.sh BENCH_PARSE CORPUS_DIR [REPORTS] [RENDITION...]
# Runs bench_parse under callgrind twice per rendition, over 1 report and
# over REPORTS reports (default 200), and divides the difference (program
# start-up, file loading and one-time set-up cancel out) by the bytes and
# reports parsed in between. Prints "rendition instr/byte instr/report".
# The narrative's PCRE2 patterns run JIT-compiled, as outside valgrind
# (XXGK_PCRE2_JIT=1; lib/parse/narrative.c uses the interpreter under valgrind
# otherwise, for memcheck's sake).
set -euo pipefail
parse=$1
corpus=$2
n=${3:-200}
shift $(( $# >= 3 ? 3 : 2 ))
renditions=("$@")
if [ ${#renditions[@]} -eq 0 ]; then
  for d in "$corpus"/*/; do
    d=${d%/}
    [ "$(basename "$d")" = json ] || renditions+=("$(basename "$d")")
  done
fi
command -v valgrind >/dev/null || { echo "instr.sh: valgrind is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One callgrind run: prints "instructions bytes".
count() {
  local out
  out=$(XXGK_PCRE2_JIT=1 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
    "$parse" -n "$1" -k 1 "$2" 2>"$tmp/err")
  local ir
  ir=$(grep -o 'refs: *[0-9,]*' "$tmp/err" | tr -dc '0-9')
  echo "$ir $(sed -E 's/.* bytes=([0-9]+) .*/\1/' <<<"$out")"
}

for r in "${renditions[@]}"; do
  read -r i1 b1 < <(count 1 "$corpus/$r")
  read -r iN bN < <(count "$n" "$corpus/$r")
  awk -v r="$r" -v di=$((iN - i1)) -v db=$((bN - b1)) -v dn=$((n - 1)) \
    'BEGIN { printf "%s %.1f %.0f\n", r, di / db, di / dn }'
done
