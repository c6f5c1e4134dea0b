#!/usr/bin/env bash
# demo.sh — the web application on a fresh demo register: one oversight
# office over two units, their logins and a year of sample applications
# (xxgk serve --demo). Prints the address and the logins; Ctrl-C stops it.
# Port 8080 unless $XXGK_PORT says otherwise or it is taken (then any free
# port, printed). The register is build/demo.db, made anew each time.
set -u
xxgk=${1:-build/xxgk}
cd "$(dirname "$0")/.."
db=$(dirname "$xxgk")/demo.db
port=${XXGK_PORT:-8080}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "== 端口 $port 已被占用，改用任一空闲端口"
  port=0
fi
rm -f "$db" "$db-wal" "$db-shm"
echo
echo "== xxgk serve --demo：建立示例登记簿 $db（约需半分钟）……"
exec "$xxgk" serve --demo --db "$db" --listen "127.0.0.1:$port"
