#!/usr/bin/env bash
# lint.sh — cppcheck (Debian's) over the library, the command and the
# server: warnings and portability problems, a non-zero exit on any finding.
# Wrong findings are suppressed in scripts/cppcheck.supp, each with its
# reason. cppcheck needs no build and no compile database, and reads the
# tree in seconds; CI runs it (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
inc=()
for d in include lib lib/*/ server cli; do inc+=(-I "$d"); done
exec cppcheck -q -j "${JOBS:-2}" --std=c11 --enable=warning,portability \
  --inline-suppr --error-exitcode=1 -D__GNUC__ \
  --suppress=missingIncludeSystem --suppressions-list=scripts/cppcheck.supp \
  --template='{file}:{line}: {severity} {id}: {message}' \
  "${inc[@]}" lib cli server
