#!/usr/bin/env bash
# hostile.sh — uploads built to stall the checker (tests/web/hostile.py: a
# PDF whose pages inflate to gigabytes of text operators, a small DOCX of
# 60 MiB of cells) while other clients are served: the uploads are read
# off the request threads, so GETs still answer while they are read (each
# within curl's time limit; how fast is bench/run's to measure, not a
# test's to assert); the server's memory
# stays small (the reading runs in a child process under limits); a full
# upload queue is 503 with Retry-After at once; and SIGTERM stops the
# server at once, answering the uploads still parked. Every client has a
# time limit, so the test ends by itself within seconds.
# Usage: hostile.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"
data=$(cd "$(dirname "$0")/../data" && pwd)

"$PY" "$(dirname "$0")/hostile.py" "$tmp"
start main --db "$tmp/r.db" --post-rate 0
B=$base_main
up() { # up NAME FILE: an upload in the background, its code in $tmp/NAME.code
  curl -s -o "$tmp/$1.body" -D "$tmp/$1.head" -w '%{http_code}' --max-time 20 \
    -H 'X-Requested-With: xxgk' -F "file=@$2" "$B/api/check" >"$tmp/$1.code" &
  eval "up_$1=\$!"
}
# The DOCX, then a PDF for each upload worker and one waiting
up docx "$tmp/cells.docx"
sleep 0.2
up pdf1 "$tmp/pages.pdf"
up pdf2 "$tmp/pages.pdf"
up pdf3 "$tmp/pages.pdf"
sleep 1
times=()
for i in 1 2 3 4 5 6 7; do
  t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 "$B/login")
  [ "${t%% *}" = 200 ] && ok || fail "GET /login during the uploads: $t"
  times+=("${t#* }")
  sleep 0.2
done
# the PDFs are still being read: the GETs were answered during them
kill -0 "$up_pdf1" 2>/dev/null && kill -0 "$up_pdf2" 2>/dev/null && ok ||
  fail "the hostile PDFs ended before the GETs (nothing shown)"
echo "GET seconds during the hostile uploads: ${times[*]}"
# the DOCX is refused by the tag bound, without a GiB of tree
wait "$up_docx"
[ "$(cat "$tmp/docx.code")" = 422 ] && ok || fail "cells.docx: HTTP $(cat "$tmp/docx.code")"
expect_in "$tmp/docx.body" "标记" "cells.docx: the tag bound named"
# (not measurable under ASan's shadow memory or valgrind)
if [ -z "${XXGK_WRAP:-}" ] && ! grep -q AddressSanitizer "$1" 2>/dev/null; then
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid_main/status")
  [ "${hwm:-0}" -lt 200000 ] && ok || fail "the server's peak memory: ${hwm} kB"
fi
# the queue is full (two PDFs read, the third and more waiting): 503 at once
for i in $(seq 1 10); do
  curl -s -o /dev/null --max-time 5 -H 'X-Requested-With: xxgk' \
    -F "file=@$data/tianjin-nankai-2023.txt" "$B/api/check" &
done
sleep 1
t=$(curl -s -o "$tmp/full.body" -D "$tmp/full.head" -w '%{http_code}' --max-time 5 \
  -H 'X-Requested-With: xxgk' -F "file=@$data/tianjin-nankai-2023.txt" "$B/api/check")
[ "$t" = 503 ] && ok || fail "upload with the queue full: HTTP $t"
grep -qi '^Retry-After: [0-9]' "$tmp/full.head" && ok || fail "503 without Retry-After"
expect_in "$tmp/full.body" "上传文件太多" "503 message"
# SIGTERM: the server stops at once, the parked uploads are answered
t0=$(date +%s)
stop main
wait "$up_pdf1" "$up_pdf2" "$up_pdf3"
[ $(( $(date +%s) - t0 )) -lt 10 ] && ok || fail "stopping took $(( $(date +%s) - t0 )) s"
for n in pdf1 pdf2 pdf3; do
  c=$(cat "$tmp/$n.code")
  [ "$c" = 422 ] || [ "$c" = 503 ] && ok || fail "$n after SIGTERM: HTTP $c"
done
pids=()
summary
