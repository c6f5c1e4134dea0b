#!/usr/bin/env bash
# Rewrites the golden files of the report writers and of the quality score
# (tests/golden) from the current build, then shows what changed: review the diff, then commit it.
#   scripts/update-golden.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target test_render >/dev/null
"$build/tests/test_render" tests/data tests/golden --update >/dev/null
# The quality score of every sample (tests/cli/score.sh compares).
cmake --build "$build" --target xxgk_cli >/dev/null
xxgk=$(cd "$build" && pwd)/xxgk
(cd tests/data && "$xxgk" score *.txt huaian-2024.pdf) >tests/golden/quality.txt
git --no-pager diff --stat -- tests/golden
git status --short -- tests/golden
