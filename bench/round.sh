#!/usr/bin/env bash
# bench/round.sh BENCH_ROUND — the office's board on a round of 1,000
# units × 3 versions each (bench_round), written on tmpfs when there is
# one (every put is a transaction; on disk each waits for fsync, which
# would time the disk). Then, with XXGK (the command), the same round
# served as tests/web/serve.sh serves it: the office logged in, the board's
# API answer and page each asked HTTP_N times by curl (time_total: the
# whole request, from a client on the same machine). Prints a Markdown
# section; bench/run adds it to bench/results.md. Run alone:
#   bash bench/round.sh build-bench/bench/bench_round build-bench/xxgk
# (BENCH_ROUND_UNITS, BENCH_ROUND_VERSIONS change the size).
set -uo pipefail
bench=$(realpath "$1")
xxgk=${2:+$(realpath "$2")}
units=${BENCH_ROUND_UNITS:-1000} versions=${BENCH_ROUND_VERSIONS:-3}
dir=$(mktemp -d "$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/xxgk-round.XXXXXX")
trap 'rm -rf "$dir"' EXIT
echo "## The office's board (bench/round.sh)"
echo
if ! out=$("$bench" -u "$units" -v "$versions" -k 20 "$dir/round.db"); then
  echo "bench_round failed: see stderr"
  exit 0
fi
declare -A v=()
for kv in $out; do v[${kv%%=*}]=${kv#*=}; done
echo "\`bench_round -u $units -v $versions -k 20\`: a round of $units units, each putting $versions versions of its report through xxgk_round_put (read back, checked, scored, compared with the version before) and submitting; a third approved, a third returned. Written in ${v[build_s]} s. Each read 20 times: the fastest and the median wall time, and the median CPU time of the process (the machine is shared: its load inflates the wall time, not the CPU time)."
echo
echo "| read | rows | ms, fastest | ms, median | CPU ms, median |"
echo "|---|---|---|---|---|"
for what in board unit ranking; do
  case $what in
    board) name="the board, every unit (xxgk_round_board)" ;;
    unit) name="a unit's own row (xxgk_round_board, agency filter)" ;;
    ranking) name="the ranking by quality score (xxgk_round_ranking)" ;;
  esac
  echo "| $name | ${v[${what}_rows]} | ${v[${what}_ms_min]} | ${v[${what}_ms_median]} | ${v[${what}_cpu_ms]} |"
done
echo
echo "| target | figure | met? |"
echo "|---|---|---|"
echo "| the board of $units units × $versions versions < 50 ms | ${v[board_ms_median]} ms (median) | $(awk -v a="${v[board_ms_median]}" 'BEGIN { print (a < 50) ? "met" : "**missed**" }') |"

# ## The board over HTTP
echo
if [ -z "$xxgk" ] || ! command -v curl >/dev/null; then
  echo "The board over HTTP: n/a (no xxgk given, or no curl)."
  exit 0
fi
HTTP_N=15
db=$dir/round.db jar=$dir/jar
printf 'bench-round-2026\n' | XXGK_DB=$db XXGK_USER=bench "$xxgk" agency user --agency 1 \
  --name 督办 --login office >/dev/null || { echo "The board over HTTP: no office user"; exit 0; }
# after the due date, as the office reads the board in February
"$xxgk" serve --listen 127.0.0.1:0 --quiet --today 2025-02-10 --db "$db" --post-rate 0 \
  >"$dir/serve.out" 2>"$dir/serve.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do
  grep -q '正在监听' "$dir/serve.out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/serve.out" | head -1)
[ -n "$base" ] || { echo "The board over HTTP: the server did not start"; exit 0; }
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"$//')
[ "$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$csrf" \
  --data-urlencode login=office --data-urlencode password=bench-round-2026 "$base/login")" = 303 ] ||
  { echo "The board over HTTP: the office could not log in"; exit 0; }
echo "The same round served (\`xxgk serve\`, as tests/web/serve.sh starts it), the office logged in; each request asked $HTTP_N times after one to warm up, curl's time_total (the whole request from a client on this machine) in ms."
echo
echo "| request | status | bytes | ms, fastest | ms, median |"
echo "|---|---|---|---|---|"
page_ms=
for path in /api/rounds/1 /rounds/1; do
  curl -s -b "$jar" -o /dev/null "$base$path"
  times=$(for _ in $(seq 1 $HTTP_N); do
    curl -s -b "$jar" -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "$base$path"
  done)
  read -r code bytes < <(tail -1 <<<"$times" | cut -d' ' -f1-2)
  read -r fastest median < <(awk '{ print $3 * 1000 }' <<<"$times" | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.1f %.1f\n", v[1], v[int((NR + 1) / 2)] }')
  echo "| GET $path | $code | $bytes | $fastest | $median |"
  [ "$path" = /rounds/1 ] && page_ms=$median && page_code=$code
done
echo
echo "| target | figure | met? |"
echo "|---|---|---|"
echo "| the board's page of $units units × $versions versions < 50 ms on the server | $page_ms ms (median, HTTP $page_code) | $(awk -v a="$page_ms" -v c="$page_code" 'BEGIN { print (a < 50 && c == 200) ? "met" : "**missed**" }') |"
