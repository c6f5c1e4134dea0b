#!/usr/bin/env bash
# scans.sh — scanned reports whose truth is known: the pages of a PDF
# rendition of a sample report (tests/fixtures/*.pdf, or any PDF made with
# `xxgk render --to docx` and LibreOffice) rasterised with pdftoppm, then,
# with -d, degraded as real scans are with ImageMagick: a rotation of up to
# 2° (the same every run for a given page), noise, a fold's shadow, a red
# seal stamped over the middle of the page (where the tables' figures are)
# and JPEG artefacts. The pages become a PDF with no text layer
# (scan_pdf.py). The truth is the sample's .expected.json.
#
#   tests/gen/scans.sh [-r DPI] [-d] [-f FIRST] [-l LAST] IN.pdf OUT.pdf
#   tests/gen/scans.sh -r 150 -d tests/fixtures/laocheng-2023.pdf /tmp/s.pdf
set -euo pipefail
dpi=200 degrade=0 first=1 last=0
while getopts "r:df:l:" o; do
  case $o in
  r) dpi=$OPTARG ;;
  d) degrade=1 ;;
  f) first=$OPTARG ;;
  l) last=$OPTARG ;;
  *) echo "usage: $0 [-r DPI] [-d] [-f FIRST] [-l LAST] IN.pdf OUT.pdf" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { echo "usage: $0 [-r DPI] [-d] [-f FIRST] [-l LAST] IN.pdf OUT.pdf" >&2; exit 2; }
in=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ "$last" -gt 0 ] || last=$(pdfinfo "$in" | awk '/^Pages:/ {print $2}')
pdftoppm -r "$dpi" -f "$first" -l "$last" "$in" "$tmp/p"
pages=()
n=$((first - 1)) # pages keep their degradation when generated alone
for ppm in "$tmp"/p*.ppm; do
  n=$((n + 1))
  jpg="$tmp/page-$(printf %03d $n).jpg"
  if [ "$degrade" = 1 ]; then
    read -r w h <<<"$(identify -format "%w %h" "$ppm")"
    # -2.0° .. +2.0°, a different one per page, the same every run.
    angle=$(awk -v k="$n" 'BEGIN { printf "%.1f", ((k * 17 + 7) % 41 - 20) / 10 }')
    fold=$((w * (40 + n * 13 % 30) / 100))
    sx=$((w * 60 / 100)) sy=$((h * 45 / 100)) sr=$((dpi * 3 / 4))
    convert "$ppm" \
      \( -size "$((w / 10))x$((h / 10))" xc:white -fill 'gray(72%)' \
         -draw "rectangle $((fold / 10)),0 $(((fold + dpi / 3) / 10)),$h" \
         -blur 0x$((dpi / 60)) -resize "${w}x${h}!" \) \
      -compose multiply -composite \
      \( -size "${w}x${h}" xc:white -fill none -stroke 'rgb(225,40,40)' \
         -strokewidth $((dpi / 25)) -draw "circle $sx,$sy $((sx + sr)),$sy" \
         -fill 'rgb(225,40,40)' -stroke none \
         -draw "polygon $sx,$((sy - sr / 3)) $((sx + sr / 4)),$((sy + sr / 4)) $((sx - sr / 4)),$((sy + sr / 4))" \
         -draw "rectangle $((sx - sr * 2 / 3)),$((sy + sr / 3)) $((sx + sr * 2 / 3)),$((sy + sr / 2))" \) \
      -compose multiply -composite \
      -background white -rotate "$angle" \
      -seed "$n" -attenuate 0.4 +noise Gaussian \
      -quality 60 "$jpg"
  else
    convert "$ppm" -quality 90 "$jpg"
  fi
  pages+=("$jpg")
done
python3 "$here/scan_pdf.py" "$out" "$dpi" "${pages[@]}"
