#!/usr/bin/env bash
# deploy.sh — the deployment of docs/deploy.md, as far as one machine can
# run it: the nginx configuration (dist/nginx-xxgk.conf) passes `nginx -t`
# and the systemd units pass `systemd-analyze verify` without a warning;
# then nginx with that configuration terminates TLS in front of two
# `xxgk serve --proxy 127.0.0.1 --secure-cookies` on one register: the
# cookies are Secure, a login made through the proxy holds whichever
# server answers, and an X-Forwarded-For the client writes itself does not
# buy it a fresh rate-limit budget (nginx replaces it, the server believes
# only the proxy).
# The corpus dashboard reads from --corpus-db (a replica) without writing
# to it.
# Usage: deploy.sh path/to/xxgk  (exit 77 without nginx or openssl)
xxgk=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/serve.sh"
. "$(dirname "$0")/client.sh"

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ## The units
if command -v systemd-analyze >/dev/null; then
  for unit in xxgk.service xxgk@.service; do
    sed "s|@bindir@|$(cd "$(dirname "$xxgk")" && pwd)|; s|xxgk serve|$(basename "$xxgk") serve|" \
      "$src/dist/$unit.in" >"$tmp/$unit"
    inst=${unit/@/@8081}
    systemd-analyze verify --man=no "$tmp/$inst" >"$tmp/verify" 2>&1
    [ $? -eq 0 ] && [ ! -s "$tmp/verify" ] && ok || fail "$unit: $(cat "$tmp/verify")"
  done
else
  echo "note: no systemd-analyze, the units not verified"
fi

# ## The corpus dashboard's reads from a replica (--corpus-db): served
# from there, nothing written to it; a replica without a corpus is said
mkdir -p "$tmp/in"
cp "$src"/tests/data/*.txt "$tmp/in/"
"$xxgk" import -q --db "$tmp/replica.db" "$tmp/in" >/dev/null 2>&1
before=$(sha256sum <"$tmp/replica.db")
start r --demo --db "$tmp/r.db" --post-rate 0 --corpus-db "$tmp/replica.db"
B=$base_r
login edu jiaoyu
req edu GET "$B/api/corpus"; want 200 "the dashboard from the replica"
json 'sum(g["reports"] for g in j["stats"]) == 5'
req edu GET "$B/corpus"; want 200 "its page"
stop r
[ "$(sha256sum <"$tmp/replica.db")" = "$before" ] && ok || fail "the replica was written to"
"$xxgk" db init --db "$tmp/bare.db" >/dev/null
start r2 --db "$tmp/r.db" --post-rate 0 --corpus-db "$tmp/bare.db"
B=$base_r2
req edu GET "$B/api/corpus"; want 500 "a replica without a corpus"
has "没有语料库" "said so"
[ "$(sqlite3 "$tmp/bare.db" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'corpus_reports'")" = 0 ] &&
  ok || fail "the corpus's tables made on a read-only open"
stop r2

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] && command -v openssl >/dev/null || { echo "SKIP: no nginx or openssl"; exit 77; }

# ## nginx -t, then nginx in front of two servers
ng=$tmp/nginx
mkdir -p "$ng"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ng/key.pem" -out "$ng/cert.pem" \
  -days 2 -subj /CN=localhost 2>/dev/null || fail "openssl: no certificate"
start a --demo --db "$tmp/demo.db" --post-rate 0 --proxy 127.0.0.1 --secure-cookies
start b --db "$tmp/demo.db" --post-rate 0 --proxy 127.0.0.1 --secure-cookies
http=$(free_port)
https=$(free_port)
sed -e "s|/etc/ssl/xxgk/fullchain.pem|$ng/cert.pem|; s|/etc/ssl/xxgk/privkey.pem|$ng/key.pem|" \
  -e "s|127.0.0.1:8081|${base_a#http://}|; s|127.0.0.1:8082|${base_b#http://}|" \
  -e "s|listen 80;|listen 127.0.0.1:$http;|; s|listen 443 ssl http2;|listen 127.0.0.1:$https ssl http2;|" \
  -e "/listen \[::\]/d" "$src/dist/nginx-xxgk.conf" >"$ng/site.conf"
cat >"$ng/nginx.conf" <<CONF
error_log $ng/error.log;
pid $ng/nginx.pid;
events {}
http {
  access_log off;
  client_body_temp_path $ng/body;
  proxy_temp_path $ng/proxy;
  include $ng/site.conf;
}
CONF
"$NGINX" -t -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" >"$tmp/t" 2>&1 && ok ||
  fail "nginx -t: $(cat "$tmp/t")"
"$NGINX" -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" -g 'daemon off;' &
pids+=($!)
B=https://127.0.0.1:$https
for _ in $(seq 1 50); do curl -ks -o /dev/null "$B/login" && break; sleep 0.1; done
req() { # as client.sh's, with the proxy's certificate taken as it is
  local jar=$1 method=$2 url=$3
  shift 3
  code=$(curl -ks -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' \
    -b "$tmp/$jar.jar" -c "$tmp/$jar.jar" -X "$method" "$@" "$url")
}
req anon GET "http://127.0.0.1:$http/login"; want 301 "plain HTTP sent to HTTPS"
req anon GET "$B/login"; want 200 "the login page through the proxy"
head_has "Set-Cookie: xxgk_csrf=.*; Secure" "Secure cookies behind TLS"
head_has "Strict-Transport-Security" "HSTS"
login edu jiaoyu
# round robin: the session is every server's
for i in 1 2 3 4 5 6; do
  req edu GET "$B/api/session"; want 200 "the session, request $i"
done
# ten failed status look-ups, each claiming another address: nginx puts
# the real one in its place, so the eleventh is limited
req anon GET "$B/status"; T=$(csrf_of_body)
for i in $(seq 1 10); do
  req anon POST "$B/status" -H "X-Forwarded-For: 198.51.100.$i" \
    -d "csrf=$T&tracking=2026-00001&code=AAAA"
done
want 403 "the tenth failed look-up"
req anon POST "$B/status" -H "X-Forwarded-For: 198.51.100.99" \
  -d "csrf=$T&tracking=2026-00001&code=AAAA"
want 429 "the eleventh, from a 'new' address"
"$NGINX" -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" -s quit 2>/dev/null
stop a
stop b
pids=()
summary
