#!/usr/bin/env bash
# bench/ocr.sh XXGK — scanned reports: every sample PDF (tests/fixtures,
# tests/data/huaian-2024.pdf) made into a 200 dpi scan and a degraded
# 150 dpi scan (tests/gen/scans.sh), read by XXGK and scored against its
# truth (tests/gen/ocr_score.py); the 6-page report's scan read on one core
# (taskset), its time and peak memory (GNU time: the largest process, the
# recognising child included). Prints a Markdown section; bench/run adds it
# to bench/results.md.
set -uo pipefail
xxgk=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A right=() total=() wrong=()
rows=()
for pdf in "$root"/tests/fixtures/*.pdf "$root"/tests/data/huaian-2024.pdf; do
  name=$(basename "$pdf" .pdf)
  truth=$root/tests/data/$name.expected.json
  [ -f "$truth" ] || continue
  for kind in 200 150d; do
    if [ $kind = 200 ]; then args=(-r 200); else args=(-r 150 -d); fi
    "$root/tests/gen/scans.sh" "${args[@]}" "$pdf" "$tmp/$name-$kind.pdf" || continue
    "$xxgk" parse "$tmp/$name-$kind.pdf" >"$tmp/$name-$kind.json" 2>/dev/null
    line=$(python3 "$root/tests/gen/ocr_score.py" "$truth" "$tmp/$name-$kind.json" "$name" | head -1)
    read -r n r u w < <(echo "$line" | sed -E 's/.*: ([0-9]+) cells, ([0-9]+) right.*, ([0-9]+) null, ([0-9]+) wrong/\1 \2 \3 \4/')
    total[$kind]=$((${total[$kind]:-0} + n)) right[$kind]=$((${right[$kind]:-0} + r)) wrong[$kind]=$((${wrong[$kind]:-0} + w))
    rows+=("| $name | $kind | $n | $r | $u | $w |")
  done
done
six=$tmp/huaian-2024-200.pdf
if [ -f "$six" ]; then
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" taskset -c 0 "$xxgk" parse "$six" >/dev/null 2>&1
  read -r wall user sys kb < <(tail -1 "$tmp/time")
  # CPU time (the child's included): on a shared machine the wall time
  # counts the other processes' turns on the core too.
  secs=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
fi
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }'; }
echo "## Scanned reports (bench/ocr.sh)"
echo
echo "Each sample's PDF rasterised at 200 dpi (JPEG q90), and at 150 dpi degraded (rotation ≤ 2°, noise, fold shadow, red seal, JPEG q60), as a PDF without text; \`xxgk parse\` scored against the sample's .expected.json: right, null (unsure or row not found), wrong."
echo
echo "| report | scan | cells | right | null | wrong |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| target | figure | met? |"
echo "|---|---|---|"
p200=$(pct "${right[200]:-0}" "${total[200]:-0}") p150=$(pct "${right[150d]:-0}" "${total[150d]:-0}")
# met? on the counts, not the rounded per cent (1190 of 1196 is 99.5% printed,
# 99.498% in fact).
met() { awk -v a="$1" -v b="$2" -v t="$3" -v w="$4" 'BEGIN { print (b && 100 * a >= t * b && w == 0) ? "yes" : "no" }'; }
echo "| 200 dpi: ≥ 99.5% cells right, 0 wrong | $p200% right (${right[200]:-0} of ${total[200]:-0}), ${wrong[200]:-?} wrong | $(met "${right[200]:-0}" "${total[200]:-0}" 99.5 "${wrong[200]:-1}") |"
echo "| 150 dpi degraded: ≥ 97% right, 0 wrong | $p150% right (${right[150d]:-0} of ${total[150d]:-0}), ${wrong[150d]:-?} wrong | $(met "${right[150d]:-0}" "${total[150d]:-0}" 97 "${wrong[150d]:-1}") |"
echo "| 6-page scanned report ≤ 15 s on one core | ${secs:-?} s CPU, ${wall:-?} s wall (huaian-2024, 200 dpi, taskset -c 0) | $(awk -v s="${secs:-999}" 'BEGIN { print s <= 15 ? "yes" : "no" }') |"
echo "| memory ≤ 500 MB | $(( ${kb:-0} / 1024 )) MB peak RSS | $(awk -v k="${kb:-999999}" 'BEGIN { print k <= 512000 ? "yes" : "no" }') |"
