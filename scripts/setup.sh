#!/usr/bin/env bash
# Installs what xxgk needs on Debian 12 (as root, or with sudo), skipping
# packages that are already there, so it is cheap to run before every build.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config   # toolchain
  libutf8proc-dev                    # Unicode categories and normalisation
  libpcre2-dev                       # narrative figures (N1, 信息处理费)
  libjson-c-dev                      # canonical JSON input, exact decimals
  libsodium-dev                      # content hashes of imported files
  libxlsxwriter-dev                  # statistics as Excel workbooks
  libsqlite3-dev                     # the register's storage        
  sqlite3                            # the register tests read the database
  libpq-dev                          # the PostgreSQL backend (libpq)
  postgresql postgresql-contrib      # tests: a throw-away cluster (pg_trgm)
  libmicrohttpd-dev                  # the web application's HTTP server
  curl                               # HTTP tests against the server
  libxml2-dev                        # reading HTML and DOCX reports
  libzip-dev                         # DOCX (ZIP) archives
  libmagic-dev                       # the media type of an attached file
  poppler-utils                      # pdftotext: the library runs it for PDF
  libtesseract-dev libleptonica-dev  # scans: recognition (loaded in a child)
  tesseract-ocr tesseract-ocr-chi-sim # its English and Chinese models
  imagemagick                        # tests: scans made from sample PDFs
  python3                            # test helpers
  python3-openpyxl                   # tests read the workbooks written
  clang libclang-rt-14-dev           # libFuzzer targets (scripts/fuzz.sh)
  valgrind                           # make valgrind (scripts/valgrind.sh)
  cppcheck                           # make lint (scripts/lint.sh)
  clang-format                       # make format (git clang-format)
  g++                                # the public headers compiled as C++
  libzip-dev                         # writing DOCX reports
  libreoffice-writer-nogui           # tests: DOCX → PDF (tests/cli/docx_pdf.sh)
  fonts-noto-cjk                     # CJK fonts for those PDFs and printing
  fonts-liberation                   # Times New Roman's metrics for them
  man-db bsdextrautils               # tests/cli/docs.sh: man, lexgrog, col
  bash-completion zsh                # the generated completions tested in them
  debhelper lintian                  # the Debian package (tests/install/install.sh)
  nginx-light openssl systemd        # tests/web/deploy.sh: the proxy, its certificate, the units
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The divisions' npm package, where Node.js is installed (a test's, not the
# build's: scripts/setup-divisions.sh).
bash "$(dirname "$0")/setup-divisions.sh"
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
