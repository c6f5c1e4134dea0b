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
# The round's comparison of versions and the office's own report, made by
# the tests that compare them (they write instead of comparing).
for t in round round_report; do
  XXGK_UPDATE_GOLDEN=1 bash "tests/cli/$t.sh" "$xxgk" tests/data >/dev/null
done
git --no-pager diff --stat -- tests/golden
git status --short -- tests/golden
