#!/usr/bin/env python3
"""blank_pdf.py OUT.pdf [PAGES] — a PDF of empty A4 pages (default 1): no
text layer, as a scan is, for the tests of scans and of bad input."""
import sys

from scan_pdf import write_pdf

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (3 + i) for i in range(n)), n)]
objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
write_pdf(out, objs)
