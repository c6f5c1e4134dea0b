#!/usr/bin/env bash
# docs.sh XXGK GEN_DIR — the man pages and completions that dist/gen.py
# generated (GEN_DIR: man1/, man3/, bash/, zsh/) against the command:
#   - every line of `xxgk CMD --help` is in xxgk-CMD(1) as man renders it
#     (white space aside, a "示例:" heading being the section 示例), and
#     the page lists as many options as --help; the same for xxgk(1);
#   - man reads every page without a warning (what lintian checks);
#   - bash completes each command, its options, verbs and choices as the
#     option table lists them; the zsh script parses.
xxgk=$1 gen=$2
. "$(dirname "$0")/../lib.sh"

"$xxgk" --help-table >"$tmp/table" || fail "--help-table"
cmds=$(awk -F'\t' '$1 == "command" { print $2 }' "$tmp/table")
[ -n "$cmds" ] && ok || fail "no commands in the table"

# warns PAGE: man's warnings on PAGE as lintian asks for them (120 columns)
warns() {
  LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=120 man --warnings -E UTF-8 -l -Tutf8 -Z "$1" 2>&1 >/dev/null
}
# render PAGE: its text, one line a paragraph (nothing broken in two)
render() {
  LC_ALL=C.UTF-8 MANWIDTH=2000 man -E UTF-8 -l "$1" 2>&1 | LC_ALL=C.UTF-8 col -bx >"$tmp/page"
}

compare() { # compare HELP PAGE NAME
  python3 - "$@" <<'EOF'
import re, sys
help_path, page_path, name = sys.argv[1:]
norm = lambda s: " ".join(s.split())
page = norm(open(page_path, encoding="utf-8").read())
bad = 0
for line in open(help_path, encoding="utf-8").read().split("\n"):
    # a heading ("示例:", "用法: xxgk …") is the man section of that name
    want = norm(re.sub(r"^([^\x00-\x7f]+): ?", r"\1 ", line))
    if want and want not in page:
        print(f"{name}: not in the man page: {line.strip()}", file=sys.stderr)
        bad = 1
sys.exit(bad)
EOF
}

for cmd in $cmds; do
  page=$gen/man1/xxgk-$cmd.1
  [ -f "$page" ] && ok || { fail "no $page"; continue; }
  "$xxgk" "$cmd" --help >"$tmp/help" 2>&1
  [ -z "$(warns "$page")" ] && ok || fail "man warns on xxgk-$cmd(1): $(warns "$page" | head -3)"
  render "$page"
  compare "$tmp/help" "$tmp/page" "xxgk-$cmd(1)" && ok || fail "xxgk-$cmd(1) differs from its --help"
  n_help=$(grep -c '^  -' "$tmp/help")
  n_page=$(grep -c '^\.TP' "$page")
  [ "$n_help" = "$n_page" ] && ok || fail "xxgk-$cmd(1) lists $n_page options, --help $n_help"
done
# its first line, "xxgk 0.1.0 — 政府信息公开工作年度报告", is the page's name
"$xxgk" --help | tail -n +2 >"$tmp/help"
render "$gen/man1/xxgk.1"
grep -qF "xxgk - $("$xxgk" --help | head -1 | sed 's/.* — //')" "$tmp/page" && ok || fail "xxgk(1): its name is not --help's title"
compare "$tmp/help" "$tmp/page" "xxgk(1)" && ok || fail "xxgk(1) differs from xxgk --help"
for page in "$gen/man1/xxgk.1" "$gen/man3/xxgk.3"; do
  [ -z "$(warns "$page")" ] && ok || fail "man warns on $page: $(warns "$page" | head -3)"
  [ -n "$(lexgrog "$page" | grep -F ' - ')" ] && ok || fail "no whatis line in $page"
done
# xxgk(3): every public header's declarations
for h in "$(dirname "$0")"/../../include/*.h; do
  grep -q "^\.SH $(basename "$h")" "$gen/man3/xxgk.3" && ok || fail "xxgk(3) lacks $(basename "$h")"
done

# bash: what <TAB> offers after the words given
complete_bash() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    compopt() { :; } # only valid while bash itself completes
    _xxgk; printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$gen/bash/xxgk" "$@"
}
want=$(grep '^ca' <<<"$cmds" | sort) # case, calendar
[ "$(complete_bash xxgk ca)" = "$want" ] && ok || fail "bash: xxgk ca<TAB> gives $(complete_bash xxgk ca)"
want=$( (echo "$cmds"; echo --help; echo --version) | sort)
[ "$(complete_bash xxgk '')" = "$want" ] && ok || fail "bash: xxgk <TAB> is not every command"
for cmd in $cmds; do
  want=$(awk -F'\t' -v c="$cmd" '$1 == "option" && $2 == c { if ($3) print $3; if ($4) print $4 }' "$tmp/table" | sort)
  [ "$(complete_bash xxgk "$cmd" -)" = "$want" ] && ok || fail "bash: xxgk $cmd -<TAB> is not its options"
  want=$(awk -F'\t' -v c="$cmd" '$1 == "verb" && $2 == c { print $3 }' "$tmp/table" | sort)
  if [ -n "$want" ]; then
    [ "$(complete_bash xxgk "$cmd" '')" = "$want" ] && ok || fail "bash: xxgk $cmd <TAB> is not its verbs"
  fi
done
while read -r cmd long choices; do
  want=$(echo "$choices" | tr '|' '\n' | sort)
  [ "$(complete_bash xxgk "$cmd" "$long" '')" = "$want" ] && ok || fail "bash: xxgk $cmd $long <TAB> is not $choices"
done < <(awk -F'\t' '$1 == "option" && $5 == "enum" { print $2, $3, $8 }' "$tmp/table")

if command -v zsh >/dev/null; then
  zsh -n "$gen/zsh/_xxgk" && ok || fail "zsh: _xxgk does not parse"
fi
summary
