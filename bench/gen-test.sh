#!/usr/bin/env bash
# The generator's ctest: a small corpus of both formats in every rendition,
# a third of it with one inconsistent cell, must parse back to exactly the
# data generated and raise exactly the findings the manifest names
# (bench_verify). Also checks that -o writes the same bytes as a corpus.
# Usage: gen-test.sh BENCH_GEN BENCH_VERIFY
set -euo pipefail
gen=$1
verify=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$gen" -n 30 -s 7 -b 35 -j "$tmp/mix"
"$gen" -n 12 -s 7 -b 35 -x -j "$tmp/mixed"
"$gen" -n 6 -s 8 -f 2019 -b 50 -r tsv,layout,gbk -j "$tmp/f2019"
"$verify" "$tmp/mix"
"$verify" "$tmp/mixed"
"$verify" "$tmp/f2019"

"$gen" -s 7 -b 35 -r layout -i 5 -o "$tmp/one.txt"
cmp "$tmp/one.txt" "$tmp/mix/layout/000005.txt"
echo "bench_gen: -o writes the corpus' report"
