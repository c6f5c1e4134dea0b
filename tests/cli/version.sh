#!/usr/bin/env bash
# version.sh XXGK SRC — `xxgk --version`: the release of include/xxgk.h,
# a commit of SRC (when it is a git checkout), a version for every
# library and for pdftotext; without pdftotext, a line saying which
# package to install, and still exit 0.
xxgk=$1 src=$2
. "$(dirname "$0")/../lib.sh"

version=$(sed -n 's/^#define XXGK_VERSION "\(.*\)"/\1/p' "$src/include/xxgk.h")
expect_rc 0 "--version" "$xxgk" --version
cp "$tmp/out" "$tmp/version"
[ "$(head -1 "$tmp/version")" = "xxgk $version" ] && ok || fail "first line: $(head -1 "$tmp/version")"
# (a commit of SRC's history: HEAD when the build is up to date with it)
if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
  commit=$(sed -n 's/^提交: \([0-9a-f]\{12\}\)\(-dirty\)\?$/\1/p' "$tmp/version")
  [ -n "$commit" ] && [ "$(git -C "$src" cat-file -t "$commit" 2>/dev/null)" = commit ] &&
    ok || fail "not a commit of $src: $(grep 提交 "$tmp/version")"
else
  grep -qx "提交: unknown" "$tmp/version" && ok || fail "commit outside git is not unknown"
fi
for name in SQLite libsodium utf8proc PCRE2 json-c libxml2 libzip libxlsxwriter Tesseract Leptonica \
  libmicrohttpd pdftotext; do
  grep -qE "^  $name +[0-9]+\.[0-9]+" "$tmp/version" && ok || fail "no version of $name in: $(cat "$tmp/version")"
done
grep -qE "^  libxml2 +[0-9.]+（libxml2\.so\.[0-9]+）$" "$tmp/version" && ok || fail "libxml2's line names the file loaded"

# a component that cannot be run: named, with its package
expect_rc 0 "--version without pdftotext" env PATH=/nonexistent "$xxgk" --version
expect_in "$tmp/out" "pdftotext      未安装" "pdftotext missing"
expect_in "$tmp/out" "apt-get install poppler-utils" "the package to install"
summary
