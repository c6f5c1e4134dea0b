#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: made with initdb in DIR,
# listening only on a Unix socket in DIR (no TCP port: two runs at once do
# not meet), run as an unprivileged user (postgres refuses root: as root
# the cluster belongs to `nobody`), trusted only through that socket.
#
#   cluster.sh start DIR   prints the URI of its database `xxgk`
#   cluster.sh stop DIR    stops it and removes DIR
#
# .ci/run starts one for the whole suite and exports XXGK_TEST_PG; each
# test makes its own database in it (tests/pg/newdb.sh, harness.h).
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop DIR} dir=${2:?usage: cluster.sh start|stop DIR}
# Debian keeps the server's programs out of PATH, in its version's folder.
bin=$(dirname "$(readlink -f "$(command -v pg_ctl 2>/dev/null ||
  ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")")
as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=nobody
  as=(runuser -u nobody --)
fi
case $cmd in
start)
  mkdir -p "$dir"
  chown "$owner" "$dir"
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U xxgk --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 2; }
  # One role that must give its password (test_pg's wrong password): its
  # line before initdb's "trust" for everyone else.
  sed -i '0,/^local/s//local all clerk scram-sha-256\nlocal/' "$dir/data/pg_hba.conf"
  # Small and quick: no TCP, fsync off (a test cluster dies with its run),
  # enough connections for the concurrency tests and two servers' pools.
  # (one line: pg_ctl runs them through a shell, where a newline would end
  # the command before its redirection to the log)
  opts="-c listen_addresses='' -c unix_socket_directories='$dir'"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  opts+=" -c max_connections=200 -c log_min_messages=warning"
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "$opts" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 2; }
  "$bin/psql" -h "$dir" -U xxgk -d postgres -qAt -c "CREATE DATABASE xxgk" \
    -c "CREATE ROLE clerk LOGIN PASSWORD 'clerk-password'" >/dev/null
  echo "postgresql:///xxgk?host=$dir&user=xxgk"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -s stop || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
