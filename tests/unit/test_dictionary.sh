#!/usr/bin/env bash
# test_dictionary.sh TSV DOC — the data dictionary (data/dictionary.tsv, from
# which lib/dict.c is built) and its description for people
# (docs/annual-report.md) name the same cells: every table's rows in order
# with their keys, labels, row groups and formats, every column with its key,
# label, group and unit. A key or label changed in one and not the other
# fails here, so the public contract cannot drift from the code.
set -uo pipefail
exec python3 - "$@" <<'EOF'
import re, sys

tsv_path, doc_path = sys.argv[1:]
sets, rows = {}, []
for line in open(tsv_path, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    f = [x or None for x in line.split("\t")]
    if f[0] == "columns":
        sets.setdefault(f[1], []).append(
            dict(key=f[2], label=f[3], group=f[4], kind=f[5], unit=f[6]))
    else:
        rows.append(dict(table=f[1], key=f[2], label=f[3], group=f[4],
                         subgroup=f[5], formats=f[6], cols=sets[f[8]]))

bad = []
def expect(cond, what):
    if not cond:
        bad.append(what)

def same_keys(where, doc, dic):
    """The document names the dictionary's keys, in its order."""
    extra = [k for k in doc if k not in dic]
    missing = [k for k in dic if k not in doc]
    expect(doc == dic, f"{where}: the document names {extra or 'no key'} the dictionary "
           f"has not, lacks {missing or 'none'} of it" + (", or orders them otherwise"
                                                         if not extra and not missing else ""))

# The document's parts: "## Table 3: `applications` …", "### format 2021".
part, fmt, header, text, tables = None, None, None, {}, {}
for line in open(doc_path, encoding="utf-8"):
    m = re.match(r"##+ (?:Table \d+|Part \d+): `(\w+)`", line)
    if m:
        part, fmt = m.group(1), None
    elif line.startswith("### format "):
        fmt = line.split()[-1]
    elif line.startswith("## "):
        part = None
    elif part:
        text[part] = text.get(part, "") + line
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `"):
            tables.setdefault((part, fmt, header), []).append(cells)
        elif line.startswith("| "):
            header = cells[0]
text = {t: " ".join(s.split()) for t, s in text.items()}
expect(set(text) == {r["table"] for r in rows},
       f"the document's tables {sorted(text)} are not the dictionary's")

def check_cols(where, cell, cols):
    """cell lists cols as "label `key`" (or "`key`" once the label is
    known), comma-separated, in order."""
    items = [re.match(r"\s*(.*?)\s*`(\w+)`", i) for i in cell.split(",")]
    keys = [m.group(2) for m in items if m]
    same_keys(f"{where}, columns", keys, [c["key"] for c in cols])
    for m, c in zip(items, cols):
        expect(not m or m.group(1) in ("", c["label"]),
               f"{where}.{c['key']}: label {m and m.group(1)!r}, the dictionary has {c['label']!r}")
        expect(not c["unit"] or c["unit"] in cell,
               f"{where}.{c['key']}: no unit {c['unit']}")

# Table 2: a table per format, "| `active.key` | label (item) | columns |".
for f in ("2021", "2019"):
    want = [r for r in rows if r["table"] == "active" and r["formats"] in (f, "any")]
    got = tables.get(("active", f, "key"), [])
    same_keys(f"active, format {f}", [c[0].strip("`") for c in got],
              [f"active.{r['key']}" for r in want])
    prev = None
    for cells, r in zip(got, want):
        where = f"active.{r['key']} ({f})"
        expect(cells[1].split(" (")[0] == r["label"],
               f"{where}: label {cells[1]!r}, the dictionary has {r['label']!r}")
        if cells[2] == "same three":
            expect(prev is r["cols"], f"{where}: not the same columns as the row above")
        else:
            check_cols(where, cells[2], r["cols"])
        prev = r["cols"]

# Table 3: its columns, then its rows with each group's heading on the
# group's first row and a note on the rows of one format.
want = [r for r in rows if r["table"] == "applications"]
cols = want[0]["cols"]
got = tables.get(("applications", None, "column key"), [])
same_keys("applications, columns", [c[0].strip("`") for c in got], [c["key"] for c in cols])
for cells, c in zip(got, cols):
    label = f"{c['group']} / {c['label']}" if c["group"] else c["label"]
    expect(cells[1] == label, f"applications column {c['key']}: {cells[1]!r}, the dictionary has {label!r}")
got = tables.get(("applications", None, "row key"), [])
same_keys("applications, rows", [c[0].strip("`") for c in got], [r["key"] for r in want])
group = subgroup = None
for cells, r in zip(got, want):
    expect(r["cols"] is cols, f"applications.{r['key']}: columns not the table's")
    m = re.fullmatch(r"(.*?)(?:, [a-z][a-z ]*)?(?: — format (\d+) only)?", cells[1])
    label = ""
    if r["group"] and r["group"] != group:
        label += r["group"] + " "
    if r["subgroup"] and r["subgroup"] != subgroup:
        label += r["subgroup"] + " "
    label += r["label"]
    group, subgroup = r["group"], r["subgroup"]
    expect(m.group(1) == label, f"applications.{r['key']}: {m.group(1)!r}, the dictionary has {label!r}")
    expect((m.group(2) or "any") == r["formats"],
           f"applications.{r['key']}: format {m.group(2) or 'any'}, the dictionary has {r['formats']}")

# Table 4 and part 6, in prose: "`reviews.key` (group / label)", then the
# columns "`key` label"; "`processing_fees.key` (label, unit)".
for t in ("reviews", "processing_fees"):
    want = [r for r in rows if r["table"] == t]
    named = re.findall(rf"`{t}\.(\w+)`", text.get(t, ""))
    keys = [r["key"] for r in want if r["key"]] + ([] if want[0]["key"] else [c["key"] for c in want[0]["cols"]])
    same_keys(t, named, keys)
    for r in want:
        if r["key"]:
            label = f"{r['group']} / {r['label']}" if r["group"] else r["label"]
            expect(f"`{t}.{r['key']}` ({label})" in text[t], f"{t}.{r['key']}: not named ({label})")
    for c in want[0]["cols"]:
        said = (f"`{c['key']}` {c['label']}" if want[0]["key"] else
                f"`{t}.{c['key']}` ({c['label']}{', ' + c['unit'] if c['unit'] else ''})")
        expect(said in text[t], f"{t}: no {said}")

for b in bad:
    print(f"FAIL: {doc_path} and {tsv_path} disagree: {b}", file=sys.stderr)
n = len(rows) + sum(len(c) for c in sets.values())
print(f"{n} rows and columns compared, {len(bad)} disagreements")
sys.exit(1 if bad else 0)
EOF
