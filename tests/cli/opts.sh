#!/usr/bin/env bash
# opts.sh — the command's one description (cli/commands.def) against what
# each subcommand's --help says, and one message for each kind of mistake in a
# command line, each exit 2 with nothing written.
xxgk=$1
. "$(dirname "$0")/../lib.sh"
export XXGK_DB=$tmp/r.db XXGK_USER=王五 XXGK_TODAY=2024-10-16
unset XXGK_CALENDAR

# The description of every command (cli/commands.def), as --help-table's
# first columns: "option CMD --long -s KIND", each command's own options,
# its family's, then --help.
awk -F'\t' '
  $1 == "family" { fam = $2; cmd = ""; next }
  $1 == "command" { cmd = $2; fam = ""; cmds[++n] = cmd; next }
  $1 == "common" { common[cmd] = $2; next }
  $1 == "option" {
    kind = $4; sub(/:.*/, "", kind)
    row = ($2 == "-" ? "" : "--" $2) "\t" ($3 == "-" ? "" : "-" $3) "\t" kind "\n"
    if (fam != "") family[fam] = family[fam] row; else own[cmd] = own[cmd] row
  }
  END {
    for (i = 1; i <= n; i++) {
      c = cmds[i]
      print "command\t" c
      rows = own[c] family[common[c]] "--help\t-h\tflag\n"
      while (rows != "") {
        j = index(rows, "\n")
        print "option\t" c "\t" substr(rows, 1, j - 1)
        rows = substr(rows, j + 1)
      }
    }
  }' "$(dirname "$0")/../../cli/commands.def" >"$tmp/table"
cmds=$(awk -F'\t' '$1 == "command" { print $2 }' "$tmp/table")
[ "$(echo "$cmds" | wc -w)" -ge 16 ] && ok || fail "cli/commands.def lists $(echo $cmds)"
# ... and the command's own table for generators (man pages, completions)
# says the same
"$xxgk" --help-table >"$tmp/built" 2>"$tmp/err" && ok || fail "--help-table: $(cat "$tmp/err")"
diff <(awk -F'\t' '$1 != "verb" { print $1 "\t" $2 ($1 == "option" ? "\t" $3 "\t" $4 "\t" $5 : "") }' "$tmp/built") \
  "$tmp/table" >"$tmp/diff" && ok || fail "--help-table and cli/commands.def differ: $(head -5 "$tmp/diff")"

# Both directions, for every subcommand: each option of its table is on
# its --help; each option its --help uses (synopsis, option lines,
# examples of this command) is in its table.
for cmd in $cmds; do
  "$xxgk" "$cmd" --help >"$tmp/help.$cmd" 2>&1 || fail "$cmd --help exits $?"
  awk -F'\t' -v c="$cmd" '$1 == "option" && $2 == c' "$tmp/table" >"$tmp/opts.$cmd"
  python3 - "$cmd" "$tmp/help.$cmd" "$tmp/opts.$cmd" <<'EOF' && ok || fail "$cmd: --help and the option table differ"
