#!/usr/bin/env bash
# bench/round.sh BENCH_ROUND — the office's board on a round of 1,000
# units × 3 versions each (bench_round), written on tmpfs when there is
# one (every put is a transaction; on disk each waits for fsync, which
# would time the disk). Prints a Markdown section; bench/run adds it to
# bench/results.md. Run alone: bash bench/round.sh build-bench/bench/bench_round
# (BENCH_ROUND_UNITS, BENCH_ROUND_VERSIONS change the size).
set -uo pipefail
bench=$(realpath "$1")
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
