#!/usr/bin/env bash
# install.sh — xxgk installed as a user gets it (CI: .ci/run; `make
# test-install`). Works on a copy of the tree (tracked and new files, as
# they are now), in two parts:
#
# 1. `make install PREFIX=/usr DESTDIR=…` run as an unprivileged user
#    (nobody, when run as root), so a write anywhere but the build and
#    DESTDIR fails; then what DESTDIR holds.
# 2. As root only (else skipped with a message): the Debian packages built
#    by dpkg-buildpackage (nocheck: the suite runs on the tree anyway),
#    lintian-clean at the normal level (no error or warning), installed on
#    this machine with apt-get, checked — xxgk --version, man -w, bash
#    completion, pkg-config, the README's C example compiled against the
#    installed library and run, systemd-analyze verify on the unit (where
#    systemd is installed), the unit enabled and not started, the service's
#    user — then purged: the user goes, the register stays. The machine is
#    left as it was: packages apt-get added for them are purged too, and
#    the register this test made is removed. It refuses to touch a machine
#    where xxgk is installed or /var/lib/xxgk exists.
set -uo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
. "$src/tests/lib.sh"
chmod 755 "$tmp" # readable by the unprivileged user of part 1
jobs=${JOBS:-2}
version=$(sed -n 's/^#define XXGK_VERSION "\(.*\)"/\1/p' "$src/include/xxgk.h")

# copy DIR: the tree's files (no build output, no .git) into DIR
copy() {
  mkdir -p "$1"
  git -C "$src" ls-files -z --cached --others --exclude-standard |
    (cd "$src" && xargs -0 cp --parents -t "$1" 2>/dev/null)
  [ -f "$1/CMakeLists.txt" ] && ok || fail "copying the tree to $1"
}

# ## 1. make install DESTDIR
copy "$tmp/a"
as=()
if [ "$(id -u)" = 0 ]; then
  mkdir "$tmp/root"
  chown -R nobody "$tmp/a" "$tmp/root"
  as=(runuser -u nobody --)
fi
"${as[@]}" make -C "$tmp/a" install BUILD="$tmp/a/build" PREFIX=/usr DESTDIR="$tmp/root" \
  JOBS="$jobs" CMAKE_FLAGS=-DBUILD_TESTING=OFF >"$tmp/make.log" 2>&1 &&
  ok || fail "make install DESTDIR: $(tail -5 "$tmp/make.log")"
