#!/usr/bin/env python3
"""truth.py — the truth files of the real corpus, with the standard library only.

A truth file (NAME.truth.json) holds what a person read in the fixture NAME.*:
every printed cell under the canonical keys of docs/annual-report.md, plus
title/year/agency where the source states them. A cell printed empty, `—` or
`无` is 0 and its key is listed in `_blank`; a cell the source does not print
is absent. Keys starting with `_` describe the fixture:

  _classes           the classes of input it exercises (1–7 as in SOURCES.md, 0 clean)
  _blank             keys of cells printed empty/—/无 (their value is 0)
  _inconsistencies   the rules the printed numbers break, as "RULE WHERE"
                     (A1/A2: the column; A3: the row; R1: the review group)
  _mixed             table 3 is printed in the other format's layout

Used as a command, it turns a compact hand-written reading into the JSON:

  truth.py READING.txt > NAME.truth.json

READING.txt, one item a line (`#` starts a comment):

  format 2021|2019        the layout of table 2 (and of table 3 unless:)
  table3 2019|2021        table 3 printed in the other layout
  title TEXT | year N | agency TEXT
  classes 1 6
  active                  then one line per row of table 2, in the template's order
  apps                    then one line per row of table 3, in order, 7 cells each
  reviews                 then the 15 numbers of table 4 (any line breaks)
  fees N N N              processing fees: notices, amount due, collected (x: not stated)

A cell is a number, `_` (printed empty/—/无: 0), or `x` (not printed: absent).
The row and column orders are those of the sample reports' expected files,
which hold every key of each format.
"""
import json
import os
import sys
from collections import OrderedDict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
TEMPLATES = {"2021": "laocheng-2023.expected.json",
             "2019": "tianjin-jinghai-office-2019.expected.json"}


def template(fmt):
    with open(os.path.join(DATA, TEMPLATES[fmt]), encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def number(tok):
    d = Decimal(tok)
    return int(d) if d == d.to_integral_value() and "." not in tok else d


def expand(path):
    meta, sections, cur = OrderedDict(), {"active": [], "apps": [], "reviews": []}, None
    fees = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            word, _, rest = line.partition(" ")
            if word in sections:
                cur = word
            elif word in ("format", "table3", "title", "agency"):
                meta[word] = rest.strip()
            elif word == "year":
                meta["year"] = int(rest)
            elif word == "classes":
                meta["classes"] = [int(t) for t in rest.split()]
            elif word == "fees":
                fees = rest.split()
            elif cur is None:
                sys.exit("%s: %r before any section" % (path, line))
            else:
                sections[cur].append(line.split())
    fmt = meta["format"]
    t2, t3 = template(fmt), template(meta.get("table3", fmt))
    out = OrderedDict([("format", fmt)])
    for k in ("year", "agency", "title"):
        if k in meta:
            out[k] = meta[k]
    blank = []

    def put(dst, key, tok):
        if tok == "x":
            return
        if tok == "_":
            dst[key.rsplit(".", 1)[1]] = 0
            blank.append(key)
        else:
            dst[key.rsplit(".", 1)[1]] = number(tok)

    def table(name, tmpl, rows):
        if len(rows) != len(tmpl):
            sys.exit("%s: %s has %d rows, the layout %d" % (path, name, len(rows), len(tmpl)))
        res = OrderedDict()
        for (row, cols), toks in zip(tmpl.items(), rows):
            if len(toks) != len(cols):
                sys.exit("%s: %s.%s has %d cells, the layout %d: %s"
                         % (path, name, row, len(toks), len(cols), " ".join(toks)))
            cells = OrderedDict()
            for col, tok in zip(cols, toks):
                put(cells, "%s.%s.%s" % (name, row, col), tok)
            if cells:
                res[row] = cells
        return res

    out["active"] = table("active", t2["active"], sections["active"])
    out["applications"] = table("applications", t3["applications"], sections["apps"])
    toks = [t for line in sections["reviews"] for t in line]
    if len(toks) != 15:
        sys.exit("%s: reviews has %d numbers, the layout 15" % (path, len(toks)))
    out["reviews"] = table("reviews", t2["reviews"], [toks[i:i + 5] for i in range(0, 15, 5)])
    if fees:
        pf = OrderedDict()
        for k, tok in zip(("notices", "amount_due", "collected"), fees):
            put(pf, "processing_fees." + k, tok)
        out["processing_fees"] = pf
    out["_classes"] = meta.get("classes", [0])
    if "table3" in meta and meta["table3"] != fmt:
        out["_mixed"] = True
    out["_blank"] = blank
    out["_inconsistencies"] = inconsistencies(out)
    return out


def inconsistencies(d):
    """The rules A1–A3 and R1 broken by the printed numbers, over the cells
    present; the row and column roles come from the keys alone."""
    found = []
    apps = d.get("applications", {})
    cols = []
    for r in apps.values():
        for c in r:
            if c not in cols:
                cols.append(c)
    people = [c for c in cols if c != "total"]
    ends = ("received", "carried_over", "total", "carried_forward")
    outcomes = [r for r in apps if r not in ends]

    def val(row, col):
        return apps.get(row, {}).get(col)

    for c in cols:
        a = [val(r, c) for r in ends]
        if None not in a and a[0] + a[1] != a[2] + a[3]:
            found.append("A1 " + c)
        o = [val(r, c) for r in outcomes]
        if val("total", c) is not None and outcomes and None not in o and sum(o) != val("total", c):
            found.append("A2 " + c)
    for r, cells in apps.items():
        p = [cells.get(c) for c in people]
        if "total" in cells and people and None not in p and sum(p) != cells["total"]:
            found.append("A3 " + r)
    for g, cells in d.get("reviews", {}).items():
        parts = [cells.get(k) for k in ("upheld", "corrected", "other", "pending")]
        if "total" in cells and None not in parts and sum(parts) != cells["total"]:
            found.append("R1 " + g)
    return found


def dump(d):
    # A Decimal is written as the number it prints (float's repr keeps the
    # digits of any amount with up to 15 of them).
    return json.dumps(d, ensure_ascii=False, indent=2,
                      default=lambda v: float(v) if isinstance(v, Decimal) else str(v)) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = expand(sys.argv[1])
    sys.stdout.write(dump(d))
    if d["_inconsistencies"]:
        sys.stderr.write("%s: printed inconsistencies: %s\n" % (sys.argv[1], ", ".join(d["_inconsistencies"])))
