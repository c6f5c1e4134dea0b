# serve.sh — sourced by the HTTP tests (after tests/lib.sh, with $xxgk set):
# `start NAME ARGS...` runs `xxgk serve` on 127.0.0.1 and a free port with
# the tests' fixed date and sets $base_NAME (its URL) and $pid_NAME; every
# server still running is killed when the test exits. $PY is the python3
# the tests' checks run: Debian's, as a version manager's shim costs a
# second a call.
TODAY=2026-11-20
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

start() {
  local name=$1
  shift
  "$xxgk" serve --listen 127.0.0.1:0 --quiet --today $TODAY "$@" \
    >"$tmp/$name.out" 2>"$tmp/$name.err" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 600); do
    grep -q '正在监听' "$tmp/$name.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  local url
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$tmp/$name.out" | head -1)
  [ -n "$url" ] || { echo "server $name did not start:"; cat "$tmp/$name.err"; exit 1; }
  eval "base_$name=\${url%/}; pid_$name=$pid"
}

# stop NAME: SIGTERM, then the exit status must be 0 (under ASan that is
# also the leak check at exit).
stop() {
  local p
  eval "p=\$pid_$1"
  kill -TERM "$p"
  wait "$p"
  local rc=$?
  [ "$rc" -eq 0 ] && ok || { fail "server $1 exit $rc"; tail -30 "$tmp/$1.err"; }
}
