#!/usr/bin/env bash
# test_exports.sh LIBXXGK INCLUDE_DIR — the library's symbol visibility is
# honest: it is built with hidden visibility, so the symbols libxxgk.a's
# objects and libxxgk.so export (global, default visibility, defined) are
# exactly the functions the public headers declare with XXGK_EXPORT;
# everything else stays inside.
set -euo pipefail
lib=$1 inc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Not ASan's one-definition-rule indicators (__odr_asan.NAME): the
# sanitizer adds one beside each exported array, and they are not ours.
readelf -sW "$lib" |
  awk '$5 == "GLOBAL" && $6 == "DEFAULT" && $7 != "UND" && $8 !~ /^__odr_asan\./ { print $8 }' |
  sort -u >"$tmp/exported"
# Each declaration's name: the identifier before its first '(' (a
# function) or '[' (an array of data, `extern`) after XXGK_EXPORT, the
# declaration joined onto one line.
awk '/^XXGK_EXPORT/ { d = $0; while (d !~ /[(;]/ && (getline l) > 0) d = d " " l;
     sub(/[([].*/, "", d); n = split(d, w, /[ *]+/); print w[n] }' "$inc"/*.h |
  sort -u >"$tmp/declared"
rc=0
if ! diff -u "$tmp/declared" "$tmp/exported" >"$tmp/diff"; then
  echo "exported symbols differ from the XXGK_EXPORT declarations (- declared only, + exported only):"
  grep '^[-+][^-+]' "$tmp/diff" || true
  rc=1
fi
echo "$(wc -l <"$tmp/exported") exported, $(wc -l <"$tmp/declared") declared: $([ $rc = 0 ] && echo 1 passed, 0 failed || echo 0 passed, 1 failed)"
exit $rc
