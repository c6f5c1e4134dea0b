#!/usr/bin/env python3
"""ocr_score.py TRUTH.expected.json READ.json [NAME] — scores a reading of a
scanned report (`xxgk parse` of a scan) against the sample's truth: every
cell of the three tables is right (the same number), null (not read: the
reader was unsure or did not find the row) or wrong (a number other than
the truth's). Prints one line, `NAME: N cells, R right (P%), U null, W
wrong`, then each wrong cell; exits 1 if any is wrong."""
import json
import sys
from decimal import Decimal


def cells(doc, path=()):
    """(path, value) of every number or null under the tables' keys."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from cells(v, path + (k,))
    elif doc is None or isinstance(doc, (int, float, str)):
        yield path, doc


def main():
    truth = json.load(open(sys.argv[1]), parse_float=Decimal)
    got = json.load(open(sys.argv[2]), parse_float=Decimal)
    name = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    right = null = 0
    wrong = []
    for part in ("active", "applications", "reviews"):
        g = dict(cells(got.get(part) or {}))
        for path, want in cells(truth.get(part) or {}):
            if want is None:
                continue
            have = g.get(path)
            if have is None:
                null += 1
            elif Decimal(str(have)) == Decimal(str(want)):
                right += 1
            else:
                wrong.append((".".join((part,) + path), want, have))
    n = right + null + len(wrong)
    print("%s: %d cells, %d right (%.1f%%), %d null, %d wrong"
          % (name, n, right, 100.0 * right / n if n else 0, null, len(wrong)))
    for key, want, have in wrong:
        print("  WRONG %s: truth %s, read %s" % (key, want, have))
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
