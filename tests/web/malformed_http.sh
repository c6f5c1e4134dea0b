#!/usr/bin/env bash
# malformed_http.sh — malformed HTTP over a real socket:
# malformed_http.py sends raw bytes to `xxgk serve` (broken request lines,
# huge and countless headers, lying Content-Length, bad chunks, bodies over
# the caps, slow partial requests, NUL and invalid UTF-8, path traversal,
# overlong URLs), each answered with a 4xx or held until the idle timeout,
# while other clients are still served; then the server must stop cleanly
# on SIGTERM (under ASan also the leak check).
# Usage: malformed_http.sh path/to/xxgk
xxgk=$1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"

start main --db "$tmp/r.db" --post-rate 0
port=${base_main##*:}
"$PY" "$(dirname "$0")/malformed_http.py" "$port" >"$tmp/py.out" 2>&1
while read -r word rest; do
  case $word in
  ok) ok ;;
  FAIL) fail "$rest" ;;
  *) fail "malformed_http.py: $word $rest" ;;
  esac
done <"$tmp/py.out"
kill -0 "$pid_main" 2>/dev/null && ok || fail "the server died"
stop main
pids=()
summary
