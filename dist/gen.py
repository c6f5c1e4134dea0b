#!/usr/bin/env python3
"""gen.py — the man pages and shell completions of xxgk, generated at build
time from the command itself, so that they cannot disagree with --help:

  xxgk --help-table   every subcommand, verb and option (cli/opts.c): the
                      option lists of the pages and the completions;
  xxgk CMD --help     the hand-written parts around the options (usage,
                      description, exit codes, examples), taken verbatim;
  include/*.h         the library's manual, xxgk(3), around the README's
                      C example.

Usage: gen.py XXGK INCLUDE_DIR README OUT_DIR
writes OUT_DIR/man1/xxgk.1, OUT_DIR/man1/xxgk-CMD.1 (one per subcommand),
OUT_DIR/man3/xxgk.3, OUT_DIR/bash/xxgk and OUT_DIR/zsh/_xxgk.
"""
import os
import re
import subprocess
import sys

HEADING = re.compile(r"^([^\x00-\x7f]+): ?(.*)$")  # "示例:" starts a section
OPTIONS = "\n选项:\n"  # where cli_usage() puts the option lines


def run(*argv):
    return subprocess.run(argv, check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def read_table(xxgk):
    """The commands in order, each {summary, verbs, opts}."""
    cmds = {}
    for line in run(xxgk, "--help-table").splitlines():
        f = line.split("\t")
        if f[0] == "command":
            cmds[f[1]] = {"summary": f[2], "verbs": [], "opts": []}
        elif f[0] == "verb":
            cmds[f[1]]["verbs"].append(f[2])
        elif f[0] == "option":
            long, short, kind, value, rep, choices, help_ = f[2:9]
            cmds[f[1]]["opts"].append({
                "long": long, "short": short, "kind": kind, "value": value,
                "repeat": rep == "1",
                "choices": choices.split("|") if choices else [],
                "help": help_})
        else:
            sys.exit(f"gen.py: unknown line in --help-table: {line!r}")
    return cmds


# ## roff

def esc(s):
    """Text for roff: backslashes, hyphens (so options are not broken or
    turned into dashes), and a control character at the start of a line."""
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + l if l[:1] in (".", "'") else l
                     for l in s.split("\n"))


def fill(s):
    """Filled text: groff breaks lines only at spaces, which Chinese does
    not have, so a zero-width break point (\\:) follows each wide
    character (not in the NAME line: whatis would keep them)."""
    # not after an opening bracket, nor before closing punctuation
    return re.sub(r"([\u2e80-\u9fff\uff00-\uffef])(?<![（“《「【])"
                  r"(?![，。、；：？！）”》」】])", r"\1\\:", esc(s))


def th(name, section, version, title):
    # left-aligned, no hyphenation: Chinese lines stretched to the margin
    # or split at a hyphen read badly
    return (f'.TH {esc(name.upper())} {section} "" "xxgk {version}" '
            f'"{title}"\n.ad l\n.nh\n')


def verbatim(text):
    """Lines kept as written: the help's aligned lists and examples."""
    return ".nf\n" + esc(text.rstrip("\n")) + "\n.fi\n"


def sections(text, first="说明"):
    """Paragraphs of help text as man sections: one opening "用法: …" or
    "示例:" starts that section; the others go on under the last one, or
    under `first` (after the usage too)."""
    out, current = "", None
    for para in re.split(r"\n\s*\n", text.strip("\n")):
        lines = para.split("\n")
        m = HEADING.match(lines[0])
        if m:
            current = m.group(1)
            out += f".SH {current}\n"
            # the lines after it were aligned under the text after "用法: "
            # (two columns a character, two for ": ")
            pad = len(m.group(1)) * 2 + 2
            lines = ([m.group(2)] if m.group(2) else []) + [
                l[pad:] if not l[:pad].strip() else l for l in lines[1:]]
        elif current is None:
            current = first
            out += f".SH {current}\n"
        else:
            out += ".PP\n"
        if lines:
            out += verbatim("\n".join(lines))
        if current == "用法":  # what follows the usage describes
            current = None
    return out


def option_items(opts):
    """Each option as --help shows it ("-o, --output FILE", an enum's
    choices a|b, "…" when repeatable): the names bold, the value italic."""
    out = ""
    for o in opts:
        names = o["short"] + (", " if o["short"] and o["long"] else "") + \
            o["long"]
        value = o["value"] or "|".join(o["choices"])
        tag = f"\\fB{esc(names)}\\fR"
        if o["kind"] != "flag" and value:
            tag += f" \\fI{esc(value + (' …' if o['repeat'] else ''))}\\fR"
        help_ = o["help"] + ("（可重复）" if o["repeat"] else "")
        out += f".TP\n{tag}\n{fill(help_)}\n"
    return out


