#!/usr/bin/env bash
# The main job on the bundled example reports: check each (the PDF read
# directly), show one as Markdown and all as CSV, then import them into a
# corpus and show its statistics and agencies.
set -u
xxgk=${1:-build/xxgk}
cd "$(dirname "$0")/.."
reports=(tests/data/*.txt tests/data/huaian-2024.pdf)
echo "== xxgk check ${reports[*]}"
"$xxgk" check "${reports[@]}"
echo "== exit status $? (0: all consistent)"
echo
echo "== xxgk parse --format md tests/data/tianjin-nankai-2023.txt"
"$xxgk" parse --format md tests/data/tianjin-nankai-2023.txt
echo "== xxgk parse --format csv (first columns)"
"$xxgk" parse --format csv "${reports[@]}" | cut -d, -f1-8
echo
db=$(mktemp -d)/corpus.db
echo "== xxgk import --db $db ${reports[*]}   (the corpus, in parallel)"
"$xxgk" import -q --db "$db" "${reports[@]}"
echo "== xxgk stats --db $db --by year --format csv (first columns)"
"$xxgk" stats --db "$db" --by year --format csv | cut -d, -f1-6
echo "== xxgk agencies --db $db"
"$xxgk" agencies --db "$db"
rm -rf "$(dirname "$db")"
