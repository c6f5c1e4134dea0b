#!/usr/bin/env bash
# diskfull.sh — writes the disk refuses: a register command, a
# register import and a corpus import whose writes fail partway. Each must
# say so in Chinese with what to do and exit 2 with nothing of its own
# stored, or succeed and be stored; either way the database passes SQLite's
# checks, everything acknowledged before is there, and once the limit is
# lifted the same command succeeds.
#
# Two ways to fill the disk:
#  - a file-size limit (ulimit -f, RLIMIT_FSIZE: write() fails with EFBIG)
#    below the database's size: refused at open (SQLite's 32 KiB index),
#    or every checkpoint fails and the WAL grows until a commit does not
#    fit; deterministic, since SQLite's writes are. The server too, its
#    limit lifted while it runs (prlimit);
#  - a real full file system (ENOSPC): a small tmpfs in a private mount
#    namespace, when this machine lets us mount one (root, unshare -m);
#    otherwise skipped with a note.
#
# Usage: diskfull.sh XXGK BENCH_GEN N
xxgk=$1
gen=$2
n=${3:-2000}
inner=${4:-}
# xxgk itself, never under valgrind (make valgrind): a kill or a file-size
# limit must reach xxgk, not a wrapper, and memcheck would take hours.
unset XXGK_WRAP
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/crash_lib.sh"