def split_help(text, n_opts):
    """--help as written by cli_usage(): the synopsis, the option lines
    (n_opts of them) and the epilog."""
    at = text.find(OPTIONS)
    if at < 0:
        sys.exit("gen.py: no option list in --help")
    lines = text[at + len(OPTIONS):].split("\n")
    if any(not l.startswith("  -") for l in lines[:n_opts]):
        sys.exit("gen.py: --help has other option lines than the table")
    return text[:at + 1], "\n".join(lines[n_opts:])


def man_command(xxgk, name, cmd, version):
    synopsis, epilog = split_help(run(xxgk, name, "--help"),
                                  len(cmd["opts"]))
    page = th(f"xxgk-{name}", 1, version, "xxgk 手册")
    page += f".SH 名称\nxxgk\\-{esc(name)} \\- {esc(cmd['summary'])}\n"
    page += sections(synopsis)
    page += ".SH 选项\n" + option_items(cmd["opts"])
    page += sections(epilog)
    page += ".SH 另见\n.BR xxgk (1)\n"
    return page


def man_main(xxgk, cmds, version):
    text = run(xxgk, "--help")
    first, rest = text.split("\n", 1)
    page = th("xxgk", 1, version, "xxgk 手册")
    page += f".SH 名称\nxxgk \\- {esc(first.split(' — ', 1)[-1])}\n"
    # the command list is the table's; the rest of --help around it as is
    before, after = re.split(r"\n命令:\n(?:  .*\n)+", rest, maxsplit=1)
    page += sections(before)
    page += ".SH 命令\n"
    for name, cmd in cmds.items():
        page += (f".TP\n\\fB{esc(name)}\\fR\n{fill(cmd['summary'] + '；')}"
                 f"见 \\fBxxgk\\-{esc(name)}\\fR(1)\n")
    page += sections(after)
    page += ".SH 另见\n" + ",\n".join(
        f".BR xxgk\\-{esc(n)} (1)" for n in cmds) + ",\n.BR xxgk (3)\n"
    return page


# ## xxgk(3)

def readme_example(readme):
    """The C example of the README: the ```c block after its marker."""
    text = open(readme, encoding="utf-8").read()
    m = re.search(r"<!-- xxgk\(3\) example -->\s*```c\n(.*?)```", text,
                  re.S)
    if not m:
        sys.exit(f"gen.py: no example (<!-- xxgk(3) example -->) in {readme}")
    return m.group(1)


def header_body(path):
    """A public header as its reader sees it, without the include guard and
    the C++ linkage blocks."""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r'#ifdef __cplusplus\n(extern "C" \{|\})\n#endif\n', "",
                  text)
    text = re.sub(r"#ifndef (XXGK\w*_H)\n#define \1\n", "", text)
    text = re.sub(r"#endif\s*(/\*.*\*/)?\s*$", "", text)
    return text.strip("\n")


def man_library(include, readme, version):
    headers = sorted((h for h in os.listdir(include) if h.endswith(".h")),
                     key=lambda h: (h != "xxgk.h", h))
    page = th("xxgk", 3, version, "xxgk 库手册")
    page += ".SH 名称\nxxgk \\- 政府信息公开工作年度报告的 C 语言库（libxxgk）\n"
    page += ".SH 用法\n" + verbatim(
        "\n".join(f"#include <{h}>" for h in headers) +
        "\n\ncc prog.c $(pkg-config --cflags --libs xxgk)")
    page += ".SH 说明\n" + fill(
             "libxxgk 是 xxgk 命令背后的库：读取各种格式的年度报告，取出三张"
             "统计表，检查勾稽关系，按官方格式写出报告，管理依申请公开登记簿"
             "和报告语料库。下面是各公开头文件的全文：每个函数的说明就在它的"
             "声明之前（英文）。") + "\n"
    page += ".SH 示例\n" + verbatim(readme_example(readme))
    for h in headers:
        page += f".SH {esc(h)}\n" + verbatim(header_body(
            os.path.join(include, h)))
    page += ".SH 另见\n.BR xxgk (1),\n.BR pkg\\-config (1)\n"
    return page


# ## Completions

def value_action(o):
    """What completes an option's value: its choices, files or nothing."""
    if o["kind"] == "enum":
        return "choices"
    if o["value"] == "FILE":
        return "file"
    if o["value"] == "DIR":
        return "dir"
    return "none" if o["kind"] != "flag" else None


