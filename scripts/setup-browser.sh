#!/usr/bin/env bash
# setup-browser.sh — what the browser tests (tests/web/browser.test.mjs)
# need: Debian's chromium and Node.js, and playwright-core from the npm
# registry at the version tests/web/package-lock.json fixes (npm ci; it
# downloads no browser of its own). `make test` calls it; what is there is
# skipped, and a failed install only means the browser tests are skipped.
set -u
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-browser: installing ${missing[*]}" >&2
  { $SUDO apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null; } ||
    echo "setup-browser: could not install ${missing[*]}; the browser tests will be skipped" >&2
fi
if [ ! -f tests/web/node_modules/playwright-core/package.json ] &&
  command -v npm >/dev/null 2>&1; then
  (cd tests/web && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "setup-browser: npm ci failed; the browser tests will be skipped" >&2
fi
bash scripts/setup-divisions.sh
exit 0
