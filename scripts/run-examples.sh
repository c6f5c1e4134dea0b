#!/usr/bin/env bash
# The main job on the bundled example reports: check each, then show one as
# Markdown and all as CSV.
set -u
xxgk=${1:-build/xxgk}
cd "$(dirname "$0")/.."
reports=(tests/data/*.txt)
echo "== xxgk check ${reports[*]}"
"$xxgk" check "${reports[@]}"
echo "== exit status $? (0: all consistent)"
echo
echo "== xxgk parse --format md tests/data/tianjin-nankai-2023.txt"
"$xxgk" parse --format md tests/data/tianjin-nankai-2023.txt
echo "== xxgk parse --format csv (first columns)"
"$xxgk" parse --format csv "${reports[@]}" | cut -d, -f1-8