# limited KIB CMD...: runs CMD with files limited to KIB KiB; sets $rc,
# $tmp/out, $tmp/err. Its output goes through pipes, which the limit
# does not cover (it would cover a file the command writes its output to).
limited() {
  local kib=$1
  shift
  rc=$({ { (ulimit -f "$kib" && "$@"; echo $? >&4) | cat >"$tmp/out"; } 2>&1 |
    cat >"$tmp/err"; } 4>&1)
}
# run CMD...: sets $rc, $tmp/out, $tmp/err.
run() {
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
# refused WHAT CAUSE: the last command failed as a refused write must: exit
# 2, the cause named, nothing saved and what to do said.
refused() {
  if [ "$rc" -eq 2 ] && grep -q "$2.*写不进去：这次的改动没有保存.*后重试" "$tmp/err"; then ok; else
    fail "$1: exit $rc, $(head -c 400 "$tmp/err")"
  fi
}
EFBIG='文件超过了系统允许的大小（File too large）'
ENOSPC='磁盘已满（No space left on device）'
count() { sqlite3 -readonly "$XXGK_DB" "SELECT count(*) FROM $1"; }

if [ -z "$inner" ]; then
  # ## Register commands under a file-size limit
  export XXGK_DB=$tmp/r.db
  "$xxgk" db init >/dev/null && "$xxgk" agency add --name 某市人民政府办公室 >/dev/null
  # Long texts, so that the register outgrows the limit below.
  long=$(printf '%03000d' 0)
  for i in $(seq 1 30); do new_case "before $i $long" >/dev/null; done
  acked=30
  # Below the 32 KiB of SQLite's shared-memory index: refused at open.
  for kib in 0 8 24; do
    limited "$kib" new_case "limit $kib"
    refused "case new at ${kib} KiB" "$EFBIG"
  done
  # At 128 KiB: the checkpoint after each command fails (the database is
  # larger), so the WAL keeps growing until a commit no longer fits.
  seen_ok=0 seen_refused=0
  for i in $(seq 1 8); do
    limited 128 new_case "limit $i $long"
    stored=$(sqlite3 -readonly "$XXGK_DB" "SELECT count(*) FROM application WHERE content = 'limit $i $long'")
    if [ "$rc" -eq 0 ] && [ "$seen_refused" = 0 ]; then
      seen_ok=$((seen_ok + 1))
      acked=$((acked + 1))
      [ "$stored" = 1 ] && ok || fail "case new $i at 128 KiB: acknowledged, not stored"
    else
      seen_refused=$((seen_refused + 1))
      refused "case new $i at 128 KiB" "$EFBIG"
      [ "$stored" = 0 ] && ok || fail "case new $i at 128 KiB: refused, yet stored"
    fi
    intact "$XXGK_DB" "case new $i at 128 KiB"
    [ "$(count application)" = "$acked" ] && ok || fail "case new $i at 128 KiB: $(count application) applications, $acked acknowledged"
    [ "$(count audit)" = "$((acked + 1))" ] && ok || fail "case new $i at 128 KiB: audit rows"
  done
  [ "$seen_ok" -gt 0 ] && [ "$seen_refused" -gt 0 ] && ok ||
    fail "128 KiB: $seen_ok stored, $seen_refused refused; want some of each"
  # A reply needs fewer pages: refused nearer the WAL's committed end.
  limited 100 "$xxgk" case reply 1 --date 2024-10-10 --outcome granted
  refused "case reply at 100 KiB" "$EFBIG"
  [ "$(count event)" = 0 ] && ok || fail "refused reply stored"
  expect_rc 0 "case reply, limit lifted" "$xxgk" case reply 1 --date 2024-10-10 --outcome granted
  expect_rc 0 "case new, limit lifted" new_case after
  [ ! -e "$XXGK_DB-wal" ] && ok || fail "the WAL was not checkpointed once the limit was lifted"
  [ "$(count application)" = "$((acked + 1))" ] && ok || fail "after lifting: $(count application) applications"
  intact "$XXGK_DB" "after the register commands"

  # ## The server under a file-size limit, lifted while it runs
  if command -v prlimit >/dev/null; then
    printf 'long-enough-1\n' | "$xxgk" agency user --agency 1 --name 王敏 --login clerk >/dev/null
    # The soft limit only, which the process may raise back.
    (ulimit -S -f 128 && exec "$xxgk" serve --listen 127.0.0.1:0 --quiet --post-rate 0 \
      >"$tmp/serve.out" 2>"$tmp/serve.err") &
    spid=$!
    for _ in $(seq 1 600); do
      grep -q '正在监听' "$tmp/serve.out" 2>/dev/null && break
      sleep 0.1
    done
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.out" | head -1)
    check client "$url" clerk long-enough-1 40 >"$tmp/served.log"
    expect_in "$tmp/served.log" "refused 500 数据库错误：$EFBIG" "server: the refused write named"
    grep -q '^case' "$tmp/served.log" && ok || fail "server: nothing stored before the limit"
    prlimit --pid "$spid" --fsize=unlimited: && ok || fail "prlimit refused"
    check client "$url" clerk long-enough-1 3 >"$tmp/more.log"
    [ "$(grep -c '^event' "$tmp/more.log")" = 3 ] && ok || fail "server after lifting: $(cat "$tmp/more.log")"
    kill "$spid" && wait "$spid" && ok || fail "server: no clean stop"
    cat "$tmp/more.log" >>"$tmp/served.log"
    survived register "$XXGK_DB" "$tmp/served.log" "server under a limit"
  else
    echo "note: no prlimit: the server under a file-size limit is not tried"
  fi

  # ## A register import (one transaction) under a file-size limit
  expect_rc 0 "export" "$xxgk" db export -o "$tmp/export.json"
  expect_rc 0 "init" "$xxgk" db init --db "$tmp/new.db"
  size=$(($(stat -c %s "$tmp/new.db") / 1024))
  limited $((size + 40)) "$xxgk" db import --db "$tmp/new.db" "$tmp/export.json"
  refused "db import under a limit" "$EFBIG"
  intact "$tmp/new.db" "db import under a limit"
  [ "$(sqlite3 "$tmp/new.db" "SELECT count(*) FROM application")" = 0 ] && ok || fail "refused db import stored something"
  expect_rc 0 "db import, limit lifted" "$xxgk" db import --db "$tmp/new.db" "$tmp/export.json"
  expect_rc 0 "re-export" "$xxgk" db export --db "$tmp/new.db" -o "$tmp/export2.json"
  cmp -s "$tmp/export.json" "$tmp/export2.json" && ok || fail "db import after a refused one: exports differ"
  unset XXGK_DB

  # ## A corpus import under a file-size limit
  "$gen" -n "$n" -s 9 -r text -x "$tmp/gen" >/dev/null || { echo "bench_gen failed"; exit 1; }
  corpus=$tmp/gen/mixed
  expect_rc 0 "clean import" "$xxgk" import -q -j 2 --db "$tmp/ref.db" "$corpus"
  check corpus-dump "$tmp/ref.db" >"$tmp/ref.dump"
  # A limit that lets the first batches (256 files a transaction) commit
  # and stops a later one. Up to two batches the WAL is never checkpointed
  # (below SQLite's 1,000 pages) and outgrows the database: 5/4 of the
  # database's final size stops the last batch. A larger import checkpoints
  # as it goes, so neither file outgrows the database: half of it stops the
  # import among its batches. (Not 3/4: the cross-year findings, written
  # after the last batch, are a quarter of the corpus or more, and a limit
  # they alone meet lets every file in.)
  full=$(($(stat -c %s "$tmp/ref.db") / 1024))
  if [ "$n" -le 512 ]; then cap=$((full * 5 / 4)); else cap=$((full / 2)); fi
  limited "$cap" "$xxgk" import -q --jsonl -j 2 --db "$tmp/c.db" "$corpus"
  refused "corpus import under a limit" "$EFBIG"
  expect_in "$tmp/err" "没有导入（以上计数只含已保存的）" "import says what was not imported"
  cp "$tmp/out" "$tmp/acked.log"
  said=$(sed -n 's/.*新导入 \([0-9]*\)，.*/\1/p' "$tmp/err")
  survived corpus "$tmp/c.db" "$tmp/acked.log" "corpus import under a limit"
  [ "$said" = "$(wc -l <"$tmp/acked.log")" ] && [ "$said" -gt 0 ] && [ "$said" -lt "$n" ] && ok ||
    fail "corpus import under a limit: says $said imported, $(wc -l <"$tmp/acked.log") acknowledged"
  expect_rc 0 "corpus import, limit lifted" "$xxgk" import -q -j 2 --db "$tmp/c.db" "$corpus"
  check corpus-dump "$tmp/c.db" >"$tmp/dump"
  cmp -s "$tmp/ref.dump" "$tmp/dump" && ok || fail "corpus after a refused import differs from a clean one"

  # ## A full file system, in a mount namespace of our own
  if unshare -m true 2>/dev/null &&
    unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$tmp'" 2>/dev/null; then
    unshare -m bash "$0" "$xxgk" "$gen" "$n" tmpfs >"$tmp/inner" 2>&1
    r=$?
    cat "$tmp/inner"
    [ "$r" -eq 0 ] && ok || fail "full tmpfs (above)"
  else
    echo "note: no tmpfs mount permitted here: the full file system (ENOSPC) is not tried"
  fi
  summary
  exit
fi

# ## Inside a private mount namespace: a tmpfs that fills (ENOSPC)
fs=$tmp/fs
mkdir -p "$fs"
mount -t tmpfs -o size=1m tmpfs "$fs" || { echo "mount failed"; exit 1; }
trap 'umount "$fs"; rm -rf "$tmp"' EXIT
export XXGK_DB=$fs/r.db
"$xxgk" db init >/dev/null && "$xxgk" agency add --name 某市人民政府办公室 >/dev/null
new_case before >/dev/null
# Fill it: what is left is less than a commit needs.
dd if=/dev/zero of="$fs/filler" bs=4k 2>/dev/null
run new_case full
refused "case new on a full disk" "$ENOSPC"
rm "$fs/filler" # (SQLite needs room even to read a WAL database: its -shm)
intact "$XXGK_DB" "case new on a full disk"
[ "$(count application)" = 1 ] && ok || fail "full disk: $(count application) applications, want 1"
expect_rc 0 "case new once space is freed" new_case freed
[ "$(count application)" = 2 ] && ok || fail "after freeing: $(count application) applications, want 2"
unset XXGK_DB
# A corpus import that fills the file system partway.
"$gen" -n 400 -s 9 -r text -x "$tmp/gen3" >/dev/null
run "$xxgk" import -q --jsonl -j 2 --db "$fs/c.db" "$tmp/gen3/mixed"
refused "corpus import on a full disk" "$ENOSPC"
cp "$tmp/out" "$tmp/acked.log"
mount -o remount,size=64m "$fs"
survived corpus "$fs/c.db" "$tmp/acked.log" "corpus import on a full disk"
expect_rc 0 "corpus import after growing the disk" "$xxgk" import -q -j 2 --db "$fs/c.db" "$tmp/gen3/mixed"
intact "$fs/c.db" "corpus import after growing the disk"
summary
