# crash_lib.sh — shared by crash.sh and diskfull.sh (after lib.sh): the
# checks of a database after a kill or a refused write, and the register
# command both drive.
here=$(cd "$(dirname "$0")" && pwd)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
check() { "$PY" "$here/crash.py" "$@"; }
export XXGK_USER=crash XXGK_TODAY=2024-10-16
unset XXGK_DB XXGK_CALENDAR XXGK_KILL_WRITE XXGK_COUNT_WRITES

# intact DB WHAT: the database opens and passes SQLite's checks. Read only:
# a writing connection would checkpoint the WAL on closing, so the next
# xxgk command would not recover it itself, nor would a WAL grow as it does
# without the checks.
intact() {
  local r
  r=$(sqlite3 -readonly "$1" "PRAGMA integrity_check; PRAGMA foreign_key_check;" 2>&1)
  if [ "$r" = ok ]; then ok; else fail "$2: integrity: $r"; fi
}
# survived corpus|register DB LOG WHAT: intact, and every record LOG
# acknowledged (crash.py) is stored.
survived() {
  intact "$2" "$4"
  expect_rc 0 "$4: acknowledged records stored" check "$1-acked" "$2" "$3"
}
# killed_rc RC WHAT: RC is that of a command SIGKILL ended.
killed_rc() { [ "$1" -eq 137 ] && ok || fail "$2: exit $1, not killed"; }
new_case() {
  "$xxgk" case new --agency 1 --received 2024-09-20 --channel 网络 \
    --category natural_person --name 张三 --content "$1"
}