# where a write outside DESTDIR would have gone without failing
[ -z "$(find /tmp /var/tmp -xdev -user nobody -newer "$tmp/a/CMakeLists.txt" \
  -not -path "$tmp/*" 2>/dev/null | head -3)" ] && ok || fail "make install wrote outside DESTDIR"
for f in usr/bin/xxgk usr/lib/libxxgk.so.1 usr/lib/libxxgk.so usr/lib/libxxgk.a \
  $(cd "$src" && ls include/*.h | sed 's|^|usr/|') usr/lib/pkgconfig/xxgk.pc usr/share/man/man1/xxgk.1 \
  usr/share/man/man1/xxgk-case.1 usr/share/man/man3/xxgk.3 \
  usr/share/bash-completion/completions/xxgk usr/share/zsh/site-functions/_xxgk \
  usr/lib/systemd/system/xxgk.service usr/lib/sysusers.d/xxgk.conf; do
  [ -e "$tmp/root/$f" ] && ok || fail "make install: no $f"
done
grep -qx 'prefix=/usr' "$tmp/root/usr/lib/pkgconfig/xxgk.pc" && ok || fail "xxgk.pc: prefix is not /usr"
grep -q '^ExecStart=/usr/bin/xxgk serve' "$tmp/root/usr/lib/systemd/system/xxgk.service" &&
  ok || fail "xxgk.service: ExecStart is not /usr/bin/xxgk"
[ "$(readelf -d "$tmp/root/usr/lib/libxxgk.so.1" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')" = libxxgk.so.1 ] &&
  ok || fail "libxxgk.so.1: soname"
# a program linked against the staged library, before any package
if cc -I"$tmp/root/usr/include" -x c - -o "$tmp/staged" -L"$tmp/root/usr/lib" -lxxgk \
  <<<'#include <xxgk.h>
int main(void) { return xxgk_dict_n_rows() > 0 ? 0 : 1; }' 2>"$tmp/err" &&
  LD_LIBRARY_PATH="$tmp/root/usr/lib" "$tmp/staged"; then ok; else fail "linking the staged libxxgk: $(cat "$tmp/err")"; fi
grep -qx "Version: $version" "$tmp/root/usr/lib/pkgconfig/xxgk.pc" && ok || fail "xxgk.pc: version is not $version"

# ## 2. The Debian packages
if [ "$(id -u)" != 0 ]; then
  echo "install.sh: not root: the Debian package part is skipped" >&2
  summary
  exit $?
fi
if dpkg-query -W -f '${Status}' xxgk 2>/dev/null | grep -q installed || [ -e /var/lib/xxgk ]; then
  echo "install.sh: xxgk is installed here (or /var/lib/xxgk exists): the package part is skipped" >&2
  fail "xxgk already installed on this machine"
  summary
  exit 1
fi
grep -q "^xxgk ($version)" "$src/debian/changelog" && ok || fail "debian/changelog's version is not $version"
copy "$tmp/b/src"
(cd "$tmp/b/src" && DEB_BUILD_OPTIONS="nocheck parallel=$jobs" dpkg-buildpackage -b -us -uc) \
  >"$tmp/deb.log" 2>&1 && ok || fail "dpkg-buildpackage: $(tail -20 "$tmp/deb.log")"
lintian --fail-on error,warning "$tmp"/b/xxgk_*.changes >"$tmp/lintian" 2>&1 &&
  ok || fail "lintian: $(grep -v 'root privileges' "$tmp/lintian")"

pkgs=(xxgk libxxgk1 libxxgk-dev)
dpkg-query -W -f '${Package}\n' | sort >"$tmp/before"
cleanup() {
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${pkgs[@]}" >/dev/null 2>&1
  # what apt-get installed for them
  dpkg-query -W -f '${Package}\n' | sort | comm -13 "$tmp/before" - >"$tmp/added"
  [ -s "$tmp/added" ] && DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $(cat "$tmp/added") >/dev/null 2>&1
  rm -rf /var/lib/xxgk
  rm -rf "$tmp"
}
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "$tmp"/b/xxgk_*.deb "$tmp"/b/libxxgk1_*.deb "$tmp"/b/libxxgk-dev_*.deb >"$tmp/apt.log" 2>&1 &&
  ok || fail "apt-get install: $(tail -5 "$tmp/apt.log")"

# the command, and what it runs with
PATH=/usr/bin:/bin xxgk --version >"$tmp/version" 2>&1 && ok || fail "xxgk --version exits $?"
[ "$(head -1 "$tmp/version")" = "xxgk $version" ] && ok || fail "xxgk --version: $(head -1 "$tmp/version")"
for lib in 提交: SQLite libxml2 libzip libmicrohttpd libxlsxwriter Tesseract pdftotext; do
  grep -qE "^ *$lib +[0-9a-f]+[.0-9]*|^$lib [0-9a-f]{12}|^$lib unknown" "$tmp/version" &&
    ok || fail "xxgk --version: no version of $lib in $(cat "$tmp/version")"
done
# the man pages, where man looks
[ "$(man -w xxgk xxgk-case 2>&1)" = "$(printf '%s\n' /usr/share/man/man1/xxgk.1.gz /usr/share/man/man1/xxgk-case.1.gz)" ] &&
  ok || fail "man -w xxgk xxgk-case: $(man -w xxgk xxgk-case 2>&1)"
man -w 3 xxgk >/dev/null 2>&1 && ok || fail "man -w 3 xxgk"
# bash completion, loaded on demand by bash-completion as in a terminal
if [ -f /usr/share/bash-completion/bash_completion ]; then
  got=$(bash -c '. /usr/share/bash-completion/bash_completion
    __load_completion xxgk || exit 1
    fn=$(complete -p xxgk | sed -n "s/.*-F \([^ ]*\).*/\1/p")
    COMP_WORDS=(xxgk ca) COMP_CWORD=1 COMP_LINE="xxgk ca" COMP_POINT=7
    "$fn" xxgk ca xxgk; printf "%s\n" "${COMPREPLY[@]}" | sort' 2>&1)
  want=$(xxgk --help-table | awk -F'\t' '$1 == "command" && $2 ~ /^ca/ { print $2 }' | sort)
  [ -n "$want" ] && [ "$got" = "$want" ] && ok || fail "bash: xxgk ca<TAB> completes to \"$got\", not \"$want\""
else
  fail "bash-completion is not installed (scripts/setup.sh installs it)"
fi
# the library, as the README says to use it
pkg-config --cflags --libs xxgk >"$tmp/pc" 2>&1 && grep -q -- -lxxgk "$tmp/pc" &&
  ok || fail "pkg-config --cflags --libs xxgk: $(cat "$tmp/pc")"
python3 - "$src/README.md" >"$tmp/example.c" <<'EOF'
import re, sys
m = re.search(r"<!-- xxgk\(3\) example -->\s*```c\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
print(m.group(1) if m else "")
EOF
# shellcheck disable=SC2046
cc "$tmp/example.c" $(pkg-config --cflags --libs xxgk) -o "$tmp/example" 2>"$tmp/err" &&
  ok || fail "the README's example does not compile: $(cat "$tmp/err")"
ldd "$tmp/example" | grep -q 'libxxgk.so.1 => /\(usr/\)\?lib/' && ok || fail "the example is not linked to the installed libxxgk.so.1"
for report in "$src/tests/data/laocheng-2023.txt" "$src/tests/data/huaian-2024.pdf" /dev/null; do
  xxgk check -q "$report" >/dev/null 2>&1
  want=$?
  "$tmp/example" "$report" >"$tmp/out" 2>&1
  got=$?
  [ "$got" = "$want" ] && ok || fail "example on $report exits $got, xxgk check $want: $(head -3 "$tmp/out")"
done
# the service: its unit verified, enabled, not started; its user
unit=/lib/systemd/system/xxgk.service
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$unit" >"$tmp/verify" 2>&1 && ok || fail "systemd-analyze verify: $(cat "$tmp/verify")"
else
  echo "install.sh: no systemd-analyze here: the unit is not verified" >&2
fi
[ -L /etc/systemd/system/multi-user.target.wants/xxgk.service ] && ok || fail "xxgk.service is not enabled"
grep -q 'deb-systemd-invoke.*start' /var/lib/dpkg/info/xxgk.postinst &&
  fail "xxgk's postinst starts the service" || ok
[ "$(getent passwd xxgk | cut -d: -f6)" = /var/lib/xxgk ] && ok || fail "no system user xxgk with home /var/lib/xxgk"
# a register, as the service makes it
install -d -o xxgk -g xxgk -m 0750 /var/lib/xxgk
runuser -u xxgk -- xxgk db init --db /var/lib/xxgk/xxgk.db >/dev/null 2>&1 && ok || fail "xxgk db init as the user xxgk"

# purge: the user goes, the register stays
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${pkgs[@]}" >"$tmp/purge.log" 2>&1 &&
  ok || fail "apt-get purge: $(tail -5 "$tmp/purge.log")"
! getent passwd xxgk >/dev/null && ! getent group xxgk >/dev/null && ok || fail "purge left the user or group xxgk"
[ -s /var/lib/xxgk/xxgk.db ] && ok || fail "purge removed the register"
[ ! -e /etc/systemd/system/multi-user.target.wants/xxgk.service ] && ok || fail "purge left the unit enabled"
[ ! -e /usr/bin/xxgk ] && ok || fail "purge left /usr/bin/xxgk"
trap - EXIT
cleanup_status=0
summary || cleanup_status=1
cleanup
exit $cleanup_status
