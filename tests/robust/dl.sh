#!/usr/bin/env bash
# dl.sh XXGK DATA — the libraries loaded on first use (lib/dl.h):
#   - the command does not link libxml2, libzip, libmicrohttpd or
#     libxlsxwriter (a start that maps none of them is the point);
#   - with each of them unloadable (hidden in a private mount namespace, a
#     bind mount of /dev/null over the file, where this machine allows one),
#     what needs it fails with exit 2 and a message naming the library and
#     the package, and what does not need it (text reports) still works.
set -u
xxgk=$1
bin=$1 # the binary itself, when lib.sh wraps $xxgk in valgrind
data=$2
inner=${3:-}
. "$(dirname "$0")/../lib.sh"

hidden="libxml2.so.2 libzip.so.4 libmicrohttpd.so.12 libxlsxwriter.so.4"

if [ "$inner" != inner ]; then
  # ## What the command links
  needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }')
  [ -n "$needed" ] && ok || fail "objdump -p $bin: no NEEDED entries"
  for lib in $hidden; do
    if grep -q "^${lib%%.so*}\.so" <<<"$needed"; then
      fail "xxgk links ${lib%%.so*} (NEEDED): it must be loaded on first use"
    else
      ok
    fi
  done

  # ## The files the inner part reads, made while every library loads
  expect_rc 0 "render docx" "$xxgk" render --to docx -o "$tmp/r.docx" "$data/laocheng-2023.txt"
  expect_rc 0 "render html" "$xxgk" render --to html -o "$tmp/r.html" "$data/laocheng-2023.txt"
  expect_rc 0 "import" "$xxgk" import -q --db "$tmp/corpus.db" "$data/laocheng-2023.txt"
  "$xxgk" check "$data/laocheng-2023.txt" >"$tmp/check.want" 2>&1
  echo $? >"$tmp/check.rc"

  if unshare -m true 2>/dev/null &&
    unshare -m sh -c "mount --bind /dev/null /dev/null" 2>/dev/null; then
    unshare -m bash "$0" "$xxgk" "$data" inner "$tmp" >"$tmp/inner" 2>&1
    rc=$?
    cat "$tmp/inner"
    # the inner run prints its own counts: add them to ours
    read -r p _ f _ < <(tail -1 "$tmp/inner")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-1}))
    [ "$rc" -eq 0 ] || [ "${f:-1}" -gt 0 ] || fail "inner part exited $rc"
  else
    echo "note: no bind mount permitted here: unloadable libraries are not tried"
  fi
  summary
  exit
fi

# ## Inside a private mount namespace: the four libraries unloadable
files=$4
for lib in $hidden; do
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
  [ -n "$path" ] && mount --bind /dev/null "$(readlink -f "$path")" ||
    fail "could not hide $lib"
done

expect_rc 2 "docx without libzip" "$xxgk" parse "$files/r.docx"
expect_in "$tmp/err" "libzip.so.4" "docx: the library named"
expect_in "$tmp/err" "apt-get install libzip4" "docx: the package named"
expect_rc 2 "html without libxml2" "$xxgk" parse "$files/r.html"
expect_in "$tmp/err" "libxml2.so.2" "html: the library named"
expect_in "$tmp/err" "apt-get install libxml2" "html: the package named"
expect_rc 2 "render docx without libzip" "$xxgk" render --to docx -o "$tmp/x.docx" "$data/laocheng-2023.txt"
expect_in "$tmp/err" "libzip4" "render docx: the package named"
expect_rc 2 "xlsx without libxlsxwriter" "$xxgk" stats --db "$files/corpus.db" --format xlsx -o "$tmp/s.xlsx"
expect_in "$tmp/err" "libxlsxwriter.so.4" "xlsx: the library named"
expect_rc 2 "serve without libmicrohttpd" "$xxgk" serve --db "$tmp/reg.db" --listen 127.0.0.1:0
expect_in "$tmp/err" "libmicrohttpd.so.12" "serve: the library named"
expect_in "$tmp/err" "apt-get install libmicrohttpd12" "serve: the package named"

# A text report needs none of them: the same findings and exit status.
"$xxgk" check "$data/laocheng-2023.txt" >"$tmp/check.got" 2>&1
rc=$?
if [ "$rc" -eq "$(cat "$files/check.rc")" ] && cmp -s "$tmp/check.got" "$files/check.want"; then
  ok
else
  fail "check of a text report without the four libraries: exit $rc, $(diff "$files/check.want" "$tmp/check.got" | head -5)"
fi
summary