def bash(cmds):
    names = " ".join(cmds)
    opts_case = verbs_case = values_case = ""
    for name, c in cmds.items():
        words = " ".join(w for o in c["opts"] for w in (o["short"], o["long"])
                         if w)
        opts_case += f"    {name}) opts='{words}' ;;\n"
        if c["verbs"]:
            verbs_case += f"    {name}) verbs='{' '.join(c['verbs'])}' ;;\n"
        for o in c["opts"]:
            act = value_action(o)
            if not act:
                continue
            pats = "|".join(f"'{name} {w}'" for w in (o["short"], o["long"])
                            if w)
            if act == "choices":
                body = f"COMPREPLY=($(compgen -W '{' '.join(o['choices'])}' -- \"$cur\"))"
            elif act == "file":
                body = "compopt -o filenames; COMPREPLY=($(compgen -f -- \"$cur\"))"
            elif act == "dir":
                body = "compopt -o filenames; COMPREPLY=($(compgen -d -- \"$cur\"))"
            else:
                body = "COMPREPLY=()"
            values_case += f"    {pats}) {body}; return ;;\n"
    return f"""# bash completion for xxgk — generated from `xxgk --help-table` by
# dist/gen.py; do not edit.
_xxgk() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W '{names} --help --version' -- "$cur"))
    return
  fi
  local cmd=${{COMP_WORDS[1]}} opts= verbs=
  case "$cmd $prev" in
{values_case}  esac
  case $cmd in
{opts_case}    *) return ;;
  esac
  case $cmd in
{verbs_case}  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ -n "$verbs" ] && [ "$COMP_CWORD" -eq 2 ]; then
    COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
  else
    compopt -o filenames
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -F _xxgk xxgk
"""


def zsh_quote(s, special="[]"):
    """Text in a single-quoted _arguments spec: backslashes and `special`
    escaped for _arguments, quotes for the shell."""
    for c in "\\" + special:
        s = s.replace(c, "\\" + c)
    return s.replace("'", "'\\''")


def zsh(cmds):
    described = "\n".join(f"    '{n}:{zsh_quote(c['summary'], ':')}'"
                          for n, c in cmds.items())
    cases = ""
    for name, c in cmds.items():
        specs = []
        for o in c["opts"]:
            names = [w for w in (o["short"], o["long"]) if w]
            excl = f"({' '.join(names)})" if len(names) > 1 and \
                not o["repeat"] else ""
            star = "*" if o["repeat"] else ""
            names_part = "{" + ",".join(names) + "}" if len(names) > 1 \
                else names[0]
            spec = f"'{excl}{star}'{names_part}'[{zsh_quote(o['help'])}]"
            act = value_action(o)
            if act == "choices":
                spec += f":{o['kind']}:({' '.join(o['choices'])})"
            elif act == "file":
                spec += ":FILE:_files"
            elif act == "dir":
                spec += ":DIR:_files -/"
            elif act == "none":
                spec += f":{zsh_quote(o['value'], ':')}: "
            specs.append(spec + "'")
        if c["verbs"]:
            specs.append(f"'1:子命令:({' '.join(c['verbs'])})'")
        specs.append("'*:文件:_files'")
        cases += f"    {name})\n      _arguments -s \\\n        " + \
            " \\\n        ".join(specs) + " ;;\n"
    return f"""#compdef xxgk
# zsh completion for xxgk — generated from `xxgk --help-table` by
# dist/gen.py; do not edit.
_xxgk() {{
  local -a commands
  commands=(
{described}
  )
  if (( CURRENT == 2 )); then
    commands+=('--help:显示帮助' '--version:显示版本、提交和所用库的版本')
    _describe -t commands 'xxgk 命令' commands
    return
  fi
  local cmd=$words[2]
  shift words
  (( CURRENT-- ))
  case $cmd in
{cases}  esac
}}
_xxgk "$@"
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gen.py XXGK INCLUDE_DIR README OUT_DIR")
    xxgk, include, readme, out = sys.argv[1:]
    version = run(xxgk, "--version").split("\n", 1)[0].split()[-1]
    cmds = read_table(xxgk)
    write(f"{out}/man1/xxgk.1", man_main(xxgk, cmds, version))
    for name, cmd in cmds.items():
        write(f"{out}/man1/xxgk-{name}.1",
              man_command(xxgk, name, cmd, version))
    write(f"{out}/man3/xxgk.3", man_library(include, readme, version))
    write(f"{out}/bash/xxgk", bash(cmds))
    write(f"{out}/zsh/_xxgk", zsh(cmds))


main()