import re, sys
cmd, help_path, table_path = sys.argv[1:]
text = open(help_path, encoding="utf-8").read()
names = set()
for line in open(table_path, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    names |= {n for n in (f[2], f[3]) if n}
bad = 0
# the table's options: each on an option line of the help
lines = text.replace("\\\n", " ").split("\n")
opt_lines = [l for l in lines if re.match(r"^  -", l)]
for n in sorted(names):
    if not any(re.search(r"(^|[ ,])" + re.escape(n) + r"([ ,]|$)", l) for l in opt_lines):
        print(f"{cmd}: {n} of the table is not in --help", file=sys.stderr); bad = 1
# the help's options: in the synopsis (up to the first blank line, joined),
# the option lines, and each "xxgk CMD ..." of the examples (to a pipe)
synopsis = " ".join(text.split("\n\n")[0].split("\n"))
spans = re.findall(r"xxgk " + cmd + r"\b([^|&;\n]*)", synopsis + "\n" + "\n".join(lines))
spans += [l.split("  ")[1] if "  " in l.strip() else l for l in opt_lines]
for s in spans:
    for tok in re.findall(r"(?:^|[\s\[|,])(--?[A-Za-z][\w-]*)", s):
        if tok not in names:
            print(f"{cmd}: --help uses {tok}, not in the table", file=sys.stderr); bad = 1
sys.exit(bad)
EOF
  # the parser takes every option of the table: a value-taking option at the
  # end lacks its value, a flag given a value is refused — both before
  # anything runs
  # (fields split on \x1f: tabs, being white space, would merge empty ones;
  # timeout: a mistake the parser let through must not start a server)
  while IFS=$'\x1f' read -r long short kind; do
    [ "$long" = --help ] && continue
    opt=${long:-$short}
    if [ "$kind" = flag ]; then
      if [ -n "$long" ]; then arg="$long=x"; else arg="${short}x"; fi
      expect_rc 2 "$cmd $arg" timeout 10 "$xxgk" "$cmd" "$arg"
      expect_in "$tmp/err" "不带值" "$cmd $arg: a flag takes no value"
    else
      expect_rc 2 "$cmd $opt (no value)" timeout 10 "$xxgk" "$cmd" "$opt"
      expect_in "$tmp/err" "$opt 需要一个值" "$cmd $opt: missing value"
    fi
  done < <(awk -F'\t' '{ print $3 "\x1f" $4 "\x1f" $5 }' "$tmp/opts.$cmd")
  expect_rc 2 "$cmd --no-such-option" "$xxgk" "$cmd" --no-such-option
  expect_in "$tmp/err" "未知选项 --no-such-option" "$cmd: unknown option"
done
# `xxgk check -q` was accepted but missing from its help
grep -q '^  -q ' "$tmp/help.check" && ok || fail "check --help does not list -q"

expect_rc 0 "db init" "$xxgk" db init
expect_rc 0 "agency add" "$xxgk" agency add --name 某市生态环境局
audit() { sqlite3 "$XXGK_DB" "select count(*) from audit"; }
n0=$(audit)

# A forgotten value: the next option is not taken as the value
cd "$tmp"
expect_rc 2 "--content --db" "$xxgk" case new --agency 1 --received 2024-09-20 \
  --channel 网络 --category natural_person --name 张三 --content --db other.db
expect_in "$tmp/err" "--content 需要一个值" "forgotten value message"
[ ! -e other.db ] && ok || fail "--content --db other.db created other.db"
[ "$(audit)" = "$n0" ] && ok || fail "--content --db wrote to the register"
[ "$(sqlite3 "$XXGK_DB" "select count(*) from application")" = 0 ] && ok ||
  fail "--content --db stored an application"
cd - >/dev/null
# ... but a value may begin with "-" when written with "="
expect_rc 0 "--content=-x" "$xxgk" case new --agency 1 --received 2024-09-20 \
  --channel 网络 --category natural_person --name 张三 --content=-某项目
[ "$(sqlite3 "$XXGK_DB" "select content from application")" = -某项目 ] && ok ||
  fail "--content=-某项目 not stored as given"
n0=$(audit)

# Stray arguments
expect_rc 2 "case list extra" "$xxgk" case list extra
expect_in "$tmp/err" "多余的参数“extra”" "stray argument message"
expect_rc 2 "case new stray" "$xxgk" case new stray --agency 1 --received 2024-09-20 \
  --channel 网络 --category natural_person --name 张三 --content x
expect_rc 2 "case show two" "$xxgk" case show 1 2
expect_rc 2 "findings stray" "$xxgk" findings --db "$tmp/none.db" stray
expect_rc 2 "render two inputs" "$xxgk" render a.txt b.txt
expect_in "$tmp/err" "多余的参数“b.txt”" "render: stray argument"
expect_rc 2 "report stray" "$xxgk" report --agency 1 --year 2024 2024
[ "$(audit)" = "$n0" ] && ok || fail "a stray argument wrote to the register"

# Bad values, by kind
expect_rc 2 "impossible date" "$xxgk" case list --from 2026-02-30
expect_in "$tmp/err" "2026-02-30" "impossible date named"
expect_rc 2 "impossible --to" "$xxgk" case list --to 2026-13-01
expect_rc 2 "impossible received" "$xxgk" case new --agency 1 --received 2026-02-30 \
  --channel 网络 --category natural_person --name 张三 --content x
expect_rc 2 "impossible --today" "$xxgk" case due --today 2026-02-29
expect_rc 2 "impossible serve --today" timeout 10 "$xxgk" serve --today 2026-04-31
expect_rc 2 "id not a number" "$xxgk" case list --agency x1
expect_in "$tmp/err" "应为正整数编号" "id message"
expect_rc 2 "int out of range" "$xxgk" import -j 0 "$tmp"
expect_in "$tmp/err" "1 到 256" "int range message"
expect_rc 2 "int with junk" "$xxgk" case due --within 3x
expect_rc 2 "enum" "$xxgk" parse --format xml x.txt
expect_in "$tmp/err" "只能是 json、csv 或 md" "enum message"
expect_rc 2 "value twice" "$xxgk" case list --db "$XXGK_DB" --db "$tmp/b.db"
expect_in "$tmp/err" "只能给出一次" "twice message"
expect_rc 2 "alias twice" "$xxgk" report --agency 1 --year 2024 --to md --format txt
[ "$(audit)" = "$n0" ] && ok || fail "a bad value wrote to the register"

# The same mistake, the same message, whichever command
for c in "findings --year" "doc add --agency" "parse --format" "serve --listen"; do
  expect_rc 2 "$c" timeout 10 "$xxgk" $c
  expect_in "$tmp/err" "需要一个值" "$c: missing value message"
done

# A today past the year after the calendar's last notice is a typing error
expect_rc 2 "--today 2099" "$xxgk" case due --today 2099-01-01
expect_in "$tmp/err" "今天不能设为 2099-01-01：放假通知只发布到 2026 年" "--today 2099 message"
expect_rc 2 "XXGK_TODAY 2007" env XXGK_TODAY=2007-12-31 "$xxgk" case due
expect_in "$tmp/err" "早于 2008 年" "today 2007 message"

# Text that is not UTF-8 (GBK from a terminal or a file) is refused where the
# register stores it, naming the field, and nothing is written
gbk=$(printf '\xd5\xc5\xc8\xfd') # 张三 in GBK
expect_rc 2 "agency add GBK" "$xxgk" agency add --name "$gbk"
expect_in "$tmp/err" "机关名称不是有效的 UTF-8" "agency add GBK message"
expect_rc 2 "case new GBK" "$xxgk" case new --agency 1 --received 2024-09-20 \
  --channel 网络 --category natural_person --name "$gbk" --content x
expect_in "$tmp/err" "申请人姓名或名称不是有效的 UTF-8" "case new GBK message"
expect_rc 2 "user GBK" "$xxgk" agency user --agency 1 --name "$gbk"
expect_rc 2 "--user GBK" "$xxgk" agency add --name 某局 --user "$gbk"
expect_in "$tmp/err" "经办人不是有效的 UTF-8" "--user GBK message"
[ "$(audit)" = "$n0" ] && ok || fail "text not UTF-8 was written"
expect_rc 0 "lists stay JSON" sh -c "\"$xxgk\" agency list --json | python3 -m json.tool"

# A password is taken whole up to 1024 bytes, and refused past that, never
# cut (a 256-byte buffer once cut it silently)
long=$(head -c 1025 /dev/zero | tr '\0' x)
expect_rc 2 "password of 1025 bytes" sh -c "printf '%s\n' $long | \"$xxgk\" agency user --agency 1 --name 王敏 --login wangmin"
expect_in "$tmp/err" "1024" "password limit named"
expect_rc 0 "password of 1024 bytes" sh -c "printf '%s\n' ${long%x} | \"$xxgk\" agency user --agency 1 --name 王敏 --login wangmin"
n0=$(audit)

# "--" ends the options
expect_rc 0 "case show -- 1" "$xxgk" case show -- 1

# A repeatable option grows: 70 applications in one review, none dropped
for i in $(seq 2 70); do
  "$xxgk" case new --agency 1 --received 2024-09-20 --channel 网络 \
    --category natural_person --name "申请人$i" --content x >/dev/null || fail "case new $i"
done
cases=()
for i in $(seq 1 70); do cases+=(--case "$i"); done
expect_rc 0 "review with 70 cases" "$xxgk" review add --agency 1 \
  --kind administrative_review --filed 2024-10-01 "${cases[@]}"
[ "$(sqlite3 "$XXGK_DB" "select count(*) from review_application")" = 70 ] && ok ||
  fail "review kept $(sqlite3 "$XXGK_DB" "select count(*) from review_application") of 70 cases"
# Before a command runs (cli_dispatch): too few arguments, and mistakes that
# need more than one option, are said with nothing written to standard
# output and no database made, whatever --db names
none="$tmp/none.db"
said() { # said DESC MESSAGE CMD...: exit 2, MESSAGE on stderr, stdout empty
  local desc=$1 msg=$2
  shift 2
  expect_rc 2 "$desc" "$xxgk" "$@"
  expect_in "$tmp/err" "$msg" "$desc: message"
  [ ! -s "$tmp/out" ] && ok || fail "$desc: wrote $(head -c 200 "$tmp/out")"
}
for c in check parse score sum render; do
  said "$c without a file" "请给出报告文件" $c
done
said "import without a path" "请给出文件或目录" import --db "$none"
said "diff of one file" "请给出两个报告文件" diff a.txt
said "report without --year" "请给出 --year（年度）" report --db "$none" --agency 1
said "doc figure without --year" "请给出 --year（年度）" doc figure --db "$none" \
  --agency 1 --item fees --value 1
said "agency user without --agency" "请给出 --agency（机关编号）" agency user \
  --db "$none" --name 王敏
said "stats xlsx without -o" "--format xlsx 需要 -o" stats --db "$none" --format xlsx
said "agencies set short" "用法: set ID FIELD VALUE" agencies --db "$none" set 1 province
said "agencies, no such verb" "只有 set" agencies --db "$none" frob
said "db without a verb" "请给出子命令" db --db "$none"
said "register that is not there" "不存在" case list --db "$none"
said "corpus that is not there" "数据库不存在" findings --db "$none"
[ ! -e "$none" ] && ok || fail "a refused command line made $none"
# of the register's verbs, only db init makes one
expect_rc 0 "db init makes the register" "$xxgk" db init --db "$tmp/made.db"
[ -e "$tmp/made.db" ] && ok || fail "db init made no register"

summary
