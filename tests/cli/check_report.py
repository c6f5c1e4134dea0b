#!/usr/bin/env python3
"""check_report.py — structural checks of the report writers' output that a
byte comparison cannot make, with the standard library only:

  docx FILE   every part is well-formed XML; the parts Word needs are there
              and [Content_Types].xml names them; in every table each row's
              cells (w:gridSpan) fill the grid (w:tblGrid) exactly, and each
              continuing w:vMerge cell stands under a cell of the same
              columns that starts or continues the merge.
  html FILE   HTML5 shell (doctype, lang, charset, title, @page A4); every
              element closed in order; in every table, with rowspan and
              colspan, each row fills the same number of columns.

Prints "ok" or the first problems, and exits 1 on a problem.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def check_docx(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    for need in ("[Content_Types].xml", "_rels/.rels", "word/document.xml",
                 "word/_rels/document.xml.rels", "word/styles.xml"):
        if need not in names:
            problems.append("missing part " + need)
    if names and names[0] != "[Content_Types].xml":
        problems.append("[Content_Types].xml is not the first entry")
    parts = {}
    for n in names:
        try:
            parts[n] = ET.fromstring(z.read(n))
        except ET.ParseError as e:
            problems.append("%s: not well-formed: %s" % (n, e))
    ct = z.read("[Content_Types].xml").decode()
    for n in names:
        if n.endswith(".xml") and not n.startswith("[") and "/" + n not in ct \
                and 'Extension="xml"' not in ct:
            problems.append("content type of %s not declared" % n)
    doc = parts.get("word/document.xml")
    if doc is None:
        return
    for t, tbl in enumerate(doc.iter(W + "tbl")):
        cols = len(tbl.find(W + "tblGrid").findall(W + "gridCol"))
        above = None  # per grid column: the vMerge state of the row above
        for r, tr in enumerate(tbl.findall(W + "tr")):
            row = []
            for tc in tr.findall(W + "tc"):
                pr = tc.find(W + "tcPr")
                span = pr.find(W + "gridSpan") if pr is not None else None
                span = int(span.get(W + "val")) if span is not None else 1
                vm = pr.find(W + "vMerge") if pr is not None else None
                state = None if vm is None else vm.get(W + "val", "continue")
                if tc.find(W + "p") is None:
                    problems.append("table %d row %d: a cell without a "
                                    "paragraph" % (t, r))
                row += [(state, span, len(row))] * span
            if len(row) != cols:
                problems.append("table %d row %d: %d grid columns, want %d"
                                % (t, r, len(row), cols))
                return
            for x, (state, span, start) in enumerate(row):
                if state == "continue" and (
                        above is None or above[x][0] is None or
                        above[x][1] != span or above[x][2] != start):
                    problems.append("table %d row %d col %d: vMerge continues "
                                    "nothing" % (t, r, x))
            above = row


class Grid(HTMLParser):
    VOID = {"meta", "link", "br", "col", "img", "hr", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tables, self.seen = [], [], set()
        self.doctype = False

    def handle_decl(self, decl):
        self.doctype |= decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.seen.add(tag)
        if tag == "html" and a.get("lang") != "zh-CN":
            problems.append("<html> without lang=\"zh-CN\"")
        if tag == "meta" and "charset" in a and a["charset"] != "utf-8":
            problems.append("charset is not utf-8")
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "table":
            self.tables.append({"rows": [], "carry": {}})
        elif tag == "tr":
            self.tables[-1]["rows"].append(0)
            self.tables[-1]["x"] = 0
        elif tag in ("td", "th"):
            t = self.tables[-1]
            y = len(t["rows"]) - 1
            while (y, t["x"]) in t["carry"]:
                t["x"] += 1
            w, h = int(a.get("colspan", 1)), int(a.get("rowspan", 1))
            for dy in range(1, h):
                for dx in range(w):
                    t["carry"][(y + dy, t["x"] + dx)] = 1
            t["x"] += w

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            problems.append("</%s> closes <%s>" % (tag, self.stack[-1]
                                                   if self.stack else "-"))
            return
        self.stack.pop()
        if tag == "tr":
            t = self.tables[-1]
            y = len(t["rows"]) - 1
            while (y, t["x"]) in t["carry"]:
                t["x"] += 1
            t["rows"][y] = t["x"]


def check_html(path):
    text = open(path, encoding="utf-8").read()
    g = Grid()
    g.feed(text)
    g.close()
    if not g.doctype:
        problems.append("no <!DOCTYPE html>")
    for need in ("title", "style", "meta", "h1", "h2", "table"):
        if need not in g.seen:
            problems.append("no <%s>" % need)
    if "@page { size: A4" not in text:
        problems.append("no A4 @page rule")
    if g.stack:
        problems.append("unclosed: " + " ".join(g.stack))
    for i, t in enumerate(g.tables):
        if len(set(t["rows"])) != 1:
            problems.append("table %d: rows of %s columns" % (i, t["rows"]))


if __name__ == "__main__":
    {"docx": check_docx, "html": check_html}[sys.argv[1]](sys.argv[2])
    for p in problems[:20]:
        print(p)
    print("ok" if not problems else "%d problems" % len(problems))
    sys.exit(1 if problems else 0)
